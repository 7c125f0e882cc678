"""The rows a workbook starts with, as dicts of the sheets' fields (None = blank).

- :func:`new_year_rows` (``new-year Y``): the previous report's rows with what stays
  (ids, labels, kinds, expressions: the fields a :class:`~.layout.Field` marks ``carry``),
  its own-year column in this year's comparison column, and last year's year-specific
  content (goal texts, quotes, the title) only as grey references (``_…_prev``);
- :func:`edit_rows` (``new-year Y --edit``): the year's rows as the data holds them, so
  that importing the workbook unchanged changes nothing.

Both also give the unit tree (sheet Enheter) and the sources (sheet Källor).
"""

from __future__ import annotations

import pandas as pd

from ksanalys.intake.cell import clean, slug
from ksanalys.intake.layout import NEW, RENAMED, SHEET_BY_TABLE, Sheet
from ksanalys.intake.units import unit_rows
from ksanalys.load import Dataset
from ksanalys.load.schema import SCHEMAS

__all__ = [
    "edit_rows",
    "new_year_rows",
    "previous_report",
    "report_document",
    "series_basis",
]

# A new year's comparison column ← the previous report's own column.
_CARRY = {
    "resultatrakning": ("outcome_prev", "outcome"),
    "balansrakning": ("balance_prev", "balance"),
    "net_cost": ("net_cost_prev", "net_cost"),
}


def previous_report(ds: Dataset, year: int) -> int | None:
    earlier = [y for y in ds.report_years if y < year]
    return earlier[-1] if earlier else None


def _documents_of_sources(ds: Dataset) -> dict[str, str]:
    sources = ds.tables["sources"]
    return dict(zip(sources["source"].astype(str), sources["document"].astype(str), strict=True))


def _own_document(ds: Dataset, year: int) -> str | None:
    table = ds.tables["resultatrakning"]
    sources = table.loc[table["report_year"] == year, "source"].astype(str)
    documents = _documents_of_sources(ds)
    return next((documents[s] for s in sources if s in documents), None)


def report_document(ds: Dataset, year: int) -> str:
    """The document id of the report on ``year``: the data's, else the previous report's
    with the year replaced (``ks2013`` → ``ks2014``), else the board's short name and the
    year (``ks2014`` for the short name "KS")."""
    own = _own_document(ds, year)
    if own is not None:
        return own
    previous = previous_report(ds, year)
    document = _own_document(ds, previous) if previous is not None else None
    if document is not None and str(previous) in document:
        return document.replace(str(previous), str(year))
    short = slug(ds.organisation.board.short_name, "")
    return f"{short or 'bokslut'}{year}"


def relabel(text: object, previous: int | None, year: int) -> object:
    """Last year's label for this year's row: the year in it replaced."""
    if previous is None or not isinstance(text, str):
        return text
    return text.replace(str(previous), str(year))


def _year_frame(ds: Dataset, table: str, year: int | None) -> pd.DataFrame:
    frame = ds.tables.get(table)
    if frame is None or year is None or "report_year" not in frame.columns:
        return pd.DataFrame()
    rows = frame[frame["report_year"] == year]
    return rows.sort_values("row", kind="stable") if "row" in rows.columns else rows


def _stored(sheet: Sheet) -> list[str]:
    return [f.field for f in sheet.fields if not f.field.startswith("_")]


def _references(sheet: Sheet, row: dict, previous: dict | None) -> None:
    for f in sheet.fields:
        if f.reference is not None:
            row[f.field] = None if previous is None else clean(previous.get(f.reference))


def _carried(sheet: Sheet, record: dict, previous: int | None, year: int) -> dict:
    row = {f.field: relabel(clean(record.get(f.field)), previous, year) for f in sheet.fields}
    row = {k: v for k, v in row.items() if k in {f.field for f in sheet.fields if f.carry}}
    if sheet.table in _CARRY:
        target, own = _CARRY[sheet.table]
        row[target] = clean(record.get(own))
    if sheet.table == "explanations":
        row["kind"] = "ej_angivet"
    _references(sheet, row, record)
    return row


def new_year_rows(ds: Dataset, sheet: Sheet, year: int) -> list[dict]:
    """The rows of ``sheet`` in the workbook for a new report on ``year``."""
    previous = previous_report(ds, year)
    special = _SPECIAL_NEW.get(sheet.table)
    if special is not None:
        return special(ds, year, previous)
    frame = _year_frame(ds, sheet.table, previous)
    return [_carried(sheet, record, previous, year) for record in frame.to_dict("records")]


def edit_rows(ds: Dataset, sheet: Sheet, year: int) -> list[dict]:
    """The rows of ``sheet`` holding the data's report on ``year`` as it is."""
    special = _SPECIAL_EDIT.get(sheet.table)
    if special is not None:
        return special(ds, year)
    previous = _year_frame(ds, sheet.table, previous_report(ds, year))
    earlier = {_key(sheet, r): r for r in previous.to_dict("records")}
    rows = []
    for record in _year_frame(ds, sheet.table, year).to_dict("records"):
        row = {f: clean(record.get(f)) for f in _stored(sheet)}
        _references(sheet, row, earlier.get(_key(sheet, record)))
        rows.append(row)
    if sheet.table == "departments":
        _mark_changes(ds, rows, year)
    return rows


def _key(sheet: Sheet, record: dict) -> object:
    """A row's key within its report year (the data table's key without the year)."""
    return tuple(record.get(f) for f in SCHEMAS[sheet.table].key if f != "report_year")


