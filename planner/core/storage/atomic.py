"""Atomic file writes: a temporary file beside the target, then a rename.

A symbolic link is written through: its target is replaced, atomically, where it is,
and the link stays. What is not a regular file (a FIFO, a terminal, a device such as
/dev/stdout or /dev/null) is written to as a stream, never replaced or unlinked.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one.

    On failure the temporary file is removed and the error re-raised: no partial file.
    """
    # realpath follows every link in the chain (a dangling one to where it points).
    path = Path(os.path.realpath(path))
    try:
        kind = os.stat(path).st_mode
    except FileNotFoundError:
        kind = None
    if kind is not None and stat.S_ISDIR(kind):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    if kind is not None and not stat.S_ISREG(kind):
        _stream(path, data)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file owner-only; give it the old file's mode, else the umask's.
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _stream(path: Path, data: bytes) -> None:
    """Write to a FIFO, a terminal or a device as it is (no rename could replace it)."""
    with open(path, "wb", buffering=0) as handle:
        view = memoryview(data)
        while view:
            view = view[handle.write(view) :]


def _mode_for(path: Path) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
