"""Answers made with an earlier version of a bank, fitted to the current one without losing any.

An answer to a question the bank still asks stays where it is. An answer to a question that a new
question `replaces` moves to the new question (unless that one is already answered). Any other
answer to a question the bank no longer asks moves to `retired`: it is kept in the file, reported,
and left out of the scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spreadkit.model.answers import Answer, AnswersFile, bank_ref
from spreadkit.model.bank import Bank
from spreadkit.model.words import plural


@dataclass
class Migration:
    from_version: str
    to_version: str
    carried: list[tuple[str, str]] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unanswered: int = 0

    def describe(self, source: str) -> str:
        version = (
            f"version {self.from_version} of the bank; this is version {self.to_version}"
            if self.from_version != self.to_version
            else f"an earlier edit of bank version {self.to_version}"
        )
        parts = [f"{source}: answered with {version}."]
        if self.carried:
            moves = ", ".join(f"{old} → {new}" for old, new in self.carried)
            parts.append(f"Carried over to the questions that replace them: {moves}.")
        if self.retired:
            parts.append(
                f"Kept in the file but no longer asked, so not scored: {', '.join(self.retired)}."
            )
        if self.unanswered:
            verb = "is" if self.unanswered == 1 else "are"
            parts.append(
                f"{plural(self.unanswered, 'question')} in this version {verb} unanswered."
            )
        return " ".join(parts)


def needs_migration(answers: AnswersFile, bank: Bank) -> bool:
    ref = answers.bank
    if ref.id != bank.id:
        return False
    return ref.version != bank.version or (ref.hash is not None and ref.hash != bank.content_hash)


def migrate(answers: AnswersFile, bank: Bank) -> tuple[AnswersFile, Migration]:
    report = Migration(from_version=answers.bank.version, to_version=bank.version)
    current: dict[str, Answer] = {}
    retired = dict(answers.retired)
    for question_id, answer in answers.answers.items():
        if question_id in bank.question_ids:
            current[question_id] = answer
    for question_id, answer in answers.answers.items():
        if question_id in bank.question_ids:
            continue
        new_id = bank.replaced.get(question_id)
        if new_id is not None and new_id not in current:
            current[new_id] = answer
            report.carried.append((question_id, new_id))
        else:
            retired[question_id] = answer
            report.retired.append(question_id)
    report.unanswered = sum(
        1 for qid in bank.question_ids if qid not in current or not current[qid].is_settled
    )
    migrated = answers.model_copy(
        update={"bank": bank_ref(bank), "answers": current, "retired": retired}
    )
    return migrated, report
