"""Vintages: the data as it was known when a report was published.

Every row of a table with a ``source`` column was published by the document of its source
(sources.csv → documents.csv); the document's ``date`` says when. A date is
``ÅÅÅÅ-MM-DD``, ``ÅÅÅÅ-MM`` or ``ÅÅÅÅ`` (the document is from that month or year, the day
is not known); a partial date counts as the last day of its period, so a document is
never taken as known before it can have been published. A blank date means the
publication date is not known: such rows are never part of a report as published, only of
the revised figures.

The rule for a report on fiscal year Y (:func:`as_published`): its date is the publication
date of the first report in the data that prints Y (the report for Y, else the next one
that prints Y as its comparison column). A row belongs to that vintage when its document
was published on or before that date. Rows of later reports and later public figures (even
about Y or earlier) are therefore left out, so adding them never changes the report on Y.
:func:`revised` keeps every row and marks the dataset so that computations prefer the
latest published value (see :mod:`ksanalys.compute.figures`). Which of the two a report
uses is decided in :func:`for_report`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass

import pandas as pd

from ksanalys.errors import DataError
from ksanalys.load.dataset import Dataset
from ksanalys.load.read import row_lines
from ksanalys.load.schema import FINANCE_TABLES, SCHEMAS

__all__ = [
    "Vintage",
    "as_published",
    "document_dates",
    "for_report",
    "publication_date",
    "published_rows",
    "report_date",
    "revised",
]

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Vintage(Dataset):
    """A :class:`Dataset` restricted to what was published by ``as_of`` (``None``: every
    row, the latest values; then ``revised`` is True)."""

    as_of: dt.date | None = None
    revised: bool = False
    year: int | None = None


def publication_date(text: object) -> dt.date | None:
    """``"2014-03-17"`` → that day; ``"2015"`` → 2015-12-31; ``"2015-04"`` → 2015-04-30;
    blank → None. Raises ValueError for any other text."""
    if not isinstance(text, str) or not text.strip():
        return None
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(text)
    year, month, day = match.groups()
    if month is None:
        return dt.date(int(year), 12, 31)
    if day is None:
        last = calendar.monthrange(int(year), int(month))[1]
        return dt.date(int(year), int(month), last)
    return dt.date(int(year), int(month), int(day))


def document_dates(ds: Dataset) -> dict[str, dt.date | None]:
    """Publication date of every document (None when not known)."""
    documents = ds.tables["documents"]
    lines = row_lines(documents)
    dates: dict[str, dt.date | None] = {}
    for line, (_, row) in zip(lines, documents.iterrows(), strict=True):
        try:
            dates[str(row["document"])] = publication_date(row["date"])
        except ValueError:
            raise DataError(
                str(ds.data_dir / SCHEMAS["documents"].file),
                "ett datum ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ",
                row=line,
                column="date",
                found=row["date"],
            ) from None
    return dates


def _source_documents(ds: Dataset) -> dict[str, str]:
    sources = ds.tables["sources"]
    return dict(zip(sources["source"].astype(str), sources["document"].astype(str), strict=True))


def published_rows(ds: Dataset, table: str) -> pd.DataFrame:
    """``ds.tables[table]`` with two columns added: ``document`` (the document that
    published the row) and ``published`` (its date, NaT when not known)."""
    frame = ds.tables[table].copy()
    documents = _source_documents(ds)
    dates = document_dates(ds)
    frame["document"] = frame["source"].map(documents).astype("str")
    frame["published"] = pd.to_datetime(frame["document"].map(dates), errors="coerce")
    return frame


def report_date(ds: Dataset, year: int) -> tuple[dt.date | None, int | None]:
    """The date of the vintage for fiscal year ``year`` and the report year it is taken
    from: the first report in the data that prints ``year`` (its own, else the next)."""
    reports = [r for r in ds.report_years if r >= year]
    if not reports:
        return None, None
    report_year = min(reports)
    dates = document_dates(ds)
    documents = _source_documents(ds)
    table = ds.tables["resultatrakning"]
    sources = table.loc[table["report_year"] == report_year, "source"].astype(str)
    known = [d for s in sources if (d := dates.get(documents.get(s, ""))) is not None]
    return (max(known) if known else None), report_year


def _report_documents(ds: Dataset, report_year: int) -> set[str]:
    """Documents of the printed tables of every report up to ``report_year``."""
    documents = _source_documents(ds)
    found: set[str] = set()
    for name in FINANCE_TABLES:
        table = ds.tables[name]
        sources = table.loc[table["report_year"] <= report_year, "source"].astype(str)
        found.update(documents.get(s, "") for s in sources)
    return found


def _keep(ds: Dataset, name: str, as_of: dt.date | None, report_year: int | None) -> pd.Series:
    """Which rows of table ``name`` were published by ``as_of``. The reports up to
    ``report_year`` always are (also when their documents are undated, as in an older data
    folder); no row of a later report year ever is."""
    frame = published_rows(ds, name)
    if report_year is None:
        return pd.Series(True, index=frame.index)
    keep = frame["document"].isin(_report_documents(ds, report_year))
    if as_of is not None:
        keep = keep | (frame["published"].notna() & (frame["published"] <= pd.Timestamp(as_of)))
    if "report_year" in frame.columns:
        keep = keep & (frame["report_year"] <= report_year)
    return keep


def as_published(ds: Dataset, year: int) -> Vintage:
    """``ds`` as it was when the report on fiscal year ``year`` was published (see the
    module docstring). The tables that describe rather than publish values follow: the
    documents and sources in use, units up to the report year, indicator descriptions and
    goal rules of the indicators and goals kept."""
    as_of, report_year = report_date(ds, year)
    tables = dict(ds.tables)
    for name, frame in ds.tables.items():
        if "source" in frame.columns and name != "sources":
            keep = _keep(ds, name, as_of, report_year)
            tables[name] = frame[keep.to_numpy()].reset_index(drop=True)
    if report_year is not None:
        _follow(tables, report_year)
    return Vintage(
        ds.data_dir,
        tables,
        _tables_hash(tables),
        ds.notices,
        ds.files,
        ds.shared_dir,
        as_of=as_of,
        year=year,
    )


def _follow(tables: dict[str, pd.DataFrame], report_year: int) -> None:
    """Restrict the describing tables of a vintage to what its value tables use."""
    used_sources = set().union(
        *(set(f["source"]) for n, f in tables.items() if "source" in f.columns and n != "sources")
    )
    sources = tables["sources"]
    tables["sources"] = sources[sources["source"].isin(used_sources)].reset_index(drop=True)
    documents = tables["documents"]
    in_use = set(tables["sources"]["document"])
    tables["documents"] = documents[documents["document"].isin(in_use)].reset_index(drop=True)
    used_indicators = set(tables["indicators"]["indicator"])
    if "goal_rules" in tables and "goals" in tables:
        rules = tables["goal_rules"]
        rules = rules[rules["goal_id"].isin(set(tables["goals"]["goal_id"]))]
        tables["goal_rules"] = rules.reset_index(drop=True)
        used_indicators |= {i for i in rules["indicator"] if isinstance(i, str)}
    meta = tables["indicator_meta"]
    tables["indicator_meta"] = meta[meta["indicator"].isin(used_indicators)].reset_index(drop=True)
    if "scopes" in tables:
        used_scopes = set(tables["indicators"]["scope"])
        if "goal_rules" in tables:
            used_scopes |= {s for s in tables["goal_rules"]["scope"] if isinstance(s, str)}
        scopes = tables["scopes"]
        tables["scopes"] = scopes[scopes["scope"].isin(used_scopes)].reset_index(drop=True)
    if "units" in tables:
        tables["units"] = _units_as_of(tables["units"], report_year)
    if "scopes" in tables:
        used_scopes = set(tables["indicators"]["scope"])
        if "goal_rules" in tables:
            used_scopes |= {str(s) for s in tables["goal_rules"]["scope"] if isinstance(s, str)}
        scopes = tables["scopes"]
        tables["scopes"] = scopes[scopes["scope"].isin(used_scopes)].reset_index(drop=True)


def _units_as_of(units: pd.DataFrame, report_year: int) -> pd.DataFrame:
    """The units as a report on ``report_year`` knew them: those started by then, and an
    end (with the merger that caused it) after that year not yet known, so that a later
    year's renames and mergers never change an earlier report or its data hash."""
    started = units[units["from_year"].isna() | (units["from_year"] <= report_year)].copy()
    later = started["to_year"].notna() & (started["to_year"] >= report_year)
    started.loc[later, "to_year"] = float("nan")
    if "merged_into" in started.columns:
        started.loc[later, "merged_into"] = None
    return started.reset_index(drop=True)


def revised(ds: Dataset) -> Vintage:
    """Every row of ``ds``: computations prefer the latest published value."""
    tables = dict(ds.tables)
    return Vintage(
        ds.data_dir,
        tables,
        _tables_hash(tables),
        ds.notices,
        ds.files,
        ds.shared_dir,
        as_of=None,
        revised=True,
    )


def for_report(ds: Dataset, year: int, revised_figures: bool = False) -> Vintage:
    """The data the report on ``year`` uses: as published then, or every row with the latest
    values when ``revised_figures`` (``--revised``)."""
    return revised(ds) if revised_figures else as_published(ds, year)


def _tables_hash(tables: dict[str, pd.DataFrame]) -> str:
    """SHA-256 over the contents of a vintage's tables, each serialised as CSV with its rows
    sorted (same rows → same hash, whatever later rows the files also hold and in whatever
    order): the "hash of the data used" a report records."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        frame = tables[name]
        rows = frame.sort_values(list(frame.columns), key=lambda c: c.astype(str), kind="stable")
        digest.update(name.encode() + b"\0")
        digest.update(rows.to_csv(index=False, lineterminator="\n").encode())
        digest.update(b"\0")
    return "sha256:" + digest.hexdigest()
