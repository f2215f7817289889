"""Printing in real Chromium: the printable paper and its result sheet become PDFs holding the
paper's text, and none of the page's navigation or buttons (print.css hides them)."""

from __future__ import annotations

import io
import logging
import unicodedata

import pytest
from pdfminer.high_level import extract_text
from sqlalchemy import select

from core.db import db
from quiz.taking.models import Paper
from tests.conftest import ARTIFACTS, save_screenshot

pytestmark = pytest.mark.e2e
logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Chromium's fonts lack a FontBBox: a warning per glyph

EXAM_TITLE = "综采一队 12月安全规程月考（演示）"


def pdf_text(pdf: bytes) -> str:
    """The PDF's text without spaces; NFKC, since Chromium's CJK fonts map some ideographs to
    their Kangxi radical look-alikes (⼀ for 一)."""
    return unicodedata.normalize("NFKC", "".join(extract_text(io.BytesIO(pdf)).split()))


def squeeze(text: str) -> str:
    return unicodedata.normalize("NFKC", "".join(text.split()))


def sign_in(page, live_server, role: str) -> None:
    live_server.sign_in(page, role)


def test_paper_and_result_sheet_print_to_pdf(page, live_server):
    with live_server.app.app_context():
        paper = db.session.scalar(select(Paper).where(Paper.title == EXAM_TITLE))
        paper_id, questions = paper.id, paper.question_count
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/records/print/papers/{paper_id}?key=1")
    assert page.locator(".questions > li").count() == questions
    pdf = page.pdf(format="A4", print_background=False)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "print_paper.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    assert squeeze(EXAM_TITLE) in text
    assert squeeze("班组：") in text and squeeze("得分：") in text
    assert text.count(squeeze("答案：")) == questions  # every question, with its key
    for hidden in ("退出", "改密码", "打印", "导出Excel", "安全第一", "不带答案"):
        assert squeeze(hidden) not in text, hidden
    page.goto(f"{live_server.url}/records/print/papers/{paper_id}/results")
    text = pdf_text(page.pdf(format="A4"))
    page.emulate_media(media="print")
    save_screenshot(page, "print_results.png")
    assert squeeze(f"{EXAM_TITLE} 成绩单") in text and squeeze("阅卷人") in text
    assert squeeze("退出") not in text and squeeze("导出Excel") not in text


def test_hours_page_draws_its_chart_and_prints(page, live_server):
    sign_in(page, live_server, "team_leader")
    page.goto(f"{live_server.url}/records/")
    page.locator(".tiles a").first.click()
    page.wait_for_selector("[data-chart=workers] canvas")
    rows = page.locator("table.hours tbody tr[data-worker]")
    assert rows.count() > 1
    # the demo's offline session: 8 学时 for everyone on the roster but the last, who was on leave
    offline = [rows.nth(n).locator("td").nth(7).inner_text() for n in range(rows.count())]
    # (other browser tests sharing this server may add people to the team after the session: 0.0 too)
    assert set(offline) == {"0.0", "8.0"} and offline.count("8.0") >= 1
    save_screenshot(page, "records_team_hours.png")
    text = pdf_text(page.pdf(format="A4"))
    assert squeeze("培训学时") in text and squeeze("计算方法") in text and squeeze("退出") not in text
    page.goto(f"{live_server.url}/records/")
    page.locator("a", has_text="综采工作面安全规程再培训（演示）").click()
    assert "名单" in page.locator("[data-figure=roster]").inner_text()
    save_screenshot(page, "records_session.png")
