"""Writing files so that nothing is ever half-written: through a temporary file in the same folder,
moved into place, and never over an existing file unless the person said --force."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from spreadkit.answers import AnswersFile
from spreadkit.errors import InputFileError, RefusedOverwrite


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write through a temporary file in the same folder, so the old file survives any failure.
    Text is written as UTF-8, line endings as they are."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_new_file(path: Path, text: str | bytes, *, force: bool) -> None:
    """Write an export, refusing to replace an existing file unless the person said --force."""
    if path.is_dir():
        raise InputFileError(f"{path}: is a folder; give a file name")
    if path.exists() and not force:
        raise RefusedOverwrite(f"{path}: already exists; use --force to replace it")
    if not path.parent.exists():
        raise InputFileError(f"{path.parent}: no such folder")
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise InputFileError(f"{path}: cannot be written ({exc.strerror})") from None


def back_up(path: Path) -> Path:
    """Copy a file to the first free NAME.bak, NAME.bak2, ... so no earlier backup is replaced."""
    number = 1
    while True:
        backup = path.with_name(f"{path.name}.bak{number if number > 1 else ''}")
        if not backup.exists():
            break
        number += 1
    try:
        atomic_write(backup, path.read_bytes())
    except OSError as exc:
        raise InputFileError(f"{backup}: cannot write the backup ({exc.strerror})") from None
    return backup


def save_answers(path: Path, answers: AnswersFile) -> None:
    try:
        atomic_write(path, answers.to_json())
    except OSError as exc:
        raise InputFileError(f"{path}: cannot save the answers ({exc.strerror})") from None
