"""Tests for the hazard catalogue, its risk model and the companion tables."""

from __future__ import annotations

import copy
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from corpus.hazard_rules import (
    check_major_refs,
    load_major_hazards,
    load_ordinary_hazards,
    load_thresholds,
    load_violations,
)
from corpus.hazards import (
    GB6441_1986,
    SITES,
    HazardDataError,
    accident_type_name,
    article_number,
    load_catalogue,
    same_accident_name,
)
from corpus.risk import (
    RiskModelError,
    acceptable,
    lec_level,
    lec_score,
    load_risk_model,
    matrix_level,
    on_band_boundary,
    parse_risk_model,
)

DATA = Path(__file__).resolve().parents[2] / "corpus" / "hazard_data"
REQUIRED_SITES = {
    "综采工作面",
    "掘进工作面",
    "井下爆破",
    "主运输",
    "辅助运输/斜巷",
    "井下供电",
    "通风/瓦斯",
    "提升",
    "地面/其他",
}


@pytest.fixture(scope="module")
def model():
    return load_risk_model()


@pytest.fixture(scope="module")
def catalogue(model):
    return load_catalogue(model=model)


def _raw_catalogue() -> dict:
    with open(DATA / "catalogue.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _write(tmp_path: Path, data: dict, name: str = "catalogue.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- catalogue


def test_catalogue_loads_with_enough_entries_and_sites(catalogue):
    assert len(catalogue) >= 160
    sites = set(catalogue.sites())
    assert len(sites) >= 9
    assert REQUIRED_SITES <= sites
    assert sites <= set(SITES)
    for site in REQUIRED_SITES:
        assert len(catalogue.by_site(site)) >= 8, site


def test_ids_are_unique_and_match_site_prefix(catalogue):
    ids = [h.id for h in catalogue]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"HZ-[A-Z]{2}-\d{3}", i) for i in ids)


def _independent_level(L: Decimal, E: Decimal, C: Decimal) -> str:
    """Recompute the level with ×10 integers and hard-coded default edges, not the module under test."""
    d10 = int(L * 10) * int(E * 10) * int(C * 10)  # D × 1000
    if d10 >= 320_000:
        return "重大"
    if d10 >= 160_000:
        return "较大"
    if d10 >= 70_000:
        return "一般"
    return "低"


def test_every_stored_level_equals_the_computed_one(catalogue):
    for h in catalogue:
        a = h.assessment
        assert a.method == "LEC"
        assert h.risk_level == _independent_level(a.L, a.E, a.C), h.id


def test_levels_and_bands_are_varied_and_off_boundaries(catalogue, model):
    levels = Counter(h.risk_level for h in catalogue)
    assert set(levels) == {"重大", "较大", "一般", "低"}
    bands = {lec_level(h.score, model).name for h in catalogue}
    assert bands == {"极其危险", "高度危险", "显著危险", "一般危险", "稍有危险"}
    on_edge = [h.id for h in catalogue if on_band_boundary(h.score, model)]
    assert len(on_edge) <= len(catalogue) // 10


def test_lec_values_come_from_the_tables(catalogue, model):
    for h in catalogue:
        for factor in "LEC":
            assert getattr(h.assessment, factor) in model.allowed(factor), h.id


def test_entries_are_well_formed(catalogue):
    for h in catalogue:
        assert h.accident_type in GB6441_1986 and h.accident_type not in h.accident_type_alt, h.id
        assert h.accident_type_2025 is None, h.id  # not to be filled before the 2025 text is read
        assert len(h.controls) >= 2, h.id
        assert all("加强培训" not in c.text for c in h.controls), h.id
        assert all(r.version == "2025" for r in h.refs if r.doc == "煤矿安全规程"), h.id


def test_disputed_classifications_are_flagged(catalogue):
    runaway = [
        h for h in catalogue if "辅助运输/斜巷" in h.sites and h.accident_type == 2 and 20 in h.accident_type_alt
    ]
    assert runaway and all(h.disputed for h in runaway)
    hoist = catalogue.by_site("提升")
    assert all(h.disputed for h in hoist)  # hoisting falls: 运输 or not, 1986 categories unsettled


