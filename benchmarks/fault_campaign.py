"""Fault campaign: hostile files, broken caches, killed and concurrent processes, full disks, each
thrown at real `mapviewer` processes in a workspace of its own, and what became of it.

Every case gets a fresh temporary folder holding a copy of the bundled corpus (`sites.geojson` and
`articles/`, the README's workspace layout) and its own per-user folder (MAPVIEWER_USER_DIR, HOME and
XDG folders all point inside it), so no case sees another's caches or the real user's. Each command
runs with a timeout in its own process group (killed whole on timeout). Outcomes:

  ok         the expected clear message appeared (naming the file), the exit code was the expected
             one, and everything valid still loads (`sites --json` lists every site the fault did not
             touch, as strict JSON)
  crash      a Python traceback
  hang       a command ran past its timeout
  lost-data  something valid no longer loads, or what a command reported written is not there
  ran-code   a planted payload ran or reached the output (a marker file, a planted <script>)
  wrong      anything else: no message or an unclear one, a wrong exit code, output that is not
             valid JSON / XML, escape sequences on the terminal
  skipped    the case cannot be set up here (says why)

    python benchmarks/fault_campaign.py [--only NAME…] [--timeout 30] [--src TREE] [--keep] [--json]

Runs on demand, not in pytest: it takes a few minutes and some cases need root (tmpfs, another uid).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "ingest_eval"
VERDICTS = ("ok", "crash", "hang", "lost-data", "ran-code", "wrong", "skipped")


# ---------------------------------------------------------------- running commands


@dataclass
class Run:
    argv: list[str]
    rc: int | None  # None: killed after the timeout
    out: str
    err: str
    seconds: float

    @property
    def timed_out(self) -> bool:
        return self.rc is None


@dataclass
class Outcome:
    verdict: str
    detail: str


class Case:
    """One case's folder: `ws` (the corpus copy), `user` (per-user state), `marker` (must never exist)."""

    src: Path = ROOT
    timeout: float = 30.0

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.ws = tmp / "ws"
        self.user = tmp / "user"
        self.marker = tmp / "MARKER"
        self.runs: list[Run] = []
        shutil.copytree(ROOT / "assets" / "articles", self.ws / "articles")
        shutil.copyfile(ROOT / "sites.geojson", self.ws / "sites.geojson")
        for d in ("user", "home", "xdg-cache", "xdg-data", "xdg-config"):
            (tmp / d).mkdir()

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MAPVIEWER_", "XDG_"))}
        env.update(
            MAPVIEWER_USER_DIR=str(self.user),
            HOME=str(self.tmp / "home"),
            XDG_CACHE_HOME=str(self.tmp / "xdg-cache"),
            XDG_DATA_HOME=str(self.tmp / "xdg-data"),
            XDG_CONFIG_HOME=str(self.tmp / "xdg-config"),
            PYTHONPATH=str(self.src),
            QT_QPA_PLATFORM="offscreen",
            QTWEBENGINE_DISABLE_SANDBOX="1",
            PYTHONDONTWRITEBYTECODE="1",
        )
        return env

    def popen(self, *argv: str, preexec: Callable[[], None] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "mapviewer", *argv],
            cwd=self.tmp,
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            start_new_session=True,  # its own process group: a timeout kills it and its children
            preexec_fn=preexec,
        )

    def finish(self, proc: subprocess.Popen[str], argv: list[str], started: float, timeout: float | None = None) -> Run:
        try:
            out, err = proc.communicate(timeout=timeout or self.timeout)
            rc: int | None = proc.returncode
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            rc = None
        run = Run(list(argv), rc, out, err, time.monotonic() - started)
        self.runs.append(run)
        return run

    def mv(self, *argv: str, timeout: float | None = None, preexec: Callable[[], None] | None = None) -> Run:
        """`mapviewer ARGV…` to completion (or its timeout)."""
        started = time.monotonic()
        return self.finish(self.popen(*argv, preexec=preexec), list(argv), started, timeout)

    def data(self, *argv: str, **kw) -> Run:
        """`mapviewer --data WS ARGV…`."""
        return self.mv("--data", str(self.ws), *argv, **kw)

    # -- files

    def sites_doc(self) -> dict:
        return json.loads((ROOT / "sites.geojson").read_text(encoding="utf-8"))

    def write_sites(self, doc: dict, raw: str | None = None) -> None:
        """Write sites.geojson; `raw` replaces the string "__RAW__" with unquoted JSON text (1e400…)."""
        text = json.dumps(doc, ensure_ascii=False, indent=1)
        if raw is not None:
            text = text.replace('"__RAW__"', raw)
        (self.ws / "sites.geojson").write_text(text, encoding="utf-8")

    def meta(self) -> dict:
        return json.loads((self.ws / "articles" / "articles.json").read_text(encoding="utf-8"))

    def write_meta(self, meta: dict) -> None:
        (self.ws / "articles" / "articles.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


# ---------------------------------------------------------------- judging


def strict_json(text: str) -> object:
    """json.loads that refuses NaN and Infinity (not JSON: browsers and most tools reject them)."""

    def bad(name: str) -> object:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=bad)


