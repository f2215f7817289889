"""Safe highlighting: text is escaped first, then matched words are wrapped in <mark>.

Neither a document containing <script> nor a query containing <img onerror> can put
markup on a page: every piece of text goes through `markupsafe.escape`, and only the
<mark> tags we add ourselves are trusted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?|[。！？!?；;]")


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _inside_number(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a longer number: the 1 of 15 or of 1.5, the 5 of 0.5."""
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    return (before[-1:].isdigit() or after[:1].isdigit()
            or (before[-1:] == "." and before[:1].isdigit()) or (after[:1] == "." and after[1:].isdigit()))


def spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of every occurrence of any term, longest terms first. A number
    marks only the same number: 1 not in 1.5 or 15."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer (İ): offsets must stay the text's
        lowered = text
    taken = [False] * len(text)
    found: list[tuple[int, int]] = []
    for term in sorted({t.lower() for t in terms if t}, key=len, reverse=True):
        numeric = _NUMBER.fullmatch(term) is not None
        start = lowered.find(term)
        while start != -1:
            end = start + len(term)
            if numeric and _inside_number(text, start, end):
                start = lowered.find(term, start + 1)
                continue
            if not any(taken[start:end]):
                found.append((start, end))
                for i in range(start, end):
                    taken[i] = True
            start = lowered.find(term, end)
    return sorted(found)


def mark(text: str, terms: Iterable[str]) -> Markup:
    """`text` escaped, with every occurrence of `terms` wrapped in <mark>."""
    out: list[str] = []
    last = 0
    for start, end in spans(text, terms):
        out.append(str(escape(text[last:start])))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or clause ending in 。！？； or a line break."""
    bounds = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            bounds.append((start, end))
    return bounds


def char_pairs(text: str) -> set[str]:
    """The pairs of adjacent characters in `text`: how nearly two passages share their wording."""
    return {text[i : i + 2] for i in range(len(text) - 1)}


def snippet(text: str, terms: Iterable[str], width: int = 120) -> Markup:
    """The stretch of `text` (about `width` characters) with the most distinct matches, marked."""
    terms = [t for t in terms if t]
    if len(text) <= width:
        return mark(text, terms)
    found = spans(text, terms)
    best_start, best_score = 0, -1
    for start, _ in found or [(0, 0)]:
        lo = max(0, start - width // 4)
        window = {text[s:e].lower() for s, e in found if lo <= s and e <= lo + width}
        score = sum(len(w) for w in window)
        if score > best_score:
            best_start, best_score = lo, score
    # Prefer to start at a sentence boundary shortly before the best window.
    for s, _ in reversed(sentences(text)):
        if best_start - width // 3 <= s <= best_start:
            best_start = s
            break
    piece = text[best_start : best_start + width]
    prefix = "…" if best_start > 0 else ""
    suffix = "…" if best_start + width < len(text) else ""
    return Markup(escape(prefix)) + mark(piece, terms) + Markup(escape(suffix))
