"""ksanalys: analysis of a municipal board's (nämnd's) annual accounts (bokslut).

In a notebook::

    import ksanalys as ks

    kf = ks.key_figures(2013)            # a DataFrame: one row per unit and for the board
    ks.charts.deviation(kf)               # the report's chart from that frame
    ks.fit_trend(ks.indicator("sjukfranvaro")).slope

The names below are imported when first used, so ``import ksanalys`` stays cheap (no
pandas). See :mod:`ksanalys.present.explore.api` and :mod:`ksanalys.present.explore.charts`.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("ksanalys")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

_API = "ksanalys.present.explore.api"
_LAZY = {
    "load_data": _API,
    "key_figures": _API,
    "ratios": _API,
    "goal_status": _API,
    "findings": _API,
    "indicator": _API,
    "fit_trend": _API,
    "Chart": "ksanalys.present.plots",
}
_MODULES = {"charts": "ksanalys.present.explore.charts"}

__all__ = ["__version__", *_LAZY, *_MODULES]


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value: Any = importlib.import_module(_MODULES[name])
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module 'ksanalys' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, *_MODULES})
