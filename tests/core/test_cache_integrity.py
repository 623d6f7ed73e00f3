"""Cache files are data this user's own mapviewer wrote, or they are ignored: a file planted or altered
in the cache folder (a pickle that would run code, a snapshot with a site renamed, one made under
another key) is never loaded; the workspace is read from its files and a good cache written again."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import test_workspace_cache
from test_workspace_cache import describe, read_fresh

from mapviewer import paths
from mapviewer.core import datacache, workspace_cache
from mapviewer.core.workspace import Location, Workspace

folder = test_workspace_cache.folder  # the fixture: the bundled corpus as a folder of its own


class Payload:
    """Unpickling this creates `marker`: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return open, (str(self.marker), "w")


def _open_in_new_process(folder: Path, user: Path) -> int:
    script = f"from mapviewer.core.workspace import Workspace; print(len(Workspace.open({str(folder)!r}).articles))"
    env = {**os.environ, "MAPVIEWER_USER_DIR": str(user)}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300, check=True)
    return int(out.stdout)


def _snapshot_body(location: Location) -> memoryview | None:
    digest = workspace_cache.inputs_digest(location)
    assert digest is not None
    return datacache.read(workspace_cache.cache_file(location), workspace_cache.KIND, workspace_cache.VERSION, digest)


@pytest.mark.parametrize("header", ["old", "new"])
def test_a_pickle_planted_in_the_cache_folder_never_runs(folder, tmp_path, _user_dir, header):
    location = Location.folder(folder)
    digest = workspace_cache.inputs_digest(location)
    assert digest is not None
    probe = tmp_path / "probe"
    pickle.loads(pickle.dumps(Payload(probe)))
    assert probe.exists()  # the payload works: unpickled, it creates its marker
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Payload(marker))
    if header == "old":  # what the pickle snapshots looked like: their header was only the inputs' digest
        planted = b"mapviewer-workspace-snapshot 1\n" + digest.encode() + b"\n" + payload
    else:  # this format's header for exactly these inputs, a MAC of the right size, the pickle
        planted = datacache.MAGIC + f"{workspace_cache.KIND} {workspace_cache.VERSION} {digest}\n".encode() + b"\0" * 32 + payload
    path = workspace_cache.cache_file(location)
    path.parent.mkdir(parents=True)
    path.write_bytes(planted)
    assert _open_in_new_process(folder, _user_dir) == 4
    assert not marker.exists()
    assert path.read_bytes() != planted and _snapshot_body(location) is not None  # replaced by a good one


def test_an_altered_well_formed_snapshot_is_ignored(folder, tmp_path, monkeypatch):
    ws = Workspace.open(folder)
    location = Location.folder(folder)
    site = next(s for s in ws.sites if len(s.name) >= 5 and s.name.isascii())
    forged = "Q" * len(site.name)
    path = workspace_cache.cache_file(location)
    data = path.read_bytes()
    assert data.count(site.name.encode()) >= 1
    path.write_bytes(data.replace(site.name.encode(), forged.encode()))
    # Well-formed: parsed without its MAC, it would show the forged name.
    header_end = data.index(b"\n", len(datacache.MAGIC)) + 1
    body = memoryview(path.read_bytes())[header_end + datacache.MAC_BYTES :]
    assert forged in {s.name for s in workspace_cache.decode(body).sites}
    assert _snapshot_body(location) is None  # the MAC does not match
    again = Workspace.open(folder)
    assert site.name in {s.name for s in again.sites} and forged not in {s.name for s in again.sites}
    assert describe(again) == read_fresh(folder, tmp_path, monkeypatch)
    assert _snapshot_body(location) is not None  # rewritten under the user's key


def test_a_snapshot_made_under_another_key_is_rebuilt(folder, tmp_path, monkeypatch):
    Workspace.open(folder)
    location = Location.folder(folder)
    path = workspace_cache.cache_file(location)
    before = path.read_bytes()
    key = datacache.key_file()
    assert key.stat().st_mode & 0o777 == 0o600 and key.parent == paths.user_dir()
    key.write_bytes(os.urandom(datacache.KEY_BYTES))  # another user's (or a new) key
    assert _snapshot_body(location) is None
    assert describe(Workspace.open(folder)) == read_fresh(folder, tmp_path, monkeypatch)
    after = path.read_bytes()
    assert after != before and _snapshot_body(location) is not None


def test_a_key_others_can_read_is_replaced(folder):
    Workspace.open(folder)
    location = Location.folder(folder)
    key = datacache.key_file()
    old = key.read_bytes()
    key.chmod(0o644)
    assert _snapshot_body(location) is None  # no longer vouches for anything
    assert key.read_bytes() != old and key.stat().st_mode & 0o777 == 0o600
    Workspace.open(folder)
    assert _snapshot_body(location) is not None
