"""Present stage: the report's own words as quoted, spelling errors marked "[sic]".

A quote stays exactly as printed; where the bokslut misspells a word ("Indexuppräknigen",
"uttrangerats"), the reader is told the error is the bokslut's by "[sic]" after the word,
the first time each quote shows it. The misspelt words are data, with where they are
printed: ``sic.csv`` in the data folder (columns word, correct, where; optional: a folder
without it marks nothing). :func:`with_sic` marks the quote columns of a loaded dataset
(:data:`QUOTE_COLUMNS`) before any chapter words them; :func:`mark_sic` marks one text.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path
from typing import TypeVar

from ksanalys.load import Dataset

__all__ = ["QUOTE_COLUMNS", "SIC", "SIC_FILE", "mark_sic", "read_sic", "with_sic"]

SIC_FILE = "sic.csv"
SIC = "[sic]"
# The tables whose columns hold the bokslut's words verbatim.
QUOTE_COLUMNS = {"explanations": ("quote", "kind_quote")}

D = TypeVar("D", bound=Dataset)


def read_sic(folder: Path | str) -> tuple[str, ...]:
    """The misspelt words listed in ``folder``'s sic.csv (none without the file)."""
    path = Path(folder) / SIC_FILE
    if not path.is_file():
        return ()
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            row["word"].strip() for row in csv.DictReader(handle) if (row.get("word") or "").strip()
        )


def mark_sic(text: str, words: tuple[str, ...]) -> str:
    """``text`` with "[sic]" after the first whole-word occurrence of each of ``words``;
    the rest exactly as it was."""
    for word in words:
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", rf"\g<0> {SIC}", text, count=1)
    return text


def with_sic(dataset: D) -> D:
    """``dataset`` with the quotes of :data:`QUOTE_COLUMNS` marked by :func:`mark_sic`,
    the words from the data folder's sic.csv; unchanged without any."""
    words = read_sic(dataset.data_dir)
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
