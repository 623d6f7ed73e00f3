"""The one way computed data is kept in the user's cache folder: workspace snapshots, the ingest
gazetteer's tables and the map page's shell all go through here.

Why it is built like this:

- Found by content: an entry is used only for inputs with the same digest (`Digest`: the bytes of
  every input file and folder, the code that computes from them, the versions that matter), never by
  modification times, which miss a file rewritten within one timestamp tick.
- Data only: callers turn their data into bytes of a data-only format (JSON) and back. Nothing read
  back from disk is ever unpickled, so a cache file can at worst be wrong data, never run code.
- Authenticated: every file carries an HMAC-SHA256 of its header and body under a random per-user
  key, kept 0600 in the user's data folder (not next to the caches it vouches for). The MAC is checked
  before anything is parsed: a file written or altered by anyone else, a truncated one, or one of
  another kind, version or digest is ignored and the caller computes afresh and writes a good one.
  Never an error; nor is a cache folder or key that cannot be written (then nothing is cached).
- Written atomically (atomic.write_bytes), readable by the user alone; a folder of entries is trimmed
  to a size, least recently used first (a read marks a file used).

A file is b"mapviewer-cache 1\\n", a line "<kind> <version> <digest>\\n", the 32-byte MAC, the body.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from mapviewer import paths
from mapviewer.core import atomic

MAGIC = b"mapviewer-cache 1\n"
MAC_BYTES = 32
KEY_BYTES = 32
KEY_FILE = "cache.key"


def key_file() -> Path:
    """The per-user MAC key: in the data folder, so clearing or sharing the cache folder never holds it."""
    return paths.user_dir() / KEY_FILE


def user_key() -> bytes | None:
    """This user's cache key, made on first use; None when it can be neither read nor made (then
    nothing is cached). A key file that others may read or that is not a plain 32-byte file of
    this user's is replaced: every cache file made under it is then rebuilt."""
    path = key_file()
    try:
        key = _read_key(path)
        if key is None:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            _make_key(path)
            key = _read_key(path)
    except OSError:
        return None
    return key


def _read_key(path: Path) -> bytes | None:
    """The key at `path`; None if missing. A bad one is replaced here and the new one returned."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError:  # a symbolic link (ELOOP) or unreadable: not a key to trust
        return _make_key(path, replace=True)
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        ok = stat.S_ISREG(st.st_mode)
        if hasattr(os, "getuid"):  # POSIX: the user's own, and no one else may read or change it
            ok = ok and st.st_uid == os.getuid() and not st.st_mode & 0o077
        data = f.read(KEY_BYTES + 1) if ok else b""
    if len(data) != KEY_BYTES:
        return _make_key(path, replace=True)
    return data


def _make_key(path: Path, replace: bool = False) -> bytes | None:
    """Write a new random key, 0600. Without `replace` a key another process made first wins (and is
    read back by the caller); with it the new key replaces whatever is at `path`."""
    import secrets  # only when a key is made, not on every start

    key = secrets.token_bytes(KEY_BYTES)
    if replace:
        atomic.write_bytes(path, key, mode=0o600)
        return key
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(key)
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
    return None


class Digest:
    """A digest of everything a cache entry was computed from (SHA-256 of the parts, each framed so
    that no two different sequences of parts read the same). `hexdigest()` is None when some input
    could not be listed: its files could then change unseen, so such an entry is neither read nor kept."""

    def __init__(self, kind: str) -> None:
        self._h = hashlib.sha256(MAGIC + kind.encode() + b"\0")
        self._vouched = True

    def text(self, *parts: str | bytes) -> Digest:
        for part in parts:
            data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
            self._h.update(b"\1part " + len(data).to_bytes(8, "little") + data)
        return self

    def file(self, path: Path) -> Digest:
        """A file's name and content (or that it is missing, unreadable, not a plain file)."""
        h = self._h
        h.update(b"\1file " + os.fsencode(path) + b"\0")
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe would block the read; a folder is no file
                h.update(b"\2not a file")
                return self
            data = Path(path).read_bytes()
            h.update(len(data).to_bytes(8, "little") + data)
        except FileNotFoundError:
            h.update(b"\2missing")
        except OSError as exc:  # unreadable now: a readable file later differs
            h.update(b"\2unreadable " + type(exc).__name__.encode())
        return self

    def folder(self, folder: Path) -> Digest:
        """Every file under `folder` (none if it does not exist), in a fixed order."""
        self._h.update(b"\1folder " + os.fsencode(folder) + b"\0")
        for path in _walk(Path(folder), self._unlisted):
            self.file(path)
        return self

    def sources(self, root: Path, pattern: str = "*.py") -> Digest:
        """The code under `root`: every file matching `pattern`, by relative name and content. With no
        such file (an install without sources) nothing tells one build from another: not vouched."""
        found = sorted(Path(root).rglob(pattern))
        if not found:
            self._vouched = False
        for path in found:
            try:
                self.text(os.fsencode(path.relative_to(root)), path.read_bytes())
            except OSError:
                self._vouched = False
        return self

    def _unlisted(self, exc: OSError) -> None:
        self._vouched = False

    def hexdigest(self) -> str | None:
        return self._h.hexdigest() if self._vouched else None


