"""The interactive assessment: questionary prompts, one question at a time, saving after every answer."""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from spreadkit.answers import NOT_APPLICABLE, Answer, AnswersFile
from spreadkit.bank import Bank, Principle
from spreadkit.errors import NoTerminal
from spreadkit.limits import MAX_DETAIL, MAX_NOTE
from spreadkit.navigation import Navigation
from spreadkit.safe import visible

if TYPE_CHECKING:
    from rich.console import Console


class Step(Enum):
    SKIP = "skip"
    BACK = "back"


class ExistingFile(Enum):
    RESUME = "resume"
    RESTART = "restart"
    QUIT = "quit"


def require_terminal(instead: str) -> None:
    """Refuse to prompt when nobody can answer, naming the command that works without a keyboard."""
    from prompt_toolkit.application.current import get_app_session

    # A test (or an embedding program) may hand prompt_toolkit its own input; that counts as a keyboard.
    has_own_input = getattr(get_app_session(), "_input", None) is not None
    if not has_own_input and not sys.stdin.isatty():
        raise NoTerminal(f"standard input is not a terminal, so there is nobody to ask; {instead}")


def _ask(question: Any) -> Any:
    """Ask, letting Ctrl-C and Ctrl-D (end of input) through as exceptions the session handles.

    Text prompts already treat Ctrl-D on an empty line as end of input; choice prompts do not,
    so it is added here.
    """
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _end_of_input(event: Any) -> None:
        event.app.exit(exception=EOFError(), style="class:aborting")

    question.application.key_bindings = merge_key_bindings(
        [question.application.key_bindings, bindings]
    )
    return question.unsafe_ask()


def _fitted(message: str, after: str = "") -> str:
    """The message wrapped at spaces to the terminal's width, under the "? " that starts it.

    prompt_toolkit would otherwise break a long question in the middle of a word. `after` is what
    follows the message on its last line (the instruction); it moves to a line of its own rather
    than be broken.
    """
    width = max(shutil.get_terminal_size().columns - 3, 20)
    lines = textwrap.wrap(message, width) or [""]
    if after and len(lines[-1]) + 1 + len(after) > width:
        lines.append("")
    return "\n  ".join(lines)


def _style() -> Any:
    from prompt_toolkit.styles import Style

    return Style([("qmark", "bold"), ("question", "bold"), ("pointer", "bold reverse")])


def ask_existing_file(path: str) -> ExistingFile:
    import questionary

    choice = questionary.select(
        _fitted(f"{visible(path)} already holds answers. What would you like to do?"),
        choices=[
            questionary.Choice("Resume where I left off", ExistingFile.RESUME),
            questionary.Choice(
                "Start again (the old answers are kept in a .bak file)", ExistingFile.RESTART
            ),
            questionary.Choice("Quit and leave the file as it is", ExistingFile.QUIT),
        ],
        style=_style(),
    )
    choice = _ask(choice)
    return ExistingFile(choice)


_META_QUESTIONS = {
    "title": "What is the innovation or improvement you are assessing?",
    "respondent": "Your name (optional, Enter to leave empty):",
    "team": "Team (optional):",
    "setting": "Setting, e.g. a ward, practice or system (optional):",
}


def ask_meta_field(field: str) -> str:
    """Ask for one piece of metadata; only the title is required."""
    import questionary

    required = field == "title"

    def check(text: str) -> bool | str:
        if required and not text.strip():
            return "Please give it a short title."
        if len(text.strip()) > MAX_DETAIL:
            return f"Please keep it to {MAX_DETAIL} characters."
        return True

    answer: str = _ask(questionary.text(_META_QUESTIONS[field], validate=check, style=_style()))
    return answer.strip()


def ask_rating(
    bank: Bank, text: str, current: Answer | None, can_go_back: bool
) -> int | Literal["n/a"] | Step:
    import questionary

    choices: list[questionary.Choice] = [
        questionary.Choice(
            visible(level.label),
            level.value,
            shortcut_key=str(level.value),
            description=visible(level.description),
        )
        for level in bank.scale
    ]
    choices.append(
        questionary.Choice(
            "Not applicable",
            NOT_APPLICABLE,
            shortcut_key="n",
            description="Does not apply here; it is left out of the score.",
        )
    )
    choices.append(
        questionary.Choice(
            "Skip for now",
            Step.SKIP,
            shortcut_key="s",
            description="Leave it unanswered; resuming later brings you back to it.",
        )
    )
    if can_go_back:
        choices.append(
            questionary.Choice(
                "Back",
                Step.BACK,
                shortcut_key="b",
                description="Return to the previous question to change your answer.",
            )
        )
    default = next((c for c in choices if current is not None and c.value == current.rating), None)
    instruction = "(number or letter, then Enter)"
    result: int | Literal["n/a"] | Step = _ask(
        questionary.select(
            _fitted(visible(text), instruction),
            choices=choices,
            default=default,
            use_shortcuts=True,
            use_jk_keys=False,
            instruction=instruction,
            style=_style(),
        )
    )
    return result


