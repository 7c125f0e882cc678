"""Present stage: the report's own words as quoted, spelling errors marked "[sic]".

A quote stays exactly as printed; where the bokslut misspells a word ("Indexuppräknigen",
"uttrangerats"), the reader is told the error is the bokslut's by "[sic]" after the word,
the first time each quote shows it. The misspelt words are data, with where they are
printed: the table ``sic`` (sic.csv, loaded and validated by the load stage; optional: a
folder without it marks nothing). :func:`with_sic` marks the quote columns of a loaded dataset
(:data:`QUOTE_COLUMNS`) before any chapter words them; :func:`mark_sic` marks one text.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TypeVar

from ksanalys.load import Dataset

__all__ = ["QUOTE_COLUMNS", "SIC", "mark_sic", "sic_words", "with_sic"]

SIC = "[sic]"
# The tables whose columns hold the bokslut's words verbatim.
QUOTE_COLUMNS = {"explanations": ("quote", "kind_quote")}

D = TypeVar("D", bound=Dataset)


def sic_words(dataset: Dataset) -> tuple[str, ...]:
    """The misspelt words of ``dataset``'s table ``sic`` (none without it)."""
    table = dataset.tables.get("sic")
    if table is None:
        return ()
    return tuple(str(w).strip() for w in table["word"] if isinstance(w, str) and w.strip())


def mark_sic(text: str, words: tuple[str, ...]) -> str:
    """``text`` with "[sic]" after the first whole-word occurrence of each of ``words``;
    the rest exactly as it was."""
    for word in words:
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", rf"\g<0> {SIC}", text, count=1)
    return text


def with_sic(dataset: D) -> D:
    """``dataset`` with the quotes of :data:`QUOTE_COLUMNS` marked by :func:`mark_sic`,
    the words from its table ``sic``; unchanged without any."""
    words = sic_words(dataset)
    if not words:
        return dataset
    tables = dict(dataset.tables)
    for table, columns in QUOTE_COLUMNS.items():
        frame = tables.get(table)
        if frame is None:
            continue
        frame = frame.copy()
        for column in columns:
            if column in frame.columns:
                frame[column] = [
                    mark_sic(value, words) if isinstance(value, str) else value
                    for value in frame[column]
                ]
        tables[table] = frame
    return dataclasses.replace(dataset, tables=tables)
