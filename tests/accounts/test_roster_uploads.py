"""A roster import between its upload and its confirm (accounts.roster_uploads), asked directly (no
request): the file kept under a token, the preview that changes nothing until committed, the confirm
that removes the file and leaves the mark that the passwords were shown, and the newcomers' sheet."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from accounts import roster_uploads
from accounts.models import User
from core.db import db
from core.sheets import SheetError
from tests.accounts.test_admin_pages import roster_bytes
from tests.factories import create_team, create_user

ROWS = [("工号", "姓名", "区队", "班组"), ("50002", "乙工", "综采一队", "回收班"), ("50001", "甲工", "综采一队", "安装班")]


def _kept(folder: Path, data: bytes, filename: str = "花名册.XLSX") -> str:
    return roster_uploads.keep(folder, filename, lambda path: path.write_bytes(data))


@pytest.fixture
def folder(app, tmp_path: Path) -> Path:
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    return uploads


def test_an_upload_is_kept_under_a_new_token_and_day_old_ones_are_forgotten(folder):
    stale = folder / f"roster-{'a' * 24}.csv"
    stale.write_text("工号,姓名\n")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))
    document = folder / "煤矿安全规程.pdf"  # a library source in the same folder: never forgotten
    document.write_bytes(b"%PDF")
    os.utime(document, (two_days_ago, two_days_ago))

    token = _kept(folder, b"data")
    assert len(token) == 24 and int(token, 16) >= 0
    assert roster_uploads.pending(folder, token) == folder / f"roster-{token}.xlsx"  # the suffix in lower case
    assert not stale.exists() and document.exists()
    assert _kept(folder, b"data") != token


def test_a_token_is_checked_before_any_file_is_looked_for(folder):
    for bad in ("../secret", "a-b", "*", "a b"):
        with pytest.raises(roster_uploads.BadToken):
            roster_uploads.pending(folder, bad)
    with pytest.raises(roster_uploads.UploadMissing):
        roster_uploads.pending(folder, "f" * 24)


def test_a_preview_applies_the_roster_for_the_caller_to_roll_back(folder):
    for team in ("回收班", "安装班"):
        create_team("综采一队", team)
    admin = create_user("admin")
    path = roster_uploads.pending(folder, _kept(folder, roster_bytes(ROWS)))
    preview = roster_uploads.preview(path, create_teams=False, actor=admin)
    assert preview.importable
    assert [p.username for p in preview.report.created] == ["50002", "50001"]
    assert preview.header.describe() == "工号、姓名、区队、班组"
    db.session.rollback()
    assert db.session.scalars(select(User).where(User.username.in_(["50001", "50002"]))).all() == []
    assert path.exists()  # kept for the confirm


def test_a_roster_changing_nobody_is_not_importable(folder):
    team = create_team("综采一队", "回收班")
    admin = create_user("admin")
    create_user(team=team, username="50002", name="乙工")
    path = roster_uploads.pending(folder, _kept(folder, roster_bytes(ROWS[:2])))
    preview = roster_uploads.preview(path, create_teams=False, actor=admin)
    assert not preview.importable and [p.username for p in preview.report.unchanged] == ["50002"]


def test_a_file_that_is_no_roster_is_removed_and_its_reason_raised(folder):
    path = roster_uploads.pending(folder, _kept(folder, roster_bytes([("序号", "备注"), ("1", "甲")])))
    with pytest.raises(SheetError, match="找不到表头"):
        roster_uploads.preview(path, create_teams=False, actor=create_user("admin"))
    assert not path.exists()


def test_once_imported_the_token_says_so_and_the_newcomers_are_listed_in_the_rosters_order(folder):
    for team in ("回收班", "安装班"):
        create_team("综采一队", team)
    admin = create_user("admin")
    token = _kept(folder, roster_bytes(ROWS))
    path = roster_uploads.pending(folder, token)
    report = roster_uploads.preview(path, create_teams=False, actor=admin).report
    db.session.commit()
    roster_uploads.imported(path)
    assert not path.exists()
    with pytest.raises(roster_uploads.AlreadyImported):
        roster_uploads.pending(folder, token)

    rows = roster_uploads.newcomers(report.passwords)
    assert [(u, n, place) for u, n, place, _p in rows] == [("50002", "乙工", "综采一队 · 回收班"), ("50001", "甲工", "综采一队 · 安装班")]
    assert [p for *_rest, p in rows] == [report.passwords["50002"], report.passwords["50001"]]
    sheet = load_workbook(io.BytesIO(roster_uploads.newcomers_workbook(rows))).active
    assert [[c.value for c in r] for r in sheet.iter_rows()] == [list(roster_uploads.NEWCOMER_COLUMNS),
                                                                  *[list(r) for r in rows]]
