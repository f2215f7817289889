"""Blind read 6 (issue 16): scene and control items offer wrong measures of the key's own site, keys do not echo the
stem, and a hazard met on the way is never a post's wrong option."""

from __future__ import annotations

import random

import pytest

from quiz.generation.hazard import (
    CAUSE_WORDS_LEAST,
    NEAR_SITES,
    control,
    control_distractors,
    echo,
    echoes,
    quiet_keys,
    site_hazards,
    situation,
    words,
)
from quiz.generation.scenes import scenario_questions

SEEDS = ("1", "7", "5521")


def _owners(data) -> dict[str, list]:
    """Each control text → the catalogue entries that list it."""
    owners: dict[str, list] = {}
    for h in data.catalogue:
        for c in h.controls:
            owners.setdefault(c.text, []).append(h)
    return owners


def _control_items(data, seed):
    scenes = [q for q in scenario_questions(data, seed) if q.inputs["ask"] == "control"]
    return scenes, list(control(data, seed))


@pytest.mark.parametrize("seed", SEEDS)
def test_wrong_measures_belong_to_the_key_site_or_its_nearest(hazard_data, seed):
    """H3 H6 H7 H15 H18: a blasting scene offered 采空区注氮, 架空线, 罐笼阻车器; a 供电 scene 井口作业系保险带. Every
    wrong option is now a measure of the key's site, or of the site nearest it when the site has too few."""
    catalogue, owners = hazard_data.catalogue, _owners(hazard_data)
    scenes, controls = _control_items(hazard_data, seed)
    assert len(scenes) >= 30 and len(controls) >= 40  # counter-example: both kinds are still asked
    same = total = 0
    for q in scenes + controls:
        hazards = [catalogue.get(i) for i in q.inputs.get("hazards") or [q.inputs["hazard"]]]
        sites = {s for h in hazards for s in h.sites}
        near = sites | {n for s in sites for n in NEAR_SITES.get(s, ())}
        for wrong in q.inputs["wrong"]:
            at = {s for h in owners[wrong] for s in h.sites}
            assert at & near, (q.stem, wrong)
            total += 1
            same += bool(at & sites)
    assert same / total >= 0.8


def test_a_blasting_scene_is_offered_blasting_measures(hazard_data):
    """H7 and H15 (HZ-BP-010, HZ-BP-011): the wrong options came from 防灭火, 主运输 and 提升."""
    catalogue = hazard_data.catalogue
    targets = [catalogue.get("HZ-BP-010"), catalogue.get("HZ-BP-011")]
    blasting = {c.text for h in catalogue.by_site("井下爆破") for c in h.controls}
    for n in range(20):
        wrong = control_distractors(targets, hazard_data, random.Random(n), 3)
        assert len(wrong) == 3 and set(wrong) <= blasting, wrong
        assert not {"采空区注氮、灌浆或喷洒阻化剂，封堵两端头漏风", "提升矿车的罐笼内装阻车器"} & set(wrong)
        # Each answers another hazard, and none the two stated causes.
        sources = [next(h.id for h in catalogue if w in {c.text for c in h.controls}) for w in wrong]
        assert len(set(sources)) == 3 and not {"HZ-BP-010", "HZ-BP-011"} & set(sources)
        for w in wrong:
            assert all(len(words(w) & words(situation(t.hazard))) < CAUSE_WORDS_LEAST for t in targets), w


def test_a_small_site_draws_on_its_nearest(hazard_data):
    """普采/炮采 has two entries: its wrong measures come from 综采 and 井下爆破, its nearest, not from 提升."""
    catalogue = hazard_data.catalogue
    target = catalogue.get("HZ-PC-002")
    owners = _owners(hazard_data)
    for n in range(10):
        wrong = control_distractors([target], hazard_data, random.Random(n), 3)
        assert len(wrong) == 3
        assert all({s for h in owners[w] for s in h.sites} & {"普采/炮采工作面", *NEAR_SITES["普采/炮采工作面"]} for w in wrong)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_measure_that_fits_any_hazard_of_the_site_is_never_wrong(hazard_data, seed):
    """Drawn from the key's own site, 提升系统每天专人检查、每月全面检查 stood beside a 过卷 key and 作业人员掌握突出预兆，
    发现预兆立即撤人 beside 探放水: right for any hazard there, so never a wrong option."""
    scenes, controls = _control_items(hazard_data, seed)
    fits_any = (
        "提升系统每天专人检查、每月全面检查", "作业人员掌握突出预兆，发现预兆立即撤人", "制定安全措施后方可作业",
        "试验记录存档备查", "查明原因并处理后重新评估",
    )
    for q in scenes + controls:
        assert not set(fits_any) & set(q.inputs["wrong"]), q.stem
    # Counter-example: a specific measure that withdraws people from one spot may still be the key.
    assert any("撤" in q.inputs["correct"] for q in scenes) or any("撤" in c for q in controls for c in q.inputs["correct"])

