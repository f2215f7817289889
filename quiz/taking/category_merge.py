"""Paper rules follow a merge of bank categories, or a sub-category's deletion (quiz.bank.categories): a
rule limited to a category the change deletes would draw from nothing, and workers could not start the
paper; it now names the category the questions went to. Registered in
app.extensions["category_merge_followers"]."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from accounts.models import User
from core.db import db
from quiz.bank.categories import Naming
from quiz.taking import access
from quiz.taking.models import Paper


def follow_merge(plan: Mapping[int, int | None], apply: bool, viewer: User | None) -> Naming | None:
    """The papers whose rules name a category in `plan` (deleted id → where its questions go); with
    `apply`, every one's rules are rewritten (each id once, in order). Titled only those `viewer` sees
    (quiz.taking.access), the others counted; None titles every one (the log)."""
    named, hidden = [], 0
    for paper in db.session.scalars(select(Paper).order_by(Paper.id)):
        sections = paper.sections or []
        if not any(set(s.get("category_ids") or ()) & plan.keys() for s in sections):
            continue
        if viewer is None or access.sees(viewer, paper):
            named.append(paper.title)
        else:
            hidden += 1
        if apply:
            rewritten = []
            for section in sections:
                ids = [plan.get(i, i) for i in section.get("category_ids") or ()]
                rewritten.append({**section, "category_ids": list(dict.fromkeys(ids))})
            paper.sections = rewritten
    return Naming("份试卷的组卷规则", tuple(f"《{t}》" for t in named), hidden) if named or hidden else None
