"""Present stage: the report's own explanations beside the numbers they explain.

A reason is never written in our words: it is the report's quote (data/explanations.csv),
escaped and set in Swedish quotation marks, with "…" where the quote is a fragment. Each
quote is one passage of the report and is shown as one: two passages of the same subject
are never set side by side as if they were one text; a second passage gets its own line
with what it is about. A quote carries no tag: the analysis' reading of a cause as
temporary or lasting (never the report's word; not "engångspost": in municipal accounting
that is an item that distorts the comparison between years, which a vacancy is not) is
said once, where the kinds are introduced, and in the kinds table's column. The
sentences around the quotes (amounts, shares, changes) are computed from printed figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from ksanalys.compute.costs import COST, INCOME
from ksanalys.present import swedish
from ksanalys.present.text.economy import amount
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import capitalize, join_words, lower_first
from ksanalys.values import decimals_of, is_missing, round_half_up

__all__ = [
    "KIND_PLURAL",
    "KIND_WORDS",
    "deviation_line",
    "group_heading",
    "group_rows",
    "linked_note",
    "more_passages",
    "quoted",
    "report_says",
    "shown_elsewhere",
    "sum_note",
]

QUOTE = "\u201d"  # Swedish quotation mark, the same at both ends
ELLIPSIS = "\u2026"
# The analysis' reading of a cause, the one place these words live: the sentence that
# introduces the kinds, the table's cells (present.text.result.KIND_LABELS) and the
# sentences around them.
KIND_WORDS = {"engangs": "tillfälligt", "strukturell": "bestående"}
KIND_PLURAL = {"engangs": "tillfälliga", "strukturell": "bestående"}
_SENTENCE_END = (".", "!", "?")


def quoted(text: str) -> str:
    """The report's words in Swedish quotation marks, escaped, a number kept with its unit
    ("ca 2 mkr" never breaks); "…" marks a fragment."""
    flat = " ".join(str(text).split())
    start = "" if flat[:1].isupper() or flat[:1].isdigit() else ELLIPSIS
    end = "" if flat.endswith(_SENTENCE_END) else ELLIPSIS
    return f"{QUOTE}{start}{escape(swedish.keep_numbers_together(flat))}{end}{QUOTE}"


def report_says(rows: pd.DataFrame | Iterable[Mapping]) -> str:
    """ "Bokslutet: ”…”" for the first quote of ``rows``
    (columns quote, kind, item): the one about the subject itself when there is one; ""
    without quotes. The others are for :func:`more_passages`."""
    records = _records(rows)
    if not records:
        return ""
    first = records[0]
    about = f", om {lower_first(escape(first['item']))}" if first.get("item") else ""
    return f"Bokslutet{about}: {quoted(first['quote'])}"


def _records(rows: pd.DataFrame | Iterable[Mapping]) -> list[dict]:
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    return sorted(records, key=lambda row: bool(row.get("item")))  # the subject's own first


def more_passages(rows: pd.DataFrame | Iterable[Mapping], indent: str = "  ") -> list[str]:
    """The passages after the first of ``rows``, one list item each, led by what each is
    about: "  - **IT-plattformen:** ”…”"."""
    items = []
    for row in _records(rows)[1:]:
        title = escape(row["item"]) if row.get("item") else "Bokslutet"
        items.append(f"{indent}- **{title}:** {quoted(row['quote'])}")
    return items


def _outcome_word(deviation: float) -> str:
    rounded = round_half_up(deviation, 0)
    if rounded.is_zero():
        return "resultat i balans"
    word = "överskott" if rounded > 0 else "underskott"
    return f"{word} {amount(deviation)}"


def _share(deviation: float, grant: float, printed: float, computed: float, grant_word: str) -> str:
    if is_missing(grant) or grant == 0:
        return f" (inget eget {grant_word})"
    shown = printed if not is_missing(printed) else computed
    text = f" ({swedish.format_percent_sign(abs(shown))} av {grant_word}et"
    if not is_missing(printed) and round_half_up(computed, 1) != round_half_up(printed, 1):
        text = (
            f" (tabellen anger {swedish.format_percent_sign(abs(printed))} av {grant_word}et, "
            f"men {swedish.format_tkr(abs(deviation), unit=True)} av "
            f"{swedish.format_tkr(grant, unit=True)} är "
            f"{swedish.format_percent_sign(abs(computed))}"
        )
    return text + ")"


def deviation_line(
    label: str,
    deviation: float,
    grant: float,
    pct_printed: float,
    pct_computed: float,
    reasons: pd.DataFrame,
    grant_word: str = "nämndbidrag",
    indent: str = "",
) -> list[str]:
    """One unit's or department's deviation with the report's reasons, as list items:
    "- **Stadsdirektörens kansli:** överskott 3,3 mkr (24,7 % av nämndbidraget).
    Rapporten: ”…”", and a sub-item for each further passage. Amounts are the printed
    ones; where the printed share is not what the printed amounts give, both are stated."""
    text = (
        f"{indent}- **{escape(label)}:** {_outcome_word(deviation)}"
        f"{_share(deviation, grant, pct_printed, pct_computed, grant_word)}."
    )
    says = report_says(reasons)
    return [f"{text} {says}" if says else text, *more_passages(reasons, indent + "  ")]


def no_reason(labels: list[str]) -> str:
    """One sentence for the units and departments whose deviation the report leaves
    unexplained (said once, after the list, not once per item)."""
    names = join_words([escape(label) for label in labels])
    return f"Bokslutet förklarar inte avvikelsen för {names}."


def shown_elsewhere(line: str) -> str:
    """For a line whose explanation the report gives together with another line's."""
    return f"Bokslutets förklaring står vid {escape(line)}."


