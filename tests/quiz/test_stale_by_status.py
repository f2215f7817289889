"""Registering a newer version and clearing it again (deploy audit): the questions citing the
document stayed flagged stale though no article changed, and so did those whose 出处 was only
the system's suggestion. Now clearing restores what the registration changed, the reason says
what happened, and suggestions are never flagged (they are suggested afresh)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from core.db import db
from corpus.ingestion import ingest_paths
from corpus.models import Article
from quiz.bank import citations, service
from quiz.bank.models import Question
from tests.quiz.test_bank import SINGLE

RULE = "# 井口候车规定\n\n第一条 候车人员必须在候车线以外排队。\n\n第二条 罐笼未停稳不得上下人员。\n\n第三条 本规定自2018年5月1日起施行。\n"


def _setup(tmp_path):
    path = tmp_path / "井口候车规定.md"
    path.write_text(RULE, encoding="utf-8")
    ingest_paths([path], db.session)
    article = db.session.scalar(select(Article).where(Article.label == "第一条"))
    cited = service.add_question(replace(SINGLE, stem="候车人员应在哪里排队？", article_id=article.id))
    suggested = service.add_question(replace(SINGLE, stem="罐笼未停稳时可以上下人员吗？"))
    citations.cite_article(suggested, article, confidence=0.5, state="suggested")
    db.session.commit()
    return article.document_id, cited.id, suggested.id


def _question(question_id: int) -> Question:
    db.session.expire_all()
    return db.session.get(Question, question_id)


def test_registering_then_clearing_a_newer_version_restores_the_questions(app, runner, tmp_path) -> None:
    document_id, cited, suggested = _setup(tmp_path)

    marked = runner.invoke(args=["corpus", "mark-newer", str(document_id), "《井口候车规定》（2019年修订）",
                                 "--effective", "2019-09-01"])
    assert marked.exit_code == 0, marked.output
    question = _question(cited)
    assert question.stale
    assert question.stale_reason == "《井口候车规定》第一条所在文件已被新版本取代（《井口候车规定》（2019年修订）），请核对"
    guess = _question(suggested)
    assert not guess.stale and guess.citation_state == "none"  # suggested afresh, not flagged

    cleared = runner.invoke(args=["corpus", "mark-newer", str(document_id), "--clear"])
    assert cleared.exit_code == 0, cleared.output
    question = _question(cited)
    assert not question.stale and question.stale_reason == ""
    assert question.article.document_id == document_id


def test_a_changed_article_stays_flagged_when_the_registration_is_cleared(app, runner, tmp_path) -> None:
    document_id, cited, _ = _setup(tmp_path)
    question = _question(cited)
    question.stale, question.stale_reason = True, "《井口候车规定》第一条在新版本中已修改，请核对"
    db.session.commit()
    runner.invoke(args=["corpus", "mark-newer", str(document_id), "新版", "--effective", "2019-09-01"])
    runner.invoke(args=["corpus", "mark-newer", str(document_id), "--clear"])
    assert _question(cited).stale  # flagged for its text, not by the registration: the trainer reviews it


def test_the_admin_page_action_takes_the_same_path(app, client, login, tmp_path) -> None:
    from tests.conftest import csrf_token

    document_id, cited, _ = _setup(tmp_path)
    login("admin")
    page = f"/library/{document_id}"
    client.post(f"{page}/newer", data={"csrf_token": csrf_token(client, page), "name": "新版", "effective": "2019-09-01"})
    assert _question(cited).stale
    client.post(f"{page}/newer", data={"csrf_token": csrf_token(client, page), "name": "", "confirmed": "1"})
    assert not _question(cited).stale
