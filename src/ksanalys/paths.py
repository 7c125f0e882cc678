"""Base: where ksanalys looks for its data, notebooks and output folder when none is given.

Only the standard library is imported here, so that the command line can name the defaults
in its help without loading the analysis stack.

ksanalys runs either from a source checkout (``pyproject.toml`` beside ``src/ksanalys``) or
installed from a wheel, where the chapter notebooks are package data in ``ksanalys/_notebooks``
and the data is the user's (``--data``, ``$KSANALYS_DATA`` or ``./data``).
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "KSANALYS_DATA"
NOTEBOOKS_ENV = "KSANALYS_NOTEBOOKS"
PACKAGE = Path(__file__).resolve().parent
PACKAGED_NOTEBOOKS = PACKAGE / "_notebooks"  # in a built wheel (pyproject.toml force-include)


def source_checkout() -> Path | None:
    """The root of the source checkout ksanalys runs from, or None when it is installed."""
    root = PACKAGE.parents[1]
    if PACKAGE.parent.name == "src" and (root / "pyproject.toml").is_file():
        return root
    return None


def default_data_dir() -> Path:
    """``$KSANALYS_DATA``, else ``./data`` if it exists, else the source checkout's data/
    (``./data`` when there is none, so that the error names it)."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    here = Path("data")
    if here.is_dir():
        return here.absolute()
    root = source_checkout()
    return root / "data" if root is not None else here.absolute()


def default_notebooks_dir() -> Path:
    """``$KSANALYS_NOTEBOOKS``, else the notebooks shipped in the package, else the source
    checkout's notebooks/."""
    override = os.environ.get(NOTEBOOKS_ENV)
    if override:
        return Path(override)
    root = source_checkout()
    if PACKAGED_NOTEBOOKS.is_dir() or root is None:
        return PACKAGED_NOTEBOOKS
    return root / "notebooks"


def default_out_dir() -> Path:
    """The source checkout's reports/ (git-ignored), else ``./reports``."""
    root = source_checkout()
    return root / "reports" if root is not None else Path("reports").absolute()
