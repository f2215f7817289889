"""The documents a question names (kb.qa.ask): 安全生产法什么时候施行 asks when the 安全生产法 took
effect, and 《安全生产许可证条例》第二十二条 (本条例施行前…) or the 劳动合同法's 本法施行前… answer another
question, however well they share its words.

A document is named by its title without 中华人民共和国 and book-title marks (安全生产法, 煤矿安全规程,
工伤保险条例, as kb.search.KnowledgeBase.mentioned_documents reads a title typed in a search) or by a
word the synonym table takes for that title (规程 → 煤矿安全规程: kb/data/synonyms.txt); not by a
title that is only the start of another word (安全生产法律法规: the laws on safety, not the 安全生产法).

Its articles holding the question's other words join the candidates ask reads (with_named), an
article of another document counts at a share of its score (kb.qa.NAMED_ELSEWHERE_SHARE), and an
answer from another document is never shown as confident.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from kb.analysis import synonyms
from kb.hits import Hit
from kb.query import Concept, plan_query
from kb.scoring import concept_coverage, score_hit

if TYPE_CHECKING:
    from kb.query import QueryPlan
    from kb.search import KnowledgeBase

MIN_TITLE = 3  # a title this long or longer names its document (as kb.search reads titles)
NAMED_LOOKUP = 20  # articles fetched per word of the question, with the title's words, all required
NAMED_HITS = 3  # …of which this many at most join the candidates read
NAMED_NEAR = 0.5  # a question of no kind: a named document's article this near the leader goes first
IN_FORCE = "施行"
_IN_FORCE_SAID = frozenset({"施行", "生效", "实施", "执行", "实行", "开始实施", "开始执行", "开始施行"})
_VERSION_SAID = frozenset({"新版", "最新版", "新的", "最新", "现行", "新版本", "最新版本"})
# A title followed by one of these is the start of another word: 安全生产法律, 劳动法律.
_WORD_GOES_ON = ("律",)


def short_title(title: str) -> str:
    """煤矿安全规程 for 《煤矿安全规程》, 安全生产法 for 中华人民共和国安全生产法."""
    return title.removeprefix("中华人民共和国").replace("《", "").replace("》", "").strip()


def named_documents(
    documents: Mapping[str, Mapping[str, str]], text: str, concepts: Iterable[Concept] = ()
) -> frozenset[str]:
    """Ids of the documents (kb.search.KnowledgeBase.documents) that `text` names by title, or that a
    word of the question (`concepts`, as kb.query plans it) stands for by the synonym table."""
    text = text.removeprefix("中华人民共和国").replace("《", "").replace("》", "")
    table = synonyms()
    said = {alt for c in concepts if c.maximal for alt, _ in table.expand(c.term)}
    named = set()
    for doc_id, info in documents.items():
        short = short_title(str(info.get("title", "")))
        if len(short) >= MIN_TITLE and (_said_in(short, text) or short in said):
            named.add(str(doc_id))
    return frozenset(named)


def about(
    concepts: tuple[Concept, ...], documents: Mapping[str, Mapping[str, str]], named: frozenset[str], kind: str,
    titled: bool = False,
) -> tuple[Concept, ...]:
    """The words of the question besides the titles of the `named` documents (and their parts) and the
    version named (新版, 现行): what it asks about them (施行 in 工伤保险条例啥时候施行; in_force); all its
    words when it says nothing else. Every article of a document holds its title's words (the title is
    searched with its text), and an article holding them again (工伤保险 in 工伤保险基金…) is not about
    what is asked. With `titled`, the title's words stay (the question's words as asked, for the
    confidence: the answer's title holds them)."""
    titles = [short_title(str(documents[d].get("title", ""))) for d in named if d in documents]
    title_words = tuple(c for c in concepts if any(c.term in title for title in titles))
    rest = tuple(c for c in concepts if c not in title_words and c.term not in _VERSION_SAID)
    if not any(c.maximal for c in rest):
        return concepts
    return (title_words if titled else ()) + in_force(rest, kind)


