"""Restatements and revisions: where a later document gives another figure for a year.

A report's comparison column (``outcome_prev``, ``balance_prev``, ``net_cost_prev``)
prints the previous year again. Where it differs from what the previous report printed,
that is a *restatement* (omräkning) by the later report: neither report is wrong, and the
difference is shown as such, never as a finding of either report. A blank cell on either
side is missing: it is not compared (never read as 0).

:func:`revisions` lists what the revised figures for a year change against the report as
first published: the restated figures and the indicator values published later.
"""

from __future__ import annotations

import pandas as pd

from ksanalys.load import Dataset
from ksanalys.load.vintage import as_published, published_rows
from ksanalys.values import is_missing

__all__ = ["COMPARISON_COLUMNS", "REVISION_COLUMNS", "restatements", "revisions"]

# Table → (comparison column of a report, the previous report's own column, id column, label).
COMPARISON_COLUMNS = {
    "resultatrakning": ("outcome_prev", "outcome", "line_id", "line"),
    "balansrakning": ("balance_prev", "balance", "line_id", "line"),
    "net_cost": ("net_cost_prev", "net_cost", "unit_id", "unit"),
}

REVISION_COLUMNS = (
    "kind",
    "table",
    "row",
    "label",
    "column",
    "year",
    "earlier",
    "later",
    "difference",
    "unit",
    "earlier_document",
    "later_document",
)

_SAME = 1e-9


def _documents(ds: Dataset) -> dict[str, str]:
    sources = ds.tables["sources"]
    return dict(zip(sources["source"].astype(str), sources["document"].astype(str), strict=True))


def restatements(ds: Dataset, report_year: int) -> pd.DataFrame:
    """The cells of report ``report_year``'s comparison columns that differ from what the
    report for ``report_year − 1`` printed.

    Columns (:data:`REVISION_COLUMNS`): kind ('restatement'), table, row (line_id/unit_id),
    label (as the later report prints it), column (the later report's comparison column),
    year (the fiscal year, ``report_year − 1``), earlier and later (float tkr), difference
    (later − earlier), unit ('tkr'), earlier_document, later_document. Empty when the data
    has no earlier report or nothing differs.
    """
    documents = _documents(ds)
    records = []
    for table, (later_column, earlier_column, id_column, label) in COMPARISON_COLUMNS.items():
        frame = ds.tables[table]
        later = frame[frame["report_year"] == report_year].sort_values("row")
        earlier = frame[frame["report_year"] == report_year - 1].set_index(id_column)
        for _, row in later.iterrows():
            key = row[id_column]
            if key not in earlier.index:
                continue
            old = earlier.loc[key]
            new_value, old_value = row[later_column], old[earlier_column]
            if is_missing(new_value) or is_missing(old_value) or abs(new_value - old_value) < _SAME:
                continue
            records.append(
                {
                    "kind": "restatement",
                    "table": table,
                    "row": str(key),
                    "label": str(row[label]),
                    "column": later_column,
                    "year": report_year - 1,
                    "earlier": float(old_value),
                    "later": float(new_value),
                    "difference": float(new_value - old_value),
                    "unit": "tkr",
                    "earlier_document": documents.get(str(old["source"]), ""),
                    "later_document": documents.get(str(row["source"]), ""),
                }
            )
    return _frame(records)


def revisions(ds: Dataset, year: int) -> pd.DataFrame:
    """What the latest data changes for the report on ``year`` against that report as first
    published: every restatement by a report published after it of a fiscal year up to
    ``year``, and every indicator value about a year up to ``year`` published after it.

    Columns as :func:`restatements`; kind is 'restatement' or 'later_value' (a value first
    published later: earlier is NaN, table 'indicators', row 'indicator/scope', label the
    indicator's label, column the period or '', unit the indicator's unit).
    """
    published = as_published(ds, year)
    later_reports = [r for r in ds.report_years if r > max(published.report_years, default=0)]
    parts = [restatements(ds, r) for r in later_reports]
    frames = [p[p["year"] <= year] for p in parts]
    known = published_rows(published, "indicators")
    rows = published_rows(ds, "indicators")
    key = ["indicator", "scope", "year", "period"]
    merged = rows.merge(known[key].assign(_known=True), on=key, how="left")
    added = merged[merged["_known"].isna() & (merged["year"] <= year)]
    meta = ds.tables["indicator_meta"].set_index("indicator")["label"]
    records = [
        {
            "kind": "later_value",
            "table": "indicators",
            "row": f"{r['indicator']}/{r['scope']}",
            "label": str(meta.get(r["indicator"], r["indicator"])),
            "column": r["period"] if isinstance(r["period"], str) else "",
            "year": int(r["year"]),
            "earlier": float("nan"),
            "later": float(r["value"]),
            "difference": float("nan"),
            "unit": str(r["unit"]),
            "earlier_document": "",
            "later_document": str(r["document"]),
        }
        for _, r in added.iterrows()
    ]
    return pd.concat([*frames, _frame(records)], ignore_index=True).pipe(_typed)


def _frame(records: list[dict]) -> pd.DataFrame:
    return _typed(pd.DataFrame.from_records(records, columns=list(REVISION_COLUMNS)))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(
        {
            "year": "int64",
            "earlier": "float64",
            "later": "float64",
            "difference": "float64",
        }
    )
