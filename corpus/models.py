"""Stored documents and their citable units: the source of truth the search index derives from."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import db, utcnow
from corpus.documents import STATUS_LABELS, Citation


class Document(db.Model):
    """One version of one document. Versions of the same document share `doc_key`."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    doc_key: Mapped[str] = mapped_column(String(300), index=True)  # normalised title
    doc_type: Mapped[str] = mapped_column(String(20))
    doc_type_overridden: Mapped[bool] = mapped_column(default=False)
    issuer: Mapped[str | None] = mapped_column(String(200))
    promulgated: Mapped[date | None] = mapped_column(Date)
    effective: Mapped[date | None] = mapped_column(Date)
    amended: Mapped[date | None] = mapped_column(Date)
    version_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="current", index=True)
    status_since: Mapped[date | None] = mapped_column(Date)
    repealed_by_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    source_name: Mapped[str] = mapped_column(String(500))
    source_hash: Mapped[str] = mapped_column(String(64), index=True)
    preamble: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    articles: Mapped[list[Article]] = relationship(
        back_populates="document",
        order_by="Article.ordinal",
        cascade="all, delete-orphan",
    )

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


class Article(db.Model):
    """An article (条) or, in texts without articles, a section: the unit workers cite."""

    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("document_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))  # "article" or "section"
    number: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    path: Mapped[str] = mapped_column(String(500), default="")  # headings joined by " / "
    text: Mapped[str] = mapped_column(Text)
    anchor: Mapped[str] = mapped_column(String(20))

    document: Mapped[Document] = relationship(back_populates="articles")

    @property
    def citation(self) -> Citation:
        article = self.label if self.kind == "article" else ""
        version = self.document.version_date.isoformat() if self.document.version_date else None
        return Citation(title=self.document.title, article=article, version=version)
