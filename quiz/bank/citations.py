"""Where a question's answer comes from: suggestions, trainer choices, stale flags, reverse lookup.

The knowledge-base search is never imported here: the app injects a suggester callable
(`current_app.extensions["citation_suggester"]`) and the view or command passes it in.
A question remembers a hash of the article text it was checked against; when a document
changes, questions whose article now reads differently (or is gone, or repealed) are
flagged stale for review, and those whose article is unchanged follow it to the new version.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session

from core.db import db
from corpus.documents import Citation
from corpus.models import Article, Document
from quiz.bank.cells import parse_citation
from quiz.bank.models import Question, QuestionVersion
from quiz.bank.named_citations import REASON as NAMED_REASON
from quiz.bank.named_citations import named_article
from quiz.bank.types import QuestionDraft

log = logging.getLogger(__name__)


MIN_CONFIDENCE = 0.3  # below this a suggestion misleads more than it helps


class Suggestion(Protocol):
    """What the suggester returns per candidate article (the search package builds these)."""

    article_id: int
    citation: object  # a Citation or its text; the bank reads the article itself
    score: float
    confidence: float


Suggester = Callable[[str], "list[Suggestion]"]


@dataclass(frozen=True)
class Candidate:
    """An article offered on a question's page: the suggester's confidence, or why it is offered."""

    article: Article
    confidence: float | None
    reason: str = ""


@dataclass(frozen=True)
class CitingQuestion:
    """A question listed on an article page."""

    id: int
    type_label: str
    stem: str
    status: str
    stale: bool


def text_hash(text: str) -> str:
    """Hash of an article's text, ignoring whitespace, to notice real changes only."""
    return hashlib.sha1("".join(text.split()).encode("utf-8")).hexdigest()


def cite_article(
    question: Question, article: Article | None, *, confidence: float | None = None, state: str = "accepted"
) -> None:
    """Point a question at an article (the trainer's choice or an accepted suggestion); None clears it."""
    if article is None:
        question.article_id = None
        question.citation_title, question.citation_article, question.citation_version = None, "", None
        question.citation_confidence, question.citation_text_hash = None, None
        question.citation_state = "none"
        return
    citation = article.citation
    question.article, question.article_id = article, article.id
    question.citation_title, question.citation_article = citation.title, citation.article
    question.citation_version = citation.version
    question.citation_confidence = confidence
    question.citation_text_hash = text_hash(article.text)
    question.citation_state = state
    question.stale, question.stale_reason = False, ""


def find_article(citation: Citation) -> Article | None:
    """The article a written citation names, in the current version of the document."""
    if not citation.article:
        return None
    query = (
        select(Article)
        .join(Document)
        .where(Document.title == citation.title, Article.label == citation.article)
        .order_by((Document.status == "current").desc(), Document.version_date.desc().nulls_last(), Document.id.desc())
    )
    return db.session.scalars(query).first()


def apply_draft_citation(question: Question, draft: QuestionDraft) -> None:
    """Attach the citation a draft carries: by article id, or resolved from its written title and article."""
    article = db.session.get(Article, draft.article_id) if draft.article_id else None
    if article is None and draft.citation is not None:
        article = find_article(draft.citation)
    if article is not None:
        cite_article(question, article, confidence=draft.citation_confidence)
    elif draft.citation is not None:
        # A source the library does not hold yet: keep the trainer's words.
        question.citation_title, question.citation_article = draft.citation.title, draft.citation.article
        question.citation_version, question.citation_state = draft.citation.version, "accepted"


def suggest_for(question: Question, suggest: Suggester) -> bool:
    """Attach the best article as a suggestion; returns whether one was found.

    The article the question's 解析 names comes first; otherwise the suggester's best. A question
    with no convincing candidate is marked "nomatch" so it is not asked again.
    """
    named = named_article(question)
    if named is not None:
        cite_article(question, named, state="suggested")
        return True
    suggestions = _suggestions(question, suggest)
    best = suggestions[0] if suggestions else None
    article = db.session.get(Article, best.article_id) if best and best.confidence >= MIN_CONFIDENCE else None
    if article is None:
        question.citation_state = "nomatch"
        return False
    cite_article(question, article, confidence=best.confidence, state="suggested")
    return True


def candidates(question: Question, suggest: Suggester | None, limit: int = 3) -> list[Candidate]:
    """Articles proposed for a question, for the trainer to pick from: the one its 解析 names
    first, then the suggester's, with their confidence."""
    found: list[Candidate] = []
    named = named_article(question)
    suggestions = _suggestions(question, suggest)
    if named is not None:
        confidence = next((s.confidence for s in suggestions if s.article_id == named.id), None)
        found.append(Candidate(named, confidence, NAMED_REASON))
    for suggestion in suggestions:
        article = db.session.get(Article, suggestion.article_id)
        if article is not None and all(c.article.id != article.id for c in found):
            found.append(Candidate(article, suggestion.confidence))
    return found[:limit]


