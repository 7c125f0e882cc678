"""The analysis a report's notebooks share is computed once, ahead, in the fork server
(``warm_up``), keyed on the data's hash, and gives the pages a fresh one gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from ksanalys.load import dataset_hash, load_dataset
from ksanalys.present import chapters
from ksanalys.present.chapters import context
from ksanalys.run.execute import execute_notebook
from ksanalys.run.kernels import ForkServer, kernel_manager_class

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SECOND = Path(__file__).parent / "fixtures" / "kultur_fritid"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(autouse=True)
def no_warm_analysis_left():
    yield
    context._warm.clear()


def computed(analysis: context.Analysis) -> list[str]:
    """The shared results an analysis holds already computed."""
    return sorted(name for name in context.WARM_RESULTS if name in vars(analysis))


def test_dataset_hash_is_the_hash_of_the_loaded_dataset(data_copy: Path, tmp_path: Path):
    assert dataset_hash() == load_dataset().data_hash
    assert dataset_hash(data_copy) == load_dataset(data_copy).data_hash == load_dataset().data_hash
    budget = data_copy / "budget.csv"
    budget.write_text(budget.read_text("utf-8").replace("227978", "227979", 1), "utf-8")
    assert dataset_hash(data_copy) == load_dataset(data_copy).data_hash != dataset_hash()
    # A data folder with two boards: each board's hash covers the shared files and its own.
    root = tmp_path / "boards"
    shutil.copytree(DATA, root / "kommunstyrelsen", ignore=shutil.ignore_patterns("README.md"))
    shutil.copytree(SECOND, root / "kultur_fritid")
    (root / "kultur_fritid" / "kommun.csv").rename(root / "kommun.csv")
    (root / "kommunstyrelsen" / "kommun.csv").unlink()
    for board in ("kommunstyrelsen", "kultur_fritid"):
        assert dataset_hash(root, board) == load_dataset(root, board).data_hash
    assert dataset_hash(root, "kultur_fritid") != dataset_hash(root, "kommunstyrelsen")


def test_a_warm_analysis_is_given_once_while_the_data_is_unchanged(data_copy: Path):
    context.warm_up(2013, str(data_copy))
    warm = chapters.open_analysis(2013, str(data_copy))
    assert computed(warm) == sorted(context.WARM_RESULTS)
    again = chapters.open_analysis(2013, str(data_copy))  # a new one: the warm one is taken
    assert again is not warm and computed(again) == []
    # Other arguments, another analysis.
    context.warm_up(2013, str(data_copy))
    assert computed(chapters.open_analysis(2013, str(data_copy), revised=True)) == []
    assert computed(chapters.open_analysis(2012, str(data_copy))) == []


def test_changed_data_gets_a_new_analysis(data_copy: Path):
    context.warm_up(2013, str(data_copy))
    budget = data_copy / "budget.csv"
    budget.write_text(budget.read_text("utf-8").replace("227978", "227979", 1), "utf-8")
    fresh = chapters.open_analysis(2013, str(data_copy))
    assert computed(fresh) == []
    assert fresh.dataset.budget["grant"].isin([227979]).any()


def shown(item: object) -> object:
    """What a notebook shows of a chapter's result (each item of a section)."""
    if isinstance(item, context.Section):
        return [shown(i) for i in item.items]
    for method in ("_repr_markdown_", "_repr_html_", "_repr_svg_"):
        if hasattr(item, method):
            return getattr(item, method)()
    return repr(item)


def test_a_warm_analysis_gives_the_chapters_of_a_fresh_one(data_copy: Path):
    made = (
        chapters.year_result,
        chapters.key_figures_table,
        chapters.goals_summary,
        chapters.check_summary,
        chapters.goal_details,
        chapters.key_findings,
    )
    context.warm_up(2013, str(data_copy))
    warm = chapters.open_analysis(2013, str(data_copy))
    fresh = chapters.open_analysis(2013, str(data_copy))
    assert computed(warm) != computed(fresh)
    for chapter in made:
        assert shown(chapter(warm)) == shown(chapter(fresh)), chapter.__name__
    assert warm.goals.to_dict() == fresh.goals.to_dict()


def shared_results_notebook(path: Path) -> Path:
    """A notebook that prints which shared results its analysis starts with."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "ksanalys", "display_name": "ks", "language": "python"}
    parameters = nbformat.v4.new_code_cell('year: int = 2013\ndata_dir: str = ""')
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [
        parameters,
        nbformat.v4.new_code_cell(
            "from ksanalys.present import chapters\n"
            "analys = chapters.open_analysis(year, data_dir)\n"
            f"print(sorted(n for n in {tuple(context.WARM_RESULTS)!r} if n in vars(analys)))"
        ),
    ]
    nbformat.write(nb, path)
    return path


@pytest.mark.notebooks
def test_kernels_forked_after_a_warm_up_start_with_its_results(tmp_path: Path):
    notebook = shared_results_notebook(tmp_path / "shared.ipynb")
    server = ForkServer()
    managers = kernel_manager_class(server, tmp_path)
    printed = {}
    try:
        for name, warm in (("cold", False), ("warm", True), ("warm again", True)):
            if warm and name == "warm":
                server.warm_up(year=2013, data_dir=str(DATA), revised=False, board="")
            executed = execute_notebook(
                notebook,
                tmp_path / f"{name}.ipynb",
                year=2013,
                data_dir=str(DATA),
                kernel_manager_class=managers,
            )
            printed[name] = executed.cells[-1].outputs[0]["text"].strip()
    finally:
        server.close()
    assert printed["cold"] == "[]"
    assert printed["warm"] == printed["warm again"] == str(sorted(context.WARM_RESULTS))
