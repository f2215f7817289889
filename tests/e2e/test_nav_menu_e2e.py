"""The top menu in real Chromium with JavaScript off, for a trainer, a team leader and an admin:
one line high at 1366 and 1024 px (its entries share one row), every group opens from a click
and from the keyboard, its links are in view and lead to their pages; on a 390 px phone the
groups open inside the 菜单 list."""

from __future__ import annotations

import pytest

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e

# The top-level entries of the menu and where each one's box sits.
ENTRIES = """() => [...document.querySelectorAll(
    '.nav > a, .nav > .nav-group > summary, .nav > .who, .nav > form .link')]
  .filter(el => el.offsetParent !== null)
  .map(el => { const r = el.getBoundingClientRect(); return {text: el.textContent.trim(), top: r.top,
               bottom: r.bottom, lines: (() => { const g = document.createRange(); g.selectNodeContents(el);
               return new Set([...g.getClientRects()].map(x => Math.round(x.top))).size; })()}; })"""


@pytest.fixture
def no_script_page(browser, live_server):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    context.set_default_timeout(15000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("width,height", [(1366, 768), (1024, 768), (390, 844)])
@pytest.mark.parametrize("who", ["90001", "team_leader", "admin"])
def test_menu_groups_fit_one_line_and_open_to_working_links(no_script_page, live_server, who, width, height) -> None:
    page = no_script_page
    page.set_viewport_size({"width": width, "height": height})
    live_server.sign_in(page, who)
    phone = page.is_visible(".nav-button")
    assert phone == (width < 760)
    if phone:
        page.click(".nav-button")
    entries = page.evaluate(ENTRIES)
    assert [e["text"] for e in entries if e["lines"] != 1] == []  # no entry broken over two lines
    if not phone:
        rows = {round(e["top"]) for e in entries}
        assert max(rows) - min(rows) <= 4, f"menu on more than one row at {width}px: {entries}"
        header = page.eval_on_selector(".topbar", "el => el.getBoundingClientRect().height")
        tallest = max(e["bottom"] - e["top"] for e in entries)
        assert header < 2 * tallest + 24  # one row of entries and the bar's padding
    groups = page.locator(".nav > .nav-group")
    labels = [groups.nth(i).locator("summary").inner_text().strip() for i in range(groups.count())]
    assert len(labels) >= 3
    for i in range(len(labels)):
        group = groups.nth(i)
        group.locator("summary").click()
        links = group.locator(".nav-menu a")
        assert links.count() >= 2
        for j in range(links.count()):
            box = links.nth(j).bounding_box()
            assert box and links.nth(j).is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= width
        if i == 0:
            save_screenshot(page, f"nav-{who}-{width}.png")
        group.locator("summary").click()  # closes again
        assert not links.first.is_visible()
    # The last group's last link leads to its page, where that group is marked as the current one.
    group = groups.nth(len(labels) - 1)
    group.locator("summary").click()
    link = group.locator(".nav-menu a").last
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"{live_server.url}{href}")
    assert page.locator("main h1, main h2").first.is_visible()
    current = page.locator(".nav > .nav-group.current summary")
    assert current.count() == 1 and current.inner_text().strip() == labels[-1]


def test_menu_opens_from_the_keyboard(no_script_page, live_server) -> None:
    page = no_script_page
    page.set_viewport_size({"width": 1366, "height": 768})
    live_server.sign_in(page, "admin")
    summary = page.locator(".nav > .nav-group > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    group = page.locator(".nav > .nav-group").first
    assert group.get_attribute("open") is not None
    page.keyboard.press("Tab")
    first = group.locator(".nav-menu a").first
    assert first.evaluate("el => el === document.activeElement")
    href = first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{href}")


def test_with_javascript_an_open_group_closes_on_a_click_outside_and_on_escape(page, live_server) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    live_server.sign_in(page, "admin")
    group = page.locator(".nav > .nav-group").first
    group.locator("summary").click()
    assert group.get_attribute("open") is not None
    page.click("main h1")
    assert group.get_attribute("open") is None
    group.locator("summary").click()
    page.keyboard.press("Escape")
    assert group.get_attribute("open") is None
    assert group.locator("summary").evaluate("el => el === document.activeElement")
    group.locator("summary").click()  # a link inside the open group still works
    link = group.locator(".nav-menu a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"{live_server.url}{href}")
