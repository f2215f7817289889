"""In real Chromium on a 360 px phone screen: a worker asks in plain words and opens the cited article."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, save_screenshot

pytestmark = pytest.mark.e2e


def test_worker_asks_on_the_phone_home_page_and_opens_the_cited_article(browser, live_server):
    runner = live_server.app.test_cli_runner()
    # The team's own sample rules (企业制度), as an administrator would ingest them.
    runner.invoke(args=["ingest", str(ROOT / "corpus" / "sample")], catch_exceptions=False)
    runner.invoke(args=["reindex"], catch_exceptions=False)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN", is_mobile=True)
    context.set_default_timeout(15000)
    page = context.new_page()
    live_server.sign_in(page, "worker")

    page.fill("#ask-q", "遇到危险了班长能不能让大家先撤出来")
    page.click(".ask-panel button[type=submit]")
    page.wait_for_selector(".answer, .notice")
    assert page.is_visible(".answer"), page.inner_text("main")[:500]
    citation = page.inner_text(".citation a")
    assert citation.startswith("《") and "条" in citation
    assert page.locator(".answer-text mark").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    save_screenshot(page, "kb-answer-360px.png")

    page.click(".citation a")
    page.wait_for_url("**/kb/article/**")
    heading = page.inner_text("h1")
    assert heading and heading in citation.replace("出处：", "")
    assert page.locator(".article-text mark").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    save_screenshot(page, "kb-article-360px.png")

    # The search box on every page leads to the results page.
    page.fill(".searchbar input[name=q]", "瓦斯超限了怎么办")
    page.click(".searchbar button")
    page.wait_for_url("**/kb/search?**")
    assert page.locator(".hits .hit").count() >= 3
    assert page.locator(".hits .hit mark").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    save_screenshot(page, "kb-search-360px.png")
    context.close()


def test_the_answer_s_helper_line_and_feedback_read_naturally_on_a_390px_phone(browser, live_server):
    """The line under an answer says what the bold sentence answers in a worker's words, and the
    没帮助 reason sits on its own line under 有帮助 (not wrapped beside the button)."""
    runner = live_server.app.test_cli_runner()
    runner.invoke(args=["ingest", str(ROOT / "corpus" / "sample")], catch_exceptions=False)
    runner.invoke(args=["reindex"], catch_exceptions=False)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True,
                                  has_touch=True)
    context.set_default_timeout(15000)
    page = context.new_page()
    live_server.sign_in(page, "worker")
    page.fill("#ask-q", "遇到危险了班长能不能让大家先撤出来")
    page.click(".ask-panel button[type=submit]")
    page.wait_for_selector(".answer .feedback")

    helper = page.locator(".answer p.muted").first.inner_text()
    assert helper.startswith("加粗的"), helper
    assert "所问的" not in helper, helper

    # The reason's label reads on one line of its own, below the 有帮助 button.
    box = page.evaluate("""() => {
      const form = document.querySelector('.answer .feedback');
      const label = [...form.querySelectorAll('label')].find(l => l.querySelector('select[name=reason]'));
      const text = [...label.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
      const range = document.createRange();
      range.selectNodeContents(text);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      const button = form.querySelector('button[value="1"]').getBoundingClientRect();
      return {lines: lines.size, top: range.getBoundingClientRect().top, below: button.bottom};
    }""")
    assert box["lines"] == 1, box
    assert box["top"] >= box["below"] - 1, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "kb-answer-feedback-390px.png")
    context.close()
