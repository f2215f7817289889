"""A list's items said by their lead-in (issue 16, exam coverage): the duties, rights, factors and measures a list
names, said true one at a time; the cases a list puts under a ban or a duty, said as the rule, true or with the
prohibition made a permission. Examples in our own words; the verifier re-reads every one."""

from __future__ import annotations

import pytest

from quiz.generation import articles as read
from quiz.generation.checks import LISTED, passed_checks
from quiz.generation.listed import case_statements, item_statements, listed_judge, statement, usable_item
from quiz.generation.records import Change
from quiz.generation.relevance import MANAGERS, for_audience
from quiz.generation.theory import TheoryPools
from quiz.generation.verify import Verifier
from tests.generation.conftest import article, record_of

SEEDS = [str(seed) for seed in range(30)]


def listed(lead: str, items: list[str], number: int = 30, before: str = "") -> object:
    body = "\n".join(f"（{read.to_chinese_number(i + 1)}）{t}；" for i, t in enumerate(items))
    return article(f"{before}{lead}：\n{body}", label=f"第{read.to_chinese_number(number)}条", number=number)


DUTIES_LEAD = "煤矿矿长对本矿安全生产工作负有下列职责"
DUTIES = ["组织编制年度灾害预防和处理计划", "保证安全设施和劳动防护用品的投入", "每月组织一次全矿安全隐患排查", "督促落实各班组的安全交接班制度"]
CASES_LEAD = "有下列疾病之一的，不得从事井下高处作业"
CASES = ["未控制的癫痫病", "严重的恐高症", "未经治疗的高血压病", "经医生诊断不宜登高的眩晕症"]


def test_a_lead_naming_what_its_items_are_says_each_is_one_of_them():
    assert statement(DUTIES_LEAD, DUTIES[0]) == "煤矿矿长对本矿安全生产工作负有的职责包括组织编制年度灾害预防和处理计划"
    assert statement("矿工享有下列安全保护权利", "拒绝违章指挥") == "矿工享有的安全保护权利包括拒绝违章指挥"
    assert statement("诊断尘肺病，应当综合分析下列因素", "接尘工龄") == "诊断尘肺病，应当综合分析的因素包括接尘工龄"
    # A duty the lead-in adds after its list goes: what is taken stays true without it.
    assert statement("发生冒顶后，班组长应当采取下列措施，并及时报告调度室", "撤出受威胁区域的人员") == "发生冒顶后，班组长应当采取的措施包括撤出受威胁区域的人员"
    # Cut from the sentence naming it, a bare subject names nothing; an agency's powers are its business.
    assert statement("班长应当填写交接班记录。记录应当包括下列内容", "本班瓦斯检查情况", managers=True) is None
    assert statement("安全监管部门检查时，有权采取下列措施", "查阅有关资料", managers=True) is None
    assert statement("基础资料应当包括下列内容", "顶板岩性", managers=True) is None  # which 资料? said before it
    # Only the lead-in's last sentence is said.
    assert statement("矿井应当组建兼职救护队。兼职救护队负有下列职责", "定期检查自救器") == "兼职救护队负有的职责包括定期检查自救器"


def test_a_lead_of_rules_cases_or_documents_says_nothing_of_its_items_to_the_frontline():
    assert statement("掘进工作面应当遵守下列规定", "炮眼深度不小于0.6m") is None  # each item is a rule of its own
    assert statement("煤矿有下列情形之一的，应当停产整顿", "瓦斯超限作业的") is None  # a case, not a thing
    assert statement("下列地点应当设置甲烷传感器", "回风巷") is None  # the lead-in opens with 下列
    assert statement("人员定位系统应当具有下列功能", "携卡人员出入井时刻的记录") is None  # a designer's, for managers
    assert statement("人员定位系统应当具有下列功能", "携卡人员出入井时刻的记录", managers=True) == (
        "人员定位系统应当具有的功能包括携卡人员出入井时刻的记录")
    assert statement("事故快报应当包括下列内容", "事故发生的时间") is None  # a document's contents: managers'
    assert statement("事故快报应当包括下列内容", "事故发生的时间", managers=True) == "事故快报应当包括事故发生的时间"
    assert statement("班组培训档案的内容包括", "授课教师", managers=True) == "班组培训档案的内容包括授课教师"


def test_an_item_said_is_a_fact_not_a_rule_case_or_catch_all():
    assert usable_item("组织编制年度灾害预防和处理计划")
    assert not usable_item("井下严禁使用电炉")  # a rule of its own
    assert not usable_item("超过规定人数入井的")  # a case
    assert not usable_item("其他应当履行的职责")  # a catch-all
    assert not usable_item("检查")  # too short to say anything


def test_the_items_of_a_list_of_duties_are_said_true_by_its_lead():
    record = listed(DUTIES_LEAD, DUTIES)
    found = item_statements(record.text)
    assert len(found) >= 3  # those worth the frontline's time (`relevance.worth_a_worker`)
    assert all(said == f"煤矿矿长对本矿安全生产工作负有的职责包括{item}" and lead == DUTIES_LEAD for said, lead, item in found)
    with for_audience(MANAGERS):
        assert len(item_statements(listed("事故快报应当包括下列内容", ["事故发生的时间和地点", "事故的简要经过", "已经采取的措施"]).text)) == 3
    assert item_statements(listed("事故快报应当包括下列内容", ["事故发生的时间和地点", "事故的简要经过", "已经采取的措施"]).text) == []


