"""Swedish number formatting (Babel ``sv_SE``) for everything a report reader sees.

All functions share these rules:

- digits are grouped with a no-break space (U+00A0) and use a decimal comma;
- negative numbers get a true minus sign (U+2212), never an ASCII hyphen;
- rounding is half-up and a float is its shortest decimal form, as :mod:`ksanalys.values`
  decides (2 238,5 → "2 239", 2.675 → "2,68"); a negative value that rounds to zero prints
  without sign ("0,0", never "−0,0");
- a unit word or sign is joined to the number with a no-break space (U+00A0), as Swedish
  typography asks, so "9,3 mkr" never breaks across lines;
- a missing value (``None``, NaN, ``pd.NA``, ``pd.NaT``) prints as an en dash "–";
- ``int``, ``float``, ``Decimal`` and numpy numbers are accepted; ``bool`` and strings
  raise ``TypeError``; infinities raise ``ValueError``;
- numbers in text written by hand (notes and quotes in data) get the same no-break
  spaces (:func:`keep_numbers_together`);
- a date is written as Swedish prose writes it, "7 december 2026", and a time of day with
  a point, "kl. 20.35" (:func:`format_date`, :func:`format_datetime`);
- a span of years or values is joined by an en dash without spaces ("2012–2013",
  "60,1–72,3").

The decimal comma is written here and nowhere else (also for Swedish Excel's CSV:
:func:`format_excel_csv`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal, localcontext

from babel.dates import format_date as format_babel_date
from babel.numbers import format_decimal

from ksanalys.values import is_missing, round_half_up, to_decimal

__all__ = [
    "DASH",
    "MINUS",
    "NBSP",
    "UNITLESS",
    "format_change",
    "format_change_size",
    "format_date",
    "format_datetime",
    "format_excel_csv",
    "format_interval",
    "format_mkr",
    "format_number",
    "format_percent",
    "format_percent_sign",
    "format_pp",
    "format_quantity",
    "format_ratio",
    "format_seconds",
    "format_signed",
    "format_tkr",
    "keep_numbers_together",
    "year_span",
    "year_span_of",
]

LOCALE = "sv_SE"
NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "\u2013"
# Units written as a bare number in running text ("58", "143").
UNITLESS = ("index", "antal", "kvot")


def _rounded(value: object, decimals: int) -> Decimal:
    return round_half_up(value, decimals)


def _digits(rounded: Decimal, decimals: int) -> str:
    """The absolute value of an already rounded number in sv_SE digits."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    with localcontext() as ctx:
        ctx.prec = max(28, rounded.adjusted() + decimals + 2)
        return format_decimal(rounded.copy_abs(), format=pattern, locale=LOCALE)


def _format(value: object, decimals: int, *, plus: bool = False) -> str:
    rounded = _rounded(value, decimals)
    sign = MINUS if rounded < 0 else "+" if plus and rounded > 0 else ""
    return sign + _digits(rounded, decimals)


def _with_unit(value: object, decimals: int, unit: str, *, plus: bool = False) -> str:
    if is_missing(value):
        return DASH
    return f"{_format(value, decimals, plus=plus)}{NBSP}{unit}"


def format_number(value: object, decimals: int = 0) -> str:
    """A number with ``decimals`` places: 284697 → "284 697", -1.179 → "−1,2" (1 decimal)."""
    if is_missing(value):
        return DASH
    return _format(value, decimals)


def format_tkr(value: object, *, unit: bool = False) -> str:
    """Whole tkr: 284697 → "284 697"; with ``unit=True`` → "284 697 tkr"."""
    if unit:
        return _with_unit(value, 0, "tkr")
    return format_number(value, 0)


def format_mkr(value_tkr: object, decimals: int = 1) -> str:
    """An amount given in tkr shown in mkr: 9267 → "9,3 mkr", -872 → "−0,9 mkr"."""
    if is_missing(value_tkr):
        return DASH
    return _with_unit(to_decimal(value_tkr).scaleb(-3), decimals, "mkr")


def format_percent(value: object, decimals: int = 1) -> str:
    """A value already in percent, for prose: 0.5584 → "0,6 procent"."""
    return _with_unit(value, decimals, "procent")


def format_percent_sign(value: object, decimals: int = 1) -> str:
    """A value already in percent, for tables: 0.5584 → "0,6 %"."""
    return _with_unit(value, decimals, "%")


def format_pp(value: object, decimals: int = 1) -> str:
    """Percentage points: -1.2 → "−1,2 procentenheter"; singular only when the digits are "1".

    Swedish uses the plural after decimal numbers, so 1 → "1 procentenhet" but
    1 with one decimal → "1,0 procentenheter".
    """
    if is_missing(value):
        return DASH
    number = _format(value, decimals)
    word = "procentenhet" if number.removeprefix(MINUS) == "1" else "procentenheter"
    return f"{number}{NBSP}{word}"


