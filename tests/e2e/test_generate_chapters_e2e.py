"""In real Chromium: the generate form's 章节 list offers the chapters of the ticked documents only (every
document's while none is ticked), and a chapter whose document is unticked is no longer chosen."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def _shown_groups(page) -> list[str]:
    return page.eval_on_selector_all(
        "#generate-chapter optgroup", "groups => groups.filter(g => !g.hidden && !g.disabled).map(g => g.label)"
    )


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
