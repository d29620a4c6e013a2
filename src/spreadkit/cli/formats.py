"""Every output format, per kind of result, in one table: adding a format is one module and one row.

A row names the function that renders the format (imported only when that format is chosen),
whether it can go to the screen, and its usual file extension, which is also how the format is
chosen from `-o NAME` when `-f` is not given. The `-f` choices and their help come from here.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import PurePath
from typing import Any, NamedTuple

from spreadkit.model.errors import UsageError


class Format(NamedTuple):
    name: str
    help: str
    extension: str
    renderer: str  # "module:function", imported when the format is used
    screen: bool = True  # False for files a terminal cannot show, such as a workbook
    drawn: bool = False  # a Rich drawing: in colour on the screen, plain text in a file
    shows_notes: bool = False  # the team view keeps people's notes only for these
    other_extensions: tuple[str, ...] = ()
    writer: str = ""  # "module:function" that writes the document `renderer` builds, if any
    described: bool = False  # a picture: the writer gives its text alternative too, to tell

    @property
    def extensions(self) -> tuple[str, ...]:
        return (self.extension, *self.other_extensions)

    def render(self, view: Any) -> Any:
        """A str, bytes, or (when drawn) a Rich renderable: for a report, the document its
        builder makes, written by this format's writer."""
        rendered = _function(self.renderer)(view)
        return _function(self.writer)(rendered) if self.writer else rendered


def _function(name: str) -> Callable[[Any], Any]:
    module, _, function = name.partition(":")
    found: Callable[[Any], Any] = getattr(importlib.import_module(module), function)
    return found


_JSON = "spreadkit.exports.jsondoc"
_XLSX = "spreadkit.exports.workbook"
_TABLES = "spreadkit.exports.report_book"
_MD = (".md", (".markdown",))
_HTM = (".html", (".htm",))
# The writers of documents, one per format; each row below pairs one with a report's builder.
_TEXT_WRITER = "spreadkit.writers.terminal:write"
_MD_WRITER = "spreadkit.writers.markdown:write"
_HTML_WRITER = "spreadkit.writers.html:write"
_WORD_WRITER = "spreadkit.writers.word:write"
_SLIDES_WRITER = "spreadkit.writers.pptx:write"
_SVG_WRITER = "spreadkit.writers.slide:svg"
_PNG_WRITER = "spreadkit.writers.slide:png"
_PERSON = "spreadkit.documents.person"
_TEAM = "spreadkit.documents.team:team_document"
_COMPARE = "spreadkit.documents.comparison:compare_document"
_PLAN = "spreadkit.documents.plan:plan_document"
_PROGRAMME = "spreadkit.documents.programme:programme_document"
_TREND = "spreadkit.documents.trend:trend_document"
_REPORT = "for a report"
_BROWSER = "for a report to open in a browser"
_DOCX = "for a Word report"
_PPTX = "for PowerPoint slides"


def _documents(builder: str, *, notes: bool = False, text: str = "") -> tuple[Format, ...]:
    """A report's rows: the screen (when `text` gives its help), markdown, HTML, Word and
    PowerPoint."""
    rows = [
        Format(
            "markdown",
            _REPORT,
            _MD[0],
            builder,
            shows_notes=notes,
            other_extensions=_MD[1],
            writer=_MD_WRITER,
        ),
        Format(
            "html",
            _BROWSER,
            _HTM[0],
            builder,
            shows_notes=notes,
            other_extensions=_HTM[1],
            writer=_HTML_WRITER,
        ),
        Format(
            "docx", _DOCX, ".docx", builder, screen=False, shows_notes=notes, writer=_WORD_WRITER
        ),
        Format(
            "pptx", _PPTX, ".pptx", builder, screen=False, shows_notes=notes, writer=_SLIDES_WRITER
        ),
    ]
    if text:
        screen = Format(
            "text", text, ".txt", builder, drawn=True, shows_notes=notes, writer=_TEXT_WRITER
        )
        rows.insert(0, screen)
    return tuple(rows)


