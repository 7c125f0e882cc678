"""The three formulas the workbook writes, and how the reader computes them.

Only these shapes are written (A1 references on the same sheet); a blank operand gives a
blank result, never 0, as in the data (blank = not printed):

- sum: ``=IF(COUNT(D5,D6)=0,"",SUM(D5,D6))`` (blank terms are left out of a printed sum);
- difference: ``=IF(OR(F5="",E5=""),"",F5-E5)``;
- percent: ``=IF(OR(G5="",E5="",E5=0),"",ROUND(100*G5/E5,1))``.

:func:`evaluate` computes a formula of these shapes from the other cells of its sheet;
any other formula is not computed (the reader then asks for the value itself, unless Excel
saved the computed value in the file).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["difference", "evaluate", "percent", "total"]

_CELL = r"[A-Z]{1,3}\d+"
_SUM = re.compile(rf'=IF\(COUNT\(((?:{_CELL},)*{_CELL})\)=0,"",SUM\(\1\)\)')
_DIFF = re.compile(rf'=IF\(OR\(({_CELL})="",({_CELL})=""\),"",\1-\2\)')
_PCT = re.compile(rf'=IF\(OR\(({_CELL})="",({_CELL})="",\2=0\),"",ROUND\(100\*\1/\2,(\d)\)\)')


def total(cells: list[str]) -> str:
    joined = ",".join(cells)
    return f'=IF(COUNT({joined})=0,"",SUM({joined}))'


def difference(minuend: str, subtrahend: str) -> str:
    return f'=IF(OR({minuend}="",{subtrahend}=""),"",{minuend}-{subtrahend})'


def percent(part: str, whole: str, decimals: int = 1) -> str:
    return f'=IF(OR({part}="",{whole}="",{whole}=0),"",ROUND(100*{part}/{whole},{decimals}))'


def _round_half_up(value: float, decimals: int) -> float:
    from decimal import ROUND_HALF_UP, Decimal

    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def evaluate(formula: str, value_of: Callable[[str], float | None]) -> float | None:
    """The value of ``formula`` given ``value_of(cell)`` (None = blank). Raises
    ValueError for a formula of another shape."""
    text = formula.replace(" ", "").upper()
    if match := _SUM.fullmatch(text):
        values = [value_of(c) for c in match.group(1).split(",")]
        known = [v for v in values if v is not None]
        return sum(known) if known else None
    if match := _DIFF.fullmatch(text):
        a, b = value_of(match.group(1)), value_of(match.group(2))
        return None if a is None or b is None else a - b
    if match := _PCT.fullmatch(text):
        a, b = value_of(match.group(1)), value_of(match.group(2))
        if a is None or b is None or b == 0:
            return None
        return _round_half_up(100 * a / b, int(match.group(3)))
    raise ValueError(formula)
