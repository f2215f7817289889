"""Where generators get their articles: the corpus database in the app, parsed files in tests.

The database path trusts ingestion's status (current/superseded/repealed). The file path
(`records_from_files`) decides status itself, the way ingestion does: the newest version of
a title is current and older ones are superseded; a document that another declares 废止 is
repealed; and two newer versions we know exist but do not hold (`KNOWN_NEWER`) supersede
the copies in ../shared. Generators only ever receive current articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from corpus.documents import ParsedDocument
from corpus.normalize import normalize_title
from corpus.structure import parse_file
from quiz.generation.records import ArticleRecord

THEORY_DOC_TYPES = ("法律", "行政法规", "部门规章", "司法解释", "地方性法规", "企业制度")
SUFFIXES = (".md", ".html", ".htm", ".txt", ".docx", ".pdf")

# Newer versions that exist but are not in the shared corpus (HAZARDS.md §3, corpus README):
# 判定标准 2015 → 应急管理部令第4号 (2020); 冲击地压细则 2018 → 矿安〔2026〕82号.
KNOWN_NEWER: dict[str, str] = {
    "煤矿重大生产安全事故隐患判定标准": "2020-11-20",
    "防治煤矿冲击地压细则": "2026-01-01",
}


def parse_folder(folder: Path) -> list[tuple[Path, ParsedDocument]]:
    """Parse every document file under `folder` (recursively), sorted by path."""
    out = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            out.append((path, parse_file(path)))
    return out


def resolve_status(documents: list[tuple[Path, ParsedDocument]]) -> dict[Path, str]:
    """Status of each parsed document: current, superseded or repealed (see module doc)."""
    versions: dict[str, list[tuple[str, Path]]] = {}
    for path, doc in documents:
        versions.setdefault(normalize_title(doc.title), []).append((_date(doc), path))
    status: dict[Path, str] = {path: "current" for path, _ in documents}
    for key, entries in versions.items():
        newest = max(date for date, _ in entries)
        newest = max(newest, KNOWN_NEWER.get(key, ""))
        for date, path in entries:
            if date < newest:
                status[path] = "superseded"
    for path, doc in documents:
        for repeal in doc.repeals:
            target = normalize_title(repeal.title)
            for other_date, other in versions.get(target, []):
                if other != path and other_date < _date(doc):
                    status[other] = "repealed"
    return status


def _date(doc: ParsedDocument) -> str:
    return doc.version_date.isoformat() if doc.version_date else ""


def records_from_files(folder: Path, *, include_inactive: bool = False) -> list[ArticleRecord]:
    """Article records of every document under `folder`; only current ones unless asked.

    Two copies of the same version (a law in laws/ and again as a web page) yield one set
    of records: the first by path order.
    """
    documents = parse_folder(folder)
    status = resolve_status(documents)
    seen: set[tuple[str, str]] = set()
    records: list[ArticleRecord] = []
    for path, doc in documents:
        if doc.doc_type not in THEORY_DOC_TYPES:
            continue
        version = _date(doc) or None
        identity = (normalize_title(doc.title), version or "")
        if identity in seen:
            continue
        seen.add(identity)
        if status[path] != "current" and not include_inactive:
            continue
        records.extend(_records(doc, status[path], version))
    return records


def _records(doc: ParsedDocument, status: str, version: str | None) -> Iterator[ArticleRecord]:
    for article in doc.articles:
        if article.kind != "article":
            continue
        yield ArticleRecord(
            title=doc.title,
            status=status,
            version=version,
            label=article.label,
            number=article.number,
            text=article.text,
            doc_type=doc.doc_type,
            has_table=article.has_table,
            path=" / ".join(article.path),
        )


def records_from_db(titles: Iterable[str] = ()) -> list[ArticleRecord]:
    """Article records of current documents in the database (optionally only these titles)."""
    from sqlalchemy import select

    from core.db import db
    from corpus.models import Article, Document

    query = select(Article, Document).join(Document).where(Document.status == "current", Article.kind == "article")
    wanted = {normalize_title(t) for t in titles}
    out = []
    for article, doc in db.session.execute(query.order_by(Document.id, Article.ordinal)):
        if doc.doc_type not in THEORY_DOC_TYPES:
            continue
        if wanted and doc.doc_key not in wanted and normalize_title(doc.title) not in wanted:
            continue
        out.append(
            ArticleRecord(
                title=doc.title,
                status=doc.status,
                version=doc.version_date.isoformat() if doc.version_date else None,
                label=article.label,
                number=article.number,
                text=article.text,
                doc_type=doc.doc_type,
                has_table="\n| " in "\n" + article.text,
                article_id=article.id,
                path=article.path or "",
            )
        )
    return out
