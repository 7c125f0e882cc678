"""``ksanalys report`` checks its request before any kernel starts; nothing leaves --out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.errors import KsanalysError
from ksanalys.load import load_dataset
from ksanalys.run import engines, outdir, parameters
from ksanalys.run.outdir import inside
from ksanalys.run.parameters import ReportRequest, find_notebooks, plan


class RefusingEngine:
    """An engine that fails the test if it is asked to run anything; the report run may start
    it (the fork server imports while the data is checked) but must then close it."""

    def __init__(self, started: list) -> None:
        self.started = started
        self.closed = False

    def refuse(self, *args, **kwargs):
        self.started.append(args)
        raise AssertionError("a kernel was started")

    check = execute = warm_up = refuse

    def stop(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def no_kernels(monkeypatch):
    """Fail the test if anything tries to start a kernel; the kernels started (none, if the
    test passes). An engine started for a refused request must be closed."""
    started: list = []
    engines_started: list[RefusingEngine] = []

    def start(*args, **kwargs):
        engines_started.append(RefusingEngine(started))
        return engines_started[-1]

    monkeypatch.setattr(engines, "start", start)
    yield started
    assert all(engine.closed for engine in engines_started)


@pytest.fixture
def notebooks(tmp_path, copy_notebooks, monkeypatch):
    folder = copy_notebooks(tmp_path / "notebooks", "01_oversikt.ipynb")
    monkeypatch.setenv("KSANALYS_NOTEBOOKS", str(folder))
    return folder


def test_year_not_in_the_data_lists_the_years_and_starts_nothing(
    tmp_path, notebooks, no_kernels, capsys
):
    years = ", ".join(str(y) for y in load_dataset().years)
    out = tmp_path / "out"
    assert main(["report", "--year", "1999", "--out", str(out)]) == 2
    message = capsys.readouterr().err
    assert "1999" in message
    assert f"tillgängliga år: {years}" in message
    assert len(message.strip().splitlines()) == 1
    assert no_kernels == []
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--year", "tjugotretton"],
        ["--year", "2013", "--färg"],
        ["--year", "2013", "--jobs", "0"],
        ["--year", "2013", "--jobs", "två"],
        [],
    ],
)
def test_bad_options_are_rejected_by_the_parser(tmp_path, args, no_kernels):
    with pytest.raises(SystemExit) as stop:
        main(["report", "--out", str(tmp_path / "out"), *args])
    assert stop.value.code == 2
    assert no_kernels == []


def test_notebook_without_one_parameters_cell_is_refused(tmp_path, notebooks, no_kernels, capsys):
    nb = json.loads((notebooks / "01_oversikt.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        cell["metadata"].pop("tags", None)
    (notebooks / "02_utan.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    assert main(["report", "--year", "2013", "--out", str(tmp_path / "out")]) == 2
    assert (
        "02_utan.ipynb: ska ha exakt en cell märkt 'parameters', har 0" in capsys.readouterr().err
    )
    assert no_kernels == []


def test_parameters_cell_must_set_year_and_data_dir(tmp_path, notebooks):
    nb = json.loads((notebooks / "01_oversikt.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = "year: int = 2013  # bokslutsåret\n"
    (notebooks / "01_oversikt.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(KsanalysError, match="parametercellen sätter inte 'data_dir'"):
        find_notebooks(notebooks)


def test_notebook_name_that_is_no_plain_file_name_is_refused(tmp_path, notebooks, no_kernels):
    shutil.copy(notebooks / "01_oversikt.ipynb", notebooks / "kapitel ett.ipynb")
    with pytest.raises(KsanalysError, match=r"kapitel ett\.ipynb"):
        find_notebooks(notebooks)


def test_empty_or_missing_notebooks_folder_is_refused(tmp_path):
    with pytest.raises(KsanalysError, match="inga anteckningsböcker"):
        find_notebooks(tmp_path)
    with pytest.raises(KsanalysError, match="finns inte"):
        find_notebooks(tmp_path / "saknas")


def test_notebooks_folder_defaults_to_the_project_and_follows_the_environment(monkeypatch):
    monkeypatch.delenv("KSANALYS_NOTEBOOKS", raising=False)
    root = Path(__file__).resolve().parents[1]
    assert parameters.default_notebooks_dir() == root / "notebooks"
    assert parameters.default_out_dir() == root / "reports"
    monkeypatch.setenv("KSANALYS_NOTEBOOKS", "/någon/annan")
    assert parameters.default_notebooks_dir() == Path("/någon/annan")


@pytest.mark.parametrize("name", ["..", ".", "", "../x", "a/b", "/etc", ".dold", "a b", "ä"])
def test_names_that_could_leave_the_output_folder_are_refused(tmp_path, name):
    with pytest.raises(KsanalysError):
        inside(tmp_path, name)


def test_plain_names_stay_inside(tmp_path):
    assert inside(tmp_path, "2013", "01_sammanfattning.html") == (
        tmp_path / "2013" / "01_sammanfattning.html"
    )


def test_a_year_folder_linked_outside_is_refused_before_anything_runs(
    tmp_path, notebooks, no_kernels, capsys
):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    (out / outdir.MARKER).write_text("", encoding="utf-8")
    elsewhere.mkdir()
    (out / "2013").symlink_to(elsewhere)
    assert main(["report", "--year", "2013", "--out", str(out)]) == 2
    assert "pekar ut ur rapportmappen" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == []
    assert no_kernels == []


def test_plan_resolves_every_default(tmp_path, notebooks):
    checked = plan(ReportRequest(years=(2013, 2013), out_dir=tmp_path / "out", jobs=3))
    assert checked.years == (2013,)
    assert checked.data_dir == Path(load_dataset().data_dir).resolve()
    assert checked.data_hash == load_dataset().data_hash
    assert checked.notebooks == (notebooks / "01_oversikt.ipynb",)
    assert checked.jobs == 3
    assert checked.out_dir.is_absolute()


def a_good_earlier_report(out: Path, *, leave_out: str = "") -> None:
    """What an earlier run of ksanalys leaves: a report, a failed run's notebooks, the index
    (all but ``leave_out``)."""
    out.mkdir(parents=True)
    (out / outdir.MARKER).write_text("", encoding="utf-8")
    if leave_out != "2013":
        (out / "2013").mkdir()
        (out / "2013" / "run.json").write_text("{}", encoding="utf-8")
    if leave_out != "2013.failed":
        (out / "2013.failed").mkdir()
        (out / "2013.failed" / outdir.FAILED_MARKER).write_text("x", encoding="utf-8")
    if leave_out != "index.html":
        (out / "index.html").write_text(
            f"<!DOCTYPE html>\n{outdir.INDEX_MARKER}\n<html></html>\n", encoding="utf-8"
        )


def test_a_rerun_over_an_earlier_report_is_planned(tmp_path, notebooks):
    out = tmp_path / "out"
    a_good_earlier_report(out)
    assert plan(ReportRequest(years=(2013,), out_dir=out)).out_dir == out


@pytest.mark.parametrize(
    ("named", "make", "why"),
    [
        ("2013", lambda p: p.mkdir(), "är ingen ksanalys-analys (run.json saknas)"),
        ("2013", lambda p: p.write_text("x"), "är ingen ksanalys-analys (run.json saknas)"),
        ("2013.failed", lambda p: p.mkdir(), "är ingen mapp från en misslyckad ksanalys-körning"),
        ("index.html", lambda p: p.write_text("<html>"), "är inte skriven av ksanalys"),
    ],
    ids=["year-folder", "year-file", "failed-folder", "index"],
)
def test_what_ksanalys_did_not_write_is_never_replaced(
    tmp_path, notebooks, no_kernels, capsys, named, make, why
):
    out = tmp_path / "out"
    a_good_earlier_report(out, leave_out=named)
    make(out / named)
    before = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    assert main(["report", "--year", "2013", "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"ksanalys: fel: {out / named} {why} och skulle skrivas över; "
        "ta bort den eller välj en annan --out\n"
    )
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == before
    assert no_kernels == []


def test_only_the_years_asked_for_are_checked(tmp_path, notebooks):
    out = tmp_path / "out"
    a_good_earlier_report(out)
    (out / "2012").mkdir()
    plan(ReportRequest(years=(2013,), out_dir=out))
    with pytest.raises(KsanalysError, match="2012 är ingen ksanalys-analys"):
        plan(ReportRequest(years=(2012, 2013), out_dir=out))


def test_an_output_folder_that_is_a_file_is_refused(tmp_path, notebooks, no_kernels, capsys):
    out = tmp_path / "fil"
    out.write_text("inte en mapp", encoding="utf-8")
    assert main(["report", "--year", "2013", "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"ksanalys: fel: {out} finns och är ingen mapp\n"
    assert out.read_text(encoding="utf-8") == "inte en mapp"
    assert no_kernels == []


def test_an_output_folder_that_cannot_be_made_is_refused(tmp_path, notebooks, no_kernels, capsys):
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    out = tmp_path / "fil" / "under"
    assert main(["report", "--year", "2013", "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"ksanalys: fel: rapportmappen {out} kan inte skapas (en del av sökvägen är ingen mapp)\n"
    )
    assert no_kernels == []


def test_plan_creates_the_output_folder(tmp_path, notebooks):
    out = tmp_path / "ny" / "analys"
    plan(ReportRequest(years=(2013,), out_dir=out))
    assert out.is_dir()
    assert [p.name for p in out.iterdir()] == [outdir.MARKER]


@pytest.mark.parametrize(
    ("file", "old", "new", "column"),
    [
        (
            "claims.csv",
            "9.3,mkr,1,{budget:kommunstyrelsen:deviation}",
            "9.3,mkr,1,{budget:saknas:deviation}",
            "expression",
        ),
        (
            "goal_rules.csv",
            "arbetsgivare-1,1,attraktiv_arbetsgivare,kommunen,,",
            "arbetsgivare-1,1,attraktiv_arbetsgivare,kommunen,saknas,",
            "period",
        ),
    ],
    ids=["claim", "goal-rule"],
)
def test_a_claim_or_goal_rule_the_checks_would_reject_stops_the_report_before_it_runs(
    tmp_path, notebooks, no_kernels, capsys, file, old, new, column
):
    data = tmp_path / "data"
    shutil.copytree(load_dataset().data_dir, data)
    text = (data / file).read_text(encoding="utf-8")
    assert text.splitlines()[1].count(old) == 1  # data row 1, line 2 of the file
    (data / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    load_dataset(data)  # the loader alone accepts it
    out = tmp_path / "out"
    assert main(["report", "--year", "2013", "--data", str(data), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ksanalys: fel: {data / file}, rad 2, kolumn '{column}'")
    assert len(err.splitlines()) == 1
    assert not out.exists()
    assert no_kernels == []


def with_years(path: Path, kind: object) -> Path:
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["metadata"]["ksanalys"] = {"years": kind}
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_a_comparison_year_runs_only_the_notebooks_for_such_a_year(tmp_path, copy_notebooks):
    folder = copy_notebooks(tmp_path / "nb", "01_oversikt.ipynb", "02_figur.ipynb")
    report = with_years(folder / "01_oversikt.ipynb", "report")
    page = with_years(folder / "02_figur.ipynb", "comparison")
    checked = plan(
        ReportRequest(years=(2012, 2013), out_dir=tmp_path / "out", notebooks_dir=folder)
    )
    assert checked.report_years == (2013,)
    assert checked.notebooks_for(2013) == (report,)
    assert checked.notebooks_for(2012) == (page,)


def test_a_notebook_without_years_is_for_every_year(tmp_path, notebooks):
    checked = plan(ReportRequest(years=(2012, 2013), out_dir=tmp_path / "out"))
    assert checked.notebooks_for(2012) == checked.notebooks_for(2013) == checked.notebooks


def test_a_comparison_year_no_notebook_is_for_is_refused_in_one_line(
    tmp_path, copy_notebooks, no_kernels, capsys, monkeypatch
):
    folder = copy_notebooks(tmp_path / "nb", "01_oversikt.ipynb")
    with_years(folder / "01_oversikt.ipynb", "report")
    monkeypatch.setenv("KSANALYS_NOTEBOOKS", str(folder))
    out = tmp_path / "out"
    assert main(["report", "--year", "2012", "--out", str(out)]) == 2
    message = capsys.readouterr().err.strip()
    assert len(message.splitlines()) == 1
    assert "2012 har inget eget bokslut i data" in message
    assert "2012 finns som jämförelseår i bokslutet för 2013" in message
    assert no_kernels == [] and not (out / "2012").exists()


@pytest.mark.parametrize("kind", ["rapport", 2013, ["report"]])
def test_an_unknown_kind_of_year_is_refused_naming_the_notebook(tmp_path, copy_notebooks, kind):
    folder = copy_notebooks(tmp_path / "nb", "01_oversikt.ipynb")
    with_years(folder / "01_oversikt.ipynb", kind)
    with pytest.raises(KsanalysError, match=r"01_oversikt\.ipynb: metadata ksanalys\.years ska"):
        find_notebooks(folder)


@pytest.mark.parametrize("status", ["x" * 81, "utkast\x1b[31m"])
def test_a_status_that_is_no_short_line_is_refused(tmp_path, notebooks, no_kernels, capsys, status):
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as stop:
        main(["report", "--year", "2013", "--status", status, "--out", str(out)])
    assert stop.value.code == 2
    assert "--status" in capsys.readouterr().err
    assert no_kernels == [] and not out.exists()


def test_the_status_reaches_the_plan(tmp_path, notebooks):
    request = ReportRequest(years=(2013,), out_dir=tmp_path / "out", status="Utkast")
    assert plan(request).status == "Utkast"
