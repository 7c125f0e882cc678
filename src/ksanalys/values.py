"""Base: the decisions about values that every stage shares, each made once here.

- **Missing.** A missing value is ``None``, a float or numpy NaN, a ``Decimal`` NaN,
  ``pd.NA`` or ``pd.NaT`` (:func:`is_missing`). It stays missing through every stage: never
  the strings "None", "nan" or "<NA>", never 0. Only display turns it into a dash
  (:data:`ksanalys.present.swedish.DASH`).
- **Numbers as printed.** A float read from a CSV stands for the decimal number that was
  printed, i.e. its shortest form (``repr``): 2.675 is 2.675, not 2.67499… (:func:`to_decimal`).
  The number of decimals it was printed with is read from that form (:func:`decimals_of`).
- **Rounding** is half-up, away from zero, as a reader and the report round: 2 238,5 →
  2 239, −2,5 → −3 (never Python's or Babel's half-to-even). A negative value that rounds to
  zero is zero, without sign (:func:`round_half_up`).
- **Decimals shown.** Values are shown with the fewest decimals, up to a most, that show
  each of them as exactly as that most would: 6.39 → 2, 71.8 → 1, 83.0 → 0
  (:func:`decimals_needed`).
- **A blank inside a printed sum** counts as 0 (the report prints nothing where an amount
  is 0): :func:`sum_term`. Everywhere else missing stays missing.
- **Plain values.** Where a value leaves the library as a plain Python value (JSON, CSV, a
  record), missing is ``None`` and numbers are ``int`` or ``float`` (:func:`plain`,
  :func:`number_or_none`, :func:`rounded`).
- **Magnitude.** No number in the data is larger than :data:`MAX_MAGNITUDE` in absolute
  value (a kommun's figures in tkr are far below it); beyond it sums and roundings would no
  longer be exact, so the loader rejects such a cell.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from typing_extensions import TypeIs

__all__ = [
    "MAX_MAGNITUDE",
    "decimals_needed",
    "decimals_of",
    "is_missing",
    "number_or_none",
    "plain",
    "round_half_up",
    "rounded",
    "sum_term",
    "to_decimal",
]

MAX_MAGNITUDE = 10**12


def is_missing(value: object) -> TypeIs[None]:
    """True for ``None``, NaN (float, numpy, Decimal), ``pd.NA`` and ``pd.NaT``.

    For the type checker a value that is not missing is not ``None`` (``float | None``
    becomes ``float``); a NaN is missing too, which the annotation cannot say."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, Decimal):
        return value.is_nan()
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    return False


def to_decimal(value: object) -> Decimal:
    """An accepted number as ``Decimal``; a float via its shortest decimal form.

    Accepts ``int``, ``float``, ``Decimal`` and numpy numbers; ``bool`` and strings raise
    ``TypeError``, a non-finite number raises ``ValueError``.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Number | Decimal):
        raise TypeError(f"expected a number, got {type(value).__name__}: {value!r}")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, numbers.Integral):
        number = Decimal(int(value))
    elif isinstance(value, numbers.Real):
        number = Decimal(str(float(value)))
    else:
        raise TypeError(f"expected a real number, got {type(value).__name__}: {value!r}")
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def round_half_up(value: object, decimals: int = 0) -> Decimal:
    """``value`` rounded half-up (away from zero) to ``decimals`` places; −0 becomes 0."""
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ValueError(f"decimals must be a non-negative int, got {decimals!r}")
    number = to_decimal(value)
    with localcontext() as ctx:
        ctx.prec = max(28, number.adjusted() + decimals + 2)
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def decimals_of(value: object) -> int:
    """Decimals a stored number was printed with, read from its shortest form (4.54 → 2).

    Trailing zeros are lost in a CSV float, so 5.0 counts as printed without decimals.
    """
    exponent = to_decimal(value).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def decimals_needed(values: Iterable[object], most: int = 2) -> int:
    """The fewest decimals, at most ``most``, that show every value of ``values`` as exactly
    as ``most`` decimals would (6.39 → 2, 71.8 → 1, 83.0 → 0, 0.30000000000000004 → 1);
    missing values are left out."""
    return max(
        (decimals_of(round_half_up(value, most)) for value in values if not is_missing(value)),
        default=0,
    )


def number_or_none(value: object) -> float | None:
    """``value`` as a float; None when it is missing."""
    return None if is_missing(value) else float(value)  # type: ignore[arg-type]


def plain(value: object) -> object:
    """``value`` as a plain Python value: missing → None, a numpy scalar → its Python value."""
    if is_missing(value):
        return None
    item = getattr(value, "item", None)
    return item() if callable(item) and isinstance(value, np.generic) else value


def rounded(value: object, decimals: int = 0) -> int | float | None:
    """``value`` rounded half-up to ``decimals`` as a plain number (an int for 0 decimals);
    None when it is missing. For outputs that hold numbers (JSON, CSV)."""
    if is_missing(value):
        return None
    number = round_half_up(value, decimals)
    return int(number) if decimals == 0 else float(number)


def sum_term(value: object) -> float:
    """A printed amount as a term of a sum: blank (missing) counts as 0."""
    return 0.0 if is_missing(value) else float(value)  # type: ignore[arg-type]
