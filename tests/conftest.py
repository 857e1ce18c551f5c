"""Shared fixtures: the dev set at ../shared (skipped with a reason when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = SHARED / "corpus" / "dev"
SCORER = SHARED / "bin" / "score"
CORPUS = REPO / "corpus"


def require_dev() -> Path:
    if not (DEV / "texts").is_dir() or not (DEV / "gold").is_dir():
        pytest.skip(f"dev set not found at {DEV}: it is shared beside the repository in CI "
                    f"(../shared); a plain clone does not have it")
    return DEV


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    return require_dev()


@pytest.fixture(scope="session")
def dev_records(dev_dir, tmp_path_factory) -> Path:
    """The pipeline's records for the whole dev set, made once per test session."""
    from pipeline.config import load_config
    from pipeline.runner import run

    out = tmp_path_factory.mktemp("dev") / "dev.jsonl"
    summary = run([str(dev_dir / "texts")], load_config(), output=str(out))
    assert summary.errors == 0, summary.error_rows
    return out


def pytest_collection_modifyitems(config, items):
    """`network` tests install packages from PyPI; BULLETINS_OFFLINE=1 skips them, saying so."""
    import os

    if os.environ.get("BULLETINS_OFFLINE") == "1":
        skip = pytest.mark.skip(reason="BULLETINS_OFFLINE=1: this test downloads packages from PyPI")
        for item in items:
            if "network" in item.keywords:
                item.add_marker(skip)
