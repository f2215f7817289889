"""Fixture files the corpus tests make themselves: encodings, docx, PDF, broken input."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from tests.conftest import csrf_token

RULES = (
    "# 班组安全检查办法\n\n"
    "2025年3月1日 测试煤矿安全生产委员会 印发\n\n"
    "## 第一章 总则\n\n"
    "第一条 为了加强班组安全检查，制定本办法。\n\n"
    "第二条 班组长每班开工前必须检查作业地点的顶板、支护和瓦斯浓度。\n\n"
    "发现隐患应当立即处理。\n\n"
    "## 第二章 附则\n\n"
    "第三条 本办法自2025年4月1日起施行。\n"
)
TEXT_RULES = "瓦斯检查规定\n第一章总则\n第一条为了防止瓦斯事故，制定本规定。\n第二条瓦斯检查工必须持证上岗。\n"


def finished_upload(client, response):
    """The page an upload answered with, once its background job is done (with the upload's messages)."""
    from corpus.job_runner import runner

    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    assert runner(client.application).wait(120), "the upload job did not finish"
    return client.get(response.headers["Location"], follow_redirects=True)


def post_upload(client, files, doc_type: str = ""):
    """Upload [(name, text)] on the library page as the signed-in admin; the response (302 to the job)."""
    data = {
        "csrf_token": csrf_token(client, "/library/"),
        "doc_type": doc_type,
        "files": [(io.BytesIO(content if isinstance(content, bytes) else content.encode()), name)
                  for name, content in files],
    }
    return client.post("/library/upload", data=data, content_type="multipart/form-data")


def job_status(client, location: str) -> dict:
    """What the job page polls: the job's state and progress as JSON."""
    response = client.get(location + "/status")
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def until_status(client, location: str, check, timeout: float = 30) -> dict:
    """Poll the job's status until `check(status)` holds or `timeout` seconds passed; the last status."""
    deadline = time.monotonic() + timeout
    while True:
        data = job_status(client, location)
        if check(data) or time.monotonic() > deadline:
            return data
        time.sleep(0.05)


@pytest.fixture
def make_file(tmp_path: Path):
    """make_file(name, content: str | bytes, encoding="utf-8") -> Path in a temp folder."""

    def make(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return make


@pytest.fixture
def docx_file(tmp_path: Path) -> Path:
    """A Word file with a Title, a heading, articles and a table."""
    from docx import Document

    document = Document()
    document.add_heading("通风设施管理制度", level=0)
    document.add_heading("第一章 总则", level=1)
    document.add_paragraph("第一条 为了加强通风设施管理，制定本制度。")
    document.add_paragraph("第二条 风门必须设置闭锁装置。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "设施", "检查周期"
    table.cell(1, 0).text, table.cell(1, 1).text = "风门", "每班"
    document.add_paragraph("第三条 本制度自印发之日起施行。")
    path = tmp_path / "通风设施管理制度.docx"
    document.save(str(path))
    return path


@pytest.fixture
def pdf_file(tmp_path: Path) -> Path:
    """A text PDF in the CID font STSong-Light, with a long line that wraps."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "顶板管理规定.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("STSong-Light", 12)
    lines = [
        "顶板管理规定",
        "第一条 为了防止冒顶事故，保障职工安全，根据有关规定，",
        "制定本规定。",
        "第二条 采煤工作面必须及时支护，严禁空顶作业。",
        "1",
    ]
    for index, line in enumerate(lines):
        pdf.drawString(72, 800 - 24 * index, line)
    pdf.save()
    return path