def linked_note(word: str, first: Mapping, second: Mapping, year: int, holds: Mapping) -> str:
    """After a passage that explains two lines and calls their amounts corresponding
    ("motsvarande"): both readings of the word, against the budget and against the previous
    year, each with the two amounts and whether they correspond (``holds``: reading →
    bool, readings ``budget`` and ``previous`` as
    :func:`ksanalys.compute.costs.over_budget` and ``change_tkr`` give them; a reading
    missing from ``holds`` is left out). ``first``/``second`` are rows of
    :func:`ksanalys.compute.costs.cost_types`."""
    if word != "motsvarande" or not holds:
        return ""
    sentences = [f"Enligt bokslutet {_corresponds(first, second)}."]
    if "budget" in holds:
        verdict = "stämmer det ungefär" if holds["budget"] else "stämmer det inte"
        sentences.append(
            f"Jämfört med budgeten {verdict}: {_pair(first, second, 'over_budget', 'budgeterat')}."
        )
    if "previous" in holds:
        verdict = "stämmer det ungefär" if holds["previous"] else "stämmer det inte"
        sentences.append(
            f"Jämfört med {year - 1} {verdict}: {_changes(first, second, holds['previous'])}."
        )
    return " ".join(sentences)


def _changes(first: Mapping, second: Mapping, holds: bool) -> str:
    """ "driftbidrag ökade med 4,1 mkr men bidrag och transfereringar bara med 1,6 mkr"
    (where the two changes do not correspond; "och … med" where they do)."""
    names = [lower_first(escape(row["line"])) for row in (first, second)]
    verbs = ["ökade" if row["change_tkr"] > 0 else "minskade" for row in (first, second)]
    sizes = [amount(row["change_tkr"]) for row in (first, second)]
    text = f"{names[0]} {verbs[0]} med {sizes[0]}"
    verb = "" if verbs[0] == verbs[1] else f"{verbs[1]} "
    if holds:
        return f"{text} och {names[1]} {verb}med {sizes[1]}"
    bara = "bara " if abs(second["change_tkr"]) < abs(first["change_tkr"]) else ""
    return f"{text} men {names[1]} {verb}{bara}med {sizes[1]}"


_SIDE_WORDS = {COST: "kostnaderna", INCOME: "intäkterna"}


def _corresponds(first: Mapping, second: Mapping) -> str:
    """ "motsvarar kostnaderna intäkterna" (the cost side first) when the two lines lie on
    either side of the result; "motsvarar beloppen varandra" otherwise."""
    sides = {str(row.get("side", "")) for row in (first, second)}
    if sides == set(_SIDE_WORDS):
        return f"motsvarar {_SIDE_WORDS[COST]} {_SIDE_WORDS[INCOME]}"
    return "motsvarar beloppen varandra"


def _pair(first: Mapping, second: Mapping, column: str, reference: str) -> str:
    """ "driftbidrag blev 4,3 mkr och bidrag och transfereringar 5,0 mkr högre än
    budgeterat" (one comparison word when both go the same way)."""
    words = ["högre" if row[column] > 0 else "lägre" for row in (first, second)]
    names = [lower_first(escape(row["line"])) for row in (first, second)]
    sizes = [amount(row[column]) for row in (first, second)]
    if words[0] == words[1]:
        return f"{names[0]} blev {sizes[0]} och {names[1]} {sizes[1]} {words[0]} än {reference}"
    return (
        f"{names[0]} blev {sizes[0]} {words[0]} och {names[1]} {sizes[1]} {words[1]} än {reference}"
    )


def group_heading(unit: str, rows_word: str, where: str | None) -> str:
    """The heading over a unit's departments in a chart: "Avdelningar på kontoret"
    (``where`` from the organisation's data), else "Kontoret: avdelningar"."""
    return f"{capitalize(rows_word)} {where}" if where else f"{unit}: {rows_word}"


def group_rows(unit: str, rows_word: str, where: str | None) -> str:
    """A unit's departments inside a sentence, ``rows_word`` definite: "avdelningarna på
    kontoret", else "avdelningarna under Kontoret"."""
    return f"{rows_word} {where}" if where else f"{rows_word} under {unit}"


def sum_note(rows: str, lines: float, printed: float, *, rounding: bool) -> str:
    """Under a chart whose rows should add up to a printed sum: what they add up to when
    they do not, and whether the difference is rounding ("" when they agree): "Anm.:
    avdelningarna på kontoret summerar till 10 138 tkr, bokslutets summa är 10 139 tkr
    (avrundning)"."""
    if is_missing(printed) or round_half_up(lines - printed, 0).is_zero():
        return ""
    text = (
        f"Anm.: {rows} summerar till {swedish.format_tkr(lines, unit=True)}, bokslutets summa "
        f"är {swedish.format_tkr(printed, unit=True)}"
    )
    return f"{text} (avrundning)" if rounding else text


def mkr_value(value: float) -> str:
    """An indicator value in mkr with its own decimals, unsigned: "8 mkr", "12,8 mkr"."""
    return swedish.format_quantity(abs(value), "mkr", decimals_of(value))
