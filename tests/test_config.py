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