@dataclass
class Baseline:
    sites: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)


BASE = Baseline()


def loads(c: Case, *, lose_sites: set[str] = frozenset(), lose_articles: set[str] = frozenset()) -> Outcome | None:
    """None when everything valid still loads: `sites --json` and `articles --json` run, print strict
    JSON, and list every baseline site/article but those the case broke on purpose."""
    for what, base, lose in (("sites", BASE.sites, lose_sites), ("articles", BASE.articles, lose_articles)):
        run = c.data(what, "--json")
        early = generic(c)
        if early:
            return early
        if run.rc != 0:
            return Outcome("lost-data", f"`{what} --json` exited {run.rc}: {last_line(run.err)}")
        try:
            rows = strict_json(run.out)
        except ValueError as exc:
            return Outcome("wrong", f"`{what} --json` printed invalid JSON ({exc})")
        got = {r.get("id") for r in rows if isinstance(r, dict)} if isinstance(rows, list) else set()
        missing = (base - set(lose)) - got
        if missing:
            return Outcome("lost-data", f"{what} no longer listed: {', '.join(sorted(missing)[:5])}")
    return None


def generic(c: Case) -> Outcome | None:
    """The verdicts any case can reach: ran-code, hang, crash (in that order of gravity)."""
    if c.marker.exists():
        return Outcome("ran-code", f"the planted payload created {c.marker.name}")
    for r in c.runs:
        if r.timed_out:
            return Outcome("hang", f"`{' '.join(r.argv[-3:])}` still running after {r.seconds:.0f} s")
    for r in c.runs:
        if "Traceback (most recent call last)" in r.err:
            return Outcome("crash", last_line(r.err))
    return None


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else "(nothing on stderr)"


def exported(c: Case, out: Path, *extra: str) -> Outcome | None:
    """`export OUT`: None when it succeeded, else the verdict (crash, hang… or a wrong exit code)."""
    run = c.data("export", str(out), *extra)
    early = generic(c)
    if early:
        return early
    return Outcome("wrong", f"export exited {run.rc}: {last_line(run.err)}") if run.rc != 0 else None


def expect_problem(c: Case, *words: str, lose_sites: set[str] = frozenset(), lose_articles: set[str] = frozenset()) -> Outcome:
    """A bad workspace file: `sites` warns naming it (every word in `words` on one stderr line), exits
    0, `--strict` exits 1, and the rest loads."""
    run = c.data("sites")
    if run.timed_out:
        return generic(c)  # type: ignore[return-value]  # a hang: no need to wait for it twice
    strict = c.data("--strict", "sites", "--json")
    early = generic(c)
    if early:
        return early
    lines = [line for line in run.err.splitlines() if all(w.lower() in line.lower() for w in words)]
    if not lines:
        return Outcome("wrong", f"no message naming {' / '.join(words)}: {last_line(run.err)}")
    if run.rc != 0:
        return Outcome("wrong", f"`sites` exited {run.rc}, expected 0 (warnings only): {last_line(run.err)}")
    if strict.rc != 1:
        return Outcome("wrong", f"`--strict sites` exited {strict.rc}, expected 1")
    return loads(c, lose_sites=lose_sites, lose_articles=lose_articles) or Outcome("ok", lines[0][:160])


# ---------------------------------------------------------------- the cases

CASES: dict[str, Callable[[Case], Outcome]] = {}


def case(name: str) -> Callable[[Callable[[Case], Outcome]], Callable[[Case], Outcome]]:
    def register(fn: Callable[[Case], Outcome]) -> Callable[[Case], Outcome]:
        CASES[name] = fn
        return fn

    return register


def _feature(doc: dict, fid: str) -> dict:
    return next(f for f in doc["features"] if f["properties"]["id"] == fid)


def _geometry_case(c: Case, fid: str, geometry: object, raw: str | None = None, words: tuple[str, ...] = ()) -> Outcome:
    doc = c.sites_doc()
    _feature(doc, fid)["geometry"] = geometry
    c.write_sites(doc, raw)
    return expect_problem(c, "sites.geojson", fid, *words, lose_sites={fid})


@case("polygon-coords-pair")
def _(c: Case) -> Outcome:
    return _geometry_case(c, "kursk-oblast", {"type": "Polygon", "coordinates": [10, 20]})


@case("polygon-ring-of-numbers")
def _(c: Case) -> Outcome:
    return _geometry_case(c, "kursk-oblast", {"type": "Polygon", "coordinates": [[10, 20, 30, 40]]})


