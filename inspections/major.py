"""Is a finding a 重大事故隐患? Only where the reviewed rule table says so, naming the version.

The items are corpus/hazard_data/major_hazards.yaml (corpus.hazard_rules.load_major_hazards);
which finding wording points to which item is inspections/data/major_patterns.yaml. A finding
no pattern matches is never called major: the call comes from the table, not from search text.

The 判定标准 in force depends on the day the finding was made (VERSIONS). The table holds the
2015 and a few 2020 items; 令第21号 (in force from 2026-07-01) has not been read, so a finding
made under it names the newest version the table holds and carries ``needs_review``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from corpus.hazard_rules import MajorHazardItem, load_major_hazards
from corpus.numerals import to_chinese_number as to_chinese

PATTERNS_FILE = Path(__file__).parent / "data" / "major_patterns.yaml"
# No pattern matched: the table cannot say 否 (it lists what is major, not what is not), so a
# person has to judge the finding against the standard in force.
UNDECIDED = "未判定"
UNDECIDED_NOTE = "规则表未列，请按现行判定标准人工判定"


@dataclass(frozen=True)
class StandardVersion:
    """One version of 煤矿重大事故隐患判定标准 and the day it took effect."""

    year: int
    name: str
    effective: date


VERSIONS = (
    StandardVersion(2015, "《煤矿重大生产安全事故隐患判定标准》（原国家安全监管总局令第85号）", date(2015, 12, 3)),
    StandardVersion(2020, "《煤矿重大事故隐患判定标准》（应急管理部令第4号）", date(2021, 1, 1)),
    StandardVersion(2026, "《煤矿重大事故隐患判定标准》（应急管理部令第21号）", date(2026, 7, 1)),
)


class PatternError(ValueError):
    """major_patterns.yaml is malformed or names an item the rule table does not have."""


@dataclass(frozen=True)
class Pattern:
    id: str
    items: tuple[str, ...]
    all_of: tuple[tuple[str, ...], ...]
    none_of: tuple[str, ...]

    def matches(self, text: str) -> bool:
        compact = "".join(text.split())
        return all(any(w in compact for w in group) for group in self.all_of) and not any(
            w in compact for w in self.none_of
        )


@dataclass(frozen=True)
class MajorCall:
    """A finding the rule table calls a major hidden danger."""

    item_id: str
    version: int  # the version of the table entry named
    article: int
    item: int
    text: str
    in_force: int  # the version in force on the finding's day
    pattern: str

    @property
    def needs_review(self) -> bool:
        """True when the entry is not of the version in force (e.g. 令第21号, not in the table yet)."""
        return self.version != self.in_force

    @property
    def label(self) -> str:
        """依据2020版判定标准第十三条第（五）项."""
        return f"依据{self.version}版判定标准第{to_chinese(self.article)}条第（{to_chinese(self.item)}）项"

    @property
    def review_note(self) -> str:
        if not self.needs_review:
            return ""
        return f"规则表尚无现行{version_named(self.in_force).name}的对应条目，须对照现行版本复核"


def version_in_force(on: date) -> StandardVersion:
    """The 判定标准 in force on `on` (the first version before 2015-12-03 counts as 2015)."""
    current = VERSIONS[0]
    for version in VERSIONS:
        if version.effective <= on:
            current = version
    return current


def version_named(year: int) -> StandardVersion:
    return next(v for v in VERSIONS if v.year == year)


def load_patterns(path: Path | None = None, items: tuple[MajorHazardItem, ...] | None = None) -> tuple[Pattern, ...]:
    """The patterns, each checked to name items of the rule table and at most one per version."""
    file = path or PATTERNS_FILE
    raw = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    known = {it.id: it for it in (items if items is not None else load_major_hazards())}
    patterns = []
    seen: set[str] = set()
    for entry in raw.get("patterns") or []:
        pid = str(entry.get("id") or "")
        if not pid or pid in seen:
            raise PatternError(f"{file.name}: pattern id {pid!r} is missing or repeated")
        seen.add(pid)
        ids = tuple(str(x) for x in entry.get("items") or [])
        groups = tuple(tuple(str(w) for w in group) for group in entry.get("all_of") or [])
        if not ids or not groups or any(not g for g in groups):
            raise PatternError(f"{file.name}: pattern {pid} needs items and non-empty all_of groups")
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise PatternError(f"{file.name}: pattern {pid} names items not in the rule table: {unknown}")
        years = [known[i].version for i in ids]
        if len(set(years)) != len(years):
            raise PatternError(f"{file.name}: pattern {pid} names two items of one version")
        patterns.append(Pattern(pid, ids, groups, tuple(str(w) for w in entry.get("none_of") or [])))
    return tuple(patterns)


@cache
def _table() -> tuple[dict[str, MajorHazardItem], tuple[Pattern, ...]]:
    items = load_major_hazards()
    return {it.id: it for it in items}, load_patterns(items=items)


def classify(text: str, on: date) -> MajorCall | None:
    """The rule-table entry that makes `text` a major hidden danger on day `on`, or None.

    Of a matching pattern's items, the one of the version in force wins; failing that the
    newest version the table holds that was in force by then (marked needs_review)."""
    by_id, patterns = _table()
    in_force = version_in_force(on).year
    for pattern in patterns:
        if not pattern.matches(text):
            continue
        usable = [by_id[i] for i in pattern.items if by_id[i].version <= in_force]
        if not usable:
            continue
        best = max(usable, key=lambda it: it.version)
        return MajorCall(best.id, best.version, best.article, best.item, best.text, in_force, pattern.id)
    return None
