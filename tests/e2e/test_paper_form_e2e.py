"""The paper form in a real browser: each rule shows how many questions it can draw from, and says
so in red when it asks for more, as the trainer types (before saving)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core.db import db
from quiz.taking import papers
from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e


def test_each_rule_shows_what_it_can_draw_as_the_trainer_edits(page, live_server):
    with live_server.app.app_context():
        singles, judges = (len(db.session.execute(papers.pool_query(papers.Section(kind, 1, 1), "exam")).all())
                           for kind in ("single", "judge"))
    assert singles > 1
    live_server.sign_in(page, "admin")
    page.goto(f"{live_server.url}/papers/new")
    first, second = page.locator('td.available[data-row="0"]'), page.locator('td.available[data-row="1"]')
    page.select_option("select[name=sections-0-type]", "single")
    page.fill("input[name=sections-0-count]", str(singles + 5))
    expect(first).to_have_text(f"可用 {singles} 道，不够")
    expect(first).to_have_class("available short")
    page.fill("input[name=sections-0-count]", str(singles - 1))
    expect(first).to_have_text(f"可用 {singles} 道")
    expect(first).to_have_class("available")
    # A second rule of the same type counts what the first leaves.
    page.select_option("select[name=sections-1-type]", "single")
    page.fill("input[name=sections-1-count]", "2")
    expect(second).to_have_text("可用 1 道，不够")
    page.select_option("select[name=sections-1-type]", "judge")
    expect(second).to_have_text(f"可用 {judges} 道" + ("，不够" if judges < 2 else ""))
    save_screenshot(page, "paper-form-available.png")


def test_the_pass_mark_shows_as_points_and_share_of_the_total_as_the_trainer_types(page, live_server):
    live_server.sign_in(page, "admin")
    page.goto(f"{live_server.url}/papers/new")
    share = page.locator(".pass-share")
    expect(share).to_have_text("总分0分，及格分80分")
    page.select_option("select[name=sections-0-type]", "single")
    page.fill("input[name=sections-0-count]", "3")
    page.fill("input[name=sections-0-points]", "2")
    page.fill("input[name=pass_score]", "4.8")
    expect(share).to_have_text("总分6分，及格分4.8分，占总分的80%")
    page.select_option("select[name=sections-1-type]", "judge")
    page.fill("input[name=sections-1-count]", "4")
    page.fill("input[name=sections-1-points]", "1.5")
    expect(share).to_have_text("总分12分，及格分4.8分，占总分的40%")
    save_screenshot(page, "paper-form-pass-share.png")


def test_a_practice_shows_no_time_limit_an_empty_pass_mark_and_unlimited_tries(page, live_server):
    live_server.sign_in(page, "admin")
    page.goto(f"{live_server.url}/papers/new")
    limit = page.locator("input[name=time_limit_minutes]")
    mark, tries, share = page.locator("input[name=pass_score]"), page.locator("input[name=max_attempts]"), \
        page.locator(".pass-share")
    expect(tries).to_have_value("1")
    expect(limit).to_be_visible()
    page.select_option("select[name=mode]", "practice")
    expect(limit).to_be_hidden()
    expect(limit).to_be_disabled()  # not sent
    expect(mark).to_be_visible()  # a practice may set a pass line: empty (none) unless the trainer fills it in
    expect(mark).to_have_value("")
    expect(tries).to_have_value("0")  # 不限
    expect(share).to_contain_text("练习不设及格线")
    save_screenshot(page, "paper-form-practice.png")
    page.select_option("select[name=mode]", "exam")  # back to the exam's defaults
    expect(limit).to_be_visible()
    expect(limit).to_be_enabled()
    expect(mark).to_have_value("80")
    expect(share).to_have_text("总分0分，及格分80分")
    expect(tries).to_have_value("1")
    page.fill("input[name=max_attempts]", "3")  # numbers the trainer chose stay
    page.fill("input[name=pass_score]", "60")
    page.select_option("select[name=mode]", "practice")
    expect(tries).to_have_value("3")
    expect(mark).to_have_value("60")
    expect(share).to_have_text("总分0分，及格分60分")  # a practice with a pass line


# How wide a select is against the width its chosen option's text needs (a copy holding only that option,
# sized by its text, beside it so the same styles apply).
_FIT = """sel => {
  const copy = sel.cloneNode(false);
  copy.appendChild(sel.options[sel.selectedIndex].cloneNode(true));
  copy.removeAttribute("name");
  copy.style.cssText = "position:absolute;visibility:hidden;width:auto;min-width:0;max-width:none";
  sel.parentNode.appendChild(copy);
  const need = copy.getBoundingClientRect().width;
  copy.remove();
  return [sel.getAttribute("aria-label"), sel.options[sel.selectedIndex].text, sel.getBoundingClientRect().width, need];
}"""


@pytest.mark.parametrize("width, height", [(1366, 768), (390, 844)])
def test_every_rule_select_shows_its_whole_text_on_a_laptop_and_a_phone(page, live_server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    live_server.sign_in(page, "unit_trainer")
    page.goto(f"{live_server.url}/papers/new")
    row = page.locator("table.rules tbody tr").first
    # The longest 题型, 分类 and 难度 offered; the 出处文档 left at 全部文档 (a title may be longer than a line).
    for name in ("type", "category", "difficulty"):
        select = row.locator(f"select[name$=-{name}]")
        texts = select.locator("option").all_inner_texts()
        select.select_option(label=max(texts, key=len))
    cut = []
    for select in page.locator("table.rules select").all():
        label, text, shown, need = select.evaluate(_FIT)
        if shown + 0.5 < need:
            cut.append((label, text, round(shown), round(need)))
    assert not cut, f"selects narrower than their text at {width}px: {cut}"
    wrap = page.locator(".paper-form .table-wrap")
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth + 1"), "the rules scroll sideways"
    save_screenshot(page, f"paper-form-rules-{width}.png")
