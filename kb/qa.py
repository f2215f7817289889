"""Answers (问答): the best article, the one to three sentences in it that answer, a citation.

`ask` ranks articles like search does, then reads the best one sentence by sentence and
keeps the sentences that cover most of the question (a duration or quantity question
prefers sentences holding one). When even the best article covers too little of the
question, it says so plainly instead of showing a weak match; callers log such
questions for trainers (kb.models.SearchGap).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from markupsafe import Markup

from kb.clauses import ACTION, PERMISSION
from kb.highlight import mark, sentences
from kb.hits import Hit
from kb.query import Concept, QueryPlan, plan_query
from kb.search import CANDIDATES, TYPE_PRIOR, KnowledgeBase, concept_coverage

MAX_SENTENCES = 3
ALTERNATIVES = 3
# Below this confidence the best article is not shown as the answer.
ANSWER_THRESHOLD = 0.5
NEIGHBOUR_SHARE = 0.6
SINGLE_CHAR_SHARE = 0.6
UNKNOWN_SHARE = 0.7  # a sentence joins the answer when it scores this share of the best

_WANTED_SENTENCE = (("action", ACTION), ("permission", PERMISSION))

NO_ANSWER = "知识库里没有找到能直接回答这个问题的条文。问题已记录，培训员会补充。可以换个说法再问，或直接搜索关键词。"
EMPTY_QUESTION = "请用一句话写下你的问题，例如“井下瓦斯超限了怎么办”。"


@dataclass(frozen=True)
class Answer:
    """The outcome of asking one question."""

    question: str
    answered: bool
    confidence: float
    hit: Hit | None = None
    sentences: tuple[str, ...] = ()
    answer_html: Markup = Markup("")
    alternatives: tuple[Hit, ...] = ()
    message: str = ""
    suggestion: str = ""
    took_ms: float = 0.0
    candidates: tuple[Hit, ...] = field(default=(), repr=False)

    @property
    def citation(self) -> str:
        """《安全生产法》第五十五条, or "" without an answer."""
        return str(self.hit.citation) if self.hit else ""

    def to_json(self) -> dict[str, object]:
        """The public JSON shape (CLI and /api/ask).

        Answered: results[0] is the answering article (with answer and citation), then the
        alternatives. Not answered: the closest articles in rank order, answer empty.
        """
        results = []
        if self.hit is not None:
            best = self.hit.to_json()
            best.update(answer="".join(self.sentences), answer_html=str(self.answer_html), citation=self.citation)
            results.append(best)
        for alt in self.alternatives:
            item = alt.to_json()
            item.update(answer="", citation=str(alt.citation))
            results.append(item)
        return {
            "question": self.question,
            "answered": self.answered,
            "confidence": round(self.confidence, 3),
            "answer": "".join(self.sentences),
            "citation": self.citation,
            "message": self.message,
            "suggestion": self.suggestion,
            "took_ms": self.took_ms,
            "results": results,
        }


def _is_table_row(sentence: str) -> bool:
    stripped = sentence.strip()
    return stripped.startswith(("|", "<!--", "$$")) or stripped.count("|") >= 2


def pick_sentences(text: str, plan: QueryPlan, kb: KnowledgeBase) -> tuple[list[str], float]:
    """The answering sentences of `text` in reading order, and the best sentence's coverage."""
    weights = kb.concept_weights(plan)
    total = sum(w for _, w in weights) or 1.0
    pattern = plan.answer_pattern()
    bounds = sentences(text)
    if not bounds:
        return [], 0.0
    lowered = text.lower()
    scored = []
    for i, (start, end) in enumerate(bounds):
        if _is_table_row(text[start:end]):
            continue  # OCR-recovered tables may be garbled: never quote them as the answer
        value = concept_coverage(weights, lowered[start:end]) / total
        if pattern is not None and pattern.search(text, start, end):
            value *= 1.3
        for cue, wanted in _WANTED_SENTENCE:
            if cue in plan.cues and wanted.search(text, start, end):
                value *= 1.2  # 怎么办 → the sentence with 立即/停止/撤出; 能不能 → 有权/不得
        value += 0.02 / (i + 1)  # the opening sentence usually states the rule
        scored.append((value, i))
    if not scored:
        return [], 0.0
    best_value, best_index = max(scored)
    chosen = {best_index}
    for value, i in sorted(scored, reverse=True):
        if len(chosen) >= MAX_SENTENCES:
            break
        if i not in chosen and value >= best_value * NEIGHBOUR_SHARE and abs(i - best_index) <= 2:
            chosen.add(i)
    # A sentence that introduces a list (负有下列职责：) is meaningless without its items.
    following = max(chosen) + 1
    if text[bounds[following - 1][0] : bounds[following - 1][1]].rstrip().endswith((":", "：")):
        while len(chosen) < MAX_SENTENCES and following < len(bounds):
            chosen.add(following)
            following += 1
    # A list item such as （一）… is meaningless without the sentence that introduces it.
    first = min(chosen)
    if text[bounds[first][0] : bounds[first][0] + 1] in "（(" and first > 0 and len(chosen) < MAX_SENTENCES:
        chosen.add(first - 1)
    picked = [text[bounds[i][0] : bounds[i][1]].strip() for i in sorted(chosen)]
    return picked, min(1.0, best_value)


