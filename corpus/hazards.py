"""The hazard catalogue (危险源清单), loaded from YAML and validated; the rule tables are in corpus.hazard_rules.

Data lives in ``corpus/hazard_data/``:

* ``catalogue.yaml``   – hazards by work site, each with an LEC assessment and controls;
* ``risk.yaml``        – the mine's risk model (see :mod:`corpus.risk`);
* ``major_hazards.yaml`` – 重大事故隐患判定标准 items, plus ordinary hidden dangers for "否" items;
* ``thresholds.yaml``  – numeric rules of 煤矿安全规程 (gas limits, wind speed, temperature …);
* ``violations.yaml``  – 三违 behaviour examples with their class.

Every loader validates as it reads and raises :class:`HazardDataError` naming the file
and the entry id on the first problem: unknown accident code, an LEC value that is not in
the mine's table, a stored risk level that differs from the computed one, a duplicate id,
a missing field. Question generators may therefore trust whatever a loader returns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from corpus.documents import Citation
from corpus.numerals import parse_chinese_number
from corpus.risk import (
    LEVEL_NAMES,
    RiskModel,
    RiskModelError,
    acceptable,
    lec_level,
    lec_score,
    load_risk_model,
    matrix_level,
    matrix_score,
    on_band_boundary,
    to_decimal,
)

__all__ = [
    "GB6441_1986",
    "GB6441_2025",
    "CLASS_2025",
    "SITES",
    "SITE_CODES",
    "FACTORS",
    "COAL_CATEGORIES",
    "COAL_OF_1986",
    "COAL_OVERLAPS",
    "CONTROL_KINDS",
    "HazardDataError",
    "Control",
    "Ref",
    "MajorHazardRef",
    "Assessment",
    "Hazard",
    "Catalogue",
    "CATALOGUE_TITLE",
    "catalogue_citation",
    "cites_catalogue",
    "accident_type_name",
    "same_accident_name",
    "assessment_score",
    "computed_level",
    "load_catalogue",
    "load_risk_model",
    "lec_score",
    "lec_level",
    "matrix_level",
    "on_band_boundary",
    "article_number",
    "parse_hazard",
    "STATUSES",
]

DATA_DIR = Path(__file__).resolve().parent / "hazard_data"

#: GB 6441-1986 《企业职工伤亡事故分类》 codes 01–20. The standard writes 其它; we write 其他.
GB6441_1986: dict[int, str] = {
    1: "物体打击",
    2: "车辆伤害",
    3: "机械伤害",
    4: "起重伤害",
    5: "触电",
    6: "淹溺",
    7: "灼烫",
    8: "火灾",
    9: "高处坠落",
    10: "坍塌",
    11: "冒顶片帮",
    12: "透水",
    13: "放炮",
    14: "火药爆炸",
    15: "瓦斯爆炸",
    16: "锅炉爆炸",
    17: "容器爆炸",
    18: "其他爆炸",
    19: "中毒和窒息",
    20: "其他伤害",
}

#: GB 6441-2025 category names (27, as summarised in HAZARDS.md §1; the standard text was not read).
#: ``accident_type_2025`` stays null until a category is fixed against the standard itself.
GB6441_2025: tuple[str, ...] = (
    "物体打击",
    "厂（场）内车辆致害",
    "道路（轨道）车辆致害",
    "机械致害",
    "起重致害",
    "触电",
    "淹溺",
    "灼烫",
    "火灾",
    "高处坠落",
    "跌落",
    "坍塌",
    "水害",
    "容器爆炸",
    "管道爆炸",
    "可燃气体爆炸",
    "可燃液体蒸气爆炸",
    "粉尘爆炸",
    "民用爆炸物品爆炸",
    "烟花爆竹爆炸",
    "其他可燃固体爆炸",
    "高温熔融物爆炸",
    "中毒",
    "窒息",
    "滑坡",
    "泄漏",
    "其他",
)

#: The GB 6441-2025 class of a 1986 class (names as HAZARDS.md §1 lists them): the same name where the
#: class is kept, else the one new class the old one falls into (冒顶片帮 → 坍塌, 透水 → 水害, 瓦斯爆炸 →
#: 可燃气体爆炸, 放炮 and 火药爆炸 → 民用爆炸物品爆炸). Classes the new standard splits (车辆伤害, 中毒和
#: 窒息, 瓦斯 or 煤尘 爆炸) are settled per entry by what it says; 锅炉爆炸 and catch-alls have none.
CLASS_2025: dict[int, str] = {
    1: "物体打击",
    3: "机械致害",
    4: "起重致害",
    5: "触电",
    6: "淹溺",
    7: "灼烫",
    8: "火灾",
    9: "高处坠落",
    10: "坍塌",
    11: "坍塌",
    12: "水害",
    13: "民用爆炸物品爆炸",
    14: "民用爆炸物品爆炸",
    15: "可燃气体爆炸",
    17: "容器爆炸",
}
#: Only the classes whose name both versions share are certain; the others are mappings by name that
#: HAZARDS.md §1 marks unverified until a trainer checks them against the standard (`accident_type_2025`).

#: Work sites of the catalogue and the two-letter code used in hazard ids (HZ-ZC-001).
SITE_CODES: dict[str, str] = {
    "综采工作面": "ZC",
    "普采/炮采工作面": "PC",  # faces held by single props (单体支柱): 回柱放顶 belongs here, not at 综采
    "掘进工作面": "JJ",
    "井下爆破": "BP",
    "主运输": "YS",
    "辅助运输/斜巷": "FY",
    "井下供电": "GD",
    "通风/瓦斯": "TF",
    "提升": "TS",
    "地面/其他": "DM",
    "防治水": "FS",
    "防灭火": "MH",
}
SITES: tuple[str, ...] = tuple(SITE_CODES)
FACTORS = ("人", "机", "环", "管")  # GB/T 13861: 人、物、环境、管理
COAL_CATEGORIES = ("顶板", "瓦斯", "机电", "运输", "放炮", "火灾", "水害", "其他")
#: The coal categories an accident of each GB 6441-1986 class may be counted in, by the boundaries HAZARDS.md
#: §1 states: struck by rock from the roof is 顶板, by a running conveyor or a falling cage 运输, by a machine
#: under repair 机电; a fall into a shaft or bunker 运输, from a surface scaffold 其他; poisoning by firedamp or
#: by the gases of self-heating coal 瓦斯, by fire smoke 火灾, by blasting fumes or in a laboratory 其他.
#: The catch-alls (其他爆炸, 其他伤害) count as 其他 only.
COAL_OF_1986: dict[int, tuple[str, ...]] = {
    1: ("顶板", "机电", "运输"),
    2: ("运输",),
    3: ("机电", "运输"),
    4: ("机电", "运输"),
    5: ("机电",),
    6: ("水害",),
    7: ("机电", "火灾", "其他"),
    8: ("火灾",),
    9: ("运输", "其他"),
    10: ("顶板", "其他"),
    11: ("顶板",),
    12: ("水害",),
    13: ("放炮",),
    14: ("放炮", "其他"),
    15: ("瓦斯",),
    16: ("机电", "其他"),
    17: ("机电", "其他"),
    18: ("其他",),
    19: ("瓦斯", "火灾", "其他"),
    20: ("其他",),
}
#: Coal categories a description of the situation cannot keep apart, so never two options of one question:
#: equipment running (运输) or being installed or repaired (机电); a fire or the firedamp it sets off (and
#: self-heating that only gives off gas counts as 瓦斯).
COAL_OVERLAPS: tuple[frozenset[str], ...] = (frozenset({"机电", "运输"}), frozenset({"瓦斯", "火灾"}))
CONTROL_KINDS = ("技术", "管理", "个体防护", "应急")
STATUSES = ("reviewed", "draft")

#: Catch-all control wording that fits every hazard and so teaches nothing (HAZARDS.md §6).
CATCH_ALL_CONTROLS = ("加强培训", "加强管理", "严格执行规程", "提高安全意识", "加强教育", "注意安全")
#: Routine practice of every shift (交接班时当面交清设备状态, 班前会, 手指口述): right for a hazard that lists it, but
#: right as well for any other, so never a wrong option (HAZARDS.md §6; blind read 3, H2).
GENERIC_PRACTICES = ("交接班", "交班", "班前会", "班后会", "手指口述", "持证上岗", "安全确认")

_ID_RE = re.compile(r"^HZ-([A-Z]{2})-(\d{3})$")
ARTICLE_LABEL = re.compile(r"^第[一二三四五六七八九十百零]+条$")


class HazardDataError(ValueError):
    """A data file is invalid; the message names the file and the offending entry."""

    def __init__(self, message: str, entry_id: str | None = None, source: str | None = None) -> None:
        self.entry_id = entry_id
        self.source = source
        prefix = ""
        if source:
            prefix += f"{source}: "
        if entry_id:
            prefix += f"[{entry_id}] "
        super().__init__(prefix + message)


def article_number(label: str) -> int:
    """Parse an article label such as 第一百九十三条 into 193."""
    if not ARTICLE_LABEL.match(label):
        raise ValueError(f"not an article label: {label!r}")
    return parse_chinese_number(label[1:-1])


def accident_type_name(code: int) -> str:
    """The GB 6441-1986 category name for a code 1–20 (KeyError for anything else)."""
    return GB6441_1986[code]


def same_accident_name(a: str, b: str) -> bool:
    """Compare category names treating the standard's 其它 and our 其他 as the same."""
    return a.replace("其它", "其他").strip() == b.replace("其它", "其他").strip()


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class Control:
    """A control measure: ``kind`` is 技术/管理/个体防护/应急."""

    kind: str
    text: str


