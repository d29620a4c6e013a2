"""`spreadkit programme -f json` against `spreadkit team -f json` over the same files.

Generates a programme of 200 sites × 6 rounds × 8 people by default (9,600 answers files, written
as `assess` saves them), and a smaller one of a quarter as many sites to show how memory grows
with the number of sites. Each round runs every command in turn, so that any drift in the
machine's speed falls on every side alike, and prints medians and 90th percentiles of the times,
their ratio, and each side's peak memory, measured in a process of its own
(benchmarks/measure.py), and how much Python's heap holds at its peak at each size, which is
flat but for each site's scores. Target: programme within 1.5× of team.

`team` is given every round's folder (with --allow-duplicates, as the same people answer each
round), so both read the same 9,600 files; `programme` reads each round as a team of its own.

Run: python benchmarks/programme.py [--sites 200] [--rounds-per-site 6] [--people 8] [--rounds 5]
POSIX only.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from measure import generate, machine, run, spread, spreadkit_command

TARGET = 1.5


def make(root: Path, sites: int, rounds: int, people: int) -> list[Path]:
    """The programme's folder; its round folders, in order."""
    folders = []
    for site in range(sites):
        for number in range(rounds):
            folder = root / f"site {site:04d}" / f"2026-{number + 1:02d} round"
            generate(folder, people, seed=site * 100 + number)
            folders.append(folder)
    return folders


def heap_peak(root: Path) -> float:
    """The most memory, in MiB, that reading and building the programme held at once in
    Python's own heap (tracemalloc), read here without helper processes: unlike a process's
    peak, it does not move when helpers start on a larger programme."""
    import gc
    import tracemalloc

    from spreadkit.model.programme import programme
    from spreadkit.readers import teams
    from spreadkit.readers.banks import load_bank
    from spreadkit.readers.programme import read_programme

    bank = load_bank()
    teams.HELPERS_FROM = 10**9
    read_programme(bank, root, lambda said: None)
    gc.collect()
    tracemalloc.start()
    try:
        programme(bank, read_programme(bank, root, lambda said: None))
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--rounds-per-site", type=int, default=6)
    parser.add_argument("--people", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sizes = (max(args.sites // 4, 1), args.sites)
    base = Path(tempfile.mkdtemp(prefix="spreadkit-programme-"))
    times: dict[tuple[str, int], list[float]] = {}
    peaks: dict[tuple[str, int], float] = {}
    heaps: dict[int, float] = {}
    try:
        commands = {}
        for sites in sizes:
            root = base / str(sites)
            folders = make(root, sites, args.rounds_per_site, args.people)
            team = [*spreadkit_command(), "team", "-f", "json", "--allow-duplicates"]
            commands["programme", sites] = [
                *spreadkit_command(),
                "programme",
                "-f",
                "json",
                str(root),
            ]
            commands["team", sites] = [*team, *map(str, folders)]
            heaps[sites] = heap_peak(root)
        for round_ in range(args.rounds + 1):
            for key, command in commands.items():
                done = run(command)
                if round_:  # the first round warms the file cache and is not counted
                    times.setdefault(key, []).append(done.elapsed)
                    peaks[key] = max(peaks.get(key, 0.0), done.peak)
    finally:
        shutil.rmtree(base)
    print(f"{machine()}; {args.rounds} rounds, median (90th percentile)")
    print(
        f"{'sites':>6} {'files':>7}  {'programme -f json':>18}  {'team -f json':>14}  ratio  peak MiB (programme / team)"
    )
    for sites in sizes:
        files = sites * args.rounds_per_site * args.people
        ratios = [
            p / t for p, t in zip(times["programme", sites], times["team", sites], strict=True)
        ]
        print(
            f"{sites:>6} {files:>7,}  {spread(times['programme', sites]):>16} s"
            f"  {spread(times['team', sites]):>12} s  {statistics.median(ratios):.2f}×"
            f"  {peaks['programme', sites]:.0f} / {peaks['team', sites]:.0f}"
        )
    small, large = sizes
    per_site = (heaps[large] - heaps[small]) / (large - small) * 1024
    print(
        f"Python heap at its peak (reading and building, no helpers): {heaps[small]:.1f} MiB at "
        f"{small} sites, {heaps[large]:.1f} MiB at {large}: {per_site:.1f} KiB more per site "
        "(its rounds' scores), whatever its rounds hold"
    )
    worst = statistics.median(
        p / t for p, t in zip(times["programme", sizes[1]], times["team", sizes[1]], strict=True)
    )
    print(f"target: programme within {TARGET}× of team: {'met' if worst <= TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
