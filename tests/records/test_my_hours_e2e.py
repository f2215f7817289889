"""我的学时 on a phone (390 x 844, touch) in real Chromium: each of the three tables becomes a list
of cards (the project's `card-rows` pattern, as in 法规文库), its name on a line of its own and the
numbers a worker comes for — 学时, 出勤, 计入学时; 得分, 得分率, 结果, 用时 — right under it, each with
its label, inside the screen without swiping; neither the page nor a table scrolls sideways."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from accounts.models import User
from core import clock
from core.db import db, utcnow
from quiz.records.models import TrainingAttendance, TrainingSession
from quiz.taking.models import Attempt
from tests.conftest import save_screenshot
from tests.factories import create_closed_exam

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
WORKER = "20105"  # a demo worker no other end-to-end test signs in as
LONG_TITLE = "掘进二队 12月安全规程月考暨一通三防专项考试（演示）"
TRAINING = "掘进工作面一通三防与顶板管理专项再培训（手机测试）"

# The number cells of each table, by the label each shows on a phone (出勤 and 结果 say it in their value).
FIGURES = {"培训记录": ["学时", "", "计入学时"], "考试成绩": ["得分", "得分率", "", "用时"],
           "学时明细": ["用时", "学时"]}

# Per table: its heading, whether it scrolls sideways, and each number cell's label, text and box.
TABLES = """() => [...document.querySelectorAll("main section.card")].filter(s => s.querySelector("table")).map(s => {
  const wrap = s.querySelector(".table-wrap"), table = s.querySelector("table");
  return {heading: s.querySelector("h2").innerText, scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
          rows: [...table.querySelectorAll("tbody tr")].map(tr => [...tr.querySelectorAll("td.figure")].map(td => {
            const box = td.getBoundingClientRect(), label = td.querySelector(".cell-label");
            return {label: label && getComputedStyle(label).display !== "none" ? label.innerText.replace(/[：:\\s]/g, "") : "",
                    text: td.innerText.trim(), left: box.left, right: box.right, width: box.width};
          }))};
})"""


def add_records(live_server) -> None:
    """A closed exam and an offline training of the worker, both with long names."""
    with live_server.app.app_context():
        worker = db.session.scalar(select(User).where(User.username == WORKER))
        if not db.session.scalar(select(Attempt.id).where(Attempt.user_id == worker.id, Attempt.title == LONG_TITLE)):
            create_closed_exam(worker.id, LONG_TITLE, "72.5", utcnow() - timedelta(minutes=30), minutes=21)
        if not db.session.scalar(select(TrainingSession.id).where(TrainingSession.title == TRAINING)):
            session = TrainingSession(title=TRAINING, held_on=clock.today() - timedelta(days=2),
                                      hours=Decimal(4), unit_id=worker.team.unit_id, team_id=worker.team_id)
            session.roster.append(TrainingAttendance(user_id=worker.id, attended=True, hours=Decimal(4)))
            db.session.add(session)
            db.session.commit()
        db.session.remove()


def test_my_hours_numbers_are_on_screen_on_a_phone(browser, live_server):
    add_records(live_server)
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    context.set_default_timeout(15000)
    try:
        page = context.new_page()
        live_server.sign_in(page, WORKER)
        page.goto(f"{live_server.url}/records/me")
        main = page.inner_text("main")
        assert LONG_TITLE in main and TRAINING in main
        save_screenshot(page, "records-me-390px.png")

        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        tables = page.evaluate(TABLES)
        assert [t["heading"] for t in tables] == list(FIGURES), tables
        for table in tables:
            assert not table["scrolls"], f"{table['heading']} scrolls sideways"
            assert table["rows"], table
            for cells in table["rows"]:
                assert len(cells) == len(FIGURES[table["heading"]]), (table["heading"], cells)
                for cell, label in zip(cells, FIGURES[table["heading"]], strict=True):
                    if not cell["text"]:  # an offline training has no 用时, an exam without a pass line no 结果
                        continue
                    assert cell["label"] == label, (table["heading"], cell)
                    assert cell["width"] > 0 and cell["left"] >= 0 and cell["right"] <= PHONE["width"], cell
        exam = next(t for t in tables if t["heading"] == "考试成绩")
        assert any("不合格" in c["text"] for row in exam["rows"] for c in row), exam
    finally:
        context.close()
