"""A quiet command line: Qt's and Chromium's log lines (QRhiGles2, Vulkan, dbus, GPU process…) are not
for the person exporting a map. Unless --verbose: Qt messages are dropped by a message handler, Chromium
is asked to log only fatal errors, and file descriptor 2 points at /dev/null while QtWebEngine starts
and renders (its helper processes inherit that and stay quiet); our own messages are written after.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress

CHROMIUM_QUIET = ("--log-level=3", "--disable-logging")


def quiet_environment() -> None:
    """Before QtWebEngine starts: Chromium logs fatal errors only; Qt's categories off."""
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    extra = [f for f in CHROMIUM_QUIET if f not in flags]
    if extra:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join([flags, *extra]).strip()
    os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;*.info=false;*.warning=false;qt.*=false")


def _drop(_kind: object, _context: object, _message: str) -> None:
    """A Qt message handler that prints nothing."""


def install_handler() -> None:
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(_drop)


@contextmanager
def silenced_fd2(enabled: bool = True) -> Iterator[None]:
    """fd 2 on /dev/null for the block (processes started in it keep that), put back afterwards."""
    if not enabled:
        yield
        return
    import sys

    with suppress(OSError, ValueError):
        sys.stderr.flush()
    saved = os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)
