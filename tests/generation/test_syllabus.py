"""Items of a run the trainer narrowed to documents (issue 16, exam coverage): a law's purpose, its scope and lists of
conditions. Examples in our own words; the default run never makes them."""

from __future__ import annotations

import dataclasses

import pytest

from quiz.generation import articles as read
from quiz.generation.lists import multi_enumeration
from quiz.generation.pipeline import generate_theory
from quiz.generation.records import Change
from quiz.generation.syllabus import (
    changed_aims,
    changed_members,
    definition_judge,
    multi_principle,
    multi_purpose,
    narrowed_to_documents,
    purpose_aims,
    qualifier_changes,
    scope_includes,
    scope_judge,
)
from quiz.generation.theory import TheoryPools
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

LAW = "测试矿山安全法"
PURPOSE = "为了做好矿山通风工作，避免井下人员伤亡，保护矿工生命安全，促进行业平稳发展，制定本法。"
INDUSTRY = "为了推动煤炭加工业发展，规范煤炭销售活动，促进行业平稳发展，制定本法。"
SCOPE_OUT = "军用坑道、地下核试验设施的通风管理不适用本法。"
CONDITIONS = (
    "从事矿山通风检测的机构，应当具备下列条件：\n"
    "（一）有与检测工作相适应的检测技术人员；\n"
    "（二）有与检测工作相适应的检测仪器和场所；\n"
    "（三）有健全的检测质量管理制度。"
)


def _law(text: str, number: int) -> object:
    return article(text, label=f"第{read.to_chinese_number(number)}条", title=LAW, number=number)


def _records(*extra):
    return [_law(PURPOSE, 1), _law(SCOPE_OUT, 90), _law(CONDITIONS, 30), *extra]


def test_the_aims_of_a_purpose_article_are_read():
    assert purpose_aims(PURPOSE) == (["做好矿山通风工作", "避免井下人员伤亡", "保护矿工生命安全", "促进行业平稳发展"], "法")
    based = "为了防止瓦斯事故，保障职工安全，根据有关法律，制定本细则。"
    assert purpose_aims(based) == (["防止瓦斯事故", "保障职工安全"], "细则")
    assert purpose_aims("矿山企业应当做好通风工作。") is None
    assert changed_aims("保护矿工生命安全") == ["保护生产经营单位的经济效益", "保护企业的生产经营自主权"]
    assert changed_aims("避免井下人员伤亡") == []  # no change keeps its verb and reads as an aim


def test_a_narrowed_run_asks_the_purpose_with_changed_aims_as_wrong_options():
    records = _records()
    pools = TheoryPools.build(records)
    assert multi_purpose(records[0], pools, "1") is None  # the default run: never
    with narrowed_to_documents(True):
        question = multi_purpose(records[0], pools, "1")
    assert question is not None and question.type == "multi"
    aims = purpose_aims(PURPOSE)[0]
    right = [o.text for o in question.options if o.key in question.answer]
    wrong = [o.text for o in question.options if o.key not in question.answer]
    assert len(right) >= 2 and set(right) <= set(aims)
    assert len(wrong) == 2 and not set(wrong) & set(aims)
    assert {o for o, _ in question.inputs["changed"]} <= set(aims)
    assert len({o for o, _ in question.inputs["changed"]}) == 2  # two different aims changed, not one twice
    assert Verifier(records).verify([question]).ok


def test_no_purpose_item_for_a_document_whose_aims_are_not_about_safety():
    records = [_law(INDUSTRY, 1)]
    with narrowed_to_documents(True):
        assert multi_purpose(records[0], TheoryPools.build(records), "1") is None


def test_a_changed_aim_another_law_states_is_no_wrong_option():
    # Counter-example: another document states both business aims of 保护…; only 促进… is left, one change: no item.
    other = article("为了保护企业的生产经营自主权，保护生产经营单位的经济效益，制定本条例。", title="测试企业条例", number=1,
                    label="第一条")
    records = _records(other)
    with narrowed_to_documents(True):
        question = multi_purpose(records[0], TheoryPools.build(records), "1")
    assert question is not None
    wrong = [o.text for o in question.options if o.key not in question.answer]
    assert not any(w.startswith("保护") for w in wrong)


def test_the_verifier_refuses_an_aim_borrowed_from_another_law():
    records = _records()
    with narrowed_to_documents(True):
        question = multi_purpose(records[0], TheoryPools.build(records), "1")
    borrowed = "推动煤炭加工业发展"  # an aim of another law: it might hold here too, and it is no change of a listed aim
    options = tuple(dataclasses.replace(o, text=borrowed) if o.key not in question.answer and i == 0 else o
                    for i, o in enumerate(sorted(question.options, key=lambda o: o.key in question.answer)))
    bad = dataclasses.replace(question, options=tuple(sorted(options, key=lambda o: o.key)))
    assert not Verifier(records).verify([bad]).ok


