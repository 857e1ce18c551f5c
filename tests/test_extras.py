"""Commands that need an optional extra say how to install it (`make run` installs none)."""
from __future__ import annotations

import importlib.util

from click.testing import CliRunner

from pipeline.cli import main


def test_engine_ray_without_ray_says_how_to_install_it(monkeypatch, tmp_path):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "ray" else real_find_spec(name, *a))
    (tmp_path / "a.txt").write_text("The town held 3 lectures.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(tmp_path), "-o", str(tmp_path / "out.jsonl"),
                                       "--engine", "ray"])
    assert result.exit_code == 2
    assert "pip install 'bulletins[ray]'" in result.output and "--engine local" in result.output
    assert not (tmp_path / "out.jsonl").exists()
