"""Survey responses (Microsoft Forms, Google Forms, any survey tool): one row per respondent and one
column per question, exported as .xlsx or .csv.

A column belongs to a question when its header holds the question's id, or its whole text (case,
spacing and punctuation aside), as a grid header "Benefit [What makes this …?]" does. A cell holds
the value, the label, or both ("3 Mostly in place"). Who answered comes from a name, email or
respondent column, else the row number. Every problem is reported at once by row, column letter
and header, and nothing is taken in when there are problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spreadkit.answers import Answer, AnswersFile, Meta, bank_ref
from spreadkit.bank import Bank, Question
from spreadkit.errors import InputFileError
from spreadkit.limits import MAX_DETAIL
from spreadkit.readers.common import column_letter
from spreadkit.readers.sheets import doubtful_cells, parse_rating, plain_words
from spreadkit.safe import unbroken
from spreadkit.wording import clip

# Columns named in the notice of those not used: enough to recognise them.
SHOW_UNUSED = 10
# Header rows are looked for among the first few: some tools write two or three.
HEADER_SEARCH = 5
_WHO = ("name", "full name", "your name", "respondent", "email", "email address", "respondent id")


@dataclass
class Responses:
    people: list[tuple[str, AnswersFile]] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)  # columns that name no question

    def notice(self, source: str) -> str | None:
        if not self.unused:
            return None
        shown = ", ".join(self.unused[:SHOW_UNUSED])
        more = len(self.unused) - SHOW_UNUSED
        rest = f" and {more} more" if more > 0 else ""
        return f"{source}: columns not used (they name no question): {shown}{rest}"


def looks_like_responses(rows: list[list[str]], bank: Bank) -> bool:
    """Whether the rows hold a column that names a question: a survey export, not a sheet."""
    return _find_header(rows, bank) is not None


def _column_question(header: str, bank: Bank, texts: dict[str, Question]) -> Question | None:
    folded = header.casefold()
    for _, question in bank.questions():
        if re.search(rf"(?<![\w.-]){re.escape(question.id.casefold())}(?![\w.-])", folded):
            return question
    words = plain_words(header)
    found = [q for text, q in texts.items() if text and text in words]
    return max(found, key=lambda q: len(q.text)) if found else None


def _question_texts(bank: Bank) -> dict[str, Question]:
    return {plain_words(q.text): q for _, q in bank.questions()}


def _find_header(rows: list[list[str]], bank: Bank) -> int | None:
    texts = _question_texts(bank)
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        if any(_column_question(cell, bank, texts) for cell in row):
            return index
    return None


def read_responses(source: str, rows: list[list[str]], bank: Bank) -> Responses:
    header_at = _find_header(rows, bank)
    if header_at is None:
        raise InputFileError(
            f"{source}: neither an answer sheet (no question_id column) nor survey responses "
            "(no column names a question by its id or its whole text)"
        )
    header = [cell.strip() for cell in rows[header_at]]
    columns, who, others = _columns(source, header, bank)
    responses = Responses()
    named_by: set[int] = set()
    problems: list[str] = []
    names: set[str] = set()
    doubts = {column: doubtful_cells(rows, column) for column in columns}
    places = {
        column: f"column {column_letter(column)} ({clip(header[column], 60)})" for column in columns
    }
    for number, cells in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(c.strip() for c in cells) or any(c.startswith('{"ImportId"') for c in cells):
            continue
        answers: dict[str, Answer] = {}
        for column, question in columns.items():
            value = cells[column] if column < len(cells) else ""
            place = f"row {number}, {places[column]}"
            doubt = doubts[column].get(number)
            if doubt is not None:
                problems.append(f"{source}: {place}: {doubt}")
                continue
            try:
                rating = parse_rating(value, bank)
            except ValueError as exc:
                problems.append(f"{source}: {place}: {exc}")
                continue
            if rating is not None:
                answers[question.id] = Answer(rating=rating)
        name = _name(cells, who, number, names, named_by)
        meta = Meta(respondent=name)
        responses.people.append(
            (name, AnswersFile(bank=bank_ref(bank), meta=meta, answers=answers))
        )
    if problems:
        raise InputFileError("\n".join(problems))
    unused = sorted(set(others) | (set(who) - named_by))
    responses.unused = [f"{column_letter(i)} ({clip(header[i], 40)})" for i in unused]
    return responses


def _columns(
    source: str, header: list[str], bank: Bank
) -> tuple[dict[int, Question], list[int], list[int]]:
    """Which column holds which question, which say who answered (best first: a name, then an
    email, then an id), and which name no question."""
    texts = _question_texts(bank)
    columns: dict[int, Question] = {}
    first: dict[str, int] = {}
    problems: list[str] = []
    identity: dict[str, int] = {}
    others: list[int] = []
    for index, text in enumerate(header):
        question = _column_question(text, bank, texts)
        if question is None:
            if plain_words(text) in _WHO and plain_words(text) not in identity:
                identity[plain_words(text)] = index
            elif text:
                others.append(index)
            continue
        if question.id in first:
            earlier = first[question.id]
            problems.append(
                f"{source}: columns {column_letter(earlier)} ({clip(header[earlier], 40)}) and "
                f"{column_letter(index)} ({clip(text, 40)}) both hold '{question.id}'; keep one of them"
            )
            continue
        first[question.id] = index
        columns[index] = question
    if problems:
        raise InputFileError("\n".join(problems))
    who = [identity[w] for w in _WHO if w in identity]
    return columns, who, others


def _name(
    cells: list[str], who: list[int], number: int, taken: set[str], named_by: set[int]
) -> str:
    """The first of the row's name, email or id that is filled in, else its row number; unique."""
    name = ""
    for column in who:
        name = unbroken(cells[column].strip())[:MAX_DETAIL] if column < len(cells) else ""
        if name:
            named_by.add(column)
            break
    name = name or f"row {number}"
    unique, n = name, 2
    while unique.casefold() in taken:
        unique, n = f"{name} ({n})", n + 1
    taken.add(unique.casefold())
    return unique
