"""Benchmark: import then export a synthetic bank of N questions (default 10,000).

Builds an .xlsx in the import template's layout (single, multiple, true/false and blank rows
with categories, difficulty, jobs and explanations), imports it into an empty bank (parse, then
store in the importer's committed batches, no citation lookup), and exports the bank back to
.xlsx (the streaming writer) and to JSON, timing each step (wall clock, and the export's CPU
time: on a shared machine the wall clock stretches with the others' load). Prints the figures, the machine's
load average (it is shared), and a last JSON line.

Run: .venv/bin/python bench/export_import.py [-n 10000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.db import db  # noqa: E402
from quiz.bank import imports, service  # noqa: E402
from quiz.bank.exporter import bank_drafts, export_count, to_json, write_xlsx  # noqa: E402
from quiz.bank.importer import parse_files  # noqa: E402
from quiz.bank.types import Option, QuestionDraft  # noqa: E402
from run import create_app  # noqa: E402

TOPICS = ["瓦斯", "顶板", "机电", "运输", "防治水", "爆破", "通风", "粉尘"]
JOBS = ["采煤工", "掘进工", "电钳工", "瓦斯检查工", "支架工"]


def synthetic_drafts(n: int, seed: int = 7) -> list[QuestionDraft]:
    """N distinct questions of the four common kinds."""
    rng = random.Random(seed)
    drafts = []
    for i in range(n):
        topic = rng.choice(TOPICS)
        common = {
            "explanation": f"第{i}题解析：依据{topic}管理规定。",
            "category": ("安全知识", topic),
            "difficulty": rng.randint(1, 5),
            "jobs": tuple(rng.sample(JOBS, 2)),
        }
        kind = i % 4
        if kind == 0:
            options = tuple(Option(k, f"{topic}选项{k}{i}") for k in "ABCD")
            drafts.append(
                QuestionDraft(
                    "single", f"{topic}第{i}题：下列说法正确的是（ ）", options, (rng.choice("ABCD"),), **common
                )
            )
        elif kind == 1:
            options = tuple(Option(k, f"{topic}措施{k}{i}") for k in "ABCDE")
            answer = tuple(sorted(rng.sample("ABCDE", 3)))
            drafts.append(QuestionDraft("multi", f"{topic}第{i}题：应当采取的措施有（ ）", options, answer, **common))
        elif kind == 2:
            options = (Option("A", "正确"), Option("B", "错误"))
            drafts.append(
                QuestionDraft(
                    "judge", f"{topic}第{i}题：作业前必须检查{topic}情况。", options, (rng.choice("AB"),), **common
                )
            )
        else:
            drafts.append(QuestionDraft("blank", f"{topic}第{i}题：入井必须携带（ ）。", (), (f"自救器{i}",), **common))
    return drafts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    load_before = os.getloadavg()
    source = write_xlsx(synthetic_drafts(args.n))
    with tempfile.TemporaryDirectory() as data_dir:
        url = args.database_url or f"sqlite:///{data_dir}/bench.sqlite3"
        app = create_app({"DATA_DIR": Path(data_dir), "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            db.drop_all()
            db.create_all()
            start = time.perf_counter()
            report = parse_files([("bench.xlsx", source)], existing=service.existing_keys())
            parsed = time.perf_counter()
            imports.save_import(report)
            stored = time.perf_counter()
            db.session.commit()
            count = export_count()
            cpu_start = time.process_time()
            xlsx = write_xlsx(draft for _id, draft in bank_drafts())
            exported = time.perf_counter()
            export_cpu = time.process_time() - cpu_start
            payload = json.dumps([to_json(i, d) for i, d in bank_drafts()], ensure_ascii=False)
            json_done = time.perf_counter()
            db.session.remove()  # end the read transaction before dropping the tables (PostgreSQL waits for it)
            if args.database_url:
                db.drop_all()
    result = {
        "rows": args.n,
        "imported": report.imported,
        "errors": len(report.errors),
        "exported": count,
        "database": url.split(":", 1)[0],
        "parse_rows_per_s": round(report.rows / (parsed - start)),
        "import_rows_per_s": round(report.rows / (stored - start)),
        "import_s": round(stored - start, 2),
        "export_xlsx_rows_per_s": round(count / (exported - stored)),
        "export_xlsx_s": round(exported - stored, 2),
        "export_xlsx_cpu_s": round(export_cpu, 2),
        "export_xlsx_rows_per_cpu_s": round(count / export_cpu),
        "export_xlsx_bytes": len(xlsx),
        "export_json_rows_per_s": round(count / (json_done - exported)),
        "export_json_bytes": len(payload.encode()),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    print(f"{args.n} synthetic rows on {result['database']}: imported {report.imported}, errors {len(report.errors)}")
    print(
        f"import (parse + store): {result['import_rows_per_s']:,} rows/s ({result['import_s']} s); "
        f"parse alone {result['parse_rows_per_s']:,} rows/s"
    )
    print(
        f"export .xlsx: {result['export_xlsx_rows_per_s']:,} rows/s ({result['export_xlsx_s']} s, "
        f"{len(xlsx) / 1e6:.1f} MB; {result['export_xlsx_rows_per_cpu_s']:,} rows per CPU second); export JSON: {result['export_json_rows_per_s']:,} rows/s"
    )
    print(
        f"load average before {result['load_average_before']}, after {result['load_average_after']} "
        f"({result['cpus']} CPUs)"
    )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
