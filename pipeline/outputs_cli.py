"""Commands over finished records: export (tables) and report (HTML). Filled in by the outputs issue."""
from __future__ import annotations

import click


def register_output_commands(main: click.Group) -> None:
    return None