def _mark_changes(ds: Dataset, rows: list[dict], year: int) -> None:
    """The column Ändring of the departments that changed in ``year``."""
    units = {u["unit_id"]: u for u in unit_rows(ds)}
    for row in rows:
        unit = units.get(row["unit_id"], {})
        if unit.get("from_year") != year:
            continue
        row["_change"] = RENAMED if unit.get("renamed_from") else NEW
        row["_change_unit"] = unit.get("renamed_from")


def _goal_indicator_rows(ds: Dataset, year: int, previous: int | None) -> list[dict]:
    """One row per (indicator, scope, period) a goal rule uses, for the report year."""
    rules = ds.tables["goal_rules"]
    units = ds.tables["indicator_meta"].set_index("indicator")["unit"]
    seen: dict[tuple, dict] = {}
    for rule in rules.to_dict("records"):
        if not isinstance(rule["indicator"], str):
            continue
        period = clean(rule["period"])
        key = (rule["indicator"], rule["scope"], period)
        seen.setdefault(
            key,
            {
                "indicator": rule["indicator"],
                "scope": rule["scope"],
                "year": year,
                "period": period,
                "unit": units.get(rule["indicator"]),
                "_basis_prev": series_basis(ds, rule["indicator"], rule["scope"], period, year),
            },
        )
    return list(seen.values())


def _report_documents(ds: Dataset) -> set[str]:
    return {d for y in ds.report_years if (d := _own_document(ds, y)) is not None}


def series_basis(
    ds: Dataset, indicator: object, scope: object, period: object, year: object
) -> object:
    """The definition (basis) a series has before ``year``: that of its latest earlier
    value published by a report, else by any source (None: no definition given)."""
    frame = ds.tables["indicators"]
    same_period = frame["period"].isna() if clean(period) is None else frame["period"] == period
    rows = frame[
        (frame["indicator"] == indicator)
        & (frame["scope"] == scope)
        & same_period
        & (frame["year"] < int(str(year)))
    ]
    if rows.empty:
        return None
    documents = _documents_of_sources(ds)
    from_reports = rows[rows["source"].astype(str).map(documents).isin(_report_documents(ds))]
    chosen = (from_reports if not from_reports.empty else rows).sort_values("year")
    return clean(chosen["basis"].iloc[-1])


def _document_rows(ds: Dataset, year: int, previous: int | None) -> list[dict]:
    documents = ds.tables["documents"].set_index("document")
    earlier = report_document(ds, previous) if previous is not None else None
    row: dict = {"report_year": year, "publisher": None, "_title_prev": None}
    if earlier in documents.index:
        row["publisher"] = clean(documents.loc[earlier, "publisher"])
        row["_title_prev"] = clean(documents.loc[earlier, "title"])
    return [row]


def _document_edit_rows(ds: Dataset, year: int) -> list[dict]:
    documents = ds.tables["documents"].set_index("document")
    record = documents.loc[report_document(ds, year)]
    row = {f: clean(record.get(f)) for f in ("title", "publisher", "date", "location")}
    previous = _document_rows(ds, year, previous_report(ds, year))[0]
    return [{"report_year": year, **row, "_title_prev": previous["_title_prev"]}]


def _source_rows(ds: Dataset, year: int, previous: int | None) -> list[dict]:
    """The previous report's sources, renamed for this year."""
    if previous is None:
        return []
    document = report_document(ds, previous)
    sources = ds.tables["sources"]
    rows = sources[sources["document"] == document].to_dict("records")
    return [
        {
            "source": relabel(r["source"], previous, year),
            "section": relabel(r["section"], previous, year),
        }
        for r in rows
    ]


def _source_edit_rows(ds: Dataset, year: int) -> list[dict]:
    sources = ds.tables["sources"]
    rows = sources[sources["document"] == report_document(ds, year)].to_dict("records")
    return [{f: clean(r.get(f)) for f in ("source", "section", "url")} for r in rows]


def _indicator_edit_rows(ds: Dataset, year: int) -> list[dict]:
    """The indicators the report on ``year`` published (its document's sources)."""
    documents = _documents_of_sources(ds)
    document = report_document(ds, year)
    frame = ds.tables["indicators"]
    own = frame[frame["source"].astype(str).map(documents) == document]
    fields = _stored(SHEET_BY_TABLE["indicators"])
    rows = []
    for record in own.to_dict("records"):
        row = {f: clean(record.get(f)) for f in fields}
        basis = series_basis(ds, row["indicator"], row["scope"], row["period"], row["year"])
        row["_basis_prev"] = basis
        rows.append(row)
    return rows


def _units(ds: Dataset, year: int, previous: int | None = None) -> list[dict]:
    return unit_rows(ds)


def _scopes(ds: Dataset, year: int, previous: int | None = None) -> list[dict]:
    scopes = ds.tables.get("scopes")
    fields = _stored(SHEET_BY_TABLE["scopes"])
    rows = scopes.to_dict("records") if scopes is not None else []
    return [{f: clean(r.get(f)) for f in fields} for r in rows]


def _nothing(ds: Dataset, year: int, previous: int | None = None) -> list[dict]:
    return []


_SPECIAL_NEW = {
    "indicators": _goal_indicator_rows,
    "units": _units,
    "scopes": _scopes,
    "documents": _document_rows,
    "sources": _source_rows,
    "new_goals": _nothing,
    "indicator_meta": _nothing,
    "statement_pairs": _nothing,
}
_SPECIAL_EDIT = {
    "indicators": _indicator_edit_rows,
    "units": _units,
    "scopes": _scopes,
    "documents": _document_edit_rows,
    "sources": _source_edit_rows,
    "new_goals": _nothing,
    "indicator_meta": _nothing,
}
