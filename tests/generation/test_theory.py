"""Theory generators on small made-up articles: what they ask, and what they refuse to ask."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from quiz.generation import articles as read
from quiz.generation import terms as kt
from quiz.generation.lists import multi_enumeration
from quiz.generation.pipeline import generate_theory
from quiz.generation.theory import TheoryPools, blank_number, judge, single_number, single_party, single_term
from quiz.generation.verify import Verifier
from quiz.taking.scoring import score_answer
from tests.generation.conftest import article

DUTY = article("煤矿企业应当每年至少组织2次应急演练。\n从业人员有权拒绝违章指挥。")
OTHERS = [
    article("矿长应当每月至少带班下井5次。", label="第一条"),
    article(
        "安全生产管理人员应当每周检查1次。\n施工单位应当在开工前报告。\n设计单位应当对设计负责。\n监理单位应当监督施工。",
        label="第二条",
    ),
    article("采掘工作面每班检查3次。\n每季度至少组织4次演练。", label="第三条"),
]
POOLS = TheoryPools.build([DUTY, *OTHERS])


def test_blank_keeps_the_unit_and_accepts_both_numeral_forms():
    question = blank_number(article("煤矿企业应当每年至少组织2次应急演练。"), POOLS, "1")
    assert question.stem == "根据《测试安全规定》第十条，煤矿企业应当每年至少组织（ ）次应急演练。"
    assert question.answer == ("2/二",)  # one blank, one answer: its forms "/"-separated, as scoring reads them
    assert question.citation.version == "2024-01-01"


def test_a_generated_blank_is_one_box_that_either_numeral_form_fills():
    # Stored as ("2", "二"), the taking page showed two boxes for one （ ） and gave half the points for "2" alone.
    record = article("煤矿企业应当每年至少组织2次应急演练。")
    question = blank_number(record, POOLS, "1")
    assert len(question.answer) == question.stem.count("（ ）") == 1
    for typed in ("2", "二"):
        assert score_answer("blank", question.answer, [typed], Decimal("2")) == (Decimal("2.00"), True)
    verifier = Verifier([record, *OTHERS])
    assert verifier.problems(question) == []
    assert any("空数" in p for p in verifier.problems(replace(question, answer=("2", "二"))))


def test_single_number_distractors_share_the_unit_and_are_never_stated_in_the_article():
    record = article("煤矿企业应当每年至少组织2次应急演练，每次不少于3次桌面推演。")
    question = single_number(record, POOLS, "1")
    texts = [o.text for o in question.options]
    assert all(t.endswith("次") for t in texts)
    assert "3次" not in texts  # stated elsewhere in the article: it would be "also right"
    assert "0.5次" not in texts and "1.5次" not in texts  # whole counts only


def test_single_party_offers_duty_bearers_of_other_classes_only():
    pool = [
        *OTHERS,
        article(
            "县级以上人民政府应当加强领导。\n应急管理部门应当监督检查。\n工会有权提出意见。", label="第五条", number=5
        ),
        article("作业人员应当遵守规程。\n从业人员有权拒绝违章指挥。", label="第六条", number=6),
        article("劳动者应当遵守劳动纪律和操作规程。\n职工有权获得符合标准的劳动防护用品。", label="第七条", number=7),
        article("设计单位应当对设计负责。\n勘察单位应当提供勘察资料。\n工程监理单位应当实施监理。\n"
                "劳务派遣单位应当进行安全教育。\n煤矿企业应当建立安全生产责任制。", label="第八条", number=8),
    ]
    question = single_party(article("施工单位应当在井巷开工前制定安全措施。"), TheoryPools.build(pool), "3")
    assert question.stem.startswith("根据《测试安全规定》第十条，（ ）应当在井巷开工前制定安全措施")
    by_key = {o.key: o.text for o in question.options}
    assert by_key[question.answer[0]] == "施工单位"
    wrong = {t for k, t in by_key.items() if k not in question.answer}
    # Never an employer in the key's own role (煤矿企业: a broader employer might be right too), never 工会, never
    # the state for a duty of the mine (人民政府 beside 施工单位 is no real choice), and (blind read 2: T1, T33) never a
    # person beside a body: only parties of the project in another role, for a duty of the mine's work (井巷).
    assert wrong <= {"设计单位", "勘察单位", "工程监理单位", "劳务派遣单位"}
    assert len(wrong) == 3


def test_false_statement_records_exactly_one_change_and_quotes_the_original():
    falses = []
    for seed in map(str, range(40)):
        question = judge(article("煤矿企业应当每年至少组织2次应急演练。"), POOLS, seed)
        if question.answer == ("B",):
            falses.append(question)
    assert falses
    for question in falses:
        change = question.change
        body = question.stem.split("，", 1)[1].removesuffix("。")
        assert body.replace(change.replacement, change.original, 1) == "煤矿企业应当每年至少组织2次应急演练"
        assert "原文：“煤矿企业应当每年至少组织2次应急演练。”" in question.explanation


def test_multi_takes_correct_items_from_the_cited_list_only():
    rights = article(
        "从业人员享有下列权利：\n（一）了解作业场所的危险因素；\n（二）拒绝违章指挥；\n（三）紧急情况下停止作业；\n（四）获得劳动防护用品。"
    )
    other = article(
        "被派遣劳动者享有下列权利：\n（一）获得同工同酬待遇；\n（二）依法参加工会组织；\n（三）查阅劳务派遣协议。",
        label="第四十条",
        number=40,
    )
    third = article(
        "工会会员享有下列权利：\n（一）选举工会委员会；\n（二）批评工会工作人员；\n（三）要求工会维护权益。",
        label="第七十条",
        number=70,
    )
    assert multi_enumeration(rights, TheoryPools.build([rights, other]), "5") is None  # one distractor per sibling list
    pools = TheoryPools.build([rights, other, third])
    question = multi_enumeration(rights, pools, "5")
    by_key = {o.key: o.text for o in question.options}
    items = read.enumerations(rights.text)[0].items
    assert all(by_key[k] in items for k in question.answer)
    assert all(text not in items for key, text in by_key.items() if key not in question.answer)


def test_boilerplate_and_table_text_are_never_asked():
    assert not read.worth_asking("本法自2021年9月1日起施行。")
    assert not read.worth_asking("为了加强安全生产工作，制定本法。")
    table = article("风速应当符合表6的要求。\n| 井巷名称 | 最低 | 最高\n| 采煤工作面 | 0.25 | 4\n<!-- OCR 表6 -->")
    questions = list(generate_theory([table], "1", TheoryPools.build([table, *OTHERS])))
    assert all("|" not in q.stem and "0.25" not in q.stem for q in questions)


def test_repealed_articles_yield_nothing():
    repealed = article("煤矿企业应当每年至少组织2次应急演练。", status="repealed")
    assert list(generate_theory([repealed], "1", POOLS)) == []


def test_numbers_inside_dates_ordinals_and_words_are_not_quantities():
    found = [q.text for q in read.quantities("自2021年9月1日起，第三条所列一次性补助不少于三十日工资，每年检查一次")]
    assert found == ["三十日", "一次"]


def test_duty_bearers_are_whole_parties_of_a_known_class():
    assert read.subject("煤矿企业应当建立领导带班制度") == ("煤矿企业", "employer")
    assert read.subject("县级以上地方人民政府应急管理部门负责监督检查") == ("县级以上地方人民政府应急管理部门", "state")
    assert read.subject("从业人员有权拒绝违章指挥") == ("从业人员", "worker")
    assert read.subject("书面报告经煤矿企业负责人审签后报送") is None  # 负责人 is not the modal 负责
    assert read.subject("用人单位和劳动者应当履行义务") is None  # two parties at once
    assert read.subject("区域冲击危险性评价由煤矿企业负责组织") is None  # the party is not the subject
    assert read.subject("生产经营单位应当具备安全生产条件") == ("生产经营单位", "employer")


# --------------------------------------------------------------------------- key terms

TERM_OTHERS = [
    article("掘进工作面必须使用局部通风机通风。\n采掘工作面应当设置甲烷传感器。", label="第二十条", number=20),
    article("入井人员必须随身携带自救器。\n井下必须设置阻车器。", label="第二十一条", number=21),
    article("回风巷中一氧化碳浓度不得超过规定。\n井下硫化氢浓度不得超过规定。", label="第二十二条", number=22),
    article("二氧化碳浓度必须检查。\n氢气浓度必须检查。\n二氧化硫浓度应当检查。", label="第二十三条", number=23),
]


def test_single_term_asks_a_term_once_in_its_sentence_against_same_class_terms():
    # A gas without a figure in its clause (with one, the figure is asked: test_worth_knowing's gas-with-its-limit test).
    record = article("采煤工作面回风流中甲烷浓度必须每班检查。")
    pools = TheoryPools.build([record, *TERM_OTHERS])
    questions = [single_term(record, pools, str(seed)) for seed in range(20)]
    gas = [q for q in questions if q and q.inputs["term"] == "甲烷"]
    assert gas
    for question in gas:
        by_key = {o.key: o.text for o in question.options}
        assert by_key[question.answer[0]] == "甲烷"
        assert "（ ）浓度必须每班检查" in question.stem
        wrong = [t for k, t in by_key.items() if k not in question.answer]
        assert set(wrong) <= {"一氧化碳", "二氧化碳", "硫化氢", "氢气", "二氧化硫"}
        # 二氧化碳 and 一氧化碳 are one character apart: never side by side.
        assert not {"一氧化碳", "二氧化碳"} <= set(wrong)


def test_single_term_never_offers_a_synonym_or_a_term_the_article_uses():
    record = article("采煤工作面甲烷浓度超过1.0%时必须停止工作，瓦斯检查工应当立即报告。\n采煤工作面必须使用自救器。")
    pools = TheoryPools.build([record, *TERM_OTHERS])
    for seed in range(20):
        question = single_term(record, pools, str(seed))
        if question is None:
            continue
        texts = {o.text for o in question.options}
        assert "瓦斯" not in texts and "甲烷" not in texts - {question.inputs["term"]}
        wrong = texts - {question.inputs["term"]}
        assert not any(w in record.text for w in wrong)


def test_single_term_skips_repeated_glued_and_generic_terms():
    twice = article("局部通风机停止运转时，必须立即恢复局部通风机运转。")
    glued = article("电梯井口必须设置防护栏杆。")
    generic = article("工作面人员应当遵守规定。")
    pools = TheoryPools.build([twice, glued, generic, *TERM_OTHERS])
    assert single_term(twice, pools, "1") is None
    assert single_term(glued, pools, "1") is None
    assert single_term(generic, pools, "1") is None
    assert [start for start, _ in kt.term_spans("必须绘制分层通风系统图")] == []


def test_single_term_drops_a_distractor_whose_sentence_is_in_the_corpus():
    record = article("入井人员必须随身携带矿灯。")
    pools = TheoryPools.build([record, *TERM_OTHERS])
    for seed in range(10):
        question = single_term(record, pools, str(seed))
        if question is not None:
            assert "自救器" not in {o.text for o in question.options}  # 入井人员必须随身携带自救器 is in the corpus


def test_one_character_apart():
    assert kt.one_character_apart("一氧化碳", "二氧化碳")
    assert kt.one_character_apart("回风巷", "回风巷道")
    assert not kt.one_character_apart("回风巷", "进风井")