@dataclass(frozen=True)
class Ref:
    """A cited provision: 《煤矿安全规程》(2025) 第一百九十三条."""

    doc: str
    article: str
    version: str

    @property
    def number(self) -> int:
        """The article number (第一百九十三条 → 193)."""
        return article_number(self.article)


@dataclass(frozen=True)
class MajorHazardRef:
    """Which 判定标准 item the hazard turns into when its controls fail."""

    version: int
    article: int
    item: int


@dataclass(frozen=True)
class Assessment:
    """An LEC assessment (L, E, C) or a matrix assessment (L, S)."""

    method: str  # "LEC" or "matrix"
    L: Decimal
    E: Decimal | None = None
    C: Decimal | None = None
    S: int | None = None


@dataclass(frozen=True)
class Hazard:
    """One catalogue entry (危险源)."""

    id: str
    sites: tuple[str, ...]
    generic: bool
    post: str
    activity: str
    hazard: str
    factor: str
    accident_type: int
    accident_type_alt: tuple[int, ...]
    accident_type_2025: str | None
    coal_category: str
    consequence: str
    assessment: Assessment
    risk_level: str
    controls: tuple[Control, ...]
    refs: tuple[Ref, ...]
    major_hazard_ref: MajorHazardRef | None
    disputed: bool
    status: str
    #: Met on the way (乘坐人车、架空乘人装置、罐笼或输送带，行经斜巷) by everyone underground, not by one post's work.
    travel: bool = False

    @property
    def site(self) -> str:
        """The primary site (the one the id prefix stands for)."""
        return self.sites[0]

    @property
    def accident_type_name(self) -> str:
        """GB 6441-1986 name of ``accident_type``."""
        return GB6441_1986[self.accident_type]

    @property
    def score(self) -> Decimal:
        """D for LEC assessments, R for matrix assessments."""
        return assessment_score(self.assessment)

    @property
    def exam_ready(self) -> bool:
        """Only reviewed entries may feed exams; drafts are for practice only."""
        return self.status == "reviewed"

    def lists_control(self, text: str) -> bool:
        """Whether ``text`` is one of this entry's own controls, word for word (a control of another entry, however
        alike, is not: the entry proves only what it lists)."""
        return text.strip() in {c.text.strip() for c in self.controls}


