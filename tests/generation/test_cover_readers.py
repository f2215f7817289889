"""Sentences the reader used to lose (issue 16, exam coverage): a duty to draw up the party's own plan read as a
document's purpose clause (…，制定本条例), and a party named 负责…的部门 read as a duty without a duty-bearer."""

from __future__ import annotations

import pytest

from quiz.generation import articles as read
from quiz.generation.relevance import MANAGERS, for_audience
from quiz.generation.theory import TheoryPools, judge, single_party
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(20)]


@pytest.mark.parametrize(
    "text",
    [
        "煤矿企业应当制定本单位的应急演练计划，每年至少组织一次综合演练。",
        "县级人民政府应当组织有关部门制定本行政区域内的事故应急救援预案。",
        "矿山企业必须制定本企业的安全检查制度。",
    ],
)
def test_a_duty_to_draw_up_the_partys_own_plan_is_worth_asking(text):
    assert read.worth_asking(text)


@pytest.mark.parametrize(
    "text",
    [
        "为了加强煤矿安全管理，根据有关法律，制定本条例。",
        "根据《中华人民共和国安全生产法》，制定本规定。",
        "各省级部门可以依据本办法制定本地区实施细则。",
        "本法自2030年1月1日起施行。",
    ],
)
def test_a_purpose_clause_or_entry_into_force_is_still_not_asked(text):
    assert not read.worth_asking(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "负责煤矿安全监督管理的部门在办理许可时，应当自受理申请之日起二十日内作出决定",
        "负责职业卫生监督管理的部门应当定期公布检查结果",
    ],
)
def test_a_party_named_by_what_it_is_responsible_for_heads_its_own_sentence(sentence):
    assert read.sentences(sentence + "。") == [sentence]


def test_a_party_named_by_what_it_is_responsible_for_is_of_the_state():
    assert read.subject("负责职业卫生监督管理的部门应当定期公布检查结果") == ("负责职业卫生监督管理的部门", "state")


@pytest.mark.parametrize(
    "sentence",
    [
        "负责组织本单位的安全生产检查，及时消除事故隐患",
        "负责对井下电气设备进行定期检修",
        "应当定期组织应急演练",
    ],
)
def test_a_duty_whose_bearer_was_named_further_back_is_still_left_out(sentence):
    assert read.sentences(sentence + "。") == []


def _state_pools(rule):
    others = [
        article("施工单位应当对施工现场实行封闭管理。\n设计单位应当对安全设施设计负责。", label="第二条", number=2),
        article("勘察单位应当提供真实、准确的勘察资料。\n煤矿企业必须建立安全生产责任制。", label="第三条", number=3),
        article("分包单位在安全生产管理上应当服从总承包单位。\n生产经营单位应当建立应急救援组织。", label="第四条", number=4),
    ]
    return TheoryPools.build([rule, *others])


def test_a_state_key_is_not_asked_where_the_sentence_names_what_only_a_government_has():
    # 安全生产法 第八十条 in a managers' run: （ ）应当组织有关部门制定本行政区域内…预案, beside 劳务派遣单位 and 生产经营单位.
    rule = article("县级以上地方各级人民政府应当组织相关部门，为本行政区域制定事故应急救援预案。", label="第五条", number=5)
    with for_audience(MANAGERS):
        assert not [q for seed in SEEDS if (q := single_party(rule, _state_pools(rule), seed))]


def test_a_state_key_is_not_asked_beside_enterprises_even_where_the_sentence_does_not_give_it_away():
    # Managers' blind read 3, T32: the only body of the state among enterprises gives itself away by its class.
    rule = article("县级以上地方各级人民政府应当定期组织开展事故应急救援演练。", label="第五条", number=5)
    with for_audience(MANAGERS):
        assert not [q for seed in SEEDS if (q := single_party(rule, _state_pools(rule), seed))]


@pytest.mark.parametrize(
    "sentence",
    [
        "县级以上地方各级人民政府负责职业卫生监督管理的部门对本行政区域内的职业卫生实施监督管理",
        "国务院负责煤矿安全监督管理的部门对全国煤矿安全实施监督管理",
    ],
)
def test_the_government_in_a_bodys_name_is_not_read_as_the_duty_bearer(sentence):
    # 特种设备安全法 第五条: …人民政府负责…的部门 names the department, 负责 is no duty of the government.
    assert read.subject(sentence) is None


def test_a_party_responsible_for_its_own_work_is_still_read():
    assert read.subject("煤矿企业负责组织本单位的安全检查") == ("煤矿企业", "employer")


@pytest.mark.parametrize(
    "text",
    [
        "矿用设备在租赁期间的维护保养义务由设备出租单位承担。",
        "设备共有人未委托的，由共有人履行管理义务。",
    ],
)
def test_a_duty_laid_on_a_party_by_you_is_worth_asking(text):
    assert read.worth_asking(text)


def test_a_statement_without_a_duty_is_still_not_asked():
    assert not read.worth_asking("国家鼓励煤矿企业投保安全生产责任保险。")
    assert not read.worth_asking("由省级人民政府统一组织宣传活动。")


def test_who_bears_a_duty_in_a_case_is_stated_true_and_the_states_is_not():
    employer = article("矿用设备在检修期间的看护义务由设备使用单位承担，当事人另有约定的除外。")
    made = [q for seed in SEEDS if (q := judge(employer, TheoryPools.build([employer]), seed))]
    assert made and all(q.answer == ("A",) and "使用单位承担" in q.stem for q in made)
    state = article("事故调查的组织义务由县级人民政府承担，另有规定的除外。")
    assert not [q for seed in SEEDS if (q := judge(state, TheoryPools.build([state]), seed))]


@pytest.mark.parametrize(
    "text",
    [
        "矿山企业的主要负责人是本企业安全生产的第一责任人，对本企业的安全生产工作全面负责。",
        "施工单位的项目负责人对本项目的安全生产工作全面负责。",
    ],
)
def test_who_answers_for_safety_is_stated_true(text):
    rule = article(text)
    made = [q for seed in SEEDS if (q := judge(rule, TheoryPools.build([rule]), seed))]
    assert made and all(q.answer == ("A",) for q in made)


@pytest.mark.parametrize(
    "text",
    [
        "县级以上地方人民政府对本行政区域内的安全生产工作全面负责。",  # the state's, not asked of a worker
        "其他负责人对各自职责范围内的安全生产工作负责。",  # no first responsibility, no whole
    ],
)
def test_a_states_or_a_partial_responsibility_is_not_stated_so(text):
    rule = article(text)
    assert not [q for seed in SEEDS if (q := judge(rule, TheoryPools.build([rule]), seed))]
