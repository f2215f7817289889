"""布置任务 on a phone: 班组 are checkboxes under their 区队's heading, ticked with plain taps (no Ctrl,
no list that one stray tap clears); two ticked teams are what is assigned. The practice set made here
is withdrawn at the end, so the shared demo server is left as it was."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, save_screenshot

pytestmark = pytest.mark.e2e

TRAINER = "90001"  # 许文静, unit trainer of 综采一队
TITLE = "勾选班组测试练习（浏览器测试）"


def test_two_teams_are_ticked_with_plain_taps_on_a_phone_and_assigned(page, live_server):
    from core import clock
    from core.db import db, utcnow
    from quiz.assignments import service
    from quiz.assignments.models import Assignment

    page.set_viewport_size({"width": 390, "height": 844})
    live_server.sign_in(page, TRAINER)
    page.goto(f"{live_server.url}/assignments/new")
    expect(page.locator("select[name=teams]")).to_have_count(0)
    teams = page.locator("fieldset#teams .checks-group label.check")
    assert teams.count() >= 2
    expect(page.locator("fieldset#teams .checks-heading").first).to_have_text("综采一队")
    page.select_option("select[name=kind]", "practice")
    page.fill("input[name=title]", TITLE)
    due = clock.local(utcnow() + timedelta(days=2)).replace(second=0, microsecond=0)
    page.fill("input[name=due_at]", f"{due:%Y-%m-%dT%H:%M}")
    for i in (0, 1):
        teams.nth(i).scroll_into_view_if_needed()
        teams.nth(i).click()  # a plain tap; the second keeps the first
    boxes = page.locator("fieldset#teams input[type=checkbox][name=teams]")
    chosen = sorted(int(boxes.nth(i).get_attribute("value")) for i in range(boxes.count()) if boxes.nth(i).is_checked())
    assert len(chosen) == 2
    save_screenshot(page, "assign-teams-phone.png")
    page.get_by_role("button", name="布置").click()
    page.wait_for_url(re.compile(r"/assignments/\d+$"))
    assignment_id = int(page.url.rsplit("/", 1)[1])
    with live_server.app.app_context():
        made = db.session.get(Assignment, assignment_id)
        try:
            assert made.title == TITLE and clock.local(made.due_at) == due
            assert sorted((r.team_id, r.unit_id) for r in made.audience) == [(t, None) for t in chosen]
        finally:
            service.withdraw(made)
            db.session.commit()
            db.session.remove()


def test_a_long_list_is_filtered_and_ticked_with_select_all(page, live_server):
    """The generate form's 文件 (the demo library's documents): typing in the filter shows only the
    matching ones; 全选 ticks just those, 全不选 clears them."""
    page.set_viewport_size({"width": 390, "height": 844})
    live_server.sign_in(page, "unit_trainer")
    page.goto(f"{live_server.url}/bank/review/")
    if not page.locator("#generate-form details[open]").count():  # folded while drafts wait for review
        page.click("#generate-form summary")
    page.select_option("#generate-kind", "theory")
    documents = page.locator("fieldset#documents")
    labels = documents.locator(".checks-box label.check")
    titles = [t.strip() for t in labels.all_inner_texts()]
    boxes = documents.locator("input[type=checkbox][name=documents]")
    expect(documents.locator(".checks-tools")).to_be_visible()
    words = "管理"
    matching = [t for t in titles if words in t]
    assert 0 < len(matching) < len(titles)
    documents.locator("input[data-checks-filter]").fill(words)
    assert [t.strip() for t in documents.locator(".checks-box label.check:visible").all_inner_texts()] == matching
    documents.get_by_role("button", name="全选", exact=True).click()
    assert [b.get_attribute("value") for b in boxes.all() if b.is_checked()] == matching
    documents.locator("input[data-checks-filter]").fill("")
    expect(labels.locator("visible=true")).to_have_count(len(titles))
    ARTIFACTS.mkdir(exist_ok=True)
    documents.screenshot(path=str(ARTIFACTS / "generate-documents-phone.png"))  # the box, not the long page
    documents.get_by_role("button", name="全不选").click()
    assert not any(b.is_checked() for b in boxes.all())