@case("polygon-nan")
def _(c: Case) -> Outcome:
    ring = [[35.0, 51.0], [36.0, float("nan")], [37.0, 52.0], [35.0, 51.0]]
    return _geometry_case(c, "kursk-oblast", {"type": "Polygon", "coordinates": [ring]})


@case("bbox-nan")
def _(c: Case) -> Outcome:
    doc = c.sites_doc()  # a feature's own "bbox" member is not read: it must just not break the output
    _feature(doc, "kursk-oblast")["bbox"] = [float("nan"), 50.0, 38.0, 52.0]
    doc["bbox"] = [float("nan"), 0, 1, 1]
    c.write_sites(doc)
    out = c.tmp / "out.geojson"
    failed = exported(c, out)
    if failed:
        return failed
    try:
        strict_json(out.read_text(encoding="utf-8"))
    except ValueError as exc:
        return Outcome("wrong", f"exported GeoJSON is invalid ({exc})")
    cli = c.data("export", str(c.tmp / "bbox.html"), "--bbox", "nan,40,5,50")
    early = generic(c)
    if early:
        return early
    if cli.rc != 2 or "bbox" not in cli.err:
        return Outcome("wrong", f"`--bbox nan,…`: exit {cli.rc}, {last_line(cli.err)} (expected exit 2 naming --bbox)")
    return loads(c) or Outcome("ok", last_line(cli.err))


@case("coordinate-1e400")
def _(c: Case) -> Outcome:
    return _geometry_case(c, "pivnichne", {"type": "Point", "coordinates": ["__RAW__", 48.0]}, raw="1e400")


@case("integer-5000-digits")
def _(c: Case) -> Outcome:
    # a coordinate that is no number: that site cannot be placed (as every broken geometry), the rest loads
    return _geometry_case(c, "pivnichne", {"type": "Point", "coordinates": ["__RAW__", 48.0]}, raw="1" + "0" * 4999)


@case("coordinates-true-false")
def _(c: Case) -> Outcome:
    return _geometry_case(c, "pivnichne", {"type": "Point", "coordinates": [True, False]})


@case("admin-region-list")
def _(c: Case) -> Outcome:
    doc = c.sites_doc()
    fid = next(f["properties"]["id"] for f in doc["features"] if f["properties"].get("admin_region"))
    _feature(doc, fid)["properties"]["admin_region"] = ["x"]
    c.write_sites(doc)
    return expect_problem(c, "sites.geojson", fid, "admin_region")


@case("utf8-bom-sites")
def _(c: Case) -> Outcome:
    path = c.ws / "sites.geojson"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    run = c.data("--strict", "sites", "--json")
    early = generic(c)
    if early:
        return early
    if run.rc != 0:
        return Outcome("wrong", f"a UTF-8 BOM is not an error, yet exit {run.rc}: {last_line(run.err)}")
    return loads(c) or Outcome("ok", "BOM accepted, every site loads")


def _nested(c: Case, path: Path, words: tuple[str, ...], **lose: set[str]) -> Outcome:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return expect_problem(c, path.name, *words, **lose)


@case("nested-100000-sites")
def _(c: Case) -> Outcome:
    return _nested(c, c.ws / "sites.geojson", (), lose_sites=set(BASE.sites))


@case("nested-100000-articles-json")
def _(c: Case) -> Outcome:
    return _nested(c, c.ws / "articles" / "articles.json", ())


@case("nested-100000-overrides")
def _(c: Case) -> Outcome:
    return _nested(c, c.ws / "overrides.json", ())


