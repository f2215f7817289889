"""The installation's mine: one row, named by the mine itself (`init --mine-name`, or the admin on
the 区队班组 page). A clean setup does not invent a name: until named it reads 本矿 and the admin's
home page asks for the name. The demo names an unnamed mine after its made-up one."""

from __future__ import annotations

from sqlalchemy import select

from accounts.models import Mine
from core import audit
from core.db import db

MAX_NAME = 100


class MineNameError(ValueError):
    """A name the mine cannot take (one Chinese sentence)."""


def get_or_create_mine() -> Mine:
    """The installation's mine (the first one), created unnamed when there is none."""
    mine = db.session.scalar(select(Mine).order_by(Mine.id).limit(1))
    if mine is None:
        mine = Mine(name="")
        db.session.add(mine)
        db.session.flush()
    return mine


def rename_mine(name: str, *, how: str = "") -> Mine:
    """Give the installation's mine this name, audit-logged (`how` prefixes the summary, e.g.
    命令行); the caller commits. Raises MineNameError for an empty, long or taken name."""
    name = " ".join(name.split())
    if not name:
        raise MineNameError("请填写矿名。")
    if len(name) > MAX_NAME:
        raise MineNameError(f"矿名最多 {MAX_NAME} 个字。")
    mine = get_or_create_mine()
    if mine.name == name:
        return mine
    if db.session.scalar(select(Mine.id).where(Mine.name == name, Mine.id != mine.id)) is not None:
        raise MineNameError(f"已有名为 {name} 的矿。")
    before = mine.label
    mine.name = name
    audit.record("mine.rename", "mine", mine.id, f"{how}{before} → {name}")
    return mine
