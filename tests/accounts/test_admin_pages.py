"""Admin pages through the test client: roster upload with preview, teams."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook

from accounts.models import Team, User
from tests.conftest import csrf_token
from tests.factories import create_team


def roster_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_roster_upload_previews_then_imports_on_confirm(client, login, db_session):
    create_team("综采一队", "回收班", mine_name="青山煤矿")
    login("admin")
    data = roster_bytes([("工号", "姓名", "区队", "班组"), ("50001", "甲工", "综采一队", "回收班"),
                         ("50002", "乙工", "综采一队", "没有这个班")])
    token = csrf_token(client, "/admin/roster")
    upload = client.post("/admin/roster", data={"csrf_token": token, "file": (io.BytesIO(data), "花名册.xlsx")},
                         content_type="multipart/form-data")
    assert upload.status_code == 302
    preview_url = upload.headers["Location"]
    preview = client.get(preview_url).get_data(as_text=True)
    assert "第 3 行" in preview and "没有这个班" in preview
    assert db_session.query(User).filter_by(username="50001").count() == 0  # preview saves nothing
    confirm_token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', preview).group(1)
    done = client.post(preview_url, data={"csrf_token": confirm_token}).get_data(as_text=True)
    assert "导入完成" in done and "初始密码" in done
    assert db_session.query(User).filter_by(username="50001").one().must_change_password
    assert db_session.query(User).filter_by(username="50002").count() == 0


def test_roster_upload_refuses_other_file_types(client, login):
    login("admin")
    token = csrf_token(client, "/admin/roster")
    response = client.post("/admin/roster", data={"csrf_token": token, "file": (io.BytesIO(b"MZ\x90"), "a.exe")},
                           content_type="multipart/form-data")
    assert response.status_code == 200 and "只支持" in response.get_data(as_text=True)


def test_admin_renames_a_team(client, login, post_form, db_session):
    team = create_team("综采一队", "回收班")
    login("admin")
    post_form(f"/admin/teams/{team.id}/edit", {"unit_id": team.unit_id, "name": "回收一班"})
    db_session.refresh(team)
    assert team.name == "回收一班"
    assert db_session.query(Team).count() >= 1
