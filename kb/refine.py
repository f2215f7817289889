"""Fitting a query plan to the index: which words fetch candidates, which only rerank.

`refine` drops words no article contains (keeping their synonyms), lets the parts of an
unknown compound stand in for it, adds compound synonyms the index knows (瓦斯浓度 →
甲烷浓度) and marks words too common to fetch with. `correct` searches the corrected
text when a word looks mistyped. Both only read document frequencies through `Index`.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Protocol

from kb.analysis import EQUIVALENT_WEIGHT, segment, synonyms
from kb.query import Concept, QueryPlan, plan_query
from kb.spelling import Vocabulary, corrections, suggestion

log = logging.getLogger(__name__)

TYPO_WEIGHT = 0.7
SINGLE_CHAR_WEIGHT = 0.6
COMMON_SHARE = 0.1  # a word in more than this share of articles only reranks
COMMON_MIN_DF = 300
MIN_RETRIEVAL_TERMS = 3
MAX_RETRIEVAL_TERMS = 6  # a pasted exam question: its rarest words find the article
ORPHAN_SUBWORD_WEIGHT = 0.7
SUBWORD_WEIGHT = 0.3
SHORT_QUERY = 3  # words; shorter queries also search the parts of compound words


class Index(Protocol):
    """What refining needs to know about the index."""

    def df(self, term: str) -> int: ...

    def doc_count(self) -> int: ...

    def vocabulary(self) -> Vocabulary: ...

    def together(self, word: str, others: list[str]) -> int: ...


def refine(index: Index, plan: QueryPlan) -> QueryPlan:
    """Fit the plan to the index: unknown words go, sub-words stand in for unknown compounds.

    A colloquial word that no article contains cannot help and would only dilute the
    coverage of the words that can; its synonyms still count. Sub-words of a compound
    the index knows add nothing the compound does not, so they are left out. Words in a
    large share of all articles (安全, 生产, 单位) barely tell articles apart yet cost
    most of the search time: they only rerank candidates found by the rarer words.
    """
    df = index.df
    concepts = list(plan.concepts)
    unknown = {c.term for c in concepts if c.maximal and not df(c.term)}
    common_df = max(COMMON_MIN_DF, COMMON_SHARE * index.doc_count())
    short = sum(1 for c in concepts if c.maximal) <= SHORT_QUERY
    refined: list[Concept] = []
    for c in concepts:
        alternatives = tuple((a, w) for a, w in c.alternatives if df(a))
        if c.maximal:
            if c.term in unknown and not alternatives:
                continue
            weight = SINGLE_CHAR_WEIGHT if len(c.term) == 1 else 1.0
            refined.append(replace(c, weight=weight, alternatives=alternatives))
            continue
        parents = [p for p in concepts if p.maximal and p.start <= c.start and c.end <= p.end]
        # A sub-word of an unknown compound carries that compound's meaning, unless the
        # compound has synonyms: they already say what it means (新工人 → 新上岗, not 工人).
        orphan = parents and all(p.term in unknown and not any(df(a) for a, _ in p.alternatives) for p in parents)
        if df(c.term) and orphan:
            refined.append(replace(c, weight=ORPHAN_SUBWORD_WEIGHT, maximal=True, alternatives=alternatives))
        elif df(c.term) and short:
            # A short query also finds articles with only part of a compound (瓦斯超限 → 瓦斯).
            refined.append(replace(c, weight=SUBWORD_WEIGHT, alternatives=alternatives))
    refined = [replace(c, alternatives=c.alternatives + compound_alternatives(index, c)) for c in refined]
    # Fetch candidates with the selective words; if that leaves too few, add the rarest others.
    by_rarity = sorted(refined, key=lambda c: df(c.term))
    selective = [c for c in by_rarity if df(c.term) <= common_df][:MAX_RETRIEVAL_TERMS]
    keep = {c.term for c in selective} | {c.term for c in by_rarity[: max(0, MIN_RETRIEVAL_TERMS - len(selective))]}
    refined = [replace(c, retrieve=c.term in keep) for c in refined]
    return replace(plan, concepts=tuple(refined))


def compound_alternatives(index: Index, concept: Concept) -> tuple[tuple[str, float], ...]:
    """瓦斯浓度 → 甲烷浓度: a compound with one part swapped for an equivalent, if indexed."""
    term = concept.term
    if len(term) < 3:
        return ()
    table = synonyms()
    found: dict[str, float] = {}
    for part, start, end in segment(term):
        if end - start >= len(term):
            continue
        for alt, weight in table.expand(part):
            candidate = term[:start] + alt + term[end:]
            if weight == EQUIVALENT_WEIGHT and candidate != term and index.df(candidate):
                found[candidate] = max(found.get(candidate, 0.0), weight)
    known = {a for a, _ in concept.alternatives}
    return tuple((a, w) for a, w in found.items() if a not in known)


def correct(index: Index, plan: QueryPlan) -> tuple[QueryPlan, str]:
    """Search the corrected text when a word looks mistyped; return the 您是不是要找 text.

    The corrected words replace the broken pieces (with their synonyms); whatever else
    the original plan had stays, so a wrong guess costs little.
    """
    try:
        found = corrections(plan.text, index.vocabulary(), index.together, index.df)
    except Exception:  # a typo guess is a help, never a reason for a search to fail
        log.exception("typo correction failed for %r", plan.text)
        found = []
    if not found:
        return plan, ""
    fixed_text = suggestion(plan.text, found)
    fixed = refine(index, plan_query(fixed_text))
    known = {c.term for c in fixed.concepts}
    extra = tuple(replace(c, weight=c.weight * TYPO_WEIGHT) for c in plan.concepts if c.term not in known)
    return replace(fixed, raw=plan.raw, concepts=fixed.concepts + extra, ref=plan.ref), fixed_text
