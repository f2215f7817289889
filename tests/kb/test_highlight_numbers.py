"""Highlighting marks a number only where the text has that number: the 1 of 第1条 asked about is not
marked inside 1.5% or 15人, and a letter whose lower case is longer does not shift the marks."""

from __future__ import annotations

from kb.highlight import mark


def test_a_number_is_marked_only_as_a_whole_number() -> None:
    shown = str(mark("瓦斯浓度达到1.5%时停止作业，第1条规定，15人以上，0.5m以内，1人监护", ["1", "5", "1.5"]))
    assert shown == ("瓦斯浓度达到<mark>1.5</mark>%时停止作业，第<mark>1</mark>条规定，15人以上，0.5m以内，"
                     "<mark>1</mark>人监护")


def test_words_are_still_marked_inside_longer_text() -> None:
    assert str(mark("局部通风机停风", ["通风"])) == "局部<mark>通风</mark>机停风"


def test_a_longer_lower_case_does_not_shift_the_marks() -> None:
    assert str(mark("İstanbul 瓦斯超限", ["瓦斯"])) == "İstanbul <mark>瓦斯</mark>超限"
