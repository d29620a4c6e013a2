"""Property-based: whatever file a command is given, it ends with exit 0, 1 or 2 and a plain
message, never a traceback. Random and mutated answers files, sheets and banks go to every
command that reads them. Derandomised, so a run is repeatable. With CI set (as `.ci/run` sets it)
the counts add up to well over 1,000 examples; without it a quick few per test (conftest.py).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from conftest import ROOT
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from spreadkit.cli.commands import app
from spreadkit.model.answers import as_data
from spreadkit.model.errors import InputFileError
from spreadkit.readers.answers import answers_from, plain_answers
from spreadkit.readers.banks import load_bank

RUNS = settings(
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
RUNNER = CliRunner()
BANK = json.loads((ROOT / "data" / "principles.json").read_text("utf-8"))
EXAMPLE_BANK = json.loads((ROOT / "examples" / "workshop-bank.json").read_text("utf-8"))

ODD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.sampled_from("\x00\ufeff\u202e|#<>\"',\n\r\t"),
    max_size=40,
)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | ODD_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ODD_TEXT, inner, max_size=4),
    max_leaves=12,
)


def valid_answers() -> dict[str, Any]:
    answers = {}
    for i, principle in enumerate(BANK["principles"]):
        for j, question in enumerate(principle["questions"]):
            answers[question["id"]] = {
                "rating": (i + j) % 5 if j % 4 else "n/a",
                "note": f"note {i}.{j}",
            }
    return {
        "format": "spreadkit-answers",
        "format_version": 1,
        "bank": {"id": BANK["id"], "version": BANK["version"]},
        "meta": {"title": "Fuzz", "respondent": "R"},
        "answers": answers,
    }


def paths_in(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths_in(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths_in(value, (*prefix, index))


@st.composite
def mutated(draw: st.DrawFn, document: dict[str, Any]) -> Any:
    """The document with a few places replaced, removed or added to."""
    doc: Any = copy.deepcopy(document)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        places = list(paths_in(doc))
        path = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if not path:
            doc = draw(JSON_VALUES) if action == "replace" else doc
            continue
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        if action == "replace":
            parent[last] = draw(JSON_VALUES)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(ODD_TEXT)] = draw(JSON_VALUES)
    return doc


def encoded(document: Any) -> st.SearchStrategy[bytes]:
    text = json.dumps(document, ensure_ascii=False)
    return st.sampled_from(
        [
            text.encode("utf-8"),
            b"\xef\xbb\xbf" + text.encode("utf-8"),
            text.encode("utf-16"),
            text[: len(text) // 2].encode("utf-8"),
        ]
    )


FILE_BYTES = st.one_of(
    st.binary(max_size=200),
    st.just(b""),
    st.just(b"\xef\xbb\xbf"),
    ODD_TEXT.map(lambda t: t.encode("utf-8")),
    JSON_VALUES.map(lambda v: json.dumps(v).encode("utf-8")),
    st.just(b"[" * 5000 + b"]" * 5000),
    mutated(valid_answers()).flatmap(encoded),
)


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def handled(*args: str) -> None:
    result = RUNNER.invoke(app, list(args))
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    assert "went wrong inside" not in result.stderr, result.stderr
    if result.exit_code:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        if args[:2] == ("bank", "validate") and not lines:
            # validate's list of problems is its output: the file, how many, then one per line.
            assert re.match(r".+: \d+ problems?:$", result.stdout.splitlines()[0]), result.stdout
            return
        assert lines, f"{args}: failed without a message"
        assert all(line.startswith(("Error: ", "Note: ", "Skipped ")) for line in lines), lines


def answers_commands(path: Path, out: Path) -> list[list[str]]:
    return [
        ["summary", str(path), "-f", "json"],
        ["summary", str(path)],
        ["export", str(path), "-f", "csv"],
        ["export", str(path), "-f", "html"],
        ["explain", str(path)],
        ["team", str(path), "-f", "json"],
        ["compare", str(path), str(path)],
        ["assess", "--from", str(path), "--no-input", "-o", str(out)],
    ]


@RUNS
@given(content=FILE_BYTES, suffix=st.sampled_from([".json", ".csv"]))
def test_any_answers_file_is_handled(content: bytes, suffix: str) -> None:
    with folder() as where:
        path = where / f"answers{suffix}"
        path.write_bytes(content)
        for command in answers_commands(path, where / "out.json"):
            handled(*command)


def sheet_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


@st.composite
def sheets(draw: st.DrawFn) -> bytes:
    header = ["principle_id", "principle", "question_id", "question", "rating", "note"]
    header = draw(
        st.permutations(header).flatmap(
            lambda h: st.lists(st.sampled_from(h), min_size=1, max_size=7)
        )
    )
    ids = [q["id"] for p in BANK["principles"] for q in p["questions"]]
    cell = st.one_of(
        st.sampled_from(ids),
        st.sampled_from(["0", "4", "7", "-1", "n/a", "N/A", "Mostly in place", "", "3.5", "1e9"]),
        ODD_TEXT,
    )
    rows = draw(st.lists(st.lists(cell, max_size=8), max_size=60))
    text = sheet_text([header, *rows])
    prefix = draw(st.sampled_from(["", "\ufeff"]))
    return (prefix + text).encode("utf-8")


@RUNS
@given(content=sheets())
def test_any_sheet_is_handled(content: bytes) -> None:
    with folder() as where:
        path = where / "sheet.csv"
        path.write_bytes(content)
        for command in answers_commands(path, where / "out.json"):
            handled(*command)


@RUNS
@given(document=mutated(EXAMPLE_BANK), extra=FILE_BYTES, raw=st.booleans())
def test_any_bank_is_handled(document: Any, extra: bytes, raw: bool) -> None:
    with folder() as where:
        path = where / "bank.json"
        path.write_bytes(extra if raw else json.dumps(document).encode("utf-8"))
        for command in (
            ["bank", "validate", str(path)],
            ["principles", "--bank", str(path)],
            ["questions", "--bank", str(path)],
            ["template", "--bank", str(path)],
        ):
            handled(*command)


@RUNS
@given(files=st.lists(FILE_BYTES, min_size=1, max_size=4))
def test_any_team_folder_is_handled(files: list[bytes]) -> None:
    with folder() as where:
        team = where / "team"
        team.mkdir()
        for number, content in enumerate(files):
            (team / f"p{number}.json").write_bytes(content)
        handled("team", str(team))
        handled("team", str(team), "-f", "html", "--names")
        handled("compare", str(team), str(team / "p0.json"), "-f", "json")


def test_folders_and_missing_files_are_handled() -> None:
    with folder() as where:
        a_file = where / "plain.json"
        a_file.write_text("{}", encoding="utf-8")
        for target in (
            where,
            where / "missing.json",
            a_file / "inside.json",
            where / "missing.csv",
        ):
            for command in answers_commands(target, where / "out.json"):
                handled(*command)
            handled("bank", "validate", str(target))
            handled("principles", "--bank", str(target))
        empty = where / "empty"
        empty.mkdir()
        handled("team", str(empty))


# Values close to what a field holds, and to its limits: where two readers would part.
NEAR = st.sampled_from(
    [
        0,
        4,
        5,
        -1,
        1.0,
        True,
        "3",
        "n/a",
        "N/A",
        None,
        "",
        "x" * 10000,
        "x" * 10001,
        {},
        [],
        "2026-11-27T10:00:00Z",
        "2026-13-01",
        1e308,
        10**25,
        "sha256:0",
        {"benefit": 50},
        {"benefit": 150},
        {"nowhere": 10},
        BANK["version"],
        "1.0.0",
    ]
)


@st.composite
def near_valid(draw: st.DrawFn) -> Any:
    """A file as spreadkit saves it, with none to three values changed to ones close by."""
    doc = valid_answers()
    doc["meta"].update(created="2026-11-27T10:00:00Z", updated="2026-11-27T10:05:00Z")
    doc["targets"] = {}
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        path = draw(st.sampled_from(list(paths_in(doc))[1:]))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()) or not isinstance(parent, dict):
            # A copy: NEAR's {} and [] are one object each, shared by every example, and an
            # example that changed one would change what the next draws from.
            parent[path[-1]] = copy.deepcopy(draw(NEAR | JSON_VALUES))
        else:
            del parent[path[-1]]
    return doc


@RUNS
@given(content=near_valid().flatmap(encoded))
def test_the_quick_way_through_a_team_reads_only_what_the_careful_way_reads_alike(
    content: bytes,
) -> None:
    """A team's files are read the quick way when they can be; whatever it takes, the careful
    way (the one every other command uses) takes too, with the same person and answers."""
    bank = load_bank()
    quick = plain_answers(content, bank)
    event("left to the careful way" if quick is None else "read the quick way")
    if quick is None:
        return
    try:
        careful = answers_from(Path("answers.json"), content, bank, True, [])
    except InputFileError as exc:
        raise AssertionError(f"taken the quick way, refused the careful way: {exc}") from None
    respondent, answers, comments, answered = quick
    assert respondent == careful.meta.respondent
    assert answers == as_data(careful.answers)
    assert comments == careful.comments
    assert answered == careful.answered()
