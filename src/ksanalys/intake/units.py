"""The unit tree as rows: units.csv (the organisation, see :mod:`ksanalys.load.organisation`)."""

from __future__ import annotations

import math

from ksanalys.load import Dataset
from ksanalys.load.schema import SCHEMAS

__all__ = ["UNIT_FIELDS", "unit_rows"]

UNIT_FIELDS = SCHEMAS["units"].column_names


def _clean(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def unit_rows(ds: Dataset) -> list[dict]:
    """One dict per unit with the fields of units.csv (None for blank)."""
    units = ds.tables["units"]
    return [{f: _clean(r[f]) for f in UNIT_FIELDS} for _, r in units.iterrows()]
