"""Hidden-danger findings (隐患排查) and the batches they were entered in."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import Team, User
from core.db import db, utcnow


class InspectionBatch(db.Model):
    """One paste or one ledger upload: the findings entered together."""

    __tablename__ = "inspection_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    source: Mapped[str] = mapped_column(String(200), default="")  # 粘贴 or the sheet's file name
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    created_by: Mapped[User] = relationship()
    findings: Mapped[list[Finding]] = relationship(back_populates="batch", order_by="Finding.id")


class Finding(db.Model):
    """One hidden danger with its 依据 (a snapshot of the article) and the rule table's call."""

    __tablename__ = "inspection_findings"
    __table_args__ = (Index("ix_inspection_findings_team_found", "team_id", "found_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("inspection_batches.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    site: Mapped[str] = mapped_column(String(120), default="")
    found_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    # 依据: the article as it read when chosen (the library may change later).
    article_id: Mapped[int | None] = mapped_column(Integer)
    citation: Mapped[str] = mapped_column(String(300), default="")
    basis_status: Mapped[str] = mapped_column(String(20), default="")
    basis_excerpt: Mapped[str] = mapped_column(Text, default="")
    basis_chosen: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # picked by hand
    # 重大事故隐患: set only from a rule-table entry (inspections.major).
    major_item: Mapped[str | None] = mapped_column(String(40))
    major_version: Mapped[int | None] = mapped_column(Integer)
    major_label: Mapped[str] = mapped_column(String(100), default="")
    major_note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    batch: Mapped[InspectionBatch] = relationship(back_populates="findings")
    team: Mapped[Team] = relationship()

    @property
    def is_major(self) -> bool:
        return self.major_item is not None