@case("nested-100000-candidates")
def _(c: Case) -> Outcome:
    (c.ws / "candidates.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    run = c.data("review")
    early = generic(c)
    if early:
        return early
    if "candidates.json" not in run.err:
        return Outcome("wrong", f"no message naming candidates.json: {last_line(run.err)}")
    return loads(c) or Outcome("ok", last_line(run.err))


@case("symlink-dev-zero")
def _(c: Case) -> Outcome:
    (c.ws / "articles" / "zero.txt").symlink_to("/dev/zero")
    return expect_problem(c, "zero.txt")


@case("title-number")
def _(c: Case) -> Outcome:
    meta = c.meta()
    meta["articles"][0]["title"] = 12345
    c.write_meta(meta)
    return expect_problem(c, "articles.json", "title")


@case("article-id-list")
def _(c: Case) -> Outcome:
    meta = c.meta()
    lost = meta["articles"][1]["id"]
    meta["articles"][1]["id"] = [lost]
    c.write_meta(meta)
    return expect_problem(c, "articles.json", lose_articles={lost})


@case("unreadable-articles-folder")
def _(c: Case) -> Outcome:
    demote = _as_nobody(c)
    if isinstance(demote, str):
        return Outcome("skipped", demote)
    (c.ws / "articles").chmod(0)
    run = c.data("sites", "--json", preexec=demote)
    early = generic(c)
    if early:
        return early
    if "articles" not in run.err:
        return Outcome("wrong", f"no message naming the articles folder: {last_line(run.err)}")
    try:
        rows = strict_json(run.out)
    except ValueError as exc:
        return Outcome("wrong", f"invalid JSON ({exc}); exit {run.rc}: {last_line(run.err)}")
    return Outcome("ok", f"exit {run.rc}, {len(rows)} sites; {last_line(run.err)}")  # type: ignore[arg-type]


def _as_nobody(c: Case) -> Callable[[], None] | str:
    """A preexec function running the command as uid/gid 65534 (root ignores file permissions)."""
    if os.geteuid() != 0:
        return lambda: None
    for p in [c.tmp, *c.tmp.rglob("*")]:
        if not p.is_symlink():
            p.chmod(0o777 if p.is_dir() else 0o666)

    def demote() -> None:
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)

    try:
        probe = subprocess.run(
            [sys.executable, "-c", "import mapviewer.cli"], env=c.env(), cwd=c.tmp, preexec_fn=demote, capture_output=True, text=True
        )
    except OSError as exc:  # e.g. the interpreter's folder is not readable by other users
        return f"root ignores permissions, and uid 65534 cannot run {sys.executable} ({exc.strerror})"
    return demote if probe.returncode == 0 else f"cannot run as uid 65534 here: {last_line(probe.stderr)}"


@case("overrides-topics-nested-list")
def _(c: Case) -> Outcome:
    run = c.data("passages", "pivnichne", "--json")
    mention = strict_json(run.out)[0]["mention"]  # type: ignore[index]
    (c.ws / "overrides.json").write_text(json.dumps({"labels": {mention: {"topics": [["x"]]}}}), encoding="utf-8")
    c.runs.clear()
    return expect_problem(c, "overrides.json")


@case("candidates-malformed-rows")
def _(c: Case) -> Outcome:
    good = {"name": "Zorbulak", "article": "ghost-factories", "paragraph": 1, "span": [0, 8], "status": "unplaced", "confidence": 0.0}
    rows = [1, "x", None, [], {"name": 5, "status": "unplaced", "span": "a"}, {"status": "low-confidence", "span": [None]}, good]
    (c.ws / "candidates.json").write_text(json.dumps({"version": 1, "candidates": rows}), encoding="utf-8")
    review = c.data("review", "--json")
    text = c.data("review")
    ingest = c.data("ingest", str(EVAL / "yonhap-yongbyon.txt"))
    early = generic(c)
    if early:
        return early
    try:
        listed = strict_json(review.out)
    except ValueError as exc:
        return Outcome("wrong", f"`review --json` printed invalid JSON ({exc})")
    if not any(isinstance(r, dict) and r.get("name") == "Zorbulak" for r in listed):  # type: ignore[union-attr]
        return Outcome("lost-data", "the valid candidate row is not listed by review")
    if text.rc != 0 or ingest.rc != 0:
        return Outcome("wrong", f"review exit {text.rc}, ingest exit {ingest.rc}: {last_line(text.err + ingest.err)}")
    if "candidates.json" not in review.err:
        return Outcome("wrong", "the malformed rows are skipped without a message naming candidates.json")
    return loads(c) or Outcome("ok", last_line(review.err))


def _fifo_case(c: Case, path: Path) -> Outcome:
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    return expect_problem(c, path.name, lose_sites=set(BASE.sites) if path.name == "sites.geojson" else set())


@case("fifo-sites")
def _(c: Case) -> Outcome:
    return _fifo_case(c, c.ws / "sites.geojson")


@case("fifo-article")
def _(c: Case) -> Outcome:
    return _fifo_case(c, c.ws / "articles" / "x.txt")


@case("fifo-overrides")
def _(c: Case) -> Outcome:
    return _fifo_case(c, c.ws / "overrides.json")


def _outside_file(c: Case, entry_file: str) -> Outcome:
    secret = "Secret troops massed near Kursk, the leaked memo said."
    (c.tmp / "outside.txt").write_text(secret + "\n", encoding="utf-8")
    meta = c.meta()
    meta["articles"].append({"id": "leak", "file": entry_file, "title": "leak"})
    c.write_meta(meta)
    run = c.data("articles", "--json")
    strict = c.data("--strict", "sites", "--json")
    early = generic(c)
    if early:
        return early
    try:
        ids = {a["id"] for a in strict_json(run.out)}  # type: ignore[union-attr]
    except ValueError as exc:
        return Outcome("wrong", f"invalid JSON ({exc})")
    if "leak" in ids:
        return Outcome("wrong", f"a file outside the workspace was read as an article ({entry_file})")
    if "leak" not in run.err and entry_file not in run.err and "outside" not in run.err.lower():
        return Outcome("wrong", f"the entry is dropped without a message: {last_line(run.err)}")
    if strict.rc != 1:
        return Outcome("wrong", f"`--strict` exited {strict.rc}, expected 1")
    return loads(c) or Outcome("ok", last_line(run.err))


