"""Scoring rules: exact single/judge, multi all-or-nothing or half, blanks normalised with alternatives."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quiz.taking.scoring import blank_matches, normalise_blank, score_answer

P = Decimal("3")


@pytest.mark.parametrize("response, rule, expected, right", [
    (["A", "B", "C"], "half", "3.00", True),
    (["A", "C"], "half", "1.50", False),      # a correct subset, no wrong choice: half
    (["A", "D"], "half", "0.00", False),      # any wrong choice: nothing
    (["A", "B", "C", "D"], "half", "0.00", False),
    (["A", "C"], "all", "0.00", False),       # all-or-nothing
    (["A", "B", "C"], "all", "3.00", True),
    ([], "half", "0.00", False),
])
def test_multiple_choice_rules(response, rule, expected, right):
    assert score_answer("multi", ["A", "B", "C"], response, P, rule) == (Decimal(expected), right)


def test_half_credit_is_exact_to_the_cent():
    assert score_answer("multi", ["A", "B"], ["A"], Decimal("2.25"), "half")[0] == Decimal("1.13")  # 1.125 rounds half up


def test_single_and_judge_are_exact():
    assert score_answer("single", ["B"], ["B"], P) == (Decimal("3.00"), True)
    assert score_answer("single", ["B"], ["C"], P) == (Decimal("0.00"), False)
    assert score_answer("judge", ["A"], ["B"], P) == (Decimal("0.00"), False)
    assert score_answer("single", ["B"], None, P) == (Decimal("0.00"), False)


def test_order_needs_the_exact_sequence():
    assert score_answer("order", ["C", "A", "B"], ["C", "A", "B"], P)[1] is True
    assert score_answer("order", ["C", "A", "B"], ["A", "B", "C"], P)[1] is False


@pytest.mark.parametrize("typed", ["20m", "２０ｍ", " 20 m ", "20M", "二十米", "20m。", "20m."])
def test_blank_accepts_width_spacing_case_numerals_and_listed_alternatives(typed):
    assert blank_matches(typed, "20m/二十米")


@pytest.mark.parametrize("typed", ["", "2m", "200m", "20"])
def test_blank_refuses_other_answers(typed):
    assert not blank_matches(typed, "20m/二十米")


def test_blank_numerals_both_ways():
    assert normalise_blank("十八岁") == normalise_blank("18岁")
    assert blank_matches("1%", "1.0%")
    assert blank_matches("两小时", "2小时")


def test_several_blanks_share_the_points():
    assert score_answer("blank", ["瓦斯", "1.0%"], ["瓦斯", "2%"], Decimal("4")) == (Decimal("2.00"), False)
    assert score_answer("blank", ["瓦斯", "1.0%"], ["瓦斯", "1%"], Decimal("4")) == (Decimal("4.00"), True)
