"""False statements of a rule's conditions in a run for managers narrowed to documents (issue 16, a managers' exam on
one law): a precondition put after its act, an open choice narrowed to one party, an import's domestic reference made
the exporter's, a scrapped machine's registration changed instead of cancelled. Examples in our own words; frontline
and default runs never make them, and the verifier refuses any other edit under their names."""

from __future__ import annotations

import dataclasses

import pytest

from quiz.generation.conditions import (
    cancelled,
    domestic,
    narrowed_choice,
    only_one,
    only_one_change,
    precondition,
    precondition_change,
    turned_precondition,
)
from quiz.generation.pipeline import generate_theory
from quiz.generation.records import Change
from quiz.generation.relevance import for_audience
from quiz.generation.syllabus import narrowed_to_documents
from quiz.generation.theory import TheoryPools
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

LAW = "测试起重机械安全法"


def law(text: str, label: str = "第十条", number: int = 10):
    return article(text, label=label, title=LAW, number=number)


REFIT = law("起重机改装后需要重新登记的，应当到原机关办妥登记，方可重新吊运。", "第二十条", 20)
SHARED = law("一台起重机归几家共用的，几家可以委托租赁公司或者其他管理人看管起重机，看管人承担使用方的责任。",
             "第二十一条", 21)
IMPORTED = law("进口的起重机应当符合我国安全技术规范的要求，并经复验合格。", "第二十二条", 22)
SCRAPPED = law("起重机无修复价值的，使用方应当报废，拆除其动力部件，并到原机关办理使用登记证书注销手续。",
               "第二十三条", 23)


def make(generator, record, *others, audience: str = "managers", narrowed: bool = True):
    pools = TheoryPools.build([record, *others])
    with for_audience(audience), narrowed_to_documents(narrowed):
        return generator(record, pools, "7")


def problems(question, *records) -> list[str]:
    return Verifier(list(records)).problems(question)


@pytest.mark.parametrize("record, generator", [
    (REFIT, precondition), (SHARED, only_one), (IMPORTED, domestic), (SCRAPPED, cancelled),
])
def test_only_a_narrowed_run_for_managers_makes_them(record, generator):
    question = make(generator, record)
    assert question is not None and question.type == "judge" and question.answer == ("B",)
    assert problems(question, record) == []
    assert make(generator, record, audience="frontline") is None
    assert make(generator, record, narrowed=False) is None


def test_a_precondition_stated_as_a_follow_up_is_false():
    question = make(precondition, REFIT)
    assert question.stem.endswith("起重机改装后需要重新登记的，可以先重新吊运，再到原机关办妥登记。")
    assert "应当到原机关办妥登记，方可重新吊运" in question.explanation


@pytest.mark.parametrize("text", [
    "前款规定以外的起重机，应当经检验合格，方可重新吊运。",  # leans on the paragraph before: no context
    "（二）起重机应当经检验合格，方可重新吊运。",  # a list item without its lead
    "吊运单位应当具备下列条件，并经许可，方可从事吊运：",  # opens a list
    "起重机应当经检验合格后投入使用。",  # no 方可: nothing is a condition of the act
])
def test_a_precondition_without_its_context_or_without_方可_is_not_asked(text):
    assert make(precondition, law(text)) is None


def test_the_verifier_takes_a_precondition_turned_only_with_its_act_and_condition_swapped():
    change = precondition_change("吊运前，应当检查吊具，方可起吊。")
    assert change == Change("precondition", "应当检查吊具，方可起吊", "可以先起吊，再检查吊具")
    assert turned_precondition(change.original, change.replacement)
    assert not turned_precondition(change.original, "可以先起吊，再检查钢丝绳")  # the condition changed too
    assert not turned_precondition("应当检查吊具后起吊", "可以先起吊，再检查吊具")  # no 方可 in the original


def test_a_turned_precondition_with_a_second_change_is_refused():
    question = make(precondition, REFIT)
    worse = dataclasses.replace(question, stem=question.stem.replace("原机关", "上级机关"))
    assert problems(worse, REFIT)


def test_an_open_choice_narrowed_to_one_party_is_false():
    question = make(only_one, SHARED)
    assert "几家只能委托租赁公司看管起重机" in question.stem
    assert "或者" not in question.stem
    assert not narrowed_choice("可以委托租赁公司或者其他管理人", "只能委托其他管理人")  # the other party kept
    assert narrowed_choice("可以委托租赁公司或者其他管理人", "只能委托租赁公司")


