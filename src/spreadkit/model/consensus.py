"""The consensus round, `spreadkit agree`: after everyone has scored on their own, the room
discusses the questions it disagrees on and agrees one rating and note for each, as the NHS
Sustainability Model has teams do.

Questions the team did not discuss take the rating nearest its mean (halves up) and keep the
team's notes; the file says which questions were agreed in discussion, which were taken as
already agreed and which are not discussed yet, and the team's overall score before the round.
The result is an ordinary answers file, saved after every answer as `assess` saves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spreadkit.model.answers import NOT_APPLICABLE, Agreement, Answer, AnswersFile, Meta
from spreadkit.model.bank import Bank
from spreadkit.model.limits import MAX_NOTE
from spreadkit.model.navigation import Navigation
from spreadkit.model.team import DEFAULT_DISAGREE, TeamQuestion, TeamResult
from spreadkit.model.words import clip, half_up, plural

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
        """Every question the room will not discuss, taken as the rating nearest the team's
        mean, with the team's notes; the rest to ask."""
        discussed = {q.question.id for q in self.to_discuss}
        answers: dict[str, Answer] = {}
        for item in self.result.questions:
            if item.question.id not in discussed:
                taken = taken_without_discussion(item, names=self.names)
                if taken is not None:
                    answers[item.question.id] = taken
        meta = Meta(title=self.title, respondent=AGREED, respondents=self.result.respondents)
        start = AnswersFile.new(self.bank, meta).model_copy(update={"answers": answers})
        return self.with_agreement(start)

    def with_agreement(self, answers: AnswersFile) -> AnswersFile:
        """The answers with how they were agreed so far: what was taken as agreed, and what was
        flagged but is not discussed yet (beyond --top, or not reached)."""
        to_ask = {q.question.id for q in self.to_discuss}
        taken, pending = [], []
        for item in self.result.questions:
            qid = item.question.id
            answer = answers.answers.get(qid)
            if not item.discuss and answer is not None:
                taken.append(qid)
            elif item.discuss and (qid not in to_ask or answer is None or not answer.is_settled):
                pending.append(qid)
        agreement = Agreement(team_overall=self.result.overall, taken=taken, pending=pending)
        meta = answers.meta.model_copy(update={"agreement": agreement})
        return answers.model_copy(update={"meta": meta, "comments": self._comments()})

    def _comments(self) -> dict[str, str]:
        """What the team wrote about each principle as a whole, each on a line (by name only
        with --names): kept in the agreed file as it stands, so a round carried on after late
        sheets has the new team's."""
        found = {}
        for row in self.result.principles:
            lines = [
                _one_line(text, author if self.names and author else "")
                for author, text in row.comments.kept
            ]
            if row.comments.more:
                lines.append(f"… and {plural(row.comments.more, 'more comment')}")
            if lines:
                found[row.principle.id] = clip("\n".join(lines), MAX_NOTE)
        return found

    def caught_up(self, answers: AnswersFile, notify: Notify) -> AnswersFile:
        """A round carried on (--resume) after the team changed (late sheets, a file put
        right): what the room agreed stays; every question it did not discuss is taken afresh
        from everyone's answers, and a question the team now disagrees on is asked. Said, so
        that nobody takes the old count or ratings for the new team's."""
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
        return self.with_agreement(answers.model_copy(update={"answers": kept, "meta": meta}))

    def route(self, answers: AnswersFile, fresh: bool) -> Navigation:
        order = [q.question.id for q in self.to_discuss]
        settled = {qid for qid, a in answers.answers.items() if a.is_settled}
        return Navigation(order, order if fresh else [q for q in order if q not in settled])


# How files from before `meta.agreement` marked an answer taken without discussion.
TAKEN = "Taken without discussion"


def _agreed_in_the_room(answers: AnswersFile) -> dict[str, Answer]:
    """The answers the room agreed: every answer but those the file says were taken as agreed
    or are not discussed yet."""
    agreement = answers.meta.agreement
    if agreement is None:
        return {
            qid: answer
            for qid, answer in answers.answers.items()
            if not answer.note.startswith(TAKEN)
        }
    aside = {*agreement.taken, *agreement.pending}
    return {qid: answer for qid, answer in answers.answers.items() if qid not in aside}


def taken_without_discussion(item: TeamQuestion, *, names: bool = False) -> Answer | None:
    """The rating nearest the team's mean (halves up), or not applicable when everyone who
    answered said so; the team's notes kept, each on a line (by name only with --names)."""
    tally = item.tally
    mean = tally.mean
    if mean is None:
        if not tally.not_applicable:
            return None
        return Answer(rating=NOT_APPLICABLE, note=_team_notes(item, names))
    return Answer(rating=int(half_up(mean, 0)), note=_team_notes(item, names))


def _team_notes(item: TeamQuestion, names: bool) -> str:
    lines = []
    for author, rating, note in item.tally.notes:
        said = f"rated {rating}" if isinstance(rating, int) else "n/a" if rating else "no rating"
        who = f"{author}, {said}" if names and author else said
        lines.append(_one_line(note, who))
    return clip("\n".join(lines), MAX_NOTE)


def _one_line(text: str, who: str) -> str:
    """Someone's words on one line of the agreed file, with whose they are when that is said."""
    return " / ".join(text.splitlines()) + (f" ({who})" if who else "")
