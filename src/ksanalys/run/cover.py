"""The cover of a year's PDF: who and what the analysis is about, and its status.

:func:`cover_for` reads from the data, never from code: the kommun and the board from the
organisation (:mod:`ksanalys.load.organisation`), the bokslut analysed (title with its Dnr,
and date) from documents.csv (for a year without a bokslut of its own, the later report
that prints it), the bokslut and comparison figures the analysis uses, and the status the user gave
(``ksanalys report --status``). :func:`cover_html` lays it out; every text is escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ksanalys.present.swedish import format_date
from ksanalys.run.record import RunRecord

__all__ = ["Cover", "cover_for", "cover_html"]

DASH_NOTE = "– i en tabell betyder att uppgiften saknas."
REVISION_NOTE = (
    "Målen och ekonomin i detalj, granskningen av bokslutets tal och underlaget för analysen "
    "står i en separat revisionsbilaga."
)


@dataclass(frozen=True)
class Cover:
    """What the cover says (data text, unescaped)."""

    title: str  # "Analys av kulturnämndens bokslut 2013"
    kommun: str
    board: str
    document: str  # the bokslut analysed, as documents.csv names it (with its Dnr)
    document_date: str
    comparison_of: int | None  # a year without its own bokslut: the report that prints it
    basis: str  # "Beräknat ur bokslutet 2013 och dess jämförelsetal för 2012"
    status: str
    made: str  # the date of the run, ÅÅÅÅ-MM-DD
    version: str
    part: str = ""  # "" for the board version, else the part's name ("Revisionsbilaga"),
    # which its title then names ("Revisionsbilaga: granskning av …")
    footer: str = ""  # the name at the foot of every page when shorter than the title


def cover_for(data_dir: str, year: int, title: str, record: RunRecord) -> Cover:
    """The cover of the report on ``year`` from the data in ``data_dir``, as published when
    that report was made (its vintage)."""
    from ksanalys.compute.coverage import holding_report, report_document
    from ksanalys.load import load_dataset, vintage
    from ksanalys.present.text.comparison import comparison_title, data_basis

    dataset = vintage.for_report(load_dataset(data_dir, record.board or None), year)
    organisation = dataset.organisation
    own = year in dataset.report_years
    report = year if own else holding_report(dataset, year)
    document = report_document(dataset, report) if report is not None else None
    years = [y for y in dataset.years if y <= year]
    own_years = [y for y in years if y in dataset.report_years]
    basis = data_basis(own_years, [y for y in years if y not in own_years], report)
    return Cover(
        title=title if own else comparison_title(year),
        kommun=organisation.kommun.name,
        board=organisation.board.name,
        document=document.title if document else "",
        document_date=document.date if document else "",
        comparison_of=None if own else report,
        basis=basis,
        status=record.status,
        made=record.started[:10],
        version=record.ksanalys_version,
    )


def cover_html(cover: Cover, chapters: list[str]) -> str:
    """The cover page: kommun and board, the title, the bokslut analysed with its date, the
    status, the date the analysis was made, the contents, and what the chapters' header
    lines and legends would repeat."""
    e = html.escape
    analysed = ""
    if cover.document:
        dated = f", daterat {e(cover.document_date)}" if cover.document_date else ""
        lead = (
            f"Jämförelseår i bokslutet för {cover.comparison_of}: "
            if cover.comparison_of
            else "Analyserat bokslut: "
        )
        analysed = f'<p class="ksanalys-analysed">{lead}{e(cover.document)}{dated}.</p>\n'
    status = f'<p class="ksanalys-status">{e(cover.status)}</p>\n' if cover.status else ""
    items = "\n".join(f"<li>{e(title)}</li>" for title in chapters)
    named = not cover.part or cover.title.startswith(cover.part)
    part = "" if named else f'<p class="ksanalys-part">{e(cover.part)}</p>\n'

    # A bare date of today on a 2013 bokslut reads as an error (review r8 C), a cover without
    # one is missed (r9 B): "Analysen framtagen 8 december 2026" says what the date is. The
    # tool and its version only in the run record (Underlag).
    run = f" Analysen framtagen {e(format_date(cover.made))}." if cover.made else ""
    own_year = not cover.part and not cover.comparison_of
    annex = f"<p>{REVISION_NOTE}</p>\n" if own_year else ""
    return (
        '<section class="ksanalys-titlepage">\n'
        f'<p class="ksanalys-organisation">{e(cover.kommun)}<br>{e(cover.board)}</p>\n'
        f"{part}<h1>{e(cover.title)}</h1>\n{analysed}{status}"
        f'<p class="note">{e(cover.basis)}.{run}</p>\n'
        f"<h2>Innehåll</h2>\n<ol>\n{items}\n</ol>\n{annex}"
        f'<p class="note">{DASH_NOTE}</p>\n</section>'
    )
