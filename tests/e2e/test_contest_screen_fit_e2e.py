"""The team-room screen fits a projector: at 1366x768 and 1280x720 nothing runs off to the right
(a projector cannot scroll), even with long team names and a full 个人排名 — every column of both
rankings, 用时 and 得分率 included, is on the screen, and 15 people fit its height. The board is the real page fed, through its
own JSON poll, a board of long names (so the shared demo data gets no such teams)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e

TRAINER = "90001"  # 许文静, unit trainer of 综采一队
EXAM_TITLE = "综采一队 12月安全规程月考（演示）"
LONG = ["综采一队机电运输维修保养与安全生产标准化第一作业班组", "综采一队回采工作面液压支架安装回收及设备列车搬运班",
        "综采一队超长名称测试班组ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"]
# The page is wider than the window (it would scroll), or a cell of a ranking ends past its right edge.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const cells = [...document.querySelectorAll('#team-rows td, #person-rows td, table.board th')];
  const out = cells.filter(c => c.getBoundingClientRect().right > width + 1).map(c => c.textContent);
  return {scroll: document.documentElement.scrollWidth, width: width, tall: document.documentElement.scrollHeight,
          height: window.innerHeight, out: out, rows: document.querySelectorAll('#person-rows tr').length};
}"""


def _board() -> dict:
    teams = [{"rank": n + 1, "id": 9000 + n, "name": name, "unit": "综采一队", "members": 12, "finished": 9,
              "running": 2, "participation": 75.0, "counted": 5, "score": 487.5 - n * 30, "percent": 97.5,
              "seconds": 3599 + n, "participation_": None} for n, name in enumerate(LONG)]
    people = [{"rank": n + 1, "user_id": 9100 + n, "username": f"9{n:04d}", "name": "欧阳娜娜娜" if n % 2 else "张三",
               "team_id": 9000 + n % 3, "team": LONG[n % 3], "score": 100 - n, "percent": 100.0 - n,
               "seconds": 1799 + n, "passed": True} for n in range(15)]
    return {"contest": {"id": 0, "title": "", "starts_at": "", "ends_at": ""}, "state": "running",
            "state_label": "进行中", "seconds_to_start": 0, "seconds_left": 3600, "top_n": 5, "max_score": 100,
            "teams": teams, "people": people, "running": 6, "finished": 27}


@pytest.fixture(scope="module")
def contest_id(live_server):
    from accounts.models import Team, User
    from core.db import db, utcnow
    from quiz.contests import schedule
    from quiz.taking.models import Paper

    with live_server.app.app_context():
        now = utcnow().replace(microsecond=0)
        source = db.session.scalar(select(Paper).where(Paper.title == EXAM_TITLE))
        teams = list(db.session.scalars(select(Team).where(Team.name.in_(["回收班", "安装班"]))))
        trainer = db.session.scalar(select(User).where(User.username == TRAINER))
        made = schedule.create("大屏尺寸测试赛（浏览器测试，名称也很长很长很长）", source, teams,
                               now - timedelta(minutes=5), now + timedelta(hours=2), 5, trainer, now)
        db.session.commit()
        found = made.id
        db.session.remove()
    return found


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_the_screen_fits_a_projector_with_long_team_names(browser, live_server, contest_id, size):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(20000)
    page = context.new_page()
    try:
        live_server.sign_in(page, TRAINER)
        board = json.dumps(_board(), ensure_ascii=False)
        page.route(f"**/api/v1/contests/{contest_id}/board",
                   lambda route: route.fulfill(status=200, content_type="application/json", body=board))
        page.goto(f"{live_server.url}/contests/{contest_id}/screen")
        page.wait_for_function("() => document.querySelectorAll('#person-rows tr').length === 15")
        page.wait_for_function("() => document.getElementById('screen').dataset.drawn === '1'")
        found = page.evaluate(OVERFLOW)
        save_screenshot(page, f"contest-screen-{width}x{height}.png")
        assert found["rows"] == 15
        assert found["scroll"] <= found["width"], found
        assert not found["out"], found
        assert found["tall"] <= found["height"], found  # 15 people and the three teams, no vertical scroll either
        names = page.locator("#person-rows tr td:nth-child(2)")
        assert page.evaluate("() => [...document.querySelectorAll('#person-rows td:nth-child(2)')]"
                             ".every(c => c.scrollWidth <= c.clientWidth)"), names.all_inner_texts()
        assert page.locator("#team-rows tr").first.locator("td").nth(1).inner_text() == LONG[0]
    finally:
        context.close()
