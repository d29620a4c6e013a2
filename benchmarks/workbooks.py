"""What a hostile workbook costs spreadkit to refuse, against what the largest legitimate one costs
to read: a survey of 25,000 people answering 40 questions, every cell a different text (the most
the cell limit allows, and the heaviest kind to hold).

Each workbook is built part by part (zip and XML), small on disk, and read in this process:
medians of the wall time over the rounds, and the peak memory the reading allocates (tracemalloc).
Target: every hostile workbook within 1.5 times the legitimate one, in time and in memory
(tests/test_hostile.py asserts the same, in the slow run).

Run: python benchmarks/workbooks.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

from measure import machine

from spreadkit.model.errors import InputFileError
from spreadkit.readers.common import column_letter
from spreadkit.readers.workbooks import workbook_rows

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
TARGET = 1.5


def xlsx(path: Path, sheet: str, strings: str | None = None) -> Path:
    parts = {
        "_rels/.rels": f'<Relationships xmlns="{PACKAGE}"><Relationship Id="r1" '
        f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets><sheet '
        'name="Answers" sheetId="1" r:id="r1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PACKAGE}"><Relationship Id="r1" '
        f'Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r2" '
        f'Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    path.write_bytes(buffer.getvalue())
    return path


def worksheet(body: str, before: str = "") -> str:
    return f'<worksheet xmlns="{MAIN}">{before}<sheetData>{body}</sheetData></worksheet>'


def largest_survey(folder: Path) -> Path:
    rows, columns = 25_000, 40
    letters = [column_letter(c) for c in range(columns)]
    body = "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{x}{r}" t="s"><v>{(r - 1) * columns + c}</v></c>' for c, x in enumerate(letters)
        )
        + "</row>"
        for r in range(1, rows + 1)
    )
    strings = "".join(f"<si><t>{n}</t></si>" for n in range(rows * columns))
    return xlsx(folder / "largest.xlsx", worksheet(body), f'<sst xmlns="{MAIN}">{strings}</sst>')


def hostile(folder: Path) -> dict[str, Path]:
    return {
        "declared dimension A1:XFD1048576": xlsx(
            folder / "dimension.xlsx",
            worksheet(
                '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
                '<dimension ref="A1:XFD1048576"/>',
            ),
        ),
        "one cell at row 1,048,576": xlsx(
            folder / "last-row.xlsx",
            worksheet('<row r="1048576"><c r="A1048576"><v>1</v></c></row>'),
        ),
        "12 million cells in one row": xlsx(
            folder / "one-row.xlsx", worksheet("<row>" + "<c/>" * 12_000_000 + "</row>")
        ),
        "11 million shared strings": xlsx(
            folder / "strings.xlsx",
            worksheet('<row r="1"><c r="A1"><v>1</v></c></row>'),
            f'<sst xmlns="{MAIN}">' + "<si><t>a</t></si>" * 11_000_000 + "</sst>",
        ),
        "199,997 rows reaching column ALL": xlsx(
            folder / "far.xlsx",
            worksheet(
                "".join(
                    f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="ALL{r}"><v>1</v></c></row>'
                    for r in range(1, 199_998)
                )
            ),
        ),
    }


def cost(path: Path, rounds: int) -> tuple[float, float, str]:
    """Median seconds, peak MiB and what was said."""
    said = "read"
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        try:
            workbook_rows(path)
        except InputFileError as exc:
            said = exc.message.split(": ", 1)[1][:70]
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    with contextlib.suppress(InputFileError):
        workbook_rows(path)
    peak = tracemalloc.get_traced_memory()[1] / 1024**2
    tracemalloc.stop()
    return statistics.median(times), peak, said


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        base = largest_survey(where)
        base_time, base_peak, _ = cost(base, args.rounds)
        print(f"{machine()}; median of {args.rounds} rounds")
        size = base.stat().st_size / 1024**2
        print(f"largest legitimate survey ({size:.1f} MB): {base_time:.2f} s, {base_peak:.0f} MiB")
        worst = 0.0
        for name, path in hostile(where).items():
            seconds, peak, said = cost(path, args.rounds)
            ratio = max(seconds / base_time, peak / base_peak)
            worst = max(worst, ratio)
            print(
                f"  {name} ({path.stat().st_size / 1024:.0f} KB): {seconds:.2f} s "
                f"({seconds / base_time:.2f}x), {peak:.0f} MiB ({peak / base_peak:.2f}x); {said}"
            )
        verdict = "met" if worst <= TARGET else "missed"
        print(f"target: every hostile workbook within {TARGET}x in time and memory: {verdict}")


if __name__ == "__main__":
    main()
