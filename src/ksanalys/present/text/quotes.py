"""Present stage: the report's own words as quoted, misspellings included.

A quote stays exactly as printed, spelling errors too ("Indexuppräknigen", "uttrangerats"):
a "[sic]" after each read as pedantry in a handout to the board's own members (r8 review
C). Om analysen says once that quotes keep the bokslut's spelling, and the Granskning's
appendix lists the misspelt words once, each with its right spelling
(:func:`ksanalys.present.text.check.misspellings_line`). The words are data, with where they
are printed: the table ``sic`` (sic.csv, loaded and validated by the load stage; optional: a
folder without it lists nothing); :func:`misspellings` reads it.
"""

from __future__ import annotations

from ksanalys.load import Dataset

__all__ = ["misspellings"]


def misspellings(dataset: Dataset) -> list[tuple[str, str]]:
    """The words the bokslut misspells, as (printed, right), in the table's order (none
    without the table ``sic``)."""
    table = dataset.tables.get("sic")
    if table is None:
        return []
    return [
        (word.strip(), str(correct).strip())
        for word, correct in zip(table["word"], table["correct"], strict=True)
        if isinstance(word, str) and word.strip()
    ]
