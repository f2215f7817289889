"""Hazard questions that ask again what the bank already asks: the same catalogue entry (or table row) asked the
same way with other distractors, or the same stem with the same key (blind audit hazgen2, finding 2).

`asked_keys` names what a hazard question asks; generation leaves out what the bank holds (`present_keys`,
`generated_keys`), and the review page marks a draft that asks again what an earlier question asks (`repeats`,
which reads only the questions that could share a key with the page's own).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select

from core.db import db
from quiz.bank.models import Question, QuestionVersion
from quiz.bank.text import content_key, search_form
from quiz.generation.hazard import bank_key
from quiz.generation.models import GenerationRecord
from quiz.generation.records import GeneratedQuestion

HAZARD = "hazard.%"  # the generators whose questions are deduplicated (Question.generator LIKE)


def stem_answer_key(stem: str, answer_texts: Iterable[str]) -> str:
    """The normalised stem with the answer's texts: the same question whatever its wrong options."""
    return "answer:" + content_key(stem, ["\x1e", *answer_texts])


def asked_keys(generator: str | None, inputs: dict | None, stem: str, answer_texts: Iterable[str]) -> set[str]:
    """What a hazard question asks, as keys another question asking it again shares: its source and kind
    (`hazard.bank_key`) and its stem with its answer (`stem_answer_key`); none for a question of another kind."""
    key = bank_key(generator or "", inputs)
    if key is None and not (generator or "").startswith("hazard."):
        return set()
    return {k for k in (key, stem_answer_key(stem, answer_texts)) if k}


def generated_keys(question: GeneratedQuestion) -> set[str]:
    """`asked_keys` of a question just generated."""
    by_key = {o.key: o.text for o in question.options}
    return asked_keys(question.generator, question.inputs, question.stem, [by_key.get(k, k) for k in question.answer])


def _answer_texts(options: list[dict] | None, answer: list[str] | None) -> list[str]:
    """The texts of a stored version's answer (its letters' options; a blank's answer as written)."""
    texts = {o.get("key"): o.get("text", "") for o in options or ()}
    return [texts.get(k, k) for k in answer or ()]


def _stored_keys(generator: str | None, inputs: dict | None, stem: str, options, answer) -> set[str]:
    """`asked_keys` of a stored question from its current version's columns."""
    return asked_keys(generator, inputs, stem, _answer_texts(options, answer))


def _present(*where) -> dict[str, int]:
    """`asked_keys` of the hazard questions the bank holds (any status but retired) matching `where` → the first such
    question's id."""
    rows = db.session.execute(
        select(Question.id, Question.generator, GenerationRecord.inputs, QuestionVersion.stem, QuestionVersion.options,
               QuestionVersion.answer)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .outerjoin(GenerationRecord, GenerationRecord.question_id == Question.id)
        .where(Question.status != "retired", Question.generator.like(HAZARD), *where)
        .order_by(Question.id)
    )
    out: dict[str, int] = {}
    for qid, generator, inputs, stem, options, answer in rows:
        for key in _stored_keys(generator, inputs, stem, options, answer):
            out.setdefault(key, qid)
    return out


def present_keys() -> dict[str, int]:
    """`asked_keys` of every hazard question the bank holds (any status but retired) → the first such question's id."""
    return _present()


# The inputs naming what a hazard question asks of which source (`hazard.bank_key`): its entry, a scene's target, a
# 场所危险源 item's 场所, the row of a table; a scene asking the class names its entries in "hazards".
SOURCE_FIELDS = ("hazard", "target", "site", "rule", "item", "ordinary", "violation")


def _may_share_source(shown_inputs: list[dict]):
    """A condition on GenerationRecord.inputs that every stored question whose `bank_key` one of the shown questions
    shares meets (and few others): one of its source fields holds a value a shown question names — for the entries
    of a scene asking the class, its first entry is one of them, in whatever order it lists them. Questions without
    a record are kept (their key is read from their generator alone)."""
    values = {str(v) for inputs in shown_inputs for f in SOURCE_FIELDS if isinstance(v := inputs.get(f), str)}
    values |= {str(h) for inputs in shown_inputs for h in inputs.get("hazards") or ()}
    named = sorted(values)
    inputs = GenerationRecord.inputs
    return or_(GenerationRecord.id.is_(None), inputs[("hazards", 0)].as_string().in_(named),
               *(inputs[f].as_string().in_(named) for f in SOURCE_FIELDS))


def _stem_is_one_of(stems: set[str]):  # noqa: ANN202 - an SQL condition
    """Questions whose stem, as the bank's search key holds it (its first line: quiz.bank.text.search_key), is
    one of these; the options follow on the key's next lines, so a repeat with other wrong options is found."""
    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(Question.search_key.in_(sorted(stems)),
               *(Question.search_key.like(f"{escaped(stem)}\n%", escape="\\") for stem in sorted(stems)))


def repeats(questions: Iterable[Question], records: dict[int, GenerationRecord]) -> dict[int, int]:
    """Each shown hazard question that asks again what an earlier question still in the bank asks (`asked_keys`) →
    that question's id: the review page marks it, so that a trainer does not approve the same item twice.

    Only the questions that could share a key are read, not the whole bank: earlier ones of the same generator (a
    `bank_key` begins with it; their inputs alone say it) and earlier ones with the same normalised stem
    (the first line of Question.search_key: a `stem_answer_key` begins with it)."""
    shown: dict[int, set[str]] = {}
    shown_inputs: list[dict] = []
    stems: set[str] = set()
    generators: set[str] = set()
    for question in questions:
        version = question.current_version
        if version is None:
            continue
        record = records.get(question.id)
        keys = _stored_keys(question.generator, record.inputs if record else None, version.stem, version.options,
                            version.answer)
        if keys:
            shown[question.id] = keys
            stems.add(search_form(version.stem))
            generators.add(question.generator or "")
            shown_inputs.append((record.inputs or {}) if record else {})
    if not shown:
        return {}
    earlier = (Question.status != "retired", Question.generator.like(HAZARD), Question.id < max(shown))
    present: dict[str, int] = {}
    for qid, generator, inputs in db.session.execute(
            select(Question.id, Question.generator, GenerationRecord.inputs)
            .outerjoin(GenerationRecord, GenerationRecord.question_id == Question.id)
            .where(*earlier, Question.generator.in_(sorted(generators)), _may_share_source(shown_inputs))
            .order_by(Question.id)):
        if (key := bank_key(generator or "", inputs)) is not None:
            present.setdefault(key, qid)
    for qid, stem, options, answer in db.session.execute(
            select(Question.id, QuestionVersion.stem, QuestionVersion.options, QuestionVersion.answer)
            .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
            .where(*earlier, _stem_is_one_of(stems)).order_by(Question.id)):
        key = stem_answer_key(stem, _answer_texts(options, answer))
        present[key] = min(qid, present.get(key, qid))
    out: dict[int, int] = {}
    for qid, keys in shown.items():
        before = [present[k] for k in keys if k in present and present[k] < qid]
        if before:
            out[qid] = min(before)
    return out
