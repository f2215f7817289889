"""Speed and size of the knowledge base over ../shared/corpus, with and without the 1,584 laws.

Reports, as one JSON object per corpus and backend (with --backend both, last a line with both: {"runs": [...]}):
- build: full index build from the database (what `python run.py reindex` does): seconds,
  articles, index size on disk, peak memory of the building process;
- search / ask: warm latency p50/p95/max in ms over a few hundred real exam stems from
  ../shared/question-banks plus the worker questions of bench/queries.tsv.

Usage: .venv/bin/python bench/search_speed.py [--scale] [--queries 300] [--backend whoosh|postgres|both]
(postgres: the corpus goes into the PostgreSQL database of $DATABASE_URL; see bench/search_setup.py)
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.search_setup import SHARED, add_backend_option, chosen_backends, corpus_app, database_for  # noqa: E402

_NUMBERING = re.compile(r"^\s*\d+\s*[、.．]\s*")


def exam_stems(limit: int, seed: int = 4) -> list[str]:
    """Question stems (题目内容) of the real banks, numbering stripped, sampled reproducibly."""
    from openpyxl import load_workbook

    stems: list[str] = []
    for path in sorted((SHARED / "question-banks").glob("*.xlsx")):
        sheet = load_workbook(path, read_only=True).active
        rows = sheet.iter_rows(values_only=True)
        header = [str(c or "") for c in next(rows)]
        column = header.index("题目内容") if "题目内容" in header else 2
        for row in rows:
            if row and row[column]:
                stems.append(_NUMBERING.sub("", str(row[column])).strip())
    random.Random(seed).shuffle(stems)
    return stems[:limit]


SEARCH_TABLES = ("kb_search_entries", "kb_search_postings", "kb_search_documents", "kb_search_state")


def _build(database: str, root: str, queue: multiprocessing.Queue, backend: str) -> None:
    """Child process: build the index from the database (its peak memory is measured alone)."""
    from flask import Flask
    from sqlalchemy import text

    from core.db import db
    from kb import pgsearch, sync

    app = Flask("bench-build", root_path=str(ROOT))
    app.config.update(SQLALCHEMY_DATABASE_URI=database)
    db.init_app(app)
    with app.app_context():
        started = time.perf_counter()
        if backend == "postgres":
            count = pgsearch.rebuild(db.session, workers=os.cpu_count() or 1)
            db.session.commit()
            db.session.execute(text("ANALYZE " + ", ".join(SEARCH_TABLES)))
            db.session.commit()
        else:
            count = sync.rebuild(db.session, Path(root), workers=os.cpu_count() or 1)
        queue.put((count, time.perf_counter() - started))


def _size(database: str, root: Path, backend: str) -> int:
    if backend != "postgres":
        return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    from sqlalchemy import create_engine, text

    engine = create_engine(database)
    with engine.connect() as conn:
        size = sum(conn.execute(text(f"SELECT pg_total_relation_size('{t}')")).scalar() for t in SEARCH_TABLES)
    engine.dispose()
    return size


def measure_build(database: str, root: Path, backend: str = "whoosh") -> dict[str, float]:
    """Build in a child process; seconds, articles, size and the child's peak RSS."""
    queue: multiprocessing.Queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=_build, args=(database, str(root), queue, backend))
    child.start()
    count, seconds = queue.get()
    child.join()
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    size = _size(database, root, backend)
    return {
        "articles": count,
        "seconds": round(seconds, 1),
        "size_mb": round(size / 2**20, 1),
        "peak_mb": round(peak_kb / 1024, 1),
    }


def latency(fn, queries: list[str]) -> dict[str, float]:
    """p50/p95/max in ms of fn(query) over the queries (after a warm-up pass)."""
    for q in queries[:20]:
        fn(q)
    times = []
    for q in queries:
        started = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "n": len(times),
        "p50": round(times[len(times) // 2], 1),
        "p95": round(times[int(len(times) * 0.95)], 1),
        "max": round(times[-1], 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one JSON line per backend; several are repeated together last."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", action="store_true", help="also index the 1,584 laws of corpus-scale")
    ap.add_argument("--queries", type=int, default=300, help="exam stems to time")
    add_backend_option(ap)
    args = ap.parse_args(argv)
    if not (SHARED / "corpus").is_dir():
        print("../shared/corpus is absent; nothing to measure", file=sys.stderr)
        return 0
    from bench.eval_search import load_queries
    from kb.qa import ask
    from kb.search import KnowledgeBase

    queries = exam_stems(args.queries) + [row.query for row in load_queries()]
    backends = chosen_backends(args.backend)
    reports = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        with corpus_app(workdir, scale=args.scale, database_url=database_for(backends)) as app:
            database = app.config["SQLALCHEMY_DATABASE_URI"]
        root = workdir / "index"
        for backend in backends:
            build = measure_build(database, root, backend)
            if backend == "postgres":
                from sqlalchemy import create_engine

                from kb.pgsearch import PgKnowledgeBase

                kb = PgKnowledgeBase(create_engine(database))
            else:
                kb = KnowledgeBase(root)
            started = time.perf_counter()
            kb.warm()
            report = {
                "corpus": "corpus + scale" if args.scale else "corpus",
                "backend": backend,
                "build": build,
                "open_ms": round((time.perf_counter() - started) * 1000, 1),
                "search": latency(lambda q, kb=kb: kb.search(q), queries),
                "ask": latency(lambda q, kb=kb: ask(kb, q), queries),
            }
            print(json.dumps(report, ensure_ascii=False), flush=True)
            reports.append(report)
    if len(reports) > 1:  # the last line has every figure: both backends' together
        print(json.dumps({"runs": reports}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
