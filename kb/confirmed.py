"""Trainer-confirmed answers (培训员确认的答案): a trainer ties a question workers ask to the article
that answers it, and every later asking of that question (the same wording by gap_key: spaces,
punctuation, width and case aside) is answered from that article.

The web page, /api/ask and `run.py ask` all answer through `answer`, so they agree; kb.qa.ask itself
never reads confirmations (bench/eval_ask.py measures it alone).

A confirmation must not mislead once the library changes (`current_article`):
- the article deleted: the confirmation is ignored (ask answers) and listed as 条文已删除;
- its document superseded by a version the library holds (Document.superseded_by_id, followed to the
  version in force): the article of that version restating it (most of its character pairs, at
  least kb.series.RESTATED) answers instead;
- superseded with no such article, or repealed: the article answers with its status shown, as ask
  shows an old version it answers from.

Services flush; the view or command calling them commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from core.db import utcnow
from corpus.models import Article, Document
from kb.highlight import char_pairs
from kb.kinds import question_kind
from kb.models import MAX_QUESTION, ConfirmedAnswer, SearchGap, gap_key
from kb.qa import Answer, ask, confirmed_answer
from kb.query import plan_query
from kb.search import KnowledgeBase
from kb.series import RESTATED

MAX_SUCCESSIONS = 10  # versions followed from a superseded document to the one in force
OTHER_KIND = "other"  # the kind exported for a question whose kind kb.kinds does not recognise


def confirm(session: Session, question: str, article_id: int, user_id: int | None, by: str = "") -> ConfirmedAnswer:
    """Confirm `article_id` as the answer to `question` (replacing the article confirmed for the same
    wording before) and mark the open gap of that wording resolved. Raises ValueError for a question
    with no words and LookupError for an article that does not exist.

    Two trainers confirming the same new wording at once both find none; the second insert breaks
    the unique key, is rolled back to its savepoint (what the caller did before stays) and replaces
    the first one's confirmation instead, as confirming again would."""
    key = gap_key(question)
    if not key:
        raise ValueError("empty question")
    article = session.get(Article, article_id)
    if article is None:
        raise LookupError(article_id)
    record = find(session, question)
    # A write before the savepoint: under SQLite's driver a savepoint opening the transaction would
    # commit on release, outside the caller's unit of work.
    session.execute(
        update(SearchGap).where(SearchGap.key == key, SearchGap.resolved.is_(False)).values(resolved=True)
    )
    if record is None:
        try:
            with session.begin_nested():  # only this insert is undone if it loses the race
                record = _filled(ConfirmedAnswer(key=key), question, article, user_id, by)
                session.add(record)
        except IntegrityError:  # another trainer confirmed the same wording since `find`: replace theirs
            record = find(session, question)
            if record is None:
                raise
    _filled(record, question, article, user_id, by)
    session.flush()
    return record


def _filled(record: ConfirmedAnswer, question: str, article: Article, user_id: int | None,
            by: str) -> ConfirmedAnswer:
    record.question = question.strip()[:MAX_QUESTION]
    record.article_id = article.id
    record.citation = str(article.citation)[:300]
    record.user_id = user_id
    record.confirmed_by = by[:50]
    record.confirmed_at = utcnow()
    return record


def withdraw(session: Session, question: str) -> bool:
    """Withdraw the confirmation of `question`'s wording; whether there was one."""
    key = gap_key(question)
    removed = session.execute(delete(ConfirmedAnswer).where(ConfirmedAnswer.key == key)).rowcount if key else 0
    session.flush()
    return bool(removed)


def find(session: Session, question: str) -> ConfirmedAnswer | None:
    """The confirmation of `question`'s wording (gap_key), or None."""
    key = gap_key(question)
    return session.scalar(select(ConfirmedAnswer).where(ConfirmedAnswer.key == key)) if key else None


def current_article(session: Session, record: ConfirmedAnswer) -> Article | None:
    """The article a confirmation answers with (see the module's rules); None when it was deleted."""
    article = session.get(Article, record.article_id) if record.article_id is not None else None
    if article is None or article.document.is_current:
        return article
    document: Document | None = article.document
    for _ in range(MAX_SUCCESSIONS):
        if document is None or document.superseded_by_id is None:
            return article
        document = session.get(Document, document.superseded_by_id)
        if document is not None and document.is_current:
            return restating(article, document.articles) or article
    return article


def restating(old: Article, candidates: list[Article]) -> Article | None:
    """The candidate holding most of `old`'s character pairs, if it holds at least RESTATED of them."""
    wanted = char_pairs(old.text)
    if not wanted:
        return None
    share, best = max(((len(wanted & char_pairs(a.text)) / len(wanted), a) for a in candidates),
                      key=lambda pair: pair[0], default=(0.0, None))
    return best if share >= RESTATED else None


@dataclass(frozen=True)
class Listed:
    """A confirmation as trainers see it: the article it now answers with (None: deleted)."""

    record: ConfirmedAnswer
    article: Article | None

    @property
    def citation(self) -> str:
        """The citation answered with, or the one confirmed when the article is gone."""
        return str(self.article.citation) if self.article is not None else self.record.citation

    @property
    def state(self) -> str:
        """"" when the article confirmed is in force; 条文已删除, or its status (已被新版本取代, 已废止),
        or that a newer version answers instead."""
        if self.article is None:
            return "条文已删除"
        if self.article.id != self.record.article_id:
            return "已按新版本回答"
        return "" if self.article.document.is_current else self.article.document.status_label


def listed(session: Session) -> list[Listed]:
    """Every confirmation, latest first, with the article it answers with."""
    records = list(session.scalars(select(ConfirmedAnswer).order_by(ConfirmedAnswer.confirmed_at.desc(),
                                                                    ConfirmedAnswer.id.desc())))
    # The articles and their documents in one read: current_article then finds them in the session.
    # (held in `loaded` while they are looked up: the session keeps only weak references).
    ids = {record.article_id for record in records if record.article_id is not None}
    loaded = list(session.scalars(select(Article).where(Article.id.in_(ids))
                                  .options(selectinload(Article.document)))) if ids else []
    listing = [Listed(record, current_article(session, record)) for record in records]
    del loaded
    return listing


def answer(kb: KnowledgeBase, session: Session, question: str) -> Answer:
    """The answer to a worker's question: from the article a trainer confirmed for its wording when
    there is one still in the library (and in the index), else as kb.qa.ask answers it."""
    found = ask(kb, question)
    record = find(session, question)
    article = current_article(session, record) if record is not None else None
    hit = kb.article(article.id) if article is not None else None
    if hit is None:
        return found
    return confirmed_answer(kb, found, hit, record.confirmed_by, record.confirmed_at)


def labelled_rows(session: Session) -> list[tuple[str, str, str, str]]:
    """(question, official title, article label, kind) per confirmation whose article is still held:
    the gold of a labelled set bench/eval_ask.py reads, the article being the one answered with."""
    rows = []
    for item in reversed(listed(session)):
        if item.article is not None:
            kind = question_kind(plan_query(item.record.question).text) or OTHER_KIND
            rows.append((item.record.question, item.article.document.title, item.article.label, kind))
    return rows
