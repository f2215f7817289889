"""Practice tasks follow a merge of bank categories (quiz.bank.categories.merge_plan): a task drawing
from a category the merge deletes now draws from the one its questions went to. Registered in
app.extensions["category_merge_followers"]."""

from __future__ import annotations

from sqlalchemy import select

from core.db import db
from quiz.assignments.models import Assignment


def follow_merge(plan: dict[int, int], apply: bool) -> list[str]:
    """The practice tasks drawing from a category in `plan`, as a line; with `apply`, rewritten."""
    named = []
    for task in db.session.scalars(select(Assignment).where(Assignment.practice.is_not(None)).order_by(Assignment.id)):
        chosen = (task.practice or {}).get("category_id")
        if chosen not in plan:
            continue
        named.append(task.title)
        if apply:
            task.practice = {**task.practice, "category_id": plan[chosen]}
    if not named:
        return []
    done = "已改为" if apply else "将改为"
    return [f"{len(named)} 项练习任务按这些分类抽题（{'、'.join(named[:5])}{'等' if len(named) > 5 else ''}），{done}合并后的分类。"]
