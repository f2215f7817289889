"""On a phone (390x844, touch) a trainer taps 撤销这项任务: a confirmation page of its own says what
is lost and fits the screen; 取消 goes back with the assignment untouched, 确认撤销 withdraws it.
The live demo server is shared by every browser test, so this withdraws an assignment of its own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import save_screenshot
from tests.e2e.test_dashboards_e2e import TRAINER

pytestmark = pytest.mark.e2e

TITLE = "撤销确认测试练习（浏览器测试）"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "locale": "zh-CN"}


def _assignment(app) -> int:
    """A practice set the trainer assigns to a team of the trainer's 区队."""
    from accounts.models import Team, User
    from core.db import db, utcnow
    from quiz.assignments import service
    from quiz.assignments.service import Target
    from quiz.taking.practice import PracticeFilter

    with app.app_context():
        trainer = db.session.scalar(select(User).where(User.username == TRAINER))
        team = db.session.scalars(select(Team).where(Team.unit_id == trainer.team.unit_id, Team.active)
                                  .order_by(Team.id)).first()
        now = utcnow()
        made = service.assign_practice(PracticeFilter(count=5), TITLE, Target(team_ids=(team.id,)),
                                       now + timedelta(days=3), by=trainer, now=now)
        db.session.commit()
        found = made.id
        db.session.remove()
    return found


def _exists(app, assignment_id: int) -> bool:
    from core.db import db
    from quiz.assignments.models import Assignment

    with app.app_context():
        found = db.session.get(Assignment, assignment_id) is not None
        db.session.remove()
    return found


def test_withdrawing_asks_first_on_a_phone(browser, live_server) -> None:
    assignment_id = _assignment(live_server.app)
    context = browser.new_context(**PHONE)
    context.set_default_timeout(15000)
    page = context.new_page()
    live_server.sign_in(page, TRAINER)
    url = f"{live_server.url}/assignments/{assignment_id}"
    page.goto(url)
    page.get_by_role("button", name="撤销这项任务").tap()
    page.wait_for_selector("#confirm-step")
    step = page.inner_text("#confirm-step")
    assert "撤销任务" in step and TITLE in step and "成绩都保留" in step
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390  # nothing to scroll sideways
    for button in ("#confirm-submit", "#confirm-cancel"):
        box = page.locator(button).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    save_screenshot(page, "assignment-withdraw-confirm-phone.png")
    assert _exists(live_server.app, assignment_id)

    page.locator("#confirm-cancel").tap()
    page.wait_for_url(url)
    assert _exists(live_server.app, assignment_id)

    page.get_by_role("button", name="撤销这项任务").tap()
    page.wait_for_selector("#confirm-step")
    page.locator("#confirm-submit").tap()
    page.wait_for_url(f"{live_server.url}/assignments")
    assert "已撤销" in page.inner_text("main")
    assert not _exists(live_server.app, assignment_id)
    context.close()
