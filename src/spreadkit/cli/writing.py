"""Writing files so that nothing is ever half-written: through a temporary file in the same folder,
moved into place, and never over an existing file unless the person said --force.

A file reached through a symbolic link is written where the link points, and the link is kept. A
new file gets the permissions the person's umask gives; a replaced file keeps its own. Temporary
files have short names (so they fit any file system) made from the target's name, so one left by
a run that was killed is found and removed the next time that file is saved.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
import time
from pathlib import Path

from spreadkit.cli.locks import STALE_AFTER_SECONDS, process_alive
from spreadkit.model.answers import AnswersFile
from spreadkit.model.errors import InputFileError, RefusedOverwrite

_TEMP = ".spreadkit-"
_CLEARED: set[Path] = set()  # the files this run has cleared of leftovers already


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write through a temporary file in the same folder, so the old file survives any failure.
    Text is written as UTF-8, line endings as they are."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    target = path.resolve() if path.is_symlink() else path
    stem = _temp_stem(target)
    # Once a run: an assessment saves after every answer, and looking through a large folder
    # each time would be felt on every keypress.
    if target not in _CLEARED:
        _clear_leftovers(target.parent, stem)
        _CLEARED.add(target)
    mode = _mode_for(target)
    fd, tmp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f"{stem}{os.getpid()}.", suffix=".tmp"
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            tmp.chmod(mode)
        tmp.replace(target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _temp_stem(target: Path) -> str:
    digest = hashlib.sha256(os.fsencode(target.name)).hexdigest()[:12]
    return f"{_TEMP}{digest}-"


def _clear_leftovers(folder: Path, stem: str) -> None:
    """Remove temporary files for this target that a killed run left behind: on POSIX those whose
    process is gone, elsewhere those untouched for a while (their process cannot be asked)."""
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{stem}*.tmp"):
            pid = leftover.name.removeprefix(stem).split(".", 1)[0]
            alive = process_alive(int(pid)) if pid.isdigit() else False
            with contextlib.suppress(OSError):
                stale = time.time() - leftover.stat().st_mtime > STALE_AFTER_SECONDS
                if alive is False or (alive is None and stale):
                    leftover.unlink()


def _umask() -> int:
    # Read afresh each time: it can only be read by setting it, and a person may change it.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def write_new_file(path: Path, text: str | bytes, *, force: bool) -> None:
    """Write an export, refusing to replace an existing file unless the person said --force, and
    never replacing anything but a regular file. A missing folder is made."""
    if path.is_dir():
        raise InputFileError(f"{path}: is a folder; give a file name")
    if path.exists() or path.is_symlink():
        if not path.is_file():
            raise InputFileError(
                f"{path}: is not a regular file (a device, a pipe or a broken link); "
                "give the name of a file to write"
            )
        if not force:
            raise RefusedOverwrite(f"{path}: already exists; use --force to replace it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
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
