"""The audit log: who did what to which object, when and from where, for trainers' and admins' actions.

`record(...)` adds one entry to the session of the action it describes and never commits: the
service that imports, edits, approves, removes or assigns commits the entry with its own change,
so the log holds an entry exactly when the change happened. Exports write nothing else, so
`record_export` commits its entry at once. The person and address come from the request when
there is one (the command line and background jobs pass the person, or leave it empty).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import DateTime, ForeignKey, Integer, Select, String, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from core import clock
from core.db import db, utcnow

# Every action an entry can name, with the label the 操作日志 shows (record refuses any other).
ACTIONS = {
    "bank.import": "导入题库",
    "roster.import": "导入花名册",
    "documents.import": "上传文档",
    "question.create": "新建试题",
    "question.edit": "修改试题",
    "question.approve": "审核通过",
    "question.retire": "停用/退回试题",
    "question.draft": "退回草稿",
    "question.generate": "生成草稿题",
    "question.move": "移动试题分类",
    "question.citation": "更改试题出处",
    "question.flags": "处理试题纠错",
    "category.add": "添加题目分类",
    "category.rename": "重命名题目分类",
    "category.remove": "删除题目分类",
    "category.merge": "合并题目分类",
    "paper.save": "保存试卷",
    "paper.pick": "试卷指定题目",
    "paper.publish": "发布试卷",
    "paper.archive": "停用试卷",
    "export": "导出",
    "user.create": "添加人员",
    "user.edit": "修改人员信息",
    "user.role": "变更角色",
    "user.active": "启用/停用账号",
    "user.password": "重置密码",
    "user.own_password": "修改本人密码",
    "user.unlock": "解除登录锁定",
    "admin.restore": "恢复管理员",
    "demo.remove": "移除演示数据",
    "mine.rename": "修改矿名",
    "unit.create": "添加区队",
    "team.create": "添加班组",
    "team.edit": "修改班组",
    "unit.edit": "修改区队",
    "unit.active": "启用/停用区队",
    "team.active": "启用/停用班组",
    "document.remove": "删除文档",
    "document.type": "更改文档类型",
    "document.newer": "登记/清除新版本",
    "assignment.create": "布置任务",
    "assignment.withdraw": "撤销任务",
    "session.save": "保存培训记录",
    "session.remove": "删除培训记录",
    "contest.create": "创建竞赛",
    "contest.edit": "修改竞赛时间",
    "contest.cancel": "取消竞赛",
    "finding.record": "录入隐患",
    "finding.basis": "更改隐患依据",
    "answer.confirm": "确认问答答案",
    "answer.withdraw": "撤销问答答案",
    "kb.word.add": "添加本矿用语",
    "kb.word.remove": "删除本矿用语",
    "kb.word.rebuild": "重建检索索引",
}
# Every kind of object an entry can be about, with the label the 对象 column shows ("" for none).
OBJECT_TYPES = {
    "": "",
    "user": "人员",
    "mine": "矿",
    "unit": "区队",
    "team": "班组",
    "roster": "花名册",
    "document": "文档",
    "upload_job": "文档导入任务",
    "question": "试题",
    "question_bank": "题库",
    "import_batch": "题库导入批次",
    "category": "题目分类",
    "paper": "试卷",
    "assignment": "任务",
    "session": "培训记录",
    "contest": "竞赛",
    "inspection_batch": "隐患录入",
    "inspection_ledger": "隐患台账",
    "finding": "隐患",
    "confirmed_answer": "确认答案",
    "kb_mine_word": "本矿用语",
    "kb_index": "检索索引",
    "audit": "操作日志",
}
SUMMARY_LENGTH = 500


class AuditEntry(db.Model):
    """One action of a trainer or admin."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    summary: Mapped[str] = mapped_column(String(SUMMARY_LENGTH), default="")
    address: Mapped[str] = mapped_column(String(64), default="")

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def object_label(self) -> str:
        """人员 #28, 检索索引 (the raw object type when it has no label)."""
        label = OBJECT_TYPES.get(self.object_type, self.object_type)
        return f"{label} #{self.object_id}".strip() if self.object_id else label

    @property
    def local_at(self) -> str:
        return clock.shown(self.at, "%Y-%m-%d %H:%M:%S")


