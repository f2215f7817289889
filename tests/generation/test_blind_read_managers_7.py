"""Faults of the seventh managers' blind read (bench/generation_blind_read_managers_7.md), each rule with an example in
our own words and counter-examples that keep working: a wrong number the quantity can never take (T27: an oxygen floor
of 25% or 30% in a mine's air)."""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest

from quiz.generation import articles as read
from quiz.generation.theory import AIR_OXYGEN, TheoryPools, beyond_what_can_be, number_distractors, single_item_number
from tests.generation.conftest import article, record_of, wrong_texts

# --------------------------------------------------------------------------- T27: a value the quantity never takes


@pytest.mark.parametrize(("before", "value", "unit"), [
    ("回风巷道风流里氧气的浓度不得低于", "25", "%"),  # more oxygen than fresh air holds: no floor can ask it
    ("回风巷道风流里氧气的浓度不得低于", "30", "%"),
    ("硐室内空气含氧量不小于", "22", "%"),
    ("某物料占总量的比例不超过", "120", "%"),  # more than the whole
    ("每台绞车的牵引力不超过其额定值的", "100", "%"),  # the whole of a rated amount: says nothing
    ("运输斜巷的倾角不超过", "120", "°"),  # steeper than the vertical
])
def test_a_value_the_quantity_never_takes_is_no_wrong_option(before: str, value: str, unit: str) -> None:
    assert beyond_what_can_be(Decimal(value), unit, (before, ""))


@pytest.mark.parametrize(("before", "value", "unit"), [
    ("回风巷道风流里氧气的浓度不得低于", "18", "%"),  # counter-examples: below what air holds, a floor can ask it
    ("回风巷道风流里氧气的浓度不得低于", "19", "%"),
    ("回风巷道风流里氧气的浓度不得低于", "20", "%"),
    ("回风巷道风流里二氧化碳的浓度不得超过", "25", "%"),  # carbon dioxide is not bounded by fresh air
    ("隔离式呼吸器气瓶内氧气浓度不得低于", "98", "%"),  # a supply of oxygen, not the air
    ("某物料占总量的比例不超过", "100", "%"),
    ("运输斜巷的倾角不超过", "60", "°"),
    ("滚筒缠绕的包角不小于", "120", "°"),  # not an inclination
])
def test_a_value_the_quantity_can_take_stays(before: str, value: str, unit: str) -> None:
    assert not beyond_what_can_be(Decimal(value), unit, (before, ""))


# Made-up articles whose percentages feed the pools the distractors are drawn from.
_POOL_TEXTS = ("某处风流里瓦斯占比达到5%时停止作业。", "某处粉尘占比不超过10%。", "某处水分不超过15%。",
               "某处含量不超过20%。", "某处占比达到25%时报告。", "某处占比达到30%时撤人。", "某处占比不超过35%。")


def _options(sentence: str, figure: str, seeds: int = 12) -> list[list[str]]:
    record = article(sentence)
    pools = TheoryPools.build([record, *(article(text, label=f"第{n}条", number=n) for n, text in
                                          enumerate(_POOL_TEXTS, start=20))])
    quantity = next(q for q in read.quantities(sentence) if q.text == figure)
    context = (sentence[: quantity.start], sentence[quantity.end + len(quantity.unit):])
    return [number_distractors(quantity, record, pools, random.Random(seed), context=context) for seed in range(seeds)]


def _value(option: str) -> Decimal:
    return read.quantities(option)[0].value


def test_an_oxygen_floor_gets_no_option_above_fresh_air() -> None:
    runs = _options("撤离路线上风流里氧气的浓度不得低于12%", "12%")
    assert any(runs)
    assert all(_value(w) <= AIR_OXYGEN for wrong in runs for w in wrong)


def test_an_oxygen_floor_next_to_fresh_air_is_asked_with_close_floors_below() -> None:
    runs = _options("撤离路线上风流里氧气的浓度不得低于20%", "20%")
    assert all(len(wrong) == 3 and all(_value(w) < 20 for w in wrong) for wrong in runs)
    assert any({"18%", "19%"} & set(wrong) for wrong in runs)  # the floors a worker might misremember


def test_a_key_with_room_above_keeps_round_options_only() -> None:
    runs = _options("每台绞车的牵引力不超过其额定值的80%", "80%")  # 100% is out, but 85% or 90% would not be
    assert not any({"79%", "78%"} & set(wrong) for wrong in runs)


def test_another_gas_keeps_options_above_what_air_holds_of_oxygen() -> None:
    runs = _options("撤离路线上风流里粉尘的占比不得超过12%", "12%")
    assert any(_value(w) > AIR_OXYGEN for wrong in runs for w in wrong)


def test_the_oxygen_floor_of_the_rules_offers_nothing_above_fresh_air(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第一百五十六条")
    for seed in (str(s) for s in range(30)):
        q = single_item_number(record, shared_pools, seed)
        if q is None or not re.search(r"(?<![一二])氧气浓度不低于（", q.stem):
            continue
        assert all(_value(w) <= AIR_OXYGEN for w in wrong_texts(q))
