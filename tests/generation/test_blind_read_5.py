"""Faults of the fifth blind read (bench/generation_blind_read_5.md): blanks and options aimed at the wrong word,
give-aways, a missing condition and a 三违 stem that is no sentence. Each rule with the read's example and
counter-examples that must keep working."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from quiz.generation import articles as read
from quiz.generation import terms as kt
from quiz.generation.scenes import leaves_out_vehicle, own_subject, scenario_questions, violation_questions
from quiz.generation.theory import TheoryPools, blank_term, judge, single_party, single_term
from quiz.generation.theory.parties import frontline_distractors, party_distractors
from quiz.generation.theory.stems import opening_condition, stem_prefix
from quiz.generation.theory.term_distractors import fits_the_slot
from quiz.generation.theory.term_questions import _gas_with_its_limit
from tests.generation.conftest import article, key_text, record_of, wrong_texts

SEEDS = [str(seed) for seed in range(12)]


# --------------------------------------------------------------------------- T16: a gas inside a fixed phrase


@pytest.mark.parametrize("sentence", [
    "开采有瓦斯喷出、有突出危险的煤层时，严禁串联通风",  # T16
    "采用扩散通风的硐室，并且无瓦斯涌出",
    "清理突出的煤（岩）时，必须制定防瓦斯超限的措施",
    "恢复通风、排除瓦斯和送电的安全措施",
    "采掘工作面有瓦斯或者煤尘爆炸危险的，爆破时应当采用毫秒爆破",
])
def test_a_gas_inside_a_fixed_phrase_is_no_term(sentence: str) -> None:
    assert "瓦斯" not in {term for _, term in kt.term_spans(sentence)}


@pytest.mark.parametrize(("sentence", "term"), [
    ("二氧化碳浓度在采掘工作面风流中达到1.5%时，必须停工", "二氧化碳"),
    ("修复旧井巷时，必须首先检查瓦斯", "瓦斯"),
    ("掘进工作面必须使用局部通风机通风", "局部通风机"),  # no gas: the phrase rule does not touch it
])
def test_a_gas_or_term_standing_alone_is_still_a_term(sentence: str, term: str) -> None:
    assert term in {t for _, t in kt.term_spans(sentence)}


def test_a_wrong_gas_must_be_found_beside_the_words_around_the_blank() -> None:
    pools = TheoryPools.build([
        article("井下空气中硫化氢浓度不得超过规定。", label="第一条", number=1),
        article("突出煤层中有二氧化碳喷出时，必须撤人。", label="第二条", number=2),
        article("井下必须检测氨气。", label="第三条", number=3),
    ])
    assert not fits_the_slot("氨气", "开采有", "喷出、有突出危险的煤层", pools)  # T16: 氨气喷出 is nonsense
    assert fits_the_slot("二氧化碳", "开采有", "喷出、有突出危险的煤层", pools)  # found in an article
    assert fits_the_slot("氨气", "采掘工作面风流中", "浓度达到1.5%时", pools)  # every gas has a 浓度
    assert fits_the_slot("氢气", "矿井总回风巷中", "或者二氧化碳浓度达到0.75%时", pools)  # joined to another's 浓度
    assert fits_the_slot("氨气", "必须检测", "。", pools)  # the words before the blank found with it


def test_the_series_ventilation_rule_is_not_asked_by_its_gas(shared_records, shared_pools) -> None:
    """T16: 规程 第一百六十九条 开采有（瓦斯）喷出… offered 硫化氢, 氨气, 氮氧化物."""
    made = [q for seed in SEEDS if (q := single_term(record_of(shared_records, "第一百六十九条"), shared_pools, seed))]
    assert all(q.inputs["term"] not in kt.family_of("瓦斯") for q in made)


def test_every_gas_offered_in_a_run_fits_its_slot(theory, shared_pools) -> None:
    items = [q for q in theory.questions if q.generator == "theory.single_term" and q.inputs["class"] in kt.GAS_CLASSES]
    assert items  # gases are still asked (T17: （二氧化碳）浓度达到1.5%时 beside other gases)
    for q in items:
        sentence, start, term = q.inputs["sentence"], q.inputs["position"], q.inputs["term"]
        before, after = sentence[:start], sentence[start + len(term) :]
        assert not kt.gas_phrase(sentence, start, term), q.stem
        assert all(fits_the_slot(w, before, after, shared_pools) for w in wrong_texts(q)), q.stem


# --------------------------------------------------------------------------- T7: a gas beside its figure


def test_a_gas_beside_its_figure_is_not_blanked(shared_records, shared_pools) -> None:
    """T7: 规程 第五百四十一条 （一氧化碳）报警浓度大于或者等于0.0024%: the figure is what to know, not the name."""
    assert _gas_with_its_limit("一氧化碳的报警浓度大于或者等于0.0024%", 0, "一氧化碳")
    assert _gas_with_its_limit("总回风巷里甲烷或者二氧化碳的浓度达到0.75%时，必须查明原因", 5, "甲烷")
    assert not _gas_with_its_limit("修复旧井巷时，必须首先检查瓦斯", 13, "瓦斯")  # no figure: the name may be asked
    assert not _gas_with_its_limit("进风巷中的带式输送机机头10～20m范围内应当设置传感器", 5, "带式输送机")  # no gas
    made = [q for seed in SEEDS if (q := blank_term(record_of(shared_records, "第五百四十一条"), shared_pools, seed))]
    assert all(kt.FAMILY.get(q.answer[0], ("",))[0] not in kt.GAS_CLASSES for q in made), [q.stem for q in made]


def test_a_gas_beside_its_figure_is_still_a_single_choice(shared_records, shared_pools) -> None:
    """T17 (accepted): 采掘工作面风流中（二氧化碳）浓度达到1.5%时…: which gas has this limit, other gases beside it."""
    made = [q for seed in SEEDS if (q := single_term(record_of(shared_records, "第一百九十四条"), shared_pools, seed))]
    assert made and {key_text(q) for q in made} == {"二氧化碳"}


# --------------------------------------------------------------------------- T19: the only mine among outside parties


def test_a_mine_is_offered_only_beside_mines(shared_records, shared_pools) -> None:
    """T19: 规程 第十九条 （临时停工停产的井工煤矿）必须制定安全技术措施… offered 勘察单位, 劳务派遣单位, 施工单位."""
    record = record_of(shared_records, "第十九条")
    made = [q for seed in SEEDS if (q := single_party(record, shared_pools, seed))]
    assert not any("煤矿" in key_text(q) and not all(re.search("煤矿|矿井|矿山", w) for w in wrong_texts(q)) for q in made)
    party = "临时停工停产的井工煤矿"
    rest = next(s for s in read.sentences(record.text) if s.startswith(party)).removeprefix(party)  # its rule
    wrong = party_distractors(party, "employer", record, shared_pools, random.Random(0), rest=rest)
    assert wrong == [] or all(re.search("煤矿|矿井|矿山", w) for w in wrong)


def test_a_body_that_is_no_mine_keeps_its_other_roles(shared_records, shared_pools) -> None:
    """Counter-example: 施工单位 keeps 勘察单位, 设计单位 … beside it. The sentence this read accepted (施工单位应当根据建井工期
    …确定是否需要储备…提升钢丝绳) is no longer asked at all: blind read 6 T2 rejected it as a contractor's decision."""
    record = next(r for r in shared_records if r.title == "煤矿安全规程" and "施工单位应当根据建井工期" in r.text)
    rest = next(s for s in read.sentences(record.text) if "根据建井工期" in s).removeprefix("施工单位")
    wrong = [w for seed in range(6)
             for w in party_distractors("施工单位", "employer", record, shared_pools, random.Random(seed), rest=rest)]
    assert wrong and all(w.endswith("单位") and "煤矿" not in w for w in wrong)
    assert not [q for seed in SEEDS if (q := single_party(record, shared_pools, seed))]