def test_refs_exist_in_the_regulation_text(catalogue, shared_dir):
    text = (shared_dir / "corpus" / "regulations" / "煤矿安全规程(2025-07-24).md").read_text(encoding="utf-8")
    labels = set(re.findall(r"^(第[一二三四五六七八九十百零]+条)", text, flags=re.M))
    cited = {r.article for h in catalogue for r in h.refs if r.doc == "煤矿安全规程"}
    cited |= {r.article for r in load_thresholds() if r.doc == "煤矿安全规程"}
    missing = sorted(cited - labels)
    assert not missing, missing


#: What a rule says when it bans an act: 严禁, 不得, 禁止, 不准, or 只准 (only X may …).
PROHIBITION = re.compile("严禁|不得|禁止|不准|只准")


def _regulation_articles(shared_dir: Path) -> dict[str, str]:
    text = (shared_dir / "corpus" / "regulations" / "煤矿安全规程(2025-07-24).md").read_text(encoding="utf-8")
    pieces = re.split(r"^(第[一二三四五六七八九十百零]+条)", text, flags=re.M)
    return {label: body for label, body in zip(pieces[1::2], pieces[2::2], strict=True)}


def test_no_banned_act_or_major_hazard_is_rated_acceptable(catalogue, model, shared_dir):
    """Blind read 2, H8 and H19: 明火取暖 in the lamp room (第二百五十九条 bans it) at L=0.2 and opening a
    fire zone before sampling proves it out (第二百八十三条) at L=0.1 came out 稍有危险，可以接受. A hazard the
    cited rule prohibits, or one that is a 重大事故隐患, is never in the lowest band: every entry is checked."""
    articles = _regulation_articles(shared_dir)
    banned = [
        h
        for h in catalogue
        if h.major_hazard_ref is not None
        or any(r.doc == "煤矿安全规程" and PROHIBITION.search(articles.get(r.article, "")) for r in h.refs)
    ]
    assert len(banned) >= 100
    assert {"HZ-DM-006", "HZ-MH-008"} <= {h.id for h in banned}
    rated_acceptable = [h.id for h in banned if acceptable(h.score, model)]
    assert not rated_acceptable, rated_acceptable
    # The lowest band is still used, for hazards no rule bans outright.
    assert any(acceptable(h.score, model) for h in catalogue)


def test_a_major_hazard_rated_acceptable_is_rejected(tmp_path, one_entry):
    one_entry["major_hazard_ref"] = {"version": 2015, "article": 13, "item": 4}
    one_entry["assessment"] = {"method": "LEC", "L": 0.2, "E": 6, "C": 15}  # D = 18
    one_entry["risk_level"] = "低"
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\] a major hazard .* cannot be rated acceptable"):
        _load_single(tmp_path, one_entry)


# --------------------------------------------------------------------------- risk arithmetic


def test_lec_score_is_exact():
    assert lec_score(0.5, 6, 100) == Decimal(300)
    assert str(lec_score(0.5, 6, 100)) == "300"
    assert lec_score(0.1, 0.5, 1) == Decimal("0.05")
    assert lec_score(0.1, 0.5, 3) == Decimal("0.15")  # floats give 0.15000000000000002
    assert 0.1 * 0.5 * 3 != 0.15
    assert lec_score("0.2", 3, 7) == Decimal("4.2")
    assert lec_score(Decimal("0.5"), 10, 40) == Decimal(200)


def test_boundary_rule_lower_bound_belongs_to_higher_band(model):
    assert lec_level(70, model).name == "显著危险"
    assert lec_level(lec_score(10, 1, 7), model).name == "显著危险"
    assert lec_level(Decimal("69.9"), model).name == "一般危险"
    assert lec_level(Decimal("69.99"), model).level == "低"
    assert lec_level(20, model).name == "一般危险"
    assert lec_level(lec_score(10, 2, 1), model).name == "一般危险"
    assert lec_level(Decimal("19.99"), model).name == "稍有危险"
    assert lec_level(160, model).name == "高度危险"
    assert lec_level(320, model).name == "极其危险"
    assert lec_level(Decimal("0.05"), model).name == "稍有危险"


def test_on_band_boundary(model):
    assert on_band_boundary(70, model) and on_band_boundary(20, model) and on_band_boundary(160, model)
    assert not on_band_boundary(Decimal("69.9"), model)
    assert not on_band_boundary(lec_score(0.5, 6, 100), model)


