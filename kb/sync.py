"""Keeping the index in step with the database: full rebuilds and per-document updates.

The database is the source of truth. A full rebuild reads every article and builds a new
index generation beside the live one (kb.indexing switches atomically). After ingestion
commits, corpus sends `documents_changed`; we re-index just those documents. A change
that arrives while a full rebuild is running is replayed onto the new generation.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from corpus.models import Article, Document
from kb.indexing import ArticleRecord, IndexUnavailable, build_index, update_documents

log = logging.getLogger(__name__)

_building = threading.Lock()
_pending: set[int] = set()
_pending_lock = threading.Lock()
BATCH = 200


def _record(document: Document, article: Article) -> ArticleRecord:
    return ArticleRecord(
        article_id=article.id,
        doc_id=document.id,
        title=document.title,
        path=article.path or "",
        text=article.text,
        label=article.label,
        number=article.number,
        kind=article.kind,
        anchor=article.anchor,
        ordinal=article.ordinal,
        doc_type=document.doc_type,
        status=document.status,
        doc_key=document.doc_key,
        effective=document.effective,
        version_date=document.version_date,
    )


def records(session: Session, doc_ids: Iterable[int] | None = None) -> Iterator[ArticleRecord]:
    """Index records of every article (or of the given documents), document by document."""
    query = select(Document.id).order_by(Document.id)
    if doc_ids is not None:
        query = query.where(Document.id.in_(list(doc_ids)))
    ids = list(session.scalars(query))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        documents = session.scalars(
            select(Document).where(Document.id.in_(chunk)).options(selectinload(Document.articles))
        ).all()
        for document in sorted(documents, key=lambda d: d.id):
            for article in document.articles:
                yield _record(document, article)
        session.expire_all()  # keep memory flat over thousands of documents


def rebuild(session: Session, root: Path, progress: Callable[[int], None] | None = None, workers: int = 1) -> int:
    """Build the whole index from the database and switch to it; returns the article count.

    `workers` processes segment the text (the CLI uses one per CPU; in-process callers such
    as the first ingestion keep the default of one).
    """
    with _building:
        with _pending_lock:
            _pending.clear()
        _, count = build_index(root, records(session), progress=progress, workers=workers)
        with _pending_lock:
            replay = set(_pending)
            _pending.clear()
    if replay:
        update(session, root, replay)
    return count


def update(session: Session, root: Path, doc_ids: Iterable[int]) -> int:
    """Re-index the given documents (removing those that no longer exist).

    Without a usable index there is nothing to update: the whole index is built instead.
    """
    ids = set(doc_ids)
    if _building.locked():
        with _pending_lock:
            _pending.update(ids)
    try:
        return update_documents(root, ids, records(session, ids))
    except IndexUnavailable as exc:
        # No usable index yet (first ingestion) or a damaged one: build it whole from the database.
        log.warning("index %s (%s); rebuilding it from the database", exc.reason, root)
        return rebuild(session, root)
