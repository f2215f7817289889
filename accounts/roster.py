"""Roster import: people from a spreadsheet, keyed by 工号, with a per-row report.

A row's 工号 is read as sign-in reads it (`usernames.find_all`): t001 updates the existing T001,
whose 工号 stays T001, and the report names that account (`RosterReport.respelled`). Only a spelling
fitting two accounts from before the case rule (AB1 and ab1, written Ab1) is refused.

A 工种 is stored by the rule the person form follows (`corpus.jobs.to_store`: 带式输送机司机 → 输送机司机),
and each alias so renamed is named once in the report (`RosterReport.renamed_jobs`); one the mine does not
know is kept as typed and named once in the report (`RosterReport.unknown_jobs`).

`read_roster` checks the file without touching the database; `apply_roster` creates and
updates people (flush only; the caller commits once) and returns what it did row by row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from accounts import usernames
from accounts.admins import LAST_ADMIN_MESSAGE, leaves_no_admin
from accounts.models import Mine, Team, User, WorkUnit
from accounts.passwords import generate_password, password_problem
from accounts.placement import team_problem
from core import audit
from core.auth import ROLE_LABELS, Role, hash_password
from core.db import db
from core.sheets import Sheet, SheetError, find_header, read_sheets
from corpus import jobs

BASE_ALIASES = {
    "username": ("工号", "员工编号", "职工编号", "员工号", "人员编号", "编号", "账号"),
    "name": ("姓名", "名字", "员工姓名", "职工姓名"),
    "unit": ("区队", "队别", "单位", "部门", "工区", "车间", "科室", "采区", "工段"),
    "team": ("班组", "班次", "组别", "小组"),
    "job": ("工种", "岗位", "职务", "职位"),
    "party": ("是否党员", "党员", "政治面貌"),
    "role": ("角色", "系统角色", "权限"),
    "special": ("特种作业人员", "是否特种作业人员", "特种作业", "特殊工种"),
    "started": ("上岗日期", "上岗时间", "入矿日期", "入职日期", "入矿时间", "入职时间"),
    "password": ("初始密码", "密码"),
    "id_number": ("身份证", "身份证号", "身份证号码", "公民身份号码", "证件号码", "证件号"),  # read, never stored
}
# Rosters qualify their headers: 所在班组, 所属区队, 现岗位, 员工工号, 班组名称 name the same columns.
_QUALIFIERS = ("所在", "所属", "现", "员工", "职工", "人员")
# English headers of rosters exported from HR systems, compared without case, spaces or "_":
# Employee_ID, employeeId and EMPLOYEE ID all read as employeeid.
ENGLISH_ALIASES = {
    "username": ("employeeid", "employeeno", "employeenumber", "employeecode", "staffid", "staffno", "workerid",
                 "workno", "jobnumber", "jobno", "username", "userid", "login", "account", "empno", "empid"),
    "name": ("name", "fullname", "employeename", "staffname", "workername", "realname"),
    "unit": ("unit", "department", "dept", "workshop", "division", "district", "section"),
    "team": ("team", "group", "crew", "squad"),
    "job": ("job", "position", "post", "occupation", "trade", "worktype", "jobtitle"),
    "party": ("partymember", "ispartymember", "party", "politicalstatus"),
    "role": ("role", "systemrole", "permission"),
    "special": ("specialoperation", "specialwork", "specialtrade", "specialoperator"),
    "started": ("startdate", "started", "hiredate", "joindate", "onboarddate", "entrydate"),
    "password": ("initialpassword", "initpassword", "password"),
    "id_number": ("idcard", "idnumber", "idno", "identitycard", "identitynumber", "nationalid", "citizenid"),
}
HEADER_ALIASES = {
    field: tuple(dict.fromkeys(variant for alias in aliases
                               for variant in (alias, *(q + alias for q in _QUALIFIERS), f"{alias}名称")))
    + ENGLISH_ALIASES[field]
    for field, aliases in BASE_ALIASES.items()
}
COLUMN_LABELS = {"username": "工号", "name": "姓名", "unit": "区队", "team": "班组", "job": "工种",
                 "party": "是否党员", "special": "特种作业人员", "started": "上岗日期", "role": "角色", "password": "初始密码", "id_number": "身份证号"}
ROLE_NAMES = {label: role for role, label in ROLE_LABELS.items()} | {
    "工人": Role.WORKER, "员工": Role.WORKER, "班长": Role.TEAM_LEADER, "培训员": Role.UNIT_TRAINER,
    "区队培训员": Role.UNIT_TRAINER, "安全培训员": Role.UNIT_TRAINER, "系统管理员": Role.ADMIN,
} | {role.value: role for role in Role}
TRUE_WORDS = {"是", "党员", "中共党员", "中国共产党党员", "预备党员", "中共预备党员", "y", "yes", "true", "1", "√"}
FALSE_WORDS = {"", "否", "不是", "群众", "团员", "共青团员", "n", "no", "false", "0", "×"}
DATE_PATTERN = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


@dataclass(frozen=True)
class RosterPerson:
    """A parsed, valid roster row."""

    row: int
    username: str
    name: str
    unit: str
    team: str
    job: str
    party_member: bool
    role: Role | None  # None: no 角色 column or a blank cell (keep an existing person's role; new people 职工)
    password: str | None
    special_operations: bool | None = None  # None: the roster has no such column (keep what is stored)
    started_on: date | None = None
    has_started: bool = False  # the roster has a 上岗日期 column (an empty cell clears the date)
    typed_job: str = ""  # the 工种 cell as written (`job` is what is stored: 液压支架工 → 支架工)


ROSTER_CHANGES_SHOWN = 8  # people whose changes the import's audit entry names


@dataclass(frozen=True)
class RoleChange:
    """An existing person whose role a roster row changes (labels: 班组长 → 职工)."""

    row: int
    username: str
    name: str
    before: str
    after: str

    def describe(self) -> str:
        return f"{self.name}（{self.username}）：{self.before} → {self.after}"


@dataclass(frozen=True)
class Respelled:
    """A row whose 工号 is an existing account's in another letter case (t001 for T001): the row
    updates that account, whose 工号 stays as stored."""

    row: int
    typed: str
    username: str
    name: str

    def describe(self) -> str:
        return f"第 {self.row} 行 {self.typed} 即 {self.name}（{self.username}）：工号不区分大小写，按已有的 {self.username} 导入"


@dataclass
class RosterReport:
    """What an import did or would do; every data row ends in exactly one list."""

    created: list[RosterPerson] = field(default_factory=list)
    updated: list[RosterPerson] = field(default_factory=list)
    unchanged: list[RosterPerson] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    passwords: dict[str, str] = field(default_factory=dict)  # 工号 → initial password of new people
    unknown_jobs: list[str] = field(default_factory=list)  # 工种 kept as typed: no name the mine knows
    renamed_jobs: list[str] = field(default_factory=list)  # 工种 液压支架工 记为 支架工, once per name written
    role_changes: list[RoleChange] = field(default_factory=list)  # existing people given another role
    respelled: list[Respelled] = field(default_factory=list)  # rows naming an account in another letter case
    new_units: list[str] = field(default_factory=list)  # 区队 the import creates (create_teams)
    new_teams: list[tuple[str, str]] = field(default_factory=list)  # (区队, 班组) it creates

    @property
    def new_places_note(self) -> str:
        """The 区队 and 班组 created, for "将新建：…" / "已新建：…" ("" when none)."""
        parts = []
        if self.new_units:
            parts.append("区队 " + "、".join(self.new_units))
        if self.new_teams:
            parts.append("班组 " + "、".join(f"{team}（区队 {unit}）" for unit, team in self.new_teams))
        return "；".join(parts)

    @property
    def unknown_jobs_note(self) -> str:
        """The report's line on unknown 工种 ("" when there is none)."""
        return jobs.unknown_note(self.unknown_jobs)

    def as_dict(self) -> dict:
        return {
            "unknown_jobs": list(self.unknown_jobs),
            "renamed_jobs": list(self.renamed_jobs),
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "errors": [{"row": row, "reason": reason} for row, reason in self.errors],
            "passwords": [{"username": u, "password": p} for u, p in self.passwords.items()],
            "new_units": list(self.new_units),
            "new_teams": [{"unit": unit, "team": team} for unit, team in self.new_teams],
            "role_changes": [{"row": c.row, "username": c.username, "name": c.name, "from": c.before, "to": c.after}
                             for c in self.role_changes],
            "respelled": [{"row": r.row, "typed": r.typed, "username": r.username, "name": r.name}
                          for r in self.respelled],
        }


