"""Number phrases as written in bulletins: `en` (English digits, number words, magnitudes,
qualifiers, ranges). Whether a number is a count is decided by `counts`."""
