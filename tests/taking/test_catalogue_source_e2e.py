"""A worker's feedback on a control question sourced from the mine's catalogue (hazcite), in real Chromium.

Such a question cites no article but an entry of 危险源辨识清单 (《危险源辨识清单》HZ-…). There is no page of the
catalogue to open, so the feedback names the source and offers no 查看出处 link (which would lead nowhere).
The live server is shared by the session's end-to-end tests: this one signs in as 10205, whom no other uses.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

pytestmark = pytest.mark.e2e

USERNAME = "10205"


def _catalogue_question_attempt(live_server) -> tuple[int, str, list[str]]:
    """A 每日一练 of one approved control question cited to its catalogue entry; (attempt id, citation, key)."""
    from sqlalchemy import select

    from accounts.models import User
    from core.db import db, utcnow
    from quiz.bank.types import Option
    from quiz.generation.evidence import cite_stating
    from quiz.generation.hazard import HazardData
    from quiz.generation.records import GeneratedQuestion
    from quiz.generation.review import save_questions
    from quiz.taking import attempts
    from quiz.taking.attempts import to_shown
    from quiz.taking.models import AttemptItem
    from quiz.taking.papers import Drawn

    catalogue = HazardData.load().catalogue
    entries = [h for h in catalogue if len(h.controls) >= 2]
    asked = entries[-1]
    other = next(h for h in entries if h.site != asked.site)
    texts = [c.text for c in asked.controls[:2]] + [c.text for c in other.controls[:2]]
    draft = GeneratedQuestion(
        type="hazard_control", stem=f"针对“{asked.hazard}”，哪些措施能管住它（ ）？",
        options=tuple(Option("ABCD"[i], t) for i, t in enumerate(texts)), answer=("A", "B"), explanation="",
        citation=None, generator="hazard.control", inputs={"hazard": asked.id}, seed="e2e")
    cited = cite_stating(draft, catalogue, {})
    assert cited is not None
    with live_server.app.app_context():
        try:
            question = save_questions([cited]).saved[0]
            question.status = "approved"
            user = db.session.scalar(select(User).where(User.username == USERNAME))
            attempt = attempts.start_drawn(user, "daily", "每日一练",
                                           [Drawn(question.id, question.current_version_id, Decimal(1))], utcnow())
            db.session.commit()
            item = db.session.query(AttemptItem).filter_by(attempt_id=attempt.id).one()
            return attempt.id, str(cited.citation), to_shown(item, list(item.version.answer))
        finally:
            db.session.remove()


def test_feedback_names_the_catalogue_entry_without_a_dead_link(browser, live_server):
    attempt_id, citation, key = _catalogue_question_attempt(live_server)
    assert citation.startswith("《危险源辨识清单》HZ-")
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True,
                                  has_touch=True)
    context.set_default_timeout(15000)
    try:
        page = context.new_page()
        live_server.sign_in(page, USERNAME)
        page.goto(f"{live_server.url}/attempts/{attempt_id}")
        page.wait_for_selector("#question .q-head")
        for letter in key:
            page.locator("#question .option").filter(
                has=page.locator(".key", has_text=re.compile(f"^{letter}$"))).click()
        page.locator("#question button", has_text="确认答案").click()
        page.wait_for_selector("#question .feedback.right")
        feedback = page.locator("#question .feedback")
        assert f"出处：{citation}" in feedback.inner_text()
        assert feedback.locator("a").count() == 0  # no 查看出处 into a page that does not exist
    finally:
        context.close()
