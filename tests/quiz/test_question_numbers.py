"""A stem that opens "3. 5个…": question 3 about 5个, or 3.5个 with a stray space. The sheet decides:
a numbered column loses "3. ", a lone such stem among unnumbered ones keeps it all."""

from __future__ import annotations

import pytest

from quiz.bank.importer import parse_files
from quiz.bank.text import split_marked_number, split_number, starts_with_quantity
from tests.quiz.banks import xlsx

HEADER = ["题型", "题干", "选项", "答案"]


def _stems(stems: list[str]) -> list[str]:
    report = parse_files([("b.xlsx", xlsx([HEADER, *(["判断题", s, "", "对"] for s in stems)]))])
    assert not report.errors
    return [q.draft.stem for q in report.questions]


def test_a_numbered_bank_loses_every_number() -> None:
    assert _stems(["1. 入井必须佩戴自救器。", "2. 入井必须戴好安全帽。", "3. 井下作业严禁携带烟火。",
                   "4. 特种作业人员必须持证上岗。"]) == [
        "入井必须佩戴自救器。", "入井必须戴好安全帽。", "井下作业严禁携带烟火。", "特种作业人员必须持证上岗。"]


def test_a_lone_stem_opening_with_a_spaced_decimal_keeps_it_among_unnumbered_stems() -> None:
    assert _stems(["入井必须佩戴自救器。", "入井必须戴好安全帽。", "3. 5个工作日内应当上报事故情况。",
                   "特种作业人员必须持证上岗。"])[2] == "3. 5个工作日内应当上报事故情况。"


def test_row_three_of_a_numbered_bank_keeps_its_count() -> None:
    assert _stems(["1. 入井必须佩戴自救器。", "2. 入井必须戴好安全帽。", "3. 5个人以上作业时应当指定负责人。",
                   "4. 特种作业人员必须持证上岗。"])[2] == "5个人以上作业时应当指定负责人。"


@pytest.mark.parametrize(
    ("stems", "third"),
    [
        # a few numbered rows pasted among unnumbered ones: 2．, then 3. 5m continues the numbering
        (["入井必须佩戴自救器。", "2．入井必须戴好安全帽。", "3. 5m以内不得堆放杂物。", "特种作业人员必须持证上岗。"],
         "5m以内不得堆放杂物。"),
        # off the sequence (the row before had no number 2): the figure stays
        (["入井必须佩戴自救器。", "入井必须戴好安全帽。", "3. 5m以内不得堆放杂物。", "特种作业人员必须持证上岗。"],
         "3. 5m以内不得堆放杂物。"),
        # a numbering that starts at 1 is one, unless what follows is a count that 1.5 could be
        (["入井必须佩戴自救器。", "入井必须戴好安全帽。", "1. 2号煤层必须编制防突设计。", "特种作业人员必须持证上岗。"],
         "2号煤层必须编制防突设计。"),
        (["入井必须佩戴自救器。", "入井必须戴好安全帽。", "1. 5个工作日内应当上报事故情况。", "特种作业人员必须持证上岗。"],
         "1. 5个工作日内应当上报事故情况。"),
        # "3. 0.5m" cannot be a decimal: question 3
        (["入井必须佩戴自救器。", "入井必须戴好安全帽。", "3. 0.5m以内不得堆放杂物。", "特种作业人员必须持证上岗。"],
         "0.5m以内不得堆放杂物。"),
        # unchanged: a clearly marked number goes on any row, a decimal without a space stays
        (["入井必须佩戴自救器。", "入井必须戴好安全帽。", "7、井下作业严禁携带烟火。", "特种作业人员必须持证上岗。"],
         "井下作业严禁携带烟火。"),
        (["入井必须佩戴自救器。", "入井必须戴好安全帽。", "1.5%的瓦斯浓度时必须停止作业。", "特种作业人员必须持证上岗。"],
         "1.5%的瓦斯浓度时必须停止作业。"),
    ],
)
def test_an_unnumbered_column_decides_by_the_rows_around(stems: list[str], third: str) -> None:
    assert _stems(stems)[2] == third


def test_a_numbered_column_with_a_space_separator_keeps_a_count_off_the_sequence() -> None:
    stems = ["1 入井必须佩戴自救器。", "2 入井必须戴好安全帽。", "3 井下作业严禁携带烟火。", "2 人以上方可进入盲巷。"]
    assert _stems(stems)[3] == "2 人以上方可进入盲巷。"


@pytest.mark.parametrize(
    ("stem", "split"),
    [("3. 5个工作日内", (3, "5个工作日内", True)), ("3．5个工作日内", (None, "3．5个工作日内", False)),
     ("3. 0.5m以内", (3, "0.5m以内", False)), ("3. 井下", (3, "井下", False)), ("12)下列", (12, "下列", False)),
     ("3条规定", (None, "3条规定", False))],
)
def test_split_marked_number(stem: str, split: tuple[int | None, str, bool]) -> None:
    assert split_marked_number(stem) == split


def test_split_number_flags_a_count_set_off_by_a_space() -> None:
    assert split_number("2 人以上方可进入") == (2, "人以上方可进入", False)
    assert split_number("300 在现场") == (300, "在现场", True)


@pytest.mark.parametrize(
    ("text", "quantity"),
    [("5个工作日", True), ("2 人以上", True), ("0.5m以内", True), ("20%的", True), ("10 分钟", True), ("6小时", True),
     ("3倍", True), ("2号煤层", False), ("12井下", False), ("井下", False)],
)
def test_starts_with_quantity(text: str, quantity: bool) -> None:
    assert starts_with_quantity(text) is quantity