def test_matrix_levels(model):
    assert matrix_level(1, 1, model) == "低"
    assert matrix_level(2, 4, model) == "低"  # R = 8
    assert matrix_level(3, 3, model) == "一般"  # R = 9
    assert matrix_level(4, 4, model) == "一般"  # R = 16
    assert matrix_level(3, 6, model) == "较大"  # R = 18
    assert matrix_level(5, 5, model) == "较大"  # R = 25
    assert matrix_level(5, 6, model) == "重大"  # R = 30
    with pytest.raises(RiskModelError):
        matrix_level(7, 1, model)


def test_risk_model_rejects_a_matrix_with_an_uncovered_product():
    with open(DATA / "risk.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    data["matrix"]["bands"][1]["high"] = 12  # R = 15, 16 now fall in no band
    with pytest.raises(RiskModelError, match="R = 15"):
        parse_risk_model(data)


def test_level_colours(model):
    assert [(lv.name, lv.colour) for lv in model.levels] == [
        ("重大", "红"),
        ("较大", "橙"),
        ("一般", "黄"),
        ("低", "蓝"),
    ]


# --------------------------------------------------------------------------- broken entries


# Who travels rather than works (乘车人员, 乘罐人员, 行人) and what a ride or a walk is (乘坐人车, 乘带, 上下班).
_RIDERS = ("乘车人员", "乘罐人员", "行人")
_RIDE = re.compile("乘坐|乘带|乘罐|上下班|上下车|行人")


def test_hazards_met_on_the_way_are_marked_travel(catalogue):
    """Blind read 6, H5 and H14: 乘坐架空乘人装置… and 违章乘坐非乘人带式输送机上下班 are hazards every underground
    worker meets on the way, not one post's; the data marks the class (`travel`) so no item treats them as a job's."""
    travel = {h.id for h in catalogue if h.travel}
    assert {"HZ-FY-012", "HZ-YS-007"} <= travel
    for h in catalogue:
        if h.post in _RIDERS or h.activity in ("乘带", "乘罐", "乘坐人车", "乘坐架空乘人装置"):
            assert h.travel, h.id
        if h.travel:
            assert _RIDE.search(h.post + h.activity + h.hazard), h.id
    # Counter-examples: a blaster carrying explosives in the cage and crossing a face conveyor are tasks of a post.
    assert not catalogue.get("HZ-BP-008").travel and not catalogue.get("HZ-ZC-008").travel


def test_travel_must_be_true_or_false(tmp_path, one_entry):
    one_entry["travel"] = "yes"
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\] field 'travel' must be true or false"):
        _load_single(tmp_path, one_entry)
    one_entry["travel"] = True
    assert _load_single(tmp_path, one_entry).get("HZ-ZC-001").travel


@pytest.fixture()
def one_entry() -> dict:
    raw = _raw_catalogue()
    return copy.deepcopy(raw["hazards"][0])


def _load_single(tmp_path, *entries):
    return load_catalogue(_write(tmp_path, {"hazards": list(entries)}))


def test_bad_accident_code_names_the_entry(tmp_path, one_entry):
    one_entry["accident_type"] = 21
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\].*GB 6441"):
        _load_single(tmp_path, one_entry)


def test_wrong_stored_level_names_the_entry(tmp_path, one_entry):
    one_entry["risk_level"] = "低"
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\] risk_level 低 does not match the computed level 较大"):
        _load_single(tmp_path, one_entry)


def test_duplicate_id_names_the_entry(tmp_path, one_entry):
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\] duplicate id"):
        _load_single(tmp_path, one_entry, copy.deepcopy(one_entry))


def test_value_outside_the_lec_table_names_the_entry(tmp_path, one_entry):
    one_entry["assessment"]["L"] = 4
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\] assessment L = 4 is not in the LEC L table"):
        _load_single(tmp_path, one_entry)


def test_missing_field_names_the_entry(tmp_path, one_entry):
    del one_entry["hazard"]
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\] missing field 'hazard'"):
        _load_single(tmp_path, one_entry)


def test_catch_all_control_is_rejected(tmp_path, one_entry):
    one_entry["controls"][0]["text"] = "加强培训，提高安全意识"
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\] controls\[0\]"):
        _load_single(tmp_path, one_entry)


