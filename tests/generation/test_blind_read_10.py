"""Faults of the tenth blind read (bench/generation_blind_read_10.md), each rule with the read's example and
counter-examples that keep working: matters of the mine's office asked of the frontline, a wrong control that guards
against the same agent as the key, wrong options a bound covers, a figure a later document in force restates with
another value, a condition whose actor is cut off with the start of the article, a term whose wrong options make no
real thing with the noun after the blank."""

from __future__ import annotations

import random

import pytest

from quiz.generation import articles as read
from quiz.generation import relevance as rv
from quiz.generation.bounds import condition_bound
from quiz.generation.hazard import control, control_distractors, same_mechanism, seeded_rng
from quiz.generation.records import ArticleRecord
from quiz.generation.supersede import Figures
from quiz.generation.theory import (
    TheoryPools,
    blank_item_number,
    blank_number,
    blank_term,
    judge,
    single_item_number,
    single_number,
    single_term,
)
from quiz.generation.theory.number_distractors import number_distractors
from quiz.generation.theory.stems import stem_prefix
from quiz.generation.theory.term_distractors import compound_head, forms_the_compound, term_distractors
from quiz.generation.verify import Verifier
from tests.generation.conftest import article, record_of

SEEDS = [str(seed) for seed in range(12)]


# --------------------------------------------------------------------------- T10, T17, T36: the mine's office


@pytest.mark.parametrize(
    "sentence",
    [
        "煤矿的副矿长应当具有大专以上学历和五年以上井下工作经历",  # a leader's appointment (T36)
        "建设单位应当在开工前查明井田内的断层和老空区",  # a project's 建设单位 (T17)
        "锅炉安全工作应当坚持安全第一、预防为主的原则",  # a slogan (T10)
    ],
)
def test_an_office_matter_is_not_asked_of_the_frontline_but_of_managers(sentence: str) -> None:
    assert rv.office_matter(sentence)
    assert rv.sentence_relevance(sentence, rv.FRONTLINE) < rv.THRESHOLD
    assert rv.sentence_relevance(sentence, rv.MANAGERS) >= rv.THRESHOLD


@pytest.mark.parametrize(
    "sentence",
    [
        "从事爆破的作业人员应当具备初中以上文化程度和一年以上井下工作经历",  # a worker's own qualification
        "冲击地压防治必须坚持先卸压、后开采的原则",  # a technical principle, no slogan
        "施工单位在巷道贯通前必须停止一端的掘进",  # not the 建设单位
    ],
)
def test_a_workers_rule_is_no_office_matter(sentence: str) -> None:
    assert not rv.office_matter(sentence)


def test_the_reads_office_items_are_no_longer_asked_of_the_frontline(shared_records) -> None:
    training = record_of(shared_records, "第十一条", "煤矿安全培训规定")
    building = record_of(shared_records, "第五十七条")
    for record in (training, building):
        pieces = [p for p in rv._pieces(record.text) if "学历" in p or "查清" in p]
        assert pieces, record.label
        for piece in pieces:
            assert rv.sentence_relevance(piece, rv.FRONTLINE) < rv.THRESHOLD, piece
            assert rv.sentence_relevance(piece, rv.MANAGERS) >= rv.THRESHOLD, piece


# --------------------------------------------------------------------------- H14: a wrong control against the same agent


def test_a_control_naming_the_hazards_agent_guards_against_it() -> None:
    hazard = "运料时有人在绞车道内行走，被下滑的矿车撞倒"
    assert same_mechanism("检修时绞车停止行车，上方设置挡车装置", hazard)
    # Counter-examples: a measure against another agent, and a vehicle rule about ignition, not about being hit.
    assert not same_mechanism("风门设置闭锁装置，不得同时打开", hazard)
    assert not same_mechanism("非防爆的无轨车辆不得入井", hazard)


def test_no_wrong_control_guards_against_the_keys_agent(hazard_data) -> None:
    by_id = {h.id: h for h in hazard_data.catalogue}
    asked = 0
    for seed in SEEDS:
        for question in control(hazard_data, seed):
            target = by_id[question.inputs["hazard"]]
            asked += 1
            for wrong in question.inputs["wrong"]:
                assert not same_mechanism(wrong, target.hazard), (target.hazard, wrong)
    assert asked, "control items are still asked"


