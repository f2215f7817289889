"""The 培训档案 pages, sessions and scopes: a team leader sees the own team only, a unit trainer the
own unit, an admin all; workers are refused. Figures on the pages are the report's."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from accounts.models import User
from core.db import db
from quiz.records import hours
from quiz.records.files import parse_roster
from quiz.records.models import TrainingAttendance, TrainingSession
from tests.conftest import csrf_token


def signed_in(app: Flask, user: User) -> FlaskClient:
    client = app.test_client()
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"username": user.username, "password": "Passw0rd!x", "csrf_token": token})
    assert response.status_code == 302
    return client


def out_of_scope_urls(mine) -> list[str]:
    """What the leader of 回收班 must not open: another team's, unit's, person's, session's, paper's — all
    404, as for a missing one, so that a page outside one's scope does not confirm who or what exists
    (the person page and results pages included, not only 培训档案)."""
    t2, t3, w = mine.teams["安装班"], mine.teams["掘进班"], mine.people
    return [
        f"/people/{w['w4'].id}", f"/people/{w['w5'].id}",
        f"/results/workers/{w['w4'].id}", f"/api/v1/results/workers/{w['w5'].id}",
        f"/results/teams/{t2.id}", f"/api/v1/results/teams/{t3.id}", f"/results/units/{t3.unit_id}",
        f"/records/hours/teams/{t2.id}", f"/records/hours/teams/{t2.id}.xlsx",
        f"/records/hours/units/{t3.unit_id}", f"/records/hours/units/{t3.unit_id}.xlsx",
        f"/records/people/{w['w4'].id}", f"/records/people/{w['w5'].id}.xlsx",
        f"/records/sessions/{mine.other_session.id}", f"/records/sessions/{mine.other_session.id}.xlsx",
        f"/records/results/teams/{t3.id}.xlsx", f"/records/results/workers/{w['w5'].id}.xlsx",
        f"/records/results/papers/{mine.other_exam.id}.xlsx", f"/records/print/papers/{mine.other_exam.id}",
        f"/records/print/papers/{mine.other_exam.id}/results",
    ]


def test_team_leader_sees_only_the_own_team(web, mine):
    client = signed_in(web, mine.people["leader"])
    for url in out_of_scope_urls(mine):
        assert client.get(url).status_code == 404, url
    t1 = mine.teams["回收班"]
    for url in (f"/records/hours/teams/{t1.id}", f"/records/people/{mine.people['w1'].id}",
                f"/records/sessions/{mine.session.id}", f"/records/results/teams/{t1.id}.xlsx",
                f"/records/print/papers/{mine.exam.id}", f"/records/print/papers/{mine.exam.id}/results", "/records/"):
        assert client.get(url).status_code == 200, url
    assert client.post(f"/records/sessions/{mine.other_session.id}/delete",
                       data={"csrf_token": csrf_token(client, "/records/sessions/new")}).status_code == 404
    assert db.session.get(TrainingSession, mine.other_session.id) is not None


def test_unit_trainer_and_admin(web, mine):
    trainer = signed_in(web, mine.people["trainer"])
    t1, t3 = mine.teams["回收班"], mine.teams["掘进班"]
    assert trainer.get(f"/records/hours/units/{t1.unit_id}").status_code == 200
    assert trainer.get(f"/records/hours/teams/{mine.teams['安装班'].id}").status_code == 200
    for url in (f"/records/hours/units/{t3.unit_id}", f"/records/sessions/{mine.other_session.id}",
                f"/records/people/{mine.people['w5'].id}", f"/records/results/papers/{mine.other_exam.id}.xlsx",
                f"/people/{mine.people['w5'].id}", f"/results/workers/{mine.people['w5'].id}"):
        assert trainer.get(url).status_code == 404, url
    admin = signed_in(web, mine.people["admin"])
    for url in out_of_scope_urls(mine):
        assert admin.get(url).status_code == 200, url


def test_workers_are_refused(web, mine):
    client = signed_in(web, mine.people["w1"])
    for url in ("/records/", f"/records/hours/teams/{mine.teams['回收班'].id}",  # his own file: test_my_hours
                f"/records/sessions/{mine.session.id}", f"/records/results/papers/{mine.exam.id}.xlsx"):
        assert client.get(url).status_code == 403, url
    assert web.test_client().get("/records/").status_code == 302


def test_team_page_shows_the_report(web, mine):
    client = signed_in(web, mine.people["leader"])
    t1 = mine.teams["回收班"]
    page = client.get(f"/records/hours/teams/{t1.id}?year={mine.year}").get_data(as_text=True)
    report = hours.report([t1.id], mine.year)
    assert f'data-figure="short">{len(report.short_workers)}<' in page
    for w in report.workers:
        row = re.search(rf'data-worker="{w.username}">(.*?)</tr>', page, re.S).group(1)
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        shown = [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
        assert shown[4:9] == [f"{v:.1f}" for v in (w.requirement.hours, w.exam, w.practice, w.offline, w.total)]
        assert shown[9] == (f"{w.short:.1f}" if w.short > 0 else "达标")
    assert '"workers"' in page and 'data-chart="workers"' in page
    unit = client.get(f"/records/hours/units/{t1.unit_id}")
    assert unit.status_code == 404  # a team leader has no unit page
    trainer = signed_in(web, mine.people["trainer"])
    page = trainer.get(f"/records/hours/units/{t1.unit_id}?year={mine.year}").get_data(as_text=True)
    whole = hours.report([t1.id, mine.teams["安装班"].id], mine.year)
    assert f'data-figure="short">{len(whole.short_workers)}<' in page
    for w in whole.short_workers:
        assert f'data-worker="{w.username}"' in page


def test_roster_parsing():
    lines, problems = parse_roster("w1 w2 缺勤\nw3，2.5学时；w4 1.5\n缺勤 w1")
    assert [(x.username, x.attended, x.hours) for x in lines] == [
        ("w1", True, None), ("w2", False, 0), ("w3", True, 2.5), ("w4", True, 1.5)]
    assert problems == ["“缺勤”前面没有工号。", "工号 w1 重复。"]
    lines, _ = parse_roster("1001 100 2.0")  # an all-digit 工号 is never taken for hours
    assert [(x.username, x.hours) for x in lines] == [("1001", None), ("100", 2)]


@pytest.mark.parametrize("who", ["leader", "admin"])
def test_recording_a_session(web, mine, who):
    client = signed_in(web, mine.people[who])
    t1 = mine.teams["回收班"]
    url = "/records/sessions/new"
    data = {"title": "顶板管理专题", "kind": "special", "held_on": date(mine.year, 3, 3).isoformat(), "hours": "3",
            "teacher": "李工", "place": "会议室", "scope": f"t:{t1.id}", "paper_id": "0", "plan": "敲帮问顶",
            "roster": "w0001 w0002 缺勤 w0003 1.5学时 w0004", "csrf_token": csrf_token(client, url)}
    response = client.post(url, data=data)
    if who == "leader":  # w0004 is in another team: refused, nothing stored
        assert response.status_code == 200 and "w0004 不存在或不在您的管理范围内" in response.get_data(as_text=True)
        assert db.session.scalar(select(TrainingSession).where(TrainingSession.title == "顶板管理专题")) is None
        data["roster"] = "w0001 w0002 缺勤 w0003 1.5学时"
        data["csrf_token"] = csrf_token(client, url)
        response = client.post(url, data=data)
        data["scope"] = f"t:{mine.teams['掘进班'].id}"
        data["csrf_token"] = csrf_token(client, url)
        assert client.post(url, data=data).status_code == 200  # not a choice for the leader: form error
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    session = db.session.scalar(select(TrainingSession).where(TrainingSession.title == "顶板管理专题"))
    got = {a.user.username: (a.attended, a.hours) for a in session.roster}
    want = {"w0001": (True, 3), "w0002": (False, 0), "w0003": (True, 1.5)}
    if who == "admin":
        want["w0004"] = (True, 3)
    assert got == want and session.team_id == t1.id and session.unit_id == t1.unit_id
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "顶板管理专题" in page and f"名单 {len(want)} 人，出勤 {len(want) - 1} 人" in page
    # the hours report counts it
    report = {w.username: w for w in hours.report([t1.id], mine.year).workers}
    assert report["w0003"].offline == 1.5 + 2.5


def test_admin_records_special_operations_and_start_date(web, mine):
    admin = signed_in(web, mine.people["admin"])
    w4 = mine.people["w4"]
    url = f"/admin/people/{w4.id}/edit"
    response = admin.post(url, data={
        "username": w4.username, "name": w4.name, "team_id": w4.team_id, "job": "电钳工", "role": "worker",
        "special_operations": "y", "started_on": date(mine.year, 4, 1).isoformat(), "csrf_token": csrf_token(admin, url)})
    assert response.status_code == 302
    db.session.expire_all()
    person = db.session.get(User, w4.id)
    assert person.special_operations and person.started_on == date(mine.year, 4, 1)
    row = next(w for w in hours.report([w4.team_id], mine.year).workers if w.id == w4.id)
    assert row.requirement.hours == 90 and row.requirement.kind == "initial"
    page = admin.get(f"/records/hours/teams/{w4.team_id}?year={mine.year}").get_data(as_text=True)
    assert "特种作业" in re.search(r'data-worker="w0004">(.*?)</tr>', page, re.S).group(1)


def test_existing_pages_link_the_exports(web, mine):
    leader = signed_in(web, mine.people["leader"])
    t1, w1 = mine.teams["回收班"], mine.people["w1"]
    team = leader.get(f"/results/teams/{t1.id}").get_data(as_text=True)
    assert f"/records/hours/teams/{t1.id}" in team and f"/records/results/teams/{t1.id}.xlsx" in team
    worker = leader.get(f"/results/workers/{w1.id}").get_data(as_text=True)
    assert f"/records/people/{w1.id}" in worker and f"/records/results/workers/{w1.id}.xlsx" in worker
    paper = leader.get(f"/papers/{mine.exam.id}").get_data(as_text=True)
    for url in (f"/records/print/papers/{mine.exam.id}", f"/records/print/papers/{mine.exam.id}/results",
                f"/records/results/papers/{mine.exam.id}.xlsx"):
        assert url in paper
        assert leader.get(url).status_code == 200


def test_correcting_a_session(web, mine):
    leader = signed_in(web, mine.people["leader"])
    url = f"/records/sessions/{mine.session.id}/edit"
    form = leader.get(url).get_data(as_text=True)
    assert "w0001\nw0002 缺勤\nw0003 2.5学时" in form and 'value="4.0"' in form
    data = {"title": "采煤机安全操作培训", "kind": "refresher", "held_on": date(mine.year, 5, 10).isoformat(),
            "hours": "4.0", "teacher": "王师傅", "place": "培训中心", "scope": f"t:{mine.teams['回收班'].id}",
            "paper_id": str(mine.exam.id), "plan": "1. 规程", "roster": "w0001 3.5学时\nw0002\nw0003 缺勤",
            "csrf_token": csrf_token(leader, url)}
    assert leader.post(url, data=data).status_code == 302
    db.session.expire_all()
    session = db.session.get(TrainingSession, mine.session.id)
    assert {a.user.username: (a.attended, a.hours) for a in session.roster} == {
        "w0001": (True, 3.5), "w0002": (True, 4), "w0003": (False, 0)}
    report = {w.username: w.offline for w in hours.report([mine.teams["回收班"].id], mine.year).workers}
    assert (report["w0001"], report["w0002"], report["w0003"]) == (3.5, 4, 0)
    # another team's session cannot be opened for correction
    assert leader.get(f"/records/sessions/{mine.other_session.id}/edit").status_code == 404
    data["roster"] = "w0001 9.0学时"  # more than the session's hours
    data["csrf_token"] = csrf_token(leader, url)
    page = leader.post(url, data=data).get_data(as_text=True)
    assert "超过本期培训的 4.0 学时" in page


def _session_data(client, url, session, roster):
    return {"title": session.title + "（改）", "kind": session.kind, "held_on": session.held_on.isoformat(),
            "hours": str(session.hours), "teacher": "", "place": "", "scope": f"t:{session.team_id}",
            "paper_id": "0", "plan": "", "roster": roster, "csrf_token": csrf_token(client, url)}


def test_sessions_follow_the_paper_ownership_rule(web, mine):
    """Like a paper: the author, an admin, or a trainer of a role not below the author's whose scope covers
    the session manage it; a team leader sees the 区队培训员's session of the own team but cannot change it."""
    t1 = mine.teams["回收班"]
    trainer_session = TrainingSession(title="区队组织的培训", held_on=date(mine.year, 5, 1), hours=Decimal(2),
                                      unit_id=t1.unit_id, team_id=t1.id, created_by_id=mine.people["trainer"].id)
    trainer_session.roster = [TrainingAttendance(user_id=mine.people["w1"].id, attended=True, hours=Decimal(2))]
    db.session.add(trainer_session)
    db.session.commit()
    leader = signed_in(web, mine.people["leader"])
    page = leader.get(f"/records/sessions/{trainer_session.id}").get_data(as_text=True)
    assert "区队组织的培训" in page
    edit = f"/records/sessions/{trainer_session.id}/edit"
    assert edit not in page and "/delete" not in page and "由区队培训员或管理员登记" in page
    assert leader.get(edit).status_code == 403
    data = _session_data(leader, f"/records/sessions/{mine.session.id}/edit", trainer_session, "w0001")
    assert leader.post(edit, data=data).status_code == 403
    assert leader.post(f"/records/sessions/{trainer_session.id}/delete",
                       data={"csrf_token": data["csrf_token"]}).status_code == 403
    db.session.expire_all()
    assert db.session.get(TrainingSession, trainer_session.id).title == "区队组织的培训"
    # the leader's own session stays his to change; the unit trainer may change it too
    own = leader.get(f"/records/sessions/{mine.session.id}").get_data(as_text=True)
    assert f"/records/sessions/{mine.session.id}/edit" in own
    trainer = signed_in(web, mine.people["trainer"])
    url = f"/records/sessions/{mine.session.id}/edit"
    assert trainer.post(url, data=_session_data(trainer, url, mine.session, "w0001")).status_code == 302
    assert trainer.get(edit).status_code == 200
    db.session.expire_all()
    assert db.session.get(TrainingSession, mine.session.id).title == "采煤机安全操作培训（改）"


def test_a_failed_new_session_keeps_the_new_title(web, mine):
    """Nothing was saved: the page is still 登记一期培训, not 修改：<title> with a crumb to a record that is not there."""
    admin = signed_in(web, mine.people["admin"])
    url = "/records/sessions/new"
    data = {"title": "未保存的培训", "kind": "special", "held_on": date(mine.year, 3, 3).isoformat(), "hours": "2",
            "scope": f"t:{mine.teams['回收班'].id}", "paper_id": "0", "roster": "nobody99",
            "csrf_token": csrf_token(admin, url)}
    page = admin.post(url, data=data).get_data(as_text=True)
    assert "nobody99 不存在" in page
    assert "<h1>登记一期培训</h1>" in page and "修改：" not in page and "修改培训记录" not in page
    assert "/records/sessions/None" not in page and 'value="未保存的培训"' in page
    assert db.session.scalar(select(TrainingSession).where(TrainingSession.title == "未保存的培训")) is None
