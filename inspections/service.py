"""Entering findings, reading a ledger sheet, scopes, the ledger export and what a team violated.

No Flask here: callers pass the session, the knowledge base (kb's public KnowledgeBase) and the
person acting, so everything is testable without a request.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from accounts.models import Team, User
from accounts.scopes import visible_teams
from core import clock
from core.auth import Role
from core.sheets import SheetError, add_sheet, find_header, new_book, read_sheets, saved
from inspections.major import UNDECIDED, UNDECIDED_NOTE, classify
from inspections.models import Finding, InspectionBatch
from inspections.ranking import Basis, Ranked, SearchesArticles, rank, split_site

MAX_FINDINGS = 500  # per paste or sheet
MAX_TEXT = 500  # characters of one finding
# Field order matters: a header cell goes to the first field one of whose names it starts with,
# so 隐患地点 must be read as the site before the bare 隐患 can claim it as the finding.
LEDGER_ALIASES = {
    "site": ("隐患地点", "排查地点", "检查地点", "地点", "位置", "场所", "作业地点"),
    "found_on": ("排查日期", "检查日期", "发现日期", "日期", "排查时间", "检查时间", "时间"),
    "team": ("责任班组", "所属班组", "班组", "班组名称"),
    "unit": ("责任区队", "所属区队", "区队", "责任单位", "单位"),
    "text": ("隐患内容", "隐患描述", "隐患情况", "存在问题", "问题描述", "隐患", "问题", "排查内容", "检查内容"),
}
_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")
_LINE_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*[.、．:：)）]|[（(]\d{1,3}[)）])\s*")


@dataclass(frozen=True)
class Entry:
    """One finding to record: its text and, from a sheet, the row's team, site and date."""

    text: str
    team_name: str = ""
    unit_name: str = ""
    site: str = ""
    found_on: date | None = None
    row: int = 0  # spreadsheet row, 0 for pasted lines


@dataclass(frozen=True)
class Violated:
    """An article a team's findings violated recently (for weak spots and the pre-shift quiz)."""

    article_id: int
    citation: str
    count: int
    last_on: date


# -- reading -------------------------------------------------------------------------------


def parse_lines(text: str) -> list[Entry]:
    """One finding per non-empty line; a leading 1. / 2、/ (3) numbering is dropped."""
    entries = []
    for line in text.splitlines():
        cleaned = _LINE_NUMBER.sub("", line).strip()
        if cleaned:
            entries.append(Entry(cleaned[:MAX_TEXT]))
    return entries


def _parse_date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    match = _DATE.search(value)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    try:  # an Excel date cell read as text: 2026-11-30 00:00:00
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def read_ledger(filename: str, data: bytes) -> tuple[list[Entry], list[tuple[int, str]]]:
    """The findings of a ledger sheet (.xlsx, .xls, .csv): the header is found by meaning, like
    the roster's; returns the entries and (row, message) for rows that cannot be used.

    Raises SheetError when the file is no sheet or has no column of findings."""
    for sheet in read_sheets(filename, data):
        found = find_header(sheet.rows, LEDGER_ALIASES, required=("text",))
        if found is None:
            continue
        header, columns = found
        entries: list[Entry] = []
        errors: list[tuple[int, str]] = []
        for index in range(header + 1, len(sheet.rows)):
            cells = sheet.rows[index]

            def cell(field: str, cells: list[str] = cells, columns: dict[str, int] = columns) -> str:
                col = columns.get(field)
                return cells[col].strip() if col is not None and col < len(cells) else ""

            text = " ".join(cell("text").split())
            if not text:
                continue
            if len(entries) >= MAX_FINDINGS:
                errors.append((index + 1, f"一次最多导入 {MAX_FINDINGS} 条隐患，其余各行未导入。"))
                break
            raw_date = cell("found_on")
            found_on = _parse_date(raw_date)
            if raw_date and found_on is None:
                errors.append((index + 1, f"日期“{raw_date}”无法识别，已按表单上的日期记录。"))
            entries.append(Entry(text[:MAX_TEXT], cell("team"), cell("unit"), cell("site")[:120], found_on, index + 1))
        return entries, errors
    raise SheetError("表格中没有找到“隐患内容”（或“隐患描述”“存在问题”）列。")


# -- scopes --------------------------------------------------------------------------------


def visible_findings(viewer: User) -> Select[tuple[Finding]]:
    """Findings `viewer` may see: a team leader the own team's, a unit trainer the unit's, an admin all."""
    query = select(Finding).order_by(Finding.found_on.desc(), Finding.id.desc())
    role = Role(viewer.role)
    if role is Role.ADMIN:
        return query
    if role is Role.UNIT_TRAINER and viewer.team is not None:
        return query.join(Team, Finding.team_id == Team.id).where(Team.unit_id == viewer.team.unit_id)
    if role is Role.TEAM_LEADER and viewer.team_id is not None:
        return query.where(Finding.team_id == viewer.team_id)
    return query.where(False)


def can_view_team(session: Session, viewer: User, team_id: int) -> bool:
    return session.scalar(visible_teams(viewer).where(Team.id == team_id).limit(1)) is not None


def can_view_finding(session: Session, viewer: User, finding: Finding) -> bool:
    return can_view_team(session, viewer, finding.team_id)


# -- recording -----------------------------------------------------------------------------


def apply_basis(finding: Finding, basis: Basis | None, chosen: bool = False) -> None:
    """Set (or clear) the finding's 依据 from a ranked candidate."""
    finding.article_id = basis.article_id if basis else None
    finding.citation = basis.citation if basis else ""
    finding.basis_status = basis.status_label if basis else ""
    finding.basis_excerpt = basis.excerpt if basis else ""
    finding.basis_chosen = chosen


