"""Searching the test library: ranking, status, references, filters, snippets, typos."""

from __future__ import annotations

import pytest

from kb.search import KnowledgeBase
from tests.kb.test_query import NASTY


def cited(results) -> list[str]:
    return [f"{h.title}{h.article}" for h in results.hits]


def test_colloquial_question_finds_the_article(kb: KnowledgeBase):
    assert cited(kb.search("矿工遇到危险能不能跑"))[0] == "中华人民共和国安全生产法第五十五条"


def test_traditional_question_finds_the_same_article(kb: KnowledgeBase):
    assert cited(kb.search("礦工遇到危險能不能跑"))[0] == "中华人民共和国安全生产法第五十五条"


def test_synonym_finds_article_that_uses_the_formal_word(kb: KnowledgeBase):
    # 瓦斯 ↔ 甲烷: the rule only says 甲烷
    assert "煤矿安全规程第一百九十三条" in cited(kb.search("瓦斯浓度到多少要撤人"))[:2]


@pytest.mark.parametrize("query", ["安全生产法第五十五条", "安全生产法 55条", "《中华人民共和国安全生产法》第55条"])
def test_article_reference_goes_straight_to_the_article(kb: KnowledgeBase, query: str):
    hit = kb.search(query).hits[0]
    assert (hit.title, hit.article, hit.exact) == ("中华人民共和国安全生产法", "第五十五条", True)


def test_reference_prefers_the_current_version(kb: KnowledgeBase):
    hit = kb.search("煤矿安全规程第十条").hits[0]
    assert hit.status == "current" and hit.doc_id == 2


def test_old_version_is_left_out_when_the_current_version_answers(kb: KnowledgeBase):
    hits = kb.search("下井能不能带烟").hits
    assert hits[0].doc_id == 2 and hits[0].status == "current"
    assert all(h.doc_id != 3 for h in hits)


def test_old_version_shows_with_its_label_when_asked_for(kb: KnowledgeBase):
    for results in (kb.search("旧版规程 下井带烟"), kb.search("下井带烟", status="superseded")):
        old = next(h for h in results.hits if h.doc_id == 3)
        assert old.status_label == "已被新版本取代"


def test_repealed_article_still_shows_when_nothing_current_answers_and_carries_its_label(kb: KnowledgeBase):
    hit = kb.search("有疑必探").hits[0]
    assert hit.status == "repealed" and hit.status_label == "已废止"


def test_status_and_type_filters(kb: KnowledgeBase):
    assert {h.status for h in kb.search("入井 烟草", status="superseded").hits} == {"superseded"}
    assert {h.doc_type for h in kb.search("培训", doc_type="法律").hits} == {"法律"}


def test_pagination(kb: KnowledgeBase):
    first, second = kb.search("从业人员", per_page=2, page=1), kb.search("从业人员", per_page=2, page=2)
    assert first.total == second.total >= 3
    assert len(first.hits) == 2 and first.pages >= 2
    assert not {h.article_id for h in first.hits} & {h.article_id for h in second.hits}


@pytest.mark.parametrize("raw", NASTY)
def test_nasty_queries_give_results_or_a_message(kb: KnowledgeBase, raw: str):
    results = kb.search(raw)
    assert results.hits or results.message


def test_empty_query_asks_for_input(kb: KnowledgeBase):
    assert "请输入" in kb.search("  ").message


def test_snippet_marks_matching_words(kb: KnowledgeBase):
    snippet = str(kb.search("自救器").hits[0].snippet)
    assert "<mark>自救器</mark>" in snippet


def test_markup_in_a_document_is_escaped(kb: KnowledgeBase):
    hit = next(h for h in kb.search("瓦斯检查员 字样").hits if h.doc_id == 7)
    snippet = str(hit.snippet)
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_markup_in_a_query_never_reaches_the_snippet(kb: KnowledgeBase):
    for hit in kb.search("<img src=x onerror=alert(1)> 瓦斯 <b>").hits:
        text = str(hit.snippet)
        assert "<img" not in text and "<b>" not in text and "onerror" not in text.replace("&", "")


def test_did_you_mean_for_a_one_character_typo(kb: KnowledgeBase):
    results = kb.search("局部通风几停了")
    assert results.suggestion.startswith("局部通风机")
    assert cited(results)[0] == "煤矿安全规程第一百九十七条"


def test_json_shape(kb: KnowledgeBase):
    data = kb.search("自救器", per_page=3).to_json()
    item = data["results"][0]
    assert {"doc_id", "title", "article", "chapter", "doc_type", "status", "score", "snippet"} <= set(item)
    assert isinstance(data["took_ms"], float)


def test_related_articles_come_from_elsewhere_first(kb: KnowledgeBase):
    hit = kb.search("安全生产法第五十五条").hits[0]
    related = kb.related(hit)
    assert related and hit.article_id not in {r.article_id for r in related}
    assert all(r.status == "current" for r in related)


def test_a_negation_is_not_taken_for_a_typo(kb: KnowledgeBase):
    from kb.spelling import Vocabulary, corrections

    # 再培训 is one character away from 没培训, but 没 before a word is a negation.
    words = Vocabulary({"再培训": 5, "培训": 9, "上岗": 9}, frozenset({"再培训", "培训", "上岗"}))
    assert corrections("没培训过能不能上岗", words) == []


def test_mentioned_documents_follow_the_documents_table(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """A title the question names is found, and a document indexed later is named too."""
    named = kb.mentioned_documents("安全生产法规定的从业人员权利")
    assert {doc_id for doc_id, info in kb.documents().items() if "安全生产法" in info["title"]} <= named
    assert not kb.mentioned_documents("瓦斯超限怎么办")
    later = {**kb.documents(), "999": {"title": "井下爆破作业规定", "status": "current", "doc_type": "部门规章"}}
    monkeypatch.setattr(kb, "documents", lambda: later)
    assert "999" in kb.mentioned_documents("井下爆破作业规定第五条")
