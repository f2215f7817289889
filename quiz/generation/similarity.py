"""How alike two short Chinese phrases are: the guard against distractors that are really the answer."""

from __future__ import annotations


def bigrams(text: str) -> set[str]:
    """Character bigrams of `text` (the text itself when shorter than two characters)."""
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of character bigrams, 0 (nothing shared) … 1 (same bigrams)."""
    x, y = bigrams(a), bigrams(b)
    return len(x & y) / len(x | y)
