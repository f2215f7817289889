"""What workers take and what they leave behind: papers, attempts, answers, the wrong-answer book.

A Paper is a trainer's exam or practice set: rules (sections), pass mark (optional for a practice),
time limit, window and audience. An Attempt is one sitting by one worker; its AttemptItems pin the exact
QuestionVersion shown, the points it is worth and the option order of that sitting, so a
later edit of the question changes nothing already answered or scored. An answer is one
row per item, updated in place when the worker changes it: a save can be repeated or
retried any number of times and never duplicates anything.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import db, utcnow
from quiz.bank.models import Question, QuestionVersion

MODES = {"exam": "考试", "practice": "练习", "daily": "每日一练", "review": "错题复习"}
MULTI_RULES = {"all": "全对才得分", "half": "全对得满分，少选得一半，错选不得分"}
DRAWS = {"fixed": "固定试卷（所有人同一套题）", "per_attempt": "每次随机抽题"}
PAPER_STATUSES = {"draft": "未发布", "published": "已发布", "archived": "已停用"}
ATTEMPT_STATUSES = {"open": "进行中", "submitted": "已交卷", "expired": "到时自动交卷"}
Money = Numeric(8, 2)


class Paper(db.Model):
    """An exam (考试) or practice set (练习) a trainer composes by rules and assigns."""

    __tablename__ = "papers"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    mode: Mapped[str] = mapped_column(String(10), default="exam")  # exam | practice
    # [{"type": "single", "count": 20, "points": "2", "category_ids": [], "document_ids": [], "difficulties": []}]
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    draw: Mapped[str] = mapped_column(String(12), default="fixed")
    multi_rule: Mapped[str] = mapped_column(String(10), default="half")
    pass_score: Mapped[Decimal | None] = mapped_column(Money)  # an exam's always; a practice's if it has a pass line
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    max_attempts: Mapped[int] = mapped_column(Integer, default=1)  # 0: unlimited
    opens_at: Mapped[datetime | None] = mapped_column(DateTime)
    closes_at: Mapped[datetime | None] = mapped_column(DateTime)
    shuffle_options: Mapped[bool] = mapped_column(Boolean, default=True)
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)

    audience: Mapped[list[PaperAudience]] = relationship(back_populates="paper", cascade="all, delete-orphan")
    items: Mapped[list[PaperItem]] = relationship(
        back_populates="paper", cascade="all, delete-orphan", order_by="PaperItem.position"
    )

    @property
    def mode_label(self) -> str:
        return MODES[self.mode]

    @property
    def status_label(self) -> str:
        return PAPER_STATUSES[self.status]

    @property
    def total_points(self) -> Decimal:
        return sum((Decimal(s["points"]) * int(s["count"]) for s in self.sections), Decimal(0))

    @property
    def question_count(self) -> int:
        return sum(int(s["count"]) for s in self.sections)


class PaperAudience(db.Model):
    """Who may take a paper: one row per team, unit (区队) or job (工种) it is assigned to."""

    __tablename__ = "paper_audience"

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("work_units.id", ondelete="CASCADE"), index=True)
    job: Mapped[str | None] = mapped_column(String(50), index=True)

    paper: Mapped[Paper] = relationship(back_populates="audience")


class PaperItem(db.Model):
    """A question of a fixed paper, drawn once when the paper is published."""

    __tablename__ = "paper_items"
    __table_args__ = (UniqueConstraint("paper_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("question_versions.id", ondelete="CASCADE"))
    points: Mapped[Decimal] = mapped_column(Money)

    paper: Mapped[Paper] = relationship(back_populates="items")


class Attempt(db.Model):
    """One sitting of a paper (or of a practice set drawn on the spot) by one worker."""

    __tablename__ = "attempts"
    __table_args__ = (UniqueConstraint("paper_id", "user_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int | None] = mapped_column(ForeignKey("papers.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mode: Mapped[str] = mapped_column(String(10), index=True)
    title: Mapped[str] = mapped_column(String(200))
    number: Mapped[int] = mapped_column(Integer, default=1)  # the worker's n-th attempt at this paper
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deadline: Mapped[datetime | None] = mapped_column(DateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    multi_rule: Mapped[str] = mapped_column(String(10), default="half")
    pass_score: Mapped[Decimal | None] = mapped_column(Money)
    max_score: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    score: Mapped[Decimal | None] = mapped_column(Money)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    feedback: Mapped[bool] = mapped_column(Boolean, default=False)  # right/wrong shown after each answer
    focus_losses: Mapped[int] = mapped_column(Integer, default=0)
    wrongs_collected: Mapped[bool] = mapped_column(Boolean, default=False)  # entered the wrong-answer book

    items: Mapped[list[AttemptItem]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", order_by="AttemptItem.position"
    )
    paper: Mapped[Paper | None] = relationship()

    @property
    def mode_label(self) -> str:
        return MODES[self.mode]

    @property
    def status_label(self) -> str:
        return ATTEMPT_STATUSES[self.status]

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def seconds_used(self) -> int | None:
        if self.submitted_at is None:
            return None
        return max(0, int((self.submitted_at - self.started_at).total_seconds()))


class AttemptItem(db.Model):
    """One question of an attempt: the version shown, its points, option order and the saved answer.

    `option_order` lists the version's own option keys in the order this sitting shows them
    (shown as A, B, C …); `response` holds the version's own keys (or the typed texts), so
    scoring compares with the version's answer directly. `seq` is the client's counter for
    this item: a save carrying an older counter than the stored one (a late retry) is ignored.
    `draft` is an answer of several parts chosen but not yet confirmed in an instant-feedback
    sitting (stored keys, like `response`), kept so another device can show it: not an answer —
    never graded, counted nor shown as one; the confirmed answer replaces it.
    """

    __tablename__ = "attempt_items"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("question_versions.id", ondelete="CASCADE"), index=True)
    points: Mapped[Decimal] = mapped_column(Money)
    option_order: Mapped[list[str]] = mapped_column(JSON, default=list)
    response: Mapped[list[str] | None] = mapped_column(JSON)
    draft: Mapped[list[str] | None] = mapped_column(JSON)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    saved_at: Mapped[datetime | None] = mapped_column(DateTime)
    score: Mapped[Decimal | None] = mapped_column(Money)
    correct: Mapped[bool | None] = mapped_column(Boolean)

    attempt: Mapped[Attempt] = relationship(back_populates="items")
    version: Mapped[QuestionVersion] = relationship()
    question: Mapped[Question] = relationship()


class ReviewCard(db.Model):
    """A question in a worker's wrong-answer book (错题本), scheduled by FSRS."""

    __tablename__ = "review_cards"
    __table_args__ = (UniqueConstraint("user_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    card: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # fsrs.Card.to_dict()
    due: Mapped[datetime] = mapped_column(DateTime, index=True)
    streak: Mapped[int] = mapped_column(Integer, default=0)  # right answers in a row since the last wrong one
    lapses: Mapped[int] = mapped_column(Integer, default=0)  # how often it was answered wrong
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_wrong_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    graduated_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)  # left the book

    question: Mapped[Question] = relationship()
