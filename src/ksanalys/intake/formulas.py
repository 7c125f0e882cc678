"""The formulas the workbook writes (in the columns :data:`SUMMED`, :data:`DIFFERENCES`
and :data:`PERCENTS` name), and how the reader computes them.

Only these shapes are written (A1 references on the same sheet); a blank operand gives a
blank result, never 0, as in the data (blank = not printed):

- sum of the rows above: ``=IF(COUNT(D5:INDEX(D:D,ROW()-1))=0,"",SUM(D5:INDEX(D:D,ROW()-1)))``:
  every row from D5 down to the row above the sum, so a row inserted anywhere in between,
  also right above the sum, is counted (Excel moves D5 and the sum itself, never the end);
- sum of other rows: ``=IF(COUNT(D5,D9)=0,"",SUM(D5,D9))`` (blank terms are left out of a
  printed sum);
- difference: ``=IF(OR(F5="",E5=""),"",F5-E5)``;
- percent: ``=IF(OR(G5="",E5="",E5=0),"",ROUND(100*G5/E5,1))``.

:func:`evaluate` computes a formula of these shapes from the other cells of its sheet;
any other formula is not computed (the reader then asks for the value itself, unless Excel
saved the computed value in the file). :func:`summed_rows` says which rows a sum adds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ksanalys.values import round_half_up

__all__ = [
    "DIFFERENCES",
    "PERCENTS",
    "SUMMED",
    "difference",
    "evaluate",
    "is_written",
    "percent",
    "summed_rows",
    "total",
    "total_above",
]

# The columns of a sum row that are sums (of the rows it adds) and the formulas of a row.
SUMMED = {
    "resultatrakning": ("outcome_prev", "budget", "outcome"),
    "balansrakning": ("balance_prev", "balance"),
    "net_cost": ("net_cost", "net_cost_prev"),
    "budget": ("grant", "forecast", "net_cost"),
    "departments": ("grant", "net_cost"),
}
DIFFERENCES = {  # column = a − b
    "resultatrakning": ("deviation", "outcome", "budget"),
    "net_cost": ("difference", "net_cost", "net_cost_prev"),
    "budget": ("deviation", "grant", "net_cost"),
    "departments": ("result", "grant", "net_cost"),
}
PERCENTS = {  # column = 100 · a / b
    "net_cost": ("growth_pct", "difference", "net_cost_prev"),
    "departments": ("deviation_pct", "result", "grant"),
}

_CELL = r"[A-Z]{1,3}\d+"
_SUM = re.compile(rf'=IF\(COUNT\(((?:{_CELL},)*{_CELL})\)=0,"",SUM\(\1\)\)')
_ABOVE = r"([A-Z]{1,3})(\d+):INDEX\(\1:\1,ROW\(\)-1\)"
_SUM_ABOVE = re.compile(rf'=IF\(COUNT\({_ABOVE}\)=0,"",SUM\(\1\2:INDEX\(\1:\1,ROW\(\)-1\)\)\)')
_DIFF = re.compile(rf'=IF\(OR\(({_CELL})="",({_CELL})=""\),"",\1-\2\)')
_PCT = re.compile(rf'=IF\(OR\(({_CELL})="",({_CELL})="",\2=0\),"",ROUND\(100\*\1/\2,(\d)\)\)')


def total(cells: list[str]) -> str:
    joined = ",".join(cells)
    return f'=IF(COUNT({joined})=0,"",SUM({joined}))'


def total_above(column: str, first_row: int) -> str:
    """The sum of ``column`` from ``first_row`` down to the row above the formula."""
    cells = f"{column}{first_row}:INDEX({column}:{column},ROW()-1)"
    return f'=IF(COUNT({cells})=0,"",SUM({cells}))'


def difference(minuend: str, subtrahend: str) -> str:
    return f'=IF(OR({minuend}="",{subtrahend}=""),"",{minuend}-{subtrahend})'


def percent(part: str, whole: str, decimals: int = 1) -> str:
    return f'=IF(OR({part}="",{whole}="",{whole}=0),"",ROUND(100*{part}/{whole},{decimals}))'


def _normal(formula: str) -> str:
    return formula.replace(" ", "").replace("$", "").upper()


def is_written(formula: object) -> bool:
    """True for a formula of the shapes above (the only formulas the workbook writes)."""
    if not isinstance(formula, str):
        return False
    text = _normal(formula)
    return any(p.fullmatch(text) for p in (_SUM_ABOVE, _SUM, _DIFF, _PCT))


def summed_rows(formula: object, row: int) -> list[int] | None:
    """The sheet rows a sum formula in ``row`` adds (None: not a sum of these shapes)."""
    if not isinstance(formula, str):
        return None
    text = _normal(formula)
    if match := _SUM_ABOVE.fullmatch(text):
        return list(range(int(match.group(2)), row))
    if match := _SUM.fullmatch(text):
        return [int(re.sub(r"[A-Z]", "", cell)) for cell in match.group(1).split(",")]
    return None


def evaluate(
    formula: str, value_of: Callable[[str], float | None], row: int | None = None
) -> float | None:
    """The value of ``formula`` in ``row`` given ``value_of(cell)`` (None = blank or
    text, which a sum leaves out). Raises ValueError for a formula of another shape."""
    text = _normal(formula)
    if (match := _SUM_ABOVE.fullmatch(text)) and row is not None:
        column = match.group(1)
        cells = [f"{column}{r}" for r in range(int(match.group(2)), row)]
        return _sum(value_of(c) for c in cells)
    if match := _SUM.fullmatch(text):
        return _sum(value_of(c) for c in match.group(1).split(","))
    if match := _DIFF.fullmatch(text):
        a, b = value_of(match.group(1)), value_of(match.group(2))
        return None if a is None or b is None else a - b
    if match := _PCT.fullmatch(text):
        a, b = value_of(match.group(1)), value_of(match.group(2))
        if a is None or b is None or b == 0:
            return None
        return float(round_half_up(100 * a / b, int(match.group(3))))
    raise ValueError(formula)


def _sum(values) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None
