"""In real Chromium: a trainer sets another article as a question's answer on the ask page, and a worker
asking the same question (typed a little differently) gets that article marked 培训员已确认."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, save_screenshot

pytestmark = pytest.mark.e2e

QUESTION = "局扇停了怎么办"


def test_a_trainer_confirms_an_answer_a_worker_then_gets(browser, live_server):
    runner = live_server.app.test_cli_runner()
    runner.invoke(args=["ingest", str(ROOT / "corpus" / "sample")], catch_exceptions=False)
    runner.invoke(args=["reindex"], catch_exceptions=False)

    trainer = browser.new_context(locale="zh-CN")
    trainer.set_default_timeout(15000)
    page = trainer.new_page()
    live_server.sign_in(page, "unit_trainer")
    page.goto(f"{live_server.url}/kb/ask?q={QUESTION}")
    chosen = page.locator(".hits .hit").filter(has=page.locator("form.confirm")).first
    article = chosen.locator("h3 a").get_attribute("href").split("?")[0]  # /kb/article/N
    chosen.locator("form.confirm button").click()
    page.wait_for_selector(".confirmed")
    assert page.get_attribute(".citation a", "href").split("?")[0] == article
    assert page.is_visible(".confirmed form.withdraw")
    save_screenshot(page, "kb-confirmed-trainer.png")

    worker = browser.new_context(locale="zh-CN")
    worker.set_default_timeout(15000)
    asker = worker.new_page()
    live_server.sign_in(asker, "worker")
    asker.goto(f"{live_server.url}/kb/ask?q={QUESTION}？")
    assert asker.get_attribute(".citation a", "href").split("?")[0] == article
    assert "培训员已确认" in asker.inner_text(".answer")
    assert asker.locator("form.confirm, form.withdraw").count() == 0
    worker.close()

    page.click(".confirmed form.withdraw button")  # leave the shared demo instance as it was
    page.wait_for_url("**/kb/ask?**")
    assert page.locator(".confirmed").count() == 0
    trainer.close()
