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

from ksanalys.errors import DataError, YearNotInDataError
from ksanalys.load.read import READABLE, os_reason, read_table
from ksanalys.load.schema import FINANCE_TABLES, SCHEMAS
from ksanalys.paths import DATA_ENV, default_data_dir  # noqa: F401  (re-exported)


def data_hash(data_dir: Path | str) -> str:
    """SHA-256 over the names and bytes of every CSV file in ``data_dir``."""
    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*.csv")):
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError as error:
            raise DataError(str(path), READABLE, found=os_reason(error)) from None
        digest.update(b"\0")
    return "sha256:" + digest.hexdigest()


@dataclass(frozen=True)
class Dataset:
    """The validated contents of a data folder. Tables are available by name or attribute."""

    data_dir: Path
    tables: dict[str, pd.DataFrame]
    data_hash: str

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
        try:
            value = int(year)
        except ValueError:
            raise YearNotInDataError(year, self.years) from None
        if value not in self.years:
            raise YearNotInDataError(year, self.years)
        return value


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate every table of ``data_dir`` (default: :func:`default_data_dir`)."""
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    if not folder.is_dir():
        raise DataError(str(folder), "en mapp med datafiler (CSV)")
    tables: dict[str, pd.DataFrame] = {}
    for schema in SCHEMAS.values():
        path = folder / schema.file
        if not path.exists():
            if schema.optional:
                continue
            raise DataError(str(path), "att filen finns")
        tables[schema.name] = read_table(path, schema, tables)
    _check_report_years(folder, tables)
    return Dataset(folder, tables, data_hash(folder))


def _check_report_years(folder: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Every report year must have all printed tables of the report."""
    years = {name: set(tables[name]["report_year"]) for name in FINANCE_TABLES}
    expected = set().union(*years.values())
    for name in FINANCE_TABLES:
        missing = sorted(expected - years[name])
        if missing:
            raise DataError(
                str(folder / SCHEMAS[name].file),
                f"rader för bokslutsåret {missing[0]} (finns i andra tabeller)",
                column="report_year",
            )