def _party(value: str) -> bool | None:
    key = value.strip().lower()
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return None


def _date(value: str) -> date | None | str:
    """A 上岗日期 cell as a date (2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, an Excel date);
    None when empty; the cell's text back when it is not a date."""
    if not value.strip():
        return None
    match = DATE_PATTERN.fullmatch(value.strip())
    try:
        return date(*(int(g) for g in match.groups())) if match else value
    except ValueError:
        return value


@dataclass(frozen=True)
class RosterHeader:
    """The columns a roster's header was read as: (what it means, the header as written)."""

    recognised: tuple[tuple[str, str], ...]
    ignored: tuple[str, ...]

    def describe(self) -> str:
        """One line for the preview: "工号（员工编号）、姓名、班组（所在班组）…"."""
        parts = []
        for field_name, written in self.recognised:
            label = COLUMN_LABELS[field_name]
            shown = label if written == label else f"{label}（{written}）"
            if field_name == "id_number":
                shown += "：不导入、不保存"
            parts.append(shown)
        return "、".join(parts)


def _locate_header(path: Path | str, data: bytes | None) -> tuple[Sheet, int, dict[str, int]]:
    """The sheet, header row and field → column of a roster; SheetError when there is none."""
    sheets = [s for s in read_sheets(path, data) if any(any(c for c in r) for r in s.rows)]
    if not sheets:
        raise SheetError("表格中没有数据。")
    for sheet in sheets:
        found = find_header(sheet.rows, HEADER_ALIASES, required=("username", "name"))
        if found:
            return sheet, found[0], found[1]
    # Name what the first row holds, leaving out long numbers (an ID card in a headerless file).
    first = sheets[0].rows[0] if sheets[0].rows else []
    seen = "、".join(f"“{c.strip()}”" for c in first if c.strip() and not re.search(r"\d{6,}", c))[:200]
    raise SheetError("找不到表头：至少需要“工号”和“姓名”两列"
                     + (f"（第一行是：{seen}）" if seen else "") + "；可选：区队（工区、车间）、班组（所在班组）、"
                     "工种（岗位）、是否党员、特种作业人员、上岗日期、角色、初始密码。")


