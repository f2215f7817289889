"""Faults of the eleventh blind read (bench/generation_blind_read_11.md): coal trade and a training duty with nothing
to know asked of the frontline, a prohibition made a permission beside the very guard against what it bans, and a scene's
key alone in the stem's words. Each rule with the read's example, in our own words, and counter-examples that keep working."""

from __future__ import annotations

import pytest

from quiz.generation import articles as read
from quiz.generation.hazard import control_distractors, seeded_rng, words
from quiz.generation.relevance import FRONTLINE, MANAGERS, coal_trade, generic_duty, sentence_relevance, worth_a_worker
from quiz.generation.theory import judge
from tests.generation.conftest import record_of

SEEDS = [str(seed) for seed in range(12)]
COAL_LAW = "中华人民共和国煤炭法"
WATER = "煤矿防治水细则"


# --------------------------------------------------------------------------- T10: the coal trade


@pytest.mark.parametrize("sentence", [
    "承运煤炭的企业应当把质量不同的煤炭分装分堆存放",  # T10
    "煤炭经营企业应当按合同向煤炭用户供应煤炭",
    "向用户供应的煤炭应当质级相符、质价相符",
])
def test_the_coal_trade_is_not_worth_a_worker(sentence: str) -> None:
    assert coal_trade(sentence)
    assert not worth_a_worker(sentence)


@pytest.mark.parametrize("sentence", [
    "井下运输巷道内严禁扒车、跳车",  # the mine's own haulage
    "带式输送机运输煤炭时，严禁人员乘坐输送带",
    "煤仓放煤口附近必须设置甲烷传感器",
])
def test_a_mines_own_haulage_is_no_trade(sentence: str) -> None:
    assert not coal_trade(sentence)
    assert worth_a_worker(sentence)


def test_the_coal_trade_stays_a_managers_matter() -> None:
    # A coal enterprise's managers deal with its sales and carriers: only the frontline's score drops.
    sentence = "承运煤炭的企业应当把质量不同的煤炭分装分堆存放"
    assert sentence_relevance(sentence, MANAGERS) > sentence_relevance(sentence, FRONTLINE)


def test_the_coal_laws_trade_article_yields_no_question(shared_records, shared_pools) -> None:
    from quiz.generation.relevance import ARTICLE_THRESHOLD, article_relevance

    record = record_of(shared_records, "第四十五条", COAL_LAW)
    assert article_relevance(record.text, record.path) < ARTICLE_THRESHOLD


# --------------------------------------------------------------------------- T19: a training duty in general words


@pytest.mark.parametrize("sentence", [
    # T19: several institutions at the head, a subject of training and a purpose after it
    "煤炭企业、煤矿应当对井下人员进行防治水知识的教育和培训，提高他们处置水害的能力",
    "用人单位应当对劳动者进行职业卫生培训，普及职业卫生知识",
    "矿山企业必须对职工进行安全教育、培训",
])
def test_a_training_duty_with_nothing_to_know_is_not_worth_a_worker(sentence: str) -> None:
    assert generic_duty(sentence)
    assert not worth_a_worker(sentence)


@pytest.mark.parametrize("sentence", [
    "煤矿企业每年必须对井下职工进行不少于20学时的防治水培训",  # a figure
    "煤矿企业必须对职工进行安全培训；没有经过培训的，不得下井作业",  # a ban
    "煤矿必须对入井人员进行自救器佩戴培训，做到在规定时间内盲戴",  # an act at the face
    "井下作业人员必须接受防治水知识培训",  # the worker's own duty
])
def test_a_training_duty_with_a_figure_a_ban_or_an_act_stays(sentence: str) -> None:
    assert not generic_duty(sentence)
    assert worth_a_worker(sentence)


def test_the_water_rules_training_duty_is_not_stated(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第十条", WATER)
    for seed in SEEDS:
        for truth in (True, False, None):
            question = judge(record, shared_pools, seed, truth=truth)
            assert question is None or "培训" not in question.stem, question.stem


# --------------------------------------------------------------------------- T17: a permission beside its own guard


@pytest.mark.parametrize("sentence", [
    "泵房内严禁烟火，并应当备有灭火器材",  # T17: fire beside fire-fighting gear
    "硐室内禁止吸烟，必须配备消防器材",
    "在封闭的巷道口设置栅栏和警标，禁止人员进入",  # going in beside what keeps people out
])
def test_no_permission_beside_the_guard_against_it(sentence: str) -> None:
    assert not [c for c in read.modal_changes(sentence) if c[2] in {"允许", "可以"}]


@pytest.mark.parametrize("sentence", [
    "泵房内严禁烟火",  # no guard in the sentence: the permission is a fair false statement
    "严禁人员进入采空区",
    "机房内严禁无关人员操作设备，必须配备灭火器材",  # a ban on something else beside the guard
])
def test_a_permission_without_its_guard_stays_a_false_statement(sentence: str) -> None:
    assert [c for c in read.modal_changes(sentence) if c[2] in {"允许", "可以"}]


def test_the_freezing_station_is_not_allowed_fire(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第六十九条")
    for seed in SEEDS:
        question = judge(record, shared_pools, seed, truth=False)
        assert question is None or "允许烟火" not in question.stem, question.stem


# --------------------------------------------------------------------------- H7: the key alone in the stem's words


def _echoing(options: list[str], echoed: frozenset[str]) -> int:
    return sum(bool(words(option) & echoed) for option in options)


@pytest.mark.parametrize("hazard_id", ["HZ-YS-002", "HZ-ZC-011"])
def test_wrong_controls_speak_of_what_the_key_repeats(hazard_data, hazard_id: str) -> None:
    target = next(h for h in hazard_data.catalogue if h.id == hazard_id)
    echoed = frozenset(words(target.hazard))
    plain = preferred = 0
    for seed in SEEDS:
        plain += _echoing(control_distractors([target], hazard_data, seeded_rng(seed, "t", hazard_id), 3), echoed)
        preferred += _echoing(control_distractors([target], hazard_data, seeded_rng(seed, "t", hazard_id), 3, echoed),
                              echoed)
    assert preferred > plain


def test_the_preference_keeps_every_truth_filter(hazard_data) -> None:
    # H7: the blasting measures that speak of 炮孔 or 装药 are of the key's own accident type or cite its article, so
    # they may be true at the scene and stay out, preferred or not.
    target = next(h for h in hazard_data.catalogue if h.id == "HZ-BP-012")
    by_text = {c.text: h for h in hazard_data.catalogue for c in h.controls}
    cited = {(r.doc, r.article) for r in target.refs}
    for seed in SEEDS:
        wrong = control_distractors([target], hazard_data, seeded_rng(seed, "t", target.id), 3,
                                    frozenset({"炮孔", "装药"}))
        for text in wrong:
            source = by_text[text]
            assert source.accident_type != target.accident_type, text
            assert not cited & {(r.doc, r.article) for r in source.refs}, text
