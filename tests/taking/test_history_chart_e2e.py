"""我的成绩's 成绩走势 chart in real Chromium: the 及格线 is drawn across the whole plot whatever the
number of results (one result drew none, two drew it only between their points), and its legend
marker is the line's own red dash, not another colour's dot; each result is drawn against its own
paper's pass mark (a 60-point paper's line at 60%, not 80%). Read from the chart's canvas pixels."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import select

from accounts.models import User
from core.db import db, utcnow
from tests.conftest import save_screenshot
from tests.factories import create_closed_exam, create_user

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
WORKER = "20106"  # a demo worker no other end-to-end test signs in as
PASS_PERCENT = 80  # the line history.js draws

# Red (the 及格线's #b3261e) and blue pixels of the canvas: along the pass line's row across the
# plot (its quarters), and in the right half of the legend row, where the 及格线 item is.
PIXELS = """(pass) => {
  const box = document.getElementById("score-chart"), chart = echarts.getInstanceByDom(box);
  const canvas = box.querySelector("canvas"), ratio = canvas.width / canvas.clientWidth;
  const ctx = canvas.getContext("2d"), grid = chart.getOption().grid[0];
  const red = (p) => p[0] > 140 && p[1] < 100 && p[2] < 100;
  const blue = (p) => p[2] > 140 && p[2] > p[0] + 60;
  const at = (x, y) => ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
  const y = chart.convertToPixel({yAxisIndex: 0}, pass), left = grid.left, right = box.clientWidth - grid.right;
  const quarters = [0, 0, 0, 0];
  for (let x = left; x < right; x++) {
    if ([-1, 0, 1].some(d => red(at(x, y + d)))) quarters[Math.min(3, Math.floor(4 * (x - left) / (right - left)))]++;
  }
  // The legend marker: its red pixels, the tallest red column (a dash is flat, a dot is not) and
  // the number of separate red runs along the row (a dashed line has several).
  const legend = {red: 0, blue: 0, tallest: 0, runs: 0};
  let previous = false;
  for (let x = Math.floor(box.clientWidth / 2); x < box.clientWidth; x++) {
    let column = 0;
    for (let ly = 0; ly < grid.top; ly++) {
      const p = at(x, ly);
      if (red(p)) { legend.red++; column++; }
      if (blue(p)) legend.blue++;
    }
    legend.tallest = Math.max(legend.tallest, column);
    if (column && !previous) legend.runs++;
    previous = column > 0;
  }
  return {quarters, legend};
}"""


# The text drawn on a chart's canvas (its tooltip included: charts.js draws tooltips there), by the box's id.
TIP_TEXT = """(id) => echarts.getInstanceByDom(document.getElementById(id)).getZr().storage.getDisplayList(true)
  .filter(e => e.style && typeof e.style.text === "string").map(e => e.style.text).join("\\n")"""


def add_results(live_server, percents: list[str]) -> None:
    """The worker's closed exams scoring these percents, an hour apart from a day ago."""
    with live_server.app.app_context():
        worker = db.session.scalar(select(User).where(User.username == WORKER))
        start = utcnow() - timedelta(days=1)
        for n, percent in enumerate(percents):
            create_closed_exam(worker.id, f"走势测试{n + 1}", percent, start + timedelta(hours=n),
                               pass_score=str(PASS_PERCENT))
        db.session.remove()


