"""The run record: what a report was made from, shown in every page's footer and in run.json.

Fields: ``year``, ``data_dir`` (the data folder by its name, never a local path),
``used_data_hash`` (the hash of the data the year's report used: its vintage, see
:mod:`ksanalys.load.vintage`, so adding a later year to the folder does not change it),
``data_folder_hash`` (of every CSV file the board reads), ``board`` (its board_id) and
``board_genitive`` (its name in the report's title, "nämndens"), ``ksanalys_version``,
``git_commit``
and ``git_dirty`` (None when the package does not run from a git checkout or git is
missing), ``started`` (local time of the run, ISO 8601 with offset), ``revised`` and
``status`` (the status the user gave the report, e.g. "Analysbilaga, utkast"; "" if none).
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

import ksanalys

_REPO = Path(ksanalys.__file__).resolve().parents[2]


@dataclass(frozen=True)
class RunRecord:
    year: int
    data_dir: str
    used_data_hash: str
    data_folder_hash: str
    ksanalys_version: str
    git_commit: str | None
    git_dirty: bool | None
    started: str
    revised: bool = False  # the latest values (--revised), not the first published ones
    status: str = ""  # the report's status as the user gave it (--status)
    board: str = ""  # the board's id (board.csv)
    board_genitive: str = "nämndens"  # the board's name in a title (board.csv genitive)

    @property
    def title(self) -> str:
        """The report's title without the year: "Analys av nämndens bokslut"."""
        from ksanalys.present.text.titles import report_title

        return report_title(self.board_genitive)

    def for_year(self, year: int, used_data_hash: str | None = None) -> RunRecord:
        """The record of the report on ``year``, which used the data hashed ``used_data_hash``
        (default: the whole folder)."""
        return replace(self, year=year, used_data_hash=used_data_hash or self.data_folder_hash)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"


def git_state(repo: Path = _REPO) -> tuple[str | None, bool | None]:
    """``(commit, dirty)`` of the checkout at ``repo``; ``(None, None)`` when there is none."""
    if not (repo / ".git").exists():
        return None, None
    try:
        head = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        if head.returncode != 0:
            return None, None
        status = subprocess.run(
            ["git", "-C", str(repo), "status", "--porcelain"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None, None
    dirty = bool(status.stdout.strip()) if status.returncode == 0 else None
    return head.stdout.strip(), dirty


def new_record(
    data_dir: Path,
    data_hash: str,
    *,
    revised: bool = False,
    status: str = "",
    board: str = "",
    board_genitive: str = "nämndens",
    repo: Path = _REPO,
) -> RunRecord:
    """A record for a run starting now on the folder ``data_dir`` (hashed ``data_hash``);
    ``year`` and the used data's hash are filled in per year with :meth:`for_year`."""
    commit, dirty = git_state(repo)
    return RunRecord(
        year=0,
        data_dir=Path(data_dir).name or str(data_dir),
        used_data_hash=data_hash,
        data_folder_hash=data_hash,
        ksanalys_version=ksanalys.__version__,
        git_commit=commit,
        git_dirty=dirty,
        started=datetime.now().astimezone().isoformat(timespec="seconds"),
        revised=revised,
        status=status,
        board=board,
        board_genitive=board_genitive,
    )
