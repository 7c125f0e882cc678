"""Fixtures shared by several test files. Kept small: add only what more than one file needs."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

FIXTURE_NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"


@pytest.fixture(scope="session")
def copy_notebooks():
    """``copy(folder, *names)``: copy fixture notebooks from tests/fixtures/notebooks/ into
    ``folder`` (created if needed) and return the folder."""

    def copy(folder: Path, *names: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy(FIXTURE_NOTEBOOKS / name, folder / name)
        return folder

    return copy


@dataclass
class Page:
    """An HTML page as parsed: every start tag with its attributes, the visible text (not
    inside style or script) and the contents of style elements."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: str = ""
    styles: list[str] = field(default_factory=list)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._texts: list[str] = []
        self._inside: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.page.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("style", "script"):
            self._inside.append(tag)

    def handle_endtag(self, tag):
        if self._inside and self._inside[-1] == tag:
            self._inside.pop()

    def handle_data(self, data):
        if not self._inside:
            self._texts.append(data)
        elif self._inside[-1] == "style":
            self.page.styles.append(data)


@pytest.fixture(scope="session")
def parse_html():
    """``parse(text) -> Page``."""

    def parse(text: str) -> Page:
        parser = _PageParser()
        parser.feed(text)
        parser.close()
        parser.page.text = "".join(parser._texts)
        return parser.page

    return parse