@contextmanager
def phone_page(browser, live_server, who: str | dict) -> Iterator:
    """A phone's page signed in as `who` (a demo 工号 or a login), closed afterwards."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    context.set_default_timeout(15000)
    try:
        page = context.new_page()
        live_server.sign_in(page, who)
        yield page
    finally:
        context.close()


def new_worker_with(live_server, *exams: tuple) -> dict:
    """The login of a new worker with these closed exams: (title, score, started_at, keyword arguments)."""
    with live_server.app.app_context():
        worker = create_user(password="Passw0rd!x")
        for title, score, started_at, options in exams:
            create_closed_exam(worker.id, title, score, started_at, **options)
        login = {"username": worker.username, "password": "Passw0rd!x"}
        db.session.remove()
    return login


def chart_pixels(page, live_server, pass_percent: float = PASS_PERCENT) -> dict:
    page.goto(f"{live_server.url}/history")
    page.wait_for_selector("#score-chart[data-drawn]")
    return page.evaluate(PIXELS, pass_percent)


def test_the_pass_line_spans_the_chart_for_one_result_and_more_with_a_matching_legend(browser, live_server):
    with phone_page(browser, live_server, WORKER) as page:
        add_results(live_server, ["23.0"])
        one = chart_pixels(page, live_server)
        save_screenshot(page, "history-chart-one-result.png")
        assert page.get_attribute("#score-chart", "data-drawn") == "1"
        assert all(count >= 5 for count in one["quarters"]), f"pass line with one result: {one}"
        marker = one["legend"]
        assert marker["red"] >= 5 and marker["blue"] == 0, f"及格线 legend marker: {marker}"
        assert marker["tallest"] <= 4 and marker["runs"] >= 3, f"及格线 legend marker is not a dashed line: {marker}"

        add_results(live_server, ["91.5", "64.0"])
        three = chart_pixels(page, live_server)
        assert page.get_attribute("#score-chart", "data-drawn") == "3"
        assert all(count >= 5 for count in three["quarters"]), f"pass line with three results: {three}"
        assert three["legend"]["red"] >= 5 and three["legend"]["blue"] == 0, f"及格线 legend marker: {three}"


def test_each_result_is_drawn_against_its_own_papers_pass_mark(browser, live_server):
    """A 60-point paper then one passed at 4 of 5: the first result's band has the line at 60%, the
    second's at 80%, and the second (2 of 5) is marked 不合格 by its own paper."""
    start = utcnow() - timedelta(days=1)
    login = new_worker_with(live_server, ("六十分及格", "90", start, {"pass_score": "60"}),
                            ("五分卷", "2", start + timedelta(hours=1), {"pass_score": "4", "max_score": "5"}))
    with phone_page(browser, live_server, login) as page:
        sixty = chart_pixels(page, live_server, 60)
        eighty = page.evaluate(PIXELS, 80)
        save_screenshot(page, "history-chart-own-pass-marks.png")
        assert sixty["quarters"][0] >= 5 and sixty["quarters"][1] >= 5, f"60% line over the first result: {sixty}"
        assert sixty["quarters"][3] == 0, f"60% line over the 80% paper's result: {sixty}"
        assert eighty["quarters"][2] >= 5 and eighty["quarters"][3] >= 5, f"80% line over the second: {eighty}"
        assert eighty["quarters"][0] == 0, f"80% line over the 60-point paper's result: {eighty}"
        colours = page.evaluate("""() => echarts.getInstanceByDom(document.getElementById("score-chart"))
            .getOption().series[0].data.map(d => (d && d.itemStyle && d.itemStyle.color) || null)""")
        assert colours[0] is None and colours[1] is not None, f"only the failed result is marked: {colours}"
        assert "及格线" in page.inner_text("main") and "不合格" in page.inner_text("main")


def test_a_paper_title_with_markup_is_text_in_the_chart_tooltip(browser, live_server):
    """A trainer's title holding a tag (C卷<img …>) is shown as text in the tooltip, not built into it."""
    title = '<img src="x" id="injected-in-tooltip">C卷'
    login = new_worker_with(live_server, (title, "90", utcnow() - timedelta(hours=2), {}))
    with phone_page(browser, live_server, login) as page:
        page.goto(f"{live_server.url}/history")
        page.wait_for_selector("#score-chart[data-drawn]")
        page.evaluate("""() => echarts.getInstanceByDom(document.getElementById("score-chart"))
            .dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: 0})""")
        # The tooltip is drawn on the canvas (charts.js: renderMode "richText"): its text is a canvas element's.
        page.wait_for_function(TIP_TEXT + ".includes('C卷')", arg="score-chart")
        assert page.locator("#injected-in-tooltip").count() == 0
        tip = page.evaluate(TIP_TEXT, "score-chart")
        assert title in tip, tip
