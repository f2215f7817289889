"""Hazard items after issue 16's blind read (bench/generation_blind_read.md): the general causes
the read names, each with its example paraphrased."""

from __future__ import annotations

from quiz.generation.pipeline import hazard_batch
from quiz.generation.rules import PRACTICE_LABEL, threshold
from quiz.generation.verify import Verifier

SEED = "2026"


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