class StoppedInNote(Exception):
    """Ctrl-C or Ctrl-D while typing a note: carries what was typed so it can be saved."""

    def __init__(self, typed: str, stop: BaseException) -> None:
        super().__init__("stopped while typing a note")
        self.typed = typed
        self.stop = stop


def ask_note(current: str) -> str:
    """Enter finishes; Esc then Enter (Alt+Enter in most terminals) starts a new line."""
    import questionary
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()
    typed = {"text": current}

    @bindings.add("escape", "enter")
    def _new_line(event: Any) -> None:
        event.current_buffer.insert_text("\n")

    def stop(event: Any, exception: BaseException) -> None:
        typed["text"] = event.current_buffer.text
        event.app.exit(exception=exception, style="class:aborting")

    bindings.add("c-c", eager=True)(lambda event: stop(event, KeyboardInterrupt()))
    bindings.add("c-d", eager=True)(lambda event: stop(event, EOFError()))

    question = questionary.text(
        _fitted(
            "Note, your answer in your own words (optional; Enter to finish, Esc Enter for a new "
            "line):"
        ),
        default=current,
        key_bindings=bindings,
        validate=lambda text: (
            len(text) <= MAX_NOTE or f"Notes are limited to {MAX_NOTE:,} characters."
        ),
        style=_style(),
    )
    try:
        note: str = question.unsafe_ask()
    except (KeyboardInterrupt, EOFError) as exc:
        raise StoppedInNote(typed["text"].strip()[:MAX_NOTE], exc) from None
    return note.strip()


@dataclass
class Progress:
    """The answers so far, kept current so the caller has them however the questions end."""

    answers: AnswersFile


def ask_questions(
    bank: Bank,
    principles: list[Principle],
    progress: Progress,
    save: Callable[[AnswersFile], None],
    console: Console,
    *,
    only_unanswered: bool,
) -> None:
    """Ask each question in turn; every choice is saved before the next prompt appears."""
    from spreadkit.exports import terminal

    order = [q.id for p in principles for q in p.questions]
    settled = {qid for qid, a in progress.answers.answers.items() if a.is_settled}
    route = Navigation(order, [qid for qid in order if not (only_unanswered and qid in settled)])
    position_of = {p.id: n for n, p in enumerate(principles, start=1)}
    shown_principle: str | None = None

    while route.current is not None:
        question_id = route.current
        found = bank.question(question_id)
        assert found is not None  # the order was built from this bank
        principle, question = found
        if principle.id != shown_principle:
            console.print()
            console.print(
                terminal.principle_panel(
                    bank, principle, position_of[principle.id], len(principles)
                )
            )
            shown_principle = principle.id
        number = principle.questions.index(question) + 1
        done = sum(1 for qid in order if (a := progress.answers.answers.get(qid)) and a.is_settled)
        console.print(
            f"Question {number} of {len(principle.questions)} · "
            f"{done} of {len(order)} answered so far",
            style="dim",
            markup=False,
        )
        if question.help:
            console.print(terminal.data(question.help, "italic"))

        current = progress.answers.answers.get(question_id)
        choice = ask_rating(bank, question.text, current, route.can_go_back)
        if choice is Step.BACK:
            route.back()
            continue
        if choice is Step.SKIP:
            route.forward()
            continue
        note = current.note if current else ""
        _record(progress, save, question_id, Answer(rating=choice, note=note))
        try:
            new_note = ask_note(note)
        except StoppedInNote as stopped:
            # Keep what was typed before stopping, then stop as asked.
            if stopped.typed != note:
                _record(progress, save, question_id, Answer(rating=choice, note=stopped.typed))
            raise stopped.stop from None
        if new_note != note:
            _record(progress, save, question_id, Answer(rating=choice, note=new_note))
        route.forward()


def _record(
    progress: Progress, save: Callable[[AnswersFile], None], question_id: str, answer: Answer
) -> None:
    progress.answers = progress.answers.with_answer(question_id, answer)
    save(progress.answers)
