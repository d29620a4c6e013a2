"""Survey responses (Microsoft Forms, Google Forms, any survey tool): one row per respondent and one
column per question, exported as .xlsx or .csv.

A column belongs to a question when its header holds the question's id, or its whole text (case,
spacing and punctuation aside), as a grid header "Benefit [What makes this …?]" does, or the whole
of a wording it had in an earlier version of the bank (`earlier_texts`), so that a form made before
a question was reworded still counts. A cell holds
the value, the label, or both ("3 Mostly in place"). Who answered comes from a name, email or
respondent column, else the row number. Every problem is reported at once by row, column letter
and header, and nothing is taken in when there are problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from spreadkit.model.answers import Answer, AnswersFile, Meta, bank_ref, report_time
from spreadkit.model.bank import Bank, Principle, Question
from spreadkit.model.errors import InputFileError
from spreadkit.model.limits import MAX_DETAIL, MAX_NOTE
from spreadkit.model.safe import unbroken
from spreadkit.model.words import clip, plural
from spreadkit.readers.common import column_letter
from spreadkit.readers.ratings import doubtful_cells, parse_rating, plain_words

# Columns named in the notice of those not used: enough to recognise them.
SHOW_UNUSED = 10
# Replaced responses told one by one, before "and N more".
SHOW_REPLACED = 5
# Header rows are looked for among the first few: some tools write two or three.
HEADER_SEARCH = 5
# Columns that say who answered, by kind, each kind tried in turn.
_NAMES = ("name", "full name", "your name", "respondent")
_EMAILS = ("email", "email address")
_IDS = ("respondent id",)
# Columns that say when a response was finished: Microsoft Forms, Google Forms, Qualtrics.
_FINISHED = ("completion time", "timestamp", "enddate", "end date", "recordeddate")
# How survey tools write a time that is not ISO 8601 (Google Forms in the UK).
_TIME_FORMATS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y/%m/%d %H:%M:%S")
# What Microsoft Forms writes in Email for a response without a sign-in: nobody in particular.
_NOBODY = {"anonymous", "anonymous user"}
# The row a survey tool (Qualtrics) writes under its headers: not anybody's answers.
_IMPORT_ID = '{"ImportId"'


@dataclass
class Responses:
    people: list[tuple[str, AnswersFile]] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)  # columns that name no question
    named_by: dict[str, int] = field(default_factory=dict)  # column -> people it named
    replaced: list[str] = field(default_factory=list)  # "row 5 (Ana) replaces row 2"
    answered: dict[str, datetime] = field(default_factory=dict)  # person -> completion time
    dated_by: str = ""  # the column that says when each response was finished

    def notices(self, source: str) -> list[str]:
        told: list[str] = []
        if self.named_by:
            counts = [
                f"{plural(count, 'person', 'people')} from column {column}"
                for column, count in self.named_by.items()
            ]
            dated = f"; dated each response from column {self.dated_by}" if self.dated_by else ""
            told.append(f"{source}: named {', '.join(counts)}{dated}")
        if self.replaced:
            shown = "; ".join(self.replaced[:SHOW_REPLACED])
            more = len(self.replaced) - SHOW_REPLACED
            rest = f"; and {more:,} more" if more > 0 else ""
            told.append(
                f"{source}: the latest response from each person counts: {shown}{rest} "
                "(spreadkit import --allow-duplicates keeps every response)"
            )
        if self.unused:
            shown = ", ".join(self.unused[:SHOW_UNUSED])
            more = len(self.unused) - SHOW_UNUSED
            rest = f" and {more:,} more" if more > 0 else ""
            told.append(f"{source}: columns not used (they name no question): {shown}{rest}")
        return told


def looks_like_responses(rows: list[list[str]], bank: Bank) -> bool:
    """Whether the rows hold a column that names a question: a survey export, not a sheet."""
    return _find_header(rows, bank) is not None


def _column_question(header: str, bank: Bank, texts: dict[str, Question]) -> Question | None:
    folded = header.casefold()
    for _, question in bank.questions():
        if re.search(rf"(?<![\w.-]){re.escape(question.id.casefold())}(?![\w.-])", folded):
            return question
    words = plain_words(header)
    found = [(text, q) for text, q in texts.items() if text and text in words]
    return max(found, key=lambda pair: len(pair[0]))[1] if found else None


def _question_texts(bank: Bank) -> dict[str, Question]:
    """Each question's words, current and earlier; where an earlier wording of one question is
    another's current wording, the current one counts."""
    texts = {plain_words(t): q for _, q in bank.questions() for t in q.earlier_texts}
    texts.update({plain_words(q.text): q for _, q in bank.questions()})
    return texts


def _find_header(rows: list[list[str]], bank: Bank) -> int | None:
    texts = _question_texts(bank)
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        if any(_column_question(cell, bank, texts) for cell in row):
            return index
    return None


