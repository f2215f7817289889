"""Cell cleaning, blanks, question numbers and comparison keys."""

from __future__ import annotations

import pytest

from quiz.bank.text import clean_text, comparison_key, content_key, split_list, split_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("下列（）正确", "下列（ ）正确"),
        ("下列(  )正确", "下列（ ）正确"),
        ("下列（\u3000）正确", "下列（ ）正确"),
        ("下列____正确", "下列（ ）正确"),
        ("下列（)正确", "下列（ ）正确"),
        ("Ｑ２３５钢\t焊接", "Q235钢 焊接"),
        ("  a\xa0\xa0b \u200b ", "a b"),
    ],
)
def test_clean_text_normalises_blanks_width_and_spaces(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected
    assert clean_text(expected) == expected  # idempotent: the round trip depends on it


def test_clean_text_keeps_a_parenthetical_that_is_not_a_blank() -> None:
    assert clean_text("焊接热导率高的材料(如铝、铜)时") == "焊接热导率高的材料(如铝、铜)时"


@pytest.mark.parametrize(
    ("stem", "number", "rest", "clear"),
    [
        ("1.下列说法", 1, "下列说法", True),
        ("12、下列说法", 12, "下列说法", True),
        ("（3）下列说法", 3, "下列说法", True),
        ("(3)下列说法", 3, "下列说法", True),
        ("191，关于钎焊", 191, "关于钎焊", True),
        ("300 在现场", 300, "在现场", True),
        ("58超硬铝合金的代号", 58, "超硬铝合金的代号", False),
        ("12.1个标准大气压为", 12, "1个标准大气压为", False),
        ("下列说法", None, "下列说法", False),
    ],
)
def test_split_number(stem: str, number: int | None, rest: str, clear: bool) -> None:
    assert split_number(stem) == (number, rest, clear)


def test_keys_ignore_width_spacing_punctuation_and_option_order() -> None:
    assert comparison_key("Ｑ２３５ 钢，（ ）。") == comparison_key("q235钢()")
    assert content_key("下列（ ）正确", ["甲", "乙"]) == content_key("下列(  )正确。", ["乙", "甲 "])
    assert content_key("下列正确", ["甲", "乙"]) != content_key("下列正确", ["甲", "丙"])


def test_keys_keep_decimal_points_and_percent_and_permille_signs() -> None:
    stem = "巷道中行人侧的宽度不得小于（ ）。"
    assert content_key(stem, ["1.5米", "2.0米"]) != content_key(stem, ["15米", "20米"])
    assert content_key("甲烷浓度达到1.0%时", ["对"]) != content_key("甲烷浓度达到10%时", ["对"])
    assert content_key("浓度（ ）", ["5‰", "1%"]) != content_key("浓度（ ）", ["5", "1"])
    assert comparison_key("１．５％的甲烷") == comparison_key("1.5%的甲烷") == "1.5%的甲烷"
    # a point that is not a decimal point is punctuation like any other
    assert comparison_key("井下严禁吸烟.") == comparison_key("井下严禁吸烟。") == comparison_key("井下严禁吸烟……")
    assert comparison_key("见第3.条") == comparison_key("见第3条") and comparison_key("A. 撤离") == "a撤离"


def test_split_list() -> None:
    assert split_list("采煤工、掘进工;机电工，采煤工") == ["采煤工", "掘进工", "机电工"]
