"""Faults of the seventh blind read (bench/generation_blind_read_7.md): a false figure that makes the rule stricter, a
permission to what the sentence condemns before its ban, a stem topic taken from another sentence, a 立即 blank cut
off from the ban that follows it, distractors that are no alternative (100% of a rated load, a pump time longer than
the inflow it clears, months nobody uses, things nobody operates), record-keeping periods, and hazard items that cite
an unseen table or name the category. Each rule with the read's example and counter-examples that keep working."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from quiz.generation import articles as read
from quiz.generation import hazard as hzq
from quiz.generation.relevance import keeps_records, worth_a_worker
from quiz.generation.theory import blank_term, single_item_number, single_number, single_term
from quiz.generation.theory.number_distractors import MONTHS, as_round, number_distractors, unsafe_direction
from quiz.generation.theory.stems import _leans_on_topic, context_of
from quiz.generation.theory.term_distractors import operated_elsewhere
from tests.generation.conftest import record_of, wrong_texts

SEEDS = [str(seed) for seed in range(12)]


def _quantity(sentence: str, text: str) -> read.Quantity:
    return next(q for q in read.quantities(sentence) if q.text == text)


# --------------------------------------------------------------------------- T33: a false figure moves the unsafe way


def test_a_bound_after_the_figure_gives_its_direction() -> None:
    assert unsafe_direction("视频应当保存", "以上") == -1  # T33: 2个月以上 is stricter, so a false one is shorter
    assert unsafe_direction("甲烷浓度在", "以下") == 1
    assert unsafe_direction("备用水泵的能力不得小于工作水泵能力的", "") == -1  # a share: 50% -> 30% is laxer
    assert unsafe_direction("一氧化碳报警浓度大于或者等于", "") == 1  # a gas threshold: higher is laxer
    assert unsafe_direction("巷道净高不得低于", "") == -1  # counter-examples: words before the figure, as before
    assert unsafe_direction("风速不得超过", "") == 1


def test_a_false_figure_never_moves_the_safe_way_nor_either_way(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第五百二十六条")
    sentence = "视频应当保存1个月以上"
    quantity = _quantity(sentence, "1个月")
    context = (sentence[: quantity.start], sentence[quantity.end + len(quantity.unit) :])
    for seed in range(20):
        wrong = number_distractors(quantity, record, shared_pools, random.Random(seed), count=1, context=context,
                                   false_statement=True)
        assert all(read.quantities(w)[0].value < 1 for w in wrong)
    # A deadline (在1年内) is laxer longer, a zone (附近20m以内…严禁爆破) laxer smaller.
    for sentence, text, side in (("煤矿应当在1年内重新进行地质类型划分", "1年", 1),
                                 ("在爆破点附近20m以内，风流中的甲烷浓度达到1.0%时，严禁爆破", "20m", -1)):
        quantity = _quantity(sentence, text)
        context = (sentence[: quantity.start], sentence[quantity.end + len(quantity.unit) :])
        wrong = number_distractors(quantity, record_of(shared_records, "第六百七十二条"), shared_pools, random.Random(3),
                                   count=1, context=context, false_statement=True)
        assert wrong and side * (read.quantities(wrong[0])[0].value - quantity.value) > 0
    # A figure whose words say neither way is not changed for a false statement, but still has choice distractors.
    plain = "每组支架间距为2m"
    quantity = _quantity(plain, "2m")
    context = (plain[: quantity.start], plain[quantity.end + len(quantity.unit) :])
    assert number_distractors(quantity, record, shared_pools, random.Random(1), count=1, context=context,
                              false_statement=True) == []
    assert number_distractors(quantity, record, shared_pools, random.Random(1), count=3, context=context)


# --------------------------------------------------------------------------- T30: the condemned thing before the ban


@pytest.mark.parametrize("sentence", [
    "便携式监测仪器必须由专人负责校准和维护，不符合要求的严禁发放使用",  # T30
    "不符合要求的设备严禁下井",
    "过期的自救器不得使用",
    "严禁使用不合格的设备",  # the condemned object after the ban, as before (blind read 6, T22)
])
def test_no_permission_to_what_the_sentence_condemns_before_its_ban(sentence: str) -> None:
    assert not any(new in {"可以", "允许"} for _, _, new in read.modal_changes(sentence))
    assert read.condemned_ban(sentence)


@pytest.mark.parametrize("sentence", ["井下严禁使用灯泡取暖", "检修人员严禁带电作业"])
def test_a_plain_ban_is_still_made_a_permission(sentence: str) -> None:
    assert any(new in {"可以", "允许"} for _, _, new in read.modal_changes(sentence))


# --------------------------------------------------------------------------- T23: a topic from the other sentence


def test_a_distance_between_two_named_things_takes_no_topic(shared_records) -> None:
    record = record_of(shared_records, "第二百五十六条")
    assert context_of(record, "木料场距离矸石山不得小于50m") == ""  # T23: not 关于…堆放场距离进风井口的规定
    assert not _leans_on_topic("木料场距离矸石山不得小于50m")
    # Counter-examples: a measure or a condition still leans on its paragraph's topic.
    assert _leans_on_topic("一氧化碳的报警浓度大于或者等于0.0024%")
    assert _leans_on_topic("孔间距不得大于2m")
    assert _leans_on_topic("内喷雾装置无法正常使用时，外喷雾的压力不得小于8MPa")


# --------------------------------------------------------------------------- T7: 立即 cut off from its ban


def test_no_when_blank_on_a_sentence_that_goes_on_with_a_ban(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第六百七十二条")  # …可以试送1次；若仍跳闸，不得强行送电
    assert all(q is None or q.answer != ("立即",) for q in (blank_term(record, shared_pools, s) for s in SEEDS))


# --------------------------------------------------------------------------- T4, T39, T11, T12: no real alternative


def test_no_hundred_percent_of_a_rated_amount(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第六百九十一条")
    asked = [q for q in (single_item_number(record, shared_pools, s) for s in SEEDS) if q and "额定起重量的（ ）" in q.stem]
    assert asked  # T4 is still asked, with fair distractors
    assert all("100%" not in wrong_texts(q) for q in asked)


def test_a_pump_time_stays_shorter_than_the_inflow_it_clears(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第三百一十五条")
    asked = [q for q in (single_number(record, shared_pools, s) for s in SEEDS) if q and "（ ）内排出矿井24h" in q.stem]
    assert asked
    for q in asked:  # T39: 26h beside 24h is absurd
        assert all(read.quantities(w)[0].value < 24 for w in wrong_texts(q))


def test_months_are_the_periods_rules_use() -> None:
    assert not as_round(Decimal(7), Decimal(3), "个月")  # T11: 7/5/8 beside 每3个月
    assert not as_round(Decimal(5), Decimal(3), "个月")
    assert as_round(Decimal(6), Decimal(3), "个月") and as_round(Decimal(12), Decimal(3), "个月")
    assert as_round(Decimal(5), Decimal(3), "天")  # counter-example: other units keep the old rule


def test_a_month_key_gets_month_distractors(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第五百二十六条")
    sentence = next(s for s in read.sentences(record.text) if "3个月" in s and "备份" in s)  # the backup interval
    quantity = _quantity(sentence, "3个月")
    context = (sentence[: quantity.start], sentence[quantity.end + len(quantity.unit) :])
    for seed in range(10):
        wrong = number_distractors(quantity, record, shared_pools, random.Random(seed), context=context)
        assert len(wrong) == 3
        assert all(int(read.quantities(w)[0].value) in MONTHS for w in wrong)


def test_only_machines_after_operate(shared_records, shared_pools) -> None:
    assert operated_elsewhere("采煤机", shared_pools)
    assert not operated_elsewhere("木支柱", shared_pools) and not operated_elsewhere("锚杆锚索", shared_pools)
    record = record_of(shared_records, "第一百三十五条")
    for seed in SEEDS:  # T12: 严禁操作作业区域的（液压支架）
        q = single_term(record, shared_pools, seed)
        assert q is None or not {"锚杆锚索", "木支柱", "金属支架"} & set(wrong_texts(q))


# --------------------------------------------------------------------------- T31: how long an office keeps records


@pytest.mark.parametrize("sentence", [
    "防冲工作应当遵守下列规定：防冲工程措施的实施和验收必须有记录，记录保存时间不得少于3年，确保全过程可以追溯",  # T31
    "安全监控、人员位置监测等数据每3个月备份一次，备份数据和介质应当保存2年以上",
    "视频应当保存1个月以上",  # T33's sentence
])
def test_a_records_retention_period_is_not_worth_a_worker(sentence: str) -> None:
    assert keeps_records(sentence)
    assert not worth_a_worker(sentence)


@pytest.mark.parametrize("sentence", ["自救器必须保存在干燥地点", "甲烷传感器每7天必须调校1次", "炸药库内的炸药保存期不得超过3个月"])
def test_keeping_things_and_checks_stay_worth_a_worker(sentence: str) -> None:
    assert not keeps_records(sentence)
    assert worth_a_worker(sentence)


# --------------------------------------------------------------------------- H11, H14: hazard items


def test_no_measure_cites_a_table_the_trainee_cannot_see(hazard_data) -> None:
    assert hzq.UNSEEN.search("风速按表6要求控制，测风结果记录在测风牌板")  # H11
    assert not hzq.UNSEEN.search("安装压力表1块") and not hzq.UNSEEN.search("瓦斯检查仪表2台")
    for h in hazard_data.catalogue:
        assert not any(hzq.UNSEEN.search(c) for c in hzq.useful_controls(h))


def test_a_category_stem_never_says_its_own_words(hazard_data) -> None:
    blast = hazard_data.catalogue.get("HZ-BP-009")
    assert hzq.situation(blast.hazard) == "起爆控制器转交他人或随意放置"  # H14: …，非爆破员误起爆
    assert hzq.names_coal_key("作业现场（岗位：爆破工）：…。", [blast], "放炮")
    assert hzq.names_coal_key("作业现场：…敲帮问顶后冒顶。", [blast], "顶板")
    assert not hzq.names_coal_key("作业现场（岗位：掘进机司机）：截割头误启动。", [blast], "机电")
    for seed in SEEDS:
        q = hzq._coal_accident_type(blast, hazard_data, random.Random(seed), "hazard.accident_type", seed)
        assert q is None