_COMMAND: ContextVar[str | None] = ContextVar("audit_command", default=None)


@contextmanager
def by_command(name: str) -> Iterator[None]:
    """Entries recorded inside are the command's, by （系统）, their summary led by 命令行 NAME：…,
    even where the work names a person as its author (the demo's questions and assignments name
    the admin, who did nothing)."""
    token = _COMMAND.set(name)
    try:
        yield
    finally:
        _COMMAND.reset(token)


def _request_actor() -> int | None:
    if has_request_context() and current_user.is_authenticated:
        return int(current_user.get_id().partition(":")[0])
    return None


def record(action: str, object_type: str = "", object_id: Any = None, summary: str = "", *,
           actor_id: int | None = None, address: str | None = None, session: Any = None) -> AuditEntry:
    """Add an entry to the current transaction of `session` (default: the app's), so the caller's
    commit stores it with the action and a rollback drops it."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action: {action}")
    if object_type not in OBJECT_TYPES:
        raise ValueError(f"unknown audit object type: {object_type}")
    if address is None:
        address = (request.remote_addr or "") if has_request_context() else ""
    if (command := _COMMAND.get()) is not None:
        actor_id, summary = None, f"命令行 {command}：{summary}"
    entry = AuditEntry(at=utcnow(), actor_id=actor_id if actor_id is not None or command else _request_actor(),
                       action=action,
                       object_type=object_type, object_id="" if object_id is None else str(object_id)[:64],
                       summary=summary[:SUMMARY_LENGTH], address=address[:64])
    (session or db.session).add(entry)
    return entry


def record_export(object_type: str, object_id: Any, summary: str) -> None:
    """Log a download (a file was handed out; nothing else is written, so commit now)."""
    record("export", object_type, object_id, summary)
    db.session.commit()


def changes(*fields: tuple[str, Any, Any]) -> str:
    """'班组 综采一队 回收班 → 综采一队 检修班；工种 掘进工 → 液压支架工' for the (label, before, after)
    that differ ('' when none does); an empty value reads （无）."""
    def shown(value: Any) -> str:
        if isinstance(value, bool):
            return "是" if value else "否"
        return "（无）" if value is None or value == "" else str(value)

    return "；".join(f"{label} {shown(before)} → {shown(after)}" for label, before, after in fields
                    if shown(before) != shown(after))


def id_list(ids: Iterable[int], limit: int = 20) -> str:
    """'#3、#5、#8' (and '等 N 个' beyond `limit`)."""
    ids = list(ids)
    shown = "、".join(f"#{i}" for i in ids[:limit])
    return shown + (f" 等 {len(ids)} 个" if len(ids) > limit else "")


@dataclass(frozen=True)
class AuditFilter:
    """What the admin page asks for: an action, a person (the user id of who acted or of the
    account acted upon), a date range (local days, inclusive)."""

    action: str = ""
    person_id: int | None = None
    start: date | None = None
    end: date | None = None

    def query(self) -> Select:
        """Entries matching the filter, newest first."""
        query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        if self.action:
            query = query.where(AuditEntry.action == self.action)
        if self.person_id is not None:
            query = query.where(or_(
                AuditEntry.actor_id == self.person_id,
                (AuditEntry.object_type == "user") & (AuditEntry.object_id == str(self.person_id)),
            ))
        if self.start is not None:
            query = query.where(AuditEntry.at >= clock.day_begins(self.start))
        if self.end is not None:
            query = query.where(AuditEntry.at < clock.day_begins(self.end + timedelta(days=1)))
        return query
