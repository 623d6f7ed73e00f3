"""The code passes the project's ruff configuration (pyproject.toml [tool.ruff]) and its import contracts
([tool.importlinter])."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is not installed (pip install -e '.[test]')")
def test_ruff_check_passes():
    targets = [t for t in ("mapviewer", "tests", "benchmarks", "tools") if (REPO / t).is_dir()]
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", *targets],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(importlib.util.find_spec("importlinter") is None, reason="import-linter is not installed (pip install -e '.[test]')")
def test_import_contracts_hold():
    """pyproject's [tool.importlinter] contracts: layers (CLI > Qt > core), a Qt-free core, no cycles."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    command = [str(lint_imports)] if lint_imports.exists() else [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"]
    proc = subprocess.run([*command, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout
