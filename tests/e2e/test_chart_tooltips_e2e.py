"""Chart tooltips under the app's Content-Security-Policy (style-src 'self', no 'unsafe-inline'), in real
Chromium: ECharts' HTML tooltips carried style="…" attributes the browser refused — a console error on
every hover, tooltips without their colour dots and with names run into values. charts.js draws every
tooltip on the canvas instead (renderMode "richText"): hovering every chart of the results, hours and
history pages logs no CSP error, and the tooltip is drawn."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.db import db, utcnow
from tests.conftest import save_screenshot
from tests.factories import create_closed_exam, create_team, create_user

pytestmark = pytest.mark.e2e

# The drawn charts (a box with a canvas) and the n-th one's visible canvas text (its tooltip's, when shown).
BOXES = "[...document.querySelectorAll('[data-drawn]')].filter(b => b.querySelector('canvas'))"
DRAWN = f"() => {BOXES}.length"
TEXT = f"""(n) => echarts.getInstanceByDom({BOXES}[n]).getZr().storage.getDisplayList(true)
  .filter(e => !e.invisible && e.style && typeof e.style.text === "string").map(e => e.style.text).join("\\n").length"""
# A tooltip needs a point with a value (an axis tooltip at an empty week shows nothing): the first of the first
# series' points that shows one, else the middle of the plot; whether one was shown.
SHOW_TIP = f"""(n) => {{
  const box = {BOXES}[n], chart = echarts.getInstanceByDom(box), text = ({TEXT}), before = text(n);
  const points = (chart.getOption().series[0].data || []).length;
  for (let i = 0; i < points; i++) {{
    chart.dispatchAction({{type: "showTip", seriesIndex: 0, dataIndex: i}});
    if (text(n) > before) return true;
  }}
  chart.dispatchAction({{type: "showTip", x: box.clientWidth / 2, y: box.clientHeight / 2}});
  return text(n) > before;
}}"""
HIDE_TIP = f"""(n) => echarts.getInstanceByDom({BOXES}[n]).dispatchAction({{type: "hideTip"}})"""


@pytest.fixture(scope="module")
def crew(live_server):
    """A team of its own (its own 区队, so no other test's counts move) with two workers' exams this week."""
    with live_server.app.app_context():
        team = create_team("图表测试队", "图表测试班")
        workers = [create_user(team=team, password="Passw0rd!x") for _ in range(2)]
        for n, worker in enumerate(workers):
            for k, score in enumerate(("72", "91")):
                create_closed_exam(worker.id, f"图表测试卷{k + 1}", score, utcnow() - timedelta(days=2, hours=n + 3 * k))
        found = {"team": team.id, "unit": team.unit_id, "worker": {"username": workers[0].username,
                                                                     "password": "Passw0rd!x"}}
        db.session.remove()
    return found


def _hover_every_chart(page, url: str) -> tuple[list[str], list[int]]:
    """Open `url`, hover over every drawn chart and show a tooltip of each: the CSP errors logged and the
    charts whose tooltip is not drawn on the canvas."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    missing: list[int] = []
    drawn = page.evaluate(DRAWN)
    assert drawn, f"no chart drawn on {url}"
    for n in range(drawn):
        box = page.locator("[data-drawn]:has(canvas)").nth(n)
        box.scroll_into_view_if_needed()
        area = box.bounding_box()
        for fx in (0.3, 0.5, 0.7):
            page.mouse.move(area["x"] + area["width"] * fx, area["y"] + area["height"] * 0.5)
            page.wait_for_timeout(150)
        page.mouse.move(0, 0)
        page.evaluate(HIDE_TIP, n)
        page.wait_for_timeout(300)
        if not page.evaluate(SHOW_TIP, n):
            missing.append(n)
    return errors, missing


def test_hovering_every_chart_logs_no_csp_error(browser, live_server, crew):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(20000)
    try:
        page = context.new_page()
        live_server.sign_in(page, "admin")
        for path in (f"/results/teams/{crew['team']}", f"/results/units/{crew['unit']}",
                     f"/records/hours/teams/{crew['team']}"):
            assert _hover_every_chart(page, live_server.url + path) == ([], []), path
        save_screenshot(page, "chart-tooltip-hours.png")
    finally:
        context.close()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    context.set_default_timeout(20000)
    try:
        page = context.new_page()
        live_server.sign_in(page, crew["worker"])
        assert _hover_every_chart(page, f"{live_server.url}/history") == ([], [])
        save_screenshot(page, "chart-tooltip-history.png")
    finally:
        context.close()
