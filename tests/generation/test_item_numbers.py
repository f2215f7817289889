"""Numbers in list items (blank and single choice): the lead-in gives the context, the verifier re-finds both."""

from __future__ import annotations

from dataclasses import replace

from quiz.generation import articles as read
from quiz.generation.theory import TheoryPools, blank_item_number, single_item_number
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

TEXT = """爆破作业必须执行“一炮三检”制度。起爆点与爆破点之间的距离应当符合下列要求：
（一）岩巷直线巷道大于300m，拐弯巷道大于100m。
（二）煤巷直线巷道大于150m。
（三）起爆地点应当有新鲜风流。
装药前应当遵守下列规定：
（一）清除炮眼内煤粉，每班至少检查两次。
（二）炮眼深度不得小于0.6m。
| 表格 | 1 |
有关部门的职责如下：
（一）检查井下作业2次。
"""
RECORD = article(TEXT)
POOLS = TheoryPools.build([RECORD, article("掘进工作面距离不得小于20m、50m、80m、120m和200m。", label="第一条", number=1)])
VERIFIER = Verifier([RECORD])


def _question(seed: str = "1"):
    return blank_item_number(RECORD, POOLS, seed)


def test_items_come_with_their_normative_lead_in_only():
    items = read.list_items(TEXT)
    assert read.ListItem("起爆点与爆破点之间的距离应当符合下列要求", "岩巷直线巷道大于300m，拐弯巷道大于100m") in items
    assert read.ListItem("装药前应当遵守下列规定", "炮眼深度不得小于0.6m") in items
    assert all(i.lead != "有关部门的职责如下" for i in items)  # not normative
    assert all("“" not in i.lead for i in items)
    assert not read.list_items("应当遵守下列规定：\n（一）" + "长" * 90 + "不少于3m。")


def test_a_number_of_an_item_is_blanked_with_the_lead_in_before_it():
    stems = {}
    for seed in map(str, range(40)):
        question = _question(seed)
        assert question is not None and VERIFIER.problems(question) == []
        stems[question.stem] = question.answer
    assert stems[
        "根据《测试安全规定》第十条，起爆点与爆破点之间的距离应当符合下列要求：岩巷直线巷道大于（ ）m，拐弯巷道大于100m。"
    ] == ("300/三百",)
    assert stems["根据《测试安全规定》第十条，装药前应当遵守下列规定：炮眼深度不得小于（ ）m。"] == ("0.6",)
    assert not any("表格" in s or "有关部门" in s for s in stems)
    question = _question()
    assert {"lead", "item", "position", "unit"} <= set(question.inputs)


def _one(stem_part: str):
    return next(q for q in map(_question, map(str, range(40))) if stem_part in q.stem)


def test_verifier_rejects_a_wrong_key():
    question = _one("岩巷直线巷道大于（ ）m")
    assert VERIFIER.problems(replace(question, answer=("100",)))
    assert VERIFIER.problems(replace(question, answer=("30",)))
    moved = dict(question.inputs, position=question.inputs["position"] + 1)
    assert VERIFIER.problems(replace(question, inputs=moved))


def test_verifier_rejects_an_item_of_another_list():
    question = _one("岩巷直线巷道大于（ ）m")
    lead = "装药前应当遵守下列规定"
    item = question.inputs["item"]
    stem = question.stem.replace(question.inputs["lead"], lead)
    assert VERIFIER.problems(replace(question, stem=stem, inputs=dict(question.inputs, lead=lead)))
    other = _one("炮眼深度不得小于（ ）m")
    inputs = dict(other.inputs, lead=question.inputs["lead"])
    stem = other.stem.replace(other.inputs["lead"], question.inputs["lead"])
    assert VERIFIER.problems(replace(other, stem=stem, inputs=inputs))
    assert item != other.inputs["item"]


def test_verifier_rejects_an_altered_lead_in():
    question = _one("岩巷直线巷道大于（ ）m")
    lead = "起爆地点到爆破地点的距离可以参照下列要求"
    stem = question.stem.replace(question.inputs["lead"], lead)
    assert VERIFIER.problems(replace(question, stem=stem, inputs=dict(question.inputs, lead=lead)))
    # The recorded lead-in right but the stem saying something else.
    assert VERIFIER.problems(replace(question, stem=stem))
    # Half a sentence of the introducing line is not a lead-in.
    half = "距离应当符合下列要求"
    stem = question.stem.replace(question.inputs["lead"], half)
    assert VERIFIER.problems(replace(question, stem=stem, inputs=dict(question.inputs, lead=half)))


def test_verifier_rejects_an_item_from_a_table():
    text = TEXT.replace("（二）炮眼深度不得小于0.6m。", "（二）炮眼深度不得小于0.6m。\n（三）孔深 | 0.6m")
    question = _one("炮眼深度不得小于（ ）m")
    tabled = dict(question.inputs, item="孔深 | 0.6m", position=5)
    stem = question.stem.replace("炮眼深度不得小于（ ）m", "孔深 | （ ）m")
    assert Verifier([article(text)]).problems(replace(question, stem=stem, inputs=tabled))


def _single(stem_part: str):
    return next(
        q for q in (single_item_number(RECORD, POOLS, str(s)) for s in range(60)) if q and stem_part in q.stem
    )


def test_single_choice_on_an_item_number_passes_and_its_mutations_do_not():
    question = _single("岩巷直线巷道大于（ ），")
    assert VERIFIER.problems(question) == []
    assert {o.text for o in question.options} >= {"300m"} and "100m" not in {o.text for o in question.options}
    wrong_key = next(o.key for o in question.options if o.key not in question.answer)
    assert VERIFIER.problems(replace(question, answer=(wrong_key,)))
    lead = "装药前应当遵守下列规定"
    stem = question.stem.replace(question.inputs["lead"], lead)
    assert VERIFIER.problems(replace(question, stem=stem, inputs=dict(question.inputs, lead=lead)))


def test_single_distractor_stated_in_the_article_is_caught():
    question = _single("岩巷直线巷道大于（ ），")
    first_wrong = next(o.key for o in question.options if o.key not in question.answer)
    options = tuple(replace(o, text="150m") if o.key == first_wrong else o for o in question.options)
    assert VERIFIER.problems(replace(question, options=options))
