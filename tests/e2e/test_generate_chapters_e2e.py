"""In real Chromium: the generate form's 章节 list holds the chapters of the ticked documents only (every
document's while none is ticked; the others are out of the list, not merely hidden, so no keyboard, screen
reader or phone picker offers them), following ticks, 全选/全不选 and the filter, and a chapter whose document
is unticked is no longer chosen."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def _shown_groups(page) -> list[str]:
    """The documents whose chapters the select offers, checking that it offers each of their chapters."""
    groups = page.eval_on_selector("#generate-chapter", "s => [...s.querySelectorAll('optgroup')].map(g => g.label)")
    options = page.eval_on_selector("#generate-chapter", "s => [...s.options].filter(o => o.value).length")
    assert options == page.eval_on_selector_all("#generate-chapter optgroup option", "o => o.length")
    return groups


def test_the_chapter_list_follows_the_ticked_documents(page, live_server) -> None:
    from quiz.generation import ondemand

    with live_server.app.app_context():
        listed = ondemand.theory_chapters()
    with_chapters = [title for title, found in listed.items() if found]
    if len(with_chapters) < 2:
        pytest.skip("the demo library has fewer than two documents with chapters")
    first, second = with_chapters[:2]
    live_server.sign_in(page, "unit_trainer")
    page.goto(f"{live_server.url}/bank/review/")
    if not page.locator("#generate-form details[open]").count():
        page.click("#generate-form summary")
    page.select_option("#generate-kind", "theory")
    assert _shown_groups(page) == list(listed)  # nothing ticked: every document's chapters

    box = page.locator("fieldset#documents input[name=documents]")
    box.and_(page.locator(f'[value="{first}"]')).check()
    assert _shown_groups(page) == [first]
    values = page.eval_on_selector_all(
        f'#generate-chapter optgroup[data-document="{first}"] option', "options => options.map(o => o.value)"
    )
    assert values == [c.value for c in listed[first]]
    page.select_option("#generate-chapter", values[-1])

    box.and_(page.locator(f'[value="{second}"]')).check()
    assert _shown_groups(page) == [t for t in listed if t in (first, second)]
    assert page.input_value("#generate-chapter") == values[-1]  # its document still ticked: still chosen

    box.and_(page.locator(f'[value="{first}"]')).uncheck()
    assert _shown_groups(page) == [second]
    assert page.input_value("#generate-chapter") == ""  # its document unticked: no chapter of it is sent


def test_select_all_and_the_filter_move_the_chapter_list_too(page, live_server) -> None:
    from quiz.generation import ondemand

    with live_server.app.app_context():
        listed = ondemand.theory_chapters()
    with_chapters = [title for title, found in listed.items() if found]
    if len(with_chapters) < 2:
        pytest.skip("the demo library has fewer than two documents with chapters")
    first = with_chapters[0]
    live_server.sign_in(page, "unit_trainer")
    page.goto(f"{live_server.url}/bank/review/")
    if not page.locator("#generate-form details[open]").count():
        page.click("#generate-form summary")
    page.select_option("#generate-kind", "theory")
    tools = page.locator("fieldset#documents .checks-tools")
    if not tools.count():
        pytest.skip("the demo library's document list is short: no filter or 全选")
    tools.locator("input[data-checks-filter]").fill(first)
    shown = page.eval_on_selector_all("fieldset#documents label.check:not([hidden]) input", "b => b.map(x => x.value)")
    tools.locator("button[data-checks-set=all]").click()  # ticks the shown documents only
    assert _shown_groups(page) == [t for t in listed if t in shown]
    page.select_option("#generate-chapter", listed[first][0].value)
    tools.locator("button[data-checks-set=none]").click()  # nothing ticked: every document's chapters again
    assert _shown_groups(page) == list(listed)
    assert page.input_value("#generate-chapter") == ""  # its document unticked: no chapter of it is sent
