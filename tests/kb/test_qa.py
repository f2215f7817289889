"""Answers: sentences, citation, alternatives, and saying so when nothing answers."""

from __future__ import annotations

import pytest

from kb.qa import ask
from kb.search import KnowledgeBase


def test_answer_with_sentence_and_citation(kb: KnowledgeBase):
    answer = ask(kb, "遇到紧急情况我能不能先撤出来")
    assert answer.answered
    assert answer.citation == "《中华人民共和国安全生产法》第五十五条"
    assert "撤离作业场所" in "".join(answer.sentences)
    assert 1 <= len(answer.sentences) <= 3
    assert "<mark>" in str(answer.answer_html)


def test_answer_picks_the_sentence_that_answers(kb: KnowledgeBase):
    answer = ask(kb, "瓦斯浓度到多少要停止工作撤人")
    assert answer.citation == "《煤矿安全规程》第一百九十三条"
    stating = answer.sentences[answer.answer_index]  # the sentence that sets the value asked
    assert "1.5%" in stating and "撤出人员" in stating


def test_alternatives_are_offered(kb: KnowledgeBase):
    answer = ask(kb, "遇到紧急情况我能不能先撤出来")
    assert 1 <= len(answer.alternatives) <= 3
    assert answer.hit.article_id not in {a.article_id for a in answer.alternatives}


def test_off_topic_question_is_not_answered(kb: KnowledgeBase):
    answer = ask(kb, "红烧肉怎么做才好吃")
    assert not answer.answered and "没有找到" in answer.message


def test_empty_question(kb: KnowledgeBase):
    assert not ask(kb, "").answered


def test_json_shape_has_answer_and_citation(kb: KnowledgeBase):
    data = ask(kb, "下井能带烟吗").to_json()
    assert data["answered"] and data["citation"].startswith("《煤矿安全规程》")
    assert data["results"][0]["answer"] and data["results"][0]["citation"] == data["citation"]
    assert data["results"][0]["status"] == "current"


def test_table_rows_are_never_quoted_as_the_answer(kb: KnowledgeBase):
    from kb.qa import pick_sentences

    plan, _ = kb.prepare("甲烷传感器报警浓度")
    text = "甲烷传感器的设置应当符合下表要求。\n| 甲烷传感器 | 报警浓度 | 1.0% |\n| 列1 | 列2 |"
    picked, _ = pick_sentences(text, plan, kb)
    assert picked and all("|" not in sentence for sentence in picked)


def test_unanswered_question_keeps_the_ranking_in_json_but_no_answer(kb: KnowledgeBase):
    data = ask(kb, "食堂里的饭菜安全吗").to_json()
    assert not data["answered"] and data["citation"] == ""
    assert data["results"] and all(item["answer"] == "" for item in data["results"])
    scores = [item["score"] for item in data["results"]]
    assert scores == sorted(scores, reverse=True)


def test_a_list_head_is_quoted_with_its_items(kb: KnowledgeBase):
    from kb.qa import pick_sentences

    plan, _ = kb.prepare("班组长的职责")
    text = (
        "班组长对本班组安全生产工作负有下列职责：\n（一）开工前检查工作面；\n（二）制止违章作业。\n班组长由区队任命。"
    )
    picked, _ = pick_sentences(text, plan, kb)
    assert picked[0].endswith("：") and len(picked) == 3 and picked[1].startswith("（一）")


LIST_ARTICLE = (
    "工作面运输必须遵守下列规定：\n（一）机头、机尾必须打压柱。\n"
    "（二）液压支架必须完好。严禁使用不符合标准的物品代替。\n（三）刮板输送机严禁乘人。\n"
    "（四）刮板输送机的信号如下：\n1．开机前发出信号。\n（五）刮板输送机检修时，必须停电闭锁。"
)


@pytest.mark.parametrize(
    ("question", "item"),
    [
        ("刮板输送机上能乘人吗", "（三）刮板输送机严禁乘人。"),
        ("刮板输送机检修时能不能不停电闭锁", "（五）刮板输送机检修时，必须停电闭锁。"),  # an item after a sub-list head
    ],
)
def test_a_list_item_is_quoted_with_its_list_s_head_not_the_item_before_it(tmp_path, question: str, item: str):
    # The sentence before （三） ends item （二）, another rule: the item asked is quoted under the head that
    # introduces the list, …必须遵守下列规定：, not after the last words of its neighbour; an item that heads
    # a sub-list of its own (（四）…如下：) is no head of its siblings.
    from kb.qa import pick_answer
    from tests.kb.conftest import small_kb

    kb = small_kb(tmp_path / "index", [
        (1, "示例运输规程", "部门规章", 117, LIST_ARTICLE),
        (2, "示例运输规程", "部门规章", 118, "带式输送机严禁乘人，必须设置防护装置。"),
    ])
    plan, _ = kb.prepare(question)
    picked, _, _ = pick_answer(LIST_ARTICLE, plan, kb, "permission")
    assert item in picked, picked
    assert picked[0] == "工作面运输必须遵守下列规定：", picked
