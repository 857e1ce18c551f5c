"""The place extractor's data files: each checked by its model, loaded once per folder."""
import shutil

import pytest

from pipeline.config import CONFIG_DIR
from pipeline.errors import ConfigError
from pipeline.extract.data import DataFiles
from pipeline.extract.places.lexicon import build_lexicon, countries, institutions

GAZETTEER = CONFIG_DIR / "gazetteer"


def _lexicon_folder(tmp_path, edit=None, name="lexicon.toml"):
    folder = tmp_path / "gazetteer"
    folder.mkdir()
    for f in ("lexicon.toml", "mt_renderings.tsv", "en_zh_words.tsv", "institutions.tsv", "countries.tsv"):
        shutil.copy(GAZETTEER / f, folder / f)
    if edit:
        text = (folder / name).read_text(encoding="utf-8")
        (folder / name).write_text(edit(text), encoding="utf-8")
    return DataFiles.at(folder)


def test_the_lexicon_loads_once_per_folder(tmp_path):
    files = _lexicon_folder(tmp_path)
    lex = files.build(build_lexicon)
    assert files.build(build_lexicon) is lex
    assert DataFiles.at(GAZETTEER).build(build_lexicon) is not lex
    assert lex.admin_by_first["district"][0][0] == ("district",)
    assert lex.word_chars["pass"] == ("关",)
    by_key, abbrevs = files.build(institutions)
    assert by_key["wuhanuniversity"] == ("Wuhan University", "武汉大学") and ("WHU", "Wuhan University", "武汉大学") in abbrevs
    assert files.build(countries)["south"][0] == (("south", "korea"), "韩国", "South Korea")


def test_an_unknown_lexicon_key_is_named(tmp_path):
    files = _lexicon_folder(tmp_path, lambda t: t.replace("[en.sites]\n", "[en.sites]\nstops = []\n"))
    with pytest.raises(ConfigError, match="unknown key 'en.sites.stops'"):
        files.build(build_lexicon)


def test_a_bad_pattern_in_the_lexicon_is_named(tmp_path):
    files = _lexicon_folder(tmp_path, lambda t: t.replace('road_after_short = "^', 'road_after_short = "^(', 1))
    with pytest.raises(ConfigError, match="key 'zh.road_after_short': .*not a valid regular expression"):
        files.build(build_lexicon)


def test_a_rendering_needs_a_known_trust(tmp_path):
    files = _lexicon_folder(tmp_path, lambda t: t.replace("\tany\n", "\tsometimes\n", 1), name="mt_renderings.tsv")
    with pytest.raises(ConfigError, match=r"mt_renderings.tsv, line \d+:\n  key 'trust'"):
        files.build(build_lexicon)
