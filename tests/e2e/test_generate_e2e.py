"""In real Chromium: a trainer generates five questions on the review page, sees each beside the
paragraph it was made from, and approves one (issue 14, "Must show")."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e


def test_trainer_generates_five_sees_each_source_and_approves_one(page, live_server) -> None:
    from core.db import db
    from corpus.models import Article
    from quiz.bank.models import Question

    live_server.sign_in(page, "unit_trainer")

    page.goto(f"{live_server.url}/bank/review/")
    if not page.locator("#generate-form details[open]").count():  # folded while drafts wait for review
        page.click("#generate-form summary")
    page.select_option("#generate-kind", "theory")
    assert page.locator(".generate-hazard").is_hidden()
    assert page.locator(".generate-hazard input[name=jobs]").first.is_disabled()  # not sent either
    with live_server.app.app_context():  # the demo library's longest theory document
        from sqlalchemy import func

        from corpus.models import Document

        offered = [box.get_attribute("value") for box in page.locator("fieldset#documents input[name=documents]").all()]
        sizes = db.session.execute(
            select(Document.title, func.count(Article.id))
            .join(Article)
            .where(Document.title.in_(offered))
            .group_by(Document.title)
        ).all()
        document = max(sizes, key=lambda row: row[1])[0]
    page.locator("fieldset#documents input[name=documents]").and_(page.locator(f'[value="{document}"]')).check()
    page.fill("#generate-count", "5")
    page.click("#generate-submit")
    page.wait_for_url(re.compile(r"/bank/review/\?ids="), timeout=60000)
    assert "已生成5道草稿题" in page.inner_text("body")

    rows = page.locator("tr.review-item")
    assert rows.count() == 5
    ids = [int(rows.nth(i).get_attribute("data-question")) for i in range(5)]
    with live_server.app.app_context():
        questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(ids)))}
        articles = {
            a.id: a
            for a in db.session.scalars(
                select(Article).where(Article.id.in_([q.article_id for q in questions.values()]))
            )
        }
        expected = {
            q.id: (q.current_version.stem, q.citation_title, articles[q.article_id].label, articles[q.article_id].text)
            for q in questions.values()
        }
    for i, question_id in enumerate(ids):
        row = rows.nth(i)
        stem, title, label, text = expected[question_id]
        assert title == document
        assert stem[:20] in row.inner_text()
        source = row.locator(".review-source")
        if source.locator("details.source-full").count():  # a long article: its sentence, the rest folded
            excerpt = source.locator(".source-excerpt").inner_text().strip()
            assert excerpt and excerpt in text and len(excerpt) < len(text)
            assert not source.locator(".source-text").is_visible()
            source.locator("details.source-full summary").click()
        assert source.locator(".source-text").is_visible()
        assert f"《{title}》{label}" in source.locator(".source-heading").inner_text()
        shown = source.locator(".source-text").inner_text()
        assert all(line.strip() in shown for line in text.splitlines() if line.strip())
    save_screenshot(page, "generate-review.png")

    rows.nth(2).locator("button.approve-one").click()
    page.wait_for_load_state()
    assert "审核通过：1道题" in page.inner_text("body")
    assert page.locator(f'tr.review-item[data-question="{ids[2]}"] .badge', has_text="已审核").is_visible()
    with live_server.app.app_context():
        statuses = dict(db.session.execute(select(Question.id, Question.status).where(Question.id.in_(ids))).all())
    assert statuses == {i: ("approved" if i == ids[2] else "draft") for i in ids}
