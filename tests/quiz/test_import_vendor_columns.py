"""Vendor columns and numbering: 难度系数 as difficulty levels, 试题分析 as 解析, and question
numbers taken off every numbered row but never a number that is the content."""

from __future__ import annotations

import pytest

from quiz.bank.cells import parse_difficulty
from quiz.bank.importer import parse_files
from quiz.bank.text import strip_marked_number
from tests.quiz.banks import xlsx


@pytest.mark.parametrize(
    ("written", "level"),
    [("0.8", 1), ("0.95", 1), ("1.0", 1), ("0.7", 2), ("0.6", 2), ("0.5", 3), ("0.4", 3), ("0.3", 4), ("0.2", 4),
     ("0.1", 5), ("0", 5), (".75", 2), ("80%", 1), ("35%", 4), ("易", 1), ("难", 5), ("3", 3)],
)
def test_a_difficulty_coefficient_is_the_expected_correct_rate(written: str, level: int) -> None:
    assert parse_difficulty(written) == level


@pytest.mark.parametrize("written", ["很难", "1.5", "120%", "6"])
def test_unreadable_difficulties(written: str) -> None:
    assert parse_difficulty(written) is None


def test_coefficient_and_analysis_columns_are_read_and_an_unreadable_difficulty_is_reported() -> None:
    rows = [["试题类型", "试题内容", "选项", "标准答案", "试题分析", "难度系数"],
            ["单选题", "回风巷风流中甲烷浓度超过（ ）时必须停止工作。", "A.0.5% B.1.0% C.1.5% D.2.0%", "C", "见规程。", 0.8],
            ["判断题", "瓦斯检查工可以空班漏检。", "", "错", "严禁空班漏检。", 0.2],
            ["判断题", "井下可以吸烟。", "", "错", "", "很难"]]
    report = parse_files([("b13.xlsx", xlsx(rows))])
    assert [(q.row, q.draft.difficulty, q.draft.explanation) for q in report.questions] == [
        (2, 1, "见规程。"), (3, 4, "严禁空班漏检。"), (4, None, "")]
    assert [(w.row, w.reason.split("（")[0]) for w in report.warnings] == [(4, "难度“很难”无法识别，已导入但未设难度")]


@pytest.mark.parametrize(
    ("stem", "kept"),
    [("1、井下严禁吸烟。", "井下严禁吸烟。"), ("2．井下严禁吸烟", "井下严禁吸烟"), ("12)下列说法正确的是", "下列说法正确的是"),
     ("3）入井必须戴安全帽", "入井必须戴安全帽"), ("10.不得空班漏检", "不得空班漏检"),
     ("3条规定必须遵守", "3条规定必须遵守"), ("1.5%的瓦斯浓度时应当停电", "1.5%的瓦斯浓度时应当停电"),
     ("0.5m以内不得有杂物", "0.5m以内不得有杂物"), ("2 人以上方可进入", "2 人以上方可进入")],
)
def test_a_marked_question_number_goes_and_a_number_of_the_content_stays(stem: str, kept: str) -> None:
    assert strip_marked_number(stem) == kept


def test_numbers_are_taken_off_when_only_some_rows_are_numbered() -> None:
    rows = [["题型", "题干", "选项", "答案"],
            ["单选题", "下列说法正确的是（ ）。", "A.井下可以吸烟 B.入井必须携带自救器", "B"],
            ["单选题", "下列说法错误的是（ ）。", "A.持证上岗 B.违章指挥", "B"],
            ["判断题", "3条安全出口都必须畅通。", "", "对"],
            ["判断题", "1.5%的瓦斯浓度时必须停止工作。", "", "对"],
            ["判断题", "1、井下严禁吸烟。", "", "对"],
            ["判断题", "2．井下严禁吸烟", "", "对"]]
    report = parse_files([("b14.xlsx", xlsx(rows))])
    assert [q.draft.stem for q in report.questions][2:] == ["3条安全出口都必须畅通。", "1.5%的瓦斯浓度时必须停止工作。",
                                                           "井下严禁吸烟。"]
    assert [(d.row, d.reason) for d in report.duplicates] == [(7, "与第6行重复")]
