"""The unit tree as rows (sheet Enheter), and a year's changes to it (sheet Avdelningar).

:func:`unit_rows`: units.csv (the organisation, see :mod:`ksanalys.load.organisation`).

:func:`apply_changes`: the column Ändring of a year's department rows turned into rows of
units.csv: a new unit starts that year under the sum that adds it; a renamed one is a new
id that continues the old one (``renamed_from``), which ends the year before; a merged one
ends the year before and names the unit it went into (``merged_into``). Applying the same
changes again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ksanalys.intake.cell import clean
from ksanalys.intake.layout import MERGED, NEW, RENAMED
from ksanalys.load import Dataset
from ksanalys.load.schema import SCHEMAS, UNIT_LEVELS

__all__ = ["UNIT_FIELDS", "UnitChange", "apply_changes", "unit_rows"]

UNIT_FIELDS = SCHEMAS["units"].column_names


@dataclass(frozen=True)
class UnitChange:
    """One department row's change (column Ändring) and where it was typed."""

    kind: str  # NEW, RENAMED or MERGED
    unit_id: str
    label: str
    other: str | None  # RENAMED: the old unit; MERGED: the unit it went into
    parent: str | None  # the unit whose sum adds the row (None: none does)
    cell: str  # "Avdelningar!H12", for errors


def unit_rows(ds: Dataset) -> list[dict]:
    """One dict per unit with the fields of units.csv (None for blank)."""
    return [
        {f: clean(r.get(f)) for f in UNIT_FIELDS} for r in ds.tables["units"].to_dict("records")
    ]


def _unit(unit_id: str, label: str, level: int, parent: str | None) -> dict:
    return {
        "unit_id": unit_id,
        "unit": label,
        "level": UNIT_LEVELS[min(level, len(UNIT_LEVELS) - 1)],
        "parent_unit_id": parent,
    }


def _level_under(units: dict[str, dict], parent: str | None) -> str:
    """The level of a new unit under ``parent``: that of its siblings, else the next."""
    siblings = [u["level"] for u in units.values() if u.get("parent_unit_id") == parent]
    if siblings:
        return siblings[0]
    above = units.get(parent or "", {}).get("level")
    index = UNIT_LEVELS.index(above) + 1 if above in UNIT_LEVELS else len(UNIT_LEVELS) - 1
    return UNIT_LEVELS[min(index, len(UNIT_LEVELS) - 1)]


def apply_changes(
    units: list[dict], changes: list[UnitChange], year: int, errors: list[str]
) -> list[dict]:
    """``units`` (rows of units.csv) with ``changes`` applied (see the module docstring);
    problems are added to ``errors``."""
    by_id = {u["unit_id"]: dict(u) for u in units}
    for change in changes:
        problem = _apply(by_id, change, year)
        if problem:
            errors.append(f"{change.cell}: {problem}")
    return list(by_id.values())


def _end(unit: dict, year: int) -> None:
    if unit.get("to_year") is None or unit["to_year"] >= year:
        unit["to_year"] = year - 1


def _apply(units: dict[str, dict], change: UnitChange, year: int) -> str | None:
    other = units.get(change.other or "")
    if change.kind in (RENAMED, MERGED) and other is None:
        return f"förväntade en enhet från bladet Enheter under Annan enhet, fann {change.other!r}"
    if change.kind == MERGED:
        unit = units.get(change.unit_id)
        if unit is None:
            return f"förväntade en enhet från bladet Enheter, fann {change.unit_id!r}"
        _end(unit, year)
        unit["merged_into"] = change.other
        return None
    existing = units.get(change.unit_id)
    if existing is not None:
        return _same(existing, change, year)
    if change.kind == RENAMED:
        assert other is not None
        parent = other.get("parent_unit_id") or change.parent
        units[change.unit_id] = {
            **_unit(change.unit_id, change.label, 0, parent),
            "level": other["level"],
            "from_year": year,
            "renamed_from": change.other,
        }
        _end(other, year)
        return None
    units[change.unit_id] = {
        **_unit(change.unit_id, change.label, 0, change.parent),
        "level": _level_under(units, change.parent),
        "from_year": year,
    }
    return None


def _same(existing: dict, change: UnitChange, year: int) -> str | None:
    """A unit the data (or the sheet Enheter) already has: the change must say the same."""
    if change.kind == NEW and existing.get("from_year") != year:
        return (
            f"'{NEW}' men enheten {change.unit_id!r} finns redan från tidigare år; lämna "
            "Ändring tom, eller ge den nya enheten ett eget Enhet-id"
        )
    if change.kind == RENAMED and existing.get("renamed_from") != change.other:
        if change.unit_id == change.other:
            return (
                "ett namnbyte behöver ett nytt Enhet-id (lämna det tomt så bildas det av "
                "det nya namnet)"
            )
        return (
            f"'{RENAMED}' {change.other!r}, men bladet Enheter säger att {change.unit_id!r} "
            f"fortsätter {existing.get('renamed_from')!r}"
        )
    return None
