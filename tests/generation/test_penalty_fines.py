"""Legal liability for managers (issue 16): the fine a penalty article sets is asked of managers only
(`penalties.single_fine`), with fine ranges of the same unit and magnitude as wrong options."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from quiz.generation.checks import passed_checks
from quiz.generation.penalties import case_sentence, fine_bounds, fine_distractors, fine_slots, graded_slots
from quiz.generation.pipeline import generate_theory
from quiz.generation.records import ArticleRecord
from quiz.generation.theory import TheoryPools
from quiz.generation.verify import Verifier

# Shaped as 特种设备安全法 第八十三条 and 第七十六条 are (a list of violations, one sentence), not quoted.
LISTED = (
    "特种设备使用单位违反本法规定，有下列情形之一的，责令其限期改正；到期仍不改正的，责令其停用相关特种设备，"
    "处一万元以上十万元以下罚款：\n（一）使用特种设备未按照规定办理使用登记的；\n（二）未制定特种设备事故应急专项预案的。"
)
SINGLE = "特种设备使用单位违反本法规定，未按期进行定期检验的，责令其限期改正；到期不改的，处三万元以上三十万元以下罚款；另没收其违法所得。"
OTHERS = [
    "违反本法规定，甲单位未做某事的，处二万元以上二十万元以下罚款。",
    "违反本法规定，乙单位未做某事的，处五万元以上五十万元以下罚款。",
    "违反本法规定，丙单位未做某事的，处一万元以上五万元以下罚款。",
    "违反本法规定，丁单位未做某事的，处五百元以上一千元以下罚款。",
    "违反本法规定，戊单位未做某事的，处一百万元以上五百万元以下罚款。",
]
# Shaped as 生产安全事故报告和调查处理条例 第三十七条: a list grading the fine by the accident.
GRADED = (
    "对事故发生负有责任的事故发生单位，依照下列规定处以罚款：\n(一)发生一般事故，处10万元以上20万元以下的罚款；\n"
    "(二)发生较大事故，处20万元以上50万元以下的罚款；\n(三)发生重大事故，处50万元以上200万元以下的罚款；\n"
    "(四)发生特别重大事故，处200万元以上500万元以下的罚款。"
)
DUTY = "特种设备使用单位应当在设备投用之前，或者自投用之日起三十日内，向主管部门办理使用登记。"


LABELS = ["第七十一条", "第七十二条", "第七十三条", "第七十四条", "第七十五条", "第七十六条", "第七十七条", "第七十八条", "第七十九条"]


def _record(number: int, text: str) -> ArticleRecord:
    return ArticleRecord(title="中华人民共和国某设备安全法", status="current", version="2014-01-01",
                         label=LABELS[number], number=71 + number, text=text, path="第六章 法律责任")


def records_key(number: int) -> str:
    return _record(number, "").key


def _records() -> list[ArticleRecord]:
    return [_record(i, text) for i, text in enumerate([LISTED, SINGLE, *OTHERS, GRADED])]


def test_a_list_lead_takes_each_item_as_its_case():
    slots = fine_slots(LISTED)
    assert slots[0] == (
        "特种设备使用单位违反本法规定，使用特种设备未按照规定办理使用登记的，责令其限期改正；到期仍不改正的，"
        "责令其停用相关特种设备，处一万元以上十万元以下罚款",
        "一万元以上十万元以下",
    )
    assert len(slots) == 2
    # The fine's own clause: what follows its ；(没收违法所得) is left out.
    assert fine_slots(SINGLE) == [("特种设备使用单位违反本法规定，未按期进行定期检验的，责令其限期改正；到期不改的，处三万元以上三十万元以下罚款",
                                   "三万元以上三十万元以下")]
    # A sentence fining two parties: each fine is a slot, the first shown in the second's.
    two = "造成事故的，对该单位处五万元以上二十万元以下罚款；对其主要负责人处一万元以上五万元以下罚款；系国家工作人员的，另依法给予处分。"
    assert fine_slots(two) == [
        ("造成事故的，对该单位处五万元以上二十万元以下罚款", "五万元以上二十万元以下"),
        ("造成事故的，对该单位处五万元以上二十万元以下罚款；对其主要负责人处一万元以上五万元以下罚款",
         "一万元以上五万元以下"),
    ]
    assert case_sentence("甲有下列情形之一的，处罚", "（二）未做乙的；") == "甲未做乙的，处罚"
    # A duty, or a fine set by another paragraph's (依照前款规定处罚), is no slot.
    assert fine_slots(DUTY) == []
    assert fine_slots("违反前款规定的，依照前款规定处一万元以上十万元以下罚款。") == []


def test_fines_sit_beside_fines_of_the_same_unit_and_magnitude():
    import random

    assert fine_bounds("五千元以上五万元以下") == (Decimal(5000), Decimal(50000), "万元")
    assert fine_bounds("5万元以上30万元以下") == (Decimal(50000), Decimal(300000), "万元")
    ranges = ["二万元以上二十万元以下", "2万元以上20万元以下", "3万元以上5万元以下", "五百元以上一千元以下",
              "一百万元以上五百万元以下", "五万元以上五十万元以下", "一万元以上十万元以下"]
    wrong = fine_distractors("一万元以上十万元以下", "处一万元以上十万元以下罚款", ranges, random.Random(1))
    # Not the key, not in yuan (五百元…一千元), not 50 times the key (五百万元), not in digits beside a key in hanzi.
    assert sorted(wrong) == ["二万元以上二十万元以下", "五万元以上五十万元以下"]
    assert sorted(fine_distractors("1万元以上10万元以下", "", ranges, random.Random(1))) == ["2万元以上20万元以下", "3万元以上5万元以下"]
    # A range the article states (for another case) is never wrong.
    assert "五万元以上五十万元以下" not in fine_distractors(
        "一万元以上十万元以下", "处一万元以上十万元以下罚款；处五万元以上五十万元以下罚款", ranges, random.Random(1))


def _fines(audience: str) -> list:
    records = _records()
    candidates = list(generate_theory(records, "1", TheoryPools.build(records), audience=audience))
    return [q for q in candidates if q.generator == "theory.single_fine"], Verifier(records)


def test_managers_are_asked_the_fine_and_the_verifier_passes_it():
    fines, verifier = _fines("managers")
    assert fines, "no fine asked of managers"
    for question in fines:
        assert question.type == "single" and re.search(r"（ ）(?:的)?罚款", question.stem)
        key = next(o.text for o in question.options if o.key == question.answer[0])
        assert key == question.inputs["fine"]
        assert verifier.problems(question) == []
        assert all(fine_bounds(o.text)[2] == "万元" for o in question.options)
        assert any("罚款数额区间" in check for check in passed_checks(question.generator))
    listed = next(q for q in fines if q.inputs["article"] == records_key(0))
    assert "有下列" not in listed.stem and "使用登记的" in listed.stem or "应急专项预案的" in listed.stem


def test_the_verifier_refuses_a_fine_put_back_wrong_or_a_wrong_option_the_article_states():
    fines, verifier = _fines("managers")
    question = next(q for q in fines if q.inputs["article"] == records_key(0))
    wrong_key = next(o.key for o in question.options if o.key != question.answer[0])
    assert verifier.problems(dataclasses.replace(question, answer=(wrong_key,)))
    mixed = [o if o.key == question.answer[0] else dataclasses.replace(o, text="3万元以上5万元以下") for o in question.options]
    assert verifier.problems(dataclasses.replace(question, options=tuple(mixed)))
    other = next(q for q in fines if q.inputs["article"] == records_key(1))
    assert verifier.problems(dataclasses.replace(other, stem=other.stem.replace("定期检验", "定期检查")))


def test_the_frontline_is_never_asked_a_fine():
    fines, _ = _fines("frontline")
    assert fines == []


def test_a_graded_fine_is_asked_with_the_other_grades_fines_as_wrong_options():
    slots = graded_slots(GRADED)
    assert [fine for _, fine, _ in slots] == ["10万元以上20万元以下", "20万元以上50万元以下", "50万元以上200万元以下",
                                              "200万元以上500万元以下"]
    sentence, fine, others = slots[1]
    assert sentence == "对事故发生负有责任的事故发生单位，依照下列规定处以罚款：发生较大事故，处20万元以上50万元以下的罚款"
    assert fine not in others and len(others) == 3
    # No grading where the lead sets the fine itself (a list of violations) or an item has none.
    assert graded_slots(LISTED) == [] and graded_slots(DUTY) == []
    fines, verifier = _fines("managers")
    question = next(q for q in fines if q.inputs["article"] == records_key(7))
    assert "依照下列规定处以罚款：发生" in question.stem
    assert verifier.problems(question) == []
    # A fine the article states outside its grades stays refused as a wrong option.
    record = _record(7, GRADED + "\n情节严重的，处5万元以上10万元以下的罚款。")
    wrong = next(o.key for o in question.options if o.key != question.answer[0])
    stated = tuple(dataclasses.replace(o, text="5万元以上10万元以下") if o.key == wrong else o for o in question.options)
    assert Verifier([record]).problems(dataclasses.replace(question, options=stated))
