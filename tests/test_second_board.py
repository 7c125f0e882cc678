"""A second, made-up board (tests/fixtures/kultur_fritid): another kommun (Ekeby), another
board (Kultur- och fritidsnämnden), an office with three departments and a unit without
departments, other indicators, no investments, goals and claims of its own. Every chapter,
``check``, ``goals`` and ``summary`` speak of it in its own names, and never of the shipped
board or its kommun; several boards share one data folder."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.errors import DataError, KsanalysError
from ksanalys.load import boards, load_dataset, vintage

ROOT = Path(__file__).resolve().parents[1]
SECOND = Path(__file__).parent / "fixtures" / "kultur_fritid"
SHIPPED = ROOT / "data"
# The shipped board's and kommun's names and ids, in any case, none of which may appear in
# the second board's pages.
FOREIGN = re.compile(
    r"kommunstyrelse|södertälje|sodertalje|ks_kontor|politisk|kommunalråd|campus|telge",
    re.IGNORECASE,
)


def foreign_words(text: str) -> list[str]:
    return sorted({match.group(0) for match in FOREIGN.finditer(text)})


def test_the_second_board_is_its_own_organisation():
    org = load_dataset(SECOND).organisation
    assert (org.kommun.name, org.board.name) == ("Ekeby kommun", "Kultur- och fritidsnämnden")
    assert org.board.genitive == "kultur- och fritidsnämndens"
    assert [u.unit_id for u in org.units_of_board(2019)] == ["kf_forvaltning", "namnd_kansli"]
    assert [u.label for u in org.office_departments(2019)] == [
        "Bibliotek",
        "Fritidsgårdar",
        "Kulturskolan",
    ]
    assert org.departments_of("namnd_kansli") == []


def test_every_chapter_speaks_of_the_second_board_in_its_own_names(render_chapters):
    pages = render_chapters(2019, SECOND)
    text = "\n".join(pages.values())
    assert foreign_words(text) == []
    assert "kultur- och fritidsförvaltningen" in text.lower()
    assert "Kultur- och fritidsnämnden totalt" in text  # the board's row in the tables
    assert "Kultur- och fritidsnämndens nettokostnad" not in text  # no trend from 2 years
    # Chapters that have something to say for this board say it.
    assert "Bibliotek" in pages["budget_table"] and "Kulturskolan" in pages["budget_table"]
    assert "Sjukfrånvaro" in pages["personnel_table"]
    assert "Besök" in pages["goal_table"]
    # No investments in the data: no chapter speaks of them.
    assert "nvestering" not in text.replace("Investeringar", "")


def test_the_comparison_year_speaks_of_the_second_board_too(render_chapters):
    text = "\n".join(render_chapters(2018, SECOND).values())
    assert foreign_words(text) == []


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["summary", "--year", "2019"], "Kultur- och fritidsnämnden, bokslut 2019: nyckeltal"),
        (["check", "--year", "2019"], "Granskning av kultur- och fritidsnämndens bokslut 2019"),
        (["goals", "--year", "2019"], "kultur-1: Besöken på biblioteken ska öka."),
        (["validate"], "giltig"),
    ],
)
def test_commands_speak_of_the_second_board(command, expected, capsys):
    assert main([*command, "--data", str(SECOND)]) == 0
    out = capsys.readouterr().out
    assert expected in out
    assert foreign_words(out) == []


# ---------------------------------------------------------------- several boards, one folder


def copy_board(source: Path, target: Path, *, shared: tuple[str, ...] = ()) -> None:
    """``source`` as a board folder ``target``, leaving out the ``shared`` files."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*shared))


@pytest.fixture
def two_boards(tmp_path: Path) -> Path:
    """A data folder with the shipped board and the second one, each in its folder."""
    root = tmp_path / "data"
    copy_board(SHIPPED, root / "kommunstyrelsen", shared=("README.md",))
    copy_board(SECOND, root / "kultur_fritid")
    return root


