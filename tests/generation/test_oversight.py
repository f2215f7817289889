"""Items of a run for managers narrowed to documents (issue 16, a managers' exam on one law): when the law takes
effect, who organises by accident grade, which level of government does what, fines as a share of income, and what
the state only encourages. Examples in our own words; frontline and default runs never make them."""

from __future__ import annotations

import dataclasses

import pytest

from quiz.generation import oversight
from quiz.generation.oversight import (
    LEVEL_CAP,
    PERIODS,
    barred_period,
    body,
    capped_levels,
    encouraged,
    gives_level_away,
    in_force,
    income_fine,
    kind_bodies,
    level,
    level_options,
    multi_powers,
    named_levels,
    nearly_kept,
    organiser,
    wrong_dates,
)
from quiz.generation.pipeline import generate_theory
from quiz.generation.relevance import for_audience
from quiz.generation.syllabus import narrowed_to_documents
from quiz.generation.theory import TheoryPools
from quiz.generation.verify import Verifier
from tests.generation.conftest import article, key_text

LAW = "测试矿山安全法"


def law(text: str, label: str = "第十条", number: int = 10):
    return article(text, label=label, title=LAW, number=number)


def make(generator, record, *others, audience: str = "managers", narrowed: bool = True):
    if generator is body and not others:
        others = (DEPARTMENT, INSTITUTION, REGISTRY)
    if generator is level and not others:
        others = (REGIONS,)
    pools = TheoryPools.build([record, *others])
    with for_audience(audience), narrowed_to_documents(narrowed):
        return generator(record, pools, "7")


def wrong_texts(question) -> list[str]:
    return [o.text for o in question.options if o.key not in question.answer]


def problems(question, *records) -> list[str]:
    return Verifier(list(records)).problems(question)


IN_FORCE = law("本法自2031年4月1日起施行。", "第八十条", 80)
GRADES = law(
    "矿井发生特别重大事故，由国务院或者它指定的机关组织专案组查明原因。\n"
    "发生重大事故，由国家矿山监察机构会同相关单位组织专案组查明原因。\n"
    "发生较大事故，由省级矿山监察机构会同相关单位组织专案组查明原因。\n"
    "发生一般事故，由市级矿山监察机构会同相关单位组织专案组查明原因。",
    "第五十条", 50,
)
LEVELS = law(
    "国务院负责矿山安全监督的部门应当每年修订矿山安全技术标准。"
    "县级以上地方各级人民政府负责矿山安全监督的部门对本行政区域内矿山安全实施监督。",
    "第六条", 6,
)
#: The other levels the test law names with the same department, each given an act of its own.
REGIONS = law("省、自治区、直辖市人民政府负责矿山安全监督的部门应当编制矿山安全规划；"
              "设区的市级人民政府负责矿山安全监督的部门应当公布矿山名录。", "第七条", 7)
SHARES = law(
    "矿山企业主要负责人对事故负有领导责任的，依照下列规定处以罚款：\n"
    "（一）发生一般事故的，处其上一年年收入百分之二十五的罚款；\n"
    "（二）发生较大事故的，处其上一年年收入百分之四十五的罚款；\n"
    "（三）发生重大事故的，处其上一年年收入百分之七十的罚款。",
    "第九十条", 90,
)
INSURANCE = law("国家鼓励矿山企业投保矿山安全责任保险。", "第十八条", 18)
ASSOCIATION = law("矿山行业协会应当加强自律管理，推动会员诚信建设。", "第九条", 9)
DEPARTMENT = law("负责矿山安全监督管理的部门应当公开抽查结果。", "第十一条", 11)
INSTITUTION = law("矿山设备检验机构应当如实出具检验报告。", "第十二条", 12)
BARRED = law("违反本法规定，矿长证书被吊销的，自吊销之日起三年内，发证机关不予受理其申请；已受理的，退回材料。",
             "第九十五条", 95)
POWERS = law(
    "矿山安全监察机构在检查时，可以行使下列职权：\n"
    "（一）进入矿井检查，询问矿长和有关人员；\n"
    "（二）调阅矿山的图纸、台账和记录；\n"
    "（三）对存在重大隐患的采掘设备实施查封、扣押；\n"
    "（四）对违法开采的行为作出行政处罚决定。",
    "第三十条", 30,
)
REGISTRY = law("矿山登记机构应当妥善保存登记资料。", "第十三条", 13)


