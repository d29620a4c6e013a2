"""The interactive assessment: questionary prompts, one question at a time, saving after every answer."""

from __future__ import annotations

import contextlib
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
    than tens (benchmarks/keypress.py). Each Application also reads its hundreds of style rules
    afresh; what a rule's words mean never changes, so each is read once."""
    from prompt_toolkit.application import application
    from prompt_toolkit.styles import style

    if not getattr(application, "_spreadkit_shared", False):
        for name in ("load_key_bindings", "load_page_navigation_bindings"):
            setattr(application, name, functools.cache(getattr(application, name)))
        # A style's words (an Attrs, which is immutable) for its text; checked present, as the
        # name is the library's own.
        if callable(getattr(style, "_parse_style_str", None)):
            style._parse_style_str = functools.cache(style._parse_style_str)
        application._spreadkit_shared = True  # type: ignore[attr-defined]


def _ask(question: Any) -> Any:
    """Ask, letting Ctrl-C and Ctrl-D (end of input) through as exceptions the session handles."""
    _end_of_input(question)
    return question.unsafe_ask()


def _end_of_input(question: Any) -> None:
    """Text prompts already treat Ctrl-D on an empty line as end of input; choice prompts do
    not, so it is added here."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _end(event: Any) -> None:
        event.app.exit(exception=EOFError(), style="class:aborting")

    question.application.key_bindings = merge_key_bindings(
        [question.application.key_bindings, bindings]
    )


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
    bank: Bank,
    text: str,
    current: Answer | None,
    can_go_back: bool,
    ahead: Ahead | None = None,
) -> int | Literal["n/a"] | Step:
    """The rating for one question. A question not yet answered takes no answer from Enter
    alone: a stray Enter must not record a rating. A revisited one starts on its saved rating.
    The prompt may have been made `ahead`, while the note before it was being written."""
    key = Ahead.rating_key(text, current, can_go_back)
    question = ahead.take(key) if ahead is not None else None
    if question is None:
        question = _rating_question(bank, text, current, can_go_back)
    if ahead is not None:
        note = current.note if current is not None else ""
        _when_idle(question.application, lambda: ahead.note(note))
    result: int | Literal["n/a"] | Step = question.unsafe_ask()
    return result


def _rating_question(bank: Bank, text: str, current: Answer | None, can_go_back: bool) -> Any:
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
    _end_of_input(question)
    return question


class Ahead:
    """The next prompt, made while the person reads or answers the one before it: making a
    prompt takes prompt_toolkit longer than anything else between a keypress and the next thing
    to answer drawn. The rating prompt of the question that follows is made while its note is
    written, and a question's note prompt while it is rated. Each is taken only if it was made
    for the prompt as it stands now."""

    def __init__(self) -> None:
        self._made: dict[str, tuple[tuple[object, ...], Any]] = {}

    @staticmethod
    def rating_key(text: str, current: Answer | None, can_go_back: bool) -> tuple[object, ...]:
        rating = None if current is None else current.rating
        return ("rating", text, rating, can_go_back, _width())

    @staticmethod
    def note_key(current: str) -> tuple[object, ...]:
        return ("note", current, _width())

    def rating(self, bank: Bank, text: str, current: Answer | None) -> None:
        """The rating prompt for the question that follows: one can always go back from it."""
        key = self.rating_key(text, current, True)
        self._made["rating"] = (key, _rating_question(bank, text, current, True))

    def note(self, current: str) -> None:
        self._made["note"] = (self.note_key(current), _note_question(current))

    def take(self, key: tuple[object, ...]) -> Any:
        made = self._made.pop(str(key[0]), None)
        return made[1] if made is not None and made[0] == key else None


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


def ask_note(
    current: str, meanwhile: Callable[[], None] | None = None, ahead: Ahead | None = None
) -> str:
    """Enter finishes; Esc then Enter (Alt+Enter in most terminals) starts a new line.
    `meanwhile` is done once the prompt is drawn and the person is reading or typing. The
    prompt may have been made `ahead`, while the question was rated."""
    made = ahead.take(Ahead.note_key(current)) if ahead is not None else None
    question, typed = made if made is not None else _note_question(current)
    if meanwhile is not None:
        _when_idle(question.application, meanwhile)
    try:
        note: str = question.unsafe_ask()
    except (KeyboardInterrupt, EOFError) as exc:
        raise StoppedInNote(as_typed(typed["text"].strip()[:MAX_NOTE]), exc) from None
    return as_typed(note.strip())


def _note_question(current: str) -> tuple[Any, dict[str, str]]:
    """The note prompt, and where it keeps what was typed when it is stopped."""
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
    return question, typed


def _when_idle(application: Any, work: Callable[[], None]) -> None:
    """Do `work` a moment after the prompt is drawn, in its own loop, between keypresses; left
    undone if the prompt ends first. Work that fails is left undone too: it is done again, in
    the ordinary way, when it is needed."""
    import asyncio

    async def later() -> None:
        await asyncio.sleep(_IDLE_AFTER)
        with contextlib.suppress(Exception):
            work()

    application.pre_run_callables.append(lambda: application.create_background_task(later()))


_IDLE_AFTER = 0.05  # seconds: a person reads a prompt for longer before pressing a key


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

    ahead = Ahead()
    while route.current is not None:
        found = bank.question(route.current)
        assert found is not None  # the route was built from this bank
        (introduce or usual)(*found)
        _ask_one(bank, found[1], progress, save, route, ahead)


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
    ahead: Ahead,
) -> None:
    """One question: its rating, then its note, each saved as soon as it is given; while the
    note is written, the next question's prompt is made `ahead`."""
    current = progress.answers.answers.get(question.id)
    choice = ask_rating(bank, question.text, current, route.can_go_back, ahead)
    if choice is Step.BACK:
        route.back()
        return
    if choice is Step.SKIP:
        route.forward()
        return
    note = current.note if current else ""
    _record(progress, save, question.id, Answer(rating=choice, note=note))
    following = bank.question(route.following) if route.following else None

    def prepare() -> None:
        if following is not None:
            upcoming = following[1]
            ahead.rating(bank, upcoming.text, progress.answers.answers.get(upcoming.id))

    try:
        new_note = ask_note(note, prepare, ahead)
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
