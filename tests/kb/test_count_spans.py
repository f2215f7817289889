"""A count question (kb.kinds) asking how often (多久…一次) is answered by a rule stating the span it
repeats in, even without a count of times (每3年…检定 is once every three years); one asking how many
people by a number of persons (抽选7名技术人员), not by a rank (第3名)."""

from __future__ import annotations

import pytest

from kb.kinds import asked_measure, question_kind, states


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("避难硐室的设施多长时间检修一回", "每3个月必须对避难硐室的设施进行一次全面检修，并做好记录。"),
        ("压力表多久送检一次", "压力表每隔6个月应当送有资质的机构校验。"),
        ("矿井等级多少年鉴定一次", "每2年必须对矿井进行等级鉴定，鉴定结果报上级部门备案。"),
    ],
)
def test_a_span_a_rule_repeats_in_answers_how_often(question: str, sentence: str):
    kind = question_kind(question)
    assert kind == "count"
    assert states(kind, sentence, asked_measure(question, kind))


@pytest.mark.parametrize(
    "sentence",
    [
        "事故发生后，应当在3日内报告当地主管部门。",  # a deadline, not a span repeated in
        "每年应当编制年度计划并报送上级部门。",  # every year, but no span counted
        "每3年内发生的事故应当汇总分析。",  # within three years
    ],
)
def test_a_deadline_or_an_uncounted_span_is_no_frequency(sentence: str):
    question = "矿井等级多少年鉴定一次"
    kind = question_kind(question)
    assert not states(kind, sentence, asked_measure(question, kind))


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("评审时由委员会随机抽选7名技术人员组成评审组。", True),  # so many persons
        ("每个掘进队应当配备2名以上专职瓦斯检查员。", True),
        ("本年度考核成绩排名第3名的班组予以表彰。", False),  # a rank, not a number of persons
        ("技能竞赛前3名获奖人员由工会公布。", False),
    ],
)
def test_a_number_of_persons_answers_how_many_people(sentence: str, counts: bool):
    question = "评审组一般是几个人"
    kind = question_kind(question)
    assert kind == "count"
    assert states(kind, sentence, asked_measure(question, kind)) == counts
