"""Pages show stored (naive UTC) times in the mine's local time (Asia/Shanghai, UTC+8, by default):
the gaps page, a person's last sign-in, the admin's lock notice and the sign-in lock message."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest

from accounts import signin
from core.db import db, utcnow
from kb.models import SearchGap

STORED = datetime(2026, 3, 1, 16, 30)  # naive UTC, as the database holds it
SHOWN = "2026-03-02 00:30"  # the same instant in Shanghai
pytestmark = pytest.mark.skipif(os.environ.get("BANZU_TIMEZONE", "Asia/Shanghai") != "Asia/Shanghai",
                                reason="the expected texts are Shanghai time")


def test_the_gaps_page_shows_when_a_gap_was_last_asked_in_local_time(client, login):
    db.session.add(SearchGap(question="皮带跑偏怎么调", key="皮带跑偏怎么调", times=2, first_at=STORED, last_at=STORED))
    db.session.commit()
    login("unit_trainer")
    page = client.get("/kb/gaps").get_data(as_text=True)
    assert "皮带跑偏怎么调" in page and SHOWN in page and "2026-03-01 16:30" not in page


def test_a_persons_last_sign_in_is_shown_in_local_time(client, login, make_user):
    worker = make_user(last_login_at=STORED)
    login("admin")
    page = client.get(f"/people/{worker.id}").get_data(as_text=True)
    assert f"<dt>最近登录</dt><dd>{SHOWN}</dd>" in page


def test_the_lock_notices_show_local_time_without_utc(app, client, login, make_user, post_form):
    worker = make_user(password="Right-pass-1")
    policy = signin.LockoutPolicy.from_config(app.config)
    for _ in range(policy.max_failures):
        signin.sign_in(worker.username, "bad", "10.3.0.1", policy, utcnow())
    until = signin.account_locked_until(worker.username, policy, utcnow())
    assert until is not None
    local_until = f"{until + timedelta(hours=8):%H:%M}"  # Shanghai keeps UTC+8 all year

    refused = post_form("/login", {"username": worker.username, "password": "Right-pass-1"})
    message = refused.get_data(as_text=True)
    assert refused.status_code == 429 and f"（{local_until} 之后）" in message and "UTC" not in message

    login("admin")
    form = client.get(f"/admin/people/{worker.id}/edit").get_data(as_text=True)
    assert f"已锁定到 {local_until}。" in form and "UTC" not in form


def test_generated_file_names_carry_the_mines_date_and_time(client, login, monkeypatch, tmp_path):
    """At 00:35 on 12-06 in the mine (16:35 on 12-05 UTC) a file made now is dated 12-06."""
    from urllib.parse import unquote

    from core import backup, clock

    moment = datetime(2031, 12, 5, 16, 35, 41, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: moment.astimezone(clock.ZONE))
    assert backup.archive_path(tmp_path, moment).name == "banzu-backup-20311206-003541.tar.gz"
    login("admin")
    for url, name in (("/admin/audit/export.xlsx", "操作日志_2031-12-06.xlsx"),
                      ("/inspections/ledger.xlsx", "隐患排查台账-2031-12-06.xlsx")):
        disposition = unquote(client.get(url).headers["Content-Disposition"])
        assert name in disposition, (url, disposition)
