"""Faults of the seventh managers' blind read (bench/generation_blind_read_managers_7.md), each rule with an example in
our own words and counter-examples that keep working: a wrong number the quantity can never take (T27: an oxygen floor
of 25% or 30% in a mine's air), a wrong party a current rule gives the act to, as one of a class (T8: 应急管理部门
among the departments that check a project's safety facilities)."""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest

from quiz.bank.types import Option
from quiz.generation import articles as read
from quiz.generation.relevance import MANAGERS, for_audience
from quiz.generation.theory import TheoryPools, single_item_number, single_party
from quiz.generation.theory.number_distractors import AIR_OXYGEN, beyond_what_can_be, number_distractors
from quiz.generation.theory.parties import party_distractors
from quiz.generation.theory.questions import article_question
from quiz.generation.verify import Verifier
from quiz.generation.wider_parties import act_of, containment, given_the_act, wider
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


# --------------------------------------------------------------------------- T8: a party given the act as one of a class

# A corpus in our own words, one article a line as `TheoryPools.flat_corpus` has it.
_LAWS = "\n".join([
    "第一条矿区环保部门和对采矿活动实施监管的部门，统称负有矿区监管职责的部门。",
    "第二条矿区环保部门和其他负有矿区监管职责的部门应当公布举报电话。",
    "第三条井下新建排水工程的排水设施，应当由建设单位组织验收。负有矿区监管职责的部门应当加强对验收活动的监督检查。",
    "第四条职工代表大会有权对排水工程的排水设施建设进行监督，提出意见。",
    "第五条建设单位负责组织编制排水工程设计和开展水害隐患普查。施工单位应当配合开展水害隐患普查。",
    "第六条县级以上人民政府林业部门应当制定护林计划。",
])
_OVERSIGHT = "有权对排水工程的排水设施建设进行监督，提出意见"


def test_the_classes_a_party_is_in_come_from_the_corpus() -> None:
    classes = containment(_LAWS)
    assert "负有矿区监管职责的部门" in classes["矿区环保部门"]  # defined (…，统称…) and used (…和其他…)
    assert "矿区环保部门" in wider("县级以上人民政府矿区环保部门", _LAWS)  # a qualified name is one of its plain name
    assert wider("劳务派遣单位", _LAWS) == ("劳务派遣单位",)  # counter-example: a party the corpus places nowhere
    assert "林业部门" not in wider("县级以上人民政府林业部门", _LAWS)  # the plain name never stands on its own


def test_the_act_is_its_verb_and_object() -> None:
    verb, runs = act_of(_OVERSIGHT)
    assert verb == "监督" and {"排水工程", "排水设施"} <= set(runs)


@pytest.mark.parametrize("party", ["矿区环保部门", "县级以上人民政府矿区环保部门", "负有矿区监管职责的部门", "省级有关部门"])
def test_a_party_given_the_act_as_one_of_a_class_is_no_wrong_option(party: str) -> None:
    assert given_the_act(party, _OVERSIGHT, _LAWS)


@pytest.mark.parametrize(("party", "rest"), [
    ("劳务派遣单位", _OVERSIGHT),  # counter-examples: a party the act is never given to stays a fair wrong option
    ("县级以上人民政府林业部门", _OVERSIGHT),
    ("矿区环保部门", "应当对井下排水泵的运行进行记录"),  # its class is given another act
    # Only helping with the census, and only the key's own sentence names what it plans: still a fair wrong option.
    ("施工单位", "负责组织编制排水工程设计和开展水害隐患普查"),
])
def test_a_party_never_given_the_act_stays(party: str, rest: str) -> None:
    assert not given_the_act(party, rest, _LAWS)


def _records() -> list:
    return [article(line[line.index("条") + 1:], label=line[: line.index("条") + 1], number=n)
            for n, line in enumerate(_LAWS.split("\n"), start=1)]


def test_party_distractors_leave_out_a_party_given_the_act() -> None:
    records = _records()
    pools = TheoryPools.build(records)
    offered = {c for seed in range(20) for c in party_distractors("职工代表大会", "worker", records[3], pools,
                                                                     random.Random(seed), count=1, rest=_OVERSIGHT)}
    assert "矿区环保部门" not in offered and "负有矿区监管职责的部门" not in offered


def test_the_verifier_refuses_a_party_given_the_act() -> None:
    records = _records()
    sentence = "职工代表大会" + _OVERSIGHT
    stem = "根据《测试安全规定》第四条，（ ）" + _OVERSIGHT + "。"
    q = article_question(records[3], "theory.single_party", "1", "single", stem,
                         (Option("A", "职工代表大会"), Option("B", "矿区环保部门"), Option("C", "劳务派遣单位"),
                          Option("D", "勘察单位")), ("A",), f"原文：“{sentence}。”",
                         {"sentence": sentence, "position": 0, "group": "worker"})
    problems = Verifier(records).problems(q)
    assert any("矿区环保部门" in p for p in problems)
    assert not any("劳务派遣单位" in p or "勘察单位" in p for p in problems)


def test_the_unions_oversight_offers_no_department_the_law_has_check_the_same(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第六十条", "中华人民共和国安全生产法")
    with for_audience(MANAGERS):
        asked = [q for q in (single_party(record, shared_pools, str(seed)) for seed in range(20)) if q]
    assert asked
    assert not any({"应急管理部门", "县级以上地方各级人民政府应急管理部门"} & set(wrong_texts(q)) for q in asked)