def suggestion_reason(question: Question) -> str:
    """Why the question's pending suggestion was made when it is not the search's guess (解析中注明)."""
    if question.citation_state != "suggested" or question.article_id is None:
        return ""
    named = named_article(question)
    return NAMED_REASON if named is not None and named.id == question.article_id else ""


def _suggestions(question: Question, suggest: Suggester | None) -> list[Suggestion]:
    version = question.current_version
    assert version is not None
    if suggest is None:
        return []
    try:
        return list(suggest(f"{version.stem} {question.to_draft().answer_text}"))
    except Exception:  # a broken search must not sink an import; the page still works without it
        log.exception("citation suggester failed for question %s", question.id)
        return []


def resolve_source(text: str) -> Article | None:
    """The article a trainer names: an article id, or "《煤矿安全规程》第十条"."""
    text = text.strip()
    if text.isdigit():
        return db.session.get(Article, int(text))
    citation = parse_citation(text)
    return find_article(citation) if citation else None


def follow_named_articles() -> int:
    """Move unconfirmed suggestions (and misses) to the article the question's 解析 names, where it
    is not that one already (suggestions made before 解析 were read); returns how many moved."""
    query = select(Question).where(Question.citation_state.in_(("suggested", "nomatch")), Question.status != "retired")
    moved = 0
    for question in db.session.scalars(query).all():
        named = named_article(question)
        if named is not None and named.id != question.article_id:
            cite_article(question, named, state="suggested")
            moved += 1
    db.session.flush()
    return moved


def forget_misses() -> None:
    """Let questions for which no article was found be tried again (the library or index changed)."""
    db.session.execute(update(Question).where(Question.citation_state == "nomatch").values(citation_state="none"))


def pending_suggestions() -> int:
    """How many live questions have never been offered a citation."""
    query = select(func.count()).select_from(Question)
    return db.session.scalar(query.where(Question.citation_state == "none", Question.status != "retired")) or 0


def suggest_pending(suggest: Suggester, limit: int = 200) -> int:
    """Offer citations to up to `limit` questions that have none yet; returns how many got one.

    Imports suggest for their first questions only (the search takes tens of milliseconds
    a question); this catches up on the rest in batches.
    """
    query = (
        select(Question)
        .where(Question.citation_state == "none", Question.status != "retired")
        .order_by(Question.id)
        .limit(limit)
    )
    found = sum(suggest_for(question, suggest) for question in db.session.scalars(query).all())
    db.session.flush()
    return found


def questions_citing(article_id: int) -> list[CitingQuestion]:
    """Questions (not retired) that cite an article, for the article page."""
    query = (
        select(Question, QuestionVersion)
        .join(QuestionVersion, Question.current_version_id == QuestionVersion.id)
        .where(Question.article_id == article_id, Question.status != "retired")
        .order_by(Question.id)
    )
    return [CitingQuestion(q.id, v.type_label, v.stem, q.status, q.stale) for q, v in db.session.execute(query)]


def flagged_by_removal(document_id: int) -> Select[tuple[Question]]:
    """The questions deleting the document sends to review (`mark_stale_for_removal`): those (not retired)
    citing one of its articles whose 出处 someone set or accepted — the system's unconfirmed suggestion is
    suggested afresh instead. The one rule the confirmation counts by (`count_citing_document`, and
    quiz.bank.withdrawal.removal_consequences) and the deletion flags by."""
    articles = select(Article.id).where(Article.document_id == document_id)
    return select(Question).where(Question.article_id.in_(articles), Question.status != "retired",
                                  Question.citation_state != "suggested")


def count_citing_document(document_id: int) -> int:
    """How many questions deleting a document sends to review (`flagged_by_removal`), told before it is removed."""
    counted = flagged_by_removal(document_id).with_only_columns(func.count()).order_by(None)
    return db.session.scalar(counted) or 0


