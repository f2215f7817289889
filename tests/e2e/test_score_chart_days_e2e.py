"""A worker's 考试得分率走势 on the trainer's page dates each exam by the mine's day, as the table under it
does: an exam sat at 07:00 in the mine is 23:00 UTC the day before, and the chart drew it on that day."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from core import clock
from core.db import db
from tests.factories import create_closed_exam, create_team, create_user

pytestmark = pytest.mark.e2e

SERIES = """() => {
  const chart = echarts.getInstanceByDom(document.querySelector('[data-chart="series"]'));
  return chart.getOption().xAxis[0].data;
}"""


def test_the_score_chart_dates_an_early_exam_by_the_mines_day(browser, live_server):
    day = clock.today() - timedelta(days=2)
    with live_server.app.app_context():
        team = create_team("走势日期队", "走势日期班")
        worker = create_user(team=team)
        started = clock.to_utc(datetime.combine(day, time(7, 0)))
        assert started.date() != day  # the UTC calendar's day before: what the chart showed
        create_closed_exam(worker.id, "早班考试", "90", started)
        worker_id = worker.id
        db.session.remove()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(20000)
    try:
        page = context.new_page()
        live_server.sign_in(page, "admin")
        page.goto(f"{live_server.url}/results/workers/{worker_id}")
        page.wait_for_function("() => document.querySelector('[data-chart=\"series\"] canvas') !== null")
        assert page.evaluate(SERIES) == [day.strftime("%m/%d")]
        assert day.strftime("%Y-%m-%d") in page.locator("table").first.text_content() or \
            day.strftime("%m-%d") in page.locator("table").first.text_content()
    finally:
        context.close()
