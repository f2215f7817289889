"""Seventeenth frontline blind read (issue 16), fault class 1: office duties that scored as frontline-relevant.

T8 a mine reporting a water accident to the agencies, T24 the yearly 三量 statistics, T30 an adit drain sized for a
multiple of the largest inflow, and the managers' ninth read's T21 (a core logged the laboratory's way): the key was
right, but nobody at the face or in a crew does any of it. `relevance.office_duty` marks the class — the employer's
report to a state body or the licence it obtains, statistics and their analysis, a drain sized against the inflow,
survey and studies before building — and the frontline score drops it below `THRESHOLD`; a manager is still asked.
A worker's own report, an act in an emergency or a ban at the face beside the office duty keeps a sentence asked.
The sentences below are in our own words.
"""

from __future__ import annotations

import pytest

from quiz.generation import relevance as rv

OFFICE = [
    "透水事故发生以后，矿井应当按照规定向当地政府有关部门如实报告，不得隐瞒",
    "用人单位发现疑似职业中毒的病人时，应当及时向卫生行政部门报告",
    "高突矿井至少每半年开展一次开拓、准备和回采煤量的统计与分析",
    "排水平硐里水沟的过水能力不得小于矿井历年最大涌水量的1.5倍",
    "新矿井在可行性研究阶段，必须评估厚度0.5m以上煤层的突出危险性",
    "煤矿企业开工生产前，应当按规定取得安全生产许可证",
]
AT_WORK = [
    "从业人员发现事故隐患，应当立即向现场安全管理人员或者本单位负责人报告",
    "作业人员发现险情时，应当立即向调度室和有关部门报告",
    "发生急性中毒事故时，用人单位应当马上组织抢救，并及时报告卫生行政部门",
    "处理事故时必须撤出灾区人员，清点并统计井下人数",
    "主排水泵的能力应当在20h内排出矿井24h的正常涌水量",
    "在水文地质情况没有查明之前，应当补充勘探，禁止采掘作业",
    "未取得安全生产许可证的煤矿，不得从事生产",
]


@pytest.mark.parametrize("sentence", OFFICE)
def test_an_office_duty_is_not_asked_of_the_frontline_but_of_managers(sentence: str) -> None:
    assert rv.office_duty(sentence)
    assert rv.sentence_relevance(sentence, rv.FRONTLINE) < rv.THRESHOLD
    assert rv.sentence_relevance(sentence, rv.MANAGERS) >= rv.THRESHOLD


@pytest.mark.parametrize("sentence", AT_WORK)
def test_a_workers_report_or_an_act_beside_it_is_no_office_duty(sentence: str) -> None:
    assert not rv.office_duty(sentence)
    assert rv.sentence_relevance(sentence, rv.FRONTLINE) >= rv.THRESHOLD


def test_a_core_logged_the_laboratorys_way_is_asked_of_nobody() -> None:
    # Managers' read 9, T21: from what depth the discs of a core are counted.
    sentence = "用岩芯法测定时，打深度12m的钻孔，从孔深2.5m处开始数岩芯的圆片"
    assert rv.design_value(sentence)
    for audience in (rv.FRONTLINE, rv.MANAGERS):
        assert rv.sentence_relevance(sentence, audience) < rv.THRESHOLD
    # The driller who logs the core of a probe hole before uncovering a seam keeps his figure.
    assert not rv.design_value("揭煤前应当打2个前探钻孔，进入顶板不少于0.5m，并记录岩芯资料")