@pytest.mark.parametrize("record, generator", [
    (IN_FORCE, in_force), (GRADES, organiser), (LEVELS, level), (SHARES, income_fine), (INSURANCE, encouraged),
    (ASSOCIATION, body), (POWERS, multi_powers),
])
def test_only_a_narrowed_run_for_managers_makes_them(record, generator):
    assert make(generator, record) is not None
    assert make(generator, record, audience="frontline") is None
    assert make(generator, record, narrowed=False) is None


def test_the_date_a_law_takes_effect_beside_dates_it_never_states():
    question = make(in_force, IN_FORCE)
    assert question.type == "single" and question.stem.endswith("本法自（ ）起施行。")
    assert key_text(question) == "2031年4月1日"
    wrong = wrong_texts(question)
    assert len(wrong) == 3 and all(w in wrong_dates(2031, 4, 1) for w in wrong)
    assert sum(not w.startswith("2031") for w in wrong) == 1  # one a year off, two another month of that year
    assert problems(question, IN_FORCE) == []


def test_a_date_the_document_states_is_never_a_wrong_option():
    # The same law promulgated on 2031年1月1日 elsewhere in it: that date is stated, so never offered as wrong.
    promulgated = law("本法于2031年1月1日公布。", "第七十九条", 79)
    for seed_record in (IN_FORCE,):
        question = make(in_force, seed_record, promulgated)
        assert "2031年1月1日" not in wrong_texts(question)


def test_who_organises_for_a_grade_beside_the_bodies_of_the_other_grades():
    question = make(organiser, GRADES)
    assert question.type == "single" and question.stem.count("（ ）") == 1
    lines = GRADES.text.splitlines()
    key = key_text(question)
    line = next(line for line in lines if f"由{key}" in line)
    assert line.split("，")[0].removeprefix("矿井") in question.stem  # the grade asked is the key's
    assert all(any(f"由{w}" in other for other in lines if other != line) for w in wrong_texts(question))
    assert question.stem.split("，", 1)[1].startswith("矿井发生")  # the first line's subject kept
    assert "。；" not in question.explanation and question.explanation.count("查明原因") == 4
    assert problems(question, GRADES) == []


def test_a_wrong_body_no_other_grade_names_is_refused():
    question = make(organiser, GRADES)
    first_wrong = next(o for o in question.options if o.key not in question.answer)
    options = tuple(dataclasses.replace(o, text="县级人民政府") if o == first_wrong else o for o in question.options)
    assert problems(dataclasses.replace(question, options=options), GRADES)


def test_levels_never_contain_one_another():
    assert "省、自治区、直辖市人民政府" not in level_options("县级以上地方各级人民政府")
    assert "县级以上地方各级人民政府" not in level_options("设区的市级人民政府")
    assert "县级以上地方各级人民政府" in level_options("国务院")


def test_a_duty_of_one_level_beside_other_levels():
    question = make(level, LEVELS)
    assert question.stem.endswith("（ ）应当每年修订矿山安全技术标准。")
    assert key_text(question) == "国务院负责矿山安全监督的部门"
    assert all(w.endswith("负责矿山安全监督的部门") and not w.startswith("国务院") for w in wrong_texts(question))
    assert problems(question, LEVELS, REGIONS) == []


def test_a_level_the_document_gives_the_same_act_is_never_wrong():
    also = law("省、自治区、直辖市人民政府负责矿山安全监督的部门应当每年修订矿山安全技术标准的地方部分。", "第七条", 7)
    question = make(level, LEVELS, also)
    assert question is None or all(not w.startswith("省") for w in wrong_texts(question))
    if question is not None:
        options = tuple(dataclasses.replace(o, text="省、自治区、直辖市人民政府负责矿山安全监督的部门")
                        if o.key not in question.answer and i == 0 else o for i, o in enumerate(question.options))
        forced = dataclasses.replace(question, options=options)
        assert problems(forced, LEVELS, also) or forced.options == question.options


