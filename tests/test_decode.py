import codecs

import pytest

from pipeline.decode import decode_bytes
from pipeline.errors import InputError

CHINESE = "开展宣讲活动936场，覆盖群众两千余人。"


@pytest.mark.parametrize("data, encoding", [
    (CHINESE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + CHINESE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF16_LE + CHINESE.encode("utf-16-le"), "utf-16-le"),
    ("936 preaching activities were held".encode("utf-16-le"), "utf-16-le"),
    (CHINESE.encode("gb18030"), "gb18030"),
])
def test_decodes_common_encodings(data, encoding):
    text, used, _ = decode_bytes(data)
    assert used == encoding
    assert "936" in text


def test_big5_decodes_traditional():
    text, used, _ = decode_bytes("開展宣講活動九百三十六場，參與黨員兩千餘人".encode("big5"))
    assert "宣講" in text


@pytest.mark.parametrize("data, words", [
    (b"", "empty file"),
    (b"   \n\t ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
    (b"PK\x03\x04rest", "ZIP archive"),
    (b"%PDF-1.7\n", "PDF document"),
])
def test_not_text_is_a_clear_error(data, words):
    with pytest.raises(InputError, match=words):
        decode_bytes(data)


def test_nul_bytes_are_removed_with_a_warning():
    text, _, warnings = decode_bytes(b"12 preachers\x00 were chosen from the district units")
    assert "\x00" not in text
    assert warnings == ["removed 1 NUL characters"]
