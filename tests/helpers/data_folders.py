"""A second data folder for the rule tests: a copy of one folder of configs/ (counts_en, zh, ...)
with a rule taken out of its list or a line edited, loaded as its own `DataFiles` beside
configs/ in the same process."""
from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.extract.data import DataFiles

CONFIGS = Path(__file__).resolve().parents[2] / "configs"


def copied_data(tmp_path: Path, folder: str) -> Path:
    """configs/<folder> copied to tmp_path/<folder>, with the taxonomy beside it (the count → activity
    linker reads the same data folder)."""
    shutil.copytree(CONFIGS / folder, tmp_path / folder)
    if not (tmp_path / "taxonomy.toml").exists():
        shutil.copy(CONFIGS / "taxonomy.toml", tmp_path)
    return tmp_path / folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def data_without(tmp_path: Path, folder: str, rule_id: str) -> DataFiles:
    """A copy of configs/<folder> whose exclusions.toml lists `rule_id` nowhere (it must be
    listed once, on a line of its own)."""
    exclusions = copied_data(tmp_path, folder) / "exclusions.toml"
    lines = exclusions.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.strip().startswith(f'"{rule_id}",')]
    assert len(kept) == len(lines) - 1, f"{rule_id} is not listed once"
    exclusions.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return DataFiles.at(tmp_path)
