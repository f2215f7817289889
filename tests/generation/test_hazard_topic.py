"""Blind read 17 (issue 16), H1: a hazard item whose key can be picked by topic. A water scene (探放水超前距, 下山积水,
强降雨) offered its water measure beside three fire measures, because every other hazard of the water site shares the
scene's accident type and the wrong options came from the nearest site. Where the key's own site has too few measures
against other types, a hazard of the targets' type at that site, for another job than the targets', gives wrong options
first (`hazard.control_distractors`); a measure of the targets' own job and type is never offered (an electrician's
验电、放电、闭锁 beside his 检修时线路意外送电 may well hold)."""

from __future__ import annotations

import random

from quiz.generation.hazard import HazardData, control_distractors
from quiz.generation.scenes import scenario_questions

SEEDS = [str(seed) for seed in range(6)]


def _owners(data: HazardData) -> dict[str, list]:
    owners: dict[str, list] = {}
    for h in data.catalogue:
        for c in h.controls:
            owners.setdefault(c.text, []).append(h)
    return owners


def test_a_water_scene_is_offered_water_measures() -> None:
    data = HazardData.load()
    by_id = {h.id: h for h in data.catalogue}
    owners = _owners(data)
    scene = [by_id["HZ-FS-001"], by_id["HZ-FS-008"], by_id["HZ-FS-005"]]
    for seed in range(8):
        wrong = control_distractors(scene, data, random.Random(seed), 3)
        assert len(wrong) == 3
        assert all(any(h.site == "防治水" for h in owners[w]) for w in wrong), wrong
        # Never a measure of a listed hazard, nor of the same job and type as one (探放水工's 放水 beside 超前距).
        jobs = {(h.post, h.accident_type) for h in scene}
        assert not any((h.post, h.accident_type) in jobs or h in scene for w in wrong for h in owners[w]), wrong


def test_no_measure_of_the_targets_own_job_and_type() -> None:
    data = HazardData.load()
    owners = _owners(data)
    for seed in SEEDS:
        for q in scenario_questions(data, seed):
            if q.inputs["ask"] != "control":
                continue
            listed = {h for h in data.catalogue if h.id in q.inputs["hazards"]}
            types = {h.accident_type for h in listed}
            for w in q.inputs["wrong"]:
                for h in owners[w]:
                    if h.accident_type in types:
                        assert h.site in {t.site for t in listed} and h.post not in {t.post for t in listed}, (q.stem, w)


def test_scenes_mostly_offer_the_keys_own_topic() -> None:
    # Over a run's scenes and control items, a wrong option of the key's own site stands beside nearly every key.
    data = HazardData.load()
    owners = _owners(data)
    by_id = {h.id: h for h in data.catalogue}
    asked = off_topic = 0
    for seed in SEEDS:
        for q in scenario_questions(data, seed):
            if q.inputs["ask"] != "control":
                continue
            site = by_id[q.inputs["target"]].site
            asked += 1
            off_topic += not any(site in h.sites for w in q.inputs["wrong"] for h in owners[w])
    assert asked and off_topic * 20 <= asked, (off_topic, asked)
