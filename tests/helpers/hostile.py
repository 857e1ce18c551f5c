"""Build a folder with one file for every hostile-input case the pipeline must survive.

`make_hostile_folder(root)` writes the files and returns the cases: for each, the file
name (bytes when the name is not valid UTF-8), what the pipeline must produce ("record"
or "error") and words the record's warnings or the error row's message must contain.
Bulletin sentences here are written for the tests, in the style of the corpus.
"""
from __future__ import annotations

import codecs
import io
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

EN = ("Hongshan District news. Up to now, 36 preaching activities were carried out in the "
      "district, covering more than 2,000 residents in 12 communities.\n")
ZH = "洪山区开展宣讲活动36场，覆盖群众2000余人，走访社区12个。\n"
ZH_TRAD = "洪山區開展宣講活動36場，覆蓋群眾2000餘人，走訪社區12個。\n"
HUGE_BYTES = 50 * 1024 * 1024
LONG_LINE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str                   # what the case is, for the table in docs/hostile.md
    filename: str | bytes       # bytes: not valid UTF-8
    expect: str                 # "record" or "error"
    words: str = ""             # must appear in the warnings (record) or message (error)
    unreadable: bool = False    # tests make reading it raise PermissionError (root reads anything)


def _png() -> bytes:
    raw = b"\x00\xff\x00\x00" * 4
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _zip() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bulletin.txt", EN)
    return buffer.getvalue()


def _html() -> bytes:
    return ("<!DOCTYPE html><html><head><title>Hongshan District news</title>"
            "<style>p { color: red }</style><script>var x = '99 fake activities';</script></head>"
            "<body><div class='nav'>Home | News</div><p>Up to now, 36 preaching activities were "
            "carried out in the district,&nbsp;covering more than 2,000 residents.</p></body></html>"
            ).encode("utf-8")


CASES = [
    Case("empty file", "empty.txt", "error", "empty file"),
    Case("whitespace only", "whitespace.txt", "error", "empty file"),
    Case("PNG image named .txt", "image.txt", "error", "PNG image"),
    Case("ZIP archive", "archive", "error", "ZIP archive"),
    Case("PDF document", "report.txt", "error", "PDF document"),
    Case("UTF-16 with BOM", "utf16_bom.txt", "record"),
    Case("UTF-16 without BOM (English)", "utf16_nobom_en.txt", "record"),
    Case("UTF-16 without BOM (Chinese)", "utf16_nobom_zh.txt", "record", "no byte-order mark"),
    Case("GBK", "gbk.txt", "record"),
    Case("GB18030", "gb18030.txt", "record"),
    Case("Big5", "big5.txt", "record"),
    Case("UTF-8 read as Latin-1 (mojibake)", "mojibake.txt", "record", "mojibake"),
    Case("mixed encodings (UTF-8 + GBK lines)", "mixed.txt", "record", "mixed encodings"),
    Case("HTML page", "page.html", "record", "HTML page"),
    Case("50 MB file (over max_bytes)", "huge.txt", "error", "over the limit"),
    Case("1 MB single line, no spaces", "long_line.txt", "error", "not prose"),
    Case("NUL bytes inside text", "nul.txt", "record", "NUL"),
    Case("mostly NUL bytes", "nul_binary.txt", "error", "NUL bytes"),
    Case("unreadable file (permission denied)", "unreadable.txt", "error", "Permission denied",
         unreadable=True),
    Case("FIFO (named pipe)", "pipe.txt", "error", "not a regular file"),
    Case("dangling symlink", "dangling.txt", "error", "cannot read file"),
    Case("symlink loop (file)", "loop_file.txt", "error", "symlink loop"),
    Case("symlink loop (folder)", "loop_dir", "error", "symlink loop"),
    Case("undecodable file name", b"name_\xff\xfe.txt", "record"),
]


def make_hostile_folder(root: Path) -> list[Case]:
    """Write every case under root/ (which must exist) and return the cases."""
    def write(name, data: bytes):
        path = os.path.join(os.fsencode(root), os.fsencode(name) if isinstance(name, str) else name)
        with open(path, "wb") as handle:
            handle.write(data)

    write("empty.txt", b"")
    write("whitespace.txt", b"  \n\t \r\n  \n")
    write("image.txt", _png())
    write("archive", _zip())
    write("report.txt", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    write("utf16_bom.txt", codecs.BOM_UTF16_LE + (EN + ZH).encode("utf-16-le"))
    write("utf16_nobom_en.txt", EN.encode("utf-16-le"))
    write("utf16_nobom_zh.txt", ZH.strip().replace("36", "三十六").replace("2000", "两千")
          .replace("12", "十二").encode("utf-16-le"))
    write("gbk.txt", ZH.encode("gbk"))
    write("gb18030.txt", (ZH + "𠀀").encode("gb18030"))
    write("big5.txt", ZH_TRAD.encode("big5"))
    write("mojibake.txt", (EN + ZH).encode("utf-8").decode("latin-1").encode("utf-8"))
    write("mixed.txt", EN.encode("utf-8") + ZH.encode("utf-8") + ZH.encode("gbk"))
    write("page.html", _html())
    with open(os.path.join(root, "huge.txt"), "wb") as handle:
        block = EN.encode() * (1024 * 1024 // len(EN) + 1)
        written = 0
        while written < HUGE_BYTES:
            written += handle.write(block)
    write("long_line.txt", (b"Ab3-x7_Q9" * (LONG_LINE_BYTES // 9 + 1))[:LONG_LINE_BYTES])
    write("nul.txt", EN.replace(" were", "\x00 were").encode("utf-8"))
    write("nul_binary.txt", b"\x00\x00\x01\x00" * 256 + b"abc")
    write("unreadable.txt", EN.encode("utf-8"))
    os.chmod(os.path.join(root, "unreadable.txt"), 0)
    os.mkfifo(os.path.join(root, "pipe.txt"))
    os.symlink(os.path.join(root, "does-not-exist.txt"), os.path.join(root, "dangling.txt"))
    os.symlink(os.path.join(root, "loop_file.txt"), os.path.join(root, "loop_file.txt"))
    os.mkdir(os.path.join(root, "loop_dir"))
    os.symlink("..", os.path.join(root, "loop_dir", "up"))
    write(b"name_\xff\xfe.txt", EN.encode("utf-8"))
    return list(CASES)
