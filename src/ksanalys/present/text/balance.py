"""Present stage: the balance sheet in sentences — whose it is, a negative debt read as the
claim it is, and one sentence for each large movement (rows of
:func:`ksanalys.compute.balance.balance_movements`)."""

from __future__ import annotations

import pandas as pd

from ksanalys.compute.balance import EQUITY, YEAR_RESULT_LINE
from ksanalys.present import swedish
from ksanalys.present.text.economy import amount
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import join_words, lower_first
from ksanalys.values import is_missing, round_half_up

__all__ = [
    "EQUITY_SUM_LABEL",
    "balance_items",
    "balance_owner_sentence",
    "balance_table_note",
    "movements_lead",
    "movements_rule",
]

# The row the balance sheet table adds: the report prints the equity lines, not their sum.
EQUITY_SUM_LABEL = "Summa eget kapital (beräknat)"


def balance_owner_sentence(owner: str) -> str:
    """Whose balance sheet it is (how that is known is the annex's: the derivation of the
    units' previous-year results, :func:`ksanalys.present.text.result.derivation_sentences`)."""
    return f"Balansräkningen gäller bara {lower_first(escape(owner))}."


def movements_lead() -> str:
    """The sentence before the list of movements (the rule is :func:`movements_rule`, in
    the method annex)."""
    return "Här visas de poster som ändrats mest."


def movements_rule(share: float) -> str:
    """Which balance sheet movements the Ekonomi chapter lists, for the method annex
    (``share``: the least share of the total a movement has to be to be listed)."""
    return (
        "Balansräkningens text tar upp de poster som ändrats med minst "
        f"{swedish.format_number(100 * share)} procent av balansomslutningen vid föregående "
        "års slut, samt eget kapital och skulder som är negativa (fordringar); tabellen visar "
        "alla poster."
    )


def balance_table_note(blank_counted: list[str], equity_lines: list[str]) -> str:
    """Under the balance sheet table: what the change is, how a blank beside an amount
    is counted (``blank_counted``: the lines where it is), and that the equity sum is
    computed from ``equity_lines`` (none: no sum row)."""
    text = "Förändringen är saldot vid årets slut minus saldot vid föregående års slut."
    if blank_counted:
        lines = join_words([escape(line) for line in blank_counted])
        text += (
            f" Ett saknat saldo (–) bredvid ett belopp räknas som noll i förändringen ({lines})."
        )
    if equity_lines:
        terms = " plus ".join(lower_first(escape(line)) for line in equity_lines)
        text += f" Summa eget kapital är beräknad: {terms}."
    return text


def _moved(change: float, now: float) -> str:
    if round_half_up(change, 0).is_zero():
        return f"oförändrat {amount(now)}"
    return f"{'ökade' if change > 0 else 'minskade'} med {amount(change)} till {amount(now)}"


def _claim(row: pd.Series, year: int) -> str:
    when = []
    for value, end in ((row["balance_prev"], year - 1), (row["balance"], year)):
        if not is_missing(value) and value < 0:
            when.append(f"{amount(value)} vid utgången av {end}")
    on = f" på {escape(row['claim_on'])}" if row.get("claim_on") else ""
    text = (
        f"**{escape(row['line'])}:** negativ, alltså en fordran{on} och inte en skuld: "
        f"{join_words(when)}."
    )
    if not is_missing(row["change"]) and not round_half_up(row["change"], 0).is_zero():
        verb = "minskade" if row["change"] > 0 else "ökade"  # a smaller negative debt
        text += f" Fordran{on} {verb} med {amount(row['change'])}."
    return text


def balance_items(
    year: int,
    movements: pd.DataFrame,
    equity: tuple[float, float],
    total: tuple[float, float],
) -> list[str]:
    """One list item per large movement, the claims and the equity, in the order of the
    balance sheet, and the balance sheet total last. ``equity`` and ``total`` are the
    (previous, this year's) sums."""
    items = []
    equity_said = False
    for _, row in movements.iterrows():
        if row["group"] == EQUITY:
            if not equity_said:
                items.append(_equity(equity, movements))
                equity_said = True
        elif row["claim"]:
            items.append(_claim(row, year))
        elif row["large"]:
            items.append(f"**{escape(row['line'])}:** {_moved(row['change'], row['balance'])}.")
    if not any(is_missing(v) for v in total):
        items.append(f"**Balansomslutningen:** {_moved(total[1] - total[0], total[1])}.")
    return [f"- {item}" for item in items]


def _equity(equity: tuple[float, float], movements: pd.DataFrame) -> str:
    change = equity[1] - equity[0]
    text = f"**Eget kapital:** {_moved(change, equity[1])}"
    result = movements.loc[movements["line_id"] == YEAR_RESULT_LINE, "balance"]
    if not result.empty and not is_missing(result.iloc[0]) and result.iloc[0] == change:
        text += ", lika mycket som årets resultat"
    return text + "."
