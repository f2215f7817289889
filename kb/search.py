"""Searching the knowledge base: ranked, filtered, paginated hits with safe snippets.

Ranking, in order of effect:

1. BM25 over one field holding the document title, chapter path and article text,
   synonyms and typo corrections at lower weight.
2. Coverage: the share (weighted by IDF) of the query's words an article contains,
   counting a synonym as the word. Colloquial questions carry many words that appear
   nowhere; an article that answers most of what was asked beats one that repeats a
   single word many times.
3. Clause kind and question cues (kb.clauses, kb.scoring): purpose, scope and closing
   clauses and bare definitions rank lower, penalty articles too unless punishment is
   asked; an article whose sentence holds what the question wants (怎么办 → 立即/停止/
   撤出, 能不能 → 有权/不得, 职责 → 负有下列职责：, 多少 → a number and unit) ranks higher.
4. Focus (kb.focus): an article of a document far from mine safety, health and labour
   scores up to 30% lower, so a national collection of unrelated laws stays behind.
5. Status: a superseded or repealed article is demoted (×kb.scoring.STATUS_DEMOTION) and left out
   when the current version of its document ranks above it or its current wording (kb.versions)
   is among the hits, which then takes its place, unless the user asked for old versions or
   filtered by status. It always carries its status label.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from whoosh.query import And, Or, Query, Term
from whoosh.searching import Searcher

from kb.analysis import synonyms
from kb.focus import prior
from kb.highlight import snippet
from kb.hits import Hit, SearchResults
from kb.indexing import IndexHandle, IndexUnavailable, generation_format, generation_mine_words, read_documents
from kb.noise import without_noise
from kb.postings import all_scored, top_scored
from kb.query import FIELD, ArticleRef, Concept, QueryPlan, plan_query, query_terms
from kb.refine import correct, refine
from kb.relevance import asked_weights, passes_floor
from kb.scoring import TYPE_PRIOR, concept_coverage, score_hit
from kb.spelling import Vocabulary
from kb.versions import rule_pairs, same_pairs

CANDIDATES = 50
MAX_RESULTS = 100
TITLE_MENTION_BOOST = 1.5

EMPTY_MESSAGE = "请输入要查找的内容，例如“瓦斯超限怎么办”或“安全生产法第五十五条”。"
NOTHING_MESSAGE = "没有找到相关条文。可以换个说法，或者少写几个字再试试。"
WEAK_MESSAGE = (
    "没有找到与问题相关的条文。知识库收录的是安全生产法规和本矿制度；"
    "可以换个说法，写明设备、地点或要做的事（例如“局部通风机停风怎么办”），或者少写几个字再试试。"
)


def _short_title(title: str) -> str:
    return title.removeprefix("中华人民共和国").replace("《", "").replace("》", "")


Fields = dict[str, object]  # an article's stored fields (kb.indexing.ArticleRecord.fields)
Candidate = tuple[Fields, float]  # an article and its BM25 score
Where = tuple[str | None, str | None]  # the doc_type and status a search is filtered by


class KnowledgeBase:
    """Searches one index root; caches the searcher and derived tables per index version.

    Two engines share everything but finding candidates: this class reads a Whoosh index;
    kb.pgsearch.PgKnowledgeBase reads PostgreSQL full-text tables. The backend part is the
    statistics (`documents`, `vocabulary`, `idf`, `df`, `doc_count`, `together`) and the
    lookups (`candidates`, `lookup`, `article`); planning, re-ranking, the floor, snippets
    and ask are shared, so both rank alike.

    `relevance_floor`: when the best hits fall below kb.relevance's floor, `search` lists
    nothing and says so (WEAK_MESSAGE); benchmarks turn it off to compare."""

    backend = "whoosh"

    relevance_floor = True

    _titles: tuple[object, tuple[tuple[str, str], ...]] = (None, ())  # (documents table, its short titles)

    # Called with the fingerprint and the mine's synonym lines of every index generation the
    # searchers open (the app analyses with those lines: kb.mine_words.follow).
    on_new_index: Callable[[str, tuple[str, ...]], object] | None = None

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.handle = IndexHandle(self.root)
        self._cache_version = -1
        self._vocabulary: Vocabulary | None = None
        self._documents: dict[str, dict[str, str]] = {}
        self._idf: dict[str, float] = {}
        self._df: dict[str, int] = {}

    # -- cached tables -------------------------------------------------------------

    def searcher(self) -> Searcher:
        """The live searcher; raises IndexUnavailable with a user-facing message."""
        searcher = self.handle.searcher()
        if self._cache_version != self.handle.version:
            self._cache_version = self.handle.version
            self._vocabulary = None
            self._idf = {}
            self._df = {}
            gen = self.handle.generation
            self._documents = read_documents(gen) if gen else {}
            if gen and self.on_new_index is not None:
                self.on_new_index(generation_format(gen), generation_mine_words(gen))
        return searcher

    def _open_live(self) -> None:
        try:
            self.searcher()
        except IndexUnavailable:
            pass  # planning needs no index; the search that follows says what is wrong

    def warm(self) -> None:
        """Load the segmenter, searcher and vocabulary now rather than on the first query."""
        self.search("瓦斯")

    def documents(self) -> dict[str, dict[str, str]]:
        """doc_id → title, status, doc_type, doc_key of every indexed document."""
        self.searcher()
        return self._documents

    def vocabulary(self) -> Vocabulary:
        """Indexed words for typo correction (built on first use per index version)."""
        searcher = self.searcher()
        if self._vocabulary is None:
            self._vocabulary = Vocabulary.from_index(searcher)
        return self._vocabulary

    def idf(self, term: str) -> float:
        """IDF of a term in article text (cached)."""
        value = self._idf.get(term)
        if value is None:
            value = self.searcher().idf(FIELD, term)
            self._idf[term] = value
        return value

    # -- searching -----------------------------------------------------------------

    def concept_weights(self, plan: QueryPlan) -> list[tuple[Concept, float]]:
        """How much each word of the question matters: its IDF (or its synonyms' when the word
        itself is not in the library) times its weight in the plan."""
        weights = []
        for c in plan.concepts:
            if c.maximal:
                idf = (
                    self.idf(c.term)
                    if self.df(c.term)
                    else max((self.idf(alt) for alt, _ in c.alternatives if self.df(alt)), default=self.idf(c.term))
                )
                weights.append((c, idf * c.weight))
        return weights

    def prepare(self, q: str) -> tuple[QueryPlan, str]:
        """The refined, typo-corrected plan for `q` and the 您是不是要找 suggestion."""
        if self.on_new_index is not None:
            self._open_live()  # a new generation's words are in use before the question is cut
        plan = plan_query(q)
        if plan.empty:
            return plan, ""
        return self.correct(self.refine(plan))

    def search(
        self,
        q: str,
        doc_type: str | None = None,
        status: str | None = None,
        page: int = 1,
        per_page: int = 10,
    ) -> SearchResults:
        """Search for any user input; never raises except IndexUnavailable."""
        started = time.perf_counter()
        page = max(1, page)
        filters = {k: v for k, v in (("type", doc_type or ""), ("status", status or "")) if v}
        said = without_noise(q, self.knows)  # markup or code pasted around it is not searched for
        plan, hint = self.prepare(said)
        if plan.empty:
            message = EMPTY_MESSAGE if not plan.text else NOTHING_MESSAGE
            return SearchResults(q, (), 0, page, per_page, message=message, filters=filters)
        hits = self.rank(plan, doc_type=doc_type, status=status, limit=max(CANDIDATES, page * per_page))
        if hits and self.relevance_floor and not passes_floor(hits, asked_weights(said, self.idf, self.df)):
            took = round((time.perf_counter() - started) * 1000, 2)
            return SearchResults(q, (), 0, page, per_page, hint, WEAK_MESSAGE, took, filters)
        total = len(hits)
        shown = tuple(self.with_snippet(h, plan) for h in hits[(page - 1) * per_page : page * per_page])
        took = (time.perf_counter() - started) * 1000
        message = "" if hits else NOTHING_MESSAGE
        return SearchResults(q, shown, total, page, per_page, hint, message, round(took, 2), filters)

    def doc_count(self) -> int:
        """Number of indexed articles."""
        return self.searcher().doc_count()

    def df(self, term: str) -> int:
        """Number of articles whose title, path or text contains `term` (cached)."""
        value = self._df.get(term)
        if value is None:
            searcher = self.searcher()
            value = searcher.doc_frequency(FIELD, term)
            self._df[term] = value
        return value

    def knows(self, word: str) -> bool:
        """Whether `word` is a word of the library: in some article, or in the synonym table."""
        return bool(self.df(word) or synonyms().expand(word))

    def together(self, word: str, others: list[str]) -> int:
        """Number of articles holding `word` and at least one of `others` (typo context)."""
        if not others:
            return 0
        query = And([Term(FIELD, word), Or([Term(FIELD, o) for o in others])])
        searcher = self.searcher()
        found = all_scored(searcher, query, FIELD)
        return len(found) if found is not None else len(searcher.search(query, limit=None, scored=False))

    def candidates(
        self,
        terms: list[tuple[str, float]],
        limit: int,
        doc_type: str | None = None,
        status: str | None = None,
        require_all: bool = False,
    ) -> list[Candidate]:
        """The best `limit` articles by BM25 for weighted words (any of them, or all with
        `require_all`), with their stored fields and score."""
        if not terms:
            return []
        return self._best(terms, limit, (doc_type, status), require_all)

    def _best(self, terms: list[tuple[str, float]], limit: int, where: Where, require_all: bool) -> list[Candidate]:
        """candidates() of this engine (`where`: the doc_type and status filters)."""
        clauses = [Term(FIELD, term, boost=weight) for term, weight in terms]
        searcher = self.searcher()
        query = And(clauses) if require_all else Or(clauses)
        # Whoosh's ranking, read from whole posting blocks (kb.postings): several times faster.
        kept = set(searcher.docs_for_query(self._filter(*where))) if any(where) else None
        best = top_scored(searcher, query, FIELD, limit, None if kept is None else kept.__contains__)
        if best is not None:
            return [(searcher.stored_fields(docnum), score) for docnum, score in best]
        results = searcher.search(query, limit=limit, filter=self._filter(*where))
        return [(result.fields(), result.score) for result in results]

    def lookup(self, doc_id: str, number: int, doc_type: str | None = None, status: str | None = None) -> Fields | None:
        """The stored fields of article `number` of a document, or None."""
        query = And([Term("doc", doc_id), Term("number", number)])
        results = self.searcher().search(query, limit=1, filter=self._filter(doc_type, status))
        return results[0].fields() if results else None

    def article_fields(self, article_id: int) -> Fields | None:
        """The stored fields of one article, or None."""
        results = self.searcher().search(Term("id", str(article_id)), limit=1)
        return results[0].fields() if results else None

    def refine(self, plan: QueryPlan) -> QueryPlan:
        """The plan fitted to this index (kb.refine.refine)."""
        return refine(self, plan)

    def correct(self, plan: QueryPlan) -> tuple[QueryPlan, str]:
        """The typo-corrected plan and the 您是不是要找 text (kb.refine.correct)."""
        return correct(self, plan)

    def with_snippet(self, hit: Hit, plan: QueryPlan) -> Hit:
        """The hit with its highlighted snippet (computed only for hits that are shown)."""
        return replace(hit, snippet=snippet(hit.text, plan.highlight_terms()))

    def mentioned_documents(self, text: str) -> set[str]:
        """Ids of documents whose title the query names (劳动法, 《煤矿安全规程》)."""
        documents = self.documents()
        if self._titles[0] is not documents:  # short titles read once per documents table
            titles = [(doc_id, _short_title(info["title"])) for doc_id, info in documents.items()]
            self._titles = (documents, tuple((doc_id, short) for doc_id, short in titles if len(short) >= 3))
        return {doc_id for doc_id, short in self._titles[1] if short in text}

    def rank(
        self,
        plan: QueryPlan,
        doc_type: str | None = None,
        status: str | None = None,
        limit: int = CANDIDATES,
    ) -> list[Hit]:
        """Ranked hits for a plan: the referenced article first, then the reranked candidates."""
        hits: list[Hit] = []
        if plan.ref is not None:
            exact = self.resolve(plan.ref, plan, doc_type, status)
            if exact is not None:
                hits.append(exact)
        if plan.concepts or plan.extra_terms:
            results = self.candidates(query_terms(plan), min(limit, MAX_RESULTS), doc_type, status)
            demote = not (status or plan.wants_old)
            named = self.mentioned_documents(plan.text)
            documents = self.documents()
            seen = {h.article_id for h in hits}
            weights = self.concept_weights(plan)
            scored = []
            for fields, score in results:
                if int(fields["id"]) in seen:
                    continue
                boost = TITLE_MENTION_BOOST if fields["doc"] in named else 1.0
                boost *= prior(documents.get(fields["doc"], {}).get("focus"))
                scored.append(self._hit(fields, score * boost, plan, demote, weights=weights))
            scored.sort(key=lambda h: -h.score)
            hits.extend(self._drop_replaced(scored) if demote else scored)
        return hits

    def _drop_replaced(self, hits: list[Hit]) -> list[Hit]:
        """Under 现行优先 an old version's article gives way to the current version of its document.

        Nobody should learn a dead rule by mistake: where the same rule's current wording is among
        the hits (kb.versions.same_pairs; renumbered, reworded), the current one takes the better of
        the two places and the old one is left out, wherever either ranked; an old article is also
        left out when any current article of its document ranks above it. The old text only shows
        when no current version of the same document answers, or when old versions are asked for.
        """
        documents = self.documents()

        def key_of(hit: Hit) -> str:
            return documents.get(str(hit.doc_id), {}).get("doc_key", "")

        current = [h for h in hits if h.status == "current"]
        promoted: dict[int, float] = {}
        replaced: set[int] = set()
        pairs: dict[int, frozenset[str]] = {}  # each hit's text read once, however many it is compared with

        def pairs_of(hit: Hit) -> frozenset[str]:
            if hit.article_id not in pairs:
                pairs[hit.article_id] = rule_pairs(hit.text)
            return pairs[hit.article_id]

        for hit in hits:
            key = key_of(hit)
            if hit.status == "current" or not key:
                continue
            twin = next((c for c in current if key_of(c) == key and same_pairs(pairs_of(hit), pairs_of(c))), None)
            if twin is not None:
                replaced.add(hit.article_id)
                promoted[twin.article_id] = max(promoted.get(twin.article_id, twin.score), hit.score)
        if replaced:
            hits = sorted((replace(h, score=promoted.get(h.article_id, h.score)) for h in hits
                           if h.article_id not in replaced), key=lambda h: -h.score)
        current_keys: set[str] = set()
        kept = []
        for hit in hits:
            key = key_of(hit)
            if hit.status == "current":
                current_keys.add(key)
            elif key and key in current_keys:
                continue
            kept.append(hit)
        return kept

    def _filter(self, doc_type: str | None, status: str | None) -> Query | None:
        parts = [Term("doc_type", doc_type)] if doc_type else []
        if status:
            parts.append(Term("status", status))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(parts)

    def _hit(
        self,
        fields: dict,
        bm25: float,
        plan: QueryPlan,
        demote: bool,
        exact: bool = False,
        weights: list[tuple[Concept, float]] | None = None,
    ) -> Hit:
        weights = self.concept_weights(plan) if weights is None else weights
        return score_hit(fields, bm25, plan, weights, self.idf, demote, exact)

    # -- lookups -------------------------------------------------------------------

    def resolve(
        self, ref: ArticleRef, plan: QueryPlan, doc_type: str | None = None, status: str | None = None
    ) -> Hit | None:
        """The article an explicit reference points to, preferring the current version."""
        wanted = _short_title(ref.title)
        best: tuple[int, int, str] | None = None
        for doc_id, info in self.documents().items():
            short = _short_title(info["title"])
            if not short or not (wanted.endswith(short) or short.endswith(wanted) or wanted in short):
                continue
            current = 0 if info["status"] == "current" else 1
            # closest title length first, then current before old
            rank = (abs(len(short) - len(wanted)), current, doc_id)
            if best is None or rank < best:
                best = rank
        if best is None:
            return None
        fields = self.lookup(best[2], ref.number, doc_type, status)
        if fields is None:
            return None
        return self._hit(fields, 1000.0, plan, demote=False, exact=True)

    def article(self, article_id: int) -> Hit | None:
        """One article by id, from the index (with an empty plan: no marks)."""
        fields = self.article_fields(article_id)
        if fields is None:
            return None
        return self._hit(fields, 0.0, plan_query(""), demote=False)

    def related(self, hit: Hit, limit: int = 5) -> list[Hit]:
        """Articles about the same things as `hit`, from other documents first, current only."""
        plan = plan_query(f"{hit.chapter} {hit.text[:200]}")
        found = self.rank(plan, status="current", limit=limit * 3)
        others = [h for h in found if h.article_id != hit.article_id]
        others.sort(key=lambda h: (h.doc_id == hit.doc_id, -h.score))
        return [self.with_snippet(h, plan) for h in others[:limit]]


__all__ = ["TYPE_PRIOR", "Hit", "IndexUnavailable", "KnowledgeBase", "SearchResults", "concept_coverage"]
