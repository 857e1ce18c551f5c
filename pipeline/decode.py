"""Bytes to text: BOMs, UTF-8, UTF-16 without BOM, Chinese legacy encodings, then detection.

Never raises for text-like input; raises InputError for input that is not text at all.
"""
from __future__ import annotations

import codecs
import re

from .errors import InputError

BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or DOCX/XLSX)",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7z archive",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nuls = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


_CJK_UNIFIED = re.compile(r"[\u4e00-\u9fff]")


def _utf16_cjk_without_bom(data: bytes) -> tuple[str, str] | None:
    """Chinese UTF-16 without a BOM has no NUL bytes to give it away; it decodes strictly
    and is mostly common CJK ideographs. GBK and Big5 read as UTF-16 give Hangul,
    surrogates or private-use characters instead, so a high share rules them out."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:50_000]
        if len(_CJK_UNIFIED.findall(sample)) >= 0.8 * len(sample.replace(" ", "")):
            return text, encoding
    return None


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding, warnings)."""
    warnings: list[str] = []
    if not data.strip():
        raise InputError("empty file (no text, or only whitespace): nothing to extract; "
                         "check the scraper saved the page")
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"not text: the file is {what}; convert it to text first")
    text, encoding = _decode(data, warnings)
    nuls = text.count("\x00")
    if nuls:
        if nuls > len(text) * 0.1:
            raise InputError("not text: the file is mostly NUL bytes (binary data); convert it to text first")
        text = text.replace("\x00", "")
        warnings.append(f"removed {nuls} NUL characters")
    if not text.strip():
        raise InputError("empty file (no text, or only whitespace): nothing to extract; "
                         "check the scraper saved the page")
    if encoding == "utf-8" and _MOJIBAKE.search(text):
        text = _repair_mojibake(text, warnings)
    return text, encoding, warnings


def _decode(data: bytes, warnings: list[str]) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16_cjk = _utf16_cjk_without_bom(data)
    if utf16_cjk:
        warnings.append(f"no byte-order mark: read as {utf16_cjk[1]} (Chinese text)")
        return utf16_cjk
    mixed = _decode_mixed_lines(data, warnings)
    if mixed is not None:
        return mixed
    return _decode_legacy(data, warnings)


# UTF-8 read as Latin-1/cp1252 and saved again: a lead byte (Â..ô) followed by a
# continuation byte shown as a Latin-1 or cp1252 character. Cheap pre-check before ftfy.
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
                       "\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


def _repair_mojibake(text: str, warnings: list[str]) -> str:
    import ftfy

    fixed = ftfy.fix_encoding(text)
    if fixed != text:
        warnings.append("repaired mojibake (UTF-8 that had been read as Latin-1 and saved again)")
    return fixed


def _decode_mixed_lines(data: bytes, warnings: list[str]) -> tuple[str, str] | None:
    """A file pasted together from UTF-8 and GBK/Big5 parts: decode line by line.

    b"\\n" never occurs inside a UTF-8, GBK or Big5 multi-byte character, so splitting
    on it is safe. Only used when some non-ASCII lines are valid UTF-8 and others are not.
    """
    lines = data.split(b"\n")
    utf8_lines = legacy_lines = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            legacy_lines += 1
    if not utf8_lines or not legacy_lines:
        return None
    out, used = [], set()
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(line, warnings)
            out.append(text)
            used.add(encoding)
    warnings.append(f"mixed encodings: {legacy_lines} line(s) decoded as {'/'.join(sorted(used))}, "
                    f"{utf8_lines} as UTF-8")
    return "\n".join(out), "mixed"


# Characters a real Chinese page almost never has: private use, CJK extension A, and
# rare symbol blocks. GB18030 decodes nearly any byte string, so Big5 text read as GB18030
# shows up here as a high share of them.
_IMPLAUSIBLE = re.compile(r"[\u3400-\u4dbf\ue000-\uf8ff\u2e80-\u2fdf\u3100-\u312f\ufffd]")


def _decode_legacy(data: bytes, warnings: list[str]) -> tuple[str, str]:
    candidates = []
    for rank, encoding in enumerate(("gb18030", "big5")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((len(_IMPLAUSIBLE.findall(text[:100_000])), rank, text, encoding))
    if candidates:
        _, _, text, encoding = min(candidates)
        return text, encoding
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        warnings.append(f"encoding guessed as {best.encoding}")
        return data.decode(best.encoding, errors="replace"), best.encoding
    warnings.append("encoding unknown: decoded as UTF-8 with replacement characters")
    return data.decode("utf-8", errors="replace"), "utf-8"
