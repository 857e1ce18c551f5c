"""Configuration: TOML files under configs/, validated by pydantic with unknown keys rejected."""
from __future__ import annotations

import hashlib
import os
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parents[1]


def _config_dir() -> Path:
    """`BULLETINS_CONFIG_DIR`, else the data installed with the code: the top-level
    `configs/` folder is the package `pipeline.configs` (in a wheel, and through the editable
    install's path mapping). A source tree put on sys.path without installing has no such
    package: its `configs/` is used directly."""
    configured = os.environ.get("BULLETINS_CONFIG_DIR")
    if configured:
        return Path(configured)
    try:
        packaged = resources.files("pipeline.configs")
    except ModuleNotFoundError:
        return REPO_ROOT / "configs"
    # Data files are opened by path, so only an unpacked install is supported (never a zip).
    return Path(str(packaged))


CONFIG_DIR = _config_dir()
DEFAULT_CONFIG = CONFIG_DIR / "default.toml"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IngestConfig(Strict):
    max_bytes: int = Field(5_000_000, gt=0, description="larger inputs get an error row")
    max_run_chars: int = Field(
        5_000, gt=0, description="a longer run of characters without a space, line break or "
        "sentence punctuation is not prose (encoded or minified data): the input gets an error row")


class CleanConfig(Strict):
    fixes: list[str] = Field(default_factory=list, description="named fixes, applied in order")


class ExtractConfig(Strict):
    counts: bool = True
    places: bool = True
    activities: bool = True


class Config(Strict):
    ingest: IngestConfig = IngestConfig()
    clean: CleanConfig = CleanConfig()
    extract: ExtractConfig = ExtractConfig()

    def digest(self) -> str:
        """Identifies what a record depends on besides its input: these settings, the data
        files under configs/ (patterns, lexicons, gazetteer) and the pipeline's code, so an
        incremental run redoes inputs whenever any of them changed."""
        return hashlib.sha256(self.model_dump_json().encode() + _data_and_code_digest().encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _data_and_code_digest() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    files = sorted(p for p in CONFIG_DIR.rglob("*") if p.is_file() and p.suffix != ".pyc"
                   and p.name != "__init__.py")
    files += sorted(package.rglob("*.py"))
    for path in files:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _format_error(path: Path, exc: ValidationError) -> str:
    lines = [f"invalid config {path}:"]
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            lines.append(f"  unknown key '{key}': remove it or check its spelling")
        else:
            lines.append(f"  key '{key}': {err['msg']} (got {err.get('input')!r})")
    return "\n".join(lines)


def validate_fix_names(config: Config, path: Path | str) -> None:
    from .clean import available_fixes

    known = available_fixes()
    for i, name in enumerate(config.clean.fixes):
        if name not in known:
            raise ConfigError(
                f"invalid config {path}:\n  key 'clean.fixes.{i}': unknown fix '{name}'; "
                f"choose from: {', '.join(sorted(known))}")


def load_config(path: str | Path | None = None) -> Config:
    path = Path(path) if path else DEFAULT_CONFIG
    return _load_config(str(path.resolve()) if path.exists() else str(path))


@lru_cache(maxsize=8)
def _load_config(path_str: str) -> Config:
    path = Path(path_str)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {path} not found: check the path given to --config") from None
    except UnicodeDecodeError:
        raise ConfigError(f"invalid config {path}: not UTF-8 text; give a TOML file "
                          f"(see configs/default.toml)") from None
    except OSError as exc:
        raise ConfigError(f"cannot read config {path} ({exc.strerror or exc}): check the path "
                          f"given to --config") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid config {path}: not valid TOML ({exc})") from None
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_format_error(path, exc)) from None
    validate_fix_names(config, path)
    return config
