"""Nothing lost: real `mapviewer ingest` processes killed (SIGKILL) at every step of their commit, real
concurrent writers into one workspace, `--no-wait` against a real lock holder, and label corrections
from two stale in-memory copies."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from writers import env, lock_held, mapviewer

from mapviewer.core import commit
from mapviewer.core.ingest.decisions import review_items
from mapviewer.core.overrides import Overrides
from mapviewer.core.workspace import Workspace

EVAL = Path(__file__).parents[1] / "ingest_eval"
BASE = [EVAL / "tass-vostochny.txt"]
BATCH = [EVAL / "yonhap-yongbyon.txt", EVAL / "bigasia-sohae.txt"]
OURS = (commit.LOCK_NAME, commit.COMMIT_NAME)  # present in every committed workspace, compared apart


ADDED = re.compile(rb'"added": "[^"]*"')


def content(root: Path) -> dict[str, bytes]:
    """Every workspace file a loader reads (not the lock and commit files, which change each commit), with the
    time each article was added blanked out: two runs of the same ingest differ in nothing else."""
    return {
        str(p.relative_to(root)): ADDED.sub(b'"added": "-"', p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in OURS
    }


def leftovers(root: Path) -> list[str]:
    return [str(p.relative_to(root)) for p in root.rglob(".*") if p.name not in OURS]


def ingest(root: Path, files: list[Path], **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(mapviewer("--data", root, "ingest", *files), env=env(**extra), capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A workspace with one article (before) and the same after BATCH was ingested without a kill (after)."""
    base = tmp_path_factory.mktemp("states")
    user = base / "user"
    before, after = base / "before", base / "after"
    assert ingest(before, BASE, MAPVIEWER_USER_DIR=str(user)).returncode == 0
    shutil.copytree(before, after)
    done = ingest(after, BATCH, MAPVIEWER_USER_DIR=str(user))
    assert done.returncode == 0, done.stderr
    return before, after


