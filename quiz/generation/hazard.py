"""Hazard-identification questions (危险源辨识) from the hazard catalogue: type, site, LEC, controls.

Templates and distractor rules follow ../shared/HAZARDS.md §6: disputed entries are skipped,
catch-all options (其他伤害, 加强培训 …) are never offered, a distractor is never also right
(alternative accident types, controls that overlap the hazard's own), LEC questions avoid D
on a band edge and compute with Decimal. Every question records the catalogue ids it used.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from core import clock
from corpus import hazard_rules as hr
from corpus import hazards as hz
from corpus import jobs, successors
from corpus.risk import RiskModel, lec_level, lec_score, on_band_boundary
from quiz.bank.types import OPTION_KEYS, Option
from quiz.generation import terms as kt
from quiz.generation.records import CATEGORY_HAZARD, GeneratedQuestion
from quiz.generation.similarity import similarity
from quiz.generation.theory.questions import choice_options

CATCH_ALL_TYPES = (18, 20)  # 其他爆炸, 其他伤害
# Accident types that occur in coal mines; distractors outside this set would be giveaways (锅炉爆炸 …).
MINE_TYPES = (1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 17, 19)
# 地面/其他 holds person-level hazards (班前饮酒 …) that fit any post, so it is never a source
# of distractors, neither of hazards nor of controls.
PERSON_LEVEL_SITE = "地面/其他"
# Sites whose hazards cannot occur at the key site (their equipment or work is not there), the only
# source of distractors for "which are hazards at X"; 井下供电 and 通风/瓦斯 hazards occur nearly everywhere.
DISTINCT_SITES: dict[str, tuple[str, ...]] = {
    "综采工作面": ("提升", "辅助运输/斜巷"),
    "普采/炮采工作面": ("提升", "辅助运输/斜巷"),
    "掘进工作面": ("提升",),  # shares conveyors, hydraulics and roof work with 综采
    "井下爆破": ("提升", "综采工作面", "主运输"),
    "主运输": ("提升", "井下爆破"),
    "辅助运输/斜巷": ("综采工作面", "井下爆破"),
    "井下供电": ("提升", "综采工作面", "井下爆破", "辅助运输/斜巷"),
    "通风/瓦斯": ("提升", "辅助运输/斜巷", "主运输"),
    "提升": ("综采工作面", "掘进工作面", "井下爆破", "防治水"),
    "防治水": ("提升", "综采工作面", "主运输"),
    "防灭火": ("提升", "辅助运输/斜巷"),
}
# The sites nearest each site in the catalogue's own grouping (the faces; blasting where it is done; the two kinds of
# haulage and the shaft; ventilation and fire): where a site has too few controls to offer as wrong options, a worker
# there still knows these sites' measures (blind read 6: a blasting scene offered 采空区注氮 and 罐笼阻车器).
NEAR_SITES: dict[str, tuple[str, ...]] = {
    "综采工作面": ("普采/炮采工作面", "掘进工作面"),
    "普采/炮采工作面": ("综采工作面", "井下爆破"),
    "掘进工作面": ("井下爆破", "综采工作面"),
    "井下爆破": ("掘进工作面", "普采/炮采工作面"),
    "主运输": ("辅助运输/斜巷",),
    "辅助运输/斜巷": ("主运输", "提升"),
    "井下供电": ("通风/瓦斯",),  # 风电闭锁、甲烷电闭锁 join the two
    "通风/瓦斯": ("防灭火", "井下供电"),
    "提升": ("辅助运输/斜巷",),
    # 探放水 is done at the heading, so a 掘进 measure (临时支护护顶, 风筒, 敲帮问顶) may well be taken at a water scene: the
    # fire and water 灾害 measures a 防治水 worker learns beside his own are clearly wrong there (genfix, issue 16).
    "防治水": ("防灭火",),
    "防灭火": ("通风/瓦斯",),
}
# 应急 controls (撤人, 汇报) fit almost any hazard, so they never serve as distractors.
DISTRACTOR_CONTROL_KINDS = ("技术", "管理", "个体防护")
# Nor does a measure of another kind that fits any hazard of a site, now that wrong options come from the key's own
# site: withdrawing people on a warning, a special plan before the job, a whole system's routine inspection
# (提升系统每天专人检查 beside a 过卷 key; 发现预兆立即撤人 beside 探放水), or says only to keep records or find out why
# (试验记录存档备查, 查明原因并处理后重新评估).
_FITS_ANY = re.compile("撤人|撤出人员|撤离|制定安全措施|专项安全措施|编制专项|系统每天|定期巡查$|存档备查|查明原因")
SITE_NAMES = {
    "辅助运输/斜巷": "辅助运输斜巷",
    "普采/炮采工作面": "炮采（普采）工作面",
    "通风/瓦斯": "通风系统",
    "地面/其他": "地面",
    "提升": "提升系统",
    "主运输": "主运输系统",
    "防治水": "防治水工作",
    "防灭火": "防灭火工作",
}


@dataclass
class HazardData:
    """Everything the hazard generators read; `load()` takes it from corpus/hazard_data."""

    catalogue: hz.Catalogue
    majors: tuple[hr.MajorHazardItem, ...] = ()
    ordinaries: tuple[hr.OrdinaryHazard, ...] = ()
    thresholds: tuple[hr.ThresholdRule, ...] = ()
    violations: tuple[hr.Violation, ...] = ()
    missing: list[str] = field(default_factory=list)
    #: Given the articles (`pipeline.hazard_batch`): whether a clause one of a hazard's refs cites states a control
    #: (`evidence`); None: no articles were given.
    stated: Callable[[hz.Hazard, str], bool] | None = None
    #: The day the explanations speak of (which edition of GB 6441 is in force: `explain_coal`); None: the mine's today.
    today: date | None = None

    @property
    def on(self) -> date:
        return self.today or clock.today()

    def by_law(self, h: hz.Hazard, controls: list[str]) -> list[str]:
        """The controls of `h` a clause it cites states (all of them when no articles were given)."""
        return controls if self.stated is None else [c for c in controls if self.stated(h, c)]

    def law_first(self, h: hz.Hazard, controls: list[str]) -> list[str]:
        """`h`'s controls, those a cited clause states first (`by_law`), then those only the catalogue entry states
        (the mine's own measures, cited as the entry: `evidence.cite_stating`), each part in its order."""
        law = self.by_law(h, controls)
        return law + [c for c in controls if c not in law]

    @property
    def model(self) -> RiskModel:
        return self.catalogue.model

    @classmethod
    def load(cls) -> HazardData:
        """Load the catalogue and the tables; a table file that does not exist yet is skipped."""
        data = cls(hz.load_catalogue())
        for name, loader in (
            ("majors", hr.load_major_hazards),
            ("ordinaries", hr.load_ordinary_hazards),
            ("thresholds", hr.load_thresholds),
            ("violations", hr.load_violations),
        ):
            try:
                setattr(data, name, loader())
            except FileNotFoundError:
                data.missing.append(name)
        return data


def seeded_rng(seed: str, generator: str, key: str) -> random.Random:
    return random.Random(f"{seed}|{generator}|{key}")


def hazard_question(
    type_: str,
    stem: str,
    options,
    answer,
    explanation: str,
    generator: str,
    seed: str,
    inputs: dict,
    ref: hz.Ref | None = None,
) -> GeneratedQuestion:
    from corpus.documents import Citation

    citation = Citation(ref.doc, ref.article, ref.version) if ref else None
    return GeneratedQuestion(
        type=type_,
        stem=stem,
        options=options,
        answer=answer,
        explanation=explanation,
        citation=citation,
        generator=generator,
        inputs=inputs,
        seed=seed,
        category=(CATEGORY_HAZARD,),
    )


def keyed_entries(inputs: dict) -> list[str]:
    """The catalogue entries a hazard question's key rests on: a scene asking a control, its target (the other
    hazards of the scene are only its setting); a 场所危险源 item, the entries it offers as found there (its key);
    else the entry asked, or every entry of a scene asking the class."""
    if inputs.get("ask") == "control" and inputs.get("target"):
        return [inputs["target"]]
    if "hazard" in inputs:
        return [inputs["hazard"]]
    if "site" in inputs:
        return list(inputs.get("correct") or ())
    return list(inputs.get("hazards") or ())


def named_entries(inputs: dict) -> list[str]:
    """Every catalogue entry a hazard question names, as the review page shows its source: the entries its key rests
    on (`keyed_entries`) with the setting of a scene (its other hazards, in the scene's order) and the entries a
    场所危险源 item offers as not found there."""
    offered = inputs.get("wrong") or () if "site" in inputs else ()
    return list(dict.fromkeys([*(inputs.get("hazards") or ()), *keyed_entries(inputs), *offered]))


def question_jobs(q: GeneratedQuestion, data: HazardData) -> tuple[str, ...]:
    """A hazard question's 适用工种: the canonical 岗位 (`corpus.jobs`) of the entries its key rests on
    (`keyed_entries`), the post a 场所危险源 item names, a 三违 example's post; () (全部) for rules and tables that
    name none. A group (入井人员) is kept: `jobs.fits` counts it for every job it takes in."""
    inputs = q.inputs or {}
    if q.generator == "hazard.site" and inputs.get("post"):
        return (jobs.canonical(inputs["post"]),)
    ids = keyed_entries(inputs)
    if ids:
        by_id = {h.id: h for h in data.catalogue}
        return tuple(jobs.stored(by_id[i].post for i in ids if i in by_id))
    if "violation" in inputs:
        post = next((v.post for v in data.violations if v.id == inputs["violation"]), "")
        return tuple(jobs.stored([post or ""]))
    return ()


def bank_key(generator: str, inputs: dict | None) -> str | None:
    """What a hazard question asks of which source, so that a run does not ask it again while the bank holds it (blind
    audit hazgen2, finding 2: another 管控措施 item on HZ-ZC-006 every run, the distractors alone differing): the kind
    (generator and what a scene asks) and the entries its key rests on (`keyed_entries`), the 场所 and post of a 场所危险源
    item, the rule, item or example of the tables; None for what is no hazard question."""
    if not generator or not generator.startswith("hazard."):
        return None
    inputs = inputs or {}
    if generator == "hazard.site":
        source = f"{inputs.get('site', '')}|{jobs.canonical(inputs.get('post', ''))}"
    elif ids := keyed_entries(inputs):
        source = "+".join(sorted(ids))
    else:
        source = next((f"{k}:{inputs[k]}" for k in ("rule", "item", "ordinary", "violation") if k in inputs), "")
        if not source:
            return None
    return f"{generator}|{inputs.get('ask', '')}|{source}"


def place(site: str) -> str:
    """A catalogue site as a question names it (辅助运输/斜巷 → 辅助运输斜巷)."""
    return SITE_NAMES.get(site, site)


def where(h: hz.Hazard) -> str:
    """Where a hazard is met, as a bracket that reads well whatever the catalogue's wording."""
    return f"（场所：{place(h.site)}；岗位：{jobs.canonical(h.post)}；作业：{h.activity}）"


# ---------------------------------------------------------------- accident-type give-aways

#: Words that name each GB 6441-1986 class or the event itself; a stem asking the type must contain
#: none of its key's (the situation words 瓦斯, 顶板, 漏电 are not the accident and stay allowed).
KEY_ALIASES: dict[int, tuple[str, ...]] = {
    1: ("物体打击", "砸伤", "砸中", "击伤"),
    2: ("车辆伤害", "撞伤", "撞人", "相撞", "追尾", "跑车", "翻车"),
    3: ("机械伤害", "绞伤", "卷入", "卷伤", "挤伤"),
    4: ("起重伤害", "吊物坠落", "重物坠落"),
    5: ("触电", "电击"),
    6: ("淹溺", "溺水", "淹没人员"),
    7: ("灼烫", "烫伤", "烧伤", "灼伤"),
    8: ("火灾", "着火", "起火", "失火"),
    9: ("高处坠落", "坠落", "坠井", "坠入"),
    10: ("坍塌", "垮塌", "溃仓", "倒塌"),
    11: ("冒顶片帮", "冒顶", "片帮", "冒落", "垮落", "顶板事故"),
    12: ("透水", "突水", "溃水"),
    13: ("放炮", "崩伤", "崩人", "误起爆", "意外起爆", "早爆"),
    14: ("火药爆炸", "炸药爆炸", "爆炸"),
    15: ("瓦斯爆炸", "煤尘爆炸", "引爆瓦斯", "引燃瓦斯", "瓦斯燃烧", "爆炸"),
    16: ("锅炉爆炸", "爆炸"),
    17: ("容器爆炸", "爆炸"),
    18: ("其他爆炸", "爆炸"),
    19: ("中毒和窒息", "中毒", "窒息", "熏倒"),
    20: ("其他伤害",),
}
#: Accident classes a worker cannot keep apart as options of one question, across GB 6441-1986,
#: GB 6441-2025 and the coal industry's categories: the same class under another name (冒顶片帮 and
#: 顶板事故), and the 1986 boundaries HAZARDS.md calls easy to mix up (roof fall, collapse or struck
#: by rock; inrush or drowning; blasting or explosives). At most one of a group is offered.
OVERLAPPING_CLASSES: tuple[frozenset[str], ...] = (
    frozenset({"冒顶片帮", "顶板", "顶板事故", "坍塌"}),
    frozenset({"冒顶片帮", "物体打击"}),
    frozenset({"透水", "水害", "水害事故", "淹溺"}),
    frozenset({"放炮", "放炮事故", "火药爆炸", "民用爆炸物品爆炸"}),
    frozenset({"瓦斯爆炸", "瓦斯", "瓦斯事故", "可燃气体爆炸", "粉尘爆炸", "其他爆炸"}),
    frozenset({"车辆伤害", "运输", "运输事故", "厂（场）内车辆致害", "道路（轨道）车辆致害"}),
    frozenset({"机械伤害", "机械致害", "机电", "机电事故"}),
    frozenset({"起重伤害", "起重致害"}),
    frozenset({"中毒和窒息", "中毒", "窒息"}),
    frozenset({"火灾", "火灾事故"}),
    # An underground fire can set off firedamp and an explosion starts fires: a stem saying 最可能导致 does
    # not settle which, so neither is offered beside the other (a lithium-battery fire in a gassy mine).
    frozenset({"火灾", "瓦斯爆炸", "可燃气体爆炸"}),
)
# What a consequence clause says: the injury or the event (伤, 触电, 冒顶 …) or a causal link.
_CONSEQUENCE = re.compile(
    "伤|触电|电击|冒顶|片帮|冒落|垮落|垮塌|坍塌|爆炸|引燃|引爆|着火|起火|火灾|燃烧|中毒|窒息|突水|透水|溃水|淹"
    "|坠|撞|卷入|挤|砸|掩埋|埋压|埋人|追尾|跑车|翻车|失控|倒塌|倾倒|爆裂|射伤|下沉|离层|喷油|熏倒|蔓延"
    "|误起爆|意外起爆|早爆"  # …，非爆破员误起爆: the blast itself (blind read 7, H14)
    "|误穿|揭露积水|涌水"  # 探放水钻孔超前距不足，误穿积水: reaching the water is the 透水 itself (blind read 3, H6)
)
_CAUSE = re.compile("导致|造成|引起|引发|酿成|致使|诱发|从而|以致")
_CLAUSE = re.compile("[，；,;]")


# The injury at the end of a consequence (…煤块滚落伤人, …拖拽挤伤, …滚筒旋转伤及附近人员) and what is left
# when it goes, kept only if it still says how a person is put at risk (a body or machine in motion).
_INJURY = re.compile("(?:砸|撞|挤|崩|绞|击|刮|射|顶|倒)?伤(?:人员|人|及[^，；]*)?$")
_MOTION = re.compile(
    "(?:滚落|掉落|下落|坠落|倒转|转动|旋转|拖拽|摆动|滑落|下滑|溜车|飞出|误启动|误开车|启动|摩擦|升温|发热)$"
)
# The fire at the end of a consequence (…输送带打滑摩擦起火, …摩擦升温引燃浮煤), cut like an injury.
_FIRE = re.compile("(?:起火|着火|燃烧|引燃[^，；]*)$")


def _mechanism(clause: str) -> str | None:
    """A consequence clause without its injury or fire when what remains is a motion or heating:
    煤块滚落伤人 → 煤块滚落, 输送带打滑摩擦起火 → 输送带打滑摩擦 (without it, 保护失效 alone could as well
    end in a machine accident as in a fire)."""
    cut = _INJURY.sub("", clause)
    if cut == clause:
        cut = _FIRE.sub("", clause)
    return cut if cut != clause and _MOTION.search(cut) and not _CAUSE.search(cut) else None


def situation(text: str) -> str:
    """The hazard text without its consequence: trailing clauses naming an injury or an event are
    dropped, or the last clause is cut at a causal word (…人员触电, …导致冒顶, …造成中毒); a last
    clause that says how a person is hurt keeps its motion without the injury (煤块滚落伤人 → 煤块滚落).

    The first clause always stays (it is the state or behaviour); what is left may still name the
    accident, which `names_key` catches.
    """
    clauses = [c for c in _CLAUSE.split(text) if c]
    while clauses:
        cause = _CAUSE.search(clauses[-1])
        before = clauses[-1][: cause.start()].rstrip("可会将易能而并就") if cause else ""
        # 支架初撑力不足导致顶板下沉: the state before the cause stays; 遇火源可引起… (a mere condition) and
        # a bare word (…，爆破诱发的动力显现伤人) go.
        if len(before) >= 3 and not before.startswith("遇"):
            clauses[-1] = before
            break
        if len(clauses) == 1 or not (cause or _CONSEQUENCE.search(clauses[-1])):
            break
        # 停机后输送带倒转，煤块滚落伤人: the stem must still say how anyone is at risk (煤块滚落).
        mechanism = None if cause else _mechanism(clauses[-1])
        if mechanism:
            clauses[-1] = mechanism
            break
        clauses.pop()
    return "，".join(clauses)


def names_key(stem: str, code: int) -> bool:
    """Whether a stem asking the accident type states the key class or a word for it."""
    return any(word in stem for word in (hz.GB6441_1986[code], *KEY_ALIASES.get(code, ())))


def states_class(text: str, code: int) -> bool:
    """Whether a text speaks of this very class (its name or a word only it has: 火灾, 着火 …);
    the word 爆炸 shared by every explosion class does not count."""
    return any(word in text for word in (hz.GB6441_1986[code], *KEY_ALIASES.get(code, ())) if word != "爆炸")


def overlaps(a: str, b: str) -> bool:
    """Two accident classes that cannot both be options (冒顶片帮 beside 顶板事故 or 坍塌 …)."""
    return a == b or any(a in group and b in group for group in OVERLAPPING_CLASSES)


STANDARD_2025 = "GB 6441-2025《生产安全事故分类与编码》"
#: The GB 6441-2025 class each 1986 class falls into, by name (`corpus.hazards.CLASS_2025`).
CLASS_2025 = hz.CLASS_2025
#: As a distractor, a split class is offered under one of its new names (it is wrong either way).
DISTRACTOR_2025: dict[int, str] = {**CLASS_2025, 2: "厂（场）内车辆致害", 19: "中毒"}


def class_2025(h: hz.Hazard) -> str | None:
    """The entry's class under GB 6441-2025: the catalogue's own `accident_type_2025` when a trainer set
    it, else the class its 1986 class falls into; a split class by what the entry says (煤尘 alone →
    粉尘爆炸; 中毒 or 窒息 alone); None where the entry leaves it open (车辆伤害, both 瓦斯 and 煤尘 …)."""
    if h.accident_type_2025:
        return h.accident_type_2025
    text = h.hazard
    if h.accident_type == 15:
        gas, dust = "瓦斯" in text, "煤尘" in text
        return "粉尘爆炸" if dust and not gas else "可燃气体爆炸" if gas and not dust else None
    if h.accident_type == 19:
        poison, choke = "中毒" in text, "窒息" in text
        return "中毒" if poison and not choke else "窒息" if choke and not poison else None
    return CLASS_2025.get(h.accident_type)


def confirmed_2025(h: hz.Hazard) -> str | None:
    """The entry's GB 6441-2025 class when a trainer set it (`accident_type_2025`, fixed against the standard's
    text), else None. A 1986 name the 2025 list also has (触电, 火灾 …) is no confirmation of this entry's class
    (blind read 4, H6: 漏电发热 keyed 触电 with `accident_type_2025: null`), and a mapping by name (冒顶片帮 → 坍塌,
    透水 → 水害) is not either: HAZARDS.md §1 says not to ask 2025 classes until they are checked, so such an
    entry is asked its coal-mine category instead (`coal_category_options`)."""
    return h.accident_type_2025 or None


def names_key_2025(stem: str, h: hz.Hazard, key: str) -> bool:
    """Whether a stem asking the 2025 class states it: the new name, or a word for the 1986 class or
    for any 1986 class that falls into the same new one (垮塌 and 冒顶 both name 坍塌)."""
    codes = {h.accident_type} | {c for c, name in CLASS_2025.items() if name == key}
    return key in stem or any(names_key(stem, c) for c in codes)


#: Words after which a class is arguable though the entry does not name it: 中毒 beside 封闭火区时未检测
#: …一氧化碳, 水害 beside …老空积水, 火灾 beside …泵站附近有明火.
HINTS: dict[int, tuple[str, ...]] = {
    19: ("一氧化碳", "有害气体", "烟气", "炮烟", "缺氧"),
    12: ("积水", "涌水", "透水征兆"),
    8: ("明火", "火区", "自燃"),
}


def _hints(h: hz.Hazard, code: int) -> bool:
    return any(word in h.hazard + h.activity for word in HINTS.get(code, ()))


def accident_type_options_2025(
    hazards: list[hz.Hazard], data: HazardData, rng: random.Random
) -> tuple[str, list[str]] | None:
    """The confirmed 2025 key of hazards sharing one class (`confirmed_2025`) and three 2025 classes that
    are certainly wrong: the 1986 distractors (`accident_type_distractors`: of the key's kind first, no
    alternative, no overlap) under their new names, none equal to the key or to another; None when the
    class is not confirmed or fewer than three remain."""
    first = hazards[0]
    key = confirmed_2025(first)
    if key is None or any(confirmed_2025(h) != key or class_2025(h) != key or h.disputed for h in hazards):
        return None
    banned = {c for h in hazards for c in (h.accident_type, *h.accident_type_alt)}
    wrong: list[str] = []
    for code in accident_type_distractors(first, data, rng, 8):
        name = DISTRACTOR_2025.get(code)
        if code in banned or name is None or name == key or name in wrong:
            continue
        # Nor one a class the entry speaks of falls into: 民用爆炸物品爆炸 (火药爆炸) beside …照常放炮.
        kin = [c for c, n in DISTRACTOR_2025.items() if n == name]
        if any(c in banned or states_class(h.hazard + h.activity, c) or _hints(h, c) for c in kin for h in hazards):
            continue
        if len(wrong) == 3:
            continue
        wrong.append(name)
    return (key, wrong) if len(wrong) == 3 else None


def explain_2025(h: hz.Hazard, key: str) -> str:
    """The answer under GB 6441-2025, with the 1986 class named where it differs."""
    old = h.accident_type_name
    if key == old:
        told = f"与GB 6441-1986的类别同名（代码{h.accident_type:02d}）"
    else:
        told = f"GB 6441-1986称“{old}”（代码{h.accident_type:02d}），新标准不再单列该类"
        if h.accident_type in (3, 4):
            told = f"GB 6441-1986称“{old}”（代码{h.accident_type:02d}）"
    return (
        f"{STANDARD_2025}自2026年7月1日起实施，代替GB 6441-1986。危险源“{h.hazard}”按新标准属于“{key}”，"
        f"{told}；按煤矿行业统计属于{h.coal_category}事故。"
    )


# ---------------------------------------------------------------- coal-mine accident categories

STATISTICS = "煤矿事故统计分类"
STATISTICS_ASK = f"按{STATISTICS}，这种情况最可能导致的事故属于（ ）事故。"
#: What each coal category counts (HAZARDS.md §1), said in the explanation of an item keyed to it.
COAL_SCOPE: dict[str, str] = {
    "顶板": "冒顶、片帮、顶板掉矸、支护垮倒、冲击地压和底板事故都算顶板事故",
    "瓦斯": "瓦斯（煤尘）爆炸或燃烧、煤（岩）与瓦斯突出、瓦斯中毒窒息都算瓦斯事故，煤层自燃未见明火、只逸出有害气体致人中毒的也算",
    "机电": "机电设备伤人、触电等事故算机电事故，运输设备在安装、检修、调试中发生的事故也算",
    "运输": "运输设备在运行中发生的事故算运输事故，在安装、检修、调试中发生的算机电事故",
    "放炮": "放炮崩人、触响瞎炮算放炮事故，放炮引起的瓦斯爆炸算瓦斯事故",
    "火灾": "井下或井口发生的火灾算火灾事故，煤层自燃未见明火、只逸出有害气体致人中毒的算瓦斯事故",
    "水害": "透水（含透黄泥、流沙）算水害事故",
}
#: Words after which a coal category is arguable though none of the entry's classes leads to it: 放炮 beside
#: …装药 (blasting), 水害 beside …老空, 火灾 beside …明火, 瓦斯 beside …有害气体, 顶板 beside …支架, 机电
#: beside …设备失爆 (a gas explosion set off by equipment under repair).
COAL_HINTS: dict[str, tuple[str, ...]] = {
    "放炮": ("爆破", "放炮", "装药", "炮"),
    "水害": ("积水", "涌水", "透水", "突水", "出水", "水患", "老空", "淹"),
    "火灾": ("明火", "火区", "自燃", "发火", "着火", "起火", "火"),
    "瓦斯": ("瓦斯", "煤尘", "有害气体", "一氧化碳", "缺氧", "突出", "窒息"),
    "顶板": ("顶板", "冒顶", "片帮", "支架", "支柱", "支护", "煤壁", "敲帮问顶"),
    # Equipment at fault, as cause or setting: 机电 (and so 运输) is arguable beside …设备失爆, …胶轮车.
    "机电": ("电气", "失爆", "防爆", "电缆", "检修", "电源", "电钻", "开关"),
    "运输": ("输送机", "输送带", "矿车", "绞车", "胶轮车", "提升", "机车", "车辆"),
}


def _coal_closure(categories: set[str]) -> set[str]:
    """The categories with every one a description cannot keep apart from them (`hz.COAL_OVERLAPS`)."""
    return categories.union(*(group for group in hz.COAL_OVERLAPS if group & categories))


def coal_key(hazards: list[hz.Hazard]) -> str | None:
    """The one coal category of undisputed hazards whose GB 6441-2025 class is not confirmed (`confirmed_2025`),
    when it is a category their 1986 class or an alternative may be counted in (`hz.COAL_OF_1986`; a 矿井单回路
    供电 entry filed under 机电 though it ends in a gas explosion or flooding is not asked), never 其他; else None."""
    keys = {h.coal_category for h in hazards}
    if len(keys) != 1 or any(h.disputed for h in hazards) or all(confirmed_2025(h) for h in hazards):
        return None
    key = keys.pop()
    fits = all(
        h.accident_type in CATCH_ALL_TYPES
        or any(key in hz.COAL_OF_1986[c] for c in (h.accident_type, *h.accident_type_alt))
        for h in hazards
    )
    return key if key != "其他" and fits else None


def coal_arguable(hazards: list[hz.Hazard]) -> set[str]:
    """Coal categories the hazards' situation could also lead to, none of which is a fair wrong option: those
    of their 1986 class and its alternatives, those their text hints at (`COAL_HINTS`), their own, and every
    category a description cannot keep apart from one of these (机电 and 运输; 瓦斯 and 火灾)."""
    found = {h.coal_category for h in hazards}
    for h in hazards:
        found.update(*(hz.COAL_OF_1986[c] for c in (h.accident_type, *h.accident_type_alt)))
        text = h.hazard + h.activity
        found.update(c for c, words in COAL_HINTS.items() if any(w in text for w in words))
    return _coal_closure(found)


def coal_category_options(
    hazards: list[hz.Hazard], data: HazardData, rng: random.Random
) -> tuple[str, list[str]] | None:
    """The coal category of hazards whose 2025 class is pending (`coal_key`) and three categories that are
    certainly wrong and met where the hazards are (`met_here`: 顶板 or 瓦斯 beside a cutter boom at a 掘进
    face, not 放炮 or 水害 beside a locomotive, blind read 4 H4, H12): not 其他, not arguable (`coal_arguable`),
    no two a description cannot keep apart; None when there is no key or fewer than three remain."""
    key = coal_key(hazards)
    if key is None:
        return None
    banned = coal_arguable(hazards)
    here = met_here(hazards, data, lambda o: o.coal_category)
    free = [c for c in hz.COAL_CATEGORIES if c != "其他" and c not in banned and c in here]
    rng.shuffle(free)
    wrong: list[str] = []
    for c in free:
        if len(wrong) < 3 and not _coal_closure({c}) & set(wrong):
            wrong.append(c)
    return (key, wrong) if len(wrong) == 3 else None


#: A coal category's own words beyond its name: a stem with them, anywhere (the situation, the site, the post, the
#: work), names the category (blind read 7, H14: …非爆破员误起爆 beside 放炮).
COAL_OWN_WORDS: dict[str, tuple[str, ...]] = {
    "放炮": ("爆破", "起爆", "放炮", "炮"),
    "顶板": ("顶板", "冒顶", "片帮"),
    "水害": ("透水", "突水", "溃水"),
    "火灾": ("火灾", "着火", "起火"),
}


def names_coal_key(stem: str, hazards: list[hz.Hazard], key: str) -> bool:
    """Whether a stem asking the coal category states it: the category's name or own words (`COAL_OWN_WORDS`), a
    word for a hazard's 1986 class, or one for a 1986 class counted in that category alone (冒顶 names 顶板, 突水
    names 水害)."""
    codes = {h.accident_type for h in hazards} | {c for c, cats in hz.COAL_OF_1986.items() if cats == (key,)}
    own = (key, *COAL_OWN_WORDS.get(key, ()))
    return any(word in stem for word in own) or any(names_key(stem, c) for c in codes)


#: Words that tie a situation to a coal category: a stem asking the category must say one of its key's, else the key
#: rests on a consequence the stem does not state (trainer audit 3, finding 8: 工作面风量不足 keyed 瓦斯, the 瓦斯积聚
#: said in the explanation only). Stricter than `COAL_HINTS`: lack of air alone may as well end in suffocation.
KEY_GROUNDS: dict[str, tuple[str, ...]] = {
    "顶板": ("顶板", "冒顶", "片帮", "煤壁", "支护", "支架", "支柱", "锚杆", "锚索", "空顶", "控顶", "放顶", "架棚", "冲击"),
    "瓦斯": ("瓦斯", "甲烷", "煤尘", "有害气体", "一氧化碳", "突出"),
    "机电": ("电", "开关", "截割", "滚筒", "启动", "开机", "误转", "转动", "设备", "液力偶合器"),
    "运输": ("车", "输送", "绞车", "提升", "罐笼", "轨道", "钢丝绳"),
    "放炮": ("炮", "爆破", "雷管", "炸药", "起爆"),
    "火灾": ("火", "自燃", "燃"),
    "水害": ("水",),
}


def grounded(text: str, key: str) -> bool:
    """Whether a situation as shown says what ties it to the coal category `key` (`KEY_GROUNDS`)."""
    return any(word in text for word in KEY_GROUNDS.get(key, ()))


#: GB 6441-1986 as the successor register (corpus/data/successors.yaml) names it.
STANDARD_1986 = "企业职工伤亡事故分类"


def explain_1986(h: hz.Hazard, on: date) -> str:
    """The entry's GB 6441 class as a worker reads it on `on`: before GB 6441-2025 takes effect (the successor
    register, `successors.in_force`), the 1986 class and code; from then on, a class the 2025 list keeps under its
    name (触电, 火灾 …, HAZARDS.md §1) under GB 6441-2025, any other as the 1986 class with the new edition said to
    have dropped it, so that no worker learns a superseded code as current (blind audit hazgen2, finding 3)."""
    old = f"按GB 6441-1986属于“{h.accident_type_name}”（代码{h.accident_type:02d}）。"
    successor = successors.in_force(STANDARD_1986, on)
    if successor is None:
        return old
    since = successor.effective
    when = f"{since.year}年{since.month}月{since.day}日起实施" if since else "已实施"
    if h.accident_type_name in hz.GB6441_2025:
        return f"按{STANDARD_2025}（{when}，代替GB 6441-1986）属于“{h.accident_type_name}”。"
    return f"{old[:-1]}；该标准已由{STANDARD_2025}代替（{when}），新标准的类别有调整，不再设“{h.accident_type_name}”类。"


def explain_coal(h: hz.Hazard, key: str, on: date) -> str:
    """The coal category with what it counts and the GB 6441 class as of `on` (`explain_1986`): what a worker learns
    from (the pending 2025 class is the reviewer's, `PENDING_2025`)."""
    return (
        f"按{STATISTICS}（顶板、瓦斯、机电、运输、放炮、火灾、水害、其他8类），危险源“{h.hazard}”属于{key}事故："
        f"{COAL_SCOPE[key]}。{explain_1986(h, on)}"
    )


#: Where a generated question keeps what only its reviewer reads (the review page shows it beside the source;
#: workers see the explanation only): a note on what a trainer must still settle (trainer audit 3, finding 4).
REVIEW_NOTE = "review_note"
PENDING_2025 = f"{STANDARD_2025}自2026年7月1日起代替GB 6441-1986，该危险源按新标准属于哪一类尚待培训员对照标准原文核定。"


#: Classes of the same kind as each key that a worker could reach for but that the catalogue does not
#: allow (a fire or another explosion beside 瓦斯爆炸, a vehicle or a crane beside 机械伤害): offered
#: first, so that the key is not the only option of its kind (HAZARDS.md §6: 优先选…以免选项一眼可排除).
NEAR_TYPES: dict[int, tuple[int, ...]] = {
    1: (3, 4, 9),  # 物体打击: 机械伤害, 起重伤害, 高处坠落
    2: (3, 4, 1),  # 车辆伤害: 机械伤害, 起重伤害, 物体打击
    3: (2, 4, 1),  # 机械伤害: 车辆伤害, 起重伤害, 物体打击
    4: (1, 3),  # 起重伤害: 物体打击, 机械伤害
    9: (1, 3),  # 高处坠落: 物体打击, 机械伤害
    11: (3, 9),  # 冒顶片帮: 机械伤害, 高处坠落
    12: (11, 10),  # 透水: 冒顶片帮, 坍塌 (at most one of them)
    13: (15,),  # 放炮: 瓦斯爆炸
    14: (15, 17),  # 火药爆炸: 瓦斯爆炸, 容器爆炸
    15: (14, 17),  # 瓦斯爆炸: 火药爆炸, 容器爆炸
    17: (16, 14),  # 容器爆炸: 锅炉爆炸, 火药爆炸
    19: (8,),  # 中毒和窒息: 火灾 (not when the entry speaks of a fire)
}
# Left out on purpose: a fire beside burns (灼烫), electrocution beside burns, a fire beside an
# explosion — an instructor could argue either way, and a distractor must be plainly wrong.


#: A class the catalogue has at this share of its underground sites or more happens anywhere underground (物体打击,
#: 机械伤害, 瓦斯爆炸; 瓦斯, 机电, 运输). Three sites was too loose (blind read 4, H4, H12): 火灾 and 触电 are bound to
#: the work of a few sites, and a wrong class met neither at the site nor at the post is ruled out at a glance.
WIDESPREAD_SHARE = 0.5


def _classes_by_site(data: HazardData, of: Callable[[hz.Hazard], object]) -> dict[object, set[str]]:
    """Each class (`of`: an entry's 1986 code or coal category) → the underground sites of the catalogue's entries
    in it; a disputed entry's situation happens there too, a generic one (班前饮酒) anywhere and so says nothing."""
    sites: dict[object, set[str]] = {}
    for h in data.catalogue:
        if not h.generic:
            sites.setdefault(of(h), set()).update(set(h.sites) - {PERSON_LEVEL_SITE})
    return sites


def met_here(hazards: list[hz.Hazard], data: HazardData, of: Callable[[hz.Hazard], object]) -> set:
    """Classes (`of`: an entry's 1986 code or coal category) a worker meets where `hazards` are (HAZARDS.md §6.1):
    those of the other entries, not generic, at one of their underground sites or of their post, and
    those the catalogue has at `WIDESPREAD_SHARE` of its underground sites or more (anywhere underground)."""
    sites = {s for h in hazards for s in h.sites} - {PERSON_LEVEL_SITE}
    posts = {h.post for h in hazards}
    here = {
        of(o) for o in data.catalogue
        if not o.generic and (sites & set(o.sites) or o.post in posts)
    }
    by_site = _classes_by_site(data, of)
    underground = set().union(*by_site.values()) if by_site else set()
    return here | {c for c, where in by_site.items() if len(where) >= WIDESPREAD_SHARE * len(underground)}


def accident_type_distractors(h: hz.Hazard, data: HazardData, rng: random.Random, count: int = 3) -> list[int]:
    """Codes that are certainly not this hazard's type: not its type, not an alternative, no catch-all,
    and no two that overlap each other or the key (冒顶片帮 beside 坍塌).

    Only classes met where the hazard is (`met_here`: at its site or post, or anywhere underground), never one
    bound to other sites' work (淹溺 or 民用爆炸物品爆炸 beside a fire in an electrical room, blind read 3 H18; 水害
    beside a locomotive, blind read 4 H4); of those, up to two of the key's kind come first (`NEAR_TYPES`, never
    one the entry's own text names), so no option can be ruled out at a glance. Fewer than `count` may come back.
    """
    banned = {h.accident_type, *h.accident_type_alt, *CATCH_ALL_TYPES}
    here = {c for c in met_here([h], data, lambda o: o.accident_type) if c in MINE_TYPES} - banned
    near = [c for c in NEAR_TYPES.get(h.accident_type, ()) if c in here and not states_class(h.hazard + h.activity, c)]
    rng.shuffle(near)
    near = near[: max(0, min(2, count - 1))]
    rest = sorted(here - set(near))
    rng.shuffle(rest)
    chosen: list[int] = []
    for code in near + rest:
        name = hz.GB6441_1986[code]
        if len(chosen) < count and not any(overlaps(name, hz.GB6441_1986[c]) for c in (h.accident_type, *chosen)):
            chosen.append(code)
    return chosen


def accident_type(data: HazardData, seed: str) -> Iterator[GeneratedQuestion]:
    """事故类型（单选）: the class of one hazard under GB 6441-2025, in force since 2026-07-01, where that class
    is confirmed (`confirmed_2025`; the 1986 class is named in the explanation where it differs); else, until
    a trainer confirms it, its coal-mine accident category (`coal_category_options`)."""
    name = "hazard.accident_type"
    for h in data.catalogue:
        if h.disputed:
            continue
        rng = seeded_rng(seed, name, h.id)
        question = _coal_accident_type(h, data, rng, name, seed) if confirmed_2025(h) is None else _accident_type_2025(h, data, rng, name, seed)
        if question is not None:
            yield question


def _accident_type_2025(h: hz.Hazard, data: HazardData, rng: random.Random, name: str, seed: str) -> GeneratedQuestion | None:
    """The confirmed GB 6441-2025 class of a hazard, asked of its situation; None when it cannot be asked
    fairly or the situation still names the class."""
    if h.accident_type in CATCH_ALL_TYPES:
        return None
    offered = accident_type_options_2025([h], data, rng)
    if offered is None:
        return None
    key, wrong = offered
    # The stem describes the situation only; an entry whose situation still names the type is not asked.
    stem = f"作业现场{where(h)}：{situation(h.hazard)}。依据{STANDARD_2025}，这种情况最可能导致的事故类别是（ ）。"
    if names_key_2025(stem, h, key):
        return None
    return _accident_type_question(h, stem, key, wrong, explain_2025(h, key), "GB 6441-2025", rng, name, seed)


def _coal_accident_type(h: hz.Hazard, data: HazardData, rng: random.Random, name: str, seed: str) -> GeneratedQuestion | None:
    """The coal category of a hazard whose 2025 class is pending, asked of its situation; None when it
    cannot be asked fairly or the situation still names the category."""
    offered = coal_category_options([h], data, rng)
    if offered is None:
        return None
    key, wrong = offered
    # A site named for the key (主运输系统, 辅助运输斜巷 beside 运输) is left out; the post and the work stay.
    bracket = where(h) if key not in place(h.site) else f"（岗位：{jobs.canonical(h.post)}；作业：{h.activity}）"
    # The situation, or the whole hazard where only its consequence ties it to the key; which must not name it.
    shown = situation(h.hazard)
    if not grounded(shown + h.activity, key):
        shown = h.hazard
    stem = f"作业现场{bracket}：{shown}。{STATISTICS_ASK}"
    if names_coal_key(stem, [h], key) or not grounded(shown + h.activity, key):
        return None
    return _accident_type_question(h, stem, key, wrong, explain_coal(h, key, data.on), STATISTICS, rng, name, seed)


def _accident_type_question(
    h: hz.Hazard, stem: str, key: str, wrong: list[str], explanation: str, standard: str, rng: random.Random, name: str, seed: str
) -> GeneratedQuestion:
    options, answer = choice_options([key], wrong, rng)
    return hazard_question(
        "hazard_accident_type",
        stem,
        options,
        answer,
        explanation,
        name,
        seed,
        # A coal category is the mine's own statistics field of the entry: a reviewed entry has had it checked.
        {"hazard": h.id, "standard": standard, "class_1986": h.accident_type_name, "exam_ready": h.exam_ready,
         **({REVIEW_NOTE: PENDING_2025} if standard == STATISTICS else {})},
        h.refs[0] if h.refs else None,
    )


# Who a post is, after what it works on or does (无轨胶轮车|司机, 瓦斯检查|工, 支架|工).
_PERSON = re.compile(r"(?:司机|操作工|检查工|维修工|工|员)$")


def post_thing(post: str) -> str:
    """The machine or work a post is named for (无轨胶轮车 of 无轨胶轮车司机, 瓦斯 of 瓦斯检查工), or "" when shorter than two
    characters."""
    thing = _PERSON.sub("", post)
    return thing if len(thing) >= 2 and thing != post else ""


def site_hazards(data: HazardData, seed: str) -> Iterator[GeneratedQuestion]:
    """场所危险源（多选）: 2–3 hazards of site X and 2 of other sites unlike any hazard of X. A hazard met on the way
    (`travel`: 乘坐架空乘人装置, 乘坐带式输送机上下班) is every underground worker's, so it is neither a hazard of the
    post asked nor of another job (blind read 6, H5, H14). Not every key names the machine or work the post is named
    for unless a wrong option does too (`post_thing`)."""
    name = "hazard.site"
    for site in data.catalogue.sites():
        own = [h for h in data.catalogue.by_site(site) if not h.generic and not h.travel]
        everything_here = data.catalogue.by_site(site)
        foreign = DISTINCT_SITES.get(site, ())
        others = [
            h
            for h in data.catalogue
            if site not in h.sites
            and not h.generic
            and not h.travel
            and set(h.sites) <= set(foreign)
            and all(similarity(h.hazard, x.hazard) < 0.25 for x in everything_here)
        ]
        rng = seeded_rng(seed, name, site)
        rng.shuffle(others)
        posts: dict[str, list[hz.Hazard]] = {}
        for h in own:
            posts.setdefault(jobs.canonical(h.post), []).append(h)
        # One question per post under its canonical name (带式输送机司机 and 运输机司机 are one 输送机司机, as the
        # workers' accounts name him): the stem names site and post, so no two stems are alike.
        for _number, (post, hazards) in enumerate(sorted(posts.items())):
            group = rng.sample(hazards, min(len(hazards), rng.choice((2, 3))))
            if len(group) < 2 or len(others) < 2:
                continue
            wrong = rng.sample(others, 2)
            if len(group) < 2 or len(wrong) < 2:
                continue
            thing = post_thing(post)
            if thing and all(thing in h.hazard for h in group) and not any(thing in h.hazard for h in wrong):
                # Every key names the post's machine or work and no wrong option does (无轨胶轮车司机 beside keys on the
                # 无轨胶轮车, blind read 14, H10): a key that does not, or a wrong option that does, or no question.
                quiet = [h for h in hazards if thing not in h.hazard]
                named = [h for h in others if thing in h.hazard and h not in wrong]
                if quiet:
                    group[rng.randrange(len(group))] = rng.choice(quiet)
                elif named:
                    wrong[rng.randrange(len(wrong))] = rng.choice(named)
                else:
                    continue
            options, answer = choice_options([h.hazard for h in group], [h.hazard for h in wrong], rng)
            stem = f"下列各项中，属于{place(site)}{post}岗位常见危险源的有（ ）。"
            explanation = "；".join(f"“{h.hazard}”见于{'、'.join(h.sites)}" for h in group + wrong) + "。"
            yield hazard_question(
                "hazard_site",
                stem,
                options,
                answer,
                explanation,
                name,
                seed,
                {
                    "site": site,
                    "post": post,
                    "correct": [h.id for h in group],
                    "wrong": [h.id for h in wrong],
                    "exam_ready": all(h.exam_ready for h in group + wrong),
                },
            )


def _label(table, value) -> str:
    return next(o.label for o in table if o.value == value)


def band_text(band) -> str:
    """How a danger band reads as an option: 高度危险，要立即整改."""
    return f"{band.name}，{band.action}"


def band_range(band) -> str:
    """A danger band as the range of D it holds, its lower bound in it (160≤D<320, D≥320, D<20)."""
    if band.upper is None:
        return f"D≥{band.lower.normalize():f}"
    if band.lower <= 0:
        return f"D<{band.upper.normalize():f}"
    return f"{band.lower.normalize():f}≤D<{band.upper.normalize():f}"


def band_scale(model: RiskModel) -> str:
    """The mine's danger bands, as a stem gives them (trainer audit 3, finding 9: a worker needs the mine's
    configuration, whose edges belong to the higher band, to answer): D<20稍有危险；20≤D<70一般危险；…"""
    return "；".join(f"{band_range(b)}{b.name}" for b in model.bands)


def lec(data: HazardData, seed: str) -> Iterator[GeneratedQuestion]:
    """LEC 计算（单选）: D = L×E×C from the hazard's assessment; D on a band edge is never asked."""
    name = "hazard.lec"
    model = data.model
    for h in data.catalogue:
        a = h.assessment
        if a.method != "LEC":
            continue
        d = lec_score(a.L, a.E, a.C)
        if on_band_boundary(d, model):
            continue
        band = lec_level(d, model)
        rng = seeded_rng(seed, name, h.id)
        options = tuple(Option(OPTION_KEYS[i], band_text(b)) for i, b in enumerate(model.bands))
        answer = (OPTION_KEYS[list(model.bands).index(band)],)
        stem = (
            f"危险源“{h.hazard}”{where(h)}的评价取值为：L={a.L}（{_label(model.L, a.L)}），"
            f"E={a.E}（{_label(model.E, a.E)}），C={a.C}（{_label(model.C, a.C)}）。"
            f"按作业条件危险性评价法（D=L×E×C）和本矿分档（{band_scale(model)}）计算，该危险源的危险程度为（ ）。"
        )
        explanation = (
            f"D={a.L}×{a.E}×{a.C}={d.normalize():f}，在“{band_range(band)}”一档，"
            f"属于{band.name}，{band.action}；对应风险等级为{band.level}。"
        )
        # Options keep the table's order, and a sitting keeps it too (`quiz.bank.types.keeps_order`): a scale.
        del rng
        yield hazard_question(
            "hazard_lec",
            stem,
            options,
            answer,
            explanation,
            name,
            seed,
            {
                "hazard": h.id,
                "L": str(a.L),
                "E": str(a.E),
                "C": str(a.C),
                "mine": model.mine,
                "exam_ready": h.exam_ready,
            },
        )


# ---------------------------------------------------------------- keys that echo the stem

#: A key that shares this many two-character words with the hazard text shown, or repeats a run of `ECHO_RUN`
#: characters of it, or one of its figures, can be picked by matching words (blind read 6: H7 装药前检查爆破地点20m内
#: …, 7 words and a figure; H15 脚线连接只能由…班组长协助爆破员, 6 words). Measured on the catalogue's 363 controls
#: against their own hazard's text: 21% share 6 words or more, 15% repeat a 5-character run, 26% echo in all; the
#: controls that keep being keys share 2 to 5 words (a key must share 2 to answer the stated cause).
ECHO_WORDS = 6
#: Shared two-character words that tie a control to a stated cause (喷雾 and 开启, 逆转 and 制动).
CAUSE_WORDS_LEAST = 2
ECHO_RUN = 5
# Characters that carry no content of their own, left out when counting what a control repeats.
_FUNCTION_CHARS = set("的和或与及等时在后前未不对了并把被将由是为以之其")
_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:/\d+)?(?:m/s|mm|min|MPa|m|h|d|s|%|‰|℃|°)?")
# Names of things (甲烷传感器, 架空乘人装置) are how both texts must speak of them, not an echo.
_TERM = re.compile("|".join(re.escape(t) for t in kt.ALL_TERMS))


