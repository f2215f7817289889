"""Practice tasks follow a merge of bank categories, or a sub-category's deletion (quiz.bank.categories):
a task drawing from a category the change deletes now draws from the one its questions went to. Registered in
app.extensions["category_merge_followers"]."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from accounts.models import User
from core.db import db
from quiz.assignments import service
from quiz.assignments.models import Assignment
from quiz.bank.categories import Naming


def follow_merge(plan: Mapping[int, int | None], apply: bool, viewer: User | None) -> Naming | None:
    """The practice tasks drawing from a category in `plan`; with `apply`, every one rewritten. Titled only
    those `viewer` sees (service.can_see), the others counted; None titles every one (the log)."""
    named, hidden = [], 0
    for task in db.session.scalars(select(Assignment).where(Assignment.practice.is_not(None)).order_by(Assignment.id)):
        chosen = (task.practice or {}).get("category_id")
        if chosen not in plan:
            continue
        if viewer is None or service.can_see(viewer, task):
            named.append(task.title)
        else:
            hidden += 1
        if apply:
            task.practice = {**task.practice, "category_id": plan[chosen]}
    return Naming("项练习任务", tuple(named), hidden) if named or hidden else None
