"""The verifier catches what a generator bug would produce: each test breaks one sound question."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quiz.bank.types import Option
from quiz.generation.records import Change
from quiz.generation.theory import TheoryPools, blank_number, judge, single_number, single_term
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

RECORD = article("煤矿企业应当每年至少组织2次应急演练，每次演练不少于3次桌面推演。")
POOLS = TheoryPools.build(
    [RECORD, article("采掘工作面每班检查1次，每月检查4次，每季检查5次。", label="第一条", number=1)]
)
VERIFIER = Verifier([RECORD])


def _problems(question, verifier=VERIFIER):
    return verifier.problems(question)


def test_sound_questions_pass():
    assert _problems(blank_number(RECORD, POOLS, "1")) == []
    assert _problems(single_number(RECORD, POOLS, "1")) == []


def test_wrong_blank_answer_is_caught():
    question = blank_number(RECORD, POOLS, "1")
    assert _problems(replace(question, answer=("4",)))


def test_wrong_answer_key_is_caught():
    question = single_number(RECORD, POOLS, "1")
    wrong_key = next(o.key for o in question.options if o.key != question.answer[0])
    assert _problems(replace(question, answer=(wrong_key,)))


def test_distractor_stated_in_the_article_is_caught():
    question = single_number(RECORD, POOLS, "1")
    right = {o.key: o.text for o in question.options}[question.answer[0]]
    stated = "3次" if right == "2次" else "2次"  # both numbers are in the article: either would be "also right"
    wrong = next(o for o in question.options if o.key not in question.answer)
    options = tuple(Option(o.key, stated) if o is wrong else o for o in question.options)
    assert any("可能也正确" in p for p in _problems(replace(question, options=options)))


def test_distractor_containing_the_answer_is_caught():
    question = single_number(RECORD, POOLS, "1")
    right = {o.key: o.text for o in question.options}[question.answer[0]]
    wrong = next(o for o in question.options if o.key != question.answer[0])
    options = tuple(Option(o.key, "1" + right) if o is wrong else o for o in question.options)
    assert any("包含" in p for p in _problems(replace(question, options=options)))


def _false_statement():
    for seed in map(str, range(50)):
        question = judge(RECORD, POOLS, seed)
        # Issue 16: a changed number or limit is preferred to a flipped modal (a minimum is no longer made a ceiling,
        # blind read 5 T9, so the figure changes).
        if question.answer == ("B",):
            return question
    pytest.fail("no false statement generated")


def test_false_statement_with_a_second_unrecorded_change_is_caught():
    question = _false_statement()
    untouched = "3次" if question.change.original == "2次" else "2次"
    stem = question.stem.replace(untouched, "4次")
    assert "陈述与原文的差别不止记录的那一处改动" in _problems(replace(question, stem=stem))


def test_false_statement_marked_true_is_caught():
    question = _false_statement()
    assert _problems(replace(question, answer=("A",), change=None))


def test_disallowed_change_is_caught():
    question = _false_statement()
    change = Change("modal", question.change.original, "严禁")
    assert _problems(replace(question, change=change, stem=question.stem.replace(question.change.replacement, "严禁")))


def test_repealed_source_is_caught():
    question = blank_number(RECORD, POOLS, "1")
    repealed = Verifier([replace(RECORD, status="repealed")])
    assert "所引文件状态为 repealed" in _problems(question, repealed)


def test_table_text_is_not_a_valid_source():
    record = article("风速应当符合下列规定。\n| 采煤工作面 | 最低0.25m/s | 最高4m/s")
    question = replace(
        blank_number(RECORD, POOLS, "1"),
        stem="根据《测试安全规定》第十条，| 采煤工作面 | 最低（ ）m/s | 最高4m/s。",
        answer=("0.25",),
    )
    assert "答案填回后与原文不符" in _problems(question, Verifier([record]))


def test_duplicate_stems_are_caught():
    question = blank_number(RECORD, POOLS, "1")
    twin = replace(question, stem=question.stem.replace("，", ",", 1))
    report = VERIFIER.verify([question, twin])
    assert report.failed_indexes() == {1}


def test_lec_answer_is_recomputed(hazards, hazard_data):
    question = next(q for q in hazards.questions if q.generator == "hazard.lec")
    verifier = Verifier((), hazard_data)
    assert verifier.problems(question) == []
    wrong = next(o.key for o in question.options if o.key != question.answer[0])
    assert verifier.problems(replace(question, answer=(wrong,)))


def test_lec_on_a_band_boundary_is_caught(hazards, hazard_data):
    question = next(q for q in hazards.questions if q.generator == "hazard.lec")
    # 10×1×7 = 70 is the lower edge of 显著危险
    inputs = {**question.inputs, "L": "10", "E": "1", "C": "7"}
    stem = "评价取值：L=10（完全可以预料），E=1（每年几次暴露），C=7（严重，重伤）。"
    assert any("分界值" in p for p in Verifier((), hazard_data).problems(replace(question, inputs=inputs, stem=stem)))


def test_accident_type_alternative_as_distractor_is_caught(hazards, hazard_data):
    verifier = Verifier((), hazard_data)
    for question in (q for q in hazards.questions if q.generator == "hazard.accident_type"):
        hazard = hazard_data.catalogue.get(question.inputs["hazard"])
        if hazard.accident_type_alt:
            from corpus.hazards import GB6441_1986

            wrong = next(o for o in question.options if o.key not in question.answer)
            options = tuple(
                Option(o.key, GB6441_1986[hazard.accident_type_alt[0]]) if o is wrong else o for o in question.options
            )
            assert any("备选" in p for p in verifier.problems(replace(question, options=options)))
            return
    pytest.skip("no undisputed hazard with an alternative type")


def test_control_of_the_hazard_itself_as_distractor_is_caught(hazards, hazard_data):
    question = next(q for q in hazards.questions if q.generator == "hazard.control")
    hazard = hazard_data.catalogue.get(question.inputs["hazard"])
    own = [c.text for c in hazard.controls]
    unused = [t for t in own if t not in {o.text for o in question.options}]
    if not unused:
        pytest.skip("every control of the hazard is already an option")
    wrong = next(o for o in question.options if o.key not in question.answer)
    options = tuple(Option(o.key, unused[0]) if o is wrong else o for o in question.options)
    assert Verifier((), hazard_data).problems(replace(question, options=options))


# --------------------------------------------------------------------------- key-term single choice

TERM_RECORD = article("采煤工作面回风流中甲烷浓度超过1.0%时，必须停止工作。", label="第三十条", number=30)
TERM_OTHERS = [
    article("回风巷中一氧化碳浓度不得超过规定。\n井下硫化氢浓度不得超过规定。", label="第三十一条", number=31),
    article("二氧化碳浓度必须检查。\n氢气浓度必须检查。\n二氧化硫浓度应当检查。", label="第三十二条", number=32),
]
TERM_VERIFIER = Verifier([TERM_RECORD, *TERM_OTHERS])


def _term_question():
    pools = TheoryPools.build([TERM_RECORD, *TERM_OTHERS])
    for seed in map(str, range(30)):
        question = single_term(TERM_RECORD, pools, seed)
        if question is not None:
            return question
    pytest.fail("no term question generated")


def _with_distractor(question, text):
    wrong = next(o for o in question.options if o.key not in question.answer)
    return replace(question, options=tuple(Option(o.key, text) if o is wrong else o for o in question.options))


def test_sound_term_question_passes():
    question = _term_question()
    assert question.inputs["term"] == "甲烷"
    assert TERM_VERIFIER.problems(question) == []


def test_term_question_with_the_wrong_key_is_caught():
    question = _term_question()
    wrong_key = next(o.key for o in question.options if o.key != question.answer[0])
    assert TERM_VERIFIER.problems(replace(question, answer=(wrong_key,)))


def test_term_key_not_at_the_recorded_place_is_caught():
    question = _term_question()
    inputs = {**question.inputs, "position": question.inputs["position"] + 1}
    assert "答案不是所记位置上的原文用语" in TERM_VERIFIER.problems(replace(question, inputs=inputs))


def test_term_distractor_stated_in_the_article_is_caught():
    question = _term_question()
    assert any("可能也正确" in p for p in TERM_VERIFIER.problems(_with_distractor(question, "采煤工作面")))


def test_term_distractor_containing_the_key_is_caught():
    question = _term_question()
    assert any("包含" in p for p in TERM_VERIFIER.problems(_with_distractor(question, "甲烷气体")))


def test_term_options_one_character_apart_are_caught():
    question = _term_question()
    wrong = [o for o in question.options if o.key not in question.answer]
    pair = {wrong[0].key: "二氧化碳", wrong[1].key: "一氧化碳", wrong[2].key: "氨气"}
    options = tuple(Option(o.key, pair.get(o.key, o.text)) for o in question.options)
    assert any("只差一个字" in p for p in TERM_VERIFIER.problems(replace(question, options=options)))


def test_term_distractor_giving_a_corpus_sentence_is_caught():
    question = _term_question()
    elsewhere = article("采煤工作面回风流中氨气浓度超过1.0%时，必须停止工作。", title="另一规定", label="第一条", number=1)
    verifier = Verifier([TERM_RECORD, *TERM_OTHERS, elsewhere])
    assert any("见于现行文件" in p for p in verifier.problems(_with_distractor(question, "氨气")))


def test_term_key_occurring_twice_is_caught():
    record = article("甲烷浓度超过1.0%时，必须停止工作并检查甲烷。", label="第三十三条", number=33)
    question = replace(
        _term_question(),
        stem="根据《测试安全规定》第三十三条，（ ）浓度超过1.0%时，必须停止工作并检查甲烷。",
        citation=record.citation,
        inputs={"article": record.key, "sentence": "甲烷浓度超过1.0%时，必须停止工作并检查甲烷", "position": 0,
                "term": "甲烷"},
    )
    assert "答案在句中出现不止一次，挖空有歧义" in Verifier([record]).problems(question)
