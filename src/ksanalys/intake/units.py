"""The unit tree as rows: units.csv, or, for a data folder without it, derived from the
printed tables (units of net_cost/budget, departments under the subtotal that adds them)."""

from __future__ import annotations

import math

from ksanalys.load import Dataset

__all__ = ["UNIT_FIELDS", "unit_rows"]

UNIT_FIELDS = (
    "unit_id",
    "unit",
    "level",
    "parent_unit_id",
    "from_year",
    "to_year",
    "renamed_from",
    "note",
)
BOARD = "kommunstyrelsen"


def _clean(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def unit_rows(ds: Dataset) -> list[dict]:
    """One dict per unit with the fields of units.csv (None for blank)."""
    units = ds.tables.get("units")
    if units is not None:
        return [{f: _clean(r[f]) for f in UNIT_FIELDS} for _, r in units.iterrows()]
    rows: dict[str, dict] = {
        BOARD: {"unit_id": BOARD, "unit": "Kommunstyrelsen totalt", "level": "kommunstyrelsen"}
    }
    for name in ("net_cost", "budget"):
        table = ds.tables[name].sort_values(["report_year", "row"])
        for _, r in table[table["kind"] == "line"].iterrows():
            rows.setdefault(
                r["unit_id"],
                {
                    "unit_id": r["unit_id"],
                    "unit": r["unit"],
                    "level": "enhet",
                    "parent_unit_id": BOARD,
                },
            )
    table = ds.tables["departments"].sort_values(["report_year", "row"])
    for _, r in table.iterrows():
        if r["kind"] == "line" or not isinstance(r["total_of"], str) or r["unit_id"] == BOARD:
            continue
        for term in r["total_of"].split("+"):
            label = table.loc[table["unit_id"] == term, "unit"].iloc[-1]
            rows.setdefault(
                term,
                {
                    "unit_id": term,
                    "unit": label,
                    "level": "avdelning",
                    "parent_unit_id": r["unit_id"],
                },
            )
    return [{f: row.get(f) for f in UNIT_FIELDS} for row in rows.values()]
