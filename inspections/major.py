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

import re
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


# What may stand between a negation and the word it negates (没有, 未被发现, 并非取自 …), up to two.
_BETWEEN = ("有", "是", "曾", "再", "被", "会", "能", "能够", "得", "用", "使用", "采用", "进行", "实行", "实施", "取自",
            "发现", "见", "出现", "发生", "存在", "造成", "形成", "检测到", "检出", "查出", "查到")


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NEGATION = re.compile(rf"(?:并非|而非|未|无|不|没)(?:{_alternatives(_BETWEEN)}){{0,2}}$")
_NEGATION_ONLY = re.compile(r"(?:并|均|都|尚|也|从|毫)?" + _NEGATION.pattern)
# A statement of normality ending the clause right after a word: 检查无异常, 试验正常, 畅通, 合格 …
_CHECKED = ("情况", "经检查", "经", "检查", "检测", "核查", "排查", "试验", "测试", "运行", "运转", "使用", "工作", "状态",
            "性能", "功能", "装置", "均", "都", "全部", "各项", "一切", "已", "：", ":")
_NORMAL = ("无异常", "未见异常", "未发现异常", "没有异常", "没有发现异常", "无问题", "没有问题", "未发现问题",
           "没有发现问题", "无隐患", "未发现隐患", "正常", "合格", "完好", "良好", "灵敏可靠", "可靠", "齐全", "有效",
           "畅通", "符合要求", "符合规定", "符合规程要求")
_STATED_NORMAL = re.compile(rf"(?:{_alternatives(_CHECKED)})*(?:{_alternatives(_NORMAL)})(?:情况|现象)?$")
# Joins a list that one negation or one statement of normality covers: 未发现漏检、假检; 删除或屏蔽.
_LIST = ("或者", "以及", "、", "和", "及", "与", "或")  # longest first
_CLAUSE = re.compile(r"[，,；;。！!？?\n]|但是|但")


def _negation_word(word: str) -> bool:
    """A word that is nothing but a negation (无, 没有, 未见 …): it says nothing of what is absent."""
    return _NEGATION_ONLY.fullmatch(word) is not None


@dataclass(frozen=True)
class Pattern:
    id: str
    items: tuple[str, ...]
    all_of: tuple[tuple[str, ...], ...]
    none_of: tuple[str, ...]
    category: str | None = None  # id of a 条例 第三十六条 category (TL36-02), if the situation is one

    def matches(self, text: str) -> bool:
        """Every all_of group has a word that counts in `text`, and no none_of word is in it.

        The text is read clause by clause (split at ，；。！？ and 但); spaces are ignored. A word
        found in a clause counts unless
        1. it is negated: a negation (未, 无, 不, 没, 并非) ends right before it, with at most two
           words of _BETWEEN in between (没有, 未被发现, 并非取自, 未采用): '未堵塞安全出口' does not
           count 堵塞. A negation before a list covers the list: '未发现漏检、假检' negates both;
        2. it is stated normal: the clause ends right after it with a statement of normality, with
           only words of checking in between ('备用主要通风机检查无异常', '两个安全出口畅通',
           '风电闭锁、甲烷电闭锁试验正常'). Only at the clause's end: in '甲烷传感器被包裹后显示正常'
           or '甲烷浓度达到1.5%仍正常生产' the defect still counts;
        3. it lies inside a longer word of the pattern found there: it is judged with that word.
           This keeps patterns whose word IS a negation right. The negation that opens such a word
           (未安装, 没有备用, 无甲烷传感器, 不畅通) belongs to it and states the situation, so
           '甲烷传感器' inside '无甲烷传感器' counts; the word itself is negated only by another
           negation before it ('并非无法通行', '未发现无安标设备'). And '出口' inside a negated
           '安全出口' is negated with it.
        A word that is only a negation (无, 没有, 未见) is refused by load_patterns: what is absent
        must be in the word (无备用, not 无, which '无记录' and '无异常' satisfy too).
        """
        compact = "".join(text.split())
        if any(w in compact for w in self.none_of):
            return False
        words = {w for group in self.all_of for w in group}
        counted: set[str] = set()
        for clause in _CLAUSE.split(compact):
            counted |= _counted_words(clause, words)
        return all(any(w in counted for w in group) for group in self.all_of)


def _counted_words(clause: str, words: set[str]) -> set[str]:
    """The words of `words` that count in `clause` (Pattern.matches)."""
    found = [(i, w) for w in words for i in _starts(clause, w)]
    # The longest word found over each place: a shorter one inside it is judged with it.
    outer = [(i, w) for i, w in found
             if not any(j <= i and i + len(w) <= j + len(v) and len(v) > len(w) for j, v in found)]
    negated: dict[tuple[int, str], bool] = {}
    for i, w in sorted(outer):
        before = clause[:i]
        no = _NEGATION.search(before) is not None
        if not no:
            for sep in _LIST:
                if before.endswith(sep):
                    k = i - len(sep)
                    no = any(negated.get((j, v)) for j, v in outer if j + len(v) == k)
                    break
        negated[(i, w)] = no
    normal: dict[tuple[int, str], bool] = {}
    for i, w in sorted(outer, reverse=True):
        after = clause[i + len(w):]
        ok = _STATED_NORMAL.match(after) is not None
        if not ok:
            for sep in _LIST:
                if after.startswith(sep):
                    k = i + len(w) + len(sep)
                    ok = any(normal.get((j, v)) for j, v in outer if j == k)
                    break
        normal[(i, w)] = ok
    live = {(i, w) for i, w in outer if not negated[(i, w)] and not normal[(i, w)]}
    counted = set()
    for i, w in found:
        enclosing = [(j, v) for j, v in outer if j <= i and i + len(w) <= j + len(v)]
        if any(e in live for e in enclosing):
            counted.add(w)
    return counted


def _starts(text: str, word: str) -> list[int]:
    starts, i = [], text.find(word)
    while i >= 0:
        starts.append(i)
        i = text.find(word, i + 1)
    return starts


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
        loose = [w for g in groups for w in g if len(w) < 2 or _negation_word(w)]
        if loose:
            raise PatternError(f"{file.name}: pattern {pid} has words too short or only a negation: {loose}")
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