def read_roster_header(path: Path | str, data: bytes | None = None) -> RosterHeader:
    """Which columns of a roster file were recognised, for the preview. Raises SheetError like read_roster."""
    sheet, header_index, columns = _locate_header(path, data)
    header = sheet.rows[header_index]
    used = set(columns.values())
    return RosterHeader(
        tuple((f, header[c].strip()) for f, c in sorted(columns.items(), key=lambda item: item[1])),
        tuple(cell.strip() for col, cell in enumerate(header) if cell.strip() and col not in used),
    )


def read_roster(path: Path | str, data: bytes | None = None) -> tuple[list[RosterPerson], list[tuple[int, str]]]:
    """Parse a roster file into valid people and (row, reason) errors. Raises SheetError for bad files.

    An identity-card column (身份证号) is recognised so it is not mistaken for anything else,
    and then dropped: the number is never read into a person nor stored.
    """
    sheet, header_index, columns = _locate_header(path, data)
    people: list[RosterPerson] = []
    errors: list[tuple[int, str]] = []
    first_row_of: dict[str, int] = {}
    for index in range(header_index + 1, len(sheet.rows)):
        cells = sheet.rows[index]
        row = index + 1
        if not any(cells):
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            col = columns.get(name)
            # every cell as the person form reads 工号 and 姓名
            return usernames.clean(cells[col]) if col is not None and col < len(cells) else ""

        username, name = cell("username"), cell("name")
        problem = None
        broken = sheet.error_in(index, sorted(columns.values()))
        if broken:  # a formula that failed (#N/A …) is never read as a 工号, 姓名 or 班组
            header = sheet.rows[header_index]
            written = header[broken[0]].strip() if broken[0] < len(header) else ""
            errors.append((row, f"“{written}”列是 Excel 错误值 {broken[1]}（公式出错或查不到值），请在表格中改正"))
            continue
        if not usernames.PATTERN.match(username):
            problem = f"工号“{username}”无效（{usernames.PATTERN_HINT}）" if username else "缺少工号"
        elif not name:
            problem = "缺少姓名"
        elif username.lower() in first_row_of:  # 工号 do not differ by letter case alone
            problem = f"工号 {username} 重复（与第 {first_row_of[username.lower()]} 行相同，工号不区分大小写）"
        role_text = cell("role")
        role = ROLE_NAMES.get(role_text)
        party = _party(cell("party"))
        if problem is None and role_text and role is None:
            problem = f"角色“{role_text}”无法识别（可填：职工、班组长、区队培训员、管理员）"
        if problem is None and party is None:
            problem = f"是否党员“{cell('party')}”无法识别（填“是”或“否”）"
        special = _party(cell("special")) if "special" in columns else False
        if problem is None and special is None:
            problem = f"特种作业人员“{cell('special')}”无法识别（填“是”或“否”）"
        started_col = columns.get("started")
        # A date cell shown without its year ("3/1") still holds the whole date.
        started = _date(sheet.dates.get((index, started_col)) or cell("started"))
        if problem is None and isinstance(started, str):
            problem = f"上岗日期“{started}”无法识别（如 2024-03-01）"
        if problem:
            errors.append((row, problem))
            continue
        first_row_of[username.lower()] = row
        job = cells[col].strip() if (col := columns.get("job")) is not None and col < len(cells) else ""
        people.append(RosterPerson(row, username, name, cell("unit"), cell("team"), jobs.to_store(job),
                                   bool(party), role, cell("password") or None,
                                   bool(special) if "special" in columns else None,
                                   started if isinstance(started, date) else None, "started" in columns, job))
    return people, errors


