"""Who must belong to a 班组: a 班组长 leads one and a 区队培训员's 区队 is his 班组's, so neither can
be without one (the account would only say "您的账号还没有分到班组"); an admin needs none.
The person form and the roster ask `team_problem` alike."""

from __future__ import annotations

from core.auth import Role

TEAM_NEEDED = {
    Role.TEAM_LEADER.value: "班组长须分到一个班组（他带的班组）：请选择班组。",
    Role.UNIT_TRAINER.value: "区队培训员须分到所在区队的一个班组（系统按它确定其区队）：请选择班组。",
}


def team_problem(role: str, has_team: bool) -> str | None:
    """Why a person of `role` cannot be without a 班组, or None (has one, or needs none)."""
    return None if has_team else TEAM_NEEDED.get(role)
