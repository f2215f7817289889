"""A runner-up restating the rule an answer quotes is no rival answer (kb.restating, kb.qa's margin)."""

from __future__ import annotations

from pathlib import Path

from kb.qa import ask
from kb.restating import restates
from tests.kb.conftest import small_kb

RULE = "留作挡水的煤柱划定以后，任何人不准私自改动。挡水煤柱里一律不准回采。"
SAME_RULE = "两矿交界处要留挡水煤柱。留作挡水的煤柱划定以后，任何人不准私自改动，并告知邻矿。"
OTHER_RULE = "挡水煤柱的宽度按水压和煤层厚度计算，不得小于二十米。"


def test_a_sentence_said_again_nearly_word_for_word_is_restated():
    assert restates(RULE, SAME_RULE)


def test_another_rule_on_the_same_thing_is_no_restatement():
    # the same subject (挡水煤柱) and several of its words, but another rule
    assert not restates(RULE, OTHER_RULE)
    assert not restates(OTHER_RULE, SAME_RULE)


def test_nothing_quoted_restates_nothing():
    assert not restates("", SAME_RULE)
    assert not restates("（一）", SAME_RULE)


def _margin(tmp_path: Path, rows: list) -> float:
    kb = small_kb(tmp_path / "index", rows)
    answer = ask(kb, "挡水煤柱划定以后能改动吗")
    assert answer.hit is not None and answer.hit.article_id == 1
    return answer.features["margin"]


ALONE = [(1, "防水规定", "部门规章", 1, RULE), (2, "防水规定", "部门规章", 2, OTHER_RULE)]


def test_a_second_document_restating_the_rule_leaves_the_margin_as_it_was(tmp_path: Path):
    restated = [*ALONE, (3, "安全规程", "部门规章", 3, SAME_RULE)]
    assert _margin(tmp_path / "restated", restated) > _margin(tmp_path / "alone", ALONE) - 0.1


def test_a_close_runner_up_saying_something_else_still_narrows_the_margin(tmp_path: Path):
    other = "挡水煤柱划定以后需要改动的，报总工程师批准后方能改动，并重新计算宽度。"
    rivalled = [*ALONE, (3, "安全规程", "部门规章", 3, other)]
    assert _margin(tmp_path / "rivalled", rivalled) < _margin(tmp_path / "alone", ALONE) - 0.1


SPLIT_RULE = "两矿交界处要留挡水煤柱。留作挡水的煤柱划定以后。任何人不准私自改动，并告知邻矿。"


def test_a_rule_split_into_two_sentences_elsewhere_is_restated():
    # One document says in two sentences what the other says in one.
    assert restates("留作挡水的煤柱划定以后，任何人不准私自改动。", SPLIT_RULE)
    assert not restates("留作挡水的煤柱划定以后，任何人不准私自改动。", "两矿交界处要留挡水煤柱。任何人不准私自改动。")


def test_an_article_of_the_same_document_worded_alike_stays_a_rival(tmp_path: Path):
    # A parallel rule of the answer's own document (the same wording for another thing) is no
    # restatement of it: the margin narrows as it would for any close runner-up.
    parallel = [*ALONE, (3, "防水规定", "部门规章", 3, SAME_RULE)]
    elsewhere = [*ALONE, (3, "安全规程", "部门规章", 3, SAME_RULE)]
    assert _margin(tmp_path / "parallel", parallel) < _margin(tmp_path / "elsewhere", elsewhere) - 0.1
