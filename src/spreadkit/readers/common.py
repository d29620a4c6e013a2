"""What every reader shares: one-line errors that say what is wrong with a file and where, and a
size limit checked before a file is read into memory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spreadkit.answers import MAX_FILE_BYTES
from spreadkit.errors import InputFileError


def unreadable(path: Path, exc: OSError) -> InputFileError:
    """Word a failure to open a file the way a person would understand it."""
    if path.is_dir():
        # Windows refuses to open a folder with PermissionError, Linux with IsADirectoryError.
        return InputFileError(f"{path}: is a folder; give one answers file or sheet")
    if isinstance(exc, FileNotFoundError):
        return InputFileError(f"{path}: no such file")
    if isinstance(exc, PermissionError):
        return InputFileError(f"{path}: permission denied")
    return InputFileError(f"{path}: cannot be read ({exc.strerror})")


def not_utf8(path: Path, exc: UnicodeDecodeError, advice: str) -> InputFileError:
    """Name the line to look at: a byte offset means nothing in a spreadsheet or an editor."""
    line = bytes(exc.object[: exc.start]).count(b"\n") + 1
    return InputFileError(f"{path}: line {line}: not UTF-8 text; {advice}")


def check_size(path: Path, kind: str) -> None:
    """Refuse a file far too large to be what it claims, before reading it all into memory."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise unreadable(path, exc) from None
    if size > MAX_FILE_BYTES:
        raise InputFileError(
            f"{path}: {size / 1024 / 1024:.1f} MB is too large for {kind} (the limit is "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB); is it the right file?"
        )


def read_json(path: Path, kind: str = "a spreadkit file") -> Any:
    """The parsed document, or an InputFileError that says what is wrong with the file and where."""
    check_size(path, kind)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(path, exc, "is this the right file?") from None
    except OSError as exc:
        raise unreadable(path, exc) from None
    if not text.strip():
        raise InputFileError(f"{path}: the file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            f"{path}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})"
        ) from None
    except RecursionError:
        raise InputFileError(f"{path}: the JSON is nested too deeply") from None
