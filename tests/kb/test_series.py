"""Versions matter (issue 13): a later document of a series answering the point it revisits
(kb.series), and an old version yielding to a current article (kb.qa.current_instead). The texts
are our own, written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from corpus.numerals import to_chinese_number
from kb.hits import Hit
from kb.indexing import ArticleRecord, build_index
from kb.qa import ask, current_instead
from kb.search import KnowledgeBase
from kb.series import restates, same_series, title_stem

FIRST = "关于办理井下违规作业案件适用法律若干问题的解释"
SECOND = f"{FIRST}（二）"
LAW = "井下作业安全管理办法"

# (article id, title, number, text, 施行 date)
ROWS = [
    (101, FIRST, 3, "违反安全管理规定，实施下列行为之一的，应当认定为“擅自进入盲巷”：（一）未经检测进入停风巷道的；"
                    "（二）拆除栅栏进入停风巷道的。", date(2015, 12, 16)),
    (102, FIRST, 4, "擅自进入盲巷，造成一人以上死亡的，处三年以下有期徒刑或者拘役。", date(2015, 12, 16)),
    (201, SECOND, 1, "违反安全管理规定，有下列情形之一的，属于“擅自进入盲巷”：（一）未经检测进入停风巷道的；"
                     "（二）拆除栅栏或者警标进入停风巷道的；（三）其他擅自进入的情形。", date(2022, 12, 19)),
    (202, SECOND, 2, "发现盲巷的，作业人员应当立即设置栅栏和警标，并向调度室报告。", date(2022, 12, 19)),
    (301, LAW, 9, "从业人员不得擅自进入盲巷和停风巷道。", date(2019, 1, 1)),
]


@pytest.fixture(scope="module")
def series_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("series") / "index"
    doc_ids = {FIRST: 1, SECOND: 2, LAW: 3}
    build_index(root, [
        ArticleRecord(
            article_id=aid, doc_id=doc_ids[title], title=title, path="", text=text,
            label=f"第{to_chinese_number(number)}条", number=number, kind="article", anchor=f"art-{number}",
            ordinal=aid, doc_type="司法解释" if title != LAW else "部门规章", status="current", doc_key=title,
            effective=effective,
        )
        for aid, title, number, text, effective in ROWS
    ])
    return KnowledgeBase(root)


def test_a_series_is_its_title_stem():
    assert title_stem(SECOND) == title_stem(FIRST)
    assert title_stem("煤矿安全规程（2016年修订）") == "煤矿安全规程"
    assert title_stem("中华人民共和国某某法（修正）") == "某某法"
    assert title_stem("井下爆破管理补充规定") == title_stem("井下爆破管理规定")
    assert title_stem("井下爆破管理规定") != title_stem("井下运输管理规定")


def _hit(article_id: int, doc_id: int, title: str, text: str, score: float, status: str = "current",
         dated: date | None = None) -> Hit:
    return Hit(article_id, doc_id, title, "第一条", "第一条", "", "部门规章", status, score, text, "art-1", 1,
               "article", dated=dated)


def test_same_series_needs_two_documents():
    a = _hit(1, 1, FIRST, "甲", 1.0)
    assert same_series(a, _hit(2, 2, SECOND, "乙", 1.0))
    assert not same_series(a, _hit(3, 1, FIRST, "丙", 1.0))  # one document's two articles
    assert not same_series(a, _hit(4, 3, LAW, "丁", 1.0))


def test_restating_is_saying_most_of_the_sentence_again():
    sentence = "违反安全管理规定，实施下列行为之一的，应当认定为“擅自进入盲巷”："
    assert restates(sentence, ROWS[2][3])
    assert not restates(sentence, ROWS[3][3])
    assert not restates("", ROWS[2][3])


def test_the_later_interpretation_answers_the_point_it_revisits(series_kb: KnowledgeBase):
    answer = ask(series_kb, "什么是擅自进入盲巷")
    assert answer.answered
    assert (answer.hit.title, answer.hit.article) == (SECOND, "第一条")
    assert any(h.title == FIRST for h in answer.candidates)  # the earlier text stays among the candidates


def test_the_earlier_text_answers_when_old_versions_are_asked_for(series_kb: KnowledgeBase):
    answer = ask(series_kb, "2015年版的解释里什么是擅自进入盲巷")
    assert (answer.hit or answer.alternatives[0]).title == FIRST


def test_a_later_text_that_does_not_revisit_the_point_does_not_win(series_kb: KnowledgeBase):
    answer = ask(series_kb, "擅自进入盲巷死了一个人判几年")
    assert (answer.hit or answer.alternatives[0]).title == FIRST


def _final(*pairs: tuple[Hit, float]) -> dict[int, float]:
    return {h.article_id: score for h, score in pairs}


def test_an_old_version_yields_to_its_own_current_version_on_the_search_score():
    old = _hit(1, 1, "煤矿安全规程", "噪声声级限值为85dB(A)。", 10.0, status="repealed")
    new = _hit(2, 2, "煤矿安全规程", "稳态噪声限值为85dB（A）。", 9.0)
    # the reranked scores part them (the old words it as the question does), the search score does not
    assert current_instead(old, [old, new], _final((old, 20.0), (new, 14.0))) is new


def test_an_old_version_keeps_the_answer_another_document_only_shares_words_with():
    old = _hit(1, 1, "煤矿安全监察条例", "监察人员发现违章指挥的，应当立即纠正。", 10.0, status="repealed")
    other = _hit(2, 2, "工会法", "工会发现违章指挥，有权提出建议。", 9.5)
    assert current_instead(old, [old, other], _final((old, 20.0), (other, 12.0))) is old
    assert current_instead(old, [old, other], _final((old, 20.0), (other, 17.0))) is other
