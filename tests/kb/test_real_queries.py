"""Real inputs never break search or ask: every question of the evaluation sets and a sample
of the real exam banks' stems, over ../shared/corpus (skipped when ../shared is absent).

Quality is measured by bench/eval_search.py, not here; this test only asks that messy real
text (ranges such as 20~200, formulas, full-width marks, option lists) always gets an answer
object and never an exception, and that an explicit article reference still resolves.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETS = ("queries.tsv", "queries_dev2.tsv", "queries_dev3.tsv", "queries_holdout.tsv", "queries_holdout2.tsv")
STEMS = 600
_NUMBERING = re.compile(r"^\s*\d+\s*[.、．]\s*")


def bank_stems(shared: Path, limit: int) -> list[str]:
    from core.sheets import read_sheets

    stems: list[str] = []
    for path in sorted((shared / "question-banks").glob("*.xlsx")):
        header, *rows = read_sheets(path)[0].rows
        column = header.index("题目内容") if "题目内容" in header else 2
        stems.extend(_NUMBERING.sub("", row[column]) for row in rows if len(row) > column and row[column])
    random.Random(3).shuffle(stems)
    return stems[:limit]


@pytest.fixture
def shared_kb(app, shared_dir: Path):
    from core.db import db
    from corpus.ingestion import ingest_paths
    from kb import knowledge_base, sync

    ingest_paths([shared_dir / "corpus"], db.session)
    db.session.commit()
    kb = knowledge_base(app)
    sync.rebuild(db.session, kb.root)
    return kb


def test_real_questions_and_exam_stems_never_fail(shared_kb, shared_dir: Path):
    from kb.qa import ask

    questions = [
        line.split("\t")[0]
        for name in SETS
        for line in (ROOT / "bench" / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for text in questions + bank_stems(shared_dir, STEMS):
        results = shared_kb.search(text)
        assert results.hits or results.message, text
        answer = ask(shared_kb, text)
        assert (answer.answered and answer.hit is not None) or answer.message, text
    first = shared_kb.search("煤矿安全规程第一百九十三条").hits[0]
    assert (first.title, first.article) == ("煤矿安全规程", "第一百九十三条")
