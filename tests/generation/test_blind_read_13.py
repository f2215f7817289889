"""Faults of the thirteenth blind read (bench/generation_blind_read_13.md), each rule with an example in our own words
and counter-examples that keep working: a device's purchase specification asked of the frontline (T5), a blank
closing a series whose members give its theme away beside options of another theme (T25), and a duty made a
dispensation before a sentence that takes the act as done (T13)."""

from __future__ import annotations

import random

import pytest

from quiz.generation.records import Change
from quiz.generation.relevance import FRONTLINE, MANAGERS, THRESHOLD, design_value, sentence_relevance
from quiz.generation.theory import TheoryPools, judge, single_term
from quiz.generation.theory.term_distractors import series_theme, term_distractors
from quiz.generation.theory.true_false import _presupposed
from tests.generation.conftest import article, record_of

SEEDS = [str(seed) for seed in range(12)]


# --------------------------------------------------------------------------- T5: what a buyer checks


@pytest.mark.parametrize("sentence", [
    "顶板离层监测设备的选取，应当符合下列要求：测量精度不低于1mm，采样间隔不大于5min",  # T5's class
    "激光测距仪的距离分辨率不大于0.1m",
    "钻机的主要技术指标应当符合下列要求：钻进深度不小于300m",
])
def test_a_devices_purchase_specification_is_asked_of_nobody(sentence: str) -> None:
    assert design_value(sentence)
    assert sentence_relevance(sentence, FRONTLINE) < THRESHOLD
    assert sentence_relevance(sentence, MANAGERS) < THRESHOLD  # a sales office's value, not a manager's rule


@pytest.mark.parametrize("sentence", [
    "井工煤矿必须按照瓦斯等级选用相应的许用炸药",  # choosing explosives is the blaster's rule
    "安全监控设备必须每月至少调校、测试1次",
    "两台仪器读数相差超过允许误差时，必须按较大读数采取措施",
])
def test_rules_about_a_devices_use_stay_asked(sentence: str) -> None:
    assert not design_value(sentence)
    assert sentence_relevance(sentence, FRONTLINE) >= THRESHOLD


# --------------------------------------------------------------------------- T25: the series gives the theme away


def test_the_theme_of_a_series_is_what_its_members_share_with_the_key() -> None:
    assert series_theme("矿井必须建立挡水、截水和", "排水系统") == {"水"}
    assert series_theme("井下必须建立疏水、防水及", "排水系统") == {"水"}
    # Counter-examples: members sharing nothing with the key, and no series before the blank.
    assert series_theme("充电硐室应当设置甲烷、氢气和", "温度传感器") == set()
    assert series_theme("矿井必须建立", "排水系统") == set()
    assert series_theme("主要通风机停止运转时，必须立即停止工作和", "排水系统") == set()


def _water_pools() -> tuple[TheoryPools, object]:
    """A rule closing a water series with 排水系统, and articles using the other pipe systems."""
    rule = article("矿井必须建立挡水、截水和排水系统，并保持完好。", title="某细则", label="第五条", number=5)
    others = [article(f"矿井必须设置{term}，并定期检查。", title="某规程", label=f"第{i}条", number=i)
              for i, term in enumerate(("压风自救系统", "供水施救系统", "防尘供水系统", "消防管路系统", "瓦斯抽采系统"), start=10)]
    return TheoryPools.build([rule, *others]), rule


def test_a_wrong_option_off_the_series_theme_is_never_offered() -> None:
    pools, rule = _water_pools()
    sentence = "矿井必须建立挡水、截水和排水系统，并保持完好"
    start = sentence.index("排水系统")
    for n in range(10):
        wrong = term_distractors(sentence, start, "排水系统", rule, pools, random.Random(n))
        # Only two systems carry water: fewer than three options of the theme, so no choice is made.
        assert wrong == [], wrong
        wrong = term_distractors(sentence, start, "排水系统", rule, pools, random.Random(n), count=2)
        assert set(wrong) == {"供水施救系统", "防尘供水系统"}, wrong
    # Counter-example: without the series any pipe system is a choice.
    plain = "矿井必须建立完善的排水系统，并保持完好"
    wrong = term_distractors(plain, plain.index("排水系统"), "排水系统", rule, pools, random.Random(0))
    assert len(wrong) == 3 and any("水" not in w for w in wrong), wrong


def test_the_reads_surface_water_item_offers_no_dry_system(shared_records, shared_pools) -> None:
    """T25: 防治水细则 第五十二条 …建立疏水、防水和（排水系统） offered 压风自救系统, 消防管路系统, 瓦斯抽采系统."""
    record = record_of(shared_records, "第五十二条", "煤矿防治水细则")
    for seed in SEEDS:
        question = single_term(record, shared_pools, seed)
        if question is not None and "防水和（" in question.stem:
            assert all("水" in o.text for o in question.options), [o.text for o in question.options]


# --------------------------------------------------------------------------- T13: the next sentence takes the act as done


def _dispensed(sentence: str) -> bool:
    at = sentence.index("必须")
    return _presupposed(sentence, at, Change("modal", "必须", "不必"))


def test_a_dispensation_before_a_sentence_taking_the_act_as_done_is_no_false_statement() -> None:
    assert _dispensed("登高作业时，作业人员必须系好安全绳。安全绳必须挂在牢固处")  # T13's class
    assert _dispensed("高处作业人员必须系安全带，安全带应当高挂低用")
    # Counter-examples: a later sentence about something else, and a prohibition made a permission.
    assert not _dispensed("装药前必须清除炮眼内的煤粉。药卷之间必须彼此密接")
    assert not _dispensed("开工前，班组长必须检查顶板情况，确认安全后方准人员进入")
    assert not _dispensed("职工发现险情必须立即报告；收到报告的人员应当马上处理")  # the report inside another's duty
    sentence = "登高作业时严禁抛掷工具。安全绳必须挂在牢固处"
    assert not _presupposed(sentence, sentence.index("严禁"), Change("modal", "严禁", "允许"))


def test_the_judge_states_such_a_rule_false_without_the_sentence_that_gives_it_away() -> None:
    record = article("登高作业时，作业人员必须佩戴安全绳。安全绳必须挂在牢固处，高挂低用。", title="煤矿安全规程")
    pools = TheoryPools.build([record])
    made = [q for seed in SEEDS if (q := judge(record, pools, seed, truth=False))]
    assert made
    for question in made:
        assert "不必佩戴安全绳" in question.stem and "挂在牢固处" not in question.stem, question.stem