def words(text: str) -> set[str]:
    """The text's two-character words (bigrams of Chinese characters; punctuation and figures split them)."""
    runs = re.findall(r"[\u4e00-\u9fff]+", text)
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


def echo(text: str, shown: str) -> int:
    """How much of `shown` (the hazard text in a stem) an option repeats: the content characters the two share.
    Of two keys the one repeating less is asked (作业人员掌握透水征兆识别 shares 5 with …透水征兆后未停工撤人,
    发现透水征兆立即停止作业，撤出…人员 9: blind read 6, H3)."""
    own = set(re.findall(r"[\u4e00-\u9fff]", text)) - _FUNCTION_CHARS
    return len(own & set(shown))


def _longest_run(text: str, shown: str) -> int:
    """The longest piece of `text` found word for word in `shown`, names of things (`_TERM`) left out."""
    best = 0
    for run in re.split(r"[^\u4e00-\u9fff0-9A-Za-z.%/‰℃°]+", _TERM.sub("|", text)):
        for i in range(len(run)):
            j = i + best + 1
            while j <= len(run) and run[i:j] in shown:
                best, j = j - i, j + 1
    return best


def echoes(text: str, shown: str) -> bool:
    """Whether an option restates the hazard text shown (`ECHO_WORDS`, `ECHO_RUN`, a shared figure), so that anyone
    could pick it without knowing the measure; such a control is never a key."""
    figures = set(_FIGURE.findall(text)) & set(_FIGURE.findall(shown))
    return bool(figures) or len(words(text) & words(shown)) >= ECHO_WORDS or _longest_run(text, shown) >= ECHO_RUN


