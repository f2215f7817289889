"""Faults of the sixth blind read (bench/generation_blind_read_6.md) in theory distractors and stems: a false statement
that contradicts itself, a figure rounder or less round than the key, a stem without the place its figure holds for, a
wrong option true at the same place by a neighbouring rule, a key given away by what it serves, an exception read
without its rule. Each rule with the read's example and counter-examples that must keep working."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from quiz.generation import articles as read
from quiz.generation import terms as kt
from quiz.generation.theory import TheoryPools, blank_number, judge, single_number, single_term
from quiz.generation.theory.number_distractors import as_round, figure_elsewhere, number_distractors, roundness
from quiz.generation.theory.stems import condition_before, qualifier_before, stem_prefix
from quiz.generation.theory.term_distractors import required_at_the_place
from tests.generation.conftest import article, key_text, record_of, wrong_texts

SEEDS = [str(seed) for seed in range(12)]


# --------------------------------------------------------------------------- T22: a permission the words condemn


@pytest.mark.parametrize("sentence", [
    "煤矿企业不得使用危及生产安全、应当淘汰的工艺和设备",  # T22
    "严禁使用过期或者变质的爆炸物品",
    "不得使用不符合安全技术规范要求的气瓶",
    "严禁使用国家明令淘汰和已经报废的特种设备",
    "不得谎报或者瞒报事故",  # the act condemned, as before
])
def test_no_permission_to_use_what_the_sentence_condemns(sentence: str) -> None:
    assert not any(new in {"可以", "允许"} for _, _, new in read.modal_changes(sentence))
    assert read.condemned_ban(sentence)  # its true statement is worth making instead


@pytest.mark.parametrize("sentence", [
    "井下严禁使用灯泡取暖和使用电炉",
    "入井人员严禁携带烟草和点火物品",
    "井下不得带电检修、搬迁电气设备",
])
def test_a_ban_on_a_plain_act_is_still_turned_round(sentence: str) -> None:
    assert any(new in {"可以", "允许"} for _, _, new in read.modal_changes(sentence))
    assert not read.condemned_ban(sentence)


def test_t22_is_no_longer_a_self_contradicting_false_statement(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第二十五条", "煤矿安全生产条例")
    made = [q for seed in SEEDS if (q := judge(record, shared_pools, seed))]
    assert not any("可以使用应当淘汰" in q.stem or "允许使用应当淘汰" in q.stem for q in made)


# --------------------------------------------------------------------------- T39: figures as round as the key


@pytest.mark.parametrize(("value", "unit", "rounded"), [
    (24, "h", 24), (11, "h", 1), (36, "h", 12), (40, "h", 8), (30, "min", 30), (45, "min", 15), (300, "m", 100),
    (15, "m", 5), (6, "个月", 6), (7, "天", 7),
])
def test_roundness_is_the_largest_round_step(value: int, unit: str, rounded: int) -> None:
    assert roundness(Decimal(value), unit) == rounded


@pytest.mark.parametrize(("candidate", "key", "unit", "fits"), [
    (11, 24, "h", False),  # T39
    (20, 24, "h", False),
    (40, 24, "h", False),  # no shift nor day
    (12, 24, "h", True), (36, 24, "h", True), (48, 24, "h", True),
    (15, 30, "min", True), (20, 30, "min", True), (45, 30, "min", True), (60, 30, "min", True),
    (25, 30, "min", False), (35, 30, "min", False),
    (15, 20, "m", True), (25, 20, "m", True), (22, 20, "m", False),  # outside times a multiple of 5, as before
    (6, 5, "m", True), (4, 5, "人", True),  # small keys: any whole number
    (11, 5, "m", False), (10, 5, "m", True),  # but above ten a round one
])
def test_a_distractor_is_as_round_as_the_key(candidate: int, key: int, unit: str, fits: bool) -> None:
    assert as_round(Decimal(candidate), Decimal(key), unit) is fits


def test_t39_the_pump_capacity_day_gets_round_hours(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第一百零六条", "煤矿防治水细则")
    made = [q for seed in SEEDS if (q := single_number(record, shared_pools, seed))]
    assert made
    assert any(key_text(q) == "24h" for q in made)
    for q in (q for q in made if key_text(q).endswith("h")):  # beside 24h: 12h, 36h, 48h (never 11h); beside 20h: even hours
        key = Decimal(key_text(q).removesuffix("h"))
        assert all(2 * roundness(Decimal(w.removesuffix("h")), "h") >= roundness(key, "h") for w in wrong_texts(q)), q.options
        assert "11h" not in wrong_texts(q)


def test_number_distractors_of_a_day_in_hours_are_round() -> None:
    record = article("工作水泵应当能在20h内把矿井24h的正常涌水量排出。")
    pools = TheoryPools.build([record, article("检查间隔不超过11h。", label="第二条", number=2),
                               article("通风机停止运转超过13h时应当撤人。", label="第三条", number=3)])
    sentence = "工作水泵应当能在20h内把矿井24h的正常涌水量排出"
    quantity = next(q for q in read.quantities(sentence) if q.raw == "24")
    for seed in range(20):
        wrong = number_distractors(quantity, record, pools, random.Random(seed))
        assert len(wrong) == 3 and not {"11h", "13h", "20h"} & set(wrong), wrong


# --------------------------------------------------------------------------- T12: the place a figure holds for


def test_t12_the_stem_carries_the_coal_face(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第一百一十条", "防治煤与瓦斯突出细则")
    asked = next(s for s in read.sentences(record.text) if s.startswith("松动爆破") and "孔深不小于5m" in s)
    assert qualifier_before(record, asked) == "采煤工作面的松动爆破"
    assert "关于采煤工作面的规定" in stem_prefix(record, asked)  # the thing 松动爆破 said once (blind read 14, T16)
    # Since blind read 10 (T31) a bounded figure's choice needs three wrong values below its bound (孔深不小于5m): the
    # article may then be asked as a blank only, whose stem carries the face just the same.
    made = [q for seed in SEEDS for g in (single_number, blank_number) if (q := g(record, shared_pools, seed))]
    assert made and all("采煤工作面" in q.stem for q in made)
    assert all("8m" not in wrong_texts(q) for q in made if q.options and key_text(q) == "5m")  # the 煤巷掘进 depth (第一百零五条)


def test_a_figure_another_rule_of_the_document_sets_for_the_measure_is_no_distractor(shared_records, shared_pools) -> None:
    title = "防治煤与瓦斯突出细则"
    record = record_of(shared_records, "第一百一十条", title)
    asked = next(s for s in read.sentences(record.text) if s.startswith("松动爆破") and "孔深不小于5m" in s)
    before = asked[: asked.index("孔深不小于") + len("孔深不小于")]  # the spacing, then the depth's bound
    assert figure_elsewhere(before, "8m", title, shared_pools)
    assert not figure_elsewhere(before, "6m", title, shared_pools)
    assert not figure_elsewhere("孔深不小于", "8m", "煤矿安全培训规定", shared_pools)  # another document says nothing


def test_qualifier_before_only_where_the_paragraph_qualifies_the_thing() -> None:
    record = article("采煤工作面的松动爆破防突措施宜在硬煤层中采用。松动爆破孔深不小于5m。\n"
                     "局部通风机必须实行专人管理。局部通风机停止运转时，必须撤出人员。")
    assert qualifier_before(record, "松动爆破孔深不小于5m") == "采煤工作面的松动爆破"
    assert qualifier_before(record, "采煤工作面的松动爆破防突措施宜在硬煤层中采用") == ""  # the opening itself
    assert qualifier_before(record, "局部通风机停止运转时，必须撤出人员") == ""  # named, not qualified
    assert qualifier_before(article("全国的生产安全事故应急工作由国务院统一领导。生产安全事故应急工作跨两个以上行政区域的，"
                                    "交由上一级人民政府负责。"), "生产安全事故应急工作跨两个以上行政区域的，交由上一级人民政府负责") == ""
    assert qualifier_before(article("在实施揭穿突出煤层的远距离爆破时，应当撤人。远距离爆破时，回风系统必须停电撤人。"),
                            "远距离爆破时，回风系统必须停电撤人") == ""  # a condition, not a place's thing
    named = article("采煤工作面的松动爆破防突措施适用于硬煤。采煤工作面松动爆破孔深不小于5m。")
    assert qualifier_before(named, "采煤工作面松动爆破孔深不小于5m") == ""  # it names its place itself


# --------------------------------------------------------------------------- T15: true at the same place


def test_t15_a_sensor_the_next_article_sets_in_that_airway_is_no_distractor(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第五百四十条")
    airway = next(s for s in read.sentences(record.text) if s.endswith("风速传感器") and "回风流中" in s)
    before = airway.removesuffix("风速传感器")  # the face's and heading's return airways, then 必须设置
    assert required_at_the_place("一氧化碳传感器", "风速传感器", before, "煤矿安全规程", shared_pools)
    assert required_at_the_place("温度传感器", "风速传感器", before, "煤矿安全规程", shared_pools)
    assert not required_at_the_place("烟雾传感器", "风速传感器", before, "煤矿安全规程", shared_pools)
    made = [q for seed in SEEDS if (q := single_term(record, shared_pools, seed)) and "回风流中必须设置" in q.stem]
    assert made and all(not {"一氧化碳传感器", "温度传感器", "甲烷传感器"} & set(wrong_texts(q)) for q in made)


def test_required_at_the_place_needs_the_place_and_an_install_word() -> None:
    pools = TheoryPools.build([
        article("回风巷应当设置一氧化碳和温度传感器。", label="第一条", number=1),
        article("进风巷应当设置烟雾传感器。", label="第二条", number=2),
    ])
    title = "测试安全规定"
    assert required_at_the_place("一氧化碳传感器", "风速传感器", "回风巷中必须设置", title, pools)  # in a series
    assert not required_at_the_place("烟雾传感器", "风速传感器", "回风巷中必须设置", title, pools)  # another place
    assert not required_at_the_place("一氧化碳传感器", "风速传感器", "回风巷中必须检查", title, pools)  # no install
    assert not required_at_the_place("一氧化碳传感器", "风速传感器", "回风巷中必须设置", "另一规定", pools)
    listed = TheoryPools.build([article("下列地点必须设置甲烷传感器：\n（一）采煤工作面及其回风巷和回风隅角；\n（二）其他地点。")])
    assert required_at_the_place("甲烷传感器", "风速传感器", "回风巷中必须设置", title, listed)  # the place in a list


# --------------------------------------------------------------------------- T27: a key named by what it serves


def test_t27_a_pump_room_gives_the_drainage_system_away(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第三百一十六条")
    sentence = next(s for s in read.sentences(record.text) if s.startswith("排水系统") and "泵房" in s)
    assert kt.named_elsewhere(sentence, 0, "排水系统")
    assert not any((q := single_term(record, shared_pools, seed)) and key_text(q) == "排水系统" for seed in SEEDS)


@pytest.mark.parametrize(("sentence", "term"), [
    ("矿井必须有完善的排水系统", "排水系统"),
    ("矿井必须建立瓦斯抽采系统", "瓦斯抽采系统"),
])
def test_a_system_without_what_it_serves_is_still_asked(sentence: str, term: str) -> None:
    assert not kt.named_elsewhere(sentence, sentence.index(term), term)


# --------------------------------------------------------------------------- T3: an exception needs its rule


def test_t3_an_exception_carries_the_rule_before_it(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第五百二十八条")
    sentences = read.sentences(record.text)
    asked = next(s for s in sentences if s.startswith("最远监控距离") and "2000m时，可以" in s)  # the exception
    rule = next(s for s in sentences if s.endswith("由现场设备完成"))
    assert rule.startswith("采掘工作面") and "必须" in rule
    assert condition_before(record, asked) == rule + "。"
    made = [q for seed in SEEDS if (q := blank_number(record, shared_pools, seed)) and "最远监控距离" in q.stem]
    blanked = asked[: asked.index("2000m")] + "（ ）m时"
    assert made and all(f"必须由现场设备完成。{blanked}" in q.stem for q in made)


def test_condition_before_only_for_a_permission_after_a_rule_without_figures() -> None:
    record = article("局部通风机必须实行专人管理。瓦斯浓度达到1.0%时，必须停止作业。\n"
                     "甲烷断电仪每7天必须调校1次。断电范围超过500m时，可以由分站断电。\n"
                     "作业人员熟悉避灾路线。无人值守时，可以远程监控。")
    assert condition_before(record, "瓦斯浓度达到1.0%时，必须停止作业") == ""  # a rule, not an exception
    assert condition_before(record, "断电范围超过500m时，可以由分站断电") == ""  # the rule before has a figure
    assert condition_before(record, "无人值守时，可以远程监控") == ""  # no rule before it to relax
