"""Practice drawn on the spot: by category, document, job, hazard site or the wrong-answer book;
每日一练 (a few questions that fit the worker's 工种 or place of work, `daily_fit`, his weak spots first; others
only when too few fit, and then he is told); and today's review of the book."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, or_, select

from accounts.models import User
from core import clock
from core.db import db, utcnow
from corpus import jobs
from corpus.hazards import SITE_CODES
from corpus.models import Article, Document
from quiz.bank.browse import descendant_ids, has_job, landed
from quiz.bank.models import Category, Question, QuestionVersion
from quiz.generation.practice_drafts import practice_questions
from quiz.generation.wider_places import places_at
from quiz.taking import book, days
from quiz.taking.attempts import AttemptError, close_if_due, start_drawn
from quiz.taking.models import Attempt, AttemptItem, ReviewCard
from quiz.taking.papers import Drawn
from quiz.taking.seal import sealed_questions

MAX_PRACTICE = 50
DAILY_COUNT = 5
POINTS = Decimal(1)


@dataclass(frozen=True)
class PracticeFilter:
    """What the worker asked to practise; empty values mean "any"."""

    category_id: int | None = None
    document_id: int | None = None
    job: str = ""
    site: str = ""
    wrong_only: bool = False
    count: int = 10

    @property
    def title(self) -> str:
        return "错题练习" if self.wrong_only else "自选练习"


def pool(f: PracticeFilter, user: User, *, sealed: bool = True):
    """A query of (question id, current version id) the filter allows — never a question under seal
    for the worker (quiz.taking.seal: in an exam or contest open to him whose answers are not out),
    unless `sealed` is False (to count them) — and of the questions it allows that share a stem only the first
    stored (blind audit hazgen2: one 管控措施 stem served four times in a practice, its distractors alone differing).
    Every practice draw (自选, 每日一练, assigned sets) reads this one pool."""
    query = _allowed(f, user, sealed=sealed)
    allowed = query.subquery()
    first = select(func.min(allowed.c.id)).group_by(allowed.c.stem)
    return select(Question.id, Question.current_version_id).where(Question.id.in_(first))


def _allowed(f: PracticeFilter, user: User, *, sealed: bool):
    """(question id, current version id, stem) of every question the filter allows (`pool`, stems repeated)."""
    ids = practice_questions().with_only_columns(Question.id)
    query = select(Question.id, Question.current_version_id, QuestionVersion.stem).join(
        QuestionVersion, QuestionVersion.id == Question.current_version_id).where(
        Question.id.in_(ids), Question.stale.is_(False), landed())
    if sealed:
        query = query.where(Question.id.not_in(sealed_questions(user, utcnow())))
    if f.category_id:
        query = query.where(Question.category_id.in_(descendant_ids(f.category_id)))
    if f.document_id:
        key = select(Document.doc_key).where(Document.id == f.document_id).scalar_subquery()
        query = query.where(Question.article_id.in_(select(Article.id).join(Document).where(Document.doc_key == key)))
    if f.job:
        query = query.where(has_job(f.job))
    if f.site:
        code = SITE_CODES.get(f.site, "")
        query = query.where(or_(Question.origin_ref == f.site, Question.origin_ref.like(f"HZ-{code}-%")))
    if f.wrong_only:
        query = query.where(Question.id.in_(book.active(user.id).with_only_columns(ReviewCard.question_id)))
    return query


def offered(user: User) -> tuple[set[int], set[int]]:
    """(category ids, document ids) worth offering the worker on 自选练习: the categories holding a question
    practice may serve (with the categories above them, so the tree reads), and the documents such a
    question cites — not the categories and documents of imported drafts only, which gave 没有符合条件的题目."""
    usable = _allowed(PracticeFilter(), user, sealed=False).with_only_columns(Question.id).subquery()
    held = set(db.session.scalars(select(Question.category_id).where(
        Question.id.in_(select(usable.c.id)), Question.category_id.is_not(None)).distinct()))
    parents = dict(db.session.execute(select(Category.id, Category.parent_id)).all())
    categories = set()
    for category_id in held:
        while category_id is not None and category_id not in categories:
            categories.add(category_id)
            category_id = parents.get(category_id)
    documents = set(db.session.scalars(select(Article.document_id).join(Question, Question.article_id == Article.id)
                                       .where(Question.id.in_(select(usable.c.id))).distinct()))
    return categories, documents


def pool_size(f: PracticeFilter, user: User, *, sealed: bool = True) -> int:
    return db.session.scalar(select(func.count()).select_from(pool(f, user, sealed=sealed).subquery())) or 0


def settle(f: PracticeFilter, user: User, preset_job: str) -> tuple[PracticeFilter, str]:
    """Apply the 工种 the form preset (`preset_job`, the worker's own) only where it keeps what was
    asked for; a job the worker picked always applies. Wrong-only practice takes the whole book,
    whatever the preset; any other choice the preset would leave empty is drawn from every job.
    Returns the filter to draw with and a notice for the worker when the preset was set aside."""
    if not f.job or f.job != preset_job:
        return f, ""
    wide = replace(f, job="")
    narrow = pool_size(f, user)
    if f.wrong_only:
        others = pool_size(wide, user) - narrow
        return wide, f"错题练习包括错题本里其他工种的 {others} 道题。" if others else ""
    if narrow == 0 and pool_size(wide, user):
        return wide, f"您的工种（{f.job}）没有符合条件的题目，已改为从全部工种中出题。"
    return f, ""


def why_empty(f: PracticeFilter, user: User) -> str:
    """What to tell a worker whose choice leaves no question, and what would give some."""
    if f.wrong_only and not book.book_size(user.id):
        return "错题本里还没有错题。"
    if held := pool_size(f, user, sealed=False):
        return f"符合条件的 {held} 道题都在进行中的考试或竞赛中，结束后公布答案，才能练习。"
    if f.job and (wider := pool_size(replace(f, job=""), user)):
        return f"所选工种（{f.job}）没有符合条件的题目；工种选“全部工种”有 {wider} 道。"
    return "没有符合条件的题目，请放宽分类、出处文档或作业场所。"


def shortfall(f: PracticeFilter, drawn: int) -> str:
    """What to tell a worker whose practice holds fewer questions than he asked for (only so many fit)."""
    if drawn < min(f.count, MAX_PRACTICE):
        return f"只有 {drawn} 道符合条件的题，本次练习 {drawn} 道。"
    return ""


def open_drawn(user: User, mode: str, title: str) -> Attempt | None:
    """The worker's open practice of this kind (drawn on the spot, same mode and title), if any."""
    return db.session.scalar(
        select(Attempt).where(Attempt.user_id == user.id, Attempt.paper_id.is_(None), Attempt.mode == mode,
                              Attempt.title == title, Attempt.status == "open").order_by(Attempt.id.desc()))


def resume_or_start(user: User, mode: str, title: str, draw: Callable[[], list[Drawn]], now: datetime) -> Attempt:
    """The one rule for practice whose questions come from the worker's own state (错题练习, 错题复习,
    an article's questions): starting it again while one is open resumes that one instead of piling
    up another 「进行中」 row; `draw` is only called when a new one is started."""
    current = open_drawn(user, mode, title)
    if current is not None and not close_if_due(current, now):
        return current
    return start_drawn(user, mode, title, draw(), now)


def _sample(rows: list, count: int) -> list[Drawn]:
    chosen = random.Random().sample(rows, min(len(rows), max(1, min(count, MAX_PRACTICE))))
    return [Drawn(q, v, POINTS) for q, v in chosen]


def start_practice(user: User, f: PracticeFilter, now: datetime) -> Attempt:
    """Practice by choice; wrong-only practice resumes the one in progress (resume_or_start)."""
    rows = list(db.session.execute(pool(f, user)))
    if not rows:
        raise AttemptError(why_empty(f, user))
    if f.wrong_only:
        return resume_or_start(user, "practice", f.title, lambda: _sample(rows, f.count), now)
    return start_drawn(user, "practice", f.title, _sample(rows, f.count), now)


def article_questions(article_id: int):
    """(question id, current version id) of the approved questions citing an article."""
    return select(Question.id, Question.current_version_id).where(
        Question.article_id == article_id, Question.status == "approved", Question.stale.is_(False), landed())


def article_practice(article_id: int) -> int:
    """How many questions 练习这几道题 would give for an article (the kb article page's hook)."""
    return db.session.scalar(select(func.count()).select_from(article_questions(article_id).subquery())) or 0


def start_article(user: User, article: Article, now: datetime) -> Attempt:
    """练习这几道题: the approved questions citing one article, resumed while in progress."""
    sealed = sealed_questions(user, now)
    rows = [r for r in db.session.execute(article_questions(article.id)) if r[0] not in sealed]
    if not rows:
        raise AttemptError("本条还没有可练习的题目。")
    title = f"条文练习 · {article.document.title} {article.label}"[:200]
    return resume_or_start(user, "practice", title, lambda: _sample(rows, MAX_PRACTICE), now)


def daily_attempt(user: User, now: datetime) -> Attempt | None:
    """Today's 每日一练 if it was started today."""
    return db.session.scalar(
        select(Attempt).where(Attempt.user_id == user.id, Attempt.mode == "daily",
                              Attempt.started_at >= days.day_start(now)).order_by(Attempt.id.desc())
    )


def weak_categories(user: User, limit: int = 3) -> list[int]:
    """The categories of the worker's book with the most wrong answers."""
    rows = db.session.execute(
        select(Question.category_id, func.sum(ReviewCard.lapses))
        .join(ReviewCard, ReviewCard.question_id == Question.id)
        .where(ReviewCard.user_id == user.id, ReviewCard.graduated_at.is_(None), Question.category_id.is_not(None))
        .group_by(Question.category_id).order_by(func.sum(ReviewCard.lapses).desc()).limit(limit)
    )
    return [category_id for category_id, _ in rows]


JOB, PLACE, ANY, ELSEWHERE = 0, 1, 2, 3  # how well a question fits a worker for 每日一练, best first


def daily_fit(user: User) -> Callable[[list[str] | None, str | None, str], int]:
    """How well a question (its job tags, origin_ref and stem) fits the worker for 每日一练:
    JOB when tagged for his 工种 or a group he belongs to (`corpus.jobs.fits`: 入井人员 fits every underground 工种);
    PLACE when it is a hazard question at the site his 区队 works at (`corpus.jobs.unit_site`: 综采一队 → 综采工作面)
    or its stem names a place the rules put there (`corpus.jobs.site_places`: 采煤工作面, 采掘工作面 …, as
    `quiz.generation.wider_places.places_at` reads a sentence, a wider class only when named);
    ELSEWHERE when it is a hazard question of another site or names places, none of them his (立井凿井 … 井口 for
    a 综采 worker); ANY otherwise, and whenever his site is unknown."""
    unit = user.team.unit.name if user.team is not None else ""
    site = jobs.unit_site(unit)
    code = SITE_CODES.get(site, "")
    here = set(jobs.site_places(site))

    def fit(tags: list[str] | None, origin_ref: str | None, stem: str) -> int:
        if jobs.fits(user.job or "", tags or ()):
            return JOB
        if not site:
            return ANY
        hazards = [r for r in (origin_ref or "").split("、") if r.startswith("HZ-") or r in SITE_CODES]
        if hazards:
            return PLACE if any(r == site or r.startswith(f"HZ-{code}-") for r in hazards) else ELSEWHERE
        named = {place for place in places_at(stem or "") if place in (stem or "")}
        if named & here:
            return PLACE
        return ELSEWHERE if named else ANY
    return fit


def daily_draw(user: User, now: datetime, count: int = DAILY_COUNT) -> tuple[list[Drawn], str]:
    """每日一练: questions that fit the worker (`daily_fit`), his weak categories first, none answered right in
    the last two weeks ahead of those; only when fewer than `count` fit are others drawn, those about another
    place last, and the notice returned says so ("" when none was needed). The same worker gets the same set
    all day."""
    rows = db.session.execute(
        select(Question.id, Question.current_version_id, Question.category_id, Question.jobs, Question.origin_ref,
               QuestionVersion.stem)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(Question.id.in_(pool(PracticeFilter(), user).with_only_columns(Question.id)))
    ).all()
    recent = set(db.session.scalars(
        select(AttemptItem.question_id).join(Attempt)
        .where(Attempt.user_id == user.id, AttemptItem.correct.is_(True), Attempt.started_at >= now - timedelta(days=14))
    ))
    weak = set(weak_categories(user))
    fit = daily_fit(user)
    fits = {row[0]: fit(row[3], row[4], row[5]) for row in rows}
    rng = random.Random(f"{user.id}:{clock.local_day(now)}")

    def rank(row) -> tuple[int, int, float]:
        question_id, _version, category_id = row[:3]
        score = 2 * (category_id in weak) - 3 * (question_id in recent)
        return (fits[question_id], -score, rng.random())

    chosen = sorted(rows, key=rank)[:count]
    others = sum(fits[row[0]] > PLACE for row in chosen)
    notice = ""
    if others:
        whose = f"您的工种（{user.job}）" if user.job else "您的工种"
        notice = f"{whose}和作业地点的题目不足{count}道，今天另有{others}道题取自其他工种和地点。"
    return [Drawn(row[0], row[1], POINTS) for row in chosen], notice


def start_daily(user: User, now: datetime) -> tuple[Attempt, str]:
    """Today's 每日一练 (the one started today, or a new draw) and, for a new draw, its notice (`daily_draw`)."""
    existing = daily_attempt(user, now)
    if existing is not None:
        return existing, ""
    drawn, notice = daily_draw(user, now)
    return start_drawn(user, "daily", f"每日一练 {clock.local_day(now):%m月%d日}", drawn, now), notice


def start_review(user: User, now: datetime) -> Attempt:
    """Today's review of the wrong-answer book: the cards due, most overdue first."""
    def draw() -> list[Drawn]:
        cards = book.due_cards(user.id, now)
        sealed = sealed_questions(user, now)
        return [Drawn(c.question_id, c.question.current_version_id, POINTS) for c in cards
                if c.question.current_version_id and c.question.status != "retired" and c.question_id not in sealed]
    return resume_or_start(user, "review", "错题复习", draw, now)
