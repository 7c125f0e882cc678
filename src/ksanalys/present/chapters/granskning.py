"""Present stage: chapter 04 Granskning (the check of every printed figure and of the
report's statements against each other).

The chapter reads from the most important to the most detailed: the three errors that
matter most in plain words (:func:`key_findings`), the others (:func:`other_findings`),
every figure that differs (:func:`findings_table`), the report's statements that do not
agree (:func:`statement_pairs`), then an appendix with the method, the checks per kind and
the differences that are rounding only (:func:`check_appendix`). Each function returns its
own heading with its content, and nothing at all when it has nothing to say, so that no
empty heading is shown.
"""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.compute.check import CheckResult
from ksanalys.compute.check.issues import Issue, group_issues
from ksanalys.compute.check.statements import check_statements
from ksanalys.present.chapters.context import (
    Analysis,
    Section,
    Text,
)
from ksanalys.present.columns import column
from ksanalys.present.swedish import keep_numbers_together
from ksanalys.present.tables import ColumnFormat, display_table, quantity_cell, right_aligned
from ksanalys.present.text import vintage as vintage_text
from ksanalys.present.text.check import (
    APPENDIX_HEADING,
    FOLLOWS_HEADER,
    PRINTED_HEADER,
    RULE_MEANINGS,
    RULE_TITLES,
    CheckWording,
    cause_title,
    check_method_sentence,
    misspellings_line,
    nuance_line,
    pairs_intro,
    result_label,
    rounding_line,
    statement_against,
    summary_findings_intro,
)
from ksanalys.present.text.check_issues import (
    IssueWording,
    board_action,
    issues_opening,
    result_effect,
)
from ksanalys.present.text.check_summary import SummaryWording
from ksanalys.present.text.markup import escape
from ksanalys.present.text.quotes import misspellings

__all__ = [
    "RULE_MEANINGS",
    "TOP",
    "check_appendix",
    "check_method_text",
    "check_summary",
    "findings_table",
    "key_findings",
    "other_findings",
    "statement_pairs",
]

TOP = 3  # the errors the chapter and the summary page open with


def _issues(checked: CheckResult) -> list[Issue]:
    return group_issues(checked.records, checked.board)


def _check_wording(analysis: Analysis, checked: CheckResult) -> CheckWording:
    """The granskning's words with the organisation's scope names and level word."""
    organisation = analysis.organisation
    return CheckWording(checked, organisation.scope_name, organisation.level_word("department"))


def _wording(analysis: Analysis, checked: CheckResult) -> IssueWording:
    return IssueWording(_check_wording(analysis, checked), analysis.organisation.board.genitive)


def _issues_table(issues: list[Issue], wording: IssueWording, caption: str) -> object:
    frame = pd.DataFrame(
        {
            "wrong": [wording.wrong(issue) for issue in issues],
            "likely": [wording.likely(issue) for issue in issues],
            "result": [result_effect(issue) for issue in issues],
        }
    )
    columns: dict[object, ColumnFormat] = {
        "wrong": ColumnFormat("Vad som avviker", "text"),
        "likely": ColumnFormat("Troligen rätt", "text"),
        "result": ColumnFormat("Ändrar årets resultat", "text"),
    }
    return display_table(frame, columns, caption, row_headers=False)


# ---------------------------------------------------------------- the chapter


def key_findings(analysis: Analysis) -> object:
    """The chapter's opening: checks made, errors found, whether any changes the year's
    result, the :data:`TOP` most important errors in plain words and what the board should
    do with them."""
    checked = analysis.check_result
    if checked is None:
        return Section(())
    issues = _issues(checked)
    opening = issues_opening(checked.checks, analysis.year, issues, result_label(checked))
    if not issues:
        return Text(opening)
    top = issues[:TOP]
    heading = "De viktigaste avvikelserna" if len(top) > 1 else "Avvikelsen"
    caption = f"{heading}, bokslutet för {analysis.year}"
    return Section(
        (
            Text(opening),
            _issues_table(top, _wording(analysis, checked), caption),
            Text(board_action(issues)),
        )
    )


