"""Rule pools read in bulk (quiz.taking.pools): each rule's pool is exactly what papers.pool_query selects, in
its order, for every way a rule narrows its questions, and a paper's shortfalls are the same read either
way — while reading the pools of any number of rules costs a fixed handful of queries."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event

from core.db import db, utcnow
from corpus.models import Article, Document
from quiz.bank import service
from quiz.bank.models import Category, ImportBatch
from quiz.taking import papers
from quiz.taking.models import Paper
from quiz.taking.pools import Pools
from tests.papers import draft


@contextmanager
def statements():
    """The SQL statements run inside the block."""
    seen: list[str] = []

    def count(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _document(key: str, version: int) -> Document:
    """One version of a document; the versions of one document share its key."""
    doc = Document(title=f"{key}（{version}）", doc_key=key, doc_type="部门规章", version_date=date(2020 + version, 1, 1),
                   source_name=f"{key}{version}.md", source_hash=f"{key}{version}")
    doc.articles.append(Article(ordinal=1, kind="article", number=1, label="第一条", text=f"{key}第一条。",
                                anchor="art-1"))
    db.session.add(doc)
    db.session.flush()
    return doc


@pytest.fixture
def bank(app):
    """Questions of two types spread over a category tree, two documents (one in two versions) and the
    difficulty levels, with some a paper may not use: a draft, a stale one, one of an import still running."""
    top, child, grandchild, other = (Category(name="一通三防"), Category(name="瓦斯"), Category(name="抽采"),
                                     Category(name="顶板"))
    child.parent, grandchild.parent = top, child
    db.session.add_all([top, child, grandchild, other])
    old, new, unrelated = _document("防治水细则", 1), _document("防治水细则", 2), _document("安全规程", 1)
    running = ImportBatch(state="running", source_key="r" * 24, progress_at=utcnow())
    db.session.add(running)
    db.session.flush()
    places = [(top, old, 1), (child, new, 2), (grandchild, None, 3), (other, unrelated, 4), (None, new, 5),
              (child, None, None), (grandchild, old, 2), (None, None, 3)]
    made = []
    for n, (shape, (category, document, level)) in enumerate(
            [(s, p) for s in ("single", "judge") for p in places], start=1):
        question = service.add_question(draft(shape, n, difficulty=level))
        question.category_id = category.id if category else None
        question.article_id = document.articles[0].id if document else None
        made.append(question)
    unusable = [service.add_question(draft("single", 100, status="draft")),
                service.add_question(draft("single", 101)), service.add_question(draft("single", 102))]
    unusable[1].stale = True
    unusable[2].import_batch_id = running.id
    for question in unusable:
        question.category_id, question.article_id = child.id, new.articles[0].id
    db.session.commit()
    return {"top": top.id, "child": child.id, "grandchild": grandchild.id, "other": other.id, "old": old.id,
            "new": new.id, "unrelated": unrelated.id, "questions": made, "unusable": unusable}


def _rules(bank) -> list[papers.Section]:
    singles = [q.id for q in bank["questions"][:8]]
    rules = []
    for shape in ("single", "judge", "multi"):
        rules += [
            papers.Section(shape, 1, Decimal(1)),
            papers.Section(shape, 1, Decimal(1), category_ids=(bank["top"],)),
            papers.Section(shape, 1, Decimal(1), category_ids=(bank["child"], bank["other"])),
            papers.Section(shape, 1, Decimal(1), category_ids=(bank["grandchild"],)),
            papers.Section(shape, 1, Decimal(1), document_ids=(bank["old"],)),  # and its newer version's
            papers.Section(shape, 1, Decimal(1), document_ids=(bank["unrelated"], bank["new"])),
            papers.Section(shape, 1, Decimal(1), difficulties=(2, 3)),
            papers.Section(shape, 1, Decimal(1), category_ids=(bank["top"],), document_ids=(bank["new"],),
                           difficulties=(2,)),
        ]
    rules += [papers.Section("single", 3, Decimal(1), question_ids=(singles[5], singles[0], bank["unusable"][1].id)),
              papers.Section("judge", 1, Decimal(1), question_ids=(singles[1],))]  # a single named in a judge rule
    return rules


def test_each_rule_pool_is_what_pool_query_selects_in_its_order(bank):
    pools = Pools("exam")
    for rule in _rules(bank):
        expected = [(q, v) for q, v in db.session.execute(papers.pool_query(rule, "exam"))]
        assert pools.of(rule) == expected, rule
    unusable = {q.id for q in bank["unusable"]}
    assert not unusable & {q for rule in _rules(bank) for q, _v in pools.of(rule)}


def test_the_pools_of_any_number_of_rules_cost_three_queries(bank):
    rules, pools = _rules(bank) * 20, Pools("exam")
    with statements() as seen:
        for rule in rules:
            pools.of(rule)
    assert len(seen) == 3  # the usable questions, the category tree, the documents' keys


def test_a_papers_shortfalls_are_the_same_read_from_pools(bank):
    rules = _rules(bank)
    pools = Pools("exam")
    for start in range(0, len(rules), 3):
        sections = [papers.Section(r.type, 2 if not r.picked else r.count, r.points, r.category_ids, r.document_ids,
                                   r.difficulties, r.question_ids) for r in rules[start:start + 4]]
        paper = Paper(title="草稿", mode="exam", draw="per_attempt", status="draft", pass_score=Decimal(1),
                      sections=[s.to_dict() for s in sections])
        assert papers.shortfalls(paper, pools=pools) == papers.shortfalls(paper)


def test_pools_read_for_practice_answer_no_exam(bank):
    with pytest.raises(ValueError, match="practice"):
        papers.available([papers.Section("single", 1, Decimal(1))], "exam", pools=Pools("practice"))
