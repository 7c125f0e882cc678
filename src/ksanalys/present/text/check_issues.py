"""Present stage: the errors the granskning found (:mod:`ksanalys.compute.check.issues`) in
plain Swedish, for a reader who does not know the tables' rules.

Each issue is said in three parts, as a politician asks about it: what is wrong
(:meth:`IssueWording.wrong`), what it most likely should be (:meth:`IssueWording.likely`)
and whether it changes the year's result (:func:`result_effect`), the table it stands in
last. :mod:`ksanalys.present.text.check_summary` says the same in a few plain sentences for
the report's summary page, worded differently so that no sentence is said twice in a report.

Data text (row labels, quotes, sections) is returned as is: the chapter shows these texts
in display tables, which escape their cells; escape them where they are shown as Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ksanalys.compute.check import Finding
from ksanalys.compute.check.expressions import Cell, Indicator, references
from ksanalys.compute.check.issues import Issue
from ksanalys.compute.check.weigh import TextReading
from ksanalys.present.swedish import (
    MINUS,
    format_number,
    format_quantity,
    keep_numbers_together,
)
from ksanalys.present.text.check import CheckWording
from ksanalys.present.text.check_labels import column_label
from ksanalys.present.text.words import capitalize, join_words, lower_first, number_word

__all__ = ["IssueWording", "basis", "board_action", "issues_opening", "result_effect", "undecided"]

# Where the value a figure should have comes from, by rule: "som {basis}".
BASIS = {
    "sum": "raderna ger",
    "difference": "beloppen på samma rad ger",
    "percent": "beloppen ger",
    "same_figure": "samma belopp är tryckt på andra ställen i bokslutet",
    "ki": "kostnaderna, intäkterna och kommunbidraget ger",
    "balance": "den andra sidan av balansräkningen ger",
    "opening_equity": "föregående års ingående balans och resultat ger",
    "claim": "tabellerna ger",
}


def result_effect(issue: Issue) -> str:
    """Whether the issue changes the year's result: "ja", "nej", or for a sum whose result
    stands only if the error lies in a line (``may_change_result``) both answers with their
    condition: "nej, om felet sitter i en rad; ja (2 382 tkr), om summan är fel"."""
    if issue.changes_result:
        return "ja"
    lead = issue.lead
    if issue.may_change_result and lead.difference is not None:
        check = lead.check
        amount = format_quantity(abs(float(lead.difference)), check.unit, check.decimals)
        return f"nej, om felet sitter i en rad; ja ({amount}), om summan är fel"
    return "nej"


def issues_opening(checks: int, year: int, issues: list[Issue], result_text: str) -> str:
    """The chapter's first sentences: checks, deviations, figures and the year's result
    (``result_text``: "9 267 tkr enligt resultaträkningen")."""
    text = f"Granskningen gjorde {checks} kontroller av talen i bokslutet för {year}."
    if not issues:
        return text + " Alla tryckta tal stämmer med det som följer av bokslutets övriga tal."
    figures = sum(len(issue.findings) for issue in issues)
    tal = "ett tryckt tal" if figures == 1 else f"sammanlagt {figures} tryckta tal"
    found = "en avvikelse" if len(issues) == 1 else f"{len(issues)} avvikelser"
    text += f" Den fann {found}, i {tal}."
    changing = sum(issue.changes_result for issue in issues)
    if len(issues) == 1:
        effect = "Den ändrar" if changing else "Den ändrar inte"
    elif not changing:
        effect = "Ingen av dem ändrar"
    else:
        effect = "En av dem ändrar" if changing == 1 else f"{changing} av dem ändrar"
    text += f" {effect} årets resultat ({result_text})"
    if not changing and any(i.may_change_result for i in issues):
        text += ", om inte felet sitter i en summa (se tabellen)"
    return text + "."


def board_action(issues: list[Issue]) -> str:
    """What the board should do with the issues, in one sentence ("" when there are none)."""
    if not issues:
        return ""
    n = len(issues)
    where = "ett ställe" if n == 1 else f"{number_word(n)} ställen"
    return (
        f"Bokslutets egna tal går inte ihop på {where}; de bör rättas innan bokslutet "
        "går vidare till kommunfullmäktige."
    )


class IssueWording:
    """The issues of one check result in plain Swedish (labels from :class:`CheckWording`)."""

    def __init__(self, wording: CheckWording, board_genitive: str = "nämndens") -> None:
        self.wording = wording
        self.labels = wording.labels
        self.board_row = wording.result.board
        self.board_genitive = board_genitive

    # ------------------------------------------------------------ pieces

    def _row(self, cell: Cell) -> str:
        return self.labels.printed.row_label(cell.year or 0, cell.table, cell.row)

    def _column(self, cell: Cell) -> str:
        return column_label(cell.table, cell.column, cell.year or 0)

    def named(self, cell: Cell) -> str:
        """A cell inside a sentence: "Nämnden totalt (Nämndbidrag 2013)"."""
        column = self._column(cell)
        return f"{self._row(cell)} ({column})" if column else self._row(cell)

    def place(self, cell: Cell) -> str:
        """ "resultaträkningen, Kommunbidrag, Bokslut 2012"."""
        parts = [self.labels.table_in_text(cell.table), self._row(cell), self._column(cell)]
        return ", ".join(p for p in parts if p)

    def _where(self, finding: Finding) -> str:
        """The subject of the lead sentence, without the table (said last, :meth:`place_sentence`):
        "SUMMA KOSTNADER (Bokslut 2013) är", "Nämndens nämndbidrag 2013 är", "Texten"."""
        check = finding.check
        if check.rule == "claim":
            return "Texten"
        cell = check.target
        if cell.row == self.board_row:
            return f"{capitalize(self.subject(cell))} är"
        return f"{self.named(cell)} är"

    def place_sentence(self, finding: Finding) -> str:
        """Where the error stands, last: "Se tabellen Resultat per avdelning i bokslutet."."""
        check = finding.check
        if check.rule == "claim":
            return f"Se avsnittet {check.section} i bokslutet."
        return f"Se {self.labels.table_in_text(check.target.table)} i bokslutet."

    def _printed(self, finding: Finding) -> str:
        check = finding.check
        return format_quantity(float(check.printed), check.unit, check.decimals)

    def _computed(self, finding: Finding) -> str:
        check = finding.check
        value = None if finding.computed is None else float(finding.computed)
        return format_quantity(value, check.unit, check.decimals)

    def _difference(self, finding: Finding) -> str:
        check = finding.check
        value = 0.0 if finding.difference is None else abs(float(finding.difference))
        return format_quantity(value, check.unit, check.decimals)

    def _indicator(self, ref: Indicator) -> str:
        """ "sjukfrånvaro, kontoret"."""
        name = self.labels.printed.indicator_name(ref.indicator)
        return f"{name.lower()}, {self.labels.scope_label(ref.scope)}"

    def _year_of(self, finding: Finding) -> int:
        likely = finding.likely
        return self.wording.year_of(likely, finding.check) if likely is not None else 0

    def _others(self, finding: Finding) -> str:
        """ "tre andra uppgifter i bokslutet (VERKSAMHETENS NETTOKOSTNAD, kolumnen
        Budgetavvikelse och Kostnader totalt i tabellen K/I-tal)": the checks that confirm a
        printed figure, each named by the figure it is checked against."""
        checks = list(dict.fromkeys(finding.confirmed_by))
        names = list(
            dict.fromkeys(self.wording.confirming_name(c, finding.check.target) for c in checks)
        )
        n = len(checks)
        count = (
            "en annan uppgift i bokslutet"
            if n == 1
            else f"{number_word(n)} andra uppgifter i bokslutet"
        )
        return f"{count} ({join_words(names)})"

    # ------------------------------------------------------------ what is wrong

    def wrong(self, issue: Issue) -> str:
        """What is wrong, with every figure the error shows in."""
        lead = issue.lead
        sentences = [self._wrong_lead(lead)]
        same_row = [f for kind, f in issue.related if kind == "same_row"]
        if same_row:
            sentences.append(self._same_row(lead, same_row))
        for kind, finding in issue.related:
            if kind == "follows":
                sentences.append(
                    f"{self._column_for_row(finding.check.target)} "
                    f"({self._printed(finding)}) räknas ur samma belopp."
                )
            elif kind == "points_to":
                sentences.append(
                    f"{self._column_for_row(finding.check.target)} är tryckt som "
                    f"{self._printed(finding)}, vilket är det värde "
                    f"{self._row(lead.check.target)} ska ha; {self._own(finding)} ger "
                    f"{self._computed(finding)}."
                )
            elif kind == "repeats":
                sentences.append(f"Samma uppgift står i {finding.check.section}.")
        sentences.append(self.place_sentence(lead))
        return " ".join(sentences)

    def _own(self, finding: Finding) -> str:
        return "radens egna belopp" if finding.check.rule == "percent" else "beloppen"

    def _column_for_row(self, cell: Cell) -> str:
        """ "Avvikelse % för Nämnden totalt"."""
        column = self._column(cell)
        return f"{column} för {self._row(cell)}" if column else self._row(cell)

    def _wrong_lead(self, lead: Finding) -> str:
        check, cause = lead.check, lead.cause
        where, printed = self._where(lead), self._printed(lead)
        if check.rule == "claim":
            said = f"{where} anger {printed}: ”{check.quote}”."
            if cause == "wrong_year" and isinstance(lead.likely, Indicator):
                return (
                    f"{said} Det är {self._year_of(lead)} års värde "
                    f"({self._indicator(lead.likely)})."
                )
            return f"{said} {capitalize(basis(check))} {self._computed(lead)}."
        if cause == "wrong_year" and isinstance(lead.likely, Cell):
            year = self._year_of(lead)
            name = self.labels.printed.row_label(
                lead.likely.year or 0, lead.likely.table, lead.likely.row
            ).lower()
            return (
                f"{where} tryckt som {printed}, vilket är {year} års {name} "
                f"({self.place(lead.likely)})."
            )
        if cause == "other_row" and isinstance(lead.likely, Cell):
            return (
                f"{where} är tryckt som {printed}, vilket är värdet för {self.place(lead.likely)}."
            )
        if cause == "comparison_column" and lead.likely is not None:
            formula = self.wording.formula_of(lead.likely, check)
            return f"{where} tryckt som {printed}, vilket är vad {formula} ger."
        if cause == "missing_value":
            blank = [
                self.labels.printed.row_label(c.year or 0, c.table, c.row) for c in lead.blank_terms
            ]
            return (
                f"{where} {printed}, men raderna ger {self._computed(lead)}: raderna "
                f"{join_words(blank)} är tomma, fast summan räknar med belopp där."
            )
        return f"{where} tryckt som {printed}, men {BASIS[check.rule]} {self._computed(lead)}."

    def _same_row(self, lead: Finding, others: list[Finding]) -> str:
        """The same sum in other columns, as the bokslut's own inconsistency: "I kolumnen
        Budgetavvikelse ger raderna 38 tkr; bokslutet trycker −2 344 tkr"."""
        year = lead.check.target.year or 0
        columns = [column_label(f.check.target.table, f.check.target.column, year) for f in others]
        unit, decimals = lead.check.unit, lead.check.decimals
        computed = [format_number(float(f.computed or 0), decimals) for f in others]
        printed = [format_number(float(f.check.printed), decimals) for f in others]
        if len(others) == 1:
            return (
                f"I kolumnen {columns[0]} ger raderna {self._computed(others[0])}; "
                f"bokslutet trycker {self._printed(others[0])}."
            )
        return (
            f"I kolumnerna {join_words(columns)} ger raderna {join_words(computed)} {unit}; "
            f"bokslutet trycker {join_words(printed)} {unit}."
        )

    # ------------------------------------------------------------ what it should be

    def likely(self, issue: Issue) -> str:
        """What the figure most likely should be, or why the report does not tell."""
        lead = issue.lead
        check, cause = lead.check, lead.cause
        if cause == "text_vs_table":
            return "Går inte att avgöra: bokslutet visar inte vilket av talen som gäller."
        if cause == "missing_line":
            return self._missing_line(issue)
        if cause == "missing_value":
            return (
                f"Summan stämmer med {self._others(lead)}, så de tomma raderna döljer "
                "troligen belopp."
            )
        if cause == "sum_does_not_add":
            if lead.confirmed_by:
                return (
                    f"Summan stämmer med {self._others(lead)}, så felet sitter troligen i en av "
                    f"raderna: {self._difference(lead)} saknas eller är feltryckt."
                )
            return f"{self._computed(lead)}, som raderna ger, om raderna är rätt."
        if check.rule == "percent" and lead.inputs_confirmed:
            text = f"{self._computed(lead)}, som beloppen ger (de stämmer med andra kontroller)"
        else:
            text = f"{self._computed(lead)}, som {basis(check)}"
        follows = [
            f"{self._column_for_row(f.check.target)} {self._computed(f)}"
            for kind, f in issue.related
            if kind == "follows"
        ]
        if follows:
            text += f"; då blir {join_words(follows)}"
        others = [
            f"för {self._row(f.check.target)} {self._computed(f)}"
            for kind, f in issue.related
            if kind == "points_to"
        ]
        if others:
            text += f"; {join_words(others)}"
        return text + "."

    def _missing_line(self, issue: Issue) -> str:
        """ "Raden Övriga kostnader är troligen −2 382 tkr, inte 0: då går summan ihop
        också i kolumnen Budgetavvikelse (38 − 2 382 = −2 344 tkr)."; when a text claim
        fits the rows too (:func:`undecided`), the text first and no "troligen"."""
        lead = issue.lead
        others = [f for kind, f in issue.related if kind == "same_row" and f.likely_value]
        sums = [self._sum_with(f) for f in others]
        also = ""
        if sums:
            kolumn = "kolumnen" if len(sums) == 1 else "kolumnerna"
            also = f": då går summan ihop också i {kolumn} {join_words(sums)}"
        confirmed = f"Summan stämmer med {self._others(lead)}." if lead.confirmed_by else ""
        texts = [_text_reading(t, self._row) for t in lead.texts]
        if undecided(issue):
            check = lead.check
            gap = format_quantity(abs(float(lead.likely_value or 0)), check.unit, check.decimals)
            line = self._row(lead.likely) if isinstance(lead.likely, Cell) else ""
            return " ".join(
                [
                    f"Troligast saknas {gap} på en rad, kanske {line} som är tryckt "
                    f"{self._was(lead)}{also}.",
                    *([confirmed] if confirmed else []),
                    *(f"{t}." for t in texts),
                    "Det går inte att avgöra säkert ur bokslutet.",
                ]
            )
        text = self._line_value(lead) + also + "."
        return " ".join([text, *([confirmed] if confirmed else []), *(f"{t}." for t in texts)])

    def _was(self, finding: Finding) -> str:
        """The line as printed: "0", or "tom"."""
        assert isinstance(finding.likely, Cell)
        shown = self.labels.printed.value(finding.likely)
        return "tom" if shown is None else format_number(float(shown), finding.check.decimals)

    def _line_value(self, finding: Finding) -> str:
        """ "Raden Övriga kostnader är troligen −2 382 tkr, inte 0" (no column)."""
        check = finding.check
        line = finding.likely
        assert isinstance(line, Cell)
        label = self._row(line)
        value = float(finding.likely_value or 0)
        amount = format_quantity(value, check.unit, check.decimals)
        return f"Raden {label} är troligen {amount}, inte {self._was(finding)}"

    def _sum_with(self, finding: Finding) -> str:
        """ "Budgetavvikelse (38 − 2 382 = −2 344 tkr)"."""
        check = finding.check
        column = self._column(finding.check.target)
        value = float(finding.likely_value or 0)
        sign = MINUS if value < 0 else "+"
        return (
            f"{column} ({format_number(float(finding.computed or 0), check.decimals)} {sign} "
            f"{format_number(abs(value), check.decimals)} = "
            f"{format_quantity(float(check.printed), check.unit, check.decimals)})"
        )

    def subject(self, cell: Cell) -> str:
        """A printed figure as the subject of a plain sentence: the board's own row by its
        name ("nämndens nämndbidrag 2013"), another by row and column ("Kommunikation
        (Avvikelse %)")."""
        column = self._column(cell)
        if cell.row == self.board_row and column[:1].isalpha():
            return f"{self.board_genitive} {lower_first(column)}"
        return self.named(cell)


