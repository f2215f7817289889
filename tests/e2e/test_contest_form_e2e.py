"""新建竞赛 in a real browser at a trainer's PC size: 参赛班组 are checkboxes, ticked with plain clicks
(no Ctrl), and the choice comes back as ticked when the form is refused; only usable exams are offered.
Nothing is saved (the end time is before the start), so the shared demo server is left as it was."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e

TRAINER = "90001"  # 许文静, unit trainer of 综采一队


def test_teams_are_ticked_with_clicks_and_kept_when_refused(page, live_server):
    from core.db import db
    from quiz.contests.models import Contest

    with live_server.app.app_context():
        before = db.session.query(Contest).count()
    page.set_viewport_size({"width": 1366, "height": 768})
    live_server.sign_in(page, TRAINER)
    page.goto(f"{live_server.url}/contests/new")
    assert page.locator("select[name=paper] option").count() >= 1
    expect(page.locator("#no-contest-paper")).to_have_count(0)
    boxes = page.locator("fieldset.checks input[type=checkbox][name=teams]")
    assert boxes.count() >= 2
    expect(page.locator("select[name=teams]")).to_have_count(0)
    page.locator("fieldset.checks label.check").nth(0).click()
    page.locator("fieldset.checks label.check").nth(1).click()
    ticked = [boxes.nth(i).get_attribute("value") for i in range(boxes.count()) if boxes.nth(i).is_checked()]
    assert len(ticked) == 2
    page.fill("input[name=title]", "浏览器勾选测试赛")
    page.fill("input[name=starts_at]", "2030-01-02T09:00")
    page.fill("input[name=ends_at]", "2030-01-01T09:00")
    page.get_by_role("button", name="创建").click()
    expect(page.locator(".flash-danger")).to_contain_text("结束时间必须晚于开始时间")
    boxes = page.locator("fieldset.checks input[type=checkbox][name=teams]")
    assert [boxes.nth(i).get_attribute("value") for i in range(boxes.count()) if boxes.nth(i).is_checked()] == ticked
    save_screenshot(page, "contest-form-teams.png")
    with live_server.app.app_context():
        assert db.session.query(Contest).count() == before
