"""In real Chromium on a 390 px phone: the search box at the top of every page shows its whole hint,
and a question typed there gets the ask page's answer above the results, agreeing with the ask page."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, save_screenshot

pytestmark = pytest.mark.e2e

QUESTION = "遇到危险了班长能不能让大家先撤出来"  # the sample corpus answers it (tests/kb/test_ask_e2e.py)
WIDTH = 390

# Width of the placeholder as drawn in the input's font, and the room the input gives it.
PLACEHOLDER_FIT = """(el) => {
  const style = getComputedStyle(el);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {text: context.measureText(el.placeholder).width, room: room};
}"""


def test_a_question_in_the_search_box_gets_the_answer_above_the_results(browser, live_server):
    runner = live_server.app.test_cli_runner()
    runner.invoke(args=["ingest", str(ROOT / "corpus" / "sample")], catch_exceptions=False)
    runner.invoke(args=["reindex"], catch_exceptions=False)
    context = browser.new_context(viewport={"width": WIDTH, "height": 844}, locale="zh-CN", is_mobile=True,
                                  has_touch=True)
    context.set_default_timeout(15000)
    page = context.new_page()
    live_server.sign_in(page, "worker")

    box = page.locator(".searchbar input[name=q]")
    fit = box.evaluate(PLACEHOLDER_FIT)
    assert box.get_attribute("placeholder") and fit["text"] <= fit["room"], fit  # the hint is not cut off

    box.fill(QUESTION)
    page.tap(".searchbar button")
    page.wait_for_url("**/kb/search?**")
    brief = page.locator(".answer-brief")
    assert brief.is_visible(), page.inner_text("main")[:500]
    assert brief.locator("h2").inner_text() in {"答案", "可能的答案"}
    assert brief.locator(".answer-text mark").count() >= 1
    assert brief.bounding_box()["y"] < page.locator(".hits .hit").first.bounding_box()["y"]  # above the list
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    heading, citation = brief.locator("h2").inner_text(), brief.locator(".citation a").inner_text()
    save_screenshot(page, "kb-search-answer-390px.png")

    page.tap(".answer-brief .more a")
    page.wait_for_url("**/kb/ask?**")
    assert page.locator(".answer h2").inner_text() == heading
    assert page.locator(".answer .citation a").inner_text() == citation  # the same answer, in full
    context.close()
