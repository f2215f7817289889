"""Faults of the sixth managers' blind read (bench/generation_blind_read_managers_6.md), each rule with an example in
our own words and counter-examples that keep working: a bound turned round where the result reads as no rule (T5, T26)."""

from __future__ import annotations

import pytest

from quiz.generation.bounds import flip_reads_as_rule

# A corpus in our own words: floors on counts of people and on days, ceilings only on voltages.
_CORPUS = "每次演练参加人数不少于12人。整改记录保存不少于90日。信号回路电压不超过24V。"


def _flip(text: str, old: str = "不超过", new: str = "不少于") -> bool:
    return flip_reads_as_rule(text, text.index(old), old, new, _CORPUS)


# --------------------------------------------------------------------------- T5, T26: a ceiling made a floor


@pytest.mark.parametrize("text", [
    "复查的期限最长不超过45日",  # 最长不少于45日 contradicts itself
    "每批最多不超过6人",
    "信号回路电压不超过24V",  # no rule sets a floor on a voltage: 电压不少于24V reads as nonsense
    "局部照明电压不超过36V",
])
def test_a_bound_turned_round_into_no_rule_is_not_offered(text: str) -> None:
    assert not _flip(text)


@pytest.mark.parametrize("text", [
    "复查的期限不超过45日",  # floors on days are how rules speak
    "每批下井不超过6人",
])
def test_a_bound_turned_round_into_a_plausible_rule_stays(text: str) -> None:
    assert _flip(text)


def test_without_a_corpus_to_read_no_bound_is_turned_round() -> None:
    assert not flip_reads_as_rule("每批下井不超过6人", 4, "不超过", "不少于", "")
