"""`python run.py ask` says 把握不大（可能的答案） whenever the answer is not confident, as the page
does: it printed 把握 0.857 while --json said confident: false and the page 把握不大."""

from __future__ import annotations

from kb.cli import _render_ask


def _payload(confident: bool) -> dict:
    return {"question": "入井可以带打火机吗", "took_ms": 12, "confidence": 0.857, "answered": True,
            "confident": confident, "answer": "严禁携带烟草和点火物品下井。", "citation": "《示例规程》第十条",
            "message": "", "results": [{"citation": "《示例规程》第十条"}]}


def test_an_answer_not_confident_reads_as_the_page_says_it() -> None:
    text = _render_ask(_payload(confident=False))
    assert "把握不大（可能的答案）" in text
    assert "答：严禁携带烟草和点火物品下井。" in text and "出处：《示例规程》第十条" in text


def test_a_confident_answer_is_just_the_answer() -> None:
    text = _render_ask(_payload(confident=True))
    assert "把握不大" not in text and "可能的答案" not in text
    assert text.splitlines()[1] == "答：严禁携带烟草和点火物品下井。"
