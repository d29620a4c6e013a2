"""Reading Excel workbooks (.xlsx): the sheet that holds the answers (the visible one called
Answers, or the only visible one), as rows of the text a person sees, for the sheet and survey
readers to make sense of.

A workbook is a zip of XML parts. spreadkit reads the few parts it needs itself, as a stream,
rather than through a spreadsheet library, so that the work is bounded and nothing a library might
print reaches the terminal:

- data only: a formula gives its last saved value and never runs; no macros, no links followed;
- bounded: no more than the size limit in bytes, unpacked bytes, cells seen, shared strings, and
  seconds, each refused with a one-line message naming the file;
- strict: XML that is not well formed, a document type or entity, damaged compressed data, an
  encrypted part, a reference or number that is not one, is "not a readable workbook" naming the
  file, never a fault in spreadkit;
- what a person sees: hidden sheets are passed over, and a cell whose number format shows
  something other than what it holds (`;;;`, "4 Fully in place" over a stored 0) is marked, as are
  merged cells, so that the readers can refuse them as ratings, naming the cells.
"""

from __future__ import annotations

import io
import math
import re
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import IO
from xml.etree.ElementTree import Element, ParseError, iterparse
from xml.parsers import expat

from spreadkit.model.errors import InputFileError, NotAnswers
from spreadkit.model.limits import MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS
from spreadkit.readers.common import column_letter, read_bytes

# A workbook is a zip of XML; this much unpacked is far more than any sheet of answers or survey
# needs, and stops a small file that unpacks to gigabytes before it is read.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Excel itself holds no more than this in a cell.
MAX_CELL_TEXT = 32_767
# However the file is made, reading it stops after this long: a backstop, as the limits on cells
# and pieces of text bound the work first (the largest survey they allow took 8 to 10 seconds on
# a 2-core laptop, benchmarks/workbooks.py; any hostile workbook far less).
MAX_READ_SECONDS = 60.0
# How often (in cells) the clock is looked at.
_CLOCK_EVERY = 4096

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class _Unreadable(Exception):
    """The workbook is damaged or is not what it claims to be; the message says how."""


class _Refused(Exception):
    """The workbook is readable but past a limit; the message is the whole sentence after the
    file's name."""


class _MadeHere(_Refused):
    """A workbook spreadkit made that holds nobody's answers."""


@dataclass(frozen=True)
class Merged:
    """Cells merged into one: rows counted from 1, columns from 0, both ends included."""

    ref: str
    first_row: int
    first_column: int
    last_row: int
    last_column: int


class WorkbookRows(list[list[str]]):
    """A sheet's rows as text, with what the text alone cannot say: cells whose number format
    shows something other than the value they hold, and cells merged into one."""

    def __init__(self) -> None:
        super().__init__()
        # (row from 1, column from 0) -> the number format that disguises the value
        self.disguised: dict[tuple[int, int], str] = {}
        self.merged: list[Merged] = []


def doubtful_cells(rows: list[list[str]], column: int) -> dict[int, str]:
    """For rows read from a workbook: the rows (from 1) whose cell in `column` cannot be taken as
    a person sees it, and why, naming the cells. Empty for CSV."""
    if not isinstance(rows, WorkbookRows):
        return {}
    found: dict[int, str] = {}
    for merged in rows.merged:
        if merged.first_column <= column <= merged.last_column:
            found.setdefault(
                merged.first_row,
                f"cells {merged.ref} are merged into one; unmerge them and give each row its own "
                "value",
            )
    letter = column_letter(column)
    for (row, at), code in rows.disguised.items():
        if at == column:
            found.setdefault(
                row,
                f"cell {letter}{row} is formatted to show something other than the value it "
                f"holds (number format '{code[:40]}'); set its format to General and type what "
                "it should say",
            )
    return found


