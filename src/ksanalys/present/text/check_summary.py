"""Present stage: the granskning's most important errors on the report's summary page, each
in a few plain sentences, in the order a politician asks (r8 review G): what is wrong, what it
most likely should be, whether it changes the year's result, then where in the bokslut:
"Nämndens nämndbidrag 2013 är tryckt som 297 469 tkr, 2012 års belopp; det bör troligen vara
293 963 tkr. Resultatet påverkas inte. Se tabellen Resultat per avdelning i bokslutet."

Worded differently from the chapter's table (:mod:`ksanalys.present.text.check_issues`), so
that no sentence is said twice in a report. Data text (quotes, labels) is returned as is:
escape it where it is shown as Markdown.
"""

from __future__ import annotations

from decimal import Decimal

from ksanalys.compute.check import Finding
from ksanalys.compute.check.issues import Issue
from ksanalys.present.swedish import format_mkr, format_quantity
from ksanalys.present.text.check_issues import IssueWording, basis, undecided
from ksanalys.present.text.words import capitalize, lower_first

__all__ = ["MONEY_UNITS", "SummaryWording", "sum_noun"]

# The units of an error that can touch the year's result (a sentence on it follows).
MONEY_UNITS = ("tkr", "mkr")


class SummaryWording(IssueWording):
    """The issues of one check result in plain sentences for the summary page."""

    def line(self, issue: Issue) -> str:
        """The issue in plain sentences: what, likely value, result, where."""
        lead = issue.lead
        check = lead.check
        if check.rule == "claim":
            said = f"Texten säger ”{check.quote}”"
            if lead.cause == "text_vs_table":
                wrong = f"{said}, men {basis(check)} {self._computed(lead)}."
            elif lead.cause == "wrong_year":
                wrong = (
                    f"{said}, men {self._printed(lead)} är {self._year_of(lead)} års värde; det "
                    f"bör troligen vara {self._computed(lead)}."
                )
            else:
                wrong = f"{said}; det bör troligen vara {self._computed(lead)}."
        elif lead.cause in ("missing_line", "missing_value", "sum_does_not_add"):
            line = ""
            if lead.cause == "missing_line" and not undecided(issue):
                line = f" ({lower_first(self._line_value(lead))})"
            wrong = f"{self.sum_in_words(lead)}{line}."
        else:
            subject = capitalize(self.subject(check.target))
            was = f", {self._year_of(lead)} års belopp" if lead.cause == "wrong_year" else ""
            wrong = (
                f"{subject} är tryckt som {self._printed(lead)}{was}; det bör troligen vara "
                f"{self._computed(lead)}."
            )
        parts = (wrong, self.effect(issue), self.place_sentence(lead))
        return " ".join(part for part in parts if part)

    def sum_in_words(self, finding: Finding) -> str:
        """A sum that does not add up, in plain words: "Kostnaderna summerar inte: summan är
        2,4 mkr större än raderna, troligen saknas beloppet på någon rad" (the column named
        unless it is the year's outcome: "Intäkterna (Bokslut 2012) summerar inte: …")."""
        check = finding.check
        cell = check.target
        column = f" ({self._column(cell)})" if cell.column != "outcome" else ""
        gap = abs(finding.difference or Decimal(0))
        amount = (
            format_mkr(gap)
            if check.unit == "tkr"
            else format_quantity(float(gap), check.unit, check.decimals)
        )
        larger = abs(check.printed) > abs(finding.computed or Decimal(0))
        what = (
            f"summan är {amount} större än raderna, troligen saknas beloppet på någon rad"
            if larger
            else f"raderna ger {amount} mer än summan"
        )
        return f"{sum_noun(self._row(cell))}{column} summerar inte: {what}"

    def effect(self, issue: Issue) -> str:
        """Whether the year's result changes, for an amount printed in a table ("" for
        others: a percentage printed wrong leaves the amounts as they are, and a figure in
        the text is not in the accounts)."""
        lead = issue.lead
        if issue.changes_result:
            return "Det ändrar årets resultat."
        if lead.check.unit not in MONEY_UNITS or lead.check.rule == "claim":
            return ""
        if issue.may_change_result:
            return "Det ändrar årets resultat om summan är fel, inte om felet sitter i en rad."
        return "Resultatet påverkas inte."


def sum_noun(label: str) -> str:
    """A sum's rows as a subject: "SUMMA KOSTNADER" → "Kostnaderna"; any other label →
    "Raderna under <label>"."""
    words = label.split()
    plural = len(words) == 2 and words[1][-2:].lower() in ("er", "ar", "or")
    if plural and words[0].lower() in ("summa", "s:a"):
        return f"{words[1].lower().capitalize()}na"
    return f"Raderna under {label}"
