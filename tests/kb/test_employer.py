"""What the employer may do to a worker (kb.employer): which questions ask whether the employer may do
something to the asker, which articles forbid it, and ask answering with the prohibition rather than a
rule sharing more of the question's words.

The questions are written for these tests in a worker's words; the article texts are short paraphrases
in the style of the law.
"""

from __future__ import annotations

import pytest

from kb.employer import asked_act, forbidding_sentence, forbids
from kb.qa import ask
from kb.search import KnowledgeBase
from tests.kb.conftest import first, small_kb


@pytest.mark.parametrize(
    ("question", "act"),
    [
        # the employer named or the act imposed, one of the acts told, whether it is allowed asked
        ("单位让加班能不去不", "overtime"),
        ("队里天天逼着加班 不加就扣钱 他们能这样强迫吗", "overtime"),  # the act told first
        ("怀孕了还让上夜班行不", "night"),
        ("矿上能不能扣我工资", "wages"),
        ("工伤期间能把我辞了吗", "dismiss"),
        ("矿上这时候能辞退我不", "dismiss"),
        ("入职时矿上把我身份证扣下了不还 这能行吗", "pledge"),
        ("单位招工能收押金吗", "pledge"),
        ("签了生死合同矿上就不用赔了吗", "waiver"),
        ("矿上让签个出了事自己负责的协议 这协议算数吗", "waiver"),
        ("俺弟17岁 矿上能让他下井挖煤不", "minor"),
        ("侄子今年十六岁 队里能招他下井不", "minor"),  # the age in words: 16 is a 未成年工
        ("表妹才十七 厂里能让她上夜班吗", "minor"),
        ("邻居家孩子十五岁 矿上能招去干活吗", "child"),  # under 16: a child, not a 未成年工
        ("不到16的能让他来厂里干活不", "child"),
        ("二十七岁的能不能招来下井 矿上说了算吗", ""),  # a grown man, 十七 only inside 二十七
        ("单位能让工人承担违约金吗", "penalty"),
        # the worker's own leaving, what to do about it, who pays, a premium: no act of the employer asked
        ("我辞了工作还能领失业金吗", ""),
        ("单位辞退我不给补偿咋整", ""),
        ("单位拖欠工资谁来管", ""),
        ("工伤保险的钱矿上从我工资里扣 合理不", ""),
        ("在单位加班时突发心脏病死亡算工伤吗", ""),  # whether it is a 工伤
        # a thing to use or a place to enter: the rule on it answers
        ("突出矿井能用煤电钻吗", ""),
        ("局扇停了 我能进去拿工具吗", ""),
        ("加班费按工资的多少给", ""),
    ],
)
def test_a_question_asks_what_the_employer_may_do_to_the_worker(question: str, act: str):
    assert asked_act(question) == act


OVERTIME_BAN = "对于哺乳不满一周岁婴儿的女职工，用人单位不得延长其劳动时间，也不得安排其上夜班。"
PLEDGE_BAN = "用人单位招用劳动者时，不得要求其提供担保，也不得扣押其居民身份证。"
MINOR_BAN = "不得安排未成年工从事矿山井下的劳动。"
CHILD_BAN = "用人单位一律禁止招用未满十六周岁的未成年人。"
WAIVER_VOID = "生产经营单位同从业人员订立的协议，若免除或者减轻本单位对从业人员因事故伤亡依法应负的责任，该协议无效。"
DISMISS_BAN = "用人单位应当安排疑似职业病病人诊断；在诊断期间，不得解除与其订立的劳动合同。"


def test_an_article_forbids_the_employer_the_act():
    assert forbids(OVERTIME_BAN, "overtime") and forbids(OVERTIME_BAN, "night")
    assert forbids(PLEDGE_BAN, "pledge")
    assert forbids(MINOR_BAN, "minor")  # no party named: whoever employs
    # the ban on hiring children under 16 is not about a 17-year-old, and is about a 15-year-old
    assert not forbids(CHILD_BAN, "minor") and forbids(CHILD_BAN, "child")
    assert forbids(WAIVER_VOID, "waiver")  # what the employer agreed to, voided
    assert forbids(DISMISS_BAN, "dismiss")  # a clause telling when names no party
    assert forbidding_sentence(f"用人单位应当保护女职工。{OVERTIME_BAN}", "overtime") == OVERTIME_BAN


def test_a_ban_on_another_act_or_party_does_not_forbid_the_employer():
    assert not forbids(OVERTIME_BAN, "dismiss")  # another act
    assert not forbids("从业人员不得擅自延长作业时间。", "overtime")  # binds the worker
    assert not forbids("安全生产监督管理部门不得解除对该单位的处罚。", "dismiss")  # binds an office
    assert not forbids("用人单位应当按月支付工资，可以延长工作时间。", "overtime")  # no prohibition
    assert not forbids(OVERTIME_BAN, "unknown")


# -- ask answers with the prohibition --------------------------------------------------------------

LIBRARY = [
    (1, "示例劳动合同法", "法律", 31, "用人单位应当严格按照劳动定额标准安排工作，不得强迫或者变相强迫劳动者加班。"),
    # a decoy sharing the question's words: overtime paid for
    (2, "示例劳动合同法", "法律", 32, "用人单位安排加班的，应当支付加班费。"),
    (3, "示例安全生产法", "法律", 106, WAIVER_VOID),
    (4, "示例应急条例", "行政法规", 19,
     "矿上应当与救护队签订救护协议，协议应当写明救护的范围。"),
]


@pytest.fixture(scope="module")
def employer_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The library above, indexed once for this module."""
    return small_kb(tmp_path_factory.mktemp("employer") / "index", LIBRARY)


def test_ask_answers_an_employers_act_with_the_prohibition(employer_kb: KnowledgeBase):
    question = "单位让加班能不去不"
    plan, _ = employer_kb.prepare(question)
    ranked = [h.article_id for h in employer_kb.rank(plan, status=None, limit=10)]
    assert ranked[0] == 2  # search alone prefers the article on 加班 paid
    answer = ask(employer_kb, question)
    assert answer.kind == "permission"
    assert first(answer) == 1


def test_whether_an_agreement_stands_is_asked_as_a_permission(employer_kb: KnowledgeBase):
    answer = ask(employer_kb, "矿上让签个出了事自己负责的协议 这协议算数吗")
    assert answer.kind == "permission"
    assert first(answer) == 3