def resolve_team(session: Session, viewer: User, entry: Entry, default_team: Team | None) -> Team | str:
    """The team of a sheet row (by name, within what `viewer` may see) or the form's team."""
    if not entry.team_name:
        return default_team if default_team is not None else "没有填写班组，表单上也没有选择班组。"
    teams = session.scalars(visible_teams(viewer)).all()
    named = [t for t in teams if entry.team_name in (t.name, t.full_name, f"{t.unit.name}{t.name}")]
    if entry.unit_name:
        named = [t for t in named if t.unit.name == entry.unit_name] or named
    if len(named) == 1:
        return named[0]
    if not named:
        return f"班组“{entry.team_name}”不存在或不在您的管理范围内。"
    return f"班组“{entry.team_name}”在多个区队中都有，请在表中填写区队。"


def record_findings(
    session: Session,
    kb: SearchesArticles,
    author: User,
    entries: Iterable[Entry],
    *,
    team: Team | None,
    site: str = "",
    found_on: date,
    source: str = "粘贴",
    today: date | None = None,
) -> tuple[InspectionBatch, list[tuple[int, str]]]:
    """Rank and classify each entry and store it in a new batch (flushed, not committed).

    Returns the batch and (row, message) for entries left out (a team out of scope)."""
    batch = InspectionBatch(created_by=author, source=source[:200])
    session.add(batch)
    errors: list[tuple[int, str]] = []
    latest = today or clock.today()
    for entry in list(entries)[:MAX_FINDINGS]:
        owner = resolve_team(session, author, entry, team)
        if isinstance(owner, str):
            errors.append((entry.row, owner))
            continue
        day = min(entry.found_on or found_on, latest)
        place, _ = split_site(entry.text)
        finding = Finding(batch=batch, team=owner, text=entry.text, found_on=day,
                          site=(entry.site or site or place)[:120])
        apply_basis(finding, rank(kb, entry.text).suggested)
        call = classify(entry.text, day)
        if call is not None:
            finding.major_item = call.item_id
            finding.major_version = call.version
            finding.major_label = call.label
            finding.major_note = call.review_note
        session.add(finding)
    session.flush()
    return batch, errors


def choose_basis(finding: Finding, ranked: Ranked, article_id: int | None) -> bool:
    """Set the 依据 to one of the ranked candidates (None clears it); False if `article_id` is
    not among them (a forged form)."""
    if article_id is None:
        apply_basis(finding, None, chosen=True)
        return True
    basis = next((b for b in ranked.all() if b.article_id == article_id), None)
    if basis is None:
        return False
    apply_basis(finding, basis, chosen=True)
    return True


# -- what a team violated -------------------------------------------------------------------


def team_violations(session: Session, team_id: int, days: int = 90, today: date | None = None,
                    limit: int = 10) -> list[Violated]:
    """Articles the team's findings of the last `days` days violated, most often first."""
    since = (today or clock.today()) - timedelta(days=days)
    rows = session.execute(
        select(Finding.article_id, Finding.citation, Finding.found_on)
        .where(Finding.team_id == team_id, Finding.found_on >= since, Finding.article_id.is_not(None))
    ).all()
    counts: Counter[int] = Counter()
    citation: dict[int, str] = {}
    last: dict[int, date] = {}
    for article_id, cited, found_on in rows:
        counts[article_id] += 1
        citation[article_id] = cited
        last[article_id] = max(last.get(article_id, found_on), found_on)
    ordered = sorted(counts, key=lambda a: (-counts[a], -last[a].toordinal(), a))
    return [Violated(a, citation[a], counts[a], last[a]) for a in ordered[:limit]]


def violations_reader(session_of: Callable[[], Session]) -> Callable[..., list[Violated]]:
    """team_violations bound to a session getter: what the app offers quiz code."""

    def read(team_id: int, days: int = 90, today: date | None = None, limit: int = 10) -> list[Violated]:
        return team_violations(session_of(), team_id, days, today, limit)

    return read


# -- export --------------------------------------------------------------------------------

LEDGER_COLUMNS = ("序号", "排查日期", "区队", "班组", "地点", "隐患内容", "依据", "依据状态", "重大事故隐患", "判定依据", "备注")


def ledger_rows(findings: Iterable[Finding]) -> list[list[object]]:
    """The ledger's rows, in LEDGER_COLUMNS order."""
    rows = []
    for number, f in enumerate(findings, 1):
        rows.append([
            number, f.found_on, f.team.unit.name, f.team.name, f.site, f.text, f.citation or "（未找到依据）",
            f.basis_status, "是" if f.is_major else UNDECIDED, f.major_label,
            f.major_note if f.is_major else UNDECIDED_NOTE,
        ])
    return rows


def export_ledger(findings: Iterable[Finding], title: str = "隐患排查台账") -> bytes:
    """An inspection ledger (.xlsx) with a 依据 column."""
    from openpyxl.styles import Alignment

    book = new_book()
    sheet = add_sheet(book, title, LEDGER_COLUMNS, ledger_rows(findings), (6, 12, 12, 12, 16, 48, 36, 12, 12, 36, 40))
    for row in sheet.iter_rows(min_row=2):
        row[1].number_format = "yyyy-mm-dd"
        for cell in row[5:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return saved(book)


def load_findings(session: Session, query: Select[tuple[Finding]]) -> list[Finding]:
    """Findings with their team and unit loaded at once (pages and the export)."""
    return list(session.scalars(query.options(selectinload(Finding.team).selectinload(Team.unit))).all())
