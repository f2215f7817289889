"""Single cells: difficulty, status, category paths, written citations, answers inside stems."""

from __future__ import annotations

import pytest

from corpus.documents import Citation
from quiz.bank.cells import answer_in_stem, parse_category, parse_citation, parse_difficulty, parse_status


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("易", 1),
        ("简单", 1),
        ("较易", 2),
        ("中等", 3),
        ("一般", 3),
        ("较难", 4),
        ("难", 5),
        ("困难", 5),
        ("4", 4),
        ("", None),
        ("很玄", None),
    ],
)
def test_difficulty(text: str, level: int | None) -> None:
    assert parse_difficulty(text) == level


def test_status_and_category() -> None:
    assert [parse_status(t) for t in ("已审核", "已停用", "草稿", "", "乱写")] == [
        "approved",
        "retired",
        "draft",
        "draft",
        "draft",
    ]
    assert parse_category("一通三防 / 瓦斯") == ("一通三防", "瓦斯")
    assert parse_category("机电>供电") == ("机电", "供电")
    assert parse_category("") == ()


def test_written_citations() -> None:
    assert parse_citation("依据《煤矿安全规程》第一百零七条") == Citation("煤矿安全规程", "第一百零七条")
    assert parse_citation("《安全生产法》") == Citation("安全生产法", "")
    assert parse_citation("规程") is None


def test_answer_in_stem_takes_the_last_bracketed_letters_only() -> None:
    assert answer_in_stem("在（ 井下 ）严禁（B）") == ("在（ 井下 ）严禁（ ）", "B")
    assert answer_in_stem("下列属于（A,C）") == ("下列属于（ ）", "A,C")
    assert answer_in_stem("没有答案（ ）") == ("没有答案（ ）", "")
