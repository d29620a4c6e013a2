"""The assess flow driven in-process: keys go through prompt_toolkit's pipe input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Keys, typed

from spreadkit.model.bank import Bank

Invoke = Callable[..., Any]
E = Keys.ENTER
META = "--respondent", "Jo", "--team", "Stroke team", "--setting", "Ward 3"


def saved(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def test_a_whole_principle_with_ratings_notes_na_and_skip(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "answers.json"
    report = tmp_path / "report.md"
    # complexity has 6 questions: 3+note, 4, n/a, skip, 0+note, 2
    keys = (
        "Virtual wards"
        + E
        + "3"
        + E
        + "Mapped with the ICS"
        + E
        + "4"
        + E
        + E
        + "n"
        + E
        + E
        + "s"
        + E
        + "0"
        + E
        + "Nobody asked yet"
        + E
        + "2"
        + E
        + E
    )
    result = invoke(
        "assess", "-p", "complexity", "-o", str(out), "--markdown", str(report), *META, keys=keys
    )
    assert result.exit_code == 0, result.output
    data = saved(out)
    assert data["meta"]["title"] == "Virtual wards"
    assert data["meta"]["respondent"] == "Jo" and data["meta"]["setting"] == "Ward 3"
    assert data["answers"] == {
        "complexity.system-changes": {"rating": 3, "note": "Mapped with the ICS"},
        "complexity.interdependencies": {"rating": 4, "note": ""},
        "complexity.no-assumed-transfer": {"rating": "n/a", "note": ""},
        "complexity.approach-fits": {"rating": 0, "note": "Nobody asked yet"},
        "complexity.relationships": {"rating": 2, "note": ""},
    }
    # mean(3, 4, 0, 2) = 2.25 -> 100 * 2.25 / 4 = 56.25, rounded half up to 56.3
    assert "Overall: 56.3 out of 100, Building" in result.output
    assert f"saved in {out}" in result.output.replace("\n", "")
    assert "Principle 1 of 1" in result.output
    # The count moves on with each rating or n/a, not with a skip: 3, 4, n/a, skip, 0, 2.
    counts = [line for line in result.output.splitlines() if line.startswith("Question ")]
    assert [line.split(" · ")[1] for line in counts] == [
        f"{n} of 6 answered so far" for n in (0, 1, 2, 3, 3, 4)
    ]
    text = report.read_text("utf-8")
    assert "| Mapped with the ICS |" in text and "| not answered |" in text


def test_back_revises_the_previous_answer_and_keeps_its_note(
    invoke: Invoke, tmp_path: Path
) -> None:
    out = tmp_path / "answers.json"
    keys = (
        "T"
        + E
        + "1"
        + E
        + "first thoughts"
        + E
        + "b"
        + E  # back from question 2 to question 1
        + "4"
        + E
        + " and more"
        + E  # the note prompt starts with the saved note
        + Keys.CTRL_C
    )
    result = invoke("assess", "-p", "benefit", "-o", str(out), *META, keys=keys)
    assert result.exit_code == 130
    assert saved(out)["answers"] == {
        "benefit.why-worth-it": {"rating": 4, "note": "first thoughts and more"}
    }


def test_prompts_made_ahead_are_taken_only_for_the_prompt_they_were_made_for(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if the person paused on every prompt: each next prompt is made ahead, at once. The
    answers saved are the same, Back included, and a prompt made for a question as it was is not
    used once its answer has changed."""
    from spreadkit.cli import prompts

    monkeypatch.setattr(prompts, "_when_idle", lambda application, work: work())
    taken: list[tuple[str, bool]] = []
    take = prompts.Ahead.take

    def counted(self: prompts.Ahead, key: tuple[object, ...]) -> Any:
        found = take(self, key)
        taken.append((str(key[0]), found is not None))
        return found

    monkeypatch.setattr(prompts.Ahead, "take", counted)
    out = tmp_path / "answers.json"
    keys = "T" + E + "1" + E + "first thoughts" + E + "b" + E + "4" + E + " and more" + E
    result = invoke("assess", "-p", "benefit", "-o", str(out), *META, keys=keys + Keys.CTRL_C)
    assert result.exit_code == 130
    assert saved(out)["answers"] == {
        "benefit.why-worth-it": {"rating": 4, "note": "first thoughts and more"}
    }
    # Question 1 rated, its note (made while it was rated), question 2 (made while the note was
    # written), Back to question 1 (made for it unanswered: made again), its note (made again,
    # with the note saved), and question 2 once more.
    assert taken == [
        ("rating", False),
        ("note", True),
        ("rating", True),
        ("rating", False),
        ("note", True),
        ("rating", True),
    ]


