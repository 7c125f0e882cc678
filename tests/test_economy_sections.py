"""Chapter Ekonomi explains the year: the report's reasons beside each printed deviation,
costs by type, investments, savings, the next year and the municipality's figures; the
text escapes data and never repeats a sentence on a page."""

from __future__ import annotations

import csv
import re
import shutil

import pytest

from ksanalys.load import default_data_dir
from ksanalys.present import chapters
from ksanalys.present.chapters.context import Section, Text
from ksanalys.present.swedish import MINUS, NBSP


@pytest.fixture(scope="module")
def analysis_2013():
    return chapters.open_analysis(2013)


@pytest.fixture(scope="module")
def analysis_2012():
    return chapters.open_analysis(2012)


def plain(text: str) -> str:
    """Markdown as a reader sees it: no escapes, no emphasis."""
    return re.sub(r"\\(.)", r"\1", str(text)).replace("**", "").replace(NBSP, " ")


def test_each_department_has_its_printed_result_and_the_reports_reason(analysis_2013):
    text = plain(chapters.deviation_reasons(analysis_2013))
    # Resultat 3 341 of Nämndbidrag 13 501 (Avvikelse % 24,7), section "Stadsdirektörens kansli".
    assert (
        "Stadsdirektörens kansli: överskott 3,3 mkr (24,7 % av nämndbidraget). Rapporten: "
        "”Överskottet beror på försenade projekt och vakanser.”"
    ) in text
    # −872 of 65 985; the report's reason, an indexation rule the data tags as lasting.
    assert "Politisk ledning: underskott 0,9 mkr (1,3 % av kommunbidraget)." in text
    assert "följer inkomstbasbeloppet" in text and "(strukturell)" in text
    assert "Kommunstyrelsens kontor: överskott 10,1 mkr (4,4 % av kommunbidraget)." in text
    # The IT platform: the report says the project is finished, so one-off.
    assert "leverantören av IT-drift.” (engångs)" in text


def test_departments_follow_their_office_largest_surplus_first(analysis_2013):
    text = str(chapters.deviation_reasons(analysis_2013))
    lines = [line for line in text.splitlines() if line.lstrip().startswith("- ")]
    assert text.endswith("övriga förklaringar säger inget om det.")  # what the tags mean
    office = next(i for i, line in enumerate(lines) if "Kommunstyrelsens kontor:" in line)
    departments = [re.search(r"\*\*(.+?):\*\*", line)[1] for line in lines[office + 1 :]]
    assert all(line.startswith("  - ") for line in lines[office + 1 :])
    assert departments[0] == "HR"  # 4 336 tkr
    assert departments[-1] == "Administration och utredning"  # −2 239 tkr


def test_a_printed_share_that_the_amounts_do_not_give_is_stated_both_ways(analysis_2013):
    text = plain(chapters.deviation_reasons(analysis_2013))
    # Destination Södertälje: 2 029 / 17 754 = 11,43 %, printed 1,3.
    assert (
        "Destination Södertälje: överskott 2,0 mkr (tabellen anger 1,3 % av nämndbidraget, "
        "men 2 029 tkr av 17 754 tkr är 11,4 %)"
    ) in text


def test_the_budget_table_shows_the_amounts_as_printed(analysis_2013):
    table, note = chapters.budget_table(analysis_2013).items
    html = table.to_html().replace(NBSP, " ")
    assert "+10 139" in html and "+9 267" in html and f"{MINUS}872" in html
    assert "+10 138" not in html and "+9 266" not in html  # recomputed, Granskning's
    assert "Summa (3,1 % i tabellen; 9 267 tkr av 293 963 tkr är 3,2 %)" in plain(note)


def test_costs_by_type_largest_change_first_with_budget_and_staffing(analysis_2013):
    text = plain(chapters.cost_types_text(analysis_2013))
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert items[0].startswith("- Personal:")  # 130 443 → 124 248: −6 195 tkr
    # 6 195 / 130 443 = 4,75 %; budget deviation 3 703 of 127 951 = 2,9 %.
    assert (
        "Personal: 124,2 mkr 2013, 6,2 mkr (4,7 %) lägre än 2012 och 3,7 mkr (2,9 %) under budget."
    ) in items[0]
    assert "17 tjänster" in items[0] and "18,9 färre årsarbetare" in items[0]
    # Premises +3 941 tkr, the report's "4 mkr"; depreciation under budget by 2 980 tkr.
    assert any("Lokaler och anläggningar: 44,6 mkr 2013, 3,9 mkr (9,7 %) högre" in i for i in items)
    assert any("Avskrivningar:" in i and "3,0 mkr (20,8 %) under budget" in i for i in items)
    assert any("Driftbidrag:" in i and "Vinnova" in i for i in items)


def test_investments_savings_and_next_year_come_from_data(analysis_2013):
    investments = plain(chapters.investments_text(analysis_2013))
    assert "redovisas 2013 ett underskott på 8 mkr, mot ett överskott på 5 mkr 2012" in investments
    assert "Plattformprojektet:" in investments and "motorvägsskyltar" in investments
    savings = plain(chapters.savings_text(analysis_2013))
    assert "spara 12,8 mkr 2013, med en helårseffekt på 18,3 mkr 2014" in savings
    outlook = plain(chapters.outlook_text(analysis_2013))
    assert "Kommunikation:" in outlook and "komponentavskrivning" in outlook