def other_findings(analysis: Analysis) -> object:
    """The errors after the first :data:`TOP`, in the same plain words (nothing when there
    are none)."""
    checked = analysis.check_result
    if checked is None:
        return Section(())
    rest = _issues(checked)[TOP:]
    if not rest:
        return Section(())
    caption = f"Övriga avvikelser, bokslutet för {analysis.year}"
    return Section(
        (Text("## Övriga avvikelser"), _issues_table(rest, _wording(analysis, checked), caption))
    )


def findings_table(analysis: Analysis) -> object:
    """Every figure that differs, printed beside recomputed, in the order of the errors
    above, and one line on the differences that are rounding only."""
    checked = analysis.check_result
    if checked is None or not checked.records:
        return Section(())
    wording = _check_wording(analysis, checked)
    findings = [f for issue in _issues(checked) for f in issue.findings]
    frame = pd.DataFrame(
        {
            "where": [wording.where(f.check) for f in findings],
            "printed": [
                quantity_cell(float(f.check.printed), f.check.unit, f.check.decimals)
                for f in findings
            ],
            "computed": [
                quantity_cell(_float(f.computed), f.check.unit, f.check.decimals) for f in findings
            ],
            "cause": [cause_title(f) for f in findings],
            "explanation": [wording.explanation(f, brief=True) for f in findings],
        }
    )
    columns: dict[object, ColumnFormat] = {
        "where": column("where_in_report"),
        "printed": ColumnFormat(PRINTED_HEADER, "text"),
        "computed": ColumnFormat(FOLLOWS_HEADER, "text"),
        "cause": ColumnFormat("Orsak", "text"),
        "explanation": ColumnFormat("Förklaring", "text"),
    }
    caption = f"Avvikande tal, bokslutet för {analysis.year}"
    table = right_aligned(display_table(frame, columns, caption), [PRINTED_HEADER, FOLLOWS_HEADER])
    items: list[object] = [Text("## Alla avvikande tal"), table]
    if checked.rounding:
        items.append(Text(rounding_line(len(checked.rounding), _largest(checked))))
    return Section(tuple(items))


def statement_pairs(analysis: Analysis) -> object:
    """The report's statements that its own figures, the goals' computed statuses or another
    passage contradict, side by side (data/statement_pairs.csv, checked by
    :func:`ksanalys.compute.check.statements.check_statements`: only the pairs that stand),
    then, apart and uncounted, one line per pair whose data call it a nuance (wordings that
    differ without contradicting); nothing when no pair stands."""
    pairs = _pairs(analysis)
    checked = analysis.check_result
    if pairs.empty or checked is None:
        return Section(())
    areas = analysis.goals.areas
    records = check_statements(pairs, checked.printed, areas).to_dict("records")
    standing = [
        (record, pair)
        for record, pair in zip(records, pairs.to_dict("records"), strict=True)
        if record["stands"]
    ]
    shown = [(r, p) for r, p in standing if r["kind"] == "contradiction"]
    nuances = [_nuance(p) for r, p in standing if r["kind"] == "nuance"]
    if not standing:
        return Section(())
    items: list[object] = [
        Text(f"## Bokslutets uttalanden mot varandra\n\n{pairs_intro(len(shown))}")
    ]
    if shown:
        items.append(_contradictions_table(shown, analysis.year))
    items.extend(Text(escape(nuance_line(*pair))) for pair in nuances)
    return Section(tuple(items))


def _nuance(pair: dict) -> tuple[str, str, str, str | None, str | None, str | None]:
    """A nuance's data text for :func:`nuance_line`: topic, quote and section of each side
    (the second may be missing), note."""

    def text(key: str) -> str | None:
        value = pair.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    return (
        str(pair["topic"]),
        keep_numbers_together(str(pair["quote_a"])),
        str(pair["section_a"]),
        keep_numbers_together(text("quote_b") or "") or None,
        text("section_b"),
        text("note"),
    )


def _contradictions_table(shown: list[tuple[dict, dict]], year: int) -> object:
    frame = pd.DataFrame(
        {
            "topic": [pair["topic"] for _, pair in shown],
            "a": [_quoted(pair["quote_a"], pair["section_a"]) for _, pair in shown],
            "b": [statement_against(record, pair) for record, pair in shown],
            "note": [keep_numbers_together(str(pair["note"] or "")) for _, pair in shown],
        }
    )
    columns: dict[object, ColumnFormat] = {
        "topic": ColumnFormat("Gäller", "text"),
        "a": ColumnFormat("Bokslutet säger", "text"),
        "b": ColumnFormat("Motsägs av", "text"),
        "note": ColumnFormat("Skillnaden", "text"),
    }
    caption = f"Uttalanden som inte stämmer, bokslutet för {year}"
    return display_table(frame, columns, caption)


