"""A workspace opened again comes from the snapshot its first open kept, and is the same workspace:
any change to a file it is made from is seen, the user's corrections apply on top, and a damaged or
unusable snapshot only means reading the files again."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mapviewer import paths
from mapviewer.core import workspace_cache
from mapviewer.core.mappage import page_data
from mapviewer.core.workspace import Location, Workspace


def describe(ws: Workspace) -> str:
    """Everything a workspace shows, as one digest: the page's data with its passages, every mention
    with its claim, every site with its geometry, every article with its paragraphs, the problems."""
    h = hashlib.sha256(page_data(ws, embed_passages=True).encode())
    for m in ws.mentions:
        h.update(repr((m, m.sentence)).encode())
    for s in ws.sites:
        h.update(repr((s, s.geometry)).encode())
    for a in ws.articles:
        h.update(repr((a, a.paragraphs)).encode())
    h.update(repr(ws.problems).encode())
    return h.hexdigest()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The bundled corpus as a workspace folder of its own (its files may be changed)."""
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(paths.BUNDLED_SITES, root / "sites.geojson")
    shutil.copytree(paths.BUNDLED_ARTICLES, root / "articles")
    return root


def read_fresh(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """describe() of the workspace read from its files (an empty user folder: no snapshot)."""
    fresh = tmp_path / f"fresh-user-{len(list(tmp_path.glob('fresh-user-*')))}"
    with monkeypatch.context() as mp:
        mp.setenv("MAPVIEWER_USER_DIR", str(fresh))
        return describe(Workspace.open(folder))


def snapshot_of(folder: Path) -> Path:
    return workspace_cache.cache_file(Location.folder(folder))


def test_a_second_open_reads_the_snapshot_and_is_the_same_workspace(folder, tmp_path):
    first = Workspace.open(folder)
    assert snapshot_of(folder).is_file()
    # A new process, as a second start of the app: it opens the workspace without the readers.
    script = (
        "import json, sys; from test_workspace_cache import describe; from mapviewer.core.workspace import Workspace; "
        f"ws = Workspace.open({str(folder)!r}); "
        "texts = {a.id: a.text for a in ws.articles}; "
        "print(json.dumps({'describe': describe(ws), 'readers': sorted(m for m in ('shapely', 'mapviewer.core.claims', "
        "'mapviewer.core.mentions', 'mapviewer.core.gazetteer', 'mapviewer.core.corpus') if m in sys.modules), "
        "'shared': all(m.source is texts[m.article_id] for m in ws.mentions)}))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    again = json.loads(out.stdout)
    assert again["readers"] == []  # none of the readers was imported: the snapshot was read
    # describe() imports page_data's modules after the open: the check above is about the open itself.
    assert again["describe"] == describe(first)
    assert again["shared"]  # mentions still slice their article's own text, not a copy of it


def _edit_article_in_place(folder: Path) -> None:
    """Same length, same modification time: only the content tells."""
    path = folder / "articles" / "ghost-factories.txt"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "Panghyon" in text
    path.write_text(text.replace("Panghyon", "Panghyun"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _add_article(folder: Path) -> None:
    (folder / "articles" / "extra-note.txt").write_text("Workers were reported near Kusong in June.\n", encoding="utf-8")


def _rename_site(folder: Path) -> None:
    path = folder / "sites.geojson"
    stat = path.stat()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["name"] += " (renamed)"
    path.write_text(json.dumps(data), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _retitle_article(folder: Path) -> None:
    path = folder / "articles" / "articles.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = data if isinstance(data, list) else data["articles"]
    entries[0]["title"] = "A changed title"
    path.write_text(json.dumps(data), encoding="utf-8")


def _remove_article(folder: Path) -> None:
    (folder / "articles" / "nis-kursk-deployment.txt").unlink()


def _kept(folder: Path) -> bool:
    """Whether a snapshot matching the folder's present files is kept."""
    location = Location.folder(folder)
    digest = workspace_cache.inputs_digest(location)
    return digest is not None and workspace_cache.read(location, digest) is not None


@pytest.mark.parametrize("change", [_edit_article_in_place, _add_article, _rename_site, _retitle_article, _remove_article])
def test_any_change_to_a_file_the_workspace_is_made_from_is_seen(folder, tmp_path, monkeypatch, change):
    before = describe(Workspace.open(folder))
    assert _kept(folder)
    assert describe(Workspace.open(folder)) == before  # from the snapshot, unchanged
    change(folder)
    assert not _kept(folder)  # the change is in the digest: the snapshot no longer matches
    after = describe(Workspace.open(folder))
    assert after != before
    assert after == read_fresh(folder, tmp_path, monkeypatch)
    assert _kept(folder) and describe(Workspace.open(folder)) == after  # the snapshot now kept is the new one


def test_changes_to_the_user_workspace_shown_with_the_bundled_corpus_are_seen():
    user = Location.bundled().extra
    assert user is not None
    user.mkdir(parents=True)
    states = [describe(Workspace.open())]
    # An article of the user's own, then a site of the user's own, then a name added to a bundled site.
    (user / "articles").mkdir()
    (user / "articles" / "my-note.txt").write_text("Engineers were seen at Kusong and Hamhung last week.\n", encoding="utf-8")
    assert "my-note" in {a.id for a in Workspace.open().articles}
    states.append(describe(Workspace.open()))
    site = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [127.53, 39.92]}, "properties": {
        "id": "hamhung", "name": "Hamhung", "aliases": [], "kind": "city", "country": "KP", "precision": "approximate",
        "coord_source": "test", "point": [127.53, 39.92]}}  # fmt: skip
    (user / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [site]}), encoding="utf-8")
    assert "hamhung" in {m.site_id for m in Workspace.open().mentions}
    states.append(describe(Workspace.open()))
    from mapviewer.core.workspace import SITE_ALIASES_FILE

    (user / SITE_ALIASES_FILE).write_text(json.dumps({"kusong": ["Kusong Works"]}), encoding="utf-8")
    assert "Kusong Works" in Workspace.open().site_by_id["kusong"].aliases
    states.append(describe(Workspace.open()))
    assert len(set(states)) == 4
    workspace_cache.cache_file(Location.bundled()).unlink()
    assert describe(Workspace.open()) == states[-1]  # read from the files again: the same


def test_corrections_apply_on_top_of_the_snapshot_and_never_stale_it(folder):
    ws = Workspace.open(folder)
    mention = next(m for m in ws.mentions if m.claim.certainty != "alleged")
    rules = mention.claim
    ws.correct(mention.id, "alleged", None)
    assert snapshot_of(folder).is_file()
    again = Workspace.open(folder)  # from the snapshot, with the corrections file read on top
    assert workspace_cache.read(Location.folder(folder), workspace_cache.inputs_digest(Location.folder(folder))) is not None
    corrected = again.mention_by_id[mention.id].claim
    assert corrected.certainty == "alleged" and corrected.source == "user"
    again.correct(mention.id, None, None)
    assert Workspace.open(folder).mention_by_id[mention.id].claim == rules  # the rules' label, as first read


def _garbage(path: Path, digest: str) -> None:
    path.write_bytes(b"not a snapshot at all")


def _truncated(path: Path, digest: str) -> None:
    path.write_bytes(path.read_bytes()[:300])


def _other_digest(path: Path, digest: str) -> None:
    data = path.read_bytes()
    path.write_bytes(data.replace(digest.encode(), b"0" * len(digest), 1))


def _other_version(path: Path, digest: str) -> None:
    data = path.read_bytes()
    path.write_bytes(data.replace(f" {workspace_cache.VERSION} ".encode(), f" {workspace_cache.VERSION + 1} ".encode(), 1))


def _bit_flipped(path: Path, digest: str) -> None:
    data = bytearray(path.read_bytes())
    data[-1000] ^= 1
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_garbage, _truncated, _other_digest, _other_version, _bit_flipped])
def test_a_damaged_or_foreign_snapshot_is_read_past_and_replaced(folder, tmp_path, monkeypatch, damage):
    Workspace.open(folder)
    location = Location.folder(folder)
    digest = workspace_cache.inputs_digest(location)
    damage(snapshot_of(folder), digest)
    assert workspace_cache.read(location, digest) is None
    assert describe(Workspace.open(folder)) == read_fresh(folder, tmp_path, monkeypatch)
    assert workspace_cache.read(location, digest) is not None  # a good one again


