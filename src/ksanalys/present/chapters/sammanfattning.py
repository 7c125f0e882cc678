"""Present stage: chapter 01 Sammanfattning (the year on one page)."""

from __future__ import annotations

import pandas as pd

from ksanalys.present.chapters.context import (
    Analysis,
    Text,
    _findings_count,
    _no_report_text,
)
from ksanalys.present.tables import ColumnFormat, display_table
from ksanalys.present.text import narrative
from ksanalys.present.text.words import join_words, paragraph

__all__ = [
    "STATUS_ORDER",
    "assessment_text",
    "geh_table",
    "key_figures_table",
    "review_summary",
    "summary_text",
]


STATUS_ORDER = ("met", "on_track", "not_met", "not_assessable")


def summary_text(analysis: Analysis) -> Text:
    """The few sentences a politician reads: the year's result, net cost and forecast,
    then the same for each earlier year of the data."""
    story = narrative.economy_story(
        analysis.key_figures,
        analysis.year,
        analysis.dataset.years,
        {y: analysis.printed(y) for y in analysis.years},
        detail=False,
    )
    (_, current), *earlier = story
    blocks = [paragraph(current)]
    blocks += [f"**{year}:** {paragraph(s)}" for year, s in earlier]
    return Text("\n\n".join(blocks))


def key_figures_table(analysis: Analysis) -> object:
    """The board's key figures per year, up to the analysis's year."""
    rows = []
    for year, kf in analysis.key_figures.items():
        total = kf.total
        rows.append(
            {
                "year": str(year),
                "net_cost": total.get("net_cost"),
                "grant": total.get("grant"),
                "deviation_tkr": total.get("deviation_tkr"),
                "share": kf.ratios.get("result_share_of_grant_pct"),
                "growth_pct": total.get("growth_pct"),
                "forecast_deviation_tkr": total.get("forecast_deviation_tkr"),
                "ki": kf.ratios.get("ki"),
            }
        )
    frame = pd.DataFrame(rows).astype({c: "float64" for c in list(rows[0])[1:]})
    columns = {
        "year": ColumnFormat("År", "text"),
        "net_cost": ColumnFormat("Nettokostnad, tkr", "tkr"),
        "grant": ColumnFormat("Kommunbidrag, tkr", "tkr"),
        "deviation_tkr": ColumnFormat("Budgetavvikelse, tkr", "signed"),
        "share": ColumnFormat("Avvikelse av kommunbidraget", "percent"),
        "growth_pct": ColumnFormat("Nettokostnadsutveckling", "percent"),
        "forecast_deviation_tkr": ColumnFormat("Mot prognos augusti, tkr", "signed"),
        "ki": ColumnFormat("K/I-tal", "ratio"),
    }
    return display_table(frame, columns, "Kommunstyrelsens nyckeltal (överskott positivt)")


def assessment_text(analysis: Analysis) -> Text:
    """The GEH assessments and how the goals' computed statuses compare with the analysis."""
    goals = analysis.goals
    geh = goals.geh[goals.geh["report_year"] == analysis.year]
    sentences = narrative.assessment_sentences(geh, analysis.year)
    sentences.append(_goal_count_sentence(goals.goals, analysis))
    return Text(paragraph(sentences))


def _goal_count_sentence(goals: pd.DataFrame, analysis: Analysis) -> str:
    total = len(goals)
    if total == 0:
        return f"Data innehåller inga KF-mål för {analysis.year}."
    computed = [
        _status_count(_count(goals, "computed_status", status), status)
        for status in STATUS_ORDER
        if _count(goals, "computed_status", status)
    ]
    text = (
        f"Av de {total} KF-mål som följs upp {analysis.year} är enligt beräkningen ur data "
        f"{join_words(computed)}."
    )
    assessed = goals[goals["report_assessment"].isin(["Bra", "Ok", "Har brister"])]
    if assessed.empty:
        return (
            text + f" Rapporten för {analysis.year} finns inte i data, så ingen jämförelse "
            "med rapportens bedömningar kan göras."
        )
    agree = _count(goals, "agreement", "agree")
    disagree = _count(goals, "agreement", "disagree")
    other = total - agree - disagree
    text += (
        f" Rapportens bedömning stämmer överens med beräkningen för {agree} mål och avviker "
        f"för {disagree}"
    )
    return text + (f"; {other} går inte att jämföra." if other else ".")


def _count(frame: pd.DataFrame, column: str, value: str) -> int:
    return int((frame[column] == value).sum())


_STATUS_COUNT_WORDS = {
    "met": ("uppfyllt", "uppfyllda"),
    "on_track": ("på väg", "på väg"),
    "not_met": ("inte uppfyllt", "inte uppfyllda"),
    "not_assessable": ("kan inte bedömas", "kan inte bedömas"),
}


def _status_count(n: int, status: str) -> str:
    one, many = _STATUS_COUNT_WORDS[status]
    return f"{n} {one if n == 1 else many}"


def geh_table(analysis: Analysis) -> object:
    """The analysis's GEH assessments for the year and earlier years."""
    geh = analysis.goals.geh
    if geh.empty:
        return Text(f"Data innehåller inga GEH-bedömningar till och med {analysis.year}.")
    frame = geh.assign(year=geh["report_year"].astype("str"))
    columns = {
        "year": ColumnFormat("Rapport", "text"),
        "area": ColumnFormat("Område", "text"),
        "assessment": ColumnFormat("Bedömning", "text"),
    }
    return display_table(frame, columns, "Samlad GEH-bedömning (rapportens)")


def review_summary(analysis: Analysis) -> Text:
    """One paragraph on the reconciliation: checks made and findings."""
    reconciliation = analysis.reconciliation
    if reconciliation is None:
        return Text(_no_report_text(analysis))
    findings = reconciliation.findings
    claims = int((findings["table"] == "claims").sum())
    text = (
        f"Granskningen gjorde {reconciliation.checks} kontroller av rapportens tal för "
        f"{analysis.year}. {_findings_count(len(findings))}"
    )
    if len(findings):
        text += f" {_findings_split(claims, len(findings) - claims)} Se kapitlet Granskning."
    return Text(text)


def _findings_split(in_text: int, in_tables: int) -> str:
    """Where the findings are: "Av avvikelserna gäller 1 uppgift i texten och 10 tal i
    tabellerna." (one finding or one place: "Avvikelsen gäller …", "Alla gäller …")."""
    if in_text + in_tables == 1:
        return f"Avvikelsen gäller {'en uppgift i texten' if in_text else 'ett tal i tabellerna'}."
    if not in_tables:
        return "Alla gäller uppgifter i texten."
    if not in_text:
        return "Alla gäller tal i tabellerna."
    uppgift = "uppgift" if in_text == 1 else "uppgifter"
    return f"Av avvikelserna gäller {in_text} {uppgift} i texten och {in_tables} tal i tabellerna."
