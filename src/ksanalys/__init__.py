"""ksanalys: analysis of a kommunstyrelse's annual accounts (bokslut)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ksanalys")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"
