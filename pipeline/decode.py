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


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding, warnings)."""
    warnings: list[str] = []
    if not data.strip():
        raise InputError("empty file (no text, or only whitespace): nothing to extract; "
                         "check the scraper saved the page")
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"not text: the file is {what}; convert it to text first")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding, warnings
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16, warnings
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data, warnings)
    nuls = text.count("\x00")
    if nuls:
        if nuls > len(text) * 0.1:
            raise InputError("not text: the file is mostly NUL bytes (binary data); convert it to text first")
        text = text.replace("\x00", "")
        warnings.append(f"removed {nuls} NUL characters")
    return text, encoding, warnings


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
