"""Habits the code keeps: small modules and functions a reader can follow.

- no module in src/ over :data:`MAX_MODULE_LINES` lines;
- no function or method with a cyclomatic complexity (radon, as ``xenon`` in ``make lint``
  counts it: branches, loops, boolean operators, comprehensions) above
  :data:`MAX_COMPLEXITY`.

``make lint`` enforces the complexity limit too (``xenon --max-absolute C``: at most 20).
"""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit

import ksanalys

PACKAGE = Path(ksanalys.__file__).parent
MAX_MODULE_LINES = 500
MAX_COMPLEXITY = 20


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def long_modules() -> set[str]:
    return {
        _name(p)
        for p in _modules()
        if len(p.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES
    }


def complex_blocks() -> dict[str, int]:
    found = {}
    for path in _modules():
        for block in cc_visit(path.read_text(encoding="utf-8")):
            blocks = [block, *getattr(block, "methods", [])]
            for item in blocks:
                if item.complexity > MAX_COMPLEXITY:
                    found[f"{_name(path)}:{item.name}"] = item.complexity
    return found


def test_no_module_is_too_long():
    assert long_modules() == set()


def test_no_function_is_too_complex():
    assert complex_blocks() == {}


def test_the_complexity_count_sees_boolean_operators():
    source = "def f(a, b, c):\n    if a and b or c:\n        return 1\n    return 0\n"
    assert cc_visit(source)[0].complexity == 4
