"""Text from files and arguments made safe for where it goes. Every bank, answers file, sheet and
file name may come from someone else, so none of it may reach a terminal, a spreadsheet, a page
or a document as live code or control bytes.

- `visible`: for the terminal. Control characters (C0 but newline and tab, DEL, C1, and the
  bidirectional overrides that can disguise text) are shown as escapes such as `\\x1b`; bytes that
  were not valid UTF-8 become `�`.
- `xml_safe`: for SVG, HTML, Word and Excel: control characters (C0 but newline, tab and
  carriage return, DEL and C1, which XML either refuses or a reader may act on) each become `�`.
- `cell` and `uncell`: for CSV a spreadsheet opens. A cell that a spreadsheet would run as a
  formula gets a leading `'`; reading removes exactly that, so text survives the round trip.
- `link`: a URL that may be made into a link (http, https, mailto), or None.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What makes a spreadsheet treat a cell as a formula, and the mark that says "this is text".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TEXT_MARK = "'"
_LINK_SCHEMES = ("http://", "https://", "mailto:")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def unbroken(text: str) -> str:
    """Text that came from bytes that were not UTF-8 (file names, arguments) made printable and
    storable: each such byte becomes the replacement character."""
    return _SURROGATE.sub("\ufffd", text)


def as_typed(text: str) -> str:
    """What a person typed, read back whole: a console that is not UTF-8 passes on the bytes of
    "é" as two stand-ins no file can hold; as UTF-8 they are "é" again. Anything else that
    cannot be read becomes the replacement character."""
    if not _SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeError:
        return unbroken(text)


# What changes the direction of the text beside it: the embeddings, overrides and isolates, the
# marks (U+061C, U+200E, U+200F), and the letters of the scripts written right to left (Hebrew,
# Arabic, Syriac, Thaana and the rest), which draw the numbers and punctuation next to them into
# their own direction: "1: <a name in Arabic>, Ben" could read as if Ben gave the 1.
_DIRECTION = re.compile(
    "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def sets_direction(text: str) -> bool:
    return _DIRECTION.search(text) is not None


def isolated(text: str) -> str:
    """Text from a file that sets the direction of what follows it (a right-to-left override in
    a name, say) held inside an isolate, so it cannot reorder the names or words after it in the
    same line; other text as it is."""
    if not sets_direction(text):
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def visible(text: str) -> str:
    """Text for the terminal: nothing in it can move the cursor, set a title or hide itself."""
    return _CONTROL.sub(_escaped, unbroken(text))


def xml_safe(text: str) -> str:
    """Text that XML 1.0 allows (and so SVG, HTML and Word): anything else becomes `�`."""
    return _NOT_XML.sub("\ufffd", text)


def xml_text(text: str) -> str:
    """Text to go between XML tags, its markup characters written as references (the standard
    library's own helper for this loads its web client with it, a thirtieth of a second)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attribute(text: str) -> str:
    """A value for an XML attribute, in its double quotes: line breaks and tabs kept, as an
    XML reader would otherwise turn them into spaces."""
    escaped = xml_text(text).replace('"', "&quot;")
    escaped = escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return f'"{escaped}"'


def cell(value: object) -> object:
    """A value for a CSV cell: text a spreadsheet would run as a formula, or text that already
    starts with the text mark, gets the mark in front; numbers are left as they are."""
    if isinstance(value, str) and value.startswith((*_FORMULA_START, _TEXT_MARK)):
        return _TEXT_MARK + value
    return value


def uncell(text: str) -> str:
    """The text a CSV cell stood for: the inverse of `cell`."""
    if text.startswith(_TEXT_MARK) and text[1:].startswith((*_FORMULA_START, _TEXT_MARK)):
        return text[1:]
    return text


def link(url: str) -> str | None:
    """The URL, if it is one that may be made into a link; anything else is shown as text."""
    candidate = url.strip()
    # Printable ASCII only: a control character, a direction override or a half of a character
    # in an address could break the file it is written in, or disguise where it leads.
    if not (candidate.isascii() and candidate.isprintable()):
        return None
    if candidate.lower().startswith(_LINK_SCHEMES) and not re.search(r"[\s<>\"'`\\]", candidate):
        return candidate
    return None
