"""The improvement plan: each question to work on with its action, who and by when, the bank's
other suggestions, and where to read further. A person's report shows its first items too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spreadkit.documents import parts
from spreadkit.documents.tree import (
    Block,
    BulletList,
    Document,
    Inline,
    Inlines,
    Link,
    Paragraph,
    Quote,
    Section,
    Strong,
)
from spreadkit.model.wording import NOTHING_TO_WORK_ON, action_line, day, plan_rating, when
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from spreadkit.model.plan import Plan
    from spreadkit.model.reports import PlanView


def plan_document(view: PlanView) -> Document:
    plan = view.plan
    details: list[tuple[str, Inlines]] = []
    if plan.made is not None:
        details.append(("Made", (when(plan.made),)))
    if view.source:
        details.append(("Made from", (view.source,)))
    details.append(parts.bank_detail(plan.bank))
    if plan.ranking:
        details.append(("Ranked", (plan.ranking,)))
    blocks: list[Block] = list(plan_sections(plan, 2))
    if plan.more:
        said = f"{plural(plan.more, 'more question')} could be worked on"
        blocks.append(parts.more_line(said, view.more))
    blocks += reading(plan, 2)
    blocks += parts.scale_and_bands(plan.bank)
    return Document(
        title=f"Improvement plan{': ' + plan.title if plan.title else ''}",
        details=tuple(details),
        blocks=tuple(blocks),
        footer=parts.footer(plan.bank),
        made=plan.made,
        kind="plan",
    )


def plan_sections(plan: Plan, level: int) -> list[Block]:
    """Each question to work on, a section of its own kept on one page: how it stood, the
    action and its owner, status and date, the other suggestions and the note."""
    bank = plan.bank
    if not plan.items:
        return [Paragraph((NOTHING_TO_WORK_ON,))]
    sections: list[Block] = []
    for number, item in enumerate(plan.items, start=1):
        action = item.action
        due = day(action.due) if action.due else ""
        stood = plan_rating(bank, item.rating, item.spread)
        blocks: list[Block] = [
            Paragraph(
                (
                    f"{stood[:1].upper()}{stood[1:]}; {action_line(action.status, action.owner, due)}.",
                ),
                "aside",
            )
        ]
        if action.action:
            blocks.append(Paragraph((Strong("Action:"), f" {action.action}")))
        others = [step for step in item.question.next_steps if step != action.action]
        if others:
            blocks.append(Paragraph(("Other suggestions:",)))
            blocks.append(BulletList(tuple((step,) for step in others)))
        if action.note:
            blocks.append(Quote(action.note))
        title = f"{number}. {item.principle.name}: {item.question.text}"
        sections.append(Section(level, (title,), tuple(blocks), keep=True))
    return sections


def reading(plan: Plan, level: int) -> list[Block]:
    if not plan.reading:
        return []
    # A line to each principle, its pages one after another.
    by_principle: dict[str, list[Inline]] = {}
    for principle, resource in plan.reading:
        line = by_principle.setdefault(principle.name, [Strong(f"{principle.name}:"), " "])
        if len(line) > 2:
            line.append("; ")
        line.append(Link(resource.title, resource.url))
    items = tuple(tuple(line) for line in by_principle.values())
    return [Section(level, ("To read further",), (BulletList(items),))]
