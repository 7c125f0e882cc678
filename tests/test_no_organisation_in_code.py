"""No organisation in the code: every unit id, board id and name and kommun name of the
shipped data and of the made-up second board (tests/fixtures/kultur_fritid) is absent from
src/, strings, comments and docstrings included. The organisation is data
(:mod:`ksanalys.load.organisation`); an example in a docstring uses a neutral name."""

from __future__ import annotations

import ast
import io
import re
import tokenize
import unicodedata
from pathlib import Path

import pytest

from ksanalys.load import load_dataset

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "ksanalys"
BOARDS = (ROOT / "data", Path(__file__).parent / "fixtures" / "kultur_fritid")


def folded(text: str) -> str:
    """Lower case without diacritics: "Södertälje" → "sodertalje"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def organisation_words(folder: Path) -> tuple[set[str], set[str], set[str]]:
    """(names, ids that are words of their own, ids that are also ordinary words)."""
    ds = load_dataset(folder)
    org = ds.organisation
    names = {
        org.board.name,
        org.board.in_text,
        org.board.genitive,
        org.kommun.name,
        org.kommun.short_name,
        org.kommun.genitive,
    }
    ids = {org.board_id, org.kommun.kommun_id, *(unit.unit_id for unit in org.units)}
    ids |= {scope.scope for scope in org.scopes if scope.label and scope.label[0].isupper()}
    distinct = {i for i in ids if "_" in i or i in (org.board_id, org.kommun.kommun_id)}
    return names, distinct, ids - distinct


def source_files() -> list[Path]:
    files = sorted(SRC.rglob("*.py"))
    assert len(files) > 50  # the whole package, not an empty glob
    return files


def comments_and_strings(path: Path) -> tuple[list[str], list[str]]:
    """Every comment, and every string constant (docstrings and f-string parts included)."""
    text = path.read_text(encoding="utf-8")
    comments = [
        token.string
        for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type == tokenize.COMMENT
    ]
    strings = [
        node.value
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    return comments, strings


def occurrences(path: Path, names: set[str], distinct: set[str], plain: set[str]) -> set[str]:
    """The names and ids of the organisation that ``path`` holds: a name in any case and
    spelling of its letters, anywhere; a distinct id as a word of its own, anywhere; an id
    that is also an ordinary word ("ekonomi") as a value in a string or comment (alone, or
    between ':', '{', '}' or quotes, as in an expression)."""
    text = path.read_text(encoding="utf-8")
    bare = folded(text)
    found = {name for name in names if folded(name) in bare}
    found |= {
        key
        for key in distinct
        if re.search(rf"(?<![A-Za-z0-9_]){re.escape(key)}(?![A-Za-z0-9_])", text)
    }
    comments, strings = comments_and_strings(path)
    for key in plain:
        as_value = re.compile(rf"(?:^|[{{:'\"]){re.escape(key)}(?:$|[}}:'\"])")
        if any(s == key or as_value.search(s) for s in strings + comments):
            found.add(key)
    return found


@pytest.mark.parametrize("folder", BOARDS, ids=lambda p: p.name)
def test_no_name_or_id_of_the_organisation_is_in_the_code(folder):
    words = organisation_words(folder)
    assert all(words)  # the data gives something to look for
    found = {
        str(path.relative_to(SRC)): sorted(hits)
        for path in source_files()
        if (hits := occurrences(path, *words))
    }
    assert found == {}


def test_the_search_finds_a_name_an_id_and_a_plain_id(tmp_path):
    """A module that names the shipped board in a docstring, its office in a comment and a
    department in a string is found out for each of them; neutral words are not."""
    module = tmp_path / "m.py"
    module.write_text(
        '"""Analys av KOMMUNSTYRELSENS bokslut i Sodertalje."""\n'
        "# ks_kontor is the office\n"
        "UNIT = '{departments:ekonomi:result}'\n"
        "TEXT = 'ekonomin och hr-frågor'\n",
        encoding="utf-8",
    )
    found = occurrences(module, *organisation_words(BOARDS[0]))
    # The board's name in its three forms, the kommun's short name, the office, a department.
    board = {"Kommunstyrelsen", "kommunstyrelsen", "kommunstyrelsens"}
    assert found == {*board, "Södertälje", "ks_kontor", "ekonomi"}
