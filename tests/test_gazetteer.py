"""The gazetteer: built data loads fast and resolves names, variants, old names and old codes."""
from pipeline.gazetteer import load_gazetteer, norm_key, wade_giles_key


def test_loads_once():
    # load time is measured by the benchmark, not asserted here (the machine is shared)
    gz = load_gazetteer()
    assert load_gazetteer() is gz
    assert len(gz.divisions) > 3000
    assert len(gz.townships) > 30000


def test_lookup_by_chinese_name_and_short_name():
    gz = load_gazetteer()
    assert [d.code for d in gz.lookup_zh("洪山区")] == ["420111"]
    assert "420100" in {d.code for d in gz.lookup_zh("武汉")}
    hongshan = gz.get("420111")
    assert hongshan.name_en == "Hongshan District" and hongshan.bare_en == "Hongshan"
    assert hongshan.level == "district"


def test_english_variants():
    gz = load_gazetteer()
    for variant in ("Hongshan", "Hong Shan", "hong-shan", "Hongshan District"):
        assert "420111" in {d.code for d in gz.lookup_en(variant)}, variant
    assert "610100" in {d.code for d in gz.lookup_en("Xi'an")}
    assert "610100" in {d.code for d in gz.lookup_en("Xi’an")}
    assert "341500" in {d.code for d in gz.lookup_en("Lu'an")}
    assert "110000" in {d.code for d in gz.lookup_en("Peking")}
    assert [d.code for d in gz.lookup_en("Shaanxi")] == ["610000"]
    assert norm_key("Xi’an") == "xian"
    assert wade_giles_key("Hsi-an") == "xian"


def test_renamed_and_recoded_units_resolve_to_current_code():
    gz = load_gazetteer()
    assert gz.get("630122").code == "630106"           # 湟中县 -> 湟中区
    assert [d.code for d in gz.lookup_zh("湟中县")] == ["630106"]
    assert gz.get("340222").name_zh == "繁昌区"          # 繁昌县 -> 繁昌区
    assert gz.get("330114").name_zh == "钱塘区"
    assert gz.get("430124").code == "430182"           # 宁乡县 -> 宁乡市


def test_parent_chain():
    gz = load_gazetteer()
    assert [d.code for d in gz.chain("420111")] == ["420111", "420100", "420000"]
    assert [d.code for d in gz.chain("110101")] == ["110101", "110000"]


def test_townships_by_county():
    gz = load_gazetteer()
    names = {t.name_zh for t in gz.townships_by_county["440303"]}
    assert "黄贝街道" in names


def test_place_readings_of_polyphonic_characters():
    from pipeline.gazetteer import load_gazetteer

    gz = load_gazetteer()
    assert any(d.code == "140400" for d in gz.by_en.get("changzhi", []))
    assert any(d.code == "140400" for d in gz.by_en.get("zhangzhi", []))     # the old spelling still resolves


def _tiny_gazetteer(folder, divisions_header="code\tname_zh\tlevel\tparent\tshort_zh\tname_en\tbare_en\talt_en\told_names_zh\told_codes"):
    folder.mkdir()
    (folder / "divisions.tsv").write_text(
        divisions_header + "\n"
        "420000\t湖北省\tprovince\t\t湖北\tHubei\tHubei\t\t\t\n"
        "420100\t武汉市\tcity\t420000\t武汉\tWuhan\tWuhan\tHankow\t\t\n", encoding="utf-8")
    (folder / "townships.tsv").write_text("county\tname_zh\tshort_zh\tsuffix_en\tbare_en\talt_en\n", encoding="utf-8")
    (folder / "exonyms.tsv").write_text("# none\nname_zh\tname_en\talt_en\n", encoding="utf-8")
    return folder


def test_a_gazetteer_folder_loads_once_and_its_columns_are_checked(tmp_path):
    import pytest

    from pipeline.errors import ConfigError

    gz = load_gazetteer(_tiny_gazetteer(tmp_path / "small"))
    assert load_gazetteer(tmp_path / "small") is gz and load_gazetteer() is not gz
    assert [d.code for d in gz.lookup_en("Hankow")] == ["420100"] and gz.chain("420100")[1].name_zh == "湖北省"
    with pytest.raises(ConfigError, match="divisions.tsv: its header line"):
        load_gazetteer(_tiny_gazetteer(tmp_path / "bad", divisions_header="code\tname_zh\tlevel"))
    bad_level = _tiny_gazetteer(tmp_path / "level")
    (bad_level / "divisions.tsv").write_text((bad_level / "divisions.tsv").read_text().replace("\tcity\t", "\tcapital\t"))
    with pytest.raises(ConfigError, match="divisions.tsv, line 3:\n  key 'level'"):
        load_gazetteer(bad_level)
