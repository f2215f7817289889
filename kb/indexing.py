"""The search index: schema, atomic full rebuilds, incremental updates and health checks.

Layout under the index root (DATA_DIR/index)::

    CURRENT              name of the live generation, replaced atomically
    BUILDLOCK            held while a generation is being built
    gen-<stamp>/         a complete Whoosh index, with FORMAT, documents.json and
                         manifest.json (document id → the version of it the index holds)

A rebuild writes a new generation beside the live one and then swaps CURRENT with
`os.replace`, so searches keep using the old generation until the new one is whole.
The previous generation is kept (open searchers may still read it); older ones are
deleted. Incremental updates write into the live generation.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import multiprocessing
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.index import Index
from whoosh.searching import Searcher
from whoosh.util.filelock import FileLock

from kb.analysis import DATA, analyzer, mine_lines, segmenter, terms
from kb.focus import FocusCounter

log = logging.getLogger(__name__)

POINTER = "CURRENT"
DOCUMENTS = "documents.json"
FORMAT_FILE = "FORMAT"
MINE_WORDS_FILE = "mine_words.json"  # the mine's synonym lines a generation was built with
MANIFEST = "manifest.json"
BUILD_LOCK = "BUILDLOCK"
BUILDING = "BUILDING"  # in a generation until its build is whole
WRITE_LOCK = "WRITELOCK"  # Whoosh's own lock (MAIN_WRITELOCK), held by every writer of a generation
# Held by an update from reading documents.json and manifest.json until both are written back, so
# two processes updating at once (a server's edit, an upload child) cannot drop each other's entries.
META_LOCK = "METALOCK"
# Bump when the analyzer code, the schema or anything computed at build time changes. The
# index records this number and a fingerprint of kb/data (dictionary, synonyms, stop words,
# focus words: editing them changes how text is cut); an index of another format still
# answers, but `python run.py init` (run on every upgrade) rebuilds it.
# 1: first release; 2: numbers as whole words, document focus; 3: manifest of document versions.
INDEX_FORMAT = 3
KEEP_GENERATIONS = 2
WRITER_LIMIT_MB = 256
ANALYSIS_BATCH = 512


class IndexUnavailable(Exception):
    """The index is missing or damaged; `message` says what to do, in Chinese."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason  # "missing" or "damaged"


MISSING_MESSAGE = "知识库索引尚未建立。请管理员运行 python run.py reindex 重建索引。"
DAMAGED_MESSAGE = "知识库索引已损坏，暂时无法检索。请管理员运行 python run.py reindex 重建索引。"


def make_schema() -> Schema:
    """One index document per article (条) or section.

    Only `body` is searched: the document title, the chapter path and the article text in
    one field, so each query word is one posting list (three fields would triple the work
    of every search) and a word of the title counts in every article of its document.
    """
    return Schema(
        id=ID(stored=True, unique=True),
        doc=ID(stored=True),
        body=TEXT(analyzer=analyzer(), phrase=False),
        title=STORED,
        path=STORED,
        text=STORED,
        label=STORED,
        number=NUMERIC(stored=True, bits=32),
        kind=ID(stored=True),
        anchor=STORED,
        ordinal=STORED,
        doc_type=ID(stored=True),
        status=ID(stored=True),
        effective=STORED,
        version_date=STORED,
        doc_key=STORED,
    )


@dataclass(frozen=True)
class ArticleRecord:
    """What the index needs of one article, independent of the database."""

    article_id: int
    doc_id: int
    title: str
    path: str
    text: str
    label: str
    number: int | None
    kind: str
    anchor: str
    ordinal: int
    doc_type: str
    status: str
    doc_key: str = ""
    effective: date | None = None
    version_date: date | None = None

    @property
    def body(self) -> str:
        """What is searched: title, chapter path and text."""
        return f"{self.title}\n{self.path}\n{self.text}"

    def document_info(self) -> dict[str, str]:
        """The per-document facts kept in documents.json (for article references)."""
        return {
            "title": self.title,
            "status": self.status,
            "doc_type": self.doc_type,
            "doc_key": self.doc_key or self.title,
            "version_date": self.version_date.isoformat() if self.version_date else "",
        }

    def fields(self) -> dict[str, object]:
        """Whoosh field values."""
        return {
            "id": str(self.article_id),
            "doc": str(self.doc_id),
            "title": self.title,
            "path": self.path,
            "text": self.text,
            "body": self.body,
            "label": self.label,
            "number": self.number if self.number is not None else 0,
            "kind": self.kind,
            "anchor": self.anchor,
            "ordinal": self.ordinal,
            "doc_type": self.doc_type,
            "status": self.status,
            "effective": self.effective.isoformat() if self.effective else "",
            "version_date": self.version_date.isoformat() if self.version_date else "",
            "doc_key": self.doc_key or self.title,
        }


