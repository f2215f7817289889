"""The best articles for an Or of weighted words, scored from Whoosh's posting blocks directly.

Whoosh scores an Or by marching a tree of UnionMatchers along the documents one at a time: a
dozen Python calls per posting, most of a search's time at the scale corpus (66,000 articles,
15,000 postings for a pasted exam stem). Here each word's postings are read a block at a time
and scored with the word's own Whoosh scorer (BM25F: the same idf, field lengths, k1 and b);
the words' scores are then added up along the very tree Whoosh builds for the query (the same
pairs in the same order), so every article gets exactly the score Whoosh gives it, bit for bit,
and the top `limit` are ordered as Whoosh orders them (score, then document number).

The most common words of an Or (应当, in half the articles, for a question saying 必须) are read
only for the articles the rarer words found, when that provably leaves the best `limit`
unchanged (MaxScore, as kb.pgsearch does): an article holding none of the rarer words scores at
most the common words' bounds (BM25 adds idf × tf(k1 + 1) / (tf + …) < idf × (k1 + 1) per word),
and when that sum stays below the last score of the page the rarer words filled, the page is the
exact top `limit`; otherwise every posting is read as before.

`top_scored` returns None for a matcher it does not know (a posting format or weighting other
than the index's), and the caller lets Whoosh search as before.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Callable, Collection
from heapq import nsmallest

from whoosh.matching import ArrayUnionMatcher, IntersectionMatcher, NullMatcherClass, UnionMatcher, WrappingMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import Or, Query
from whoosh.scoring import BM25FScorer, WeightLengthScorer
from whoosh.searching import Searcher

Scores = dict[int, float]  # document number in its segment → score

FIELD_LENGTHS = "kb_field_lengths"
# A word in more than this share of the articles (and at least UNREAD_MIN_DF) is read only for the
# articles the rarer words found, when that provably changes nothing (module docstring).
UNREAD_SHARE, UNREAD_MIN_DF = 0.1, 2000


class Unsupported(Exception):
    """A matcher this module cannot read; Whoosh searches instead."""


def field_lengths(reader, fieldname: str) -> list[int]:  # noqa: ANN001 - a Whoosh segment reader
    """Every document's length of `fieldname` as the scorer reads it (one byte, decoded):
    constant for an opened segment, so read once."""
    cache = reader.__dict__.setdefault(FIELD_LENGTHS, {})
    lengths = cache.get(fieldname)
    if lengths is None:
        lengths = cache[fieldname] = [reader.doc_field_length(n, fieldname, 1) for n in range(reader.doc_count_all())]
    return lengths


def _scorer(matcher) -> WeightLengthScorer:  # noqa: ANN001 - a Whoosh leaf matcher
    scorer = getattr(matcher, "scorer", None) or getattr(matcher, "_scorer", None)
    if not isinstance(scorer, WeightLengthScorer):
        raise Unsupported(type(scorer).__name__)
    return scorer


def _blocks(matcher) -> bool:  # noqa: ANN001 - a Whoosh leaf matcher
    return hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block")  # whoosh3 blocks


def _leaf_scores(matcher, lengths: list[int], within: Collection[int] | None = None) -> Scores:  # noqa: ANN001
    """A word's score in each document holding it (only those `within`, when given: a block holding
    none of them is not even decompressed)."""
    score = _scorer(matcher)._score  # noqa: SLF001 - the scoring function itself (BM25F), as scorer.score calls it
    scores: Scores = {}
    if _blocks(matcher):
        targets = sorted(within) if within is not None else []
        position = 0  # the first of `targets` not passed yet
        while matcher.is_active():
            if within is not None:
                if position == len(targets):
                    break
                last = matcher.block_max_id()
                if targets[position] > last:
                    matcher._next_block()  # noqa: SLF001
                    continue
                position = bisect_right(targets, last, position)
            if matcher._ids is None:  # noqa: SLF001
                matcher._read_ids()  # noqa: SLF001
            if matcher._weights is None:  # noqa: SLF001
                matcher._read_weights()  # noqa: SLF001
            if within is None:
                for docnum, weight in zip(matcher._ids, matcher._weights, strict=True):  # noqa: SLF001
                    scores[docnum] = score(weight, lengths[docnum])
            else:
                block = dict(zip(matcher._ids, matcher._weights, strict=True))  # noqa: SLF001
                for docnum in block.keys() & within:
                    scores[docnum] = score(block[docnum], lengths[docnum])
            matcher._next_block()  # noqa: SLF001
        return scores
    while matcher.is_active():  # postings inlined in the term's entry: a handful
        docnum = matcher.id()
        if within is None or docnum in within:
            scores[docnum] = score(matcher.weight(), lengths[docnum])
        matcher.next()
    return scores


def _scores(  # noqa: PLR0911 - one case per kind of matcher
    matcher,  # noqa: ANN001 - a Whoosh matcher tree
    lengths: list[int],
    read: dict[int, Scores] | None = None,
    within: Collection[int] | None = None,
    size: Callable[[object], int] | None = None,
) -> Scores:
    """Each document's score under `matcher`, added up as the matcher adds it; `read`: the scores of
    leaves read already, by id(); `within`: only these documents are wanted; `size`: a leaf's
    document count, so an And reads its rarer side first and the other only where that one is."""
    if read is not None and id(matcher) in read:
        return read.pop(id(matcher))  # each leaf is in the tree once
    if isinstance(matcher, NullMatcherClass):
        return {}
    if type(matcher) is UnionMatcher:
        a, b = _scores(matcher.a, lengths, read, within, size), _scores(matcher.b, lengths, read, within, size)
        for docnum, value in b.items():
            a[docnum] = a[docnum] + value if docnum in a else value  # UnionMatcher.score: a + b
        return a
    if type(matcher) is IntersectionMatcher:  # an And: (it may have moved past documents only one side holds)
        first, second = matcher.a, matcher.b
        if size is not None and _size(second, size) < _size(first, size):
            first, second = second, first
        found = _scores(first, lengths, read, within, size)
        other = _scores(second, lengths, read, found.keys(), size)
        a, b = (found, other) if first is matcher.a else (other, found)
        return {docnum: value + b[docnum] for docnum, value in a.items() if docnum in b}  # a + b
    if type(matcher) is ArrayUnionMatcher:  # Whoosh's Or on a small index: it has added the scores up already
        scores = {}
        while matcher.is_active():
            scores[matcher.id()] = matcher.score()
            matcher.next()
        return scores
    if type(matcher) is FilterMatcher:
        scores = _scores(matcher.child, lengths, read, within, size)
        ids, exclude = matcher._ids, matcher._exclude  # noqa: SLF001 - the deleted (or kept) documents
        return {d: s for d, s in scores.items() if (d in ids) != exclude}
    if type(matcher) is WrappingMatcher:  # a word's boost
        boost = matcher.boost
        return {d: s * boost for d, s in _scores(matcher.child, lengths, read, within, size).items()}
    if _is_leaf(matcher):
        return _leaf_scores(matcher, lengths, within)
    raise Unsupported(type(matcher).__name__)


def _is_leaf(matcher) -> bool:  # noqa: ANN001 - a Whoosh matcher
    return hasattr(matcher, "weight") and not hasattr(matcher, "child") and not hasattr(matcher, "a")


def _size(matcher, size: Callable[[object], int]) -> int:  # noqa: ANN001 - a Whoosh matcher tree
    """How many documents a matcher tree may match, at most (for choosing which side to read first)."""
    if isinstance(matcher, NullMatcherClass):
        return 0
    if type(matcher) is UnionMatcher:
        return _size(matcher.a, size) + _size(matcher.b, size)
    if type(matcher) is IntersectionMatcher:
        return min(_size(matcher.a, size), _size(matcher.b, size))
    if type(matcher) in (WrappingMatcher, FilterMatcher):
        return _size(matcher.child, size)
    return size(matcher) if _is_leaf(matcher) else sys.maxsize


def top_scored(
    searcher: Searcher, query: Query, fieldname: str, limit: int, allowed: Callable[[int], bool] | None = None
) -> list[tuple[int, float]] | None:
    """(global document number, score) of the best `limit` documents for `query` (Ors and Ands
    of Terms), best first, ties by document number, as Whoosh's search would give them; None
    when a matcher is not one this module reads."""
    scored = _common_unread(searcher, query, fieldname, limit, allowed)
    if scored is None:
        scored = all_scored(searcher, query, fieldname)
    if scored is None:
        return None
    return _best(scored, limit, allowed)


def _best(scored: Scores, limit: int, allowed: Callable[[int], bool] | None) -> list[tuple[int, float]]:
    found = [(-score, docnum) for docnum, score in scored.items() if allowed is None or allowed(docnum)]
    return [(docnum, -negated) for negated, docnum in nsmallest(limit, found)]


def _union_leaves(matcher, boost: float = 1.0) -> list[tuple[object, float]] | None:  # noqa: ANN001
    """The words (leaf matchers) of an Or's matcher tree with their boosts; None for any other tree."""
    if isinstance(matcher, NullMatcherClass):
        return []
    if type(matcher) is UnionMatcher:
        a, b = _union_leaves(matcher.a, boost), _union_leaves(matcher.b, boost)
        return None if a is None or b is None else a + b
    if type(matcher) is WrappingMatcher:
        return _union_leaves(matcher.child, boost * matcher.boost)
    return [(matcher, boost)] if _is_leaf(matcher) else None


