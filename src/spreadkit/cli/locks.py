"""One `assess` at a time per answers file, so two windows cannot overwrite each other's answers.

The lock is a file beside the answers (NAME.lock), created only if absent, which works the same
on Windows and POSIX. While the run lives, a background thread touches it every 30 seconds; a lock
left untouched for 2 minutes belongs to a run that crashed, and the next run takes it over. On
POSIX a lock whose process is gone from this computer is taken over at once.

Taking over is one run at a time (through NAME.lock.takeover, made the same way), so two runs that
find a crashed run's lock together cannot both take it; and a run removes only its own lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from spreadkit.model.errors import SpreadkitError

HEARTBEAT_SECONDS = 30
STALE_AFTER_SECONDS = 120


class AnswersInUse(SpreadkitError):
    """Another run holds the answers file."""


def process_alive(pid: int) -> bool | None:
    """Whether a process on this computer is running; None where that cannot be told safely
    (on Windows, os.kill would end the process rather than look at it)."""
    if os.name != "posix":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class AnswersLock:
    def __init__(self, answers: Path) -> None:
        self.answers = answers
        self.path = answers.with_name(answers.name + ".lock")
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None
        self.token = os.urandom(16).hex()  # which run's lock it is

    def __enter__(self) -> AnswersLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()

    def acquire(self) -> None:
        if self._create():
            return
        holder = self._holder()
        if self._stale(holder) and self._take_over():
            return
        raise AnswersInUse(self._refusal(self._holder() or holder))

    def _create(self) -> bool:
        """Make the lock if there is none (atomic on every system); False if there is one."""
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        except OSError as exc:
            raise AnswersInUse(
                f"{self.answers}: cannot make the lock file {self.path} ({exc.strerror})"
            ) from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(
                {
                    "pid": os.getpid(),
                    "host": _host(),
                    "started": datetime.now().astimezone().isoformat(timespec="seconds"),
                    "token": self.token,
                },
                handle,
            )
        self._beat = threading.Thread(target=self._heartbeat, daemon=True)
        self._beat.start()
        return True

    def _take_over(self) -> bool:
        """Replace a crashed run's lock, one run at a time: whoever makes NAME.lock.takeover
        (atomic, as the lock is) looks again and takes it; a run that finds the takeover under
        way leaves it to that one."""
        guard = self.path.with_name(self.path.name + ".takeover")
        try:
            os.close(os.open(guard, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            with contextlib.suppress(OSError):
                # Left by a run that crashed in the moment of a takeover.
                if time.time() - guard.stat().st_mtime > STALE_AFTER_SECONDS:
                    guard.unlink()
            return False
        except OSError:
            return False
        try:
            if not self._stale(self._holder()):
                return False  # taken over by another run meanwhile
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return self._create()
        finally:
            with contextlib.suppress(OSError):
                guard.unlink()

    def release(self) -> None:
        """Stop, and remove the lock if it is still this run's: a run taken for crashed leaves
        the lock of the run that took over."""
        self._stop.set()
        if self._beat is not None:
            self._beat.join(timeout=2)
            self._beat = None
            if self._holder().get("token") == self.token:
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()

    def _heartbeat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            with contextlib.suppress(OSError):
                os.utime(self.path)

    def _holder(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _stale(self, holder: dict[str, Any]) -> bool:
        try:
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return True
        if age > STALE_AFTER_SECONDS:
            return True
        pid = holder.get("pid")
        if holder.get("host") == _host() and isinstance(pid, int):
            return process_alive(pid) is False
        return False

    def _refusal(self, holder: dict[str, Any]) -> str:
        since = ""
        if holder.get("started"):
            since = f" (since {str(holder['started'])[:16].replace('T', ' ')}"
            since += f" on {holder.get('host', 'another computer')})"
        return (
            f"{self.answers}: another spreadkit assess is using this file{since}. Finish or stop "
            f"that one first; if it crashed, this clears itself within "
            f"{STALE_AFTER_SECONDS // 60} minutes, or delete {self.path}."
        )


def _host() -> str:
    """This computer's name, to tell its own locks from another's on a shared drive; loaded
    only when a lock is taken, as every command that writes a file would otherwise wait for it."""
    import socket

    return socket.gethostname()
