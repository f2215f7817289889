"""Every benchmark script in bench/ imports, has a main, and ends its output with one JSON line of its figures
(the convention the README's and deployment guide's figures are read by). Cheap: nothing is measured here,
the last thing main prints is read from its source."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
HELPERS = {"search_setup", "served"}  # modules the scripts share, not scripts
SCRIPTS = sorted(p.stem for p in BENCH.glob("*.py") if p.stem not in HELPERS)


def _is_json_print(call: ast.Call) -> bool:
    """print(json.dumps(...)), or a helper of the script's own that prints the closing line (print_json)."""
    name = getattr(call.func, "id", "")
    if name.startswith("print_"):
        return True
    first = call.args[0] if call.args else None
    return isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute) and first.func.attr == "dumps"


def _last_print(source: str) -> ast.Call:
    """The print (or print_… helper) call written last in the script's main()."""
    main = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == "main")
    prints = [n for n in ast.walk(main) if isinstance(n, ast.Call) and getattr(n.func, "id", "").startswith("print")]
    assert prints, "main prints nothing"
    return max(prints, key=lambda n: (n.lineno, n.col_offset))


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_bench_script_ends_with_a_json_line(name: str) -> None:
    module = importlib.import_module(f"bench.{name}")
    assert callable(getattr(module, "main", None))
    last = _last_print((BENCH / f"{name}.py").read_text(encoding="utf-8"))
    assert _is_json_print(last), f"bench/{name}.py: the last print of main (line {last.lineno}) is not a JSON line"
