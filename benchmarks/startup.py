"""Start-up time: spreadkit against a bare Typer app built in the same environment.

Times over repeated runs (each a fresh process, the two sides alternating):
  - `--version`, against Python starting and doing nothing (`python -I -c pass`);
  - `--help`, against the bare app's;
  - `summary FILE -f json`, against the bare app running a command with the same arguments;
  - the time until `assess` draws its first question in a pseudo-terminal, against a bare app that
    imports questionary and draws one select prompt.
Prints the medians and 90th percentiles, the ratios of the medians and the targets. The time
from a keypress to the next question is benchmarks/keypress.py.

Run: python benchmarks/startup.py [--repeat 15]
POSIX only (the prompt timings use a pseudo-terminal through pexpect).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

BARE_APP = '''
from pathlib import Path
import typer

app = typer.Typer()


def version(value: bool) -> None:
    if value:
        typer.echo("bare 1.0")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=version, is_eager=True)) -> None:
    """A bare app."""


@app.command()
def summary(path: Path, format: str = typer.Option("text", "-f")) -> None:
    """Does nothing with the file."""


@app.command()
def ask() -> None:
    """Draws one select prompt, as assess does."""
    import questionary

    questionary.select("Pick one", choices=["0", "1", "2", "3", "4"]).unsafe_ask()


app()
'''


def timed_pair(ours: list[str], theirs: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Wall times of each command, run alternately so that any drift in the machine's speed falls
    on both; two warm-up runs each are not counted."""
    times: tuple[list[float], list[float]] = ([], [])
    for round_ in range(repeat + 2):
        for command, bucket in ((ours, times[0]), (theirs, times[1])):
            start = time.perf_counter()
            subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
            )
            if round_ >= 2:
                bucket.append(time.perf_counter() - start)
    return times


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def _spawn(command: list[str], cwd: str) -> pexpect.spawn:
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color")
    child = pexpect.spawn(
        command[0],
        command[1:],
        cwd=cwd,
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    # pexpect waits 50 ms before each send by default; that would be counted as spreadkit's time.
    child.delaybeforesend = None
    return child


def _time_to_prompt(command: list[str], marker: str, cwd: str) -> float:
    for leftover in Path(cwd).glob("*.json*"):
        leftover.unlink()
    start = time.perf_counter()
    child = _spawn(command, cwd)
    child.expect_exact(marker)
    elapsed = time.perf_counter() - start
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def first_prompts(
    ours: list[str], theirs: list[str], repeat: int, cwd: str
) -> tuple[list[float], list[float]]:
    """Time to the first drawn question for each, alternating; one warm-up run each."""
    times: tuple[list[float], list[float]] = ([], [])
    for round_ in range(repeat + 1):
        mine = _time_to_prompt(ours, "Description:", cwd)
        bare = _time_to_prompt(theirs, "Pick one", cwd)
        if round_:
            times[0].append(mine)
            times[1].append(bare)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    python = sys.executable
    # The console script, as people run it (python -m spreadkit works the same way).
    script = Path(python).parent / ("spreadkit.exe" if os.name == "nt" else "spreadkit")
    spreadkit = [str(script)] if script.exists() else [python, "-m", "spreadkit"]
    with tempfile.TemporaryDirectory() as work:
        bare = [python, str(Path(work) / "bare.py")]
        Path(bare[1]).write_text(BARE_APP, encoding="utf-8")
        answers = Path(work) / "answers.json"
        answers.write_text(
            json.dumps(
                {
                    "format": "spreadkit-answers",
                    "format_version": 1,
                    "bank": {"id": "nhs-spread-adoption", "version": "1.0.0"},
                    "meta": {"title": "Benchmark"},
                    "answers": {"benefit.measure": {"rating": 3, "note": ""}},
                }
            ),
            encoding="utf-8",
        )
        rows = []
        for label, ours, theirs, target in (
            ("--version", [*spreadkit, "--version"], [python, "-I", "-c", "pass"], 2.0),
            ("--help", [*spreadkit, "--help"], [*bare, "--help"], 1.10),
            (
                "summary FILE -f json",
                [*spreadkit, "summary", str(answers), "-f", "json"],
                [*bare, "summary", str(answers), "-f", "json"],
                1.25,
            ),
        ):
            rows.append((label, *timed_pair(ours, theirs, args.repeat), target))
        prompt_repeat = max(args.repeat // 2, 5)
        ours_prompt, bare_prompt = first_prompts(
            [*spreadkit, "assess", "-p", "benefit", "-o", "a.json", "--title", "T", "--team", "X"],
            [*bare, "ask"],
            prompt_repeat,
            work,
        )
        rows.append(("first question drawn", ours_prompt, bare_prompt, 1.30))

    print(
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {args.repeat} runs each "
        f"({prompt_repeat} for prompts); median (90th percentile)"
    )
    print(f"{'':22}{'spreadkit':>16}{'other side':>16}{'ratio':>8}{'target':>9}")
    for label, ours, theirs, target in rows:
        ratio = statistics.median(ours) / statistics.median(theirs)
        verdict = "met" if ratio <= target else "missed"
        print(
            f"{label:22}{_ms(ours):>16}{_ms(theirs):>16}{ratio:>7.2f}x"
            f"{f'≤{target:.2f}x':>9} {verdict}"
        )
    print("other side: python -I -c pass for --version, a bare Typer app for the rest")


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ({p90(values) * 1000:.0f}) ms"


if __name__ == "__main__":
    main()
