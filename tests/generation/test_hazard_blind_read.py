"""Hazard items after issue 16's blind read (bench/generation_blind_read.md): the general causes
the read names, each with its example paraphrased."""

from __future__ import annotations

from quiz.generation.pipeline import hazard_batch
from quiz.generation.rules import PRACTICE_LABEL
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
