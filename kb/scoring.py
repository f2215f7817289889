"""Scoring one candidate article against a question, after BM25 has fetched it.

score = BM25 (plus the common words scored here) × quality × type prior × bonuses, where
quality mixes coverage (the IDF share of the question's words the article holds, a
synonym counting SYNONYM_CREDIT) and proximity (the share one sentence holds). An article holds the
setting its chapter places it in (第三编 井工煤矿: 井下, kb.setting) as it holds its title's words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kb.clauses import ACTION, LIST_HEAD, NON_ANSWER, PENALTY, PERMISSION, clause_kind
from kb.highlight import sentences
from kb.hits import Hit, document_date
from kb.query import Concept, QueryPlan
from kb.setting import placed

if TYPE_CHECKING:
    from kb.search import KnowledgeBase

STATUS_DEMOTION = 0.55
COVERAGE_FLOOR = 0.3
ANSWER_TYPE_BONUS = 1.3
BM25_K1, BM25_B = 1.2, 0.75  # Whoosh's defaults, for the words scored outside Whoosh
AVERAGE_ARTICLE_CHARS = 200
SENTENCE_SHARE = 0.5
SYNONYM_CREDIT = 0.8
# Cases and news explain; the rules themselves answer. Both still show when they match best.
# Judicial interpretations are written for courts, not for the people at the coal face.
TYPE_PRIOR = {"案例": 0.75, "新闻/通知": 0.7, "司法解释": 0.85}
# Clauses that repeat a document's topic but answer nothing (kb.clauses), and articles
# that only matter when the question asks for them.
NON_ANSWER_DEMOTION = 0.4
DEFINITION_DEMOTION = 0.6
PENALTY_DEMOTION = 0.75
# A sentence that says what to do (怎么办) or what is allowed (能不能), among the question's words.
ACTION_BONUS = 1.2
PERMISSION_BONUS = 1.15
LIST_BONUS = 1.15  # 职责 / 哪些: the sentence that introduces the list (负有下列职责：)
PENALTY_BONUS = 1.15  # 怎么罚: the sentence that says the punishment

Weights = list[tuple[Concept, float]]


def concept_coverage(weights: Weights, haystack: str) -> float:
    """IDF mass of the concepts found in `haystack`; a synonym counts SYNONYM_CREDIT."""
    got = 0.0
    for concept, weight in weights:
        if concept.term in haystack:
            got += weight
        elif any(alt in haystack for alt, _ in concept.alternatives):
            got += weight * SYNONYM_CREDIT
    return got


def text_bm25(
    terms: list[tuple[str, float]], haystack: str, idf: Callable[[str], float], length: float | None = None
) -> float:
    """BM25 of weighted words counted in `haystack` (as long as `length` characters, by default
    its own length): a passage scored outside the index, alike for an article and a part of it."""
    value = 0.0
    length_norm = 1 - BM25_B + BM25_B * (len(haystack) if length is None else length) / AVERAGE_ARTICLE_CHARS
    for term, weight in terms:
        tf = haystack.count(term)
        if tf:
            value += idf(term) * weight * tf * (BM25_K1 + 1) / (tf + BM25_K1 * length_norm)
    return value


def common_bm25(plan: QueryPlan, haystack: str, idf: Callable[[str], float]) -> float:
    """BM25 of the words left out of candidate fetching (too common), counted in the text.

    They did not find the candidates, but among candidates an article that also has
    them matches the question better, as it would in a full BM25 ranking.
    """
    return text_bm25([(c.term, c.weight) for c in plan.concepts if not c.retrieve], haystack, idf)


_WANTED = {"action": ACTION, "permission": PERMISSION, "list": LIST_HEAD, "penalty": PENALTY}
_BONUS = {"action": ACTION_BONUS, "permission": PERMISSION_BONUS, "list": LIST_BONUS, "penalty": PENALTY_BONUS}


def _cue_factor(cues: frozenset[str], kind: str, found: set[str]) -> float:
    """Demote clauses that answer nothing (they get no bonus); favour the sentence the question wants."""
    if kind in NON_ANSWER:
        return NON_ANSWER_DEMOTION
    if kind == "definition" and "definition" not in cues:
        return DEFINITION_DEMOTION
    if kind == "penalty" and "penalty" not in cues:
        return PENALTY_DEMOTION  # 未依法履行…职责的，处…罚款 lists duties only to punish them
    factor = 1.0
    for cue in cues & found:
        factor *= _BONUS[cue]
    return factor


def score_hit(  # noqa: PLR0913 - one candidate and everything it is scored against
    fields: dict,
    bm25: float,
    plan: QueryPlan,
    weights: Weights,
    idf: Callable[[str], float],
    demote: bool,
    exact: bool = False,
) -> Hit:
    """The Hit for a stored article, scored against the plan."""
    text = fields["text"]
    # an article its chapter places underground (第三编 井工煤矿) holds 井下 without saying it (kb.setting)
    head = f"{fields['title']}\n{fields.get('path', '')}{placed(fields.get('path', ''))}".lower()
    body = text.lower()
    total = sum(w for _, w in weights) or 1.0
    matched: list[str] = []
    for concept in plan.concepts:
        matched.extend(f for f in concept.surface_forms() if f in head or f in body)
    matched.extend(t for t, _ in plan.extra_terms if t in body)
    coverage = concept_coverage(weights, head + "\n" + body) / total
    # Proximity: how much of the question one sentence of the article answers.
    best, answers = 0.0, False
    found: set[str] = set()
    wanted = [(cue, _WANTED[cue]) for cue in plan.cues if cue in _WANTED]
    pattern = plan.answer_pattern()
    for start, end in sentences(body):
        value = concept_coverage(weights, body[start:end])
        if value > 0:
            answers = answers or (pattern is not None and pattern.search(body, start, end) is not None)
            found.update(cue for cue, pattern in wanted if pattern.search(body, start, end))
        best = max(best, value)
    proximity = best / total
    quality = COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * ((1 - SENTENCE_SHARE) * coverage + SENTENCE_SHARE * proximity)
    bm25 += common_bm25(plan, head + "\n" + body, idf)
    score = bm25 * quality * TYPE_PRIOR.get(fields["doc_type"], 1.0)
    if answers:
        score *= ANSWER_TYPE_BONUS
    score *= _cue_factor(plan.cues, clause_kind(text), found)
    if demote and fields["status"] != "current":
        score *= STATUS_DEMOTION
    number = fields.get("number") or None
    return Hit(
        article_id=int(fields["id"]),
        doc_id=int(fields["doc"]),
        title=fields["title"],
        article=fields["label"] if fields["kind"] == "article" else "",
        label=fields["label"],
        chapter=fields.get("path", ""),
        doc_type=fields["doc_type"],
        status=fields["status"],
        score=score,
        text=fields["text"],
        anchor=fields["anchor"],
        number=number,
        kind=fields["kind"],
        coverage=round(coverage, 3),
        proximity=round(proximity, 3),
        matched=tuple(dict.fromkeys(matched)),
        exact=exact,
        dated=document_date(fields),
    )


def fetched_answering(  # noqa: PLR0913 - the lookups and what an article fetched must say
    kb: KnowledgeBase,
    plan: QueryPlan,
    read: list[Hit],
    lookups: list[list[tuple[str, float]]],
    answers: Callable[[str], bool],
    limit: int,
    depth: int = 40,
    status: str | None = None,
) -> list[Hit]:
    """Up to `limit` articles fetched by each of `lookups` (words all required, `depth` per lookup) whose
    text `answers` what the question asks (grants the right asked, lists the duties of the party asked)
    and that are not among those `read`; those sharing most of the question come first."""
    seen = {h.article_id for h in read}
    weights = kb.concept_weights(plan)
    found: dict[int, tuple[float, Hit]] = {}
    for lookup in lookups:
        for fields, score in kb.candidates(lookup, depth, require_all=True, status=status):
            key = int(fields["id"])
            if key not in seen and key not in found and answers(str(fields["text"])):
                cover = concept_coverage(weights, f"{fields['title']}\n{fields['text']}".lower())
                found[key] = (cover, score_hit(fields, score, plan, weights, kb.idf, demote=True))
    ranked = sorted(found.values(), key=lambda pair: (-pair[0], -pair[1].score))
    return [hit for _, hit in ranked[:limit]]
