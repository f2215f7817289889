"""The article a question's 解析 names is its citation suggestion, ahead of the search's guesses,
when it is in force and bears on the question (解析中注明)."""

from __future__ import annotations

from datetime import date

from corpus.models import Article, Document
from corpus.numerals import to_chinese_number
from quiz.bank import citations, service
from quiz.bank.models import Question
from quiz.bank.types import JUDGE_OPTIONS, QuestionDraft
from tests.quiz.test_bank import FakeSuggestion

RULES = "煤矿安全规程"
LOCAL = "示范煤矿停送电作业办法"
STEM = "检修井下电气设备时可以带电操作以节约时间。"
RULE_TEXT = "检修井下电气设备前必须停电，严禁带电检修；停电后应当验电、放电并挂牌。"
LOCAL_TEXT = "井下电气设备的检修必须先申请停电，由供电队统一安排停送电时间。"
OTHER_TEXT = "矿井应当建立防治水机构，配备专业技术人员。"


def _document(db_session, title: str, articles: dict[int, str]) -> dict[int, Article]:
    document = Document(title=title, doc_key=title, doc_type="部门规章", version_date=date(2025, 1, 1),
                        source_name=f"{title}.md", source_hash=title)
    made = {}
    for n, text in articles.items():
        made[n] = Article(ordinal=n, kind="article", number=n, label=f"第{to_chinese_number(n)}条", text=text, anchor=f"art-{n}")
        document.articles.append(made[n])
    db_session.add(document)
    db_session.flush()
    return made


def _library(db_session) -> tuple[Article, Article, Article]:
    """规程 article 478 and a local rule's article 4 on the same matter; the local rule also has a 478."""
    rules = _document(db_session, RULES, {478: RULE_TEXT})
    local = _document(db_session, LOCAL, {4: LOCAL_TEXT, 478: RULE_TEXT.replace("挂牌", "悬挂警示牌")})
    return rules[478], local[4], local[478]


def _judge(explanation: str) -> QuestionDraft:
    return QuestionDraft(type="judge", stem=STEM, options=JUDGE_OPTIONS, answer=("B",), explanation=explanation)


def _search_prefers(*ranked: tuple[Article, float]):
    return lambda text: [FakeSuggestion(a.id, a.citation, c * 10, c) for a, c in ranked]


def test_the_named_article_leads_with_or_without_its_title(db_session) -> None:
    rule, local4, _local478 = _library(db_session)
    suggest = _search_prefers((local4, 0.63), (rule, 0.36))
    for explanation in ("《煤矿安全规程》第四百七十八条：检修时不得带电", "规程第四百七十八条：检修时不得带电"):
        question = service.add_question(_judge(explanation), suggest=suggest, check_duplicate=False)
        assert (question.article_id, question.citation_state) == (rule.id, "suggested")
        found = citations.candidates(question, suggest)
        assert [(c.article.id, c.reason) for c in found[:2]] == [(rule.id, "解析中注明"), (local4.id, "")]
        assert found[0].confidence == 0.36


def test_a_title_picks_its_document(db_session) -> None:
    _rule, local4, local478 = _library(db_session)
    question = service.add_question(_judge(f"《{LOCAL}》第478条"), suggest=_search_prefers((local4, 0.6)), check_duplicate=False)
    assert question.article_id == local478.id


def test_a_bare_number_prefers_the_document_the_bank_cites(db_session) -> None:
    rule, local4, local478 = _library(db_session)
    for n in range(2):
        service.add_question(QuestionDraft(type="judge", stem=f"停送电第{n}题", options=JUDGE_OPTIONS, answer=("A",),
                                           article_id=local4.id))
    question = service.add_question(_judge("第四百七十八条"), suggest=_search_prefers((rule, 0.5)), check_duplicate=False)
    assert question.article_id == local478.id
    cited_rules = service.add_question(QuestionDraft(type="judge", stem="另一道规程题", options=JUDGE_OPTIONS,
                                                     answer=("A",), article_id=rule.id))
    assert cited_rules.citation_state == "accepted"
    for n in range(3):
        service.add_question(QuestionDraft(type="judge", stem=f"规程第{n}题", options=JUDGE_OPTIONS, answer=("A",),
                                           article_id=rule.id))
    again = service.add_question(_judge("见第四百七十八条。"), suggest=_search_prefers((local4, 0.5)), check_duplicate=False)
    assert again.article_id == rule.id


def test_a_named_article_about_something_else_is_not_believed(db_session) -> None:
    rule, local4, _ = _library(db_session)
    _document(db_session, "矿井防治水细则", {40: OTHER_TEXT, 4: OTHER_TEXT})
    suggest = _search_prefers((local4, 0.63), (rule, 0.36))
    wrong = service.add_question(_judge("《矿井防治水细则》第四十条"), suggest=suggest, check_duplicate=False)
    assert wrong.article_id == local4.id  # the search's guess: the named article is about water
    assert [c.reason for c in citations.candidates(wrong, suggest)] == ["", ""]
    missing = service.add_question(_judge("《煤矿安全规程》第九百条"), suggest=suggest, check_duplicate=False)
    assert missing.article_id == local4.id


def test_article_forty_is_not_article_four(db_session) -> None:
    _rule, local4, _ = _library(db_session)
    question = service.add_question(_judge(f"《{LOCAL}》第四十条"), suggest=lambda text: [], check_duplicate=False)
    assert question.article_id != local4.id and question.citation_state == "nomatch"


def test_the_question_page_lists_the_named_article_first(app, client, login, db_session) -> None:
    login("unit_trainer")
    rule, local4, _ = _library(db_session)
    suggest = _search_prefers((local4, 0.63), (rule, 0.36))
    question = service.add_question(_judge("第四百七十八条：检修时不得带电（规程）"), suggest=suggest, check_duplicate=False)
    db_session.commit()
    app.extensions["citation_suggester"] = suggest
    page = client.get(f"/bank/{question.id}").get_data(as_text=True)
    assert "（系统建议，解析中注明，待确认）" in page
    listed = page[page.index('id="citation-candidates"'):]
    assert listed.index(f"《{RULES}》第四百七十八条") < listed.index(f"《{LOCAL}》第四条")
    assert "解析中注明" in listed and "置信度 63%" in listed
    assert db_session.get(Question, question.id).article_id == rule.id


def test_retry_moves_an_earlier_suggestion_to_the_named_article(app, db_session) -> None:
    rule, local4, _ = _library(db_session)
    question = service.add_question(_judge("《煤矿安全规程》第四百七十八条"), check_duplicate=False)
    citations.cite_article(question, local4, confidence=0.63, state="suggested")  # made before 解析 was read
    confirmed = service.add_question(_judge("第四百七十八条"), check_duplicate=False)
    citations.cite_article(confirmed, local4)  # the trainer's own choice stays
    db_session.commit()
    app.extensions["citation_suggester"] = _search_prefers((local4, 0.63))
    result = app.test_cli_runner().invoke(args=["suggest-citations", "--retry"])
    assert result.exit_code == 0, result.output
    assert "1道题的建议出处改为解析中注明的条文" in result.output
    db_session.expire_all()
    assert db_session.get(Question, question.id).article_id == rule.id
    assert db_session.get(Question, confirmed.id).article_id == local4.id
