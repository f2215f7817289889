"""A contest (技术比武 / 知识竞赛): teams racing on one paper within a window.

The contest sits on a paper of its own, copied from the trainer's chosen exam paper when
the contest is made: the same questions (for a fixed paper) and scoring, one sitting per
person, open only from `starts_at` to `ends_at` and only to the contest's teams. So workers
take it through the ordinary exam pages, quiz.taking keeps the window and the clock, and
the leaderboard reads the sittings of that one paper — never a sitting of the original.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import Team
from core.db import db, utcnow
from quiz.taking.models import Paper

DEFAULT_TOP_N = 5
MAX_TOP_N = 100


class Contest(db.Model):
    """A timed contest among teams; `top_n` best sittings of each team make its score."""

    __tablename__ = "contests"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"), index=True)
    source_paper_id: Mapped[int | None] = mapped_column(ForeignKey("papers.id", ondelete="SET NULL"))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    top_n: Mapped[int] = mapped_column(Integer, default=DEFAULT_TOP_N)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)

    paper: Mapped[Paper] = relationship(foreign_keys=[paper_id])
    entries: Mapped[list[ContestTeam]] = relationship(back_populates="contest", cascade="all, delete-orphan")

    @property
    def team_ids(self) -> list[int]:
        return [e.team_id for e in self.entries]

    def state(self, now: datetime) -> str:
        """upcoming, running, ended or cancelled (取消竞赛, or its paper stopped before it ended: no one
        can start it, whatever its window says)."""
        if self.cancelled_at is not None:
            return "cancelled"
        if now < self.starts_at:
            return "upcoming"
        return "running" if now < self.ends_at else "ended"


class ContestTeam(db.Model):
    """A team taking part in a contest."""

    __tablename__ = "contest_teams"
    __table_args__ = (UniqueConstraint("contest_id", "team_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)

    contest: Mapped[Contest] = relationship(back_populates="entries")
    team: Mapped[Team] = relationship()


STATES = {"upcoming": "未开始", "running": "进行中", "ended": "已结束", "cancelled": "已取消"}
