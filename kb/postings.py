"""The best articles for an Or of weighted words, scored from Whoosh's posting blocks directly.

Whoosh scores an Or by marching a tree of UnionMatchers along the documents one at a time: a
dozen Python calls per posting, most of a search's time at the scale corpus (66,000 articles,
15,000 postings for a pasted exam stem). Here each word's postings are read a block at a time
and scored with the word's own Whoosh scorer (BM25F: the same idf, field lengths, k1 and b);
the words' scores are then added up along the very tree Whoosh builds for the query (the same
pairs in the same order), so every article gets exactly the score Whoosh gives it, bit for bit,
and the top `limit` are ordered as Whoosh orders them (score, then document number).

`top_scored` returns None for a matcher it does not know (a posting format or weighting other
than the index's), and the caller lets Whoosh search as before.
"""

from __future__ import annotations

from collections.abc import Callable
from heapq import nsmallest

from whoosh.matching import ArrayUnionMatcher, IntersectionMatcher, NullMatcherClass, UnionMatcher, WrappingMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import Query
from whoosh.scoring import WeightLengthScorer
from whoosh.searching import Searcher

Scores = dict[int, float]  # document number in its segment → score

FIELD_LENGTHS = "kb_field_lengths"


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


def _leaf_scores(matcher, lengths: list[int]) -> Scores:  # noqa: ANN001 - a Whoosh leaf matcher
    scorer = getattr(matcher, "scorer", None) or getattr(matcher, "_scorer", None)
    if not isinstance(scorer, WeightLengthScorer):
        raise Unsupported(type(scorer).__name__)
    score = scorer._score  # noqa: SLF001 - the scoring function itself (BM25F), as scorer.score calls it
    scores: Scores = {}
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):  # whoosh3 blocks
        while matcher.is_active():
            if matcher._ids is None:  # noqa: SLF001
                matcher._read_ids()  # noqa: SLF001
            if matcher._weights is None:  # noqa: SLF001
                matcher._read_weights()  # noqa: SLF001
            for docnum, weight in zip(matcher._ids, matcher._weights, strict=True):  # noqa: SLF001
                scores[docnum] = score(weight, lengths[docnum])
            matcher._next_block()  # noqa: SLF001
        return scores
    while matcher.is_active():  # postings inlined in the term's entry: a handful
        docnum = matcher.id()
        scores[docnum] = score(matcher.weight(), lengths[docnum])
        matcher.next()
    return scores


def _scores(matcher, lengths: list[int]) -> Scores:  # noqa: ANN001 - a Whoosh matcher tree
    """Each document's score under `matcher`, added up as the matcher adds it."""
    if isinstance(matcher, NullMatcherClass):
        return {}
    if type(matcher) is UnionMatcher:
        a, b = _scores(matcher.a, lengths), _scores(matcher.b, lengths)
        for docnum, value in b.items():
            a[docnum] = a[docnum] + value if docnum in a else value  # UnionMatcher.score: a + b
        return a
    if type(matcher) is IntersectionMatcher:  # an And: (it may have moved past documents only one side holds)
        a, b = _scores(matcher.a, lengths), _scores(matcher.b, lengths)
        return {docnum: value + b[docnum] for docnum, value in a.items() if docnum in b}  # a + b
    if type(matcher) is ArrayUnionMatcher:  # Whoosh's Or on a small index: it has added the scores up already
        scores = {}
        while matcher.is_active():
            scores[matcher.id()] = matcher.score()
            matcher.next()
        return scores
    if type(matcher) is FilterMatcher:
        scores = _scores(matcher.child, lengths)
        ids, exclude = matcher._ids, matcher._exclude  # noqa: SLF001 - the deleted (or kept) documents
        return {d: s for d, s in scores.items() if (d in ids) != exclude}
    if type(matcher) is WrappingMatcher:  # a word's boost
        boost = matcher.boost
        return {d: s * boost for d, s in _scores(matcher.child, lengths).items()}
    if hasattr(matcher, "weight") and not hasattr(matcher, "child") and not hasattr(matcher, "a"):
        return _leaf_scores(matcher, lengths)
    raise Unsupported(type(matcher).__name__)


def top_scored(
    searcher: Searcher, query: Query, fieldname: str, limit: int, allowed: Callable[[int], bool] | None = None
) -> list[tuple[int, float]] | None:
    """(global document number, score) of the best `limit` documents for `query` (Ors and Ands
    of Terms), best first, ties by document number, as Whoosh's search would give them; None
    when a matcher is not one this module reads."""
    scored = all_scored(searcher, query, fieldname)
    if scored is None:
        return None
    found = [(-score, docnum) for docnum, score in scored.items() if allowed is None or allowed(docnum)]
    return [(docnum, -negated) for negated, docnum in nsmallest(limit, found)]


def all_scored(searcher: Searcher, query: Query, fieldname: str) -> Scores | None:
    """Global document number → score of every document matching `query`; None as top_scored."""
    found: Scores = {}
    context = searcher.context()  # as Searcher.search makes it
    try:
        for subsearcher, offset in searcher.leaf_searchers():
            lengths = field_lengths(subsearcher.reader(), fieldname)
            scores = _scores(query.matcher(subsearcher, context), lengths)
            found.update((offset + docnum, score) for docnum, score in scores.items())
    except Unsupported:
        return None
    return found
