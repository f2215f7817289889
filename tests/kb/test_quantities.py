"""Quantities as workers say them are read as the rules write them (kb.quantities)."""

from __future__ import annotations

import pytest

from kb.qa import ask
from kb.quantities import written_quantities
from kb.query import plan_query
from kb.search import KnowledgeBase
from tests.kb.conftest import small_kb


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("掘进头测着瓦斯一点二 咋整", "掘进头测着瓦斯1.2 咋整"),
        ("这里甲烷零点八", "这里甲烷0.8"),
        ("风筒口量出来2点5", "风筒口量出来2.5"),
        ("瓦斯已经百分之零点七了", "瓦斯已经0.7%了"),
        ("测了下二氧化碳两个点", "测了下二氧化碳2.0%"),
        ("回风里甲烷3.5个点", "回风里甲烷3.5%"),
        ("瓦斯浓度一个半点了", "瓦斯浓度1.5%了"),
        ("上隅角瓦斯半个点", "上隅角瓦斯0.5%"),
        ("这巷子宽两米三够吗", "这巷子宽2.3米够吗"),
        ("车场温度二十来度", "车场温度20度"),
        ("下风口四十多米有人", "下风口40米有人"),
        ("歇了俩钟头", "歇了2钟头"),
        ("躲出去两百米", "躲出去两百米"),
        ("甲烷到２．５％", "甲烷到2.5％"),
    ],
)
def test_a_quantity_said_is_written_as_rules_write_it(said: str, written: str):
    from corpus.normalize import normalize

    assert written_quantities(normalize(said)) == written


@pytest.mark.parametrize(
    "said",
    [
        "快一点把风筒接上",  # 一点: a little
        "慢一点一点往外挪",
        "第一点五个字是啥",  # 第一点: the first point
        "下午两点五十交班",  # a time of day
        "早上六点三刻下井",
        "有一点二氧化碳味",
        "一二三条都要背",  # list markers
        "钻场里打一个点",  # a place, not a gas reading
        "两个人一组",  # a count
        "氧气低于百分之二十",  # a whole share stays as laws write it
    ],
)
def test_words_that_are_no_quantity_stay(said: str):
    assert written_quantities(said) == said


def test_a_spoken_decimal_is_one_value_of_the_question():
    terms = {c.term for c in plan_query("掘进头瓦斯测着一点二 咋整").concepts}
    assert "1.2" in terms
    assert not terms & {"一点", "二"}


def test_a_gas_point_searches_the_rules_percent():
    plan = plan_query("上隅角甲烷有两个点了咋办")
    assert "2.0" in {c.term for c in plan.concepts}


GAS_RULES = [  # read without its value, a question shares as many words with a rule for another value
    (1, "通风办法", "部门规章", 20, "掘进面风流里瓦斯浓度到1.0%时，人员必须停下作业，断开电源后全部撤离。"),
    (2, "通风办法", "部门规章", 21, "掘进面风流里甲烷浓度到1.5%时，电钻必须停下不再打眼。"),
    (3, "通风办法", "部门规章", 22, "掘进面风流里甲烷浓度到0.8%时，必须加强检查，每班多测五次。"),
]


@pytest.fixture(scope="module")
def gas_kb(tmp_path_factory) -> KnowledgeBase:
    return small_kb(tmp_path_factory.mktemp("quantities") / "index", GAS_RULES)


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("瓦斯一点五了还能打钻吗", 2),
        ("掘进面瓦斯测着零点八了 咋整", 3),
        ("掘进面瓦斯测着一点五了 电钻还能打眼吗", 2),
    ],
)
def test_the_rule_for_the_value_said_answers(gas_kb: KnowledgeBase, question: str, article: int):
    assert ask(gas_kb, question).candidates[0].article_id == article
