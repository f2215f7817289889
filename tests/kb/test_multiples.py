"""几倍 asks a multiple, of pay most often (kb.kinds: a quantity question): a rule paying 百分之二百 of
the wage answers it, as one paying 二倍 does; a number of times does not."""

from __future__ import annotations

import pytest

from kb.kinds import asked_measure, question_kind, states


@pytest.mark.parametrize("question", ["周末叫去加班 给几倍的钱", "节假日值班工资最低算几倍", "粉尘超标几倍要停产"])
def test_a_multiple_asked_is_a_quantity(question: str):
    assert question_kind(question) == "quantity"


@pytest.mark.parametrize(
    "sentence",
    ["双休日加班又不安排补休，单位按不低于工资的百分之二百发给报酬。", "用人单位应当向劳动者每月支付二倍的工资。"],
)
def test_a_share_or_a_multiple_of_pay_answers_how_many_times_the_pay(sentence: str):
    question = "周末叫去加班 给几倍的钱"
    kind = question_kind(question)
    assert states(kind, sentence, asked_measure(question, kind))


def test_a_number_of_times_is_no_multiple_of_pay():
    question = "周末叫去加班 给几倍的钱"
    kind = question_kind(question)
    assert not states(kind, "考试不及格的，允许补考一次。", asked_measure(question, kind))