# A table, figure or appendix the trainee cannot see (风速按表6要求控制, blind read 7, H11): no option or stem cites one.
UNSEEN = re.compile(r"(?<![仪电水压力风气温计钟速流量])表\s*\d|附录|附表|(?<![地草蓝制])图\s*\d")


def useful_controls(h: hz.Hazard, kinds: tuple[str, ...] = hz.CONTROL_KINDS) -> list[str]:
    """The entry's measures of `kinds` a question may offer: none that fits any hazard (`hz.CATCH_ALL_CONTROLS`) and
    none that cites what the trainee cannot see (`UNSEEN`)."""
    return [c.text for c in h.controls if c.kind in kinds and not any(word in c.text for word in hz.CATCH_ALL_CONTROLS)
            and not UNSEEN.search(c.text)]


# What harms people, named in a hazard and in a control against it (blind read 10, H14): a control naming the agent a
# target's hazard names guards against the same mechanism, whatever accident type its own hazard has. Beside
# “斜巷提升时行人或蹬钩，被跑车或矿车撞伤” the 物体打击 measure “维修时停止行车并在上方设挡车、挡物设施” also keeps cars off
# people in the incline, so it is no wrong option. Blasting and ventilation words are no agent: every measure of those
# sites names them, and a blasting scene is offered other blasting measures.
MECHANISMS = (
    re.compile("跑车|矿车|行车|挡车|阻车|串车|断绳"),
    re.compile("冒顶|片帮|护顶|空顶|顶板"),
    re.compile("透水|突水|涌水|水害"),
    re.compile("触电|漏电|带电"),
    re.compile("火灾|自燃|明火|着火"),
    re.compile("瓦斯|甲烷"),
)


