import pytest

from pipeline.config import load_config
from pipeline.errors import ConfigError


def test_default_config_loads():
    config = load_config()
    assert config.ingest.max_bytes > 0
    assert config.clean.fixes


def test_unknown_key_is_named(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[clean]\nfixs = []\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "unknown key 'clean.fixs': remove it or check its spelling" in str(info.value)


def test_wrong_type_is_named(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[ingest]\nmax_bytes = 'big'\n")
    with pytest.raises(ConfigError, match=r"key 'ingest.max_bytes'"):
        load_config(path)


def test_unknown_fix_is_named(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[clean]\nfixes = ["no_such_fix"]\n')
    with pytest.raises(ConfigError, match=r"key 'clean.fixes.0': unknown fix 'no_such_fix'"):
        load_config(path)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="not found: check the path given to --config"):
        load_config(tmp_path / "nope.toml")


def test_digest_changes_when_a_data_file_changes(tmp_path, monkeypatch):
    import pipeline.config as config_module

    (tmp_path / "taxonomy.toml").write_text("[types.preaching]\nzh = ['宣讲']\n", encoding="utf-8")
    monkeypatch.setattr(config_module, "CONFIG_DIR", tmp_path)
    config_module._data_and_code_digest.cache_clear()
    before = load_config().digest()
    (tmp_path / "taxonomy.toml").write_text("[types.preaching]\nzh = ['宣讲', '讲党课']\n", encoding="utf-8")
    config_module._data_and_code_digest.cache_clear()
    assert load_config().digest() != before
    config_module._data_and_code_digest.cache_clear()