def test_no_mine_key_in_a_run_stands_beside_a_party_that_is_no_mine(theory) -> None:
    for q in theory.questions:
        if q.generator == "theory.single_party" and re.search("煤矿|矿井|矿山", key_text(q)):
            assert all(re.search("煤矿|矿井|矿山", w) for w in wrong_texts(q)), q.stem


# --------------------------------------------------------------------------- T22: a supervisory duty


def test_a_duty_to_organise_offers_only_posts_that_organise(shared_records, shared_pools) -> None:
    """T22: 规程 第七百三十六条 （班组长）应当…第一时间组织作业人员自救互救 offered 防突工, 探放水工, 电工."""
    made = [q for seed in SEEDS if (q := single_party(record_of(shared_records, "第七百三十六条"), shared_pools, seed))]
    organising = {name for family in kt.ORGANISING_POSTS for name in family}
    for q in made:
        assert key_text(q) == "班组长" and set(wrong_texts(q)) <= organising, wrong_texts(q)


def test_organising_posts_are_offered_beside_a_shift_leader_who_organises() -> None:
    rule = article("班组长应当在险情出现后第一时间组织作业人员开展自救互救。", title="煤矿安全规程", label="第九百条", number=900)
    posts = ("安全检查工", "瓦斯检查工", "调度员", "电工", "防突工", "探放水工", "信号工")
    others = [article(f"{post}必须遵守本岗位操作规程。", title="其他规定", label=f"第{i}条", number=i)
              for i, post in enumerate(posts, start=1)]
    fillers = [article(f"井下第{i}号巷道必须保持畅通。", title="其他规定", label=f"第{i}条", number=i) for i in (20, 21)]
    pools = TheoryPools.build([*others, *fillers, rule])  # no post named in the articles either side of the rule
    for n in range(10):
        wrong = frontline_distractors("班组长", rule, pools, random.Random(n), "应当在险情出现后第一时间组织作业人员开展自救互救")
        assert set(wrong) == {"安全检查工", "瓦斯检查工", "调度员"}, wrong
    # A trade's own duty (no directing of others) keeps beside it trades at its place (bound to an act sharing 停电).
    at_work = [article(f"{post}必须在停电后{act}。", title="其他规定", label=f"第{i}条", number=i)
               for i, (post, act) in enumerate((("防突工", "撤出"), ("探放水工", "关闭钻机")), start=30)]
    pools = TheoryPools.build([*others, *fillers, *at_work, rule])
    wrong = frontline_distractors("电工", rule, pools, random.Random(0), "必须停电检修")
    assert len(wrong) == 3 and set(wrong) & {"防突工", "探放水工"} and "信号工" not in wrong
    assert kt.SUPERVISORY_DUTY.search("必须亲自布置专人把工作面全部人员撤到警戒区域以外")
    assert not kt.SUPERVISORY_DUTY.search("必须最后一个撤离爆破地点，在安全地点起爆")


