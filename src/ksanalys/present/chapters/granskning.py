"""Present stage: chapter 04 Granskning (the check of every printed figure)."""

from __future__ import annotations

import math

import pandas as pd

from ksanalys.present import swedish
from ksanalys.present.chapters.context import (
    Analysis,
    Text,
    _findings_count,
    _no_report_text,
    _present,
    _right_aligned,
    _table_value,
    _value_text,
)
from ksanalys.present.tables import ColumnFormat, display_table
from ksanalys.present.text.check import RULE_TITLES, CheckWording

__all__ = [
    "RULE_MEANINGS",
    "checks_table",
    "findings_explained",
    "findings_table",
    "review_summary",
    "review_text",
]


# What a finding of each reconciliation rule means for a reader.
RULE_MEANINGS = {
    "sum": "En summarad stämmer inte med sina delposter: en delpost saknas eller är fel, "
    "eller summan är feltryckt.",
    "difference": "En differens i tabellen stämmer inte med de tal den räknas ur.",
    "percent": "En procentsats stämmer inte med beloppen den räknas ur.",
    "same_figure": "Samma tal är tryckt med olika värden på olika ställen i rapporten.",
    "ki": "K/I-talet stämmer inte med kostnaderna, intäkterna och kommunbidraget.",
    "balance": "Tillgångarna är inte lika stora som skulderna och det egna kapitalet.",
    "opening_equity": "Årets ingående eget kapital stämmer inte med föregående års "
    "ingående balans och resultat.",
    "previous_report": "Föregående års siffror skiljer sig från dem i föregående års analys.",
    "claim": "Texten anger ett annat tal än det som följer av rapportens tabeller och nyckeltal.",
}


# ---------------------------------------------------------------- display objects


def review_text(analysis: Analysis) -> Text:
    """The number of checks and findings, and what a finding is."""
    reconciliation = analysis.reconciliation
    if reconciliation is None:
        return Text(_no_report_text(analysis))
    results = reconciliation.results
    figures = len(results.drop_duplicates(["table", "row", "column"]))
    kinds = [RULE_TITLES[rule] for rule in RULE_TITLES if rule in set(results["rule"])]
    text = (
        f"Granskningen gjorde {reconciliation.checks} kontroller av {figures} tryckta tal i "
        f"rapporten för {analysis.year}. Varje tal jämfördes med vad det ska vara enligt "
        f"{len(kinds)} {'slags kontroll' if len(kinds) == 1 else 'slags kontroller'}: "
        f"{'; '.join(kinds)}. "
        f"{_findings_count(len(reconciliation.findings))} "
        "Ett tal räknas som avvikande först när skillnaden är större än vad avrundning av "
        "de tryckta talen kan förklara."
    )
    return Text(text)


def _difference_unit(unit: str) -> str:
    """The unit of a difference: percentages differ by percentage points."""
    return "procentenheter" if unit == "procent" else unit


def findings_table(analysis: Analysis) -> object:
    """Every finding: where, printed, computed and the difference, in Swedish."""
    reconciliation = analysis.reconciliation
    if reconciliation is None:
        return Text(_no_report_text(analysis))
    findings = reconciliation.findings
    if findings.empty:
        return Text("Inga avvikelser.")
    wording = CheckWording(reconciliation)
    frame = pd.DataFrame(
        {
            "where": [wording.where(f.check) for f in reconciliation.records],
            "printed": [
                _table_value(v, u, d)
                for v, u, d in zip(
                    findings["printed"], findings["unit"], findings["decimals"], strict=True
                )
            ],
            "computed": [
                _table_value(v, u, d)
                for v, u, d in zip(
                    findings["computed"], findings["unit"], findings["decimals"], strict=True
                )
            ],
            "difference": [
                _signed_text(v, u, d)
                for v, u, d in zip(
                    findings["difference"], findings["unit"], findings["decimals"], strict=True
                )
            ],
            "rule": findings["rule"].map(_rule_title),
        }
    )
    columns = {
        "where": ColumnFormat("Var i rapporten", "text"),
        "printed": ColumnFormat("Tryckt", "text"),
        "computed": ColumnFormat("Beräknat", "text"),
        "difference": ColumnFormat("Skillnad", "text"),
        "rule": ColumnFormat("Kontroll", "text"),
    }
    styler = display_table(frame, columns, f"Avvikelser i rapporten för {analysis.year}")
    return _right_aligned(styler, ["Tryckt", "Beräknat", "Skillnad"])


def _signed_text(value: float, unit: str, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return swedish.DASH
    text = _value_text(abs(value), _difference_unit(unit), decimals)
    rounded = swedish.format_number(value, decimals)
    if rounded.startswith(swedish.MINUS):
        return swedish.MINUS + text
    return ("+" + text) if any(ch in "123456789" for ch in rounded) else text


def _rule_title(rule: str) -> str:

    return RULE_TITLES.get(rule, rule)


def findings_explained(analysis: Analysis) -> Text:
    """Each finding in words: what differs, by how much, and what it means."""
    reconciliation = analysis.reconciliation
    if reconciliation is None:
        return Text(_no_report_text(analysis))
    findings = reconciliation.findings
    if findings.empty:
        return Text("Alla kontrollerade tal stämmer inom avrundningen.")
    items = []
    wording = CheckWording(reconciliation)
    rows = findings.to_dict("records")
    for number, (finding, record) in enumerate(zip(rows, reconciliation.records, strict=True), 1):
        where, note = wording.where(record.check), wording.note(record)
        unit, decimals = str(finding["unit"]), int(finding["decimals"])
        printed = _value_text(finding["printed"], unit, decimals)
        computed = _value_text(finding["computed"], unit, decimals)
        difference = finding["difference"]
        if difference is None or (isinstance(difference, float) and math.isnan(difference)):
            comparison = f"Rapporten trycker {printed}; värdet kan inte beräknas."
        else:
            word = "högre" if difference > 0 else "lägre"
            size = _value_text(abs(difference), _difference_unit(unit), decimals)
            comparison = (
                f"Rapporten trycker {printed}, beräkningen ger {computed}: det tryckta talet "
                f"är {size} {word}."
            )
        parts = [
            f"{number}. **{where}.** {comparison}",
            RULE_MEANINGS.get(finding["rule"], ""),
            note if _present(note) else "",
        ]
        items.append(" ".join(p for p in parts if p))
    return Text("\n".join(items))


def checks_table(analysis: Analysis) -> object:
    """Checks and findings per kind of check."""
    reconciliation = analysis.reconciliation
    if reconciliation is None:
        return Text(_no_report_text(analysis))
    results = reconciliation.results
    grouped = results.groupby("rule", sort=False).agg(
        checks=("ok", "size"), failed=("ok", lambda ok: int((~ok.astype(bool)).sum()))
    )
    frame = grouped.reset_index().assign(rule=lambda f: f["rule"].map(_rule_title))
    columns = {
        "rule": ColumnFormat("Kontroll", "text"),
        "checks": ColumnFormat("Antal kontroller", "number"),
        "failed": ColumnFormat("Ej uppfyllda", "number"),
    }
    return display_table(frame, columns, f"Kontroller per slag, rapporten för {analysis.year}")


# ---------------------------------------------------------------- helpers


# Shown in 01 Sammanfattning.


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
