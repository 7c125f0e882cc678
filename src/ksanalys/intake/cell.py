"""Values between a data frame and a workbook cell."""

from __future__ import annotations

import re
import unicodedata

from ksanalys.values import is_missing

__all__ = ["clean", "number", "slug"]


def slug(text: str, sep: str = "_") -> str:
    """An id from a label: "Lokaler och anläggningar" → "lokaler_och_anlaggningar"."""
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, ascii_text).strip(sep)


def clean(value: object) -> object:
    """A data value as a cell holds it: NaN → None, 3.0 → 3, numpy scalars → Python."""
    if value is None or (not isinstance(value, str) and is_missing(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def number(value: object) -> float:
    """A cell's number: a number, or text as Swedish Excel users type it ("1 234,5",
    "−3"). Raises ValueError (or TypeError) for anything else."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        raise TypeError(value)
    text = value.replace("\xa0", "").replace(" ", "").replace("−", "-").replace(",", ".")
    return float(text)
