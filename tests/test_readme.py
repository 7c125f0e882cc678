"""The README's example "Använd i en anteckningsbok" runs as written and prints the 2013
figures."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from ksanalys.load import default_data_dir

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## Använd i en anteckningsbok"


def example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert SECTION in text
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    assert len(blocks) == 1, "one python block in the section"
    return blocks[0]


def test_the_example_uses_the_top_level_api():
    code = example()
    assert code.startswith("import ksanalys as ks\n")
    assert "ksanalys." not in code.replace("import ksanalys as ks", "")


def test_the_example_runs_as_written(tmp_path):
    script = tmp_path / "example.py"
    script.write_text(example(), encoding="utf-8")
    env = dict(os.environ, MPLBACKEND="Agg", KSANALYS_DATA=str(default_data_dir()))
    result = subprocess.run(
        [sys.executable, "-W", "error", str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    board = next(line for line in result.stdout.splitlines() if "Kommunstyrelsen totalt" in line)
    # "Summa 284 697 … 0,6" and kommunbidrag 293 963 as printed
    assert "284697" in board and "293963" in board and "0.558" in board
    assert "Sjukfrånvaro: +0.27 procentenheter per år (4 år)" in result.stdout
    for name in ("budgetavvikelse.png", "sjukfranvaro.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")
