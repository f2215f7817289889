"""Who sees a training session (一期一档) and what it shows them: a team session follows its team to
another 区队; a viewer reads only the roster people in his own scope; the assessment counts only
sittings from the session's day on; the page's statements do not grow with the roster."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

from openpyxl import load_workbook
from sqlalchemy import event

from core import clock
from core.db import db
from quiz.records import files
from quiz.records.models import TrainingAttendance
from tests.conftest import csrf_token
from tests.factories import create_user
from tests.records.conftest import sit_exam
from tests.records.test_pages import signed_in


def test_a_team_moved_to_another_unit_takes_its_sessions_along(web, mine):
    t1, t2, t3 = mine.teams["回收班"], mine.teams["安装班"], mine.teams["掘进班"]
    old_trainer = create_user("unit_trainer", t2, username="train_old")
    new_trainer = create_user("unit_trainer", t3, username="train_new")
    admin = signed_in(web, mine.people["admin"])
    url = f"/admin/teams/{t1.id}/edit"
    response = admin.post(url, data={"name": "回收班", "unit_id": t3.unit_id, "csrf_token": csrf_token(admin, url)})
    assert response.status_code == 302
    db.session.expire_all()
    assert t1.unit_id == t3.unit_id
    session = f"/records/sessions/{mine.session.id}"
    old, new = signed_in(web, old_trainer), signed_in(web, new_trainer)
    for client, status in ((old, 404), (new, 200)):
        assert client.get(f"/results/teams/{t1.id}").status_code == status
        assert client.get(session).status_code == status
        assert client.get(f"{session}.xlsx").status_code == status
    assert mine.session.title in new.get("/records/").get_data(as_text=True)
    assert mine.session.title not in old.get("/records/").get_data(as_text=True)
    assert files.can_view_session(new_trainer, mine.session) and not files.can_view_session(old_trainer, mine.session)
    # the 区队's own sessions for the whole 区队 stay where they were recorded
    assert mine.other_session.title in new.get("/records/").get_data(as_text=True)


def test_a_team_leader_reads_only_his_own_people_on_a_team_session(web, mine):
    """An admin put 安装班's w0004 (borrowed for the day) on 回收班's session: the 回收班 leader sees the
    session, but not w0004's name or score, page or .xlsx; the counts say how many he does not see."""
    w4 = mine.people["w4"]
    mine.session.roster.append(TrainingAttendance(user_id=w4.id, attended=True, hours=Decimal("4.0")))
    db.session.commit()
    url = f"/records/sessions/{mine.session.id}"
    leader = signed_in(web, mine.people["leader"])
    page = leader.get(url).get_data(as_text=True)
    assert "w0004" not in page and "安装工" not in page
    assert "w0001" in page and "另有 1 人不在您的查看范围" in page
    book = load_workbook(io.BytesIO(leader.get(f"{url}.xlsx").data))
    rows = {r[0]: r for r in book["名单与考勤"].iter_rows(min_row=2, values_only=True)}
    assert "w0004" not in rows and "w0001" in rows
    facts = {r[0]: r[1] for r in book["培训计划"].iter_rows(values_only=True)}
    assert facts["名单人数"] == 3 and facts["另有不在查看范围的人数"] == 1
    # the unit trainer (w0004 is of his 区队) and the admin see all four
    for key in ("trainer", "admin"):
        page = signed_in(web, mine.people[key]).get(url).get_data(as_text=True)
        assert "w0004" in page and "不在您的查看范围" not in page
    file = files.session_file(mine.session, mine.people["leader"])
    assert [r.person.username for r in file.rows] == ["w0001", "w0002", "w0003"] and file.hidden == 1
    assert file.attended == 2  # of the rows shown
    assert len(files.session_file(mine.session).rows) == 4  # no viewer: everyone


def test_the_assessment_counts_only_sittings_from_the_session_day_on(mine):
    w1 = mine.people["w1"]
    file = files.session_file(mine.session)
    row = next(r for r in file.rows if r.person.id == w1.id)
    assert row.result is not None  # sat the exam after the session was held
    mine.session.held_on = clock.local_day(mine.base) + timedelta(days=60)  # held after every sitting
    db.session.commit()
    file = files.session_file(mine.session)
    assert all(r.result is None for r in file.rows) and file.examined == 0 and file.passed == 0
    # a sitting on the day itself counts (the exam at the end of the course)
    on_the_day = clock.day_begins(mine.session.held_on) + timedelta(hours=15)
    sit_exam(mine.exam, w1, on_the_day, [1, 2, 3, 4], 10)
    file = files.session_file(mine.session)
    row = next(r for r in file.rows if r.person.id == w1.id)
    assert row.result is not None and clock.local_day(row.result.started_at) == mine.session.held_on


def _statements(web, client, url) -> int:
    counted = []
    with web.app_context():
        engine = db.engine

    def count(*_args, **_kw):
        counted.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(counted)


def test_the_session_page_reads_the_roster_at_once(web, mine):
    admin = signed_in(web, mine.people["admin"])
    url = f"/records/sessions/{mine.session.id}"
    before = _statements(web, admin, url), _statements(web, admin, f"{url}.xlsx")
    for key in ("w4", "w5", "leader"):
        mine.session.roster.append(TrainingAttendance(user_id=mine.people[key].id, attended=True, hours=Decimal(4)))
    db.session.commit()
    after = _statements(web, admin, url), _statements(web, admin, f"{url}.xlsx")
    assert after == before
