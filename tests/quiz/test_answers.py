"""Answer cells: letters in every spelling, true/false words, blank texts, and refusals."""

from __future__ import annotations

import pytest

from quiz.bank.answers import AnswerError, parse_answer, parse_blanks, parse_judge, parse_letters
from quiz.bank.blank_keys import blank_alternatives
from quiz.bank.types import Option, QuestionDraft, answer_label


@pytest.mark.parametrize("raw", ["ABD", "A,B,D", "A，B，D", "A B D", "A、B、D", "abd", "ＡＢＤ", "DBA", "A;B;D"])
def test_letter_answers(raw: str) -> None:
    assert parse_letters(raw) == ("A", "B", "D")


def test_order_answers_keep_their_order() -> None:
    assert parse_answer("C B A D", "order") == ("C", "B", "A", "D")


@pytest.mark.parametrize("raw", ["对", "√", "✓", "正确", "是", "T", "t", "TRUE", "Ｔ", "A", " 对 "])
def test_true_answers(raw: str) -> None:
    assert parse_judge(raw) == ("A",)


@pytest.mark.parametrize("raw", ["错", "×", "✗", "错误", "否", "F", "false", "B", "Ｆ", "X"])
def test_false_answers(raw: str) -> None:
    assert parse_judge(raw) == ("B",)


def test_judge_letter_is_read_through_the_rows_own_options() -> None:
    reversed_options = [Option("A", "错误"), Option("B", "正确")]
    assert parse_judge("B", reversed_options) == ("A",)


@pytest.mark.parametrize(
    ("raw", "shape", "message"),
    [
        ("", "single", "缺少答案"),
        ("对", "single", "不是选项字母"),
        ("Z", "single", "不是选项字母"),
        ("也许", "judge", "判断题答案"),
        ("C", "judge", "不在选项中"),
        ("", "blank", "缺少答案"),
    ],
)
def test_unreadable_answers_say_why_in_chinese(raw: str, shape: str, message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        parse_answer(raw, shape)


def test_blank_answers_split_per_blank() -> None:
    assert parse_blanks("瓦斯；煤尘|水\n火") == ("瓦斯", "煤尘", "水", "火")


def test_choice_answers_written_with_or_as_the_option_text() -> None:
    options = (Option("A", "1%–5%"), Option("B", "5%–16%"), Option("C", "16%以上"))
    assert parse_answer("B.5%–16%", "single", options) == ("B",)
    assert parse_answer("B、", "single", options) == ("B",)
    assert parse_answer("５%–16%", "single", options) == ("B",)
    with pytest.raises(AnswerError):
        parse_answer("20%", "single", options)


@pytest.mark.parametrize("key, alternatives", [
    ("瓦斯/沼气", ("瓦斯", "沼气")),
    ("瓦斯 ／ 沼气", ("瓦斯", "沼气")),
    ("1.0%/1%", ("1.0%", "1%")),
    ("20m/二十米", ("20m", "二十米")),
    ("2/二", ("2", "二")),
    ("切断电源/断电/停电", ("切断电源", "断电", "停电")),
    ("4m/s", ("4m/s",)),
    ("４ｍ／ｓ", ("４ｍ／ｓ",)),
    ("m³/min", ("m³/min",)),
    ("1200m³/min", ("1200m³/min",)),
    ("4mg/m³", ("4mg/m³",)),
    ("10L/min", ("10L/min",)),
    ("40t/h", ("40t/h",)),
    ("2次/班", ("2次/班",)),
    ("两次/班", ("两次/班",)),
    ("3人/班", ("3人/班",)),
    ("1/3", ("1/3",)),
    ("2024/1/1", ("2024/1/1",)),
    ("1/3/三分之一", ("1/3", "三分之一")),
    ("0.25m/s/0.3m/s", ("0.25m/s", "0.3m/s")),
    ("5m/s/5米/秒", ("5m/s", "5米/秒")),
    ("2次/两次", ("2次", "两次")),
    ("三违/违章", ("三违", "违章")),
    ("1月1日/元旦", ("1月1日", "元旦")),
    ("CO/CO2", ("CO", "CO2")),
    ("CH4/甲烷", ("CH4", "甲烷")),
])
def test_blank_alternatives_split_at_a_slash_only_between_answers(key: str, alternatives: tuple[str, ...]) -> None:
    assert blank_alternatives(key) == alternatives


def test_blank_keys_are_shown_with_their_alternatives_as_scoring_reads_them() -> None:
    assert answer_label("blank", ("4m/s", "瓦斯/沼气")) == "4m/s；瓦斯 或 沼气"
    assert answer_label("blank", ("0.25m/s/0.3m/s",)) == "0.25m/s 或 0.3m/s"
    draft = QuestionDraft(type="blank", stem="风速不得超过（ ）。", answer=("2次/班", "1/3"))
    assert draft.answer_text == "2次/班；1/3"
