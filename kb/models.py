"""What the knowledge base remembers: unanswered questions (search gaps), answer feedback and the
articles trainers confirmed as questions' answers (kb.confirmed).

Services here only add and flush; the view or CLI command that calls them commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.db import db, utcnow
from corpus.normalize import normalize

FEEDBACK_REASONS = {
    "not_answered": "没有回答我的问题",
    "wrong_article": "找到的条文不对",
    "outdated": "条文已经过时",
    "hard_to_read": "看不懂",
    "other": "其他",
}
MAX_QUESTION = 500
MAX_LINE = 200


class SearchGap(db.Model):
    """A question the knowledge base could not answer well, counted per normalised wording."""

    __tablename__ = "kb_search_gaps"

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(String(MAX_QUESTION))
    key: Mapped[str] = mapped_column(String(MAX_QUESTION), index=True)
    times: Mapped[int] = mapped_column(Integer, default=1)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    best_citation: Mapped[str] = mapped_column(String(300), default="")
    first_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class AnswerFeedback(db.Model):
    """A worker's verdict on one answer: helpful or not, and why."""

    __tablename__ = "kb_answer_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(String(MAX_QUESTION))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    citation: Mapped[str] = mapped_column(String(300), default="")
    helpful: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(20), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def reason_label(self) -> str:
        """The reason in Chinese."""
        return FEEDBACK_REASONS.get(self.reason, "")