@case("file-dotdot-outside")
def _(c: Case) -> Outcome:
    return _outside_file(c, "../../outside.txt")


@case("file-etc-passwd")
def _(c: Case) -> Outcome:
    meta = c.meta()
    meta["articles"].append({"id": "passwd", "file": "../../../../../../../../etc/passwd", "title": "passwd"})
    c.write_meta(meta)
    run = c.data("articles", "--json")
    early = generic(c)
    if early:
        return early
    if "passwd" in {a.get("id") for a in strict_json(run.out)}:  # type: ignore[union-attr]
        return Outcome("wrong", "/etc/passwd was read as an article")
    if "passwd" not in run.err:
        return Outcome("wrong", f"the entry is dropped without a message: {last_line(run.err)}")
    return loads(c) or Outcome("ok", last_line(run.err))


@case("file-absolute-outside")
def _(c: Case) -> Outcome:
    return _outside_file(c, str(c.tmp / "outside.txt"))


@case("nul-after-4k")
def _(c: Case) -> Outcome:
    text = "Troops were sent to Kursk, officials said.\n\n" + "Filler sentence about nothing at all. " * 150 + "\n\nMore near Kursk\x00 here.\n"
    (c.ws / "articles" / "nul.txt").write_text(text, encoding="utf-8")
    return expect_problem(c, "nul.txt")


@case("utf16-article")
def _(c: Case) -> Outcome:
    text = "Troops in Kursk\n\nNorth Korean troops were sent to Kursk Oblast and Pivnichne, officials said.\n"
    (c.ws / "articles" / "utf16.txt").write_bytes(text.encode("utf-16"))
    run = c.data("articles", "--json")
    early = generic(c)
    if early:
        return early
    rows = {a["id"]: a for a in strict_json(run.out)}  # type: ignore[union-attr]
    if "utf16" in rows and rows["utf16"].get("mentions", 0) > 0:
        return loads(c) or Outcome("ok", "decoded as UTF-16; its mentions are found")
    if "utf16.txt" in run.err:
        return loads(c) or Outcome("ok", last_line(run.err))
    return Outcome("wrong", f"neither read nor reported: {last_line(run.err)}")


@case("symlink-loop")
def _(c: Case) -> Outcome:
    (c.ws / "articles" / "loop.txt").symlink_to("loop.txt")
    (c.ws / "articles" / "sub").symlink_to(".")
    return expect_problem(c, "loop.txt")


@case("inline-asset-marker-in-text")
def _(c: Case) -> Outcome:
    path = c.ws / "articles" / "nysun-tunnel-engineers.txt"
    planted = 'mv-inline-asset:map.js <script src="mv-inline-asset:map.js"></script> PLANTED-MARK'
    path.write_text(path.read_text(encoding="utf-8").replace("then at Pivnichne", f"then at Pivnichne {planted}", 1), encoding="utf-8")
    _drop_sha(c)
    out = c.tmp / "map.html"
    failed = exported(c, out)
    if failed:
        return failed
    html = out.read_text(encoding="utf-8")
    if "PLANTED-MARK" not in html:
        return Outcome("lost-data", "the article text is missing from the export")
    if re.search(r"<script[^>]*>\s*</script>\s*PLANTED-MARK", html) or html.count("mv-inline-asset:") < 2:
        return Outcome("ran-code", "the marker in the article text was replaced by inlined asset code")
    return loads(c) or Outcome("ok", "the marker stays text in the page data")


def _drop_sha(c: Case) -> None:
    meta = c.meta()
    for a in meta["articles"]:
        a.pop("sha256", None)
    c.write_meta(meta)


@case("script-in-cached-page-shell")
def _(c: Case) -> Outcome:
    first = c.data("export", str(c.tmp / "first.html"))
    shells = list((c.user / "cache").rglob("shell-*.json"))
    if first.rc != 0 or not shells:
        return generic(c) or Outcome("skipped", f"no page shell was cached to tamper with (export exit {first.rc})")
    for shell in shells:
        text = shell.read_text(encoding="utf-8")
        planted = text.replace("<head>", f"<head><script>/*PLANTED*/fetch('file://{c.marker}')</script>", 1)
        shell.write_text(planted if planted != text else text.replace("</body>", "<script>/*PLANTED*/</script></body>"), encoding="utf-8")
    out = c.tmp / "second.html"
    failed = exported(c, out)
    if failed:
        return failed
    if "PLANTED" in out.read_text(encoding="utf-8"):
        return Outcome("ran-code", "the <script> planted in the cached page shell is in the exported HTML")
    return loads(c) or Outcome("ok", "the tampered shell was not used")


