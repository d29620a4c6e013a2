"""What one laptop handles: `spreadkit team` over 1,000, 10,000 and 100,000 answers files, in every
format a team view can take, so a national programme can see what to expect.

Generates the folders once (files written as `assess` saves them, a fifth of the answers with a
note). Each round runs every format on a folder in turn, so any drift in the machine's speed falls
on all of them alike; every run is a whole process, timed with its own peak memory (measured in a
process of its own: benchmarks/measure.py). Prints, per size and format, the median time (90th
percentile), the processor time over every process (from 8,000 files, helper processes read the
files side by side), the cost of each further file (between the smallest and largest sizes), the
peak memory of the largest process, and the time as a multiple of `-f json`. Targets: text and html within 1.5 times json at
every size, and memory flat in the number of files.

Run: python benchmarks/scale.py [--sizes 1000 10000 100000] [--rounds 3] [--formats json text]
POSIX only. The 100,000 files take about 400 MB of disk and a few minutes to write.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from measure import generate, machine, run, spread, spreadkit_command

FORMATS = ("json", "csv", "text", "markdown", "html", "xlsx", "docx")
WITHIN_OF_JSON = 1.5


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    root = Path(tempfile.mkdtemp(prefix="spreadkit-scale-"))
    times: dict[tuple[int, str], list[float]] = {}
    processor: dict[tuple[int, str], list[float]] = {}
    peaks: dict[tuple[int, str], float] = {}
    try:
        for size in sizes:
            folder = root / str(size)
            generate(folder, size)
            output = root / "out"
            for _ in range(args.rounds):
                for fmt in args.formats:
                    target = output.with_suffix(f".{fmt}")
                    command = [*spreadkit_command(), "team", str(folder), "-f", fmt]
                    command += ["-o", str(target), "--force"]
                    done = run(command)
                    times.setdefault((size, fmt), []).append(done.elapsed)
                    processor.setdefault((size, fmt), []).append(done.processor)
                    peaks[size, fmt] = max(peaks.get((size, fmt), 0.0), done.peak)
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(root)
    report(sizes, args.formats, args.rounds, times, processor, peaks)


def report(
    sizes: list[int],
    formats: list[str],
    rounds: int,
    times: dict[tuple[int, str], list[float]],
    processor: dict[tuple[int, str], list[float]],
    peaks: dict[tuple[int, str], float],
) -> None:
    print(f"{machine()}; {rounds} rounds, median (90th percentile)")
    print(f"{'files':>8}  {'format':<9}{'time':>18}  {'processor':>10}  {'peak':>8}  {'× json':>7}")
    for size in sizes:
        for fmt in formats:
            median = statistics.median(times[size, fmt])
            against = (
                f"{median / statistics.median(times[size, 'json']):.2f}"
                if "json" in formats
                else "-"
            )
            print(
                f"{size:>8,}  {fmt:<9}{spread(times[size, fmt]):>16} s"
                f"  {statistics.median(processor[size, fmt]):>8.2f} s"
                f"  {peaks[size, fmt]:>4.0f} MiB  {against:>7}"
            )
    if len(sizes) < 2:
        return
    small, large = sizes[0], sizes[-1]
    print(f"\neach further file, and memory, from {small:,} to {large:,} files:")
    for fmt in formats:
        cost = (statistics.median(times[large, fmt]) - statistics.median(times[small, fmt])) / (
            large - small
        )
        growth = peaks[large, fmt] - peaks[small, fmt]
        print(
            f"  {fmt:<9}{cost * 1e6:>6.0f} µs per file; peak memory {peaks[small, fmt]:.0f} → "
            f"{peaks[large, fmt]:.0f} MiB ({growth * 1024 / (large - small):.2f} KiB per "
            "further file)"
        )
    if "json" in formats:
        for fmt in ("text", "html"):
            if fmt in formats:
                worst = max(
                    statistics.median(times[size, fmt]) / statistics.median(times[size, "json"])
                    for size in sizes
                )
                verdict = "met" if worst <= WITHIN_OF_JSON else "missed"
                print(f"target: {fmt} within {WITHIN_OF_JSON}× json at every size: {verdict}")


if __name__ == "__main__":
    main()
