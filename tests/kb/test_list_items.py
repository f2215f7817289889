"""A list article read at the level of the item that matches (kb.list_items).

The small library below is written for these tests (our own wording in the style of the rules, not
copies): a long article listing many rules on one machine, each item naming the machine again, beside
short rules that each state one thing about it.
"""

from __future__ import annotations

import pytest

from kb import list_items, qa
from kb.highlight import sentences
from kb.list_items import best_item, head_items, item_share, items_to_quote, wants_whole_list
from kb.list_items import list_items as split
from kb.qa import ask
from kb.search import KnowledgeBase
from tests.kb.conftest import first, small_kb

FAN_RULES = (
    "安装和使用排风扇时，必须遵守下列规定：\n"
    "（一）排风扇由专人看管，排风扇的开关旁悬挂排风扇管理牌。\n"
    "（二）排风扇装在进风的巷道里，排风扇距出风口不得少于8m。\n"
    "（三）排风扇必须配一台同样大小的备用排风扇，在用的排风扇停止运转时，备用排风扇自己启动。\n"
    "（四）排风扇的电缆和排风扇的开关必须专用，排风扇停止运转后来电时排风扇不得自己启动。\n"
    "（五）排风扇停止运转时，该排风扇供风的巷道内应当停止工作，切断电源。\n"
    "（六）每周至少做1次排风扇切换试验，排风扇试验记录存档。"
)
FAN_STOPPED = "排风扇停止运转的，必须先撤出人员，查明气体浓度后方可重新开启。"
FAN_NEAR = "排风扇附近应当保持清洁，不得乱放工具。"
PAY_RULES = (
    "职工在工作中死亡的，其家属按照下列规定领取待遇：\n"
    "（一）安葬费为6个月的本地月平均工资；\n"
    "（二）抚养费按照职工本人工资的一定比例按月发给。\n"
    "（三）一次性死亡补偿标准为上一年度本地人均收入的20倍。"
)
LIBRARY = [
    (1, "示例通风规定", "部门规章", 183, FAN_RULES),
    (2, "示例通风规定", "部门规章", 197, FAN_STOPPED),
    (3, "示例通风规定", "部门规章", 190, FAN_NEAR),
    (4, "示例待遇条例", "行政法规", 39, PAY_RULES),
]


@pytest.fixture(scope="module")
def lists_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return small_kb(tmp_path_factory.mktemp("lists") / "index", LIBRARY)


# -- the items of a list ------------------------------------------------------------------------


def test_a_list_article_splits_into_its_lead_and_items():
    lead, items = split(FAN_RULES)
    assert lead == "安装和使用排风扇时，必须遵守下列规定："
    assert len(items) == 6 and items[1].startswith("（二）")


def test_sub_items_belong_to_their_item_and_a_closing_line_to_the_lead():
    text = "检查必须遵守下列规定：\n（一）检查次数如下：\n1.甲类地点，每班1次。\n2.乙类地点，每班2次。\n（二）检查结果记入班报。\n检查人员必须持证。"
    lead, items = split(text)
    assert len(items) == 2 and "每班2次" in items[0]
    assert lead.endswith("检查人员必须持证。")


def test_an_article_without_a_list_is_not_split():
    assert split(FAN_STOPPED) == (FAN_STOPPED, [])
    assert split("一句话。\n（一）只有一项。") == ("一句话。\n（一）只有一项。", [])


def test_a_list_article_keeps_its_score_only_as_far_as_one_item_matches(lists_kb: KnowledgeBase):
    idf = lists_kb.idf
    spread = [("排风扇", 1.0)]
    # the machine's name is in every item: the best item keeps only a share of the whole bag
    assert 0.0 < item_share(FAN_RULES, spread, idf) < 1.0
    # …an article with no list, all of it
    assert item_share(FAN_STOPPED, spread, idf) == 1.0
    # …and a word said in one item only picks that item, which keeps all of the score it brings
    index, share = best_item(FAN_RULES, [("备用", 1.0)], idf)
    assert index == 2 and share == pytest.approx(1.0)


