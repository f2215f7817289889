"""Candidate recall of ask: whether a gold article is among the candidates ask re-ranks.

ask reads its best kb.qa.RERANK_DEPTH candidates sentence by sentence for the kind of fact asked;
a gold article that is not among them can never be put first, however well the re-ranking reads.
For each set this prints the share of answerable questions whose gold is among those candidates
(recall) beside the share whose gold ask puts first (top1), and with --misses the questions whose
gold was never fetched (studied and development sets only).

Usage (from the repository root; the index in DIR is built by bench/eval_ask.py --index-dir DIR)::

    .venv/bin/python bench/candidate_recall.py --index-dir DIR --questions bench/asks_studied.tsv ... [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from bench.eval_ask import _first, load, short  # noqa: E402


def recall(kb: object, rows: list, name: str, misses: bool = False) -> dict[str, float]:
    """Recall and top-1 over the answerable questions of `rows` (the candidates ask re-ranks, recorded
    by wrapping kb.qa._rerank)."""
    from kb import qa

    plain = qa._rerank
    seen: list[list[tuple[str, str]]] = []

    def recording(kb_: object, hits: list, *args: object, **kwargs: object) -> list:
        depth = int(kwargs.get("depth", qa.RERANK_DEPTH))
        seen.append([(short(h.title), h.article or h.label) for h in hits[:depth]])
        return plain(kb_, hits, *args, **kwargs)

    qa._rerank = recording
    fetched = first = total = 0
    try:
        for question, _kind, gold in rows:
            if not gold:
                continue
            seen.clear()
            answer = qa.ask(kb, question)
            total += 1
            found = bool(seen) and any(key in gold for key in seen[0])
            fetched += found
            first += _first(answer) in gold
            if misses and not found:
                print(f"  [{name}] never fetched: {question}  gold {sorted(gold)[0]}", file=sys.stderr)
    finally:
        qa._rerank = plain
    return {"set": name, "n": total, "recall": round(fetched / max(total, 1), 3), "top1": round(first / max(total, 1), 3)}


def main(argv: list[str] | None = None) -> int:
    """Print candidate recall and top-1 per set."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", type=Path, nargs="+", required=True, help="studied and development sets")
    ap.add_argument("--index-dir", type=Path, required=True, help="an index built by bench/eval_ask.py --index-dir")
    ap.add_argument("--misses", action="store_true", help="list the questions whose gold was never fetched")
    args = ap.parse_args(argv)
    if not (args.index_dir / "index").is_dir():
        print("no index: build one with bench/eval_ask.py --index-dir DIR first", file=sys.stderr)
        return 2
    from kb.search import KnowledgeBase

    kb = KnowledgeBase(args.index_dir / "index")
    reports = []
    for path in args.questions:
        report = recall(kb, load(path), path.name, args.misses)
        print(f"{report['set']:<22} n={report['n']:<4} recall {report['recall']:.3f}  top1 {report['top1']:.3f}")
        reports.append(report)
    print(json.dumps(reports, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
