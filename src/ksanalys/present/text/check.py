"""Present stage: the granskning (check) in Swedish: findings and what the bokslut printed.

Every finding of :mod:`ksanalys.compute.check` is worded here, once: its location
(:meth:`CheckWording.where`), what it should equal (:meth:`CheckWording.formula`), the
note on where the error lies (:meth:`CheckWording.note`) and the whole sentence
(:meth:`CheckWording.message`). Data text (claims' section, quote and note, row labels)
is returned as is; escape it where it is shown as Markdown or HTML.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

from ksanalys.compute.check import CheckResult, Finding
from ksanalys.compute.check.claims import indicator_key
from ksanalys.compute.check.expressions import Cell, Indicator, Node, references
from ksanalys.compute.check.rules import Check
from ksanalys.present import swedish
from ksanalys.present.swedish import (
    format_change,
    format_number,
    format_quantity,
    keep_numbers_together,
)
from ksanalys.present.text.check_labels import CellLabels, column_label, describe
from ksanalys.present.text.goals import STATUS_PLURALS, STATUS_SINGULARS
from ksanalys.present.text.words import join_words, number_word
from ksanalys.values import decimals_of

__all__ = [
    "APPENDIX_HEADING",
    "CAUSE_MEANINGS",
    "CAUSE_TITLES",
    "FOLLOWS_HEADER",
    "PRINTED_HEADER",
    "RULE_MEANINGS",
    "RULE_TITLES",
    "CheckWording",
    "cause_title",
    "check_method_sentence",
    "indicator_key",
    "misspellings_line",
    "nuance_line",
    "pairs_intro",
    "report_differences",
    "result_label",
    "rounding_line",
    "statement_against",
    "summary_findings_intro",
]

# What each rule compares a printed figure with.
RULE_TITLES = {
    "sum": "summan av raderna",
    "difference": "differensen",
    "percent": "procentsatsen",
    "same_figure": "samma tal på annat ställe i bokslutet",
    "ki": "K/I-talet",
    "balance": "tillgångar = skulder och eget kapital",
    "opening_equity": "ingående balans = föregående års ingående balans + föregående års resultat",
    "claim": "talet beräknat ur bokslutets tabeller och nyckeltal",
}


# What a finding of each rule means for a reader.
RULE_MEANINGS = {
    "sum": "En summarad stämmer inte med sina rader: en rad saknas eller är fel, "
    "eller summan är feltryckt.",
    "difference": "En differens i tabellen stämmer inte med de tal den räknas ur.",
    "percent": "En procentsats stämmer inte med beloppen den räknas ur.",
    "same_figure": "Samma tal är tryckt med olika värden på olika ställen i bokslutet.",
    "ki": "K/I-talet stämmer inte med kostnaderna, intäkterna och kommunbidraget.",
    "balance": "Tillgångarna är inte lika stora som skulderna och det egna kapitalet.",
    "opening_equity": "Årets ingående eget kapital stämmer inte med föregående års "
    "ingående balans och resultat.",
    "claim": "Texten anger ett annat tal än det som följer av bokslutets tabeller och nyckeltal.",
}


def result_label(result: CheckResult) -> str:
    """The year's result as the report prints it: "9 267 tkr enligt resultaträkningen", else
    the board's budget deviation, else "som tryckt"."""
    for table, row, column, where in (
        ("resultatrakning", "resultat", "outcome", "enligt resultaträkningen"),
        ("budget", result.board, "deviation", "enligt budgetuppföljningen"),
    ):
        try:
            printed = result.figure(table, row, column).printed
        except KeyError:
            continue
        if printed is not None:
            return f"{format_quantity(printed, 'tkr', 0)} {where}"
    return "som tryckt"


# Each cause (ksanalys.compute.check.causes): a heading, and what it means for a reader.
CAUSE_TITLES = {
    "wrong_year": "Ett annat års värde",
    "comparison_column": "Beräknat mot fel kolumn",
    "other_row": "Värdet från en annan rad",
    "missing_line": "Ett belopp saknas på en rad",
    "missing_value": "Belopp som saknas i tabellen",
    "sum_does_not_add": "Summan går inte ihop med sina rader",
    "text_vs_table": "Texten och tabellerna anger olika tal",
    "does_not_follow": "Talet stämmer inte med de tal det är beräknat ur",
    "rounding": "Avrundning",
}
# A cause's heading for one rule where the rule says more than the generic title.
RULE_CAUSE_TITLES = {("does_not_follow", "percent"): "Procentsatsen stämmer inte med beloppen"}


