"""Hazard questions from the rule tables: 重大事故隐患判定 (true/false) and numeric thresholds.

Both read only `major_hazards.yaml` and `thresholds.yaml` (HAZARDS.md §5–6). The judgement
questions name the standard's version and open with a practice-only label: the standard in force
since 2026-07-01 (应急管理部令第21号) has not been read yet, so a default run leaves them out
(`pipeline.DEFAULT_HAZARD_GENERATORS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from corpus import hazard_rules as hr
from corpus import hazards as hz
from quiz.bank.types import JUDGE_OPTIONS
from quiz.generation.hazard import HazardData, hazard_question, seeded_rng
from quiz.generation.records import GeneratedQuestion
from quiz.generation.theory.questions import choice_options

MAJOR_STANDARD = "《煤矿重大事故隐患判定标准》"
#: Opens every judgement stem: which version, and that it is no longer the one in force.
PRACTICE_LABEL = "【仅供练习·依据已被应急管理部令第21号（2026年7月1日施行）取代的旧版判定标准】"
PRACTICE_NOTE = "（仅供练习：现行判定标准为应急管理部令第21号，2026年7月1日施行，其正文尚未核对，本题不得用于考试。）"
INDICATORS = {
    "CH4": "甲烷浓度",
    "CO2": "二氧化碳浓度",
    "O2": "氧气浓度",
    "CO": "一氧化碳浓度",
    "H2S": "硫化氢浓度",
    "SO2": "二氧化硫浓度",
    "NH3": "氨浓度",
    "风速": "风速",
    "温度": "温度",
}
#: A plausible step between limits of a unit, for distractors where the table has too few values.
STEPS = {"℃": Decimal(2), "m/s": Decimal(1)}
COMPARATOR_WORDS = {">=": "达到", ">": "超过", "<": "低于", "<=": "不超过"}


def _version_of(item: hr.MajorHazardItem) -> str:
    return (
        "2020年版（应急管理部令第4号）"
        if item.version == 2020 or item.same_in_2015_2020
        else "2015年版（原国家安全监管总局令第85号）"
    )


def major(data: HazardData, seed: str) -> Iterator[GeneratedQuestion]:
    """是否属于重大事故隐患（判断）: listed situations (是) against reviewed ordinary dangers (否)."""
    name = "hazard.major"
    for item in data.majors:
        # Only wording the 2015 and 2020 versions share is safe to ask (HAZARDS.md §3).
        if not item.same_in_2015_2020 or item.version == 2015 and item.counterpart:
            continue
        version = _version_of(item)
        stem = f"{PRACTICE_LABEL}依据{MAJOR_STANDARD}{version}，“{item.text}”属于重大事故隐患。"
        explanation = f"正确。该情形列于判定标准第{item.article}条（{item.category}）。{PRACTICE_NOTE}"
        yield hazard_question(
            "hazard_major",
            stem,
            JUDGE_OPTIONS,
            ("A",),
            explanation,
            name,
            seed,
            {"item": item.id, "version": version, "exam_ready": False},
        )
    for ordinary in data.ordinaries:
        stem = f"{PRACTICE_LABEL}依据{MAJOR_STANDARD}2020年版（应急管理部令第4号），“{ordinary.text}”属于重大事故隐患。"
        explanation = f"错误。{ordinary.why_not_major}。属于一般事故隐患，应当及时整改。{PRACTICE_NOTE}"
        yield hazard_question(
            "hazard_major",
            stem,
            JUDGE_OPTIONS,
            ("B",),
            explanation,
            name,
            seed,
            {"ordinary": ordinary.id, "version": "2020", "exam_ready": False},
        )


def format_value(rule: hr.ThresholdRule, value) -> str:
    """A threshold as an option: 1.0%, 4m/s, 30℃ (gas percentages keep one decimal)."""
    if rule.unit == "%" and value == value.to_integral_value():
        return f"{value:.1f}{rule.unit}"
    return f"{value.normalize():f}{rule.unit}"


def _distinct(a: str, b: str) -> bool:
    """Neither option text contains the other (5m/s inside 0.25m/s would confuse)."""
    return a not in b and b not in a


_BRACKET = re.compile(r"（([^）]*)）")
_SENSOR = "（甲烷传感器）"


def plain_location(location: str) -> str:
    """A table's location without its bracketed notes: 总回风巷（甲烷传感器） → 总回风巷."""
    return _BRACKET.sub("", location)


def _sensor_action(action: str) -> str:
    """What a methane sensor does, as a verb phrase: 断电（掘进巷道内全部非本质安全型电气设备） →
    切断掘进巷道内全部非本质安全型电气设备的电源; 断电（切断车辆动力） → 切断车辆动力."""
    match = re.fullmatch(r"断电（(.+)）", action)
    if match is None:
        return action
    inner = match.group(1)
    return inner if inner.startswith("切断") else f"切断{inner}的电源"


