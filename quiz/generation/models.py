"""What the bank does not keep about generated questions: provenance, practice permission, rejections.

`GenerationRecord` holds the generator's inputs, seed and recorded change so a question can
be regenerated and re-verified; `Rejection` keeps each trainer's reason, so weak generators
show up in the per-generator counts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import db, utcnow
from quiz.bank.models import Question

REJECTION_REASONS = {
    "wrong_answer": "答案错误",
    "distractor_right": "干扰项也正确",
    "ambiguous": "题意不清或答案不唯一",
    "ungrammatical": "语句不通顺",
    "too_easy": "过于简单、一眼可排除",
    "wrong_source": "出处或版本有误",
    "not_useful": "与岗位无关、不值得考",
    "other": "其他",
}


class GenerationRecord(db.Model):
    """Provenance of one generated question (one row per question)."""

    __tablename__ = "question_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), unique=True)
    generator: Mapped[str] = mapped_column(String(60), index=True)
    seed: Mapped[str] = mapped_column(String(60), default="")
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    change: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    source_version: Mapped[str | None] = mapped_column(String(20))
    practice_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    question: Mapped[Question] = relationship()


class Rejection(db.Model):
    """A trainer's rejection of a generated question, with the reason."""

    __tablename__ = "question_rejections"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    generator: Mapped[str] = mapped_column(String(60), index=True)
    reason: Mapped[str] = mapped_column(String(20))  # a key of REJECTION_REASONS
    note: Mapped[str] = mapped_column(Text, default="")
    rejected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def reason_label(self) -> str:
        return REJECTION_REASONS.get(self.reason, self.reason)