def _find_team(mine: Mine, unit_name: str, team_name: str, create: bool, report: RosterReport) -> Team | str:
    """The team for a row, or the reason it cannot be found; what it creates is named in `report`."""
    query = select(Team).join(WorkUnit).where(WorkUnit.mine_id == mine.id, Team.name == team_name)
    if unit_name:
        query = query.where(WorkUnit.name == unit_name)
    teams = db.session.scalars(query).all()
    if len(teams) == 1:
        return teams[0]
    if len(teams) > 1:
        return f"班组“{team_name}”在多个区队中都有，请填写区队"
    if not create or not unit_name:
        where = f"区队“{unit_name}”下" if unit_name else ""
        return f"{where}没有班组“{team_name}”（请先在班组管理中添加，或检查拼写）"
    unit = db.session.scalar(select(WorkUnit).where(WorkUnit.mine_id == mine.id, WorkUnit.name == unit_name))
    if unit is not None and not unit.active:
        return _stopped_unit(unit)
    if unit is None:
        unit = WorkUnit(mine=mine, name=unit_name)
        db.session.add(unit)
        db.session.flush()
        audit.record("unit.create", "unit", unit.id, f"{unit.name}（花名册）")
        report.new_units.append(unit.name)
    team = Team(unit=unit, name=team_name)
    db.session.add(team)
    db.session.flush()
    audit.record("team.create", "team", team.id, f"{team.full_name}（花名册）")
    report.new_teams.append((unit.name, team.name))
    return team


def _stopped_unit(unit: WorkUnit) -> str:
    return f"区队“{unit.name}”已停用（请先在班组管理中启用，或改填其他班组）"


def _stopped(team: Team) -> str | None:
    """Why nobody may be placed in `team` now (it or its 区队 is deactivated), or None."""
    if not team.unit.active:
        return _stopped_unit(team.unit)
    if not team.active:
        return f"班组“{team.full_name}”已停用（请先在班组管理中启用，或改填其他班组）"
    return None


SELF_DEMOTION_MESSAGE = ("不能用花名册更改您本人的角色（{before} → {after}）：此行未导入；"
                         "如确需更改，请由另一名管理员在人员管理中修改。")


def _role(person: RosterPerson, user: User | None) -> Role:
    """The role a row gives: the one written, else an existing person's own, else 职工."""
    if person.role is not None:
        return person.role
    return Role(user.role) if user is not None else Role.WORKER


def _respelled(report: RosterReport, person: RosterPerson, user: User) -> None:
    """Name the account a row written in another letter case stands for (before the row renames it)."""
    if person.username != user.username:
        report.respelled.append(Respelled(person.row, person.username, user.username, user.name))


