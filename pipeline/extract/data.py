"""The data files of one folder (patterns, lexicons, gazetteer), each loaded once per process.

A component owns its files: it declares a pydantic model per file (`extra="forbid"`, so a
misspelt or dead key is an error naming the file, the key and the fix) and builds its fast
structures (compiled patterns, automata, indexes) with `DataFiles.build`, cached per folder and
builder. Two folders (two configurations) live side by side in one process; no cache is keyed
by an object's id().

    from .data import DataFiles, DataModel
    class Numbers(DataModel):
        words: dict[str, int]
    def number_words(data: DataFiles) -> dict[str, int]:
        return data.toml("counts_en/numbers.toml", Numbers).words
    data = DataFiles.at()                   # configs/ (or BULLETINS_CONFIG_DIR)
    table = data.build(_compile_numbers)    # _compile_numbers(data) runs once per folder
"""
from __future__ import annotations

import threading
import tomllib
from pathlib import Path
from typing import Callable, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ConfigError

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class DataModel(BaseModel):
    """Base of every data file's model: unknown keys are errors, values are read-only."""
    model_config = ConfigDict(extra="forbid", frozen=True)


def _describe(path: Path, exc: ValidationError, where: str = "") -> str:
    lines = [f"invalid data file {path}{where}:"]
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        if err["type"] == "extra_forbidden":
            lines.append(f"  unknown key '{key}': remove it or check its spelling")
        elif err["type"] == "missing":
            lines.append(f"  key '{key}' is missing: add it (see the file's comments)")
        else:
            lines.append(f"  key '{key}': {err['msg']} (got {str(err.get('input'))[:80]!r})")
    return "\n".join(lines)


class DataFiles:
    """One folder of data files. `DataFiles.at(folder)` returns the same object for the same
    folder, so what it loaded or built is shared by every document of the process."""

    _folders: ClassVar[dict[Path, "DataFiles"]] = {}
    _lock: ClassVar[threading.RLock] = threading.RLock()   # builders may build others
    _default: ClassVar["DataFiles | None"] = None

    def __init__(self, root: Path):
        self.root = root
        self._loaded: dict[tuple, object] = {}
        self._built: dict[Callable, object] = {}

    @classmethod
    def at(cls, root: str | Path | None = None) -> "DataFiles":
        if root is None:
            # every document's view asks for configs/: answer without resolving the path again
            # (Path.resolve makes system calls; CONFIG_DIR is fixed for the process)
            if cls._default is None:
                from ..config import CONFIG_DIR
                cls._default = cls.at(CONFIG_DIR)
            return cls._default
        root = Path(root).resolve()
        found = cls._folders.get(root)
        if found is None:
            with cls._lock:
                found = cls._folders.setdefault(root, cls(root))
        return found

    def __repr__(self) -> str:
        return f"DataFiles({str(self.root)!r})"

    def path(self, relative: str) -> Path:
        path = self.root / relative
        if not path.exists():
            raise ConfigError(f"data file {path} is missing: restore it from the repository "
                              f"or set BULLETINS_CONFIG_DIR to a folder that has it")
        return path

    def _once(self, key: tuple, load: Callable[[], T]) -> T:
        if key not in self._loaded:
            self._loaded[key] = load()
        return self._loaded[key]   # type: ignore[return-value]

    def text(self, relative: str) -> str:
        return self._once(("text", relative), lambda: self.path(relative).read_text(encoding="utf-8"))

    def toml(self, relative: str, model: type[M]) -> M:
        """The TOML file, checked by `model`."""
        def load() -> M:
            path = self.path(relative)
            try:
                raw = tomllib.loads(self.text(relative))
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"invalid data file {path}: not valid TOML ({exc})") from None
            try:
                return model.model_validate(raw)
            except ValidationError as exc:
                raise ConfigError(_describe(path, exc)) from None
        return self._once(("toml", relative, model), load)

    def lines(self, relative: str) -> tuple[str, ...]:
        """Non-empty lines, `#` comments (a whole line, or after " #") dropped."""
        def load() -> tuple[str, ...]:
            out = []
            for line in self.text(relative).splitlines():
                line = line.split(" #", 1)[0].strip() if not line.startswith("#") else ""
                if line:
                    out.append(line)
            return tuple(out)
        return self._once(("lines", relative), load)

    def tsv(self, relative: str) -> tuple[dict[str, str], ...]:
        """Rows of a tab-separated file with a header line; `#` lines are comments."""
        def load() -> tuple[dict[str, str], ...]:
            rows = [line.split("\t") for line in self.text(relative).splitlines()
                    if line and not line.startswith("#")]
            if not rows:
                return ()
            header = rows[0]
            return tuple(dict(zip(header, row)) for row in rows[1:])
        return self._once(("tsv", relative), load)

    def table(self, relative: str, row: type[M], check_rows: bool = True) -> tuple[tuple[str, ...], ...]:
        """Rows of a tab-separated file as tuples of its columns, checked against `row`: the first
        line that is not a `#` comment is the header and must name `row`'s fields in order; a row
        may leave out trailing cells that have a default (they read as ""), never add cells. With
        `check_rows`, each row is validated by `row` too (hand-kept files; a built file of many
        thousand rows is checked for its header and cell counts only)."""
        def load() -> tuple[tuple[str, ...], ...]:
            path = self.path(relative)
            columns = tuple(row.model_fields)
            required = sum(1 for f in row.model_fields.values() if f.is_required())
            rows: list[tuple[str, ...]] = []
            header = None
            for number, line in enumerate(self.text(relative).split("\n"), 1):
                if not line.strip() or line.startswith("#"):
                    continue
                cells = tuple(line.split("\t"))
                if header is None:
                    header = cells
                    if header != columns:
                        raise ConfigError(f"invalid data file {path}: its header line is {'|'.join(header)!r}, "
                                          f"expected the columns {'|'.join(columns)!r} (tab-separated)")
                    continue
                if not required <= len(cells) <= len(columns):
                    raise ConfigError(f"invalid data file {path}, line {number}: {len(cells)} cells, expected "
                                      f"{required} to {len(columns)} ({', '.join(columns)}), tab-separated")
                if len(cells) < len(columns):
                    cells += ("",) * (len(columns) - len(cells))
                if check_rows:
                    try:
                        row.model_validate(dict(zip(columns, cells)))
                    except ValidationError as exc:
                        raise ConfigError(_describe(path, exc, f", line {number}")) from None
                rows.append(cells)
            if header is None:
                raise ConfigError(f"invalid data file {path}: no header line naming the columns "
                                  f"{'|'.join(columns)!r}")
            return tuple(rows)
        return self._once(("table", relative, row), load)

    def build(self, builder: Callable[["DataFiles"], T]) -> T:
        """`builder(self)`, once per folder: compiled patterns, matchers, indexes."""
        try:
            return self._built[builder]   # type: ignore[return-value]
        except KeyError:
            pass
        with self._lock:
            if builder not in self._built:
                self._built[builder] = builder(self)
        return self._built[builder]   # type: ignore[return-value]
