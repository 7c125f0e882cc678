"""Present stage: the titles that name the board, from the organisation's data.

Each takes the board's name in the form the title needs (board.csv: ``name``
"Kulturnämnden", ``genitive`` "kulturnämndens"), never a name of its own.
"""

from __future__ import annotations

from ksanalys.present.text.annex import ANNEX_CONTENTS

__all__ = [
    "check_title",
    "part_status",
    "report_title",
    "revision_footer",
    "revision_title",
    "summary_title",
]


def report_title(genitive: str) -> str:
    """ "Analys av kulturnämndens bokslut" (the report's title; the year follows it)."""
    return f"Analys av {genitive} bokslut"


def check_title(genitive: str, year: int) -> str:
    """ "Granskning av kulturnämndens bokslut 2013"."""
    return f"Granskning av {genitive} bokslut {year}"


def revision_title(part: str, genitive: str, year: int) -> str:
    """ "Revisionsbilaga: granskning av kulturnämndens bokslut 2013, målen och ekonomin i
    detalj" (``part``: the annex's name); the revision annex's title, never the same as the
    board version's."""
    title = check_title(genitive, year)
    return f"{part}: {title[0].lower()}{title[1:]}, {ANNEX_CONTENTS}"


def revision_footer(part: str, genitive: str, year: int) -> str:
    """ "Revisionsbilaga till analysen av kulturnämndens bokslut 2013": the revision annex's
    name at the foot of its pages, short enough to share one printed line with the status
    and the page number (its full title, :func:`revision_title`, is on the cover)."""
    return f"{part} till analysen av {genitive} bokslut {year}"


def part_status(status: str) -> str:
    """The status as a part of the report shows it, one name per document: a status that
    opens with the name of the board version ("Analysbilaga, utkast": one word ending in
    "bilaga" before a comma) keeps only what follows ("utkast"), since the part has its own
    name; any other status as it is."""
    name, comma, rest = status.partition(",")
    named = comma and rest.strip() and len(name.split()) == 1 and name.lower().endswith("bilaga")
    return rest.strip() if named else status


def summary_title(name: str, year: int, unit: str = "") -> str:
    """ "Kulturnämnden, bokslut 2013: nyckeltal", with `` (tkr)`` when ``unit`` is "tkr"."""
    return f"{name}, bokslut {year}: nyckeltal" + (f" ({unit})" if unit else "")
