"""What one person waits for a report: `export` to Word, HTML, Excel and PowerPoint against
`summary -f json` of the same answers (every question answered, a fifth with a note), run in
turn round by round so drift in the machine's speed falls on all alike. Prints each median
(90th percentile) and its ratio to `summary -f json`, paired round by round. Target: Word, HTML
and Excel each within 1.3 times.

Run: python benchmarks/export.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from measure import generate, machine, run, spread, spreadkit_command

TARGET = 1.3
KINDS = {
    "summary -f json": ["summary", "{file}", "-f", "json"],
    "export -f html": ["export", "{file}", "-f", "html", "-o", "{out}.html", "--force"],
    "export -f docx": ["export", "{file}", "-o", "{out}.docx", "--force"],
    "export -f xlsx": ["export", "{file}", "-o", "{out}.xlsx", "--force"],
    "export -f pptx": ["export", "{file}", "-o", "{out}.pptx", "--force"],
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="spreadkit-export-"))
    generate(folder / "one", 1)
    answers = next((folder / "one").iterdir())
    out = folder / "report"
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for _ in range(args.rounds):
        for kind, words in KINDS.items():
            command = [*spreadkit_command(), *(w.format(file=answers, out=out) for w in words)]
            times[kind].append(run(command).elapsed)
    print(machine())
    print(f"{args.rounds} rounds; median (90th percentile) in seconds, ratio paired round by round")
    floor = times["summary -f json"]
    for kind, values in times.items():
        ratios = [value / base for value, base in zip(values, floor, strict=True)]
        mark = "" if kind == "summary -f json" or "pptx" in kind else f"  target ≤ {TARGET}×"
        print(f"{kind:18} {spread(values)} s   {statistics.median(ratios):.2f}×{mark}")


if __name__ == "__main__":
    main()
