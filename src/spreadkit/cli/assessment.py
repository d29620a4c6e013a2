"""One run of `spreadkit assess`: its options, checked together when it is built, then either the
prompts (saving after every answer) or scoring without them.

Nothing here prints: what the person should be told goes to the `notify` callback.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spreadkit.cli.locks import AnswersLock
from spreadkit.cli.sitting import Sitting
from spreadkit.cli.writing import save_answers
from spreadkit.model.answers import AnswersFile, Meta
from spreadkit.model.bank import Bank, Principle
from spreadkit.model.errors import RefusedOverwrite, UsageError
from spreadkit.model.navigation import Navigation
from spreadkit.readers.answers import load_answers

if TYPE_CHECKING:
    from rich.console import Console

Notify = Callable[[str], None]
META_FIELDS = ("title", "respondent", "team", "setting")


def parse_targets(bank: Bank, pairs: list[str]) -> dict[str, float]:
    """--target benefit=80, checked against the bank: a score from 0 to 100 for a principle."""
    targets: dict[str, float] = {}
    for pair in pairs:
        principle_id, _, value = pair.partition("=")
        if bank.principle(principle_id.strip()) is None:
            raise UsageError(f"--target {pair}: unknown principle; choose from: {bank.known_ids}")
        try:
            score = float(value)
        except ValueError:
            raise UsageError(
                f"--target {pair}: give a score from 0 to 100, e.g. benefit=80"
            ) from None
        if not 0 <= score <= 100:
            raise UsageError(f"--target {pair}: a target is a score from 0 to 100")
        targets[principle_id.strip()] = score
    return targets


# Endings of files that answers are exported to, never saved in: named so that `assess -o x.xlsx`
# is refused before the first question, not after the last.
_NOT_ANSWERS = {
    ".xlsx": "an Excel workbook",
    ".xls": "an Excel workbook",
    ".csv": "a sheet",
    ".docx": "a Word report",
    ".doc": "a Word report",
    ".html": "a web page",
    ".htm": "a web page",
    ".md": "a markdown report",
    ".pptx": "slides",
}


@dataclass(frozen=True)
class Assessment:
    bank: Bank
    output: Path
    only: list[str] = field(default_factory=list)  # -p, as given
    given: dict[str, str] = field(default_factory=dict)  # title, respondent, team, setting
    targets: dict[str, float] = field(default_factory=dict)
    resume: bool = False
    seed: AnswersFile | None = None  # from --from, already read
    from_path: Path | None = None
    no_input: bool = False
    require_complete: bool = False
    markdown: Path | None = None
    force: bool = False
    revisit: bool = False  # ask answered questions again too
    questions: list[str] = field(default_factory=list)  # --question: only these, answered or not

    def __post_init__(self) -> None:
        """The options that only make sense together, checked before anything is read or asked."""
        if str(self.output) == "-":
            raise UsageError("-o -: the answers need a file to be saved in, e.g. -o answers.json")
        ending = self.output.suffix.lower()
        if ending in _NOT_ANSWERS:
            stem = self.output.with_suffix(".json")
            raise UsageError(
                f"-o {self.output}: answers are saved as a .json file (e.g. -o {stem}); "
                f"to make {_NOT_ANSWERS[ending]} from them afterwards, type: "
                f"spreadkit export {stem} -o {self.output}"
            )
        if self.markdown is not None and self.markdown.exists() and not self.force:
            raise RefusedOverwrite(f"{self.markdown}: already exists; use --force to replace it")
        if self.require_complete and not self.no_input:
            raise UsageError("--require-complete goes with --no-input")
        if self.from_path is not None and self.output.exists() and not self.force:
            raise RefusedOverwrite(
                f"{self.output}: already exists; choose another -o, or use --force to replace it "
                f"with the answers from {self.from_path}"
            )
        if self.no_input and self.from_path is None and not self.output.exists():
            raise UsageError(
                f"--no-input has nothing to score: give --from FILE, or -o an existing answers "
                f"file ({self.output} does not exist)"
            )
        self._check_revisit()

    def _check_revisit(self) -> None:
        unknown = [qid for qid in self.questions if self.bank.question(qid) is None]
        if unknown:
            raise UsageError(
                f"--question {unknown[0]}: no such question in this bank; "
                "spreadkit questions lists them with their ids"
            )
        outside = [
            qid
            for qid in self.questions
            if (found := self.bank.question(qid)) and self.only and found[0].id not in self.only
        ]
        if outside:
            raise UsageError(f"--question {outside[0]}: not in the principles chosen with -p")
        if (self.revisit or self.questions) and self.from_path is None and not self.output.exists():
            raise UsageError(
                f"nothing to revisit yet: {self.output} does not exist; answer the questions "
                "first, then revisit them"
            )

    def with_seed(self, notify: Notify) -> Assessment:
        """The same run with the answers of --from read, once the options are known to agree."""
        if self.from_path is None:
            return self
        from spreadkit.readers.inputs import load

        notices: list[str] = []
        seed = load(self.from_path, self.bank, self.given.get("respondent"), notices=notices)
        for notice in notices:
            notify(f"Note: {notice}")
        return dataclasses.replace(self, seed=seed)

    @property
    def principles(self) -> list[Principle]:
        if self.questions:
            holding = {found[0].id for qid in self.questions if (found := self.bank.question(qid))}
            return [p for p in self.bank.principles if p.id in holding]
        return self.bank.chosen(self.only)

    def route(self, answers: AnswersFile, fresh: bool) -> Navigation:
        """The questions to ask, in bank order: on a fresh start or a revisit all of them (or the
        ones named with --question); on a resume only those still unanswered."""
        order = [q.id for p in self.principles for q in p.questions]
        if self.questions:
            order = [qid for qid in order if qid in self.questions]
        if fresh or self.revisit or self.questions:
            return Navigation(order, order)
        settled = {qid for qid, a in answers.answers.items() if a.is_settled}
        return Navigation(order, [qid for qid in order if qid not in settled])

    @property
    def principle_ids(self) -> list[str]:
        return [p.id for p in self.principles]

    def resume_args(self) -> list[str]:
        """What to type after the program's name to carry on with this assessment."""
        words = ["assess", "-o", str(self.output), "--resume"]
        for principle_id in self.only:
            words += ["--principle", principle_id]
        return words

    def unanswered(self, answers: AnswersFile) -> list[str]:
        return [
            q.id
            for p in self.principles
            for q in p.questions
            if (a := answers.answers.get(q.id)) is None or not a.is_settled
        ]

    def score(self, notify: Notify) -> AnswersFile:
        """--no-input: the answers as they are (from --from, or the file at -o), saved."""
        with AnswersLock(self.output):
            if self.seed is not None:
                answers = self.seed
            else:
                notices: list[str] = []
                answers = load_answers(self.output, self.bank, notices=notices)
                for notice in notices:
                    notify(f"Note: {notice}")
            answers = answers.fitted_to(self.bank).with_meta(**self.given)
            answers = answers.with_targets(self.targets)
            save_answers(self.output, answers)
        return answers

    def ask(self, notify: Notify, console: Console) -> AnswersFile | None:
        """Ask what is still to ask; None when the person chose to leave an existing file alone.
        A seed (from --from) replaces any file at -o."""
        from spreadkit.cli import prompts

        with Sitting(self.bank, self.output, notify) as sitting:
            opened = self._open(sitting)
            if opened is None:
                return None
            answers, fresh = opened
            if self.targets:
                answers = answers.with_targets(self.targets)
            to_ask = [] if answers.meta.title else ["title"]
            if fresh and not {"respondent", "team", "setting"} & self.given.keys():
                to_ask += ["respondent", "team", "setting"]
            for name in to_ask:
                # Each piece is saved as soon as it is typed.
                answers = answers.with_meta(**{name: prompts.ask_meta_field(name)})
                sitting.save(answers)
            if not to_ask:
                sitting.save(answers)
            progress = prompts.Progress(answers)
            route = self.route(answers, fresh)
            if route.current is None and not fresh:
                notify(self._complete())
            prompts.ask_questions(
                self.bank, self.principles, progress, sitting.save, console, route
            )
            return progress.answers

    def _complete(self) -> str:
        """What to say when a file being resumed has nothing left to answer."""
        from spreadkit.cli.invocation import command

        again = command("assess", "-o", str(self.output), "--revisit")
        one = command("assess", "-o", str(self.output), "-q", "QUESTION_ID")
        return (
            f"Every question in {self.output} is answered already. To change your answers, "
            f"type: {again} (every question, each starting from what you gave), or {one} "
            "(one question; spreadkit questions lists their ids)."
        )

    def _open(self, sitting: Sitting) -> tuple[AnswersFile, bool] | None:
        """The answers to start from, and whether they are a fresh start."""
        if self.seed is not None:
            return self.seed.fitted_to(self.bank).with_meta(**self.given), False
        opened = sitting.open(
            lambda: AnswersFile.new(self.bank, Meta(**self.given)),
            resume=self.resume or self.revisit or bool(self.questions),
        )
        if opened is None:
            return None
        answers, fresh = opened
        return answers.with_meta(**self.given), fresh
