"""Chinese numerals in article numbers, document numbers and dates."""

from __future__ import annotations

import pytest

from corpus.numerals import parse_chinese_number, to_chinese_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零七", 107),
        ("一百一十九", 119),
        ("七百七十七", 777),
        ("一千零一", 1001),
        ("两百", 200),
        ("二〇二四", 2024),
        ("一万零五", 10005),
        ("76", 76),
        ("７６", 76),
    ],
)
def test_parses_numerals(text: str, value: int) -> None:
    assert parse_chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "条", "一a", "第一"])
def test_refuses_what_is_not_a_numeral(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese_number(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (107, "一百零七"),
        (110, "一百一十"),
        (776, "七百七十六"),
        (1010, "一千零一十"),
    ],
)
def test_writes_numerals_as_legal_texts_do(value: int, text: str) -> None:
    assert to_chinese_number(value) == text


def test_round_trip_over_every_article_number_in_use() -> None:
    assert all(parse_chinese_number(to_chinese_number(n)) == n for n in range(1, 3000))
