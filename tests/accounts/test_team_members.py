"""A team's members are its workers and team leaders. A 区队培训员 sits in a team only because the
model takes a person's 区队 from a team: staff of a higher role are never listed or counted as the
team's members, so /people, the admin's team list, results and assignments give the same number."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from accounts.models import Team, User
from core.db import db
from quiz.assignments import service
from quiz.assignments.models import Assignment
from quiz.results import dashboard

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def demo(app, runner):
    result = runner.invoke(args=["demo", "--json"])
    assert result.exit_code == 0, result.output
    return {x["username"]: x for x in json.loads(result.output.strip().splitlines()[-1])}


class _Visitor:
    """A demo login signed in; each request in an app context of its own (flask_login keeps the
    signed-in person in `g`, and the `app` fixture keeps one context pushed)."""

    def __init__(self, app, login: dict):
        self.app, self.client = app, app.test_client()
        token = CSRF.search(self.get("/login").get_data(as_text=True)).group(1)
        with app.app_context():
            response = self.client.post("/login", data={"username": login["username"],
                                                        "password": login["password"], "csrf_token": token})
        assert response.status_code == 302 and not response.headers["Location"].endswith("/password")

    def get(self, url: str):
        with self.app.app_context():
            return self.client.get(url)


def _team(name: str) -> Team:
    return db.session.scalar(select(Team).where(Team.name == name))


def test_the_unit_trainer_is_not_counted_a_member_of_the_team_the_model_places_them_in(app, demo):
    team = _team("回收班")
    trainer = db.session.scalar(select(User).where(User.username == "90001"))
    assert trainer.team_id == team.id and trainer.role == "unit_trainer"  # the model's way to give a 区队
    counted = [m.username for m in dashboard.members([team.id])]
    assert "90001" not in counted and len(counted) == 7

    # The team leader's 班组人员 page lists and counts exactly those.
    leader = _Visitor(app, demo["10101"])
    page = leader.get("/people").get_data(as_text=True)
    listed = re.findall(r"<td>(\d{5})</td>", page)
    assert sorted(listed) == sorted(counted)
    assert f"（{len(counted)} 人）" in page and "许文静" not in page
    assert leader.get(f"/people/{trainer.id}").status_code == 404

    # The demo exam assigned to 回收班 is for the same people.
    assignment = db.session.scalars(select(Assignment)).one()
    assert sorted(p.username for p in service.members(assignment)) == sorted(counted)

    # The admin's list of teams says the same number.
    admin = _Visitor(app, demo["admin"])
    teams = admin.get("/admin/teams").get_data(as_text=True)
    assert re.search(r"回收班</span>\s*<span class=\"muted\">7 人", teams)


def test_the_unit_trainer_belongs_to_the_unit_on_the_pages(app, demo):
    trainer = _Visitor(app, demo["90001"])
    home = trainer.get("/").get_data(as_text=True)
    assert "综采一队" in home and "回收班" not in home.split("<main")[1]
    # The trainer's own list: the unit's members counted, the trainer shown apart, not as a 回收班 member.
    page = trainer.get("/people").get_data(as_text=True)
    unit_members = dashboard.members([_team("回收班").id, _team("安装班").id])
    assert f"（{len(unit_members)} 人）" in page
    row = next(r for r in re.findall(r"<tr.*?</tr>", page, re.S) if "90001" in r)
    assert "回收班" not in row and "综采一队" in row