def test_a_narrowed_run_states_an_exclusion_as_applying_and_marks_it_false():
    records = _records()
    pools = TheoryPools.build(records)
    assert scope_judge(records[1], pools, "1") is None
    with narrowed_to_documents(True):
        question = scope_judge(records[1], pools, "1")
        assert scope_judge(records[0], pools, "1") is None  # no exclusion in a purpose article
    assert question.type == "judge" and question.answer == ("B",)
    assert "不适用" not in question.stem and question.stem.endswith("适用本法。")
    assert question.change == Change("scope", "不适用", "适用")
    assert Verifier(records).verify([question]).ok
    # A statement that the law applies where its text says so is no false statement (the verifier refuses it).
    wrong_way = dataclasses.replace(question, change=Change("scope", "适用", "不适用"))
    assert not Verifier(records).verify([wrong_way]).ok


def test_a_narrowed_run_asks_a_list_of_conditions_with_stricter_qualifiers():
    records = _records()
    pools = TheoryPools.build(records)
    assert multi_enumeration(records[2], pools, "1") is None  # the default run: no sibling list, nothing to change
    with narrowed_to_documents(True):
        question = multi_enumeration(records[2], pools, "1")
    assert question is not None
    items = read.enumerations(CONDITIONS)[0].items
    right = [o.text for o in question.options if o.key in question.answer]
    wrong = [o.text for o in question.options if o.key not in question.answer]
    assert set(right) <= set(items) and len(wrong) == 2
    assert all(w not in items and any(w.startswith(i[:1]) for i in items) for w in wrong)
    assert {o for o, _ in question.inputs["changed"]} <= set(items)
    assert Verifier(records).verify([question]).ok


def test_a_stricter_qualifier_some_article_states_is_no_wrong_option():
    items = list(read.enumerations(CONDITIONS)[0].items)
    stated = article("检测机构应当有经主管部门备案的检测质量管理制度。", title="测试检测办法")
    import random

    found = qualifier_changes(items, TheoryPools.build([stated]), random.Random(1), 3)
    assert found == []  # only two of three qualifiers can change: the filed system is a rule elsewhere
    assert len(qualifier_changes(items, TheoryPools.build([]), random.Random(1), 3)) == 3


def test_the_pipeline_makes_them_only_when_narrowed():
    records = _records()
    pools = TheoryPools.build(records)
    default = {q.generator for q in generate_theory(records, "1", pools)}
    narrowed = {q.generator for q in generate_theory(records, "1", pools, narrowed=True)}
    assert not default & {"theory.purpose", "theory.scope"}
    assert {"theory.purpose", "theory.scope", "theory.multi_enumeration"} <= narrowed


@pytest.fixture(scope="module")
def special_equipment_run(shared_dir):
    from quiz.generation.cli import run

    title = "中华人民共和国特种设备安全法"
    return run("theory", 3000, "1", docs=(title,), corpus=shared_dir / "corpus", audience="managers")


def test_a_run_named_to_a_law_asks_its_purpose_and_scope(special_equipment_run):
    generators = {q.generator for q in special_equipment_run}
    assert {"theory.purpose", "theory.scope"} <= generators


def test_the_default_run_asks_no_purpose_or_scope(shared_dir):
    from quiz.generation.cli import run

    items = run("theory", 400, "1", corpus=shared_dir / "corpus")
    assert not {q.generator for q in items} & {"theory.purpose", "theory.scope"}
    assert not any(("高级职称" in o.text or "自有产权" in o.text) for q in items for o in q.options)


SCOPE_IN = "矿用设备的维护（包括检查、保养、更换、修理）、运输、存放和报废的管理，适用本法。"
PRINCIPLE = "矿井排水工作应当坚持先查后排、预防为主、分区治理的原则。"


def test_a_narrowed_run_asks_what_an_activity_in_scope_includes():
    records = _records(_law(SCOPE_IN, 2))
    pools = TheoryPools.build(records)
    assert scope_includes(records[-1], pools, "1") is None
    with narrowed_to_documents(True):
        question = scope_includes(records[-1], pools, "1")
        # Counter-example: an inclusion outside a scope sentence is a rule's detail, not the law's scope.
        rule = _law("电缆（包括信号电缆）、水管、风管不得挂在同一侧。", 40)
        assert scope_includes(rule, pools, "1") is None
    assert question.stem.endswith("适用本法的矿用设备的维护包括（ ）。")
    right = {o.text for o in question.options if o.key in question.answer}
    wrong = {o.text for o in question.options if o.key not in question.answer}
    assert right <= {"检查", "保养", "更换", "修理"} and len(right) >= 2
    assert wrong <= {"运输", "存放"} and len(wrong) == 2
    assert Verifier(records).verify([question]).ok
    # A wrong option that the parenthesis lists (so it is right too) is refused.
    listed = next(p for p in ("检查", "保养", "更换", "修理") if p not in right)
    first_wrong = sorted(wrong)[0]
    inside = tuple(dataclasses.replace(o, text=listed) if o.text == first_wrong else o for o in question.options)
    assert not Verifier(records).verify([dataclasses.replace(question, options=inside)]).ok


