"""Dashboards and the contest leaderboard in real Chromium (issue 15, "Must show"): a team dashboard
and the team-room screen draw their charts with the locally served ECharts, the screen refreshes
itself when someone hands in, the result sheet prints to PDF, and no request leaves 127.0.0.1.

The contest and its sittings are made on the shared demo server (its own paper, copied from the
demo exam, so the taking tests' sittings are untouched).
"""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select

from quiz.taking.scoring import points_text
from tests.conftest import ARTIFACTS, save_screenshot

pytestmark = pytest.mark.e2e

EXAM_TITLE = "综采一队 12月安全规程月考（演示）"
TRAINER = "90001"  # 许文静, unit trainer of 综采一队
# A function, not an expression string: the app's CSP forbids eval, which Playwright would use.
CHARTS_DRAWN = """() => {
  const boxes = [...document.querySelectorAll('[data-chart]')];
  return boxes.length > 0 && boxes.every(b => b.dataset.drawn === '1' && b.querySelector('canvas'));
}"""
# A canvas is "non-empty" when it has a size and some pixels that are not transparent.
PAINTED = """(selector) => [...document.querySelectorAll(selector)].map(c => {
  if (!c.width || !c.height) return 0;
  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted += 1;
  return painted;
})"""


def _sit(paper, user, start, seconds, right: int, rng):
    """Sit the contest paper: the first `right` questions answered by the key, the rest wrong."""
    from quiz.bank.types import OPTION_KEYS
    from quiz.taking import attempts

    attempt = attempts.start_paper(paper, user, start)
    for item in attempt.items:
        key = sorted(item.version.answer)
        if item.position > right:
            wrong = [k for k in item.option_order if k not in key]
            key = [rng.choice(wrong)] if wrong else []
        if key and all(k in item.option_order for k in key):
            attempts.save_answer(attempt, item.position, [OPTION_KEYS[item.option_order.index(k)] for k in key],
                                 None, start)
    attempts.submit(attempt, start + timedelta(seconds=seconds))


@pytest.fixture(scope="module")
def contest(live_server):
    """A running contest of 回收班 and 安装班 on a copy of the demo exam, four sittings handed in."""
    from accounts.models import Team, User
    from core.db import db, utcnow
    from quiz.contests import schedule
    from quiz.taking.models import Paper

    rng = random.Random(7)
    with live_server.app.app_context():
        now = utcnow().replace(microsecond=0)
        source = db.session.scalar(select(Paper).where(Paper.title == EXAM_TITLE))
        teams = list(db.session.scalars(select(Team).where(Team.name.in_(["回收班", "安装班"])).order_by(Team.name)))
        trainer = db.session.scalar(select(User).where(User.username == TRAINER))
        made = schedule.create("技术比武（浏览器测试）", source, teams, now - timedelta(minutes=40),
                               now + timedelta(hours=2), 2, trainer, now - timedelta(hours=1))
        db.session.commit()
        people = {u.username: u for u in db.session.scalars(select(User).where(
            User.username.in_(["10102", "10105", "10106", "10202", "10203", "10204"])))}
        for username, minutes_ago, seconds, right in (("10102", 35, 900, 26), ("10105", 30, 700, 20),
                                                      ("10106", 25, 1000, 28), ("10202", 33, 800, 24),
                                                      ("10203", 20, 650, 27)):
            _sit(made.paper, people[username], now - timedelta(minutes=minutes_ago), seconds, right, rng)
        db.session.commit()
        found = {"id": made.id, "paper_id": made.paper_id, "team": teams[1].id if teams[1].name == "回收班"
                 else teams[0].id}
        db.session.remove()
    return found


def _standings(live_server, contest_id):
    from core.db import db, utcnow
    from quiz.contests import standings
    from quiz.contests.models import Contest

    with live_server.app.app_context():
        board = standings.board(db.session.get(Contest, contest_id), utcnow())
        db.session.remove()
    return board


