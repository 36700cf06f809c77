"""Write output files whole or not at all, without harming what the path already is.

A regular file (or a new one) is written to a temporary file beside it and renamed over it,
so readers see the old file or the new one, never half of either; the new file gets the
mode a plain `open` would give (0666 less the umask), an existing one keeps its mode and, for
root, its owner. A symlink is followed and its target replaced, the link kept. A device, a
FIFO, a socket or `/dev/fd/N` is written through as it is: renaming over it would replace it.
`-` is standard output. Every OS error becomes one InputError naming the file.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from tmkit.errors import InputError


def os_problem(exc: OSError) -> str:
    """An OS error as a short lower-case phrase ("no space left on device")."""
    text = exc.strerror or errno.errorcode.get(exc.errno or 0, "") or str(exc)
    return text[:1].lower() + text[1:]


@contextmanager
def atomic_writer(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Open `path` for writing; on success it holds what was written, on any error it is as
    it was (a regular file) and no temporary file is left."""
    binary = "b" in mode
    if str(path) == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        try:
            yield stream
            flush_reporting(stream, "<stdout>")
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise InputError("<stdout>", os_problem(exc)) from None
        return
    shown = str(path)
    try:
        info = os.stat(path)  # what a symlink points to, a /dev/fd/N's pipe included
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(shown, os_problem(exc)) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError(shown, "is a directory, not a file")
    if info is not None and not stat.S_ISREG(info.st_mode):
        with _opened(shown, Path(path), mode) as handle:
            yield handle
        return
    target = Path(os.path.realpath(path))  # a symlink's target is replaced, the link stays
    fd, tmp = temporary_beside(target, shown)
    try:
        encoding = None if binary else "utf-8"
        newline = None if binary else "\n"
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        give_mode(tmp, info)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename in (None, tmp, str(target)):
            raise InputError(shown, os_problem(exc)) from None
        raise


@contextmanager
def _opened(shown: str, target: Path, mode: str) -> Iterator[IO]:
    """A special file written through: a device, a FIFO, a socket, a process substitution."""
    binary = "b" in mode
    try:
        handle = open(  # noqa: SIM115 - closed below, errors reported with the name
            target, mode, encoding=None if binary else "utf-8", newline=None if binary else "\n"
        )
    except OSError as exc:
        raise InputError(shown, os_problem(exc)) from None
    try:
        with handle:
            yield handle
            flush_reporting(handle, shown)
    except OSError as exc:
        if exc.filename in (None, str(target)):
            raise InputError(shown, os_problem(exc)) from None
        raise


def temporary_beside(target: Path, shown: str) -> tuple[int, str]:
    """A new temporary file (descriptor and name) in the folder of `target`, refused in one
    line naming `shown` when that folder is missing or cannot be written."""
    if not target.parent.is_dir():
        raise InputError(shown, f"no such directory: {target.parent}")
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(shown, f"cannot write here: {os_problem(exc)}") from None


def flush_reporting(stream: IO, shown: str) -> None:
    """Flush now, so a full disk or a closed stream is one InputError naming `shown`, not a
    traceback at interpreter exit (a broken pipe is left to the caller)."""
    try:
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise InputError(shown, os_problem(exc)) from None


def give_mode(tmp: str | Path, existing: os.stat_result | None) -> None:
    """The mode (and, for root, the owner) the file would have had without the rename."""
    if existing is None:
        os.chmod(tmp, 0o666 & ~current_umask())
        return
    os.chmod(tmp, stat.S_IMODE(existing.st_mode))
    if os.geteuid() == 0 and (existing.st_uid, existing.st_gid) != (0, 0):
        os.chown(tmp, existing.st_uid, existing.st_gid)


def current_umask() -> int:
    """The process umask, read without changing it where the system tells it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, text: str) -> None:
    """Replace a text file's content in one step (or write it to stdout for `-`)."""
    with atomic_writer(path) as handle:
        handle.write(text)


class OutputSet:
    """Files that belong together (a build's products): each is written to a staging folder
    beside its target, and they replace their targets only once every one is written, so a
    failure leaves the old set whole."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []
        self._folders: dict[Path, Path] = {}

    def path(self, target: str | Path) -> Path:
        """Where to write the new content of `target` (its parent folder is created)."""
        target = Path(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            folder = self._folders.get(target.parent)
            if folder is None:
                folder = Path(tempfile.mkdtemp(prefix=".tmkit-staging-", dir=target.parent))
                self._folders[target.parent] = folder
        except OSError as exc:
            raise InputError(str(target.parent), f"cannot write here: {os_problem(exc)}") from None
        staged = folder / target.name
        self._staged.append((staged, target))
        return staged

    def commit(self) -> None:
        """Move every staged file over its target, keeping the targets' modes."""
        for staged, target in self._staged:
            try:
                existing = os.stat(target) if target.is_file() else None
                give_mode(staged, existing)
                os.replace(staged, target)
            except OSError as exc:
                raise InputError(str(target), os_problem(exc)) from None
        self.discard()

    def discard(self) -> None:
        """Remove the staging folders and whatever is still in them."""
        for folder in self._folders.values():
            shutil.rmtree(folder, ignore_errors=True)
        self._folders.clear()


@contextmanager
def output_set() -> Iterator[OutputSet]:
    """An OutputSet committed when the block succeeds and discarded when it fails."""
    outputs = OutputSet()
    try:
        yield outputs
        outputs.commit()
    finally:
        outputs.discard()
