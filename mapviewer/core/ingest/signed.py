"""Reading the prebuilt files ingest ships and caches: a shipped file is used only when it matches the SHA-256
shipped beside it (`.sha256`), a file built into the user cache only when it carries this user's HMAC of it and
of what it was built from (`.hmac`, under core.datacache's per-user key). Each file is read once and checked in
memory, so what is used is what was checked. The place index (geo_index.py) and the village lookup file
(villages.py) are read this way.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from mapviewer.core import atomic, datacache


def _digest(data: bytes, context: str) -> str | None:
    """The data's HMAC under the user's cache key (core.datacache's, one key for every cache); None without a key."""
    key = datacache.user_key()
    if key is None:
        return None
    return hmac.new(key, context.encode("utf-8") + b"\0" + data, hashlib.sha256).hexdigest()


def sign(path: Path, data: bytes, context: str) -> None:
    """Record an HMAC of the file (and what it was built from) beside it."""
    digest = _digest(data, context)
    if digest is not None:  # no key: nothing is vouched for, so the file is built again next time
        atomic.write_bytes(path.with_name(path.name + ".hmac"), digest.encode("ascii"), mode=0o600)


def read_verified(path: Path, context: str) -> bytes | None:
    """The file's bytes when they are exactly what this user's process built from `context`, else None."""
    try:
        expected = path.with_name(path.name + ".hmac").read_text(encoding="ascii").strip()
        data = path.read_bytes()
    except (OSError, UnicodeDecodeError):
        return None
    actual = _digest(data, context)
    return data if actual is not None and hmac.compare_digest(expected, actual) else None


def read_shipped(path: Path) -> bytes | None:
    """The shipped file's bytes when they match the SHA-256 shipped beside them, else None."""
    try:
        expected = path.with_name(path.name + ".sha256").read_text(encoding="ascii").split()[0]
        data = path.read_bytes()
    except (OSError, UnicodeDecodeError, IndexError):
        return None
    return data if hmac.compare_digest(hashlib.sha256(data).hexdigest(), expected) else None