def format_signed(value: object, decimals: int = 0) -> str:
    """A deviation with explicit sign: 10139 → "+10 139", -872 → "−872", 0 → "0"."""
    if is_missing(value):
        return DASH
    return _format(value, decimals, plus=True)


def format_ratio(value: object, decimals: int = 2) -> str:
    """A ratio such as a cost coverage: 0.9721 → "0,97"."""
    return format_number(value, decimals)


# In text written by hand (data: notes, quotes): a space inside a grouped number ("293 963")
# or between a number and its unit ("9,3 mkr").
_SPACE_IN_NUMBER = re.compile(
    r"(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=(?:tkr|mkr|kr|procent|procentenheter|%)(?!\w))"
)


def keep_numbers_together(text: str) -> str:
    """``text`` with the spaces inside its grouped numbers and between a number and its unit
    made no-break (U+00A0), as the formatters here print them, so that "293 963" written
    by hand in data never breaks across lines."""
    return _SPACE_IN_NUMBER.sub(NBSP, text)


def format_quantity(value: object, unit: str, decimals: int = 0) -> str:
    """A value with its unit word as a reader sees it in a sentence: "6,39 procent",
    "140 mkr", "1 procentenhet", "0,97" (kvot), "58" (index, antal); missing → "–"."""
    if is_missing(value):
        return DASH
    if unit == "procent":
        return format_percent(value, decimals)
    if unit == "procentenheter":
        return format_pp(value, decimals)
    if unit == "kvot":
        return format_ratio(value, decimals)
    number = format_number(value, decimals)
    return number if unit in UNITLESS else f"{number}{NBSP}{unit}"


def format_change_size(size: object, unit: str, decimals: int = 0) -> str:
    """The size of a change after "ökade med": an index changes by index points ("4
    indexenheter", "1 indexenhet"); other units as :func:`format_quantity`."""
    if unit != "index" or is_missing(size):
        return format_quantity(size, unit, decimals)
    number = format_number(size, decimals)
    word = "indexenhet" if number.removeprefix(MINUS) == "1" else "indexenheter"
    return f"{number}{NBSP}{word}"


def format_change(change: object, unit: str, decimals: int = 0) -> str:
    """A signed change in ``unit``: a change of a percentage is in procentenheter
    ("+0,74 procentenheter"), else "−99", "+81 mkr"; missing → "–"."""
    if is_missing(change):
        return DASH
    if unit in ("procent", "procentenheter"):
        text = format_pp(change, decimals)
        zero = not any(ch in "123456789" for ch in text)
        return text if text.startswith(MINUS) or zero else "+" + text
    signed = format_signed(change, decimals)
    return signed if unit in UNITLESS else f"{signed}{NBSP}{unit}"


def format_interval(low: object, high: object, decimals: int = 0, unit: str | None = None) -> str:
    """A range of values: "60,1–72,3", with ``unit`` after the second ("60–72 procent",
    as :func:`format_quantity` writes it); missing at either end → "–"."""
    if is_missing(low) or is_missing(high):
        return DASH
    end = format_number(high, decimals) if unit is None else format_quantity(high, unit, decimals)
    return f"{format_number(low, decimals)}{DASH}{end}"


def year_span(first: int, last: int) -> str:
    """The years from ``first`` to ``last``: "2012–2013"; a single year: "2013"."""
    return str(first) if first == last else f"{first}{DASH}{last}"


def year_span_of(years: Iterable[object]) -> str:
    """The span of the years in ``years``: "2011–2013", "2013"; none: ""."""
    found = sorted({int(year) for year in years})  # type: ignore[call-overload]
    return year_span(found[0], found[-1]) if found else ""


def format_seconds(seconds: object, decimals: int = 1) -> str:
    """A duration: 2.345 → "2,3 s"."""
    return _with_unit(seconds, decimals, "s")


def _moment(iso: str) -> datetime:
    """``iso`` (ISO 8601, as the run record writes it) as a datetime; ValueError if not."""
    return datetime.fromisoformat(iso)


def format_date(iso: str) -> str:
    """A date in ISO 8601 (a time after it is ignored): "2026-12-07" → "7 december 2026"."""
    moment = _moment(iso)
    return format_babel_date(moment.date(), "d MMMM y", locale=LOCALE)


def format_datetime(iso: str) -> str:
    """A moment in ISO 8601 in its own local time (the offset is not converted):
    "2026-12-07T20:35:45+00:00" → "7 december 2026 kl. 20.35"; seconds are left out."""
    moment = _moment(iso)
    return f"{format_date(iso)} kl. {moment.hour}.{moment.minute:02d}"


def format_excel_csv(value: object, decimals: int) -> str:
    """A number as Swedish Excel reads it from a CSV file: rounded half-up, decimal comma, no
    grouping, ASCII minus: -1234.56 → "-1234,6" (1 decimal); missing → ""."""
    if is_missing(value):
        return ""
    return str(_rounded(value, decimals)).replace(".", ",")
