"""Swedish numbers as a report prints them: ``284 697``, ``- 224``, ``−1,9``, ``+ 10 139``,
``0,97``; a blank cell is no number.

Parsing is strict (the whole cell is one number, thousands in groups of three) and linear:
a cell that is anything else is not a number, never a guess.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["parse_number"]

_MINUS = ("-", "−", "–")  # hyphen-minus, minus sign, en dash
_SPACES = (" ", "\xa0", "\u2009", "\u202f")
_MAX_LENGTH = 40


def _sign(text: str) -> tuple[int, str]:
    if text[:1] in _MINUS:
        return -1, text[1:].lstrip("".join(_SPACES))
    if text[:1] == "+":
        return 1, text[1:].lstrip("".join(_SPACES))
    return 1, text


def _grouped(digits: str) -> bool:
    """``digits`` (spaces kept) is a run of digits or 1–3 digits then groups of three."""
    groups = digits.split(" ")
    if len(groups) == 1:
        return digits.isascii() and digits.isdigit()
    head, *rest = groups
    return (
        head.isascii()
        and head.isdigit()
        and len(head) <= 3
        and all(len(g) == 3 and g.isascii() and g.isdigit() for g in rest)
    )


def parse_number(text: str) -> Decimal | None:
    """The number in ``text`` or None when ``text`` is not exactly one number."""
    text = text.strip()
    if not text or len(text) > _MAX_LENGTH:
        return None
    for space in _SPACES[1:]:
        text = text.replace(space, " ")
    sign, body = _sign(text)
    whole, comma, fraction = body.partition(",")
    if not whole or not _grouped(whole):
        return None
    if comma and not (fraction.isascii() and fraction.isdigit()):
        return None
    value = Decimal(whole.replace(" ", "") + ("." + fraction if comma else ""))
    return -value if sign < 0 else value
