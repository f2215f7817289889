"""A trainer's pages in real Chromium: the top menu keeps each item on one line at 1366, 1024 and
390 px; the bank list's 全选本页 ticks the page; the review page's actions are in view before and
after scrolling through the drafts."""

from __future__ import annotations

import pytest

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e

TRAINER = "90001"
# How many lines each menu entry's text takes (a Range over the text gives one rect per line).
MENU_LINES = """() => [...document.querySelectorAll('.nav > a, .nav > .who, .nav .link')]
  .filter(el => el.offsetParent !== null)
  .map(el => { const r = document.createRange(); r.selectNodeContents(el);
               return [el.textContent.trim(), r.getClientRects().length]; })"""


@pytest.mark.parametrize("width,height", [(1366, 768), (1024, 768), (390, 844)])
def test_menu_items_stay_on_one_line(page, live_server, width, height) -> None:
    page.set_viewport_size({"width": width, "height": height})
    live_server.sign_in(page, TRAINER)
    if page.is_visible(".nav-button"):  # the phone's menu opens from its button
        page.click(".nav-button")
    lines = page.evaluate(MENU_LINES)
    assert len(lines) > 10
    wrapped = [text for text, count in lines if count != 1]
    assert not wrapped, f"menu entries broken over lines at {width}px: {wrapped}"
    if width >= 1024:
        header = page.eval_on_selector(".topbar", "el => el.getBoundingClientRect().height")
        assert header <= 0.2 * height  # a few rows of one-line entries, not a wall of two-line ones
    save_screenshot(page, f"menu-{width}.png")


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
