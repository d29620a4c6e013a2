"""One run of `spreadkit assess`: open or resume the answers file, ask, and save after every answer."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spreadkit import prompts
from spreadkit.answers import AnswersFile, Meta
from spreadkit.bank import Bank, Principle
from spreadkit.files import back_up, load_answers, save_answers
from spreadkit.locks import AnswersLock

if TYPE_CHECKING:
    from rich.console import Console


class Interrupted(Exception):
    """Ctrl-C or end of input at a prompt; carries what was saved so the message can say so."""

    def __init__(self, saved: AnswersFile | None) -> None:
        super().__init__("interrupted")
        self.saved = saved


@dataclass
class Outcome:
    answers: AnswersFile | None  # None when the person chose to leave an existing file alone


class _Saver:
    """Saves atomically and remembers what it saved last, for the message on stopping."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.last: AnswersFile | None = None

    def __call__(self, answers: AnswersFile) -> None:
        save_answers(self.output, answers)
        self.last = answers


def run(
    bank: Bank,
    principles: list[Principle],
    output: Path,
    given: dict[str, str],
    *,
    resume: bool,
    console: Console,
    seed: AnswersFile | None = None,
    targets: dict[str, float] | None = None,
) -> Outcome:
    """Ask what is still to ask. A `seed` (from --from) replaces any file at `output`."""
    save = _Saver(output)
    with AnswersLock(output):
        try:
            return _ask_all(bank, principles, output, given, resume, console, seed, targets, save)
        except (KeyboardInterrupt, EOFError):
            raise Interrupted(save.last) from None


def _ask_all(
    bank: Bank,
    principles: list[Principle],
    output: Path,
    given: dict[str, str],
    resume: bool,
    console: Console,
    seed: AnswersFile | None,
    targets: dict[str, float] | None,
    save: _Saver,
) -> Outcome:
    answers = AnswersFile.new(bank, Meta(**given))
    fresh = True
    if seed is not None:
        fresh = False
        answers = seed.fitted_to(bank).with_meta(**given)
    elif output.exists():
        notices: list[str] = []
        existing = load_answers(output, bank, notices=notices)
        for notice in notices:
            print(f"Note: {notice}", file=sys.stderr)
        save.last = existing
        choice = prompts.ExistingFile.RESUME if resume else prompts.ask_existing_file(str(output))
        if choice is prompts.ExistingFile.QUIT:
            return Outcome(None)
        if choice is prompts.ExistingFile.RESUME:
            fresh = False
            answers = existing.fitted_to(bank).with_meta(**given)
        else:
            backup = back_up(output)
            print(f"The previous answers are kept in {backup}.", file=sys.stderr)

    if targets:
        answers = answers.with_targets(targets)
    to_ask = [] if answers.meta.title else ["title"]
    if fresh and not {"respondent", "team", "setting"} & given.keys():
        to_ask += ["respondent", "team", "setting"]
    for field in to_ask:
        # Each piece is saved as soon as it is typed.
        value = prompts.ask_meta_field(field)
        answers = answers.with_meta(**{field: value})
        save(answers)
    if not to_ask:
        save(answers)

    progress = prompts.Progress(answers)
    prompts.run_walk(bank, principles, progress, save, console, only_unanswered=not fresh)
    return Outcome(progress.answers)


def score_without_prompts(
    bank: Bank,
    output: Path,
    given: dict[str, str],
    seed: AnswersFile | None,
    targets: dict[str, float],
    notices: list[str],
) -> AnswersFile:
    """--no-input: take the answers as they are (from --from, or the file at `output`) and save them."""
    with AnswersLock(output):
        answers = seed if seed is not None else load_answers(output, bank, notices=notices)
        answers = answers.fitted_to(bank).with_meta(**given)
        answers = answers.with_targets(targets)
        save_answers(output, answers)
    return answers


def unanswered(answers: AnswersFile, principles: list[Principle]) -> list[str]:
    return [
        q.id
        for p in principles
        for q in p.questions
        if (a := answers.answers.get(q.id)) is None or not a.is_settled
    ]
