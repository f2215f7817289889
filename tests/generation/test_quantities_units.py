"""Limits the number reader had skipped (issue 16, qty): compound units (m3/min, m/s², dB(A), a voltage) are read
as quantities, and a range (25～40m, 3～5次) is asked whole beside other ranges of its unit. A model number, a 文号,
one half of a system's pair of voltages and 二次 are not quantities. Examples in our own words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quiz.generation import articles as read
from quiz.generation.ranges import ranges, single_range
from quiz.generation.theory import TheoryPools, single_number
from quiz.generation.theory.number_distractors import beyond_what_can_be
from quiz.generation.verify import Verifier
from tests.generation.conftest import article, key_text, record_of, wrong_texts

SEEDS = [str(seed) for seed in range(12)]


@pytest.mark.parametrize(("sentence", "figure", "unit"), [
    ("掘进巷道的供风量不得少于6m3/min", "6", "m3/min"),
    ("避难处每人的供气量不少于0.2m³/min", "0.2", "m³/min"),
    ("水泵房的排水能力应达到50m3/h以上", "50", "m3/h"),
    ("斜巷人车制动时的减速度不得大于3m/s²", "3", "m/s²"),
    ("斜巷人车制动时的减速度不得大于3m/s2", "3", "m/s2"),
    ("值班室内的噪声不得超过75dB(A)", "75", "dB(A)"),
    ("检修时手持灯具的电压不得高于36V", "36", "V"),
    ("工人呼吸带的粉尘浓度不得超过4mg/m3", "4", "mg/m3"),
    ("每台喷头的水量不小于15L/min", "15", "L/min"),
    ("底板隔水层的突水系数不得大于0.06MPa/m", "0.06", "MPa/m"),
    ("单组蓄电池的额定电量不得大于50kW·h", "50", "kW·h"),
])
def test_a_figure_with_a_compound_unit_is_a_quantity(sentence, figure, unit):
    found = read.quantities(sentence)
    assert [(q.raw, q.unit) for q in found] == [(figure, unit)]


@pytest.mark.parametrize("sentence", [
    "备用电源选用12V-200型柴油发电机组",  # a model number
    "按照安监总煤装〔2011〕15号文件执行",  # a document number
    "地面变电所采用380V/220V供电系统",  # one system named by its pair of voltages
    "巡检时注意防止冒顶和二次突水事故",  # 二次 is secondary, not a count
    "所用钢丝绳每米重5kg/m左右",  # a compound unit not listed: no kg read out of it
    "螺栓的紧固力矩取90N·m左右",  # nor an N read out of N·m
])
def test_a_model_number_a_document_number_or_a_fixed_word_is_no_quantity(sentence):
    assert read.quantities(sentence) == []


def test_a_superscript_written_as_a_digit_is_the_same_unit():
    assert read.canonical_unit("m3/min") == read.canonical_unit("m³/min") == "m³/min"
    assert read.canonical_unit("m/s2") == read.canonical_unit("m/s²")
    assert read.canonical_unit("dB（A）") == "dB(A)"


@pytest.mark.parametrize(("sentence", "text", "low", "high", "unit"), [
    ("相邻两道风门之间的间隔为25～40m", "25～40m", "25", "40", "m"),
    ("班组长每周巡查工作面3～5次", "3～5次", "3", "5", "次"),
    ("巷道内的风速保持在1.5m/s～2.0m/s", "1.5m/s～2.0m/s", "1.5", "2.0", "m/s"),
    ("事故调查应当在三至五日内报出初步情况", "三至五日", "三", "五", "日"),
])
def test_a_range_is_read_whole(sentence, text, low, high, unit):
    (found,) = ranges(sentence)
    assert (found.text, found.low.raw, found.high.raw, found.unit) == (text, low, high, unit)
    assert sentence[found.start : found.end] == text
    # Neither bound is a quantity alone: blanking one would half give it away.
    assert not any(q.start in (found.low.start, found.high.start) for q in read.quantities(sentence))


@pytest.mark.parametrize("sentence", [
    "电缆选型执行GB 50217-2018的规定",  # a standard's number and year
    "备用电源选用12V-200型柴油发电机组",  # a model
    "第三至五条所列设备应当定期检查",  # articles, not a range of a quantity
    "自2020年至2025年逐步推广",  # years
    "两巷间距保持40～25m",  # upside down: no range
])
def test_no_range_where_there_is_none(sentence):
    assert ranges(sentence) == []


def _ranges_asked(text: str, seeds=SEEDS):  # noqa: ANN202
    record = article(text, label="第十二条", number=12)
    pools = TheoryPools.build([record])
    return record, [q for seed in seeds if (q := single_range(record, pools, seed)) is not None]


@pytest.mark.parametrize(("text", "key", "unit"), [
    ("采煤工作面的回风隅角应当每隔15～30m设置一组挡风帘。", "15～30m", "m"),
    ("每个避险硐室应当可供6～10人同时避险。", "6～10人", "人"),
    ("采掘工作面进风流中的二氧化碳浓度应当保持在0.2%～0.5%。", "0.2%～0.5%", "%"),
])
def test_a_range_is_asked_whole_beside_ranges_of_its_unit_with_ends_of_their_own(text, key, unit):
    record, items = _ranges_asked(text)
    assert items, "the range had gone unasked"
    (asked,) = ranges(key)
    low, high = asked.low.value, asked.high.value
    for q in items:
        assert key_text(q) == key and "（ ）" in q.stem and key not in q.stem
        lows, highs = set(), set()
        for wrong in wrong_texts(q):
            (other,) = ranges(wrong)
            assert other.unit == unit and other.mark == asked.mark and other.unit_twice == asked.unit_twice
            new_low, new_high = other.low.value, other.high.value
            assert new_low != low and new_high != high, wrong  # never an end of the key's …
            assert new_low not in lows and new_high not in highs, wrong  # … nor of another option's
            assert (new_low < low) == (new_high < high), wrong  # never inside or around the key
            assert all(Decimal(1) / 3 < new / old < 3 for new, old in ((new_low, low), (new_high, high))), wrong
            lows.add(new_low)
            highs.add(new_high)
    assert not Verifier([record]).verify(items[:1]).failures


def test_a_range_of_shares_never_offers_more_than_the_whole():
    _, items = _ranges_asked("井下作业场所空气的相对湿度应当控制在60%～95%。")
    for q in items:
        for wrong in wrong_texts(q):
            (other,) = ranges(wrong)
            assert not beyond_what_can_be(other.high.value, "%", ("", "")), wrong


@pytest.mark.parametrize("text", [
    "钻孔间距根据煤层情况确定，一般2～4m。",  # a usual figure, no limit
    "工作面附近6～10kV的电缆应当悬挂整齐。",  # a voltage range names a class of cables, the case the rule is about
])
def test_a_usual_range_or_a_class_of_voltage_is_not_asked(text):
    assert not _ranges_asked(text)[1]


def _numbers(text: str):  # noqa: ANN202
    record = article(text, label="第十三条", number=13)
    pools = TheoryPools.build([record])
    return [q for seed in SEEDS if (q := single_number(record, pools, seed)) is not None]


def test_a_compound_unit_is_changed_into_values_of_the_same_unit_and_magnitude():
    items = _numbers("掘进工作面局部通风机的供风量不得少于6m3/min。")
    assert items
    for q in items:
        assert key_text(q) == "6m3/min"
        for wrong in wrong_texts(q):
            assert wrong.endswith("m3/min") and Decimal(1) / 3 < Decimal(wrong.removesuffix("m3/min")) / 6 < 3


def test_an_energy_in_kw_h_stays_whole_in_the_options_and_out_of_the_stem():
    items = _numbers("井下充电点充电的单个电池电量不得大于5kW·h。")
    assert items
    for q in items:
        assert key_text(q) == "5kW·h" and "·h" not in q.stem
        assert all(wrong.endswith("kW·h") for wrong in wrong_texts(q))


def test_a_voltage_is_changed_into_another_level_equipment_runs_on():
    items = _numbers("检修时井下手持灯具的电压不得超过127V。")
    assert items
    for q in items:
        assert {Decimal(w.removesuffix("V")) for w in wrong_texts(q)} <= {Decimal(v) for v in (48, 110, 220, 380)}


def test_a_voltage_beside_a_looser_level_of_its_sentence_is_not_offered_above_it():
    alone = _numbers("在水箱内检修时灯具的电压不得超过24V。")
    assert any(Decimal(w.removesuffix("V")) > 36 for q in alone for w in wrong_texts(q))  # 42V, 48V: levels near 24V
    items = _numbers("巡检用手电的电压应当低于36V，在水箱内检修时灯具的电压不得超过24V。")
    for q in items:
        if key_text(q) == "24V":
            assert all(Decimal(w.removesuffix("V")) < 36 for w in wrong_texts(q))


def test_a_noise_level_moves_by_steps_not_factors():
    items = _numbers("压风机房值班室内的噪声不得超过70dB(A)。")
    assert items
    for q in items:
        assert all(abs(Decimal(w.removesuffix("dB(A)")) - 70) <= 20 for w in wrong_texts(q))


@pytest.mark.slow
def test_the_corpus_limits_with_ranges_and_compound_units_are_asked(shared_records):
    pools = TheoryPools.build(shared_records)
    verifier = Verifier(shared_records)
    self_rescue = record_of(shared_records, "第七百四十八条")
    items = [q for seed in SEEDS[:4] if (q := single_range(self_rescue, pools, seed)) is not None]
    assert items and not verifier.verify(items[:1]).failures
    assert all("～" in key_text(q) and key_text(q) in self_rescue.text for q in items)
    lamps = record_of(shared_records, "第三百七十三条")
    voltages = [q for seed in SEEDS[:4] if (q := single_number(lamps, pools, seed)) is not None]
    assert voltages and all(key_text(q).endswith("V") for q in voltages)
