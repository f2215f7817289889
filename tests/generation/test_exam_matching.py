"""Matching real bank questions to the articles they quote (bench/generation_quality.py --build-exam-list): a
document title named in 《》 is no passage of an article. Examples in our own words."""

from __future__ import annotations

from quiz.bank.types import Option, QuestionDraft
from tests.generation.conftest import article

# A rulebook's first article names the laws it is made under; the law itself has its own first article.
RULEBOOK = article("为保障矿井通风安全，依据《中华人民共和国矿井通风防护法》等，制定本规程。", label="第一条",
                   title="测试通风规程", number=1)
LAW = article("为了防止矿井通风事故，依照宪法，制定本法。", label="第一条", title="中华人民共和国矿井通风防护法", number=1)
DUTY = article("矿井主要通风机停止运转时，井下作业人员必须立即撤到进风巷道中，并报告调度室。", label="第九条",
               title="测试通风规程", number=9)
FILLER = [article(f"矿井第{i}号巷道应当保持畅通，堆放物料不得超过巷道断面的三分之一。", label=f"第{i + 20}条",
                  title="测试通风规程", number=20 + i) for i in range(5)]


def _judge(stem: str) -> QuestionDraft:
    return QuestionDraft(type="judge", stem=stem, options=(Option("A", "正确"), Option("B", "错误")), answer=("A",))


def test_a_question_about_a_laws_own_making_is_not_tied_to_an_article_citing_its_title(gq):
    matcher = gq.ArticleMatcher([RULEBOOK, LAW, DUTY, *FILLER])
    about_the_law = _judge("《中华人民共和国矿井通风防护法》是在2001年制定的。")
    # Matched with its title, the question shares the title with the rulebook's first article (a mismatch).
    assert matcher.match(gq.bank_statement(about_the_law)) is not None
    assert gq.bank_match(matcher, about_the_law) is None


def test_a_question_quoting_an_article_still_matches_it_when_it_names_its_document(gq):
    matcher = gq.ArticleMatcher([RULEBOOK, LAW, DUTY, *FILLER])
    quoting = _judge("《测试通风规程》规定，主要通风机停止运转时，井下作业人员必须立即撤到进风巷道中。")
    found = gq.bank_match(matcher, quoting)
    assert found is not None and found[:2] == ("测试通风规程", "第九条")
