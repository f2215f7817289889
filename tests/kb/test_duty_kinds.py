"""Duty questions read as another kind (issue 13): a question asking who acts is a duty even beside a
time or a count, a yes-no question whether a leader must act is a duty, and who decides is asked as
deciding (由X确定). Counter-examples keep the other kinds.

The questions are written for these tests in a worker's words; the sentences are short paraphrases in
the style of the rules, written here.
"""

from __future__ import annotations

import pytest

from kb import qa
from kb.asking import Asking
from kb.kinds import DECIDING, HOLDING, asked_act, question_kind, ties_act
from kb.parties import ANY, asks_partys_duty, asks_who, binds
from kb.query import plan_query


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # who acts, beside how often or how long: the party is what is asked
        ("安全出口多久巡一次谁说了算", "duty"),
        ("瓦斯多长时间查一次 谁来查", "duty"),
        # …but whom to tell beside a time asks the time
        ("出了事故多长时间内要向谁报告", "time"),
        ("每班要检查几次 检查完报给谁", "count"),
        # whether a leader must act
        ("矿领导要不要轮着跟我们下井带班", "duty"),
        ("矿长副矿长要不要下井带班", "duty"),
        ("班组长每天都要检查工作面吗", "duty"),
        # …not the asker's own act, a mine as a place, the employer's for the asker, nor a leave
        ("我要不要戴口罩", "permission"),
        ("突出矿井要不要装监控", "permission"),
        ("单位要不要告诉我这个岗位有啥危险", "permission"),
        ("拿了工伤保险的钱 还能再找矿上要赔偿吗", "permission"),
        ("班长能不能先走", "permission"),
    ],
)
def test_duty_questions_read_as_another_kind(question: str, kind: str):
    assert question_kind(question) == kind


def test_who_acts_and_whether_a_leader_must():
    assert asks_who("谁有权下令撤人") and asks_who("报告完谁来处理")
    assert not asks_who("要先向谁报告") and not asks_who("报给谁")
    assert asks_partys_duty("矿领导要不要轮着跟我们下井带班")
    assert not asks_partys_duty("矿领导能不能不下井")  # a leave, not an obligation
    assert not asks_partys_duty("让班长要不要签字")  # the leader is not the subject


def test_who_decides_is_asked_as_deciding():
    typed = plan_query("安全出口多久巡一次谁说了算")
    act = asked_act(typed.text, typed.concepts)
    assert act == DECIDING
    decided = "安全出口应当保持畅通并定期巡查，巡查的频次由煤矿矿长或者分管安全的副矿长确定。"
    counted = "矿井必须至少有2个安全出口，各出口间距不得小于30m，并应当定期巡查。"
    assert binds(decided, "", ANY, act)
    assert not binds(counted, "", ANY, act)
    assert qa.act_factor(Asking("duty", act=act), decided) > qa.act_factor(Asking("duty", act=act), counted)
    # 定期 is no deciding
    typed = plan_query("谁定期检查安全出口")
    assert asked_act(typed.text, typed.concepts) != DECIDING


def test_who_holds_a_role_is_answered_by_the_rule_naming_him_as_it():
    for question in ("矿上的防火责任人是谁", "通风工作谁是头一个责任人", "这个工地的负责人到底是谁"):
        assert question_kind(question) == "duty", question
        assert asked_act(question, plan_query(question).concepts) == HOLDING, question
    # the rule that names the holder ties, one that only tells the mine to appoint one does not
    assert ties_act("矿长是本矿井防火工作的责任人，对防火工作全面负责。", HOLDING)
    assert not ties_act("煤矿应当建立防火责任制度，确定防火责任人。", HOLDING)
    # a question asking who does an act still asks for the act
    assert asked_act("防火设施谁来查", plan_query("防火设施谁来查").concepts) != HOLDING


def test_a_who_question_without_who_asks_for_a_party():
    for question in ("放顶的时候哪个领导得跟班", "井下哪些人得戴自救器", "瓦检员一般从哪些人里选"):
        assert question_kind(question) == "duty", question
    # …not a question what counts or which things
    assert question_kind("哪些人算职工家属") != "duty"
    assert question_kind("哪些地点要设传感器") != "duty"
