"""Every command ends with a code from mapviewer.status.ExitStatus and prints its one-line error on the
stream it was given: bad usage 2, a failure 1, an interrupted ingest 130, a closed pipe quietly."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mapviewer.cli import main
from mapviewer.status import ExitStatus

ARTICLE = "Troops were sent to Donetsk and Kursk, then on to Pyongyang.\n\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_the_codes_other_tools_and_scripts_rely_on():
    assert {s.name: int(s) for s in ExitStatus} == {"OK": 0, "FAILED": 1, "USAGE": 2, "LOCKED": 3, "CANCELLED": 130}


def test_every_outcome_is_an_exit_status(tmp_path):
    for argv in (["articles"], ["sites", "--certainty", "sure"], ["export", str(tmp_path / "x.docx")], ["--data", str(tmp_path / "ws"), "review"]):
        code, _, _ = run(*argv)
        assert isinstance(code, ExitStatus), argv


def test_ingest_into_a_file_is_usage_2(tmp_path, capsys):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = run("--data", str(not_a_folder), "ingest", str(tmp_path / "a.txt"))
    assert code == ExitStatus.USAGE and out == ""
    assert err == f"mapviewer: error: {not_a_folder} is not a folder\n"
    assert capsys.readouterr().err == ""


def test_ingest_with_an_unreadable_file_fails_1_naming_it_and_keeps_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text("Good\n\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "bad.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    code, out, err = run("--data", str(tmp_path / "ws"), "ingest", str(tmp_path / "good.txt"), str(tmp_path / "bad.doc"))
    assert code == ExitStatus.FAILED and isinstance(code, ExitStatus)
    assert f"{tmp_path / 'bad.doc'}" in err and "1 of 2 files ingested" in out
    assert (tmp_path / "ws" / "articles" / "good.txt").is_file()


def test_review_of_a_corrupt_workspace_fails_1(tmp_path):
    (tmp_path / "candidates.json").write_text("{not json", encoding="utf-8")
    code, out, err = run("--data", str(tmp_path), "review")
    assert code == ExitStatus.FAILED and out == ""
    assert err.startswith("mapviewer: error: ") and "candidates.json" in err and err.count("\n") == 1


def test_strict_with_invalid_data_fails_1(tmp_path):
    features = [
        {"type": "Feature", "properties": {"id": "alpha", "name": "Alphaville", "coord_source": "test"},
         "geometry": {"type": "Point", "coordinates": [10.0, 45.0]}},
        {"type": "Feature", "properties": {"id": "broken"}, "geometry": None},
    ]  # fmt: skip
    (tmp_path / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("A\n\nTroops went to Alphaville.\n", encoding="utf-8")
    assert run("--data", str(tmp_path), "sites")[0] == ExitStatus.OK
    code, _, err = run("--data", str(tmp_path), "--strict", "sites")
    assert code == ExitStatus.FAILED and "--strict" in err


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "MAPVIEWER_DATA"}
    env["MAPVIEWER_USER_DIR"] = str(tmp_path / "user")
    return env


def test_ctrl_c_during_ingest_exits_130_and_leaves_the_workspace_unchanged(tmp_path):
    """A real SIGINT to a real `mapviewer ingest` process, once it is working through its files."""
    files = []
    for i in range(400):
        f = tmp_path / "in" / f"a{i:03}.txt"
        f.parent.mkdir(exist_ok=True)
        f.write_text(f"Article {i}\n\n" + ARTICLE * 20, encoding="utf-8")
        files.append(str(f))
    ws = tmp_path / "ws"
    proc = subprocess.Popen(
        [sys.executable, "-m", "mapviewer", "--data", str(ws), "ingest", *files],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(tmp_path), cwd=tmp_path,
    )  # fmt: skip
    assert proc.stderr is not None
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        seen.append(line)
        if line.startswith("ingest: [3/"):
            break
        assert line, "".join(seen)
    proc.send_signal(signal.SIGINT)
    _, rest = proc.communicate(timeout=60)
    assert proc.returncode == ExitStatus.CANCELLED, "".join(seen) + rest
    assert "cancelled; the workspace is unchanged" in rest
    assert not (ws / "articles").exists() or not any((ws / "articles").iterdir())


def test_a_closed_pipe_ends_quietly(tmp_path):
    """`mapviewer sites --json | head -c 1`: the reader leaves; exit 1 and no traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "mapviewer", "sites", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path), cwd=tmp_path,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before it writes: its first write meets a closed pipe
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == ExitStatus.FAILED
    assert "Traceback" not in err and "BrokenPipe" not in err, err


@pytest.mark.parametrize("argv", [["sites", "--topic", "nope"], ["passages", "nowhere"]])
def test_python_dash_m_passes_the_code_to_the_shell(tmp_path, argv):
    proc = subprocess.run([sys.executable, "-m", "mapviewer", *argv], capture_output=True, text=True, env=_env(tmp_path), cwd=tmp_path, timeout=120)
    assert proc.returncode == ExitStatus.USAGE and proc.stderr.count("\n") == 1
