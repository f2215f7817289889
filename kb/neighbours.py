"""The articles beside the first ones fetched: a second fetch in the rule's words.

A worker's words are often not the rule's (少了 for 丢失, 背 for 运送, 重新开工 for 恢复生产),
so the article that answers may share none of them, while the article beside it, on the same
subject in the same document, does. ask reads the articles next to its first candidates (the
same document, up to NEIGHBOUR_SPAN articles either side) after the ones it fetched, scored no
higher than the last of those: one wins only by stating what the question asks (kb.qa._rerank).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from kb.hits import Hit
from kb.query import Concept, QueryPlan
from kb.scoring import score_hit

NEIGHBOUR_LEADS = 3  # first candidates whose neighbours are read
NEIGHBOUR_SPAN = 3  # articles either side of each


class Index(Protocol):
    """What reading the neighbours needs of the knowledge base."""

    def lookup(self, doc_id: str, number: int) -> dict[str, object] | None: ...

    def concept_weights(self, plan: QueryPlan) -> list[tuple[Concept, float]]: ...

    def idf(self, term: str) -> float: ...


def neighbours(kb: Index, plan: QueryPlan, window: list[Hit]) -> list[Hit]:
    """The articles beside the first NEIGHBOUR_LEADS of `window` that are not in it, nearest first,
    each scored no higher than the last of `window`."""
    seen = {h.article_id for h in window}
    weights = kb.concept_weights(plan)
    floor = window[-1].score
    found: list[Hit] = []
    for lead in window[:NEIGHBOUR_LEADS]:
        if not lead.number:
            continue
        for step in sorted(range(-NEIGHBOUR_SPAN, NEIGHBOUR_SPAN + 1), key=abs)[1:]:
            if lead.number + step < 1:
                continue
            fields = kb.lookup(str(lead.doc_id), lead.number + step)
            if fields is None or int(fields["id"]) in seen:
                continue
            seen.add(int(fields["id"]))
            hit = score_hit(fields, floor, plan, weights, kb.idf, demote=True)
            found.append(replace(hit, score=min(hit.score, floor)))
    return found


def with_neighbours(kb: Index, plan: QueryPlan, hits: list[Hit], depth: int) -> tuple[list[Hit], int]:
    """`hits` with the neighbours of its first ones read right after the first `depth`, and how many
    are now read (`depth` when none was added or fewer than `depth` were fetched)."""
    window = hits[:depth]
    if len(window) < depth:
        return hits, depth
    extra = neighbours(kb, plan, window)
    return [*window, *extra, *hits[depth:]], depth + len(extra)
