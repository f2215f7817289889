"""The question bank: a category tree, questions, their immutable versions, and import batches.

A Question is the identity a trainer manages (status, category, jobs, citation, origin,
stale flag). What a worker answers is a QuestionVersion: type, stem, options, answer,
explanation, difficulty. Versions are never changed once written (a flush guard enforces
it); editing adds a version and moves `current_version`, so attempts that reference an
older version id keep showing exactly what was asked.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from core.db import db, utcnow
from corpus.documents import Citation
from corpus.models import Article
from quiz.bank.types import DIFFICULTY_LABELS, KINDS, STATUS_LABELS, Option, QuestionDraft, answer_label

ORIGIN_LABELS = {"import": "导入", "generated": "自动生成", "manual": "手工录入"}
CITATION_STATES = {"none": "无出处", "nomatch": "未找到合适条文", "suggested": "待确认", "accepted": "已确认"}


class Category(db.Model):
    """A node of the category tree trainers edit (法律法规 / 一通三防 / 顶板 …)."""

    __tablename__ = "quiz_categories"
    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("quiz_categories.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[Category | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Category]] = relationship(
        back_populates="parent", order_by="Category.position, Category.name"
    )

    @property
    def path(self) -> tuple[str, ...]:
        """Names from the root down: ("法律法规", "安全生产法")."""
        names: list[str] = []
        node: Category | None = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return tuple(reversed(names))

    @property
    def label(self) -> str:
        return " / ".join(self.path)


class ImportBatch(db.Model):
    """One confirmed import: who, when, which files, and the counts the trainer saw.

    It is 'running' while its questions are committed batch by batch, 'done' after; a
    running batch holds its upload's `source_key` so confirming again resumes it
    (`quiz.bank.imports`), and `progress_at` tells a live import from an interrupted one.
    """

    __tablename__ = "question_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(10), default="done", server_default="done", index=True)
    source_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    progress_at: Mapped[datetime | None] = mapped_column(DateTime)
    file_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Question(db.Model):
    """A question in the bank; its content lives in `current_version`."""

    __tablename__ = "questions"
    # A new row's server defaults (practice_only) are read when first used, not returned by the insert: code adding
    # questions then also runs on a schema from before such a column (tests/test_migrations.py).
    __mapper_args__ = {"eager_defaults": False}

    id: Mapped[int] = mapped_column(primary_key=True)
    current_version_id: Mapped[int | None] = mapped_column(
        # SET NULL lets either table be emptied first (tests wipe tables in dependency order).
        ForeignKey("question_versions.id", use_alter=True, name="fk_questions_current_version_id", ondelete="SET NULL"),
        index=True,
    )
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("quiz_categories.id", ondelete="SET NULL"), index=True)
    jobs: Mapped[list[str]] = mapped_column(JSON, default=list)
    search_key: Mapped[str] = mapped_column(Text, default="")  # normalised current stem and options, for LIKE search (text.search_key)
    content_key: Mapped[str] = mapped_column(String(40), index=True)  # duplicate detection
    origin: Mapped[str] = mapped_column(String(10), default="manual", index=True)
    origin_file: Mapped[str | None] = mapped_column(String(255))
    origin_sheet: Mapped[str | None] = mapped_column(String(100))
    origin_row: Mapped[int | None] = mapped_column(Integer)
    generator: Mapped[str | None] = mapped_column(String(100))
    origin_ref: Mapped[str | None] = mapped_column(String(100))  # e.g. the hazard or rule a generator used
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("question_imports.id"), index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    citation_title: Mapped[str | None] = mapped_column(String(300))
    citation_article: Mapped[str] = mapped_column(String(100), default="")
    citation_version: Mapped[str | None] = mapped_column(String(20))
    citation_confidence: Mapped[float | None] = mapped_column(Float)
    citation_state: Mapped[str] = mapped_column(String(10), default="none")
    citation_text_hash: Mapped[str | None] = mapped_column(String(40))  # the article as it read when cited
    stale: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    stale_reason: Mapped[str] = mapped_column(String(300), default="")
    # 仅供练习: generated from material not yet reviewed (a draft catalogue entry or rule); never drawn into an exam
    # (quiz.bank.usable.exam_questions), whatever its status. Regenerating it from the reviewed source lifts it.
    practice_only: Mapped[bool] = mapped_column(Boolean, server_default=false())  # no Python default: see above
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    current_version: Mapped[QuestionVersion | None] = relationship(foreign_keys=[current_version_id], post_update=True)
    versions: Mapped[list[QuestionVersion]] = relationship(
        back_populates="question",
        foreign_keys="QuestionVersion.question_id",
        order_by="QuestionVersion.number",
        cascade="all, delete-orphan",
    )
    category: Mapped[Category | None] = relationship()
    article: Mapped[Article | None] = relationship()

    @property
    def citation(self) -> Citation | None:
        """The source the question cites, or None."""
        if not self.citation_title:
            return None
        return Citation(self.citation_title, self.citation_article, self.citation_version)

    @property
    def shown_citation(self) -> Citation | None:
        """The source workers are shown: one a trainer confirmed or wrote, never the system's unconfirmed
        suggestion (待确认), which is a guess until a trainer accepts it."""
        return self.citation if self.citation_state != "suggested" else None

    @property
    def shown_article_id(self) -> int | None:
        """The article behind `shown_citation`, if the library holds it."""
        return self.article_id if self.citation_state != "suggested" else None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def origin_label(self) -> str:
        """导入 新电焊.xlsx 第12行 / 自动生成（hazard_site） / 手工录入."""
        if self.origin == "import" and self.origin_file:
            return f"导入 {self.origin_file} 第{self.origin_row}行"
        if self.origin == "generated" and self.generator:
            ref = f"，{self.origin_ref}" if self.origin_ref else ""
            return f"自动生成（{self.generator}{ref}）"
        return ORIGIN_LABELS.get(self.origin, self.origin)

    def to_draft(self) -> QuestionDraft:
        """The current content and metadata as a draft (for editing, export and comparison)."""
        version = self.current_version
        assert version is not None
        return QuestionDraft(
            type=version.type,
            stem=version.stem,
            options=version.option_list,
            answer=tuple(version.answer),
            explanation=version.explanation,
            difficulty=version.difficulty,
            category=self.category.path if self.category else (),
            jobs=tuple(self.jobs or ()),
            citation=self.citation,
            article_id=self.article_id,
            citation_confidence=self.citation_confidence,
            status=self.status,
        )


class QuestionVersion(db.Model):
    """One immutable version of a question's content; attempts reference its id."""

    __tablename__ = "question_versions"
    __table_args__ = (UniqueConstraint("question_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(30), index=True)
    stem: Mapped[str] = mapped_column(Text)
    options: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    answer: Mapped[list[str]] = mapped_column(JSON, default=list)
    explanation: Mapped[str] = mapped_column(Text, default="")
    difficulty: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    question: Mapped[Question] = relationship(back_populates="versions", foreign_keys=[question_id])

    @property
    def option_list(self) -> tuple[Option, ...]:
        return tuple(Option(o["key"], o["text"]) for o in self.options or ())

    @property
    def type_label(self) -> str:
        kind = KINDS.get(self.type)
        return kind.label if kind else self.type

    @property
    def difficulty_label(self) -> str:
        return DIFFICULTY_LABELS.get(self.difficulty or 0, "")

    @property
    def answer_label(self) -> str:
        """The answer as shown to trainers: "ABD", "正确", or the blank texts."""
        return answer_label(self.type, self.answer or ())


@event.listens_for(Session, "before_flush")
def _versions_are_immutable(session: Session, _context: Any, _instances: Any) -> None:
    """Refuse to change a stored version: edits must add a new one."""
    for obj in session.dirty:
        if isinstance(obj, QuestionVersion) and session.is_modified(obj, include_collections=False):
            raise ValueError(f"question version {obj.id} is immutable; add a new version instead")


FLAG_REASONS = {"wrong": "答案有误", "unclear": "题目不清楚", "outdated": "规定已变化", "other": "其他"}
# How a trainer settled a report, as its reporter reads it (您报告的第N题纠错已处理：…).
FLAG_OUTCOMES = {"fixed": "已核实并处理", "rejected": "经核实题目无误"}


class QuestionFlag(db.Model):
    """A worker's report that a question is wrong or unclear (纠错), until a trainer resolves it."""

    __tablename__ = "question_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("question_versions.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    reason: Mapped[str] = mapped_column(String(10), default="other")
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # What the worker saw when he reported (options are shuffled per person, so his "B" is his own):
    # the version's option keys in the order shown as A, B, C …, and his answer then (the version's keys,
    # or the typed texts; None: not answered). None on reports made before they were kept.
    option_order: Mapped[list[str] | None] = mapped_column(JSON)
    response: Mapped[list[str] | None] = mapped_column(JSON)
    outcome: Mapped[str | None] = mapped_column(String(10))  # once resolved: FLAG_OUTCOMES

    question: Mapped[Question] = relationship()
    version: Mapped[QuestionVersion | None] = relationship()

    @property
    def outcome_label(self) -> str:
        return FLAG_OUTCOMES.get(self.outcome or "fixed", "")

    @property
    def reason_label(self) -> str:
        return FLAG_REASONS.get(self.reason, self.reason)
