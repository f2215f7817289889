"""The category tree trainers edit: defaults, lookup by path, add, rename, delete, merge."""

from __future__ import annotations

from collections.abc import Sequence

from flask import current_app
from sqlalchemy import select, update

from core.db import db
from quiz.bank.models import Category, Question

DEFAULT_CATEGORIES = (
    "法律法规",
    "一通三防",
    "顶板",
    "机电",
    "运输",
    "爆破",
    "职业健康",
    "应急救援",
    "党建",
    "危险源辨识",
)


class CategoryError(ValueError):
    """A category change the tree refuses; the message is in Chinese."""


def ensure_default_categories() -> None:
    """Create the standard top-level categories that are missing (idempotent)."""
    have = set(db.session.scalars(select(Category.name).where(Category.parent_id.is_(None))))
    for position, name in enumerate(DEFAULT_CATEGORIES):
        if name not in have:
            db.session.add(Category(name=name, position=position))
    db.session.flush()


def _child(parent: Category | None, name: str) -> Category | None:
    query = select(Category).where(Category.name == name)
    query = query.where(Category.parent_id.is_(None) if parent is None else Category.parent_id == parent.id)
    return db.session.scalars(query).first()


def category_for_path(path: Sequence[str], create: bool = True) -> Category | None:
    """The category at `path` ("法律法规", "安全生产法"), created level by level when missing."""
    parent: Category | None = None
    for name in (p.strip()[:60] for p in path if p.strip()):
        node = _child(parent, name)
        if node is None:
            if not create:
                return None
            node = Category(name=name, parent=parent, parent_id=parent.id if parent else None)
            db.session.add(node)
            db.session.flush()
        parent = node
    return parent


def add_category(name: str, parent: Category | None) -> Category:
    """A new category under `parent` (None: top level); names are unique among siblings."""
    name = name.strip()
    if _child(parent, name) is not None:
        raise CategoryError(f"“{name}”已存在")
    node = Category(name=name, parent=parent, parent_id=parent.id if parent else None)
    db.session.add(node)
    db.session.flush()
    return node


def rename_category(category: Category, name: str) -> None:
    """Rename a category, refusing a name a sibling already has."""
    name = name.strip()
    other = _child(category.parent, name)
    if other is not None and other.id != category.id:
        raise CategoryError(f"“{name}”已存在")
    category.name = name
    db.session.flush()


def delete_category(category: Category) -> None:
    """Delete a category; its questions and sub-categories move up to its parent."""
    parent_id = category.parent_id
    db.session.execute(update(Question).where(Question.category_id == category.id).values(category_id=parent_id))
    for child in list(category.children):
        if _child(category.parent, child.name) is not None:
            raise CategoryError(f"上级分类中已有“{child.name}”，请先改名再删除")
        child.parent_id = parent_id
    db.session.flush()
    db.session.expire_all()
    db.session.delete(db.session.get(Category, category.id))
    db.session.flush()


def merge_category(source: Category, target: Category) -> None:
    """Merge `source` into `target` and delete it: its questions move to `target`, its sub-categories
    go under `target` (one named like a sub-category `target` has is merged into that, and so on down).
    Refuses `source` itself and anything below it."""
    check_merge(source, target)
    _fold(source, target)
    db.session.flush()
    db.session.expire_all()


def check_merge(source: Category, target: Category) -> None:
    """Refuse merging a category into itself or anything below it."""
    below = {source.id}
    frontier = [source]
    while frontier:
        for child in frontier.pop().children:
            below.add(child.id)
            frontier.append(child)
    if target.id in below:
        raise CategoryError("不能合并到它自己或它的下级分类")


def merge_plan(source: Category, target: Category) -> dict[int, int]:
    """The categories merging `source` into `target` deletes, each with the one its questions go to:
    `source` → `target`, and a sub-category `target` has one of the same name of → that one (and so on
    down). Sub-categories moved whole keep their ids and are not in it."""
    plan = {source.id: target.id}
    for child in source.children:
        same = _child(target, child.name)
        if same is not None:
            plan.update(merge_plan(child, same))
    return plan


def merge_followers(plan: dict[int, int], apply: bool) -> list[str]:
    """What else names the categories a merge deletes — paper rules, practice tasks (the modules owning
    them register callables (plan, apply) -> lines in app.extensions["category_merge_followers"], as
    the bank cannot import them): with `apply` they now name the category the questions went to."""
    return [line for follow in current_app.extensions.get("category_merge_followers", ())
            for line in follow(plan, apply)]


def _fold(source: Category, target: Category) -> None:
    db.session.execute(update(Question).where(Question.category_id == source.id).values(category_id=target.id))
    for child in list(source.children):
        same = _child(target, child.name)
        if same is not None:
            _fold(child, same)
        else:
            child.parent, child.parent_id = target, target.id
    db.session.flush()
    db.session.expire(source, ["children"])
    db.session.delete(source)
    db.session.flush()


def merge_summary(source: Category, questions: int) -> str:
    """"4 道题、2 个子分类" for the confirmation and the log of merging `source` (holding `questions` in all)."""
    subs = len(source.children)
    parts = [f"{questions} 道题" if questions else "", f"{subs} 个子分类" if subs else ""]
    return "、".join(p for p in parts if p) or "（没有题目和子分类）"
