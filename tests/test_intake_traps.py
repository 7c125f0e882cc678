"""The traps a new user met on the workbook route (issue 17), one test each, so none
comes back. Every test starts from the shipped data, writes the 2014 workbook with
``new-year``, types what the test says (tests/workbook_helpers.py) and imports it."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.load import load_dataset, vintage
from workbook_helpers import Book, fill_year, reorganise

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


@pytest.fixture
def path(data_dir: Path, tmp_path: Path, new_year_2014: bytes) -> Path:
    """This test's copy of the new-year workbook for 2014 of ``data_dir``'s data."""
    path = tmp_path / "bokslut-2014.xlsx"
    path.write_bytes(new_year_2014)
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_row_on_forklaringar_imports(data_dir, path, capsys):
    book = fill_year(path)
    book.append(
        "explanations",
        {
            "topic": "deviation",
            "subject_type": "unit",
            "subject": "ks_kontor",
            "quote": "Överskottet beror på vakanser.",
            "kind": "ej_angivet",
        },
    )
    book.save()
    code, _, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 0, err
    found = [r for r in rows(data_dir, "explanations") if r["report_year"] == "2014"]
    assert [(r["subject"], r["quote"], r["explanation_id"]) for r in found] == [
        ("ks_kontor", "Överskottet beror på vakanser.", "avvikelse-ks-kontor")
    ]


def test_an_error_found_across_sheets_names_the_workbook_cell_and_what_to_do(
    data_dir, path, capsys
):
    book = fill_year(path)
    unit = {"unit_id": "ny_enhet", "unit": "Ny enhet"}
    book.append("units", {**unit, "level": "unit", "parent_unit_id": "kommunstyrelsen"})
    number = book.append("net_cost", {**unit, "kind": "line", "net_cost": 5})
    book.save()
    before = snapshot(data_dir)
    code, _, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 2
    lines = err.splitlines()
    assert not any(".csv" in line for line in lines), lines
    assert any(
        line.startswith(f"ksanalys: fel: Nettokostnad!A{number}: ")
        and "på bladen Budget och Avdelningar" in line
        and "rätta" in line
        for line in lines
    ), lines
    assert snapshot(data_dir) == before


def test_last_years_texts_are_a_grey_reference_never_this_years_value(path):
    book = Book(path)
    goal = "arbetsgivare-1"
    assert book.get("goals", goal, "goal") is None
    reference = book.cell("goals", goal, "_goal_prev")
    assert reference.value.startswith("Andelen av de anställda")
    assert reference.font.color.rgb.endswith("808080")
    assert book.cell("goals", goal, "goal").fill.fgColor.rgb.endswith("FFF2CC")  # asked
    assert book.get("goals", goal, "area") == "Södertälje kommun som arbetsgivare"
    assert book.get("documents", "report", "title") is None
    assert "Dnr KS 14/84" in book.get("documents", "report", "_title_prev")
    assert book.get("documents", "report", "date") is None
    claim = "ts-overskott"
    assert book.get("claims", claim, "quote") is None and book.get("claims", claim, "note") is None
    assert book.get("claims", claim, "_quote_prev").startswith("Kommunstyrelsen redovisar")
    assert book.get("claims", claim, "expression") == "{budget:kommunstyrelsen:deviation} / 1000"
    # Claims are optional: nothing on their sheet is asked for (no yellow cell).
    yellow = [
        c.coordinate
        for r in book.sheet("claims").iter_rows(min_row=4)
        for c in r
        if c.fill.fill_type and c.fill.fgColor.rgb.endswith("FFF2CC")
    ]
    assert yellow == []
    assert book.get("explanations", "avvikelse-ks-kontor", "quote") is None
    assert book.get("explanations", "avvikelse-ks-kontor", "_quote_prev").startswith(
        "Överskottet på kommunstyrelsens kontor"
    )


def test_a_year_typed_only_in_the_yellow_cells_carries_nothing_of_last_year(data_dir, path, capsys):
    book = fill_year(path)
    book.put("goals", "ekonomi-1", "goal", None)  # the report no longer follows it up
    book.save()
    code, out, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 0, err
    assert "ekonomi-1" in out and "sparas inte" in out
    goals = [r for r in rows(data_dir, "goals") if r["report_year"] == "2014"]
    assert len(goals) == 18 and "ekonomi-1" not in {r["goal_id"] for r in goals}
    document = next(r for r in rows(data_dir, "documents") if r["document"] == "ks2014")
    assert "Dnr" not in document["title"] and "påhittat" in document["title"]
    assert not [r for r in rows(data_dir, "claims") if r["report_year"] == "2014"]
    assert not [r for r in rows(data_dir, "explanations") if r["report_year"] == "2014"]
    # A goal's note of 2013 (the pay ratio after the April review, 93,8) is 2013's.
    notes = {r["goal_id"]: r["note"] for r in rows(data_dir, "goals") if r["report_year"] == "2013"}
    assert "93,8 procent" in notes["arbetsgivare-3"]
    for year, shown in ((2013, True), (2014, False)):
        code, out, _ = run(
            capsys, "goals", "--year", str(year), "--data", str(data_dir), "--format", "json"
        )
        goal = next(g for g in json.loads(out)["goals"] if g["id"] == "arbetsgivare-3")
        assert ("löneöversynen 1 april 2013" in goal["caveats"]) is shown, (year, goal["caveats"])
        goal = next(g for g in json.loads(out)["goals"] if g["id"] == "naringsliv-2")
        assert "Tolkning" in goal["caveats"]  # the rule's own note holds for every year
    # Tables only: the year's check runs without a single claim.
    code, out, err = run(capsys, "check", "--year", "2014", "--data", str(data_dir))
    assert code in (0, 1), err
    assert "ts-" not in out


def test_a_claim_the_tables_contradict_is_a_warning_at_its_cell(data_dir, path, capsys):
    book = fill_year(path)
    book.put("budget", "politisk_ledning", "net_cost", 65800)  # a surplus of 1 700 tkr
    claim = "ts-politisk-ledning-underskott"  # last year: a deficit, sign turned
    book.put("claims", claim, "quote", "den politiska ledningen ett överskott på 1,7 mkr")
    book.put("claims", claim, "value", 1.7)
    book.put("claims", "ts-overskott", "quote", "Kommunstyrelsen redovisar ett överskott")
    book.put("claims", "ts-overskott", "value", 11.3)  # 298 500 − 287 210 = 11 290 tkr
    where = book.ref("claims", claim, "value")
    book.save()
    code, _, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 0, err
    warnings = [line for line in err.splitlines() if "varning" in line]
    assert warnings == [
        f"ksanalys: varning: {where}: rapporten säger 1,7; tabellerna ger −1,7: ett "
        "tryckfel i rapporten eller ett skrivfel här? (uttrycket: "
        "-{budget:politisk_ledning:deviation} / 1000)"
    ]
    claims = {r["claim_id"]: r for r in rows(data_dir, "claims") if r["report_year"] == "2014"}
    assert set(claims) == {claim, "ts-overskott"}


def test_a_blank_definition_means_unchanged_and_a_new_one_is_said(data_dir, path, capsys):
    book = fill_year(path)
    series = {"scope": "kommunkoncernen", "year": 2014, "unit": "procent"}
    book.append("indicators", {"indicator": "miljobilar_andel", "value": 88, **series})
    changed = book.append(
        "indicators",
        {
            "indicator": "miljobilar_andel_personbilar",
            "value": 40,
            "basis": "ny miljöbilsdefinition (max 95 g CO2/km), personbilar",
            **series,
        },
    )
    book.save()
    code, out, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 0, err
    found = {
        r["indicator"]: r["basis"] for r in rows(data_dir, "indicators") if r["year"] == "2014"
    }
    so_far = next(
        r["basis"]
        for r in rows(DATA, "indicators")
        if (r["indicator"], r["scope"], r["year"])
        == ("miljobilar_andel", "kommunkoncernen", "2013")
    )
    assert so_far and found["miljobilar_andel"] == so_far
    assert (
        f"Indikatorer!G{changed}: ny definition för miljobilar_andel_personbilar/"
        "kommunkoncernen från 2014" in out
    )
    code, out, _ = run(
        capsys, "goals", "--year", "2014", "--data", str(data_dir), "--format", "json"
    )
    goal = next(g for g in json.loads(out)["goals"] if g["id"] == "hallbarhet-3")
    assert goal["computed_status"] != "not_assessable"


def test_a_new_indicator_and_a_new_goal_with_its_rule_come_in_through_the_workbook(
    data_dir, path, capsys
):
    book = fill_year(path)
    book.append(
        "indicator_meta",
        {
            "indicator": "cykelvag_km",
            "label": "Cykelväg",
            "unit": "antal",
            "description": "Kilometer cykelväg i kommunen",
        },
    )
    book.append("scopes", {"scope": "tatorten", "label": "tätorten", "where": "i tätorten"})
    for year, value in ((2013, 120), (2014, 131)):
        book.append(
            "indicators",
            {"indicator": "cykelvag_km", "scope": "tatorten", "year": year, "value": value},
        )
    book.append(
        "new_goals",
        {
            "goal_id": "hallbarhet-4",
            "area": "Ekologisk, ekonomisk och social hållbarhet",
            "number": 4,
            "goal": "Cykelvägnätet ska byggas ut.",
            "report_assessment": "Bra",
            "indicator": "cykelvag_km",
            "scope": "tatorten",
            "_test": "ökar mot föregående mätning",
            "subject": "antalet kilometer cykelväg",
            "rule_text": "att cykelvägnätet blir längre",
        },
    )
    part = {  # a second part of the same goal: a level shown beside it, not tested
        "goal_id": "hallbarhet-4",
        "indicator": "cykelvag_km",
        "scope": "tatorten",
        "_test": "når minst målnivån",
        "threshold": 150,
        "target_year": 2016,
        "subject": "antalet kilometer cykelväg",
        "rule_text": "att nå 150 kilometer till 2016",
        "_role": "visas bredvid",
    }
    second = book.append("new_goals", {**part, "goal": "Cykelvägnätet ska byggas ut."})
    book.save()
    before = snapshot(data_dir)
    code, _, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 2 and snapshot(data_dir) == before
    assert f"ksanalys: fel: Nya mål!D{second}: förväntade en tom cell" in err, err
    book = Book(path)
    book.sheet("new_goals").cell(second, book.column("new_goals", "goal")).value = None
    book.save()
    code, _, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 0, err
    parts = [r for r in rows(data_dir, "goal_rules") if r["goal_id"] == "hallbarhet-4"]
    assert [(r["criterion"], r["comparison"], r["threshold"], r["role"]) for r in parts] == [
        ("1", "previous", "", ""),
        ("2", "level", "150", "context"),
    ]
    meta = {r["indicator"]: r for r in rows(data_dir, "indicator_meta")}
    assert meta["cykelvag_km"]["unit"] == "antal"
    assert "tatorten" in {r["scope"] for r in rows(data_dir, "scopes")}
    rule = parts[0]
    assert (rule["comparison"], rule["direction"], rule["horizon"]) == (
        "previous",
        "increase",
        "annual",
    )
    code, out, _ = run(
        capsys, "goals", "--year", "2014", "--data", str(data_dir), "--format", "json"
    )
    goal = next(g for g in json.loads(out)["goals"] if g["id"] == "hallbarhet-4")
    assert goal["computed_status"] == "met"


def test_an_inserted_department_row_is_counted_in_its_subtotal(data_dir, path, capsys):
    book = fill_year(path)
    reorganise(book)
    book.save()
    code, _, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 0, err
    departments = {
        r["unit_id"]: r for r in rows(data_dir, "departments") if r["report_year"] == "2014"
    }
    office = departments["ks_kontor"]
    assert "digitalisering" in office["total_of"].split("+")
    assert float(office["grant"]) == 231000 and float(office["net_cost"]) == 221410
    units = {r["unit_id"]: r for r in rows(data_dir, "units")}
    assert units["digitalisering"]["parent_unit_id"] == "ks_kontor"
    assert units["digitalisering"]["from_year"] == "2014"
    assert units["ekonomi"]["to_year"] == "2013"
    assert units["ekonomi"]["merged_into"] == "administration_utredning"
    renamed = units["kommunikation_medborgarservice"]
    assert (renamed["renamed_from"], renamed["from_year"]) == ("kommunikation", "2014")
    assert units["kommunikation"]["to_year"] == "2013"


def test_a_later_year_with_renames_leaves_the_earlier_years_data_hash(data_dir, path, capsys):
    before = vintage.as_published(load_dataset(data_dir), 2013).data_hash
    units_before = (data_dir / "units.csv").read_bytes()
    book = fill_year(path)
    reorganise(book)
    book.append("scopes", {"scope": "tatorten", "label": "tätorten"})  # a new scope too
    book.append(
        "indicators", {"indicator": "sjukfranvaro", "scope": "tatorten", "year": 2014, "value": 6}
    )
    book.save()
    assert main(["import", str(path), "--data", str(data_dir)]) == 0
    assert (data_dir / "units.csv").read_bytes() != units_before
    assert vintage.as_published(load_dataset(data_dir), 2013).data_hash == before


def test_summary_lists_every_department_and_marks_growth_that_is_not_like_for_like(
    data_dir, path, capsys
):
    book = fill_year(path)
    reorganise(book)
    book.save()
    assert main(["import", str(path), "--data", str(data_dir)]) == 0
    code, out, _ = run(
        capsys, "summary", "--year", "2014", "--data", str(data_dir), "--format", "json"
    )
    assert code == 0
    figures = json.loads(out)
    departments = [u for u in figures["units"] if u["level"] == "department"]
    office = next(u for u in figures["units"] if u["unit"] == "Kommunstyrelsens kontor")
    assert sum(d["net_cost"] for d in departments) == office["net_cost"] == 221410
    assert sum(d["net_cost_prev"] or 0 for d in departments) == office["net_cost_prev"]
    by_name = {d["unit"]: d for d in departments}
    assert "Kommunikation och medborgarservice (fd Kommunikation)" in by_name
    assert by_name["Kommunikation och medborgarservice (fd Kommunikation)"]["net_cost_prev"] == (
        14954
    )
    merged = by_name["Administration och utredning"]
    assert merged["net_cost_prev"] == 117598 + 27607 and merged["change"] == "merged"
    new = by_name["Digitalisering"]
    assert new["net_cost_prev"] is None and new["change"] == "new"
    _, text, _ = run(capsys, "summary", "--year", "2014", "--data", str(data_dir))
    assert "Digitalisering" in text and "inkl. Ekonomi" in text


def test_importing_twice_changes_nothing_also_where_a_public_figure_gave_way(
    data_dir, path, capsys
):
    book = fill_year(path)
    book.append(
        "indicators",
        {
            "indicator": "arets_resultat",
            "scope": "kommunen",
            "year": 2014,
            "value": 116,
            "unit": "mkr",
        },
    )
    book.save()
    code, out, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 0, err
    assert "ersätter offentlig källa" in out
    first = snapshot(data_dir)
    code, out, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 0, err
    assert "Inget ändrat" in out
    assert snapshot(data_dir) == first


def test_a_row_added_by_hand_is_never_deleted_without_asking(data_dir, path, capsys, tmp_path):
    fill_year(path)
    assert main(["import", str(path), "--data", str(data_dir)]) == 0
    file = data_dir / "explanations.csv"
    row = "2014,avvikelse-hr,deviation,unit,hr,,Vakanser under året.,ej_angivet,,ks2014-rr,"
    blanks = "," * (file.read_text(encoding="utf-8").split("\n")[0].count(",") - row.count(","))
    with file.open("a", encoding="utf-8") as handle:
        handle.write(row + blanks + "\n")
    by_hand = snapshot(data_dir)
    code, _, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 2
    assert "avvikelse-hr" in err and "--replace" in err and "--edit" in err
    assert snapshot(data_dir) == by_hand

    edited = tmp_path / "bokslut-2014-rättad.xlsx"
    argv = ["new-year", "2014", "--edit", "--data", str(data_dir), "--out", str(edited)]
    assert main(argv) == 0
    assert Book(edited).get("explanations", "avvikelse-hr", "quote") == "Vakanser under året."
    code, out, err = run(capsys, "import", str(edited), "--data", str(data_dir))
    assert code == 0, err
    assert "Inget ändrat" in out and snapshot(data_dir) == by_hand

    code, out, err = run(capsys, "import", str(path), "--data", str(data_dir), "--replace")
    assert code == 0, err
    assert "avvikelse-hr" in out
    assert "Vakanser under året." not in (data_dir / "explanations.csv").read_text(encoding="utf-8")


def test_the_shipped_year_written_back_and_imported_changes_nothing(data_dir, tmp_path, capsys):
    edited = tmp_path / "bokslut-2013.xlsx"
    argv = ["new-year", "2013", "--edit", "--data", str(data_dir), "--out", str(edited)]
    assert main(argv) == 0
    before = snapshot(data_dir)
    code, out, err = run(capsys, "import", str(edited), "--data", str(data_dir))
    assert code == 0, err
    assert "Inget ändrat" in out
    assert snapshot(data_dir) == before


def test_the_reports_words_about_a_goal_come_in_through_the_workbook(data_dir, path, capsys):
    book = Book(path)
    # Last year's reason is a grey reference beside an empty cell, never this year's.
    assert book.get("goal_quotes", "arbetsgivare-2:1", "quote") is None
    assert book.get("goal_quotes", "arbetsgivare-2:1", "_quote_prev").startswith(
        "Andelen chefer med utländsk bakgrund ligger på samma nivå som 2012"
    )
    assert book.get("goal_quotes", "personal-3:2", "kind") == "other_figure"
    book = fill_year(path)
    reason = "Andelen chefer med utländsk bakgrund har ökat till 20 procent."
    book.put("goal_quotes", "arbetsgivare-2:1", "quote", reason)
    other = "Sjukfrånvaron på kontoret var 4,8 procent."
    book.put("goal_quotes", "personal-3:2", "quote", other)
    book.put("goal_quotes", "arbetsgivare-2:1", "value", 4.8)  # in the wrong row
    misplaced = book.ref("goal_quotes", "arbetsgivare-2:1", "value")
    book.save()
    before = snapshot(data_dir)
    code, _, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 2 and snapshot(data_dir) == before
    # A value only an other figure has: the schema's rule, named at the workbook cell.
    assert any(line.startswith(f"ksanalys: fel: {misplaced}: ") for line in err.splitlines()), err
    book = Book(path)
    book.put("goal_quotes", "arbetsgivare-2:1", "value", None)
    book.put("goal_quotes", "personal-3:2", "value", 4.8)
    book.save()
    code, _, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 0, err
    quotes = [r for r in rows(data_dir, "goal_quotes") if r["report_year"] == "2014"]
    assert [(r["goal_id"], r["number"], r["kind"], r["quote"], r["value"]) for r in quotes] == [
        ("arbetsgivare-2", "1", "reason", reason, ""),
        ("personal-3", "2", "other_figure", other, "4.8"),
    ]
    assert all(r["source"].startswith("ks2014-") for r in quotes)
    code, out, _ = run(
        capsys, "goals", "--year", "2014", "--data", str(data_dir), "--format", "json"
    )
    shown = json.dumps(json.loads(out), ensure_ascii=False)
    assert reason in shown and "ligger på samma nivå som 2012" not in shown


def test_statements_that_contradict_each_other_come_in_through_the_workbook(data_dir, path, capsys):
    book = fill_year(path)
    assert book.rows("statement_pairs") == {}  # last year's pairs are last year's
    book.append(
        "statement_pairs",
        {
            "topic": "Besparingen 2014",
            "section_a": "Tjänsteskrivelse, Ekonomi",
            "quote_a": "Besparingen på 5 mkr har genomförts.",
            "section_b": "Årsbokslut, Årets effektiviseringar",
            "quote_b": "Besparingen har till största delen genomförts.",
        },
    )
    book.save()
    code, _, err = run(capsys, "import", str(path), "--data", str(data_dir))
    assert code == 0, err
    pairs = [r for r in rows(data_dir, "statement_pairs") if r["report_year"] == "2014"]
    assert [(r["pair_id"], r["quote_a"], r["source"]) for r in pairs] == [
        ("besparingen_2014", "Besparingen på 5 mkr har genomförts.", "ks2014-text")
    ]
    assert len([r for r in rows(data_dir, "statement_pairs") if r["report_year"] == "2013"]) == 2
