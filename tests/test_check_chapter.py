"""Chapter 04 Granskning: the three most important deviations first in plain words (what is
wrong, what it likely should be, whether it changes the result), then the others, every
figure that differs, the report's statements against each other and an appendix with the
method and the rounding-only differences; data text escaped."""

from __future__ import annotations

import csv
import shutil

import pytest

from ksanalys.load import default_data_dir
from ksanalys.present import chapters
from ksanalys.present.chapters.context import Text

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def analysis():
    return chapters.open_analysis(2013, "")


def markdown(section) -> list[str]:
    items = section.items if hasattr(section, "items") else (section,)
    return [item.markdown for item in items if isinstance(item, Text)]


def tables(section) -> list:
    return [item.data for item in section.items if not isinstance(item, Text)]


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_the_chapter_opens_with_the_three_most_important_deviations(analysis):
    opening, action = markdown(chapters.key_findings(analysis))
    # What the board should do, after the table: the 6 places counted from the issues.
    assert plain(action) == (
        "Bokslutets egna tal går inte ihop på sex ställen; de bör rättas innan bokslutet går "
        "vidare till kommunfullmäktige."
    )
    assert plain(opening) == (
        "Granskningen gjorde 169 kontroller av talen i bokslutet för 2013. Den fann 6 "
        "avvikelser, i sammanlagt 13 tryckta tal. Ingen av dem ändrar årets resultat "
        "(9 267 tkr enligt resultaträkningen), om inte felet sitter i en summa (se tabellen)."
    )
    (top,) = tables(chapters.key_findings(analysis))
    assert list(top.columns) == ["Vad som avviker", "Troligen rätt", "Ändrar årets resultat"]
    wrong = [plain(t) for t in top["Vad som avviker"]]
    likely = [plain(t) for t in top["Troligen rätt"]]
    # Ordered by consequence (review r9 A8): the cost sum, which changes the result if the sum
    # is the wrong figure, before the nämndbidrag misprint, which cannot (3 506 > 2 382 tkr).
    # 2. Nämndbidrag 297 469 is 2012's kommunbidrag (3 506 tkr too much); its 3,1 % follows.
    # In plain words (review r8 G): the board's own row by its name, the table last.
    assert wrong[1].startswith(
        "Kommunstyrelsens nämndbidrag 2013 är tryckt som 297 469 tkr, vilket är 2012 års "
        "kommunbidrag (resultaträkningen, Kommunbidrag, Bokslut 2012)."
    )
    assert wrong[1].endswith("Se tabellen Resultat per avdelning i bokslutet.")
    assert "Avvikelse % för Nämnden totalt (3,1 procent) räknas ur samma belopp." in wrong[1]
    assert likely[1] == (
        "293 963 tkr, som raderna ger; då blir Avvikelse % för Nämnden totalt 3,2 procent."
    )
    # 1. SUMMA KOSTNADER 2013: −310 355 against its lines' −307 973, and the budget deviation
    # −2 344 against the lines' 38; Övriga kostnader (printed 0, budget 0) at −2 382 explains
    # both: 38 − 2 382 = −2 344.
    assert wrong[0] == (
        "SUMMA KOSTNADER (Bokslut 2013) är tryckt som −310 355 tkr, men raderna ger "
        "−307 973 tkr. I kolumnen Budgetavvikelse ger raderna 38 tkr; bokslutet trycker "
        "−2 344 tkr. Se resultaträkningen i bokslutet."
    )
    # The text's "kostnaderna har ökat med 5 mkr" fits the rows (307 973 − 303 006 = 4 967
    # tkr) and the K/I box's Kostnader totalt with the printed sum (323 415 − 318 445 =
    # 4 970 tkr) alike: it does not decide, and the line is not "troligen" (review r6 A2).
    # The printed sum alone rises 7 349 tkr: the text fits it only read with more posts, as
    # its check reads it, and the annex says so (review r8 A1).
    # The three figures the printed sum agrees with are named, so a revisor can check them
    # (review r7 E): VERKSAMHETENS NETTOKOSTNAD −272 644 = 38 719 − 310 355 − 1 008, the
    # budget deviation −2 344 = −310 355 − (−308 011), the K/I box's Kostnader totalt.
    # The likely answer first; the text's reading in words an auditor follows (review r9 E):
    # the K/I box's Kostnader totalt is the sum with avskrivningar, räntenetto and
    # förmedlingsbidrag (claims.csv ek-kostnader-okning), the rows named, not "the check".
    assert likely[0] == (
        "Troligast saknas 2 382 tkr på en rad, kanske Övriga kostnader som är tryckt 0: då "
        "går summan ihop också i kolumnen Budgetavvikelse (38 − 2 382 = −2 344 tkr). Summan "
        "stämmer med tre andra uppgifter i bokslutet (VERKSAMHETENS NETTOKOSTNAD, kolumnen "
        "Budgetavvikelse och Kostnader totalt i K/I-rutan). Bokslutets text (”kostnaderna har "
        "ökat med 5 mkr”) avgör inte: räknat på raderna blir det 5,0 mkr, och räknat på den "
        "tryckta summan också 5,0 mkr om avskrivningar, räntenetto och förmedlingsbidrag "
        "räknas in. Det går inte att avgöra säkert ur bokslutet."
    )
    # 3. The forecast: 4,5 mkr in the text, 2,8 mkr from the tables, neither chosen.
    assert wrong[2].startswith("Texten anger 4,5 mkr: ”Kommunstyrelsens resultat")
    assert wrong[2].endswith("Tabellerna ger 2,8 mkr. Se avsnittet 1. Ekonomi i bokslutet.")
    assert "visar inte vilket" in likely[2]
    # The sum's "nej" holds only if a line is wrong; a wrong sum moves the result by its gap
    # (review r7 A7): 310 355 − 307 973 = 2 382 tkr.
    assert [plain(t) for t in top["Ändrar årets resultat"]] == [
        "nej, om felet sitter i en rad; ja (2 382 tkr), om summan är fel",
        "nej",
        "nej",
    ]


