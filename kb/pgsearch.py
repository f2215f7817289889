"""Search on PostgreSQL full-text tables (SEARCH_BACKEND=postgres), for group-scale deployments.

Every article's body (title, chapter path and text) is cut by the same analyzer as the Whoosh
index (kb.analysis: normaliser, jieba, the domain dictionary, stop words). Its tokens are stored
verbatim as a tsvector with a GIN index (no PostgreSQL dictionary touches them, as with the
`simple` configuration), their counts beside it for BM25, and the token count as Whoosh
quantises it (kb.models.SearchEntry). The same counts are laid out by word in
kb_search_postings (kb.models.SearchPosting: word, article, count, length), so a word's
articles and what BM25 needs of them are one range of a b-tree. Candidates are the articles
holding any of the query's words (read from the postings) or all of them (found through the
GIN index); they are scored with Whoosh's BM25F formula in SQL (same k1, b, IDF and field
lengths), so the shared re-ranking of kb.search gets the same numbers from both engines.

The rows are written in the transaction that changes the documents they index: a listener on
the session (`follow_sessions`) re-indexes, just before COMMIT, every document whose row or
articles were added, changed or deleted. A search therefore sees a document either wholly before
or wholly after a re-ingestion, and any number of app servers share the one index. One row of
kb_search_state is bumped with each change; searchers compare it to drop cached statistics.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import threading
import time
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session
from whoosh.util.numeric import byte_to_length, length_to_byte

from kb import sync
from kb.analysis import mine_lines
from kb.focus import FocusCounter
from kb.indexing import MISSING_MESSAGE, ArticleRecord, IndexUnavailable, _with_terms, current_format
from kb.scoring import BM25_B, BM25_K1
from kb.search import Candidate, Fields, KnowledgeBase, Where
from kb.spelling import Vocabulary
from kb.sync import Drift, Repair

log = logging.getLogger(__name__)

# Words in more articles than this (or this share) are read only when the rarer words cannot
# fill the page on their own (PgKnowledgeBase.candidates).
COMMON_DF, COMMON_SHARE = 2000, 0.03
MAX_LEXEME = 200  # characters; PostgreSQL refuses lexemes over 2046 bytes
INSERT_BATCH = 500
CHANGED = "kb_pgsearch_changed"  # session.info key: ids of documents changed in this transaction
INDEXED = "kb_pgsearch_indexed"

_INSERT = text(
    "INSERT INTO kb_search_entries (article_id, document_id, terms, counts, length) "
    "VALUES (:article_id, :document_id, array_to_tsvector(CAST(:lexemes AS text[])), CAST(:counts AS jsonb), :length)"
)
# Each word of each article, laid out by word (kb.models.SearchPosting), from the entries just written.
_POST = (
    "INSERT INTO kb_search_postings (term, article_id, document_id, tf, length)"
    " SELECT c.key, e.article_id, e.document_id, CAST(c.value AS integer), e.length"
    " FROM kb_search_entries e CROSS JOIN LATERAL jsonb_each_text(e.counts) c{where} ORDER BY c.key, e.article_id"
)
_INSERT_DOCUMENT = text(
    "INSERT INTO kb_search_documents (document_id, version, focus, articles, length) "
    "VALUES (:document_id, :version, :focus, :articles, :length)"
)


def norm_length(length: int) -> int:
    """A field length as Whoosh stores it per document (one byte, logarithmic), for equal BM25."""
    return byte_to_length(length_to_byte(length))


def bm25_idf(articles: int, df: int) -> float:
    """Whoosh's IDF (whoosh.scoring.WeightingModel.idf)."""
    return math.log(max(articles, 1) / (df + 1)) + 1  # an empty index scores nothing anyway


def tsquery(words: Iterable[str], operator: str = "|") -> str:
    """A tsquery of literal lexemes (quoted: no parser or dictionary touches them)."""
    return f" {operator} ".join("'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in words)


# -- writing -----------------------------------------------------------------------------


WRITER_LOCK = 7_317_017  # a transaction-level advisory lock: one index writer at a time


def _lock(session: Session) -> bool:
    """Wait for other index writers (held until this transaction ends); False when there is no index yet."""
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK})
    return session.execute(text("SELECT 1 FROM kb_search_state WHERE id = 1")).first() is not None


