"""Data files under configs/ (patterns, lexicons, gazetteer), loaded once per process."""
from __future__ import annotations

import json
import os
import sys
import tomllib
from functools import lru_cache
from pathlib import Path

from .config import CONFIG_DIR
from .errors import ConfigError


def config_path(relative: str) -> Path:
    path = CONFIG_DIR / relative
    if not path.exists():
        raise ConfigError(f"data file {path} is missing: restore it from the repository "
                          f"or set BULLETINS_CONFIG_DIR to a folder that has it")
    return path


@lru_cache(maxsize=None)
def load_toml(relative: str) -> dict:
    return tomllib.loads(config_path(relative).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_json(relative: str):
    return json.loads(config_path(relative).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_lines(relative: str) -> tuple[str, ...]:
    """Non-empty lines, `#` comments dropped."""
    lines = []
    for line in config_path(relative).read_text(encoding="utf-8").splitlines():
        line = line.split(" #", 1)[0].strip() if not line.startswith("#") else ""
        if line:
            lines.append(line)
    return tuple(lines)


def user_cache_dir() -> Path:
    """Where built data is cached: `$BULLETINS_CACHE_DIR`, else the user's cache directory
    (`$XDG_CACHE_HOME/bulletins`, by default `~/.cache/bulletins`; `~/Library/Caches/bulletins`
    on macOS; `%LOCALAPPDATA%\\bulletins\\Cache` on Windows). Never the install, which may be
    read-only or shared by several users. The folder is not created here."""
    configured = os.environ.get("BULLETINS_CACHE_DIR")
    if configured:
        return Path(configured)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "bulletins" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "bulletins"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bulletins"
