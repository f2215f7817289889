"""How a stored document is laid out for reading: its table of contents and its text blocks.

Pure functions over plain values, so the page template stays simple and they are testable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol


class ArticleLike(Protocol):
    """What the layout needs from an article row (corpus.models.Article fits)."""

    path: str
    anchor: str
    label: str


@dataclass
class TocEntry:
    """A heading of the document with the anchor of its first article and its article range."""

    title: str
    depth: int
    anchor: str
    first: str
    last: str = ""
    children: list[TocEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Block:
    """A paragraph, or a table (rows of cells) recovered from the source."""

    kind: str  # "paragraph" or "table"
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


def table_of_contents(articles: Iterable[ArticleLike]) -> list[TocEntry]:
    """Headings in document order, nested by depth; a document without headings lists its units."""
    entries: list[TocEntry] = []
    open_path: list[TocEntry] = []
    flat: list[TocEntry] = []
    for article in articles:
        parts = [part for part in article.path.split(" / ") if part] if article.path else []
        flat.append(TocEntry(article.label, 0, article.anchor, article.label))
        depth = 0
        while depth < len(parts) and depth < len(open_path) and open_path[depth].title == parts[depth]:
            open_path[depth].last = article.label
            depth += 1
        del open_path[depth:]
        for level in range(depth, len(parts)):
            entry = TocEntry(parts[level], level, article.anchor, article.label, article.label)
            (open_path[-1].children if open_path else entries).append(entry)
            open_path.append(entry)
    return entries or flat


def blocks(text: str) -> list[Block]:
    """Split article text into paragraphs and tables (consecutive `| a | b` lines)."""
    out: list[Block] = []
    rows: list[tuple[str, ...]] = []
    for line in text.split("\n"):
        if line.startswith("| "):
            rows.append(tuple(cell.strip() for cell in line[2:].split(" | ")))
            continue
        if rows:
            out.append(Block("table", rows=tuple(rows)))
            rows = []
        if line.strip():
            out.append(Block("paragraph", text=line))
    if rows:
        out.append(Block("table", rows=tuple(rows)))
    return out


def heading_changes(articles: Sequence[ArticleLike]) -> list[list[str]]:
    """For each article, the headings that open just before it (to print them in the body)."""
    previous: list[str] = []
    out: list[list[str]] = []
    for article in articles:
        parts = [part for part in article.path.split(" / ") if part] if article.path else []
        same = 0
        while same < len(parts) and same < len(previous) and parts[same] == previous[same]:
            same += 1
        out.append(parts[same:])
        previous = parts
    return out
