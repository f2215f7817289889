"""Every place a typed 工号 names someone finds him as sign-in does (accounts.usernames.find after
clean): any letter case, full-width or padded — the pasted roster of a training session, the
operation-log filter, and `init` restoring the admin."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from accounts.admins import restore_admin
from accounts.models import User
from core import audit
from core.auth import Role
from core.db import db
from quiz.records.models import TrainingSession
from tests.conftest import csrf_token
from tests.factories import create_team, create_user


def test_a_pasted_roster_finds_people_in_any_letter_case(client, login, app):
    team = create_team("综采一队", "回收班")
    upper = create_user(team=team, username="T0101", name="张三")
    lower = create_user(team=team, username="w0102", name="李四")
    login("admin")
    url = "/records/sessions/new"
    data = {"title": "大小写名单", "kind": "special", "held_on": date(2024, 3, 3).isoformat(), "hours": "2",
            "scope": f"t:{team.id}", "paper_id": "0", "roster": "t0101 W0102 缺勤", "csrf_token": csrf_token(client, url)}
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    session = db.session.scalar(select(TrainingSession).where(TrainingSession.title == "大小写名单"))
    assert {(a.user_id, a.attended, a.hours) for a in session.roster} == {
        (upper.id, True, Decimal(2)), (lower.id, False, Decimal(0))}
    # one person written twice in two cases is a repeated line, not an error page
    data.update(title="重复名单", roster="T0101 t0101", csrf_token=csrf_token(client, url))
    again = client.post(url, data=data)
    assert again.status_code == 200 and "重复" in again.get_data(as_text=True)


def test_the_operation_log_filter_finds_the_person_in_any_letter_case(client, login, app):
    trainer = create_user("unit_trainer", username="Px001")
    audit.record("question.create", "question", 1, "一道题", actor_id=trainer.id)
    db.session.commit()
    login("admin")
    for typed in ("Px001", "px001", "PX001", "  ｐｘ００１ "):
        page = client.get("/admin/audit/", query_string={"person": typed}).get_data(as_text=True)
        assert 'id="audit-total">1<' in page, typed


def test_restoring_the_admin_takes_the_account_in_another_letter_case(app):
    demoted = create_user("worker", username="Admin", active=False)
    restored = restore_admin("admin", "Ch4nged-pass!")
    db.session.commit()
    assert restored.user.id == demoted.id and not restored.created
    assert restored.user.role == Role.ADMIN.value and restored.user.active
    assert db.session.scalar(select(User).where(User.username == "admin")) is None