def cause_title(finding: Finding) -> str:
    """The heading of ``finding``'s cause: "Procentsatsen stämmer inte med beloppen" for a
    percentage, else :data:`CAUSE_TITLES`."""
    key = (finding.cause, finding.check.rule)
    return RULE_CAUSE_TITLES.get(key, CAUSE_TITLES[finding.cause])


CAUSE_MEANINGS = {
    "wrong_year": "Det tryckta talet är samma tal för ett annat år.",
    "comparison_column": "Det tryckta talet är beräknat mot en annan kolumn än den det ska "
    "beräknas mot.",
    "other_row": "Det tryckta talet hör till en annan rad i samma tabell.",
    "missing_line": "En rad är tryckt som 0 eller tom, men summan går ihop i alla kolumner "
    "först om raden har ett belopp: beloppet saknas troligen på den raden.",
    "missing_value": "Raderna är tomma i tabellen men summan räknar med belopp: de tomma "
    "raderna döljer troligen belopp.",
    "sum_does_not_add": "Raderna ger inte den tryckta summan: en rad saknas eller är fel, "
    "eller summan är feltryckt.",
    "text_vs_table": "Texten anger ett annat tal än det som följer av bokslutets tabeller. "
    "Granskningen väljer inte mellan dem.",
    "does_not_follow": "Talet stämmer inte med de tal det räknas ur, och inget annat tal i "
    "bokslutet förklarar skillnaden.",
    "rounding": "Skillnaderna beror bara på att de tryckta talen är avrundade till hela tkr.",
}


APPENDIX_HEADING = "Bilaga: så gjordes granskningen"

# The table of every deviating figure: the printed figure against what the bokslut's other
# figures give, so that a difference reads as the bokslut's, not the analysis'.
PRINTED_HEADER = "Tryckt i bokslutet"
FOLLOWS_HEADER = "Bokslutets övriga tal ger"


def check_method_sentence(checks: int, figures: int, rules: list[str], year: int) -> str:
    """How the granskning was made: checks, printed figures and the kinds of check (rule
    codes in :data:`RULE_TITLES` order). The findings are counted once, in the chapter's
    opening."""
    kinds = [RULE_TITLES[rule] for rule in RULE_TITLES if rule in rules]
    slags = "slags kontroll" if len(kinds) == 1 else "slags kontroller"
    return (
        f"De {checks} kontrollerna gällde {figures} tryckta tal i bokslutet för {year}. "
        f"Varje tal jämfördes med vad det ska vara enligt {len(kinds)} {slags}: "
        f"{'; '.join(kinds)}. Ett tal räknas som avvikande först när skillnaden är större än "
        "vad avrundning av de tryckta talen kan förklara."
    )


def misspellings_line(words: list[tuple[str, str]]) -> str:
    """The bokslut's misspellings, once, for the Granskning's appendix (data text,
    unescaped; "" without any): "Citaten återger bokslutets stavning, också där den är fel:
    Indexuppräknigen (rätt: Indexuppräkningen) och uttrangerats (rätt: utrangerats)."
    """
    if not words:
        return ""
    listed = join_words([f"{word} (rätt: {right})" for word, right in words])
    return f"Citaten återger bokslutets stavning, också där den är fel: {listed}."


def rounding_line(n: int, largest: float) -> str:
    """The one line the chapter body says about rounding-only differences."""
    tal = "ett tryckt tal" if n == 1 else f"{n} tryckta tal"
    size = format_quantity(largest, "tkr", 0)
    return (
        f"Dessutom skiljer sig {tal} från det beräknade med högst {size}, bara för att "
        f"talen är avrundade; de påverkar inget och listas i bilagan sist i kapitlet."
    )


def pairs_intro(n: int) -> str:
    """The opening of the section on statements that do not agree (``n``: the pairs that
    contradict; nuances are not counted)."""
    if not n:
        return "Inget uttalande i bokslutet motsägs av dess egna tal eller av ett annat avsnitt."
    what = "ett fall" if n == 1 else f"{number_word(n)} fall"
    return (
        f"I {what} säger bokslutet något som dess egna tal, analysens bedömning av målen "
        "eller ett annat avsnitt motsäger. Citaten står ordagrant med avsnittet de står i."
    )


