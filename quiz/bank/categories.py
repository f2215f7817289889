"""The category tree trainers edit: defaults, lookup by path, add, rename, delete, merge.

Paper rules and practice tasks name categories; the modules owning them register followers in
app.extensions["category_merge_followers"] (the bank cannot import them): follow(plan, apply, viewer) ->
Naming or None, where `plan` maps each category a change deletes to the one its questions go to. Every one
follows (else it would draw from nothing), but a trainer is told the titles of only those he sees
(another 区队's draft is none of his business) and the number of the others; viewer None names every one
(the log, which admins read)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select, update

from accounts.models import User
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


def delete_category(category: Category, viewer: User) -> list[str]:
    """Delete a category. A sub-category is merged into its parent: its questions and sub-categories move
    there, and paper rules and practice tasks naming it (or a same-named sub-category folded into the
    parent's) follow (returns their lines for the log). A top-level category's questions are left with no
    category, so it is refused while a rule or task names it (told to `viewer`, the one deleting, as the
    confirmation is); its sub-categories move up to the top level."""
    if category.parent is not None:
        parent = category.parent
        check_merge(category, parent)
        plan = merge_plan(category, parent)
        followed = merge_followers(plan, apply=True, viewer=None)  # for the log, which admins read
        merge_category(category, parent)
        return followed
    _refuse_if_named(category, viewer)
    db.session.execute(update(Question).where(Question.category_id == category.id).values(category_id=None))
    for child in list(category.children):
        if _child(None, child.name) not in (None, category):
            raise CategoryError(f"已有顶级分类“{child.name}”，请先改名再删除")
        child.parent_id = None
    db.session.flush()
    db.session.expire_all()
    db.session.delete(db.session.get(Category, category.id))
    db.session.flush()
    return []


def removal_consequences(category: Category, viewer: User) -> list[str]:
    """What deleting `category` does, for `viewer`'s confirmation page: where its questions and sub-categories
    go and, for a sub-category, the paper rules and tasks that will name its parent (the lines a merge
    shows). Raises CategoryError when the deletion would be refused."""
    held = db.session.scalar(select(func.count()).select_from(Question).where(Question.category_id == category.id)) or 0
    moved = "、".join(part for part in (f"{held} 道题" if held else "",
                                       f"{len(category.children)} 个子分类" if category.children else "") if part)
    lines = [f"分类“{category.name}”将删除，无法恢复（可重新添加）。"]
    if category.parent is None:
        _refuse_if_named(category, viewer)
        lines.append(f"其中的{moved}将移到“未分类”，题目本身不受影响。" if moved else "这个分类下没有题目和子分类。")
        return lines
    check_merge(category, category.parent)
    plan = merge_plan(category, category.parent)
    folded = "（同名的子分类合为一个）" if len(plan) > 1 else ""
    lines.append(f"其中的{moved}将移到上级分类“{category.parent.name}”{folded}，题目本身不受影响。" if moved
                 else "这个分类下没有题目和子分类。")
    return [*lines, *merge_followers(plan, apply=False, viewer=viewer)]


def _refuse_if_named(category: Category, viewer: User) -> None:
    """Refuse deleting a top-level category a paper rule or practice task names. One naming a category
    below it does not refuse it: that category stays, moved up to the top level, and goes on drawing."""
    named = _followers({category.id: None}, apply=False, viewer=viewer)
    if named:
        raise CategoryError(
            f"不能删除顶级分类“{category.name}”：{'；'.join(n.listed() for n in named)}限定了它，"
            "删除后它的题目将不属于任何分类。请改用“合并到…”把它并入另一个分类，这些试卷和任务会随之改为限定那个分类。")


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
    if target.id == source.parent_id and any(child.name == source.name for child in source.children):
        # Its same-named sub-category would fold into the category being deleted.
        raise CategoryError(f"上级分类中已有“{source.name}”，请先把它的同名子分类改名")


def merge_plan(source: Category, target: Category) -> dict[int, int]:
    """The categories merging `source` into `target` deletes, each with the one its questions go to:
    `source` → `target` first, and a sub-category `target` has one of the same name of → that one (and so on
    down). Sub-categories moved whole keep their ids and are not in it."""
    plan = {source.id: target.id}
    for child in source.children:
        same = _child(target, child.name)
        if same is not None:
            plan.update(merge_plan(child, same))
    return plan


@dataclass(frozen=True)
class Naming:
    """Things of one kind naming categories a change deletes: "份试卷的组卷规则" (the kind starts with its
    measure word) and the titles of those the viewer sees (《入井考试》), and how many others there are
    (`hidden`: he may not learn their titles); or "项练习任务" and the tasks'."""

    kind: str
    titles: tuple[str, ...]
    hidden: int = 0

    def listed(self) -> str:
        """"3 份试卷的组卷规则（《入井考试》、《顶板》，另有 1 份您无权查看）", at most five titles."""
        shown = "、".join(self.titles[:5]) + ("等" if len(self.titles) > 5 else "")
        if self.hidden:
            others = f"{self.hidden} {self.kind[0]}您无权查看"
            shown = f"{shown}，另有 {others}" if shown else "您无权查看"
        return f"{len(self.titles) + self.hidden} {self.kind}（{shown}）"


def merge_followers(plan: dict[int, int], apply: bool, viewer: User | None) -> list[str]:
    """What else names the categories a merge (or a sub-category's deletion) deletes — paper rules,
    practice tasks — as lines for `viewer`'s confirmation (None: the log, naming every one); with `apply`
    they now name the category the questions went to. Before applying, a last line says they now draw
    from all of the category the deleted one's questions go to (`plan`'s first entry), sub-categories too."""
    done = "已改为" if apply else "将改为"
    lines = [f"{named.listed()}限定了这些分类，{done}限定题目所去的分类。" for named in _followers(plan, apply, viewer)]
    if lines and not apply:
        source, target = (db.session.get(Category, i) for i in next(iter(plan.items())))
        lines.append(f"此后这些规则和任务从“{target.label}”（含其下级分类）的全部题目中抽题，"
                     f"不再只限“{source.label}”的题。")
    return lines


def _followers(plan: Mapping[int, int | None], apply: bool, viewer: User | None) -> list[Naming]:
    found = (follow(plan, apply, viewer) for follow in current_app.extensions.get("category_merge_followers", ()))
    return [named for named in found if named is not None]


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