def _df(reader, fieldname: str, leaf) -> int:  # noqa: ANN001 - a Whoosh reader and leaf matcher
    """How many documents hold a leaf's word (0 for postings inlined in the term's entry: a handful)."""
    term = leaf.term() if _blocks(leaf) else None
    return reader.doc_frequency(fieldname, term[1].decode("utf-8")) if term is not None else 0


def _common_unread(
    searcher: Searcher, query: Query, fieldname: str, limit: int, allowed: Callable[[int], bool] | None
) -> Scores | None:
    """The scores of the articles holding the rarer words of an Or, the common words read only for
    them, when no other article can reach the best `limit` (module docstring); else None."""
    if not isinstance(query, Or):  # an And reads only what all its words share already
        return None
    common_df = max(UNREAD_MIN_DF, UNREAD_SHARE * searcher.doc_count_all())
    context = searcher.context()
    found: Scores = {}
    bound = 0.0  # the most an article holding none of the rarer words can score
    try:
        for subsearcher, offset in searcher.leaf_searchers():
            lengths = field_lengths(subsearcher.reader(), fieldname)
            matcher = query.matcher(subsearcher, context)
            leaves = _union_leaves(matcher)
            if not leaves:
                return None
            common = [(leaf, boost) for leaf, boost in leaves if _df(searcher, fieldname, leaf) > common_df]
            if not common or len(common) == len(leaves):
                return None
            unread = {id(leaf) for leaf, _ in common}
            read = {id(leaf): _leaf_scores(leaf, lengths) for leaf, _ in leaves if id(leaf) not in unread}
            within = set().union(*read.values())
            segment_bound = 0.0
            for leaf, boost in common:
                scorer = _scorer(leaf)
                if not isinstance(scorer, BM25FScorer) or not 0 <= scorer.B < 1 or scorer.idf <= 0:
                    return None
                segment_bound += boost * scorer.idf * (scorer.K1 + 1)
                read[id(leaf)] = _leaf_scores(leaf, lengths, within)
            bound = max(bound, segment_bound)
            found.update((offset + docnum, score) for docnum, score in _scores(matcher, lengths, read).items())
    except Unsupported:
        return None
    page = _best(found, limit, allowed)
    return found if len(page) == limit and page[-1][1] > bound * (1 + 1e-9) else None


def all_scored(searcher: Searcher, query: Query, fieldname: str) -> Scores | None:
    """Global document number → score of every document matching `query`; None as top_scored."""
    found: Scores = {}
    context = searcher.context()  # as Searcher.search makes it
    try:
        for subsearcher, offset in searcher.leaf_searchers():
            reader = subsearcher.reader()
            lengths = field_lengths(reader, fieldname)
            scores = _scores(
                query.matcher(subsearcher, context), lengths, size=lambda leaf, r=reader: _df(r, fieldname, leaf)
            )
            found.update((offset + docnum, score) for docnum, score in scores.items())
    except Unsupported:
        return None
    return found
