"""No dead code: every function, class, method and module-level constant defined in src/ is
used somewhere (src/, the notebooks, the tests, the tools or the benchmarks); a name that
only its definition and its ``__all__`` entry mention is dead."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import ksanalys

PACKAGE = Path(ksanalys.__file__).parent
ROOT = PACKAGE.parents[1]
USERS = ("src", "notebooks", "tests", "tools", "benchmarks")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# Names used from outside the code's reach, each with its reason.
USED_ELSEWHERE = {
    "_ipython_display_",  # IPython calls it to show a chapter output
    "_default_transport",  # traitlets calls it (@default("transport"))
    "terminate",  # jupyter_client calls it on a kernel's process (Popen's interface)
    # The codes a goal's records use, exported as the vocabulary of their columns.
    "DIRECTIONS",
    "OUTCOMES",
    "PROSPECTS",
    "PROSPECT_BASES",
    "REPORT_ASSESSMENTS",
}


def definitions(source: str) -> Counter[str]:
    """The functions, classes and methods ``source`` defines and its module-level names,
    each counted once, twice when ``__all__`` lists it too."""
    tree = ast.parse(source)
    names = [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    exported: list[str] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names += [t.id for t in targets if isinstance(t, ast.Name)]
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            exported = [e.value for e in getattr(node.value, "elts", [])]
    counted = Counter(n for n in names if not (n.startswith("__") and n.endswith("__")))
    return counted + Counter(n for n in exported if n in counted)


def mentions(text: str) -> Counter[str]:
    return Counter(WORD.findall(text))


def dead(defined: Counter[str], used: Counter[str]) -> set[str]:
    """Names mentioned no more often than they are defined."""
    return {name for name, times in defined.items() if used[name] <= times}


def test_no_name_in_src_is_dead():
    used: Counter[str] = Counter()
    for folder in USERS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".ipynb") and ".ipynb_checkpoints" not in path.parts:
                used += mentions(path.read_text(encoding="utf-8"))
    defined: Counter[str] = Counter()
    for path in PACKAGE.rglob("*.py"):
        defined += definitions(path.read_text(encoding="utf-8"))
    assert sorted(dead(defined, used) - USED_ELSEWHERE) == []


def test_the_search_sees_a_dead_name():
    source = (
        '__all__ = ["used", "unused"]\nLIMIT = 3\n\n\ndef used():\n    return LIMIT\n\n\n'
        "def unused():\n    pass\n"
    )
    defined = definitions(source)
    assert defined == Counter({"used": 2, "unused": 2, "LIMIT": 1})
    assert dead(defined, mentions(source + "used()\n")) == {"unused"}