def test_the_members_of_a_principle_change_into_ones_the_law_does_not_state():
    assert changed_members(["先查后排", "预防为主", "分区治理"]) == [("先查后排", "先排后查"), ("预防为主", "治理为主")]
    assert changed_members(["区域措施先行", "局部措施补充"]) == []  # swapped, each would stay nearly a true member
    assert changed_members(["实事求是", "尊重科学"]) == []


def test_a_narrowed_run_asks_a_principle_with_changed_members():
    records = _records(_law(PRINCIPLE, 3))
    pools = TheoryPools.build(records)
    assert multi_principle(records[-1], pools, "1") is None
    with narrowed_to_documents(True):
        question = multi_principle(records[-1], pools, "1")
    assert question.stem == "根据《测试矿山安全法》第三条，矿井排水工作应当坚持的原则有（ ）。"
    right = {o.text for o in question.options if o.key in question.answer}
    wrong = {o.text for o in question.options if o.key not in question.answer}
    assert right <= {"先查后排", "预防为主", "分区治理"} and wrong == {"先排后查", "治理为主"}
    assert Verifier(records).verify([question]).ok


def test_a_changed_member_another_article_states_is_no_wrong_option():
    other = _law("采空区积水应当坚持治理为主的原则。", 50)  # 治理为主 is said there: offered as wrong, a reader who knows it errs
    records = _records(_law(PRINCIPLE, 3), other)
    with narrowed_to_documents(True):
        assert multi_principle(records[-2], TheoryPools.build(records), "1") is None  # one change left: no item


def test_a_narrowed_run_counts_an_item_that_names_its_kinds_with_deng():
    text = ("从事矿山通风检测的机构，应当具备下列条件：\n（一）有与检测工作相适应的检测技术人员；\n"
            "（二）有与检测工作相适应的检测仪器和场所；\n（三）有健全的质量控制和岗位责任等制度。")
    records = [_law(text, 31)]
    pools = TheoryPools.build(records)
    with narrowed_to_documents(True):
        question = multi_enumeration(records[0], pools, "1")
    assert question is not None and Verifier(records).verify([question]).ok
    catch_all = text.replace("质量控制和岗位责任等制度", "其他应当具备的条件等")
    with narrowed_to_documents(True):  # a catch-all item (其他…) still leaves the list too short to ask
        assert multi_enumeration(_law(catch_all, 31), TheoryPools.build([_law(catch_all, 31)]), "1") is None


DEFINED = ("本法下列用语的含义：\n"
           "易燃气体，是指在常温常压下遇明火能够燃烧的气体。\n"
           "储气单元，是指连续存放易燃气体且存放量达到规定限量的库房或者罐区。")


def test_a_narrowed_run_gives_one_defined_terms_definition_to_another():
    records = [_law(DEFINED, 99)]
    pools = TheoryPools.build(records)
    assert definition_judge(records[0], pools, "1") is None
    with narrowed_to_documents(True):
        question = definition_judge(records[0], pools, "1")
    assert question.type == "judge" and question.answer == ("B",)
    assert {question.change.original, question.change.replacement} == {"易燃气体", "储气单元"}
    assert question.change.kind == "definition"
    assert Verifier(records).verify([question]).ok
    # The same statement with a term the article does not define is refused.
    stranger = dataclasses.replace(question, change=Change("definition", question.change.original, "助燃气体"),
                                   stem=question.stem.replace(question.change.replacement, "助燃气体"))
    assert not Verifier(records).verify([stranger]).ok


def test_no_definition_item_from_a_glossary_or_a_definition_by_a_list():
    glossary = "\n".join(f"术语{read.to_chinese_number(i)}号，是指第{i}类巷道的名称。" for i in range(1, 9))
    by_list = DEFINED + "\n瓦斯矿井，是指具备下列情形之一的矿井："
    with narrowed_to_documents(True):
        assert definition_judge(_law(glossary, 98), TheoryPools.build([]), "1") is None
        question = definition_judge(_law(by_list, 97), TheoryPools.build([]), "1")
    assert "瓦斯矿井" not in question.stem
