"""Present stage: Swedish sentences about the economy, from computed values.

Every number in a sentence is computed (by :mod:`ksanalys.compute.key_figures` and friends)
and formatted by :mod:`ksanalys.present.swedish`; every word that depends on a sign follows
the sign: överskott/underskott, ökat/minskat, mer/mindre, bättre/sämre. Where the data
lacks a figure the sentence that needs it is left out (never a "data saknas" filler).
Where the printed bokslut states something other than the computed value, the sentence
says what it printed ("Bokslutet anger 4,5 mkr."), from the check
(:func:`ksanalys.present.text.check.report_differences`).

The functions take computed objects, not a dataset, so they can be tested on hand-made
values: :func:`economy_sentences` (one year, from a :class:`KeyFigures`) and
:func:`economy_story` (a year and every earlier year of the data, newest first).

``printed`` arguments map a statement key to the bokslut's own wording of that figure
(e.g. ``{"forecast_deviation_tkr": "4,5 mkr"}``). Keys are a KeyFigures column for the
whole board (``deviation_tkr``, ``result_share_of_grant_pct``, ``net_cost``,
``growth_tkr``, ``growth_pct``, ``grant_change_pct``, ``forecast_deviation_tkr``) or
``"<unit_id>.<column>"`` for a unit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from ksanalys.load.schema import DEPARTMENT_LEVEL, UNIT_LEVEL
from ksanalys.present import swedish
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import capitalize, join_words, lower_first
from ksanalys.values import is_missing, round_half_up

if TYPE_CHECKING:
    from ksanalys.load.organisation import Organisation

__all__ = [
    "amount",
    "economy_paragraphs",
    "economy_sentences",
    "economy_story",
    "percent",
    "printed_note",
    "section",
    "share_heading",
    "share_label",
    "signed_amount",
    "units_growth_sentence",
]


# ---------------------------------------------------------------- small building blocks

# The headings of the economy chapter's sections that may have nothing to say for a year
# (then the section, heading and all, is left out).
SECTION_HEADINGS = {
    "result": "Resultat jämfört med föregående år",
    "bridge": "Resultatet rad för rad",
    "one_off": "Tillfälligt och bestående",
    "investments": "Investeringar",
    "context": "Kommunen som helhet",
    "trend": "Trend för nettokostnaden",
}


def section(key: str, markdown: str) -> str:
    """``markdown`` under the heading of section ``key`` (:data:`SECTION_HEADINGS`); ""
    when there is nothing to say, so no heading stands empty."""
    if not markdown.strip():
        return ""
    return f"## {SECTION_HEADINGS[key]}\n\n{markdown}"


def _sign(value: float, decimals: int = 0) -> int:
    """-1, 0 or 1 for ``value`` as a reader sees it: a value that rounds (half-up) to
    zero at ``decimals`` places counts as zero, so the words never contradict the digits."""
    rounded = round_half_up(value, decimals)
    return 0 if rounded.is_zero() else (1 if rounded > 0 else -1)


def amount(tkr: float) -> str:
    """An amount's size for prose, unsigned: in mkr with one decimal ("9,3 mkr"), or in
    tkr when it would show as "0,0 mkr" ("40 tkr", "0 tkr")."""
    size = abs(float(tkr))
    if size < 50:
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
    return f" Bokslutet anger {text}." if text else ""


# ---------------------------------------------------------------- economy


def _result_sentence(year: int, total: Mapping, ratios: Mapping, printed, board: str) -> str:
    deviation = total.get("deviation_tkr")
    grant = total.get("grant")
    if is_missing(deviation):
        return ""
    share = ratios.get("result_share_of_grant_pct")
    share_text = ""
    if not is_missing(share) and not is_missing(grant):
        share_text = (
            f", som motsvarar {percent(share)} av tilldelat kommunbidrag "
            f"({amount(grant)}){printed_note_inline(printed, 'result_share_of_grant_pct')}"
        )
    kind = _sign(deviation)
    if kind == 0:
        grant_text = "" if is_missing(grant) else f" ({amount(grant)})"
        text = (
            f"{board} redovisar {year} ett resultat i balans: nettokostnaden är lika "
            f"stor som kommunbidraget{grant_text}."
        )
        return text + printed_note(printed, "deviation_tkr")
    word = "ett överskott" if kind > 0 else "ett underskott"
    return f"{board} redovisar {year} {word} på {amount(deviation)}{share_text}." + printed_note(
        printed, "deviation_tkr"
    )


def printed_note_inline(printed: Mapping[str, str], key: str) -> str:
    """ " (rapporten anger …)" for use inside a sentence, else ""."""
    text = printed.get(key)
    return f" (bokslutet anger {text})" if text else ""


def _unit_rows(units: pd.DataFrame, level: str) -> pd.DataFrame:
    if units.empty or "level" not in units.columns:
        return units.iloc[0:0]
    return units[units["level"] == level]


def _units_result_sentence(year: int, units: pd.DataFrame, printed) -> str:
    rows = _unit_rows(units, UNIT_LEVEL)
    if rows.empty:
        return ""
    if rows["deviation_tkr"].isna().any():
        return ""
    ordered = rows.assign(size=rows["deviation_tkr"].abs()).sort_values(
        "size", ascending=False, kind="stable"
    )
    parts = []
    notes = []
    for position, (_, row) in enumerate(ordered.iterrows()):
        unit = escape(row["unit"])
        label = f"{unit} redovisar" if position == 0 else lower_first(unit)
        kind = _sign(row["deviation_tkr"])
        if kind == 0:
            part = f"{label} ett resultat i balans"
        else:
            word = "ett överskott" if kind > 0 else "ett underskott"
            part = f"{label} {word} på {amount(row['deviation_tkr'])}"
        parts.append(part)
        note = printed.get(f"{row['unit_id']}.deviation_tkr")
        if note:
            notes.append(f"{lower_first(unit)}: {note}")
    text = join_words(parts) + "."
    if notes:
        text += f" Bokslutet anger för {join_words(notes)}."
    return text


def _change_words(value: float) -> str:
    return "ökat" if value > 0 else "minskat"


def _net_cost_sentences(
    year: int, total: Mapping, ratios: Mapping, previous_in_data: bool, printed
) -> list[str]:
    net_cost = total.get("net_cost")
    if is_missing(net_cost):
        return []
    first = f"Verksamheten har totalt kostat {amount(net_cost)} {year}"
    first_note = printed_note(printed, "net_cost")
    growth = total.get("growth_tkr")
    if not previous_in_data or is_missing(growth):
        return [first + "." + first_note]
    kind = _sign(growth)
    if kind == 0:
        first += f", lika mycket som {year - 1}"
    else:
        first += f", vilket är {amount(growth)} {'mer' if kind > 0 else 'mindre'} än {year - 1}"
    sentences = [first + "." + first_note + printed_note(printed, "growth_tkr")]
    growth_pct = total.get("growth_pct")
    grant_change = ratios.get("grant_change_pct")
    if is_missing(growth_pct):
        change = ""
    elif _sign(growth_pct, 1) == 0:
        change = "Nettokostnaden är därmed i stort sett oförändrad"
    else:
        change = (
            f"Det innebär att nettokostnaden har {_change_words(growth_pct)} med "
            f"{percent(growth_pct)}{printed_note_inline(printed, 'growth_pct')}"
        )
    if is_missing(grant_change):
        return [*sentences, change + "."] if change else sentences
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


def units_growth_sentence(year: int, units: pd.DataFrame, previous_in_data: bool) -> str:
    """Each unit's change in net cost in percent against the previous year ("" when the
    data lacks it)."""
    rows = _unit_rows(units, UNIT_LEVEL)
    if rows.empty or not previous_in_data or rows["growth_pct"].isna().any():
        return ""
    parts = []
    for position, (_, row) in enumerate(rows.sort_values("net_cost", ascending=False).iterrows()):
        label = escape(row["unit"]) if position == 0 else lower_first(escape(row["unit"]))
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
    if is_missing(deviation):
        return ""
    in_text = printed.get("forecast_deviation_tkr")
    start = "Enligt tabellerna är utfallet" if in_text else "Utfallet är"
    kind = _sign(deviation)
    if kind == 0:
        text = f"{start} detsamma som prognosen i delårsbokslutet per augusti"
    else:
        word = "bättre" if kind > 0 else "sämre"
        text = f"{start} {amount(deviation)} {word} än prognosen i delårsbokslutet per augusti"
    forecast = total.get("forecast")
    if not is_missing(forecast):
        text += f" (prognos {amount(forecast)})"
    if not in_text:
        return text + "."
    return (
        f"{text}, men bokslutets text anger {in_text}. Uppgifterna stämmer inte överens, och "
        "bokslutet visar inte vilken av dem som gäller."
    )


def _departments_sentence(units: pd.DataFrame, org: Organisation) -> str:
    rows = _unit_rows(units, DEPARTMENT_LEVEL).dropna(subset=["deviation_tkr"])
    if rows.empty:
        return ""
    surplus = rows[rows["deviation_tkr"] > 0].sort_values("deviation_tkr", ascending=False)
    deficit = rows[rows["deviation_tkr"] < 0].sort_values("deviation_tkr")
    sentences = []
    if not surplus.empty:
        top = surplus.iloc[0]
        sentences.append(
            f"Bland {org.level_word(DEPARTMENT_LEVEL, definite=True)} har {escape(top['unit'])} "
            "det största överskottet, "
            f"{amount(top['deviation_tkr'])}."
        )
    if deficit.empty:
        sentences.append(f"Ingen {org.level_word(DEPARTMENT_LEVEL)} redovisar underskott.")
    else:
        if len(deficit) == 1:
            row = deficit.iloc[0]
            sentences.append(
                f"{escape(row['unit'])} redovisar ett underskott på {amount(row['deviation_tkr'])}."
            )
        else:
            parts = [
                f"{escape(row['unit'])} ({amount(row['deviation_tkr'])})"
                for _, row in deficit.iterrows()
            ]
            sentences.append(f"Underskott redovisas av {join_words(parts)}.")
    return " ".join(sentences)


def _ki_sentence(year: int, ratios: Mapping) -> str:
    ki = ratios.get("ki")
    if is_missing(ki):
        return ""
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
    org: Organisation,
    detail: bool = True,
    reasons: Mapping[str, str] | None = None,
) -> list[str]:
    """The economy of one year in sentences, from a :class:`KeyFigures`.

    ``reasons`` maps ``deviation``, ``growth``, ``units_growth`` and ``forecast`` to the
    report's quoted explanation (:func:`ksanalys.present.text.reasons.report_says`), set
    right after the sentence with the number it explains.

    ``org`` names the board and the words for its levels (``dataset.organisation``).
    ``previous_in_data`` says whether the data covers the year before (if not, nothing is
    compared with it). ``detail`` adds the units' growth, the departments
    and the K/I-tal (chapter Ekonomi); without it the text is the summary a politician
    reads.
    """
    groups = economy_paragraphs(
        figures, previous_in_data, printed, org=org, detail=detail, reasons=reasons
    )
    return [s for group in groups for s in group]


def economy_paragraphs(
    figures,
    previous_in_data: bool,
    printed: Mapping[str, str] | None = None,
    *,
    org: Organisation,
    detail: bool = True,
    reasons: Mapping[str, str] | None = None,
) -> list[list[str]]:
    """The sentences of :func:`economy_sentences` in paragraphs: the result, the net cost
    and its change, the forecast, and (with ``detail``) the departments and the K/I-tal.
    Empty paragraphs are left out."""
    printed = printed or {}
    reasons = reasons or {}
    year = figures.year
    total, ratios, units = figures.total, figures.ratios, figures.units
    result = [
        _result_sentence(year, total, ratios, printed, org.board.name),
        reasons.get("deviation", ""),
        _units_result_sentence(year, units, printed),
    ]
    net_cost = [
        *_net_cost_sentences(year, total, ratios, previous_in_data, printed),
        reasons.get("growth", ""),
    ]
    if detail:
        net_cost += [
            units_growth_sentence(year, units, previous_in_data),
            reasons.get("units_growth", ""),
        ]
    forecast = [_forecast_sentence(year, total, printed), reasons.get("forecast", "")]
    groups = [result, net_cost, forecast]
    if detail:
        groups.append([_departments_sentence(units, org), _ki_sentence(year, ratios)])
    cleaned = [[s for s in group if s] for group in groups]
    return [group for group in cleaned if group]


def economy_story(
    figures_by_year: Mapping[int, object],
    year: int,
    years_in_data: Sequence[int],
    printed_by_year: Mapping[int, Mapping[str, str]] | None = None,
    *,
    org: Organisation,
    detail: bool = True,
    reasons_by_year: Mapping[int, Mapping[str, str]] | None = None,
    paragraphs: bool = False,
) -> list[tuple[int, list]]:
    """``year`` and every earlier year of ``years_in_data``, newest first, each with its
    sentences (see :func:`economy_sentences`), or with ``paragraphs`` its paragraphs, each
    a list of sentences (see :func:`economy_paragraphs`)."""
    printed_by_year = printed_by_year or {}
    story = []
    for each in sorted((y for y in years_in_data if y <= year), reverse=True):
        groups = economy_paragraphs(
            figures_by_year[each],
            previous_in_data=(each - 1) in years_in_data,
            printed=printed_by_year.get(each, {}),
            org=org,
            detail=detail,
            reasons=(reasons_by_year or {}).get(each, {}),
        )
        story.append((each, groups if paragraphs else [s for g in groups for s in g]))
    return story


def printed_pct_cell(printed: float, right: float | None) -> str:
    """A cell of the budget table's printed Avvikelse %: "1,3 %", or "1,3 % (beräknat 11,4 %)"
    where the printed percentage does not follow from its row's amounts (``right``: the
    percentage they give; ``None`` where the printed one follows)."""
    shown = swedish.format_percent_sign(printed)
    if right is None or is_missing(printed):
        return shown
    return f"{shown} (beräknat {swedish.format_percent_sign(right)})"


def printed_pct_note(disagreements: str) -> str:
    """The paragraph under the budget table on the printed percentages that do not follow
    from their amounts (``disagreements``: the rows, joined)."""
    return (
        f"Bokslutets Avvikelse % stämmer inte med dess egna belopp för {disagreements}. "
        "Tabellen visar de tryckta procenttalen och inom parentes det som beloppen ger."
    )


def share_label(pct: float, grant_word: str) -> str:
    """A deviation's share of its own grant, beside its amount in the deviation chart:
    "24,7 %" (what the grant is, the group's heading says, :func:`share_heading`); "inget
    eget nämndbidrag" without a grant. Where the report printed another share, the text
    beside the chart and the annex's budget table say so."""
    if is_missing(pct):
        return f"inget eget {grant_word}"
    return swedish.format_percent_sign(pct)


def share_heading(heading: str, grant_word: str) -> str:
    """A group's heading in the deviation chart with what its rows' shares are of, on a
    line of its own: "Avdelningar på kontoret\n(procent av nämndbidraget)"."""
    return f"{heading}\n(procent av {grant_word}et)"
