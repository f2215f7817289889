"""The organisation of a mine and the people in it."""

from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.auth import MEMBER_ROLES, Role
from core.db import db, utcnow

UNNAMED_MINE = "本矿"


class Mine(db.Model):
    """A coal mine (矿). One installation usually serves one mine; a group may host several."""

    __tablename__ = "mines"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)  # "" until the mine names itself

    units: Mapped[list[WorkUnit]] = relationship(back_populates="mine", order_by="WorkUnit.name")

    @property
    def label(self) -> str:
        """The name to show: 本矿 until the mine is named (accounts.mine)."""
        return self.name or UNNAMED_MINE


class WorkUnit(db.Model):
    """A 区队 (综采一队, 掘进二队, 机电队 …) inside a mine."""

    __tablename__ = "work_units"
    __table_args__ = (UniqueConstraint("mine_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mine_id: Mapped[int] = mapped_column(ForeignKey("mines.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    mine: Mapped[Mine] = relationship(back_populates="units")
    teams: Mapped[list[Team]] = relationship(back_populates="unit", order_by="Team.name")


class Team(db.Model):
    """A 班组 (回收班, 安装班 …) inside a 区队."""

    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("unit_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("work_units.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    unit: Mapped[WorkUnit] = relationship(back_populates="teams")
    members: Mapped[list[User]] = relationship(back_populates="team", order_by="User.username")

    @property
    def full_name(self) -> str:
        return f"{self.unit.name} · {self.name}"

    @property
    def crew(self) -> list[User]:
        """The active members as every count counts them (MEMBER_ROLES): not the staff placed here."""
        return [m for m in self.members if m.active and m.role in MEMBER_ROLES]


class User(UserMixin, db.Model):
    """A person who signs in. The 工号 (employee number) is the login name."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)  # 工号
    name: Mapped[str] = mapped_column(String(50))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    job: Mapped[str] = mapped_column(String(50), default="")  # 工种
    party_member: Mapped[bool] = mapped_column(Boolean, default=False)
    # 特种作业人员 (煤矿安全培训规定: 90 initial training hours instead of 72) and the day the person
    # started at the mine (上岗日期): in that year the initial hours apply, afterwards the yearly ones.
    special_operations: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    started_on: Mapped[date | None] = mapped_column(Date)
    role: Mapped[str] = mapped_column(String(20), default=Role.WORKER.value)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Part of every session and remember-me cookie; raising it ends all of them (sign-out, new password, deactivation).
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    team: Mapped[Team | None] = relationship(back_populates="members")

    def get_id(self) -> str:  # Flask-Login keeps this in the session; the user loader checks both parts
        return f"{self.id}:{self.session_generation or 0}"

    def end_sessions(self) -> None:
        """End every session of this person, on every device (takes effect at commit)."""
        self.session_generation = (self.session_generation or 0) + 1

    @property
    def is_active(self) -> bool:  # Flask-Login: disabled people cannot sign in
        return self.active

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def unit_id(self) -> int | None:
        return self.team.unit_id if self.team else None

    @property
    def place(self) -> str:
        """Where the person belongs, as pages show it: the 班组 of a member, only the 区队 of staff
        placed in a team to give them one (a unit trainer), "" for nobody's."""
        if self.team is None:
            return ""
        return self.team.full_name if self.role in MEMBER_ROLES else self.team.unit.name

    def has_role(self, *roles: Role | str) -> bool:
        return self.role in {Role(r).value for r in roles}


class LoginFailure(db.Model):
    """A failed sign-in, kept for the lockout window (per account and per client address)."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # False while the attempt's password is still being checked: it counts against the 工号 at
    # once (parallel guesses), but against the address only once it has failed, so many people
    # signing in at the same moment through one address (a NAT'd mine Wi-Fi) never lock it.
    settled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class LoginGuard(db.Model):
    """A row per 工号 and per client address that sign-in attempts lock, one at a time, while
    they count earlier failures and claim their own: parallel attempts cannot all slip under
    the limit (on PostgreSQL a row lock, on SQLite the database's write lock)."""

    __tablename__ = "login_guards"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)  # "u:工号" or "a:address"
    touched_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
