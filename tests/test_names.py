"""One word for one concept in the code: the granskning of a report is a *check*
(``ksanalys check``, :mod:`ksanalys.compute.check`, ``present/text/check*.py``). The reader's
word "granskning" names the chapter (its notebook and module) and stays in Swedish text; no
identifier calls the same thing a review, a reconciliation or a granskning."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import ksanalys

PACKAGE = Path(ksanalys.__file__).parent
OTHER_WORDS = re.compile(r"review|reconcil|granskning", re.IGNORECASE)


def identifiers(source: str) -> set[str]:
    """The names ``source`` defines or uses: functions, classes, variables, arguments,
    attributes and imported names (not module paths)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found.add(node.name)
        elif isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.arg):
            found.add(node.arg)
        elif isinstance(node, ast.alias):
            found.add((node.asname or node.name).rsplit(".", 1)[-1])
    return found


def test_the_check_has_one_name_in_code():
    found = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name in identifiers(path.read_text(encoding="utf-8"))
        # The chapter module is named after its notebook, 04_granskning.
        if OTHER_WORDS.search(name) and name != "granskning"
    }
    assert found == set()


def test_the_search_sees_another_word():
    source = "def review_text(a):\n    reconciled = granskning_rows(a)\n"
    assert {n for n in identifiers(source) if OTHER_WORDS.search(n)} == {
        "review_text",
        "reconciled",
        "granskning_rows",
    }
