"""A document's chapters, and the one chapter a trainer means.

A trainer picks a chapter from a document's own list (`chapters`: its 编 / 章 headings as the library's article
pages show them, 第三编 井工煤矿 / 第四章 通风), or types one (`generate --chapter`). Chapter numbers restart in
each 编 of the 《煤矿安全规程》, so a bare 第四章 is three chapters (通风 underground, 运输 in the open pit …):
taken as a substring it mixed them. So a typed chapter is read as headings (`under`): numbered ones (第三编,
第四章, 第2节, in any spacing: 第三编第四章) must be those of the heading path, and any other words (通风) must be
in its titles. Each article's path is cut at the first heading that satisfies all of it; when the cuts of the
matching articles are one heading, its articles are the run's; when they are several, nothing is mixed and
`ChapterUnclear` names them. A value picked from the list (《煤矿安全规程》第三编 井工煤矿 / 第四章 通风) names
its document and reads the same way.

A frontline run that names no chapter leaves out what the rules place in an open-pit mine (`corpus.placement`):
the platform trains the teams of an underground mine, and a trainer who wants 露天煤矿 picks its chapter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from corpus.normalize import normalize_title
from corpus.numerals import parse_chinese_number
from corpus.placement import open_pit
from quiz.generation.records import ArticleRecord

SEPARATOR = " / "  # between the headings of a path, as stored (corpus.models.Article.path)
SHOWN = 8  # at most so many chapters named when a typed one is unclear
_RANKS = "编章节"
_NUMBERED = re.compile(r"第\s*([0-9０-９〇零一二两三四五六七八九十百]+)\s*([编章节])")
_TITLED = re.compile(r"^\s*《([^》]+)》\s*")
_BETWEEN = re.compile(r"[\s/／›>＞|｜]+")


class ChapterUnclear(ValueError):
    """A typed chapter that names no chapter, or several; the message (Chinese) says which."""


@dataclass(frozen=True)
class Chapter:
    """A chapter of a document: its heading path down to the 章 (or the top heading when it has none)."""

    title: str
    path: str

    @property
    def value(self) -> str:
        """The chapter as the form posts it and `under` reads it back: 《title》path."""
        return f"《{self.title}》{self.path}"


def chapter_path(path: str) -> str:
    """The headings of `path` down to its 章 (第三编 井工煤矿 / 第四章 通风 of a 节 under it); a path without a
    章 keeps its top heading (第一编 总则, 附则)."""
    parts = [p for p in path.split(SEPARATOR) if p]
    for depth, part in enumerate(parts, 1):
        if _rank(part) == "章":
            return SEPARATOR.join(parts[:depth])
    return parts[0] if parts else ""


def chapters(placed: Iterable[tuple[str, str]]) -> list[Chapter]:
    """The chapters of articles given as (document title, heading path), each once, in the order their first
    article comes."""
    return list(dict.fromkeys(Chapter(title, chapter_path(path)) for title, path in placed if path))


def _rank(heading: str) -> str:
    """编, 章 or 节 of a numbered heading (第四章 通风), else ""."""
    match = _NUMBERED.match(heading)
    return match.group(2) if match else ""


def _number(numeral: str) -> int | None:
    try:
        return parse_chinese_number(numeral.replace("两", "二"))
    except ValueError:
        return None


@dataclass(frozen=True)
class _Asked:
    """A typed chapter read as headings: numbered ones by rank (章 → 4) and the other words."""

    numbered: tuple[tuple[str, int | None], ...]
    words: tuple[str, ...]

    @classmethod
    def read(cls, text: str) -> _Asked:
        numbered = tuple((m.group(2), _number(m.group(1))) for m in _NUMBERED.finditer(text))
        words = tuple(w for w in _BETWEEN.split(_NUMBERED.sub(" ", text)) if w)
        return cls(numbered, words)

    def depth(self, parts: Sequence[str]) -> int:
        """How many headings of `parts` it takes to hold all that was asked; 0 when they never do."""
        for depth in range(1, len(parts) + 1):
            held = parts[:depth]
            numbers = {(_rank(p), _number(_NUMBERED.match(p).group(1))) for p in held if _rank(p)}
            titles = "".join(_BETWEEN.sub("", p) for p in held)
            if all(n in numbers for n in self.numbered) and all(w in titles for w in self.words):
                return depth
        return 0


def under(records: Sequence[ArticleRecord], text: str) -> list[ArticleRecord]:
    """The records under the one heading `text` names (see the module doc); a 《title》 before it keeps to that
    document. Raises `ChapterUnclear` when it names none, or several (naming them)."""
    titled = _TITLED.match(text)
    if titled:
        wanted = normalize_title(titled.group(1))
        records = [r for r in records if normalize_title(r.title) == wanted]
        text = text[titled.end():]
    asked = _Asked.read(text.strip())
    if not asked.numbered and not asked.words:
        return list(records)
    cut: dict[Chapter, None] = {}
    chosen: list[tuple[ArticleRecord, Chapter]] = []
    for record in records:
        parts = [p for p in record.path.split(SEPARATOR) if p]
        depth = asked.depth(parts)
        if depth:
            heading = Chapter(record.title, SEPARATOR.join(parts[:depth]))
            cut.setdefault(heading)
            chosen.append((record, heading))
    if not cut:
        raise ChapterUnclear(f"所选文件中没有“{text.strip()}”这一章节，请从章节列表中选择。")
    if len(cut) > 1:
        raise ChapterUnclear(_several(text.strip(), list(cut)))
    heading = next(iter(cut))
    return [r for r in records if r.title == heading.title and _starts(r.path, heading.path)]


def _starts(path: str, heading: str) -> bool:
    return path == heading or path.startswith(heading + SEPARATOR)


def _several(text: str, headings: list[Chapter]) -> str:
    documents = {h.title for h in headings}
    named = [h.value if len(documents) > 1 else h.path for h in headings[:SHOWN]]
    more = f"等{len(headings)}处" if len(headings) > SHOWN else ""
    return (f"“{text}”对应多个章节：{'；'.join(named)}{more}。请只选一个章节（写明编和章，如“第三编 第四章”），"
            "不同章节的条文不混在一起出题。")


def underground_only(records: Iterable[ArticleRecord]) -> list[ArticleRecord]:
    """`records` without those the rules place in an open-pit mine (第四编 露天煤矿)."""
    return [r for r in records if not open_pit(r.path)]
