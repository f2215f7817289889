"""A team page over weeks nobody sat anything, in real Chromium: each chart (每周走势, 成绩分布, 党员)
says 暂无数据 where it would have drawn bare axes; the page's other charts still draw when there is data."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e

TRAINER = "90001"  # the demo's unit trainer of 综采一队
CHART_STATES = """() => [...document.querySelectorAll('[data-chart]')].map(b => ({
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
    states = page.evaluate(CHART_STATES)
    save_screenshot(page, "results_empty_charts.png")
    charts = {s["chart"] for s in states}
    assert {"trend", "bands", "party"} <= charts
    for state in states:
        assert state == {"chart": state["chart"], "drawn": "empty", "canvas": False, "text": "暂无数据"}
    assert page.get_by_text("暂无数据").count() == len(states)
