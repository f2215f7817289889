"""How close a document is to this library's subject: mine safety, health and labour.

A worker's question is about the work underground, so among equally good matches an
article from a document about that work should come first: a question on reporting an
accident means the accident-reporting rules, not the fishing-port regulation that also
says 事故. A document's focus is the share of its articles that use any word of
kb/data/focus.txt; it is computed when the index is built and kept in documents.json.
Documents of the mine's own library are all close to the subject, so focus only matters
once a national collection of unrelated laws is indexed beside them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from kb.analysis import data_lines

# Articles at or above this share of focus words count fully; none gets the floor.
FULL_SHARE = 0.5
FLOOR = 0.7


@cache
def _pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, data_lines("focus.txt"))))


def is_focused(text: str) -> bool:
    """Whether an article's text uses a word of the library's subject."""
    return _pattern().search(text) is not None


class FocusCounter:
    """Counts focused articles per document while an index is written."""

    def __init__(self) -> None:
        self.total: dict[str, int] = defaultdict(int)
        self.focused: dict[str, int] = defaultdict(int)

    def add(self, doc_id: str, text: str) -> None:
        self.total[doc_id] += 1
        self.focused[doc_id] += is_focused(text)

    def shares(self) -> dict[str, float]:
        """doc_id → share of its articles that are focused."""
        return {doc: round(self.focused[doc] / n, 3) for doc, n in self.total.items()}


def prior(share: float | None) -> float:
    """The score factor for a document with this focus share (1.0 when unknown)."""
    if share is None:
        return 1.0
    return FLOOR + (1 - FLOOR) * min(1.0, share / FULL_SHARE)