def basis(check) -> str:
    """Where the value a figure should have comes from; an indicator claim's value comes
    from the report's other statements, not from its tables."""
    if check.rule == "claim":
        cells = any(isinstance(r, Cell) for r in references(check.expression))
        return "tabellerna ger" if cells else "bokslutets övriga uppgifter ger"
    return BASIS[check.rule]


def undecided(issue: Issue) -> bool:
    """Whether a text claim fits the rows of the issue's sum (certainty "undecided",
    :class:`ksanalys.compute.check.causes.LikelyLine`): no line is "troligen" then."""
    return any(t.with_rows is not None for f in issue.findings for t in f.texts)


def _text_reading(reading: TextReading, row_label: Callable[[Cell], str]) -> str:
    """What a text claim says about a sum, in words an auditor can follow: "Bokslutets
    text (”kostnaderna har ökat med 5 mkr”) avgör inte: räknat på raderna blir det 5,0 mkr,
    och räknat på den tryckta summan också 5,0 mkr om avskrivningar, räntenetto och
    förmedlingsbidrag räknas in" (the rows counted in are those the reading that fits the
    printed sum adds, :attr:`TextReading.counts_more`, named by ``row_label``)."""
    claim = reading.claim
    said = f"Bokslutets text (”{keep_numbers_together(claim.quote)}”)"

    def shown(value: Decimal) -> str:
        return format_quantity(float(value), claim.unit, claim.decimals + 1)

    rows, total = reading.with_rows, reading.with_sum
    if rows is not None and total is not None:
        more = [lower_first(row_label(cell)) for cell in reading.counts_more]
        counted = f" om {join_words(more)} räknas in" if more else ""
        return (
            f"{said} avgör inte: räknat på raderna blir det {shown(rows)}, och räknat på "
            f"den tryckta summan också {shown(total)}{counted}"
        )
    if rows is not None:
        return f"{said} stämmer med raderna ({shown(rows)}) men inte med den tryckta summan"
    assert total is not None
    return f"{said} stämmer med den tryckta summan ({shown(total)})"
