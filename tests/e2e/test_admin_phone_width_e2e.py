"""The admin pages at 390 px (a phone): nothing makes the page wider than the screen (法规文库 was
429 px wide, its list of supported types one unbreakable run of “.md、.markdown、.txt…”)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
PAGES = ["/", "/library/", "/admin/people", "/admin/people/new", "/admin/teams", "/admin/roster", "/admin/audit/",
         "/people", "/kb/words"]


def test_no_admin_page_is_wider_than_a_phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    context.set_default_timeout(15000)
    try:
        page = context.new_page()
        live_server.sign_in(page, "admin")
        page.goto(f"{live_server.url}/library/")
        first = page.locator('[data-testid="library"] td.lead a').first.get_attribute("href")
        wide = {}
        for path in [*PAGES, first]:
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.ok, path
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                wide[path] = width
        assert wide == {}
    finally:
        context.close()