def _snapshots(c: Case) -> list[Path]:
    return sorted((c.user / "cache").rglob("*.snapshot"))


def _tampered_snapshot(c: Case, tamper: Callable[[list[Path]], None], ok: str) -> Outcome:
    """Open once (writing the snapshot), `tamper` with the snapshots, open again: same output, nothing run."""
    first = c.data("sites", "--json")
    snaps = _snapshots(c)
    if not snaps:
        return generic(c) or Outcome("skipped", "no workspace snapshot was written")
    tamper(snaps)
    second = c.data("sites", "--json")
    early = generic(c)
    if early:
        return early
    if second.out != first.out:
        return Outcome("wrong", "the output differs from the first open's")
    return loads(c) or Outcome("ok", ok)


@case("pickle-in-snapshot-cache")
def _(c: Case) -> Outcome:
    payload = _pickle_payload(c.marker)

    def plant(snaps: list[Path]) -> None:
        for snap in snaps:  # behind the snapshot's own header lines, so only the pickle differs
            head = snap.read_bytes().split(b"\n", 2)
            snap.write_bytes(head[0] + b"\n" + head[1] + b"\n" + payload if len(head) == 3 else payload)
        (snaps[0].parent / "planted.snapshot").write_bytes(payload)

    return _tampered_snapshot(c, plant, "the planted pickle was not run; same output")


def _pickle_payload(marker: Path) -> bytes:
    """A pickle that, when loaded, creates `marker` (os.system via __reduce__), hand-assembled."""
    cmd = f"touch {marker}".encode()
    return b"cos\nsystem\n(" + b"S'" + cmd + b"'\ntR."


