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

from ksanalys.errors import DataError, ErrorCollector, YearNotInDataError
from ksanalys.load.across import check_across
from ksanalys.load.boards import BoardFolder, board_folder
from ksanalys.load.organisation import Organisation, check_organisation, organisation_of
from ksanalys.load.read import LINES, read_checked, row_lines
from ksanalys.load.schema import SCHEMAS, TableSchema
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
    # table → the files it was read from: the shared one, then the board's own
    files: dict[str, tuple[Path, ...]] = field(default_factory=dict)
    shared_dir: Path | None = None  # the data folder a board folder shares files with

    def path(self, name: str) -> Path:
        """The file of table ``name`` that an error about it names: the board's own file
        when the table has one, else the shared one (the board's own path when not read)."""
        paths = self.files.get(name)
        return paths[-1] if paths else self.data_dir / SCHEMAS[name].file

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
    :func:`default_data_dir`; ``board``: see :func:`~ksanalys.load.boards.board_folder`).

    Raises DataError for one problem, DataErrors listing every problem found (at most
    :data:`~ksanalys.errors.MAX_ERRORS`). A file that is missing or cannot be read into
    typed columns is reported alone: the checks of other files that point into it
    (references, keys across files) are skipped, so the root cause is not buried.
    """
    where = board_folder(data_dir, board)
    folder = where.folder
    errors = ErrorCollector()
    tables, failed, files, notices = _read_tables(where, errors)
    last = {name: paths[-1] for name, paths in files.items()}
    check_across(folder, tables, failed, errors)
    check_organisation(last, tables, errors)
    if where.shared is not None and "board" in tables:
        _check_board_folder(last["board"], tables["board"], folder.name, errors)
    order = {
        str(path): i
        for i, schema in enumerate(SCHEMAS.values())
        for path in files.get(schema.name, (folder / schema.file,))
    }
    errors.errors.sort(key=lambda e: (order.get(e.file, len(order)), e.file, e.row or 0))
    errors.raise_if_any()
    digest = _board_hash(where, [p for paths in files.values() for p in paths])
    return Dataset(folder, tables, digest, tuple(notices), files, where.shared)


def dataset_hash(data_dir: Path | str | None = None, board: str | None = None) -> str:
    """The ``data_hash`` of the :class:`Dataset` that :func:`load_dataset` returns for the
    same arguments, from the files' bytes alone (no table is parsed or checked)."""
    where = board_folder(data_dir, board)
    return _board_hash(where, [p for s in SCHEMAS.values() for p in where.paths(s.file)])


def _board_hash(where: BoardFolder, files: list[Path]) -> str:
    """The hash of a board's data: every CSV file of a flat folder; of a board folder, the
    ``files`` it reads, shared and its own."""
    return data_hash(where.folder) if where.shared is None else data_hash(where.shared, files)


def _read_tables(where: BoardFolder, errors: ErrorCollector):
    """Every table of the board at ``where`` that could be read; the names of those that
    are missing or could not be read; the files each was read from; the dialect notices."""
    tables: dict[str, pd.DataFrame] = {}
    failed: set[str] = set()
    files: dict[str, tuple[Path, ...]] = {}
    notices: list[str] = []
    for schema in SCHEMAS.values():
        paths = where.paths(schema.file)
        if not paths:
            if not schema.optional:
                expected = f"att filen finns (den ska hålla {schema.purpose})"
                errors.add(DataError(str(where.folder / schema.file), expected))
                failed.add(schema.name)
            continue
        files[schema.name] = tuple(paths)
        read = [(path, read_checked(path, schema, tables, errors)) for path in paths]
        if any(table is None for _, table in read):
            failed.add(schema.name)
            continue
        tables[schema.name] = _joined(schema, [(p, t.frame) for p, t in read if t], errors)
        notices += [f"{p}: {t.dialect.notice()}" for p, t in read if t and t.dialect.notice()]
    return tables, failed, files, notices


def _joined(
    schema: TableSchema, parts: list[tuple[Path, pd.DataFrame]], errors: ErrorCollector
) -> pd.DataFrame:
    """A table read from the shared file and the board's own: the rows of both, each row's
    editor line kept (``row_lines``); a key found in both is reported at the board's row."""
    if len(parts) == 1:
        return parts[0][1]
    (_, shared), (own_path, own) = parts
    lines = row_lines(shared) + row_lines(own)
    frame = pd.concat([shared, own], ignore_index=True)
    key = list(schema.key)
    known = set(map(tuple, shared[key].astype(str).to_numpy().tolist()))
    for line, values in zip(row_lines(own), own[key].astype(str).to_numpy().tolist(), strict=True):
        if tuple(values) in known:
            errors.add(
                DataError(
                    str(own_path),
                    "en unik kombination av "
                    + ", ".join(key)
                    + " (finns redan i den delade filen)",
                    row=line,
                    column=key[-1],
                    found=values[-1] if len(values) == 1 else tuple(values),
                )
            )
    frame.attrs[LINES] = lines
    return frame


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
