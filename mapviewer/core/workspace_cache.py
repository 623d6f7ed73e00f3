"""What opening a workspace computed, kept in the user's cache folder, so opening it again reads one
file instead of finding every mention and labelling every claim again (100,000 sites and 20,000
articles: about 2 s instead of 12; the bundled corpus: the window starts without importing the
gazetteer's geometry library or the claim rules).

A snapshot holds the sites, the articles, the mentions with the rules' labels and the problems found
in those files. The user's corrections are not in it: they are read and applied on every open, so a
correction never makes the snapshot stale.

A snapshot is used only if it was made from files with exactly the same content (a digest of every
file the workspace is read from, not their times: a file rewritten within one timestamp tick would
go unnoticed) by the same code (the core's sources, mapviewer's and shapely's versions) on the same
Python. Anything wrong with it (missing, another digest, unreadable, damaged) means opening the
workspace the long way, never an error; so does anything the digest cannot vouch for (a folder that
cannot be listed, an article kept outside the articles folder). It is written atomically, one file
per workspace location, replaced when the data changes.

The file is a pickle in the user's own cache folder, readable and writable by the user alone (it
holds the articles' text), and unpickled only after its header matches the digest of the inputs.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mapviewer import __version__, paths
from mapviewer.core import atomic
from mapviewer.core.package_version import version_bytes

if TYPE_CHECKING:
    from mapviewer.core.model import Article, Mention, Problem, Site
    from mapviewer.core.workspace import Location

FORMAT = b"mapviewer-workspace-snapshot 1\n"


@dataclass
class Snapshot:
    sites: list[Site]
    articles: list[Article]
    mentions: list[Mention]
    """With the rules' claims (no user corrections)."""
    problems: list[Problem]
    """Found in the gazetteer and article files (not in the corrections file)."""


def cache_file(location: Location) -> Path:
    where = "\0".join(str(p) for p in (location.sites, location.articles, location.extra))
    return paths.cache_dir() / "workspaces" / f"{hashlib.sha256(where.encode()).hexdigest()[:24]}.snapshot"


def _inputs(location: Location) -> tuple[list[Path], list[Path]]:
    """The files and the folders a workspace at `location` is read from (but the user's corrections)."""
    files: list[Path] = [location.sites]
    folders: list[Path] = [location.articles]
    if location.extra is not None:
        from mapviewer.core.workspace import SITE_ALIASES_FILE

        files += [location.extra / "sites.geojson", location.extra / SITE_ALIASES_FILE]
        folders.append(location.extra / "articles")
    return files, folders


def inputs_digest(location: Location) -> str | None:
    """A digest of the content of every file a workspace at `location` is made from (see _inputs)
    and of the code that reads them; None when that cannot be known (a folder that cannot be listed,
    the code's sources not found): then no snapshot is read or kept."""
    code = _code_digest()
    if code is None:
        return None
    h = hashlib.blake2b(digest_size=20)
    h.update(code)
    files, folders = _inputs(location)
    for path in files:
        _add_file(h, path)
    unlisted: list[OSError] = []
    for folder in folders:
        h.update(b"\1folder " + os.fsencode(folder) + b"\0")
        for path in _walk(folder, unlisted.append):
            _add_file(h, path)
    return None if unlisted else h.hexdigest()


KEEP_BYTES = 2 * 2**30
"""The snapshots of the workspaces used least recently go once all of them take more than this (one
of 100,000 sites and 20,000 articles takes 63 MB); the one just written always stays."""


def read(location: Location, digest: str) -> Snapshot | None:
    """The snapshot made from inputs with `digest`, or None."""
    path = cache_file(location)
    try:
        with open(path, "rb") as f:
            if f.readline() != FORMAT or f.readline().strip() != digest.encode("ascii"):
                return None
            snapshot = pickle.load(f)
    except Exception:  # missing, unreadable or damaged: open the long way
        return None
    if not isinstance(snapshot, Snapshot):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: the last to go when the cache is trimmed
    return snapshot


def write(location: Location, digest: str, snapshot: Snapshot) -> None:
    """Keep `snapshot` for the next open, readable by the user alone (it holds the articles' text).
    Nothing that goes wrong here (no cache folder, no memory for a large one) fails the open."""
    try:
        data = pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL)
        path = cache_file(location)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic.write_bytes(path, FORMAT, digest.encode("ascii") + b"\n", data, mode=0o600)
        _trim(path)
    except Exception:
        pass


def _trim(keep: Path) -> None:
    """Remove the least recently used snapshots beyond KEEP_BYTES (never `keep`)."""
    found = []
    for other in keep.parent.glob("*.snapshot"):
        with contextlib.suppress(OSError):
            st = other.stat()
            found.append((st.st_mtime_ns, st.st_size, other))
    total = sum(size for _, size, _ in found)
    for _, size, other in sorted(found):
        if total <= KEEP_BYTES:
            break
        if other != keep:
            with contextlib.suppress(OSError):
                other.unlink()
                total -= size


def covers(location: Location, snapshot: Snapshot) -> bool:
    """Whether the digest covers every file the snapshot was read from. An article list may name a
    file outside the articles folder, which could change unseen: such a workspace is not kept."""
    files, folders = _inputs(location)
    known = {f.resolve() for f in files}
    roots = [f.resolve() for f in folders]
    for name in [a.source_file for a in snapshot.articles] + [p.file for p in snapshot.problems]:
        path = Path(os.path.realpath(name))  # not Path.resolve: it raises on a symbolic link loop (an unread article)
        if path not in known and not any(path.is_relative_to(r) for r in roots):
            return False
    return True


def _add_file(h: hashlib.blake2b, path: Path) -> None:
    h.update(b"\1file " + os.fsencode(path) + b"\0")
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe would block the open; a folder is no article
            h.update(b"\2not a file")
            return
        data = path.read_bytes()
        h.update(len(data).to_bytes(8, "little") + data)
    except FileNotFoundError:
        h.update(b"\2missing")
    except OSError as exc:  # unreadable now: the open reports it, and a readable file later differs
        h.update(b"\2unreadable " + type(exc).__name__.encode())


def _walk(folder: Path, unlisted: Callable[[OSError], object]) -> Iterable[Path]:
    """Every file under `folder` (none if it does not exist), in a fixed order; a folder that cannot be
    listed is passed to `unlisted` (its files could still be read by name and change unseen)."""

    def error(exc: OSError) -> None:
        if not (isinstance(exc, FileNotFoundError) and Path(exc.filename or "") == folder):
            unlisted(exc)

    for root, dirs, names in os.walk(folder, onerror=error):
        dirs.sort()
        for name in sorted(names):
            yield Path(root) / name


_CODE: bytes | None = None


def _code_digest() -> bytes | None:
    """The code a snapshot was made by: the core's sources, mapviewer's and shapely's versions (shapely
    places areas' representative points and judges their validity) and the Python that runs them. A
    change to any makes every snapshot stale. None if the sources cannot be read."""
    global _CODE
    if _CODE is None:
        h = hashlib.blake2b(digest_size=20)
        h.update(FORMAT + sys.version.encode() + b"\0" + __version__.encode() + b"\0" + version_bytes("shapely"))
        core = Path(__file__).resolve().parent
        try:
            sources = sorted(core.rglob("*.py"))
            for path in sources:
                h.update(os.fsencode(path.relative_to(core)) + b"\0" + path.read_bytes())
        except OSError:
            return None
        if not sources:  # installed without its sources: nothing tells one build from another
            return None
        _CODE = h.digest()
    return _CODE
