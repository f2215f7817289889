"""Search's relevance floor (kb.relevance): what it costs on answerable questions and what it
catches on unanswerable ones, with the floor off (before) and on (after).

For each answerable set: Recall@1 / Recall@5 (bench/eval_search.py's measure) before and after,
and the share of its questions that now show "nothing found". For each unanswerable set:
the share that shows "nothing found" before and after.

Studied (the floor was set on these): queries.tsv, queries_dev2.tsv, queries_dev3.tsv,
queries_unanswerable.tsv. Held out (reported only, never tuned on): queries_holdout.tsv,
queries_holdout2.tsv, and asks_holdout.tsv (its answerable rows as a search set, its
unanswerable rows as off-topic questions).

    .venv/bin/python bench/search_floor.py [--list]     # --list: the unanswerable questions that still list hits

Prints one JSON line per set and, as its last line, one JSON object with them all ({"sets": [...]}).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.eval_search import Gold, evaluate, short  # noqa: E402

BENCH = Path(__file__).parent
ANSWERABLE = {
    "queries": ("studied", "queries.tsv"),
    "dev2": ("studied", "queries_dev2.tsv"),
    "dev3": ("studied", "queries_dev3.tsv"),
    "holdout": ("held-out", "queries_holdout.tsv"),
    "holdout2": ("held-out", "queries_holdout2.tsv"),
    "asks_holdout": ("held-out", "asks_holdout.tsv"),
}


def read_rows(path: Path) -> tuple[list[Gold], list[str]]:
    """(answerable rows, unanswerable questions) of a tab-separated set; a row without a gold
    article, or of kind `unanswerable`, is unanswerable; a two-column file is all unanswerable."""
    answerable, unanswerable = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 4 or not cells[2].strip() or cells[3].strip() == "unanswerable":
            unanswerable.append(cells[0])
            continue
        query, title, article, kind, *rest = cells
        answers = [(short(title), article)]
        for alt in rest[0].split(";") if rest and rest[0].strip() else []:
            alt_title, _, alt_article = alt.strip().partition("|")
            answers.append((short(alt_title), alt_article.strip()))
        answerable.append(Gold(query, kind, tuple(answers)))
    return answerable, unanswerable


def main(argv: list[str] | None = None) -> int:
    """Print one JSON line per set (after its --list lines), and last one line with every set: {"sets": [...]}."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--list", action="store_true", help="list unanswerable questions that still show hits")
    args = ap.parse_args(argv)
    if not (SHARED / "corpus").is_dir():
        print("../shared/corpus is absent; nothing to measure", file=sys.stderr)
        return 0
    from bench.search_setup import corpus_app
    from core.db import db
    from kb import sync
    from kb.search import KnowledgeBase

    sets = {name: (role, *read_rows(BENCH / file)) for name, (role, file) in ANSWERABLE.items()}
    sets["unanswerable"] = ("studied", [], read_rows(BENCH / "queries_unanswerable.tsv")[1])
    lines: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp, corpus_app(Path(tmp)):
        root = Path(tmp) / "index"
        sync.rebuild(db.session, root, workers=2)
        kb = KnowledgeBase(root)

        def ranked(query: str) -> list[tuple[str, str]]:
            return [(h.title, h.article) for h in kb.search(query, per_page=10).hits]

        def empty_share(questions: list[str]) -> float:
            return round(sum(1 for q in questions if not kb.search(q).hits) / len(questions), 3) if questions else 0.0

        for name, (role, answerable, unanswerable) in sets.items():
            line: dict[str, object] = {"set": name, "role": role}
            for state, floor in (("before", False), ("after", True)):
                kb.relevance_floor = floor
                if answerable:
                    overall = evaluate(answerable, ranked)["all"]
                    line[state] = {
                        "n": overall["n"],
                        "R@1": overall["R@1"],
                        "R@5": overall["R@5"],
                        "nothing_found": empty_share([row.query for row in answerable]),
                    }
                if unanswerable:
                    line[f"unanswerable_{state}"] = {"n": len(unanswerable), "nothing_found": empty_share(unanswerable)}
            if args.list:
                for question in unanswerable:
                    hits = kb.search(question).hits
                    if hits:
                        print(f"  still listed: {question} → {hits[0].citation}")
            print(json.dumps(line, ensure_ascii=False))
            lines.append(line)
    print(json.dumps({"sets": lines}, ensure_ascii=False))  # last line: every figure, as every bench script ends
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