def workbook_rows(path: Path, prefer: str = "Answers") -> tuple[str, WorkbookRows]:
    """Where the rows came from ("sam.xlsx (sheet Answers)") and the rows themselves."""
    content = read_bytes(path, "a workbook")
    advice = "open it in Excel and save it again"
    if content.startswith(_OLE):
        raise InputFileError(
            f"{path}: not a readable Excel workbook (.xlsx): it is protected with a password or "
            "saved as an older kind of file; open it in Excel, remove the password and save it as "
            "an Excel Workbook (.xlsx)"
        )
    try:
        reader = _Reader(path, content, deadline=time.monotonic() + MAX_READ_SECONDS)
        chosen, rows = reader.read(prefer)
    except _MadeHere as exc:
        raise NotAnswers(f"{path}: {exc}") from None
    except _Refused as exc:
        raise InputFileError(f"{path}: {exc}") from None
    except _Unreadable as exc:
        raise InputFileError(
            f"{path}: not a readable Excel workbook (.xlsx) ({exc}); {advice}"
        ) from None
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        expat.ExpatError,
        ParseError,
        EOFError,
        KeyError,
        ValueError,
        IndexError,
        OverflowError,
        NotImplementedError,
        RuntimeError,
        UnicodeError,
        OSError,
    ) as exc:
        why = (
            "its XML is damaged"
            if isinstance(exc, expat.ExpatError | ParseError)
            else "it is damaged"
        )
        raise InputFileError(
            f"{path}: not a readable Excel workbook (.xlsx) ({why}); {advice}"
        ) from None
    return f"{path} (sheet {chosen})", rows


@dataclass
class _Sheet:
    name: str
    state: str
    part: str
    kind: str


@dataclass
class _Styles:
    formats: list[int] = field(default_factory=list)  # by style index: number format id
    codes: dict[int, str] = field(default_factory=dict)  # custom number formats


