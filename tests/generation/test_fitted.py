"""What a place or a machine must be fitted with, stated true (issue 16, cov7): a rule with no party at its head
(主要通风机必须设置设备开停传感器) whose only false twin (不必设置) teaches nothing had gone unasked; it is now stated as
a true/false item. Not the office's staffing, bodies, drawings or systems, nor a place that leans on the sentence
before. Examples in our own words."""

from __future__ import annotations

import pytest

from quiz.generation.theory import TheoryPools, judge
from quiz.generation.theory.true_false import fitted
from quiz.generation.verify import Verifier
from tests.generation.conftest import article, record_of

SEEDS = [str(seed) for seed in range(20)]


@pytest.mark.parametrize("sentence", [
    "主要通风机和局部通风机都必须设置设备开停传感器",
    "采煤工作面回风巷应当安设风流净化水幕",
    "每台提升绞车必须装设深度指示器和过卷保护装置",
    "井下爆炸材料发放硐室必须备有灭火器材",
])
def test_a_thing_a_place_or_machine_must_be_fitted_with(sentence):
    assert fitted(sentence)


@pytest.mark.parametrize("sentence", [
    "煤矿必须配备专职矿长、总工程师和安全副矿长",  # the office's staffing
    "煤矿企业必须设置安全生产管理机构",  # a party at the head: its own branch of `_strong_truth`
    "矿井必须备有井上、下配电系统图",  # a drawing
    "救护小队应当配备必要的救援装备",  # a vague amount
    "负责安全监督管理的部门应当配备检测仪器",  # the state's
    "站内严禁烟火，必须备有灭火器材",  # which 站? said in the sentence before
    "井下电气设备应当符合防爆要求",  # no fitting at all
])
def test_not_an_office_matter_a_vague_amount_the_state_or_a_place_said_before(sentence):
    assert not fitted(sentence)


def _judges(record, seeds=SEEDS):  # noqa: ANN001, ANN202
    pools = TheoryPools.build([record])
    return [q for seed in seeds if (q := judge(record, pools, seed)) is not None]


def test_a_fitting_rule_with_no_false_statement_that_teaches_is_stated_true():
    record = article("主要通风机和局部通风机都必须设置设备开停传感器。", label="第二十条", number=20)
    items = _judges(record)
    assert items, "the rule had gone unasked"
    assert {q.answer for q in items} == {("A",)}
    assert all("必须设置设备开停传感器" in q.stem for q in items)
    assert not Verifier([record]).verify(items[:1]).failures  # the same item whatever the seed: checked once


def test_an_office_rule_of_the_same_shape_stays_unasked():
    record = article("矿井必须备有井上、下配电系统图和井下电气设备布置示意图。", label="第二十一条", number=21)
    assert not _judges(record)


@pytest.mark.slow
def test_the_corpus_fittings_are_stated_true(shared_records):
    pools = TheoryPools.build(shared_records)
    for label in ("第五百四十二条", "第七百零五条", "第二百零九条"):
        record = record_of(shared_records, label)
        items = [q for seed in SEEDS[:5] if (q := judge(record, pools, seed)) is not None]
        assert items and all(q.answer == ("A",) for q in items), label
    # The frozen-shaft station's 站内 leans on the sentence before: not stated.
    station = record_of(shared_records, "第六十九条")
    assert not any("站内" in q.stem for seed in SEEDS[:5] if (q := judge(station, pools, seed)) is not None)
