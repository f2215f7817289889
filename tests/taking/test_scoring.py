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


@pytest.mark.parametrize("key, right, wrong", [
    ("4m/s", ["4m/s", "4 m/s", "４ｍ／ｓ", "4M/S"], ["4m", "s", "4"]),
    ("1200m³/min", ["1200m³/min", "1200m3/min"], ["1200m³", "min"]),
    ("2次/班", ["2次/班", "两次/班", "二次/班"], ["2次", "班"]),
    ("3人/班", ["3人/班"], ["3人", "班"]),
    ("1/3", ["1/3"], ["1", "3"]),
    ("10L/min", ["10L/min"], ["10L", "min"]),
])
def test_a_slash_inside_a_unit_or_number_is_part_of_the_one_answer(key, right, wrong):
    """A key 4m/s is one speed: typing it scores, its halves (4m, s) do not."""
    for typed in right:
        assert score_answer("blank", [key], [typed], Decimal(2)) == (Decimal("2.00"), True), typed
    for typed in wrong:
        assert score_answer("blank", [key], [typed], Decimal(2)) == (Decimal("0.00"), False), typed


def test_a_slash_between_words_or_forms_still_lists_alternatives():
    assert blank_matches("瓦斯", "瓦斯/沼气") and blank_matches("沼气", "瓦斯/沼气")
    assert blank_matches("瓦斯/沼气", "瓦斯/沼气")  # the key as written is right too
    assert not blank_matches("瓦斯沼气", "瓦斯/沼气") and not blank_matches("瓦", "瓦斯/沼气")
    assert blank_matches("1%", "1.0%/1%") and blank_matches("二", "2/二")


def test_alternatives_that_each_carry_a_unit():
    """0.25m/s/0.3m/s: a "/" before a number starts the next alternative, one inside m/s does not."""
    key = "0.25m/s/0.3m/s"
    assert blank_matches("0.25m/s", key) and blank_matches("0.3m/s", key) and blank_matches(key, key)
    assert not any(blank_matches(typed, key) for typed in ("0.25m", "s", "0.3m", "s/0.3m"))
    assert blank_matches("5米/秒", "5m/s/5米/秒") and not blank_matches("秒", "5m/s/5米/秒")
