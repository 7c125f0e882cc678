"""The output folder is refused, with one line and exit 2, before any data is read, unless
ksanalys may write there: never the root, the home folder or the project root; otherwise a
new or empty folder, or one ksanalys made."""

from __future__ import annotations

from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.errors import KsanalysError
from ksanalys.paths import source_checkout
from ksanalys.run import engines, outdir, parameters
from ksanalys.run.parameters import ReportRequest, plan


@pytest.fixture
def nothing_runs(monkeypatch):
    """Fail the test if the data is read or a kernel starts."""

    def refuse(*args, **kwargs):
        raise AssertionError("work started")

    monkeypatch.setattr(parameters, "load_dataset", refuse)
    monkeypatch.setattr(engines, "start", refuse)


def refused(argv_out: str, capsys) -> str:
    assert main(["report", "--year", "2013", "--out", argv_out]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ksanalys: fel: ")
    return lines[0]


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_the_root_is_refused(nothing_runs, capsys):
    assert "är filsystemets rot" in refused("/", capsys)


def test_the_home_folder_is_refused_even_with_the_marker(
    tmp_path, monkeypatch, nothing_runs, capsys
):
    home = tmp_path / "hem"
    home.mkdir()
    (home / outdir.MARKER).write_text("", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    assert "är hemmappen" in refused(str(home), capsys)
    monkeypatch.chdir(tmp_path)
    assert "är hemmappen" in refused("~", capsys)  # as when quoted: the shell left it
    assert listing(home) == [outdir.MARKER]


@pytest.mark.parametrize("text", ["", "  "])
def test_an_empty_path_is_refused(text, nothing_runs, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["report", "--year", "2013", "--out", text])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        "ksanalys: fel: --out: tom sökväg; ange en mapp för rapporten "
        "(se 'ksanalys report --help')\n"
    )


def test_the_project_root_is_refused(nothing_runs, capsys):
    root = source_checkout()
    assert root is not None
    assert "är projektets rotmapp" in refused(str(root), capsys)


def test_a_folder_ksanalys_did_not_make_is_refused_and_left_alone(tmp_path, nothing_runs, capsys):
    out = tmp_path / "mina filer"
    out.mkdir()
    (out / "budget.xlsx").write_text("x", encoding="utf-8")
    (out / "2013").mkdir()
    line = refused(str(out), capsys)
    assert line == (
        f"ksanalys: fel: {out} är inte tom och skapades inte av ksanalys; "
        "välj en ny eller tom mapp för --out"
    )
    assert listing(out) == ["2013", "budget.xlsx"]


def test_a_symbolic_link_to_the_root_is_refused(tmp_path, nothing_runs, capsys):
    link = tmp_path / "länk"
    link.symlink_to("/")
    assert "är filsystemets rot" in refused(str(link), capsys)


@pytest.fixture
def notebooks(tmp_path, copy_notebooks, monkeypatch):
    folder = copy_notebooks(tmp_path / "notebooks", "01_oversikt.ipynb")
    monkeypatch.setenv("KSANALYS_NOTEBOOKS", str(folder))
    return folder


def test_a_new_or_empty_folder_is_taken_and_marked(tmp_path, notebooks):
    new = tmp_path / "ny" / "rapport"
    plan(ReportRequest(years=(2013,), out_dir=new))
    assert [p.name for p in new.iterdir()] == [outdir.MARKER]
    empty = tmp_path / "tom"
    empty.mkdir()
    plan(ReportRequest(years=(2013,), out_dir=empty))
    assert [p.name for p in empty.iterdir()] == [outdir.MARKER]
    (empty / "2013").mkdir()
    (empty / "2013" / outdir.RUN_RECORD).write_text("{}", encoding="utf-8")
    plan(ReportRequest(years=(2013,), out_dir=empty))  # marked: ours, whatever it holds


def test_a_report_folder_from_before_the_marker_is_taken_over(tmp_path, notebooks):
    out = tmp_path / "gammal"
    out.mkdir()
    (out / "index.html").write_text(
        f"<!DOCTYPE html>\n{outdir.INDEX_MARKER}\n<html></html>\n", encoding="utf-8"
    )
    (out / "2013").mkdir()
    (out / "2013" / outdir.RUN_RECORD).write_text("{}", encoding="utf-8")
    plan(ReportRequest(years=(2013,), out_dir=out))
    assert (out / outdir.MARKER).is_file()


def test_the_projects_reports_folder_is_ours(tmp_path, monkeypatch):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "anteckning.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(outdir, "default_out_dir", lambda: reports)
    outdir.check(reports)
    with pytest.raises(KsanalysError, match="inte tom"):
        outdir.check(tmp_path)