def test_a_share_of_income_beside_the_other_grades_shares():
    question = make(income_fine, SHARES)
    assert "依照下列规定" not in question.stem and "负有领导责任的，发生" in question.stem
    key = key_text(question)
    shares = ["百分之二十五", "百分之四十五", "百分之七十"]
    assert key in shares and f"年收入{key}" in SHARES.text
    grade = next(line for line in SHARES.text.splitlines() if key in line).split("，")[0][3:]
    assert grade in question.stem
    wrong = wrong_texts(question)
    assert set(shares) - {key} <= set(wrong) and len(wrong) == 3
    assert problems(question, SHARES) == []


def test_a_share_this_grade_is_fined_elsewhere_in_the_article_is_refused():
    question = make(income_fine, SHARES)
    key = key_text(question)
    stated = next(s for s in ("百分之二十五", "百分之四十五", "百分之七十") if s != key)
    odd = law(SHARES.text + f"\n（四）拒不改正的，处上一年年收入{stated}的罚款。", "第九十条", 90)
    assert any("在该条其他等级之外出现" in p for p in problems(question, odd))


def test_what_the_state_encourages_stated_as_compulsory_is_false():
    question = make(encouraged, INSURANCE)
    assert question.type == "judge" and question.answer == ("B",)
    assert question.stem.endswith("国家强制矿山企业投保矿山安全责任保险。")
    assert "国家鼓励矿山企业投保矿山安全责任保险" in question.explanation
    assert problems(question, INSURANCE) == []


@pytest.mark.parametrize("text", [
    "国家鼓励矿山企业投保安全责任保险；开采深部煤层的矿山企业应当投保。",  # a duty beside it: compulsory for some
    "国家支持矿山安全的科学研究。",  # support made compulsory teaches nothing
])
def test_encouragement_with_a_duty_beside_it_or_support_is_not_asked(text):
    assert make(encouraged, law(text, "第十八条", 18)) is None


def test_the_pipeline_makes_them_for_managers_only():
    records = [IN_FORCE, GRADES, LEVELS, REGIONS, SHARES, INSURANCE, ASSOCIATION, DEPARTMENT, INSTITUTION, BARRED, POWERS]
    pools = TheoryPools.build(records)
    names = {"theory.in_force", "theory.organiser", "theory.level", "theory.income_fine", "theory.encouraged",
             "theory.body", "theory.barred_period", "theory.powers"}
    managers = {q.generator for q in generate_theory(records, "7", pools, audience="managers", narrowed=True)}
    assert names <= managers
    for audience, narrowed in (("frontline", True), ("managers", False), ("frontline", False)):
        made = {q.generator for q in generate_theory(records, "7", pools, audience=audience, narrowed=narrowed)}
        assert not made & names


def test_bodies_of_a_kind_only():
    text = "\n".join(r.text for r in (ASSOCIATION, DEPARTMENT, INSTITUTION, REGISTRY))
    assert kind_bodies(text) == {"矿山行业协会": "association", "负责矿山安全监督管理的部门": "department",
                                 "矿山设备检验机构": "inspection"}  # no 登记机构: no kind a wrong option may be


def test_who_bears_a_duty_beside_one_body_of_each_other_kind():
    question = make(body, ASSOCIATION)
    assert question.stem.endswith("（ ）应当加强自律管理，推动会员诚信建设。")
    assert key_text(question) == "矿山行业协会"
    assert sorted(wrong_texts(question)) == sorted(["负责矿山安全监督管理的部门", "矿山设备检验机构"])
    assert problems(question, ASSOCIATION, DEPARTMENT, INSTITUTION) == []


def test_a_body_the_document_gives_the_same_act_is_never_wrong():
    also = law("矿山设备检验机构应当加强自律管理，不得弄虚作假。", "第十四条", 14)
    assert make(body, ASSOCIATION, DEPARTMENT, INSTITUTION, also) is None  # one other kind left: too few options
    question = make(body, ASSOCIATION)
    assert problems(question, ASSOCIATION, DEPARTMENT, INSTITUTION, also)  # the verifier reads the document too