def read_responses(
    source: str, rows: list[list[str]], bank: Bank, *, allow_duplicates: bool = False
) -> Responses:
    """Everyone's answers; a person who answered twice (the same email, or else the same name)
    counts once, with their latest response, unless `allow_duplicates`."""
    header_at = _find_header(rows, bank)
    if header_at is None:
        raise InputFileError(
            f"{source}: neither an answer sheet (no question_id column) nor survey responses "
            "(no column names a question by its id or its whole text)"
        )
    header = [cell.strip() for cell in rows[header_at]]
    layout = _columns(source, header, bank)
    columns = layout.questions
    responses = Responses()
    problems: list[str] = []
    ratings = _Ratings(source, bank, rows, header, columns)
    names = _Names(header, layout.who)
    first = header_at + 2
    if first - 1 < len(rows) and _import_ids(rows[first - 1]):
        first += 1  # Qualtrics' row of import ids, right under its headers
    for number, cells in enumerate(rows[first - 1 :], start=first):
        if not any(c.strip() for c in cells):
            continue
        marker = next((i for i, c in enumerate(cells) if c.startswith(_IMPORT_ID)), None)
        if marker is not None:
            problems.append(
                f"{source}: row {number}, column {column_letter(marker)}: holds a survey tool's "
                f"column marker ({clip(cells[marker], 30)}), not an answer; export the responses "
                "again"
            )
            continue
        answers = ratings.answers(cells, number, problems)
        comments = _comments(source, header, layout, cells, number, problems)
        said = (answers, comments, _finished(cells, layout.finished))
        names.add(responses, bank, cells, number, said, allow_duplicates=allow_duplicates)
    if problems:
        raise InputFileError("\n".join(problems))
    _describe_columns(responses, header, layout, names)
    return responses


class _Ratings:
    """The ratings of a row, each read where a person would look for it."""

    def __init__(
        self,
        source: str,
        bank: Bank,
        rows: list[list[str]],
        header: list[str],
        columns: dict[int, Question],
    ) -> None:
        self.source, self.bank, self.columns = source, bank, columns
        self.doubts = {column: doubtful_cells(rows, column) for column in columns}
        self.places = {
            column: f"column {column_letter(column)} ({clip(header[column], 60)})"
            for column in columns
        }
        # Each cell's text read once: a survey's thousands of ratings are a few labels over and
        # over, and an answer is never changed once made, so one serves every cell that says it.
        self.read: dict[str, Answer | None] = {}

    def answers(self, cells: list[str], number: int, problems: list[str]) -> dict[str, Answer]:
        """The row's answers by question; each cell that cannot be read adds a problem."""
        answers: dict[str, Answer] = {}
        for column, question in self.columns.items():
            value = cells[column] if column < len(cells) else ""
            doubt = self.doubts[column].get(number)
            if doubt is not None:
                problems.append(f"{self.source}: row {number}, {self.places[column]}: {doubt}")
                continue
            if value in self.read:
                answer = self.read[value]
            else:
                try:
                    rating = parse_rating(value, self.bank)
                except ValueError as exc:
                    problems.append(f"{self.source}: row {number}, {self.places[column]}: {exc}")
                    continue
                answer = self.read[value] = None if rating is None else Answer(rating=rating)
            if answer is not None:
                answers[question.id] = answer
        return answers


def _describe_columns(
    responses: Responses, header: list[str], layout: _Layout, names: _Names
) -> None:
    """For the notices: the columns not used, and the columns that named people."""
    # Emails find a person who answered twice, and a completion time dates each response: used
    # even where they name nobody.
    unused = sorted(
        set(layout.others) - {layout.finished} | (set(layout.who) - names.used - names.emails)
    )
    responses.unused = [f"{column_letter(i)} ({clip(header[i], 40)})" for i in unused]
    responses.named_by = {
        f"{column_letter(i)} ({clip(header[i], 40)})": count for i, count in names.counts.items()
    }
    if layout.finished is not None:
        responses.dated_by = (
            f"{column_letter(layout.finished)} ({clip(header[layout.finished], 40)})"
        )


def _finished(cells: list[str], column: int | None) -> datetime | None:
    """When the row's response was finished, in this computer's time zone where the survey
    names none; None where the survey does not say, or says it in a way not known here."""
    if column is None or column >= len(cells):
        return None
    text = cells[column].strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        for pattern in _TIME_FORMATS:
            try:
                moment = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
        else:
            return None
    return moment.astimezone()


def _comments(
    source: str,
    header: list[str],
    layout: _Layout,
    cells: list[str],
    number: int,
    problems: list[str],
) -> dict[str, str]:
    """What one row says about each principle, in the comment columns."""
    found: dict[str, str] = {}
    for column, principle in layout.comments.items():
        text = cells[column].strip() if column < len(cells) else ""
        if len(text) > MAX_NOTE:
            problems.append(
                f"{source}: row {number}, column {column_letter(column)} "
                f"({clip(header[column], 40)}): a comment of {len(text):,} characters; "
                f"spreadkit keeps up to {MAX_NOTE:,}"
            )
        elif text:
            found[principle.id] = text
    return found


