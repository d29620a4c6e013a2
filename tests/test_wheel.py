"""The built wheel carries the bank and works in a fresh virtual environment, away from this checkout."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_wheel_installs_into_a_fresh_venv_and_finds_its_bank(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
    )
    (wheel,) = dist.glob("spreadkit-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "spreadkit/data/principles.json" in archive.namelist()

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(bin_dir / "spreadkit"), "principles", "--no-color"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Innovation development" in result.stdout
    module = subprocess.run(
        [str(bin_dir / "python"), "-m", "spreadkit", "--version"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert module.stdout.startswith("spreadkit ")
