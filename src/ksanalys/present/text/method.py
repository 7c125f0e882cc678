"""The method annex's text ("Om analysen"): how the analysis is made, in Swedish."""

from __future__ import annotations

from ksanalys.present.text.goal_counts import goal_method_paragraphs
from ksanalys.present.text.next_year import method_paragraph as one_off_method

__all__ = ["method_paragraphs", "record_paragraphs"]


def method_paragraphs(genitive: str) -> list[str]:
    """The paragraphs that explain how the report's figures are made, in order
    (``genitive``: the board's name, "nämndens")."""
    return [
        f"Analysen bygger på {genitive} bokslut. Bokslutets tabeller är inlästa som data "
        "med källhänvisning; belopp anges i tusen kronor (tkr) om inget annat anges.",
        "I de berättande kapitlen återges beloppen som i bokslutet. Förändringar, "
        "avvikelser i procent och kvoter beräknas ur dessa belopp. Förklaringar till "
        "avvikelser citeras ur eller tillskrivs bokslutet; analysen hittar inte på några egna.",
        one_off_method(),
        "Granskningen räknar om varje tryckt summa, differens och procentsats ur bokslutets "
        "övriga tal. Den står i en egen revisionsbilaga; Året på en sida återger de "
        "viktigaste avvikelserna.",
        "Tal avrundas till närmaste heltal eller angivet antal decimaler; en halva avrundas "
        "bort från noll (2 238,5 blir 2 239). En tryckt summa som skiljer sig från sina rader "
        "med mindre än en halv enhet per ingående tal räknas som avrundning, inte som fel. "
        "Ett streck (–) i en tabell betyder att uppgiften saknas.",
        *goal_method_paragraphs(),
    ]


def record_paragraphs() -> list[str]:
    """What the run record of the revision annex is for."""
    return [
        "Hashen av använda data nedan identifierar exakt de uppgifter ur datamappen som "
        "analysen räknades fram ur (ett senare år som läggs till i mappen ändrar den inte): "
        "samma hash och samma version av ksanalys ger samma tal och texter.",
    ]
