"""Load stage: read the data folder, validate every file, return a :class:`Dataset`.

Nothing here computes a measure. Every problem with the input becomes a
:class:`~ksanalys.errors.DataError` naming the file, the row (line number as an editor shows
it, header = line 1), the column and what was expected.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ksanalys.errors import DataError, ErrorCollector, YearNotInDataError
from ksanalys.load.across import check_across
from ksanalys.load.read import read_checked
from ksanalys.load.schema import SCHEMAS
from ksanalys.load.source import read_bytes
from ksanalys.paths import DATA_ENV, default_data_dir  # noqa: F401  (re-exported)


def data_hash(data_dir: Path | str) -> str:
    """SHA-256 over the names and bytes of every CSV file in ``data_dir``.

    Only regular files are read: any other ``*.csv`` (a folder, a named pipe) is a DataError.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*.csv")):
        digest.update(path.name.encode() + b"\0")
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


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate every table of ``data_dir`` (default: :func:`default_data_dir`).

    Raises DataError for one problem, DataErrors listing every problem found (at most
    :data:`~ksanalys.errors.MAX_ERRORS`). A file that is missing or cannot be read into
    typed columns is reported alone: the checks of other files that point into it
    (references, keys across files) are skipped, so the root cause is not buried.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    if not folder.is_dir():
        raise DataError(str(folder), "en mapp med datafiler (CSV)")
    errors = ErrorCollector()
    tables: dict[str, pd.DataFrame] = {}
    failed: set[str] = set()
    notices = []
    for schema in SCHEMAS.values():
        path = folder / schema.file
        if not path.exists():
            if not schema.optional:
                expected = f"att filen finns (den ska hålla {schema.purpose})"
                errors.add(DataError(str(path), expected))
                failed.add(schema.name)
            continue
        table = read_checked(path, schema, tables, errors)
        if table is None:
            failed.add(schema.name)
            continue
        tables[schema.name] = table.frame
        notice = table.dialect.notice()
        if notice:
            notices.append(f"{path}: {notice}")
    check_across(folder, tables, failed, errors)
    order = {str(folder / schema.file): i for i, schema in enumerate(SCHEMAS.values())}
    errors.errors.sort(key=lambda e: (order.get(e.file, len(order)), e.file, e.row or 0))
    errors.raise_if_any()
    return Dataset(folder, tables, data_hash(folder), tuple(notices))
