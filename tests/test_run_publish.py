"""The report folder: staging, the swap, failed runs and leftovers of killed runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ksanalys.run.outdir import FAILED_MARKER
from ksanalys.run.publish import YearStage, recover, write_text, year_reports


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def listing(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    (folder / "2013").mkdir(parents=True)
    (folder / "2013" / "index.html").write_text("gammal", encoding="utf-8")
    (folder / "2013" / "borttagen.html").write_text("gammal", encoding="utf-8")
    return folder


def test_commit_replaces_the_whole_year(out):
    (out / "2013.failed").mkdir()
    stage = YearStage(out, 2013)
    write_text(stage.file("index.html"), "ny")
    assert listing(out / "2013") == {"borttagen.html": "gammal", "index.html": "gammal"}
    stage.commit()
    assert listing(out / "2013") == {"index.html": "ny"}
    assert sorted(p.name for p in out.iterdir()) == ["2013"]


def test_commit_of_a_first_report(tmp_path):
    stage = YearStage(tmp_path / "ny", 2012)
    write_text(stage.file("run.json"), "{}")
    stage.commit()
    assert listing(tmp_path / "ny") == {"2012/run.json": "{}"}


def test_discard_leaves_the_year_untouched(out):
    before = listing(out)
    stage = YearStage(out, 2013)
    write_text(stage.file("index.html"), "halvfärdig")
    stage.discard()
    assert listing(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["2013"]


def test_keep_failed_moves_the_notebooks_and_replaces_an_older_failure(out):
    (out / "2013.failed").mkdir()
    (out / "2013.failed" / "äldre.ipynb").write_text("äldre", encoding="utf-8")
    before = listing(out / "2013")
    stage = YearStage(out, 2013)
    write_text(stage.file("02_ekonomi.ipynb"), "fel")
    write_text(stage.file("01_sammanfattning.ipynb"), "ok")
    kept = stage.keep_failed(["02_ekonomi.ipynb"])
    assert kept == out / "2013.failed"
    assert set(listing(kept)) == {"02_ekonomi.ipynb", FAILED_MARKER}
    assert listing(kept)["02_ekonomi.ipynb"] == "fel"
    assert listing(out / "2013") == before
    assert sorted(p.name for p in out.iterdir()) == ["2013", "2013.failed"]


def test_recover_restores_a_report_swapped_out_by_a_killed_run(out):
    pid = dead_pid()
    (out / "2013").rename(out / f".old-2013-{pid}-abcd1234")
    (out / f".staging-2013-{pid}-abcd1234").mkdir()
    (out / f".trash-2012-{pid}-abcd1234").mkdir()
    recover(out)
    assert sorted(p.name for p in out.iterdir()) == ["2013"]
    assert listing(out / "2013") == {"borttagen.html": "gammal", "index.html": "gammal"}


def test_recover_deletes_an_old_copy_when_the_new_one_is_in_place(out):
    pid = dead_pid()
    (out / f".old-2013-{pid}-abcd1234").mkdir()
    recover(out)
    assert sorted(p.name for p in out.iterdir()) == ["2013"]


def test_recover_leaves_a_running_process_alone(out):
    import os

    staging = out / f".staging-2013-{os.getpid()}-abcd1234"
    staging.mkdir()
    recover(out)
    assert staging.exists()


def test_year_reports_lists_complete_years_with_their_time(out):
    (out / "2012").mkdir()  # no index.html: not a report
    (out / "2013.failed").mkdir()
    (out / "2011").mkdir()
    (out / "2011" / "index.html").write_text("x", encoding="utf-8")
    (out / "2011" / "run.json").write_text(json.dumps({"started": "t"}), encoding="utf-8")
    assert year_reports(out) == [(2011, "t"), (2013, None)]
    assert year_reports(out / "saknas") == []


def test_write_text_leaves_no_temporary_file(tmp_path):
    write_text(tmp_path / "a.html", "ett")
    write_text(tmp_path / "a.html", "två")
    assert listing(tmp_path) == {"a.html": "två"}
