"""What each printed sum adds, and whether the printed figures agree with it.

Two shapes of table:

- **Running sums** (resultaträkning, each side of the balansräkning): a heading row opens a
  group; a sum right after a group adds that group's rows; a sum with no open group adds
  everything above it that no sum has taken yet (``VERKSAMHETENS NETTOKOSTNAD`` adds
  ``SUMMA INTÄKTER``, ``SUMMA KOSTNADER`` and ``Avskrivningar``). A second heading before
  the group's sum (``SKULDER`` under ``EGET KAPITAL``) continues the group.
- **Unit trees** (nettokostnad, kommunbidrag, avdelningar): a unit's sum adds the rows of its
  child units in the table (:func:`tree_terms`).

A printed figure is compared with the one recomputed from the printed figures by the
check's tolerance rule (:mod:`ksanalys.compute.check.tolerance`); a disagreement is a
:class:`~.records.Finding`, and the printed figure stays as printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from ksanalys.compute.check.tolerance import amounts_agree
from ksanalys.intake.extract.records import Finding
from ksanalys.values import round_half_up

__all__ = ["check_derived", "check_sums", "running_terms", "tree_terms"]

Row = Mapping[str, object]
SUMS = ("subtotal", "total")


def running_terms(rows: Sequence[Row]) -> dict[str, list[str]]:
    """Sum row id → the row ids it adds, for a table of running sums (module docstring)."""
    terms: dict[str, list[str]] = {}
    top: list[str] = []
    group: list[str] | None = None
    for row in rows:
        kind, row_id = row.get("kind"), str(row["_id"])
        if kind == "header":
            group = group if group is not None else []
        elif kind in SUMS:
            taken = group if group else top
            terms[row_id] = list(taken)
            if group:
                group = None
            else:
                top.clear()
            top.append(row_id)
        elif group is not None:
            group.append(row_id)
        else:
            top.append(row_id)
    return terms


def tree_terms(rows: Sequence[Row], parents: Mapping[str, str | None]) -> dict[str, list[str]]:
    """Sum row id → the ids of the rows of its child units, in table order."""
    ids = [str(r["_id"]) for r in rows]
    return {
        str(r["_id"]): [i for i in ids if parents.get(i) == r["_id"]]
        for r in rows
        if r.get("kind") in SUMS
    }


def _number(row: Row, column: str) -> Decimal | None:
    value = row.get(column)
    return value if isinstance(value, Decimal) else None


def _line(row: Row, column: str) -> int:
    lines = row.get("_lines")
    return int(lines.get(column, 0)) if isinstance(lines, dict) else 0


def printed_decimals(value: Decimal) -> int:
    """Decimals as printed ("5,0" → 1), trailing zeros counted."""
    return max(0, -int(value.as_tuple().exponent))


def check_sums(
    table: str, rows: Sequence[Row], terms: Mapping[str, list[str]], columns: Sequence[str]
) -> list[Finding]:
    """A finding for every printed sum that its rows' printed figures do not give."""
    by_id = {str(r["_id"]): r for r in rows}
    findings = []
    for row_id, parts in terms.items():
        row = by_id[row_id]
        for column in columns:
            printed = _number(row, column)
            values = [_number(by_id[p], column) for p in parts if p in by_id]
            known = [v for v in values if v is not None]
            if printed is None or not known:
                continue
            computed = sum(known, Decimal(0))
            if not amounts_agree(printed, computed, len(known)):
                findings.append(
                    Finding(
                        table,
                        row_id,
                        column,
                        printed,
                        computed,
                        _line(row, column),
                        "sum",
                        tuple(parts),
                    )
                )
    return findings


def check_derived(
    table: str,
    rows: Sequence[Row],
    column: str,
    parts: tuple[str, str],
    kind: str,
    sign: int = 1,
) -> list[Finding]:
    """A finding for every printed ``column`` that ``parts`` do not give: a difference
    ``sign·(a − b)``, a percentage ``100·a/b`` or a ratio ``a/b`` (rounded as printed)."""
    findings = []
    for row in rows:
        printed, a, b = (_number(row, c) for c in (column, *parts))
        if printed is None or a is None or b is None:
            continue
        if kind == "difference":
            computed = sign * (a - b)
            agree = amounts_agree(printed, computed, 2)
        elif b == 0:
            continue
        else:
            ratio = a / b * (100 if kind == "percent" else 1)
            computed = round_half_up(ratio, printed_decimals(printed))
            agree = computed == printed
        if not agree:
            findings.append(
                Finding(table, str(row["_id"]), column, printed, computed, _line(row, column), kind)
            )
    return findings
