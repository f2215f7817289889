"""Who may manage and who may see a paper: the one rule every paper route asks (taking, records,
contests, assignments).

Manage (edit, publish, 停用): its author; an admin; a trainer whose scope covers the paper's whole
audience (accounts.scopes.audience_reach, the rule the audience itself is set by) when the author's
role is not wider than the trainer's — a 区队培训员 manages the papers of the 班组长s of the own 区队,
never the reverse; a paper without a known author counts as an admin's. A paper open to the whole
mine (nobody named) is therefore managed by admins and its author only.

See (its page, print, results, assign it): whoever manages it, and — once published (a draft is
nobody's business but its managers') — a trainer when it is open to people of the trainer's scope
(the whole mine, a job, a team the trainer sees or the 区队 of one) or someone the trainer sees sat it.
Anything else answers 404, like a missing paper; a paper seen but not managed answers 403 to a change.

Start (the taker's side, `taker_paper`): a paper once published that is open to the person (its audience,
which an assignment widens), one the person sat, or one a trainer sees. Anything else — another team's
exam, the own team's draft — answers 404 like a missing paper; a paper known but not startable now says why.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from accounts.models import User
from accounts.scopes import Reach, audience_reach, manages_reach, visible_teams, visible_users
from core.auth import TRAINER_ROLES, Role
from core.db import db
from quiz.taking import papers
from quiz.taking.models import Attempt, Paper


def manages(viewer: User, paper: Paper, reach: Reach | None = None) -> bool:
    """Whether `viewer` may change, publish or 停用 the paper (accounts.scopes.manages_reach; `reach`: the
    viewer's audience_reach when read once for many papers)."""
    return manages_reach(viewer, paper.created_by_id, [a.team_id for a in paper.audience if a.team_id],
                         [a.unit_id for a in paper.audience if a.unit_id], [a.job for a in paper.audience if a.job],
                         reach=reach)


def sees(viewer: User, paper: Paper, reach: Reach | None = None) -> bool:
    """Whether `viewer` may open the paper's page, print it, export its results or assign it."""
    if manages(viewer, paper, reach):
        return True
    if paper.status == "draft":
        return False
    if not paper.audience or any(a.job for a in paper.audience):
        return True
    teams = list(db.session.scalars(visible_teams(viewer)))
    team_ids, unit_ids = {t.id for t in teams}, {t.unit_id for t in teams}
    if any(a.team_id in team_ids or (a.team_id is None and a.unit_id in unit_ids) for a in paper.audience):
        return True
    people = visible_users(viewer).with_only_columns(User.id).order_by(None)
    return db.session.scalar(select(Attempt.id).where(Attempt.paper_id == paper.id, Attempt.user_id.in_(people))
                             .limit(1)) is not None


def seen_among(viewer: User, candidates: Sequence[Paper]) -> list[Paper]:
    """The candidates `viewer` sees (`sees`), in their order, for a page listing many: their authors are
    read in one query and the viewer's reach once, instead of for each paper (load the candidates with
    their audience, selectinload(Paper.audience), to read those in one query too)."""
    if viewer.role == Role.ADMIN:  # an admin manages every paper (manages_reach): nothing to read
        return list(candidates)
    ids = {p.created_by_id for p in candidates if p.created_by_id is not None}
    # Held until the papers are checked: the session, where manages_reach finds each paper's author, keeps
    # only the objects someone refers to.
    _authors = list(db.session.scalars(select(User).where(User.id.in_(ids)))) if ids else []
    reach = audience_reach(viewer)
    return [p for p in candidates if sees(viewer, p, reach)]


def visible_papers(viewer: User) -> list[Paper]:
    """The papers `viewer` sees, newest first."""
    rows = db.session.scalars(select(Paper).order_by(Paper.created_at.desc(), Paper.id.desc()))
    return [p for p in rows if sees(viewer, p)]


def seen_paper(viewer: User, paper_id: int) -> Paper | None:
    """The paper if `viewer` sees it, else None (the view answers 404, as for a missing one)."""
    paper = db.session.get(Paper, paper_id)
    return paper if paper is not None and sees(viewer, paper) else None



def knows_as_taker(person: User, paper: Paper) -> bool:
    """Whether `person` may learn of the paper when starting it: open to him once published (a paper
    stopped later stays known: it was in his list), sat by him, or seen as a trainer (`sees`)."""
    if paper.status != "draft" and papers.in_audience(paper, person):
        return True
    if db.session.scalar(select(Attempt.id).where(Attempt.paper_id == paper.id, Attempt.user_id == person.id)
                         .limit(1)) is not None:
        return True
    return person.role in TRAINER_ROLES and sees(person, paper)


def taker_paper(person: User, paper_id: int) -> Paper | None:
    """The paper `person` asks to start, if he may know of it, else None (the route answers 404, as
    for a missing one); whether he may start it now is attempts.start_paper's (409 with the reason)."""
    paper = db.session.get(Paper, paper_id)
    return paper if paper is not None and knows_as_taker(person, paper) else None
