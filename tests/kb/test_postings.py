"""kb.postings scores an Or of weighted words exactly as Whoosh's own search does (same documents,
same scores bit for bit, same order), whichever matcher Whoosh would build, and whether or not the
most common words are read only for the articles the rarer words found."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.index import open_dir
from whoosh.query import And, Or, Term

from kb import postings
from kb.indexing import ArticleRecord, build_index
from kb.postings import top_scored
from kb.query import FIELD
from kb.search import KnowledgeBase
from tests.kb.conftest import library_records
from tests.kb.test_properties import QUIET

WORDS = ["瓦斯", "甲烷", "自救器", "矿灯", "从业人员", "培训", "作业", "必须", "不得", "撤出", "人员", "没有的词"]
MATCHERS = {"array": Or.ARRAY_MATCHER, "tree": Or.DEFAULT_MATCHER}  # small indexes, large ones


def whoosh_top(searcher, query, limit: int) -> list[tuple[int, float]]:  # noqa: ANN001
    return [(hit.docnum, hit.score) for hit in searcher.search(query, limit=limit)]


@pytest.fixture(params=list(MATCHERS))
def matcher_type(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(Or, "matcher_type", MATCHERS[request.param])
    return request.param


@pytest.fixture(params=["all read", "common unread"])
def common_df(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The small library has no word in a tenth of 2,000 articles: here a word in more than 2 is common."""
    if request.param == "common unread":
        monkeypatch.setattr(postings, "UNREAD_MIN_DF", 2)
        monkeypatch.setattr(postings, "UNREAD_SHARE", 0.0)
    return postings.UNREAD_MIN_DF


@settings(max_examples=60, deadline=None, suppress_health_check=QUIET)
@given(
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([1.0, 0.8, 0.6, 0.3, 0.56])), min_size=1, max_size=9),
    st.integers(1, 12),
    st.sampled_from([Or, And]),
)
def test_the_same_ranking_as_whoosh(library_index: Path, matcher_type: str, common_df: int, terms, limit: int,
                                    kind) -> None:
    searcher = KnowledgeBase(library_index).searcher()
    query = kind([Term(FIELD, word, boost=boost) for word, boost in terms])
    assert top_scored(searcher, query, FIELD, limit) == whoosh_top(searcher, query, limit)


