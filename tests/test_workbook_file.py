"""The workbook door: what cannot be a workbook of ours is refused before anything parses it,
in one Swedish line, with the data folder untouched; what passes opens without a library
message or warning reaching the user. Each hostile file is made from a real new-year
workbook (tests/hostile_workbooks.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import defusedxml
import openpyxl
import pytest

from hostile_workbooks import FIRST_SHEET, encrypted, parts, rewrite, zip_bomb
from ksanalys.cli import main
from ksanalys.intake.workbook_file import (
    LIMITS,
    Limits,
    WorkbookFileError,
    check_workbook,
    open_workbook,
)

DATA = Path(__file__).parents[1] / "data"
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LINK_TYPE = REL_NS + "/externalLink"
MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "bokslut-2014.xlsx"
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, data)
    assert main(["new-year", "2014", "--data", str(data), "--out", str(path)]) == 0
    return path


def refusal(path: Path, limits: Limits = LIMITS) -> str:
    with pytest.raises(WorkbookFileError) as caught:
        check_workbook(path, limits)
    [line] = caught.value.lines()
    assert line.startswith(f"{path}: ")
    for library_word in ("zip file", "Traceback", "openpyxl", "Unable", "Error"):
        assert library_word not in line
    return line.removeprefix(f"{path}: ")


def sheet_xml(cells: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET_NS}">'
        f"<sheetData>{cells}</sheetData></worksheet>"
    ).encode()


def without_declaration(xml: bytes) -> str:
    text = xml.decode()
    return text.split("?>", 1)[1] if text.startswith("<?xml") else text


def with_type(workbook: Path, old: str, new: str) -> bytes:
    return parts(workbook)["[Content_Types].xml"].replace(old.encode(), new.encode())


def test_a_new_year_workbook_passes_and_opens(workbook):
    check_workbook(workbook)
    book = open_workbook(workbook)
    assert book.sheetnames[0] == "Resultaträkning"
    assert open_workbook(workbook, data_only=True)["Resultaträkning"]["A3"].value == "Rad-id"


def test_the_zip_bomb_is_refused_and_the_data_folder_untouched(workbook, tmp_path, capsys):
    bomb = zip_bomb(workbook, tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 5 * 1024 * 1024
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    assert main(["import", str(bomb), "--data", str(data)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"ksanalys: fel: {bomb}: bladet 'Resultaträkning' packas upp till 961 MB, mer än 10 MB "
        "(en arbetsbok från ksanalys new-year har under 1 MB); ta bort det som inte hör till "
        "tabellen, eller använd arbetsboken från ksanalys new-year"
    ]
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_a_bomb_that_lies_about_its_size_is_a_damaged_file(workbook, tmp_path):
    liar = zip_bomb(workbook, tmp_path / "liar.xlsx", declared=50_000)
    assert refusal(liar) == (
        "arbetsboken är skadad; öppna den i Excel och spara den som Excel-arbetsbok (.xlsx) igen"
    )


def test_sizes_and_counts_past_the_limits(workbook):
    total = sum(len(data) for data in parts(workbook).values())
    kb = int(total / 1024 + 0.5)
    on_disk = int(workbook.stat().st_size / 1024 + 0.5)
    count = len(parts(workbook))
    fewer = Limits(entries=count - 1)
    assert refusal(workbook, fewer).startswith(f"har {count} delar, fler än {count - 1};")
    assert refusal(workbook, Limits(total_bytes=total - 1)).startswith(
        f"packas upp till {kb} kB, mer än {kb} kB"
    )
    assert refusal(workbook, Limits(part_bytes=20_000)).startswith(
        "bladet 'Påståenden' packas upp till"
    )
    assert refusal(workbook, Limits(file_bytes=1000)).startswith(f"är {on_disk} kB, större än 1 kB")
    assert refusal(workbook, Limits(cells=100)).startswith(
        "har fler än 100 ifyllda eller formaterade celler"
    )


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ('<row r="5001"><c r="A5001"><v>1</v></c></row>', "har innehåll på rad 5\xa0001"),
        ('<row r="4"><c r="A99999999"><v>1</v></c></row>', "har innehåll på rad 99\xa0999\xa0999"),
        ('<row r="4"><c r="AY4" s="1"/></row>', "har innehåll på kolumn 51"),
        # Without row numbers (the format allows it) rows count from the previous one.
        ("<row><c><v>1</v></c></row>" * 5001, "har innehåll på rad 5\xa0001"),
        ('<row r="4">' + "<c><v>1</v></c>" * 51 + "</row>", "har innehåll på kolumn 51"),
    ],
    ids=["row", "far-row", "column", "implicit-row", "implicit-column"],
)
def test_a_cell_beyond_the_rows_or_columns_of_a_table(workbook, tmp_path, cells, expected):
    path = rewrite(workbook, tmp_path / "stor.xlsx", {FIRST_SHEET: sheet_xml(cells)})
    assert refusal(path).startswith(f"bladet 'Resultaträkning' {expected}; högst")


@pytest.mark.parametrize(
    ("cells", "ref"),
    [
        ('<row r="4"><c r="A0"><v>1</v></c></row>', "A0"),
        ('<row r="4"><c r="A-4"><v>1</v></c></row>', "A-4"),
        ('<row r="4"><c r="4A"><v>1</v></c></row>', "4A"),
        ('<row r="0"><c><v>1</v></c></row>', "0"),
    ],
)
def test_a_cell_reference_that_cannot_be_is_a_damaged_file(workbook, tmp_path, cells, ref):
    path = rewrite(workbook, tmp_path / "ref.xlsx", {FIRST_SHEET: sheet_xml(cells)})
    assert refusal(path) == (
        f"arbetsboken är skadad (bladet 'Resultaträkning' har cellreferensen '{ref}', som inte "
        "finns); öppna den i Excel och spara den som Excel-arbetsbok (.xlsx) igen"
    )


def test_an_empty_formatted_row_far_down_is_no_content(workbook, tmp_path):
    cells = '<row r="4"><c r="A4"><v>1</v></c></row><row r="900000" ht="20" customHeight="1"/>'
    check_workbook(rewrite(workbook, tmp_path / "ok.xlsx", {FIRST_SHEET: sheet_xml(cells)}))


def test_macros_are_refused(workbook, tmp_path):
    spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    xlsm = rewrite(
        workbook,
        tmp_path / "makro.xlsx",
        {"[Content_Types].xml": with_type(workbook, spreadsheet, MACRO_TYPE)},
    )
    assert refusal(xlsm).startswith("är en makroaktiverad arbetsbok (.xlsm); spara den som")
    vba = rewrite(workbook, tmp_path / "vba.xlsx", {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"})
    assert refusal(vba).startswith("innehåller makron; spara den som Excel-arbetsbok (.xlsx)")
    macro_sheet = rewrite(
        workbook, tmp_path / "xlm.xlsx", {"xl/macrosheets/sheet1.xml": sheet_xml("")}
    )
    assert refusal(macro_sheet).startswith("innehåller makron")


def test_links_to_other_files_are_refused_hyperlinks_are_not(workbook, tmp_path):
    link = rewrite(
        workbook, tmp_path / "lank.xlsx", {"xl/externalLinks/externalLink1.xml": b"<x/>"}
    )
    assert refusal(link).startswith("har länkar till andra filer")
    rels = parts(workbook)["xl/_rels/workbook.xml.rels"].decode()

    def relation(kind: str) -> bytes:
        extra = (
            f'<Relationship Id="rId99" Type="{kind}" '
            'Target="file:///C:/andra/bok.xlsx" TargetMode="External"/>'
        )
        return rels.replace("</Relationships>", extra + "</Relationships>").encode()

    outside = rewrite(
        workbook, tmp_path / "ut.xlsx", {"xl/_rels/workbook.xml.rels": relation(LINK_TYPE)}
    )
    assert refusal(outside).startswith("har länkar till andra filer")
    hyperlink = relation(REL_NS + "/hyperlink")
    check_workbook(
        rewrite(workbook, tmp_path / "h.xlsx", {"xl/_rels/workbook.xml.rels": hyperlink})
    )


@pytest.mark.parametrize("part", [FIRST_SHEET, "xl/workbook.xml", "docProps/core.xml"])
def test_entity_declarations_are_refused_in_any_part(workbook, tmp_path, part):
    body = without_declaration(parts(workbook)[part])
    path = rewrite(workbook, tmp_path / "dtd.xlsx", {part: (LAUGHS + body).encode()})
    assert refusal(path) == (
        f"delen {part} har en DTD eller entitetsdeklaration, vilket en arbetsbok från Excel "
        "aldrig har; använd arbetsboken från ksanalys new-year"
    )


def test_openpyxl_itself_parses_with_defusedxml(workbook, tmp_path):
    """The second line of defence: were the check skipped, openpyxl would still refuse."""
    assert openpyxl.DEFUSEDXML is True
    body = without_declaration(parts(workbook)[FIRST_SHEET])
    path = rewrite(workbook, tmp_path / "dtd.xlsx", {FIRST_SHEET: (LAUGHS + body).encode()})
    with path.open("rb") as file, pytest.raises(ValueError, match="Unable to read") as caught:
        openpyxl.load_workbook(file)
    assert isinstance(caught.value.__cause__, defusedxml.EntitiesForbidden)


def test_files_that_are_no_workbook(workbook, tmp_path):
    cases = {
        "gammal.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "är en äldre Excel-fil"),
        "data.xlsx": (b"Rad;Bokslut 2014\npersonal;-124 248\n", "ser ut som en CSV-"),
        "brus.xlsx": (bytes(range(256)), "är ingen Excel-arbetsbok (.xlsx)"),
        "halv.xlsx": (workbook.read_bytes()[:3000], "arbetsboken är skadad; öppna den i Excel"),
    }
    for name, (content, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        assert refusal(path).startswith(expected), name
    assert refusal(tmp_path / "saknas.xlsx") == "filen finns inte; ange arbetsboken (.xlsx)"
    assert refusal(tmp_path) == "är ingen fil; ange arbetsboken (.xlsx)"
    word = rewrite(workbook, tmp_path / "w.xlsx", {"xl/workbook.xml": None})
    assert refusal(word) == (
        "är ingen Excel-arbetsbok (delen xl/workbook.xml saknas); använd arbetsboken från "
        "ksanalys new-year"
    )
    assert refusal(encrypted(workbook, tmp_path / "krypterad.xlsx")).startswith(
        "arbetsboken är krypterad"
    )


def test_broken_xml_and_what_openpyxl_cannot_read_are_one_line(workbook, tmp_path):
    broken = rewrite(workbook, tmp_path / "xml.xlsx", {FIRST_SHEET: b"<worksheet><sheetData>"})
    assert refusal(broken) == (
        f"arbetsboken är skadad (delen {FIRST_SHEET} är inte giltig XML); öppna den i Excel "
        "och spara den som Excel-arbetsbok (.xlsx) igen"
    )
    # Well-formed, so the check passes, but not what openpyxl expects.
    styles = b'<styleSheet xmlns="' + SHEET_NS.encode() + b'"><fonts count="x"><font>'
    styles += b'<sz val="tio"/></font></fonts></styleSheet>'
    odd = rewrite(workbook, tmp_path / "stil.xlsx", {"xl/styles.xml": styles})
    check_workbook(odd)
    with pytest.raises(WorkbookFileError) as caught:
        open_workbook(odd)
    assert caught.value.lines() == [
        f"{odd}: arbetsboken går inte att läsa (skadad, eller inte sparad av Excel); öppna den "
        "i Excel och spara den som Excel-arbetsbok (.xlsx) igen"
    ]


def test_import_shows_no_library_message(workbook, tmp_path, capsys):
    path = tmp_path / "inte.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    assert main(["import", str(path), "--data", str(data)]) == 2
    assert capsys.readouterr().err == (
        f"ksanalys: fel: {path}: arbetsboken är skadad; öppna den i Excel och spara den som "
        "Excel-arbetsbok (.xlsx) igen\n"
    )