def test_unknown_site_and_bad_prefix_are_rejected(tmp_path, one_entry):
    one_entry["site"] = "露天采场"
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\] unknown site"):
        _load_single(tmp_path, one_entry)
    one_entry["site"] = "提升"
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\] id prefix ZC"):
        _load_single(tmp_path, one_entry)


# --------------------------------------------------------------------------- companion tables


def test_major_hazard_items(catalogue):
    items = load_major_hazards()
    assert len(items) >= 25
    assert {i.version for i in items} == {2015, 2020}
    # 2026-07-01 onward exams follow order No. 21, whose text is unread: nothing is exam-ready.
    assert not any(i.usable_for_exam for i in items)
    by_id = {i.id: i for i in items}
    for i in items:
        for other in i.overlaps:
            assert i.id in by_id[other].overlaps, (i.id, other)
    two_exits = [i for i in items if "2个畅通的安全出口" in i.text]
    assert {(i.version, i.article, i.item) for i in two_exits} == {(2015, 13, 4), (2020, 13, 5)}
    check_major_refs(catalogue, items)


def test_unknown_major_hazard_ref_names_the_entry(tmp_path, one_entry, model):
    one_entry["major_hazard_ref"] = {"version": 2015, "article": 13, "item": 9}
    cat = load_catalogue(_write(tmp_path, {"hazards": [one_entry]}), model=model)
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\] major_hazard_ref"):
        check_major_refs(cat, load_major_hazards())


def test_ordinary_hazards():
    ordinary = load_ordinary_hazards()
    assert len(ordinary) >= 15
    assert len({o.text for o in ordinary}) == len(ordinary)


def test_threshold_rules():
    rules = load_thresholds()
    assert len(rules) >= 25
    assert all(isinstance(r.value, Decimal) for r in rules)
    by_place = {(r.article, r.location, r.indicator, r.action): r for r in rules}
    stop_power = by_place[("第一百九十三条", "采掘工作面及其他作业地点风流", "CH4", "停止用电作业")]
    assert (stop_power.comparator, stop_power.value) == (">=", Decimal("1.0"))
    assert any(r.scope == "矿内" for r in rules)
    co = next(r for r in rules if r.indicator == "CO")
    assert co.value == Decimal("0.0024")


def test_duplicate_threshold_rule_is_rejected(tmp_path):
    with open(DATA / "thresholds.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    twin = copy.deepcopy(data["threshold_rules"][9])
    twin["id"], twin["value"] = "TR-999", 1.5
    data["threshold_rules"].append(twin)
    with pytest.raises(HazardDataError, match=r"\[TR-999\] same location"):
        load_thresholds(_write(tmp_path, data, "thresholds.yaml"))


def test_violations():
    violations = load_violations()
    assert len(violations) >= 30
    assert {v.cls for v in violations} == {"违章指挥", "违章作业", "违反劳动纪律"}
    assert len({v.behaviour for v in violations}) == len(violations)


# --------------------------------------------------------------------------- vocabulary


def test_gb6441_names():
    assert len(GB6441_1986) == 20 and sorted(GB6441_1986) == list(range(1, 21))
    assert accident_type_name(11) == "冒顶片帮"
    assert accident_type_name(20) == "其他伤害"
    assert same_accident_name("其它伤害", accident_type_name(20))
    assert same_accident_name("其它爆炸", "其他爆炸")
    assert not same_accident_name("其他爆炸", "其他伤害")


def test_article_number():
    assert article_number("第十条") == 10
    assert article_number("第一百九十三条") == 193
    assert article_number("第四百零四条") == 404
    assert article_number("第七百七十七条") == 777
    with pytest.raises(ValueError):
        article_number("第193条")


def test_matrix_assessment_is_checked_too(tmp_path, one_entry):
    one_entry["assessment"] = {"method": "matrix", "L": 3, "S": 6}
    one_entry["risk_level"] = "较大"  # R = 18
    hazard = _load_single(tmp_path, one_entry).get("HZ-ZC-001")
    assert hazard.score == 18 and hazard.risk_level == "较大"
    one_entry["risk_level"] = "一般"
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\] risk_level 一般"):
        _load_single(tmp_path, one_entry)
    one_entry["assessment"]["S"] = 7
    with pytest.raises(HazardDataError, match=r"\[HZ-ZC-001\] assessment: matrix S"):
        _load_single(tmp_path, one_entry)
