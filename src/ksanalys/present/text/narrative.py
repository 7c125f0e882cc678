"""Swedish sentences generated from computed values, never typed by hand.

Every number in a sentence is computed (by :mod:`ksanalys.compute.key_figures` and friends) and
formatted by :mod:`ksanalys.present.swedish`; every word that depends on a sign follows the sign:
överskott/underskott, ökat/minskat, mer/mindre, bättre/sämre. Where the data lacks a
figure the text says so instead of failing. Where the printed report states something
other than the computed value, the sentence is followed by what the report says
("Rapporten anger 4,5 mkr."), taken from the reconciliation.

The functions take computed objects, not a dataset, so they can be tested on hand-made
values (:mod:`ksanalys.present.chapters` feeds them from a dataset):

- :func:`economy_sentences` (one year, from a :class:`~ksanalys.compute.key_figures.KeyFigures`) and
  :func:`economy_story` (a year and every earlier year of the data, newest first);
- :func:`indicator_story` / :func:`indicator_sentence` (indicator values and changes);
- :func:`assessment_sentences` (the report's GEH assessments);
- :func:`report_differences` (what the report printed where a claim in its text fails the
  reconciliation, by statement key) and :func:`claim_statement_key`.

``printed`` arguments map a statement key to the report's own wording of that figure
(e.g. ``{"forecast_deviation_tkr": "4,5 mkr"}``). Keys are a KeyFigures column for the
whole board (``deviation_tkr``, ``result_share_of_grant_pct``, ``net_cost``,
``growth_tkr``, ``growth_pct``, ``grant_change_pct``, ``forecast_deviation_tkr``) or
``"<unit_id>.<column>"`` for a unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from ksanalys.compute.check.expressions import (
    BinaryOp,
    Cell,
    ExpressionError,
    Indicator,
    parse,
    references,
)
from ksanalys.present import swedish
from ksanalys.present.text.words import capitalize, join_words, lower_first
from ksanalys.values import is_missing, round_half_up

__all__ = [
    "BOARD",
    "amount",
    "assessment_sentences",
    "claim_statement_key",
    "decimals_of",
    "economy_sentences",
    "economy_story",
    "format_printed",
    "indicator_sentence",
    "indicator_story",
    "no_previous_year",
    "percent",
    "printed_note",
    "report_differences",
    "signed_amount",
]

BOARD = "kommunstyrelsen"
UNIT_LEVEL = "enhet"
DEPARTMENT_LEVEL = "avdelning"


# ---------------------------------------------------------------- small building blocks


def _missing(value: object) -> bool:
    return value is None or is_missing(value)


def _sign(value: float, decimals: int = 0) -> int:
    """-1, 0 or 1 for ``value`` as a reader sees it: a value that rounds (half-up) to
    zero at ``decimals`` places counts as zero, so the words never contradict the digits."""
    rounded = round_half_up(value, decimals)
    return 0 if rounded.is_zero() else (1 if rounded > 0 else -1)


def amount(tkr: float) -> str:
    """An amount's size for prose, unsigned: in mkr with one decimal ("9,3 mkr"), or in
    tkr when it would show as "0,0 mkr" ("40 tkr")."""
    size = abs(float(tkr))
    if 0 < size < 50:
        return swedish.format_tkr(size, unit=True)
    return swedish.format_mkr(size)


def signed_amount(tkr: float) -> str:
    """An amount with its sign, in mkr or, when it would show as "0,0 mkr", in tkr:
    "284,7 mkr", "−1,2 mkr", "−40 tkr"."""
    if 0 < abs(float(tkr)) < 50:
        return swedish.format_tkr(tkr, unit=True)
    return swedish.format_mkr(tkr)


def percent(value: float, decimals: int = 1) -> str:
    """A percentage's size for prose, unsigned: "0,6 procent"; a non-zero value that
    would show as zero is "mindre än 0,1 procent"."""
    size = abs(float(value))
    smallest = 10.0**-decimals
    if 0 < size < smallest / 2:
        return "mindre än " + swedish.format_percent(smallest, decimals)
    return swedish.format_percent(size, decimals)


def printed_note(printed: Mapping[str, str], key: str) -> str:
    """ "Rapporten anger …." when the report printed another value for ``key``, else ""."""
    text = printed.get(key)
    return f" Rapporten anger {text}." if text else ""


def no_previous_year(year: int) -> str:
    """The sentence for the first year of the data."""
    return f"Data saknas för {year - 1}, så ingen jämförelse med föregående år kan göras."


# ---------------------------------------------------------------- economy


def _result_sentence(year: int, total: Mapping, ratios: Mapping, printed) -> str:
    deviation = total.get("deviation_tkr")
    grant = total.get("grant")
    if _missing(deviation):
        return (
            f"Kommunbidraget för {year} finns inte i data, så kommunstyrelsens resultat "
            "kan inte beräknas."
        )
    share = ratios.get("result_share_of_grant_pct")
    share_text = ""
    if not _missing(share) and not _missing(grant):
        share_text = (
            f", som motsvarar {percent(share)} av tilldelat kommunbidrag "
            f"({amount(grant)}){printed_note_inline(printed, 'result_share_of_grant_pct')}"
        )
    kind = _sign(deviation)
    if kind == 0:
        text = (
            f"Kommunstyrelsen redovisar {year} ett resultat i balans: nettokostnaden är lika "
            f"stor som kommunbidraget ({amount(grant)})."
        )
        return text + printed_note(printed, "deviation_tkr")
    word = "ett överskott" if kind > 0 else "ett underskott"
    return (
        f"Kommunstyrelsen redovisar {year} {word} på {amount(deviation)}{share_text}."
        + printed_note(printed, "deviation_tkr")
    )


def printed_note_inline(printed: Mapping[str, str], key: str) -> str:
    """ " (rapporten anger …)" for use inside a sentence, else ""."""
    text = printed.get(key)
    return f" (rapporten anger {text})" if text else ""


def _unit_rows(units: pd.DataFrame, level: str) -> pd.DataFrame:
    if units.empty or "level" not in units.columns:
        return units.iloc[0:0]
    return units[units["level"] == level]


def _units_result_sentence(year: int, units: pd.DataFrame, printed) -> str:
    rows = _unit_rows(units, UNIT_LEVEL)
    if rows.empty:
        return ""
    if rows["deviation_tkr"].isna().any():
        return (
            f"Kommunbidrag per enhet finns inte i data för {year}, så enheternas resultat "
            "kan inte beräknas."
        )
    ordered = rows.assign(size=rows["deviation_tkr"].abs()).sort_values(
        "size", ascending=False, kind="stable"
    )
    parts = []
    notes = []
    for position, (_, row) in enumerate(ordered.iterrows()):
        label = f"{row['unit']} redovisar" if position == 0 else lower_first(row["unit"])
        kind = _sign(row["deviation_tkr"])
        if kind == 0:
            part = f"{label} ett resultat i balans"
        else:
            word = "ett överskott" if kind > 0 else "ett underskott"
            part = f"{label} {word} på {amount(row['deviation_tkr'])}"
        parts.append(part)
        note = printed.get(f"{row['unit_id']}.deviation_tkr")
        if note:
            notes.append(f"{lower_first(row['unit'])}: {note}")
    text = join_words(parts) + "."
    if notes:
        text += f" Rapporten anger för {join_words(notes)}."
    return text


def _change_words(value: float) -> str:
    return "ökat" if value > 0 else "minskat"


def _net_cost_sentences(
    year: int, total: Mapping, ratios: Mapping, previous_in_data: bool, printed
) -> list[str]:
    net_cost = total.get("net_cost")
    if _missing(net_cost):
        return [f"Nettokostnaden för {year} finns inte i data."]
    first = f"Verksamheten har totalt kostat {amount(net_cost)} {year}"
    first_note = printed_note(printed, "net_cost")
    if not previous_in_data:
        return [first + "." + first_note, no_previous_year(year)]
    growth = total.get("growth_tkr")
    if _missing(growth):
        return [
            first + "." + first_note,
            f"Nettokostnaden för {year - 1} finns inte i data, så förändringen kan inte beräknas.",
        ]
    kind = _sign(growth)
    if kind == 0:
        first += f", lika mycket som {year - 1}"
    else:
        first += f", vilket är {amount(growth)} {'mer' if kind > 0 else 'mindre'} än {year - 1}"
    sentences = [first + "." + first_note + printed_note(printed, "growth_tkr")]
    growth_pct = total.get("growth_pct")
    grant_change = ratios.get("grant_change_pct")
    if _missing(growth_pct):
        change = ""
    elif _sign(growth_pct, 1) == 0:
        change = "Nettokostnaden är därmed i stort sett oförändrad"
    else:
        change = (
            f"Det innebär att nettokostnaden har {_change_words(growth_pct)} med "
            f"{percent(growth_pct)}{printed_note_inline(printed, 'growth_pct')}"
        )
    if _missing(grant_change):
        grant_text = f"Kommunbidraget för {year - 1} finns inte i data."
        sentences.append((change + ". " if change else "") + grant_text)
        return sentences
    if _sign(grant_change, 1) == 0:
        grant_part = "kommunbidraget som är oförändrat"
    else:
        grant_part = (
            f"kommunbidraget som har {_change_words(grant_change)} med {percent(grant_change)}"
        )
    grant_part += printed_note_inline(printed, "grant_change_pct")
    if change:
        sentences.append(f"{change}, att jämföra med {grant_part}.")
    else:
        sentences.append(capitalize(grant_part) + ".")
    return sentences


def _units_growth_sentence(year: int, units: pd.DataFrame, previous_in_data: bool) -> str:
    rows = _unit_rows(units, UNIT_LEVEL)
    if rows.empty or not previous_in_data or rows["growth_pct"].isna().any():
        return ""
    parts = []
    for position, (_, row) in enumerate(rows.sort_values("net_cost", ascending=False).iterrows()):
        label = row["unit"] if position == 0 else lower_first(row["unit"])
        value = row["growth_pct"]
        if _sign(value, 1) == 0:
            parts.append(f"{label} har i stort sett oförändrade nettokostnader")
        else:
            parts.append(
                f"{label} har {_change_words(value)} sina nettokostnader med {percent(value)}"
            )
    return join_words(parts) + f" jämfört med {year - 1}."


def _forecast_sentence(year: int, total: Mapping, printed) -> str:
    deviation = total.get("forecast_deviation_tkr")
    if _missing(deviation):
        return f"Prognosen från augusti finns inte i data för {year}."
    kind = _sign(deviation)
    if kind == 0:
        text = "Utfallet blev detsamma som prognosen i delårsbokslutet per augusti"
    else:
        word = "bättre" if kind > 0 else "sämre"
        text = f"Utfallet är {amount(deviation)} {word} än prognosen i delårsbokslutet per augusti"
    forecast = total.get("forecast")
    if not _missing(forecast):
        text += f" (prognos {amount(forecast)})"
    return text + "." + printed_note(printed, "forecast_deviation_tkr")


def _departments_sentence(units: pd.DataFrame) -> str:
    rows = _unit_rows(units, DEPARTMENT_LEVEL).dropna(subset=["deviation_tkr"])
    if rows.empty:
        return ""
    surplus = rows[rows["deviation_tkr"] > 0].sort_values("deviation_tkr", ascending=False)
    deficit = rows[rows["deviation_tkr"] < 0].sort_values("deviation_tkr")
    sentences = []
    if not surplus.empty:
        top = surplus.iloc[0]
        sentences.append(
            f"Bland avdelningarna har {top['unit']} det största överskottet, "
            f"{amount(top['deviation_tkr'])}."
        )
    if deficit.empty:
        sentences.append("Ingen avdelning redovisar underskott.")
    else:
        if len(deficit) == 1:
            row = deficit.iloc[0]
            sentences.append(
                f"{row['unit']} redovisar ett underskott på {amount(row['deviation_tkr'])}."
            )
        else:
            parts = [
                f"{row['unit']} ({amount(row['deviation_tkr'])})" for _, row in deficit.iterrows()
            ]
            sentences.append(f"Underskott redovisas av {join_words(parts)}.")
    return " ".join(sentences)


def _ki_sentence(year: int, ratios: Mapping) -> str:
    ki = ratios.get("ki")
    if _missing(ki):
        return f"K/I-talet för {year} kan inte beräknas ur data."
    shown = swedish.format_ratio(ki, 2)
    as_shown = round_half_up(ki, 2)
    if as_shown < 1:
        meaning = "kostnaderna är lägre än intäkterna och kommunbidraget tillsammans"
    elif as_shown > 1:
        meaning = "kostnaderna är högre än intäkterna och kommunbidraget tillsammans"
    else:
        meaning = "kostnaderna är lika stora som intäkterna och kommunbidraget tillsammans"
    return f"K/I-talet {year} är {shown}, det vill säga {meaning}."


def economy_sentences(
    figures,
    previous_in_data: bool,
    printed: Mapping[str, str] | None = None,
    *,
    detail: bool = True,
) -> list[str]:
    """The economy of one year in sentences, from a :class:`KeyFigures`.

    ``previous_in_data`` says whether the data covers the year before (if not, the text
    says no comparison can be made). ``detail`` adds the units' growth, the departments
    and the K/I-tal (chapter Ekonomi); without it the text is the summary a politician
    reads.
    """
    printed = printed or {}
    year = figures.year
    total, ratios, units = figures.total, figures.ratios, figures.units
    sentences = [
        _result_sentence(year, total, ratios, printed),
        _units_result_sentence(year, units, printed),
        *_net_cost_sentences(year, total, ratios, previous_in_data, printed),
    ]
    if detail:
        sentences.append(_units_growth_sentence(year, units, previous_in_data))
    sentences.append(_forecast_sentence(year, total, printed))
    if detail:
        sentences.append(_departments_sentence(units))
        sentences.append(_ki_sentence(year, ratios))
    return [s for s in sentences if s]


def economy_story(
    figures_by_year: Mapping[int, object],
    year: int,
    years_in_data: Sequence[int],
    printed_by_year: Mapping[int, Mapping[str, str]] | None = None,
    *,
    detail: bool = True,
) -> list[tuple[int, list[str]]]:
    """``year`` and every earlier year of ``years_in_data``, newest first, each with its
    sentences (see :func:`economy_sentences`)."""
    printed_by_year = printed_by_year or {}
    story = []
    for each in sorted((y for y in years_in_data if y <= year), reverse=True):
        sentences = economy_sentences(
            figures_by_year[each],
            previous_in_data=(each - 1) in years_in_data,
            printed=printed_by_year.get(each, {}),
            detail=detail,
        )
        story.append((each, sentences))
    return story


# ---------------------------------------------------------------- assessments, indicators


def assessment_sentences(geh: pd.DataFrame, year: int) -> list[str]:
    """The GEH assessments as sentences. ``geh`` columns: area, assessment (the report's
    words: Bra, Ok, Har brister)."""
    if geh.empty:
        return [f"Data saknar GEH-bedömningar för {year}."]
    parts = [f"{row['area']}: {row['assessment']}" for _, row in geh.iterrows()]
    return [f"Den samlade GEH-bedömningen för kommunstyrelsen {year} är " + "; ".join(parts) + "."]


def indicator_sentence(
    label: str,
    unit: str,
    year: int,
    value: float,
    previous: float | None = None,
    previous_year: int | None = None,
    scope: str | None = None,
) -> str:
    """One indicator's value and its change from an earlier year.

    For unit "procent" the change is in procentenheter; otherwise in the indicator's unit.
    """
    decimals = _indicator_decimals(value, previous)
    where = f" ({scope})" if scope else ""
    shown = format_printed(value, unit, decimals)
    if previous is None or _missing(previous) or previous_year is None:
        return f"{label}{where} var {shown} {year}."
    change = float(value) - float(previous)
    if round(change, decimals) == 0:
        return f"{label}{where} var {shown} {year}, samma nivå som {previous_year}."
    word = _change_words(change)
    size = (
        swedish.format_pp(abs(change), decimals)
        if unit == "procent"
        else format_printed(abs(change), unit, decimals)
    )
    return (
        f"{label}{where} har {word} med {size} från {format_printed(previous, unit, decimals)} "
        f"{previous_year} till {shown} {year}."
    )


def decimals_of(values: Iterable[float]) -> int:
    """The decimals (at most two) needed to show ``values`` as given: 6.39 → 2, 83.0 → 0."""
    return _indicator_decimals(*values)


def _indicator_decimals(*values: float | None) -> int:
    decimals = 0
    for value in values:
        if value is None or _missing(value):
            continue
        text = repr(float(value))
        if "." in text and not text.endswith(".0"):
            decimals = max(decimals, min(2, len(text.split(".")[1])))
    return decimals


# ---------------------------------------------------------------- what the report printed


def format_printed(value: float, unit: str, decimals: int) -> str:
    """A figure as the report printed it: "4,5 mkr", "4,55 procent", "872 tkr",
    "1 procentenhet" (see :func:`ksanalys.present.swedish.format_quantity`)."""
    return swedish.format_quantity(value, unit, decimals)


def indicator_key(kind: str, indicator: str, scope: str, year: int, period: object) -> str:
    """Statement key of an indicator value or change; the period only when there is one."""
    key = f"{kind}:{indicator}:{scope}:{year}"
    return f"{key}:{period}" if isinstance(period, str) and period else key


def claim_statement_key(expression: str, unit: str) -> str | None:
    """The statement key (see the module docstring) a claim of the report is about, read
    from the figures its expression rests on, or None when no sentence here states it.

    Indicator claims get ``"indicator:<indicator>:<scope>:<year>"`` for a value and
    ``"indicator_change:<indicator>:<scope>:<year>"`` for a change between two years, each
    followed by ``":<period>"`` when the value is one of several in its year (see
    :func:`indicator_key`).
    """
    try:
        node = parse(expression)
    except ExpressionError:
        return None
    refs = references(node)
    cells = [r for r in refs if isinstance(r, Cell)]
    indicators = [r for r in refs if isinstance(r, Indicator)]
    if indicators:
        first = indicators[0]
        if isinstance(node, Indicator):
            return indicator_key(
                "indicator", first.indicator, first.scope, first.year, first.period
            )
        same_series = {(r.indicator, r.scope, r.period) for r in indicators} == {
            (first.indicator, first.scope, first.period)
        }
        if (
            isinstance(node, BinaryOp)
            and node.op == "-"
            and not cells
            and len(indicators) == 2
            and isinstance(node.left, Indicator)
            and isinstance(node.right, Indicator)
            and same_series
            and node.left.year != node.right.year
        ):
            later = max(indicators, key=lambda r: r.year)
            return indicator_key(
                "indicator_change", later.indicator, later.scope, later.year, later.period
            )
        return None
    rows = {c.row for c in cells}
    if len(rows) != 1:
        return None
    row = rows.pop()
    tables = {c.table for c in cells}
    columns = {c.column for c in cells}
    prefix = "" if row == BOARD else f"{row}."
    percent_unit = unit == "procent"
    if tables == {"resultatrakning"} and row == "kommunbidrag":
        return "grant_change_pct" if percent_unit else None
    if "forecast" in columns:
        return prefix + "forecast_deviation_tkr"
    if columns & {"deviation", "result"}:
        if percent_unit:
            return "result_share_of_grant_pct" if row == BOARD else f"{row}.deviation_pct"
        return prefix + "deviation_tkr"
    if tables == {"net_cost"} and columns == {"net_cost"} and not percent_unit:
        return prefix + "net_cost"
    if tables == {"net_cost"} and columns == {"net_cost", "net_cost_prev"}:
        return prefix + ("growth_pct" if percent_unit else "growth_tkr")
    return None


def report_differences(findings: pd.DataFrame, claims: pd.DataFrame | None) -> dict[str, str]:
    """What the report's text printed, by statement key, for every claim the
    reconciliation found to differ from the computed value.

    ``findings``: :attr:`ksanalys.compute.check.CheckResult.findings` (claims have table
    "claims" and the claim_id as row). ``claims``: the loaded claims table.
    """
    if claims is None or findings.empty:
        return {}
    expressions = dict(zip(claims["claim_id"], claims["expression"], strict=True))
    texts: dict[str, list[str]] = {}
    for finding in findings[findings["table"] == "claims"].to_dict("records"):
        expression = expressions.get(finding["row"])
        if expression is None:
            continue
        key = claim_statement_key(expression, str(finding["unit"]))
        if key is None:
            continue
        text = format_printed(finding["printed"], str(finding["unit"]), int(finding["decimals"]))
        texts.setdefault(key, [])
        if text not in texts[key]:
            texts[key].append(text)
    return {key: join_words(values) for key, values in texts.items()}


def indicator_story(
    values: pd.DataFrame, year: int, printed: Mapping[str, str] | None = None
) -> list[str]:
    """One sentence per indicator series about ``year`` and the latest earlier value.

    ``values`` columns: indicator, scope, label (Swedish, capitalised), scope_label
    (Swedish, or "" for none), unit, year, value; one row per series and year (years after
    ``year`` are ignored). A series without a value for ``year`` is said to lack one.
    ``printed`` (see :func:`report_differences`) adds what the report printed instead.
    """
    printed = printed or {}
    sentences = []
    for (indicator, scope), series in values.groupby(["indicator", "scope"], sort=False):
        series = series[series["year"] <= year].sort_values("year")
        if series.empty:
            continue
        first = series.iloc[0]
        label, scope_label = str(first["label"]), str(first["scope_label"]) or None
        current = series[series["year"] == year]
        if current.empty:
            where = f" ({scope_label})" if scope_label else ""
            sentences.append(f"Uppgift om {lower_first(label)}{where} saknas för {year}.")
            continue
        earlier = series[series["year"] < year]
        previous = earlier.iloc[-1] if not earlier.empty else None
        sentence = indicator_sentence(
            label,
            str(first["unit"]),
            year,
            float(current["value"].iloc[0]),
            None if previous is None else float(previous["value"]),
            None if previous is None else int(previous["year"]),
            scope_label,
        )
        period = current["period"].iloc[0] if "period" in current.columns else ""
        notes = [
            printed.get(indicator_key(kind, indicator, scope, year, period))
            for kind in ("indicator", "indicator_change")
        ]
        shown = [n for n in notes if n]
        if shown:
            sentence += f" Rapporten anger på något ställe {join_words(shown)}."
        sentences.append(sentence)
    return sentences
