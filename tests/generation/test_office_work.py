"""The office's planning, institutional, investigation, revision and reporting work is asked of 管理人员, not of 一线职工
(trainer audit 4: a frontline run on 煤矿防治水细则 asked a 30 km weather-station rule, a hydrogeological type revised
every 3 years and the systems a mine sets up). A duty borne by the enterprise, the mine, its leaders or offices (or
by a document of theirs, or by no one named) whose acts are such work goes down for the frontline, unless the
sentence tells someone what to do or not do at the face. Sentences in our own words."""

from __future__ import annotations

import pytest

from quiz.generation.relevance import FRONTLINE, MANAGERS, THRESHOLD, office_work, sentence_relevance

OFFICE = [
    "煤矿应当结合实际建立健全通风岗位责任制、通风技术管理制度和通风隐患排查制度等",
    "矿井瓦斯地质图应当每2年修订1次",
    "矿井20km范围内没有气象站时，应当建立雨量观测点",
    "煤矿应当加强与当地水利部门联系，及时收集汛情资料，建立汛情台账",
    "发生重大水害的矿井，恢复生产前应当重新确定水文地质类型",
    "矿井应当对井田内的地表水体进行长期观测，掌握其变化规律",
    "每3年必须对矿井进行瓦斯等级鉴定，鉴定结果报有关部门",
]
FACE = [
    "发现透水征兆时，班组长应当立即撤出受威胁地点的人员",  # a worker's act
    "煤矿必须建立瓦斯检查制度",  # one system the miners work by (blind read 12)
    "矿井要有测风制度，全面测风每10天不少于1次",  # what the crew measures
    "煤矿企业应当每年至少组织2次应急演练",
    "采煤工作面初次放顶时，必须制定安全措施",  # measures for a job at the face (blind read 5)
    "在水害隐患未查明之前，严禁进行采掘活动",
]


@pytest.mark.parametrize("sentence", OFFICE)
def test_the_offices_work_is_for_managers(sentence: str) -> None:
    assert office_work(sentence)
    assert sentence_relevance(sentence, FRONTLINE) < THRESHOLD
    assert sentence_relevance(sentence, MANAGERS) >= THRESHOLD


@pytest.mark.parametrize("sentence", FACE)
def test_what_a_worker_does_stays_for_the_frontline(sentence: str) -> None:
    assert not office_work(sentence)
    assert sentence_relevance(sentence, FRONTLINE) >= THRESHOLD
