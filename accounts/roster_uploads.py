"""A roster (花名册) import on the web, between its upload and its confirm: the file kept meanwhile, its
preview, the confirm, and the new people's initial passwords shown once.

The upload is kept in the uploads folder as roster-<token>.<suffix> (core.uploads forgets it after a
day) while the admin looks at the preview. The preview applies the roster (accounts.roster.apply_roster,
flushed) for the view to roll back, or to commit on the confirm. Once committed the file is removed and a
marker, roster-<token>.shown, is left in its place: the initial passwords are shown once, on the confirm's
result page (a table and the same rows as an .xlsx), and never stored, so coming back to that page says
they were shown instead of "not found".

Functions take the uploads folder and values, never a request; they flush, the view commits.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from accounts import roster
from accounts.mine import get_or_create_mine
from accounts.models import User
from core import sheets
from core.db import db
from core.sheets import SheetError
from core.uploads import forget_old_uploads

SHOWN_SUFFIX = ".shown"
NEWCOMER_COLUMNS = ("工号", "姓名", "班组", "初始密码")


class BadToken(ValueError):
    """Not a token this module hands out (the page answers 400)."""


class UploadMissing(LookupError):
    """No roster waiting under this token: never uploaded, or forgotten after a day (404)."""


class AlreadyImported(LookupError):
    """The roster under this token was imported, and its initial passwords shown once (410)."""


@dataclass(frozen=True)
class Preview:
    """What importing the roster does (applied and flushed, not committed) and how its columns were read."""

    report: roster.RosterReport
    header: roster.RosterHeader

    @property
    def importable(self) -> bool:
        """Whether confirming changes anything: someone to create or update."""
        return bool(self.report.created or self.report.updated)


def _base(folder: Path, token: str) -> Path:
    if not token.isalnum():
        raise BadToken(token)
    return folder / f"roster-{token}"


def keep(folder: Path, filename: str, save: Callable[[Path], None]) -> str:
    """Keep an uploaded roster until its confirm and return its new token: `save` writes it to the path
    given (named for the token, with the upload's suffix). Rosters nobody confirmed within a day go first."""
    token = secrets.token_hex(12)
    path = _base(folder, token).with_suffix(Path(filename).suffix.lower())
    forget_old_uploads(folder)
    save(path)
    return token


def pending(folder: Path, token: str) -> Path:
    """The roster file waiting under `token`. Raises BadToken, AlreadyImported or UploadMissing."""
    base = _base(folder, token)
    matches = sorted(p for p in folder.glob(f"{base.name}.*") if p.suffix != SHOWN_SUFFIX)
    if not matches:
        if base.with_suffix(SHOWN_SUFFIX).exists():
            raise AlreadyImported(token)
        raise UploadMissing(token)
    return matches[0]


def preview(path: Path, *, create_teams: bool, actor: User) -> Preview:
    """Read the roster at `path` and apply it to the mine's people as `actor` (flushed, for the caller to
    roll back or commit); `create_teams` creates the 区队 and 班组 it names that do not exist. A file that
    cannot be read as a roster is removed, and its SheetError raised."""
    try:
        people, errors = roster.read_roster(path)
        header = roster.read_roster_header(path)
    except SheetError:
        path.unlink(missing_ok=True)
        raise
    report = roster.apply_roster(people, errors, get_or_create_mine(), create_teams=create_teams, actor=actor)
    return Preview(report, header)


def imported(path: Path) -> None:
    """After the import was committed: remove the file, leaving the marker that its passwords were shown."""
    path.with_suffix(SHOWN_SUFFIX).touch()
    path.unlink(missing_ok=True)


def newcomers(passwords: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(工号, 姓名, 班组, 初始密码) of each new person (RosterReport.passwords), in the roster's order."""
    people = {u.username: u for u in db.session.scalars(select(User).where(User.username.in_(list(passwords))))}
    return [(username, people[username].name, people[username].place or "—", password)
            for username, password in passwords.items()]


def newcomers_workbook(rows: list[tuple[str, str, str, str]]) -> bytes:
    """The `newcomers` as an .xlsx to print or hand out."""
    return sheets.write_table("初始密码", list(NEWCOMER_COLUMNS), rows)