def same_mechanism(control_text: str, hazard_text: str) -> bool:
    """Whether a control names the agent that harms people in a hazard (`MECHANISMS`)."""
    return any(m.search(control_text) and m.search(hazard_text) for m in MECHANISMS)


_SAME_RUN = 4  # characters a wrong option shares in one run with a target's own control: 支护完好
_FAILED = r"(?:不足|失效|不全|缺失|损坏|不完好|不齐全|不到位)"


def failed_words(hazard: str) -> set[str]:
    """The two-character words of what a hazard says is missing or failing (未使用端头支架, 超前支护不足: 支架, 支护)."""
    return {w for w in words(hazard)
            if re.search(r"(?:未|没有|缺少|无)[^，。、；]{0,4}?" + w + "|" + w + _FAILED, hazard)}


def same_measure(text: str, target: hz.Hazard) -> bool:
    """Whether a control says what one of the target's own controls says of a thing its hazard has missing or failing
    (`failed_words`): a run of `_SAME_RUN` characters in both opening on such a word (安全出口处支护完好 beside 每班检查端头
    支护完好情况 for 超前支护不足: blind read 14, H1). A shared run on anything else (合格后再掘进, 符合作业规程) says
    nothing of it."""
    failed = failed_words(target.hazard)
    runs = {text[i : i + _SAME_RUN] for i in range(len(text) - _SAME_RUN + 1)}
    return any(re.fullmatch(r"[\u4e00-\u9fff]+", run) and run[:2] in failed and run in own
               for own in useful_controls(target) for run in runs)


