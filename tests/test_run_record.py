"""The run record: git state of a checkout, JSON form and footer lines."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

import ksanalys
from ksanalys.run.record import RunRecord, git_state, new_record
from ksanalys.run.render import annex_rows

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder, *args):
    subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def test_no_git_checkout_gives_no_commit(tmp_path):
    assert git_state(tmp_path) == (None, None)


@needs_git
def test_commit_and_dirty_flag_of_a_checkout(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "a.txt").write_text("1", encoding="utf-8")
    git(tmp_path, "add", "a.txt")
    git(tmp_path, "commit", "-q", "-m", "första")
    head = subprocess.run(
        ["git", "-C", str(tmp_path), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    assert git_state(tmp_path) == (head, False)
    (tmp_path / "a.txt").write_text("2", encoding="utf-8")
    assert git_state(tmp_path) == (head, True)


@needs_git
def test_a_checkout_without_commits_has_no_commit(tmp_path):
    git(tmp_path, "init", "-q")
    assert git_state(tmp_path) == (None, None)


def test_record_round_trips_as_json_and_reads_in_swedish(tmp_path):
    record = new_record(tmp_path, "sha256:00", repo=tmp_path).for_year(2013, "sha256:13")
    data = json.loads(record.to_json())
    assert data["year"] == 2013
    assert data["data_dir"] == tmp_path.name  # by its name, never a local path
    assert data["used_data_hash"] == "sha256:13"
    assert data["data_folder_hash"] == "sha256:00"
    assert data["ksanalys_version"] == ksanalys.__version__
    assert data["git_commit"] is None
    assert RunRecord(**data) == record
    lines = dict(annex_rows(record))
    assert lines["År"] == "2013"
    assert lines["Programversion"] == "ingen (inte en git-utcheckning)"
    assert lines["Kontrollsumma för använda data (SHA-256)"] == "sha256:13"