def apply_roster(people: list[RosterPerson], errors: list[tuple[int, str]], mine: Mine,
                 *, create_teams: bool = False, actor: User | None = None) -> RosterReport:
    """Create or update people by 工号. New people must change their password at first sign-in;
    a weak 初始密码, a row that would leave no active admin or change the role of the importing
    admin (`actor`) himself, and one placing someone in a deactivated 班组 or 区队 are reported,
    not imported. A row without a role keeps an existing person's; each change of role is in
    `RosterReport.role_changes`.
    Rows taking the admin role away come last, so a roster may hand it over in one go."""
    report = RosterReport(errors=list(errors), unknown_jobs=jobs.unknown(p.job for p in people),
                          renamed_jobs=jobs.renamed_notes(p.typed_job for p in people))
    # Each 工号 as sign-in reads it (usernames.find_all): t001 is T001's row, and updates T001.
    existing = usernames.find_all(p.username for p in people)
    # What names nobody for sure: a spelling differing only in case from two accounts from before
    # the rule (AB1 and ab1, typed Ab1) is refused, naming both; anything else is a new person.
    unresolved = {p.username.lower() for p in people if p.username not in existing}
    alike: dict[str, list[User]] = {}
    if unresolved:
        for holder in db.session.scalars(select(User).where(func.lower(User.username).in_(unresolved))
                                        .order_by(User.id)):
            alike.setdefault(holder.username.lower(), []).append(holder)
    clashes = {p.username: alike[p.username.lower()] for p in people
               if p.username not in existing and p.username.lower() in alike}

    def demotes(person: RosterPerson) -> bool:
        user = existing.get(person.username)
        return user is not None and user.role == Role.ADMIN.value and _role(person, user) != Role.ADMIN

    # Hashing is slow on purpose (argon2): it is all done before anything is written, so a
    # roster of hundreds of new people holds the database for a moment, not for minutes.
    passwords = {p.username: p.password or generate_password() for p in people
                 if p.username not in existing and p.username not in clashes and (p.team or p.role == Role.ADMIN)
                 and not (p.password and password_problem(p.password, username=p.username))}
    hashes = {username: hash_password(password) for username, password in passwords.items()}

    changes: list[str] = []  # who moved to another 班组, got another 工种 or name: for the audit log
    for person in sorted(people, key=demotes):
        user = existing.get(person.username)
        if person.username in clashes:
            report.errors.append((person.row, usernames.ambiguous_message(person.username, clashes[person.username])))
            continue
        if user is None and person.password and (problem := password_problem(person.password,
                                                                             username=person.username)):
            report.errors.append((person.row, f"初始密码不符合要求：{problem}"))
            continue
        role = _role(person, user)
        if user is not None and actor is not None and user.id == actor.id and role.value != user.role:
            report.errors.append((person.row, SELF_DEMOTION_MESSAGE.format(before=user.role_label, after=role.label)))
            continue
        if user is not None and leaves_no_admin(user, role=role.value, active=user.active):
            report.errors.append((person.row, LAST_ADMIN_MESSAGE))
            continue
        if not person.team:  # an admin needs no 班组 (an existing one keeps his); the others do
            team = (user.team if user is not None else None) if role == Role.ADMIN else (
                team_problem(role.value, False) or "缺少班组")
        else:
            team = _find_team(mine, person.unit, person.team, create_teams, report)
        # Someone already in a deactivated 班组 may stay there, as the person form lets them.
        if isinstance(team, Team) and (user is None or user.team_id != team.id) and (stopped := _stopped(team)):
            team = stopped
        if isinstance(team, str):
            report.errors.append((person.row, team))
            continue
        values = {"name": person.name, "team_id": team.id if team else None, "job": person.job,
                  "party_member": person.party_member, "role": role.value}
        if person.special_operations is not None:
            values["special_operations"] = person.special_operations
        if person.has_started:
            values["started_on"] = person.started_on
        user = existing.get(person.username)
        if user is None:
            user = User(username=person.username, **values)
            password = passwords[person.username]
            # set_password's work for a new person, with the hash made above (no sessions to end yet).
            user.password_hash, user.must_change_password = hashes[person.username], True
            db.session.add(user)
            report.created.append(person)
            report.passwords[person.username] = password
        elif any(getattr(user, k) != v for k, v in values.items()):
            if moved := audit.changes(("姓名", user.name, values["name"]),
                                      ("班组", user.team.full_name if user.team else None,
                                       team.full_name if team else None),
                                      ("工种", user.job, values["job"])):
                changes.append(f"{user.name}（{user.username}）{moved}")
            if user.role != role.value:
                change = RoleChange(person.row, user.username, person.name, user.role_label, role.label)
                report.role_changes.append(change)
                audit.record("user.role", "user", user.id, f"{change.describe()}（花名册）")
            _respelled(report, person, user)
            for key, value in values.items():
                setattr(user, key, value)
            report.updated.append(replace(person, username=user.username))
        else:
            _respelled(report, person, user)
            report.unchanged.append(replace(person, username=user.username))
    report.errors.sort()
    if report.created or report.updated:
        shown = "；".join(changes[:ROSTER_CHANGES_SHOWN]) + (f" 等 {len(changes)} 人" if len(changes) > ROSTER_CHANGES_SHOWN
                                                              else "")
        audit.record("roster.import", "roster", None, f"新增 {len(report.created)} 人，更新 {len(report.updated)} 人，"
                     f"{len(report.errors)} 行有错误" + (f"。{shown}" if shown else ""))
    db.session.flush()
    return report
