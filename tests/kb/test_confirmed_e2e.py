"""In real Chromium: a trainer sets another article as a question's answer on the ask page, or one found
through 在全部条文中找答案 with a query of their own, and a worker asking the same question (typed a
little differently) gets that article marked 培训员已确认."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, save_screenshot

pytestmark = pytest.mark.e2e

QUESTION = "局扇停了怎么办"
UNLISTED = "电工检修前要做什么"  # answered from an article found by another query


def _library(live_server) -> None:
    runner = live_server.app.test_cli_runner()
    runner.invoke(args=["ingest", str(ROOT / "corpus" / "sample")], catch_exceptions=False)
    runner.invoke(args=["reindex"], catch_exceptions=False)


def _a_worker_gets(browser, live_server, question: str, article: str) -> None:
    worker = browser.new_context(locale="zh-CN")
    worker.set_default_timeout(15000)
    asker = worker.new_page()
    live_server.sign_in(asker, "worker")
    asker.goto(f"{live_server.url}/kb/ask?q={question}")
    assert asker.get_attribute(".citation a", "href").split("?")[0] == article
    assert "培训员已确认" in asker.inner_text(".answer")
    assert asker.locator("form.confirm, form.withdraw").count() == 0
    worker.close()


def test_a_trainer_confirms_an_answer_a_worker_then_gets(browser, live_server):
    _library(live_server)

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

    _a_worker_gets(browser, live_server, f"{QUESTION}？", article)

    page.click(".confirmed form.withdraw button")  # leave the shared demo instance as it was
    page.wait_for_url("**/kb/ask?**")
    assert page.locator(".confirmed").count() == 0
    trainer.close()


def test_a_trainer_finds_the_answer_among_all_articles_with_a_query_of_their_own(browser, live_server):
    _library(live_server)
    trainer = browser.new_context(locale="zh-CN")
    trainer.set_default_timeout(15000)
    page = trainer.new_page()
    live_server.sign_in(page, "unit_trainer")
    page.goto(f"{live_server.url}/kb/ask?q={UNLISTED}")
    page.click("text=在全部条文中找答案")
    page.wait_for_selector(".for-question")
    page.fill(".searchbar input[name=q]", "停送电")
    page.click(".searchbar button")
    page.wait_for_url("**q=%E5%81%9C%E9%80%81%E7%94%B5**")
    assert UNLISTED in page.inner_text(".for-question")  # the question survived the new query
    save_screenshot(page, "kb-confirmed-search.png")
    chosen = page.locator(".hits .hit").first
    article = chosen.locator("h3 a").get_attribute("href").split("?")[0]
    assert chosen.locator("form.confirm button").inner_text() == f"设为“{UNLISTED}”的答案"
    chosen.locator("form.confirm button").click()
    page.wait_for_selector(".confirmed")  # back on the question's ask page
    assert page.get_attribute(".citation a", "href").split("?")[0] == article
    save_screenshot(page, "kb-confirmed-found.png")

    _a_worker_gets(browser, live_server, f"{UNLISTED}？", article)

    page.click(".confirmed form.withdraw button")  # leave the shared demo instance as it was
    page.wait_for_url("**/kb/ask?**")
    trainer.close()
