"""Stored documents and their citable units: the source of truth the search index derives from."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    case,
    false,
    func,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from core.db import db, utcnow
from corpus.documents import STATUS_LABELS, Citation, has_force


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
    # A newer version in force that the library does not hold (an admin records it): this
    # version is then superseded from that date even though no successor is stored.
    newer_version: Mapped[str | None] = mapped_column(String(300))
    newer_version_effective: Mapped[date | None] = mapped_column(Date)
    # Set by the admin's 新版本 action (record or clear): the register of newer versions
    # (corpus.successors) then leaves the fields above alone.
    newer_version_overridden: Mapped[bool] = mapped_column(default=False, server_default=false())
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

    sources: Mapped[list[DocumentSource]] = relationship(
        back_populates="document",
        order_by="DocumentSource.id",
        cascade="all, delete-orphan",
    )
    repeal_notices: Mapped[list[RepealNotice]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
    )

    @property
    def status_label(self) -> str:
        """The status in words for workers: 现行有效, 已被新版本取代, 已废止."""
        return STATUS_LABELS[self.status]

    @property
    def shows_status(self) -> bool:
        """Whether pages show its 现行/废止 status and 施行 date: rules do, cases and news do not."""
        return has_force(self.doc_type)

    @property
    def effective_text(self) -> str:
        """The library list's 施行 column: the 施行 date the text states and, when this version was
        changed later, the date of that change (2002-11-01 施行，2021-06-10 修改: an amended law keeps
        its first 施行 date in its closing article; the amending decision's own 施行 date is not in
        the text, so the version's 修正/修订 date, or its version date, is what is shown)."""
        if not self.effective:
            return ""
        later = self.amended or self.version_date
        if later and later > self.effective:
            return f"{self.effective.isoformat()} 施行，{later.isoformat()} 修改"
        return f"{self.effective.isoformat()} 施行"

    @property
    def is_current(self) -> bool:
        """True for the version in force; superseded and repealed versions are kept for reference."""
        return self.status == "current"

    @property
    def article_count(self) -> int:
        """Number of articles (条); 0 for texts cut into sections."""
        return sum(1 for article in self.articles if article.kind == "article")

    @property
    def section_count(self) -> int:
        """Number of sections (texts without articles, appendices)."""
        return sum(1 for article in self.articles if article.kind == "section")


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
    sub: Mapped[int | None] = mapped_column(Integer)  # 之一 → 1
    has_table: Mapped[bool] = mapped_column(Boolean, default=False)  # table rows, possibly OCR-garbled

    document: Mapped[Document] = relationship(back_populates="articles")

    @property
    def citation(self) -> Citation:
        article = self.label if self.kind == "article" else ""
        version = self.document.version_date.isoformat() if self.document.version_date else None
        return Citation(title=self.document.title, article=article, version=version)


class DocumentSource(db.Model):
    """A file a document was read from. A second format of the same version is another source
    of the same document, so re-ingesting either is recognised and nothing is indexed twice."""

    __tablename__ = "document_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String(1000), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    hash: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    document: Mapped[Document] = relationship(back_populates="sources")


class RepealNotice(db.Model):
    """A document's statement that another one is repealed, kept so that a repealed document
    ingested later is marked too."""

    __tablename__ = "repeal_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    target_key: Mapped[str] = mapped_column(String(300), index=True)
    target_title: Mapped[str] = mapped_column(String(300))
    effective: Mapped[date | None] = mapped_column(Date)

    document: Mapped[Document] = relationship(back_populates="repeal_notices")


def current_count(session: Session) -> int:
    """How many documents are in force (status current): the admin's home page."""
    return session.scalar(select(func.count(Document.id)).where(Document.status == "current"))


def unit_counts(session: Session, document_ids: Iterable[int] | None = None) -> dict[int, tuple[int, int]]:
    """(articles, sections) per document id, counted in SQL without loading any text."""
    query = select(
        Article.document_id,
        func.sum(case((Article.kind == "article", 1), else_=0)),
        func.sum(case((Article.kind == "section", 1), else_=0)),
    ).group_by(Article.document_id)
    if document_ids is not None:
        query = query.where(Article.document_id.in_(list(document_ids)))
    return {doc_id: (int(articles or 0), int(sections or 0)) for doc_id, articles, sections in session.execute(query)}