def _quoted(quote: str, section: str) -> str:
    return f"”{keep_numbers_together(quote)}” ({section})"


def _pairs(analysis: Analysis) -> pd.DataFrame:
    table = analysis.dataset.tables.get("statement_pairs")
    if table is None or analysis.check_result is None:
        return pd.DataFrame(columns=["topic"])
    return table[table["report_year"] == analysis.year]


def check_appendix(analysis: Analysis) -> object:
    """The appendix: how the granskning was made, the words the bokslut misspells (quoted as
    printed), the checks per kind, the report's restatements of earlier figures and every
    difference that is rounding only."""
    checked = analysis.check_result
    if checked is None:
        return Section(())
    items: list[object] = [Text(f"## {APPENDIX_HEADING}"), check_method_text(analysis)]
    misspelt = misspellings_line(misspellings(analysis.dataset))
    if misspelt:
        items.append(Text(escape(misspelt)))
    items.append(checks_table(analysis))
    if checked.rounding:
        items.append(_rounding_table(analysis, checked))
    return Section(tuple(items))


def check_method_text(analysis: Analysis) -> Text:
    """How the checks were made, and the report's restatements of earlier figures."""
    checked = analysis.check_result
    if checked is None:
        return Text("")
    results = checked.results
    figures = len(results.drop_duplicates(["table", "row", "column"]))
    text = check_method_sentence(checked.checks, figures, list(results["rule"]), analysis.year)
    restated = getattr(analysis, "restatements", None)
    if restated is not None:
        restated = vintage_text.restatements_text(restated, analysis.year)
    return Text(f"{text}\n\n{restated}" if restated else text)


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
    frame["rule"] = frame["rule"].map(lambda rule: RULE_TITLES.get(rule, rule))
    columns: dict[object, ColumnFormat] = {
        "rule": ColumnFormat("Kontroll", "text"),
        "checks": ColumnFormat("Antal kontroller", "number"),
        "failed": ColumnFormat("Med avvikelse (ett tal kan avvika i flera)", "number"),
        "meaning": ColumnFormat("En avvikelse betyder", "text"),
    }
    return display_table(frame, columns, f"Kontroller per slag, bokslutet för {analysis.year}")


def _rounding_table(analysis: Analysis, checked: CheckResult) -> object:
    year = analysis.year
    wording = _check_wording(analysis, checked)
    rounding = checked.rounding
    frame = pd.DataFrame(
        {
            "where": [wording.where(f.check) for f in rounding],
            "printed": [float(f.check.printed) for f in rounding],
            "exact": [float(f.exact) if f.exact is not None else math.nan for f in rounding],
            "formula": [wording.explanation(f) for f in rounding],
        }
    )
    columns: dict[object, ColumnFormat] = {
        "where": column("where_in_report"),
        "printed": ColumnFormat("Tryckt, tkr", "tkr"),
        "exact": ColumnFormat("Beräknat, tkr", "tkr"),
        "formula": column("formula"),
    }
    return display_table(frame, columns, f"Skillnader som bara beror på avrundning, {year}")


def _largest(checked: CheckResult) -> float:
    return max(abs(float(f.difference or 0)) for f in checked.rounding)


# ---------------------------------------------------------------- helpers


def _float(value) -> float | None:
    return None if value is None else float(value)


# ---------------------------------------------------------------- 01 Sammanfattning


def check_summary(analysis: Analysis) -> object:
    """The granskning on the summary page: the :data:`TOP` most important errors, each in
    one short sentence (the chapter says each in more words), and what the board should do."""
    checked = analysis.check_result
    if checked is None:
        return Section(())
    issues = _issues(checked)
    wording = _wording(analysis, checked)
    intro = summary_findings_intro(checked.checks, len(issues), min(TOP, len(issues)))
    summary = SummaryWording(wording.wording, wording.board_genitive)
    lines = [f"- {escape(summary.line(issue))}" for issue in issues[:TOP]]
    action = board_action(issues)
    return Text(
        "\n".join(["## Granskningen", "", intro, "", *lines, *(["", action] if action else [])])
    )
