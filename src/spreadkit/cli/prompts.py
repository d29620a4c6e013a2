"""The interactive assessment: questionary prompts, one question at a time, saving after every answer."""

from __future__ import annotations

import functools
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from spreadkit.model.answers import NOT_APPLICABLE, Answer, AnswersFile
from spreadkit.model.bank import Bank, Principle, Question
from spreadkit.model.errors import NoTerminal
from spreadkit.model.limits import MAX_DETAIL, MAX_NOTE
from spreadkit.model.navigation import Navigation
from spreadkit.model.safe import as_typed, visible

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


def _share_default_bindings() -> None:
    """prompt_toolkit builds its whole default key map (hundreds of bindings) for every
    Application, and each question makes three of them. The map holds no state of its own, so
    it is built once and shared: the next question is then drawn in a few milliseconds rather
    than tens (benchmarks/keypress.py)."""
    from prompt_toolkit.application import application

    if not getattr(application, "_spreadkit_shared", False):
        for name in ("load_key_bindings", "load_page_navigation_bindings"):
            setattr(application, name, functools.cache(getattr(application, name)))
        application._spreadkit_shared = True  # type: ignore[attr-defined]


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


def _width() -> int:
    return max(shutil.get_terminal_size().columns, 30)


def _fitted(message: str, after: str = "") -> str:
    """The message wrapped at spaces to the terminal's width, under the "? " that starts it.

    prompt_toolkit would otherwise break a long question in the middle of a word. `after` is what
    follows the message on its last line (the instruction); it moves to a line of its own rather
    than be broken.
    """
    width = _width() - 3
    lines = textwrap.wrap(message, width) or [""]
    if after and len(lines[-1]) + 1 + len(after) > width:
        lines.append("")
    return "\n  ".join(lines)


_DESCRIPTION = "  Description: "


def _described(text: str) -> str:
    """A choice's description wrapped at spaces, each line under the first, since questionary
    shows it on one line that the terminal's edge would cut."""
    width = _width() - len(_DESCRIPTION) - 1
    return ("\n" + " " * len(_DESCRIPTION)).join(textwrap.wrap(visible(text), width) or [""])


def _style() -> Any:
    from prompt_toolkit.styles import Style

    return Style([("qmark", "bold"), ("question", "bold"), ("pointer", "bold reverse")])


def _choice(title: str, value: Any, key: str | None, description: str) -> Any:
    import questionary

    return questionary.Choice(
        title, value, shortcut_key=key or True, description=_described(description)
    )


def ask_existing_file(path: str) -> ExistingFile:
    import questionary

    _share_default_bindings()
    name = visible(path)
    choice = questionary.select(
        _fitted(f"{name} already holds answers. What would you like to do?"),
        choices=[
            _choice(
                "Resume",
                ExistingFile.RESUME,
                None,
                "Carry on where you left off: only what is unanswered is asked.",
            ),
            _choice(
                "Start again",
                ExistingFile.RESTART,
                None,
                f"A fresh start; the old answers are kept in {name}.bak.",
            ),
            _choice("Quit", ExistingFile.QUIT, None, f"Leave {name} as it is."),
        ],
        use_shortcuts=False,
        style=_style(),
    )
    return ExistingFile(_ask(choice))


_META_QUESTIONS = {
    "title": "What is the innovation or improvement you are assessing?",
    "respondent": "Your name (optional, Enter to leave empty):",
    "team": "Team (optional):",
    "setting": "Setting, e.g. a ward, practice or system (optional):",
}


def ask_meta_field(field: str) -> str:
    """Ask for one piece of metadata; only the title is required."""
    import questionary

    _share_default_bindings()
    required = field == "title"

    def check(text: str) -> bool | str:
        if required and not text.strip():
            return "Please give it a short title."
        if len(text.strip()) > MAX_DETAIL:
            return f"Please keep it to {MAX_DETAIL} characters."
        return True

    answer: str = _ask(questionary.text(_META_QUESTIONS[field], validate=check, style=_style()))
    return as_typed(answer.strip())


def ask_rating(
    bank: Bank, text: str, current: Answer | None, can_go_back: bool
) -> int | Literal["n/a"] | Step:
    """The rating for one question. A question not yet answered takes no answer from Enter
    alone: a stray Enter must not record a rating. A revisited one starts on its saved rating."""
    import questionary

    _share_default_bindings()
    choices = [
        _choice(visible(level.label), level.value, str(level.value), level.description)
        for level in bank.scale
    ]
    choices.append(
        _choice(
            "Not applicable", NOT_APPLICABLE, "n", "Does not apply here; left out of the score."
        )
    )
    choices.append(
        _choice("Skip for now", Step.SKIP, "s", "Leave it unanswered; resuming brings you back.")
    )
    if can_go_back:
        choices.append(
            _choice("Back", Step.BACK, "b", "Return to the previous question to change it.")
        )
    saved = current.rating if current is not None else None
    answered = saved is not None
    default = next((c for c in choices if answered and c.value == saved), None)
    instruction = "(number or letter, then Enter)"
    question = questionary.select(
        _fitted(visible(text), instruction),
        choices=choices,
        default=default,
        use_shortcuts=True,
        use_jk_keys=False,
        instruction=instruction,
        style=_style(),
    )
    if not answered:
        _wait_for_a_choice(question)
    result: int | Literal["n/a"] | Step = _ask(question)
    return result