def test_the_first_of_two_bodies_sharing_a_duty_beside_levels_related_to_neither():
    shared = law("国务院负责矿山安全监督的部门和省、自治区、直辖市人民政府负责矿山安全监督的部门应当每年发布矿山安全状况。",
                 "第八条", 8)
    assert make(level, shared, REGIONS) is None  # one named level related to neither: too few options
    question = make(level, shared, REGIONS, ASSOCIATION)
    assert question.stem.endswith("（ ）和省、自治区、直辖市人民政府负责矿山安全监督的部门应当每年发布矿山安全状况。")
    assert key_text(question) == "国务院负责矿山安全监督的部门"
    wrong = wrong_texts(question)
    assert len(wrong) == 2 and not any(w.startswith(("县级", "省")) for w in wrong)  # 县级以上 contains 省
    assert sorted(wrong) == ["矿山行业协会", "设区的市级人民政府负责矿山安全监督的部门"]  # a body of another kind fills
    assert problems(question, shared, REGIONS, ASSOCIATION) == []


def test_the_years_a_penalty_bars_beside_periods_the_article_never_states():
    question = make(barred_period, BARRED)
    assert question.stem.endswith("矿长证书被吊销的，自吊销之日起（ ）内，发证机关不予受理其申请。")
    assert key_text(question) == "三年"
    assert len(wrong_texts(question)) == 3 and all(w in PERIODS and w != "三年" for w in wrong_texts(question))
    assert problems(question, BARRED) == []
    assert make(barred_period, BARRED, audience="frontline") is None


def test_a_ban_without_its_case_or_leaning_on_another_paragraph_is_not_asked():
    assert make(barred_period, law("矿长五年内不得担任其他矿山的矿长。", "第九十六条", 96)) is None
    assert make(barred_period, law("有前款行为的，五年内不得担任矿长。", "第九十七条", 97)) is None


def test_powers_beside_listed_powers_made_stronger_than_the_law_gives():
    question = make(multi_powers, POWERS)
    assert question.type == "multi" and "可以行使下列职权" in question.stem
    wrong = sorted(wrong_texts(question))
    assert wrong == sorted(["对存在重大隐患的采掘设备实施拍卖、变卖", "对违法开采的行为作出刑事处罚决定"])
    right = [o.text for o in question.options if o.key in question.answer]
    assert len(right) == 2 and all(r in POWERS.text for r in right)  # the two items left unchanged
    assert problems(question, POWERS) == []


def test_a_stronger_power_the_document_gives_is_never_a_wrong_option():
    sale = law("查封、扣押的设备逾期不处理的，可以依法拍卖、变卖。", "第三十一条", 31)
    assert make(multi_powers, POWERS, sale) is None  # 拍卖、变卖 is stated: one change left, too few


def test_a_change_too_small_for_a_long_item_is_no_wrong_option():
    long_item = "对经检查发现安全保护装置失灵或者超过检验周期仍在运行的提升设备实施查封、扣押"
    assert nearly_kept(long_item.replace("查封、扣押", "拍卖、变卖"), long_item)
    short_item = "对存在重大隐患的采掘设备实施查封、扣押"
    assert not nearly_kept(short_item.replace("查封、扣押", "拍卖、变卖"), short_item)


# --------------------------------------------------------------------------- level items without a give-away (T lvl)

NATIONWIDE = law("国务院负责矿山安全监督的部门对全国矿山安全实施监督。", "第五条", 5)


@pytest.mark.parametrize("text", [
    "国务院负责矿山安全监督的部门对全国矿山安全实施监督。",  # 全国: only the national level acts nationwide
    "矿山安全事故预案由国务院负责矿山安全监督的部门拟订，报国务院批准后施行。",  # reports to the 国务院: national
])
def test_a_stem_whose_scope_fixes_the_level_is_not_asked(text):
    assert make(level, law(text, "第五条", 5), REGIONS) is None


def test_a_give_away_sentence_is_passed_over_for_a_fair_one_of_the_same_article():
    both = law(NATIONWIDE.text + "国务院负责矿山安全监督的部门应当发布矿山事故统计年报。", "第五条", 5)
    question = make(level, both, REGIONS, LEVELS)
    assert "全国" not in question.stem and question.stem.endswith("（ ）应当发布矿山事故统计年报。")


