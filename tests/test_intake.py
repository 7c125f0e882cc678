"""The workbook round-trip: new-year writes it, import reads it back (tests/test_intake_e2e.py
fills a whole made-up year)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ksanalys.cli import main
from ksanalys.intake import formulas
from ksanalys.intake.derive import slug

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


@pytest.fixture
def workbook(data_dir: Path, tmp_path: Path, new_year_2014: bytes) -> Path:
    """This test's copy of the new-year workbook for 2014 of ``data_dir``'s data."""
    path = tmp_path / "bokslut-2014.xlsx"
    path.write_bytes(new_year_2014)
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_the_workbook_is_laid_out_like_the_printed_tables(workbook):
    book = load_workbook(workbook)
    rr = book["Resultaträkning"]
    assert [c.value for c in rr[3]] == [
        "Rad-id",
        "Rad",
        "Typ",
        "Bokslut 2013",
        "Budget helår 2014",
        "Bokslut 2014",
        "Budgetavvikelse",
        "Summerar",
        "Källa",
    ]
    # The comparison column is the 2013 report's own column; the year's columns are empty.
    personal = next(row for row in rr.iter_rows(min_row=4) if row[0].value == "personal")
    assert (personal[3].value, personal[4].value, personal[5].value) == (-124248, None, None)
    net_cost = book["Nettokostnad"]
    total = next(row for row in net_cost.iter_rows(min_row=4) if row[0].value == "kommunstyrelsen")
    # The total adds the rows above it, from the heading row down, so an inserted row counts.
    assert total[3].value == formulas.total_above("D", 3)
    values = {"D3": None, "D4": 66857.0, "D5": 217840.0}
    assert formulas.evaluate(total[3].value, values.get, row=6) == 284697
    assert formulas.summed_rows(total[3].value, 6) == [3, 4, 5]
    rr_total = next(row for row in rr.iter_rows(min_row=4) if row[0].value == "summa_intakter")
    assert rr_total[4].value == formulas.total_above("E", 4)  # from the header INTÄKTER
    goals = book["Mål"]
    assert goals["D4"].value is None and goals["F4"].value.startswith("Andelen av de anställda")
    assert goals["E4"].value is None
    choices = [v.formula1 for v in goals.data_validations.dataValidation]
    assert '"Bra,Ok,Har brister"' in choices
    units = [v.formula1 for v in book["Avdelningar"].data_validations.dataValidation]
    assert "=Enheter!$A$4:$A$300" in units
    needed = {(r[0].value, r[1].value) for r in book["Indikatorer"].iter_rows(min_row=4)}
    assert ("sjukfranvaro", "kommunen") in needed
    assert book["Rapport"]["A4"].value == 2014


def test_an_unfilled_workbook_lists_every_error_with_sheet_and_cell(data_dir, workbook, capsys):
    before = snapshot(data_dir)
    assert main(["import", str(workbook), "--data", str(data_dir)]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert (
        "ksanalys: fel: Rapport!D4: förväntade ett värde i kolumnen 'Publiceringsdatum' "
        "(cellen är tom)" in errors
    )
    assert sum("K-I-tal!C" in e for e in errors) == 5
    assert snapshot(data_dir) == before


def test_a_workbook_with_many_problems_shows_fifty_lines_and_how_many_more(
    data_dir, workbook, capsys
):
    book = load_workbook(workbook)
    ws = book["Indikatorer"]
    bad = [f"E{row}" for row in range(4, 84)]
    for ref in bad:
        ws[ref] = "många"
    book.save(workbook)
    before = snapshot(data_dir)
    assert main(["import", str(workbook), "--data", str(data_dir)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 51, lines
    assert all(line.startswith("ksanalys: fel: ") for line in lines)
    shown = [line for line in lines if "fann 'många'" in line]
    assert shown and all(line.startswith("ksanalys: fel: Indikatorer!E") for line in shown)
    # Every problem is counted: the 80 cells and the workbook's other empty cells.
    hidden = int(lines[-1].removeprefix("ksanalys: fel: ytterligare ").split()[0])
    assert len(lines) - 1 + hidden >= len(bad)
    assert snapshot(data_dir) == before


def test_bad_cells_are_named_and_nothing_is_written(data_dir, workbook, capsys):
    book = load_workbook(workbook)
    book["Rapport"]["D4"] = "17 mars"
    book["Resultaträkning"]["F7"] = "mycket"
    book["Mål"]["E4"] = "bra"
    book["Nettokostnad"]["A4"] = "okand_enhet"
    book.save(workbook)
    before = snapshot(data_dir)
    assert main(["import", str(workbook), "--data", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert "Rapport!D4: förväntade ett datum ÅÅÅÅ-MM-DD, fann '17 mars'" in err
    assert "Resultaträkning!F7: förväntade ett tal, fann 'mycket'" in err
    assert "Mål!E4: förväntade ett av 'Bra', 'Ok', 'Har brister', fann 'bra'" in err
    assert "Nettokostnad!A4: förväntade ett Enhet-id från bladet Enheter, fann 'okand_enhet'" in err
    assert snapshot(data_dir) == before


def test_formulas_leave_blank_as_blank_and_compute_sums():
    values = {"A1": 3.0, "A2": None, "A3": 4.0}
    assert formulas.evaluate(formulas.total(["A1", "A2", "A3"]), values.get) == 7.0
    assert formulas.evaluate(formulas.total(["A2"]), values.get) is None
    assert formulas.evaluate(formulas.difference("A1", "A2"), values.get) is None
    assert formulas.evaluate(formulas.percent("A1", "A3"), values.get) == 75.0
    with pytest.raises(ValueError):
        formulas.evaluate("=A1*2", values.get)


def test_ids_are_derived_from_labels():
    assert slug("Lokaler och anläggningar") == "lokaler_och_anlaggningar"
    assert slug("Köp av huvudverksamhet") == "kop_av_huvudverksamhet"


def test_new_year_refuses_a_year_the_data_has(data_dir, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert main(["new-year", "2013", "--data", str(data_dir), "--out", str(out)]) == 2
    assert "har redan ett bokslut för 2013" in capsys.readouterr().err
    assert not out.exists()


def test_new_year_never_overwrites_a_workbook(data_dir, tmp_path, capsys):
    out = tmp_path / "bokslut-2014.xlsx"
    out.write_bytes(b"ifylld")
    assert main(["new-year", "2014", "--data", str(data_dir), "--out", str(out)]) == 2
    assert "finns redan" in capsys.readouterr().err
    assert out.read_bytes() == b"ifylld"


def test_a_missing_output_folder_is_one_line_not_a_traceback(data_dir, tmp_path, capsys):
    out = tmp_path / "saknas" / "bokslut-2014.xlsx"
    assert main(["new-year", "2014", "--data", str(data_dir), "--out", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("ksanalys: fel: ")
    assert "saknas" in err[0]


def indicator(value: str, source: str, basis: str = "", note: str = "") -> dict:
    return {
        "indicator": "arets_resultat",
        "scope": "kommunen",
        "year": 2013,
        "period": None,
        "value": value,
        "unit": "mkr",
        "basis": basis or None,
        "source": source,
        "quote": "q",
        "note": note or None,
    }


def test_overlaps_the_first_published_report_value_stays(data_dir):
    from ksanalys.intake.merge import merge
    from ksanalys.intake.reader import Intake

    intake = Intake(2014, {"indicators": [indicator("141", "ks2014-indikatorer")]})
    change = next(c for c in merge(data_dir, intake) if c.table == "indicators")
    assert not change.any
    assert change.notes == [
        "arets_resultat/kommunen/2013: finns redan från ks2013 (140); det först publicerade "
        "värdet behålls, 141 sparas inte"
    ]


def test_overlaps_the_report_wins_over_a_public_source_which_becomes_a_note(data_dir):
    from ksanalys.intake.merge import merge
    from ksanalys.intake.reader import Intake

    row = indicator("116", "ks2014-indikatorer")
    row["year"] = 2014  # public-arsredovisning-2014 gives 116.3
    intake = Intake(2014, {"indicators": [row]})
    change = next(c for c in merge(data_dir, intake) if c.table == "indicators")
    assert (change.added, change.changed, change.removed) == (0, 1, 0)
    line = next(x for x in change.text.splitlines() if x.startswith("arets_resultat,kommunen,2014"))
    assert line == (
        "arets_resultat,kommunen,2014,,116,mkr,,ks2014-indikatorer,q,"
        "offentlig källa public-arsredovisning-2014 anger 116.3"
    )


def test_overlaps_another_definition_is_never_joined(data_dir):
    from ksanalys.intake.merge import merge
    from ksanalys.intake.reader import Intake, IntakeError

    intake = Intake(2014, {"indicators": [indicator("141", "ks2014-x", basis="ny definition")]})
    with pytest.raises(IntakeError, match="eget indikator-id"):
        merge(data_dir, intake)


def test_import_refuses_to_rewrite_a_file_excel_saved_in_its_own_dialect(data_dir):
    """validate reads Swedish Excel CSV; import rewrites files, so it asks for plain CSV
    first instead of failing with a traceback or writing a half-converted file."""
    from ksanalys.errors import KsanalysError
    from ksanalys.intake.merge import _read

    path = data_dir / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    with pytest.raises(KsanalysError, match=r"sources\.csv.*CSV UTF-8"):
        _read(path)
    assert _read(data_dir / "documents.csv")[0][0] == "document"


def test_a_merger_names_its_end_and_another_unit(data_dir, capsys):
    """units.csv's merged_into (the column the workbook's 'sammanslagen i' writes) needs
    the last year before the merger in to_year, and another unit."""
    import csv

    path = data_dir / "units.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = list(reader.fieldnames or []), list(reader)
    columns.insert(columns.index("renamed_from") + 1, "merged_into")
    ids = [row["unit_id"] for row in rows]
    rows[ids.index("ekonomi")]["merged_into"] = "administration_utredning"  # no to_year
    rows[ids.index("hr")].update(merged_into="hr", to_year="2013")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert main(["validate", "--data", str(data_dir)]) == 2
    err = capsys.readouterr().err
    line = ids.index("ekonomi") + 2
    assert f"units.csv, rad {line}, kolumn 'merged_into': förväntade to_year ifyllt" in err
    line = ids.index("hr") + 2
    assert f"units.csv, rad {line}, kolumn 'merged_into': förväntade ett annat unit_id" in err


def test_a_moved_column_is_one_line_for_its_sheet_not_one_per_cell(data_dir, workbook, capsys):
    book = load_workbook(workbook)
    book["Indikatorer"].insert_cols(2)
    book.save(workbook)
    assert main(["import", str(workbook), "--data", str(data_dir)]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if "Indikatorer" in line]
    assert len(lines) == 1
    assert lines[0].startswith("ksanalys: fel: Indikatorer!B3: förväntade rubriken 'Omfattning'")
    assert "bladet läses inte" in lines[0]


def test_the_claims_and_goal_quotes_sheets_carry_every_column_but_the_year():
    # A column added to the data must reach the workbook, or a workbook round trip drops it:
    # claims' other_reading and goal_quotes' change once did (r7, r8).
    from ksanalys.intake.text_sheets import CLAIMS, GOAL_QUOTES, STATEMENT_PAIRS
    from ksanalys.load.schema import SCHEMAS

    # statement_pairs' kind (r8 A5) too.
    for sheet in (CLAIMS, GOAL_QUOTES, STATEMENT_PAIRS):
        fields = {f.field for f in sheet.fields}
        missing = set(SCHEMAS[sheet.table].column_names) - fields - {"report_year"}
        assert missing == set(), (sheet.table, missing)
