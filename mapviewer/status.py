"""Exit codes of every `mapviewer` command, in one place (as httpie's status.py), and the one-line error
every command prints before exiting with one of them.

Neither Qt nor the core's data modules are imported here, so the CLI can start without them.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TextIO


class ExitStatus(IntEnum):
    OK = 0
    """Done: the answer was printed or the file written."""
    FAILED = 1
    """The command ran and failed: an export could not be rendered or written, a file could not be
    ingested, the workspace could not be written, or --strict found invalid data."""
    USAGE = 2
    """Bad arguments (unknown option, id or value, bad file name) or no usable workspace; one line."""
    LOCKED = 3
    """Another writer holds the workspace (ingest --no-wait); nothing was written."""
    CANCELLED = 130
    """Interrupted (Ctrl-C, as 128 + SIGINT); the workspace is unchanged."""


class UsageError(Exception):
    """A bad argument value: reported on one line, exit code 2."""

    status = ExitStatus.USAGE


def fail(err: TextIO, message: object, status: ExitStatus) -> ExitStatus:
    """Print `mapviewer: error: MESSAGE` on one line of `err` and return the exit status to end with."""
    err.write(f"mapviewer: error: {message}\n")
    return status
