"""Uploads waiting for a confirm (question banks, rosters) are removed after a day; library
documents kept in the same folder are not."""

from __future__ import annotations

import io
import os
import time

from core.uploads import KEEP_SECONDS, forget_old_uploads
from tests.conftest import csrf_token

TOKEN = "0123456789abcdef01234567"


def test_pending_uploads_older_than_a_day_are_removed(tmp_path) -> None:
    old = time.time() - KEEP_SECONDS - 60
    names = {
        f"bank-{TOKEN}-机电题库.xlsx": True,
        f"claimed-bank-{TOKEN}-旧版本留下的.xlsx": True,
        f"roster-{TOKEN}.xlsx": True,
        "煤矿安全规程.docx": False,  # a library document's source file
        "bank-statement.pdf": False,  # a document that merely starts like an upload
    }
    for name in names:
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (old, old))
    fresh = tmp_path / f"bank-{'f' * 24}-今天的.xlsx"
    fresh.write_bytes(b"x")
    removed = {path.name for path in forget_old_uploads(tmp_path)}
    assert removed == {name for name, gone in names.items() if gone}
    assert fresh.exists() and (tmp_path / "煤矿安全规程.docx").exists()


def test_uploading_a_roster_or_a_bank_clears_old_uploads(app, client, login) -> None:
    uploads = app.config["DATA_DIR"] / "uploads"
    stale = [uploads / f"roster-{TOKEN}.csv", uploads / f"bank-{TOKEN}-旧.xlsx"]
    old = time.time() - KEEP_SECONDS - 60
    for path in stale:
        path.write_bytes(b"x")
        os.utime(path, (old, old))
    login("admin")
    roster = "工号,姓名,区队,班组\nw900,张三,综采一队,一班\n".encode()
    response = client.post("/admin/roster", data={"csrf_token": csrf_token(client, "/admin/roster"),
                                                  "file": (io.BytesIO(roster), "花名册.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    assert not any(path.exists() for path in stale)
    assert len(list(uploads.glob("roster-*"))) == 1  # the new upload stays for its preview
