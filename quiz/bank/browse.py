"""Finding questions in the bank: filters, LIKE search over the normalised stem, categories as a tree."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, String, cast, func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from core.db import db
from corpus import jobs
from corpus.models import Article, Document
from quiz.bank.models import Category, ImportBatch, Question, QuestionFlag, QuestionVersion
from quiz.bank.text import search_form
from quiz.bank.types import KINDS

PAGE_SIZE = 50


@dataclass(frozen=True)
class BankFilter:
    """What a trainer asked for in the list; empty values mean "any"."""

    q: str = ""
    type: str = ""
    category_id: int | None = None
    status: str = ""
    document_id: int | None = None
    origin: str = ""
    stale: bool = False
    batch_id: int | None = None
    job: str = ""  # 工种 (作业种类), e.g. 电焊作业
    flagged: bool = False  # with a worker's unresolved error report (纠错)


def category_tree() -> list[tuple[Category, int]]:
    """Every category with its depth, parents before children, in the trainer's order."""
    nodes = list(db.session.scalars(select(Category).order_by(Category.position, Category.name)))
    children: dict[int | None, list[Category]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    ordered: list[tuple[Category, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for node in children.get(parent_id, []):
            ordered.append((node, depth))
            walk(node.id, depth + 1)

    walk(None, 0)
    return ordered


def category_counts() -> dict[int, tuple[int, int]]:
    """Every category's question count: (its own, with everything below it), from two queries."""
    own = {cid: int(n) for cid, n in db.session.execute(
        select(Question.category_id, func.count()).where(Question.category_id.is_not(None), landed())
        .group_by(Question.category_id))}
    parents = dict(db.session.execute(select(Category.id, Category.parent_id)).all())
    total = dict.fromkeys(parents, 0)
    for cid, n in own.items():
        seen: set[int] = set()
        node: int | None = cid
        while node is not None and node in parents and node not in seen:
            seen.add(node)
            total[node] += n
            node = parents[node]
    return {cid: (own.get(cid, 0), total[cid]) for cid in parents}


def descendant_ids(category_id: int) -> set[int]:
    """The category and everything below it."""
    return descendants(list(db.session.execute(select(Category.id, Category.parent_id))), category_id)


def descendants(pairs: Sequence[tuple[int, int | None]], category_id: int) -> set[int]:
    """The category and everything below it, in the tree `pairs` gives as (id, parent id): many
    categories answered from the tree read once."""
    found, frontier = {category_id}, [category_id]
    while frontier:
        parent = frontier.pop()
        for cid, pid in pairs:
            if pid == parent and cid not in found:
                found.add(cid)
                frontier.append(cid)
    return found


def filtered(f: BankFilter) -> Select:
    """Questions matching the filter, newest first, with their current version joined."""
    query = select(Question).join(QuestionVersion, Question.current_version_id == QuestionVersion.id)
    query = query.where(landed())
    if f.q and (key := search_form(f.q)):
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Question.search_key.like(f"%{escaped}%", escape="\\"))
    if f.type:
        query = query.where(QuestionVersion.type == f.type)
    if f.category_id:
        query = query.where(Question.category_id.in_(descendant_ids(f.category_id)))
    if f.status:
        query = query.where(Question.status == f.status)
    if f.document_id:
        # Any version of the document: a question citing the 2016 text still belongs to 煤矿安全规程.
        key = select(Document.doc_key).where(Document.id == f.document_id).scalar_subquery()
        articles = select(Article.id).join(Document).where(Document.doc_key == key)
        query = query.where(Question.article_id.in_(articles))
    if f.origin:
        query = query.where(Question.origin == f.origin)
    if f.stale:
        query = query.where(Question.stale.is_(True))
    if f.batch_id:
        query = query.where(Question.import_batch_id == f.batch_id)
    if f.job:
        query = query.where(has_job(f.job))
    if f.flagged:
        query = query.where(Question.id.in_(select(QuestionFlag.question_id).where(QuestionFlag.resolved_at.is_(None))))
    return query.order_by(Question.id.desc())


def filtered_ids(f: BankFilter) -> Select:
    """The ids of the questions matching the filter, as a subquery's select (the export of a selection)."""
    return filtered(f).with_only_columns(Question.id).order_by(None)


def is_empty(f: BankFilter) -> bool:
    """No filter at all: the whole bank."""
    return f == BankFilter()


def stale_count() -> int:
    """How many live questions await review (待复核) because their source changed or went."""
    query = select(func.count()).select_from(Question).where(Question.stale.is_(True), Question.status != "retired")
    return db.session.scalar(query.where(landed())) or 0


def landed() -> ColumnElement[bool]:
    """Questions not part of an import still being committed (or interrupted): those show up,
    in the bank and in quizzes, once their import is complete."""
    unfinished = select(ImportBatch.id).where(ImportBatch.state != "done")
    return or_(Question.import_batch_id.is_(None), Question.import_batch_id.not_in(unfinished))


def type_counts(among: Select | None = None) -> dict[str, int]:
    """Landed questions per current kind (only the questions whose ids `among` selects, if given)."""
    query = (select(QuestionVersion.type, func.count()).select_from(Question)
             .join(QuestionVersion, Question.current_version_id == QuestionVersion.id).where(landed()))
    if among is not None:
        query = query.where(Question.id.in_(among))
    return {code: int(n) for code, n in db.session.execute(query.group_by(QuestionVersion.type))}


def kind_choices(counts: dict[str, int]) -> list[tuple[str, str]]:
    """Every question kind as (code, "label（N 题）"), so a kind the bank has none of shows it (风险矩阵（0 题）)."""
    return [(kind.code, f"{kind.label}（{counts.get(kind.code, 0)} 题）") for kind in KINDS.values()]


def has_job(job: str) -> ColumnElement[bool]:
    """Questions whose jobs list holds `job` under any of its names (`corpus.jobs.names_of`: a tag stored
    as 带式输送机司机 is 输送机司机's), on SQLite and PostgreSQL alike: the list is stored as JSON text, with or
    without \\u escapes depending on who wrote it."""
    text = cast(Question.jobs, String)
    forms = {json.dumps(name, ensure_ascii=escaped) for name in jobs.names_of(job) for escaped in (True, False)}
    escaped = [f.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for f in forms]
    return or_(*(text.like(f"%{e}%", escape="\\") for e in escaped))


def job_names() -> list[str]:
    """Every 工种 the bank's questions name, for the filter: once each under its canonical name, groups
    (入井人员 …) left out (`corpus.jobs.job_list`)."""
    names: set[str] = set()
    for tags in db.session.scalars(select(Question.jobs)):
        names.update(tags or ())
    return jobs.job_list(names)


def page_of(f: BankFilter, page: int) -> tuple[list[Question], int, int, int]:
    """One page of matches: the questions, the total count, the number of pages and the page shown."""
    query = filtered(f)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    query = query.options(contains_eager(Question.current_version), selectinload(Question.category))
    rows = list(db.session.scalars(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)))
    return rows, total, pages, page


def cited_documents() -> list[tuple[int, str]]:
    """Documents that questions cite, for the source filter: (document id, title)."""
    query = (
        select(Document.id, Document.title)
        .join(Article, Article.document_id == Document.id)
        .join(Question, Question.article_id == Article.id)
        .group_by(Document.id, Document.title)
        .order_by(Document.title)
    )
    return [(i, t) for i, t in db.session.execute(query)]
