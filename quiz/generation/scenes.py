"""Scene questions (情景题) with one to three embedded hazards, and 三违 classification.

A scene is a site, a post at work and one to three hazards of that site written as what
the worker sees. Two questions are asked of a scene, each answered straight from the
catalogue: the accident type, only when every embedded hazard has the same undisputed
type; and which measure controls the scene, answered by a control of one embedded hazard
against controls of unrelated hazards.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from corpus import hazard_rules as hr
from corpus import hazards as hz
from corpus import jobs
from quiz.generation import terms as kt
from quiz.generation.hazard import (
    CATCH_ALL_TYPES,
    CAUSE_WORDS_LEAST,
    PENDING_2025,
    REVIEW_NOTE,
    STANDARD_2025,
    STATISTICS,
    HazardData,
    accident_type_options_2025,
    choice_options,
    coal_category_options,
    confirmed_2025,
    control_distractors,
    echo,
    explain_2025,
    explain_coal,
    grounded,
    hazard_question,
    names_coal_key,
    names_key_2025,
    place,
    quiet_keys,
    seeded_rng,
    situation,
    useful_controls,
    words,
)
from quiz.generation.records import GeneratedQuestion

MAX_HAZARDS = 3
MARKS = "①②③"
_LEADING_CAUSE = re.compile("^(?:酿成|导致|造成|引起|引发|诱发)")
# A control that says what people at the scene must or must not do, or which action stops the danger.
_ACT = re.compile("严禁|禁止|不得|不准|必须|停止|切断|撤出|闭锁|站在")
# Isolation and lockout: the energy cut off and locked before anyone works on the thing.
_ISOLATES = re.compile("切断[^，；]{0,6}电源|停电|断电|闭锁|挂牌|上锁")


def cause_controls(h: hz.Hazard) -> list[str]:
    """The hazard's controls that remove the cause its situation states: those sharing the most two-character
    words with it, at least `CAUSE_WORDS_LEAST` (转载点、卸载点未开启喷雾 → 转载点、卸载点安设喷雾装置并随运行自动开启, not
    定期冲洗巷道积尘; 上运带式输送机未装防逆转装置和制动装置 → 上运时装设防逆转和制动装置, not a 防护网 against rolling
    coal: blind read 4, H8, H19); none when no control speaks of the cause."""
    seen = words(situation(h.hazard))
    scored = [(len(words(c) & seen), c) for c in useful_controls(h)]
    best = max((n for n, _ in scored), default=0)
    if best < CAUSE_WORDS_LEAST:
        return []
    # Taking the energy away before the work targets the hazard itself; a check after it does not (blind read 8, H12:
    # 带电搬迁… → 搬迁前切断上级电源并闭锁挂牌, not 搬迁后检查电缆护套完好再送电).
    isolating = [c for n, c in scored if n and _ISOLATES.search(c)]
    return isolating or [c for n, c in scored if n == best]


def described(h: hz.Hazard, consequence: bool) -> str:
    """A hazard as a scene shows it: the state or behaviour seen on site, and, when asked for, what it
    may lead to as a possibility (…顶板下作业（可能导致顶板垮落砸压）), never as an accident seen."""
    seen = situation(h.hazard)
    if not consequence:
        return seen
    if not h.hazard[len(seen) :].startswith(("，", "；")):
        return h.hazard  # cut inside a clause (…煤块滚落 | 伤人): the whole entry reads as one hazard
    rest = _LEADING_CAUSE.sub("", h.hazard[len(seen) :].lstrip("，；"))
    return f"{seen}（可能导致{rest}）"


def _scene(hazards: list[hz.Hazard], consequence: bool = True) -> str:
    """The scene as hazards identified on site (辨识出), each a state with what it may lead to; without
    the consequence when the question asks what it leads to."""
    first = hazards[0]
    if len(hazards) == 1:
        return (
            f"{place(first.site)}现场（岗位：{jobs.canonical(first.post)}；作业：{first.activity}）辨识出危险源："
            f"{described(first, consequence)}。"
        )
    seen = "；".join(f"{MARKS[i]}{described(h, consequence)}" for i, h in enumerate(hazards))
    return f"{place(first.site)}现场辨识出以下危险源：{seen}。"


# Vehicles whose rules differ by kind (同向行驶 50m for 无轨胶轮车, 100m for two locomotives or trains: 规程 第四百二十七条
# and the locomotive rules), each with the words that name it.
VEHICLES: dict[str, tuple[str, ...]] = {
    "无轨胶轮车": ("无轨胶轮车", "胶轮车"),
    "电机车": ("电机车", "机车", "列车"),
    "单轨吊": ("单轨吊",),
    "卡轨车": ("卡轨车",),
    "齿轨车": ("齿轨车",),
}


def leaves_out_vehicle(h: hz.Hazard, text: str) -> bool:
    """Whether `text` (the hazard's situation or a control) states a figure without naming the vehicle the hazard's post
    drives (`VEHICLES`): 同向行驶保持不小于50m距离 holds for 无轨胶轮车 only, and a scene that lists it without the post
    reads as a rule for any vehicle (blind read 5, H8)."""
    names = VEHICLES.get((h.post or "").removesuffix("司机"), ())
    return bool(names) and bool(re.search(r"\d", text)) and not any(n in text for n in names)


def _groups(data: HazardData, seed: str, name: str) -> Iterator[tuple[str, list[hz.Hazard]]]:
    """Deterministic scenes: each undisputed hazard anchors one scene with 0–2 hazards of its site. A hazard whose
    figure holds for its post's vehicle and does not name it (`leaves_out_vehicle`) stands alone, where the scene
    names its post; it is never listed among others, which do not."""
    for anchor in data.catalogue:
        if anchor.disputed or anchor.generic:
            continue
        rng = seeded_rng(seed, name, anchor.id)
        mates = [
            h for h in data.catalogue.by_site(anchor.site) if h.id != anchor.id and not h.disputed and not h.generic
            and not leaves_out_vehicle(h, h.hazard)
        ]
        rng.shuffle(mates)
        alone = leaves_out_vehicle(anchor, anchor.hazard)
        yield anchor.id, [anchor, *([] if alone else mates[: rng.randrange(MAX_HAZARDS)])]


def scenario_questions(data: HazardData, seed: str) -> Iterator[GeneratedQuestion]:
    """情景题（单选）: the accident type of a one-type scene, or the control that addresses it."""
    name = "hazard.scenario"
    for anchor_id, hazards in _groups(data, seed, name):
        rng = seeded_rng(seed, name, anchor_id + "|ask")
        types = {h.accident_type for h in hazards}
        ids = [h.id for h in hazards]
        if len(types) == 1 and rng.random() < 0.5:
            question = _accident_type_scene(hazards, data, rng, name, seed)
            if question is not None:
                yield question
                continue
        scene = _scene(hazards)
        # Of each hazard's controls that answer its stated cause (none: a side measure as key would teach the wrong
        # fix), those that do not restate the scene, the one repeating least of it first (`quiet_keys`; blind read 6,
        # H3 H7 H15); the target is a hazard that has one. Among equals, what the people at the scene must or must not
        # do (起吊梁两侧严禁站人) targets it; how a part was designed (起吊梁按最大载荷设计) does not stop a swinging
        # load (blind read 3, H10).
        keys = {h.id: quiet_keys(cause_controls(h), scene) for h in hazards}
        askable = [h for h in hazards if keys[h.id]]
        if not askable:
            continue
        # Law first: a control a cited clause states is the key where the scene has one; else the mine's own measure,
        # whose source is its catalogue entry (`evidence.cite_stating`).
        target = rng.choice([h for h in askable if data.by_law(h, keys[h.id])] or askable)
        causal = data.by_law(target, keys[target.id]) or keys[target.id]
        least = [c for c in causal if echo(c, scene) == echo(causal[0], scene)]
        acts = [c for c in least if _ACT.search(c)]
        correct = rng.choice(acts or least)
        if len(hazards) > 1 and leaves_out_vehicle(target, correct):
            continue  # the key holds for the post's vehicle, which a scene of several hazards does not name
        # Wrong options speaking of what the key repeats from the scene first: else the key alone reads like the stem.
        wrong = control_distractors(hazards, data, rng, 3, frozenset(words(correct) & words(scene)))
        if len(wrong) < 3:
            continue
        options, answer = choice_options([correct], wrong, rng)
        stem = f"{scene}下列措施中，能有针对性地管控上述情景中危险源的是（ ）。"
        yield hazard_question(
            "hazard_scenario",
            stem,
            options,
            answer,
            f"“{correct}”针对的是“{target.hazard}”。",
            name,
            seed,
            {
                "hazards": ids,
                "ask": "control",
                "target": target.id,
                "correct": correct,
                "wrong": wrong,
                "exam_ready": all(h.exam_ready for h in hazards),
            },
            target.refs[0] if target.refs else None,
        )


def _accident_type_scene(
    hazards: list[hz.Hazard], data: HazardData, rng: random.Random, name: str, seed: str
) -> GeneratedQuestion | None:
    """The accident class of a one-type scene, asked of the situation alone (the consequence would be the
    answer) and only when no hazard's situation still names it (…人员触电 would give the key away): the
    GB 6441-2025 class when every hazard's is confirmed, else the coal-mine category (`coal_category_options`)."""
    first = hazards[0]
    scene = _scene(hazards, consequence=False)
    if any(confirmed_2025(h) is None for h in hazards):
        offered = coal_category_options(hazards, data, rng)
        if offered is None:
            return None
        # Each hazard as shown says what ties it to the key, or with its consequence, which must not name the key.
        if not all(grounded(situation(h.hazard) + h.activity, offered[0]) for h in hazards):
            scene = _scene(hazards)
            if not all(grounded(described(h, True) + h.activity, offered[0]) for h in hazards):
                return None
        if names_coal_key(scene, hazards, offered[0]):
            return None
        key, wrong = offered
        stem = f"{scene}按{STATISTICS}，上述情景可能导致的事故属于（ ）事故。"
        explanation = f"情景中的危险源均可能导致{key}事故。{explain_coal(first, key, data.on)}"
        standard = STATISTICS
    else:
        if first.accident_type in CATCH_ALL_TYPES:
            return None
        offered = accident_type_options_2025(hazards, data, rng)
        if offered is None or any(names_key_2025(scene, h, offered[0]) for h in hazards):
            return None
        key, wrong = offered
        stem = f"{scene}依据{STANDARD_2025}，上述情景可能导致的事故类别是（ ）。"
        explanation = f"情景中的危险源均可能导致{key}事故。{explain_2025(first, key)}"
        standard = "GB 6441-2025"
    options, answer = choice_options([key], wrong, rng)
    return hazard_question(
        "hazard_scenario",
        stem,
        options,
        answer,
        explanation,
        name,
        seed,
        {
            "hazards": [h.id for h in hazards],
            "ask": "accident_type",
            "standard": standard,
            "class_1986": first.accident_type_name,
            "exam_ready": all(h.exam_ready for h in hazards),
            **({REVIEW_NOTE: PENDING_2025} if standard == STATISTICS else {}),
        },
        first.refs[0] if first.refs else None,
    )


# A behaviour that opens with a subject of its own (人车还没停稳就跳车, 带式输送机不停机，…) cannot follow its post:
# 乘车人员人车还没停稳就跳车 is no sentence (blind read 5, H3). A thing then a state word in its first clause, or other
# workers as the ones who act.
_THINGS = "|".join(("人车", "矿车", "列车", "车辆", "输送带", "顶板", "支架", *kt.ALL_TERMS))
_OWN_SUBJECT = re.compile(f"^(?:{_THINGS})[^，；]{{0,6}}?(?:还没|没有|尚未|未|不|已|仍)|几名工人|其他工人")


def own_subject(behaviour: str) -> bool:
    """Whether the behaviour has a subject of its own (`_OWN_SUBJECT`), so that it cannot be put after its post."""
    return bool(_OWN_SUBJECT.search(behaviour))


def violation_questions(data: HazardData, seed: str) -> Iterator[GeneratedQuestion]:
    """三违归类（单选）: the one class of a reviewed behaviour example; the three classes are the options. A behaviour that
    does not name its post reads after it (在人车还没停稳时就跳车); one with a subject of its own (`own_subject`) is
    not asked until its wording is fixed in the data."""
    name = "hazard.violation"
    for violation in data.violations:
        rng = seeded_rng(seed, name, violation.id)
        wrong = [c for c in hr.VIOLATION_CLASSES if c != violation.cls]
        options, answer = choice_options([violation.cls], wrong, rng)
        # The behaviour usually names who acts; prefix the post only when it does not.
        post = violation.post or ""
        # 变电所值班员 + 值班员离开变电所…: any two-character tail of the post opening the text counts as naming it.
        named = post in violation.behaviour or any(
            violation.behaviour.startswith(post[i:]) for i in range(len(post) - 1)
        )
        who = "" if not post or named else post
        if who and own_subject(violation.behaviour):
            continue
        stem = f"{who}{violation.behaviour}。按“三违”分类，该行为属于（ ）。"
        yield hazard_question(
            "hazard_violation",
            stem,
            options,
            answer,
            f"该行为属于{violation.cls}。",
            name,
            seed,
            {"violation": violation.id, "exam_ready": False},
        )