def _trainer_page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    context.set_default_timeout(20000)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    live_server.sign_in(page, TRAINER)
    return context, page, requests


def _only_local(requests: list[str], live_server) -> None:
    assert requests, "no request was recorded"
    outside = [u for u in requests if not (u.startswith(live_server.url + "/") or u.startswith("data:"))]
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert live_server.url.startswith("http://127.0.0.1:")


def test_team_dashboard_draws_its_charts_from_local_code(browser, live_server, contest):
    context, page, requests = _trainer_page(browser, live_server, {"width": 1280, "height": 900})
    try:
        page.goto(f"{live_server.url}/results/teams/{contest['team']}")
        page.wait_for_function(CHARTS_DRAWN)
        painted = page.evaluate(PAINTED, "[data-chart] canvas")
        assert len(painted) >= 3 and all(n > 500 for n in painted), painted  # trend, bands, spots (and party)
        assert page.locator("[data-figure=participation]").inner_text().endswith("%")
        assert page.locator("h2", has_text="薄弱环节：按章").count() == 1
        save_screenshot(page, "results-team-dashboard.png")
        assert any(u.split("?")[0].endswith("/static/vendor/echarts/echarts.min.js") for u in requests)  # ?v=<hash>
        assert any(u.split("?")[0].endswith("/static/js/results.js") for u in requests)
    finally:
        context.close()
    _only_local(requests, live_server)


def test_contest_screen_ranks_refreshes_and_prints(browser, live_server, contest):
    context, page, requests = _trainer_page(browser, live_server, {"width": 1920, "height": 1080})
    try:
        page.goto(f"{live_server.url}/contests/{contest['id']}/screen")
        page.wait_for_function("() => document.getElementById('screen').dataset.drawn === '1'")
        painted = page.evaluate(PAINTED, "#team-chart canvas")
        assert painted and painted[0] > 500, painted
        board = _standings(live_server, contest["id"])
        rows = page.locator("#team-rows tr")
        assert [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())] == \
            [t.name for t in board.teams]
        assert [rows.nth(i).locator("td").nth(2).inner_text() for i in range(rows.count())] == \
            [points_text(t.score) for t in board.teams]
        people = page.locator("#person-rows tr")
        assert [people.nth(i).locator("td").nth(1).inner_text() for i in range(people.count())] == \
            [p.name for p in board.people] and people.count() == 5
        assert page.inner_text("#state") == "进行中" and page.inner_text("#clock").startswith("剩余")
        save_screenshot(page, "contest-screen.png")

        # Someone hands in: the screen shows it on its next poll, without a reload.
        from accounts.models import User
        from core.db import db, utcnow
        from quiz.taking.models import Paper

        with live_server.app.app_context():
            paper = db.session.get(Paper, contest["paper_id"])
            user = db.session.scalar(select(User).where(User.username == "10204"))
            _sit(paper, user, utcnow() - timedelta(minutes=12), 500, 30, random.Random(3))
            db.session.commit()
            db.session.remove()
        page.wait_for_function("() => document.querySelectorAll('#person-rows tr').length === 6", timeout=30000)
        assert page.locator("#person-rows tr").first.locator("td").nth(1).inner_text() == "郑光辉"  # all right
        save_screenshot(page, "contest-screen-refreshed.png")
        polls = [u for u in requests if u.endswith(f"/api/v1/contests/{contest['id']}/board")]
        assert len(polls) >= 2

        # The result sheet, printed by the browser.
        page.goto(f"{live_server.url}/contests/{contest['id']}/print")
        assert page.locator("[data-testid=person-board] tbody tr").count() == 6
        page.emulate_media(media="print")
        assert not page.locator(".no-print").is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = page.pdf(path=str(ARTIFACTS / "contest-result.pdf"), format="A4")
        assert pdf[:4] == b"%PDF"
        page.emulate_media(media="screen")
        save_screenshot(page, "contest-print.png")
    finally:
        context.close()
    _only_local(requests, live_server)
