"""Duty questions: the party a question names, the party a rule's sentence binds, and ask preferring
the article that binds the party asked (or, asked who, any party) to the act asked.

The small library below is written for these tests (paraphrases in the style of the rules, not
copies): each answer has a decoy sharing more of the question's words that binds another party to
the act, or binds none.
"""

from __future__ import annotations

import pytest

from kb import qa
from kb.asking import Asking
from kb.indexing import ArticleRecord, build_index
from kb.kinds import asked_act, question_kind, ties_act
from kb.parties import ANY, asked_party, bearer_class, binds, party_class
from kb.qa import ask
from kb.query import plan_query
from kb.search import KnowledgeBase
from tests.kb.conftest import first

# -- the party a question names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("出了险情班组长要负啥责", "crew"),
        ("事故现场的人要先向谁报告", "worker"),  # 向谁: who is told, the party named reports
        ("出了事故 在场的工友第一步该向谁报告", "worker"),
        ("我们当工人的 安全上有啥义务", "worker"),
        ("矿长在安全上到底要管哪些事", "leader"),
        ("劳保用品是矿上发还是自己买", "employer"),
        ("职业病诊断由哪个机构来做", "agency"),  # asks which body: the answer binds an agency
        # asked who: the party named is not the one who must act
        ("班组长的安全培训是谁组织", ""),
        ("停工留薪期间生活不能自理谁来护理", ""),
        ("矿上没给交工伤保险 我伤了谁出钱", ""),
    ],
)
def test_the_party_a_duty_question_names(question: str, kind: str):
    assert asked_party(question)[1] == kind


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("事故现场有关人员", "worker"),
        ("煤矿主要负责人", "leader"),  # the head word decides: a leader, not the employer
        ("生产经营单位", "employer"),
        ("设区的市级劳动能力鉴定委员会", "agency"),
        ("专职爆破员", "worker"),
        # roles the rules name by other heads: a machine's operator, a designated man, a crew doing the work
        ("专职司机", "worker"),
        ("提升机司机", "worker"),
        ("专人", "worker"),
        ("专业钻探队伍", "worker"),
        # 工 as the work, not a trade: the party opening the clause is the employer
        ("施工单位发生生产安全事故，", "employer"),
        ("井下停工", ""),
        ("井下电工", "worker"),
        # a clause opening with a place whose word holds 工 (掘进工作面, 回采工程) names no trade
        ("掘进工作面打钻前，", ""),
        ("回采工程完成后，", ""),
        ("钳工发现设备故障，", "worker"),
        # the party is what comes before what it does: a leader, not the employer; a connective is none
        ("单位负责人接到报告后，", "leader"),
        ("或者作业中发现重大隐患，", ""),
        ("从业人员发现事故隐患，", "worker"),  # a clause opening with its party, the modal after it
        # no party: a thing or an act ending the phrase
        ("煤矿许用起爆控制器", ""),
        ("井下爆破工作", ""),
        ("工伤保险基金", ""),
        ("处理拒爆时，", ""),
        # a clause opening with what is done has left its party out: the workers it names are not it
        ("发现有危害工人身体健康的情形时，", ""),
        ("遇到威胁职工安全的险情时，", ""),
    ],
)
def test_a_rules_party_is_named_by_its_head_word(phrase: str, kind: str):
    assert bearer_class(phrase) == kind


def test_workers_words_and_the_rules_words_name_the_same_classes():
    for said, written in (("矿上", "用人单位"), ("工友", "从业人员"), ("矿领导", "主要负责人"), ("班长", "班组长")):
        assert party_class(said) == bearer_class(written), (said, written)


# -- the party a sentence binds -----------------------------------------------------------------


def test_a_sentence_binds_its_subject_not_a_party_it_mentions():
    granting = "煤矿主要负责人必须赋予调度员、班组长等相关人员紧急撤人的权力。"
    assert binds(granting, "", "leader")
    assert not binds(granting, "", "crew")  # 班组长 is given the power, not bound to a duty
    assert binds("班组长应当具备兼职救护队员的知识和能力。", "", "crew")