def test_a_list_of_cases_under_a_ban_says_each_case_with_the_ban():
    record = listed(CASES_LEAD, CASES)
    said = [s for s, _, _, _ in case_statements(record.text)]
    assert said[0] == "有未控制的癫痫病的，不得从事井下高处作业"
    # An item that is an act or a case drops the lead-in's 有; one ending in 时 keeps its own ending.
    acts = listed("回柱时有下列情况之一时，必须停止回柱，撤到安全地点", ["发现支柱有异常响声", "顶板掉渣并有离层", "遇有淋水突然增大时"])
    said = [s for s, _, _, _ in case_statements(acts.text)]
    assert said[0] == "回柱时发现支柱有异常响声时，必须停止回柱，撤到安全地点"
    assert said[2] == "回柱时遇有淋水突然增大时，必须停止回柱，撤到安全地点"
    # A situation drops the 有 too: 有顶板有… reads as nothing.
    places = listed("装药前有下列情况之一的，严禁装药", ["工作面有片帮危险", "炮眼内煤粉未清除干净", "风量不足"])
    said = [s for s, _, _, _ in case_statements(places.text)]
    assert said[0] == "装药前工作面有片帮危险的，严禁装药"
    # An item leaning on another article says nothing out of its list.
    leaning = listed(CASES_LEAD, ["本规定第八条所列疾病之一的", *CASES[1:]])
    assert all("所列" not in s for s, _, _, _ in case_statements(leaning.text))


@pytest.fixture(scope="module")
def pools():
    return TheoryPools.build([listed(DUTIES_LEAD, DUTIES), listed(CASES_LEAD, CASES, number=31)])


def test_a_duty_list_no_other_item_asks_gives_true_statements_the_verifier_passes(pools):
    record = listed(DUTIES_LEAD, DUTIES)
    questions = [q for seed in SEEDS if (q := listed_judge(record, pools, seed)) is not None]
    assert questions and all(q.answer == ("A",) and q.inputs["item"] in DUTIES for q in questions)
    assert all("包括" in q.stem and DUTIES_LEAD in q.explanation for q in questions)
    assert all(Verifier([record]).verify([q]).ok for q in questions)
    assert all(listed_judge(record, pools, seed, truth=False) is None for seed in SEEDS)  # nothing to change


def test_a_case_list_gives_its_ban_made_a_permission_and_true_statements(pools):
    record = listed(CASES_LEAD, CASES, number=31)
    questions = [q for seed in SEEDS if (q := listed_judge(record, pools, seed)) is not None]
    false = [q for q in questions if q.answer == ("B",)]
    true = [q for q in questions if q.answer == ("A",)]
    assert false and true and len(false) > len(true)
    assert all(q.change.original == "不得" and "可以从事井下高处作业" in q.stem for q in false)
    assert all(Verifier([record]).verify([q]).ok for q in questions)


def test_the_verifier_refuses_an_item_not_listed_a_changed_case_and_a_named_item_said_false(pools):
    record = listed(CASES_LEAD, CASES, number=31)
    question = next(q for seed in SEEDS if (q := listed_judge(record, pools, seed)) is not None and q.answer == ("B",))
    verifier = Verifier([record])
    not_listed = question.__class__(**{**question.__dict__, "inputs": {**question.inputs, "item": "轻度近视"}})
    assert not verifier.verify([not_listed]).ok
    # The case changed instead of the rule: the statement is no longer what the lead-in says of the item.
    item = question.inputs["item"]
    changed_case = question.__class__(**{**question.__dict__, "stem": question.stem.replace(item, item + "病史")})
    assert not verifier.verify([changed_case]).ok
    duties = listed(DUTIES_LEAD, DUTIES)
    true = next(q for seed in SEEDS if (q := listed_judge(duties, pools, seed)) is not None)
    said_false = true.__class__(**{**true.__dict__, "answer": ("B",), "stem": true.stem.replace("负有", "不负有"),
                                   "change": Change("modal", "负有", "不负有")})
    assert not Verifier([duties]).verify([said_false]).ok


def test_an_article_another_item_asks_gets_no_list_statement(pools):
    record = listed("采煤工作面必须采取下列措施", ["工作面风速不得低于0.25m/s", "每班检查支架不少于2次", "端头支护距离不小于3m"])
    assert all("item" not in (q.inputs if (q := listed_judge(record, pools, seed)) else {}) for seed in SEEDS)


def test_the_exam_articles_of_the_class_are_asked(shared_records, shared_pools):
    """煤矿安全生产条例 第十八条 (the head's duties) and 职业病防治法 第四十六条 (what a diagnosis weighs): real exams ask
    them, and no other generator can."""
    verifier = Verifier(shared_records)
    for title, label in (("煤矿安全生产条例", "第十八条"), ("中华人民共和国职业病防治法", "第四十六条")):
        record = record_of(shared_records, label, title)
        questions = [q for seed in SEEDS[:5] if (q := listed_judge(record, shared_pools, seed)) is not None]
        assert questions and all(q.inputs.get("item") for q in questions)
        assert all(verifier.verify([q]).ok for q in questions)


def test_the_review_page_names_the_checks_a_list_statement_passed(pools):
    question = next(q for seed in SEEDS if (q := listed_judge(listed(CASES_LEAD, CASES, number=31), pools, seed)))
    assert set(LISTED) <= set(passed_checks(question.generator, question.inputs))
    assert not set(LISTED) & set(passed_checks("theory.judge", {"sentence": "井下严禁使用电炉"}))