def control_distractors(
    targets: list[hz.Hazard], data: HazardData, rng: random.Random, count: int, echoed: frozenset[str] = frozenset()
) -> list[str]:
    """Wrong measures a worker at the targets' site knows: controls of other hazards of the same post and site
    first, then of the same site (the one the question names), then of its nearest sites (`NEAR_SITES`), one per hazard;
    never of a hazard met only at another site a target is met at (a 掘进 measure beside 探放水); never of a hazard of the
    targets' accident type or citing an article a target cites, never one that speaks of a target's stated cause
    (`CAUSE_WORDS_LEAST` shared words) or names the agent that harms people in a target's hazard (`same_mechanism`),
    overlaps a target's own controls, is a routine practice of every shift (`corpus.hazards.GENERIC_PRACTICES`),
    fits any hazard of the site (`_FITS_ANY`) or belongs to a hazard met on the way (`travel`). A blasting scene is
    offered blasting measures that answer another blasting hazard, not 采空区注氮 (blind read 6, H3 H6 H7 H15 H18).
    Within a group, a measure speaking of something the key repeats from the stem (`echoed`, its words) comes first,
    so that the key is not the one option in the stem's words (blind read 11, H7: 发现炮孔异状立即停止装药 beside a scene
    of 炮孔 and 装药, its wrong options about 起爆 only). Fewer than `count` may come back: the question is then not asked."""
    types = {t.accident_type for t in targets} | {a for t in targets for a in t.accident_type_alt}
    # The site a question names (`where`, `_scene`: a hazard's first site) is the group its wrong options come from; the
    # other sites a target is met at (探放水 at a 掘进 face) hold measures that may be true at the scene, so no hazard of
    # only those sites gives one (genfix, issue 16: a 探放水 scene offered 截割后先用前探梁或临时支护护顶).
    sites = {t.site for t in targets} - {PERSON_LEVEL_SITE}
    met = {s for t in targets for s in t.sites} - sites - {PERSON_LEVEL_SITE}
    posts = {t.post for t in targets}
    near = {n for s in sites for n in NEAR_SITES.get(s, ())} - sites - met
    ids = {t.id for t in targets}
    cited = {(r.doc, r.article) for t in targets for r in t.refs}
    own = [c for t in targets for c in useful_controls(t)] + [t.hazard for t in targets]
    causes = [words(situation(t.hazard)) for t in targets]
    # Each control with the hazard it answers: no two wrong options answer one hazard, so that three dust measures
    # beside a roof key do not point at the odd one out.
    # Where the targets' own site has too few measures against other accident types, a hazard of the targets' type
    # at that site, for another job than theirs, comes before the nearest sites: a water scene is offered the measures
    # of other water work, not three fire measures that give its water key away by topic (blind read 17, H1). The
    # same job's (开关检修前验电、放电、闭锁 beside an electrician's 检修时线路意外送电) may well hold for the target.
    tiers: list[set[tuple[str, str]]] = [set(), set(), set(), set()]
    for h in data.catalogue:
        if h.id in ids or h.generic or h.travel or PERSON_LEVEL_SITE in h.sites:
            continue
        same_type = h.accident_type in types
        if same_type and (h.site not in sites or h.post in posts):
            continue  # a hazard of the same type and the same job is a target's own work, whose measures may hold
        if cited & {(r.doc, r.article) for r in h.refs}:
            continue  # its controls restate the rule a target cites (井口设栅栏… beside 第四百二十八条's 封口盘, blind read 8 H19)
        at = set(h.sites)
        if met & at and not sites & at:
            continue
        tier = (2 if same_type else 0 if h.post in posts and sites & at else 1 if sites & at else 3 if near & at
                else None)
        if tier is None:
            continue
        tiers[tier].update(
            (c, h.id) for c in useful_controls(h, DISTRACTOR_CONTROL_KINDS)
            if not any(word in c for word in hz.GENERIC_PRACTICES) and not _FITS_ANY.search(c)
            and all(len(words(c) & cause) < CAUSE_WORDS_LEAST for cause in causes)
            and not any(same_mechanism(c, t.hazard) for t in targets)
            and not any(same_measure(c, t) for t in targets)
        )
    chosen: list[str] = []
    answered: set[str] = set()
    for tier in tiers:
        pool = sorted(tier)
        rng.shuffle(pool)
        if echoed:
            pool.sort(key=lambda pair: not words(pair[0]) & echoed)
        for text, source in pool:
            if len(chosen) == count:
                return chosen
            if source in answered or text in chosen:
                continue
            if all(similarity(text, o) < 0.2 for o in own) and all(similarity(text, c) < 0.3 for c in chosen):
                chosen.append(text)
                answered.add(source)
    return chosen


