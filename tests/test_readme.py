"""Every Python example in README.md runs as written.

Each ```python block is executed on its own, in a fresh namespace, with the
working folder a copy of the bundled project (the README's examples run in a
project folder, as its ``load_project(".")`` says).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PROJECT_ITEMS = ("appraisal.yaml", "criteria", "weights", "scenarios")


def _python_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


BLOCKS = _python_blocks()


def test_the_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.fixture()
def project_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for item in PROJECT_ITEMS:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, tmp_path / item)
        else:
            shutil.copy2(src, tmp_path / item)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("index", range(len(BLOCKS)), ids=lambda i: f"block{i + 1}")
def test_readme_python_block_runs(index: int, project_folder: Path) -> None:
    code = compile(BLOCKS[index], f"README.md python block {index + 1}", "exec")
    exec(code, {"__name__": "__readme__"})  # noqa: S102 - the README's own example
