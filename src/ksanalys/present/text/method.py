"""The method annex's text ("Om analysen"): how the analysis is made, in Swedish."""

from __future__ import annotations

from ksanalys.compute import questions as question_rules
from ksanalys.compute.balance import LARGE_SHARE
from ksanalys.compute.costs import NOTABLE_DEVIATION_PCT, NOTABLE_DEVIATION_TKR
from ksanalys.compute.goals.status import MISPRINT_FACTOR
from ksanalys.present.swedish import format_number
from ksanalys.present.text.annex import ANNEX_CONTENTS
from ksanalys.present.text.balance import movements_rule
from ksanalys.present.text.goal_counts import goal_method_paragraphs
from ksanalys.present.text.next_year import method_paragraph as one_off_method
from ksanalys.present.text.questions import questions_rule
from ksanalys.present.text.words import capitalize

__all__ = ["detail_paragraphs", "method_paragraphs", "record_paragraphs", "revision_holds"]


def method_paragraphs(genitive: str, own: bool = True) -> list[str]:
    """The board version's "Om analysen": what a board member needs to read the report, one
    short paragraph each (``genitive``: the board's name, "nämndens"). The rules behind them
    are in :func:`detail_paragraphs`, in the revision annex. A year without a bokslut of its
    own (``own`` False) has no granskning: its annex is not said to hold one."""
    common = [
        f"Analysen bygger på {genitive} bokslut: dess tabeller och text, inlästa som data med "
        "källhänvisning. Förklaringar citeras ur eller tillskrivs bokslutet; analysen hittar "
        "inte på några egna. Citaten återger bokslutets stavning.",
        "Belopp återges som i bokslutet, i tusen kronor (tkr), i löpande text ofta i miljoner "
        "kronor (mkr). Förändringar, procent och kvoter är beräknade ur dessa belopp. Ett "
        "streck (–) i en tabell betyder att uppgiften saknas.",
    ]
    if not own:  # no goals, no classed causes, no granskning of its own
        return [*common, "Reglerna i detalj står i revisionsbilagan."]
    return [
        *common,
        "Varje KF-mål bedöms efter sin egen formulering och målnivå, inte efter andra källors "
        "nivåer. Där analysen själv klassar något, som en orsak som tillfällig eller ett måls "
        "status, är det analysens läsning. Målen och ekonomin i detalj, reglerna och "
        "granskningen av bokslutets tal står i revisionsbilagan.",
    ]


def detail_paragraphs(own: bool = True) -> list[str]:
    """The method in detail, for the revision annex: how causes are classed, how the
    printed figures are recounted, rounding, and how the goals are judged. A year without
    a bokslut of its own (``own`` False) has no Året på en sida and no granskning of its
    own: its figures are checked in the analysis of the bokslut that prints them."""
    recount = (
        "Granskningen räknar om varje tryckt summa, differens och procentsats ur bokslutets "
        "övriga tal. Året på en sida återger de viktigaste avvikelserna."
        if own
        else "Talen granskas i analysen av det bokslut som trycker dem: där räknas varje "
        "tryckt summa, differens och procentsats om ur bokslutets övriga tal."
    )
    rounding = (
        "Tal avrundas till närmaste heltal eller angivet antal decimaler; en halva avrundas "
        f"bort från noll ({format_number(2238.5, 1)} blir {format_number(2239)}). En tryckt "
        "summa som skiljer sig från sina rader "
        "med mindre än en halv enhet per ingående tal räknas som avrundning, inte som fel."
    )
    if not own:  # one page of figures: no causes, balance sheet text or goals to explain
        return [recount, rounding]
    return [
        "I de berättande kapitlen återges beloppen som i bokslutet. Förändringar, "
        "avvikelser i procent och kvoter beräknas ur dessa belopp.",
        one_off_method(),
        recount,
        movements_rule(LARGE_SHARE),
        questions_rule(
            LARGE_SHARE,
            question_rules.EQUITY_SHARE_OF_GRANT,
            question_rules.SURPLUS_SHARE_OF_GRANT,
            NOTABLE_DEVIATION_TKR,
            NOTABLE_DEVIATION_PCT,
            MISPRINT_FACTOR,
        ),
        rounding,
        *goal_method_paragraphs(),
    ]


def record_paragraphs() -> list[str]:
    """What the run record of the revision annex is for."""
    return [
        "Kontrollsumman för använda data nedan identifierar exakt de uppgifter som analysen "
        "räknades fram ur (uppgifter för ett senare år som läggs till ändrar den inte): "
        "samma kontrollsumma och samma version av ksanalys ger samma tal och texter.",
    ]


def revision_holds(checked: bool) -> str:
    """What the year's revision annex holds, for its index: the Granskning and the goals and
    economy in detail only when the year has ``checked`` chapters (a year without its own
    bokslut has none)."""
    parts = "metoden i detalj och underlaget för körningen"
    if checked:
        parts = f"Granskningen av bokslutets tal, {ANNEX_CONTENTS}, {parts}"
    return f"{capitalize(parts)}, för revisorer och den som vill pröva analysen."
