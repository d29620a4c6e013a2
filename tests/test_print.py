"""Reports on paper: each report of the example workshop printed to A4 as people print them (the
HTML page by Chromium's print to PDF, the Word document through LibreOffice), counted against
its page budget, with the verdict (the overall score) on page 1. Skipped where a program is not
installed (.ci/run installs them)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spreadkit.cli.commands import app

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)
SOFFICE = shutil.which("soffice")
PDFINFO = shutil.which("pdfinfo")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(PDFINFO is None or PDFTOTEXT is None, reason="poppler-utils not installed"),
]
# The most A4 pages each report may take, for the example workshop.
BUDGETS = {"person": 4, "team": 5, "compare": 4, "plan": 3}


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The command for each report, over the example workshop: one person with every question
    answered, a team of six (ten questions to discuss), a later review with the plan, and a
    plan of ten actions."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "examples"))
    from make_workshop import make

    folder = tmp_path_factory.mktemp("workshop")
    make(folder)
    plan = folder / "plan.json"
    result = CliRunner().invoke(app, ["plan", str(folder / "baseline"), "-o", str(plan)])
    assert result.exit_code == 0, result.output
    return {
        "person": ["export", str(folder / "sam.json")],
        "team": ["team", str(folder / "baseline")],
        "compare": [
            "compare",
            str(folder / "baseline"),
            str(folder / "review"),
            "--plan",
            str(plan),
        ],
        "plan": ["plan", "--from", str(plan)],
    }


def _written(args: list[str], path: Path) -> Path:
    result = CliRunner().invoke(app, [*args, "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _pages(pdf: Path) -> tuple[int, str]:
    """How many pages, and the words on the first."""
    assert PDFINFO is not None and PDFTOTEXT is not None
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True)
    pages = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )
    first = subprocess.run(
        [PDFTOTEXT, "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return pages, first.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_the_html_report_prints_within_its_budget(
    workshop: dict[str, list[str]], name: str, tmp_path: Path
) -> None:
    assert CHROMIUM is not None
    page = _written(workshop[name], tmp_path / f"{name}.html")
    pdf = tmp_path / f"{name}.pdf"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            capture_output=True,
            check=True,
            timeout=120,
        )
    pages, first = _pages(pdf)
    assert pages <= BUDGETS[name]
    if name != "plan":
        assert "Overall: " in first


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_the_word_report_prints_within_its_budget(
    workshop: dict[str, list[str]], name: str, tmp_path: Path
) -> None:
    assert SOFFICE is not None
    document = _written(workshop[name], tmp_path / f"{name}.docx")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(document),
            ],
            capture_output=True,
            check=True,
            timeout=180,
        )
    pages, first = _pages(tmp_path / f"{name}.pdf")
    assert pages <= BUDGETS[name]
    if name != "plan":
        assert "Overall: " in first
