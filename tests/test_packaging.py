"""What the package declares and where it finds its files: licence, Python versions,
metadata, the notebooks and kernel spec in the wheel, and the default folders."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from ksanalys import paths
from ksanalys.run.kernels import KERNEL_NAME

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_licence_file_matches_the_declared_licence():
    assert PROJECT["project"]["license"] == "MIT"
    assert PROJECT["project"]["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text


def test_python_311_and_newer_without_an_upper_cap():
    assert PROJECT["project"]["requires-python"] == ">=3.11"
    lock = (ROOT / "uv.lock").read_text(encoding="utf-8")
    assert 'requires-python = ">=3.11"\n' in lock
    assert "python_full_version >= '3.14'" in lock or "python_full_version >= '3.15'" in lock


def test_metadata_for_an_index():
    project = PROJECT["project"]
    assert project["authors"]
    assert project["urls"]
    assert "bokslut" in project["keywords"]
    assert "Programming Language :: Python :: 3 :: Only" in project["classifiers"]
    assert "Natural Language :: Swedish" in project["classifiers"]


def test_the_wheel_ships_the_notebooks_and_the_kernel_spec():
    wheel = PROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"] == {"notebooks": "ksanalys/_notebooks"}
    assert wheel["shared-data"] == {"kernelspec/ksanalys": f"share/jupyter/kernels/{KERNEL_NAME}"}
    spec = json.loads((ROOT / "kernelspec" / KERNEL_NAME / "kernel.json").read_text("utf-8"))
    assert spec["argv"][:3] == ["python", "-m", "ipykernel_launcher"]
    assert spec["language"] == "python"


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_every_chapter_notebook_names_the_ksanalys_kernel(path):
    metadata = json.loads(path.read_text(encoding="utf-8"))["metadata"]
    assert metadata["kernelspec"]["name"] == KERNEL_NAME == "ksanalys"


def test_a_source_checkout_uses_its_own_folders(monkeypatch, tmp_path):
    for name in (paths.DATA_ENV, paths.NOTEBOOKS_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    assert paths.source_checkout() == ROOT
    assert paths.default_data_dir() == ROOT / "data"
    assert paths.default_notebooks_dir() == ROOT / "notebooks"
    assert paths.default_out_dir() == ROOT / "reports"


def test_data_is_found_in_the_environment_then_the_working_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.DATA_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    assert paths.default_data_dir() == tmp_path / "data"
    monkeypatch.setenv(paths.DATA_ENV, "/någon/data")
    assert paths.default_data_dir() == Path("/någon/data")


def test_an_installed_package_uses_its_notebooks_and_the_working_folder(monkeypatch, tmp_path):
    package = tmp_path / "site-packages" / "ksanalys"
    (package / "_notebooks").mkdir(parents=True)
    monkeypatch.setattr(paths, "PACKAGE", package)
    monkeypatch.setattr(paths, "PACKAGED_NOTEBOOKS", package / "_notebooks")
    for name in (paths.DATA_ENV, paths.NOTEBOOKS_ENV):
        monkeypatch.delenv(name, raising=False)
    work = tmp_path / "arbete"
    work.mkdir()
    monkeypatch.chdir(work)
    assert paths.source_checkout() is None
    assert paths.default_notebooks_dir() == package / "_notebooks"
    assert paths.default_data_dir() == work / "data"  # missing: the error will name it
    assert paths.default_out_dir() == work / "reports"