class ConfirmedAnswer(db.Model):
    """A question a trainer tied to the article that answers it (培训员确认的答案), one per normalised
    wording (gap_key). The article link is cleared, or left dangling where the database does not
    enforce it, when the article is deleted; the citation confirmed is kept to show what it was."""

    __tablename__ = "kb_confirmed_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(String(MAX_QUESTION))
    key: Mapped[str] = mapped_column(String(MAX_QUESTION), unique=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    citation: Mapped[str] = mapped_column(String(300), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    confirmed_by: Mapped[str] = mapped_column(String(50), default="")  # the trainer's name when confirming
    confirmed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SearchEntry(db.Model):
    """One article as the PostgreSQL search backend holds it (kb.pgsearch; empty under Whoosh).

    `terms` are the analyzer's tokens (kb.analysis: normaliser, jieba, dictionary, stop words)
    as a tsvector, used verbatim (no PostgreSQL dictionary: the `simple` way) and found through
    the GIN index; `counts` holds each token's count for BM25, `length` the token count as
    Whoosh quantises it, so both backends score alike."""

    __tablename__ = "kb_search_entries"
    __table_args__ = (Index("ix_kb_search_entries_terms", "terms", postgresql_using="gin"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    terms: Mapped[str] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"))
    counts: Mapped[dict] = mapped_column(JSON().with_variant(JSONB(), "postgresql"))
    length: Mapped[int] = mapped_column(Integer)


class SearchPosting(db.Model):
    """One word of one article (PostgreSQL search backend): its count and the article's length,
    a copy of SearchEntry.counts laid out by word. A word's articles are one range of the primary
    key, so candidates and their BM25 come from an index range read (kb.pgsearch)."""

    __tablename__ = "kb_search_postings"

    term: Mapped[str] = mapped_column(Text, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True)
    document_id: Mapped[int] = mapped_column(Integer)  # for the doc_type and status filters
    tf: Mapped[int] = mapped_column(Integer)
    length: Mapped[int] = mapped_column(Integer)  # SearchEntry.length


class SearchDocument(db.Model):
    """Per indexed document (PostgreSQL search backend): the version indexed, its focus (kb.focus)."""

    __tablename__ = "kb_search_documents"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    focus: Mapped[float] = mapped_column(Float)
    articles: Mapped[int] = mapped_column(Integer)
    length: Mapped[int] = mapped_column(BigInteger)  # exact token count of all its articles


class SearchState(db.Model):
    """One row: bumped by every index change in its transaction, so searchers know when their
    cached statistics (document frequencies, vocabulary) are stale; totals for BM25."""

    __tablename__ = "kb_search_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    articles: Mapped[int] = mapped_column(Integer)
    length: Mapped[int] = mapped_column(BigInteger)
    format: Mapped[str] = mapped_column(String(40), default="")
    mine_words: Mapped[str] = mapped_column(Text, default="", server_default="")  # lines built with, one a line


class MineWord(db.Model):
    """One synonym line of the mine's own (本矿用语), in the form of kb/data/synonyms.txt:
    equivalents `甲 乙 丙` or one-way `口语 … => 条文用语 …` (kb.mine_words checks and keeps them)."""

    __tablename__ = "kb_mine_words"

    id: Mapped[int] = mapped_column(primary_key=True)
    line: Mapped[str] = mapped_column(String(MAX_LINE), unique=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class WordRebuild(db.Model):
    """One row: the last rebuild of the index asked for from the 本矿用语 page and how it went."""

    __tablename__ = "kb_word_rebuilds"

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(10))  # running, done, failed
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    error: Mapped[str] = mapped_column(String(300), default="")
    host: Mapped[str] = mapped_column(String(100), default="")
    pid: Mapped[int | None] = mapped_column(Integer)
    started_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


def gap_key(question: str) -> str:
    """The wording a gap is counted under: normalised, lower-case, without spaces or punctuation."""
    text = normalize(question).lower()
    return "".join(ch for ch in text if ch.isalnum())[:MAX_QUESTION]


def record_gap(session: Session, question: str, confidence: float, best_citation: str = "") -> SearchGap | None:
    """Log an unanswered question (or count it again); flushes, the caller commits."""
    key = gap_key(question)
    if not key:
        return None
    gap = session.scalar(select(SearchGap).where(SearchGap.key == key, SearchGap.resolved.is_(False)))
    if gap is None:
        gap = SearchGap(question=question[:MAX_QUESTION], key=key, times=0)
        session.add(gap)
    gap.times = (gap.times or 0) + 1
    gap.confidence = confidence
    gap.best_citation = best_citation[:300]
    gap.last_at = utcnow()
    session.flush()
    return gap


def record_feedback(
    session: Session,
    question: str,
    helpful: bool,
    article_id: int | None = None,
    citation: str = "",
    reason: str = "",
    comment: str = "",
    user_id: int | None = None,
) -> AnswerFeedback:
    """Store one verdict; an unknown reason is kept as 其他. Flushes, the caller commits."""
    if reason and reason not in FEEDBACK_REASONS:
        reason = "other"
    feedback = AnswerFeedback(
        question=question[:MAX_QUESTION],
        helpful=helpful,
        article_id=article_id,
        citation=citation[:300],
        reason="" if helpful else reason,
        comment=comment[:2000],
        user_id=user_id,
    )
    session.add(feedback)
    session.flush()
    return feedback


def open_gaps(session: Session, limit: int = 200) -> list[SearchGap]:
    """Unresolved gaps, most asked first."""
    query = select(SearchGap).where(SearchGap.resolved.is_(False))
    return list(session.scalars(query.order_by(SearchGap.times.desc(), SearchGap.last_at.desc()).limit(limit)))


def open_gap_count(session: Session) -> int:
    """How many gaps wait for an answer (the admin's home page)."""
    return session.scalar(select(func.count(SearchGap.id)).where(SearchGap.resolved.is_(False)))


@dataclass(frozen=True)
class FeedbackGroup:
    """Identical verdicts (same question, article, verdict, reason and comment) given `times` times,
    the last at `latest`: 回答反馈 lists one row for them instead of rows that look duplicated."""

    question: str
    citation: str
    helpful: bool
    reason: str
    comment: str
    times: int
    latest: datetime

    @property
    def reason_label(self) -> str:
        """The reason in Chinese."""
        return FEEDBACK_REASONS.get(self.reason, "")


def recent_feedback(session: Session, limit: int = 200) -> list[FeedbackGroup]:
    """Feedback, identical verdicts grouped with their count, the latest given first."""
    fields = (AnswerFeedback.question, AnswerFeedback.citation, AnswerFeedback.helpful, AnswerFeedback.reason,
              AnswerFeedback.comment)
    rows = session.execute(select(*fields, func.count(), func.max(AnswerFeedback.created_at))
                           .group_by(*fields).order_by(func.max(AnswerFeedback.id).desc()).limit(limit))
    return [FeedbackGroup(q, citation, bool(helpful), reason, comment, times, latest)
            for q, citation, helpful, reason, comment, times, latest in rows]


def feedback_summary(session: Session) -> dict[str, int]:
    """Counts of helpful and unhelpful verdicts."""
    rows = session.execute(select(AnswerFeedback.helpful, func.count()).group_by(AnswerFeedback.helpful)).all()
    counts = {bool(helpful): n for helpful, n in rows}
    return {"helpful": counts.get(True, 0), "unhelpful": counts.get(False, 0)}