def test_a_misprinted_percentage_is_never_an_amount_of_money(analysis):
    # Destination Södertälje's 1,3 % (11,4 % of its grant) and Kommunikation's 11,4 % (1,5 %)
    # are percentages: no tkr is said of them, and they rank after every misprinted amount.
    rest = chapters.other_findings(analysis)
    assert markdown(rest) == ["## Övriga avvikelser"]
    (others,) = tables(rest)
    wrong = [plain(t) for t in others["Vad som avviker"]]
    assert wrong[0].startswith("SUMMA INTÄKTER (Bokslut 2012) är 35 330 tkr")
    assert wrong[1] == (
        "Destination Södertälje (Avvikelse %) är tryckt som 1,3 procent, men beloppen ger "
        "11,4 procent. Avvikelse % för Kommunikation är tryckt som 11,4 procent, vilket är det "
        "värde Destination Södertälje ska ha; radens egna belopp ger 1,5 procent. Se tabellen "
        "Resultat per avdelning i bokslutet."
    )
    assert "tkr" not in wrong[1] and "tkr" not in plain(others["Troligen rätt"][1])
    assert "1 793" not in plain(str(chapters.findings_table(analysis)))
    # The sick leave stated as 2012's 4,55 % in two sections: one deviation, said once.
    assert wrong[2].startswith("Texten anger 4,55 procent")
    assert wrong[2].endswith("Se avsnittet Tjänsteskrivelse, Ärendet, Personal i bokslutet.")
    assert "(sjukfrånvaro, kommunstyrelsens kontor)" in wrong[2]
    assert "ks_kontor" not in wrong[2]
    assert "Samma uppgift står i Årsbokslut, Sammanfattning, Personal." in wrong[2]


def test_every_deviating_figure_is_listed_printed_beside_recomputed(analysis):
    section = chapters.findings_table(analysis)
    heading, rounding = markdown(section)
    assert heading == "## Alla avvikande tal"
    (table,) = tables(section)
    assert list(table.columns) == [
        "Var i bokslutet",
        "Tryckt i bokslutet",
        "Bokslutets övriga tal ger",
        "Orsak",
        "Förklaring",
    ]
    assert len(table) == 13
    # In the issues' order (by consequence): the cost sum first, then the nämndbidrag.
    assert table.iloc[0]["Tryckt i bokslutet"] == f"−310{NBSP}355{NBSP}tkr"
    grant = table.iloc[2]  # after the cost sum's budget deviation (the same row)
    assert grant["Tryckt i bokslutet"] == f"297{NBSP}469{NBSP}tkr"
    assert grant["Bokslutets övriga tal ger"] == f"293{NBSP}963{NBSP}tkr"
    assert grant["Orsak"] == "Ett annat års värde"
    # The line a sum's gap belongs to is named; the checks that confirm a printed sum whose
    # error no line explains are counted, not listed.
    where = table.set_index("Var i bokslutet")
    costs = where.loc["Resultaträkning, SUMMA KOSTNADER, Bokslut 2013"]
    assert costs["Förklaring"] == (
        f"Raden Övriga kostnader (Bokslut 2013) kan vara −2{NBSP}382{NBSP}tkr, inte 0; det går "
        "inte att avgöra säkert."
    )
    # A note written by hand in data keeps its numbers on one line (r3 p. 25: "293 963").
    forecast = next(e for e in table["Förklaring"] if "prognosens resultat" in e)
    assert f"293{NBSP}963 − 287{NBSP}493 = 6{NBSP}470{NBSP}tkr" in forecast
    income = where.loc["Resultaträkning, SUMMA INTÄKTER, Bokslut 2013"]
    assert income["Förklaring"].startswith(
        "Summan stämmer med tre andra uppgifter i bokslutet (VERKSAMHETENS NETTOKOSTNAD, "
        "kolumnen Budgetavvikelse och Intäkter totalt i K/I-rutan), så felet sitter troligen i "
        "en av raderna."
    )
    # Rounding only: one line in the body, the figures in the appendix.
    assert plain(rounding) == (
        "Dessutom skiljer sig 11 tryckta tal från det beräknade med högst 1 tkr, bara för att "
        "talen är avrundade; de påverkar inget och listas i bilagan sist i kapitlet."
    )
    assert "Avrundning" not in set(table["Orsak"])
    # A percentage that does not follow from its amounts is called so (review r7 B): Destination
    # Södertälje's 1,3 % against 11,4 % from its amounts.
    percent = where.loc["Resultat per avdelning, Destination Södertälje, Avvikelse %"]
    assert percent["Orsak"] == "Procentsatsen stämmer inte med beloppen"