#: The mine's own hazard catalogue, as every page names it: the source of a control question no article states,
#: the document of a hazard question in a team's weak spots.
CATALOGUE_TITLE = "危险源辨识清单"


def catalogue_citation(hazard_id: str) -> Citation:
    """The citation of one catalogue entry: 《危险源辨识清单》HZ-ZC-003."""
    return Citation(CATALOGUE_TITLE, hazard_id)


def cites_catalogue(citation: Citation | None) -> bool:
    """Whether a citation names an entry of the catalogue rather than an article."""
    return citation is not None and citation.title == CATALOGUE_TITLE


@dataclass(frozen=True)
class Catalogue:
    """The loaded hazard catalogue together with the risk model it was checked against."""

    hazards: tuple[Hazard, ...]
    model: RiskModel

    def __len__(self) -> int:
        return len(self.hazards)

    def __iter__(self) -> Iterator[Hazard]:
        return iter(self.hazards)

    def get(self, hazard_id: str) -> Hazard:
        """The entry with this id (KeyError if absent)."""
        for hazard in self.hazards:
            if hazard.id == hazard_id:
                return hazard
        raise KeyError(hazard_id)

    def by_site(self, site: str) -> tuple[Hazard, ...]:
        """Entries whose ``sites`` include ``site``."""
        return tuple(h for h in self.hazards if site in h.sites)

    def sites(self) -> tuple[str, ...]:
        """Sites that have at least one entry, in catalogue order."""
        seen: dict[str, None] = {}
        for hazard in self.hazards:
            for site in hazard.sites:
                seen.setdefault(site, None)
        return tuple(seen)