_TOTALS = (
    "(SELECT coalesce(sum(articles), 0) FROM kb_search_documents),"
    " (SELECT coalesce(sum(length), 0) FROM kb_search_documents)"
)


def _bump_state(session: Session, fmt: str | None = None, lines: tuple[str, ...] = ()) -> None:
    """New version and totals; `fmt` (a full build) also records the analyzer's format and the
    mine's synonym lines it was built with."""
    if fmt is None:
        session.execute(
            text(f"UPDATE kb_search_state SET version = version + 1, (articles, length) = ({_TOTALS}) WHERE id = 1")
        )
        return
    session.execute(
        text(
            "INSERT INTO kb_search_state (id, version, articles, length, format, mine_words)"
            f" VALUES (1, 1, {_TOTALS}, :fmt, :lines)"
            " ON CONFLICT (id) DO UPDATE SET version = kb_search_state.version + 1, articles = EXCLUDED.articles,"
            " length = EXCLUDED.length, format = EXCLUDED.format, mine_words = EXCLUDED.mine_words"
        ),
        {"fmt": fmt, "lines": "\n".join(lines)},
    )


def _write(session: Session, records: Iterable[ArticleRecord], versions: Mapping[int, str], workers: int) -> int:
    """Insert entries for `records` and a row per document of `versions`; returns the article count."""
    focus = FocusCounter()
    lengths: Counter[int] = Counter()
    batch: list[dict] = []
    count = 0
    for record, body in _with_terms(records, workers):
        tokens = body if isinstance(body, list) else _terms(body)
        counts = Counter(t for t in tokens if len(t) <= MAX_LEXEME)
        batch.append(
            {
                "article_id": record.article_id,
                "document_id": record.doc_id,
                "lexemes": list(counts),
                "counts": json.dumps(counts, ensure_ascii=False),
                "length": norm_length(len(tokens)),
            }
        )
        focus.add(str(record.doc_id), record.text)
        lengths[record.doc_id] += len(tokens)
        count += 1
        if len(batch) >= INSERT_BATCH:
            session.execute(_INSERT, batch)
            batch = []
    if batch:
        session.execute(_INSERT, batch)
    shares = focus.shares()
    documents = [
        {
            "document_id": doc_id,
            "version": version,
            "focus": shares.get(str(doc_id), 0.0),
            "articles": focus.total.get(str(doc_id), 0),
            "length": lengths[doc_id],
        }
        for doc_id, version in versions.items()
    ]
    if documents:
        session.execute(_INSERT_DOCUMENT, documents)
    return count


def _terms(body: str) -> list[str]:
    from kb.analysis import terms

    return terms(body)


def rebuild(session: Session, progress: Callable[[int], None] | None = None, workers: int = 0) -> int:
    """Index every document anew in the caller's transaction (searches see the old rows until it
    commits); returns the article count."""
    built_format, built_lines = current_format(), mine_lines()  # the analyzer this build cuts with
    _lock(session)
    session.execute(text("DELETE FROM kb_search_postings"))
    session.execute(text("DELETE FROM kb_search_entries"))
    session.execute(text("DELETE FROM kb_search_documents"))
    versions: dict[int, str] = {}
    items = sync.records(session, versions=versions)
    if progress is not None:
        items = sync._counted(items, progress)  # noqa: SLF001 - the same progress reporting as Whoosh
    count = _write(session, items, versions, workers)
    session.execute(text(_POST.format(where="")))  # sorted by word: a word's rows lie together on disk
    _bump_state(session, built_format, built_lines)
    return count


def analyze(session: Session) -> None:
    """Refresh the planner's statistics of the search tables after a rebuild refilled them (autovacuum
    would, a minute or more later; until then the postings' range reads may be planned as scans)."""
    session.execute(text("ANALYZE kb_search_postings, kb_search_entries, kb_search_documents"))
    session.commit()


