"""Every `$ command` example in the README runs as shown and prints what the README says."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, GOLD, ROOT


def _examples() -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for each `$ ` line of the README's sh blocks."""
    examples: list[tuple[str, list[str]]] = []
    in_block = False
    current: list[str] | None = None  # output lines of the block's latest example
    for line in (ROOT / "README.md").read_text("utf-8").splitlines():
        if line.startswith("```"):
            in_block, current = line.strip() == "```sh", None
            continue
        if not in_block:
            continue
        if line.startswith("$ "):
            current = []
            examples.append((line[2:], current))
        elif current is not None and line.strip():
            current.append(line.rstrip())
    return examples


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(CORPUS, folder / "corpus")
    shutil.copytree(GOLD / "bilingual", folder / "tests" / "gold" / "bilingual")
    return folder


def test_readme_has_examples() -> None:
    assert len(_examples()) >= 10


def test_readme_examples_run_as_shown(workdir: Path) -> None:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for command, expected in _examples():  # in order: later examples use earlier files
        result = subprocess.run(
            command, shell=True, cwd=workdir, capture_output=True, text=True, env=env,
            timeout=120, executable="/bin/bash",
        )  # fmt: skip
        assert result.returncode == 0, (command, result.stderr)
        output = (result.stdout + result.stderr).splitlines()
        printed = [line.rstrip() for line in output if line.strip()]
        assert printed == expected, command
