"""What a search returns: ranked hits and a page of them, with their public JSON shape."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date

from markupsafe import Markup

from corpus.documents import STATUS_LABELS, Citation, has_force


@dataclass(frozen=True)
class Hit:
    """One ranked article."""

    article_id: int
    doc_id: int
    title: str
    article: str  # 第五十五条; "" when the unit is a section
    label: str
    chapter: str
    doc_type: str
    status: str
    score: float
    text: str
    anchor: str
    number: int | None
    kind: str
    coverage: float = 0.0
    proximity: float = 0.0  # share of the question the best single sentence covers
    matched: tuple[str, ...] = ()
    exact: bool = False  # reached through an article reference
    snippet: Markup = Markup("")  # filled for the hits that are shown
    dated: date | None = None  # the document's date (kb.hits.document_date); None when unknown

    @property
    def status_label(self) -> str:
        """现行有效 / 已被新版本取代 / 已废止."""
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def shows_status(self) -> bool:
        """Whether its status is shown: for rules, not for a case or a news item (corpus.documents.has_force)."""
        return has_force(self.doc_type)

    @property
    def out_of_force(self) -> bool:
        """A rule no longer in force (superseded, repealed): an answer from it says to follow the current one."""
        return self.shows_status and self.status != "current"

    @property
    def citation(self) -> Citation:
        """《title》第N条."""
        return Citation(title=self.title, article=self.article)

    def to_json(self) -> dict[str, object]:
        """The public JSON shape (CLI and /api)."""
        return {
            "article_id": self.article_id,
            "doc_id": self.doc_id,
            "title": self.title,
            "article": self.article,
            "label": self.label,
            "chapter": self.chapter,
            "doc_type": self.doc_type,
            "status": self.status,
            "status_label": self.status_label,
            "score": round(self.score, 4),
            "snippet": str(self.snippet),
            "citation": str(self.citation),
            "anchor": self.anchor,
            "matched": list(self.matched),
            "date": self.dated.isoformat() if self.dated else None,
        }


def document_date(fields: dict[str, object]) -> date | None:
    """The date of the document an article belongs to, from its stored fields (both search
    backends store 施行 `effective` and the version's `version_date` as ISO text): the later of
    the two, so of two documents of one series the later text has the later date."""
    known = [date.fromisoformat(str(v)) for v in (fields.get("effective"), fields.get("version_date")) if v]
    return max(known, default=None)


def joined(hits: list[Hit], extra: list[Hit], depth: int, keeps: Callable[[Hit], bool]) -> list[Hit]:
    """`hits` with the `extra` articles fetched for what a question asks (a right granted, a party's
    list of duties) among the first `depth`, in place of the last of those that do not answer it
    (`keeps` false), which follow them."""
    window = hits[:depth]
    dropped: list[Hit] = []
    for hit in reversed(window):
        if len(dropped) == len(extra):
            break
        if not keeps(hit):
            dropped.append(hit)
    kept = [h for h in window if h not in dropped]
    return [*kept, *extra[: depth - len(kept)], *reversed(dropped), *hits[depth:]]


@dataclass(frozen=True)
class SearchResults:
    """A page of hits plus what the page needs to say about them."""

    query: str
    hits: tuple[Hit, ...]
    total: int
    page: int = 1
    per_page: int = 10
    suggestion: str = ""
    message: str = ""
    took_ms: float = 0.0
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, math.ceil(self.total / self.per_page))

    def to_json(self) -> dict[str, object]:
        """The public JSON shape (CLI and /api)."""
        data = {k: v for k, v in asdict(self).items() if k != "hits"}
        data["results"] = [hit.to_json() for hit in self.hits]
        data["pages"] = self.pages
        return data
