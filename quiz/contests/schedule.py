"""Making a contest and changing it: the exams it can be made on, the teams, the window, the copied
paper; moving its window and cancelling it.

Functions flush; the view commits.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from accounts.models import Team, User
from core.db import db
from quiz.contests.models import MAX_TOP_N, Contest, ContestTeam
from quiz.taking import access as paper_access
from quiz.taking import held, papers
from quiz.taking.models import Paper, PaperItem
from quiz.taking.pools import Pools


class ContestError(ValueError):
    """A contest that cannot be made as asked; the message is in Chinese for the trainer."""


def usable(paper: Paper, pools: Pools | None = None, held: Mapping[int, list[int]] | None = None) -> bool:
    """Whether a contest can be made on this paper: an exam, published (it passed the paper's own checks,
    so it has questions and a pass mark within its total) and holding no practice-only question
    (`practice_only_in`), or a complete draft (one that would publish: valid settings and enough questions
    for every rule). A draft keeps the contest's questions open nowhere else; a published paper stays open
    to its own audience (see `leaks`). `pools`: exam pools, and `held`: paper id -> its practice-only
    questions (papers.practice_only_held), read once when checking many papers."""
    if paper.mode != "exam":
        return False
    if paper.status == "published":
        return not (held.get(paper.id) if held is not None else practice_only_in(paper))
    return paper.status == "draft" and not papers.problems(paper) and not papers.shortfalls(paper, pools=pools)


def exams_for(viewer: User) -> list[Paper]:
    """The exams `viewer` may make a contest on: `usable` ones he sees (quiz.taking.access — a contest copies
    its paper, so it must be his to see) that no contest sits on, drafts first (a complete draft keeps the
    contest's questions open nowhere else, see `leaks`), then newest first. Read in a fixed number of
    queries however many drafts there are: their audiences, authors and rule pools are read once."""
    candidates = db.session.scalars(
        select(Paper).options(selectinload(Paper.audience))
        .where(Paper.mode == "exam", Paper.status.in_(("draft", "published")),
               Paper.id.not_in(select(Contest.paper_id)))
        .order_by(Paper.status, Paper.created_at.desc())).all()
    pools = Pools("exam")
    seen = paper_access.seen_among(viewer, candidates)
    held = {p.id: ids for p, ids in papers.practice_only_held(seen)}
    return [p for p in seen if usable(p, pools, held)]


def pick_teams(allowed: Sequence[Team], asked: Sequence[int]) -> list[Team]:
    """The teams asked for (by id), each of them one `allowed` to the organiser (access.teams_to_choose).
    Raises ContestError when one is not, or is asked twice: refused, never silently dropped."""
    by_id = {t.id: t for t in allowed}
    if any(i not in by_id for i in asked) or len(set(asked)) != len(asked):
        raise ContestError("参赛班组只能是您管理范围内的班组；请重新选择。")
    return [by_id[i] for i in asked]


def lone_team(title: str, source: Paper | None, teams: Sequence[Team], starts_at: datetime | None,
              ends_at: datetime | None, top_n: int, now: datetime) -> Team | None:
    """The one team of a contest that would otherwise be made as asked (no `problems`): asked about first,
    not refused — a 班组内 individual contest is a real use, but its team ranking is one line and the
    teams cannot be changed afterwards. None when there are more teams, or something else is wrong."""
    if len(teams) != 1 or problems(title, source, teams, starts_at, ends_at, top_n, now):
        return None
    return teams[0]


def practice_only_in(paper: Paper) -> list[int]:
    """The practice-only questions (仅供练习) a published exam published before exams left them out still holds: a
    contest copying its questions would be a new exam with them, so it is not offered (papers.practice_only_held)."""
    held = papers.practice_only_held([paper])
    return held[0][1] if held else []


def leaks(source: Paper | None, teams: Sequence[Team]) -> bool:
    """Whether `source` is published and open to someone of these teams: he can then take (or practise,
    as often as it allows) the very questions of the contest through it, before or during the contest."""
    if source is None or source.status != "published":
        return False
    people = db.session.scalars(select(User).where(User.team_id.in_([t.id for t in teams]), User.active.is_(True)))
    return any(papers.in_audience(source, person) for person in people)


def open_source(contest: Contest) -> Paper | None:
    """The contest's source paper when it `leaks` to the contest's teams (it may have been published since)."""
    source = db.session.get(Paper, contest.source_paper_id) if contest.source_paper_id else None
    return source if leaks(source, [e.team for e in contest.entries]) else None


def problems(title: str, source: Paper | None, teams: Sequence[Team], starts_at: datetime | None,
             ends_at: datetime | None, top_n: int, now: datetime) -> list[str]:
    """What is wrong with these settings (empty when none)."""
    found = []
    if not title.strip():
        found.append("请填写竞赛名称。")
    if source is not None and (only := practice_only_in(source)):
        found.append(f"这份试卷含有仅供练习的题（第{'、'.join(map(str, only))}题：依据的条目尚未审核，不进考试），"
                     "不能用于竞赛：请另选试卷或重新组卷。")
    elif source is None or not usable(source):
        found.append("请选择一份已发布、或已填写完整（题目够用）的未发布考试试卷。")
    if not teams:
        found.append("请至少选择一个参赛班组。")
    if starts_at is None or ends_at is None:
        found.append("请填写开始和结束时间。")
    elif ends_at <= starts_at:
        found.append("结束时间必须晚于开始时间。")
    elif ends_at <= now:
        found.append("结束时间已经过去。")
    if not 1 <= top_n <= MAX_TOP_N:
        found.append(f"每队计分人数应在 1 到 {MAX_TOP_N} 之间。")
    return found


def create(title: str, source: Paper, teams: Sequence[Team], starts_at: datetime, ends_at: datetime, top_n: int,
           creator: User | None, now: datetime, time_limit_minutes: int | None = None) -> Contest:
    """A contest on a copy of `source`: same sections, scoring and (for a fixed paper) the same questions,
    one sitting per person, open to `teams` from `starts_at` (naive UTC) to `ends_at`.

    Raises ContestError (settings, or a source whose pool is now too small to draw from)."""
    found = problems(title, source, teams, starts_at, ends_at, top_n, now)
    if found:
        raise ContestError("".join(found))
    title = title.strip()
    paper = Paper(
        title=title, description=f"竞赛（技术比武）试卷，每人一次。{source.description or ''}".strip(),
        mode="exam", sections=copy.deepcopy(source.sections), draw=source.draw, multi_rule=source.multi_rule,
        pass_score=source.pass_score, time_limit_minutes=time_limit_minutes or source.time_limit_minutes,
        max_attempts=1, opens_at=starts_at, closes_at=ends_at, shuffle_options=source.shuffle_options,
        shuffle_questions=source.shuffle_questions, status="draft", created_by_id=creator.id if creator else None,
    )
    db.session.add(paper)
    db.session.flush()
    papers.set_audience(paper, team_ids=[t.id for t in teams])
    if source.status == "published" and source.draw == "fixed" and source.items:
        # The very questions of the chosen paper, so the contest is that paper.
        paper.items.extend(PaperItem(position=i.position, question_id=i.question_id, version_id=i.version_id,
                                     points=i.points) for i in source.items)
        paper.status, paper.published_at = "published", now
        db.session.flush()
    else:
        try:
            papers.publish(paper, now=now)
        except papers.PaperError as exc:  # said as the contest's problem, not the paper editor's
            raise ContestError(f"这份试卷现在抽不出一套题，不能用于竞赛：{exc}请先补充题目或另选试卷。") from exc
    contest = Contest(title=title, paper_id=paper.id, source_paper_id=source.id, starts_at=starts_at,
                      ends_at=ends_at, top_n=top_n, created_by_id=creator.id if creator else None, created_at=now)
    contest.entries.extend(ContestTeam(team_id=t.id) for t in sorted(teams, key=lambda t: t.id))
    db.session.add(contest)
    db.session.flush()
    return contest


def reschedule(contest: Contest, starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    """Move the contest's window (naive UTC): before it starts, both times (not into the past); while it
    runs, only its end (not before now); never once it has ended or was cancelled. Its paper's window
    follows, and the sittings in progress get the deadline the new end gives them. Raises ContestError."""
    state = contest.state(now)
    if state in ("ended", "cancelled"):
        raise ContestError(f"竞赛{'已取消' if state == 'cancelled' else '已结束'}，不能再修改时间。")
    if state == "running" and starts_at != contest.starts_at:
        raise ContestError("竞赛已经开始，开始时间不能再改；可以修改结束时间。")
    if state == "upcoming" and starts_at < now.replace(second=0, microsecond=0):
        raise ContestError("开始时间已经过去。")
    if ends_at <= starts_at:
        raise ContestError("结束时间必须晚于开始时间。")
    if ends_at <= now:
        raise ContestError("结束时间已经过去。")
    paper = contest.paper
    before = paper.closes_at
    contest.starts_at, contest.ends_at = starts_at, ends_at
    paper.opens_at, paper.closes_at = starts_at, ends_at
    papers.follow_closing(paper, before, now)
    db.session.flush()


def retime(contest: Contest, starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    """`reschedule` as the times form asks it: a running contest keeps its start to the second (the form
    shows it to the minute only, read-only), whatever start was sent. Raises ContestError."""
    if contest.state(now) == "running":
        starts_at = contest.starts_at
    reschedule(contest, starts_at, ends_at, now)


def cancel_consequences(contest: Contest) -> list[str]:
    """What cancelling the contest means, for the confirmation step."""
    open_now, _handed_in = papers.sitting_counts(contest.paper_id)
    lines = ["取消后参赛班组的职工不能再开始这场竞赛；取消不能撤回（如需再比，请新建竞赛）。",
             "已交的答卷和成绩照常保留，竞赛页面显示为“已取消”，不公布排名。"]
    if open_now:
        lines.append(f"{open_now} 份正在作答的答卷可以在其截止时间前交卷，照常计分。")
    return lines


def cancel(contest: Contest, now: datetime) -> None:
    """Cancel the contest before it ends and stop its paper: no one can start it any more; the sittings
    handed in are kept (the contest shows as 已取消), those in progress may still be handed in, and the
    practice answers held under seal for its questions are released when nobody is sitting it
    (quiz.taking.held.release_after). Raises ContestError, changing nothing, when it is cancelled already
    or has ended (its ranking is out)."""
    state = contest.state(now)
    if state == "cancelled":
        raise ContestError("竞赛已取消。")
    if state == "ended":
        raise ContestError("竞赛已结束，排名已经公布，不能再取消。")
    contest.cancelled_at = now
    contest.paper.status = "archived"
    db.session.flush()
    held.release_after(contest.paper, now)


def paper_stopped(paper: Paper, now: datetime) -> None:
    """A contest's paper stopped on its own page (停用) before the contest ended cancels the contest;
    stopping it afterwards (tidying old papers) leaves the ended contest and its ranking as they are."""
    contest = contest_of_paper(paper.id)
    if contest is not None and contest.state(now) in ("upcoming", "running"):
        contest.cancelled_at = now


def contest_of_paper(paper_id: int) -> Contest | None:
    """The contest sitting on this paper (its own copy, made by `create`), if any: the contest owns the
    paper's time window, which the paper editor then shows read-only."""
    return db.session.scalar(select(Contest).where(Contest.paper_id == paper_id).limit(1))


def teams_of(contest: Contest) -> list[Team]:
    """The teams taking part in the contest, by name."""
    return list(db.session.scalars(select(Team).where(Team.id.in_(contest.team_ids)).order_by(Team.name)))
