"""Hazard items after issue 16's blind read (bench/generation_blind_read.md): the general causes
the read names, each with its example paraphrased."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from corpus import hazards as hz
from quiz.generation.hazard import accident_type, confirmed_2025, distinct_facts, facts, situation
from quiz.generation.ondemand import hazard_source
from quiz.generation.pipeline import hazard_batch
from quiz.generation.rules import PRACTICE_LABEL, threshold
from quiz.generation.scenes import described, scenario_questions
from quiz.generation.verify import Verifier

SEED = "2026"


def gb2025(items) -> list:  # noqa: ANN001
    """The accident-type items asked under GB 6441-2025 (the others ask the coal category, see test_hazard_coal_category)."""
    return [q for q in items if q.inputs["standard"] == "GB 6441-2025"]


def test_judgements_under_the_superseded_2020_standard_only_on_request(hazard_data, hazards) -> None:
    """Items 42 and 48 cited the 2020 判定标准, replaced by 应急管理部令第21号 since 2026-07-01: a default
    run makes none; asked for by name, each opens with a practice-only label naming both versions."""
    assert not [q for q in hazards.questions if q.generator == "hazard.major" or "判定标准" in q.stem]
    asked = hazard_batch(hazard_data, SEED, ["hazard.major"]).questions
    assert asked and Verifier((), hazard_data).verify(asked).ok
    for q in asked:
        assert q.stem.startswith(PRACTICE_LABEL) and "年版" in q.stem and "第21号" in q.stem
        assert q.inputs["exam_ready"] is False and "不得用于考试" in q.explanation


def test_threshold_stems_read_as_sentences_not_table_rows(hazard_data) -> None:
    """Item 56: 总回风巷（甲烷传感器）甲烷浓度达到（ ）时，报警 was table 19's row glued together."""
    questions = list(threshold(hazard_data, SEED))
    assert len(questions) >= 30 and Verifier((), hazard_data).verify(questions).ok
    by_rule = {q.inputs["rule"]: q for q in questions}
    sensor = by_rule["TR-044"]  # 总回风巷（甲烷传感器）, CH4 ≥ 0.75%, 报警
    assert sensor.stem.endswith("总回风巷的甲烷传感器在甲烷浓度达到（ ）时报警。")
    assert "0.75%时报警" in sensor.explanation
    for q in questions:
        assert "（甲烷传感器）" not in q.stem and "时，报警" not in q.stem and "（表" not in q.stem
        assert "。" not in q.stem[:-1].split("，", 1)[1]  # one sentence
    # 断电（掘进巷道内全部非本质安全型电气设备） reads as what the sensor cuts.
    assert "时切断掘进巷道内全部非本质安全型电气设备的电源。" in by_rule["TR-042"].stem
    # A bracketed condition leads the sentence: 局部通风机停风区（恢复通风前）.
    assert "，恢复通风前，局部通风机停风区甲烷浓度超过（ ）时" in by_rule["TR-018"].stem


def test_accident_types_answer_under_gb_6441_2025_naming_the_1986_class(trained_2025) -> None:
    """Items 47 and 59 answered 依据GB 6441-1986, replaced since 2026-07-01: the stem now names
    GB 6441-2025, the key is its class, and the explanation names the 1986 class."""
    questions = {q.inputs["hazard"]: q for q in gb2025(accident_type(trained_2025, SEED))}
    assert len(questions) >= 5  # wrong classes met at the site or post only (blind read 4, H4, H12): 7 of 30
    for q in questions.values():
        assert "GB 6441-2025《生产安全事故分类与编码》" in q.stem and "1986" not in q.stem
        assert {o.text for o in q.options} <= set(hz.GB6441_2025)
    key = {hid: next(o.text for o in q.options if o.key in q.answer) for hid, q in questions.items()}
    # A class both standards keep says so.
    assert key["HZ-YS-011"] == "触电" and "与GB 6441-1986的类别同名" in questions["HZ-YS-011"].explanation
    # The new standard splits 车辆伤害 (厂内 / 道路轨道): an entry that does not settle which is not asked.
    assert not [hid for hid in questions if trained_2025.catalogue.get(hid).accident_type == 2]


def test_an_unconfirmed_2025_class_is_never_keyed(trained_2025) -> None:
    """Blind read 2, H5, H9, H11, H12: 冒顶片帮 → 坍塌, 透水 → 水害, 瓦斯爆炸 → 可燃气体爆炸 are mappings by
    name only (HAZARDS.md §1: not to be asked before they are checked against the standard's text). Only a
    class a trainer set, or one of the same name in both versions (触电, 火灾 …), is keyed."""
    items = gb2025(accident_type(trained_2025, SEED)) + [
        q
        for q in scenario_questions(trained_2025, SEED)
        if q.inputs["ask"] == "accident_type" and q.inputs["standard"] == "GB 6441-2025"
    ]
    asked = {i for q in items for i in q.inputs.get("hazards") or [q.inputs["hazard"]]}
    for hid in ("HZ-JJ-014", "HZ-JJ-003", "HZ-FS-007", "HZ-ZC-007"):
        assert hid not in asked, hid
    for q in items:
        key = next(o.text for o in q.options if o.key in q.answer)
        assert key in {"物体打击", "触电", "淹溺", "灼烫", "火灾", "高处坠落", "坍塌", "容器爆炸"}, q.stem
        assert q.inputs["class_1986"] == key
    # A trainer's class confirms a mapping: the entry is then asked under it.
    roof = trained_2025.catalogue.get("HZ-JJ-003")
    assert confirmed_2025(roof) is None
    assert confirmed_2025(dataclasses.replace(roof, accident_type_2025="坍塌")) == "坍塌"


