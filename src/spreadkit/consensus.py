"""The consensus round, `spreadkit agree`: after everyone has scored on their own, the room
discusses the questions it disagrees on and agrees one rating and note for each, as the NHS
Sustainability Model has teams do.

Questions the team did not discuss take its median rating (the lower of the two middle ones for
an even number, so an agreed score never claims more than half the room gave), with a note that
says so. The result is an ordinary answers file, saved after every answer as `assess` saves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spreadkit.answers import NOT_APPLICABLE, Answer, AnswersFile, Meta
from spreadkit.bank import Bank, Principle, Question
from spreadkit.navigation import Navigation
from spreadkit.sitting import Sitting
from spreadkit.team import DEFAULT_DISAGREE, TeamQuestion, TeamResult
from spreadkit.wording import plural

if TYPE_CHECKING:
    from rich.console import Console

Notify = Callable[[str], None]
AGREED = "Team (agreed)"


@dataclass(frozen=True)
class Consensus:
    bank: Bank
    result: TeamResult
    output: Path
    top: int | None = None  # questions to discuss; None for every flagged one
    title: str = ""
    resume: bool = False
    only: list[str] = field(default_factory=list)  # -p, as given
    sources: list[str] = field(default_factory=list)  # the team's files and folders, as given
    names: bool = False  # who said what, shown in the room
    allow_duplicates: bool = False

    @property
    def to_discuss(self) -> list[TeamQuestion]:
        flagged = self.result.to_discuss()
        return flagged if self.top is None else flagged[: self.top]

    def resume_args(self) -> list[str]:
        """What to type after the program's name to carry on with this round."""
        words = ["agree", *self.sources, "-o", str(self.output), "--resume"]
        if self.result.disagree != DEFAULT_DISAGREE:
            words += ["--disagree", str(self.result.disagree)]
        for principle_id in self.only:
            words += ["-p", principle_id]
        if self.top is None:
            words.append("--all")
        elif self.top:
            words += ["--top", str(self.top)]
        if self.names:
            words.append("--names")
        if self.allow_duplicates:
            words.append("--allow-duplicates")
        return words

    def starting_answers(self) -> AnswersFile:
        """Every question the room will not discuss, agreed as its median; the rest to ask."""
        discussed = {q.question.id for q in self.to_discuss}
        answers: dict[str, Answer] = {}
        for item in self.result.questions:
            if item.question.id not in discussed:
                taken = taken_without_discussion(item)
                if taken is not None:
                    answers[item.question.id] = taken
        meta = Meta(title=self.title, respondent=AGREED, respondents=self.result.respondents)
        return AnswersFile.new(self.bank, meta).model_copy(update={"answers": answers})

    def caught_up(self, answers: AnswersFile, notify: Notify) -> AnswersFile:
        """A round carried on (--resume) after the team changed (late sheets, a file put
        right): what the room agreed stays; every question it did not discuss is taken afresh
        from everyone's answers, and a question the team now disagrees on is asked. Said, so
        that nobody takes the old count or medians for the new team's."""
        room = _agreed_in_the_room(answers)
        taken = {
            qid: answer
            for qid, answer in self.starting_answers().answers.items()
            if qid not in room
        }
        before = {qid: a for qid, a in answers.answers.items() if qid not in room}
        then, now = answers.meta.respondents, self.result.respondents
        if taken == before and then == now:
            return answers
        order = [q.id for _, q in self.bank.questions()]
        merged = {**taken, **room}
        kept = {qid: merged[qid] for qid in order if qid in merged}
        kept |= {qid: a for qid, a in merged.items() if qid not in kept}
        counted = f"{plural(then, 'person', 'people')} then, {now} now" if then else f"{now} now"
        notify(
            f"The team has changed since this round began ({counted}): what the room agreed "
            "is kept, and the questions it did not discuss are taken afresh from everyone's "
            "answers."
        )
        meta = answers.meta.model_copy(update={"respondents": now})
        return answers.model_copy(update={"answers": kept, "meta": meta})

    def route(self, answers: AnswersFile, fresh: bool) -> Navigation:
        order = [q.question.id for q in self.to_discuss]
        settled = {qid for qid, a in answers.answers.items() if a.is_settled}
        return Navigation(order, order if fresh else [q for q in order if q not in settled])

    def agree(
        self,
        notify: Notify,
        console: Console,
        introduce: Callable[[Principle, Question, TeamQuestion, int, int], None],
    ) -> AnswersFile | None:
        """Walk the room through the questions to discuss; None when they chose to leave an
        existing file as it is."""
        from spreadkit import prompts

        by_id = {q.question.id: q for q in self.to_discuss}
        position = {qid: n for n, qid in enumerate(by_id, start=1)}
        with Sitting(self.bank, self.output, notify) as sitting:
            opened = sitting.open(self.starting_answers, resume=self.resume)
            if opened is None:
                return None
            answers, fresh = opened
            if not fresh:
                answers = self.caught_up(answers, notify)
            sitting.save(answers)
            progress = prompts.Progress(answers)
            prompts.ask_questions(
                self.bank,
                self.bank.principles,
                progress,
                sitting.save,
                console,
                self.route(answers, fresh),
                lambda p, q: introduce(p, q, by_id[q.id], position[q.id], len(by_id)),
            )
            return progress.answers


TAKEN = "Taken without discussion"


def _agreed_in_the_room(answers: AnswersFile) -> dict[str, Answer]:
    return {
        qid: answer for qid, answer in answers.answers.items() if not answer.note.startswith(TAKEN)
    }


def taken_without_discussion(item: TeamQuestion) -> Answer | None:
    """The team's median rating, or not applicable when everyone who answered said so; the
    note says where the answer came from."""
    tally = item.tally
    ratings = plural(tally.n, "rating")
    why = (
        "flagged for discussion, but not discussed in this round"
        if item.discuss
        else "the team broadly agreed"
    )
    if tally.n == 0:
        if not tally.not_applicable:
            return None
        return Answer(
            rating=NOT_APPLICABLE,
            note=f"{TAKEN}: everyone who answered said not applicable ({why}).",
        )
    return Answer(
        rating=tally.lower_median,
        note=f"{TAKEN} ({why}): the median of {ratings}"
        + (", the lower of the two middle ones." if tally.n % 2 == 0 else "."),
    )
