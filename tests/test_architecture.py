"""Data flows one way: load → compute → present → run → cli; lower stages never import higher.

Each stage is a subpackage of ksanalys (``load``, ``compute``, ``present``, ``run``, ``cli``);
``base`` is the modules at the top that every stage may use (errors, values).
"""

from __future__ import annotations

import ast
from pathlib import Path

import ksanalys

PACKAGE = Path(ksanalys.__file__).parent
STAGES = ("base", "load", "compute", "present", "intake", "run", "cli")
STAGE_OF_MODULE = {
    "errors": "base",
    "values": "base",
    "paths": "base",
    "__main__": "cli",
    "load": "load",
    "compute": "compute",
    "present": "present",
    "intake": "intake",
    "run": "run",
    "cli": "cli",
}


def stage(module: str) -> str | None:
    """Stage of a dotted module name inside ksanalys (None for the package root)."""
    parts = module.split(".")
    if parts[0] != "ksanalys" or len(parts) == 1:
        return None
    return STAGE_OF_MODULE[parts[1]]


def imported_modules(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return {m for m in found if m.startswith("ksanalys.") and m.split(".")[1] in STAGE_OF_MODULE}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield path, ".".join(parts)


def test_every_module_has_a_stage():
    unknown = [
        m for _, m in modules() if m != "ksanalys" and m.split(".")[1] not in STAGE_OF_MODULE
    ]
    assert unknown == []


def test_no_module_imports_a_higher_stage():
    violations = []
    for path, module in modules():
        own = stage(module)
        if own is None:
            continue
        for imported in imported_modules(path, module):
            other = stage(imported)
            if other is not None and STAGES.index(other) > STAGES.index(own):
                violations.append(f"{module} ({own}) imports {imported} ({other})")
    assert violations == []


def test_the_check_sees_a_violation(tmp_path):
    path = tmp_path / "measures.py"
    path.write_text(
        "from ksanalys.present.plots import net_cost_figure\nimport ksanalys.run.execute\n"
    )
    assert imported_modules(path, "ksanalys.compute.measures") >= {
        "ksanalys.present.plots.net_cost_figure",
        "ksanalys.run.execute",
    }
