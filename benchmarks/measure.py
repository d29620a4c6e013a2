"""What the benchmarks share: the machine they ran on, the spreadkit command beside this Python,
answers files made as spreadkit saves them, and a whole process timed with its own peak memory.

Peak memory is read in a small launcher process that starts the command: a process forked from
the benchmark itself would count the benchmark's memory as its own (Linux keeps the highest
memory use across the fork and the exec), which hid 30 MiB in earlier figures.
POSIX only (fork and resource).
"""

from __future__ import annotations

import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from spreadkit.model.answers import Answer, AnswersFile, Meta
from spreadkit.readers.banks import load_bank

# Starts the command in a child of its own, with output thrown away; prints the wall time in
# seconds, the peak memory in KiB of the largest process it ran (itself or a helper it started),
# the processor time in seconds of all of them, and its exit code.
LAUNCHER = """
import os, resource, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    nothing = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nothing, 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status = os.waitpid(pid, 0)
elapsed = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, used.ru_maxrss, used.ru_utime + used.ru_stime, os.waitstatus_to_exitcode(status))
"""

# Only reads the files: the floor any reader of JSON files stands on.
JSON_LOOP = """
import json, sys
from pathlib import Path
for path in sorted(Path(sys.argv[1]).iterdir()):
    with path.open(encoding="utf-8") as handle:
        json.load(handle)
"""


def machine() -> str:
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )


def spreadkit_command() -> list[str]:
    """The `spreadkit` command installed beside this Python, as people run it."""
    found = shutil.which("spreadkit", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "spreadkit"]


def json_loop() -> list[str]:
    return [sys.executable, "-c", JSON_LOOP]


def generate(folder: Path, count: int, seed: int = 7) -> None:
    """Answers files exactly as `spreadkit assess` saves them (indented, every field present),
    a fifth of the answers with a note, a few skipped or not applicable."""
    folder.mkdir(parents=True, exist_ok=True)
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
        (folder / f"r{n:06d}.json").write_text(document.to_json(), encoding="utf-8")


class Run(NamedTuple):
    elapsed: float  # wall time, seconds
    peak: float  # MiB, of the largest process
    processor: float  # seconds of processor time, over every process


def run(command: list[str]) -> Run:
    """One whole command, with the helpers it starts, as people run it: with Python's compiled
    modules kept between runs (a shell that sets PYTHONDONTWRITEBYTECODE would have every run
    compile spreadkit afresh, which no installed copy does)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", LAUNCHER, *command],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    elapsed, peak, processor, code = done.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"failed ({code}): {' '.join(command)}")
    return Run(float(elapsed), int(peak) / 1024, float(processor))


def p90(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def spread(values: list[float], unit: float = 1.0, digits: int = 2) -> str:
    """A median with its 90th percentile in brackets."""
    return f"{statistics.median(values) * unit:.{digits}f} ({p90(values) * unit:.{digits}f})"
