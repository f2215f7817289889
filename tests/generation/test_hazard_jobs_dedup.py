"""Hazard questions carry their catalogue entry's 岗位 as 适用工种, a 岗位 chosen at generation draws only its own
entries, and a run does not make again what the bank already asks (blind audit, hazgen2 findings 1 and 2)."""

from __future__ import annotations

from corpus import jobs
from quiz.generation import ondemand
from quiz.generation.hazard import keyed_entries, question_jobs


def test_every_question_on_catalogue_entries_is_saved_for_the_posts_of_the_entries_its_key_rests_on(
    hazards, hazard_data
) -> None:
    by_id = {h.id: h for h in hazard_data.catalogue}
    checked = 0
    for q in hazards.questions:
        ids = keyed_entries(q.inputs)
        if q.generator == "hazard.site":
            assert q.draft().jobs == (jobs.canonical(q.inputs["post"]),)
        elif ids:
            assert q.draft().jobs == tuple(jobs.stored(by_id[i].post for i in ids)), q.inputs
            checked += 1
    assert checked > 50


def test_a_scene_asking_a_control_is_for_the_post_of_its_target_not_of_the_anchor(hazards, hazard_data) -> None:
    by_id = {h.id: h for h in hazard_data.catalogue}
    mixed = [q for q in hazards.questions if q.inputs.get("ask") == "control"
             and {jobs.canonical(by_id[i].post) for i in q.inputs["hazards"]} != {jobs.canonical(by_id[q.inputs["target"]].post)}]
    assert mixed
    for q in mixed:
        assert question_jobs(q, hazard_data) == (jobs.canonical(by_id[q.inputs["target"]].post),)


def test_a_job_chosen_draws_only_questions_whose_every_keyed_entry_is_that_jobs(hazards, hazard_data) -> None:
    chosen = ("采煤机司机",)
    kept = [q for q in hazards.questions if ondemand.hazard_matches(q, hazard_data, chosen, ())]
    assert kept
    for q in kept:
        assert question_jobs(q, hazard_data) == chosen, q.inputs
    site = [q for q in hazards.questions if ondemand.hazard_matches(q, hazard_data, chosen, ("综采工作面",))]
    assert site and all(q.draft().jobs == chosen for q in site)
