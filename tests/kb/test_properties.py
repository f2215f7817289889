"""Property-based tests (hypothesis) of the text pipeline every search goes through: the normaliser
(corpus.normalize, applied by kb.analysis to documents and queries alike) and the query planner
(kb.query). Any unicode, and any mix of words with stray query syntax, must be handled."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corpus.normalize import _converter, normalize
from kb.analysis import terms
from kb.query import build_query, plan_query, query_terms

# The `kb` fixture (one per backend) is only read: sharing it between examples is intended.
QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=QUIET)
PUNCTUATION = ["(", ")", '"', "*", "~", "^", "?", ":", "[", "]", "{", "}", "\\", "-", "+", "《", "》", "。", " ",
               "　", "\n", "\x00"]
SYNTAX = [*PUNCTUATION, "AND", "OR", "NOT", "TO", "第", "条"]
WORDS = ["瓦斯", "自救器", "从业人员", "甲烷", "局部通风机", "培训", "矿灯", "劳动合同"]

# Traditional text and its Simplified form, as OpenCC's t2s gives them.
TRADITIONAL = st.sampled_from(["煤礦安全規程", "瓦斯檢查員", "從業人員", "發揮", "局部通風機", "勞動合同", "應急預案"])
cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
mixed_text = st.text(st.one_of(cjk, st.characters()), max_size=80)


@SETTINGS
@given(mixed_text)
@example("發(fā)揮　ＡＢＣ１２３\u200b")
@example("\ud800瓦斯")
@example("內（nèi）（nèi）")
@example("a \u3000\u00a0 b\r\n\n\n\nc")
def test_normalize_is_idempotent_and_never_raises(text):
    once = normalize(text)
    assert normalize(once) == once


@SETTINGS
@given(mixed_text)
def test_normalized_text_is_simplified_and_stays_so(text):
    once = normalize(text)
    assert _converter().convert(once) == once  # nothing left for Traditional → Simplified to change
    assert "\r" not in once and "\u200b" not in once and "\u3000" not in once


@SETTINGS
@given(TRADITIONAL, mixed_text)
def test_traditional_words_match_their_simplified_form(word, noise):
    simplified = _converter().convert(word)
    assert simplified != word
    assert normalize(word) == simplified
    # The analyzer gives the same words for a query typed in either script.
    assert terms(f"{noise} {word}") == terms(f"{noise} {simplified}")


@SETTINGS
@given(mixed_text)
def test_the_analyzer_never_raises(text):
    assert all(isinstance(t, str) and t for t in terms(text))


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=6)), max_size=20))
def test_any_string_plans_without_raising(parts):
    raw = "".join(parts)
    plan = plan_query(raw)
    build_query(plan)
    assert plan.raw == raw and len(plan.text) <= 500


@SETTINGS
@given(st.sampled_from(WORDS), st.lists(st.sampled_from(SYNTAX), max_size=12), st.randoms(use_true_random=False))
def test_a_word_among_stray_syntax_is_still_planned(kb, word, syntax, rng):
    parts = [*syntax, word]
    rng.shuffle(parts)
    raw = rng.choice(["", " "]).join(parts)
    plan, _ = kb.prepare(raw)
    assert not plan.empty and query_terms(plan), raw
    assert any(word in c.term or c.term in word for c in plan.concepts), (raw, plan.concepts)


@SETTINGS
@given(st.sampled_from(WORDS), st.lists(st.sampled_from(PUNCTUATION), max_size=12), st.randoms(use_true_random=False))
def test_a_word_among_stray_punctuation_is_found(kb, word, syntax, rng):
    parts = [*syntax, word]
    rng.shuffle(parts)
    raw = "".join(parts)
    # Every word of WORDS is in the test library: brackets, quotes and operators' marks do not
    # cost the hit (operator words neither: tests/kb/test_syntax_words.py).
    assert kb.search(raw).total >= 1, raw


@settings(max_examples=60, deadline=None, suppress_health_check=QUIET)
@given(st.lists(st.one_of(st.sampled_from(SYNTAX + WORDS), st.text(max_size=4)), max_size=15))
def test_searching_any_string_never_raises(kb, parts):
    raw = "".join(parts)
    results = kb.search(raw)
    assert results.hits or results.message or results.total == 0
    for hit in results.hits:
        assert "<script" not in hit.snippet  # highlights stay escaped whatever was typed