def test_a_cut_consequence_still_says_how_anyone_is_at_risk() -> None:
    """Item 59: …停机后输送带倒转，煤块滚落伤人 was cut to …输送带倒转, which no longer says how anyone
    is hurt; the motion stays, the injury (and so the key 物体打击) goes."""
    text = "上运带式输送机未装防逆转装置和制动装置，停机后输送带倒转，煤块滚落伤人"
    assert situation(text) == "上运带式输送机未装防逆转装置和制动装置，停机后输送带倒转，煤块滚落"
    assert situation("启动前未发出预警信号，滚筒旋转伤及附近人员") == "启动前未发出预警信号，滚筒旋转"
    # An injury with no motion before it still goes whole: 撞伤行人, 截割头伤人.
    assert situation("行近弯道时未减速鸣笛，撞伤行人") == "行近弯道时未减速鸣笛"
    assert situation("开机前未确认截割臂附近无人，截割头伤人") == "开机前未确认截割臂附近无人"


def test_scenes_show_the_state_and_a_consequence_only_as_a_possibility(hazard_data) -> None:
    """Items 45, 46 and 60 listed the accident as something found on site (现场检查发现：…顶板垮落砸压)."""
    questions = list(scenario_questions(hazard_data, SEED))
    assert questions and Verifier((), hazard_data).verify(questions).ok
    for q in questions:
        assert "发现：" not in q.stem and "辨识出" in q.stem
        for hid in q.inputs["hazards"]:
            h = hazard_data.catalogue.get(hid)
            rest = h.hazard[len(situation(h.hazard)) :].lstrip("，")
            if q.inputs["ask"] == "accident_type" or not rest:
                assert rest not in q.stem or not rest
            else:
                assert h.hazard in q.stem or f"{situation(h.hazard)}（可能导致" in q.stem
    catalogue = hazard_data.catalogue
    shown = described(catalogue.get("HZ-JJ-001"), consequence=True)
    assert shown == "截割完成后未及时架设临时支护，人员进入无支护的顶板下作业（可能导致顶板垮落砸压）"
    # No causal verb after 可能导致 (…得不到处理，酿成瓦斯爆炸).
    assert described(catalogue.get("HZ-TF-009"), consequence=True).endswith("（可能导致瓦斯爆炸）")
    # Cut inside a clause (煤块滚落 | 伤人): the entry stays whole rather than （可能导致伤人）.
    assert described(catalogue.get("HZ-YS-005"), consequence=True).endswith("煤块滚落伤人")


def test_one_question_per_hazard_and_key(hazard_data, hazards) -> None:
    """The read found facts asked twice in one run: a one-hazard scene asking the class its hazard's own
    type question asks, or a scene's control offered again as right by a controls question."""
    candidates = list(accident_type(hazard_data, SEED)) + list(scenario_questions(hazard_data, SEED))
    assert len(distinct_facts(candidates)) < len(candidates)
    tested: dict[tuple[str, str], str] = {}
    for q in hazards.questions:
        for fact in facts(q):
            assert fact not in tested, (fact, q.stem, tested[fact])
            tested[fact] = q.stem
    generators = {q.generator for q in hazards.questions}
    assert {"hazard.scenario", "hazard.accident_type", "hazard.control"} <= generators


def test_review_source_of_a_type_item_shows_both_standards() -> None:
    source = hazard_source({"hazard": "HZ-ZC-003"}, "hazard.accident_type")
    line = source.paragraphs[-1]
    assert "GB 6441-2025“坍塌”" in line and "GB 6441-1986“冒顶片帮”，代码11" in line and "未经培训员" in line


def test_threshold_distractors_are_of_the_keys_magnitude(hazard_data) -> None:
    """2℃ beside 26℃ as the heat limit, or 8m/s as a lowest wind speed, is ruled out at a glance."""
    for q in threshold(hazard_data, SEED):
        rule = next(r for r in hazard_data.thresholds if r.id == q.inputs["rule"])
        if rule.unit in ("℃", "m/s"):
            values = [Decimal(o.text.removesuffix(rule.unit)) for o in q.options]
            assert all(rule.value / 4 <= v <= rule.value * 4 for v in values), q.stem


def test_a_cut_at_a_causal_word_leaves_no_bare_word() -> None:
    text = "冲击地压危险区爆破时起爆距离不足300m，爆破诱发的动力显现伤人"
    assert situation(text) == "冲击地压危险区爆破时起爆距离不足300m"


def test_no_distractor_the_entry_hints_at(trained_2025) -> None:
    """封闭火区时未检测甲烷、一氧化碳…: 中毒 would be arguable, so it is not offered beside 可燃气体爆炸."""
    for q in gb2025(accident_type(trained_2025, SEED)) + list(scenario_questions(trained_2025, SEED)):
        if q.inputs["ask" if "ask" in q.inputs else "standard"] == "control":
            continue
        text = "".join(trained_2025.catalogue.get(i).hazard for i in q.inputs.get("hazards") or [q.inputs["hazard"]])
        wrong = {o.text for o in q.options if o.key not in q.answer}
        if "一氧化碳" in text or "有害气体" in text:
            assert "中毒" not in wrong, q.stem
        if "积水" in text:
            assert "水害" not in wrong, q.stem