def test_the_incline_walker_is_still_asked_with_other_agents(hazard_data) -> None:
    walker = next(h for h in hazard_data.catalogue if "行人" in h.hazard and "跑车" in h.hazard)
    offered = [w for seed in SEEDS for w in control_distractors([walker], hazard_data, seeded_rng(seed, "t", walker.id), 2)]
    assert offered
    assert not any("挡车" in w or "行车" in w for w in offered)


# --------------------------------------------------------------------------- T31: wrong options a bound covers


# A bound in a condition or scope: a value past it names a narrower case the rule still covers, so only one side is
# false and the figure is no single choice. A bound in a requirement: a stricter value is not the rule either, and
# real exams offer values on both sides, so the key is not the option at the end of the row (issue 16).
@pytest.mark.parametrize(
    ("before", "after", "condition"),
    [
        ("", "以上绞车同时牵引一列车时", True),  # conditions and scopes, lower bounds
        ("井筒深度超过", "的矿井，应当另设梯子间", True),
        ("单层砂岩厚度大于", "或者总厚度大于30m的顶板，应当预先处理", True),
        ("当班下井人数在", "及以上时，应当指定带班人员", True),
        ("风速在", "以下时", True),  # upper bounds
        ("距工作面", "以内不得停放车辆", True),
        ("在装药地点", "以内，有未清理的浮煤", True),
        ("水温低于", "时，不得启动水泵", True),
        ("风流中甲烷不超过", "时，方可恢复送电", True),
        ("回风中氧气浓度达到", "时，人员方可进入", True),  # a trigger: a higher value reaches it too
        ("喷层强度应当达到", "的设计值", False),
        ("每组人数不得少于", "", False),  # requirements, lower bounds
        ("巡检至少", "一次", False),
        ("检查记录应当保存", "以上。", False),
        ("两台车之间应当保持", "以上的间距", False),
        ("同罐乘坐人数不得超过", "", False),  # upper bounds
        ("电缆挂钩间距不大于", "", False),
        ("炮眼深度为", "", False),  # no bound at all
        ("支架间距不得大于", "，并且应当背紧背实", False),  # a prohibition is what must be met, not a case
    ],
)
def test_a_bound_in_a_condition_is_told_from_one_in_a_requirement(before: str, after: str, condition: bool) -> None:
    assert condition_bound(before, after) is condition


def _quantity(text: str, raw: str) -> read.Quantity:
    return next(q for q in read.quantities(text) if q.text == raw)


def _wrong_values(pools: TheoryPools, text: str, raw: str) -> tuple[read.Quantity, list[list]]:
    quantity = _quantity(text, raw)
    context = (text[: quantity.start], text[quantity.end + len(quantity.unit) :])
    return quantity, [[read.quantities(o)[0].value for o in
                       number_distractors(quantity, article(text), pools, random.Random(seed), context=context)]
                      for seed in range(12)]


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("3台以上水泵联合排水时，必须有专人监视", "3台"),  # lower bounds: 4台 and 5台 would be true as well
        ("埋深超过600m的矿井应当测定地温", "600m"),
        ("风速在2m/s以下时不得开动风机", "2m/s"),  # upper bounds: 1m/s would be true as well
        ("距洞口20m以内严禁存放油料", "20m"),
    ],
)
def test_a_condition_bound_is_not_asked_as_a_choice(shared_pools, text: str, raw: str) -> None:
    _, wrong = _wrong_values(shared_pools, text, raw)
    assert wrong == [[]] * 12, text


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("机房检修时留守人员至少5人", "5人"),  # lower bounds
        ("两辆机车同向行驶时必须保持不少于80m的间距", "80m"),
        ("同一层罐笼内乘坐人数不超过12人", "12人"),  # upper bounds
        ("人员在风门处停留不得超过10min", "10min"),
    ],
)
def test_a_required_bound_has_wrong_options_on_both_sides(shared_pools, text: str, raw: str) -> None:
    quantity, wrong = _wrong_values(shared_pools, text, raw)
    values = [v for row in wrong for v in row]
    assert any(len(row) >= 3 for row in wrong), text
    assert any(v < quantity.value for v in values) and any(v > quantity.value for v in values), (text, values)
    # Not one side in every draw: the key is not at the end of the row each time.
    assert any(min(row) < quantity.value < max(row) for row in wrong if len(row) >= 3), (text, wrong)


