"""Faults of the sixth managers' blind read (bench/generation_blind_read_managers_6.md), each rule with an example in
our own words and counter-examples that keep working: a bound turned round where the result reads as no rule (T5, T26),
a ban made a permission where the same article allows the act on a condition (T35), a duty said to recur made a
dispensation (T27)."""

from __future__ import annotations

import pytest

from quiz.generation import articles as read
from quiz.generation.bounds import flip_reads_as_rule
from quiz.generation.records import Change
from quiz.generation.theory.true_false import permitted_under_condition

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


# --------------------------------------------------------------------------- T35: allowed elsewhere on a condition

_PERMISSION = Change("modal", "不得", "可以")


def _permitted(article: str, sentence: str) -> bool:
    return permitted_under_condition(article, sentence, sentence.index("不得"), _PERMISSION)


@pytest.mark.parametrize("article", [
    # The next sentence lets the banned act be done with an approval: 可以在库房内动用明火 is half true.
    "库房内不得动用明火进行切割。确需在库房内动用明火进行切割的，应当经总工程师批准并派专人监护。",
    "库房内不得动用明火进行切割。如果必须在库房内动用明火进行切割，每次应当制定措施。",
])
def test_a_ban_the_article_lifts_on_a_condition_is_not_made_a_permission(article: str) -> None:
    assert _permitted(article, "库房内不得动用明火进行切割")


def test_a_condition_in_the_statement_itself_counts() -> None:
    sentence = "两台绞车同时运行时，备用绞车不得进行空载试车。单台绞车确需空载试车的，必须派专人看护。"
    assert _permitted(sentence, sentence)


@pytest.mark.parametrize("article", [
    "库房内不得动用明火进行切割。",  # no other sentence
    "库房内不得动用明火进行切割。库房应当经总工程师批准后方可启用。",  # a condition on another act
    "库房内不得动用明火进行切割。运输巷道内确需切割的，应当使用水射流切割。",  # a few shared characters only
])
def test_a_ban_no_sentence_lifts_stays_a_false_permission(article: str) -> None:
    assert not _permitted(article, "库房内不得动用明火进行切割")


def test_a_duty_made_a_dispensation_is_not_judged_here() -> None:
    sentence = "库房内必须设置灭火器材进行防护"
    change = Change("modal", "必须", "不必")
    assert not permitted_under_condition("确需在库房内设置灭火器材进行防护的，可以。", sentence, 3, change)


# --------------------------------------------------------------------------- T27: a recurring duty made a dispensation


@pytest.mark.parametrize("sentence", [
    "每年冬季前，矿井必须对井口防冻设施进行检查",  # 每年冬季前…不必 contradicts itself
    "绞车司机每班必须检查钢丝绳",
    "每次放炮前必须洒水",
])
def test_a_duty_said_to_recur_is_not_made_a_dispensation(sentence: str) -> None:
    assert not [c for c in read.modal_changes(sentence) if c[2] == "不必"]


@pytest.mark.parametrize("sentence", [
    "进入盲巷前，必须检查甲烷浓度",  # a duty tied to an act, not a schedule
    "每个盲巷入口必须检查甲烷浓度",  # 每个 counts places, not times
])
def test_a_duty_tied_to_an_act_still_makes_a_dispensation(sentence: str) -> None:
    assert [c for c in read.modal_changes(sentence) if c[2] == "不必"]