# --------------------------------------------------------------------------- T9: a minimum made a ceiling


@pytest.mark.parametrize("sentence", [
    "地面消防水池的水量必须经常保持不少于200m3",  # T9: a fire pool holding at most 200 m³
    "自救器额定防护时间不低于30min",
    "检验孔应当不少于3个",
    "吊桶的连接装置安全系数不小于13",
])
def test_a_minimum_is_never_made_a_ceiling(sentence: str) -> None:
    assert read.limit_flips(sentence) == []


def test_a_maximum_may_still_be_turned_round() -> None:
    flips = read.limit_flips("采掘工作面的进风流中，二氧化碳浓度不超过0.5%")
    assert [(old, new) for _, old, new in flips] == [("不超过", "不少于")]
    assert read.limit_flips("温升不超过要求") == []  # before no figure: nonsense, not false


def test_the_fire_pool_is_never_said_to_hold_at_most_its_minimum(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第二百四十七条")
    for seed in range(40):
        q = judge(record, shared_pools, str(seed))
        if q is not None:
            assert "不多于" not in q.stem and "不高于" not in q.stem, q.stem


def test_no_false_statement_of_a_run_makes_a_minimum_a_ceiling(theory) -> None:
    changes = [q.change for q in theory.questions if q.change is not None and q.change.kind == "limit"]
    assert all(c.original not in read.MINIMUM_WORDS for c in changes), changes


# --------------------------------------------------------------------------- H3: a 三违 stem that is no sentence


@pytest.mark.parametrize(("behaviour", "own"), [
    ("人车还没停稳就跳车", True),  # H3: 乘车人员人车还没停稳就跳车
    ("带式输送机不停机，用铁锹清理机头滚筒处的浮煤", True),
    ("当班期间几名工人在巷道里打扑克", True),
    ("在人车还没停稳时就跳车", False),
    ("不停机就用铁锹清理带式输送机机头滚筒处的浮煤", False),
    ("为图省力乘坐运行中的刮板输送机", False),
    ("在井口2m以上高处作业不系安全带", False),
    ("处理拒爆时从炮孔中往外拉数码电子雷管", False),
])
def test_a_behaviour_with_a_subject_of_its_own_cannot_follow_its_post(behaviour: str, own: bool) -> None:
    assert own_subject(behaviour) is own


def test_every_violation_example_reads_after_its_post(hazard_data) -> None:
    made = {q.inputs["violation"]: q for q in violation_questions(hazard_data, "1")}
    assert set(made) == {v.id for v in hazard_data.violations}  # the data's wording is fixed: none is skipped
    assert made["SW-113"].stem.startswith("乘车人员在人车还没停稳时就跳车。")
    for v in hazard_data.violations:
        if not made[v.id].stem.startswith(v.behaviour):
            assert not own_subject(v.behaviour), v.id


def test_a_behaviour_with_its_own_subject_is_not_asked(hazard_data) -> None:
    jumping = next(v for v in hazard_data.violations if v.id == "SW-113")
    old = dataclasses.replace(jumping, behaviour="人车还没停稳就跳车")
    data = dataclasses.replace(hazard_data, violations=(old,))
    assert list(violation_questions(data, "1")) == []


# --------------------------------------------------------------------------- H8: a vehicle's rule without the vehicle


def _with(hazard_data, changed):  # noqa: ANN001, ANN202
    hazards = tuple(changed.get(h.id, h) for h in hazard_data.catalogue)
    return dataclasses.replace(hazard_data, catalogue=dataclasses.replace(hazard_data.catalogue, hazards=hazards))


def _hazard(hazard_data, id_: str):  # noqa: ANN001, ANN202
    return next(h for h in hazard_data.catalogue if h.id == id_)


def test_a_figure_for_a_vehicle_must_name_it(hazard_data) -> None:
    spacing = _hazard(hazard_data, "HZ-FY-011")
    old = dataclasses.replace(spacing, hazard="同向行驶车辆间距不足50m或转弯处无防撞设施，车辆追尾")
    assert leaves_out_vehicle(old, old.hazard)  # H8: 50m holds for 无轨胶轮车, 100m for trains
    assert leaves_out_vehicle(old, "同向行驶保持不小于50m距离")
    assert not leaves_out_vehicle(old, "巷道转弯处设防撞装置和交通管控信号")  # no figure
    assert not leaves_out_vehicle(old, "无轨胶轮车同向行驶保持不小于50m距离")
    assert not leaves_out_vehicle(dataclasses.replace(old, post="采煤机司机"), old.hazard)  # no vehicle
    trains = _hazard(hazard_data, "HZ-YS-010")
    assert not leaves_out_vehicle(trains, trains.hazard)  # 两列车… names the kind


def test_no_catalogue_entry_states_a_vehicle_figure_without_the_vehicle(hazard_data) -> None:
    for h in hazard_data.catalogue:
        for text in (h.hazard, *(c.text for c in h.controls)):
            assert not leaves_out_vehicle(h, text), (h.id, text)


def test_a_hazard_leaving_out_its_vehicle_is_shown_only_with_its_post(hazard_data) -> None:
    spacing = _hazard(hazard_data, "HZ-FY-011")
    old = dataclasses.replace(spacing, hazard="同向行驶车辆间距不足50m或转弯处无防撞设施，车辆追尾")
    data = _with(hazard_data, {old.id: old})
    for seed in ("1", "2", "3"):
        for q in scenario_questions(data, seed):
            if old.id in q.inputs["hazards"]:
                assert q.inputs["hazards"] == [old.id] and "岗位：无轨胶轮车司机" in q.stem, q.stem


def test_the_vehicle_spacing_scene_names_the_vehicle(hazards) -> None:
    """H8: 辅助运输斜巷 scene keyed 同向行驶保持不小于50m距离 now names 无轨胶轮车 in the hazard and the key."""
    for q in hazards.questions:
        if q.generator == "hazard.scenario" and q.inputs.get("target") == "HZ-FY-011":
            assert "无轨胶轮车同向行驶" in q.stem
            assert "无轨胶轮车" in q.inputs["correct"] or "岗位：无轨胶轮车司机" in q.stem


def test_a_rule_under_an_equipment_or_method_carries_it_into_the_stem() -> None:
    """H8's class on the theory side: a paragraph opening 采用X时，… holds its later sentences for X only."""
    record = article("采用装配式金属模板砌筑内壁时，混凝土配合比应当严格控制。混凝土脱模时强度不小于0.7MPa，套壁每24h"
                     "施工不得超过12m。\n井筒施工必须有专项措施。", label="第七十一条", number=71)
    later = "混凝土脱模时强度不小于0.7MPa，套壁每24h施工不得超过12m"
    assert opening_condition(record, later) == "采用装配式金属模板砌筑内壁"
    assert stem_prefix(record, later) == "根据《测试安全规定》第七十一条关于采用装配式金属模板砌筑内壁的规定，"
    assert opening_condition(record, "采用装配式金属模板砌筑内壁时，混凝土配合比应当严格控制") == ""  # says it itself
    assert opening_condition(record, "井筒施工必须有专项措施") == ""  # another paragraph
    named = article("采用无轨胶轮车运输时，应当遵守规定。无轨胶轮车同向行驶必须保持不小于50m的距离。")
    assert opening_condition(named, "无轨胶轮车同向行驶必须保持不小于50m的距离") == ""  # names it