# What a nuance (statement_pairs.csv kind "nuance") is and what the board should do with it.
NUANCE_ADVICE = "Det är ingen motsägelse i talen, men texten bör bli enhetlig."


def nuance_line(
    topic: str,
    quote_a: str,
    section_a: str,
    quote_b: str | None,
    section_b: str | None,
    note: str | None,
) -> str:
    """One low-key line on two wordings of the same thing that differ without contradicting
    (data text, unescaped): "Besparingarna 2013: två formuleringar skiljer sig, ”…” (…) och
    ”…” (…). <note> Det är ingen motsägelse i talen, men texten bör bli enhetlig."."""
    quoted = f"”{quote_a}” ({section_a})"
    if quote_b:
        quoted += f" och ”{quote_b}” ({section_b})" if section_b else f" och ”{quote_b}”"
        what = "två formuleringar skiljer sig"
    else:
        what = "formuleringen bör ses över"
    said = f" {_sentence(note)}" if note else ""
    return f"{topic}: {what}, {quoted}.{said} {NUANCE_ADVICE}"


def statement_against(record: dict, pair: dict) -> str:
    """What a statement is held against (a row of
    :func:`ksanalys.compute.check.statements.check_statements` and its pair): the other
    quote, the figure computed from the report's own numbers (which cannot say whether the
    word or a figure is wrong: "marginellt" for 1,13 → 0,09 procent) or the goals' statuses."""
    against = record["against"]
    if against == "figure":
        unit, decimals = str(pair["unit"]), int(pair["decimals"])
        inputs = "; ".join(
            f"{ref.year}: {format_number(float(value), decimals_of(float(value)))}"
            for ref, value in record["inputs"]
        )
        value = format_quantity(float(record["value"]), unit, decimals)
        # The figures cannot say which side is wrong: the word or a figure it rests on.
        return (
            f"Beräknat ur bokslutets egna tal ({inputs}): {value}. "
            "Antingen är ordet eller något av talen fel."
        )
    if against == "goals":
        n = record["n_goals"]
        counts = join_words(
            [
                f"{count} {(STATUS_SINGULARS if count == 1 else STATUS_PLURALS)[status]}"
                for status, count in record["statuses"].items()
            ]
        )
        goals = "målet" if n == 1 else f"de {n} målen"
        return f"Analysens bedömning av {goals} inom {pair['area']}: {counts}."
    return f"”{keep_numbers_together(str(pair['quote_b']))}” ({pair['section_b']})"


def summary_findings_intro(checks: int, issues: int, shown: int) -> str:
    """The granskning on the summary page, before its list of the most important errors."""
    if not issues:
        return (
            f"Alla {checks} kontroller av bokslutets tal stämmer; inget tryckt tal avviker "
            "från det som följer av bokslutets övriga tal."
        )
    if issues == 1:
        return f"Av {checks} kontroller av bokslutets tal visar granskningen en avvikelse:"
    if shown == issues:
        return f"Av {checks} kontroller av bokslutets tal visar granskningen {issues} avvikelser:"
    return (
        f"Av {checks} kontroller av bokslutets tal visar granskningen {issues} avvikelser; "
        f"de {shown} viktigaste:"
    )


