"""In real Chromium: the assignment form shows only the fields of the chosen 布置内容 — a paper's 试卷, a
practice set's filter (分类/出处文档/工种/作业场所/题数) — and sends only those."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e

PRACTICE_FIELDS = ("category", "document", "job", "site", "count")


def test_only_the_chosen_kinds_fields_are_shown(page, live_server) -> None:
    live_server.sign_in(page, "unit_trainer")
    page.goto(f"{live_server.url}/assignments/new")
    paper = page.locator("select[name=paper]")
    practice = [page.locator(f"[name={name}]") for name in PRACTICE_FIELDS]
    page.select_option("select[name=kind]", "paper")
    expect(paper).to_be_visible()
    for field in practice:
        expect(field).to_be_hidden()
        expect(field).to_be_disabled()  # not sent
    save_screenshot(page, "assignment-form-paper.png")
    page.select_option("select[name=kind]", "practice")
    expect(paper).to_be_hidden()
    expect(paper).to_be_disabled()
    for field in practice:
        expect(field).to_be_visible()
        expect(field).to_be_enabled()
    page.select_option("select[name=kind]", "paper")
    expect(paper).to_be_visible()
    expect(practice[-1]).to_be_hidden()
