"""A trainer's pages in real Chromium (the top menu: test_nav_menu_e2e.py): the bank list's 全选本页
ticks the page; the review page's and the bank list's actions are in view on arrival and after
scrolling through the rows."""

from __future__ import annotations

import pytest

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e

TRAINER = "90001"


def test_bank_list_select_all_ticks_the_page(page, live_server) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    live_server.sign_in(page, TRAINER)
    page.goto(f"{live_server.url}/bank/")
    boxes = page.locator("input[name=ids]")
    assert boxes.count() > 1
    page.check("thead input[data-select-all]")
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    boxes.first.uncheck()
    assert page.eval_on_selector("thead input[data-select-all]", "el => el.indeterminate && !el.checked")


def test_review_actions_are_in_view_at_the_top_and_after_scrolling(page, live_server) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    live_server.sign_in(page, TRAINER)
    page.goto(f"{live_server.url}/bank/review/")
    if not page.locator(".review-item").count():
        pytest.skip("the demo has no generated drafts to review")
    actions = page.locator("#review-actions")
    box = actions.bounding_box()  # on arrival, before any scrolling
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 768
    page.mouse.wheel(0, 20000)
    page.wait_for_timeout(300)
    box = actions.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 768
    page.check("#review-select-all")
    boxes = page.locator("input[name=ids]")
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    save_screenshot(page, "review-actions.png")


def test_bank_list_actions_are_in_view_on_arrival_and_after_scrolling(page, live_server) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    live_server.sign_in(page, TRAINER)
    page.goto(f"{live_server.url}/bank/")
    assert page.locator("input[name=ids]").count() > 10
    for name in ("#bulk-submit", "#pick-submit"):
        box = page.locator(name).bounding_box()  # on arrival, before any scrolling
        assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 768, (name, box)
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    box = page.locator("#bulk-submit").bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 768, box
    save_screenshot(page, "bank-actions.png")