def _pictures(builder: str) -> tuple[Format, Format]:
    """A picture for a slide: the chart (or, for a plan, the first actions) with its key
    figures, as SVG and as PNG."""
    return (
        Format(
            "svg", "for a picture on a slide", ".svg", builder, writer=_SVG_WRITER, described=True
        ),
        Format(
            "png",
            "for the picture as PNG",
            ".png",
            builder,
            screen=False,
            writer=_PNG_WRITER,
            described=True,
        ),
    )


_TEAM_ROWS = _documents(_TEAM, notes=True, text="for the screen")
_COMPARE_ROWS = _documents(_COMPARE, text="for the screen")
_PLAN_ROWS = _documents(_PLAN, text="for the screen")
_PERSON_ROWS = _documents(f"{_PERSON}:full_document")
_PROGRAMME_ROWS = _documents(_PROGRAMME, text="for the screen")
_TREND_ROWS = _documents(_TREND, text="for the screen")

TABLE: dict[str, tuple[Format, ...]] = {
    "summary": (
        Format(
            "text",
            "for people",
            ".txt",
            f"{_PERSON}:summary_document",
            drawn=True,
            writer=_TEXT_WRITER,
        ),
        Format("json", "for scripts", ".json", f"{_JSON}:summary"),
        Format(
            "markdown",
            "",
            _MD[0],
            f"{_PERSON}:summary_document",
            other_extensions=_MD[1],
            writer=_MD_WRITER,
        ),
        # The picture needs the chart, which only the whole report has.
        *_pictures(f"{_PERSON}:full_document"),
    ),
    "report": (
        *_PERSON_ROWS[:2],
        Format("csv", "for a filled sheet", ".csv", "spreadkit.exports.sheet:filled"),
        Format("json", "for an answers file", ".json", f"{_JSON}:answers_file"),
        Format("xlsx", "for a filled Excel workbook", ".xlsx", f"{_XLSX}:filled", screen=False),
        *_PERSON_ROWS[2:],
    ),
    "team": (
        *_TEAM_ROWS[:3],
        Format("json", "for scripts", ".json", f"{_JSON}:team"),
        Format("csv", "for a spreadsheet", ".csv", "spreadkit.exports.team_sheet:team"),
        Format(
            "xlsx",
            "for an Excel workbook",
            ".xlsx",
            f"{_TABLES}:team",
            screen=False,
            shows_notes=True,
        ),
        *_TEAM_ROWS[3:],
        *_pictures(_TEAM),
    ),
    "compare": (
        *_COMPARE_ROWS[:3],
        Format("json", "for scripts", ".json", f"{_JSON}:comparison"),
        *_COMPARE_ROWS[3:],
        *_pictures(_COMPARE),
    ),
    # compare with three or more rounds: the same formats as "compare".
    "trend": (
        *_TREND_ROWS[:3],
        Format("json", "for scripts", ".json", f"{_JSON}:trend"),
        *_TREND_ROWS[3:],
    ),
    "programme": (
        *_PROGRAMME_ROWS[:3],
        Format("json", "for scripts", ".json", f"{_JSON}:programme"),
        Format(
            "csv",
            "for a spreadsheet, a row per site, round and principle",
            ".csv",
            "spreadkit.exports.programme_sheet:programme",
        ),
        Format(
            "xlsx",
            "for an Excel workbook, the same rows as a table",
            ".xlsx",
            f"{_TABLES}:programme",
            screen=False,
        ),
        *_PROGRAMME_ROWS[3:],
    ),
    "card": (Format("json", "for a benchmark card", ".json", f"{_JSON}:card"),),
    "plan": (
        *_PLAN_ROWS[:3],
        Format("json", "for a plan file to keep and read back", ".json", f"{_JSON}:plan_file"),
        Format(
            "csv",
            "for a plan sheet to edit in a spreadsheet",
            ".csv",
            "spreadkit.exports.plan_sheet:plan",
        ),
        Format(
            "xlsx", "for a plan workbook to edit in Excel", ".xlsx", f"{_XLSX}:plan", screen=False
        ),
        Format("docx", "for a Word document", ".docx", _PLAN, screen=False, writer=_WORD_WRITER),
        _PLAN_ROWS[4],
        *_pictures(_PLAN),
    ),
    "template": (
        Format("csv", "for a spreadsheet", ".csv", "spreadkit.exports.sheet:blank"),
        Format("json", "for a blank answers file", ".json", f"{_JSON}:blank_answers_file"),
        Format(
            "xlsx",
            "for an Excel workbook with a drop-down",
            ".xlsx",
            f"{_XLSX}:blank",
            screen=False,
        ),
        Format(
            "forms",
            "for the questions to paste into a survey form",
            ".txt",
            "spreadkit.exports.forms:questions",
        ),
    ),
}


