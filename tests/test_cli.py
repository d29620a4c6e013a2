from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from spreadkit import __version__

Invoke = Callable[..., Any]


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output == f"spreadkit {__version__}\n"


def test_principles_lists_all_seven(invoke: Invoke) -> None:
    result = invoke("principles", "--no-color")
    assert result.exit_code == 0
    for name in (
        "Complexity",
        "Leadership",
        "Individual",
        "Benefit",
        "Networks",
        "Innovation development",
        "Learning",
    ):
        assert name in result.output


def test_questions_for_one_principle(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = invoke("questions", "benefit", "--no-color")
    assert result.exit_code == 0
    assert "benefit.why-worth-it" in result.output
    assert "complexity.system-changes" not in result.output
    assert "0 Not yet considered" in result.output
    # A question too long for one line carries on under its own text, not under its number.
    lines = result.output.splitlines()
    third = next(i for i, line in enumerate(lines) if "│  3. Which strategic need" in line)
    assert lines[third + 1].startswith("│     way?  (benefit.strategic-need, guide)")


def test_questions_unknown_principle_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("questions", "benfit")
    assert result.exit_code == 2
    assert "unknown principle 'benfit'" in result.output
    assert "Traceback" not in result.output


def test_summary_json(invoke: Invoke, write_answers: Callable[..., Path]) -> None:
    path = write_answers(
        {
            "benefit.why-worth-it": 4,
            "benefit.communicate-why": 2,
            "benefit.measure": "n/a",
            "learning.share": 0,
        }
    )
    result = invoke("summary", str(path), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["spreadkit"] == __version__ and data["kind"] == "summary"
    # benefit: mean(4, 2) / 4 = 75; learning: 0; overall: mean(75, 0) = 37.5
    assert data["overall"] == {"score": 37.5, "band": "Early groundwork"}
    # An average hides a principle that lags: Learning, at 0, is named beside it.
    assert data["weakest"] == {"id": "learning", "name": "Learning", "score": 0.0}
    benefit = next(p for p in data["principles"] if p["id"] == "benefit")
    assert benefit["weight"] == 1 and benefit["target"] is None and benefit["gap"] is None
    assert data["percent_to_target"] is None
    documented = ("id", "name", "score", "band", "rated", "not_applicable", "unanswered", "total")
    assert {k: benefit[k] for k in documented} == {
        "id": "benefit",
        "name": "Benefit",
        "score": 75.0,
        "band": "Established",
        "rated": 2,
        "not_applicable": 1,
        "unanswered": 8,
        "total": 11,
    }
    complexity = next(p for p in data["principles"] if p["id"] == "complexity")
    assert complexity["score"] is None and complexity["band"] is None
    assert data["priorities"] == [
        {"question_id": "learning.share", "principle_id": "learning", "rating": 0}
    ]


def test_summary_text_reads_without_colour(
    invoke: Invoke, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"benefit.why-worth-it": 1, "complexity.system-changes": 4})
    result = invoke("summary", str(path), "--no-color")
    assert result.exit_code == 0
    out = result.output
    assert "\x1b[" not in out
    assert "Overall: 62.5 out of 100, Building" in out
    assert "not scored" in out
    flat = " ".join(out.split())
    assert (
        "1. Benefit: What makes this innovation worth spreading and taking up? (1 Just starting)"
        in flat
    )
    assert "Answered 2 of 51 questions." in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_export_markdown_to_stdout_and_file(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_answers({"benefit.why-worth-it": (3, "Because | reasons")})
    result = invoke("export", str(path), "-f", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Virtual wards\n")
    assert "| Because \\| reasons |" in result.stdout

    report = tmp_path / "report.md"
    assert invoke("export", str(path), "-o", str(report)).exit_code == 0
    assert report.read_text("utf-8") == result.stdout

    again = invoke("export", str(path), "-o", str(report))
    assert again.exit_code == 1
    assert "already exists; use --force" in again.output
    report.write_text("keep me", encoding="utf-8")
    assert invoke("export", str(path), "-o", str(report)).exit_code == 1
    assert report.read_text("utf-8") == "keep me"
    assert invoke("export", str(path), "-o", str(report), "--force").exit_code == 0
    assert report.read_text("utf-8") == result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        ("", "the file is empty"),
        (
            '{"format": "spreadkit-answers",\n "bank": }',
            "line 2, column 10: not valid JSON: a value",
        ),
        ("[1, 2]", "$.format: not a spreadkit answers file"),
        (b"\xff\xfe\x00binary", "not UTF-8 text"),
    ],
)
def test_bad_files_give_one_line_and_exit_1(
    invoke: Invoke, tmp_path: Path, content: str | bytes | None, expected: str
) -> None:
    path = tmp_path / "answers.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    for command in (["summary", str(path)], ["export", str(path)]):
        result = invoke(*command)
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        assert len(lines) == 1, result.output
        assert lines[0].startswith(f"Error: {path}: ")
        assert expected in lines[0]


def test_unknown_question_and_rating_out_of_range(
    invoke: Invoke, write_answers: Callable[..., Path]
) -> None:
    unknown = write_answers({"benefit.nope": 2}, name="a.json")
    result = invoke("summary", str(unknown))
    assert result.exit_code == 1
    assert (
        f"{unknown}: $.answers[\"benefit.nope\"]: unknown question id 'benefit.nope'"
        in result.output
    )

    out_of_range = write_answers({"benefit.measure": 7}, name="b.json")
    result = invoke("summary", str(out_of_range))
    assert result.exit_code == 1
    assert (
        '$.answers["benefit.measure"].rating: rating 7 for \'How will you measure the real benefit '
        "of this change?' is out of range: use 0 to 4" in result.output
    )

    wrong_type = write_answers({"benefit.measure": "high"}, name="c.json")
    result = invoke("summary", str(wrong_type))
    assert result.exit_code == 1
    # One problem for the rating, not one for each kind of value it was tried as.
    assert result.output == (
        f'Error: {wrong_type}: $.answers["benefit.measure"].rating: should be a whole number on '
        'the scale, "n/a" or null (found "high")\n'
    )


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ({"rating": 3, "notes": "typo"}, ".notes: unknown field (is it a typo?)"),
        ("four", ": should be an object, written {...} in JSON"),
        (
            {"rating": True},
            '.rating: should be a whole number on the scale, "n/a" or null (found true)',
        ),
    ],
)
def test_a_malformed_answer_is_named_in_plain_words(
    invoke: Invoke, tmp_path: Path, answer: object, expected: str
) -> None:
    path = tmp_path / "a.json"
    document = {
        "format": "spreadkit-answers",
        "bank": {"id": "nhs-spread-adoption", "version": "1.0.0"},
        "answers": {"benefit.measure": answer},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    result = invoke("summary", str(path))
    assert result.exit_code == 1
    assert result.output == f'Error: {path}: $.answers["benefit.measure"]{expected}\n'


def test_folder_instead_of_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("summary", str(tmp_path))
    assert result.exit_code == 1
    assert "is a folder; give one answers file or sheet" in result.output


def test_assess_without_a_terminal_exits_2_and_names_the_alternative(
    invoke: Invoke, tmp_path: Path
) -> None:
    result = invoke("assess", "-o", str(tmp_path / "a.json"))
    assert result.exit_code == 2
    assert "not a terminal" in result.output
    assert "spreadkit summary" in result.output
    assert not (tmp_path / "a.json").exists()


COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-7]|38;|9[0-7])[0-9;]*m")


def test_colour_can_be_turned_off(
    runner: Any, write_answers: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from spreadkit.cli.commands import app

    path = write_answers({"benefit.why-worth-it": 1, "complexity.system-changes": 4})
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = runner.invoke(app, ["summary", str(path)])
    assert COLOUR.search(coloured.output), "a forced colour terminal should show colour"
    plain = runner.invoke(app, ["summary", str(path), "--no-color"])
    assert not COLOUR.search(plain.output)
    monkeypatch.setenv("NO_COLOR", "1")
    by_env = runner.invoke(app, ["summary", str(path)])
    assert not COLOUR.search(by_env.output)
    # The band is still there in words.
    assert "Building" in plain.output and "Building" in by_env.output
