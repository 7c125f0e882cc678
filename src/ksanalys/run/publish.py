"""The report folder on disk: a year's report appears whole or not at all.

Layout of the output folder ``<out>``::

    index.html                  links to every year's report present
    <year>/                     the last complete report of that year:
        <notebook>.html           one page per chapter
        <notebook>.ipynb          the executed notebook it was rendered from
        index.html                the year's contents
        run.json                  the run record
    <year>.failed/              executed notebooks that failed in the last failed run
        .ksanalys-failed          marks the folder as ksanalys's (see ksanalys.run.outdir)
    .staging-<year>-<pid>-<id>/ a report being written (same file system as <year>/)
    .old-<year>-<pid>-<id>/     the previous report while the new one is moved in
    .trash-<year>-<pid>-<id>/   being deleted

Everything of a year is written into its staging folder; only when all of it is there is
the folder swapped in (:meth:`YearStage.commit`: rename the old report away, rename the new
one in, delete the old). Until then, and whatever happens (a failing notebook, Ctrl-C, an
exception), ``<out>/<year>`` keeps the previous report untouched. Leftovers of a process
that was killed are cleaned up by :func:`recover` at the next run.

Nothing published names a local path: an executed notebook is written with the data folder
by its name and the notebook and staging folders left out (:func:`write_notebook`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import threading
import uuid
from pathlib import Path

from ksanalys.run import outdir
from ksanalys.run.outdir import RUN_RECORD, inside

_LEFTOVER = re.compile(r"\.(staging|old|trash)-(\d+)-(\d+)-[0-9a-f]+\Z")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _token(year: int) -> str:
    return f"{year}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


@contextlib.contextmanager
def _signals_deferred():
    """Hold back Ctrl-C and SIGTERM (main thread only) so two renames happen together."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a reader sees the old or the new file)."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_notebook(path: Path, nb, local_paths: dict[str, str]) -> None:
    """Write executed notebook ``nb`` to ``path`` with every local path in its strings
    replaced by what ``local_paths`` shows instead (longest path first). ``nb`` is changed."""
    import nbformat

    _replace_strings(nb, sorted(local_paths.items(), key=lambda item: -len(item[0])))
    nbformat.write(nb, path)


def _replace_strings(node, replacements: list[tuple[str, str]]) -> None:
    """Replace, in place, every local path in the strings of a notebook node (dicts and
    lists of strings, as nbformat reads them)."""
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in list(items):
        if isinstance(value, str):
            for path, shown in replacements:
                value = value.replace(path, shown)
            node[key] = value
        elif isinstance(value, dict | list):
            _replace_strings(value, replacements)


def recover(out_dir: Path) -> None:
    """Undo what a killed run left: restore a report swapped out, delete unfinished ones."""
    if not out_dir.is_dir():
        return
    for entry in sorted(out_dir.iterdir()):
        match = _LEFTOVER.match(entry.name)
        if not match or _alive(int(match.group(3))):
            continue
        kind, year = match.group(1), match.group(2)
        target = out_dir / year
        if kind == "old" and not target.exists():
            os.rename(entry, target)
        else:
            shutil.rmtree(entry, ignore_errors=True)


class YearStage:
    """The staging folder of one year's report inside ``out_dir``."""

    def __init__(self, out_dir: Path, year: int) -> None:
        self.out_dir = out_dir
        self.year = year
        self.target = inside(out_dir, str(year))
        self.failed_dir = outdir.failed_dir(out_dir, year)
        out_dir.mkdir(parents=True, exist_ok=True)
        self.path = out_dir / f".staging-{_token(year)}"
        self.path.mkdir()
        self.done = False

    def file(self, name: str) -> Path:
        """Path of file ``name`` in the staging folder (a plain name, checked)."""
        return inside(self.path, name)

    def commit(self) -> None:
        """Swap the staged report in for ``<out>/<year>``; drop an older failed run's notes."""
        old = self.out_dir / f".old-{_token(self.year)}"
        with _signals_deferred():
            had_old = self.target.exists()
            if had_old:
                os.rename(self.target, old)
            try:
                os.rename(self.path, self.target)
            except BaseException:
                if had_old:
                    os.rename(old, self.target)
                raise
            self.done = True
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(self.failed_dir, ignore_errors=True)

    def keep_failed(self, names: list[str]) -> Path:
        """Move the executed notebooks ``names`` to ``<out>/<year>.failed/`` (emptied first)
        and delete the staging folder; the report in ``<out>/<year>`` stays as it was."""
        kept = self.out_dir / f".trash-{_token(self.year)}"
        kept.mkdir()
        outdir.mark_failed(kept)
        for name in names:
            source = self.file(name)
            if source.exists():
                os.rename(source, kept / name)
        with _signals_deferred():
            previous = self.out_dir / f".trash-{_token(self.year)}"
            if self.failed_dir.exists():
                os.rename(self.failed_dir, previous)
            os.rename(kept, self.failed_dir)
        shutil.rmtree(previous, ignore_errors=True)
        self.discard()
        return self.failed_dir

    def discard(self) -> None:
        """Delete the staging folder (a no-op once committed)."""
        if not self.done:
            shutil.rmtree(self.path, ignore_errors=True)
            self.done = True


def year_reports(out_dir: Path) -> list[tuple[int, str | None]]:
    """Years with a complete report in ``out_dir`` and the time each was run (None if unknown)."""
    found: list[tuple[int, str | None]] = []
    if not out_dir.is_dir():
        return found
    for entry in out_dir.iterdir():
        if re.fullmatch(r"\d{4}", entry.name) and (entry / "index.html").is_file():
            try:
                started = json.loads((entry / RUN_RECORD).read_text(encoding="utf-8"))["started"]
            except (OSError, ValueError, KeyError, TypeError):
                started = None
            found.append((int(entry.name), started))
    return sorted(found)


def board_reports(root: Path) -> list[tuple[str, str, list[int]]]:
    """The boards with a complete report under ``root`` (reports of a data folder with
    several boards, in ``<root>/<board>/<year>/``): (board id, the report's title as its
    run record gives it, the years), in board order."""
    from ksanalys.present.text.titles import report_title

    found: list[tuple[str, str, list[int]]] = []
    if not root.is_dir():
        return found
    for entry in sorted(root.iterdir()):
        years = year_reports(entry) if entry.is_dir() and not entry.name.startswith(".") else []
        if not years:
            continue
        try:
            record = json.loads((entry / str(years[-1][0]) / "run.json").read_text("utf-8"))
            title = report_title(str(record["board_genitive"]))
        except (OSError, ValueError, KeyError, TypeError):
            title = entry.name
        found.append((entry.name, title, [year for year, _ in years]))
    return found
