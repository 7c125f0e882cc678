"""Load stage: what a plain id is.

Every key a data file uses to name a thing (a unit, a line of a printed table, an
indicator and its scope, a goal, a claim, a document, a source, an explanation) and every
cell that points at one (references, subjects, ``total_of`` terms, ``parent_unit_id``,
``renamed_from``) holds a *plain id*: lower-case ASCII letters, digits, ``_`` and ``-``,
starting with a letter, at most :data:`MAX_ID_CHARS` characters. An id can therefore never
hold expression syntax, quotes, markup, spaces or control characters, whichever way it
later travels (an expression reference, a file name, an HTML attribute).
"""

from __future__ import annotations

import re

__all__ = [
    "IDS_EXPECTATION",
    "ID_EXPECTATION",
    "MAX_ID_CHARS",
    "MAX_TERMS",
    "is_plain_id",
    "plain_ids",
]

MAX_ID_CHARS = 64
MAX_TERMS = 100  # ids in one '+'-joined list (a printed sum's terms)
_PLAIN_ID = re.compile(r"[a-z][a-z0-9_-]*")

ID_EXPECTATION = (
    "ett id: små bokstäver a-z, siffror, '_' och '-', som börjar med en bokstav "
    f"(högst {MAX_ID_CHARS} tecken)"
)
IDS_EXPECTATION = (
    f"högst {MAX_TERMS} id åtskilda av '+' (varje id små bokstäver a-z, siffror, '_' och '-')"
)


def is_plain_id(text: object) -> bool:
    """True when ``text`` is a plain id (see the module docstring)."""
    if not isinstance(text, str) or len(text) > MAX_ID_CHARS:
        return False
    return _PLAIN_ID.fullmatch(text) is not None


def plain_ids(text: str) -> list[str] | None:
    """The terms of a '+'-joined list of plain ids (``a+b+c``); None if any is not plain
    or there are more than :data:`MAX_TERMS`."""
    terms = text.split("+", MAX_TERMS)
    if len(terms) > MAX_TERMS:
        return None
    return terms if all(is_plain_id(term) for term in terms) else None