def test_the_appendix_holds_the_method_the_checks_and_the_rounding(analysis):
    appendix = chapters.check_appendix(analysis)
    texts = markdown(appendix)
    assert texts[0] == "## Bilaga: så gjordes granskningen"
    assert texts[1].startswith("De 169 kontrollerna gällde 148 tryckta tal i bokslutet för 2013.")
    # The opening-equity rule as it computes: 2013's ingående balans from 2012's ingående
    # balans and 2012's result (review r7 B, R-p.5; data/check_rules.csv opening_equity).
    assert "ingående balans = föregående års ingående balans + föregående års resultat" in texts[1]
    assert "+ årets resultat" not in texts[1]
    per_kind, rounding = tables(appendix)
    assert per_kind["Antal kontroller"].tolist()[0] == "33"
    assert len(rounding) == 11
    assert list(rounding.columns) == [
        "Var i bokslutet",
        "Tryckt, tkr",
        "Beräknat, tkr",
        "Beräknat som",
    ]


def test_the_reports_statements_are_held_against_its_figures(analysis):
    section = chapters.statement_pairs(analysis)
    heading, nuance = markdown(section)
    # One contradiction: the savings' two wordings are a nuance (review r8 A5), not counted.
    assert heading.startswith("## Bokslutets uttalanden mot varandra\n\nI ett fall säger")
    (table,) = tables(section)
    assert list(table.columns) == ["Gäller", "Bokslutet säger", "Motsägs av", "Skillnaden"]
    rows = table.set_index("Gäller")
    krk = rows.loc["Sjukfrånvaron på kommunalrådskansliet 2013"]
    assert plain(krk["Bokslutet säger"]) == (
        "”Sjukfrånvaron på kommunalrådskansliet har också minskat marginellt sedan 2012 från "
        "1,13 procent till 0,09 procent 2013.” (Tjänsteskrivelse, Ärendet, Personal)"
    )
    # 0,09 − 1,13 = −1,04 procentenheter: a rate's change in points (review r9 A9).
    assert plain(krk["Motsägs av"]) == (
        "Beräknat ur bokslutets egna tal (2012: 1,13; 2013: 0,09): −1,04 procentenheter. "
        "Antingen är ordet eller något av talen fel."
    )
    assert krk["Skillnaden"] == (
        "Det är inte en marginell minskning. I en så liten enhet bör talet kontrolleras."
    )  # 0,09 may itself be the misprint (review r6 A3), not only the word
    # HR's "prognos för positiv måluppfyllelse" is a forecast, not contradicted by the
    # year's statuses (r4 review 1.5); the savings are not in the table of contradictions.
    assert list(rows.index) == ["Sjukfrånvaron på kommunalrådskansliet 2013"]
    # The issue's own example (review r7 E), a nuance (r8 A5): the tjänsteskrivelse says the
    # saving "har genomförts", section Årets effektiviseringar "I princip har detta klarats
    # av". One line after the table, both quotes with their sections, no contradiction.
    line = plain(nuance.replace("\\", ""))
    assert line.startswith("Besparingarna 2013: två formuleringar skiljer sig, ”Kommunstyrelsen")
    assert "spara 12,8 mkr 2013, vilket har genomförts.” (Tjänsteskrivelse, Ärendet, " in line
    assert "I princip har detta klarats av.” (Årsbokslut, Årets effektiviseringar)." in line
    assert line.endswith("Det är ingen motsägelse i talen, men texten bör bli enhetlig.")
    assert "Motsägs" not in line


