"""The report as a document: its title and the date it is dated.

- The title is the first heading-like line that names a "bokslut" and the report year
  ("Bokslut per den 31 december 2013 för nämnden"), with the report's Dnr when a
  line gives one ("Dnr KS 14/84") — as the report names itself, not a description of it.
- The date is the first line that is only a date (ÅÅÅÅ-MM-DD) in the year after the report
  year: the date of the tjänsteskrivelse, which dates the report's figures (vintages).
- The publisher is the kommun (or region) named at the top of the report
  ("EXEMPLA KOMMUN"), spelt as a document of the data spells it, else with capitals
  on its name only ("Exempla kommun").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ksanalys.intake.extract.lines import Line, fold
from ksanalys.intake.extract.records import Cell, Extraction

__all__ = ["read_document"]

_MAX_TITLE = 150
_TOP = 12  # the lines in which the publisher is named
_PUBLISHERS = ("kommun", "region")
ROW = "report"  # the key of the report's row (ksanalys.intake.prefill.row_key)


def _date(text: str, year: int) -> str | None:
    if len(text) != 10:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return text if day.year == year + 1 else None


def _dnr(lines: Sequence[Line]) -> str | None:
    for line in lines:
        words = line.plain.split(" ")
        if len(words) >= 2 and words[0] == "Dnr" and any(c.isdigit() for c in words[-1]):
            return " ".join(words[1:])
    return None


def _publisher(lines: Sequence[Line], known: Sequence[str]) -> tuple[str, int] | None:
    top = [x for x in lines if not x.blank][:_TOP]
    for line in top:
        words = line.text.split(" ")
        if 2 <= len(words) <= 5 and fold(words[-1]) in _PUBLISHERS:
            spelt = next((k for k in known if fold(k) == fold(line.text)), None)
            name = " ".join(w[:1].upper() + w[1:].lower() for w in words[:-1])
            return spelt or f"{name} {words[-1].lower()}", line.number
    return None


def read_document(out: Extraction, lines: Sequence[Line], known: Sequence[str] = ()) -> None:
    """The report's title, date and publisher into ``out``; ``known`` publishers are the
    data's spellings."""
    title = next(
        (
            x
            for x in lines
            if len(x.plain) <= _MAX_TITLE
            and not x.tabular
            and fold(x.plain).startswith(("bokslut", "årsbokslut", "årsredovisning"))
            and str(out.year) in x.plain.split(" ")
        ),
        None,
    )
    if title is not None:
        dnr = _dnr(lines)
        text = f"{title.plain} (Dnr {dnr})" if dnr else title.plain
        out.cells.append(Cell("documents", ROW, "title", text, title.number))
    date = next((x for x in lines if _date(x.plain, out.year)), None)
    if date is not None:
        out.cells.append(Cell("documents", ROW, "date", date.plain, date.number))
    publisher = _publisher(lines, known)
    if publisher is not None:
        out.cells.append(Cell("documents", ROW, "publisher", *publisher))
