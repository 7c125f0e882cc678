"""Load stage: read the data folder, validate every file, return a :class:`Dataset`.

A data folder holds one board's files (flat, as the shipped ``data/``), or one folder per
board (``data/<board_id>/``, each with its board.csv) beside files shared by every board
(kommun.csv, documents.csv, sources.csv, indicators …). A board's own file of a name
replaces a shared file of the same name. :func:`load_dataset` reads one board
(:func:`board_folder` picks it) and returns its :class:`Dataset`; the rest of the package
never sees another board.

Nothing here computes a measure. Every problem with the input becomes a
:class:`~ksanalys.errors.DataError` naming the file, the row (line number as an editor shows
it, header = line 1), the column and what was expected.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from ksanalys.errors import DataError, ErrorCollector, KsanalysError, YearNotInDataError
from ksanalys.load.across import check_across
from ksanalys.load.organisation import Organisation, check_organisation, organisation_of
from ksanalys.load.read import read_checked, read_table, row_lines
from ksanalys.load.schema import BOARD, SCHEMAS
from ksanalys.load.source import read_bytes
from ksanalys.paths import DATA_ENV, default_data_dir  # noqa: F401  (re-exported)


def data_hash(data_dir: Path | str, files: list[Path] | None = None) -> str:
    """SHA-256 over the names and bytes of every CSV file in ``data_dir`` (or of ``files``,
    named by their path below ``data_dir``: a board's own and shared files).

    Only regular files are read: any other ``*.csv`` (a folder, a named pipe) is a DataError.
    """
    root = Path(data_dir)
    paths = sorted(root.glob("*.csv")) if files is None else sorted(files)
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(read_bytes(path))
        digest.update(b"\0")
    return "sha256:" + digest.hexdigest()


# ---------------------------------------------------------------- boards


@dataclass(frozen=True)
class BoardFolder:
    """Where one board's files are: its own ``folder`` and the ``shared`` data folder above
    it (None for a flat data folder, which is the board's folder itself)."""

    folder: Path
    shared: Path | None = None

    def path(self, file: str) -> Path:
        """The board's own file of that name, else the shared one (the board's own path
        when neither exists, so that an error names it)."""
        own = self.folder / file
        if self.shared is not None and not own.exists() and (self.shared / file).exists():
            return self.shared / file
        return own


def _board_folders(data_dir: Path) -> list[Path]:
    """The board folders of a data folder with several boards (none for a flat one)."""
    if (data_dir / BOARD.file).exists():
        return []
    return sorted(
        child
        for child in data_dir.iterdir()
        if child.is_dir() and not child.name.startswith(".") and (child / BOARD.file).is_file()
    )


def _flat_board_id(data_dir: Path) -> str | None:
    """The board id of a flat data folder's board.csv (None if it cannot be read)."""
    try:
        board = read_table(data_dir / BOARD.file, BOARD)
    except KsanalysError:
        return None
    return str(board["board_id"].iloc[0]) if len(board) == 1 else None


def boards(data_dir: Path | str | None = None) -> list[str]:
    """The board ids a data folder holds: its board folders' names, or the one board of
    a flat folder (none when it has no readable board.csv)."""
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    if not folder.is_dir():
        return []
    found = _board_folders(folder)
    if found:
        return [child.name for child in found]
    board = _flat_board_id(folder)
    return [board] if board is not None else []


def board_folder(data_dir: Path | str | None = None, board: str | None = None) -> BoardFolder:
    """The folder of ``board`` in ``data_dir`` (default: the only board there).

    Raises KsanalysError (one line) when ``board`` is not there, or when the folder holds
    several boards and none is named; a folder without board.csv anywhere is read as one
    flat board, so that the load lists every file it lacks.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    if not folder.is_dir():
        raise DataError(str(folder), "en mapp med datafiler (CSV)")
    found = _board_folders(folder)
    if not found:
        if board:
            flat = _flat_board_id(folder)
            if flat is not None and flat != board:
                raise KsanalysError(_no_such_board(board, [flat], folder))
        return BoardFolder(folder)
    names = [child.name for child in found]
    if not board:
        if len(found) > 1:
            raise KsanalysError(
                f"{folder} innehåller flera nämnder: {', '.join(names)}; välj en med --board"
            )
        return BoardFolder(found[0], folder)
    if board not in names:
        raise KsanalysError(_no_such_board(board, names, folder))
    return BoardFolder(folder / board, folder)


def _no_such_board(board: str, names: list[str], folder: Path) -> str:
    return f"nämnden {board!r} finns inte i {folder}; tillgängliga nämnder: {', '.join(names)}"


@dataclass(frozen=True)
class Dataset:
    """The validated contents of a data folder. Tables are available by name or attribute.

    ``notices``: one Swedish line per file read in another dialect than plain UTF-8 CSV
    (e.g. Swedish Excel's semicolons and decimal commas), naming the file.
    """

    data_dir: Path
    tables: dict[str, pd.DataFrame]
    data_hash: str
    notices: tuple[str, ...] = ()
    files: dict[str, Path] = field(default_factory=dict)  # table → the file it was read from

    def path(self, name: str) -> Path:
        """The file table ``name`` was read from (in the board's folder when not read)."""
        return self.files.get(name, self.data_dir / SCHEMAS[name].file)

    @cached_property
    def organisation(self) -> Organisation:
        """The kommun, the board, its units and the words for them
        (see :mod:`ksanalys.load.organisation`)."""
        return organisation_of(self.tables)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    @property
    def report_years(self) -> list[int]:
        """Years for which the folder holds a report's printed tables."""
        return sorted(int(y) for y in self.tables["resultatrakning"]["report_year"].unique())

    @property
    def years(self) -> list[int]:
        """Fiscal years with figures: each report's year and the previous year it prints."""
        return sorted({y for r in self.report_years for y in (r - 1, r)})

    def require_year(self, year: object) -> int:
        """Return ``year`` as an int if the data covers it, else raise YearNotInDataError."""
        if isinstance(year, bool) or not isinstance(year, int | str):
            raise YearNotInDataError(year, self.years)
        if isinstance(year, str) and not (year.isascii() and year.isdigit()):
            raise YearNotInDataError(year, self.years)  # int() would read '２０１３'
        value = int(year)
        if value not in self.years:
            raise YearNotInDataError(year, self.years)
        return value


def load_dataset(data_dir: Path | str | None = None, board: str | None = None) -> Dataset:
    """Read and validate every table of one board in ``data_dir`` (default:
    :func:`default_data_dir`; ``board``: see :func:`board_folder`).

    Raises DataError for one problem, DataErrors listing every problem found (at most
    :data:`~ksanalys.errors.MAX_ERRORS`). A file that is missing or cannot be read into
    typed columns is reported alone: the checks of other files that point into it
    (references, keys across files) are skipped, so the root cause is not buried.
    """
    where = board_folder(data_dir, board)
    folder = where.folder
    errors = ErrorCollector()
    tables: dict[str, pd.DataFrame] = {}
    failed: set[str] = set()
    files: dict[str, Path] = {}
    notices = []
    for schema in SCHEMAS.values():
        path = where.path(schema.file)
        if not path.exists():
            if not schema.optional:
                expected = f"att filen finns (den ska hålla {schema.purpose})"
                errors.add(DataError(str(path), expected))
                failed.add(schema.name)
            continue
        files[schema.name] = path
        table = read_checked(path, schema, tables, errors)
        if table is None:
            failed.add(schema.name)
            continue
        tables[schema.name] = table.frame
        notice = table.dialect.notice()
        if notice:
            notices.append(f"{path}: {notice}")
    check_across(folder, tables, failed, errors)
    check_organisation(files, tables, errors)
    if where.shared is not None and "board" in tables:
        _check_board_folder(files["board"], tables["board"], folder.name, errors)
    order = {str(where.path(schema.file)): i for i, schema in enumerate(SCHEMAS.values())}
    errors.errors.sort(key=lambda e: (order.get(e.file, len(order)), e.file, e.row or 0))
    errors.raise_if_any()
    if where.shared is None:
        digest = data_hash(folder)
    else:
        digest = data_hash(where.shared, list(files.values()))
    return Dataset(folder, tables, digest, tuple(notices), files)


def _check_board_folder(file: Path, board: pd.DataFrame, name: str, errors: ErrorCollector) -> None:
    """A board folder is named by its board's id."""
    ids = [str(b) for b in board["board_id"]]
    if ids and ids[0] != name:
        errors.add(
            DataError(
                str(file),
                f"mappens namn {name!r} (en nämnds mapp heter som dess board_id)",
                row=row_lines(board)[0],
                column="board_id",
                found=ids[0],
            )
        )
