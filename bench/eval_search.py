"""Retrieval quality on a question set: Recall@1, Recall@5 and MRR@10, overall and per kind.

The sets (query, gold title, gold article, kind, equally good answers):

- queries.tsv: 85 questions the team wrote while building (development).
- queries_dev2.tsv: 120 more worker questions, written by someone who never saw the
  engine, for studying misses (development).
- queries_holdout.tsv: 137 worker and exam questions written without sight of the engine;
  only its odd rows (--half odd) were ever studied, the even rows are reported, not read.
- queries_holdout2.tsv: 110 questions by six worker personas; reported only, never read.

Usage (from the repository root)::

    .venv/bin/python bench/eval_search.py --index DATA_DIR/index [--queries bench/queries_holdout2.tsv]
    .venv/bin/python bench/eval_search.py [--scale] [--baseline] [--misses] [--half odd]

Without --index, ../shared/corpus (plus the 1,584 laws with --scale) is ingested into a
temporary database and indexed first; --baseline also scores a plain jieba analyzer (cut_for_search, no domain
dictionary, no synonyms, Whoosh BM25F) over the same articles for comparison.

Prints one JSON line per system and set (after its misses, with --misses); when there are
several, the last line repeats them all as one JSON object, {"runs": [...]}.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jieba
from whoosh.analysis import Token, Tokenizer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
QUERIES = Path(__file__).with_name("queries.tsv")

from bench.search_setup import add_backend_option  # noqa: E402


@dataclass(frozen=True)
class Gold:
    """One evaluation question and the articles that answer it: (short title, 第N条)."""

    query: str
    kind: str
    answers: tuple[tuple[str, str], ...]

    @property
    def title(self) -> str:
        return self.answers[0][0]


def load_queries(path: Path = QUERIES, half: str = "") -> list[Gold]:
    """Rows of query, gold title, gold article, kind and optional equally good answers
    (`title|第N条;…`). `half` takes every other row ("odd": 1st, 3rd, …; "even": 2nd, …):
    a held-out set is split so that misses are studied on one half only."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, title, article, kind, *rest = line.split("\t")
            answers = [(short(title), article)]
            for alt in rest[0].split(";") if rest and rest[0].strip() else []:
                alt_title, _, alt_article = alt.strip().partition("|")
                answers.append((short(alt_title), alt_article.strip()))
            rows.append(Gold(query, kind, tuple(answers)))
    if half:
        rows = rows[0 if half == "odd" else 1 :: 2]
    return rows


def short(title: str) -> str:
    """Title without 中华人民共和国 and book-title marks, for matching gold to hits."""
    return title.removeprefix("中华人民共和国").strip("《》 ")


def evaluate(rows: list[Gold], ranked: Callable[[str], list[tuple[str, str]]]) -> dict[str, dict[str, float]]:
    """Metrics per kind and overall; `ranked(query)` returns (title, article) best first."""
    buckets: dict[str, list[int | None]] = defaultdict(list)
    for row in rows:
        hits = ranked(row.query)[:10]
        rank = next((i for i, (t, a) in enumerate(hits, 1) if (short(t), a) in row.answers), None)
        buckets[row.kind].append(rank)
        buckets["all"].append(rank)
    report = {}
    for kind, ranks in sorted(buckets.items()):
        n = len(ranks)
        report[kind] = {
            "n": n,
            "R@1": round(sum(1 for r in ranks if r == 1) / n, 3),
            "R@5": round(sum(1 for r in ranks if r and r <= 5) / n, 3),
            "MRR@10": round(sum(1 / r for r in ranks if r) / n, 3),
        }
    return report


class PlainJieba(Tokenizer):
    """jieba.cut_for_search with its stock dictionary: the baseline analyzer."""

    def __call__(self, value, positions=False, chars=False, **kw):  # noqa: ANN001, ANN003, ANN204
        token = Token(positions, chars, **kw)
        for i, word in enumerate(w for w in jieba.cut_for_search(value) if w.strip()):
            token.text, token.pos, token.stopped, token.boost = word, i, False, 1.0
            yield token


def baseline_ranker(recs: list, workdir: Path) -> Callable[[str], list[tuple[str, str]]]:
    """Plain jieba analyzer over articles, Whoosh defaults: the calibration point."""
    from whoosh import index
    from whoosh.fields import STORED, TEXT, Schema
    from whoosh.qparser import OrGroup, QueryParser

    schema = Schema(title=STORED, article=STORED, text=TEXT(analyzer=PlainJieba()))
    folder = workdir / "baseline"
    folder.mkdir()
    ix = index.create_in(str(folder), schema)
    with ix.writer(limitmb=256) as writer:
        for r in recs:
            writer.add_document(title=r.title, article=r.label, text=f"{r.title}\n{r.path}\n{r.text}")
    searcher = ix.searcher()
    parser = QueryParser("text", schema, group=OrGroup)

    def ranked(query: str) -> list[tuple[str, str]]:
        try:
            q = parser.parse(query)
        except Exception:
            return []
        return [(h["title"], h["article"]) for h in searcher.search(q, limit=10)]

    return ranked


