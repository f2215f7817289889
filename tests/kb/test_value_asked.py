"""A value asked in a worker's words (kb.kinds): a time whose words stand apart (充电时间最短多长) is a
time question, and 多大年纪 asks an age, which a rule states in 周岁."""

from __future__ import annotations

import pytest

from kb.kinds import asked_measure, question_kind, states


@pytest.mark.parametrize("question", ["矿灯的充电时间最短多长", "这种呼吸器使用时间一般多长"])
def test_a_time_asked_with_its_words_apart_is_a_time_question(question: str):
    kind = question_kind(question)
    assert kind == "time"
    assert states(kind, "矿灯连续正常使用时间不得低于11h。", asked_measure(question, kind))


def test_a_length_asked_is_still_a_distance():
    question = "风筒口离工作面最远多长"
    kind = question_kind(question)
    assert kind == "quantity" and asked_measure(question, kind) == "distance"
    assert not states(kind, "矿灯连续正常使用时间不得低于11h。", asked_measure(question, kind))


def test_an_age_asked_as_how_old_is_read_in_years_of_age():
    question = "学徒最小得多大年纪"
    kind = question_kind(question)
    assert asked_measure(question, kind) == "age"
    assert states(kind, "招收学徒应当年满十八周岁。", asked_measure(question, kind))
    assert not states(kind, "学徒期一般为二年。", asked_measure(question, kind))
