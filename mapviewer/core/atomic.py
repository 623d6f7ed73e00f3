"""Atomic file writes: a temp file in the target folder, fsync, then rename over the target."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _read_umask() -> int:
    """Read once, at import: os.umask can only be read by setting it, which is process-wide and would
    race with files another thread creates meanwhile."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _mode_for(path: Path) -> int:
    """The replaced file keeps its permissions; a new one gets the usual umask-based mode, not
    mkstemp's private 0600 (exports and workspaces are meant to be shared like any saved file)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_UMASK


def write_bytes(path: Path, data: bytes, *more: bytes, mode: int | None = None) -> None:
    """Write `data` (and `more`, after it: no joined copy of large parts) to `path` so that readers see
    the old file or the new one, never half of either. `mode`: the new file's permissions (default: as
    _mode_for says)."""
    path = Path(path)
    mode = _mode_for(path) if mode is None else mode
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            for part in more:
                f.write(part)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None and exc.errno is not None:
            # a failed write (disk full, quota, file too large) says nothing of the file: name it
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
