"""Plain records of question generation: the article a question is drawn from and the question itself.

Generation is pure: generators take `ArticleRecord`s (from the database in the app, from
`corpus.structure.parse_file` over ../shared in tests and benchmarks) and the hazard
catalogue, and return frozen `GeneratedQuestion`s that carry everything needed to
regenerate and re-verify them: generator name, inputs, seed and, for false statements,
the one recorded change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from corpus.documents import Citation
from quiz.bank.types import Option, QuestionDraft

CATEGORY_THEORY = "法律法规"
CATEGORY_HAZARD = "危险源辨识"


@dataclass(frozen=True)
class ArticleRecord:
    """One article of one document version, as the generators and the verifier see it."""

    title: str
    status: str  # current / superseded / repealed (decided by ingestion or `sources`)
    version: str | None  # the document's version date, ISO
    label: str  # 第五十五条
    number: int | None
    text: str
    doc_type: str = ""
    has_table: bool = False
    article_id: int | None = None  # database id when the record came from the database
    path: str = ""  # enclosing headings, " / "-joined (第二编 井工煤矿 / 第三章 瓦斯防治)

    @property
    def key(self) -> str:
        """Stable identity used in seeds and inputs: title, version and article label."""
        return f"{self.title}|{self.version or ''}|{self.label}"

    @property
    def citation(self) -> Citation:
        return Citation(title=self.title, article=self.label, version=self.version)


@dataclass(frozen=True)
class Change:
    """The single edit that turns a faithful statement into a false one."""

    kind: str  # number / modal / limit / action (party: older records)
    original: str
    replacement: str


@dataclass(frozen=True)
class GeneratedQuestion:
    """A generated question with its provenance; `draft()` turns it into a bank draft."""

    type: str
    stem: str
    options: tuple[Option, ...]
    answer: tuple[str, ...]
    explanation: str
    citation: Citation | None
    generator: str
    inputs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    seed: str = ""
    change: Change | None = None
    category: tuple[str, ...] = ()
    article_id: int | None = None
    relevance: float = 1.0  # 0..1, how much it matters to a frontline worker (`relevance`); old records: 1.0
    jobs: tuple[str, ...] = ()  # 适用工种 (hazard: the posts of the entries its key rests on); () is 全部

    def draft(self) -> QuestionDraft:
        """The question as a bank draft (status draft: a trainer approves it)."""
        return QuestionDraft(
            type=self.type,
            stem=self.stem,
            options=self.options,
            answer=self.answer,
            explanation=self.explanation,
            category=self.category,
            jobs=self.jobs,
            citation=self.citation,
            article_id=self.article_id,
            citation_confidence=1.0 if self.article_id else None,
        )

    def provenance(self) -> dict[str, Any]:
        """What regenerates and re-verifies the question: generator, inputs, seed, change."""
        return {
            "generator": self.generator,
            "inputs": self.inputs,
            "seed": self.seed,
            "change": None
            if self.change is None
            else {
                "kind": self.change.kind,
                "original": self.change.original,
                "replacement": self.change.replacement,
            },
            "version": self.citation.version if self.citation else None,
            "relevance": self.relevance,
        }

    def to_json(self) -> dict[str, Any]:
        """The bank's JSON export shape plus `generator` and provenance."""
        return {
            "type": self.type,
            "stem": self.stem,
            "options": [{"key": o.key, "text": o.text} for o in self.options],
            "answer": list(self.answer),
            "explanation": self.explanation,
            "category": "/".join(self.category) or None,
            "citation": None
            if self.citation is None
            else {
                "title": self.citation.title,
                "article": self.citation.article,
                "version": self.citation.version,
            },
            "status": "draft",
            "generator": self.generator,
            "relevance": self.relevance,
            "provenance": self.provenance(),
        }


def dumps(questions: list[GeneratedQuestion]) -> str:
    """A JSON list of questions, readable Chinese (no \\u escapes)."""
    return json.dumps([q.to_json() for q in questions], ensure_ascii=False, indent=1)