# --------------------------------------------------------------------------- keys that echo the stem


def test_a_key_that_restates_the_hazard_echoes():
    # H7: the key repeats 爆破地点20m内 and 巷道断面; the other control of HZ-BP-011 does not.
    blasting = "爆破地点20m内矿车或未清除的煤矸堵塞巷道断面1/3以上仍装药爆破，人员撤离受阻被飞石崩伤"
    assert echoes("装药前检查爆破地点20m内巷道断面畅通", blasting)
    assert not echoes("清除堵塞物后方可装药", blasting)
    # H15: 班组长…连接脚线 (six shared words); the other control of HZ-BP-010 shares four.
    wiring = "班组长以外的非专业人员连接脚线或爆破员以外人员通电，提前起爆崩伤人员"
    assert echoes("脚线连接只能由经过训练的班组长协助爆破员进行", wiring)
    assert not echoes("连接通信电缆、检查线路和通电只准爆破员一人操作", wiring)
    # H8: 过放距离内 is five characters word for word.
    assert echoes("过放距离内安设缓冲装置", "井底过放距离内积水积物，容器过放时撞击")
    # H3: both controls name 透水征兆; the one that also repeats 停…撤…人 repeats more.
    signs = "出现挂红、挂汗、水叫、淋水加大等透水征兆后未停工撤人"
    assert echo("作业人员掌握透水征兆识别", signs) < echo("发现透水征兆立即停止作业，撤出受水患威胁地点的人员", signs)
    assert quiet_keys(["发现透水征兆立即停止作业，撤出受水患威胁地点的人员", "作业人员掌握透水征兆识别"], signs)[0] == (
        "作业人员掌握透水征兆识别"
    )


def test_a_shared_name_of_a_thing_is_no_echo():
    # Counter-examples that must stay keys: the thing's name (甲烷传感器, 单体液压支柱) is how both must speak of it.
    assert not echoes("甲烷传感器用校准气样在设置地点调校", "甲烷传感器未按期调校或被人为包裹、移位，瓦斯超限不报警不断电")
    assert not echoes("初撑力不得低于设计值的80%，失效支柱升井检修", "使用失效单体液压支柱或支柱初撑力不足，支柱失稳倒伤人")
    assert not echoes("抽采管路定期检漏，泵站设甲烷传感器和防回火装置", "抽采管路漏气或泵站附近有明火，抽采瓦斯燃烧爆炸")


@pytest.mark.parametrize("seed", SEEDS)
def test_no_generated_key_echoes_its_stem(hazard_data, seed):
    catalogue = hazard_data.catalogue
    scenes, controls = _control_items(hazard_data, seed)
    for q in scenes:
        assert not echoes(q.inputs["correct"], q.stem), q.stem
        assert q.inputs["correct"] != "装药前检查爆破地点20m内巷道断面畅通"
        if q.inputs["target"] == "HZ-FS-003":
            assert q.inputs["correct"] == "作业人员掌握透水征兆识别"
    for q in controls:
        shown = catalogue.get(q.inputs["hazard"]).hazard
        assert all(not echoes(c, shown) for c in q.inputs["correct"]), q.stem
        assert q.inputs["hazard"] != "HZ-TS-014"  # every pair of its controls echoes the stem: not asked


# --------------------------------------------------------------------------- hazards met on the way


@pytest.mark.parametrize("seed", SEEDS)
def test_a_hazard_met_on_the_way_is_never_a_post_option(hazard_data, seed):
    """H5 (采煤机司机) and H14 (探放水工) offered 乘坐架空乘人装置… and 违章乘坐非乘人带式输送机上下班 as another job's
    hazards; every underground worker meets them."""
    catalogue = hazard_data.catalogue
    items = list(site_hazards(hazard_data, seed))
    assert len(items) >= 25  # counter-example: every site still has its post items
    for q in items:
        ids = q.inputs["wrong"] + q.inputs["correct"]
        assert not [i for i in ids if catalogue.get(i).travel], q.stem
        assert not {"HZ-FY-012", "HZ-YS-007"} & set(ids)
