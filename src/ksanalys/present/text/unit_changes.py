"""A unit's change of organisation in a year, in words: what its growth compares with.

The codes come from :func:`ksanalys.compute.figures.unit_figures` (column ``change``) and
the names of the units compared with from :mod:`ksanalys.compute.key_figures` (column
``compared_with``).
"""

from __future__ import annotations

from ksanalys.compute.figures import MERGED, NEW, RENAMED

__all__ = ["change_note", "office_note"]


def _listed(names: object) -> list[str]:
    return [str(n) for n in names] if isinstance(names, list | tuple) else []


def _names(names: object) -> str:
    listed = _listed(names)
    if len(listed) > 1:
        return ", ".join(listed[:-1]) + " och " + listed[-1]
    return listed[0] if listed else ""


def change_note(unit: str, change: object, compared_with: object, year: int) -> str | None:
    """ "Digitalisering: ny 2014, ingen jämförelse med 2013." (None: no change)."""
    if change == NEW:
        return f"{unit}: ny {year}, ingen jämförelse med {year - 1}."
    if change == RENAMED:
        return f"{unit}: {year - 1} som {_names(compared_with)}."
    if change == MERGED:
        others = [n for n in _listed(compared_with) if n != unit]
        return (
            f"{unit}: {year - 1} inkl. {_names(others)} (sammanslagna {year}), så att "
            "utvecklingen jämför samma verksamhet."
        )
    return None


def office_note(unit: str, new_units: list[str], year: int) -> str:
    """The unit above a new department: its growth includes what is new."""
    return (
        f"{unit}: utvecklingen mot {year - 1} omfattar {_names(new_units)}, som är ny "
        f"{year}; den jämför inte samma verksamhet."
    )
