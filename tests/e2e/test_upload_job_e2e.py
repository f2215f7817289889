"""A large library upload in a real browser: the job page answers at once, shows its progress
from static/js/upload_job.js (no inline script under the CSP) and turns into the list of
imported documents by itself (issue 12)."""

from __future__ import annotations

import pytest

from tests.conftest import save_screenshot

pytestmark = pytest.mark.e2e
TITLE = "青石岭斜巷运输安全管理细则"


def _document(articles: int) -> bytes:
    lines = [f"# {TITLE}", ""]
    for n in range(1, articles + 1):
        lines += [f"第{n}条 第{n}号斜巷的把钩工每班必须检查连接装置和阻车器，发现损坏时必须立即停止提升。", ""]
    return "\n".join(lines).encode("utf-8")


def test_a_large_upload_shows_progress_then_its_document(page, live_server, tmp_path):
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    live_server.sign_in(page, "admin")

    path = tmp_path / "斜巷运输细则.md"
    path.write_bytes(_document(3000))
    page.goto(f"{live_server.url}/library/")
    page.set_input_files("input[name=files]", str(path))
    page.click("input[type=submit][value=上传并导入]")
    page.wait_for_url("**/library/jobs/*")
    assert page.locator("#job-progress").count() == 1  # answered while the job still runs
    page.wait_for_function(
        "() => /解析|建索引/.test(document.getElementById('job-progress-text')?.textContent || '')"
        " || document.getElementById('job-documents') !== null",
        timeout=120_000,
    )
    page.wait_for_selector("#job-documents", timeout=180_000)  # the script reloads the finished page
    assert "已完成" in page.inner_text("#job-state")
    assert "导入完成：新增 1" in page.inner_text("#job-message")
    save_screenshot(page, "upload_job_done.png")
    page.click(f"#job-documents a:has-text('{TITLE}')")
    page.wait_for_url("**/library/*")
    assert TITLE in page.inner_text("h1")
    assert errors == []