def test_common_words_unread_outside_the_rarer_words_page(library_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A common word is scored only in the articles a rarer word found, and the page is Whoosh's."""
    monkeypatch.setattr(Or, "matcher_type", Or.DEFAULT_MATCHER)
    kb = KnowledgeBase(library_index)
    searcher = kb.searcher()
    known = sorted((w for w in WORDS if kb.df(w)), key=kb.df)
    rare, common = known[0], known[-1]
    assert kb.df(rare) < kb.df(common)
    monkeypatch.setattr(postings, "UNREAD_MIN_DF", kb.df(rare))
    monkeypatch.setattr(postings, "UNREAD_SHARE", 0.0)
    query = Or([Term(FIELD, rare, boost=2.0), Term(FIELD, common, boost=0.3)])
    scored = postings._common_unread(searcher, query, FIELD, 1, None)  # noqa: SLF001
    assert scored is not None and len(scored) < kb.df(common)
    assert top_scored(searcher, query, FIELD, 1) == whoosh_top(searcher, query, 1)
    # …and when the rarer word cannot fill the page, every posting is read.
    assert postings._common_unread(searcher, query, FIELD, kb.df(rare) + 1, None) is None  # noqa: SLF001
    assert top_scored(searcher, query, FIELD, kb.df(rare) + 1) == whoosh_top(searcher, query, kb.df(rare) + 1)


@settings(max_examples=40, deadline=None, suppress_health_check=QUIET)
@given(st.sampled_from(WORDS), st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
def test_together_counts_as_whoosh(library_index: Path, matcher_type: str, word: str, others: list[str]) -> None:
    kb = KnowledgeBase(library_index)
    query = And([Term(FIELD, word), Or([Term(FIELD, o) for o in others])])
    assert kb.together(word, others) == len(kb.searcher().search(query, limit=None, scored=False))


def test_deleted_articles_are_left_out(tmp_path: Path, matcher_type: str) -> None:
    root = tmp_path / "index"
    build_index(root, library_records())
    opened = KnowledgeBase(root)
    opened.searcher()
    with open_dir(str(opened.handle.generation)).writer() as writer:
        writer.delete_by_term("id", "201")  # an article removed, its postings still on disk
    searcher = KnowledgeBase(root).searcher()
    assert searcher.reader().has_deletions()
    query = Or([Term(FIELD, "自救器"), Term(FIELD, "矿灯", boost=0.8), Term(FIELD, "瓦斯")])
    found = top_scored(searcher, query, FIELD, 10)
    assert found == whoosh_top(searcher, query, 10)
    assert found and all(searcher.stored_fields(docnum)["id"] != "201" for docnum, _ in found)


@pytest.mark.parametrize(
    ("doc_type", "status", "count"), [(None, None, 5), ("部门规章", None, 5), (None, "current", 5), ("法律", "superseded", 0)]
)
def test_search_gives_whoosh_candidates(library_index: Path, monkeypatch: pytest.MonkeyPatch, doc_type, status,
                                        count) -> None:
    kb = KnowledgeBase(library_index)
    terms = [("自救器", 1.0), ("矿灯", 0.8), ("从业人员", 1.0), ("培训", 0.6), ("甲烷", 0.3)]
    fast, both = kb.candidates(terms, 5, doc_type, status), kb.candidates(terms[:2], 5, doc_type, status, True)
    monkeypatch.setattr("kb.search.top_scored", lambda *args, **kwargs: None)  # Whoosh's own search
    assert fast == kb.candidates(terms, 5, doc_type, status) and len(fast) == count
    assert both == kb.candidates(terms[:2], 5, doc_type, status, True)
    assert all((doc_type or f["doc_type"], status or f["status"]) == (f["doc_type"], f["status"]) for f, _ in fast)


def _article(n: int) -> ArticleRecord:
    words = ["瓦斯"] * (1 + n % 3)  # in every article, as often as 1-3 times
    words += ["自救器"] * (n % 7 == 0) + ["培训"] * (n % 3 == 0) + ["矿灯"] * (n < 40 and n % 4 == 0)
    return ArticleRecord(
        article_id=n, doc_id=1, title="规程", path="", text="，".join([*words, f"第{n}项"]) + "。", label=f"第{n}条",
        number=n, kind="article", anchor=f"art-{n}", ordinal=n, doc_type="部门规章", status="current", doc_key="规程",
    )


@pytest.fixture(scope="module")
def blocks_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """700 articles: 瓦斯 in all (postings in several blocks), 矿灯 only in the first 40."""
    root = tmp_path_factory.mktemp("blocks") / "index"
    build_index(root, [_article(n) for n in range(1, 701)])
    return root


@pytest.mark.parametrize("limit", [1, 5, 60, 300])
@pytest.mark.parametrize("words", [("自救器", "瓦斯"), ("矿灯", "培训", "瓦斯"), ("矿灯", "自救器")])
@pytest.mark.parametrize("kind", [Or, And])
@pytest.mark.parametrize("unread_df", [None, 150])  # 150: 瓦斯 and 培训 are common
def test_many_blocks_the_same_ranking_as_whoosh(
    blocks_index: Path, monkeypatch: pytest.MonkeyPatch, unread_df: int | None, words, limit: int, kind
) -> None:
    if unread_df:
        monkeypatch.setattr(postings, "UNREAD_MIN_DF", unread_df)
        monkeypatch.setattr(postings, "UNREAD_SHARE", 0.0)
    searcher = KnowledgeBase(blocks_index).searcher()
    query = kind([Term(FIELD, word, boost=1.0 - 0.2 * i) for i, word in enumerate(words)])
    assert top_scored(searcher, query, FIELD, limit) == whoosh_top(searcher, query, limit)


def test_an_and_reads_the_common_side_only_where_the_rare_one_is(
    blocks_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """矿灯 is in the first 40 articles only: of 瓦斯's blocks, only the first is decompressed."""
    searcher = KnowledgeBase(blocks_index).searcher()
    read = []
    original = W3LeafMatcher._read_data
    monkeypatch.setattr(W3LeafMatcher, "_read_data", lambda self: read.append(self.term()) or original(self))
    query = And([Term(FIELD, "瓦斯"), Term(FIELD, "矿灯")])
    assert top_scored(searcher, query, FIELD, 10) == whoosh_top(searcher, query, 10)
    assert 0 < read.count((FIELD, "瓦斯".encode())) < 700 // 128
