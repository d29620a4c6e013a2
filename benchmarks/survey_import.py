"""`spreadkit import` of a survey against openpyxl's own read-only load of the same workbook.

Builds a Microsoft Forms export (its own columns, then every question of the bank, a comment
question after each principle, then Name) of 1,000 and of 10,000 responses, and times, each in a
process of its own and in turn round by round, `spreadkit import responses.xlsx -o DIR --force`
against a Python that only loads the workbook with openpyxl (read-only) and walks its rows: the
floor any reader of the workbook stands on. Prints medians (90th percentile), the ratio paired
round by round, and what each further response costs, to show the import grows with its rows,
not their square. Target: 10,000 rows within 2× of openpyxl's load.

Run: python benchmarks/survey_import.py [--sizes 1000 10000] [--rounds 5]
POSIX only.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from measure import machine, run, spread, spreadkit_command
from openpyxl import Workbook

from spreadkit.readers.banks import load_bank

TARGET = 2.0
OPENPYXL_LOAD = """
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], read_only=True)
for sheet in book.worksheets:
    for row in sheet.iter_rows(values_only=True):
        pass
"""


def survey(path: Path, responses: int, seed: int = 11) -> None:
    """A workbook laid out as Microsoft Forms exports one, every rating as Forms writes a choice
    ("3 Mostly in place"), a comment on a principle in one response in five."""
    bank = load_bank()
    rng = random.Random(seed)
    labels = [f"{level.value} {level.label}" for level in bank.scale]
    header = ["ID", "Start time", "Completion time", "Email", "Name"]
    layout: list[str | None] = []  # a question's column (None), or a comment's principle
    for principle in bank.principles:
        header += [q.text for q in principle.questions]
        layout += [None] * len(principle.questions)
        header.append(f"Comments on {principle.name}")
        layout.append(principle.id)
    header.append("Name")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    sheet.append(header)
    start = datetime(2026, 11, 20, 9, 0)
    for n in range(1, responses + 1):
        row: list[object] = [n, start + timedelta(minutes=n), start + timedelta(minutes=n + 9)]
        row += [f"person{n}@nhs.example", None]
        for kind in layout:
            if kind is None:
                row.append(rng.choice(labels))
            else:
                row.append(f"Comment {n} on {kind}" if rng.random() < 0.2 else None)
        row.append(f"Person {n}")
        sheet.append(row)
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="spreadkit-import-"))
    times: dict[tuple[str, int], list[float]] = {}
    try:
        commands = {}
        for size in args.sizes:
            path = base / f"responses-{size}.xlsx"
            survey(path, size)
            out = base / f"answers-{size}"
            commands["import", size] = [
                *spreadkit_command(),
                "import",
                str(path),
                "-o",
                str(out),
                "--force",
            ]
            commands["openpyxl", size] = [sys.executable, "-c", OPENPYXL_LOAD, str(path)]
        for round_ in range(args.rounds + 1):
            for key, command in commands.items():
                done = run(command)
                if round_:  # the first round warms the file cache and is not counted
                    times.setdefault(key, []).append(done.elapsed)
    finally:
        shutil.rmtree(base)
    print(f"{machine()}; {args.rounds} rounds, median (90th percentile)")
    print(f"{'rows':>7}  {'spreadkit import':>18}  {'openpyxl load':>16}  ratio")
    for size in args.sizes:
        ratios = [
            i / o for i, o in zip(times["import", size], times["openpyxl", size], strict=True)
        ]
        print(
            f"{size:>7,}  {spread(times['import', size]):>16} s"
            f"  {spread(times['openpyxl', size]):>14} s  {statistics.median(ratios):.2f}×"
        )
    if len(args.sizes) > 1:
        small, large = min(args.sizes), max(args.sizes)
        for side in ("import", "openpyxl"):
            extra = statistics.median(times[side, large]) - statistics.median(times[side, small])
            print(f"each further row, {side}: {extra / (large - small) * 1e6:.0f} µs")
    largest = max(args.sizes)
    worst = statistics.median(
        i / o for i, o in zip(times["import", largest], times["openpyxl", largest], strict=True)
    )
    print(
        f"target: {largest:,} rows within {TARGET}× of openpyxl's load: "
        f"{'met' if worst <= TARGET else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
