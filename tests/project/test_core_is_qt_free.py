"""The core and the headless CLI must work on a machine where PySide6 cannot be imported at all."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import importlib
    import io
    import pkgutil
    import sys

    class NoQt:
        def find_spec(self, name, path=None, target=None):
            if name == "PySide6" or name.startswith("PySide6.") or name == "shiboken6" or name.startswith("shiboken6."):
                raise ImportError(f"{name} is blocked: the core must not need Qt")
            return None

    sys.meta_path.insert(0, NoQt())
    try:
        import PySide6  # noqa: F401
    except ImportError:
        pass
    else:
        raise SystemExit("the blocker did not block PySide6")

    import mapviewer.core

    names = ["mapviewer.core"]
    for info in pkgutil.walk_packages(mapviewer.core.__path__, "mapviewer.core."):
        names.append(info.name)
    for name in names:
        importlib.import_module(name)
    print("imported", len(names), "core modules")

    from mapviewer.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(["sites"], out, err)
    print("exit", code)
    print(out.getvalue().splitlines()[-1])
    sys.stderr.write(err.getvalue())
    assert not any(m == "PySide6" or m.startswith("PySide6.") for m in sys.modules), "PySide6 got imported"
    raise SystemExit(code)
    """
)


def test_core_modules_and_cli_sites_run_with_pyside6_unimportable(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "MAPVIEWER_DATA"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    imported = int(lines[0].split()[1])
    assert imported >= 14  # every module of mapviewer.core was walked, not just the package
    assert lines[1] == "exit 0"
    assert lines[2].endswith(" sites") and int(lines[2].split()[0]) > 20


def test_blocker_really_blocks_a_qt_import(tmp_path):
    """Guard for the test above: the same finder makes an import of a Qt module fail."""
    script = SCRIPT.split("import mapviewer.core")[0] + "from PySide6.QtCore import QObject\n"
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "blocked" in proc.stderr
