"""The register of newer versions (corpus/data/successors.yaml): documents mines often hold in
old copies, and the versions that replaced them.

Applying the register records, on each matching document the admin has not overridden, the
newer version in force (name and 施行 date) in the same fields the admin's 新版本 action
fills (`Document.newer_version`, `newer_version_effective`); `corpus.ingestion.refresh_statuses`
then marks the document superseded once that date has passed. An entry whose date is still
to come is recorded with that date and changes nothing until a run on or after it
(ingest, `python run.py init` or the server's daily step, corpus.due_versions). The clock is always passed in (`today`), so tests choose it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from corpus.models import Document
from corpus.normalize import normalize_title

REGISTER_PATH = Path(__file__).resolve().parent / "data" / "successors.yaml"


class RegisterError(ValueError):
    """The register file is malformed (a shipped data bug: tests load it)."""


@dataclass(frozen=True)
class Successor:
    """A newer version: its name (with 文号), 公布 and 施行 dates (None when not verified), source."""

    name: str
    promulgated: date | None
    effective: date | None
    source: str


@dataclass(frozen=True)
class Entry:
    """An old document (any of `keys`, dated before `before`) and its successors, oldest first."""

    title: str
    keys: frozenset[str]
    version: str
    before: date
    marks: tuple[str, ...]
    successors: tuple[Successor, ...]

    def matches(self, document: Document) -> bool:
        """True for a version of this document older than the successors.

        A dated text matches when its date is before `before`; an undated one only when its
        preamble or title carries one of `marks` (a 文号), so a newer version that was read
        without dates is never marked superseded by its own entry."""
        if document.doc_key not in self.keys:
            return False
        when = document.version_date or document.promulgated or document.effective
        if when is not None:
            return when < self.before
        text = f"{document.title}\n{document.preamble or ''}"
        return any(mark in text for mark in self.marks)

    def successor_on(self, today: date) -> Successor:
        """The newest successor in force on `today`; before any is, the next one to come."""
        due = [s for s in self.successors if s.effective is None or s.effective <= today]
        return due[-1] if due else self.successors[0]

    def first_in_force(self, today: date) -> Successor | None:
        """The first successor in force on `today`: the one that replaced this version (2015 →
        2020 standard from 2021-01-01, even when a 2026 one has replaced that in turn)."""
        return next((s for s in self.successors if s.effective is None or s.effective <= today), None)


def _date(value: object, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    raise RegisterError(f"{where}: not a date: {value!r}")


def parse(raw: object) -> tuple[Entry, ...]:
    """Entries from the loaded YAML list; raises RegisterError on anything malformed."""
    if not isinstance(raw, list):
        raise RegisterError("the register is a list of entries")
    entries = []
    for index, item in enumerate(raw, 1):
        where = f"entry {index}"
        try:
            title = str(item["title"])
            before = _date(item["before"], where)
            successors = tuple(
                Successor(
                    name=str(s["name"]),
                    promulgated=_date(s.get("promulgated"), where),
                    effective=_date(s.get("effective"), where),
                    source=str(s["source"]),
                )
                for s in item["successors"]
            )
        except (KeyError, TypeError) as exc:
            raise RegisterError(f"{where}: missing or malformed field {exc}") from exc
        if before is None or not successors:
            raise RegisterError(f"{where}: needs `before` and at least one successor")
        dated = [s.effective for s in successors if s.effective is not None]
        if dated != sorted(dated):
            raise RegisterError(f"{where}: successors must be listed oldest first")
        keys = frozenset(normalize_title(t) for t in (title, *item.get("aliases", ())))
        marks = tuple(str(m) for m in item.get("marks", ()))
        entries.append(Entry(title, keys, str(item.get("version", "")), before, marks, successors))
    return tuple(entries)


@lru_cache(maxsize=4)
def load(path: Path = REGISTER_PATH) -> tuple[Entry, ...]:
    """The register shipped with the project (parsed once per path)."""
    return parse(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


def in_force(title: str, on: date, entries: Iterable[Entry] | None = None) -> Successor | None:
    """The newer version of the document `title` (any of its register titles) in force on `on`; None when the
    register lists none for it, or none has taken effect yet (`Entry.successor_on`)."""
    key = normalize_title(title)
    for entry in load() if entries is None else entries:
        if key in entry.keys:
            successor = entry.successor_on(on)
            return successor if successor.effective is None or successor.effective <= on else None
    return None


def superseded_since(document: Document, on: date, entries: Iterable[Entry] | None = None) -> date | None:
    """From when `document`, replaced by a newer version the library does not hold, stopped being
    in force: the 施行 date of the FIRST successor in force on `on` when the register speaks for
    it (the 2015 判定标准 from 2021-01-01, not from the 2026 revision that the page names as the
    one in force now), else the date recorded with its newer version (the admin's)."""
    if not document.newer_version_overridden:
        for entry in load() if entries is None else entries:
            if entry.matches(document) and (first := entry.first_in_force(on)) is not None:
                return first.effective
    return document.newer_version_effective



def keys(entries: Iterable[Entry]) -> set[str]:
    """Every document key the register speaks about."""
    return {key for entry in entries for key in entry.keys}


def apply(session: Session, entries: Iterable[Entry], on: date, only_keys: Iterable[str] | None = None) -> set[str]:
    """Record each matching document's newer version as of `on`; returns the doc keys touched.

    Documents whose newer version an admin set or cleared (`newer_version_overridden`) are
    left alone. The caller runs `corpus.ingestion.refresh_statuses` on the returned keys."""
    entries = list(entries)
    wanted = keys(entries)
    if only_keys is not None:
        wanted &= set(only_keys)
    if not wanted:
        return set()
    touched: set[str] = set()
    registered_names = {s.name[:300] for entry in entries for s in entry.successors}
    query = select(Document).where(Document.doc_key.in_(wanted), Document.newer_version_overridden.is_(False))
    for document in session.scalars(query):
        entry = next((e for e in entries if e.matches(document)), None)
        if entry is None:
            # A file re-read as a newer version drops what the register had recorded for it.
            if document.newer_version in registered_names:
                document.newer_version = document.newer_version_effective = None
                touched.add(document.doc_key)
            continue
        successor = entry.successor_on(on)
        name = successor.name[:300]
        if (document.newer_version, document.newer_version_effective) != (name, successor.effective):
            document.newer_version, document.newer_version_effective = name, successor.effective
        touched.add(document.doc_key)
    return touched
