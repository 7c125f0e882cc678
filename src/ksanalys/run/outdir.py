"""The output folder of ``ksanalys report``: refused before any work unless ksanalys may
write there.

A folder is ksanalys's when it carries the marker file :data:`MARKER` (written when ksanalys
creates or first claims the folder). Refused, with one line, before the data is read:

- the file system root, the home folder and the source checkout's root, whatever they hold;
- an existing folder that is not empty and not ksanalys's.

Claimed without the marker (folders of versions before the marker): the source checkout's
``reports/`` and a folder whose ``index.html`` is a ksanalys report index.
"""

from __future__ import annotations

import os
from pathlib import Path

from ksanalys.errors import KsanalysError
from ksanalys.paths import default_out_dir, source_checkout

MARKER = ".ksanalys-reports"
INDEX_MARKER = "<!-- ksanalys: rapportindex -->"  # in <out>/index.html
_MARKER_NOTE = (
    "Den här mappen skapades av ksanalys report och innehåller dess rapporter. "
    "ksanalys skriver bara i mappar som är tomma eller har den här filen.\n"
)


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


def _legacy(folder: Path) -> bool:
    """Whether ``folder`` was written by a version of ksanalys from before the marker."""
    if folder.resolve() == default_out_dir().resolve():
        return True
    try:
        head = (folder / "index.html").read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError:
        return False
    return INDEX_MARKER in head


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
