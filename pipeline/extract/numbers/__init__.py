"""Number phrases as written in bulletins: `en` (English digits, number words, magnitudes,
qualifiers, ranges) and `zh` (Arabic digits with Chinese magnitudes, Chinese numerals, vague
magnitudes, qualifiers). Whether a number is a count is decided by `counts`."""