def test_sigkill_at_every_commit_step_leaves_exactly_before_or_after(states: tuple[Path, Path], tmp_path: Path) -> None:
    before, after = states
    want = {"before": content(before), "after": content(after)}
    ids = {k: {a["id"] for a in json.loads(v["articles/articles.json"])["articles"]} for k, v in want.items()}
    assert ids["after"] - ids["before"] == {"yonhap-yongbyon", "bigasia-sohae"}
    outcomes: list[tuple[str, str]] = []
    for step in range(60):
        ws = tmp_path / f"ws{step}"
        shutil.copytree(before, ws)
        proc = subprocess.Popen(
            mapviewer("--data", ws, "ingest", *BATCH),
            env=env(**{commit.PAUSE_ENV: str(step)}),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stderr is not None
        paused = next((line for line in proc.stderr if "commit paused" in line), None)
        if paused is None:  # past the last step: the commit ran to its end
            assert proc.wait(timeout=60) == 0
            assert content(ws) == want["after"]
            break
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
        proc.stderr.close()
        what = paused.split("(", 1)[1].rstrip(")\n")
        # the next open: a reader in this process or, every other step, another process's `review`
        if step % 2:
            opened = subprocess.run(mapviewer("--data", ws, "review", "--json"), env=env(), capture_output=True, text=True, timeout=60)
            assert opened.returncode == 0, opened.stderr
        else:
            review_items(ws)
        assert not leftovers(ws), f"step {step} ({what}): temp or journal files remain after the next open"
        got = content(ws)
        state = next((k for k, v in want.items() if got == v), None)
        assert state is not None, f"step {step} ({what}): neither the before nor the after state"
        assert {a.id for a in Workspace.open(ws).articles} == ids[state]
        outcomes.append((what, state))
    else:
        pytest.fail("the commit never finished")
    print(f"\n{len(outcomes)} kill points: {outcomes}")
    names = [w for w, _ in outcomes]
    point = names.index("commit point")
    assert all(s == "before" for _, s in outcomes[: point + 1]), "killed before the commit rename: the before state"
    assert all(s == "after" for _, s in outcomes[point + 1 :]), "killed after the commit rename: the after state"
    assert {"journal", "commit point", "done"} <= set(names) and len(outcomes) >= 12
    assert sum(n.startswith("write ") for n in names) == sum(n.startswith("rename ") for n in names) == 5


def test_a_writer_open_removes_stray_temp_files(states: tuple[Path, Path], tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(states[0], ws)
    strays = [ws / ".sites.geojson.k2j4h5ab.tmp", ws / "articles" / ".articles.json.x81mz0qq.tmp"]
    for p in strays:
        p.write_text("half")
    (ws / commit.JOURNAL_NAME).write_text('{"renames": [["art')  # cut short by a kill
    keep = [ws / "articles" / ".notes.tmp", ws / ".draft.backup1.tmp", ws / "articles" / ".x.txt.mine.tmp"]  # not ours: left alone
    for p in keep:
        p.write_text("mine")
    with commit.writing(ws):
        pass
    assert not any(p.exists() for p in strays) and not (ws / commit.JOURNAL_NAME).exists()
    assert all(p.exists() for p in keep)
    assert content(ws) == {**content(states[0]), **{str(p.relative_to(ws)): b"mine" for p in keep}}


def check_consistent(ws: Path, expected_ids: set[str]) -> None:
    """articles.json, the texts, candidates.json and sites.geojson agree with one another."""
    articles = json.loads((ws / "articles" / "articles.json").read_text())["articles"]
    assert {a["id"] for a in articles} == expected_ids
    assert len(articles) == len(expected_ids), "no article twice"
    for a in articles:
        text = (ws / "articles" / a["file"]).read_bytes()
        assert hashlib.sha256(text).hexdigest() == a["sha256"], a["id"]
    assert {p.name for p in (ws / "articles").iterdir()} == {"articles.json"} | {a["file"] for a in articles}
    sites = json.loads((ws / "sites.geojson").read_text())["features"]
    site_ids = [f["properties"]["id"] for f in sites]
    assert len(site_ids) == len(set(site_ids)), "no site id twice"
    rows = json.loads((ws / "candidates.json").read_text())["candidates"]
    assert {r["article"] for r in rows} <= expected_ids
    assert {r["site"] for r in rows if r["site"]} <= set(site_ids), "every placed candidate's site is in sites.geojson"
    opened = Workspace.open(ws)
    assert {a.id for a in opened.articles} == expected_ids and not opened.problems


def test_concurrent_ingests_lose_nothing(tmp_path: Path) -> None:
    batches = [
        [EVAL / "tass-vostochny.txt", EVAL / "yonhap-yongbyon.txt"],
        [EVAL / "bigasia-sohae.txt", EVAL / "csis-najin.txt"],
        [EVAL / "asiapress-tumen.txt", EVAL / "dpa-pyongyang.txt"],
    ]
    expected = {f.stem for b in batches for f in b}
    waited = 0
    for trial in range(3):
        ws = tmp_path / f"ws{trial}"
        procs = [
            subprocess.Popen(mapviewer("--data", ws, "ingest", *b), env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for b in batches
        ]
        results = [(p.communicate(timeout=180), p.returncode) for p in procs]
        for (out, err), code in results:
            assert code == 0, err
            assert "2 of 2 files ingested" in out
            assert err.count("waiting for another mapviewer writing to") <= 1
        waited += sum("waiting for another mapviewer" in err for (_, err), _ in results)
        check_consistent(ws, expected)
        assert not leftovers(ws)
    assert waited >= 3, "the processes overlapped (each trial, at least one waited for another)"


def test_no_wait_exits_3_while_another_process_writes(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    with lock_held(ws):
        refused = subprocess.run(mapviewer("--data", ws, "ingest", "--no-wait", *BASE), env=env(), capture_output=True, text=True, timeout=60)
        assert refused.returncode == 3
        assert refused.stdout == ""
        assert refused.stderr.count("\n") == 1 and f"another mapviewer is writing to {ws}" in refused.stderr
        assert not (ws / "articles").exists(), "nothing written"
        # without --no-wait it says once that it waits, and finishes when the other writer is done
        waiter = subprocess.Popen(mapviewer("--data", ws, "ingest", *BASE), env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert waiter.stderr is not None
        assert waiter.stderr.readline() == f"waiting for another mapviewer writing to {ws}…\n"
    out, err = waiter.communicate(timeout=120)
    assert waiter.returncode == 0, err
    assert "waiting for" not in err, "said once"
    assert "1 of 1 files ingested" in out
    check_consistent(ws, {"tass-vostochny"})


def test_two_stale_copies_of_the_overrides_keep_both_corrections(tmp_path: Path) -> None:
    path = tmp_path / "ws" / "overrides.json"
    path.parent.mkdir()
    first, _ = Overrides.load(path)
    second, _ = Overrides.load(path)  # another window, loaded before the first one's correction
    first.set("a:10", "confirmed", None)
    second.set("b:20", None, ["combat"])
    labels = json.loads(path.read_text())["labels"]
    assert labels == {"a:10": {"certainty": "confirmed"}, "b:20": {"topics": ["combat"]}}
    assert not leftovers(path.parent)


# Commits two files together, again and again, until the reader says it has seen enough.
WRITER = """import sys, pathlib
from mapviewer.core import commit
root = sys.argv[1]
stop = pathlib.Path(root).parent / "stop"
k = 0
while not stop.exists() and k < 100000:
    k += 1
    with commit.writing(root):
        commit.commit(root, [("a.txt", str(k).encode() * 5000), ("articles/b.txt", str(k).encode() * 5000)])
"""


def test_readers_see_one_commit_while_another_process_commits(tmp_path: Path) -> None:
    """Two files a commit always changes together are always read equal, however the reads interleave."""
    root = tmp_path / "ws"
    (root / "articles").mkdir(parents=True)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(root)], env=env())
    read = lambda p: p.read_bytes() if p.exists() else b""  # noqa: E731
    both = lambda: (read(root / "a.txt"), read(root / "articles" / "b.txt"))  # noqa: E731
    seen: set[bytes] = set()
    try:
        while len(seen) < 20 and writer.poll() is None:  # reads overlapping 20 commits, however slow the machine
            (a, b), _ = commit.read_consistent([root], both)
            assert a == b, "a read mixed two commits"
            seen.add(a)
    finally:
        (tmp_path / "stop").touch()
    assert writer.wait(timeout=120) == 0
    assert len(seen) >= 20, "the reads overlapped many commits"
    (a, b), _ = commit.read_consistent([root], both)
    assert a == b != b"", "the last commit is read whole"
