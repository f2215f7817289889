"""Taking files into the library: change detection, versions, repeals and removal.

The database is the source of truth. A file is identified by its path and its content hash:
an unchanged file is skipped before it is parsed, a changed file updates its document in
place, a second format of a stored version becomes another source of that document, and a
newer version supersedes the older ones. After each run the statuses of every touched
document group are recomputed from the stored versions and repeal notices.

Services only flush; the caller commits and then sends `documents_changed` with
`IngestReport.changed_ids` (long runs commit file by file: see `ingest_paths`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from core import audit, clock
from corpus import successors
from corpus.documents import DOC_TYPES, ParsedArticle, ParsedDocument
from corpus.metadata import RULE_ENDINGS, STATE_PREFIXES, named_enterprise
from corpus.models import Article, Document, DocumentSource, RepealNotice
from corpus.normalize import normalize, normalize_title
from corpus.readers import UnreadableDocument, format_of, read_bytes
from corpus.signals import document_removing
from corpus.structure import parse_raw
from corpus.uploads import kept_path

log = logging.getLogger(__name__)

Progress = Callable[[Path, str], None]
# detail(stage, done, total) inside the file at hand: READ pages of a PDF, STORE articles written.
Detail = Callable[[str, int, int], None]
READ, STORE = "read", "store"
STORE_CHUNK = 500  # articles of a new document written (flushed) at a time, with a progress call
_NOT_DOCUMENTS = ("readme", "license", "licence", "changelog")


@dataclass
class IngestReport:
    """What an ingest run did, file by file; `changed_ids` are the documents to re-index."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why): not documents (README, LICENSE)
    merged: list[tuple[str, int]] = field(default_factory=list)  # (path, document id) of extra formats: not new
    guessed: list[tuple[str, str]] = field(default_factory=list)  # (path, why its type is a guess), for the admin
    changed_ids: set[int] = field(default_factory=set)

    @property
    def total(self) -> int:
        """Files accounted for: added + merged + updated + unchanged + failed + skipped."""
        return (len(self.added) + len(self.merged) + len(self.updated) + len(self.unchanged) + len(self.failed)
                + len(self.skipped))

    def as_dict(self) -> dict[str, Any]:
        """The summary printed by `ingest --json`."""
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "failed": [{"path": path, "reason": reason} for path, reason in self.failed],
            "skipped": [{"path": path, "reason": reason} for path, reason in self.skipped],
            "merged": [{"path": path, "document_id": doc_id} for path, doc_id in self.merged],
            "guessed": [{"path": path, "note": note} for path, note in self.guessed],
        }