def test_a_sentence_binds_the_party_to_the_act_it_must_do():
    reporting = "发生事故以后，事故现场有关人员应当马上向本单位负责人报告。"
    assert binds(reporting, "", "worker", ("报告",))
    assert not binds(reporting, "", "employer", ("报告",))
    # the party opening the clause before the modal, whatever 或者 follows it
    assert binds("从业人员发现事故隐患或者别的不安全因素的，应当马上报告本单位负责人。", "", "worker", ("报告",))
    # 接到报告的人员 must deal with it: the report is who they are, not what they must do
    assert not binds("接到报告的人员应当及时予以处理。", "", "worker", ("报告",))
    assert binds("生活不能自理的工伤职工需要护理的，由所在单位负责。", "", ANY, ("护理",))


def test_a_workers_words_for_those_at_the_scene_search_the_rules_words():
    forms = {form for c in plan_query("出事了跟前的人先跟谁报告").concepts for form in c.surface_forms()}
    assert "现场有关人员" in forms


def test_a_clause_opening_with_a_place_binds_nobody_to_the_act():
    # 掘进工作面打钻前，应当编制…: nobody is named as the one who draws it up; 由X编制 names him
    assert not binds("掘进工作面打钻前，应当先编制钻孔设计。", "", ANY, ("编",))
    assert binds("钻孔设计应当由地测部门的技术人员编制。", "", ANY, ("编",))


def test_a_long_named_party_or_one_acting_under_a_rule_is_bound_by_由():
    # 由X负责 where X names several bodies at length, or acts 依照…的规定
    several = "一般的停工事故分别由事故所在地的省级主管部门、地市级主管部门、县级主管部门负责调查。"
    assert binds(several, "", ANY, ("调查",))
    ruled = "井下爆破事故由地方设立的爆破管理机构依照《本地爆破管理办法》的规定组织调查。"
    assert binds(ruled, "", ANY, ("调查",))
    assert not binds(ruled, "", ANY, ("审批",))
    # 由于 gives a cause, no party
    assert not binds("由于通风设施损坏造成停风的，应当立即报告调度室。", "", "worker", ("报告",))


def test_由_naming_its_own_object_binds_the_party_to_that_clause_only():
    # …，其施工方案由总工程师审批: the chief engineer approves the plan; he is not bound to the drilling before
    sentence = "探查断层时，应当采用钻探和物探两种方法，其施工方案由矿总工程师审批。"
    assert not binds(sentence, "", ANY, ("钻探",))
    assert binds(sentence, "", ANY, ("审批",))
    # 由 opening its clause binds the party to the whole sentence (…的，由所在单位负责)
    assert binds("井下受伤的职工需要转运的，由所在矿井负责。", "", ANY, ("转运",))


def test_a_designated_or_working_party_is_bound_to_the_act():
    # 设专人X / 指定专人X: the designated man does X
    assert binds("装载机倒车距离超过200m时，必须设专人指挥。", "", ANY, ("指挥",))
    assert binds("清理溜煤眼前应当指定专人监护。", "", ANY, ("监护",))
    assert not binds("清理溜煤眼前应当指定专人监护。", "", ANY, ("审批",))
    assert binds("两家单位同在一个工地作业的，应当指定专职安全管理人员负责协调。", "", ANY, ("协调",))
    # 由X施工 / 由X操作: the party doing the work
    assert binds("排水钻孔应当由专门的钻探队伍施工。", "", ANY, ("施工",))
    assert binds("提升绞车的运行应当由专职司机负责。", "", ANY, ("负责",))
    # …and such a sentence states a duty (the party who must act), a mere 设置 of a thing none
    from kb.kinds import states

    assert states("duty", "挖掘机行走较远时，必须设专人指挥。")
    assert not states("duty", "巷道里设置了挡车栏。")
    # 由于 gives a cause, not a party
    assert not binds("由于停电检查未能进行。", "", ANY, ("检查",))