def _gas(what: str) -> str:
    """一氧化碳浓度 → 一氧化碳 (so the stem reads 一氧化碳的最高允许浓度); 风速 stays out."""
    return what.removesuffix("浓度") if what.endswith("浓度") else ""


def _measure(what: str) -> str:
    return "浓度" if what.endswith("浓度") else what


def threshold_stem(rule: hr.ThresholdRule) -> str | None:
    """How a rule is asked, as a sentence a trainer would write (not a table row: 总回风巷（甲烷传感器）
    甲烷浓度达到（ ）时，报警), or None when it cannot be asked without giving the value away."""
    what = INDICATORS.get(rule.indicator)
    if what is None or rule.scope != "国家":
        return None
    if rule.indicator == "温度":
        what = "空气温度"
    source = f"依据《{rule.doc}》（{rule.version}年版）{rule.article}，"
    word = COMPARATOR_WORDS[rule.comparator]
    if rule.location.endswith(_SENSOR):
        place = rule.location.removesuffix(_SENSOR)
        if rule.action == "复电":
            return f"{source}{place}的甲烷传感器断电后，{what}{word}（ ）时方可复电。"
        return f"{source}{place}的甲烷传感器在{what}{word}（ ）时{_sensor_action(rule.action)}。"
    place = plain_location(rule.location)
    when = "；".join(_BRACKET.findall(rule.location))
    lead = f"{source}{when}，" if when else source
    where_ = (
        place if place.endswith(("中", "内", "处")) else f"{place}中" if place.endswith(("风流", "空间")) else place
    )
    if "允许最高" in rule.action or "最高允许" in rule.action:
        return f"{lead}{where_}{_gas(what)}的最高允许{_measure(what)}为（ ）。"
    if "允许最低" in rule.action:
        return f"{lead}{where_}{_gas(what)}的最低允许{_measure(what)}为（ ）。"
    # 空气成分不符合规定，须采取措施（氧气浓度不得低于20%）: the action states the value, and the table
    # holds no values of its kind to offer beside it (3.0% oxygen, 30℃ as a lowest temperature).
    if re.search(r"(不得低于|不得超过|必须在)\d", rule.action):
        return None
    return f"{lead}{where_}{what}{word}（ ）时，{rule.action}。"


def threshold(data: HazardData, seed: str) -> Iterator[GeneratedQuestion]:
    """数值题（单选）: the one value of a (location, indicator, action) rule; others of the table as distractors."""
    name = "hazard.threshold"
    for rule in data.thresholds:
        stem = threshold_stem(rule)
        answer_text = format_value(rule, rule.value)
        if stem is None or answer_text in stem or rule.value.normalize().to_eng_string() in stem.split("，", 1)[1]:
            continue
        same = [
            r
            for r in data.thresholds
            if (r.location, r.indicator, r.action) == (rule.location, rule.indicator, rule.action)
        ]
        if len({r.value for r in same}) != 1:
            continue
        taken = {r.value for r in same}
        # Values of the same scope only: a stricter mine rule (0.8%) next to a national one would confuse.
        national = [r for r in data.thresholds if r.scope == rule.scope and r.unit == rule.unit]
        pool = sorted({r.value for r in national if r.indicator == rule.indicator} - taken)
        if len(pool) < 3:
            pool = sorted({r.value for r in national} - taken)
        # Values of the key's magnitude only (2℃ beside 26℃ as the heat limit, 8m/s as a lowest wind speed
        # are ruled out at a glance); where the table holds too few, steps either side of the key.
        alike = [v for v in pool if rule.value / 4 <= v <= rule.value * 4]
        if len(alike) < 3 and rule.unit in STEPS:
            step = STEPS[rule.unit] if rule.value >= 1 else Decimal("0.05")
            alike = sorted(
                {*alike, *(rule.value + k * step for k in (-2, -1, 1, 2) if rule.value + k * step > 0)} - taken
            )
        pool = alike if len(alike) >= 3 else pool
        rng = seeded_rng(seed, name, rule.id)
        near = [
            v
            for v in sorted(pool, key=lambda v: (abs(v - rule.value), v))
            if _distinct(format_value(rule, v), answer_text)
        ][:4]
        rng.shuffle(near)
        chosen: list = []
        for v in near:
            if len(chosen) < 3 and all(_distinct(format_value(rule, v), format_value(rule, c)) for c in chosen):
                chosen.append(v)
        wrong = [format_value(rule, v) for v in sorted(chosen)]
        if len(wrong) < 3 or len(set(wrong)) < 3:
            continue
        options, answer = choice_options([answer_text], wrong, rng)
        explanation = f"{rule.article}规定：{stem.split('，', 1)[1].replace('（ ）', answer_text, 1)}"
        yield hazard_question(
            "hazard_threshold",
            stem,
            options,
            answer,
            explanation,
            name,
            seed,
            {"rule": rule.id, "exam_ready": False},
            hz.Ref(rule.doc, rule.article, rule.version),
        )
