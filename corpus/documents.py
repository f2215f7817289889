"""Shared vocabulary of the corpus: parsed documents, their articles, and citations.

These plain dataclasses are what readers and the structure parser produce and what
ingestion stores; `kb` and `quiz` speak about sources only through `Citation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

DOC_TYPES = ("法律", "行政法规", "部门规章", "司法解释", "地方性法规", "企业制度", "案例", "新闻/通知")
# pending: a version held before its 施行 date; it takes over from the version in force on that day.
STATUSES = ("current", "pending", "superseded", "repealed")
STATUS_LABELS = {"current": "现行有效", "pending": "尚未施行", "superseded": "已被新版本取代", "repealed": "已废止"}
# Types that are not rules: an accident case or a news item is neither in force nor repealed, and has
# no 施行 date, so pages show no such status for them (nor look for repeals in them).
NOT_RULES = ("案例", "新闻/通知")


def has_force(doc_type: str) -> bool:
    """Whether a document of this type is a rule (law, regulation, the mine's own rules) whose
    现行/废止 status and 施行 date mean something."""
    return doc_type not in NOT_RULES


@dataclass(frozen=True)
class ParsedArticle:
    """One citable unit: an article (条) or, for texts without articles, a section."""

    kind: str  # "article" or "section"
    ordinal: int  # 1-based position in the document
    number: int | None  # article number (第一百零七条 -> 107); None for sections
    label: str  # "第一百零七条", or the section heading
    path: tuple[str, ...]  # enclosing headings, e.g. ("第二编 井工煤矿", "第一章 …")
    text: str  # display text, paragraphs separated by "\n"
    sub: int | None = None  # 之一 → 1 for articles inserted by amendment (第一百二十条之一)
    has_table: bool = False  # holds table rows ("| a | b" lines), possibly OCR-garbled

    @property
    def anchor(self) -> str:
        """A stable HTML anchor: art-107 for articles (art-120-1 for 之一), sec-3 for sections."""
        if self.kind != "article":
            return f"sec-{self.ordinal}"
        return f"art-{self.number}-{self.sub}" if self.sub else f"art-{self.number}"


@dataclass(frozen=True)
class Repeal:
    """A statement inside a document that another document is repealed (废止)."""

    title: str  # normalised title of the repealed document, without 《》
    effective: date | None  # from when; usually the repealing document's 施行 date


@dataclass
class ParsedDocument:
    """A document as read from a file, before it is stored."""

    title: str
    doc_type: str
    articles: list[ParsedArticle]
    issuer: str | None = None
    promulgated: date | None = None  # 公布
    effective: date | None = None  # 施行
    amended: date | None = None  # latest 修正/修订
    version_date: date | None = None  # the date that tells versions apart
    preamble: str = ""  # text before the first article or section
    repeals: list[Repeal] = field(default_factory=list)
    doc_type_sure: bool = True  # False: only the title's ending gave the type (see classify_doc_type)


@dataclass(frozen=True)
class Citation:
    """Where a statement comes from: 《安全生产法》第五十五条."""

    title: str
    article: str = ""  # "第五十五条", or "" when the unit is not an article
    version: str | None = None

    def __str__(self) -> str:
        return f"《{self.title}》{self.article}"
