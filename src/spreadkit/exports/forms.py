"""The questions laid out to paste into a survey form (Microsoft Forms, Google Forms, any other),
with the answer choices written exactly as `spreadkit import` reads them back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spreadkit.model.safe import visible
from spreadkit.model.wording import choice_labels, comment_title
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from spreadkit.model.reports import BlankView


def questions(view: BlankView) -> str:
    bank = view.bank
    count = sum(len(p.questions) for p in view.principles)
    choices = choice_labels(bank)
    out = [
        "Questions for a survey form (Microsoft Forms, Google Forms or another survey tool)",
        f"{bank.title}, version {bank.version}: {plural(count, 'question')}.",
        "",
        "How to set it up",
        "- For each principle below, make one Likert question (Microsoft Forms) or one",
        "  multiple-choice grid (Google Forms): the principle's name as its title, each",
        "  question as a statement (a row), and the answer choices as its options (columns).",
        "  A separate choice question for each question works too.",
        "- Type the answer choices exactly as written below, and keep each question's words",
        "  whole: spreadkit finds a question's column by its whole text, and reads a choice",
        "  by its number, its label, or both.",
        "- After each principle's question, add a long-answer question that is not required,",
        "  titled as shown below (Comments on …), for people's reasons: they are kept with",
        "  that principle, in each person's file and in the team's reports.",
        "- Add a short-answer question called Name, so each person's answers are named",
        "  after them (otherwise after their email, or the row).",
        "- When the responses are in, download them (Microsoft Forms: Open results in Excel;",
        "  Google Forms: Download responses as .csv), then make an answers file for each",
        "  person, or see the team view straight away:",
        "    spreadkit import responses.xlsx -o answers",
        "    spreadkit team responses.xlsx",
        "",
        "Answer choices, for every question",
        *[f"  {choice}" for choice in choices],
    ]
    for number, principle in enumerate(view.principles, start=1):
        out += ["", f"{number}. {principle.name}: {principle.title}"]
        for question in principle.questions:
            out.append(f"   - {question.text}")
        out.append(f"   Then a long-answer question, not required: {comment_title(principle)}")
    return visible("\n".join(out)) + "\n"
