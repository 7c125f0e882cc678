"""Present stage: the granskning (check) in Swedish: findings and what the bokslut printed.

Every finding of :mod:`ksanalys.compute.check` is worded here, once: its location
(:meth:`CheckWording.where`), what it should equal (:meth:`CheckWording.formula`), the
note on where the error lies (:meth:`CheckWording.note`) and the whole sentence
(:meth:`CheckWording.message`). Data text (claims' section, quote and note, row labels)
is returned as is; escape it where it is shown as Markdown or HTML.
"""

from __future__ import annotations

from ksanalys.compute.check import CheckResult, Finding
from ksanalys.compute.check.claims import indicator_key
from ksanalys.compute.check.expressions import Cell
from ksanalys.compute.check.rules import Check
from ksanalys.present import swedish
from ksanalys.present.swedish import format_change, format_quantity
from ksanalys.present.text.check_labels import CellLabels, describe
from ksanalys.present.text.words import join_words

__all__ = ["RULE_TITLES", "CheckWording", "indicator_key", "report_differences"]

# What each rule compares a printed figure with.
RULE_TITLES = {
    "sum": "summan av delposterna",
    "difference": "differensen",
    "percent": "procentsatsen",
    "same_figure": "samma tal på annat ställe i rapporten",
    "ki": "K/I-talet",
    "balance": "tillgångar = skulder och eget kapital",
    "opening_equity": "ingående balans = föregående års ingående balans + årets resultat",
    "previous_report": "samma tal i föregående års analys",
    "claim": "talet beräknat ur rapportens tabeller och nyckeltal",
}


class CheckWording:
    """The findings of one :class:`CheckResult` in Swedish."""

    def __init__(self, result: CheckResult) -> None:
        self.result = result
        self.labels = CellLabels(result.printed)

    def where(self, check: Check) -> str:
        """Where the checked figure is printed; a claim: "Text, <section>, ”<quote>”"."""
        if check.rule == "claim":
            return f"Text, {check.section}, ”{check.quote}”"
        return self.labels.where(check.target)

    def formula(self, check: Check) -> str:
        """What the figure should equal, with labels as short as the target allows."""
        if check.rule == "claim":
            label = self.labels.where
        else:

            def label(cell: Cell) -> str:
                return self.labels.relative(cell, check.target)

        return describe(check.expression, label, self.labels.indicator)

    def note(self, finding: Finding) -> str:
        """Where the error probably lies (sentences, without numbers)."""
        check = finding.check
        parts = [_sentence(check.note)] if check.note else []
        if finding.exact is None:
            parts.append("Värdet kan inte beräknas (division med noll).")
        if finding.confirmed_by:
            places = "; ".join(
                dict.fromkeys(self._confirmation(c, check) for c in finding.confirmed_by)
            )
            parts.append(
                f"Det tryckta talet stämmer med andra kontroller ({places}); felet ligger "
                "troligen i de tal det räknas fram ur."
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
                "Beloppen stämmer med andra kontroller, så felet ligger troligen i procentsatsen."
            ]
        return []

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
        return f"{line} {note}" if note else line


def _sentence(text: str) -> str:
    text = text.strip()
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
