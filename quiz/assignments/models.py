"""Assignments (布置): a paper or a practice set given to teams, units or jobs with a deadline.

An assignment does not copy what the paper already knows. A paper assignment points at the
paper; its audience rows say whom *this deadline* is for, and creating it widens the paper's
own audience (PaperAudience, the one rule quiz.taking uses for who may take a paper) to
include them. A practice-set assignment has no paper: it keeps the practice filter
(category, document, job, site, count) that quiz.taking.practice draws from, and links the
attempts started from it (AssignmentAttempt). The pre-shift quiz (班前会) is a paper drawn on
the spot for one team plus an assignment due at the end of the local day.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import db, utcnow

KINDS = {"paper": "试卷", "practice": "练习", "preshift": "班前会测验"}


class Assignment(db.Model):
    """One assignment: what (a paper or a practice filter), for whom (audience rows), due when."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), default="paper", index=True)  # paper | practice | preshift
    title: Mapped[str] = mapped_column(String(200))
    paper_id: Mapped[int | None] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"), index=True)
    # practice sets: {"category_id": 3, "document_id": null, "job": "", "site": "", "count": 10}
    practice: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    site: Mapped[str | None] = mapped_column(String(50))  # the pre-shift quiz's work site
    # The paper-audience rows this assignment added ([[team_id, unit_id, job], …]): withdrawing it
    # removes these, unless another assignment of the paper is still for the same group.
    widened: Mapped[list[list[Any]] | None] = mapped_column(JSON)
    due_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    audience: Mapped[list[AssignmentAudience]] = relationship(back_populates="assignment",
                                                              cascade="all, delete-orphan")

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


class AssignmentAudience(db.Model):
    """Whom an assignment is for. Every field given must match: a team; a unit; a job mine-wide;
    or a job within a unit or team (a unit trainer's "爆破工" means his unit's 爆破工)."""

    __tablename__ = "assignment_audience"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("work_units.id", ondelete="CASCADE"), index=True)
    job: Mapped[str | None] = mapped_column(String(50))

    assignment: Mapped[Assignment] = relationship(back_populates="audience")


class AssignmentAttempt(db.Model):
    """An attempt started from a practice-set assignment (a paper's attempts name their paper)."""

    __tablename__ = "assignment_attempts"
    __table_args__ = (UniqueConstraint("attempt_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
