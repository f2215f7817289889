"""Does a change to a search engine keep its ranking? Top 10 of search and ask's article, per query.

Runs the queries of bench/search_speed.py (exam stems and bench/queries.tsv) against an index
that already exists: the PostgreSQL one of $DATABASE_URL (--backend postgres) or a Whoosh
folder (--index DIR). `--save FILE` writes each query's top 10 article ids (search) and the
article ask answers from; `--against FILE` counts the queries whose top 10 or answer differ
from that file's (run the old code with --save, then the new code with --against).

Usage: .venv/bin/python bench/search_same.py [--backend postgres | --index DIR] (--save F | --against F)
Ends with one JSON line: queries compared, top-10 differences, answer differences.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.search_setup import database_for  # noqa: E402
from bench.search_speed import exam_stems  # noqa: E402


def rankings(kb, queries: list[str]) -> dict[str, dict[str, object]]:  # noqa: ANN001 - either engine
    """query → its top 10 article ids and the article ask answers from (None: no answer)."""
    from kb.qa import ask

    found = {}
    for query in queries:
        answer = ask(kb, query)
        found[query] = {
            "top10": [hit.article_id for hit in kb.search(query).hits[:10]],
            "answer": answer.hit.article_id if answer.hit is not None else None,
        }
    return found


def main(argv: list[str] | None = None) -> int:
    """Save or compare the rankings; print one JSON line."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--backend", choices=("whoosh", "postgres"), default="postgres")
    ap.add_argument("--index", type=Path, help="a Whoosh index folder (--backend whoosh)")
    ap.add_argument("--queries", type=int, default=300, help="exam stems, as bench/search_speed.py")
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--save", type=Path, help="write the rankings here")
    what.add_argument("--against", type=Path, help="compare with rankings saved earlier")
    args = ap.parse_args(argv)
    from bench.eval_search import load_queries

    queries = exam_stems(args.queries) + [row.query for row in load_queries()]
    if args.backend == "postgres":
        from sqlalchemy import create_engine

        from kb.pgsearch import PgKnowledgeBase

        kb = PgKnowledgeBase(create_engine(database_for(["postgres"])))
    else:
        from kb.search import KnowledgeBase

        if args.index is None:
            raise SystemExit("--backend whoosh needs --index DIR")
        kb = KnowledgeBase(args.index)
    found = rankings(kb, queries)
    if args.save:
        args.save.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
        print(json.dumps({"saved": str(args.save), "queries": len(found)}))
        return 0
    saved = json.loads(args.against.read_text(encoding="utf-8"))
    compared = [q for q in found if q in saved]
    top10 = [q for q in compared if found[q]["top10"] != saved[q]["top10"]]
    answers = [q for q in compared if found[q]["answer"] != saved[q]["answer"]]
    for query in top10[:10]:
        print(f"# top 10 differs: {query}", file=sys.stderr)
    print(json.dumps({"queries": len(compared), "top10_differ": len(top10), "answer_differs": len(answers)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
