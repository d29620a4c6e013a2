"""How fast `spreadkit team` reads many answers files, against a loop that only parses them.

Generates 1,000 and 10,000 synthetic answers files, then times, over repeated runs:
  - `spreadkit team FOLDER -f json` (reads, validates, scores and tallies every file);
  - a plain Python process that only json.load()s the same files.
Both are whole processes, start-up included. Prints the median times, the ratio and each
process's peak memory (maximum resident set size), which should stay flat as the files grow; then
the cost of each further file (the slope between the sizes), which leaves start-up out.

Run: python benchmarks/team.py [--sizes 1000 10000] [--repeat 5]
POSIX only (it reads each child's peak memory with os.wait4).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from spreadkit.answers import Answer, AnswersFile, Meta
from spreadkit.readers.banks import load_bank

LOOP = """
import json, sys
from pathlib import Path
for path in sorted(Path(sys.argv[1]).iterdir()):
    with path.open(encoding="utf-8") as handle:
        json.load(handle)
"""


def generate(folder: Path, count: int, seed: int = 7) -> None:
    """Answers files exactly as `spreadkit assess` saves them (indented, every field present)."""
    bank = load_bank()
    rng = random.Random(seed)
    ids = [q.id for _, q in bank.questions()]
    for n in range(count):
        answers = {}
        for question_id in ids:
            roll = rng.random()
            if roll < 0.08:
                continue
            rating: int | str | None = "n/a" if roll < 0.12 else rng.randint(0, bank.max_value)
            note = f"Note {n} on {question_id}, with a comma" if rng.random() < 0.2 else ""
            answers[question_id] = Answer(rating=rating, note=note)
        meta = Meta(title="Synthetic", respondent=f"person {n}")
        document = AnswersFile.new(bank, meta).model_copy(update={"answers": answers})
        (folder / f"r{n:05d}.json").write_text(document.to_json(), encoding="utf-8")


def run(command: list[str]) -> tuple[float, float]:
    """Wall time in seconds and the child's own peak memory in MiB."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def measure(first: list[str], second: list[str], repeat: int) -> tuple[float, float, float, float]:
    """Median times and peak memories of two commands, run in turn so that drift in the machine's
    speed falls on both alike."""
    runs = [(run(first), run(second)) for _ in range(repeat)]
    return (
        statistics.median(a[0] for a, _ in runs),
        max(a[1] for a, _ in runs),
        statistics.median(b[0] for _, b in runs),
        max(b[1] for _, b in runs),
    )


def spreadkit_command() -> list[str]:
    """The `spreadkit` command installed beside this Python, as people run it."""
    found = shutil.which("spreadkit", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "spreadkit"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    spreadkit = [*spreadkit_command(), "team", "-f", "json"]
    loop = [sys.executable, "-c", LOOP]
    print(
        f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs; "
        f"median of {args.repeat} runs each, taken in turn; timing {' '.join(spreadkit)}"
    )
    print(
        f"{'files':>7}  {'spreadkit team':>15}  {'json.load loop':>15}  {'ratio':>6}  {'peak MiB (team / loop)':>23}"
    )
    root = Path(tempfile.mkdtemp(prefix="spreadkit-bench-"))
    results: list[tuple[int, float, float]] = []
    try:
        for size in args.sizes:
            folder = root / str(size)
            folder.mkdir()
            generate(folder, size)
            team_time, team_peak, loop_time, loop_peak = measure(
                [*spreadkit, str(folder)], [*loop, str(folder)], args.repeat
            )
            print(
                f"{size:>7,}  {team_time:>14.2f}s  {loop_time:>14.2f}s  {team_time / loop_time:>5.2f}x"
                f"  {team_peak:>10.1f} / {loop_peak:<10.1f}"
            )
            results.append((size, team_time, loop_time))
    finally:
        shutil.rmtree(root)
    if len(results) >= 2:
        (small, team_small, loop_small), (large, team_large, loop_large) = results[0], results[-1]
        per_team = (team_large - team_small) / (large - small) * 1e6
        per_loop = (loop_large - loop_small) / (large - small) * 1e6
        print(
            f"each further file: spreadkit team {per_team:.1f} µs, json.load loop {per_loop:.1f} µs, "
            f"ratio {per_team / per_loop:.2f}x"
        )


if __name__ == "__main__":
    main()
