"""Whether an answer was found by the tie its question's kind asks for (kb.qa.kind_tie), and the
confidence counting it: a grant, a prohibition, a party bound to the act, a party's list, a definition
a category's list hold few of the situation's words, so coverage alone would decline them.

The questions are written for these tests in a worker's words; the article texts are short paraphrases
in the style of the law.
"""

from __future__ import annotations

import pytest

from kb.asking import Asking
from kb.duty_lists import asked_list
from kb.employer import asked_act as employer_act
from kb.kinds import asked_category
from kb.parties import asked_party
from kb.qa import ask, calibrated, kind_tie
from kb.rights import asked_right
from kb.search import KnowledgeBase
from tests.kb.conftest import small_kb

LEAVE = "从业人员遇到直接危及人身安全的紧急情况时，有权停止作业，或者采取可能的应急措施后撤离作业场所。"
ROOF = "顶板出现掉渣、片帮等预兆时，班组长应当组织加强支护。"
OVERTIME_BAN = "用人单位不得安排怀孕七个月以上和哺乳期的女职工延长劳动时间和夜班劳动。"
OVERTIME_PAY = "用人单位安排劳动者延长工作时间的，应当支付加班工资。"


def test_a_grant_of_the_right_asked_is_a_tie():
    right = asked_right("顶板一个劲掉渣 我没等班长发话自己先跑出来了 这样行不")
    assert kind_tie(Asking("permission", right=right), LEAVE)
    assert not kind_tie(Asking("permission", right=right), ROOF)  # the danger's words, no grant
    assert not kind_tie(Asking("permission"), LEAVE)  # no right asked


def test_a_ban_on_the_employers_act_asked_is_a_tie():
    act = employer_act("娃还没断奶单位让加班能不去不")
    assert kind_tie(Asking("permission", forbidden=act), OVERTIME_BAN)
    assert not kind_tie(Asking("permission", forbidden=act), OVERTIME_PAY)  # overtime paid for, not forbidden


def test_the_party_named_bound_to_the_act_asked_is_a_tie():
    party = asked_party("事故现场的人要先向谁报告")
    assert kind_tie(Asking("duty", act=("报告",), party=party), "事故现场有关人员在事故发生后，应当立即向本单位负责人报告。")
    assert not kind_tie(Asking("duty", act=("报告",), party=party), "事故发生后，生产经营单位应当立即向有关部门报告。")  # another party
    assert not kind_tie(Asking("duty", act=("报告",), party=party), "事故现场有关人员应当保护现场。")  # another act


def test_a_party_bound_to_the_act_a_who_question_asks_is_a_tie():
    from kb.kinds import PAYING, asked_act
    from kb.query import plan_query

    question = "皮带托辊坏了由谁来修"
    typed = plan_query(question)
    act, party = asked_act(typed.text, typed.concepts), asked_party(question)
    assert act and not party[1]  # who, not a party named
    assert kind_tie(Asking("duty", act=act, party=party), "托辊损坏的，由维修工负责及时修理更换。")
    assert not kind_tie(Asking("duty", act=act, party=party), "托辊应当转动灵活，损坏的应当及时修理。")  # nobody bound to mend it
    assert not kind_tie(Asking("permission", act=act, party=party), "托辊损坏的，由维修工负责及时修理更换。")  # not a duty asked
    # paying binds somebody in too many rules to be the tie by itself (谁出钱)
    assert not kind_tie(Asking("duty", act=PAYING, party=("", "")), "所需费用由用人单位承担。")


def test_the_partys_list_asked_is_a_tie():
    listing = asked_list("矿长要管哪些事")
    assert kind_tie(Asking("duty", listing=listing), "煤矿企业主要负责人对本企业的安全生产工作负有下列职责：（一）建立并健全安全生产责任制；")
    assert not kind_tie(Asking("duty", listing=listing), "从业人员负有下列义务：（一）遵守规章制度；")  # another party's


def test_a_definition_of_the_whole_term_asked_is_a_tie():
    text = "本法所称职业病，是指企业、事业单位的劳动者在职业活动中，因接触粉尘等因素而引起的疾病。"
    assert kind_tie(Asking("definition"), text, term="职业病")
    assert not kind_tie(Asking("definition"), text)  # the question asks about more than the term defined
    assert not kind_tie(Asking("definition"), "用人单位应当预防职业病。", term="职业病")  # names it, defines nothing
    assert not kind_tie(Asking("quantity"), text, term="职业病")


def test_a_list_of_what_falls_under_the_category_asked_is_a_tie():
    category = asked_category("上班路上被车撞了算不算工伤")
    listed = "职工有下列情形之一的，应当认定为工伤：\n（一）在工作时间、工作场所内因为工作原因遭受事故伤害的；"
    assert kind_tie(Asking("definition"), listed, category=category)
    assert kind_tie(Asking("definition"), "职工有下列情形之一的，不得认定为工伤，也不视同工伤：\n（一）故意犯罪的；", category=category)
    assert not kind_tie(Asking("definition"), "职工发生事故伤害，所在单位应当申请工伤认定。", category=category)  # names it only
    assert not kind_tie(Asking("definition"), "职工有下列情形之一的，应当认定为职业病：（一）接触粉尘的；", category=category)
    assert not kind_tie(Asking("duty"), listed, category=category)  # 单位说不算工伤，谁来拿证据 asks who


LIBRARY = [
    (1, "示例女职工劳动保护规定", "行政法规", 9, OVERTIME_BAN),
    (2, "示例劳动法", "法律", 44, OVERTIME_PAY),
    (3, "示例煤矿规程", "部门规章", 101, ROOF),
]


@pytest.fixture(scope="module")
def tie_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The library above, indexed once for this module."""
    return small_kb(tmp_path_factory.mktemp("tie") / "index", LIBRARY)


def test_an_answer_found_by_its_tie_records_it_and_counts_it(tie_kb: KnowledgeBase):
    answer = ask(tie_kb, "娃还没断奶单位让加班能不去不")
    assert (answer.hit or answer.alternatives[0]).article_id == 1
    assert answer.features["tied"] == 1.0
    assert answer.confidence > calibrated({**answer.features, "tied": 0.0})


def test_an_answer_found_by_its_words_records_no_tie(tie_kb: KnowledgeBase):
    answer = ask(tie_kb, "加班工资怎么算")
    assert (answer.hit or answer.alternatives[0]).article_id == 2
    assert answer.features["tied"] == 0.0
