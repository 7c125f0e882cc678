"""Load stage: where a board's files are in a data folder.

A data folder holds one board's files (flat, as the shipped ``data/``) or one folder per
board (``<data>/<board_id>/``, each with its board.csv) beside files that every board
shares (kommun.csv, documents.csv, sources.csv, public indicators …). A board reads a file
of a name from the shared folder and from its own folder, shared rows first: its own rows
add to the shared ones, so that adding a board, or a year of one board, touches no file
another board reads but the shared ones it chooses to add to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ksanalys.errors import DataError, KsanalysError
from ksanalys.load.read import read_table
from ksanalys.load.schema import BOARD
from ksanalys.paths import default_data_dir

__all__ = ["BoardFolder", "board_folder", "boards"]


@dataclass(frozen=True)
class BoardFolder:
    """Where one board's files are: its own ``folder`` and the ``shared`` data folder above
    it (None for a flat data folder, which is the board's folder itself)."""

    folder: Path
    shared: Path | None = None

    def paths(self, file: str) -> list[Path]:
        """The files of that name the board reads, shared first then its own (empty when
        there is none)."""
        places = [self.folder] if self.shared is None else [self.shared, self.folder]
        return [place / file for place in places if (place / file).exists()]


def _board_folders(data_dir: Path) -> list[Path]:
    """The board folders of a data folder with several boards (none for a flat one)."""
    if (data_dir / BOARD.file).exists():
        return []
    return sorted(
        child
        for child in data_dir.iterdir()
        if child.is_dir() and not child.name.startswith(".") and (child / BOARD.file).is_file()
    )


def _flat_board_id(data_dir: Path) -> str | None:
    """The board id of a flat data folder's board.csv (None if it cannot be read)."""
    try:
        board = read_table(data_dir / BOARD.file, BOARD)
    except KsanalysError:
        return None
    return str(board["board_id"].iloc[0]) if len(board) == 1 else None


def boards(data_dir: Path | str | None = None) -> list[str]:
    """The board ids a data folder holds: its board folders' names, or the one board of
    a flat folder (none when it has no readable board.csv)."""
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    if not folder.is_dir():
        return []
    found = _board_folders(folder)
    if found:
        return [child.name for child in found]
    board = _flat_board_id(folder)
    return [board] if board is not None else []


def board_folder(data_dir: Path | str | None = None, board: str | None = None) -> BoardFolder:
    """The folder of ``board`` in ``data_dir`` (default: the only board there).

    Raises KsanalysError (one line) when ``board`` is not there, or when the folder holds
    several boards and none is named; a folder without board.csv anywhere is read as one
    flat board, so that the load lists every file it lacks.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    if not folder.is_dir():
        raise DataError(str(folder), "en mapp med datafiler (CSV)")
    found = _board_folders(folder)
    if not found:
        if board:
            flat = _flat_board_id(folder)
            if flat is not None and flat != board:
                raise KsanalysError(_no_such_board(board, [flat], folder))
        return BoardFolder(folder)
    names = [child.name for child in found]
    if not board:
        if len(found) > 1:
            raise KsanalysError(
                f"{folder} innehåller flera nämnder: {', '.join(names)}; välj en med --board"
            )
        return BoardFolder(found[0], folder)
    if board not in names:
        raise KsanalysError(_no_such_board(board, names, folder))
    return BoardFolder(folder / board, folder)


def _no_such_board(board: str, names: list[str], folder: Path) -> str:
    return f"nämnden {board!r} finns inte i {folder}; tillgängliga nämnder: {', '.join(names)}"
