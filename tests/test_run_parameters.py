"""``ksanalys report`` checks its request before any kernel starts; nothing leaves --out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.errors import KsanalysError
from ksanalys.load import load_dataset
from ksanalys.run import kernels, parameters
from ksanalys.run.parameters import ReportRequest, find_notebooks, inside, plan


@pytest.fixture
def no_kernels(monkeypatch):
    """Fail the test if anything tries to start a kernel (or the server forking them)."""
    started = []

    def refuse(*args, **kwargs):
        started.append(args)
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(kernels, "ForkServer", refuse)
    monkeypatch.setattr(kernels, "kernel_manager_class", refuse)
    return started


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
