"""Paper rules follow a merge of bank categories (quiz.bank.categories.merge_plan): a rule limited to a
category the merge deletes would draw from nothing, and workers could not start the paper; it now names
the category the questions went to. Registered in app.extensions["category_merge_followers"]."""

from __future__ import annotations

from sqlalchemy import select

from core.db import db
from quiz.taking.models import Paper


def follow_merge(plan: dict[int, int], apply: bool) -> list[str]:
    """The papers whose rules name a category in `plan` (deleted id → where its questions go), as a line
    for the confirmation; with `apply`, their rules are rewritten (each id once, in order)."""
    named = []
    for paper in db.session.scalars(select(Paper).order_by(Paper.id)):
        sections = paper.sections or []
        if not any(set(s.get("category_ids") or ()) & plan.keys() for s in sections):
            continue
        named.append(paper.title)
        if apply:
            rewritten = []
            for section in sections:
                ids = [plan.get(i, i) for i in section.get("category_ids") or ()]
                rewritten.append({**section, "category_ids": list(dict.fromkeys(ids))})
            paper.sections = rewritten
    if not named:
        return []
    titles = "、".join(f"《{t}》" for t in named[:5]) + ("等" if len(named) > 5 else "")
    done = "已改为" if apply else "将改为"
    return [f"{len(named)} 份试卷的组卷规则限定了这些分类（{titles}），{done}限定合并后的分类。"]