def quiet_keys(candidates: list[str], shown: str) -> list[str]:
    """The candidates that do not restate `shown` (`echoes`), the one repeating least of it first."""
    return sorted((c for c in candidates if not echoes(c, shown)), key=lambda c: echo(c, shown))


def control(data: HazardData, seed: str) -> Iterator[GeneratedQuestion]:
    """管控措施（多选）: two of hazard Y's own controls and two controls of unrelated hazards."""
    name = "hazard.control"
    for h in data.catalogue:
        own = useful_controls(h)
        # The two keys that repeat least of the hazard text (`quiet_keys`): a key in the stem's own words is a giveaway.
        keys = data.law_first(h, quiet_keys(own, h.hazard))
        if len(keys) < 2:
            continue
        rng = seeded_rng(seed, name, h.id)
        correct = keys[:2]
        wrong = control_distractors([h], data, rng, 2)
        if len(wrong) < 2:
            continue
        options, answer = choice_options(correct, wrong, rng)
        stem = f"针对危险源“{h.hazard}”{where(h)}，下列管控措施中有针对性的有（ ）。"
        explanation = "该危险源的管控措施：" + "；".join(own) + "。"
        yield hazard_question(
            "hazard_control",
            stem,
            options,
            answer,
            explanation,
            name,
            seed,
            {"hazard": h.id, "correct": correct, "wrong": wrong, "exam_ready": h.exam_ready},
            h.refs[0] if h.refs else None,
        )