def exam_like_rows(kb: object, n: int, seed: int = 7) -> list[Gold]:
    """Exam-style stems made at run time from current articles of ../shared/corpus documents.

    A clause of 15–45 characters with a few characters blanked out as （ ）, the way exam
    questions quote a rule; the gold is the article it came from. Nothing is stored.
    """
    import random
    import re

    from kb.indexing import iter_stored

    core_titles = {row.title for row in load_queries()}
    articles = [
        d
        for d in iter_stored(kb.searcher())
        if d["kind"] == "article"
        and d["status"] == "current"
        and short(d["title"]) in core_titles
        and len(d["text"]) > 60
    ]
    rng = random.Random(seed)
    rows = []
    for d in rng.sample(articles, min(n, len(articles))):
        clauses = [c for c in re.split(r"[。；\n]", d["text"]) if len(c) >= 15 and "|" not in c]
        if clauses:
            stem = rng.choice(clauses)[:45]
            i = rng.randint(0, max(0, len(stem) - 4))
            rows.append(Gold(stem[:i] + "（ ）" + stem[i + 3 :], "exam-like", ((short(d["title"]), d["label"]),)))
    return rows


def report_for(rows: list[Gold], kb: object, misses: bool, name: str = "") -> dict:
    """Print the misses (when asked) and then our metrics for one KnowledgeBase, as a JSON line; returns them."""

    def ours(query: str) -> list[tuple[str, str]]:
        return [(h.title, h.article) for h in kb.search(query, per_page=10).hits]

    if misses:
        for row in rows:
            got = ours(row.query)[:3]
            if not got or (short(got[0][0]), got[0][1]) not in row.answers:
                gold = " / ".join(t + a for t, a in row.answers)
                print(f"  MISS [{row.kind}] {row.query} → gold {gold}; got {got}")
    report = evaluate(rows, ours)
    head = {"system": "banzu", "backend": kb.backend, **({"set": name} if name else {}), "queries": len(rows)}
    line = {**head, **report}
    print(json.dumps(line, ensure_ascii=False), flush=True)
    return line


def print_last(lines: list[dict]) -> None:
    """The last line: one JSON object with every figure. One system on one set has printed it already;
    several are repeated together as {"runs": [...]}."""
    if len(lines) > 1:
        print(json.dumps({"runs": lines}, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    """Print the metrics as JSON lines, one per system and set, and last one line with them all."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--index", type=Path, help="an existing index root (DATA_DIR/index)")
    ap.add_argument("--scale", action="store_true", help="add the 1,584 laws of corpus-scale")
    ap.add_argument("--baseline", action="store_true", help="also score the plain-jieba baseline")
    ap.add_argument("--misses", action="store_true", help="list queries whose gold is not first")
    ap.add_argument(
        "--queries", type=Path, nargs="+", default=[QUERIES], help="question sets (default bench/queries.tsv)"
    )
    ap.add_argument(
        "--half", choices=("odd", "even"), help="every other row of the set (study misses on one half only)"
    )
    ap.add_argument("--stems", type=int, default=0, help="also score N exam-like stems made from articles")
    add_backend_option(ap)
    args = ap.parse_args(argv)
    if not (SHARED / "corpus").is_dir():
        print("../shared/corpus is absent; nothing to evaluate", file=sys.stderr)
        return 0
    from bench.search_setup import build_kb, chosen_backends, corpus_app, database_for
    from core.db import db
    from kb import sync
    from kb.search import KnowledgeBase

    backends = chosen_backends(args.backend)
    sets = {path.name: load_queries(path, args.half or "") for path in args.queries}
    rows = [row for found in sets.values() for row in found]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if args.index:
            kb = KnowledgeBase(args.index)
            report_for(rows + (exam_like_rows(kb, args.stems) if args.stems else []), kb, args.misses)
            return 0
        lines = []
        with corpus_app(workdir, scale=args.scale, database_url=database_for(backends)):
            stems_from = None
            for backend in backends:
                kb = build_kb(backend, workdir)
                if args.stems and stems_from is None:
                    stems_from = build_kb("whoosh", workdir) if backend != "whoosh" else kb
                    sets["exam-like"] = exam_like_rows(stems_from, args.stems)
                    rows += sets["exam-like"]
                for name, found in sets.items():
                    lines.append(report_for(found, kb, args.misses, name if len(sets) > 1 else ""))
            if args.baseline:
                recs = list(sync.records(db.session))
                base = evaluate(rows, baseline_ranker(recs, workdir))
                lines.append({"system": "plain-jieba", "queries": len(rows), **base})
                print(json.dumps(lines[-1], ensure_ascii=False))
        print_last(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