def _parser(
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> expat.XMLParserType:
    """An XML parser that gives names without their namespace, and refuses document types and
    entities (Excel writes neither; they are how small files are made to expand)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True

    def refuse(*_: object) -> None:
        raise _Unreadable("it declares a document type or an entity")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = lambda name, attrs: start(name.rpartition(" ")[2], attrs)
    if end is not None:
        parser.EndElementHandler = lambda name: end(name.rpartition(" ")[2])
    if text is not None:
        parser.CharacterDataHandler = text
    return parser


class _Reader:
    def __init__(self, path: Path, content: bytes, deadline: float) -> None:
        self.path = path
        self.archive = zipfile.ZipFile(io.BytesIO(content))
        self.deadline = deadline
        self.names = set(self.archive.namelist())
        unpacked = 0
        for member in self.archive.infolist():
            unpacked += member.file_size
            if member.flag_bits & 0x1:
                raise _Unreadable("its parts are encrypted")
        if unpacked > MAX_UNPACKED_BYTES:
            raise _Refused(
                f"unpacks to {unpacked / 1024**2:,.0f} MB, more than any workbook of answers "
                f"holds (at most {MAX_UNPACKED_BYTES // 1024**2} MB); is it the right file?"
            )

    def _open(self, part: str) -> IO[bytes]:
        if part not in self.names:
            raise _Unreadable(f"the part {part[:80]} is missing")
        return self.archive.open(part)

    def _parse(self, part: str, parser: expat.XMLParserType) -> None:
        with self._open(part) as stream:
            parser.ParseFile(stream)

    def read(self, prefer: str) -> tuple[str, WorkbookRows]:
        book = self._main_part()
        sheets, date1904 = self._sheets(book)
        relations = self._relations(book)
        chosen = self._choose(sheets, relations, prefer)
        styles = _Styles()
        strings: list[str] = []
        for kind, part in relations.values():
            if part not in self.names:
                continue  # a part only some cells need: a cell that needs it says so
            if kind == "styles":
                styles = self._styles(part)
            elif kind == "sharedStrings":
                strings = self._strings(part)
        return chosen.name, _SheetReader(self, strings, styles, date1904).read(chosen.part)

    def _main_part(self) -> str:
        found: list[str] = []

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == "Relationship" and attrs.get("Type", "").endswith("/officeDocument"):
                found.append(attrs.get("Target", ""))

        if "_rels/.rels" in self.names:
            self._parse("_rels/.rels", _parser(start))
        target = found[0] if found else "xl/workbook.xml"
        return _resolve("", target)

    def _sheets(self, book: str) -> tuple[list[_Sheet], bool]:
        sheets: list[_Sheet] = []
        date1904 = [False]

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == "sheet":
                sheets.append(
                    _Sheet(
                        name=attrs.get("name", ""),
                        state=attrs.get("state", "visible"),
                        # r:id, in whichever namespace (Strict Open XML has its own)
                        part=next((v for k, v in attrs.items() if k.endswith(" id")), ""),
                        kind="",
                    )
                )
            elif name == "workbookPr":
                date1904[0] = attrs.get("date1904", "0").lower() in ("1", "true")

        self._parse(book, _parser(start))
        return sheets, date1904[0]

    def _relations(self, book: str) -> dict[str, tuple[str, str]]:
        """The workbook's parts by relationship id: (kind, part)."""
        folder, _, name = book.rpartition("/")
        rels = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        found: dict[str, tuple[str, str]] = {}

        def start(element: str, attrs: dict[str, str]) -> None:
            if element == "Relationship" and attrs.get("TargetMode") != "External":
                kind = attrs.get("Type", "").rpartition("/")[2]
                found[attrs.get("Id", "")] = (kind, _resolve(folder, attrs.get("Target", "")))

        self._parse(rels, _parser(start))
        return found

    def _choose(
        self, sheets: list[_Sheet], relations: dict[str, tuple[str, str]], prefer: str
    ) -> _Sheet:
        """The visible sheet of cells called `prefer` (as people name it: "answers", "Answers "
        and "ANSWERS" are the same sheet to them), or the only visible one."""
        visible: list[_Sheet] = []
        for sheet in sheets:
            kind, part = relations.get(sheet.part, ("", ""))
            if sheet.state != "visible" or kind != "worksheet":
                continue
            visible.append(_Sheet(sheet.name, sheet.state, part, kind))
        matching = [s for s in visible if s.name.strip().casefold() == prefer.casefold()]
        if matching:
            return matching[0]
        if len(visible) == 1:
            return visible[0]
        if not visible:
            raise _Unreadable("it has no visible sheet of cells")
        names = {sheet.name for sheet in visible}
        if prefer == "Answers" and {"Summary", "Questions"} <= names:
            # A team workbook that spreadkit made: a report, not anyone's answers.
            raise _MadeHere(
                "is a team report made by spreadkit team -f xlsx, not answers; to see the team "
                "again, give the answers files or sheets it was made from"
            )
        listed = ", ".join(f"'{sheet.name}'" for sheet in visible[:10])
        raise _Refused(
            f"has {len(visible)} sheets ({listed}) and none is called '{prefer}'; rename the "
            f"sheet that holds them to '{prefer}'"
        )

    def _styles(self, part: str) -> _Styles:
        styles = _Styles()
        inside: list[str] = []

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == "numFmt":
                styles.codes[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
            elif name == "xf" and inside and inside[-1] == "cellXfs":
                styles.formats.append(int(attrs.get("numFmtId", "0")))
            inside.append(name)

        def end(name: str) -> None:
            inside.pop()

        self._parse(part, _parser(start, end))
        return styles

    def _events(self, part: str) -> Iterator[tuple[str, Element]]:
        """Each element of a large part as it ends, from a stream: its document type is looked
        for first (it can only come before the first element), as Excel writes none."""
        with self._open(part) as stream:
            head = _parser(_at_root)
            try:
                while chunk := stream.read(1 << 16):
                    head.Parse(chunk, False)
            except _Root:
                pass
        with self._open(part) as stream:
            yield from iterparse(stream, ("end",))

    def _strings(self, part: str) -> list[str]:
        strings: list[str] = []
        si = _TAGS["si"]
        for _, element in self._events(part):
            if element.tag not in si:
                continue
            strings.append(_text(element))
            element.clear()
            if len(strings) % _CLOCK_EVERY == 0:
                if len(strings) > MAX_SHEET_CELLS:
                    raise _Refused(self._too_many_strings())
                self.on_time()
        if len(strings) > MAX_SHEET_CELLS:
            raise _Refused(self._too_many_strings())
        return strings

    def _too_many_strings(self) -> str:
        return (
            f"holds more than {MAX_SHEET_CELLS:,} pieces of text, more than any sheet of answers "
            "or survey; is it the right workbook?"
        )

    def on_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Refused(
                f"took more than {MAX_READ_SECONDS:.0f} seconds to read and was left; is it the "
                "right workbook?"
            )


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a part's name in the zip."""
    if target.startswith("/"):
        path = PurePosixPath(target.lstrip("/"))
    else:
        path = PurePosixPath(folder) / target
    parts: list[str] = []
    for piece in path.parts:
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in (".", ""):
            parts.append(piece)
    return "/".join(parts)


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _string(text: str) -> str:
    """Text as Excel stores it, with the characters it writes as _x000D_ put back."""
    if len(text) > MAX_CELL_TEXT:
        raise _Unreadable(
            f"a cell holds more than {MAX_CELL_TEXT:,} characters, more than Excel does"
        )
    if "_x" in text:
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text


_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
_RANGE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?")


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number - 1


def _reference(ref: str) -> tuple[int, int]:
    """A cell's row (from 1) and column (from 0)."""
    found = _REFERENCE.fullmatch(ref)
    if found is None or int(found.group(2)) < 1:
        raise _Unreadable(f"'{ref[:20]}' is not a cell reference")
    return int(found.group(2)), _column(found.group(1))


# Excel's own number formats that show a number as it is, and those that show a date or time.
_PLAIN_FORMATS = {0, 1, 2, 3, 4, 49}
_DATE_FORMATS = set(range(14, 23)) | set(range(27, 37)) | {45, 46, 47} | set(range(50, 59))
_PLAIN_CODE = re.compile(r"(?:general|[0#,.]+|@)", re.IGNORECASE)
_NOT_DATE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def _sections(code: str) -> list[str]:
    """A number format's sections (positive; negative; zero; text), quoted text kept whole."""
    sections = [""]
    quoted = escaped = False
    for character in code:
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == '"':
            quoted = not quoted
        elif character == ";" and not quoted:
            sections.append("")
            continue
        sections[-1] += character
    return sections


@dataclass
class _Format:
    date: bool = False
    time_only: bool = False
    hides_number: bool = False
    hides_text: bool = False


def _format(number_format: int, code: str | None) -> _Format:
    if code is None:
        if number_format in _PLAIN_FORMATS:
            return _Format()
        if number_format in _DATE_FORMATS:
            return _Format(date=True, time_only=number_format in (18, 19, 20, 21, 45, 46, 47))
        return _Format(hides_number=True)
    sections = _sections(code)
    quoted = _NOT_DATE.sub("", code).lower()
    if "general" not in quoted and re.search(r"[dmyhs]", quoted):
        return _Format(date=True, time_only=not re.search(r"[dy]", quoted))
    plain = all(_PLAIN_CODE.fullmatch(section.strip().lstrip("-")) for section in sections)
    hides_text = len(sections) >= 4 and sections[3].strip() != "@"
    return _Format(hides_number=not plain, hides_text=hides_text)


# Element names as each kind of workbook writes them: with the usual namespace, with the one
# Strict Open XML uses, or with none.
_NAMESPACES = (
    "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}",
    "{http://purl.oclc.org/ooxml/spreadsheetml/main}",
    "",
)
_TAGS = {
    name: frozenset(f"{namespace}{name}" for namespace in _NAMESPACES)
    for name in ("si", "t", "r", "rPh", "row", "c", "v", "is", "dimension", "mergeCell")
}
# Excel's own widest row: no workbook Excel or any program writes has more cells in a row.
_EXCEL_COLUMNS = 16_384


def _text(element: Element) -> str:
    """The text of a shared or inline string: its own, or its runs' (a word in bold is a run),
    without the pronunciation guides Japanese text may carry."""
    t, r = _TAGS["t"], _TAGS["r"]
    pieces: list[str] = []
    for child in element:
        if child.tag in t:
            pieces.append(child.text or "")
        elif child.tag in r:
            pieces += [run.text or "" for run in child if run.tag in t]
    return _string("".join(pieces))


class _Root(Exception):
    """The first element has started: the document type, if any, is behind."""


def _at_root(name: str, attrs: dict[str, str]) -> None:
    raise _Root


class _SheetReader:
    def __init__(
        self, reader: _Reader, strings: list[str], styles: _Styles, date1904: bool
    ) -> None:
        self.reader = reader
        self.strings = strings
        self.styles = styles
        self.base = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)
        self.formats: dict[int, _Format] = {}
        self.numbers: dict[str, tuple[str, bool]] = {}
        self.rows = WorkbookRows()
        self.row_number = 0
        self.column = -1
        self.cell_ref = ""
        self.seen = 0  # cells in the file
        self.filled = 0  # cells in the rows, blanks between them included

    def read(self, part: str) -> WorkbookRows:
        row_tags, c_tags = _TAGS["row"], _TAGS["c"]
        dimension, merge = _TAGS["dimension"], _TAGS["mergeCell"]
        in_row = 0
        for _, element in self.reader._events(part):
            tag = element.tag
            if tag in c_tags:
                in_row += 1
                if in_row > _EXCEL_COLUMNS:
                    raise _Unreadable(
                        f"row {self.row_number + 1} holds more cells than Excel allows"
                    )
            elif tag in row_tags:
                self._row(element, in_row)
                element.clear()
                in_row = 0
            elif tag in dimension:
                self._dimension(element.get("ref", ""))
            elif tag in merge:
                self._merged(element.get("ref", ""))
        while self.rows and not any(self.rows[-1]):
            self.rows.pop()
        return self.rows

    def _too_many_cells(self) -> str:
        return (
            f"its sheet holds more than {MAX_SHEET_CELLS:,} cells, more than any sheet of answers "
            "or survey; is it the right workbook?"
        )

    def _dimension(self, ref: str) -> None:
        found = _RANGE.fullmatch(ref)
        if found is None:
            return  # a hint only; Excel ignores one it cannot read
        last_row = int(found.group(4) or found.group(2))
        last_column = _column(found.group(3) or found.group(1))
        if last_row > MAX_SHEET_ROWS or last_column >= MAX_SHEET_COLUMNS:
            raise _Refused(
                f"its sheet says it spans {ref[:30]}, more than any sheet of answers or survey "
                f"(at most {MAX_SHEET_ROWS:,} rows and {MAX_SHEET_COLUMNS:,} columns); is it the "
                "right workbook?"
            )

    def _merged(self, ref: str) -> None:
        found = _RANGE.fullmatch(ref)
        if found is None:
            raise _Unreadable(f"'{ref[:20]}' is not a range of cells")
        first_row, first_column = int(found.group(2)), _column(found.group(1))
        last_row = int(found.group(4) or first_row)
        last_column = _column(found.group(3) or found.group(1))
        if len(self.rows.merged) < MAX_SHEET_ROWS:
            self.rows.merged.append(
                Merged(ref.replace("$", "").upper(), first_row, first_column, last_row, last_column)
            )

    def _row(self, element: Element, cells: int) -> None:
        number = element.get("r")
        row_number = int(number) if number is not None else self.row_number + 1
        if row_number <= self.row_number:
            raise _Unreadable(f"row {row_number} is out of place")
        if row_number > MAX_SHEET_ROWS:
            raise _Refused(f"more than {MAX_SHEET_ROWS:,} rows; is it the right workbook?")
        self.row_number = row_number
        self.seen += cells
        if self.seen > MAX_SHEET_CELLS:
            raise _Refused(self._too_many_cells())
        if row_number % 256 == 0:
            self.reader.on_time()
        row = self._cells(element, row_number)
        if self.filled > MAX_SHEET_CELLS:
            raise _Refused(self._too_many_cells())
        if not row:
            return
        rows = self.rows
        if len(rows) < row_number - 1:
            rows.extend([] for _ in range(row_number - 1 - len(rows)))
        rows.append(row)

    def _cells(self, element: Element, row_number: int) -> list[str]:
        """A row's cells as text, blanks between them filled in."""
        digits = str(row_number)
        column = -1
        row: list[str] = []
        c_tags, v_tags = _TAGS["c"], _TAGS["v"]
        numbers = self.numbers
        for cell in element:
            if cell.tag not in c_tags:
                continue
            ref = cell.get("r")
            if ref is None:
                column += 1
            else:
                letters = ref.rstrip(_DIGITS)
                at = _COLUMNS.get(letters) if ref[len(letters) :] == digits else None
                if at is None:  # written another way ($A$1, A01), or out of place
                    at_row, at = _reference(ref)
                    if at_row != row_number:
                        raise _Unreadable(f"the cell {ref[:20]} is out of place")
                if at <= column:
                    raise _Unreadable(f"the cell {ref[:20]} is out of place")
                column = at
            kind = cell.get("t")
            style = cell.get("s")
            raw = ""
            inline: Element | None = None
            for child in cell:
                if child.tag in v_tags:
                    raw = child.text or ""
                elif kind == "inlineStr" and child.tag in _TAGS["is"]:
                    inline = child
            if kind is None and style is None and raw in numbers:
                text, disguised = numbers[raw]  # the same few ratings, thousands of times
            else:
                self.cell_ref = ref or f"{column_letter(column)}{digits}"
                text, disguised = self._cell(kind or "n", int(style or 0), raw, inline)
            if not text:
                continue
            if column >= MAX_SHEET_COLUMNS:
                raise _Refused(
                    f"row {row_number} has more than {MAX_SHEET_COLUMNS:,} columns; is it the "
                    "right workbook?"
                )
            if disguised:
                self.rows.disguised[(row_number, column)] = self._code(int(style or 0))
            if len(row) < column:
                self.filled += column - len(row)
                row.extend([""] * (column - len(row)))
            self.filled += 1
            row.append(text)
        return row

    def _format(self, style: int) -> _Format:
        found = self.formats.get(style)
        if found is None:
            formats = self.styles.formats
            number_format = formats[style] if 0 <= style < len(formats) else 0
            found = _format(number_format, self.styles.codes.get(number_format))
            self.formats[style] = found
        return found

    def _code(self, style: int) -> str:
        formats = self.styles.formats
        number_format = formats[style] if 0 <= style < len(formats) else 0
        return self.styles.codes.get(number_format, f"built-in format {number_format}")

    def _cell(self, kind: str, style: int, raw: str, inline: Element | None) -> tuple[str, bool]:
        """The text a cell holds, and whether its format shows something else."""
        if kind == "n":
            return self._number(raw, style)
        if kind == "s":
            text = self.strings[int(raw)] if raw else ""
        elif kind == "inlineStr":
            text = "" if inline is None else _text(inline)
        elif kind in ("str", "e"):
            text = _string(raw)
        elif kind == "b":
            if raw not in _TRUTH:
                raise _Unreadable(
                    f"the cell {self.cell_ref[:20]} holds '{raw[:20]}' as true or false"
                )
            return _TRUTH[raw], False
        elif kind == "d":
            if not raw:
                return "", False
            return datetime.fromisoformat(raw).isoformat(sep=" ", timespec="seconds"), False
        else:
            raise _Unreadable(f"the cell {self.cell_ref[:20]} has an unknown type")
        return text, bool(text and style and self._format(style).hides_text)

    def _number(self, raw: str, style: int) -> tuple[str, bool]:
        if not raw:
            return "", False
        value = float(raw)
        if not math.isfinite(value):
            raise _Unreadable(f"the cell {self.cell_ref[:20]} holds '{raw[:20]}', not a number")
        shown = self._format(style) if style else _Format()
        if shown.date:
            if shown.time_only and 0 <= value < 1:
                moment = datetime(2000, 1, 1) + timedelta(days=value)
                return moment.time().isoformat(timespec="seconds"), False
            moment = self.base + timedelta(days=value)
            if self.base.year == 1899 and value < 60:
                moment += timedelta(days=1)  # Excel counts a 29 February 1900 that never was
            return moment.isoformat(sep=" ", timespec="seconds"), False
        text = str(int(value)) if value.is_integer() else str(value)
        result = (text, shown.hides_number)
        if not style and len(self.numbers) < _KEPT_NUMBERS:
            self.numbers[raw] = result  # the same few ratings, thousands of times
        return result


_TRUTH = {"": "", "0": "FALSE", "1": "TRUE"}
_DIGITS = "0123456789"
# Every column's letters, for the usual way a cell is named (B7): a look-up, not arithmetic.
_COLUMNS = {column_letter(index): index for index in range(MAX_SHEET_COLUMNS)}
_KEPT_NUMBERS = 10_000