# The command that writes a format another command does not, for a message that points there.
_ELSEWHERE = {"summary": "report", "report": "summary"}
_COMMAND = {"summary": "summary", "report": "export"}


def names(kind: str) -> list[str]:
    return [f.name for f in TABLE[kind]]


def elsewhere(kind: str, name: str | None = None, suffix: str | None = None) -> str:
    """'; for html use: spreadkit export FILE -f html' when another command writes it."""
    other = _ELSEWHERE.get(kind)
    if other is None:
        return ""
    for fmt in TABLE[other]:
        if fmt.name == name or (suffix and suffix in fmt.extensions):
            return f"; {_COMMAND[other]} writes {fmt.name}, e.g. spreadkit {_COMMAND[other]} FILE -f {fmt.name}"
    return ""


def help_text(kind: str) -> str:
    """The -f help: every choice in words, the default first, and the extension rule."""
    rows = TABLE[kind]
    choices = [" ".join(filter(None, (f.name, f.help))) for f in rows]
    choices[0] = choices[0].replace(rows[0].name, f"{rows[0].name} (the default)", 1)
    listed = ", ".join(choices[:-1]) + f", or {choices[-1]}" if len(choices) > 1 else choices[0]
    endings = ", ".join(f.extension for f in rows)
    return f"{listed}. Without -f, the ending of the -o file chooses ({endings})."


# Other names people give a format, as its files are called or the program that opens them.
ALIASES = {"md": "markdown", "word": "docx", "excel": "xlsx", "powerpoint": "pptx"}


def _by_name(kind: str, name: str) -> Format:
    for candidate in TABLE[kind]:
        if candidate.name == name:
            return candidate
    raise UsageError(f"-f {name}: not a format here; choose from: {', '.join(names(kind))}")


def _by_extension(kind: str, suffix: str) -> Format | None:
    return next((f for f in TABLE[kind] if suffix in f.extensions), None)


def choose(kind: str, name: str | None, output: str) -> Format:
    """The format asked for with -f, or else the one `output`'s extension names; with neither,
    the first in the table. An -f that the extension contradicts is refused, naming both."""
    suffix = PurePath(output).suffix.lower() if output != "-" else ""
    by_extension = _by_extension(kind, suffix) if suffix else None
    if name is None:
        if not suffix:
            return TABLE[kind][0]
        if by_extension is None:
            known = ", ".join(f"{e} ({f.name})" for f in TABLE[kind] for e in f.extensions)
            raise UsageError(
                f"-o {output}: no format here writes '{suffix}' files; name the file with one of "
                f"{known}, or choose the format with -f{elsewhere(kind, suffix=suffix)}"
            )
        return by_extension
    chosen = _by_name(kind, name)
    if by_extension is not None and by_extension is not chosen:
        raise UsageError(
            f"-f {chosen.name} and -o {output} disagree: '{suffix}' is the ending for "
            f"{by_extension.name}; use -o with {chosen.extension}, or leave out -f"
        )
    if not chosen.screen and output == "-" and sys.stdout.isatty():
        raise UsageError(f"-f {chosen.name} cannot be shown on the screen; write it with -o FILE")
    return chosen
