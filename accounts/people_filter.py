"""The admin's people list: a search by 工号/姓名 and filters by 区队, 班组, 角色 and 状态, read from
the query string (a GET form), and the query they make."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Select, or_, select

from accounts.models import Team, User
from core.auth import Role

STATUSES = {"active": "正常", "inactive": "已停用"}


@dataclass(frozen=True)
class PeopleFilter:
    words: str = ""
    unit_id: int | None = None
    team_id: int | None = None
    role: str = ""
    status: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> PeopleFilter:
        def number(key: str) -> int | None:
            value = (args.get(key) or "").strip()
            return int(value) if value.isdigit() else None

        role = args.get("role", "")
        status = args.get("status", "")
        return cls(words=(args.get("q") or "").strip()[:50], unit_id=number("unit"), team_id=number("team"),
                   role=role if role in {r.value for r in Role} else "",
                   status=status if status in STATUSES else "")

    def args(self) -> dict[str, str | int]:
        """The query string that gives this filter back (for page links)."""
        values = {"q": self.words, "unit": self.unit_id, "team": self.team_id, "role": self.role,
                  "status": self.status}
        return {key: value for key, value in values.items() if value}

    def query(self) -> Select[tuple[User]]:
        query = select(User)
        if self.words:
            query = query.where(or_(User.username.contains(self.words, autoescape=True),
                                    User.name.contains(self.words, autoescape=True)))
        if self.team_id:
            query = query.where(User.team_id == self.team_id)
        if self.unit_id:
            query = query.where(User.team_id.in_(select(Team.id).where(Team.unit_id == self.unit_id)))
        if self.role:
            query = query.where(User.role == self.role)
        if self.status:
            query = query.where(User.active.is_(self.status == "active"))
        return query.order_by(User.username)