def test_a_choice_between_two_named_parties_is_not_narrowed():
    # 或者 between two named parties (not 其他…): which one the law means first is no fact to test.
    assert only_one_change("可以委托租赁公司或者维修公司看管起重机") is None


def test_an_import_rule_made_the_exporters_is_false_and_only_for_imports():
    question = make(domestic, IMPORTED)
    assert question.stem.endswith("进口的起重机应当符合出口国安全技术规范的要求，并经复验合格。")
    home = law("国内生产的起重机应当符合我国安全技术规范的要求。", "第二十四条", 24)
    assert make(domestic, home) is None


def test_a_scrapped_machines_registration_changed_is_false_but_a_penalty_item_is_not_asked():
    question = make(cancelled, SCRAPPED)
    assert question.stem.endswith("并到原机关办理使用登记证书变更手续。")
    breach = law("（三）起重机无修复价值，未报废，并办理使用登记证书注销手续的。", "第八十条", 80)
    assert make(cancelled, breach) is None


def test_a_false_statement_the_corpus_states_is_not_made():
    # Another document in force says it: the changed statement is a rule, not a false one.
    other = article("一台起重机归几家共用的，几家只能委托租赁公司看管起重机，看管人承担使用方的责任。",
                    label="第九条", title="测试物业管理办法", number=9)
    assert make(only_one, SHARED, other) is None


def test_the_pipeline_makes_them_for_a_narrowed_managers_run_only():
    records = [REFIT, SHARED, IMPORTED, SCRAPPED]
    pools = TheoryPools.build(records)
    names = {"theory.precondition", "theory.only_one", "theory.domestic", "theory.cancelled"}
    managers = {q.generator for q in generate_theory(records, "7", pools, audience="managers", narrowed=True)}
    assert names <= managers
    for audience, narrowed in (("frontline", True), ("managers", False)):
        made = {q.generator for q in generate_theory(records, "7", pools, audience=audience, narrowed=narrowed)}
        assert not names & made



def test_false_conditions_count_in_the_true_false_balance_and_are_restated_true_last(monkeypatch):
    from quiz.generation import pipeline

    def stated_true(record, pools, seed, truth=None):  # the article's true statement, as theory.judge gives it
        return dataclasses.replace(made[0], stem=f"根据《{LAW}》{record.label}，{record.text}", answer=("A",),
                                   generator="theory.judge", change=None, inputs={"article": record.key})

    monkeypatch.setattr(pipeline, "judge", stated_true)
    records = [REFIT, SHARED, IMPORTED, SCRAPPED]
    pools = TheoryPools.build(records)
    made = [make(g, r, *[o for o in records if o is not r])
            for g, r in ((precondition, REFIT), (only_one, SHARED), (domestic, IMPORTED), (cancelled, SCRAPPED))]
    plain = law("起重机吊运时，吊臂下不得站人。", "第三十条", 30)
    other = dataclasses.replace(made[0], generator="theory.judge", inputs={"article": plain.key})
    keyed = {r.key: r for r in [*records, plain]}
    # Five false items: two restated true, the plain true/false item first, then one condition.
    balanced = pipeline.balanced_judges([*made, other], keyed, pools)
    assert sum(q.answer == ("A",) for q in balanced) == 2
    assert next(q for q in balanced if q.inputs["article"] == plain.key).answer == ("A",)
    assert sum(q.answer == ("B",) and q.generator != "theory.judge" for q in balanced) == 3
    # Counter-example: one false item alone is within the balance and stays false.
    assert pipeline.balanced_judges(made[:1], keyed, pools)[0].answer == ("B",)


def test_a_condition_stated_true_is_the_sentence_it_changed_and_passes_the_verifier():
    from quiz.generation.conditions import true_twin

    question = make(precondition, REFIT)
    twin = true_twin(question)
    assert twin.answer == ("A",) and twin.change is None
    assert twin.stem.endswith("应当到原机关办妥登记，方可重新吊运。") and "可以先" not in twin.stem
    assert problems(twin, REFIT) == []
    # Counter-example: the false statement marked true is refused.
    assert problems(dataclasses.replace(question, answer=("A",), change=None), REFIT)