def update(session: Session, doc_ids: Iterable[int], progress: Callable[[int], None] | None = None) -> int:
    """Re-index the given documents (dropping those that no longer exist) in the caller's
    transaction; without an index yet, index everything."""
    ids = sorted(set(doc_ids))
    if not _lock(session):
        return rebuild(session, progress)
    if not ids:
        return 0
    session.execute(
        text(
            "DELETE FROM kb_search_postings p USING articles a"  # a deleted article's went with it (FK)
            " WHERE p.article_id = a.id AND a.document_id = ANY(:ids)"
        ),
        {"ids": ids},
    )
    session.execute(text("DELETE FROM kb_search_entries WHERE document_id = ANY(:ids)"), {"ids": ids})
    session.execute(text("DELETE FROM kb_search_documents WHERE document_id = ANY(:ids)"), {"ids": ids})
    versions: dict[int, str] = {}
    items = sync.records(session, ids, versions)
    if progress is not None:
        items = sync._counted(items, progress)  # noqa: SLF001
    count = _write(session, items, versions, workers=0)
    session.execute(text(_POST.format(where=" WHERE e.document_id = ANY(:ids)")), {"ids": ids})
    _bump_state(session)
    return count


@dataclass(frozen=True)
class State:
    """The index as a whole: bumped version, article count and total token count, build format,
    the mine's synonym lines it was built with."""

    version: int
    articles: int
    length: int
    format: str
    mine_words: tuple[str, ...] = ()


def read_state(conn) -> State | None:  # noqa: ANN001 - a Connection or Session
    row = conn.execute(
        text("SELECT version, articles, length, format, mine_words FROM kb_search_state WHERE id = 1")
    ).first()
    return State(*row[:4], tuple(line for line in row[4].split("\n") if line)) if row else None


def held_versions(session: Session) -> dict[int, str] | None:
    """document id → version the index holds; None when there is no index or it has another format."""
    state = read_state(session)
    if state is None or state.format != current_format():
        return None
    return {row[0]: row[1] for row in session.execute(text("SELECT document_id, version FROM kb_search_documents"))}


def drift(session: Session, doc_ids: Iterable[int] | None = None) -> Drift:
    """Where the index and the database disagree (of `doc_ids`, or of all documents). Raises
    IndexUnavailable when there is no index or one of another format (it needs a rebuild)."""
    held = held_versions(session)
    if held is None:
        raise IndexUnavailable("检索索引缺失或为旧版本格式。", "missing")
    wanted = sync.database_versions(session)
    if doc_ids is not None:
        ids = set(doc_ids)
        held = {k: v for k, v in held.items() if k in ids}
        wanted = {k: v for k, v in wanted.items() if k in ids}
    stale = frozenset(doc_id for doc_id, version in wanted.items() if held.get(doc_id) != version)
    return Drift(stale, frozenset(set(held) - set(wanted)))


def repair(session: Session, rebuild_index: Callable[[], int] | None = None) -> Repair:
    """Bring the index in step with the database (`python run.py init`, server start): rebuild
    a missing or old-format index, else re-index the drifted documents. The caller commits."""
    result = Repair()
    try:
        difference = drift(session)
    except IndexUnavailable:
        result.rebuilt = rebuild_index() if rebuild_index is not None else rebuild(session)
        return result
    if difference:
        update(session, difference.stale | difference.gone)
        result.reindexed, result.dropped = sorted(difference.stale), sorted(difference.gone)
    return result


# -- following the session -----------------------------------------------------------------

_followed = False
_follow_lock = threading.Lock()


def _wanted() -> bool:
    """Whether the app whose session commits searches with this backend."""
    from flask import current_app, has_app_context

    return has_app_context() and current_app.config.get("SEARCH_BACKEND") == "postgres"


