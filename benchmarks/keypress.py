"""How quickly `spreadkit assess` answers a keypress: the time from pressing a key to the next
thing to answer being drawn, in a real pseudo-terminal.

Answers the first four principles' questions (33 in bank 1.2.0) as a person would: Enter on the rating
(the rating prompt gives way to the note) and Enter on the note (the next question is drawn), 66
presses in all. Prints the median and the 90th percentile over every press, for each kind of press
and for all, against the targets (median ≤ 25 ms, 90th percentile ≤ 50 ms).

The terminal answers prompt_toolkit's requests for the cursor's position, as a person's does.
Each press is made as soon as the prompt it answers is drawn (the worst case), or with --pause
after as long as a person takes to read it: while a note is written, spreadkit makes the next
question's prompt ahead.

Run: python benchmarks/keypress.py [--rounds 3] [--pause 0.3]
POSIX only (pexpect drives a pseudo-terminal).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect
import pyte

PRINCIPLES = ("complexity", "leadership", "individual", "benefit")
MEDIAN_TARGET, P90_TARGET = 0.025, 0.050
LINES, COLUMNS = 40, 120


def spreadkit_command() -> list[str]:
    """The console script, as people run it."""
    script = Path(sys.executable).parent / ("spreadkit.exe" if os.name == "nt" else "spreadkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "spreadkit"]


class Terminal:
    """What the person's terminal does: keeps the screen spreadkit draws (pyte) and answers a
    request for the cursor's position at once, as a real terminal does, so prompt_toolkit works
    as it does for a person rather than being told the terminal cannot answer."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.screen.write_process_input = child.send
        self.stream = pyte.Stream(self.screen)
        self.unread = ""

    def until(self, text: str) -> float:
        """Read until `text` is drawn; returns the moment it was seen, before the screen is
        brought up to date (a terminal's own drawing is not spreadkit's time)."""
        seen_at = None
        while seen_at is None:
            chunk = self.child.read_nonblocking(65536, timeout=30)
            self.unread += chunk
            if text in self.unread:
                seen_at = time.perf_counter()
                self.unread = self.unread[self.unread.index(text) + len(text) :]
            self.stream.feed(chunk)
        return seen_at


def one_round(work: Path, pause: float = 0.0) -> tuple[list[float], list[float]]:
    """Times for Enter on a rating and Enter on a note, over one whole sitting, each press made
    `pause` seconds after the prompt it answers was drawn."""
    for leftover in work.glob("keys.json*"):
        leftover.unlink()
    narrowed = [word for p in PRINCIPLES for word in ("-p", p)]
    command = [*spreadkit_command(), "assess", *narrowed, "-o", "keys.json"]
    command += ["--title", "Benchmark", "--team", "Ward"]
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("PROMPT_TOOLKIT_NO_CPR", None)
    child = pexpect.spawn(
        command[0],
        command[1:],
        cwd=str(work),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(LINES, COLUMNS),
    )
    # pexpect waits 50 ms before each send by default: that would be counted as spreadkit's.
    child.delaybeforesend = None
    terminal = Terminal(child)
    ratings: list[float] = []
    notes: list[float] = []
    terminal.until("Description:")
    from spreadkit.readers.banks import load_bank

    bank = load_bank(None)
    questions = sum(len(p.questions) for p in bank.chosen(list(PRINCIPLES)))
    for number in range(questions):
        time.sleep(pause)
        child.send("3")
        start = time.perf_counter()
        child.send("\r")
        ratings.append(terminal.until("Note") - start)
        time.sleep(pause)
        start = time.perf_counter()
        child.send("\r")
        last = number == questions - 1
        notes.append(terminal.until("What to do next" if last else "Description:") - start)
    child.expect(pexpect.EOF)
    child.close()
    return ratings, notes


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3, help="whole sittings to time")
    parser.add_argument(
        "--pause",
        type=float,
        default=0.0,
        help="seconds between a prompt drawn and the key pressed: 0, at once, is the worst case; "
        "a person reading the prompt takes a few tenths of a second at the least",
    )
    args = parser.parse_args()
    ratings: list[float] = []
    notes: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.rounds):
            more_ratings, more_notes = one_round(Path(folder), args.pause)
            ratings += more_ratings
            notes += more_notes
    every = ratings + notes
    print(
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; {args.rounds} sittings, {len(every)} presses in all, "
        f"each {args.pause:g} s after its prompt was drawn"
    )
    print(f"{'':28}{'median':>8}{'90th pct':>10}")
    for label, values in (
        ("Enter on a rating -> note", ratings),
        ("Enter on a note -> question", notes),
        ("every press", every),
    ):
        print(f"{label:28}{statistics.median(values) * 1000:>6.1f}ms{p90(values) * 1000:>8.1f}ms")
    median, tail = statistics.median(every), p90(every)
    verdict = "met" if median <= MEDIAN_TARGET and tail <= P90_TARGET else "missed"
    print(f"target: median ≤ 25 ms, 90th percentile ≤ 50 ms: {verdict}")


if __name__ == "__main__":
    main()
