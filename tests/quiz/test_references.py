"""Reading the articles a trainer names in a 解析 (《煤矿安全规程》第四百七十八条, 第478条, 第十条之一)."""

from __future__ import annotations

import pytest

from quiz.bank.references import ArticleReference, article_references, shared_bigrams, without_references


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依据第四百七十八条，检修前先停电。", [ArticleReference(478)]),
        ("《煤矿安全规程》第四百七十八条规定了停电检修", [ArticleReference(478, title="煤矿安全规程")]),
        ("见《 煤矿安全规程 》 第一百零七条", [ArticleReference(107, title="煤矿安全规程")]),
        ("规程第478条", [ArticleReference(478)]),
        ("第４７８条", [ArticleReference(478)]),
        ("第十条之一：另有规定", [ArticleReference(10, sub=1)]),
        ("第四十条与第二十条都有要求", [ArticleReference(40), ArticleReference(20)]),
        ("没有写条文", []),
    ],
)
def test_article_references(text: str, expected: list[ArticleReference]) -> None:
    assert article_references(text) == expected


def test_an_article_inside_a_longer_number_is_not_read() -> None:
    numbers = [r.number for r in article_references("按照第四十条和第一百四十条执行")]
    assert numbers == [40, 140]
    assert 4 not in numbers


def test_a_reference_named_twice_is_listed_once() -> None:
    assert len(article_references("第五条……再看第五条")) == 1


def test_without_references_keeps_what_the_rule_is_about() -> None:
    rest = without_references("《煤矿安全规程》第四百七十八条：停电后方可检修")
    assert "第四百" not in rest and "停电后方可检修" in rest


def test_shared_bigrams_counts_adjacent_pairs_in_common() -> None:
    assert shared_bigrams("停电检修设备", "检修设备前必须停电") == 4  # 停电 检修 修设 设备
    assert shared_bigrams("顶板管理", "通风系统") == 0