@case("altered-snapshot")
def _(c: Case) -> Outcome:
    def alter(snaps: list[Path]) -> None:
        data = bytearray(snaps[0].read_bytes())
        for i in range(len(data) // 2, len(data), max(1, len(data) // 64)):
            data[i] ^= 0x5A
        snaps[0].write_bytes(bytes(data[: len(data) * 3 // 4]))

    return _tampered_snapshot(c, alter, "the damaged snapshot was ignored; same output")


@case("control-chars-kml")
def _(c: Case) -> Outcome:
    _plant_escapes(c)
    out = c.tmp / "map.kml"
    failed = exported(c, out)
    if failed:
        return failed
    try:
        ET.parse(out)
    except ET.ParseError as exc:
        return Outcome("wrong", f"the KML is not valid XML ({exc}) yet the export reported success")
    return loads(c) or Outcome("ok", "valid XML")


def _plant_escapes(c: Case) -> None:
    path = c.ws / "articles" / "nysun-tunnel-engineers.txt"
    text = path.read_text(encoding="utf-8").replace("then at Pivnichne", "then at Pivnichne \x1b[31mRED\x1b]0;title\x07\x01", 1)
    path.write_text(text, encoding="utf-8")
    meta = c.meta()
    for a in meta["articles"]:
        a.pop("sha256", None)
        if a["id"] == "nysun-tunnel-engineers":
            a["title"] = "Tunnel \x1b[2J engineers\x02"
    c.write_meta(meta)


@case("ansi-escapes-passages")
def _(c: Case) -> Outcome:
    _plant_escapes(c)
    runs = [c.data("passages", "pivnichne"), c.data("articles"), c.data("sites", "--search", "Pivnichne")]
    early = generic(c)
    if early:
        return early
    for r in runs:
        if r.rc != 0:
            return Outcome("wrong", f"`{' '.join(r.argv[2:])}` exited {r.rc}: {last_line(r.err)}")
        raw = [ch for ch in r.out + r.err if ch in "\x1b\x07\x01\x02" or 0x80 <= ord(ch) <= 0x9F]
        if raw:
            return Outcome("wrong", f"`{' '.join(r.argv[2:])}` printed raw control characters {sorted(set(raw))!r}")
    return loads(c) or Outcome("ok", "escaped on output")


@case("ingest-file-then-data")
def _(c: Case) -> Outcome:
    data = c.tmp / "mine"
    run = c.mv("ingest", str(EVAL / "yonhap-yongbyon.txt"), "--data", str(data))
    early = generic(c)
    if early:
        return early
    if run.rc != 0:
        return Outcome("wrong", f"exit {run.rc}: {last_line(run.err)}")
    if not (data / "articles" / "articles.json").is_file():
        return Outcome("lost-data", "exit 0 but nothing was written to the --data folder")
    return loads(c) or Outcome("ok", last_line(run.out))


@case("review-unknown-article")
def _(c: Case) -> Outcome:
    run = c.data("review", "--article", "nope")
    early = generic(c)
    if early:
        return early
    if run.rc != 2 or "nope" not in run.err or len(run.err.strip().splitlines()) != 1:
        return Outcome("wrong", f"exit {run.rc}, stderr {run.err.strip()[:100]!r} (expected one line naming 'nope', exit 2)")
    return loads(c) or Outcome("ok", run.err.strip())


def _one_line(megabytes: float) -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_ingest import one_line_text

    return one_line_text(megabytes)


def _big_ingest(c: Case, megabytes: float) -> Outcome:
    big = c.tmp / f"oneline-{megabytes:g}MB.txt"
    big.write_text(_one_line(megabytes), encoding="utf-8")
    good = EVAL / "yonhap-yongbyon.txt"
    run = c.data("ingest", str(big), str(good), timeout=max(c.timeout, 180))
    early = generic(c)
    if early:
        return early
    if run.rc != 0:
        return Outcome("wrong", f"exit {run.rc}: {last_line(run.err)}")
    ids = {a["id"] for a in c.meta()["articles"]}
    if not {"yonhap-yongbyon", big.stem.lower().replace(".", "-")} <= ids:
        return Outcome("lost-data", f"articles.json lacks the ingested files: {sorted(ids)}")
    return loads(c) or Outcome("ok", f"{run.seconds:.1f} s: {last_line(run.out)}")


@case("one-line-0.69MB")
def _(c: Case) -> Outcome:
    return _big_ingest(c, 0.69)


@case("one-line-2MB")
def _(c: Case) -> Outcome:
    return _big_ingest(c, 2)


@case("one-line-9.7MB")
def _(c: Case) -> Outcome:
    return _big_ingest(c, 9.7)


@case("concurrent-ingests")
def _(c: Case) -> Outcome:
    files = [EVAL / "yonhap-yongbyon.txt", EVAL / "tass-vostochny.txt"]
    started = time.monotonic()
    procs = [(c.popen("--data", str(c.ws), "ingest", str(f)), f) for f in files]
    runs = [(c.finish(p, ["ingest", str(f)], started, 120), f) for p, f in procs]
    early = generic(c)
    if early:
        return early
    ids = {a.get("id") for a in c.meta()["articles"]}
    for run, f in runs:
        if run.rc == 0 and f.stem not in ids:
            return Outcome("lost-data", f"{f.name} was reported ingested but is not in articles.json")
        if run.rc != 0 and not run.err.strip():
            return Outcome("wrong", f"{f.name}: exit {run.rc} without a message")
    summary = "; ".join(f"{f.stem}: exit {r.rc}" + (f" ({last_line(r.err)})" if r.rc else "") for r, f in runs)
    return loads(c) or Outcome("ok", summary)


@case("sigkill-during-commit")
def _(c: Case) -> Outcome:
    files = sorted(p for p in EVAL.iterdir() if p.suffix == ".txt")
    before = {p: p.stat().st_mtime_ns for p in c.ws.rglob("*") if p.is_file()}
    proc = c.popen("--data", str(c.ws), "ingest", *map(str, files))
    started = time.monotonic()
    killed = False
    while proc.poll() is None and time.monotonic() - started < 120:
        changed = any(p.name.endswith(".tmp") for p in c.ws.rglob("*")) or any(
            p.stat().st_mtime_ns != before.get(p) for p in c.ws.rglob("*") if p.is_file()
        )
        if changed:
            os.killpg(proc.pid, signal.SIGKILL)
            killed = True
            break
    run = c.finish(proc, ["ingest", "(22 files)"], started, 30)
    if not killed:
        return generic(c) or Outcome("skipped", f"the commit finished before it could be killed (exit {run.rc})")
    c.runs.remove(run)  # killed on purpose: not a hang nor a crash
    meta = c.meta()
    missing = [a["file"] for a in meta["articles"] if not (c.ws / "articles" / a["file"]).is_file()]
    if missing:
        return Outcome("lost-data", f"articles.json names missing files: {missing[:3]}")
    strict = c.data("--strict", "sites", "--json")
    early = generic(c)
    if early:
        return early
    if strict.rc != 0:
        return Outcome("lost-data", f"the killed commit left invalid data: {last_line(strict.err)}")
    n = len(meta["articles"])
    state = "unchanged" if n == len(BASE.articles) else f"{n - len(BASE.articles)} articles committed"
    return loads(c) or Outcome("ok", f"killed mid-commit; workspace {state} and valid")


@case("disk-full")
def _(c: Case) -> Outcome:
    full = c.tmp / "full"
    full.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(full)], capture_output=True).returncode == 0
    try:
        if not mounted:
            return _disk_full_by_rlimit(c)
        shutil.copytree(c.ws, full / "ws")
        c.ws = full / "ws"
        free = shutil.disk_usage(full).free
        (full / "filler").write_bytes(b"\0" * max(0, free - 48 * 1024))
        before = _files(c.ws)
        big = c.tmp / "big.txt"
        big.write_text("Troops near Kursk.\n\n" + "Trucks crossed the bridge at Sinuiju, officials said. " * 3000, encoding="utf-8")
        ingest = c.data("ingest", str(big))
        export = c.data("export", str(full / "map.geojson"))
        early = generic(c)
        if early:
            return early
        after = _files(c.ws)
        if after != before:
            return Outcome("lost-data", "the failed ingest changed the workspace")
        for run, where in ((ingest, str(c.ws)), (export, str(full / "map.geojson"))):
            if run.rc != 1 or where not in run.err or "space" not in run.err:
                return Outcome("wrong", f"`{run.argv[2]}`: exit {run.rc}, {last_line(run.err)} (expected exit 1 naming a file under {where})")
        (full / "filler").unlink()
        return loads(c) or Outcome("ok", f"tmpfs: {last_line(ingest.err)}")
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(full)], capture_output=True)


