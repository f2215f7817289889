"""Is a finding a 重大事故隐患? Only where the reviewed rule table says so, naming the version.

The items are corpus/hazard_data/major_hazards.yaml (corpus.hazard_rules.load_major_hazards),
beside the 17 categories 《煤矿安全生产条例》 第三十六条 lists (load_regulation_categories);
which finding wording points to which item or category is inspections/data/major_patterns.yaml.
A finding no pattern matches is never called major, nor 否: it is 未判定 (UNDECIDED), for a
person to judge; the call comes from the table, not from search text.

The 判定标准 in force depends on the day the finding was made (VERSIONS). The table holds the
2015 and a few 2020 items; 令第21号 (in force from 2026-07-01) has not been read. Of a matching
pattern, in this order:
1. the item of the version in force;
2. from 2024-05-01 (the 条例 in force), the pattern's 条例 category, marked ``needs_review``: the
   判定标准 item is to be checked — an item of an older version is never cited on a day a newer
   version is in force when the 条例 can name the category;
3. the newest older item the table holds, marked ``needs_review`` (e.g. 2020 under 令第21号).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from corpus.hazard_rules import MajorHazardItem, RegulationCategory, load_major_hazards, load_regulation_categories
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


REGULATION = "《煤矿安全生产条例》"
REGULATION_ARTICLE = 36
REGULATION_EFFECTIVE = date(2024, 5, 1)


class PatternError(ValueError):
    """major_patterns.yaml is malformed or names an item the rule table does not have."""


@dataclass(frozen=True)
class Pattern:
    id: str
    items: tuple[str, ...]
    all_of: tuple[tuple[str, ...], ...]
    none_of: tuple[str, ...]
    category: str | None = None  # id of a 条例 第三十六条 category (TL36-02), if the situation is one

    def matches(self, text: str) -> bool:
        compact = "".join(text.split())
        return all(any(w in compact for w in group) for group in self.all_of) and not any(
            w in compact for w in self.none_of
        )


@dataclass(frozen=True)
class MajorCall:
    """A finding the rule table calls a major hidden danger: an item of a 判定标准 version, or a
    category of 条例 第三十六条 (``regulation``; then ``version`` is the year the 条例 took effect)."""

    item_id: str
    version: int  # the version of the table entry named
    article: int
    item: int
    text: str
    in_force: int  # the version of the 判定标准 in force on the finding's day
    pattern: str
    regulation: bool = False
    older: MajorHazardItem | None = None  # with a category: the older item the table holds

    @property
    def needs_review(self) -> bool:
        """True when the entry is not of the version in force (e.g. 令第21号, not in the table yet);
        a 条例 category always: the 判定标准 item it falls under is to be checked."""
        return self.regulation or self.version != self.in_force

    @property
    def label(self) -> str:
        """依据2020版判定标准第十三条第（五）项, or 属于《煤矿安全生产条例》第三十六条所列“瓦斯超限作业”."""
        if self.regulation:
            return f"属于{REGULATION}第{to_chinese(self.article)}条所列“{self.text}”"
        return f"依据{self.version}版判定标准第{to_chinese(self.article)}条第（{to_chinese(self.item)}）项"

    @property
    def review_note(self) -> str:
        if not self.needs_review:
            return ""
        current = version_named(self.in_force).name
        if self.regulation:
            note = f"规则表尚无现行{current}的对应条目，具体条目须对照现行判定标准核对"
            if self.older is not None:
                note += f"（{self.older.version}版第{to_chinese(self.older.article)}条第（{to_chinese(self.older.item)}）项曾列此情形，该版已不现行）"
            return note
        return f"规则表尚无现行{current}的对应条目，须对照现行版本复核"


def version_in_force(on: date) -> StandardVersion:
    """The 判定标准 in force on `on` (the first version before 2015-12-03 counts as 2015)."""
    current = VERSIONS[0]
    for version in VERSIONS:
        if version.effective <= on:
            current = version
    return current


def version_named(year: int) -> StandardVersion:
    return next(v for v in VERSIONS if v.year == year)


def load_patterns(path: Path | None = None, items: tuple[MajorHazardItem, ...] | None = None,
                  categories: tuple[RegulationCategory, ...] | None = None) -> tuple[Pattern, ...]:
    """The patterns, each checked to name items of the rule table (at most one per version)
    and, if any, a 条例 category of the table."""
    file = path or PATTERNS_FILE
    raw = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    known = {it.id: it for it in (items if items is not None else load_major_hazards())}
    listed = {c.id for c in (categories if categories is not None else load_regulation_categories())}
    patterns = []
    seen: set[str] = set()
    for entry in raw.get("patterns") or []:
        pid = str(entry.get("id") or "")
        if not pid or pid in seen:
            raise PatternError(f"{file.name}: pattern id {pid!r} is missing or repeated")
        seen.add(pid)
        ids = tuple(str(x) for x in entry.get("items") or [])
        groups = tuple(tuple(str(w) for w in group) for group in entry.get("all_of") or [])
        category = str(entry["category"]) if entry.get("category") else None
        if (not ids and category is None) or not groups or any(not g for g in groups):
            raise PatternError(f"{file.name}: pattern {pid} needs items or a category and non-empty all_of groups")
        if category is not None and category not in listed:
            raise PatternError(f"{file.name}: pattern {pid} names a category not in the rule table: {category}")
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise PatternError(f"{file.name}: pattern {pid} names items not in the rule table: {unknown}")
        years = [known[i].version for i in ids]
        if len(set(years)) != len(years):
            raise PatternError(f"{file.name}: pattern {pid} names two items of one version")
        patterns.append(Pattern(pid, ids, groups, tuple(str(w) for w in entry.get("none_of") or []), category))
    return tuple(patterns)


@cache
def _table() -> tuple[dict[str, MajorHazardItem], dict[str, RegulationCategory], tuple[Pattern, ...]]:
    items = load_major_hazards()
    categories = load_regulation_categories()
    return ({it.id: it for it in items}, {c.id: c for c in categories},
            load_patterns(items=items, categories=categories))


def classify(text: str, on: date) -> MajorCall | None:
    """The rule-table entry that makes `text` a major hidden danger on day `on`, or None (the
    order is the module docstring's)."""
    by_id, categories, patterns = _table()
    in_force = version_in_force(on).year
    for pattern in patterns:
        if not pattern.matches(text):
            continue
        usable = [by_id[i] for i in pattern.items if by_id[i].version <= in_force]
        best = max(usable, key=lambda it: it.version) if usable else None
        if best is not None and best.version == in_force:
            return MajorCall(best.id, best.version, best.article, best.item, best.text, in_force, pattern.id)
        if pattern.category is not None and on >= REGULATION_EFFECTIVE:
            category = categories[pattern.category]
            return MajorCall(category.id, REGULATION_EFFECTIVE.year, REGULATION_ARTICLE, category.item,
                             category.name, in_force, pattern.id, regulation=True, older=best)
        if best is not None:
            return MajorCall(best.id, best.version, best.article, best.item, best.text, in_force, pattern.id)
    return None
