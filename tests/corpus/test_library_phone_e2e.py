"""法规文库 on a phone (390x844, touch, real Chromium): each document is a card — its title on a
line of its own (at most three lines), then type, status, 施行 date and its size in words
(「7 条」) — so the list is a few screens long, not a squeezed five-column table."""

from __future__ import annotations

import re

import pytest

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
MAX_TITLE_LINES = 3
CARD_PX = 170  # a card of a three-line title and one wrapping line of facts, with its padding


def test_the_library_is_a_list_of_cards_on_a_phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    context.set_default_timeout(15000)
    try:
        page = context.new_page()
        live_server.sign_in(page, "worker")
        page.goto(f"{live_server.url}/library/")
        rows = page.locator('[data-testid="library"] tbody tr')
        count = rows.count()
        assert count >= 5  # the demo's sample documents
        titles = page.eval_on_selector_all(
            '[data-testid="library"] td.lead a',
            "links => links.map(a => [a.textContent, a.getClientRects().length,"
            " a.getBoundingClientRect().height / parseFloat(getComputedStyle(a).lineHeight || 20)])")
        for title, _rects, lines in titles:
            assert round(lines) <= MAX_TITLE_LINES, (title, lines)
        sizes = [rows.nth(n).locator("td").last.inner_text() for n in range(count)]
        assert all(re.fullmatch(r"\d+ (条|节)(、\d+ 节)?|—", s.strip()) for s in sizes), sizes
        height = page.evaluate("document.documentElement.scrollHeight")
        top = page.locator('[data-testid="library"]').bounding_box()["y"]
        save_screenshot(page, "library_phone.png")
        print("library height", height, "rows", count)
        assert height <= top + count * CARD_PX + PHONE["height"], (height, count)
    finally:
        context.close()
