"""The bank import preview in a real browser: each question's 分类 and 解析 are shown before the
trainer confirms, a long 解析 cut short with the whole text on hover and on a click, and on a phone
each question reads as a card with nothing to scroll sideways."""

from __future__ import annotations

import pytest

from tests.conftest import save_screenshot
from tests.quiz.test_import_preview import BANK, LONG_NOTE

pytestmark = pytest.mark.e2e

TRAINER = "90001"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


def _open_preview(page, live_server, tmp_path) -> None:
    path = tmp_path / "通风题库.xlsx"
    path.write_bytes(BANK)
    live_server.sign_in(page, TRAINER)
    page.goto(f"{live_server.url}/bank/import")
    page.set_input_files("input[type=file]", str(path))
    page.click("#upload-submit")
    page.wait_for_selector("#preview-questions")


def test_the_preview_shows_category_and_explanation_on_a_pc(page, live_server, tmp_path) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    _open_preview(page, live_server, tmp_path)
    assert page.locator("#preview-questions th").all_inner_texts()[-2:] == ["分类", "解析"]
    first = page.locator("#preview-questions tbody tr").first
    note = first.locator("td.explanation details.clip")
    assert note.locator("summary").get_attribute("title") == LONG_NOTE
    full = note.locator(".clip-full")
    assert not full.is_visible()
    note.locator("summary").click()
    assert full.is_visible() and full.inner_text() == LONG_NOTE
    assert not note.locator(".clip-short").is_visible()
    assert "答案不在选项中 1 行" in page.inner_text("body")
    save_screenshot(page, "import-preview-pc.png")


def test_the_preview_reads_on_a_phone(browser, live_server, tmp_path) -> None:
    context = browser.new_context(**PHONE)
    context.set_default_timeout(15000)
    page = context.new_page()
    _open_preview(page, live_server, tmp_path)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390  # nothing to scroll sideways
    second = page.locator("#preview-questions tbody tr").nth(1)
    assert "分类：一通三防" in second.inner_text()  # labelled, since the header row is hidden
    note = page.locator("#preview-questions tbody tr").first.locator("td.explanation")
    box = note.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    note.locator("summary").tap()
    assert LONG_NOTE in note.inner_text()
    save_screenshot(page, "import-preview-phone.png")
    context.close()