def test_an_article_kept_outside_the_folder_is_never_read_so_the_snapshot_holds(folder, tmp_path, monkeypatch):
    """articles.json may not name a file outside the articles folder (test_validation): the snapshot
    covers all that was read, and a change out there changes nothing."""
    outside = tmp_path / "outside.txt"
    outside.write_text("Sappers were sent to Kursk.\n", encoding="utf-8")
    meta_path = folder / "articles" / "articles.json"
    data = json.loads(meta_path.read_text(encoding="utf-8"))
    entries = data if isinstance(data, list) else data["articles"]
    entries.append({"id": "outside", "file": "../../outside.txt", "title": "Outside"})
    meta_path.write_text(json.dumps(data), encoding="utf-8")
    ws = Workspace.open(folder)
    assert "outside" not in {a.id for a in ws.articles}
    assert sum("outside the articles folder" in str(p) for p in ws.problems) == 1
    assert snapshot_of(folder).exists()
    outside.write_text("Sappers were sent to Kursk and Sudzha.\n", encoding="utf-8")
    assert describe(Workspace.open(folder)) == describe(ws)


def test_a_cache_folder_that_cannot_be_written_is_no_error(folder, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked-user"
    blocked.mkdir()
    (blocked / "cache").write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("MAPVIEWER_USER_DIR", str(blocked))
    assert describe(Workspace.open(folder)) == read_fresh(folder, tmp_path, monkeypatch)


def test_the_snapshot_is_the_users_alone(folder):
    Workspace.open(folder)
    path = snapshot_of(folder)
    assert path.stat().st_mode & 0o777 == 0o600  # it holds the articles' text
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_inputs_that_cannot_all_be_listed_keep_no_snapshot(tmp_path):
    user = Location.bundled().extra
    assert user is not None
    user.mkdir(parents=True)
    (user / "articles").write_text("a file where the user's articles folder would be", encoding="utf-8")
    assert workspace_cache.inputs_digest(Location.bundled()) is None
    assert len(Workspace.open().articles) == 4
    assert not workspace_cache.cache_file(Location.bundled()).exists()


def test_a_pipe_in_the_articles_folder_does_not_block_the_open(folder):
    os.mkfifo(folder / "articles" / "notify.fifo")
    script = f"from mapviewer.core.workspace import Workspace; print(len(Workspace.open({str(folder)!r}).articles))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "4"


def test_the_least_recently_used_snapshots_go_when_they_take_too_much(tmp_path, monkeypatch):
    folders = []
    for name in ("a", "b", "c"):
        root = tmp_path / name
        shutil.copytree(paths.BUNDLED_ARTICLES, root / "articles")
        shutil.copy(paths.BUNDLED_SITES, root / "sites.geojson")
        folders.append(root)
    a, b, c = folders
    Workspace.open(a)
    Workspace.open(b)
    size = snapshot_of(a).stat().st_size
    past = snapshot_of(a).stat().st_mtime_ns - 10_000_000_000
    for folder in (a, b):
        os.utime(snapshot_of(folder), ns=(past, past))
    Workspace.open(a)  # read again: now the most recently used of the two
    monkeypatch.setattr(workspace_cache, "KEEP_BYTES", int(size * 2.5))  # room for two of the three
    Workspace.open(c)
    assert snapshot_of(a).exists() and snapshot_of(c).exists()
    assert not snapshot_of(b).exists()  # the one not used for longest
