"""Stray query syntax (operator words, quotes, brackets, wildcards) never errors and costs nothing:
a query finds and answers what its real words ask, on both backends. Operator words are not
words the library lacks, for the relevance floor or for ask's confidence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.qa import ask, question_weights, unknown_share
from kb.query import plan_query
from tests.kb.test_properties import QUIET, WORDS

# (typed, the real words it asks about)
STRAY = [
    ("瓦斯 AND OR NOT TO", "瓦斯"),
    ('"瓦斯 -超限', "瓦斯 超限"),
    ("*矿灯*", "矿灯"),
    ("瓦斯)(", "瓦斯"),
    ("自救器 AND 矿灯", "自救器 矿灯"),
    ("(局部通风机 OR 甲烷) NOT", "局部通风机 甲烷"),
    ("从业人员ANDNOT培训", "从业人员 培训"),
    ("[瓦斯 TO 甲烷]", "瓦斯 甲烷"),
]


def found(results) -> list[tuple[int, float]]:
    return [(h.article_id, round(h.score, 6)) for h in results.hits]


@pytest.mark.parametrize(("typed", "words"), STRAY)
def test_stray_syntax_searches_as_its_words(kb, typed, words) -> None:
    plain, stray = kb.search(words), kb.search(typed)
    assert plain.hits, words  # the library holds these words: the comparison means something
    assert (found(stray), stray.total, stray.message) == (found(plain), plain.total, plain.message)


def test_operator_words_are_not_unknown_words(kb) -> None:
    """瓦斯 AND OR NOT TO was declined by the floor: four of its five words were unknown to the library."""
    typed = "瓦斯 AND OR NOT TO"
    assert [c.term for c in plan_query(typed).concepts] == ["瓦斯"]
    assert unknown_share(kb, typed) == 0.0
    assert question_weights(kb, typed) == question_weights(kb, "瓦斯")
    results = kb.search(typed)
    assert results.hits and not results.message


@pytest.mark.parametrize(("typed", "words"), STRAY)
def test_stray_syntax_asks_as_its_words(kb, typed, words) -> None:
    plain, stray = ask(kb, words), ask(kb, typed)
    assert (stray.answered, stray.confidence, stray.citation, stray.sentences) == (
        plain.answered,
        plain.confidence,
        plain.citation,
        plain.sentences,
    )
    assert [h.article_id for h in stray.alternatives] == [h.article_id for h in plain.alternatives]


def test_lower_case_and_words_inside_others_stay_words() -> None:
    """Only capitals standing apart are operators: TOTAL, NOTE, CO2 and a lower-case word remain."""
    assert [c.term for c in plan_query("TOTAL NOTE CO2 AND 瓦斯 and").concepts] == ["total", "note", "co2", "瓦斯", "and"]


@settings(max_examples=40, deadline=None, suppress_health_check=QUIET)
@given(
    st.sampled_from(WORDS),
    st.lists(st.sampled_from(["AND", "OR", "NOT", "TO", "(", ")", '"', "*", "-", "+", "~", "[", "]", "{", "}"]),
             max_size=8),
    st.randoms(use_true_random=False),
)
def test_a_word_among_any_syntax_finds_what_the_word_finds(kb, word, syntax, rng) -> None:
    parts = [*syntax, word]
    rng.shuffle(parts)
    typed = " ".join(parts)
    assert found(kb.search(typed)) == found(kb.search(word)), typed
