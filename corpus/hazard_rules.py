"""The hazard rule tables: 重大事故隐患 items, ordinary hidden dangers, numeric thresholds, 三违 examples.

Each table is its own YAML file in ``corpus/hazard_data/`` and is validated as it loads, like the
catalogue in :mod:`corpus.hazards`; question generators take numbers and wording only from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from corpus.hazards import (
    ARTICLE_LABEL,
    DATA_DIR,
    STATUSES,
    Catalogue,
    HazardDataError,
    read_entries,
)
from corpus.risk import RiskModelError, to_decimal

VIOLATION_CLASSES = ("违章指挥", "违章作业", "违反劳动纪律")
COMPARATORS = (">=", "<=", "<", ">")
SCOPES = ("国家", "矿内")


@dataclass(frozen=True)
class MajorHazardItem:
    """One 情形 of 煤矿重大事故隐患判定标准 (rewritten in our own words)."""

    id: str
    version: int  # 2015 or 2020
    article: int  # 第四条 → 4
    item: int  # （二） → 2
    category: str  # the 15 aspects of 第三条, e.g. 瓦斯超限作业
    text: str
    parameters: tuple[str, ...]
    overlaps: tuple[str, ...]  # ids of same-version items a situation could also fall under
    counterpart: str | None  # id of the same situation in the other version, if listed
    same_in_2015_2020: bool
    verified: str  # ✅ checked against a local text, ◐ secondary copy only
    usable_for_exam: bool
    exam_note: str


@dataclass(frozen=True)
class RegulationCategory:
    """One category of 重大事故隐患 that 《煤矿安全生产条例》 第三十六条 lists (its item and name)."""

    id: str
    item: int  # （二） → 2
    name: str  # the category as the article names it, e.g. 瓦斯超限作业


@dataclass(frozen=True)
class OrdinaryHazard:
    """A hidden danger reviewed as NOT major, for 否 items of true/false questions."""

    id: str
    text: str
    why_not_major: str
    near_item: str | None  # id of the major item it could be confused with
    status: str  # reviewed (by a trainer) / draft; only reviewed ones feed exams


@dataclass(frozen=True)
class ThresholdRule:
    """A numeric rule: at ``location``, ``indicator comparator value unit`` triggers ``action``."""

    id: str
    doc: str
    version: str
    article: str
    location: str
    indicator: str
    comparator: str
    value: Decimal
    unit: str
    action: str
    scope: str
    verified: str
    note: str = ""


@dataclass(frozen=True)
class Violation:
    """A 三违 behaviour example and its single class."""

    id: str
    behaviour: str
    cls: str  # 违章指挥/违章作业/违反劳动纪律
    post: str
    severity: str  # 严重/一般 (mine's own grading)




def load_major_hazards(path: str | Path | None = None) -> tuple[MajorHazardItem, ...]:
    """Load ``major_hazard_items`` from ``major_hazards.yaml``; overlaps must name existing ids."""
    file = Path(path) if path is not None else DATA_DIR / "major_hazards.yaml"
    items = []
    keys: set[tuple[int, int, int]] = set()
    for e in read_entries(file, "major_hazard_items"):
        version = e.integer("version")
        if version not in (2015, 2020):
            raise e.fail(f"version {version} is not 2015 or 2020")
        article, item = e.integer("article"), e.integer("item")
        if not 4 <= article <= 18:
            raise e.fail(f"article {article} is outside 第四条–第十八条")
        if (version, article, item) in keys:
            raise e.fail(f"version {version} article {article} item {item} is listed twice")
        keys.add((version, article, item))
        overlaps = tuple(str(x) for x in (e.raw.get("overlaps") or []))
        params = tuple(str(x) for x in (e.raw.get("parameters") or []))
        items.append(
            MajorHazardItem(
                id=e.id,
                version=version,
                article=article,
                item=item,
                category=e.text("category"),
                text=e.text("text"),
                parameters=params,
                overlaps=overlaps,
                counterpart=(str(e.raw["counterpart"]) if e.raw.get("counterpart") else None),
                same_in_2015_2020=e.boolean("same_in_2015_2020"),
                verified=e.choice("verified", ("✅", "◐")),
                usable_for_exam=e.boolean("usable_for_exam"),
                exam_note=e.text("exam_note"),
            )
        )
    by_id = {it.id: it for it in items}
    for it in items:
        for other in it.overlaps:
            if other not in by_id or other == it.id:
                raise HazardDataError(f"overlaps names unknown item {other!r}", it.id, file.name)
            if by_id[other].version != it.version:
                raise HazardDataError(
                    f"overlaps must name an item of the same version, not {other!r}", it.id, file.name
                )
        if it.counterpart is not None:
            other_item = by_id.get(it.counterpart)
            if other_item is None or other_item.version == it.version:
                raise HazardDataError(
                    f"counterpart {it.counterpart!r} is not an item of the other version", it.id, file.name
                )
    return tuple(items)


def load_regulation_categories(path: str | Path | None = None) -> tuple[RegulationCategory, ...]:
    """Load ``regulation_categories`` (条例 第三十六条) from ``major_hazards.yaml``: items 1–17, each once."""
    file = Path(path) if path is not None else DATA_DIR / "major_hazards.yaml"
    result = []
    seen: set[int] = set()
    for e in read_entries(file, "regulation_categories"):
        item = e.integer("item")
        if not 1 <= item <= 17 or item in seen:
            raise e.fail(f"item {item} is outside （一）–（十七） or listed twice")
        seen.add(item)
        result.append(RegulationCategory(e.id, item, e.text("name")))
    return tuple(result)


def load_ordinary_hazards(path: str | Path | None = None) -> tuple[OrdinaryHazard, ...]:
    """Load the reviewed ordinary (non-major) hidden dangers from ``major_hazards.yaml``."""
    file = Path(path) if path is not None else DATA_DIR / "major_hazards.yaml"
    major_ids = {item.id for item in load_major_hazards(file)}
    result = []
    for e in read_entries(file, "ordinary_hazards"):
        near = e.raw.get("near_item")
        if near is not None and near not in major_ids:
            raise e.fail(f"near_item {near!r} is not a major hazard item id")
        result.append(
            OrdinaryHazard(e.id, e.text("text"), e.text("why_not_major"), near, e.choice("status", STATUSES))
        )
    return tuple(result)


def load_thresholds(path: str | Path | None = None) -> tuple[ThresholdRule, ...]:
    """Load ``threshold_rules``; comparators are >=, <=, <, > and values exact Decimals."""
    file = Path(path) if path is not None else DATA_DIR / "thresholds.yaml"
    rules = []
    for e in read_entries(file, "threshold_rules"):
        article = e.text("article")
        if not ARTICLE_LABEL.match(article):
            raise e.fail(f"article {article!r} is not written like 第一百九十三条")
        try:
            value = to_decimal(e.req("value"))
        except RiskModelError as exc:
            raise e.fail(f"value: {exc}") from None
        rules.append(
            ThresholdRule(
                id=e.id,
                doc=e.text("doc"),
                version=str(e.req("version")),
                article=article,
                location=e.text("location"),
                indicator=e.text("indicator"),
                comparator=e.choice("comparator", COMPARATORS),
                value=value,
                unit=e.text("unit"),
                action=e.text("action"),
                scope=e.choice("scope", SCOPES),
                verified=e.choice("verified", ("✅", "◐", "❓")),
                note=e.opt_text("note"),
            )
        )
    # A numeric question needs one right value per (place, indicator, action) under one source.
    seen: dict[tuple[str, ...], str] = {}
    for rule in rules:
        key = (rule.doc, rule.version, rule.scope, rule.location, rule.indicator, rule.comparator, rule.action)
        if key in seen:
            raise HazardDataError(
                f"same location, indicator and action as {seen[key]} with another value", rule.id, file.name
            )
        seen[key] = rule.id
    return tuple(rules)


def load_violations(path: str | Path | None = None) -> tuple[Violation, ...]:
    """Load the 三违 examples; each behaviour has exactly one class."""
    file = Path(path) if path is not None else DATA_DIR / "violations.yaml"
    result = []
    seen: set[str] = set()
    for e in read_entries(file, "violations"):
        behaviour = e.text("behaviour")
        if behaviour in seen:
            raise e.fail("the same behaviour is listed twice")
        seen.add(behaviour)
        result.append(
            Violation(
                e.id,
                behaviour,
                e.choice("class", VIOLATION_CLASSES),
                e.text("post"),
                e.choice("severity", ("严重", "一般")),
            )
        )
    return tuple(result)


def check_major_refs(catalogue: Catalogue, items: Iterable[MajorHazardItem]) -> None:
    """Raise HazardDataError if a hazard's ``major_hazard_ref`` names no known 判定标准 item."""
    keys = {(i.version, i.article, i.item) for i in items}
    for hazard in catalogue:
        ref = hazard.major_hazard_ref
        if ref is not None and (ref.version, ref.article, ref.item) not in keys:
            raise HazardDataError(
                f"major_hazard_ref {ref.version} 第{ref.article}条 第{ref.item}项 is not in major_hazards.yaml",
                hazard.id,
                "catalogue.yaml",
            )
