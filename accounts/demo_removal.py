"""`python run.py demo --remove`: take the demo mine out before going live, and nothing else.

The demo's items are found by what the demo made: its people (a demo 工号 still with the demo's
name, never an admin), its 区队 and 班组 (by name, in the mine), and — through the steps each
feature registers (core.web.add_demo_removal) — its training record, task, papers with their
attempts, questions (its bank and the drafts it generated, not yet used) and sample documents.
An item some real data uses (any row of any table pointing at it, found by the foreign keys) is
kept and named with the reason.
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from accounts.demo import DEMO_ROSTER, DEMO_STAFF, MINE_NAME, load_passwords, save_passwords
from accounts.mine import get_or_create_mine
from accounts.models import Team, User, WorkUnit
from accounts.signin import unlock
from core import audit
from core.auth import Role
from core.db import db
from core.demo import RemovalReport, delete_rows, references

# Rows that are the person's own and go with them (their wrong-answer book holds nothing of anyone else).
OWN_ROWS = ("review_cards",)


def demo_people() -> list[User]:
    """The demo's people still as it made them: a demo 工号 with the demo's name, not an admin."""
    names = {username: name for _, _, people in DEMO_ROSTER for username, name, *_ in people}
    names |= {username: name for username, name, *_, role in DEMO_STAFF if role != Role.ADMIN}
    people = db.session.scalars(select(User).where(User.username.in_(names)).order_by(User.username))
    return [person for person in people if person.name == names[person.username] and person.role != Role.ADMIN.value]


def demo_person_ids() -> set[int]:
    return {person.id for person in demo_people()}


def _remove_people(report: RemovalReport, data_dir) -> None:
    people = demo_people()
    used = references("users", [p.id for p in people], skip=OWN_ROWS, nullable=True)
    for person in people:
        if person.id in used:
            report.keep(f"演示账号 {person.username} {person.name}", f"有真实数据（{'、'.join(sorted(used[person.id]))}），保留")
    gone = [p.username for p in people if p.id not in used]
    delete_rows("users", [p.id for p in people if p.id not in used], owned=OWN_ROWS, nullable=True)
    for username in gone:
        unlock(username)
    if gone:
        report.remove(f"演示账号 {len(gone)} 个（{gone[0]}…{gone[-1]}）")
    if data_dir is not None:
        saved = load_passwords(data_dir)
        if [saved.pop(username, None) for username in gone if username in saved]:
            save_passwords(data_dir, saved)



def _remove_unless_used(report: RemovalReport, table: str, row_id: int, label: str) -> None:
    """Delete one demo row of `table` unless a row elsewhere points at it (then keep it, saying what)."""
    used = references(table, [row_id]).get(row_id)
    if used:
        report.keep(label, f"仍有{'、'.join(sorted(used))}，保留")
    else:
        report.remove(label)
        delete_rows(table, [row_id])

def _remove_teams(report: RemovalReport) -> None:
    mine = get_or_create_mine()
    for unit_name in dict.fromkeys(unit for unit, _, _ in DEMO_ROSTER):
        unit = db.session.scalar(select(WorkUnit).where(WorkUnit.mine_id == mine.id, WorkUnit.name == unit_name))
        if unit is None:
            continue
        demo_teams = {team for u, team, _ in DEMO_ROSTER if u == unit_name}
        for team in db.session.scalars(select(Team).where(Team.unit_id == unit.id, Team.name.in_(demo_teams))):
            _remove_unless_used(report, "teams", team.id, f"演示班组 {team.full_name}")
        _remove_unless_used(report, "work_units", unit.id, f"演示区队 {unit_name}")
    if mine.name == MINE_NAME:  # the demo's made-up name: the mine names itself again
        mine.name = ""
        report.remove(f"演示矿名 {MINE_NAME}（请用 init --mine-name 或在“区队班组”页填写本矿名称）")


def remove_demo(app: Flask, data_dir=None) -> RemovalReport:
    """Remove the demo's items (what uses an item first), audit-logged; the caller commits."""
    report = RemovalReport()
    for _, step in sorted(app.extensions.get("demo_removals", []), key=lambda entry: entry[0]):
        step(report)
    _remove_people(report, data_dir)
    _remove_teams(report)
    if report.removed or report.kept:
        audit.record("demo.remove", "", None, "命令行 demo --remove：移除 " + "；".join(report.removed)[:300]
                     + (f"；保留 {len(report.kept)} 项" if report.kept else ""))
    return report
