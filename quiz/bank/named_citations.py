"""The article a question's 解析 names, looked up in the library, as its citation suggestion.

A trainer who writes 《煤矿安全规程》第四百七十八条 (or 规程第四百七十八条, or a bare 第四百七十八条)
into the 解析 has said where the rule comes from; the search's guess must not outrank it. The
named article is taken when it is in force and its text shares the question's content (so a
mistyped number is not believed). A title in 《》 picks the document; a bare number prefers a
document the 解析 names, if only by the end of its title (规程 → 煤矿安全规程), then the question's own accepted citation, then the documents
the bank's questions cite most.
"""

from __future__ import annotations

from sqlalchemy import func, select

from core.db import db
from corpus.models import Article, Document
from quiz.bank.models import Question
from quiz.bank.references import ArticleReference, article_references, shared_bigrams, without_references

REASON = "解析中注明"
MIN_SHARED = 3  # adjacent character pairs the article and the question have in common


def named_article(question: Question) -> Article | None:
    """The in-force article the question's 解析 names and whose text bears on it, or None."""
    version = question.current_version
    if version is None or not version.explanation:
        return None
    references = article_references(version.explanation)
    if not references:
        return None
    content = f"{version.stem} {question.to_draft().answer_text} {without_references(version.explanation)}"
    for reference in references:
        article = _resolve(reference, content, version.explanation, question)
        if article is not None:
            return article
    return None


def _resolve(reference: ArticleReference, content: str, explanation: str, question: Question) -> Article | None:
    query = (
        select(Article)
        .join(Document)
        .where(
            Document.status == "current",
            Article.kind == "article",
            Article.number == reference.number,
            Article.sub.is_(None) if reference.sub is None else Article.sub == reference.sub,
        )
    )
    sharing = [a for a in db.session.scalars(query) if shared_bigrams(content, a.text) >= MIN_SHARED]
    if not sharing:
        return None
    if reference.title:
        exact = [a for a in sharing if a.document.title == reference.title]
        sharing = exact or [a for a in sharing if reference.title in a.document.title]
    else:
        named = [a for a in sharing if _names(explanation, a.document.title)]
        sharing = named or sharing
    if not sharing:
        return None
    own = question.article.document.doc_key if question.citation_state == "accepted" and question.article else None
    cited = _cited_documents()
    return max(sharing, key=lambda a: (a.document.doc_key == own, cited.get(a.document.doc_key, 0),
                                       shared_bigrams(content, a.text), -a.id))


def _names(explanation: str, title: str) -> bool:
    """Whether the 解析 names the document: its title, or the end of it as a short name (规程)."""
    return any(title[i:] in explanation for i in range(len(title) - 1))


def _cited_documents() -> dict[str, int]:
    """doc_key → how many live questions cite one of its articles (accepted citations)."""
    query = (
        select(Document.doc_key, func.count(Question.id))
        .join(Article, Article.document_id == Document.id)
        .join(Question, Question.article_id == Article.id)
        .where(Question.citation_state == "accepted", Question.status != "retired")
        .group_by(Document.doc_key)
    )
    return dict(db.session.execute(query).all())
