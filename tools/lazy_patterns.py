"""Make the core's module-level regular expressions lazy: `re.compile(` -> `lazy_compile(` (mapviewer.core.lazyre).

Compiling hundreds of rule patterns at import was a large part of every `mapviewer ingest` process; a lazy
pattern is compiled on its first use. This is the mechanical edit that made them lazy, kept so it can be
re-applied after merging branches that add patterns:

    python tools/lazy_patterns.py            # list the module-level re.compile calls left (exit 1 if any)
    python tools/lazy_patterns.py --apply    # rewrite them, add the import; then:
    ruff check --fix --select I,F401 mapviewer/core && mypy

Only calls outside any function are rewritten (a pattern made at run time is compiled when made anyway), and
only text patterns. Not touched: the modules fingerprinted into shipped files (their source is part of the
fingerprint), and this file's list of factories called at import (claims._rule, figures._rule, corpus._any),
which were edited by hand. mypy then names annotations to change from `re.Pattern[str]` to `LazyPattern`.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "mapviewer" / "core"
FINGERPRINTED = {"textnorm.py", "ingest/variants.py", "ingest/geo_build.py", "ingest/village_index.py", "lazyre.py"}
IMPORT = "from mapviewer.core.lazyre import lazy_compile\n"


def module_level_compiles(tree: ast.AST) -> list[tuple[int, int]]:
    """(line, column) of each `re.compile(` of a text pattern run at import (outside every function)."""
    found: list[tuple[int, int]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            func = getattr(child, "func", None)
            if (
                not inside
                and isinstance(child, ast.Call)
                and isinstance(func, ast.Attribute)
                and func.attr == "compile"
                and isinstance(func.value, ast.Name)
                and func.value.id == "re"
                and not (child.args and isinstance(child.args[0], ast.Constant) and isinstance(child.args[0].value, bytes))
            ):
                found.append((func.lineno, func.col_offset))
            visit(child, inside)

    visit(tree, False)
    return found


def rewrite(text: str, calls: list[tuple[int, int]]) -> str:
    """`text` with those calls made lazy and the import added after `import re`."""
    lines = text.splitlines(keepends=True)
    for line_no, col in calls:
        line = lines[line_no - 1]
        lines[line_no - 1] = line[:col] + "lazy_compile(" + line[col + len("re.compile(") :]
    text = "".join(lines)
    if IMPORT not in text and "import LazyPattern, lazy_compile" not in text:
        at = text.index("\nimport re\n") + len("\nimport re\n")
        text = text[:at] + IMPORT + text[at:]
    return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--apply", action="store_true", help="rewrite the calls found (else only list them)")
    args = ap.parse_args()
    left = 0
    for path in sorted(CORE.rglob("*.py")):
        if path.relative_to(CORE).as_posix() in FINGERPRINTED:
            continue
        text = path.read_text(encoding="utf-8")
        calls = module_level_compiles(ast.parse(text))
        if not calls:
            continue
        left += len(calls)
        print(f"{path.relative_to(ROOT)}: {len(calls)} at lines {', '.join(str(n) for n, _ in calls)}")
        if args.apply:
            path.write_text(rewrite(text, calls), encoding="utf-8")
    return 1 if left and not args.apply else 0


if __name__ == "__main__":
    sys.exit(main())
