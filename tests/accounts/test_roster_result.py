"""The roster import's result: the new people's initial passwords with 姓名 and 班组, printable and
downloadable on that page only; coming back says they were shown once instead of a 404."""

from __future__ import annotations

import base64
import io
import re

from openpyxl import load_workbook

from accounts.demo import MINE_NAME
from tests.accounts.test_admin_pages import roster_bytes
from tests.conftest import csrf_token
from tests.factories import create_team


def _import(client) -> tuple[str, str]:
    create_team("综采一队", "回收班", mine_name=MINE_NAME)
    data = roster_bytes([("工号", "姓名", "区队", "班组"), ("50001", "甲工", "综采一队", "回收班")])
    token = csrf_token(client, "/admin/roster")
    upload = client.post("/admin/roster", data={"csrf_token": token, "file": (io.BytesIO(data), "花名册.xlsx")},
                         content_type="multipart/form-data")
    url = upload.headers["Location"]
    done = client.post(url, data={"csrf_token": csrf_token(client, url)})
    assert done.status_code == 200
    return url, done.get_data(as_text=True)


def test_the_password_table_names_the_person_and_team_and_offers_print_and_excel(client, login):
    login("admin")
    _, page = _import(client)
    row = re.search(r"<tr>\s*<td>50001</td>(.*?)</tr>", page, re.S)
    assert row, "no row for 50001"
    assert "甲工" in row.group(1) and "综采一队 · 回收班" in row.group(1)
    password = re.search(r"<code>([^<]+)</code>", row.group(1)).group(1)
    assert "data-print" in page and ">打印<" in page
    link = re.search(r'href="data:application/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet;base64,'
                     r'([^"]+)"[^>]*download="([^"]+)"', page)
    assert link, "no 下载 Excel link"
    assert link.group(2).endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(base64.b64decode(link.group(1)))).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == ["工号", "姓名", "班组", "初始密码"]
    assert rows[1] == ["50001", "甲工", "综采一队 · 回收班", password]


def test_coming_back_to_the_result_says_the_passwords_were_shown_once(client, login):
    login("admin")
    url, page = _import(client)
    password = re.search(r"<code>([^<]+)</code>", page).group(1)
    again = client.get(url)
    text = again.get_data(as_text=True)
    assert again.status_code != 404
    assert "初始密码只显示一次。如需重设，请在人员管理中为此人重设密码。" in text
    assert 'href="/admin/people"' in text and password not in text


def test_an_unknown_roster_token_is_still_not_found(client, login):
    login("admin")
    assert client.get("/admin/roster/" + "ab" * 12).status_code == 404
