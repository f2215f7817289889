"""A word of a 重大事故隐患 pattern that is negated, or stated normal, does not make a finding major;
a pattern whose word is itself a negation (未安装, 没有备用) still calls the danger."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from inspections.major import Pattern, PatternError, classify, load_patterns
from tests.inspections.major_labelled import MAJOR, ORDINARY, measure

DAY = date(2026, 12, 2)


@pytest.mark.parametrize("text", [
    "备用主要通风机每月倒机试验无记录",  # a record missing, not the fan
    "备用主要通风机检查无异常，但机房卫生较差",
    "采煤工作面下出口处堆放少量材料，未堵塞安全出口",
])
def test_the_findings_the_reviewer_found_are_ordinary(text):
    assert classify(text, DAY) is None


@pytest.mark.parametrize(("text", "pattern"), MAJOR)
def test_a_labelled_major_danger_is_called_by_its_pattern(text, pattern):
    call = classify(text, DAY)
    assert call is not None and call.pattern == pattern, text


@pytest.mark.parametrize("text", ORDINARY)
def test_a_labelled_ordinary_finding_is_not_called_major(text):
    call = classify(text, DAY)
    assert call is None, f"{text} -> {call.pattern}"


def test_precision_and_recall_on_the_labelled_findings():
    m = measure(classify, DAY)
    assert m.total >= 30 and m.real_major * 3 >= m.total  # enough of both kinds to say anything
    assert (m.precision, m.recall) == (1.0, 1.0), m


def _pattern(*groups: tuple[str, ...]) -> Pattern:
    return Pattern("t", ("x",), groups, ())


@pytest.mark.parametrize(("text", "counts"), [
    ("上出口堵塞", True),
    ("上出口未堵塞", False),
    ("上出口并未被堵塞", False),
    ("上出口没有发现堵塞", False),
    ("上出口未发现堵塞、堵死", False),  # one negation covers the list
    ("上出口未发现堵塞以及堵死", False),
    ("上出口未清理，已堵塞", True),  # a negation of another clause
    ("上出口未及时清理堵塞物", True),  # the negation is of 清理
])
def test_a_word_right_after_a_negation_does_not_count(text, counts):
    assert _pattern(("出口",), ("堵塞", "堵死")).matches(text) is counts


@pytest.mark.parametrize(("text", "counts"), [
    ("风电闭锁失效", True),
    ("风电闭锁检查无异常", False),
    ("风电闭锁、甲烷电闭锁试验均正常", False),
    ("风电闭锁试验正常，开关失效", False),  # the fault is of another device
    ("风电闭锁被甩掉后局部通风机运行正常", True),  # normality of the fan, not the lock
    ("风电闭锁失效，试验不合格", True),
])
def test_a_word_stated_normal_at_its_clause_end_does_not_count(text, counts):
    assert _pattern(("风电闭锁", "甲烷电闭锁"), ("失效", "甩掉")).matches(text) is counts


@pytest.mark.parametrize(("text", "counts"), [
    ("掘进工作面无甲烷传感器", True),  # the negation opens the pattern's own word
    ("掘进工作面甲烷传感器未安装", True),
    ("掘进工作面甲烷传感器并非未安装", False),  # a negation of the negation
    ("检查井下，未发现无甲烷传感器的地点", False),
    ("掘进工作面甲烷传感器无记录", False),
])
def test_a_pattern_word_that_is_a_negation_keeps_its_meaning(text, counts):
    pattern = _pattern(("甲烷传感器",), ("无甲烷传感器", "未安装"))
    assert pattern.matches(text) is counts


def test_a_shorter_word_inside_a_negated_longer_one_is_negated_with_it():
    pattern = _pattern(("安全出口", "出口"), ("只有一个",))
    assert not pattern.matches("工作面无安全出口标识，只有一个人值守")
    assert pattern.matches("工作面只有一个安全出口")


@pytest.mark.parametrize("word", ["无", "没有", "未见", "并未", "堵"])
def test_a_pattern_word_that_is_one_character_or_only_a_negation_is_refused(tmp_path: Path, word):
    bad = tmp_path / "p.yaml"
    bad.write_text(f"patterns:\n  - {{id: x, items: [MH2015-08-2], all_of: [[主要通风机], [{word}]]}}\n",
                   encoding="utf-8")
    with pytest.raises(PatternError, match="too short or only a negation"):
        load_patterns(bad)