def test_a_nuance_alone_opens_the_section_without_a_contradiction(tmp_path):
    # The data decide the kind: with the sick-leave pair a nuance too, nothing contradicts.
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    path = data / "statement_pairs.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["kind"] = "nuance"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    section = chapters.statement_pairs(chapters.open_analysis(2013, str(data)))
    texts = markdown(section)
    assert texts[0].endswith(
        "Inget uttalande i bokslutet motsägs av dess egna tal eller av ett annat avsnitt."
    )
    assert tables(section) == []
    assert [t.split("\\:")[0] for t in texts[1:]] == [
        "Sjukfrånvaron på kommunalrådskansliet 2013",
        "Besparingarna 2013",
    ]


def test_a_year_without_statement_pairs_has_no_such_section(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    (data / "statement_pairs.csv").unlink()
    analysis = chapters.open_analysis(2013, str(data))
    assert chapters.statement_pairs(analysis).items == ()


def test_the_summary_names_the_three_most_important_deviations_in_other_words(analysis):
    text = plain(chapters.check_summary(analysis).markdown)
    lines = text.splitlines()
    assert lines[0] == "## Granskningen"
    assert lines[2] == (
        "Av 169 kontroller av bokslutets tal visar granskningen 6 avvikelser; de 3 viktigaste:"
    )
    assert len([line for line in lines if line.startswith("- ")]) == 3
    items = [line[2:].replace("\\", "") for line in lines if line.startswith("- ")]
    # In plain words, as a politician asks (review r8 G): what is wrong, what it likely
    # should be, whether the result changes, then where; by consequence (review r9 A8).
    # 310 355 − 307 973 = 2 382 tkr ≈ 2,4 mkr missing; the sum adds up to RESULTAT: a
    # line's error leaves the result as it is, a wrong sum changes it.
    assert items[0] == (
        "Kostnaderna summerar inte: summan är 2,4 mkr större än raderna, troligen saknas "
        "beloppet på någon rad. Det ändrar årets resultat om summan är fel, inte om felet "
        "sitter i en rad. Se resultaträkningen i bokslutet."
    )
    # 297 469 tkr is 2012's kommunbidrag (resultaträkningen); 293 963 tkr is 2013's.
    assert items[1] == (
        "Kommunstyrelsens nämndbidrag 2013 är tryckt som 297 469 tkr, 2012 års belopp; det bör "
        "troligen vara 293 963 tkr. Resultatet påverkas inte. Se tabellen Resultat per "
        "avdelning i bokslutet."
    )
    # 293 963 − 287 493 = 6 470 tkr forecast against 9 267 tkr: 2,8 mkr, not 4,5.
    assert items[2].startswith("Texten säger ”Kommunstyrelsens resultat är 4,5 mkr bättre")
    assert items[2].endswith("”, men tabellerna ger 2,8 mkr. Se avsnittet 1. Ekonomi i bokslutet.")
    # No table language on page one (r8 G): no "Tabellen X, row, column:" and no "tryckt …:".
    assert not any(item.startswith(("Tabellen", "Texten (")) for item in items)
    # No line named on page one: the annex cannot say which (the text's 5 mkr fits the rows).
    assert "Övriga kostnader" not in text
    assert lines[-1] == (
        "Bokslutets egna tal går inte ihop på sex ställen; de bör rättas innan bokslutet går "
        "vidare till kommunfullmäktige."
    )
    chapter = plain(str(chapters.key_findings(analysis)))
    assert not any(line[2:] in chapter for line in lines if line.startswith("- "))


def test_hostile_claim_text_is_escaped(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    path = data / "claims.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    prognos = next(r for r in rows if r["claim_id"] == "ek-prognos")
    prognos["section"] = "<script>alert(1)</script>"
    prognos["note"] = "<img src=x onerror=alert(2)>"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    analysis = chapters.open_analysis(2013, str(data))
    html = "".join(
        item.to_html()
        for function in (chapters.key_findings, chapters.findings_table)
        for item in function(analysis).items
        if not isinstance(item, Text)
    )
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in chapters.check_summary(analysis).markdown


def test_the_tables_are_named_with_the_organisations_words(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    levels = (data / "levels.csv").read_text(encoding="utf-8")
    (data / "levels.csv").write_text(
        levels.replace("avdelning,avdelningar,avdelningarna", "sektion,sektioner,sektionerna"),
        encoding="utf-8",
    )
    analysis = chapters.open_analysis(2013, str(data))
    (table,) = tables(chapters.findings_table(analysis))
    assert table["Var i bokslutet"][2] == "Resultat per sektion, Nämnden totalt, Nämndbidrag 2013"
    (top,) = tables(chapters.key_findings(analysis))
    assert top["Vad som avviker"][1].endswith("Se tabellen Resultat per sektion i bokslutet.")
