"""The review page's 重复 marks read only the questions that could share a key with the page's own, not every hazard
question of the bank, and mark what marking against the whole bank marks (quiz.generation.dedupe)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.db import db
from quiz.bank import service
from quiz.bank.models import Question
from quiz.generation import dedupe
from quiz.generation.models import GenerationRecord
from quiz.generation.pipeline import hazard_batch
from tests.generation.test_review import review_app  # noqa: F401 - the fixture used below


def _store(questions) -> list[Question]:
    """Hazard questions stored as generated drafts with their records, repeats and all (as an older bank holds them)."""
    stored: list[Question] = []
    for generator in sorted({q.generator for q in questions}):
        group = [q for q in questions if q.generator == generator]
        by_key = {q.draft().content_key: q for q in group}
        for question in service.save_generated([q.draft() for q in group], generator).saved:
            db.session.add(GenerationRecord(question_id=question.id, generator=generator, seed="t",
                                            inputs=by_key[question.content_key].inputs))
            stored.append(question)
    db.session.commit()
    return stored


def _records(questions) -> dict[int, GenerationRecord]:
    ids = [q.id for q in questions]
    return {r.question_id: r for r in db.session.scalars(select(GenerationRecord)
                                                          .where(GenerationRecord.question_id.in_(ids)))}


def _against_the_whole_bank(questions, records) -> dict[int, int]:
    """What the marks were before: every hazard question of the bank read (`present_keys`)."""
    present = dedupe.present_keys()
    out = {}
    for q in questions:
        version, record = q.current_version, records.get(q.id)
        texts = {o.get("key"): o.get("text", "") for o in version.options or ()}
        keys = dedupe.asked_keys(q.generator, record.inputs if record else None, version.stem,
                                 [texts.get(k, k) for k in version.answer or ()])
        earlier = [present[k] for k in keys if k in present and present[k] < q.id]
        if earlier:
            out[q.id] = min(earlier)
    return out


@pytest.mark.usefixtures("review_app")
def test_the_marks_read_only_what_could_repeat_the_pages_questions_and_mark_the_same(hazard_data, monkeypatch):
    first = _store(hazard_batch(hazard_data, "a").questions)  # every kind: entries, scenes, 场所, tables
    second = _store(hazard_batch(hazard_data, "b").questions)
    for question in first[::7]:  # a retired question no longer counts
        question.status = "retired"
    db.session.commit()
    bank = len(first) + len(second)
    assert bank > 300 and len({q.generator for q in second}) > 4
    page = second[:5] + second[-5:]
    records = _records(page)
    expected = _against_the_whole_bank(page, records)
    assert expected  # the second run asks again much of what the first asks

    read = {"rows": 0}
    for name in ("bank_key", "stem_answer_key"):
        real = getattr(dedupe, name)

        def counting(*args, _real=real, **kwargs):
            read["rows"] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(dedupe, name, counting)
    assert dedupe.repeats(page, records) == expected
    assert read["rows"] < bank // 4, (read, bank)


@pytest.mark.usefixtures("review_app")
def test_the_review_page_does_not_read_the_whole_bank(client, login, hazard_data, monkeypatch):
    stored = _store(hazard_batch(hazard_data, "a", ["hazard.control"]).questions)
    again = _store(hazard_batch(hazard_data, "b", ["hazard.control"]).questions)

    def whole_bank():
        raise AssertionError("the review page read every hazard question of the bank")

    monkeypatch.setattr(dedupe, "present_keys", whole_bank)
    login("unit_trainer")
    page = client.get(f"/bank/review/?ids={stored[0].id},{again[0].id}")
    assert page.status_code == 200


@pytest.mark.usefixtures("review_app")
def test_a_question_asking_again_with_other_wrong_options_is_marked(hazard_data):
    """Found only by its stem and answer (no record to compare sources by): the bank's search key holds the options
    too, so the earlier question is found by the key's first line, the stem, whatever its wrong options."""
    from dataclasses import replace

    from quiz.bank.types import Option

    original = next(q for q in _store(hazard_batch(hazard_data, "a", ["hazard.accident_type"]).questions)
                    if len(q.current_version.options or ()) > len(q.current_version.answer or ()))
    draft = original.to_draft()
    right = set(draft.answer)
    options = tuple(o if o.key in right else Option(o.key, f"{o.text}（另一种说法）") for o in draft.options)
    again = service.save_generated([replace(draft, options=options, status="draft")], original.generator).saved[0]
    db.session.commit()
    assert again.content_key != original.content_key
    records = _records([again])
    assert dedupe.repeats([again], records) == {again.id: original.id} == _against_the_whole_bank([again], records)