# --------------------------------------------------------------------------- risk helpers


def assessment_score(assessment: Assessment) -> Decimal:
    """D = L×E×C (exact) for LEC, or R = L×S for the matrix method."""
    if assessment.method == "LEC":
        return lec_score(assessment.L, assessment.E, assessment.C)  # type: ignore[arg-type]
    return Decimal(int(assessment.L) * int(assessment.S))  # type: ignore[arg-type]


def computed_level(assessment: Assessment, model: RiskModel) -> str:
    """The four-level name (重大/较大/一般/低) the mine's model gives this assessment."""
    if assessment.method == "LEC":
        return lec_level(assessment_score(assessment), model).level
    return matrix_level(int(assessment.L), int(assessment.S), model)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- parsing helpers (shared with corpus.hazard_rules)


class Entry:
    """Field access on one raw YAML mapping that reports errors with the entry id."""

    def __init__(self, raw: Any, entry_id: str | None, source: str) -> None:
        if not isinstance(raw, dict):
            raise HazardDataError("entry is not a mapping", entry_id, source)
        self.raw, self.id, self.source = raw, entry_id, source

    def fail(self, message: str) -> HazardDataError:
        return HazardDataError(message, self.id, self.source)

    def req(self, key: str) -> Any:
        if key not in self.raw or self.raw[key] is None or self.raw[key] == "":
            raise self.fail(f"missing field '{key}'")
        return self.raw[key]

    def text(self, key: str) -> str:
        value = self.req(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"field '{key}' must be non-empty text")
        return value.strip()

    def opt_text(self, key: str) -> str:
        value = self.raw.get(key)
        return "" if value is None else str(value).strip()

    def choice(self, key: str, allowed: Iterable[str]) -> str:
        value = self.text(key)
        allowed = tuple(allowed)
        if value not in allowed:
            raise self.fail(f"{key} {value!r} is not one of {', '.join(allowed)}")
        return value

    def boolean(self, key: str, default: bool | None = None) -> bool:
        if key not in self.raw and default is not None:
            return default
        value = self.req(key)
        if not isinstance(value, bool):
            raise self.fail(f"field '{key}' must be true or false")
        return value

    def integer(self, key: str) -> int:
        value = self.req(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"field '{key}' must be an integer")
        return value


def read_yaml(path: Path, key: str) -> list[Any]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise HazardDataError(f"expected a top-level list '{key}'", None, path.name)
    return data[key]


def read_entry_id(raw: Any, index: int, source: str) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
        return raw["id"].strip()
    raise HazardDataError(f"entry #{index + 1} has no id (missing field 'id')", None, source)