def test_a_prompt_made_ahead_for_another_state_is_not_taken(
    bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spreadkit.cli import prompts
    from spreadkit.model.answers import Answer

    # Prompts are made in a session of their own, as in a sitting: made outside one, they would
    # give every later prompt this process's standard input for a keyboard.
    with typed(""):
        ahead = prompts.Ahead()
        text = "How will you know it works?"
        ahead.rating(bank, text, None)
        assert ahead.take(ahead.rating_key(text, Answer(rating=3, note=""), True)) is None
        assert ahead.take(ahead.rating_key(text, None, True)) is None  # gone once looked for
        ahead.rating(bank, text, None)
        assert ahead.take(ahead.rating_key(text, None, False)) is None
        ahead.rating(bank, text, None)
        monkeypatch.setattr(prompts, "_width", lambda: 200)  # the terminal made wider
        assert ahead.take(ahead.rating_key(text, None, True)) is None
        ahead.note("typed")
        assert ahead.take(ahead.note_key("typed again")) is None
        ahead.note("typed")
        made = ahead.take(ahead.note_key("typed"))
        assert made is not None and made[1] == {"text": "typed"}


def test_ctrl_c_keeps_everything_and_resume_asks_only_what_is_left(
    invoke: Invoke, tmp_path: Path
) -> None:
    out = tmp_path / "answers.json"
    first = invoke(
        "assess",
        "-p",
        "benefit",
        "-o",
        str(out),
        *META,
        keys="Pilot" + E + "2" + E + "why note" + E + "3" + E + Keys.CTRL_C,
    )
    assert first.exit_code == 130
    # The rating chosen before Ctrl-C at the note prompt is kept.
    assert saved(out)["answers"] == {
        "benefit.why-worth-it": {"rating": 2, "note": "why note"},
        "benefit.communicate-why": {"rating": 3, "note": ""},
    }
    assert "2 answers saved in" in first.output
    assert f"spreadkit assess -o {out} --resume --principle benefit" in first.output.replace(
        "\n", ""
    )

    # Resuming starts at question 3; answer the remaining 9 with 1, no notes.
    second = invoke("assess", "-p", "benefit", "-o", str(out), "--resume", keys=("1" + E + E) * 9)
    assert second.exit_code == 0, second.output
    answers = saved(out)["answers"]
    assert len(answers) == 11
    assert answers["benefit.why-worth-it"] == {"rating": 2, "note": "why note"}
    assert answers["benefit.how-recognised"] == {"rating": 1, "note": ""}
    assert saved(out)["meta"]["title"] == "Pilot"
    # mean(2, 3, 1*9) = 14/11 -> 100 * 1.273/4 = 31.8
    assert "Overall: 31.8 out of 100, Early groundwork" in second.output
    assert "answered already" not in second.stderr

    # Resuming a finished file says so, and how to change an answer, and asks nothing.
    third = invoke("assess", "-p", "benefit", "-o", str(out), "--resume", keys="")
    assert third.exit_code == 0, third.output
    said = " ".join(third.stderr.split())
    assert f"Every question in {out} is answered already." in said
    assert f"spreadkit assess -o {out} --revisit" in said and "-q QUESTION_ID" in said


def test_existing_file_asks_resume_restart_or_quit(
    invoke: Invoke, write_answers: Callable[..., Path]
) -> None:
    out = write_answers({"benefit.why-worth-it": (4, "keep me")})
    before = out.read_text("utf-8")

    quit_ = invoke("assess", "-p", "benefit", "-o", str(out), keys=Keys.DOWN + Keys.DOWN + E)
    assert quit_.exit_code == 0
    assert out.read_text("utf-8") == before

    restart = invoke(
        "assess",
        "-p",
        "benefit",
        "-o",
        str(out),
        *META,
        keys=Keys.DOWN + E + "New title" + E + "0" + E + E + Keys.CTRL_C,
    )
    assert restart.exit_code == 130
    assert saved(out)["answers"] == {"benefit.why-worth-it": {"rating": 0, "note": ""}}
    assert saved(out)["meta"]["title"] == "New title"
    backup = out.with_name(out.name + ".bak")
    assert backup.read_text("utf-8") == before

    # Starting again once more keeps the first backup and writes a second.
    second_before = out.read_text("utf-8")
    again = invoke(
        "assess",
        "-p",
        "benefit",
        "-o",
        str(out),
        *META,
        keys=Keys.DOWN + E + "Third" + E + Keys.CTRL_C,
    )
    assert again.exit_code == 130
    assert backup.read_text("utf-8") == before
    assert out.with_name(out.name + ".bak2").read_text("utf-8") == second_before


def test_metadata_is_asked_when_not_given(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "answers.json"
    keys = E + "Virtual wards" + E + "Sam" + E + E + "Community" + E + Keys.CTRL_C
    result = invoke("assess", "-o", str(out), keys=keys)
    assert result.exit_code == 130
    meta = saved(out)["meta"]
    # An empty title is refused, so the first Enter is asked again.
    assert (meta["title"], meta["respondent"], meta["team"], meta["setting"]) == (
        "Virtual wards",
        "Sam",
        "",
        "Community",
    )


def test_the_first_screen_says_how_much_there_is_and_how_to_carry_on(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # a long temporary path is not folded mid-word
    out = tmp_path / "answers.json"
    everything = " ".join(invoke("assess", "-o", str(out), keys=Keys.CTRL_C).stdout.split())
    assert (
        "Self-assessment for planning and reviewing the spread of an innovation in health and care"
        in everything
    )
    assert f"51 questions across 7 principles. Each answer is saved in {out}" in everything
    assert f"to carry on later, type: spreadkit assess -o {out} --resume" in everything

    one = " ".join(
        invoke("assess", "-o", str(out), "-p", "benefit", keys=Keys.CTRL_C).stdout.split()
    )
    assert "11 questions on Benefit." in one
    assert f"type: spreadkit assess -o {out} --resume --principle benefit" in one


def test_ctrl_c_before_anything_is_saved(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "answers.json"
    result = invoke("assess", "-o", str(out), keys=Keys.CTRL_C)
    assert result.exit_code == 130
    assert "nothing was saved" in result.output
    assert not out.exists()


def test_a_broken_existing_file_is_reported_not_overwritten(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "answers.json"
    out.write_text("{not json", encoding="utf-8")
    result = invoke("assess", "-o", str(out), keys="1" + E)
    assert result.exit_code == 1
    assert "not valid JSON" in result.output
    assert out.read_text("utf-8") == "{not json"


def test_a_note_can_span_several_lines(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "answers.json"
    keys = "2" + E + "Line one" + "\x1b" + E + "| Line two" + E + Keys.CTRL_C
    result = invoke(
        "assess", "-p", "benefit", "-o", str(out), "--title", "T", "--team", "X", keys=keys
    )
    assert result.exit_code == 130
    note = saved(out)["answers"]["benefit.why-worth-it"]["note"]
    assert note == "Line one\n| Line two"


def test_ctrl_d_at_a_choice_is_end_of_input(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "answers.json"
    keys = "3" + E + "kept" + E + Keys.CTRL_D
    result = invoke("assess", "-p", "benefit", "-o", str(out), *META, "--title", "T", keys=keys)
    assert result.exit_code == 130
    assert saved(out)["answers"] == {"benefit.why-worth-it": {"rating": 3, "note": "kept"}}


def test_a_half_typed_note_is_kept_when_stopping(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "answers.json"
    keys = "2" + E + "half a thought" + Keys.CTRL_C
    result = invoke("assess", "-p", "benefit", "-o", str(out), *META, "--title", "T", keys=keys)
    assert result.exit_code == 130
    assert saved(out)["answers"] == {
        "benefit.why-worth-it": {"rating": 2, "note": "half a thought"}
    }


def test_long_questions_wrap_between_words_under_the_question_mark(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from spreadkit.cli.prompts import _fitted

    monkeypatch.setenv("COLUMNS", "50")
    text = (
        "How well have you mapped the services, teams and organisations that this innovation "
        "depends on or affects here?"
    )
    lines = _fitted(text).split("\n")
    assert len(lines) == 3
    assert all(len("? " + line) <= 50 for line in lines)
    assert all(line.startswith("  ") and not line.startswith("   ") for line in lines[1:])
    assert " ".join(line.strip() for line in lines) == text  # no word broken

    # The instruction that follows would not fit on the last line, so it gets a line of its own.
    full = _fitted("Is the innovation ready to spread right now?", "(number or letter)")
    assert full == "Is the innovation ready to spread right now?\n  "
    assert _fitted("Ready?", "(number or letter)") == "Ready?"