def test_the_municipality_beside_the_board(analysis_2013):
    text = plain(chapters.context_text(analysis_2013))
    assert (
        "Kommunens resultat 2013 är 140 mkr, balanskravsresultatet 167 mkr och det "
        "underliggande resultatet 36 mkr."
    ) in text
    assert "ökade från 9,9 procent 2012 till 12,5 procent 2013" in text
    assert "borgensåtagande minskade med 0,7 mkr" in text


def test_an_earlier_year_never_borrows_the_later_reports_reasons(analysis_2012):
    for function in (
        chapters.economy_text,
        chapters.deviation_reasons,
        chapters.cost_types_text,
        chapters.investments_text,
        chapters.savings_text,
        chapters.outlook_text,
    ):
        assert "Rapporten:" not in str(function(analysis_2012)), function.__name__
    for function in (chapters.deviation_figure, chapters.cost_change_figure):
        assert function(analysis_2012) == Section(())


def test_the_2013_charts_keep_the_policy_and_do_not_mix_levels(analysis_2013):
    from ksanalys.present.plots import policy

    chart = chapters.deviation_figure(analysis_2013)
    labels = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert "Kommunstyrelsens kontor" not in labels  # not beside its own departments
    assert "Politisk ledning" in labels and "HR" in labels
    assert labels[0] == "Stadsdirektörens kansli"  # 24,7 %, the largest share first
    for shown in (chart, chapters.cost_change_figure(analysis_2013)):
        assert policy.audit(shown.figure, shown.alt) == []
    assert chapters.net_cost_figure(analysis_2013) == Section(())  # two years: no line
    assert chapters.trend_figure(analysis_2013) == Section(())


# ---------------------------------------------------------------- a page as a whole

PAGE = (
    chapters.economy_text,
    chapters.context_text,
    chapters.deviation_reasons,
    chapters.budget_table,
    chapters.cost_types_text,
    chapters.investments_text,
    chapters.savings_text,
    chapters.outlook_text,
    chapters.trend_text,
)


def page_text(analysis, functions) -> str:
    parts = []
    for function in functions:
        shown = function(analysis)
        items = shown.items if isinstance(shown, Section) else (shown,)
        parts += [plain(item) for item in items if isinstance(item, Text)]
    return "\n".join(parts)


def sentences(text: str) -> list[str]:
    flat = " ".join(re.sub(r"^\s*-\s+|^#+\s.*$", "", line) for line in text.splitlines())
    return [s.strip() for s in re.split(r"(?<=[.!?”])\s+(?=[A-ZÅÄÖ”])", flat) if len(s) > 3]


@pytest.mark.parametrize("year", [2013, 2012])
def test_no_sentence_is_repeated_on_the_economy_page_or_the_summary(year):
    analysis = chapters.open_analysis(year)
    for functions in (PAGE, (chapters.summary_text,)):
        found = sentences(page_text(analysis, functions))
        repeated = sorted({s for s in found if found.count(s) > 1})
        assert repeated == [], repeated
        assert len(found) > 3


def test_sentences_split_where_a_reader_sees_them():
    assert sentences("Ett. Två ”Tre.” Fyra!") == ["Ett.", "Två ”Tre.”", "Fyra!"]


# ---------------------------------------------------------------- hostile data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(default_data_dir(), folder)
    for name, column, key, value in (
        ("departments.csv", "unit", "hr", "<script>alert(1)</script>"),
        ("explanations.csv", "quote", "avvikelse-hr", "[klicka](javascript:alert(1)) <b>x</b>"),
        ("explanations.csv", "item", "investering-plattform", "<img src=x onerror=alert(1)>"),
    ):
        path = folder / name
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        id_column = "unit_id" if name == "departments.csv" else "explanation_id"
        for row in rows:
            if row[id_column] == key:
                row[column] = value
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return chapters.open_analysis(2013, str(folder))


def test_text_from_data_is_escaped(hostile):
    text = "\n".join(
        str(f(hostile))
        for f in (chapters.deviation_reasons, chapters.investments_text, chapters.budget_table)
    )
    assert "<script>" not in text and "<b>" not in text and "<img" not in text
    assert "](javascript" not in text
    assert "&lt;script&gt;" in text and "&lt;img" in text


def test_summary_and_income_statement_tables_show_the_printed_amounts(analysis_2013):
    key_figures = chapters.key_figures_table(analysis_2013).to_html().replace(NBSP, " ")
    assert "+9 267" in key_figures and "+14 353" in key_figures  # RESULTAT 2013 and 2012
    assert "+9 266" not in key_figures
    statement = chapters.income_statement_table(analysis_2013).items[0].to_html()
    statement = statement.replace(NBSP, " ")
    # SUMMA KOSTNADER: Budgetavvikelse printed −2 344 (its lines add up to +38).
    assert f"{MINUS}2 344" in statement and "+38<" not in statement


def test_the_year_is_told_in_paragraphs_result_net_cost_forecast_departments(analysis_2013):
    year_2013 = str(chapters.economy_text(analysis_2013)).split("### 2012")[0]
    paragraphs = [p for p in year_2013.split("\n\n")[1:] if p.strip()]
    assert [p.split(" ")[0] for p in paragraphs] == [
        "Kommunstyrelsen",
        "Verksamheten",
        "Enligt",
        "Bland",
    ]