def read_entries(file: Path, key: str) -> list[Entry]:
    """The entries of the top-level list `key` of YAML `file`, each with its id (ids unique)."""
    raws = read_yaml(file, key)
    ids = [read_entry_id(raw, i, file.name) for i, raw in enumerate(raws)]
    check_unique(ids, file.name)
    return [Entry(raw, entry_id, file.name) for raw, entry_id in zip(raws, ids, strict=True)]


def check_unique(ids: list[str], source: str) -> None:
    seen: set[str] = set()
    for entry_id in ids:
        if entry_id in seen:
            raise HazardDataError("duplicate id", entry_id, source)
        seen.add(entry_id)


def _accident_code(entry: Entry, value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in GB6441_1986:
        raise entry.fail(f"{what} {value!r} is not a GB 6441-1986 code (1–20)")
    return value


def _parse_assessment(entry: Entry, model: RiskModel) -> Assessment:
    raw = entry.req("assessment")
    if not isinstance(raw, dict):
        raise entry.fail("assessment must be a mapping")
    method = raw.get("method")
    if method == "LEC":
        values = {}
        for factor in ("L", "E", "C"):
            if raw.get(factor) is None:
                raise entry.fail(f"assessment: missing field '{factor}'")
            try:
                value = to_decimal(raw[factor])
            except RiskModelError as exc:
                raise entry.fail(f"assessment {factor}: {exc}") from None
            if value not in model.allowed(factor):
                allowed = ", ".join(str(o.value) for o in model.table(factor))
                raise entry.fail(f"assessment {factor} = {raw[factor]} is not in the LEC {factor} table ({allowed})")
            values[factor] = value
        return Assessment("LEC", values["L"], values["E"], values["C"])
    if method == "matrix":
        try:
            matrix_score(raw.get("L"), raw.get("S"), model)  # type: ignore[arg-type]
        except RiskModelError as exc:
            raise entry.fail(f"assessment: {exc}") from None
        return Assessment("matrix", Decimal(raw["L"]), S=raw["S"])
    raise entry.fail(f"assessment method {method!r} is not LEC or matrix")


def _parse_controls(entry: Entry) -> tuple[Control, ...]:
    raw = entry.req("controls")
    if not isinstance(raw, list) or len(raw) < 2:
        raise entry.fail("controls: need at least 2 measures")
    controls = []
    for i, item in enumerate(raw):
        sub = Entry(item, entry.id, entry.source)
        kind = sub.choice("kind", CONTROL_KINDS)
        text = sub.text("text")
        for phrase in CATCH_ALL_CONTROLS:
            if phrase in text:
                raise entry.fail(f"controls[{i}]: catch-all wording {phrase!r} is not a specific control")
        controls.append(Control(kind, text))
    if len({c.text for c in controls}) != len(controls):
        raise entry.fail("controls: the same measure is listed twice")
    return tuple(controls)


def _parse_refs(entry: Entry) -> tuple[Ref, ...]:
    raw = entry.raw.get("refs") or []
    if not isinstance(raw, list):
        raise entry.fail("refs must be a list")
    refs = []
    for item in raw:
        sub = Entry(item, entry.id, entry.source)
        article = sub.text("article")
        if not ARTICLE_LABEL.match(article):
            raise entry.fail(f"refs: article {article!r} is not written like 第一百九十三条")
        refs.append(Ref(sub.text("doc"), article, str(sub.req("version"))))
    return tuple(refs)


def _parse_major_ref(entry: Entry) -> MajorHazardRef | None:
    raw = entry.raw.get("major_hazard_ref")
    if raw is None:
        return None
    sub = Entry(raw, entry.id, entry.source)
    version = sub.integer("version")
    if version not in (2015, 2020):
        raise entry.fail(f"major_hazard_ref: version {version} is not 2015 or 2020")
    return MajorHazardRef(version, sub.integer("article"), sub.integer("item"))


def parse_hazard(raw: Any, model: RiskModel, source: str = "catalogue.yaml", entry_id: str | None = None) -> Hazard:
    """Validate one raw catalogue mapping and build a :class:`Hazard`."""
    entry = Entry(raw, entry_id or (raw.get("id") if isinstance(raw, dict) else None), source)
    hazard_id = entry.text("id")
    match = _ID_RE.match(hazard_id)
    if not match:
        raise entry.fail("id must look like HZ-ZC-001")

    if "sites" in entry.raw:
        sites_raw = entry.req("sites")
        if not isinstance(sites_raw, list) or not sites_raw:
            raise entry.fail("sites must be a non-empty list")
        sites = tuple(str(s) for s in sites_raw)
    else:
        sites = (entry.text("site"),)
    for site in sites:
        if site not in SITE_CODES:
            raise entry.fail(f"unknown site {site!r}")
    if len(set(sites)) != len(sites):
        raise entry.fail("sites lists a site twice")
    if SITE_CODES[sites[0]] != match.group(1):
        raise entry.fail(f"id prefix {match.group(1)} does not match primary site {sites[0]} ({SITE_CODES[sites[0]]})")

    accident_type = _accident_code(entry, entry.req("accident_type"), "accident_type")
    alt_raw = entry.raw.get("accident_type_alt") or []
    if not isinstance(alt_raw, list):
        raise entry.fail("accident_type_alt must be a list")
    alt = tuple(_accident_code(entry, code, "accident_type_alt entry") for code in alt_raw)
    if accident_type in alt:
        raise entry.fail("accident_type_alt repeats accident_type")
    at2025 = entry.raw.get("accident_type_2025")
    if at2025 is not None and at2025 not in GB6441_2025:
        raise entry.fail(f"accident_type_2025 {at2025!r} is not a GB 6441-2025 category")

    assessment = _parse_assessment(entry, model)
    stored = entry.choice("risk_level", LEVEL_NAMES)
    computed = computed_level(assessment, model)
    if stored != computed:
        raise entry.fail(
            f"risk_level {stored} does not match the computed level {computed} "
            f"(score {assessment_score(assessment)} under the mine's risk model)"
        )

    major_ref = _parse_major_ref(entry)
    if major_ref is not None and assessment.method == "LEC" and acceptable(assessment_score(assessment), model):
        # A 重大事故隐患 rated 可以接受 would teach that it may be left as it is.
        raise entry.fail("a major hazard (major_hazard_ref) cannot be rated acceptable (the lowest LEC band)")

    return Hazard(
        id=hazard_id,
        sites=sites,
        generic=entry.boolean("generic", default=False),
        post=entry.text("post"),
        activity=entry.text("activity"),
        hazard=entry.text("hazard"),
        factor=entry.choice("factor", FACTORS),
        accident_type=accident_type,
        accident_type_alt=alt,
        accident_type_2025=at2025,
        coal_category=entry.choice("coal_category", COAL_CATEGORIES),
        consequence=entry.text("consequence"),
        assessment=assessment,
        risk_level=stored,
        controls=_parse_controls(entry),
        refs=_parse_refs(entry),
        major_hazard_ref=major_ref,
        disputed=entry.boolean("disputed"),
        status=entry.choice("status", STATUSES),
        travel=entry.boolean("travel", default=False),
    )


# --------------------------------------------------------------------------- loaders


def load_catalogue(path: str | Path | None = None, model: RiskModel | None = None) -> Catalogue:
    """Load and validate ``catalogue.yaml`` against the mine's risk model.

    Raises :class:`HazardDataError` naming the entry id on a missing field, unknown code
    or site, LEC value outside the table, stored ``risk_level`` ≠ computed, duplicate id.
    """
    file = Path(path) if path is not None else DATA_DIR / "catalogue.yaml"
    model = model or load_risk_model()
    raws = read_yaml(file, "hazards")
    ids = [read_entry_id(raw, i, file.name) for i, raw in enumerate(raws)]
    check_unique(ids, file.name)
    hazards = tuple(parse_hazard(raw, model, file.name, entry_id) for raw, entry_id in zip(raws, ids, strict=True))
    return Catalogue(hazards, model)
