"""Markdown, readable on GitHub and pasted into a document, whatever the text contains.

Every string from the tree is escaped here and nowhere else: characters that would change the
structure are backslash-escaped, control characters are shown as escapes such as `\\x1b`, and
what GitHub would turn into a link by itself (an address starting `www.`, `https://` or an e-mail
address) is broken with an escape that does not show, so only the links the tree asks for are
links, and only to addresses that may be. Commands are code spans, written as typed.
"""

from __future__ import annotations

import re

from spreadkit.documents.tree import (
    Block,
    BulletList,
    Cell,
    Code,
    Command,
    Document,
    Emphasis,
    Figure,
    Inlines,
    Link,
    NumberedList,
    Paragraph,
    Quote,
    Section,
    Strong,
    Table,
)
from spreadkit.model.safe import link, visible

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that can change
# structure inside running text or a table cell, or start an entity such as `&#x202E;`.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~!&])")
# A web address GitHub links by itself: its scheme's colon, or the dot after "www".
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<=www)(\.)")
# An e-mail address, which GitHub finds after escapes are read: an empty comment before its "@"
# (which shows nothing) keeps it text.
_EMAIL = re.compile(r"(?<=[\w.+-])@")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)](?=\s|$))")


def _escape_text(line: str) -> str:
    line = _INLINE.sub(r"\\\1", visible(line))
    line = _AUTOLINK.sub(lambda m: "\\" + m.group(), line)
    return _EMAIL.sub("<!-- -->@", line)


def _escape_line(line: str) -> str:
    line = _escape_text(line)
    match = _LINE_START.match(line)
    if match:
        marker = match.group(2)
        escaped = "\\" + marker if not marker[0].isdigit() else marker[:-1] + "\\" + marker[-1]
        line = match.group(1) + escaped + line[match.end() :]
    return line


def escape(text: str) -> str:
    """Text for one line: a heading, a list item or a table cell. Line breaks become spaces."""
    return " ".join(_escape_line(line) for line in text.splitlines()).strip()


def escape_cell(text: str) -> str:
    """Text for a table cell, where a line break must not end the row."""
    return "<br>".join(_escape_text(line) for line in text.splitlines())


def inline(text: str) -> str:
    """Text inside a line, where only what changes structure mid-line needs escaping; its
    spaces are kept, since it may stand between other pieces of the line."""
    return " ".join(_escape_text(line) for line in text.split("\n"))


def code(text: str) -> str:
    """A code span: shown exactly as typed (no backslash inside a path), fenced with more
    backticks than it holds in a row."""
    shown = " ".join(visible(text).splitlines())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", shown)), default=0) + 1)
    padded = f" {shown} " if shown.startswith("`") or shown.endswith("`") else shown
    return f"{fence}{padded}{fence}"


def quote(text: str) -> list[str]:
    """A note as a block quote, every line kept: each line but the last ends in a hard break
    (a backslash), so multi-line notes read as the person wrote them."""
    lines = [_escape_line(line).rstrip() for line in text.strip("\n").splitlines()]
    return [
        f"> {line}\\"
        if line and number < len(lines) - 1 and lines[number + 1]
        else f"> {line}".rstrip()
        for number, line in enumerate(lines)
    ]


def _inlines(content: Inlines, first: bool = True) -> str:
    out = []
    for position, part in enumerate(content):
        if isinstance(part, str):
            out.append(_escape_line(part) if first and position == 0 else inline(part))
        elif isinstance(part, Strong):
            out.append(f"**{inline(part.text)}**")
        elif isinstance(part, Emphasis):
            out.append(f"*{inline(part.text)}*")
        elif isinstance(part, Code):
            out.append(code(part.text))
        elif isinstance(part, Link):
            address = link(part.url)
            out.append(
                f"[{inline(part.text)}](<{address}>)"
                if address
                else f"{inline(part.text)} ({inline(part.url)})"
            )
    return "".join(out)


def _cell(cell: Cell, strong: bool) -> str:
    text = "".join(
        escape_cell(part) if isinstance(part, str) else _inlines((part,), False)
        for part in cell.content
    )
    return f"**{text}**" if strong and text else text


def _table(table: Table) -> list[str]:
    names = [escape(column.name) for column in table.columns]
    rules = ["---:" if column.kind == "number" else "---" for column in table.columns]
    lines = [f"| {' | '.join(names)} |", f"| {' | '.join(rules)} |"]
    rows = [(row, False) for row in table.rows]
    if table.total is not None:
        rows.append((table.total, True))
    lines += [f"| {' | '.join(_cell(c, strong) for c in row)} |" for row, strong in rows]
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Section):
        out = [f"{'#' * block.level} {_inlines(block.title, False)}"]
        for inner in block.blocks:
            out += ["", *_block(inner)]
        return out
    if isinstance(block, Paragraph):
        return [_inlines(block.content)]
    if isinstance(block, BulletList):
        return [f"- {_inlines(item)}" for item in block.items]
    if isinstance(block, NumberedList):
        return [f"{n}. {_inlines(item)}" for n, item in enumerate(block.items, start=1)]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return [f"*{inline(block.chart.title)}.* {inline(block.alt)}"]
    if isinstance(block, Quote):
        return [*quote(block.text), *([">", f"> — {escape(block.by)}"] if block.by else [])]
    if isinstance(block, Command):
        return [_inlines(block.lead), "", code(block.command)]
    raise TypeError(f"no markdown for {type(block).__name__}")


def write(document: Document) -> str:
    out = [f"# {escape(document.title)}", ""]
    out += [f"- **{escape(label)}:** {_inlines(value, False)}" for label, value in document.details]
    for block in document.blocks:
        out += ["", *_block(block)]
    if document.footer:
        out += ["", "---", "", _inlines(document.footer)]
    return "\n".join(out) + "\n"