def collect_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files named or found (recursively, sorted) under folders; missing paths are reported.

    Hidden files and folders (.git, .DS_Store) are not documents and are left out.
    """
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file())
            files.extend(
                sorted(p for p in found if not any(part.startswith(".") for part in p.relative_to(path).parts))
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append((str(path), "路径不存在"))
    return list(dict.fromkeys(files)), missing


def ingest_paths(
    paths: Iterable[Path | str],
    session: Session,
    progress: Progress | None = None,
    doc_type: str | None = None,
    commit_each: bool = False,
    today: date | None = None,
    detail: Detail | None = None,
    own_names: Iterable[str] = (),
    one_batch: bool = False,
) -> IngestReport:
    """Ingest files and folders. Flushes; the caller commits and sends `documents_changed`.

    `progress(path, outcome)` is called after each file with added, merged (another format of a
    stored version: not new, see IngestReport.merged), updated, unchanged, failed or skipped (a README or LICENSE: not a document); `detail(stage, done, total)` inside a file (READ: pages of a PDF read; STORE:
    articles written), so an upload's page moves through one large file. `doc_type` overrides the inferred type of every document taken in. Documents the
    register of newer versions (corpus.successors) knows get their newer version recorded,
    as of `today` (default: the real date).

    Types are settled the same way for every caller (`_settle_type`): `own_names` are the mine's
    own names (init --mine-name), and when a document's type is a guess the documents beside it
    decide — the files of its folder, or with `one_batch` (an upload, which has no folder) the
    other files of this run only.

    With `commit_each` (the CLI and uploads), whatever the session holds is committed first
    and then each stored file right after it is written: reading and parsing the next file
    (seconds for a big PDF) happens with no write lock held, so a run over a thousand files
    never locks sign-ins and saved answers out. A run cut short keeps the files it finished
    (ingestion is idempotent: running it again skips them) and the search index catches up
    with the database at the next start.
    """
    if doc_type is not None and doc_type not in DOC_TYPES:
        raise ValueError(f"unknown document type: {doc_type}")
    files, missing = collect_files(paths)
    report = IngestReport(failed=list(missing))
    if commit_each:
        session.commit()
    ingestor = _Ingestor(session, report, doc_type, detail or (lambda _stage, _done, _total: None))
    ingestor.own_names = tuple(name for name in own_names if name)
    ingestor.batch = [str(path.resolve()) for path in files] if one_batch else None
    for path in files:
        outcome = ingestor.ingest(path)
        if commit_each and outcome in ("added", "merged", "updated"):
            session.commit()
        if progress is not None:
            progress(path, outcome)
    today = today or clock.today()
    keys = ingestor.touched_keys | successors.apply(session, successors.load(), today, ingestor.touched_keys)
    report.changed_ids |= refresh_statuses(session, keys, today)
    return report


def ingest_file(
    path: Path, session: Session, doc_type: str | None = None, commit_each: bool = False, today: date | None = None
) -> IngestReport:
    """Ingest one file (an upload); see `ingest_paths`."""
    return ingest_paths([path], session, doc_type=doc_type, commit_each=commit_each, today=today)


class _Ingestor:
    """One run: the known sources are loaded once so unchanged files cost one hash each."""

    def __init__(self, session: Session, report: IngestReport, doc_type: str | None, detail: Detail) -> None:
        self.session = session
        self.report = report
        self.doc_type = doc_type
        self.detail = detail
        self.touched_keys: set[str] = set()
        self.shown = ""
        self.own_names: tuple[str, ...] = ()
        self.batch: list[str] | None = None  # an upload's files: its "folder" when types are guessed
        rows = session.execute(select(DocumentSource.path, DocumentSource.hash, DocumentSource.id))
        self.by_path = {path: (digest, source_id) for path, digest, source_id in rows}
        self.hashes = {digest for digest, _ in self.by_path.values()}

    def ingest(self, path: Path) -> str:
        shown = self.shown = str(path)
        if path.stem.lower() in _NOT_DOCUMENTS:
            self.report.skipped.append((shown, "说明文件（README/LICENSE），不是文档，已跳过"))
            return "skipped"
        try:
            outcome = self._ingest(path)
        except UnreadableDocument as exc:
            self.report.failed.append((shown, exc.reason))
            return "failed"
        except OSError as exc:
            self.report.failed.append((shown, f"无法读取文件：{exc.strerror or exc}"))
            return "failed"
        except Exception as exc:  # one odd file must not abort a run of thousands; it is reported
            log.exception("ingesting %s failed", shown)
            self.report.failed.append((shown, f"处理出错（{type(exc).__name__}），请联系管理员查看日志"))
            return "failed"
        if outcome != "merged":  # _add noted the merged file with its document
            getattr(self.report, outcome).append(shown)
        return outcome

    def _ingest(self, path: Path) -> str:
        format_of(path.name)
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        key_path = str(path.resolve())
        known = self.by_path.get(key_path)
        if (known and known[0] == digest) or (not known and digest in self.hashes):
            return "unchanged"
        parsed = parse_raw(read_bytes(data, path.name, pages=lambda done, total: self.detail(READ, done, total)))
        source = DocumentSource(path=key_path, name=path.name, hash=digest, format=format_of(path.name))
        with self.session.begin_nested():
            if known:
                outcome = self._update(self.session.get(DocumentSource, known[1]), source, parsed)
            else:
                outcome = self._add(source, parsed)
            self.session.flush()
        self.by_path[key_path] = (digest, source.id)
        self.hashes.add(digest)
        return outcome

    def _add(self, source: DocumentSource, parsed: ParsedDocument) -> str:
        key = normalize_title(parsed.title)
        same = self._same_version(key, parsed)
        self.touched_keys.add(key)
        if same is not None:
            self.session.add(source)
            source.document = same
            if len(parsed.articles) > len(same.articles):
                self._note(_fill(self.session, same, parsed, source, self.doc_type, self._typing()))
            self.report.merged.append((self.shown, same.id))
            self.report.changed_ids.add(same.id)
            return "merged"
        document = Document(status="current")
        self._note(_fill(self.session, document, parsed, source, self.doc_type, self._typing(), articles=False))
        source.document = document
        self.session.add(document)
        self.session.flush()
        _store_articles(self.session, document, parsed.articles, self.detail)
        self.report.changed_ids.add(document.id)
        self.touched_keys.update(notice.target_key for notice in document.repeal_notices)
        return "added"

    def _update(self, old: DocumentSource, source: DocumentSource, parsed: ParsedDocument) -> str:
        """A known file changed: its document is updated in place (a corrected file), unless the
        file now holds another version (both version dates known and different: the 2022 规程
        uploaded as 煤矿安全规程.md over the 2016 one). The held version is then kept, its source
        moved to where an upload keeps the replaced file (`kept_path`), and the file is filed
        afresh as a new version."""
        document = old.document
        self.touched_keys.update({document.doc_key, *(notice.target_key for notice in document.repeal_notices)})
        primary = document.source_hash == old.hash
        if primary and parsed.version_date and document.version_date and parsed.version_date != document.version_date:
            kept = str(kept_path(Path(old.path), old.hash))
            del self.by_path[old.path]
            old.path = kept
            self.by_path[kept] = (old.hash, old.id)
            self.session.flush()
            return self._add(source, parsed)
        self.session.delete(old)
        self.session.flush()
        if not primary:
            # An extra format changed: it may now be another version, so it is filed afresh.
            self.report.changed_ids.add(document.id)
            return "merged" if self._add(source, parsed) == "merged" else "updated"
        self.session.add(source)
        source.document = document
        self.detail(STORE, 0, len(parsed.articles))
        self._note(_fill(self.session, document, parsed, source, self.doc_type, self._typing()))
        self.session.flush()
        self.detail(STORE, len(parsed.articles), len(parsed.articles))
        self.report.changed_ids.add(document.id)
        self.touched_keys.update({document.doc_key, *(notice.target_key for notice in document.repeal_notices)})
        return "updated"

    def _typing(self) -> Typing:
        return Typing(self.own_names, self.batch)

    def _note(self, guess: str | None) -> None:
        if guess:
            self.report.guessed.append((self.shown, guess))

    def _same_version(self, key: str, parsed: ParsedDocument) -> Document | None:
        """A stored document that is this very version in another file or format: the same
        version date, or — without both dates — the same articles word for word (`same_articles`).
        Anything else under the same title is another version; undated ones are ordered by when
        they came in (`_version_order`), so a revised rule uploaded later is the current one."""
        for document in self.session.scalars(select(Document).where(Document.doc_key == key)):
            if parsed.version_date and document.version_date:
                if parsed.version_date == document.version_date:
                    return document
            elif same_articles(parsed.articles, document.articles):
                return document
        return None


_NOT_WORDING = re.compile(r"[\s\W_]+")


def article_wording(text: str) -> str:
    """An article's words for telling formats from versions: normalised (full-width letters and
    digits, traditional characters), without spaces and punctuation."""
    return _NOT_WORDING.sub("", normalize(text))


def same_articles(parsed: Iterable[ParsedArticle], stored: Iterable[Article]) -> bool:
    """Whether a parsed file has the stored version's articles (条), every one in the same words
    (`article_wording`). All must match: one changed figure (每班两次 → 三次) is a revision."""
    ours = [article_wording(a.text) for a in parsed if a.kind == "article"]
    theirs = [article_wording(a.text) for a in stored if a.kind == "article"]
    return bool(ours) and ours == theirs


@dataclass(frozen=True)
class Typing:
    """What typing a document may look at beyond the document: the mine's own names, and the
    files that stand for its folder (an upload's own files; None: the folder on disk)."""

    own_names: tuple[str, ...] = ()
    batch: list[str] | None = None


def _fill(
    session: Session,
    document: Document,
    parsed: ParsedDocument,
    source: DocumentSource,
    doc_type: str | None,
    typing: Typing,
    articles: bool = True,
) -> str | None:
    """Copy a parsed document into a (new or existing) row; articles are matched by anchor so an
    article that survives a change keeps its id (and the questions and links that cite it).
    Without `articles`, a new row gets none (the caller stores them: `_store_articles`).
    Returns, when the type is a guess, a note saying so for the admin (see `_settle_type`)."""
    document.title = parsed.title[:300]
    document.doc_key = normalize_title(parsed.title)[:300]
    guess = None
    if doc_type is not None:
        document.doc_type, document.doc_type_overridden = doc_type, True
    elif not document.doc_type_overridden:
        guess = _settle_type(session, document, parsed, source, typing)
    document.issuer = parsed.issuer[:200] if parsed.issuer else None
    document.promulgated = parsed.promulgated
    document.effective = parsed.effective
    document.amended = parsed.amended
    document.version_date = parsed.version_date
    document.source_name = source.name[:500]
    document.source_hash = source.hash
    document.preamble = parsed.preamble
    if document.id is not None:
        document.repeal_notices.clear()
        _replace_articles(session, document, parsed)
    elif articles:
        document.articles = [_article_row(a) for a in parsed.articles]
    document.repeal_notices = [
        RepealNotice(target_key=normalize_title(r.title)[:300], target_title=r.title[:300], effective=r.effective)
        for r in parsed.repeals
    ]
    return guess


def _settle_type(
    session: Session, document: Document, parsed: ParsedDocument, source: DocumentSource, typing: Typing
) -> str | None:
    """Set the type of a document the admin has not typed: another version's type when the
    library holds one (a revised 企业制度 stays 企业制度; an admin's choice there carries over),
    else what the document says of itself (`_own_type`: the parsed type, read against the mine's
    own name), else — when that is a guess — the type most documents beside it have, if more of
    them have it than have the guess (the guess counts as one): the files of its folder, or for
    an upload (`typing.batch`) the upload's own files, never earlier uploads. Returns a note for
    the admin when the type is a guess."""
    others = select(Document).where(Document.doc_key == document.doc_key)
    if document.id is not None:
        others = others.where(Document.id != document.id)
    versions = sorted(session.scalars(others), key=lambda d: (d.doc_type_overridden, _version_order(d)))
    if versions:
        document.doc_type, document.doc_type_overridden = versions[-1].doc_type, versions[-1].doc_type_overridden
        return None
    kind, sure, note = _own_type(parsed, typing.own_names)
    document.doc_type = kind
    if sure:
        return None
    held = func.count(func.distinct(Document.id))
    neighbours = select(Document.doc_type, held).join(DocumentSource).where(DocumentSource.path != source.path)
    if typing.batch is not None:
        neighbours = neighbours.where(DocumentSource.path.in_(typing.batch))
    else:
        folder = str(Path(source.path).parent).rstrip("/") + "/"
        neighbours = neighbours.where(DocumentSource.path.startswith(folder, autoescape=True))
    if document.id is not None:
        neighbours = neighbours.where(Document.id != document.id)
    counts = dict(session.execute(neighbours.group_by(Document.doc_type)).all())
    counts[kind] = counts.get(kind, 0) + 1
    most = max(counts.values())
    if counts[kind] < most:
        document.doc_type = min(t for t, n in counts.items() if n == most)
        where = "同一批上传的文件" if typing.batch is not None else "同一文件夹"
        return f"标题和发文机关看不出类型，按{where}多数文档定为“{document.doc_type}”，请核对"
    return note or f"标题和发文机关看不出类型，按标题结尾定为“{kind}”，请核对"


def _own_type(parsed: ParsedDocument, own_names: tuple[str, ...]) -> tuple[str, bool, str | None]:
    """(type, sure, note): the parsed type read against the names of this mine.

    A document naming a mine or company (at the start of its title, or as issuer) that is not a
    rule — no articles, no rule-like title — is news about it (神东石圪台煤矿：发挥党建引领作用…),
    sure, whatever the folder beside it holds; so is such a text from a state body (国家能源局综合司
    关于…的通知). A rule naming this mine is its 企业制度; a rule
    naming another mine or company stays 企业制度 (a group's rules may bind the mine) but as a
    guess, to be checked."""
    kind, sure = parsed.doc_type, parsed.doc_type_sure
    if kind == "案例":
        return kind, sure, None
    title, issuer = parsed.title, parsed.issuer or ""
    named = named_enterprise(title) or named_enterprise(issuer)
    own = next((name for name in own_names if _names_mine(title, name) or _names_mine(issuer, name)), None)
    has_articles = any(article.kind == "article" for article in parsed.articles)
    rule_like = has_articles or title.endswith(RULE_ENDINGS) or "制度" in title
    if own and rule_like:
        return "企业制度", True, None
    if (named or title.startswith(STATE_PREFIXES)) and not rule_like:
        return "新闻/通知", True, None
    if named and own_names and not own and kind == "企业制度":
        return kind, False, f"“{named}”不是本矿（{'、'.join(own_names)}），按企业制度收录，请核对"
    return kind, sure, None


def _names_mine(text: str, name: str) -> bool:
    """Whether `text` (a title or issuer) names the mine `name`: 青山煤矿, or 青山矿 for 青山煤矿."""
    if not text or not name:
        return False
    if name in text:
        return True
    stem = name.removesuffix("煤矿").removesuffix("矿业").removesuffix("矿")
    return len(stem) >= 2 and stem != name and text.startswith(stem) and "矿" in text[len(stem):len(stem) + 2]


def _store_articles(session: Session, document: Document, articles: list[ParsedArticle], detail: Detail) -> None:
    """Insert the articles of a new (flushed) document `STORE_CHUNK` at a time, telling `detail`
    how many are written. All in the caller's transaction (the document appears whole or not at
    all), as plain multi-row INSERTs: an ORM flush of 10,000 articles held SQLite's one writer
    lock for about 7 s, these about 0.8 s."""
    detail(STORE, 0, len(articles))
    for start in range(0, len(articles), STORE_CHUNK):
        chunk = articles[start : start + STORE_CHUNK]
        session.execute(insert(Article), [{"document_id": document.id, **_article_fields(a)} for a in chunk])
        detail(STORE, start + len(chunk), len(articles))
    session.expire(document, ["articles"])  # read back from the database when next used


def _article_fields(article: ParsedArticle) -> dict[str, Any]:
    """The column values of an Article row for `article`."""
    return {
        "ordinal": article.ordinal,
        "kind": article.kind,
        "number": article.number,
        "label": article.label,
        "path": " / ".join(article.path)[:500],
        "text": article.text,
        "anchor": article.anchor,
        "sub": article.sub,
        "has_table": article.has_table,
    }


def _article_row(article: ParsedArticle, row: Article | None = None) -> Article:
    """A new Article row for `article`, or `row` updated to match it."""
    row = row or Article()
    for name, value in _article_fields(article).items():
        setattr(row, name, value)
    return row


def _replace_articles(session: Session, document: Document, parsed: ParsedDocument) -> None:
    """Update kept articles in place, delete the dropped ones, add the new ones."""
    old = {row.anchor: row for row in document.articles}
    kept = {a.anchor for a in parsed.articles} & set(old)
    for anchor, row in old.items():
        if anchor in kept:
            row.ordinal = -row.ordinal  # out of the way while ordinals are renumbered
        else:
            document.articles.remove(row)
    session.flush()
    document.articles = [_article_row(a, old.get(a.anchor) if a.anchor in kept else None) for a in parsed.articles]
    session.flush()


def refresh_statuses(session: Session, keys: Iterable[str], today: date | None = None) -> set[int]:
    """Recompute current/pending/superseded/repealed for every version of the documents with `keys`.

    Returns the ids whose status or links changed. Nothing takes effect before its date: a
    version is in force only from its 施行 date (its version date when it states none) on
    `today` (default: the mine's date), before that it is pending (尚未施行); a repeal notice
    applies from its effective date (`_repeal_since`). Rules: a repeal notice from another
    document repeals the versions dated up to its effective date; one from a newer version of
    the same document (the 2025 规程 repealing the 2016 one) repeals the older versions. Of
    the versions in force and not repealed, the newest is current and the others are
    superseded by it; the newest too is superseded when a newer version it records is in force
    on `today`. Statuses that wait on a date are brought up to date each day by
    corpus.due_versions.
    """
    keys = {key for key in keys if key}
    if not keys:
        return set()
    today = today or clock.today()
    session.flush()
    documents = session.scalars(select(Document).where(Document.doc_key.in_(keys))).all()
    notices = session.execute(
        select(RepealNotice, Document)
        .join(Document, RepealNotice.document_id == Document.id)
        .where(RepealNotice.target_key.in_(keys))
    ).all()
    groups: dict[str, list[Document]] = {}
    for document in documents:
        groups.setdefault(document.doc_key, []).append(document)
    changed: set[int] = set()
    for key, versions in groups.items():
        versions.sort(key=_version_order)
        by_key = [(notice, repealer) for notice, repealer in notices
                  if notice.target_key == key and not _repeal_waits(notice, repealer, today)]
        in_force: list[Document] = []
        new_state: dict[int, tuple[str, date | None, int | None, int | None]] = {}
        for document in versions:
            repeal = _repeal_for(document, by_key)
            if repeal is not None:
                notice, repealer = repeal
                new_state[document.id] = ("repealed", _repeal_since(notice, repealer), repealer.id, None)
            elif not_yet_in_force(document, today):
                new_state[document.id] = ("pending", taking_effect(document), None, None)
            else:
                in_force.append(document)
        if in_force:
            newest = in_force[-1]
            new_state[newest.id] = ("current", None, None, None)
            if newer_version_in_force(newest, today):
                since = successors.superseded_since(newest, today)
                new_state[newest.id] = ("superseded", since, None, None)
            for document in in_force[:-1]:
                since = newest.version_date or newest.effective
                new_state[document.id] = ("superseded", since, None, newest.id)
        for document in versions:
            state = new_state[document.id]
            old = (document.status, document.status_since, document.repealed_by_id, document.superseded_by_id)
            if old != state:
                (document.status, document.status_since, document.repealed_by_id, document.superseded_by_id) = state
                changed.add(document.id)
    session.flush()
    return changed


def taking_effect(document: Document) -> date | None:
    """The day a version takes effect: its 施行 date, else its version date (None: not known)."""
    return document.effective or document.version_date


def not_yet_in_force(document: Document, today: date) -> bool:
    """Whether a version takes effect after `today` (尚未施行); one with no date is in force."""
    start = taking_effect(document)
    return start is not None and start > today


def _repeal_since(notice: RepealNotice, repealer: Document) -> date | None:
    """The day a repeal notice applies: the latest of its own date and its document's 施行 and
    version dates (a notice in a rule taking effect in 2099 repeals nothing before then)."""
    return max(filter(None, (notice.effective, repealer.effective, repealer.version_date)), default=None)


def _repeal_waits(notice: RepealNotice, repealer: Document, today: date) -> bool:
    """Whether a repeal notice does not apply yet on `today`."""
    since = _repeal_since(notice, repealer)
    return since is not None and since > today


def newer_version_in_force(document: Document, today: date | None = None) -> bool:
    """True when a newer version not held here (recorded by an admin or the register of newer
    versions) is in force on `today` (default: the real date); no date recorded means in force."""
    effective = document.newer_version_effective
    return bool(document.newer_version) and (effective is None or effective <= (today or clock.today()))


class NewerVersionError(ValueError):
    """A newer-version record the library refuses; the message is in Chinese."""


def newer_version_problem(document: Document, effective: date | None) -> str | None:
    """Why a newer version cannot take effect on `effective`, or None: not before (nor on the
    day) this version itself took effect, or was issued when its 施行 date is unknown."""
    if effective is None:
        return None
    if document.effective and effective <= document.effective:
        return f"新版本的施行日期（{effective}）应晚于本版本的施行日期（{document.effective}），请核对。"
    if not document.effective and document.version_date and effective <= document.version_date:
        return f"新版本的施行日期（{effective}）应晚于本版本的日期（{document.version_date}），请核对。"
    return None


def mark_newer_version(
    session: Session, document: Document, name: str | None, effective: date | None, today: date | None = None
) -> set[int]:
    """Record (or, with an empty name, clear) a newer version of `document` that the library
    does not hold, e.g. 应急管理部令第4号 from 2020-11-20; returns the ids to re-index.

    The admin's word is final: the register of newer versions no longer touches this document,
    so a cleared record stays cleared. Raises NewerVersionError for a date before this version's."""
    name = (name or "").strip()[:300] or None
    if name and (problem := newer_version_problem(document, effective)):
        raise NewerVersionError(problem)
    before = audit.changes(("新版本", document.newer_version, name),
                           ("施行日期", document.newer_version_effective, effective if name else None))
    if before:
        audit.record("document.newer", "document", document.id, f"《{document.title}》：{before}", session=session)
    document.newer_version = name
    document.newer_version_effective = effective if name else None
    document.newer_version_overridden = True
    return {document.id} | refresh_statuses(session, {document.doc_key}, today)


def earlier_versions(session: Session, document: Document) -> list[Document]:
    """The other versions of `document` that are no longer in force, newest first (历史版本);
    a version still to take effect (尚未施行) is not history."""
    query = select(Document).where(
        Document.doc_key == document.doc_key, Document.id != document.id,
        Document.status.not_in(("current", "pending")),
    )
    return sorted(session.scalars(query), key=_version_order, reverse=True)


def _version_order(document: Document) -> tuple[date, date, int]:
    return (document.version_date or date.min, document.effective or date.min, document.id or 0)


def _repeal_for(
    document: Document, notices: list[tuple[RepealNotice, Document]]
) -> tuple[RepealNotice, Document] | None:
    """The earliest repeal notice that applies to this version, if any."""
    applicable = []
    for notice, repealer in notices:
        if repealer.id == document.id:
            continue
        if repealer.doc_key == document.doc_key:
            if _version_order(repealer) <= _version_order(document):
                continue
        elif document.version_date and notice.effective and document.version_date > notice.effective:
            continue  # re-enacted after the repeal: a new document under an old name
        applicable.append((notice, repealer))
    if not applicable:
        return None
    return min(applicable, key=lambda pair: pair[0].effective or date.max)


def remove_document(session: Session, document: Document) -> set[int]:
    """Delete a document with its articles and sources; returns the ids to re-index."""
    keys = {document.doc_key, *(notice.target_key for notice in document.repeal_notices)}
    removed = document.id
    pointing = select(Document).where(or_(Document.repealed_by_id == removed, Document.superseded_by_id == removed))
    for other in session.scalars(pointing):
        # The links are recomputed below; they must not block the delete meanwhile.
        if other.repealed_by_id == removed:
            other.repealed_by_id = None
        if other.superseded_by_id == removed:
            other.superseded_by_id = None
    session.flush()
    audit.record("document.remove", "document", removed, f"《{document.title}》", session=session)
    document_removing.send(None, document=document, session=session)
    session.delete(document)
    session.flush()
    return {removed} | refresh_statuses(session, keys)


def set_doc_type(document: Document, doc_type: str) -> None:
    """Override the inferred type; later re-ingests keep the override."""
    if doc_type not in DOC_TYPES:
        raise ValueError(f"unknown document type: {doc_type}")
    if doc_type != document.doc_type:
        audit.record("document.type", "document", document.id, f"《{document.title}》：{document.doc_type} → {doc_type}")
    document.doc_type = doc_type
    document.doc_type_overridden = True
