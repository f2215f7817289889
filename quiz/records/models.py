"""Offline training sessions (培训班, 专题培训, 班前会学习 …) and who was on their roster.

A trainer records a session after it took place: its title, plan, day, 学时, teacher and
place, the people on its roster and whether each attended, and optionally the exam paper that
assessed it. A session belongs to a unit (区队) and, when it was for one team, to that team:
that decides who may see it (quiz.results.access rules). A team session's unit is its team's unit
now (`owner_unit_id`), so a 班组 moved to another 区队 takes its sessions along: its stored
`unit_id` only says where the team was when the session was recorded and is read only when the
team is gone. Attendance credits the attendee with
the session's hours (or fewer, when someone left early).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import Team, User, WorkUnit
from core.db import db, utcnow
from quiz.taking.models import Paper

KINDS = {"initial": "初次培训", "refresher": "再培训（年度）", "special": "专题培训", "shift": "班前会学习"}
Hours = Numeric(5, 1)


class TrainingSession(db.Model):
    """One offline training course or session (一期培训)."""

    __tablename__ = "training_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(12), default="refresher")
    plan: Mapped[str] = mapped_column(Text, default="")  # 培训计划 / 内容
    held_on: Mapped[date] = mapped_column(Date, index=True)
    hours: Mapped[Decimal] = mapped_column(Hours)
    teacher: Mapped[str] = mapped_column(String(50), default="")
    place: Mapped[str] = mapped_column(String(100), default="")
    unit_id: Mapped[int] = mapped_column(ForeignKey("work_units.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"), index=True)
    paper_id: Mapped[int | None] = mapped_column(ForeignKey("papers.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    unit: Mapped[WorkUnit] = relationship()
    team: Mapped[Team | None] = relationship()
    paper: Mapped[Paper | None] = relationship()
    roster: Mapped[list[TrainingAttendance]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="TrainingAttendance.id")

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def owner_unit_id(self) -> int:
        """The unit whose trainers see the session: the team's, for a team session."""
        return self.team.unit_id if self.team is not None else self.unit_id

    @property
    def scope_label(self) -> str:
        return self.team.full_name if self.team else f"{self.unit.name}（全区队）"


class TrainingAttendance(db.Model):
    """A person on a session's roster: attended or absent, and the hours credited."""

    __tablename__ = "training_attendance"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    attended: Mapped[bool] = mapped_column(Boolean, default=True)
    hours: Mapped[Decimal] = mapped_column(Hours, default=Decimal(0))  # credited; 0 when absent

    session: Mapped[TrainingSession] = relationship(back_populates="roster")
    user: Mapped[User] = relationship()