def in_force(concepts: tuple[Concept, ...], kind: str) -> tuple[Concept, ...]:
    """A time question on a named document asking when it comes into force (哪天开始执行, 啥时候生效)
    asks when it is 施行, as every document writes it (本规程自…起施行; 执行 in a rule is the carrying out of
    a measure): 施行 is all it asks about (哪天, 开始 only ask when)."""
    said = [c for c in concepts if c.maximal and c.term in _IN_FORCE_SAID] if kind == "time" else []
    if not said:
        return concepts
    return (replace(said[0], term=IN_FORCE, alternatives=()),)


def named_first(scored: list, named: frozenset[str], kind: str) -> None:
    """Put first (in place, in ask's (score, hit, reading) list, best first) the best article of a `named`
    document that states the `kind` of fact asked (kb.kinds: 本法自…起施行 for 什么时候施行), or, asked
    no kind, that scores NAMED_NEAR of the leader: another document's article sharing more of the
    question's words (本法施行前已依法订立的劳动合同…) answers another question."""
    if not named or not scored or str(scored[0][1].doc_id) in named:
        return
    lead = scored[0][0]
    at = next(
        (i for i, (score, hit, reading) in enumerate(scored)
         if str(hit.doc_id) in named and (reading.strength > 0 if kind else score >= NAMED_NEAR * lead)),
        None,
    )
    if at is not None:
        scored.insert(0, scored.pop(at))


def _said_in(title: str, text: str) -> bool:
    start = text.find(title)
    while start >= 0:
        if not text.startswith(_WORD_GOES_ON, start + len(title)):
            return True
        start = text.find(title, start + 1)
    return False


def with_named(kb: KnowledgeBase, plan: QueryPlan, hits: list[Hit], named: frozenset[str], depth: int) -> list[Hit]:
    """`hits` with the articles of the `named` documents that hold a word of the question besides the
    title among the first `depth` (the candidates ask reads), in place of the last of those from other
    documents: 安全生产法 第一百一十九条 (本法自…起施行) for 安全生产法什么时候施行."""
    read = {h.article_id for h in hits[:depth]}
    documents = kb.documents()
    titles = {short_title(str(documents[d].get("title", ""))) for d in named if d in documents}
    weights = kb.concept_weights(plan)
    found: dict[int, Hit] = {}
    for title in titles:
        title_words = [(c.term, 1.0) for c in plan_query(title).concepts if c.maximal and kb.df(c.term)]
        if not title_words:
            continue
        spoken = {t for t, _ in title_words}
        words = [c for c in plan.concepts if c.maximal and c.term not in spoken and c.term not in title]
        said = [(form, concept.weight) for concept in words for form in concept.surface_forms() if kb.df(form)]
        for word in said:
            for fields, score in kb.candidates([*title_words, word], NAMED_LOOKUP, require_all=True):
                key = int(fields["id"])
                if str(fields["doc"]) in named and key not in read:
                    hit = score_hit(fields, score, plan, weights, kb.idf, demote=True)
                    if key not in found or found[key].score < hit.score:
                        found[key] = hit
    # those holding most of the question first (a word said as the rules say it, 施行 for 执行, counts)
    extra = sorted(found.values(), key=lambda h: (-concept_coverage(weights, h.text.lower()), -h.score))[:NAMED_HITS]
    if not extra:
        return hits
    # in place of the last read from other documents, then (none left) of the last of the named ones
    window = hits[:depth]
    last = [h for h in reversed(window) if str(h.doc_id) not in named] + [h for h in reversed(window) if str(h.doc_id) in named]
    dropped = {h.article_id for h in last[: max(0, len(window) + len(extra) - depth)]}
    kept = [h for h in window if h.article_id not in dropped]
    return [*kept, *extra, *(h for h in window if h.article_id in dropped), *hits[depth:]]