def _import_ids(cells: list[str]) -> bool:
    filled = [cell for cell in cells if cell.strip()]
    return bool(filled) and all(cell.startswith(_IMPORT_ID) for cell in filled)


@dataclass
class _Layout:
    """Which column holds which question, which a comment on which principle, which say who
    answered (in the order they are tried: a name, the last such column first, as a Name
    question people answered comes after the form's own Name; then an email; then an id), and
    which hold none of these."""

    questions: dict[int, Question]
    comments: dict[int, Principle]
    who: list[int]
    others: list[int]
    finished: int | None = None


def _comment_titles(bank: Bank) -> dict[str, Principle]:
    """A comment column's header, in plain words: as the survey layout titles it, or by the
    principle's id."""
    titles: dict[str, Principle] = {}
    for principle in bank.principles:
        for name in (principle.name, principle.id):
            for word in ("comments", "comment"):
                titles[plain_words(f"{word} on {name}")] = principle
    return titles


def _columns(source: str, header: list[str], bank: Bank) -> _Layout:
    texts = _question_texts(bank)
    titles = _comment_titles(bank)
    comments: dict[int, Principle] = {}
    columns: dict[int, Question] = {}
    first: dict[str, int] = {}
    problems: list[str] = []
    identity: dict[str, list[int]] = {}
    others: list[int] = []
    for index, text in enumerate(header):
        principle = titles.get(plain_words(text))
        if principle is not None and principle not in comments.values():
            comments[index] = principle
            continue
        question = None if principle else _column_question(text, bank, texts)
        if question is None:
            words = plain_words(text)
            if words in _NAMES + _EMAILS + _IDS:
                identity.setdefault(words, []).append(index)
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
    named = sorted((i for w in _NAMES for i in identity.get(w, [])), reverse=True)
    emails = sorted(i for w in _EMAILS for i in identity.get(w, []))
    ids = sorted(i for w in _IDS for i in identity.get(w, []))
    finished = next((i for i in others if plain_words(header[i]) in _FINISHED), None)
    return _Layout(columns, comments, named + emails + ids, others, finished)


class _Names:
    """Who answered each row, and whether they answered before."""

    def __init__(self, header: list[str], who: list[int]) -> None:
        self.who = who
        self.emails = {i for i in who if plain_words(header[i]) in _EMAILS}
        self.used: set[int] = set()
        self.counts: dict[int, int] = {}
        self.taken: set[str] = set()
        self.suffix: dict[str, int] = {}
        self.earlier: dict[str, tuple[int, int]] = {}  # person -> (row, place in people)

    def add(
        self,
        responses: Responses,
        bank: Bank,
        cells: list[str],
        number: int,
        said: tuple[dict[str, Answer], dict[str, str], datetime | None],
        *,
        allow_duplicates: bool,
    ) -> None:
        answers, comments, finished = said
        name, column = "", None
        for at in self.who:
            text = unbroken(cells[at].strip())[:MAX_DETAIL] if at < len(cells) else ""
            if text and text.casefold() not in _NOBODY:
                name, column = text, at
                break
        email = next(
            (
                cells[at].strip().casefold()
                for at in sorted(self.emails)
                if at < len(cells) and "@" in cells[at]
            ),
            "",
        )
        person = email or (" ".join(name.casefold().split()) if name else "")
        earlier = self.earlier.get(person) if person and not allow_duplicates else None
        if earlier is not None:
            row, place = earlier
            kept = responses.people[place][0]
            responses.replaced.append(f"row {number} ({clip(name or kept, 40)}) replaces row {row}")
            meta = _meta(kept, finished)
            _answered(responses, kept, finished)
            responses.people[place] = (
                kept,
                AnswersFile(bank=bank_ref(bank), meta=meta, answers=answers, comments=comments),
            )
            self.earlier[person] = (number, place)
            return
        if column is not None:
            self.used.add(column)
            self.counts[column] = self.counts.get(column, 0) + 1
        unique = self._unique(name or f"row {number}")
        if person:
            self.earlier[person] = (number, len(responses.people))
        meta = _meta(unique, finished)
        _answered(responses, unique, finished)
        responses.people.append(
            (
                unique,
                AnswersFile(bank=bank_ref(bank), meta=meta, answers=answers, comments=comments),
            )
        )

    def _unique(self, name: str) -> str:
        """The name, or with (2), (3)… when someone else has it: found in one step each, however
        many share it."""
        key = name.casefold()
        unique, n = name, self.suffix.get(key, 1)
        while unique.casefold() in self.taken:
            n += 1
            unique = f"{name} ({n})"
        self.suffix[key] = n
        self.taken.add(unique.casefold())
        return unique


def _meta(name: str, finished: datetime | None) -> Meta:
    """When the row was answered, where the survey says; else the time it is read stands for
    it."""
    at = finished.astimezone(UTC) if finished else report_time()
    return Meta(respondent=name, created=at, updated=at)


def _answered(responses: Responses, name: str, finished: datetime | None) -> None:
    if finished is None:
        responses.answered.pop(name, None)
    else:
        responses.answered[name] = finished
