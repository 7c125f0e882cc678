"""The output folder of ``ksanalys report`` and how ksanalys knows what in it is its own:
the one place that decides "is this ours", before anything is written or replaced.

A folder is ksanalys's when it carries the marker file :data:`MARKER` (written when ksanalys
creates or first claims the folder). Refused, with one line, before the data is read
(:func:`check`):

- the file system root, the home folder and the source checkout's root, whatever they hold;
- an existing folder that is not empty and not ksanalys's.

Claimed without the marker (folders of versions before the marker): the source checkout's
``reports/`` and a folder whose ``index.html`` is a ksanalys report index.

Inside the folder ksanalys replaces only its own entries (:func:`prepare`): a year's
report ``<year>/`` holds its run record :data:`RUN_RECORD`, a failed run's ``<year>.failed/``
holds :data:`FAILED_MARKER`, and ``index.html`` carries :data:`INDEX_MARKER`. Names that
become files or folders there are plain names that cannot lead outside it (:func:`inside`).
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from ksanalys.errors import KsanalysError
from ksanalys.paths import default_out_dir, source_checkout

MARKER = ".ksanalys-reports"
RUN_RECORD = "run.json"  # in every published <out>/<year>/
FAILED_SUFFIX = ".failed"
FAILED_MARKER = ".ksanalys-failed"  # in every <out>/<year>.failed/
INDEX_MARKER = "<!-- ksanalys: rapportindex -->"  # in <out>/index.html
_MARKER_NOTE = (
    "Den här mappen skapades av ksanalys report och innehåller dess rapporter. "
    "ksanalys skriver bara i mappar som är tomma eller har den här filen.\n"
)
_FAILED_NOTE = (
    "Anteckningsböcker som misslyckades i den senaste körningen av ksanalys report; "
    "mappen tas bort eller ersätts vid nästa körning.\n"
)
# A name that becomes a file or folder name in the report: no separators, no dot first.
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_OS_REASONS = {
    errno.ENOTDIR: "en del av sökvägen är ingen mapp",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOSPC: "disken är full",
}


def is_plain_name(name: str) -> bool:
    """Whether ``name`` may be a file or folder name in the report (letters, digits,
    ``_ . -``, not starting with a dot)."""
    return bool(_SAFE_NAME.match(name)) and name not in {".", ".."}


def inside(folder: Path, *names: str) -> Path:
    """``folder/names...``, refusing any name that could lead outside ``folder``.

    Each name must be a plain name (:func:`is_plain_name`) and the resolved path, symbolic
    links followed, must stay inside ``folder``.
    """
    for name in names:
        if not is_plain_name(name):
            raise KsanalysError(f"otillåtet namn i rapportmappen: {name!r}")
    path = folder.joinpath(*names)
    if not path.resolve().is_relative_to(folder.resolve()):
        raise KsanalysError(f"{path} pekar ut ur rapportmappen {folder}")
    return path


def _forbidden(resolved: Path) -> str | None:
    """Why ``resolved`` may never be an output folder, or None."""
    if resolved == Path(resolved.anchor):
        return "är filsystemets rot"
    if resolved == Path.home().resolve():
        return "är hemmappen"
    root = source_checkout()
    if root is not None and resolved == root.resolve():
        return "är projektets rotmapp"
    return None


def _is_index(path: Path, length: int | None = None) -> bool:
    """Whether ``path`` is a report index ksanalys wrote (it carries the index marker);
    ``length``: look only at its beginning."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return INDEX_MARKER in text[:length]


def _legacy(folder: Path) -> bool:
    """Whether ``folder`` was written by a version of ksanalys from before the marker."""
    if folder.resolve() == default_out_dir().resolve():
        return True
    return _is_index(folder / "index.html", 4096)


def is_ours(folder: Path) -> bool:
    """Whether ksanalys made ``folder`` (it holds the marker, or is a pre-marker report)."""
    return (folder / MARKER).is_file() or _legacy(folder)


def check(out_dir: Path) -> None:
    """Raise KsanalysError unless ``out_dir`` may become or stay ksanalys's output folder.
    Reads nothing but the folder itself; changes nothing. (An empty ``--out`` is refused by
    the command line: as a Path it is already ``.``.)"""
    resolved = out_dir.expanduser().resolve()
    why = _forbidden(resolved)
    if why:
        raise KsanalysError(f"{out_dir} {why}; välj en egen mapp för rapporten med --out")
    if not resolved.is_dir() or is_ours(resolved):
        return
    try:
        with os.scandir(resolved) as entries:
            empty = next(entries, None) is None
    except OSError as error:
        raise KsanalysError(f"rapportmappen {out_dir} kan inte läsas ({error.strerror})") from None
    if not empty:
        raise KsanalysError(
            f"{out_dir} är inte tom och skapades inte av ksanalys; "
            "välj en ny eller tom mapp för --out"
        )


def claim(out_dir: Path) -> None:
    """Mark the existing folder ``out_dir`` as ksanalys's output folder."""
    marker = out_dir / MARKER
    if not marker.is_file():
        marker.write_text(_MARKER_NOTE, encoding="utf-8")


def _foreign(path: Path, why: str) -> KsanalysError:
    return KsanalysError(
        f"{path} {why} och skulle skrivas över; ta bort den eller välj en annan --out"
    )


def prepare(out_dir: Path, years: tuple[int, ...]) -> None:
    """Create ``out_dir`` if needed and claim it; then refuse it if a report run on ``years``
    would replace anything there that ksanalys did not write: ``<year>/`` without its run
    record, ``<year>.failed/`` without its marker, or an ``index.html`` without the index
    marker."""
    if os.path.lexists(out_dir) and not out_dir.is_dir():
        raise KsanalysError(f"{out_dir} finns och är ingen mapp")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = _OS_REASONS.get(error.errno or 0, error.strerror or str(error))
        raise KsanalysError(f"rapportmappen {out_dir} kan inte skapas ({reason})") from None
    claim(out_dir)
    for year in years:
        report = inside(out_dir, str(year))
        if os.path.lexists(report) and not (report / RUN_RECORD).is_file():
            raise _foreign(report, f"är ingen ksanalys-analys ({RUN_RECORD} saknas)")
        failed = failed_dir(out_dir, year)
        if os.path.lexists(failed) and not (failed / FAILED_MARKER).is_file():
            raise _foreign(failed, "är ingen mapp från en misslyckad ksanalys-körning")
    index = out_dir / "index.html"
    if os.path.lexists(index) and not _is_index(index):
        raise _foreign(index, "är inte skriven av ksanalys")


def failed_dir(out_dir: Path, year: int) -> Path:
    """``<out>/<year>.failed/``: the executed notebooks of the year's last failed run."""
    return inside(out_dir, f"{year}{FAILED_SUFFIX}")


def mark_failed(folder: Path) -> None:
    """Mark ``folder`` as holding a failed run's notebooks (see :func:`prepare`)."""
    (folder / FAILED_MARKER).write_text(_FAILED_NOTE, encoding="utf-8")


def mark_index(page: str) -> str:
    """The index page ``page`` (an HTML document) with the index marker after its doctype."""
    doctype, _, rest = page.partition("\n")
    return f"{doctype}\n{INDEX_MARKER}\n{rest}"