def test_a_scope_word_gives_the_level_away_only_when_it_fits_the_key_alone():
    assert gives_level_away("（ ）对全国矿山安全实施监督", "国务院", ["省、自治区、直辖市人民政府", "设区的市级人民政府"])
    assert gives_level_away("（ ）对本行政区域内矿山安全实施监督", "县级以上地方各级人民政府", ["国务院"])
    # Counter-examples: 本行政区域 fits the city level offered beside the province; no scope word; 全国人民代表大会.
    assert not gives_level_away("（ ）对本行政区域内矿山实施监督", "省、自治区、直辖市人民政府",
                                ["国务院", "设区的市级人民政府"])
    assert not gives_level_away("（ ）应当每年修订矿山安全技术标准", "国务院", ["设区的市级人民政府"])
    assert not gives_level_away("（ ）应当向全国人民代表大会报告", "国务院", ["设区的市级人民政府"])


def test_the_verifier_refuses_a_level_the_stem_gives_away(monkeypatch):
    monkeypatch.setattr(oversight, "gives_level_away", lambda *_: False)  # the generator's own check off
    question = make(level, NATIONWIDE, REGIONS, LEVELS)
    assert any("范围用语" in p for p in problems(question, NATIONWIDE, REGIONS, LEVELS))


def test_only_levels_the_document_names_are_wrong_options():
    department = "负责矿山安全监督的部门"
    text = "\n".join(r.text for r in (LEVELS, REGIONS))
    assert "县级人民政府" not in named_levels(department, text)  # 县级以上… is named, 县级… alone never
    question = make(level, LEVELS)
    assert not any(w.startswith("县级人民政府") for w in wrong_texts(question))
    # Counter-example: a document naming the county level on its own may offer it.
    county = law("县级人民政府负责矿山安全监督的部门应当巡查小型矿山。", "第九条", 9)
    assert "县级人民政府" in named_levels(department, text + county.text)


def test_the_verifier_refuses_a_level_the_document_never_names():
    question = make(level, LEVELS)
    first_wrong = next(o for o in question.options if o.key not in question.answer)
    options = tuple(dataclasses.replace(o, text="县级人民政府负责矿山安全监督的部门") if o == first_wrong else o
                    for o in question.options)
    assert any("从未提到" in p for p in problems(dataclasses.replace(question, options=options), LEVELS, REGIONS))
    assert problems(question, LEVELS, REGIONS) == []


NATIONAL_DUTIES = [law(f"国务院负责矿山安全监督的部门应当{act}。", f"第{n}条", number)
                   for act, n, number in (("每年修订矿山安全技术标准", "二十", 20), ("发布矿山事故统计年报", "二十一", 21),
                                          ("组织矿山救援队伍考核", "二十二", 22), ("审定矿山设备推广目录", "二十三", 23))]


def test_a_run_keys_at_most_two_level_items_of_a_document_to_one_level():
    questions = [make(level, r, REGIONS, LEVELS) for r in NATIONAL_DUTIES]
    assert all(key_text(q) == "国务院负责矿山安全监督的部门" for q in questions)
    kept = capped_levels(questions, "7")
    assert len(kept) == LEVEL_CAP == 2 and all(q in questions for q in kept)
    # Counter-examples: other generators and another document's level items are not counted against the cap.
    other_law = [dataclasses.replace(q, inputs={**q.inputs, "article": "另一法" + q.inputs["article"]})
                 for q in questions[:2]]
    fine = make(income_fine, SHARES)
    assert len(capped_levels([*questions, *other_law, fine], "7")) == 2 + 2 + 1


def test_the_cap_keeps_first_the_level_items_whose_article_nothing_else_asks():
    questions = [make(level, r, REGIONS, LEVELS) for r in NATIONAL_DUTIES]
    judged = [dataclasses.replace(make(encouraged, INSURANCE), inputs={"article": q.inputs["article"]})
              for q in questions[:2]]  # the first two articles are asked by another item too
    kept = capped_levels([*questions, *judged], "7")
    assert [q for q in kept if q.generator == "theory.level"] == questions[2:]


def test_the_pipeline_caps_level_items_per_document():
    from quiz.generation.pipeline import theory_batch

    records = [*NATIONAL_DUTIES, REGIONS, LEVELS]
    batch = theory_batch(records, "7", audience="managers", narrowed=True)
    levels = [q for q in batch.questions if q.generator == "theory.level"]
    assert 0 < len(levels) <= LEVEL_CAP
