"""The K/I box: a few "label, amount" rows without a heading line, one of them the K/I-tal.

The box is the run of two-cell rows (blank lines and rules between them allowed) around a
row whose label is known as the K/I-tal (:mod:`.vocabulary`, or an earlier report's box).
The ratio is checked: K/I-tal = kostnader / (intäkter + kommunbidrag), at the printed
decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ksanalys.intake.extract.labels import Labels
from ksanalys.intake.extract.lines import Line
from ksanalys.intake.extract.numbers import parse_number
from ksanalys.intake.extract.place import Placed, emit
from ksanalys.intake.extract.records import Extraction, Finding, Note
from ksanalys.intake.extract.sums import printed_decimals
from ksanalys.values import round_half_up

__all__ = ["read_ki"]

TABLE = "ki"
RATIO = "ki_tal"
RATIO_PARTS = ("kostnader_totalt", "intakter_totalt", "kommunbidrag_totalt")


def _pair(line: Line) -> tuple[str, Decimal] | None:
    cells = [c for c in line.cells if c.strip()]
    if len(cells) != 2:
        return None
    number = parse_number(cells[1])
    return (cells[0], number) if number is not None else None


def _box(lines: Sequence[Line], labels: Labels) -> list[Line]:
    """The lines of the box, or [] when the report has none."""
    for index, line in enumerate(lines):
        pair = _pair(line)
        known = labels.row(TABLE, pair[0]) if pair else None
        if known is None or known.row_id != RATIO:
            continue
        start = index
        while start > 0 and (_pair(lines[start - 1]) or lines[start - 1].blank):
            start -= 1
        return [x for x in lines[start : index + 1] if _pair(x)]
    return []


def _check(rows: list[Placed]) -> list[Finding]:
    by_id = {r["_id"]: r["value"] for r in rows}
    ratio = by_id.get(RATIO)
    parts = [by_id.get(p) for p in RATIO_PARTS]
    if not isinstance(ratio, Decimal) or not all(isinstance(p, Decimal) for p in parts):
        return []
    costs, income, grant = (p for p in parts if isinstance(p, Decimal))
    if income + grant == 0:
        return []
    computed = round_half_up(costs / (income + grant), printed_decimals(ratio))
    if computed == ratio:
        return []
    row = next(r for r in rows if r["_id"] == RATIO)
    return [Finding(TABLE, RATIO, "value", ratio, computed, row.line, "ratio", RATIO_PARTS)]


def read_ki(out: Extraction, lines: Sequence[Line], labels: Labels) -> list[int]:
    """Read the box into ``out``; the numbers of the lines it took."""
    rows: list[Placed] = []
    for line in _box(lines, labels):
        label, value = _pair(line) or ("", Decimal(0))
        known = labels.row(TABLE, label)
        if known is None:
            out.unplaced.append(Note(line.number, line.text, "unknown_row"))
            continue
        unit = known.unit or ("tkr" if value == value.to_integral_value() else "kvot")
        rows.append(Placed(known.row_id, line.number, line=label, value=value, unit=unit))
    emit(out, TABLE, rows)
    out.findings += _check(rows)
    return [r.line for r in rows]
