"""The Makefile's help names the three ways in: make run, make start and make test."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_make_help_lists_run_start_and_test():
    result = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    targets = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("  make")]
    assert {"run", "start", "test"} <= set(targets)
    start = next(line for line in result.stdout.splitlines() if line.startswith("  make start"))
    assert "empty portal" in start
