"""Chinese tools: numerals and the jieba tokenizer with the project's user dictionary."""
import pytest

from pipeline import zh


@pytest.mark.parametrize("text, value", [
    ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("两千", 2000), ("千", 1000),
    ("三万五千", 35000), ("十万", 100000), ("一亿", 100000000), ("五", 5), ("两", 2),
])
def test_chinese_numerals(text, value):
    assert zh.parse_chinese_numeral(text) == value


@pytest.mark.parametrize("text", ["二〇二一", "一二", "党员", ""])
def test_not_counting_numerals(text):
    assert zh.parse_chinese_numeral(text) is None


@pytest.mark.parametrize("text, value", [
    ("29.55万", 295500), ("4.8万", 48000), ("1万", 10000), ("1,200", 1200), ("936", 936),
    ("3.5", 3.5), ("两千", 2000), ("2亿", 200000000),
])
def test_numbers(text, value):
    assert zh.parse_number(text) == value


def test_tokenizer_is_made_once_and_keeps_its_cache_in_the_user_cache_dir():
    assert zh.tokenizer() is zh.tokenizer()
    assert zh.pos_tokenizer() is zh.pos_tokenizer()
    from pipeline.resources import user_cache_dir

    # the user's cache directory, never the install nor jieba's default in the system temp dir
    assert zh.cache_dir() == user_cache_dir() / "jieba"
    assert any(p.name.startswith("bulletins-zh-") for p in zh.cache_dir().iterdir())


@pytest.mark.parametrize("env, expected", [
    ({"BULLETINS_CACHE_DIR": "/srv/cache"}, "/srv/cache"),
    ({"XDG_CACHE_HOME": "/home/u/.xdg"}, "/home/u/.xdg/bulletins"),
    ({}, "/home/u/.cache/bulletins"),
])
def test_user_cache_dir_follows_the_environment(monkeypatch, env, expected):
    from pipeline.resources import user_cache_dir

    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("HOME", "/home/u")
    for name in ("BULLETINS_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert str(user_cache_dir()) == expected


def test_an_unwritable_cache_dir_is_a_config_error_saying_what_to_do(tmp_path, monkeypatch):
    from pipeline.errors import ConfigError

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BULLETINS_CACHE_DIR", str(blocker))
    with pytest.raises(ConfigError, match=r"cannot keep jieba's cache in .*file/jieba .*set "
                                          r"BULLETINS_CACHE_DIR to a folder you can write to"):
        zh.cache_dir()


def test_user_dictionary_keeps_unit_nouns_whole():
    words = zh.cut("组建新时代文明实践志愿服务队")
    assert "新时代文明实践" in words


def test_user_dictionary_has_gazetteer_names_when_present():
    names = zh.user_words()
    if not (zh.CONFIG_DIR / "gazetteer" / "divisions.tsv").exists():
        pytest.skip("gazetteer not built")
    assert names.get("洪山区") == "ns"
    assert "洪山区" in zh.cut("洪山区开展宣讲活动")


def test_tags_are_deterministic_dictionary_lookups():
    assert zh.tag("106名教师") == zh.tag("106名教师")
    assert ("教师", "n") in zh.tag("106名教师")


def test_jieba_is_quiet(capfd):
    zh.cut("街道召开会议")
    assert capfd.readouterr().err == ""