def follow_sessions(session_registry) -> None:  # noqa: ANN001 - Flask-SQLAlchemy's scoped session
    """Re-index changed documents in the transaction that changes them, in apps with
    SEARCH_BACKEND=postgres. Listeners go on the session class, once per process."""
    global _followed
    with _follow_lock:
        if _followed:
            return
        _followed = True

    @event.listens_for(session_registry, "after_flush")
    def collect(session: Session, _context: object) -> None:
        from corpus.models import Article, Document

        changed = session.info.setdefault(CHANGED, set())
        for obj in (*session.new, *session.dirty, *session.deleted):
            if isinstance(obj, Document) and obj.id is not None:
                changed.add(obj.id)
            elif isinstance(obj, Article) and obj.document_id is not None:
                changed.add(obj.document_id)

    @event.listens_for(session_registry, "before_commit")
    def index(session: Session) -> None:
        if not (session.info.get(CHANGED) or session.new or session.dirty or session.deleted):
            return
        session.flush()
        changed = session.info.pop(CHANGED, set())
        if changed and _wanted():
            count = update(session, changed)
            session.info[INDEXED] = True
            log.info("search rows of documents %s rewritten in their transaction (%d articles)", sorted(changed)[:20], count)

    @event.listens_for(session_registry, "after_commit")
    def committed(session: Session) -> None:
        if session.info.pop(INDEXED, False):
            for kb in list(_live):
                kb.invalidate()

    @event.listens_for(session_registry, "after_rollback")
    def forget(session: Session) -> None:
        session.info.pop(CHANGED, None)
        session.info.pop(INDEXED, None)


_live: weakref.WeakSet[PgKnowledgeBase] = weakref.WeakSet()  # told after a commit that rewrote rows


# -- searching ------------------------------------------------------------------------------

# An article's columns under the names of ArticleRecord's fields.
_FIELDS = (
    "a.id AS article_id, a.document_id AS doc_id, d.title, coalesce(a.path, '') AS path, a.text, a.label,"
    " a.number, a.kind, a.anchor, a.ordinal, d.doc_type, d.status, d.doc_key, d.effective, d.version_date"
)
_RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(ArticleRecord))


def _fields(row) -> Fields:  # noqa: ANN001 - a result row holding _FIELDS
    values = row._mapping  # noqa: SLF001 - SQLAlchemy's public name for a row as a mapping
    return ArticleRecord(**{name: values[name] for name in _RECORD_FIELDS}).fields()


def _filters(doc_type: str | None, status: str | None, params: dict) -> str:
    sql = ""
    if doc_type:
        sql += " AND d.doc_type = :doc_type"
        params["doc_type"] = doc_type
    if status:
        sql += " AND d.status = :status"
        params["status"] = status
    return sql


