"""Load stage: one cell's text turned into its value, as its :class:`Column` says.

A number is written with the ASCII digits 0-9, an ASCII minus and, in a comma-delimited
file, a decimal point (``-4.54``). A file Excel saved with semicolons (or tabs) may also use
a decimal comma and a space as thousands separator (``-4,54``, ``1 234``), as Swedish Excel
writes them. Every number lies within its column's bounds (:attr:`Column.bounds`: years
1900-2100, otherwise at most :data:`~ksanalys.values.MAX_MAGNITUDE` in absolute value
unless the schema narrows it).
"""

from __future__ import annotations

import calendar
import re

from ksanalys.load.ids import is_plain_id, plain_ids
from ksanalys.load.schema import (
    DATE,
    FIRST_YEAR,
    ID,
    IDS,
    LAST_YEAR,
    NUMBER,
    TEXT,
    YEAR,
    Column,
)
from ksanalys.load.source import MAX_CELL_CHARS, SUSPECT
from ksanalys.values import MAX_MAGNITUDE

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_EXCEL_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+)(?:,[0-9]+)?")
_SEPARATORS = str.maketrans({" ": None, "\u00a0": None, "\u202f": None, ",": "."})
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_MAX_DIGITS = 20  # longer digit strings are out of range anyway; int() is never asked


class CellProblem(Exception):
    """What a cell should hold (Swedish) and what it holds."""

    def __init__(self, expected: str, found: object) -> None:
        super().__init__(expected)
        self.expected = expected
        self.found = found


def parse_cell(column: Column, raw: str, decimal_comma: bool, suspect: bool) -> object:
    """The value of a cell: None for blank, else int, float or str per ``column.type``."""
    if len(raw) > MAX_CELL_CHARS:
        raise CellProblem(f"en cell med högst {MAX_CELL_CHARS} tecken", f"{len(raw)} tecken")
    if suspect and (bad := SUSPECT.search(raw)):
        raise CellProblem(_readable(), _character(bad.group()))
    if raw != raw.strip():
        raise CellProblem("inga mellanslag före eller efter värdet", raw)
    if raw == "":
        if column.required:
            raise CellProblem(column.expectation() + " (cellen får inte vara tom)", None)
        return None
    if column.allowed is not None and raw not in column.allowed:
        raise CellProblem(column.expectation(), raw)
    if column.type == TEXT:
        return raw
    if column.type == ID:
        if not is_plain_id(raw):
            raise CellProblem(column.expectation(), _short(raw))
        return raw
    if column.type == IDS:
        if plain_ids(raw) is None:
            raise CellProblem(column.expectation(), _short(raw))
        return raw
    if column.type == DATE:
        if not _is_date(raw):
            raise CellProblem(column.expectation(), raw)
        return raw
    return _number(column, raw, decimal_comma)


def _is_date(raw: str) -> bool:
    """``raw`` is a real day, month or year (ASCII digits) between the data's years."""
    match = _DATE.fullmatch(raw)
    if match is None:
        return False
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    if not FIRST_YEAR <= year <= LAST_YEAR or (month is not None and not 1 <= month <= 12):
        return False
    if day is None or month is None:
        return True
    return 1 <= day <= calendar.monthrange(year, month)[1]


def _number(column: Column, raw: str, decimal_comma: bool) -> int | float:
    text = raw
    if decimal_comma and column.type == NUMBER and _EXCEL_NUMBER.fullmatch(raw):
        text = raw.translate(_SEPARATORS)
    if not (_NUMBER if column.type == NUMBER else _INTEGER).fullmatch(text):
        raise CellProblem(_number_expectation(column, raw, decimal_comma), raw)
    low, high = column.bounds
    if len(text) > _MAX_DIGITS:
        raise CellProblem(_range_expectation(column), raw)
    value: int | float = float(text) if column.type == NUMBER else int(text)
    if not low <= value <= high:
        raise CellProblem(_range_expectation(column), raw)
    return value


def _number_expectation(column: Column, raw: str, decimal_comma: bool) -> str:
    """What is wrong with a number that does not parse, and how to write it."""
    expected = column.expectation()
    if "\u2212" in raw:
        return f"{expected}, med minustecknet '-' (bindestreck), inte '−' (U+2212)"
    if any(c.isdigit() and not c.isascii() for c in raw):
        return f"{expected}, skrivet med siffrorna 0-9"
    if column.type == NUMBER and "," in raw and not decimal_comma:
        return f"{expected}, t.ex. 4.54: decimalkomma bara i semikolonavgränsad fil"
    if raw.lower() in ("nan", "inf", "-inf", "infinity", "-infinity"):
        return "ett ändligt tal"
    return expected


def _range_expectation(column: Column) -> str:
    if column.type != YEAR and column.minimum is None and column.maximum is None:
        return f"{column.expectation()}, högst {MAX_MAGNITUDE:.0e} till beloppet"
    return column.expectation()


def _short(raw: str, limit: int = 60) -> str:
    return raw if len(raw) <= limit else raw[:limit] + "…"


def _readable() -> str:
    return "läsbar text i UTF-8 utan styrtecken (spara som 'CSV UTF-8' från Excel)"


def _character(char: str) -> str:
    if "\udc80" <= char <= "\udcff":
        return f"byten 0x{ord(char) - 0xDC00:02X}, som inte är UTF-8"
    return f"styrtecknet U+{ord(char):04X}"
