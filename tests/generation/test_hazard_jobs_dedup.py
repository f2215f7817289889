"""Hazard questions carry their catalogue entry's 岗位 as 适用工种, a 岗位 chosen at generation draws only its own
entries, and a run does not make again what the bank already asks (blind audit, hazgen2 findings 1 and 2)."""

from __future__ import annotations

import lxml.html
import pytest
from sqlalchemy import select

from core.db import db
from corpus import jobs
from quiz.bank.models import Question
from quiz.generation import ondemand
from quiz.generation.hazard import keyed_entries, question_jobs
from quiz.generation.models import GenerationRecord
from tests.generation.test_review import review_app  # noqa: F401 - the fixture used below


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


# ---------------------------------------------------------------- finding 2: asked once


def test_the_same_entry_asked_again_with_other_distractors_has_the_same_bank_key_and_another_entry_not(
    hazard_data
) -> None:
    from quiz.generation.hazard import bank_key
    from quiz.generation.pipeline import hazard_batch

    def controls(seed):
        return {q.inputs["hazard"]: q for q in hazard_batch(hazard_data, seed, ["hazard.control"]).questions}

    first, second = controls("a"), controls("b")
    shared = sorted(set(first) & set(second))
    assert shared
    differ = [h for h in shared if first[h].options != second[h].options]
    assert differ  # the audit's case: same stem and key, other distractors
    for h in shared:
        assert bank_key(first[h].generator, first[h].inputs) == bank_key(second[h].generator, second[h].inputs)
    assert bank_key("hazard.control", {"hazard": shared[0]}) != bank_key("hazard.lec", {"hazard": shared[0]})
    assert bank_key("theory.blank", {"article": "x"}) is None


@pytest.mark.usefixtures("review_app")
def test_asking_again_for_a_job_and_site_never_asks_an_entry_twice_and_says_how_many_it_skipped(
    client, login, post_form
) -> None:
    from quiz.generation.hazard import bank_key

    login("unit_trainer")
    form = {"kind": "hazard", "count": "10", "jobs": ["采煤机司机"], "sites": ["综采工作面"]}
    pages = [post_form("/bank/review/generate", form, page="/bank/review/", follow_redirects=True).get_data(as_text=True)
             for _ in range(3)]
    assert "题库中已有（同一出处同一题型，或题干和答案相同）而跳过" in pages[-1]
    records = list(db.session.scalars(select(GenerationRecord)))
    assert records
    keys = [bank_key(r.generator, r.inputs) for r in records]
    assert len(keys) == len(set(keys)), sorted(keys)
    stems = [(q.current_version.stem, tuple(q.current_version.answer)) for q in db.session.scalars(select(Question))]
    assert len(stems) == len(set(stems))


@pytest.mark.usefixtures("review_app")
def test_the_review_page_marks_a_draft_that_asks_again_what_an_earlier_question_asks(
    client, login, hazard_data
) -> None:
    from quiz.bank import service
    from quiz.generation import review
    from quiz.generation.pipeline import hazard_batch

    first = hazard_batch(hazard_data, "a", ["hazard.control"]).questions
    second = {q.inputs["hazard"]: q for q in hazard_batch(hazard_data, "b", ["hazard.control"]).questions}
    earlier = next(q for q in first if q.inputs["hazard"] in second and second[q.inputs["hazard"]].options != q.options)
    again = second[earlier.inputs["hazard"]]
    (kept,) = review.save_questions([earlier]).saved
    assert review.save_questions([again]).saved == []  # generation no longer saves it ...
    # ... but the bank may hold one saved before: stored as the audit found it.
    (twin,) = service.save_generated([again.draft()], again.generator).saved
    db.session.add(GenerationRecord(question_id=twin.id, generator=again.generator, seed="b", inputs=again.inputs))
    db.session.commit()
    login("unit_trainer")
    page = lxml.html.document_fromstring(client.get(f"/bank/review/?ids={kept.id},{twin.id}").get_data(as_text=True))
    marks = {row.get("data-question"): row.xpath('.//p[@class="review-repeat"]') for row in page.xpath('//tr[@class="review-item"]')}
    assert not marks[str(kept.id)]
    assert f"题库第{kept.id}题" in marks[str(twin.id)][0].text_content()


@pytest.mark.usefixtures("review_app")
def test_the_count_skipped_is_of_this_request_not_of_the_whole_material(client, login, post_form, hazard_data) -> None:
    """Asking for 3 when the bank already asks most of the material says how many of those 3 were skipped (at most
    3), not how many of the material's questions the bank holds."""
    import re

    from quiz.generation import review
    from quiz.generation.pipeline import hazard_batch

    chosen, sites = ("采煤机司机",), ("综采工作面",)
    material = [q for q in hazard_batch(hazard_data, "earlier").questions
                if ondemand.hazard_matches(q, hazard_data, chosen, sites)]
    saved = review.save_questions(material).saved
    db.session.commit()
    assert len(saved) > 6
    generated = ondemand.generate(ondemand.Choice(kind="hazard", count=3, seed="later", jobs=chosen, sites=sites))
    assert 0 < generated.present <= 3

    login("unit_trainer")
    form = {"kind": "hazard", "count": "3", "jobs": list(chosen), "sites": list(sites)}
    page = post_form("/bank/review/generate", form, page="/bank/review/", follow_redirects=True).get_data(as_text=True)
    skipped = re.search(r"而跳过(\d+)道", page)
    assert skipped and 0 < int(skipped.group(1)) <= 3, page[:2000]


def test_a_site_chosen_draws_questions_whose_keyed_entries_are_there_as_a_job_chosen_does(hazards, hazard_data) -> None:
    """Which entries a question rests on is `keyed_entries` for the site as for the job: a scene asking a control is
    at its target's sites, not at those of the hazards that only set the scene."""
    by_id = {h.id: h for h in hazard_data.catalogue}
    setting_only = 0
    for q in hazards.questions:
        if q.generator == "hazard.site":
            continue
        keyed = keyed_entries(q.inputs)
        for site in {s for i in q.inputs.get("hazards") or keyed for s in by_id[i].sites if i in by_id}:
            at_site = any(site in by_id[i].sites for i in keyed if i in by_id)
            assert ondemand.hazard_matches(q, hazard_data, (), (site,)) == at_site, (q.inputs, site)
            setting_only += not at_site
    assert setting_only  # scenes whose setting alone is at a site: no longer drawn for it
    assert not hasattr(ondemand, "_hazard_ids")


def test_the_review_page_shows_every_entry_a_question_names(hazards) -> None:
    site = next(q for q in hazards.questions if q.generator == "hazard.site")
    scene = next(q for q in hazards.questions if q.inputs.get("ask") == "control" and len(q.inputs["hazards"]) > 1)
    shown = ondemand.hazard_source(site.inputs, site.generator)
    assert len(shown.paragraphs) == len(site.inputs["correct"]) + len(site.inputs["wrong"])
    assert len(ondemand.hazard_source(scene.inputs, scene.generator).paragraphs) == len(scene.inputs["hazards"])
