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

from spreadkit.model.answers import NOT_APPLICABLE, Answer, AnswersFile, Meta
from spreadkit.model.bank import Bank
from spreadkit.model.navigation import Navigation
from spreadkit.model.team import DEFAULT_DISAGREE, TeamQuestion, TeamResult
from spreadkit.model.words import plural

if TYPE_CHECKING:
    pass

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

    def route(self, answers: AnswersFile, fresh: bool) -> Navigation:
        order = [q.question.id for q in self.to_discuss]
        settled = {qid for qid, a in answers.answers.items() if a.is_settled}
        return Navigation(order, order if fresh else [q for q in order if q not in settled])


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
            note=f"Taken without discussion: everyone who answered said not applicable ({why}).",
        )
    return Answer(
        rating=tally.lower_median,
        note=f"Taken without discussion ({why}): the median of {ratings}"
        + (", the lower of the two middle ones." if tally.n % 2 == 0 else "."),
    )
