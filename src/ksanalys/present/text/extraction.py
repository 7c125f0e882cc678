"""Swedish words for what reading a report found (``new-year --from``): why a line could not
be placed, what a new row asks, what a printed figure that does not add up says, and the
terminal's summary."""

from __future__ import annotations

from decimal import Decimal

from ksanalys.present.swedish import format_number

__all__ = [
    "FINDING",
    "LIST_HEADINGS",
    "REASONS",
    "finding_text",
    "more_text",
    "quotes_line",
    "reason_text",
    "summary_lines",
]

REASONS = {
    "extra_cells": "fler värden än tabellen har kolumner",
    "not_a_number": "en cell i tabellen är inget tal",
    "repeated_row": "raden finns redan i tabellen",
    "repeated_table": "tabellen trycks en gång till; den första är inläst",
    "other_year": "tabellens rubriker gäller ett annat år än arbetsboken",
    "unknown_sum": "summaraden går inte att knyta till en enhet",
    "unknown_row": "okänd rad i rutan med K/I-talet",
    "outside_table": "raden har tal men står utanför de tabeller som läses",
    "unknown_assessment": "lägesbedömningen går inte att knyta till ett mål",
    "repeated_assessment": "målet har redan en lägesbedömning",
    "goal_without_text": "målets text hittades inte",
    "new_row": "ny rad: finns inte i tidigare år; kontrollera radens id",
    "new_unit": "ny enhet, markerad 'ny' på bladet Avdelningar; kontrollera (eller välj "
    "'bytt namn från' och den gamla enheten)",
    "renamed_unit": "ny enhet, föreslagen som namnbyte ('bytt namn från' den enhet rapporten "
    "inte längre har) på bladet Avdelningar; kontrollera",
    "goal_changed": "målets text är en annan än förra årets; kontrollera att målet är samma",
    "unplaced_figure": "tal i uppföljningen som inte knutits till en indikator",
}

FINDING = "tryckt tal stämmer inte med sina delar"
LIST_HEADINGS = {
    "to_type": "Att fylla i (gula celler; tomma om rapporten inte trycker något):",
    "unplaced": "Kunde inte placeras:",
    "new_rows": "Nya rader att bekräfta:",
    "findings": "Tryckta tal som inte stämmer (behållna som tryckta):",
}


def more_text(count: int) -> str:
    return f"  … och {count} till (se bladet Ej placerat)"


_KINDS = {
    "sum": "raderna ger",
    "difference": "kolumnerna ger",
    "percent": "beloppen ger",
    "ratio": "beloppen ger",
    "balance": "den andra sidan är",
    "repeated": "på första stället står",
}


def reason_text(reason: str) -> str:
    return REASONS.get(reason, reason)


def _value(value: object) -> str:
    if isinstance(value, Decimal):
        decimals = max(0, -int(value.as_tuple().exponent))
        return format_number(value, decimals)
    return str(value)


def finding_text(row: str, column: str, printed: object, expected: object, kind: str) -> str:
    """One finding: "SUMMA INTÄKTER, Bokslut 2012: tryckt 35 330, raderna ger 34 153;
    värdet är kvar som tryckt"."""
    return (
        f"{row}, {column}: tryckt {_value(printed)}, {_KINDS.get(kind, 'beräknat')} "
        f"{_value(expected)}; värdet är kvar som tryckt"
    )


def summary_lines(
    report: str, figures: int, texts: int, to_type: int, unplaced: int, findings: int
) -> list[str]:
    """The terminal's account of a reading (before its lists)."""
    return [
        f"Läste {report}: {figures} tal och {texts} texter hämtade ur rapporten "
        "(markerade i arbetsboken: kontrollera dem).",
        f"Att fylla i: {to_type} celler. Kunde inte placeras: {unplaced} rader "
        "(bladet Ej placerat).",
        f"Tryckta tal som inte stämmer med sina delar: {findings} (behållna som tryckta).",
    ]


def quotes_line(found: int, blank: int) -> str:
    """The candidate reasons on Förklaringar (optional, so not counted as cells to fill)."""
    return (
        f"Förklaringar (valfria): {found} förslag ur rapporten att behålla eller tömma; "
        f"{blank} av förra årets förklaringar utan förslag (fyll i citatet eller lämna tomt)."
    )
