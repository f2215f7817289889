"""The relevance floor of search: when nothing ranked comes close to what was asked, search says
so instead of listing articles that merely share a word with the question (今天天气怎么样 →
恶劣天气 articles).

A page of hits passes the floor when any of these holds:

- one of the first hits was reached through an explicit reference (安全生产法第五十五条);
- the best of the first FLOOR_HITS hits covers FLOOR_COVERAGE of the question as asked: every
  content word counts by its IDF, and a word no article contains still counts (UNKNOWN_SHARE
  of an average word), so a question mostly about things the library does not hold covers
  little (the same weighting kb.qa uses for its confidence);
- the first hit scores FLOOR_SCORE or more (BM25 × quality, kb.scoring): several rare words of
  the question meet in that article, however colloquially the rest is put.

The two thresholds were set on the studied sets (bench/queries.tsv, queries_dev2.tsv,
queries_dev3.tsv and the 60 off-topic questions of bench/queries_unanswerable.tsv) over
../shared/corpus so that Recall@5 on the answerable ones does not move; bench/search_floor.py
reports them, held-out sets included.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from kb.hits import Hit
from kb.query import Concept, QueryPlan, plan_query
from kb.scoring import concept_coverage

# A question is about the library's subject when a word of it is in this share of the articles
# (3 of the 4,138 in ../shared/corpus; any article at all in a small library).
GROUNDED_SHARE = 0.0007
FLOOR_HITS = 5
FLOOR_COVERAGE = 0.4
FLOOR_SCORE = 8.0
UNKNOWN_SHARE = 0.7
SINGLE_CHAR_SHARE = 0.6

Weights = list[tuple[Concept, float]]


def asked_weights(question: str, idf: Callable[[str], float], df: Callable[[str], int],
                  raw: QueryPlan | None = None, by_parts: bool = True) -> Weights:
    """Every content word of the question as typed, weighted by IDF; unknown words count too
    (UNKNOWN_SHARE of an average word: a question mostly about things the library does not
    hold is answered by no article). With `by_parts`, a compound the library holds only as its
    parts counts as those parts."""
    raw = raw or plan_query(question)
    known = [idf(c.term) for c in raw.concepts if c.maximal and df(c.term)]
    typical = sum(known) / len(known) if known else 1.0
    weights = []
    for c in raw.concepts:
        if not c.maximal:
            continue
        parts = [p for p in raw.concepts if not p.maximal and p.term in c.term and df(p.term)] if by_parts else []
        if not df(c.term) and parts and set("".join(p.term for p in parts)) >= set(c.term):
            # A compound the library does not hold as one word, but whose parts it does
            # (瓦斯浓度 → 瓦斯, 浓度): the question asks about those parts, not about nothing.
            weights.extend((p, idf(p.term) * (SINGLE_CHAR_SHARE if len(p.term) == 1 else 1.0)) for p in parts)
            continue
        weight = idf(c.term) if df(c.term) else typical * UNKNOWN_SHARE
        weights.append((c, weight * (SINGLE_CHAR_SHARE if len(c.term) == 1 else 1.0)))
    return weights


def asked_coverage(hit: Hit, weights: Weights) -> float:
    """0–1: the share of the question (as weighted by `asked_weights`) the article holds."""
    total = sum(w for _, w in weights)
    if not total:
        return 0.0
    return concept_coverage(weights, f"{hit.title}\n{hit.chapter}\n{hit.text}".lower()) / total


def passes_floor(hits: Sequence[Hit], weights: Weights) -> bool:
    """True when the ranked `hits` (best first) are worth listing for the question."""
    first = list(hits[:FLOOR_HITS])
    if not first:
        return False
    if any(h.exact for h in first) or first[0].score >= FLOOR_SCORE:
        return True
    # Rounded: a share of exactly FLOOR_COVERAGE must not fail on a floating-point hair.
    return round(max(asked_coverage(h, weights) for h in first), 6) >= FLOOR_COVERAGE


def grounded(raw: QueryPlan, df: Callable[[str], int], articles: int) -> bool:
    """Whether a question is about anything the library holds: one of its words of two or more
    characters (a compound's parts and synonyms included) is in GROUNDED_SHARE of the `articles`.
    股票怎么开户 and 微信密码忘了怎么办 share a rare word with one article each, nothing more."""
    least = max(1, math.ceil(GROUNDED_SHARE * articles))

    def common(c: Concept) -> bool:
        return max([df(c.term)] + [df(alt) for alt, _ in c.alternatives]) >= least

    if raw.concepts and all(len(c.term) < 2 for c in raw.concepts):
        # 沿空留巷 cut into 沿/空/留/巷 (a compound the dictionary lacks): every character is common.
        return all(common(c) for c in raw.concepts)
    return any(len(c.term) >= 2 and common(c) for c in raw.concepts)