# -- ranking -------------------------------------------------------------------------------------


def test_the_short_rule_for_the_situation_beats_the_list_naming_it_in_every_item(
    lists_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
):
    assert first(ask(lists_kb, "排风扇停了怎么办")) == 2
    # …which the whole list's bag of words would have won
    monkeypatch.setattr(qa, "at_item_level", lambda hits, *_: hits)
    assert first(ask(lists_kb, "排风扇停了怎么办")) == 1


def test_a_list_still_answers_what_one_of_its_items_states(lists_kb: KnowledgeBase):
    assert first(ask(lists_kb, "排风扇离出风口最少多远")) == 1
    assert first(ask(lists_kb, "备用排风扇啥时候自己启动")) == 1


# -- quoting the item ----------------------------------------------------------------------------


def test_the_item_stating_the_fact_is_quoted_with_its_head(lists_kb: KnowledgeBase):
    answer = ask(lists_kb, "一次性死亡补偿给多少")
    assert first(answer) == 4
    assert answer.sentences[0].startswith("职工在工作中死亡的")
    assert any(s.startswith("（三）") for s in answer.sentences)
    assert not any(s.startswith("（一）") for s in answer.sentences)
    assert answer.answer_sentence.startswith("（三）")


def test_a_question_for_the_whole_list_is_answered_by_the_list_as_it_reads(lists_kb: KnowledgeBase):
    answer = ask(lists_kb, "职工死了家属能领哪些待遇")
    assert first(answer) == 4
    assert answer.sentences[1].startswith("（一）")


def test_head_items_runs_over_an_items_sentences_and_stops_at_the_list_end():
    text = "按照下列规定办理：\n（一）甲项。\n（二）乙项的前一句。标准为：每月一次。\n（三）丙项。\n本条自公布之日起施行。"
    bounds = sentences(text)
    items = head_items(text, bounds, 0)
    assert [len(item) for item in items] == [1, 2, 1]
    assert head_items("规定如下：甲。乙。", sentences("规定如下：甲。乙。"), 0) == []


def test_items_to_quote_prefers_the_best_answering_item_and_skips_a_closing_item():
    items = [(0, "（一）甲。"), (1, "（二）乙丙。"), (2, "（三）法律规定的其他情形。")]
    assert items_to_quote(items, {0: 0.5, 1: 1.0, 2: 2.0}, {0: 1.0, 1: 3.0, 2: 5.0}, 1) == [1]
    # …of two answering alike, the one holding more of the question
    assert items_to_quote(items, {0: 1.0, 1: 1.0}, {0: 1.0, 1: 3.0}, 1) == [1]
    assert items_to_quote(items, {}, {0: 0.0, 1: 0.0, 2: 0.0}, 1) == []


def test_an_item_stating_the_kind_asked_is_quoted_before_one_holding_more_words():
    items = [(0, "（一）井下焊接时停止附近的作业。"), (1, "（二）焊接完毕后专人检查不少于1h。")]
    values, covered = {0: 0.43, 1: 0.42}, {0: 9.0, 1: 6.0}
    assert items_to_quote(items, values, covered, 1) == [0]
    assert items_to_quote(items, values, covered, 1, stating=frozenset({1})) == [1]


@pytest.mark.parametrize("question", ["哪些情况算工伤", "事故分几级", "班长有啥职责", "工人都有哪些权利"])
def test_questions_for_a_whole_list(question: str):
    assert wants_whole_list(question)


@pytest.mark.parametrize("question", ["一次性补助金给多少", "排风扇离出风口最少多远", "井下照明电压最高多少伏"])
def test_questions_for_one_fact(question: str):
    assert not wants_whole_list(question)


def test_the_length_an_item_is_scored_at_lies_between_its_own_and_the_articles():
    assert 0.0 < list_items.ITEM_LENGTH_SHARE < 1.0
