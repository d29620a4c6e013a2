"""What each further answers file costs `spreadkit team -f json`, against a loop that only
`json.load`s the same files.

Generates two folders (1,000 and 10,000 files by default, written as `assess` saves them). Each
round runs all four processes in turn (team and the loop, on each folder), so that any drift in
the machine's speed falls on every side alike; each round gives a cost per further file for each
side (the slope between the sizes, which leaves start-up out). Prints medians and 90th
percentiles of the times, of the costs per file and of their ratio, and each side's peak memory,
measured in a process of its own (benchmarks/measure.py). Target: a ratio of at most 1.3, in
the time a person waits.

From 8,000 files spreadkit reads with helper processes side by side, so it also prints the
processor time each further file costs, over every process: what the reading costs the machine,
rather than what the person waits.

Run: python benchmarks/team.py [--sizes 1000 10000] [--rounds 7]
POSIX only.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from measure import generate, json_loop, machine, run, spread, spreadkit_command

TARGET = 1.3


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs=2, default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    small, large = args.sizes
    team = [*spreadkit_command(), "team", "-f", "json"]
    root = Path(tempfile.mkdtemp(prefix="spreadkit-bench-"))
    times: dict[tuple[str, int], list[float]] = {}
    processor: dict[tuple[str, int], list[float]] = {}
    peaks: dict[tuple[str, int], float] = {}
    try:
        for size in (small, large):
            generate(root / str(size), size)
        for round_ in range(args.rounds + 1):
            for size in (small, large):
                for side, command in (("team", team), ("loop", json_loop())):
                    done = run([*command, str(root / str(size))])
                    if round_:  # the first round warms the file cache and is not counted
                        times.setdefault((side, size), []).append(done.elapsed)
                        processor.setdefault((side, size), []).append(done.processor)
                        peaks[side, size] = max(peaks.get((side, size), 0.0), done.peak)
    finally:
        shutil.rmtree(root)

    def per_file(side: str, of: dict[tuple[str, int], list[float]] = times) -> list[float]:
        pairs = zip(of[side, small], of[side, large], strict=True)
        return [(b - a) / (large - small) for a, b in pairs]

    team_cost, loop_cost = per_file("team"), per_file("loop")
    team_work, loop_work = per_file("team", processor), per_file("loop", processor)
    ratios = [t / lo for t, lo in zip(team_cost, loop_cost, strict=True)]
    print(f"{machine()}; {args.rounds} rounds, median (90th percentile)")
    print(
        f"{'files':>8}  {'spreadkit team -f json':>24}  {'json.load loop':>18}  peak MiB (team / loop)"
    )
    for size in (small, large):
        print(
            f"{size:>8,}  {spread(times['team', size]):>22} s  {spread(times['loop', size]):>16} s"
            f"  {peaks['team', size]:.0f} / {peaks['loop', size]:.0f}"
        )
    print(
        f"each further file: team {spread(team_cost, 1e6, 0)} µs, loop "
        f"{spread(loop_cost, 1e6, 0)} µs; ratio {spread(ratios)}"
    )
    work = [t / lo for t, lo in zip(team_work, loop_work, strict=True)]
    print(
        f"processor time for each further file, over every process: team "
        f"{spread(team_work, 1e6, 0)} µs, loop {spread(loop_work, 1e6, 0)} µs; ratio {spread(work)}"
    )
    verdict = "met" if statistics.median(ratios) <= TARGET else "missed"
    print(
        f"target: ratio ≤ {TARGET} (median of the rounds): {verdict}; worst round {max(ratios):.2f}"
    )


if __name__ == "__main__":
    main()
