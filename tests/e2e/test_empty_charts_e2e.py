"""Charts with nothing to draw, in real Chromium: every chart page (班组成绩 and 区队 over weeks nobody
sat anything, a new worker's 我的成绩 and results, 学时统计 of a year without records, the screen of a
contest nobody has sat yet) says 暂无数据 the same way (static/js/charts.js) where it would have drawn
bare axes; a chart with data still draws its canvas, and the screen switches once the first score comes."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from tests.conftest import save_screenshot
from tests.e2e.test_dashboards_e2e import EXAM_TITLE, _sit

pytestmark = pytest.mark.e2e

TRAINER = "90001"  # the demo's unit trainer of 综采一队
CHART_STATES = """(selector) => [...document.querySelectorAll(selector)].map(b => ({
  chart: b.dataset.chart, drawn: b.dataset.drawn || '', canvas: !!b.querySelector('canvas'),
  text: b.textContent.trim()}))"""


def _party_team(live_server) -> int:
    """A demo team that records party members and others (its page has the 党员 chart)."""
    from accounts.models import Team, User
    from core.db import db

    with live_server.app.app_context():
        for team in db.session.scalars(select(Team).order_by(Team.id)):
            flags = {bool(u.party_member) for u in db.session.scalars(select(User).where(User.team_id == team.id))}
            if flags == {True, False}:
                return team.id
    pytest.skip("the demo has no team with party members and others")


def test_charts_without_data_say_so(page, live_server) -> None:
    team_id = _party_team(live_server)
    live_server.sign_in(page, TRAINER)
    page.goto(f"{live_server.url}/results/teams/{team_id}?from=2020-01-06&to=2020-02-02")
    page.wait_for_function("() => [...document.querySelectorAll('[data-chart]')].every(b => b.dataset.drawn)")
    states = page.evaluate(CHART_STATES, "[data-chart]")
    save_screenshot(page, "results_empty_charts.png")
    charts = {s["chart"] for s in states}
    assert {"trend", "bands", "party"} <= charts
    for state in states:
        assert state == {"chart": state["chart"], "drawn": "empty", "canvas": False, "text": "暂无数据"}
    assert page.get_by_text("暂无数据").count() == len(states)


def _empty(page, selector: str) -> list[dict]:
    """Wait for the charts under `selector` to be decided; each must say 暂无数据 with no canvas."""
    page.wait_for_function(f"() => [...document.querySelectorAll('{selector}')].every(b => b.dataset.drawn)")
    states = page.evaluate(CHART_STATES, selector)
    assert states, f"no chart {selector} on {page.url}"
    for state in states:
        assert {k: v for k, v in state.items() if k != "chart"} == {"drawn": "empty", "canvas": False,
                                                                    "text": "暂无数据"}, state
    note = page.locator(f"{selector} .chart-empty").first
    assert note.is_visible() and "muted" in (note.get_attribute("class") or "")
    return states


@pytest.fixture(scope="module")
def newcomer(live_server) -> dict:
    """A worker just added to 回收班 (nothing sat, no hours) and a contest of that team nobody has sat yet."""
    from accounts.models import Team, User
    from core.db import db, utcnow
    from quiz.contests import schedule
    from quiz.taking.models import Paper
    from tests.factories import create_team, create_user

    with live_server.app.app_context():
        now = utcnow().replace(microsecond=0)
        team = create_team("综采一队", "回收班")
        worker = create_user(team=team, name="图表新人", must_change=False)
        trainer = db.session.scalar(select(User).where(User.username == TRAINER))
        source = db.session.scalar(select(Paper).where(Paper.title == EXAM_TITLE))
        contest = schedule.create("空图表比武（浏览器测试）", source, [db.session.get(Team, team.id)],
                                  now - timedelta(minutes=5), now + timedelta(hours=1), 1, trainer, now - timedelta(hours=1))
        db.session.commit()
        found = {"username": worker.username, "id": worker.id, "team": team.id, "contest": contest.id,
                 "paper": contest.paper_id}
        db.session.remove()
    return found


def test_every_chart_page_says_so_the_same_way(browser, live_server, newcomer) -> None:
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN") for _ in range(2)]
    for context in contexts:
        context.set_default_timeout(20000)
    try:
        page = contexts[0].new_page()
        live_server.sign_in(page, {"username": newcomer["username"], "password": "Passw0rd!x"})
        page.goto(f"{live_server.url}/history")
        _empty(page, "#score-chart")
        save_screenshot(page, "history_empty_chart.png")
        assert page.locator("#score-chart").get_attribute("aria-label") == "成绩走势图：暂无数据"

        page = contexts[1].new_page()
        live_server.sign_in(page, TRAINER)
        page.goto(f"{live_server.url}/results/workers/{newcomer['id']}")
        assert {s["chart"] for s in _empty(page, "[data-chart]")} == {"series"}

        page.goto(f"{live_server.url}/records/hours/teams/{newcomer['team']}?year=2001")
        assert {s["chart"] for s in _empty(page, "[data-chart]")} == {"workers"}
        save_screenshot(page, "hours_empty_chart.png")

        # The same team this year, with the demo's sittings: the chart draws as before.
        page.goto(f"{live_server.url}/records/hours/teams/{newcomer['team']}")
        page.wait_for_selector("[data-chart=workers][data-drawn='1'] canvas")
        assert page.locator("[data-chart=workers] .chart-empty").count() == 0

        unit_id = _unit_of(live_server, newcomer["team"])
        page.goto(f"{live_server.url}/results/units/{unit_id}?from=2020-01-06&to=2020-02-02")
        assert {"trend", "bands", "heatmap"} <= {s["chart"] for s in _empty(page, "[data-chart]")}

        # The contest screen before anyone sits: the note where the bars go, until the first score comes.
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.goto(f"{live_server.url}/contests/{newcomer['contest']}/screen")
        page.wait_for_function("() => document.getElementById('screen').dataset.drawn === 'empty'")
        _empty(page, "#team-chart")
        save_screenshot(page, "contest_screen_empty_chart.png")
        _sit_contest(live_server, newcomer)
        page.wait_for_function("() => document.getElementById('screen').dataset.drawn === '1'", timeout=30000)
        [state] = page.evaluate(CHART_STATES, "#team-chart")
        assert state["canvas"] and state["drawn"] == "1" and "暂无数据" not in state["text"], state
        assert page.locator("#team-chart.empty").count() == 0
        assert page.locator("#team-chart").get_attribute("aria-label") == "班组得分柱状图"
    finally:
        for context in contexts:
            context.close()


def _unit_of(live_server, team_id: int) -> int:
    from accounts.models import Team
    from core.db import db

    with live_server.app.app_context():
        unit_id = db.session.get(Team, team_id).unit_id
        db.session.remove()
    return unit_id


def _sit_contest(live_server, newcomer: dict) -> None:
    """The newcomer hands in the contest paper, every answer right."""
    from accounts.models import User
    from core.db import db, utcnow
    from quiz.taking.models import Paper

    with live_server.app.app_context():
        paper = db.session.get(Paper, newcomer["paper"])
        _sit(paper, db.session.get(User, newcomer["id"]), utcnow() - timedelta(minutes=2), 60, 1000,
             random.Random(5))
        db.session.commit()
        db.session.remove()


PARTY_SERIES = """() => {
  const box = document.querySelector('[data-chart=party]');
  const chart = window.echarts.getInstanceByDom(box);
  return chart ? chart.getOption().series.map(s => ({name: s.name,
    data: s.data.map(d => d !== null && typeof d === 'object' ? d.value : d)})) : null;
}"""


def test_the_party_chart_draws_when_only_the_others_practised(page, live_server) -> None:
    """Weeks without exams in which only workers who are not party members practised: the table under the
    党员 chart shows their 答题正确率, so the chart draws it too, the 党员 with no bar."""
    from accounts.models import User
    from core.db import db
    from quiz.taking.models import Paper

    team_id = _party_team(live_server)
    with live_server.app.app_context():
        worker = db.session.scalar(select(User).where(User.team_id == team_id, User.party_member.is_(False),
                                                      User.role == "worker").order_by(User.id))
        paper = db.session.scalar(select(Paper).where(Paper.mode == "practice").order_by(Paper.id))
        if worker is None or paper is None:
            pytest.skip("the demo has no practice paper or no worker outside the party")
        _sit(paper, worker, datetime(2020, 3, 10, 9, 0), 300, 3, random.Random(3))
        db.session.commit()
        db.session.remove()
    live_server.sign_in(page, TRAINER)
    page.goto(f"{live_server.url}/results/teams/{team_id}?from=2020-03-09&to=2020-03-15")
    page.wait_for_function("() => document.querySelector('[data-chart=party]').dataset.drawn")
    [state] = page.evaluate(CHART_STATES, "[data-chart=party]")
    save_screenshot(page, "results_party_practice_only.png")
    assert state["drawn"] == "1" and state["canvas"] and "暂无数据" not in state["text"], state
    rows = {row.locator("td").first.inner_text(): row.locator("td").last.inner_text()
            for row in page.locator("[data-chart=party] ~ .table-wrap tbody tr").all()}
    assert rows["党员"] == "—" and rows["其他职工"].endswith("%")
    by_name = {s["name"]: s["data"] for s in page.evaluate(PARTY_SERIES)}
    assert by_name["答题正确率（含练习）"] == [None, float(rows["其他职工"].rstrip("%"))]


TEAMS_SERIES = PARTY_SERIES.replace("data-chart=party", "data-chart=teams")


def test_the_team_comparison_draws_when_only_practice_was_done(page, live_server) -> None:
    """A week without exams in which one worker of the unit practised: the 班组对比 table shows that team's
    答题正确率（含练习）, so the chart draws it too, the teams without answers with no bar."""
    from accounts.models import Team, User
    from core.db import db
    from quiz.taking.models import Paper

    with live_server.app.app_context():
        trainer = db.session.scalar(select(User).where(User.username == TRAINER))
        worker = db.session.scalar(select(User).join(Team, User.team_id == Team.id)
                                   .where(Team.unit_id == trainer.unit_id, User.role == "worker").order_by(User.id))
        paper = db.session.scalar(select(Paper).where(Paper.mode == "practice").order_by(Paper.id))
        if worker is None or paper is None:
            pytest.skip("the demo has no practice paper or no worker in the trainer's unit")
        unit_id, team_name = worker.team.unit_id, worker.team.name
        _sit(paper, worker, datetime(2020, 4, 14, 9, 0), 300, 3, random.Random(4))
        db.session.commit()
        db.session.remove()
    live_server.sign_in(page, TRAINER)
    page.goto(f"{live_server.url}/results/units/{unit_id}?from=2020-04-13&to=2020-04-19")
    page.wait_for_function("() => document.querySelector('[data-chart=teams]').dataset.drawn")
    [state] = page.evaluate(CHART_STATES, "[data-chart=teams]")
    save_screenshot(page, "results_unit_teams_practice_only.png")
    assert state["drawn"] == "1" and state["canvas"] and "暂无数据" not in state["text"], state
    rows = [(row.locator("td").first.inner_text(), row.locator("td").last.inner_text())
            for row in page.locator("[data-chart=teams] ~ .table-wrap tbody tr").all()]
    assert [rate for name, rate in rows if name != team_name] == ["—"] * (len(rows) - 1)
    rate = dict(rows)[team_name]
    assert rate.endswith("%")
    by_name = {s["name"]: s["data"] for s in page.evaluate(TEAMS_SERIES)}
    assert by_name["答题正确率（含练习）"] == [float(rate.rstrip("%")) if name == team_name else None for name, _ in rows]