def test_an_unbounded_figure_keeps_options_on_both_sides(shared_pools) -> None:
    text = "掘进工作面的炮眼深度为15m"  # counter-example: no bound, options either side
    quantity = _quantity(text, "15m")
    context = (text[: quantity.start], "")
    values = {read.quantities(o)[0].value for s in range(12)
              for o in number_distractors(quantity, article(text), shared_pools, random.Random(s), context=context)}
    assert any(v < quantity.value for v in values) and any(v > quantity.value for v in values)


def test_the_crane_count_is_not_asked_with_counts_it_covers(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第六百九十一条")
    for seed in SEEDS:
        question = single_item_number(record, shared_pools, seed)
        if question is not None and "（ ）以上起重机" in question.stem:
            raise AssertionError(question.options)  # T31: 3台/4台/5台 beside 2台以上


# --------------------------------------------------------------------------- T15: a figure a later document restates


def _dated(text: str, title: str, version: str, label: str = "第五条") -> ArticleRecord:
    return ArticleRecord(title=title, status="current", version=version, label=label, number=5, text=text, doc_type="部门规章")


OLD_RULE = "倾角大于30°的上山巷道采用爆破掘进时，应当采用远距离起爆并撤出下方人员。"
NEW_RULE = "倾角大于10°的上山巷道采用爆破掘进时，应当采用远距离起爆并撤出下方人员。"


def test_a_figure_a_later_document_restates_is_not_asked() -> None:
    older = _dated(OLD_RULE, "某煤矿防治细则", "2019-01-01")
    newer = _dated(NEW_RULE, "某煤矿安全规程", "2025-01-01")
    figures = Figures.build([older, newer])
    assert figures.older(older, OLD_RULE.rstrip("。"))
    assert not figures.older(newer, NEW_RULE.rstrip("。"))  # the later document's own figure stays asked
    pools = TheoryPools.build([older, newer])
    for seed in SEEDS:
        for generator in (blank_number, single_number, judge):
            assert generator(older, pools, seed) is None, generator.__name__
    assert any(blank_number(newer, pools, seed) for seed in SEEDS)


def test_the_same_figure_or_another_thing_is_no_restatement() -> None:
    older = _dated(OLD_RULE, "某煤矿防治细则", "2019-01-01")
    same = _dated(OLD_RULE, "某煤矿安全规程", "2025-01-01")  # the later document keeps 30°
    other = _dated("倾角大于10°的下山巷道运输时，应当设置阻车器和挡车栏。", "某煤矿安全规程", "2025-01-01", "第六条")
    assert not Figures.build([older, same]).older(older, OLD_RULE.rstrip("。"))
    assert not Figures.build([older, other]).older(older, OLD_RULE.rstrip("。"))
    # Nor does an earlier document's other figure count against a later one.
    assert not Figures.build([older, _dated(NEW_RULE, "某煤矿安全规程", "2010-01-01")]).older(older, OLD_RULE.rstrip("。"))


def test_the_clause_before_tells_whose_figure_it_is() -> None:
    leader = "矿长应当熟悉采掘工艺，具有三年以上井下工作经历"
    specialist = "防突机构负责人应当熟悉防突工艺，具有5年以上井下工作经历"
    older = _dated(leader + "。", "某培训规定", "2018-01-01")
    newer = _dated(specialist + "。", "某煤矿安全规程", "2025-01-01")
    assert not Figures.build([older, newer]).older(older, leader)


def test_the_outburst_rules_slope_is_taken_from_the_current_code(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第二十七条", "防治煤与瓦斯突出细则")
    asked = 0
    for seed in SEEDS:
        for generator in (blank_item_number, single_item_number):
            question = generator(record, shared_pools, seed)
            if question is not None:
                asked += 1
                assert "上山掘进工作面采用爆破作业时" not in question.stem, question.stem  # T15: 25° beside 规程's 8°
    assert asked, "the article's other items are still asked"
    code = record_of(shared_records, "第二百一十五条")
    item = next(e.item for e in read.list_items(code.text) if "上山掘进工作面采用爆破作业时" in e.item)
    assert not shared_pools.figures.older(code, item)


# --------------------------------------------------------------------------- T9: a condition whose actor is cut off


MACHINE = "掘进机必须装设内、外喷雾装置。截割时必须喷雾降尘。供水中断时必须停止截割；转载机必须安装防尘罩。"


def test_a_bare_condition_carries_the_paragraphs_topic() -> None:
    record = article(MACHINE, title="煤矿安全规程")
    assert "关于掘进机的规定" in stem_prefix(record, "供水中断时必须停止截割")
    # Counter-examples: the paragraph's opening names its own topic, and a sentence naming the topic needs none.
    assert "关于" not in stem_prefix(record, "掘进机必须装设内、外喷雾装置")
    other = article("掘进机必须装设内、外喷雾装置。掘进机供水中断时必须停止截割。", title="煤矿安全规程")
    assert "关于" not in stem_prefix(other, "掘进机供水中断时必须停止截割")


def test_the_shearers_stop_carries_the_shearer(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第七百零四条")
    verifier = Verifier(shared_records)
    asked = 0
    for seed in SEEDS:
        for generator in (single_term, blank_term, judge):
            question = generator(record, shared_pools, seed)
            if question is not None and "不能正常使用时必须停机" in question.stem:
                asked += 1
                assert "关于采煤机的规定" in question.stem, question.stem  # T9
                assert verifier.problems(question) == []
    # The stop is now a clause of its own (the supports' spray after it is asked alone: managers' read 4, T38), and
    # an item on it is headed by the shearer whether or not a seed here draws it.
    assert "关于采煤机的规定" in stem_prefix(record, "无水或者喷雾装置不能正常使用时必须停机")
    assert asked or "无水或者喷雾装置不能正常使用时必须停机" in read.sentences(record.text)


# --------------------------------------------------------------------------- T20: only the key makes a real thing


@pytest.mark.parametrize(
    ("after", "head"),
    [
        ("走廊、装车站等处必须洒水", "走廊"),  # T20's frame: a place named by the machine it houses
        ("机房、配电室内严禁存放油料", "机房"),
        ("传输与生产无关的数据", ""),
        ("入井前必须检查", ""),  # counter-examples: an act, a time, a rule word or a joining word after the term
        ("启动时应当发出信号", ""),
        ("必须安装防尘罩", ""),
        ("和转载点必须喷雾", ""),
        ("后，方可开工", ""),
    ],
)
def test_the_noun_a_term_runs_on_into(after: str, head: str) -> None:
    assert compound_head(after) == head


def test_wrong_options_make_the_compound_the_key_makes(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第七百零九条")
    sentence = next(s for s in read.sentences(record.text) if "走廊" in s)
    start = sentence.index("走廊")
    key = next(t for t in ("带式输送机",) if sentence[:start].endswith(t))
    head = compound_head(sentence[start:])
    assert head == "走廊" and forms_the_compound(key, head, shared_pools)
    for seed in range(12):
        wrong = term_distractors(sentence, start - len(key), key, record, shared_pools, random.Random(seed))
        assert all(forms_the_compound(w, head, shared_pools) for w in wrong), wrong  # no 电机车走廊 (T20)
    # Counter-example: a term followed by a rule word is offered the usual machines.
    machine = next(s for s in read.sentences(record_of(shared_records, "第六百二十一条").text) if "启动时" in s)
    at = machine.index("启动时")
    term = next(t for t in ("带式输送机",) if machine[:at].endswith(t))
    offered = term_distractors(machine, at - len(term), term, record_of(shared_records, "第六百二十一条"), shared_pools,
                               random.Random(1))
    assert len(offered) == 3