def _walk(folder: Path, unlisted: Callable[[OSError], object]) -> Iterable[Path]:
    """Every file under `folder`, sorted; a folder that cannot be listed (but for `folder` missing)
    goes to `unlisted`."""

    def error(exc: OSError) -> None:
        if not (isinstance(exc, FileNotFoundError) and Path(exc.filename or "") == folder):
            unlisted(exc)

    for root, dirs, names in os.walk(folder, onerror=error):
        dirs.sort()
        for name in sorted(names):
            yield Path(root) / name


def _header(kind: str, version: int, digest: str) -> bytes:
    line = f"{kind} {version} {digest}\n"
    if not line.isascii() or line.count(" ") != 2 or line.count("\n") != 1:
        raise ValueError(f"cache header {line!r}: kind and digest must be ASCII words")
    return MAGIC + line.encode("ascii")


def _mac(key: bytes, header: bytes, body: bytes | memoryview) -> bytes:
    m = hmac.new(key, header, hashlib.sha256)
    m.update(body)
    return m.digest()


def read(path: Path, kind: str, version: int, digest: str) -> memoryview | None:
    """The body of the entry at `path` if it is this user's own, of this kind and version, made from
    inputs with `digest`, and intact; else None. The body is not parsed before the MAC is checked."""
    key = user_key()
    if key is None:
        return None
    header = _header(kind, version, digest)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode) or f.read(len(header)) != header:
                return None  # another kind, version or digest: stale, not worth reading on
            data = f.read()
    except OSError:
        return None
    view = memoryview(data)
    if len(view) < MAC_BYTES or not hmac.compare_digest(view[:MAC_BYTES], _mac(key, header, view[MAC_BYTES:])):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: the last to go when the folder is trimmed
    return view[MAC_BYTES:]


def write(path: Path, kind: str, version: int, digest: str, body: bytes, keep_bytes: int | None = None) -> bool:
    """Keep `body` at `path` (0600, in a 0700 folder); with `keep_bytes`, then trim the folder's other
    files of the same suffix to that total. False when it could not be kept (no key, no folder, no
    room): the caller simply computes again next time."""
    key = user_key()
    if key is None:
        return False
    header = _header(kind, version, digest)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic.write_bytes(path, header, _mac(key, header, body), body, mode=0o600)
    except OSError:
        return False
    if keep_bytes is not None:
        trim(path, keep_bytes)
    return True


def trim(keep: Path, keep_bytes: int) -> None:
    """Remove the least recently used files beside `keep` (same suffix) beyond `keep_bytes` in all;
    never `keep` itself."""
    found = []
    for other in keep.parent.glob("*" + keep.suffix):
        with contextlib.suppress(OSError):
            st = other.stat()
            found.append((st.st_mtime_ns, st.st_size, other))
    total = sum(size for _, size, _ in found)
    for _, size, other in sorted(found):
        if total <= keep_bytes:
            break
        if other != keep:
            with contextlib.suppress(OSError):
                other.unlink()
                total -= size