def mark_stale_for_documents(document_ids: Iterable[int]) -> int:
    """Review questions citing any version of the changed documents; returns how many were flagged.

    Unchanged articles carry their questions over to the document's current version.
    """
    ids = list(document_ids)
    if not ids:
        return 0
    keys = set(db.session.scalars(select(Document.doc_key).where(Document.id.in_(ids))))
    documents = list(db.session.scalars(select(Document).where(Document.doc_key.in_(keys))))
    titles = {d.title for d in documents}
    article_ids = select(Article.id).where(Article.document_id.in_([d.id for d in documents]))
    cited = db.session.scalars(
        select(Question).where(
            Question.status != "retired",
            or_(
                Question.article_id.in_(article_ids),
                (Question.article_id.is_(None))
                & Question.citation_title.in_(titles)
                & (Question.citation_text_hash.is_not(None)),
            ),
        )
    )
    flagged = 0
    for question in cited:
        reason = _review(question, documents)
        if question.citation_state == "suggested":
            # Only the system's guess: nobody relies on it, so it is not flagged; one on an article
            # no longer in force (or changed) is dropped and suggested afresh (suggest_pending).
            if reason:
                cite_article(question, None)
            if question.stale and _by_status(question.stale_reason):
                question.stale, question.stale_reason = False, ""
        elif reason:
            if not question.stale or _by_status(question.stale_reason):  # an earlier reason (修改) stands
                question.stale, question.stale_reason = True, reason[:300]
            flagged += 1
        elif question.stale and _by_status(question.stale_reason):
            # Flagged only because its document was out of force (a newer version registered, then
            # cleared; a repeal withdrawn): the article reads as it did, so the flag goes.
            question.stale, question.stale_reason = False, ""
    db.session.flush()
    return flagged


# Reasons `_review` gives when the cited document went out of force (the first as older releases wrote it).
_STATUS_REASONS = ("所在文件已废止或被取代", "所在文件已被新版本取代", "所在文件已废止，")


def _by_status(reason: str | None) -> bool:
    """Whether a stale flag was set only because the cited document went out of force."""
    return any(words in (reason or "") for words in _STATUS_REASONS)


def _review(question: Question, documents: list[Document]) -> str | None:
    """Why the question needs review after its document changed, or None (and follow the article)."""
    cited = f"《{question.citation_title}》{question.citation_article}"
    old = question.article
    key = old.document.doc_key if old else None
    versions = [d for d in documents if key is None or d.doc_key == key]
    current = [d for d in versions if d.status == "current"]
    if not current:
        if any(d.status == "repealed" for d in versions):
            return f"{cited}所在文件已废止，请核对"
        newer = next((d.newer_version for d in versions if d.newer_version), None)
        return f"{cited}所在文件已被新版本取代{f'（{newer}）' if newer else ''}，请核对"
    newest = max(current, key=lambda d: (d.version_date or d.created_at.date(), d.id))
    label = old.label if old else question.citation_article
    match = next((a for a in newest.articles if a.label == label and label), None)
    if match is None:
        return f"{cited}在新版本中已删除或改号，请核对"
    if text_hash(match.text) != question.citation_text_hash:
        return f"{cited}在新版本中已修改，请核对"
    if match.id != question.article_id:
        question.article, question.article_id = match, match.id
        question.citation_version = match.citation.version
    return None


def mark_stale_for_removal(session: Session, document: Document) -> int:
    """Send the questions citing a document about to be deleted back to review; returns how many.

    They lose the link to the article (its row goes) but keep the written source, so the
    trainer sees what they cited; until reviewed no new paper or practice draws them. Papers
    already drawn and answers already given keep the versions they stored.
    """
    articles = {a.id: a.label for a in document.articles}
    if not articles:
        return 0
    guesses = session.scalars(select(Question).where(Question.article_id.in_(articles), Question.status != "retired",
                                                     Question.citation_state == "suggested"))
    for question in guesses:  # only the system's guess: suggested afresh, not flagged
        cite_article(question, None)
        question.stale, question.stale_reason = False, ""
    flagged = 0
    for question in session.scalars(flagged_by_removal(document.id)):
        cited = f"《{question.citation_title or document.title}》{question.citation_article or articles[question.article_id]}"
        question.article_id = None
        question.stale, question.stale_reason = True, f"{cited}所在文件已从法规文库删除，请核对"[:300]
        flagged += 1
    session.flush()
    return flagged


def on_document_removing(_sender: Any, document: Document, session: Session, **_extra: Any) -> None:
    """Receiver of `corpus.signals.document_removing`: runs in the deleting transaction."""
    flagged = mark_stale_for_removal(session, document)
    if flagged:
        log.info("sent %d questions back to review: document %s is being removed", flagged, document.id)


def on_documents_changed(_sender: Any, document_ids: Iterable[int] = (), **_extra: Any) -> None:
    """Receiver of `corpus.signals.documents_changed`: runs in the sender's transaction.

    Besides flagging stale questions, questions that found no article before get another
    chance, since the library has changed.
    """
    forget_misses()
    flagged = mark_stale_for_documents(document_ids)
    if flagged:
        log.info("flagged %d questions for review after documents %s changed", flagged, list(document_ids))