def test_an_act_is_tied_only_where_a_party_is_bound_to_it():
    assert ties_act("数码电子雷管必须由爆破员亲自运送。", ("运送",))
    # 从工伤保险基金支付: a fund pays, nobody is bound to 护理; a controller is no party
    assert not ties_act("经确认需要生活护理的，生活护理费按月从工伤保险基金支付。", ("护理",))
    assert not ties_act("煤矿许用起爆控制器必须统一管理、发放。", ("放",))


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("出了险情班组长要负啥责", "duty"),
        ("我们当工人的 安全上有啥义务", "duty"),
        ("劳保用品是矿上发还是自己买", "duty"),
        ("职业病体检的钱是自己掏还是矿上出", "duty"),
        # …while a yes-no question on a duty stays a permission question, a choice of things no duty
        ("工人接受安全培训是义务吗 不去行不", "permission"),
        ("戴安全帽还是戴矿灯", ""),
    ],
)
def test_questions_asking_a_partys_duty(question: str, kind: str):
    assert question_kind(question) == kind


# -- ask prefers the article binding the party asked to the act --------------------------------

LIBRARY = [
    # the party named: the rule binding 事故现场有关人员 to 报告; a decoy binding the employer to
    # report the accident, sharing the question's words
    (1, "示例事故报告条例", 9,
     "发生事故以后，事故现场有关人员应当马上向本单位负责人报告；负责人收到报告后，应当于1小时内报告有关部门。"),
    (2, "示例应急条例", 17,
     "发生事故后，事故现场所在的生产经营单位应当立即启动应急预案，组织事故现场人员撤离，保护事故现场，"
     "并按照国家有关规定报告事故现场情况。"),
    # asked who: the rule binding a party to 护理; a decoy paying a fund's 护理费, no party bound
    (3, "示例工伤条例", 33, "工伤职工在停工留薪期内生活不能自理、需要护理的，由其所在单位负责。"),
    (4, "示例工伤条例", 34,
     "工伤职工生活不能自理、需要生活护理的，生活护理费按月从工伤保险基金支付，按生活完全不能自理、"
     "生活大部分不能自理和生活部分不能自理这3个不同等级分别支付。"),
]


@pytest.fixture(scope="module")
def parties_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The library above, indexed once for this module."""
    from corpus.numerals import to_chinese_number

    doc_ids = {title: i for i, title in enumerate(dict.fromkeys(row[1] for row in LIBRARY), 1)}
    records = [
        ArticleRecord(
            article_id=aid, doc_id=doc_ids[title], title=title, path="", text=text,
            label=f"第{to_chinese_number(number)}条", number=number, kind="article", anchor=f"art-{number}",
            ordinal=aid, doc_type="行政法规", status="current", doc_key=title,
        )
        for aid, title, number, text in LIBRARY
    ]
    root = tmp_path_factory.mktemp("parties") / "index"
    build_index(root, records)
    return KnowledgeBase(root)


@pytest.mark.parametrize(
    ("question", "article", "decoy"),
    [
        ("事故现场的人要先向谁报告", 1, 2),
        ("出事了跟前的人先跟谁报告", 1, 2),  # the worker's words for 事故现场有关人员
        ("停工留薪期间生活不能自理谁来护理", 3, 4),
    ],
)
def test_ask_prefers_the_article_binding_a_party_to_the_act(
    parties_kb: KnowledgeBase, question: str, article: int, decoy: int
):
    answer = ask(parties_kb, question)
    assert answer.kind == "duty"
    assert first(answer) == article
    # …by the party bound to the act, not by the words the decoy shares
    text = dict((aid, text) for aid, _, _, text in LIBRARY)
    typed = plan_query(question)
    act, party = asked_act(typed.text, typed.concepts), asked_party(question)
    assert qa.act_factor(Asking("duty", act=act, party=party), text[article]) > qa.act_factor(Asking("duty", act=act, party=party), text[decoy])