class PgKnowledgeBase(KnowledgeBase):
    """The knowledge base over PostgreSQL's full-text tables; everything but the lookups is shared.

    Statistics (document frequencies, the documents table, the vocabulary) are cached per
    index version, checked at most every CHECK_INTERVAL seconds (at once after a commit in this
    process); candidates and their fields are always read live, in one statement."""

    backend = "postgres"
    CHECK_INTERVAL = 1.0
    # The table of document frequencies (one ts_stat scan: ~0.2 s for 4,000 articles, ~2 s for
    # 66,000 on a busy machine) is re-read at once after a commit in this process, and at most
    # this often for changes made by other servers; meanwhile a word it lacks is counted live.
    STATS_REFRESH = 30.0

    def __init__(self, engine: Engine) -> None:  # noqa: D107 - no Whoosh handle here
        self.engine = engine
        self.root = None
        _live.add(self)
        self._lock = threading.Lock()
        self._state: State | None = None
        self._checked = 0.0
        self._vocabulary: Vocabulary | None = None
        self._documents: dict[str, dict[str, str]] = {}
        self._idf: dict[str, float] = {}
        self._df: dict[str, int] = {}
        self._terms: dict[str, int] | None = None  # word → document frequency, of version _terms_version
        self._terms_version = -1
        self._terms_at = 0.0

    def invalidate(self) -> None:
        """Read the state and the frequencies again on next use (after a commit that changed the index)."""
        self._checked = 0.0
        self._terms_at = -self.STATS_REFRESH

    def state(self) -> State:
        """The current index state; raises IndexUnavailable when nothing was ever indexed."""
        now = time.monotonic()
        if self._state is None or now - self._checked >= self.CHECK_INTERVAL:
            with self.engine.connect() as conn:
                state = read_state(conn)
            if state is None:
                self._state = None
                raise IndexUnavailable(MISSING_MESSAGE, "missing")
            with self._lock:
                new = self._state is None or state.version != self._state.version
                if new:
                    self._idf, self._df = {}, {}
                    self._documents = self._read_documents()
                self._state, self._checked = state, now
            if new and self.on_new_index is not None:
                self.on_new_index(state.format, state.mine_words)
        return self._state

    def searcher(self) -> State:  # the Whoosh class's cache check, under its name
        return self.state()

    def _read_documents(self) -> dict[str, dict[str, str]]:
        sql = text(
            "SELECT d.id, d.title, d.status, d.doc_type, d.doc_key, d.version_date, s.focus"
            " FROM kb_search_documents s JOIN documents d ON d.id = s.document_id"
        )
        with self.engine.connect() as conn:
            rows = conn.execute(sql).all()
        return {
            str(r.id): {
                "title": r.title,
                "status": r.status,
                "doc_type": r.doc_type,
                "doc_key": r.doc_key or r.title,
                "version_date": r.version_date.isoformat() if r.version_date else "",
                "focus": r.focus,
            }
            for r in rows
        }

    def _scalar(self, sql: str, params: dict) -> object:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def _frequencies(self) -> dict[str, int]:
        """word → number of articles holding it, re-read when the index changed (see STATS_REFRESH)."""
        state = self.state()
        now = time.monotonic()
        if self._terms is None or (self._terms_version != state.version and now - self._terms_at >= self.STATS_REFRESH):
            with self.engine.connect() as conn:
                version = conn.execute(text("SELECT version FROM kb_search_state WHERE id = 1")).scalar()
                rows = conn.execute(text("SELECT word, ndoc FROM ts_stat('SELECT terms FROM kb_search_entries')")).all()
            with self._lock:
                self._terms, self._terms_version, self._terms_at = {r.word: r.ndoc for r in rows}, version, now
                self._vocabulary = None
        return self._terms

    def vocabulary(self) -> Vocabulary:
        terms = self._frequencies()
        if self._vocabulary is None:
            self._vocabulary = Vocabulary.from_terms(terms.items())
        return self._vocabulary

    def idf(self, term: str) -> float:
        value = self._idf.get(term)
        if value is None:
            value = bm25_idf(self.state().articles, self.df(term))
            self._idf[term] = value
        return value

    def doc_count(self) -> int:
        return self.state().articles

    def df(self, term: str) -> int:
        value = self._df.get(term)
        if value is None:
            terms = self._frequencies()
            if self._terms_version == self.state().version or term in terms:
                value = terms.get(term, 0)
            else:  # the table is older than the index: count a word it lacks
                sql = "SELECT count(*) FROM kb_search_entries WHERE terms @@ CAST(:q AS tsquery)"
                value = int(self._scalar(sql, {"q": tsquery([term])})) if term and len(term) <= MAX_LEXEME else 0
            self._df[term] = value
        return value

    def together(self, word: str, others: list[str]) -> int:
        if not others:
            return 0
        query = f"{tsquery([word])} & ({tsquery(others)})"
        return int(self._scalar("SELECT count(*) FROM kb_search_entries WHERE terms @@ CAST(:q AS tsquery)", {"q": query}))

    def _best(self, terms: list[tuple[str, float]], limit: int, where: Where, require_all: bool) -> list[Candidate]:
        state = self.state()
        # Every clause counts, as in Whoosh's Or (a synonym of two words counts twice): a word's boosts add up.
        weights: dict[str, float] = {}
        for term, boost in terms:
            if self.df(term):  # a word no article holds adds nothing (and cannot be required)
                weights[term] = weights.get(term, 0.0) + boost * self.idf(term)
            elif require_all:
                return []
        if not weights:
            return []
        common = {t for t in weights if self.df(t) > max(COMMON_DF, COMMON_SHARE * state.articles)}
        if common and not require_all and len(common) < len(weights):
            # MaxScore: the articles holding the rarer words, scored by all words, set the page's
            # last score. An article holding none of a set of words scores at most their bounds'
            # sum (a word adds weight × tf(k1 + 1) / (tf + …) < weight × (k1 + 1)): the most common
            # words are left unread while that sum stays below the last score (and when all the
            # common ones are, the rarer words' page is the exact top `limit`).
            found = self._scored(weights, [t for t in weights if t not in common], limit, where, "|")
            if len(found) == limit:
                unread, bound = set(), 0.0
                for term in sorted(weights, key=self.df, reverse=True):
                    bound += weights[term] * (BM25_K1 + 1)
                    if bound >= found[-1][1]:
                        break
                    unread.add(term)
                if unread >= common:
                    return found
                if unread:
                    return self._scored(weights, [t for t in weights if t not in unread], limit, where, "|")
        return self._scored(weights, list(weights), limit, where, "&" if require_all else "|")

    def _scored(
        self,
        weights: dict[str, float],
        match: list[str],
        limit: int,
        where: Where,
        operator: str,
    ) -> list[Candidate]:
        """The best `limit` articles holding `match` words (joined by `operator`), scored by all `weights`.

        Counts come from kb_search_postings: with "|" each matching word's articles are one range
        of its primary key, read with their counts and lengths (no tsvector match, no jsonb to
        decode); the other words are looked up only in the articles found, by (word, article).
        With "&" the GIN index finds the articles holding every word and all words are looked
        up in those only."""
        state = self.state()
        fetch = set(match) if operator == "|" else set()
        params: dict[str, object] = {
            "terms": list(weights),
            "weights": list(weights.values()),
            "fetch": [term in fetch for term in weights],
            "all": tsquery(match, "&"),
            "limit": limit,
            "k1": BM25_K1,
            "b": BM25_B,
            "avg": (state.length / state.articles) if state.articles else 1.0,
        }
        condition = _filters(*where, params)
        bm25 = "q.weight * p.tf * (:k1 + 1) / (p.tf + :k1 * ((1 - :b) + :b * p.length / :avg))"
        if fetch:
            join = " JOIN documents d ON d.id = p.document_id" if condition else ""
            matched = (
                f" matched AS (SELECT p.article_id, sum({bm25}) AS score FROM q"
                f" JOIN kb_search_postings p ON p.term = q.term{join} WHERE q.finds{condition} GROUP BY p.article_id),"
            )
        else:
            join = " JOIN documents d ON d.id = e.document_id" if condition else ""
            matched = (
                " matched AS (SELECT e.article_id, CAST(0 AS float8) AS score FROM kb_search_entries e"
                f"{join} WHERE e.terms @@ CAST(:all AS tsquery){condition}),"
            )
        sql = text(
            "WITH q AS (SELECT * FROM unnest(CAST(:terms AS text[]), CAST(:weights AS float8[]),"
            " CAST(:fetch AS boolean[])) AS q(term, weight, finds)),"
            + matched
            + f" rest AS (SELECT p.article_id, {bm25} AS part FROM q CROSS JOIN matched m"
            " JOIN kb_search_postings p ON p.term = q.term AND p.article_id = m.article_id WHERE NOT q.finds),"
            " top AS (SELECT article_id, sum(score) AS score FROM"
            " (SELECT article_id, score FROM matched UNION ALL SELECT article_id, part FROM rest) parts"
            " GROUP BY article_id ORDER BY score DESC, article_id LIMIT :limit)"
            f" SELECT top.score, {_FIELDS} FROM top JOIN articles a ON a.id = top.article_id"
            " JOIN documents d ON d.id = a.document_id ORDER BY top.score DESC, a.id"
        )
        with self.engine.connect() as conn:
            rows = conn.execute(sql, params).all()
        return [(_fields(row), float(row.score)) for row in rows]

    def _one(self, where: str, params: dict) -> Fields | None:
        sql = text(
            f"SELECT {_FIELDS} FROM kb_search_entries e JOIN articles a ON a.id = e.article_id"
            f" JOIN documents d ON d.id = a.document_id WHERE {where} ORDER BY a.ordinal, a.id LIMIT 1"
        )
        with self.engine.connect() as conn:
            row = conn.execute(sql, params).first()
        return _fields(row) if row else None

    def lookup(self, doc_id: str, number: int, doc_type: str | None = None, status: str | None = None) -> Fields | None:
        self.state()
        params: dict[str, object] = {"doc": int(doc_id), "number": number}
        return self._one("e.document_id = :doc AND a.number = :number" + _filters(doc_type, status, params), params)

    def article_fields(self, article_id: int) -> Fields | None:
        self.state()
        return self._one("e.article_id = :id", {"id": int(article_id)})
