"""Packed option cells in every style the issue lists, and the repairs of dropped markers."""

from __future__ import annotations

import pytest

from quiz.bank.options import split_options, split_stem_options
from quiz.bank.types import Option


def pairs(cell: str) -> list[tuple[str, str]]:
    return [(o.key, o.text) for o in split_options(cell)]


@pytest.mark.parametrize(
    "cell",
    [
        "**A.正确**B.错误",
        "**A:正确**B:错误",
        "**A：正确**B：错误",
        "**A、正确 **B、错误",
        "**A正确**B错误",
        "A.正确 B.错误",
        "A、正确  B、错误",
        "A．正确\u3000B．错误",
        "Ａ．正确　Ｂ．错误",
        "A.正确\nB.错误",
        "A、正确\r\nB、错误",
        "正确\n错误",
        "（A）正确（B）错误",
        "A:正确;B:错误",
        "正确|错误",
        "A 正确 B 错误",
    ],
)
def test_option_styles(cell: str) -> None:
    assert pairs(cell) == [("A", "正确"), ("B", "错误")]


def test_options_keep_latin_words_and_formulas() -> None:
    assert pairs("**AMIG焊**BMAG焊**C压焊") == [("A", "MIG焊"), ("B", "MAG焊"), ("C", "压焊")]
    assert pairs("**AZ**BR**CA") == [("A", "Z"), ("B", "R"), ("C", "A")]
    assert pairs("A.MIG焊 B.TIG焊 C.CO2焊") == [("A", "MIG焊"), ("B", "TIG焊"), ("C", "CO2焊")]


def test_eight_options() -> None:
    cell = "".join(f"**{k}.项{k}" for k in "ABCDEFGH")
    assert [o.key for o in split_options(cell)] == list("ABCDEFGH")


def test_dropped_marker_between_hanzi_is_put_back() -> None:
    assert pairs("**A化学品仓库B棉织品仓库**C各类仓库") == [("A", "化学品仓库"), ("B", "棉织品仓库"), ("C", "各类仓库")]
    assert pairs("**A、规程B服从管理C上岗") == [("A", "规程"), ("B", "服从管理"), ("C", "上岗")]
    assert pairs("**A<2000Hz**B2000至8000Hz范围C、>10000Hz") == [
        ("A", "<2000Hz"),
        ("B", "2000至8000Hz范围"),
        ("C", ">10000Hz"),
    ]


def test_shuffled_letters_are_put_in_order() -> None:
    assert pairs("**C电磁场**A电伤**B电击") == [("A", "电伤"), ("B", "电击"), ("C", "电磁场")]


def test_unrecoverable_cells_are_reported_as_found() -> None:
    assert [o.key for o in split_options("**A硬度**B韧度**B耐腐蚀性")] == ["A", "B", "B"]
    assert [o.key for o in split_options("**A水**C湿布")] == ["A", "C"]
    assert split_options("") == []


def test_options_inside_the_stem() -> None:
    stem, options = split_stem_options("下列说法正确的是（ ）\nA.甲\nB.乙")
    assert stem == "下列说法正确的是（ ）"
    assert options == [Option("A", "甲"), Option("B", "乙")]
    assert split_stem_options("煤矿安全规程规定了什么")[1] == []
