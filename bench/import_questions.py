"""Benchmark: import the real question banks in ../shared/question-banks into an empty bank.

Prints rows, imported, duplicates and errors per file (errors grouped by reason) and the
rows per second for parsing alone and for parsing plus storing (committed in batches), and as
its last line one JSON object with those figures.
Run: .venv/bin/python bench/import_questions.py [FILE ...]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.db import db  # noqa: E402
from quiz.bank import imports, service  # noqa: E402
from quiz.bank.importer import parse_files  # noqa: E402
from run import create_app  # noqa: E402

BANKS = ROOT.parent / "shared" / "question-banks"


def main(paths: list[Path]) -> None:
    """Parse each file on its own (for per-file figures), then import them all timed."""
    if not paths:
        print(f"no question banks found in {BANKS}")
        print(json.dumps({"skipped": f"no question banks in {BANKS}"}, ensure_ascii=False))
        return
    files = [(p.name, p.read_bytes()) for p in paths]
    per_file = []
    for name, data in files:
        report = parse_files([(name, data)])
        per_file.append({"file": name, "rows": report.rows, "imported": report.imported,
                         "duplicates": len(report.duplicates), "errors": len(report.errors) + len(report.file_errors)})
        print(
            f"{name}: rows {report.rows}, imported {report.imported}, duplicates {len(report.duplicates)}, "
            f"errors {len(report.errors) + len(report.file_errors)}; by type {report.by_type}"
        )
        for reason, count in report.errors_by_reason.items():
            print(f"    {count:4d}  {reason}")
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app({"DATA_DIR": Path(data_dir), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{data_dir}/bench.sqlite3"})
        with app.app_context():
            db.create_all()
            start = time.perf_counter()
            report = parse_files(files, existing=service.existing_keys())
            parsed = time.perf_counter()
            imports.save_import(report)
            done = time.perf_counter()
    print(
        f"all files: rows {report.rows}, imported {report.imported}, duplicates {len(report.duplicates)}, "
        f"errors {len(report.errors)}"
    )
    print(
        f"parse: {report.rows / (parsed - start):,.0f} rows/s; "
        f"parse + store (SQLite, committed in batches): {report.rows / (done - start):,.0f} rows/s "
        f"({done - start:.2f}s)"
    )
    print(json.dumps({
        "files": per_file, "rows": report.rows, "imported": report.imported, "duplicates": len(report.duplicates),
        "errors": len(report.errors), "parse_rows_per_s": round(report.rows / (parsed - start)),
        "import_rows_per_s": round(report.rows / (done - start)), "import_s": round(done - start, 2),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or sorted(BANKS.glob("*.xls*")) + sorted(BANKS.glob("*.csv")))