def _generation_dir(root: Path) -> Path | None:
    pointer = root / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return root / name if name else None


def current_format(mine: Sequence[str] | None = None) -> str:
    """INDEX_FORMAT and a fingerprint of the analyzer's data files and of the mine's synonym
    lines (those in use, or `mine`), as an index records it. Without mine lines it is the
    fingerprint of the files alone."""
    digest = hashlib.sha1()
    for path in sorted(DATA.glob("*.txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    lines = mine_lines() if mine is None else tuple(mine)
    if lines:
        digest.update(b"mine\0" + "\n".join(lines).encode())
    return f"{INDEX_FORMAT}:{digest.hexdigest()[:12]}"


def index_format(root: Path) -> str | None:
    """The format the live index was built with; None when there is no index."""
    gen = _generation_dir(root)
    if gen is None or not gen.is_dir():
        return None
    return generation_format(gen)


def live_mine_words(root: Path) -> tuple[str, ...]:
    """The mine's synonym lines the live index was built with."""
    gen = _generation_dir(root)
    return generation_mine_words(gen) if gen is not None and gen.is_dir() else ()


def generation_mine_words(gen: Path) -> tuple[str, ...]:
    """The mine's synonym lines a generation was built with (none for one built without)."""
    try:
        return tuple(json.loads((gen / MINE_WORDS_FILE).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return ()


def generation_format(gen: Path) -> str:
    """The format a generation was built with."""
    try:
        return (gen / FORMAT_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return "1"  # built before formats were recorded


def needs_rebuild(root: Path) -> bool:
    """True when there is no index or it was built in another format (code or kb/data changed)."""
    return index_format(root) != current_format()


def _analysed(record: ArticleRecord) -> tuple[ArticleRecord, list[str]]:
    """A record with its body already cut into terms (run in a worker process)."""
    return record, terms(record.body)


def _with_terms(records: Iterable[ArticleRecord], workers: int) -> Iterator[tuple[ArticleRecord, object]]:
    """Records paired with their body: pre-analysed in `workers` processes, or left as text (0)."""
    if workers <= 0:
        for record in records:
            yield record, record.body
        return
    segmenter()  # load the dictionary once, before forking, so workers share it
    # Records are read here, in the caller's thread (a database session may be bound to
    # it); each batch is analysed by the pool while the previous one is being written.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending = None
        source = iter(records)
        while batch := list(itertools.islice(source, ANALYSIS_BATCH)):
            job = pool.map_async(_analysed, batch, chunksize=32)
            if pending is not None:
                yield from pending.get()
            pending = job
        if pending is not None:
            yield from pending.get()


def build_index(
    root: Path,
    records: Iterable[ArticleRecord],
    progress: Callable[[int], None] | None = None,
    workers: int = 0,
    versions: Mapping[int, str] | None = None,
) -> tuple[Path, int]:
    """Build a complete new generation from `records` and switch to it atomically.

    Segmenting the text is most of the work; with `workers` > 0 it runs in that many
    other processes while this one writes the index. `versions` (document id → version, read
    once `records` is exhausted, so the iterator may fill it) becomes the manifest. Returns the
    new generation directory and the number of articles indexed. On any error the half-built
    generation is removed and the live one stays untouched.
    """
    root.mkdir(parents=True, exist_ok=True)
    with _file_lock(root / BUILD_LOCK):
        return _build(root, records, progress, workers, versions)


def _build(
    root: Path,
    records: Iterable[ArticleRecord],
    progress: Callable[[int], None] | None,
    workers: int,
    versions: Mapping[int, str] | None,
) -> tuple[Path, int]:
    name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
    built_format, built_lines = current_format(), mine_lines()  # the analyzer this build cuts with
    target = root / name
    target.mkdir()
    (target / BUILDING).touch()
    count = 0
    try:
        ix = whoosh_index.create_in(str(target), make_schema())
        writer = ix.writer(limitmb=WRITER_LIMIT_MB)
        documents: dict[str, dict[str, str]] = {}
        focus = FocusCounter()
        try:
            for record, body in _with_terms(records, workers):
                # A list of terms is indexed as is (Whoosh skips the analyzer for sequences).
                writer.add_document(**{**record.fields(), "body": body})
                documents[str(record.doc_id)] = record.document_info()
                focus.add(str(record.doc_id), record.text)
                count += 1
                if progress and count % 500 == 0:
                    progress(count)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        ix.close()
        for doc_id, share in focus.shares().items():
            documents[doc_id]["focus"] = share
        write_documents(target, documents)
        write_manifest(target, {str(k): v for k, v in (versions or {}).items()})
        (target / FORMAT_FILE).write_text(built_format, encoding="utf-8")
        if built_lines:
            _write_atomic(target / MINE_WORDS_FILE, json.dumps(list(built_lines), ensure_ascii=False))
        (target / BUILDING).unlink()
        _switch(root, name)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    _prune(root, keep=name)
    log.info("index generation %s built with %d articles", name, count)
    return target, count


def _switch(root: Path, name: str) -> None:
    _write_atomic(root / POINTER, name)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f"{path.name}.{uuid.uuid4().hex[:6]}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _prune(root: Path, keep: str) -> None:
    gens = sorted(
        (p for p in root.iterdir() if p.is_dir() and p.name.startswith("gen-")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    survivors = {keep}
    for gen in gens:
        if len(survivors) >= KEEP_GENERATIONS:
            break
        survivors.add(gen.name)
    for gen in gens:
        if gen.name not in survivors:
            shutil.rmtree(gen, ignore_errors=True)


def open_live_index(root: Path) -> Index:
    """Open the live generation or raise IndexUnavailable with a helpful message."""
    gen = _generation_dir(root)
    if gen is None or not gen.is_dir():
        raise IndexUnavailable(MISSING_MESSAGE, "missing")
    try:
        ix = whoosh_index.open_dir(str(gen))
        if "body" not in ix.schema:
            raise ValueError("schema without text field")
        return ix
    except Exception as exc:  # any read error means the files cannot be trusted
        log.warning("index at %s is damaged: %s", gen, exc)
        raise IndexUnavailable(DAMAGED_MESSAGE, "damaged") from exc


def health(root: Path) -> dict[str, object]:
    """A short report: ok, reason, message, articles, generation."""
    try:
        ix = open_live_index(root)
        with ix.searcher() as searcher:
            count = searcher.doc_count()
        return {"ok": True, "reason": "", "message": "", "articles": count, "generation": ix.storage.folder}
    except IndexUnavailable as exc:
        return {"ok": False, "reason": exc.reason, "message": exc.message, "articles": 0, "generation": ""}


def read_documents(gen: Path) -> dict[str, dict[str, str]]:
    """doc_id → title, status, doc_type, doc_key, version_date, focus (kb.focus) for one generation."""
    try:
        return json.loads((gen / DOCUMENTS).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def write_documents(gen: Path, documents: dict[str, dict[str, str]]) -> None:
    """Replace documents.json atomically."""
    _write_atomic(gen / DOCUMENTS, json.dumps(documents, ensure_ascii=False))


def read_manifest(gen: Path) -> dict[str, str] | None:
    """doc_id → version of every document the generation holds; None for an index without one."""
    try:
        return json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def write_manifest(gen: Path, manifest: dict[str, str]) -> None:
    """Replace manifest.json atomically."""
    _write_atomic(gen / MANIFEST, json.dumps(manifest, sort_keys=True))


def live_manifest(root: Path) -> dict[str, str] | None:
    """The manifest of the live generation (None when there is no index or no manifest)."""
    gen = _generation_dir(root)
    return read_manifest(gen) if gen is not None and gen.is_dir() else None


def update_documents(
    root: Path,
    doc_ids: Iterable[int],
    records: Iterable[ArticleRecord],
    versions: Mapping[int, str] | None = None,
) -> int:
    """Replace every article of `doc_ids` in the live index by `records` (may be empty).

    The manifest is updated after the commit from `versions` (read once `records` is
    exhausted): ids in `doc_ids` without a version are no longer held. A crash before that
    leaves the manifest behind the index, never ahead of it, so a repair redoes the update.
    """
    doc_ids = set(doc_ids)
    ix = open_live_index(root)
    gen = Path(ix.storage.folder)
    with _file_lock(gen / META_LOCK):
        return _update_locked(ix, gen, doc_ids, records, versions)


def _update_locked(
    ix: Index, gen: Path, doc_ids: set[int], records: Iterable[ArticleRecord], versions: Mapping[int, str] | None
) -> int:
    documents = read_documents(gen)
    writer = ix.writer(timeout=30.0)
    count = 0
    focus = FocusCounter()
    try:
        for doc_id in doc_ids:
            writer.delete_by_term("doc", str(doc_id))
            documents.pop(str(doc_id), None)
        for record in records:
            writer.add_document(**record.fields())
            documents[str(record.doc_id)] = record.document_info()
            focus.add(str(record.doc_id), record.text)
            count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    for doc_id, share in focus.shares().items():
        documents[doc_id]["focus"] = share
    write_documents(gen, documents)
    manifest = read_manifest(gen) or {}
    for doc_id in doc_ids:
        manifest.pop(str(doc_id), None)
    manifest.update({str(k): v for k, v in (versions or {}).items() if k in doc_ids})
    write_manifest(gen, manifest)
    return count


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file `path`, waiting for it (across processes and threads)."""
    lock = FileLock(str(path))
    lock.acquire(blocking=True)
    try:
        yield
    finally:
        lock.release()


def clean_stale_files(root: Path) -> list[str]:
    """Remove what a killed build or update left in the index folder; returns the names removed.

    A generation still marked BUILDING is a build that never finished; in the live
    generation, Whoosh's temporary folders and segment files the index does not reference
    are an update that never committed. Nothing is touched while another process builds or
    writes (their locks are held), so this is safe at any time.
    """
    if not root.is_dir():
        return []
    removed: list[str] = []
    live = _generation_dir(root)
    build_lock = FileLock(str(root / BUILD_LOCK))
    if build_lock.acquire(blocking=False):
        try:
            for path in root.iterdir():
                if path.name.endswith(".tmp") and path.is_file():
                    path.unlink(missing_ok=True)
                    removed.append(path.name)
                elif path.is_dir() and path.name.startswith("gen-") and path != live:
                    if (path / BUILDING).exists():
                        shutil.rmtree(path, ignore_errors=True)
                        removed.append(path.name + "/")
        finally:
            build_lock.release()
    if live is not None and live.is_dir():
        removed += _clean_generation(live)
    return removed


def _clean_generation(gen: Path) -> list[str]:
    try:
        ix = whoosh_index.open_dir(str(gen))
    except Exception:  # a damaged generation is rebuilt, not cleaned
        return []
    lock = ix.lock(WRITE_LOCK)
    if not lock.acquire(blocking=False):
        return []  # a writer is at work
    try:
        before = set(os.listdir(gen))
        toc = ix._read_toc()  # noqa: SLF001 - Whoosh offers no public way to the committed segments
        whoosh_index.clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
        for name in os.listdir(gen):
            if name.endswith(".tmp"):
                path = gen / name
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        return sorted(f"{gen.name}/{name}" for name in before - set(os.listdir(gen)))
    finally:
        lock.release()
        ix.close()


class IndexHandle:
    """Searchers over the live generation, reopened only when the index changes.

    Each thread gets its own searcher: Whoosh readers keep file positions, so one
    searcher must not serve two requests at once. A replaced searcher is not closed
    under a running search; it is dropped and closed when no longer referenced.
    """

    CHECK_INTERVAL = 1.0  # seconds between checks for a new commit in the live generation

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._local = threading.local()
        self._gen: Path | None = None
        self._index: Index | None = None
        self._opened_generation = -1
        self._checked = 0.0
        self.version = 0  # bumps on every reopen; caches key on it

    def searcher(self) -> Searcher:
        """This thread's searcher; raises IndexUnavailable when there is no usable index."""
        now = time.monotonic()
        gen = _generation_dir(self.root)
        # Reading the pointer on every call is cheap and notices a switch or a deleted index
        # at once; the commit check (a directory listing) is rate-limited.
        fresh = self._index is not None and gen == self._gen and gen is not None and gen.is_dir()
        if not fresh or now - self._checked >= self.CHECK_INTERVAL:
            with self._lock:
                self._checked = now
                stale = not fresh
                if not stale:
                    try:
                        stale = self._index.latest_generation() != self._opened_generation
                    except Exception:
                        stale = True
                if stale:
                    self._reopen()
        local = self._local
        if getattr(local, "version", None) != self.version:
            with self._lock:
                if self._index is None:
                    self._reopen()
                try:
                    local.searcher = self._index.searcher()
                except Exception as exc:
                    raise IndexUnavailable(DAMAGED_MESSAGE, "damaged") from exc
                local.version = self.version
        return local.searcher

    @property
    def generation(self) -> Path | None:
        """Directory of the generation the searchers read."""
        return self._gen

    def _reopen(self) -> None:
        try:
            ix = open_live_index(self.root)
        except IndexUnavailable:
            self._index = self._gen = None
            raise
        try:
            ix.searcher().close()  # fail here, with the right message, if segments are unreadable
        except Exception as exc:
            self._index = self._gen = None
            raise IndexUnavailable(DAMAGED_MESSAGE, "damaged") from exc
        self._index = ix
        self._opened_generation = ix.latest_generation()
        self._gen = Path(ix.storage.folder)
        self.version += 1

    def close(self) -> None:
        """Forget the open index; searchers are reopened on next use."""
        with self._lock:
            self._index = self._gen = None
            self.version += 1


def iter_stored(searcher: Searcher) -> Iterator[dict]:
    """Every stored index document (for vocabularies and title tables)."""
    reader = searcher.reader()
    for docnum in reader.all_doc_ids():
        yield reader.stored_fields(docnum)