def test_a_folder_with_several_boards_names_them_and_asks_for_one(two_boards, capsys):
    assert boards(two_boards) == ["kommunstyrelsen", "kultur_fritid"]
    with pytest.raises(KsanalysError, match="flera nämnder: kommunstyrelsen, kultur_fritid"):
        load_dataset(two_boards)
    assert main(["validate", "--data", str(two_boards)]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "välj en med --board" in line
    assert main(["summary", "--year", "2019", "--data", str(two_boards), "--board", "x"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "nämnden 'x' finns inte" in line and "kultur_fritid" in line
    assert (
        main(["summary", "--year", "2019", "--data", str(two_boards), "--board", "kultur_fritid"])
        == 0
    )
    assert "Kultur- och fritidsnämnden, bokslut 2019" in capsys.readouterr().out


def test_each_board_reads_the_shared_files_and_its_own(two_boards):
    # The second board's kommun, documents and some sources move to the top; its own
    # sources stay.
    board = two_boards / "kultur_fritid"
    (board / "kommun.csv").rename(two_boards / "kommun.csv")
    (board / "documents.csv").rename(two_boards / "documents.csv")
    (two_boards / "kommunstyrelsen" / "kommun.csv").unlink()
    with (board / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    for path, part in ((two_boards / "sources.csv", rows[:4]), (board / "sources.csv", rows[4:])):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(part)
    ds = load_dataset(two_boards, "kultur_fritid")
    assert len(ds.sources) == len(rows)
    assert ds.organisation.kommun.name == "Ekeby kommun"
    assert ds.files["sources"] == (two_boards / "sources.csv", board / "sources.csv")
    shipped = load_dataset(two_boards, "kommunstyrelsen")
    assert shipped.organisation.kommun.name == "Ekeby kommun"  # shared, so the same kommun
    # A key in both the shared and the board's file is one line at the board's row.
    with (board / "sources.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, header, lineterminator="\n").writerow(rows[0])
    with pytest.raises(DataError) as raised:
        load_dataset(two_boards, "kultur_fritid")
    assert raised.value.file == str(board / "sources.csv")
    assert raised.value.row == len(rows) - 4 + 2
    assert "finns redan i den delade filen" in str(raised.value)


def test_a_board_folder_is_named_by_its_board(two_boards):
    (two_boards / "kultur_fritid").rename(two_boards / "kultur")
    with pytest.raises(DataError) as raised:
        load_dataset(two_boards, "kultur")
    assert (raised.value.column, raised.value.found) == ("board_id", "kultur_fritid")


def test_adding_a_board_changes_no_hash_of_another(tmp_path):
    alone = tmp_path / "alone"
    copy_board(SHIPPED, alone / "kommunstyrelsen", shared=("README.md",))
    before = load_dataset(alone, "kommunstyrelsen")
    copy_board(SECOND, alone / "kultur_fritid")
    after = load_dataset(alone, "kommunstyrelsen")
    assert after.data_hash == before.data_hash
    for year in (2012, 2013):
        assert (
            vintage.as_published(after, year).data_hash
            == vintage.as_published(before, year).data_hash
        )


@pytest.mark.notebooks
def test_a_report_on_two_boards_goes_to_a_folder_per_board(two_boards, tmp_path, capsys):
    out = tmp_path / "out"
    for board, year in (("kultur_fritid", "2019"), ("kommunstyrelsen", "2013")):
        args = ["report", "--year", year, "--data", str(two_boards), "--board", board]
        assert main([*args, "--out", str(out), "--quiet"]) == 0
    assert (out / "kultur_fritid" / "2019" / "index.html").is_file()
    assert (out / "kommunstyrelsen" / "2013" / "index.html").is_file()
    assert not (out / "2019").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Analys av kultur- och fritidsnämndens bokslut" in index
    assert 'href="kultur_fritid/2019/index.html"' in index
    assert 'href="kommunstyrelsen/2013/index.html"' in index
    record = json.loads((out / "kultur_fritid" / "2019" / "run.json").read_text("utf-8"))
    assert (record["board"], record["board_genitive"]) == (
        "kultur_fritid",
        "kultur- och fritidsnämndens",
    )
    pages = sorted((out / "kultur_fritid").rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        assert foreign_words(page.read_text(encoding="utf-8")) == [], page


def test_a_board_of_a_shared_folder_round_trips_through_its_workbook(two_boards, tmp_path):
    """``new-year --edit`` writes the board's year, and importing the untouched workbook
    changes no file, while the kommun is shared at the top."""
    (two_boards / "kultur_fritid" / "kommun.csv").rename(two_boards / "kommun.csv")
    (two_boards / "kommunstyrelsen" / "kommun.csv").unlink()
    workbook = tmp_path / "kfn-2019.xlsx"
    board = ["--data", str(two_boards), "--board", "kultur_fritid"]
    assert main(["new-year", "2019", "--edit", *board, "--out", str(workbook)]) == 0
    before = {p: p.read_bytes() for p in sorted(two_boards.rglob("*.csv"))}
    assert main(["import", str(workbook), *board]) == 0
    assert {p: p.read_bytes() for p in sorted(two_boards.rglob("*.csv"))} == before
