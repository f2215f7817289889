"""What retiring (停用) or sending back (退回草稿) questions does to the papers still open: the bank asks
the trainer to confirm with these lines first (quiz.bank cannot import quiz.taking: it asks the hook
registered in app.extensions["question_withdrawal_checks"]).

A published paper whose window has not closed keeps asking a question it holds — a fixed paper its
stored items, a picked rule its kept version (papers.kept_versions) — so a worker who starts it later
meets the same paper. A rule drawing anew for every sitting loses the question from its pool: when that
leaves the rule short, workers can no longer start the paper, and the trainer is told so beforehand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from accounts.models import User
from core.db import db
from quiz.bank.types import KINDS
from quiz.taking import access, papers
from quiz.taking.models import Paper


@dataclass(frozen=True)
class OpenUse:
    """An open paper the questions matter to: `kept` the ones it keeps asking as stored, `short` the
    rules (number, wanted, left) their going would leave too short for a sitting to start."""

    paper: Paper
    kept: tuple[int, ...] = ()
    short: tuple[tuple[int, int, int], ...] = ()


def open_uses(question_ids: Iterable[int], now: datetime) -> list[OpenUse]:
    """The published papers not yet closed that the questions matter to, oldest first."""
    ids = frozenset(question_ids)
    if not ids:
        return []
    found: list[OpenUse] = []
    for paper in db.session.scalars(
            select(Paper).where(Paper.status == "published", or_(Paper.closes_at.is_(None), Paper.closes_at > now))
            .order_by(Paper.id).options(selectinload(Paper.items))):
        sections = papers.sections_of(paper)
        if paper.draw == "fixed":
            held = {i.question_id for i in paper.items}
        else:
            held = {q for s in sections for q in s.question_ids}
        kept = tuple(sorted(held & ids))
        short: tuple[tuple[int, int, int], ...] = ()
        if paper.draw != "fixed":
            before = {s.number for s in papers.shortfalls(paper)}
            short = tuple((s.number, s.wanted, s.available) for s in papers.shortfalls(paper, without=ids)
                          if s.number not in before)
        if kept or short:
            found.append(OpenUse(paper, kept, short))
    return found


def consequences(question_ids: Iterable[int], user: User, now: datetime, action: str = "停用") -> list[str]:
    """The lines the confirmation page shows (none: nothing open is touched, no question asked); `action` is
    what takes the questions out of the pools (停用, 退回草稿, 删除文档). Papers the user manages are named with
    what he may do; papers he sees but cannot manage are named with who can (their 出卷人); papers he does
    not see are only counted (quiz.taking.access)."""
    lines: list[str] = []
    hidden = 0
    for use in open_uses(question_ids, now):
        if not access.sees(user, use.paper):
            hidden += 1
            continue
        name = f"《{use.paper.title}》（{use.paper.mode_label}）"
        manages = access.manages(user, use.paper)
        stop = ("如不想再考它，请停用这份试卷并新建一份。" if manages
                else f"您不能停用这份试卷；如不想再考它，请联系{_author(use.paper)}停用。")
        if use.kept:
            lines.append(f"{name}用到第{'、'.join(map(str, use.kept))}题：这份试卷已发布、尚未结束，"
                         f"之后开考的职工仍按试卷保存的版本作答这道题；{stop}")
        for number, wanted, left in use.short:
            kind = next((KINDS[s.type].label for n, s in enumerate(papers.sections_of(use.paper), start=1)
                         if n == number and s.type in KINDS), "")
            fix = "" if manages else f"（您不能修改这份试卷，请告知{_author(use.paper)}）"
            lines.append(f"{name}每人随机抽题，第{number}条规则要{wanted}道{kind}，{action}后只剩{left}道可抽："
                         f"还没开考的职工将不能开考，直到补足已审核的题{fix}。")
    if hidden:
        lines.append(f"另有{hidden}份您无权查看的进行中试卷用到这些题，由其出卷人处理。")
    return lines


def _author(paper: Paper) -> str:
    """Who can act on a paper the user sees but cannot manage: its 出卷人 (name and 工号), or 管理员."""
    author = db.session.get(User, paper.created_by_id) if paper.created_by_id else None
    return f"出卷人{author.name}（{author.username}）或管理员" if author is not None else "管理员"