def question_weights(kb: KnowledgeBase, question: str) -> list[tuple[Concept, float]]:
    """Every content word of the question as asked, before unknown words were dropped.

    A word no article contains still counts (UNKNOWN_SHARE of an average word): when the
    question is mostly about things the library does not hold, no article answers it.
    """
    raw = plan_query(question)
    known = [kb.idf(c.term) for c in raw.concepts if c.maximal and kb.df(c.term)]
    typical = sum(known) / len(known) if known else 1.0
    weights = []
    for c in raw.concepts:
        if c.maximal:
            weight = kb.idf(c.term) if kb.df(c.term) else typical * UNKNOWN_SHARE
            weights.append((c, weight * (SINGLE_CHAR_SHARE if len(c.term) == 1 else 1.0)))
    return weights


def confidence_of(hit: Hit, weights: list[tuple[Concept, float]], sentence_text: str, runner_up: Hit | None) -> float:
    """0–1: how sure we are that `hit` answers; how much of the question it covers matters most."""
    total = sum(w for _, w in weights) or 1.0
    haystack = f"{hit.title}\n{hit.chapter}\n{hit.text}".lower()
    article_cover = concept_coverage(weights, haystack) / total
    sentence_cover = concept_coverage(weights, sentence_text.lower()) / total
    margin = 0.0
    if runner_up is not None and hit.score > 0:
        margin = max(0.0, min(1.0, (hit.score - runner_up.score) / hit.score))
    value = (0.55 * article_cover + 0.35 * sentence_cover + 0.10 * margin) * TYPE_PRIOR.get(hit.doc_type, 1.0)
    return 1.0 if hit.exact else round(min(1.0, value), 3)


def ask(kb: KnowledgeBase, question: str) -> Answer:
    """Answer a question from the knowledge base; raises only IndexUnavailable."""
    started = time.perf_counter()
    plan, hint = kb.prepare(question)
    if plan.empty:
        message = EMPTY_QUESTION if not plan.text else NO_ANSWER
        return Answer(question, False, 0.0, message=message)
    hits = kb.rank(plan, status=None, limit=CANDIDATES)
    if not hits:
        took = round((time.perf_counter() - started) * 1000, 2)
        return Answer(question, False, 0.0, message=NO_ANSWER, suggestion=hint, took_ms=took)
    # An old version never answers when a current article does about as well.
    current = [h for h in hits if h.status == "current"]
    best = hits[0]
    if best.status != "current" and current and current[0].score >= best.score * 0.8 and not plan.wants_old:
        best = current[0]
    others = [h for h in hits if h.article_id != best.article_id]
    picked, _ = pick_sentences(best.text, plan, kb)
    weights = question_weights(kb, question)
    confidence = confidence_of(best, weights, "".join(picked), others[0] if others else None)
    alternatives = tuple(kb.with_snippet(h, plan) for h in others[:ALTERNATIVES])
    took = round((time.perf_counter() - started) * 1000, 2)
    if confidence < ANSWER_THRESHOLD:
        # No answer is shown; the ranked candidates stay in the JSON (answered: false) so
        # evaluation runs and trainers can see what came closest.
        closest = (best, *others[:ALTERNATIVES])
        return Answer(
            question,
            False,
            confidence,
            message=NO_ANSWER,
            suggestion=hint,
            took_ms=took,
            alternatives=tuple(kb.with_snippet(h, plan) for h in closest),
            candidates=tuple(hits[:10]),
        )
    terms = plan.highlight_terms()
    html = Markup("").join(mark(s, terms) for s in picked)
    return Answer(
        question,
        True,
        confidence,
        hit=kb.with_snippet(best, plan),
        sentences=tuple(picked),
        answer_html=html,
        alternatives=alternatives,
        suggestion=hint,
        took_ms=took,
        candidates=tuple(hits[:10]),
    )
