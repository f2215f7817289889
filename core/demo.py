"""Removing the demo (`python run.py demo --remove`): the report of what went and what stayed, and
finding and deleting rows by the foreign keys that point at them, so a demo item used by real data
(any row of any table pointing at it) is kept and named."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update

from core.db import db


@dataclass
class RemovalReport:
    removed: list[str] = field(default_factory=list)  # 中文, one line per item or group
    kept: list[str] = field(default_factory=list)  # 中文: the item and why it stays

    def remove(self, what: str) -> None:
        self.removed.append(what)

    def keep(self, what: str, why: str) -> None:
        self.kept.append(f"{what}：{why}")


# What the tables are called in a reason (a table not named here is shown by its own name).
TABLE_LABELS = {
    "users": "人员", "teams": "班组", "attempts": "答卷", "attempt_items": "答卷", "review_cards": "错题本",
    "paper_items": "试卷", "paper_audience": "试卷参加范围", "assignments": "任务", "assignment_audience": "任务对象",
    "assignment_attempts": "任务完成记录", "training_sessions": "培训记录", "training_attendance": "培训名单",
    "contests": "竞赛", "contest_teams": "竞赛班组", "audit_entries": "操作日志", "question_flags": "试题纠错",
    "questions": "试题", "question_versions": "试题版本", "inspection_findings": "隐患记录",
    "inspection_batches": "隐患录入", "kb_confirmed_answers": "问答答案",
}


def label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def _pointing(target: str, skip: Collection[str]):
    """(table, column, ondelete) of every foreign key pointing at `target`, other than from `skip`."""
    for table in db.metadata.sorted_tables:
        if table.name in skip:
            continue
        for key in table.foreign_keys:
            if key.column.table.name == target:
                yield table, key.parent, (key.ondelete or "").upper()


def references(target: str, ids: Iterable[int], *, skip: Collection[str] = (),
               nullable: bool = False) -> dict[int, set[str]]:
    """For each of `ids` (rows of table `target`), the tables (but `skip`) holding a row that points
    at it; with `nullable`, a pointer that the database sets to NULL on delete does not count."""
    ids = list(ids)
    found: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return found
    for table, column, ondelete in _pointing(target, skip):
        if nullable and ondelete == "SET NULL":
            continue
        for (value,) in db.session.execute(select(column).where(column.in_(ids)).distinct()):
            found[value].add(label(table.name))
    return found


def delete_rows(target: str, ids: Iterable[int], *, owned: Collection[str] = (), nullable: bool = False) -> None:
    """Delete rows of `target`, first the rows of the `owned` tables pointing at them and, with
    `nullable`, clearing the pointers that are NULL on delete (as the database would; SQLite here
    enforces no foreign keys). The caller checked `references` first."""
    ids = list(ids)
    if not ids:
        return
    for table, column, ondelete in _pointing(target, ()):
        if table.name in owned:
            db.session.execute(delete(table).where(column.in_(ids)))
        elif nullable and ondelete == "SET NULL":
            db.session.execute(update(table).where(column.in_(ids)).values({column.name: None}))
    target_table = db.metadata.tables[target]
    db.session.execute(delete(target_table).where(target_table.c.id.in_(ids)))
    db.session.expire_all()