# ---------------------------------------------------------------- one question per fact


def facts(q: GeneratedQuestion) -> frozenset[tuple[str, str]]:
    """What a hazard item tests, as (source, key) pairs: a hazard's class, a hazard's control, a hazard at
    its site, a hazard's LEC band, a threshold rule, a behaviour's 三违 class."""
    i = q.inputs
    if i.get("ask") == "accident_type" or q.generator == "hazard.accident_type":
        return frozenset((h, "type") for h in i.get("hazards") or [i["hazard"]])
    if i.get("ask") == "control":
        return frozenset({(i["target"], i["correct"])})
    if q.generator == "hazard.control":
        return frozenset((i["hazard"], c) for c in i["correct"])
    if q.generator == "hazard.site":
        return frozenset((h, "site") for h in i["correct"])
    if q.generator == "hazard.lec":  # one computation is one fact, whatever hazard carries it (audit 3, finding 15)
        return frozenset({("lec", f"{i['L']}×{i['E']}×{i['C']}")})
    source = i.get("hazard") or i.get("rule") or i.get("violation") or i.get("item") or i.get("ordinary")
    return frozenset({(str(source), q.generator)})


def distinct_facts(questions: list[GeneratedQuestion]) -> list[GeneratedQuestion]:
    """The questions in their order, leaving out any that tests a fact another already tests (a scene
    asking the class of a hazard whose own type question asks it, a controls question offering as right
    a control a scene asks), so a bank built from one run asks nothing twice: one question per
    (source, key). Scenes are kept first, as they ask what a worker meets on site."""
    seen: set[tuple[str, str]] = set()
    dropped: set[int] = set()
    for index, q in sorted(enumerate(questions), key=lambda pair: pair[1].generator != "hazard.scenario"):
        known = facts(q)
        if known & seen:
            dropped.add(index)
        else:
            seen |= known
    return [q for index, q in enumerate(questions) if index not in dropped]