def _disk_full_by_rlimit(c: Case) -> Outcome:
    import resource

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (32 * 1024, 32 * 1024))

    big = c.tmp / "big.txt"
    big.write_text("Troops near Kursk.\n\n" + "Trucks crossed the bridge at Sinuiju, officials said. " * 3000, encoding="utf-8")
    before = _files(c.ws)
    run = c.data("ingest", str(big), preexec=limit)
    early = generic(c)
    if early:
        return early
    if _files(c.ws) != before:
        return Outcome("lost-data", "the failed ingest changed the workspace")
    if run.rc != 1 or str(c.ws) not in run.err:
        return Outcome("wrong", f"exit {run.rc}: {last_line(run.err)} (expected exit 1 naming the file)")
    return loads(c) or Outcome("ok", f"simulated with RLIMIT_FSIZE (no tmpfs): {last_line(run.err)}")


def _files(root: Path) -> dict[Path, bytes]:
    """A workspace's files, but the writer lock file (the first writer makes it; it holds no data)."""
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and p.name != ".mapviewer.lock"}


# ---------------------------------------------------------------- main


def baseline(tmp: Path) -> None:
    c = Case(tmp)
    for what, into in (("sites", BASE.sites), ("articles", BASE.articles)):
        run = c.data(what, "--json")
        if run.rc != 0:
            raise SystemExit(f"the pristine corpus does not load: {run.err}")
        into.update(r["id"] for r in json.loads(run.out))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", metavar="NAME", help="run only these cases (names or substrings)")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per command (big ingests get at least 180)")
    ap.add_argument("--src", type=Path, default=ROOT, help="project tree to run mapviewer from (default: this one)")
    ap.add_argument("--keep", action="store_true", help="keep each case's folder (printed) for a look")
    ap.add_argument("--json", action="store_true", help="also print the results as JSON")
    args = ap.parse_args()
    Case.src, Case.timeout = args.src.resolve(), args.timeout
    names = [n for n in CASES if not args.only or any(o in n for o in args.only)]
    top = Path(tempfile.mkdtemp(prefix="fault-campaign-"))
    os.chmod(top, 0o755)
    results: list[tuple[str, Outcome, float]] = []
    try:
        baseline(top / "baseline")
        print(f"baseline: {len(BASE.sites)} sites, {len(BASE.articles)} articles; {len(names)} cases; src {Case.src}", flush=True)
        for name in names:
            tmp = top / name
            tmp.mkdir()
            tmp.chmod(0o755)
            started = time.monotonic()
            try:
                outcome = CASES[name](Case(tmp))
            except Exception as exc:  # the runner's own failure is reported, never hidden as "ok"
                outcome = Outcome("wrong", f"runner error: {type(exc).__name__}: {exc}")
            seconds = time.monotonic() - started
            results.append((name, outcome, seconds))
            print(f"  {name:<32} {outcome.verdict:<10} {seconds:6.1f} s  {outcome.detail}", flush=True)
            if not args.keep:
                _remove(tmp)
    finally:
        if args.keep:
            print(f"case folders kept under {top}")
        else:
            _remove(top)
    totals = Counter(o.verdict for _, o, _ in results)
    print("totals: " + ", ".join(f"{v} {totals[v]}" for v in VERDICTS if totals[v]) + f" (of {len(results)})")
    if args.json:
        print(json.dumps([{"case": n, "verdict": o.verdict, "detail": o.detail, "seconds": round(s, 1)} for n, o, s in results], indent=1))


def _remove(path: Path) -> None:
    for p in [path, *path.rglob("*")]:
        if p.is_dir() and not p.is_symlink():
            with contextlib.suppress(OSError):
                p.chmod(0o755)
    shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
