"""Present stage: chapter 04 Granskning (the check of every printed figure)."""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.present import swedish
from ksanalys.present.chapters.context import (
    Analysis,
    Section,
    Text,
    _later_report,
    _right_aligned,
    _table_value,
    _value_text,
)
from ksanalys.present.tables import ColumnFormat, display_table
from ksanalys.present.text import vintage as vintage_text
from ksanalys.present.text.check import (
    CAUSE_MEANINGS,
    CAUSE_TITLES,
    RULE_MEANINGS,
    RULE_TITLES,
    CheckWording,
    cause_effect,
    no_report,
    no_report_findings,
    no_report_method,
    overview_sentences,
    result_label,
    review_sentence,
    summary_sentences,
)

__all__ = [
    "RULE_MEANINGS",
    "cause_sections",
    "causes_overview",
    "checks_table",
    "review_summary",
    "review_text",
]


# ---------------------------------------------------------------- display objects


def causes_overview(analysis: Analysis) -> object:
    """The chapter's opening: checks made, findings, causes and whether any changes the
    year's result, and a table of the causes, heaviest first."""
    checked = analysis.check_result
    if checked is None:
        return Text(no_report(analysis.year))
    causes = checked.causes()
    result_text = result_label(checked)
    opening = overview_sentences(checked.checks, analysis.year, causes, result_text)
    if not causes:
        return Text(opening)
    frame = pd.DataFrame(
        {
            "cause": [CAUSE_TITLES[c.code] for c in causes],
            "findings": [len(c.findings) for c in causes],
            "weight": [float(c.weight_tkr) for c in causes],
            "result": ["ja" if c.changes_result else "nej" for c in causes],
        }
    )
    columns: dict[object, ColumnFormat] = {
        "cause": ColumnFormat("Orsak", "text"),
        "findings": ColumnFormat("Antal tal", "number"),
        "weight": ColumnFormat("Största belopp, tkr", "tkr"),
        "result": ColumnFormat("Ändrar årets resultat", "text"),
    }
    table = display_table(frame, columns, f"Orsaker till avvikelser, rapporten för {analysis.year}")
    return Section((Text(opening), table))


def cause_sections(analysis: Analysis) -> object:
    """One section per cause, heaviest first (rounding last): what the cause means, whether
    it changes the result, and a table of its figures, printed beside recomputed."""
    checked = analysis.check_result
    if checked is None:
        return Text(no_report_findings(analysis.year))
    causes = checked.causes()
    if not causes:
        return Text("Alla kontrollerade tal stämmer med det som följer av rapportens övriga tal.")
    wording = CheckWording(checked)
    result_text = result_label(checked)
    items: list[object] = []
    for number, cause in enumerate(causes, start=1):
        weight = swedish.format_tkr(float(cause.weight_tkr), unit=True)
        size = "" if cause.code == "rounding" else f" Största belopp: {weight}."
        items.append(
            Text(
                f"### {number}. {CAUSE_TITLES[cause.code]}\n\n"
                + " ".join(
                    part
                    for part in (CAUSE_MEANINGS[cause.code], cause_effect(cause, result_text))
                    if part
                )
                + size
            )
        )
        items.append(_cause_table(cause, wording, analysis.year))
    return Section(tuple(items))


def _cause_table(cause, wording: CheckWording, year: int) -> object:
    """The figures of one cause: where, printed, recomputed, difference, explanation."""
    findings = cause.findings
    checks = [f.check for f in findings]
    frame = pd.DataFrame(
        {
            "where": [wording.where(c) for c in checks],
            "printed": [_table_value(float(c.printed), c.unit, c.decimals) for c in checks],
            "computed": [
                _table_value(_float(f.computed), f.check.unit, f.check.decimals) for f in findings
            ],
            "difference": [
                _signed_text(_float(f.difference), f.check.unit, f.check.decimals) for f in findings
            ],
            "explanation": [wording.explanation(f) for f in findings],
        }
    )
    text_vs_table = cause.code == "text_vs_table"
    labels = ("I texten", "Ur tabellerna") if text_vs_table else ("Tryckt", "Beräknat")
    columns: dict[object, ColumnFormat] = {
        "where": ColumnFormat("Var i rapporten", "text"),
        "printed": ColumnFormat(labels[0], "text"),
        "computed": ColumnFormat(labels[1], "text"),
        "difference": ColumnFormat("Skillnad", "text"),
        "explanation": ColumnFormat("Förklaring", "text"),
    }
    caption = f"{CAUSE_TITLES[cause.code]}, rapporten för {year}"
    styler = display_table(frame, columns, caption)
    return _right_aligned(styler, [labels[0], labels[1], "Skillnad"])


def _float(value) -> float | None:
    return None if value is None else float(value)


def review_text(analysis: Analysis) -> Text:
    """The number of checks and findings, and what a finding is."""
    checked = analysis.check_result
    if checked is None:
        return Text(no_report_method(analysis.year, _later_report(analysis)))
    results = checked.results
    figures = len(results.drop_duplicates(["table", "row", "column"]))
    text = review_sentence(
        checked.checks,
        figures,
        list(results["rule"]),
        analysis.year,
    )
    restated = getattr(analysis, "restatements", None)
    if restated is not None:
        restated = vintage_text.restatements_text(restated, analysis.year)
    return Text(f"{text}\n\n{restated}" if restated else text)


def _difference_unit(unit: str) -> str:
    """The unit of a difference: percentages differ by percentage points."""
    return "procentenheter" if unit == "procent" else unit


def _signed_text(value: float | None, unit: str, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return swedish.DASH
    text = _value_text(abs(value), _difference_unit(unit), decimals)
    rounded = swedish.format_number(value, decimals)
    if rounded.startswith(swedish.MINUS):
        return swedish.MINUS + text
    return ("+" + text) if any(ch in "123456789" for ch in rounded) else text


def _rule_title(rule: str) -> str:
    return RULE_TITLES.get(rule, rule)


def checks_table(analysis: Analysis) -> object:
    """Checks and findings per kind of check."""
    checked = analysis.check_result
    if checked is None:
        return Section(())
    results = checked.results
    grouped = results.groupby("rule", sort=False).agg(
        checks=("ok", "size"), failed=("ok", lambda ok: int((~ok.astype(bool)).sum()))
    )
    frame = grouped.reset_index()
    frame["meaning"] = frame["rule"].map(RULE_MEANINGS)
    frame["rule"] = frame["rule"].map(_rule_title)
    columns: dict[object, ColumnFormat] = {
        "rule": ColumnFormat("Kontroll", "text"),
        "checks": ColumnFormat("Antal kontroller", "number"),
        "failed": ColumnFormat("Ej uppfyllda", "number"),
        "meaning": ColumnFormat("En avvikelse betyder", "text"),
    }
    return display_table(frame, columns, f"Kontroller per slag, rapporten för {analysis.year}")


# ---------------------------------------------------------------- helpers


# Shown in 01 Sammanfattning.


def review_summary(analysis: Analysis) -> Text:
    """One paragraph on the granskning: checks made, findings and causes, whether any
    changes the year's result, and where the findings are."""
    checked = analysis.check_result
    if checked is None:
        return Text(no_report_method(analysis.year, _later_report(analysis)))
    findings = checked.findings
    in_text = int((findings["table"] == "claims").sum())
    return Text(
        summary_sentences(
            checked.checks,
            analysis.year,
            checked.causes(),
            result_label(checked),
            in_text,
        )
    )
