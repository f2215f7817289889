"""我的学时 on a phone (390 x 844, touch) in real Chromium: every table keeps readable columns and
scrolls sideways inside its card, so the last column (考试成绩's 结果) can be reached and a long exam
name is not squeezed into a narrow strip; the page itself never scrolls sideways."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from accounts.models import User
from core.db import db, utcnow
from quiz.taking.models import Attempt
from tests.conftest import save_screenshot
from tests.factories import create_closed_exam

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
WORKER = "20105"  # a demo worker no other end-to-end test signs in as
LONG_TITLE = "掘进二队 12月安全规程月考暨一通三防专项考试（演示）"

# For each table cell of the page: its text, its lines and the characters a line holds.
CELLS = """() => [...document.querySelectorAll("main table td")].filter(td => td.innerText.trim()).map(td => {
  const range = document.createRange();
  range.selectNodeContents(td);
  const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))).size;
  const text = td.innerText.trim();
  return {text, lines, perLine: text.length / Math.max(1, lines)};
})"""

# After scrolling each table's wrapper to its right end: is the last header inside the wrapper?
LAST_COLUMN_REACHABLE = """() => [...document.querySelectorAll("main table")].map(table => {
  const wrap = table.closest(".table-wrap");
  if (!wrap) return {header: table.querySelector("th:last-child").innerText, reachable: false};
  wrap.scrollLeft = wrap.scrollWidth;
  const th = table.querySelector("thead th:last-child").getBoundingClientRect(), box = wrap.getBoundingClientRect();
  return {header: table.querySelector("thead th:last-child").innerText,
          reachable: th.right <= box.right + 1 && th.left >= box.left - 1};
})"""


def add_exam_result(live_server) -> None:
    """A closed exam of the worker with a long name (the demo exam is for another team)."""
    with live_server.app.app_context():
        worker = db.session.scalar(select(User).where(User.username == WORKER))
        if not db.session.scalar(select(Attempt.id).where(Attempt.user_id == worker.id, Attempt.title == LONG_TITLE)):
            create_closed_exam(worker.id, LONG_TITLE, "72.5", utcnow() - timedelta(minutes=30), minutes=21)
        db.session.remove()


def test_my_hours_tables_scroll_inside_their_cards_on_a_phone(browser, live_server):
    add_exam_result(live_server)
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    context.set_default_timeout(15000)
    try:
        page = context.new_page()
        live_server.sign_in(page, WORKER)
        page.goto(f"{live_server.url}/records/me")
        assert LONG_TITLE in page.inner_text("main")
        save_screenshot(page, "records-me-390px.png")

        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        squeezed = [c for c in page.evaluate(CELLS) if c["lines"] > 1 and c["perLine"] < 4]
        assert not squeezed, f"cells squeezed under 4 characters a line: {squeezed}"
        tables = page.evaluate(LAST_COLUMN_REACHABLE)
        assert len(tables) == 3 and all(t["reachable"] for t in tables), tables
        assert [t["header"] for t in tables][1] == "用时"
        result = page.locator("main table", has=page.locator("th", has_text="结果")).locator("td", has_text="不合格")
        result.scroll_into_view_if_needed()
        assert result.is_visible()
    finally:
        context.close()