def _wait_for_a_choice(question: Any) -> None:
    """Enter does nothing until a choice is made (a number, a letter or an arrow key), and says
    so; the pointer starting on the first rating is not a choice."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    app = question.application
    control = next(
        w.content for w in app.layout.find_all_windows() if hasattr(w.content, "pointed_at")
    )
    state = {"chosen": False, "enter": False}

    def after_key(_: Any) -> None:
        if state["enter"]:
            state["enter"] = False
        else:
            state["chosen"] = True
            control.error_message = None

    app.key_processor.after_key_press += after_key
    bindings = KeyBindings()

    @bindings.add("enter", eager=True)
    def _enter(event: Any) -> None:
        state["enter"] = True
        if state["chosen"]:
            control.is_answered = True
            event.app.exit(result=control.get_pointed_at().value)
        else:
            control.error_message = "Choose first: press a number, n, s or b, or use the arrows."

    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


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
    _share_default_bindings()

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
        raise StoppedInNote(as_typed(typed["text"].strip()[:MAX_NOTE]), exc) from None
    return as_typed(note.strip())


@dataclass
class Progress:
    """The answers so far, kept current so the caller has them however the questions end."""

    answers: AnswersFile


Introduce = Callable[[Principle, Question], None]


def ask_questions(
    bank: Bank,
    principles: list[Principle],
    progress: Progress,
    save: Callable[[AnswersFile], None],
    console: Console,
    route: Navigation,
    introduce: Introduce | None = None,
) -> None:
    """Ask each question the route leads to; every choice is saved before the next prompt.
    `introduce` draws what comes before each question; by default the principle's panel when
    the principle changes, where the question stands, and its help line."""
    position_of = {p.id: n for n, p in enumerate(principles, start=1)}
    shown: list[str] = []

    def usual(principle: Principle, question: Question) -> None:
        if not shown or shown[-1] != principle.id:
            _show_principle(bank, principle, position_of[principle.id], len(principles), console)
            shown.append(principle.id)
        _show_where(principle, question, progress, route, console)

    while route.current is not None:
        found = bank.question(route.current)
        assert found is not None  # the route was built from this bank
        (introduce or usual)(*found)
        _ask_one(bank, found[1], progress, save, route)


def _show_principle(
    bank: Bank, principle: Principle, position: int, count: int, console: Console
) -> None:
    from spreadkit.cli import screens as terminal

    console.print()
    console.print(terminal.principle_panel(bank, principle, position, count))


def _show_where(
    principle: Principle,
    question: Question,
    progress: Progress,
    route: Navigation,
    console: Console,
) -> None:
    from spreadkit.writers.drawing import data

    number = principle.questions.index(question) + 1
    answers = progress.answers.answers
    done = sum(1 for qid in route.order if (a := answers.get(qid)) is not None and a.is_settled)
    console.print(
        f"Question {number} of {len(principle.questions)} · "
        f"{done} of {len(route.order)} answered so far",
        style="dim",
        markup=False,
    )
    if question.help:
        console.print(data(question.help, "italic"))


def _ask_one(
    bank: Bank,
    question: Question,
    progress: Progress,
    save: Callable[[AnswersFile], None],
    route: Navigation,
) -> None:
    """One question: its rating, then its note, each saved as soon as it is given."""
    current = progress.answers.answers.get(question.id)
    choice = ask_rating(bank, question.text, current, route.can_go_back)
    if choice is Step.BACK:
        route.back()
        return
    if choice is Step.SKIP:
        route.forward()
        return
    note = current.note if current else ""
    _record(progress, save, question.id, Answer(rating=choice, note=note))
    try:
        new_note = ask_note(note)
    except StoppedInNote as stopped:
        # Keep what was typed before stopping, then stop as asked.
        if stopped.typed != note:
            _record(progress, save, question.id, Answer(rating=choice, note=stopped.typed))
        raise stopped.stop from None
    if new_note != note:
        _record(progress, save, question.id, Answer(rating=choice, note=new_note))
    route.forward()


def _record(
    progress: Progress, save: Callable[[AnswersFile], None], question_id: str, answer: Answer
) -> None:
    progress.answers = progress.answers.with_answer(question_id, answer)
    save(progress.answers)
