"""Benchmark: sign-in latency on a real server while a trainer confirms a 3,000-row bank import.

Serves `python run.py --port N` (its own DATA_DIR, SQLite, the demo mine), starts 20
workers signing in, searching, asking and giving feedback, and after a warm-up confirms the
import. Prints p50/p95/max per kind of request before and during the import, the statuses,
and how long the import took. With --before REV it first runs the same load against the
code at git revision REV (e.g. ef748c8: journal_mode=delete and one import transaction).

Run: .venv/bin/python bench/import_under_load.py [--clients 20] [--rows 3000] [--before ef748c8]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.served import percentile  # noqa: E402
from tests.loadrun import LoadResult, import_under_load, running_server  # noqa: E402

KINDS = ("sign-in", "search", "ask", "feedback")


def measure(root: Path, label: str, clients: int, rows: int) -> LoadResult:
    with tempfile.TemporaryDirectory() as data_dir, running_server(root, Path(data_dir)) as server:
        with closing(sqlite3.connect(Path(data_dir) / "banzu.sqlite3")) as db:
            mode = db.execute("PRAGMA journal_mode").fetchone()[0]
        result = import_under_load(server, clients=clients, rows=rows)
    print(f"\n== {label}  (journal_mode={mode}; {clients} clients; {rows}-row import) ==")
    print(f"import: HTTP {result.import_status} in {result.import_seconds:.1f} s")
    print(f"statuses: {dict(sorted(result.statuses().items()))}; connection errors: {len(result.errors)}")
    print(f"{'request':<10}{'phase':<14}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for kind in KINDS:
        for during, phase in ((False, "before/after"), (True, "during import")):
            values = result.latencies(kind, during)
            if values:
                print(
                    f"{kind:<10}{phase:<14}{len(values):>5}{percentile(values, 50) * 1000:>10.0f}"
                    f"{percentile(values, 95) * 1000:>10.0f}{values[-1] * 1000:>10.0f}"
                )
    failed = [s for s in result.samples if s.status >= 500]
    if failed:
        print(f"server errors: {len(failed)} ({', '.join(sorted({f'{s.kind} {s.status}' for s in failed}))})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--before", help="git revision to measure first, e.g. ef748c8")
    args = parser.parse_args()
    if args.before:
        with tempfile.TemporaryDirectory() as checkout:
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before], capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", checkout], input=archive.stdout, check=True)
            measure(Path(checkout), f"before ({args.before})", args.clients, args.rows)
    result = measure(ROOT, "now", args.clients, args.rows)
    # Last line: one JSON object, so the run can be read without this script's tables.
    summary = {"clients": args.clients, "rows": args.rows, "import_status": result.import_status,
               "import_s": round(result.import_seconds, 1), "statuses": result.statuses(),
               "connection_errors": len(result.errors)}
    for kind in KINDS:
        for during in (False, True):
            values = result.latencies(kind, during)
            key = f"{kind.replace('-', '')}_{'during' if during else 'outside'}_import"
            summary[f"{key}_p95_ms"] = round(percentile(values, 95) * 1000, 1) if values else None
            summary[f"{key}_max_ms"] = round(values[-1] * 1000, 1) if values else None
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
