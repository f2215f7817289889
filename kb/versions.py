"""An old version's article and its current counterpart: the same rule, reworded or renumbered.

A repealed or superseded document's article is told from its current version's by its words,
not its number (规程 2016 第三百四十八条 is 规程 2025 第三百八十五条): two articles of one
document series are the same rule when most of the shorter one's character pairs are in the other.
"""

from __future__ import annotations

SAME_RULE_SHARE = 0.6
_IGNORED = set(" \n\t，。；：、（）()《》“”\"'|,.;:")


def rule_pairs(text: str) -> frozenset[str]:
    """The text's adjacent character pairs, punctuation and spaces left out."""
    letters = [ch for ch in text if ch not in _IGNORED]
    return frozenset(a + b for a, b in zip(letters, letters[1:], strict=False))


def same_pairs(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two articles' pairs (rule_pairs) say the same rule: at least SAME_RULE_SHARE of the
    shorter text's pairs are in the longer one's."""
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= SAME_RULE_SHARE


def same_rule(old: str, current: str) -> bool:
    """Whether two articles' texts say the same rule (see same_pairs)."""
    return same_pairs(rule_pairs(old), rule_pairs(current))
