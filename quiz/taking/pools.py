"""Rule pools read in bulk: what many papers' rules may draw from, in a fixed number of queries.

Checking one paper asks the database once per rule (papers.pool_query, and once more per category a
rule narrows by). A page that checks every candidate paper at once — 新建竞赛 offers each complete draft
exam, quiz.contests.schedule — would ask that for each paper. `Pools(mode)` instead reads, on first use,
every question a paper of that mode may use (papers.usable_ids) with what rules narrow by (type,
category, difficulty, the document of its article) in one query, the category tree in one more when a
rule narrows by category, and the documents' keys in one more when a rule narrows by document; `of`
then answers each rule from memory with exactly the rows, in the order, that papers.pool_query selects.

Read within one request: questions approved or retired afterwards are not seen.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select

from core.db import db
from corpus.models import Article, Document
from quiz.bank.browse import descendants
from quiz.bank.models import Category, Question, QuestionVersion
from quiz.taking.papers import Section, usable_ids


class _Usable(NamedTuple):
    """A question a paper may use, with what a rule narrows by."""

    id: int
    version_id: int
    type: str
    category_id: int | None
    difficulty: int | None
    doc_key: str | None  # the key of the document its article belongs to (versions of a document share it)


class Pools:
    """The pools of any rules of papers of one mode (exam or practice), read once."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self._usable: list[_Usable] | None = None
        self._tree: list[tuple[int, int | None]] | None = None
        self._doc_keys: dict[int, str] | None = None

    def of(self, section: Section) -> list[tuple[int, int]]:
        """(question id, current version id) of every question the rule may draw, by question id: the rows
        papers.pool_query(section, mode) selects. A picked rule (指定题目) is its usable named questions."""
        rows = [r for r in self._questions() if r.type == section.type]
        if section.picked:
            named = set(section.question_ids)
            return [(r.id, r.version_id) for r in rows if r.id in named]
        if section.category_ids:
            tree = self._categories()
            wanted = set().union(*(descendants(tree, c) for c in section.category_ids))
            rows = [r for r in rows if r.category_id in wanted]
        if section.document_ids:
            keys = self._documents()
            named_keys = {keys[d] for d in section.document_ids if d in keys}
            rows = [r for r in rows if r.doc_key is not None and r.doc_key in named_keys]
        if section.difficulties:
            levels = set(section.difficulties)
            rows = [r for r in rows if r.difficulty in levels]
        return [(r.id, r.version_id) for r in rows]

    def _questions(self) -> list[_Usable]:
        if self._usable is None:
            self._usable = [_Usable(*row) for row in db.session.execute(
                select(Question.id, Question.current_version_id, QuestionVersion.type, Question.category_id,
                       QuestionVersion.difficulty, Document.doc_key)
                .join(QuestionVersion, Question.current_version_id == QuestionVersion.id)
                .outerjoin(Article, Question.article_id == Article.id)
                .outerjoin(Document, Article.document_id == Document.id)
                .where(Question.id.in_(usable_ids(self.mode)))
                .order_by(Question.id))]
        return self._usable

    def _categories(self) -> list[tuple[int, int | None]]:
        if self._tree is None:
            self._tree = [(cid, pid) for cid, pid in db.session.execute(select(Category.id, Category.parent_id))]
        return self._tree

    def _documents(self) -> dict[int, str]:
        if self._doc_keys is None:
            self._doc_keys = {doc_id: key for doc_id, key in db.session.execute(select(Document.id, Document.doc_key))}
        return self._doc_keys
