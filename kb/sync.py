"""Keeping the index in step with the database: full rebuilds and per-document updates.

The database is the source of truth. A full rebuild reads every article and builds a new
index generation beside the live one (kb.indexing switches atomically). After ingestion
commits, corpus sends `documents_changed`; we re-index just those documents. A change
that arrives while a full rebuild is running is replayed onto the new generation.

The index keeps a manifest: the version (a fingerprint of what the index copies from the row)
of every document it holds. `drift` compares it with the database and `repair` re-indexes
what is missing or out of date and drops what is gone, so an update lost to a crash, a kill
or an unwritable folder is redone at the next start or `init`, never silently forgotten.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from corpus.models import Article, Document
from kb.indexing import (
    ArticleRecord,
    IndexUnavailable,
    build_index,
    clean_stale_files,
    live_manifest,
    needs_rebuild,
    update_documents,
)

log = logging.getLogger(__name__)

_building = threading.Lock()
_pending: set[int] = set()
_pending_lock = threading.Lock()
BATCH = 200
PROGRESS_EVERY = 50


# What the index copies from a document row; the articles follow its source file (source_hash).
_VERSION_COLUMNS = (
    Document.id,
    Document.source_hash,
    Document.title,
    Document.doc_type,
    Document.status,
    Document.doc_key,
    Document.effective,
    Document.version_date,
)


def _fingerprint(*values: object) -> str:
    text = "\x1f".join(v.isoformat() if isinstance(v, date) else str(v or "") for v in values)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def document_version(document: Document) -> str:
    """The version of a document as the index holds it; changes whenever its index entry would."""
    return _fingerprint(*(getattr(document, column.key) for column in _VERSION_COLUMNS[1:]))


def database_versions(session: Session) -> dict[int, str]:
    """document id → version for every document in the database (no articles are loaded)."""
    return {row[0]: _fingerprint(*row[1:]) for row in session.execute(select(*_VERSION_COLUMNS))}


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


def records(
    session: Session, doc_ids: Iterable[int] | None = None, versions: dict[int, str] | None = None
) -> Iterator[ArticleRecord]:
    """Index records of every article (or of the given documents), document by document.

    `versions`, when given, is filled with the version of every document read (also those
    without articles)."""
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
            if versions is not None:
                versions[document.id] = document_version(document)
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
        versions: dict[int, str] = {}
        _, count = build_index(
            root, records(session, versions=versions), progress=progress, workers=workers, versions=versions
        )
        with _pending_lock:
            replay = set(_pending)
            _pending.clear()
    if replay:
        update(session, root, replay)
    return count


def update(
    session: Session, root: Path, doc_ids: Iterable[int], progress: Callable[[int], None] | None = None
) -> int:
    """Re-index the given documents (removing those that no longer exist).

    `progress(articles written)` is called every `PROGRESS_EVERY` articles (the upload page
    shows it). Without a usable index there is nothing to update: the whole index is built instead.
    """
    ids = set(doc_ids)
    if _building.locked():
        with _pending_lock:
            _pending.update(ids)
    log.info("index update started for documents %s", sorted(ids)[:20])
    versions: dict[int, str] = {}
    items = records(session, ids, versions)
    if progress is not None:
        items = _counted(items, progress)
    try:
        return update_documents(root, ids, items, versions)
    except IndexUnavailable as exc:
        # No usable index yet (first ingestion) or a damaged one: build it whole from the database.
        log.warning("index %s (%s); rebuilding it from the database", exc.reason, root)
        return rebuild(session, root, progress=progress)


def _counted(items: Iterable[ArticleRecord], progress: Callable[[int], None]) -> Iterator[ArticleRecord]:
    count = 0
    for count, item in enumerate(items, 1):
        if count % PROGRESS_EVERY == 0:
            progress(count)
        yield item
    progress(count)


@dataclass(frozen=True)
class Drift:
    """Where the index and the database disagree: documents to re-index and ids to drop."""

    stale: frozenset[int]  # in the database, missing from the index or held in an older version
    gone: frozenset[int]  # held by the index, no longer in the database

    def __bool__(self) -> bool:
        return bool(self.stale or self.gone)


def drift(session: Session, root: Path) -> Drift:
    """Compare the live index's manifest with the database. Raises IndexUnavailable when there
    is no index, or one without a manifest (it needs a full rebuild)."""
    manifest = live_manifest(root)
    if manifest is None:
        raise IndexUnavailable("检索索引缺失或为旧版本格式。", "missing")
    wanted = database_versions(session)
    held = {int(doc_id): version for doc_id, version in manifest.items()}
    stale = frozenset(doc_id for doc_id, version in wanted.items() if held.get(doc_id) != version)
    return Drift(stale, frozenset(set(held) - set(wanted)))


@dataclass
class Repair:
    """What `repair` did."""

    rebuilt: int | None = None  # articles, when the whole index was rebuilt
    reindexed: list[int] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.rebuilt is not None or bool(self.reindexed or self.dropped or self.cleaned)


def repair(session: Session, root: Path, rebuild_index: Callable[[], int] | None = None) -> Repair:
    """Bring the index in step with the database: clear what a killed build or update left
    behind, rebuild a missing or old-format index whole, else re-index the drifted documents.

    Errors (an unwritable folder …) propagate, so the caller reports them; nothing is
    recorded as done that was not. `rebuild_index` replaces the plain rebuild (the app's
    version also reopens its searchers)."""
    result = Repair(cleaned=clean_stale_files(root))
    if needs_rebuild(root) or live_manifest(root) is None:
        result.rebuilt = rebuild_index() if rebuild_index is not None else rebuild(session, root)
        return result
    difference = drift(session, root)
    if difference:
        update(session, root, difference.stale | difference.gone)
        result.reindexed, result.dropped = sorted(difference.stale), sorted(difference.gone)
    return result
