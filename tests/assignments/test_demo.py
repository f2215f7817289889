"""The demo mine: its exam is assigned to 回收班 with a deadline, once, and shows on a worker's home page."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from accounts.models import User
from core.db import db, utcnow
from quiz.assignments import progress
from quiz.assignments.demo import seed_demo_assignment
from quiz.assignments.models import Assignment
from quiz.taking.demo import EXAM_TITLE


def test_demo_assigns_the_exam_to_its_team_once(runner):
    result = runner.invoke(args=["demo", "--json"])
    assert result.exit_code == 0, result.output
    logins = json.loads(result.output.strip().splitlines()[-1])
    seed_demo_assignment(quiet=True)  # a second run adds nothing
    assert db.session.scalar(select(func.count()).select_from(Assignment)) == 1
    worker = next(db.session.scalar(select(User).where(User.username == x["username"])) for x in logins
                  if x["role"] == "worker" and "回收班" in (x["team"] or ""))
    due = progress.due_for(worker, utcnow())
    assert [d.assignment.title for d in due] == [EXAM_TITLE]
