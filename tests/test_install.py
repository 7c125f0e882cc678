"""The built wheel, installed into a clean virtualenv, renders the report from another folder.

Builds the wheel with uv (offline: from uv's cache), installs it into a new virtualenv that
holds the locked versions of its dependencies, and runs ``ksanalys report`` there with the
repository's data, from a folder that is neither the repository nor the virtualenv.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.install, pytest.mark.notebooks]

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


def report_chapters() -> list[str]:
    """The chapters of a year with its own bokslut (the notebooks' ``years`` metadata)."""
    kinds = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))["metadata"].get("ksanalys", {})
        for p in (ROOT / "notebooks").glob("*.ipynb")
    }
    return sorted(name for name, meta in kinds.items() if meta.get("years", "all") != "comparison")


def uv() -> str:
    found = ROOT / ".tools" / "bin" / "uv"
    if found.is_file():
        return str(found)
    if shutil.which("uv"):
        return shutil.which("uv") or "uv"
    if os.environ.get("CI"):
        pytest.fail("uv is missing (make setup installs it into .tools/)")
    pytest.skip("uv is missing (make setup installs it into .tools/)")


def clean_env() -> dict[str, str]:
    """This environment without ksanalys's variables, the checkout's virtualenv, and
    PYTHONDONTWRITEBYTECODE: the new virtualenv is installed without compiling its bytecode
    (compiling all of it costs about 25 s of CPU, three times the report run), so Python
    writes the bytecode of what the runs import, as they first import it."""
    drop = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE")
    return {k: v for k, v in os.environ.items() if not k.startswith("KSANALYS_") and k not in drop}


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A clean virtualenv with the wheel installed; returns its bin/ folder."""
    work = tmp_path_factory.mktemp("install")
    run([uv(), "build", "--wheel", "--offline", "--out-dir", str(work / "dist")], cwd=ROOT)
    (wheel,) = (work / "dist").glob("ksanalys-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for chapter in CHAPTERS:
        assert f"ksanalys/_notebooks/{chapter}.ipynb" in names
    assert "ksanalys/run/templates/ksanalys/index.html.j2" in names
    assert not [n for n in names if n.startswith("data/") or n.endswith(".csv")]

    # The locked versions of the dependencies (uv sync reads them from uv's cache offline),
    # then the wheel alone, as pip would install it.
    venv = work / "venv"
    env = clean_env()
    sync = [uv(), "sync", "--frozen", "--offline", "--no-dev", "--no-install-project"]
    run(
        [*sync, "--python", sys.executable],
        cwd=ROOT,
        env={**env, "UV_PROJECT_ENVIRONMENT": str(venv)},
    )
    python = str(venv / "bin" / "python")
    install = [uv(), "pip", "install", "--offline", "--no-deps"]
    run([*install, "--python", python, str(wheel)], env=env)
    return venv / "bin"


def test_the_installed_wheel_renders_the_report_from_another_folder(installed, tmp_path):
    elsewhere = tmp_path / "någon annanstans"
    elsewhere.mkdir()
    out = tmp_path / "rapport"
    env = clean_env()
    version = run(
        [str(installed / "python"), "-m", "ksanalys", "--version"], cwd=elsewhere, env=env
    )
    assert version.stdout.startswith("ksanalys 0")
    command = [str(installed / "ksanalys"), "report", "--year", "2013"]
    run(
        [*command, "--data", str(ROOT / "data"), "--out", str(out), "--quiet"],
        cwd=elsewhere,
        env=env,
    )
    assert (out / "index.html").is_file()
    assert (out / "2013" / "index.html").is_file()
    assert report_chapters()
    for chapter in report_chapters():
        page = (out / "2013" / f"{chapter}.html").read_text(encoding="utf-8")
        assert "Traceback" not in page
    located = run(
        [str(installed / "python"), "-c", "import ksanalys; print(ksanalys.__file__)"],
        cwd=elsewhere,
        env=env,
    )
    assert not Path(located.stdout.strip()).is_relative_to(ROOT)  # the wheel, not the checkout
    assert list(elsewhere.iterdir()) == []  # nothing written where it ran


def test_the_installed_wheel_finds_data_in_the_environment_or_the_working_folder(
    installed, tmp_path
):
    env = clean_env()
    missing = subprocess.run(
        [str(installed / "ksanalys"), "validate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2
    assert str(tmp_path / "data") in missing.stderr
    shutil.copytree(ROOT / "data", tmp_path / "data")
    run([str(installed / "ksanalys"), "validate"], cwd=tmp_path, env=env)
    other = tmp_path / "annan"
    other.mkdir()
    done = run(
        [str(installed / "ksanalys"), "validate"],
        cwd=other,
        env={**env, "KSANALYS_DATA": str(tmp_path / "data")},
    )
    assert "giltig" in done.stdout