class CheckWording:
    """The findings of one :class:`CheckResult` in Swedish."""

    def __init__(
        self,
        result: CheckResult,
        scope_label: Callable[[str], str] | None = None,
        department: str = "avdelning",
    ) -> None:
        self.result = result
        self.labels = CellLabels(result.printed, scope_label, department)

    def where(self, check: Check) -> str:
        """Where the checked figure is printed; a claim: "Text, <section>, ”<quote>”"."""
        if check.rule == "claim":
            return f"Text, {check.section}, ”{keep_numbers_together(check.quote)}”"
        return self.labels.where(check.target)

    def formula(self, check: Check) -> str:
        """What the figure should equal, with labels as short as the target allows."""
        if check.rule == "claim":
            label = self.labels.where
        else:

            def label(cell: Cell) -> str:
                return self.labels.relative(cell, check.target)

        return describe(check.expression, label, self.labels.indicator)

    def note(self, finding: Finding, *, brief: bool = False) -> str:
        """Where the error probably lies (sentences, without numbers); ``brief``: the
        checks that confirm the printed figure named by their figures only
        (:meth:`confirming_name`, for a table), not written out."""
        check = finding.check
        parts = [_sentence(check.note)] if check.note else []
        if finding.exact is None:
            parts.append("Värdet kan inte beräknas (division med noll).")
        if finding.confirmed_by:
            places = list(dict.fromkeys(self._confirmation(c, check) for c in finding.confirmed_by))
            subject, inputs = (
                ("Summan", "en av raderna")
                if check.rule == "sum"
                else ("Talet", "de tal det räknas ur")
            )
            others = (
                "en annan uppgift i bokslutet"
                if len(places) == 1
                else f"{number_word(len(places))} andra uppgifter i bokslutet"
            )
            named = [self.confirming_name(c, check.target) for c in finding.confirmed_by]
            listed = (
                f" ({join_words(list(dict.fromkeys(named)))})"
                if brief
                else f" ({'; '.join(places)})"
            )
            parts.append(
                f"{subject} stämmer med {others}{listed}, så felet sitter troligen i {inputs}."
            )
        elif finding.replaced:
            parts.append("Det beräknade värdet används i de följande kontrollerna.")
        if check.rule == "percent":
            parts.extend(self._percent_note(finding))
        if finding.blank_terms:
            blank = [
                self.labels.printed.row_label(c.year or 0, c.table, c.row)
                for c in finding.blank_terms
            ]
            parts.append("Tomma rader som troligen döljer belopp: " + ", ".join(blank) + ".")
        return " ".join(parts)

    def confirming_name(self, confirming: Check, own: Cell) -> str:
        """The figure a confirming check holds ``own`` against, short: "VERKSAMHETENS
        NETTOKOSTNAD" (another row), "kolumnen Budgetavvikelse" (the same row),
        "Kostnader totalt i K/I-rutan" (another table); a check of ``own`` itself: the
        figures it is computed from ("Bokslut 2013 − Budget helår 2013")."""
        other = confirming.target
        year = other.year or 0
        row = self.labels.printed.row_label(year, other.table, other.row)
        column = column_label(other.table, other.column, year)
        if other == own:
            return describe(
                confirming.expression,
                lambda c: self.labels.relative(c, own),
                self.labels.indicator,
            )
        if other.table != own.table:
            named = f"{row} ({column})" if column else row
            return f"{named} i {self.labels.table_in_text(other.table)}"
        if other.row == own.row:
            return f"kolumnen {column}"
        return row if other.column == own.column else f"{row} ({column})"

    def _confirmation(self, confirming: Check, check: Check) -> str:
        if confirming.target == check.target:
            return self.formula(confirming)
        return self.where(confirming)

    def _percent_note(self, finding: Finding) -> list[str]:
        """Where the error of a failing percentage lies: in a flagged amount it is computed
        from, or in the percentage when its amounts are confirmed."""
        flagged = finding.flagged_inputs
        if flagged:
            target = finding.check.target
            names = " och ".join(self.labels.relative(cell, target) for cell in flagged)
            by = "en annan kontroll" if len(flagged) == 1 else "andra kontroller"
            if finding.follows_printed:
                return [
                    f"Procentsatsen följer av det tryckta värdet för {names}, som {by} "
                    "flaggar; avvikelsen kommer därifrån, inte från procentsatsen."
                ]
            used = "det beräknade värdet" if len(flagged) == 1 else "de beräknade värdena"
            return [f"Procentsatsen räknas ur {names}, som {by} flaggar; här används {used}."]
        if finding.inputs_confirmed:
            return [
                "Beloppen stämmer med andra uppgifter i bokslutet, så felet sitter troligen i "
                "procentsatsen."
            ]
        return []

    def likely(self, finding: Finding) -> str:
        """What the printed figure most likely is, or what it follows from ("" if unknown):
        "297 469 tkr är 2012 års kommunbidrag (Resultaträkning, Kommunbidrag, Bokslut 2012)"."""
        check = finding.check
        printed = format_quantity(float(check.printed), check.unit, check.decimals)
        if finding.follows is not None:
            return f"Följer av {self.labels.where(finding.follows)}, se ovan."
        likely = finding.likely
        if likely is None:
            return ""
        if finding.cause == "wrong_year":
            return f"{printed} är {self.year_of(likely, check)} års {self._name(likely)}."
        if finding.cause == "missing_line" and isinstance(likely, Cell):
            sure = not any(t.with_rows is not None for t in finding.texts)
            return self.likely_line(likely, finding.likely_value, check, sure) + "."
        if isinstance(likely, Cell):
            return f"{printed} är värdet för {self.labels.where(likely)}."
        return f"{printed} är vad {self.formula_of(likely, check)} ger."

    def likely_line(
        self, line: Cell, value: Decimal | None, check: Check, sure: bool = True
    ) -> str:
        """ "Raden Övriga kostnader (Bokslut 2013) är troligen −2 382 tkr, inte 0"; not
        ``sure`` (a text claim fits the rows too): "… kan vara −2 382 tkr, inte 0; det går inte
        att avgöra säkert"."""
        label = self.labels.printed.row_label(line.year or 0, line.table, line.row)
        column = column_label(line.table, line.column, line.year or 0)
        shown = self.labels.printed.value(line)
        was = "tom" if shown is None else format_number(float(shown), check.decimals)
        amount = format_quantity(_float(value), check.unit, check.decimals)
        name = f"Raden {label} ({column})" if column else f"Raden {label}"
        if not sure:
            return f"{name} kan vara {amount}, inte {was}; det går inte att avgöra säkert"
        return f"{name} är troligen {amount}, inte {was}"

    def year_of(self, likely: Node, check: Check) -> int:
        """The year whose value ``likely`` is (a wrong_year finding's likely value)."""
        refs = references(likely)
        if isinstance(likely, Indicator):
            return likely.year
        if isinstance(likely, Cell) and likely.year is not None:
            return likely.year - 1 if likely.column.endswith("_prev") else likely.year
        years = [r.year for r in refs if isinstance(r, Indicator)]
        return years[0] if years else (check.target.year or 0) - 1

    def _name(self, likely: Node) -> str:
        if isinstance(likely, Cell):
            year = likely.year or 0
            label = self.labels.printed.row_label(year, likely.table, likely.row)
            return f"{label.lower()} ({self.labels.where(likely)})"
        return f"värde: {describe(likely, self.labels.where, self.labels.indicator)}"

    def formula_of(self, expression: Node, check: Check) -> str:
        """``expression`` in words, labelled as ``check``'s formula is."""
        return self.formula(dataclasses.replace(check, expression=expression))

    def explanation(self, finding: Finding, *, brief: bool = False) -> str:
        """The likely value when one is found, else the note on where the error lies (see
        :meth:`note` for ``brief``); for a rounding difference, what the figure is computed
        from."""
        if finding.cause == "rounding":
            check = finding.check
            return f"Enligt {RULE_TITLES[check.rule]}: {self.formula(check)}."
        return self.likely(finding) or self.note(finding, brief=brief)

    def message(self, finding: Finding) -> str:
        """One finding as a Swedish sentence with the numbers formatted."""
        check = finding.check
        unit, decimals = check.unit, check.decimals
        computed = None if finding.computed is None else float(finding.computed)
        difference = None if finding.difference is None else float(finding.difference)
        line = (
            f"{self.where(check)}: tryckt {format_quantity(float(check.printed), unit, decimals)}, "
            f"ska vara {format_quantity(computed, unit, decimals)} "
            f"(skillnad {format_change(difference, unit, decimals)}) enligt "
            f"{RULE_TITLES[check.rule]}: {self.formula(check)}."
        )
        note = self.note(finding)
        if finding.cause == "missing_line":
            note = f"{note} {self.likely(finding)}".strip()
        return f"{line} {note}" if note else line


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _sentence(text: str) -> str:
    text = keep_numbers_together(text.strip())
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def report_differences(result: CheckResult) -> dict[str, str]:
    """What the report's text printed, by statement key (the claims.csv column
    ``restates``), for every claim the check found to differ from the computed value.

    Several printed values for one key are joined ("4,5 mkr och 4,6 mkr").
    """
    texts: dict[str, list[str]] = {}
    for finding in result.records:
        check = finding.check
        if check.rule != "claim" or not check.restates:
            continue
        text = swedish.format_quantity(float(check.printed), check.unit, check.decimals)
        values = texts.setdefault(check.restates, [])
        if text not in values:
            values.append(text)
    return {key: join_words(values) for key, values in texts.items()}
