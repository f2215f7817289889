"""Issue 16, theory side: questions worth a miner's time, blanks on quantities, true/false that teaches,
distractors that are false and plausible. Each rule with the issue's own examples."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from decimal import Decimal

import pytest

from quiz.bank.types import JUDGE_OPTIONS, Option
from quiz.generation import articles as read
from quiz.generation.lists import multi_enumeration
from quiz.generation.pipeline import generate_theory, pick, theory_batch, theory_selection
from quiz.generation.records import Change, GeneratedQuestion
from quiz.generation.relevance import MANAGERS, THRESHOLD, article_relevance, relevance, sentence_relevance
from quiz.generation.scope import in_mine_scope
from quiz.generation.theory import TheoryPools, blank_number, blank_term, judge, single_number
from quiz.generation.theory.number_distractors import number_distractors
from quiz.generation.theory.parties import party_distractors
from quiz.generation.theory.true_false import false_changes, true_statement
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

# --------------------------------------------------------------------------- relevance

PROCEDURE = "卫生行政部门应当自收到申请之日起三十日内作出是否批准的决定"
LICENCE = "颁发许可证的部门应当自受理申请之日起二十日内审查完毕，依法予以备案"
DRILL = "煤矿企业应当每年至少组织2次应急演练"
EMERGENCY = "发现透水征兆时，班组长必须立即停止作业，撤出人员"


def test_duties_limits_and_emergencies_score_above_agency_procedure():
    assert sentence_relevance(PROCEDURE) < THRESHOLD and sentence_relevance(LICENCE) < THRESHOLD
    assert sentence_relevance(DRILL) >= 0.9 and sentence_relevance(EMERGENCY) >= 0.9
    assert sentence_relevance("从业人员有权拒绝违章指挥") >= THRESHOLD
    assert sentence_relevance("刮板输送机严禁乘人") >= THRESHOLD
    # Which department fines whom, 行政复议: low.
    assert sentence_relevance("生产经营单位有下列行为之一的，应责令其在限期内改正，并可以处十万元以下罚款") < THRESHOLD
    assert sentence_relevance("当事人对处罚决定不服的，可以依法申请行政复议") < THRESHOLD
    assert 0 <= relevance(PROCEDURE, PROCEDURE) < relevance(DRILL, DRILL) <= 1


def test_an_article_of_agency_procedure_yields_nothing_and_a_duty_yields_scored_questions():
    procedure = article(PROCEDURE + "。\n" + LICENCE + "。", label="第二十条", number=20)
    duty = article(DRILL + "。\n" + EMERGENCY + "。", label="第二十一条", number=21)
    pools = TheoryPools.build([procedure, duty])
    assert article_relevance(procedure.text) < 0.4
    asked = list(generate_theory([procedure, duty], "1", pools))
    assert asked and {q.inputs["article"] for q in asked} == {duty.key}
    assert all(THRESHOLD <= q.relevance <= 1 for q in asked)
    shown = json.loads(json.dumps([q.to_json() for q in asked]))
    assert all(0 < item["relevance"] <= 1 and item["provenance"]["relevance"] == item["relevance"] for item in shown)


def test_a_question_made_before_relevance_still_loads():
    old = GeneratedQuestion(type="judge", stem="s", options=JUDGE_OPTIONS, answer=("A",), explanation="", citation=None,
                            generator="theory.judge")
    assert old.relevance == 1.0 and old.to_json()["relevance"] == 1.0


def test_pick_prefers_relevant_items_and_alternates_true_and_false():
    def q(stem: str, answer: str, score: float) -> GeneratedQuestion:
        return GeneratedQuestion(type="judge", stem=stem, options=JUDGE_OPTIONS, answer=(answer,), explanation="",
                                 citation=None, generator="theory.judge", relevance=score)

    questions = [q(f"t{i}", "A", 0.9) for i in range(6)] + [q(f"f{i}", "B", 0.9) for i in range(2)]
    questions += [q("low", "B", 0.5)]
    chosen = pick(questions, 4, "x")
    assert [x.answer for x in chosen] == [("A",), ("B",), ("A",), ("B",)]
    assert "low" not in {x.stem for x in chosen}


# --------------------------------------------------------------------------- scope


@pytest.mark.parametrize(
    "title",
    ["煤矿安全规程", "中华人民共和国安全生产法", "中华人民共和国矿山安全法", "中华人民共和国职业病防治法", "煤矿安全培训规定",
     "煤矿重大生产安全事故隐患判定标准", "煤矿防治水细则", "防治煤与瓦斯突出细则", "煤矿安全生产条例",
     # a mine runs hoists, boilers, pressure vessels: its 特种设备 managers are examined on these
     "中华人民共和国特种设备安全法", "特种设备安全监督检查办法",
     # the welding bank asks the fire law: a unit's and its people's duties to report, fight and keep exits clear
     "中华人民共和国消防法"],
)
def test_documents_a_mine_trains_on_are_in_the_default_scope(title):
    assert in_mine_scope(title)


def test_the_fire_law_is_in_the_frontlines_default_scope_only():
    # The welding bank (frontline) asks it; the managers' bank never does, and a managers' run would take the fire
    # service's approvals and public places' fines.
    assert in_mine_scope("中华人民共和国消防法") and not in_mine_scope("中华人民共和国消防法", audience=MANAGERS)
    assert in_mine_scope("中华人民共和国安全生产法", audience=MANAGERS)


def test_the_fire_law_asks_a_units_duties_not_the_fire_services_nor_the_publics():
    # Written for this test in the fire law's manner: the unit's duty stays asked, the fire service's own work (a state
    # body's) and rules for housing estates and public places do not.
    unit = "任何单位不得占用、堵塞疏散通道和安全出口"
    service = "消防救援机构在检查中发现隐患的，应当通知有关单位立即采取措施"
    estate = "住宅区的物业服务企业应当对共用消防设施进行维护管理"
    public = "禁止携带易燃易爆危险品进入公共场所"
    assert sentence_relevance(unit) >= THRESHOLD
    assert all(sentence_relevance(s) < THRESHOLD for s in (service, estate, public))


@pytest.mark.parametrize(
    "title",
    ["中华人民共和国工会法", "中华人民共和国国家安全法", "危险化学品安全管理条例", "民用爆炸物品安全管理条例",
     "中华人民共和国内河交通安全管理条例", "中华人民共和国劳动合同法", "煤矿企业安全生产许可证实施办法"],
)
def test_documents_outside_a_mines_field_are_not(title):
    assert not in_mine_scope(title)


def test_the_mines_own_rules_are_in_and_a_trainer_can_widen_or_narrow():
    own = article("入井人员必须佩戴自救器。", title="青山矿入井管理规定")
    own = own.__class__(**{**own.__dict__, "doc_type": "企业制度"})
    union = article("工会有权对安全生产工作进行监督。", title="中华人民共和国工会法")
    coal = article("矿长必须带班下井。", title="煤矿安全规程", label="第五条", number=5)
    coal = coal.__class__(**{**coal.__dict__, "path": "第一编 总则 / 第二章 安全管理"})
    records = [own, union, coal]
    assert theory_selection(records) == [own, coal]
    assert theory_selection(records, every_document=True) == records
    assert theory_selection(records, ["工会法"]) == [union]  # named, any spelling of the title
    assert theory_selection(records, chapter="第二章") == [coal]


@pytest.mark.slow
def test_a_default_cli_run_asks_only_the_mines_documents(shared_dir):
    from quiz.generation.cli import run

    questions = run("theory", 300, "1", corpus=shared_dir / "corpus")
    assert len(questions) == 300
    assert all(in_mine_scope(q.citation.title) for q in questions)
    assert all(q.relevance >= THRESHOLD for q in questions)
    wide = run("theory", 300, "1", corpus=shared_dir / "corpus", every_document=True)
    assert not all(in_mine_scope(q.citation.title) for q in wide)


# --------------------------------------------------------------------------- blanks and stems


def test_ordinals_and_fixed_words_are_not_numbers():
    assert read.quantities("注意防止冒顶和二次突水事故") == []
    assert read.quantities("加强巷道支护，防止发生二次冒顶、片帮") == []
    assert read.quantities("采用远距离全断面一次爆破") == []
    for text in ("第一次", "一律不得", "一旦发生", "一般规定", "统一指挥"):
        assert read.quantities(text) == [], text
    assert [q.text for q in read.quantities("每班至少检查一次")] == ["一次"]
    assert [q.text for q in read.quantities("每年至少组织两次演练")] == ["两次"]


def test_a_blank_keyed_er_for_er_ci_is_never_generated_and_the_verifier_refuses_one():
    record = article("处理突水事故时，班组长必须注意防止冒顶和二次突水事故。")
    assert blank_number(record, TheoryPools.build([record]), "1") is None
    forged = GeneratedQuestion(
        type="blank", stem="根据《测试安全规定》第十条，处理突水事故时，班组长必须注意防止冒顶和（ ）次突水事故。",
        options=(), answer=("二",), explanation="", citation=record.citation, generator="theory.blank_number",
    )
    assert any("二次" in p for p in Verifier([record]).problems(forged))


def test_stems_never_start_mid_article_without_their_subject():
    bunker = article(
        "煤仓使用和管理必须遵守下列规定：\n（一）严禁煤仓兼作流水道。\n（二）煤仓应当安装甲烷传感器。\n"
        "煤仓装载量应当控制在规定范围内。放空时应当采取防止风流短路的措施。"
    )
    assert read.sentences(bunker.text) == []  # the paragraph continues item （二）: its lead is needed
    plan = article("应当制定防治水中长期规划，对地下水可能造成的危害进行评估。\n每年雨季前必须对防排水设施作全面检查。")
    assert read.sentences(plan.text) == ["每年雨季前必须对防排水设施作全面检查"]
    # A 款 with its lead: the list-item blank quotes the part before the colon that says when it applies.
    steep = article("处理顶板事故时，应当遵守下列规定：\n（一）指定专人检查甲烷浓度。\n（二）距离冒顶区不得小于5m。\n（三）保证退路安全畅通。")
    from quiz.generation.theory import blank_item_number

    question = blank_item_number(steep, TheoryPools.build([steep]), "1")
    assert question.stem == "根据《测试安全规定》第十条，处理顶板事故时，应当遵守下列规定：距离冒顶区不得小于（ ）m。"


# --------------------------------------------------------------------------- true / false


def test_false_statements_change_a_safety_fact_and_say_what_changed():
    record = article("采煤工作面刮板输送机严禁乘人。")
    pools = TheoryPools.build([record])
    falses = [q for seed in map(str, range(30)) if (q := judge(record, pools, seed)) and q.answer == ("B",)]
    assert falses
    for question in falses:
        assert question.change == Change("modal", "严禁", "允许")  # a prohibition made a permission
        assert "采煤工作面刮板输送机允许乘人" in question.stem
        assert "把原文的“严禁”改成了“允许”" in question.explanation
        assert "原文：“采煤工作面刮板输送机严禁乘人。”" in question.explanation
    assert all(Verifier([record]).problems(q) == [] for q in falses)


def test_weak_swaps_are_not_used():
    agency = "县级以上人民政府应当加强对所属煤矿的安全管理"
    assert false_changes(agency, article(agency + "。"), TheoryPools(), random.Random(1)) == []
    changes = false_changes(DRILL, article(DRILL + "。"), TheoryPools(), random.Random(1))
    assert changes and all(c.kind in {"modal", "number"} for _, c in changes)
    assert all((c.original, c.replacement) != ("应当", "可以") for _, c in changes)
    forged = GeneratedQuestion(
        type="judge", stem=f"根据《测试安全规定》第十条，{DRILL.replace('应当', '可以')}。", options=JUDGE_OPTIONS,
        answer=("B",), explanation=f"原文：“{DRILL}。”", citation=article(DRILL).citation, generator="theory.judge",
        change=Change("modal", "应当", "可以"),
    )
    assert any("不允许的改动" in p for p in Verifier([article(DRILL + "。")]).problems(forged))


def test_true_statements_are_not_always_the_sentence_word_for_word():
    assert true_statement("煤矿企业必须建立安全生产责任制，并定期进行考核") == "煤矿企业必须建立安全生产责任制"
    # Never cut where the rest limits the rule (但 …除外), or where the rest is itself a prohibition.
    assert true_statement("煤矿企业必须建立安全生产责任制，并不得由他人代替") == "煤矿企业必须建立安全生产责任制，并不得由他人代替"
    assert true_statement("井下必须使用防爆设备，并经检验合格，但经批准的除外").endswith("除外")


@pytest.mark.slow
def test_true_and_false_are_balanced_over_a_default_run(shared_records, shared_pools):
    batch = theory_batch(theory_selection(shared_records), "7", shared_pools, ["theory.judge"], corpus=shared_records)
    answers = [q.answer for q in batch.questions]
    # 400 -> 300 (320) after blind read 4: no false item where the only false statement is a weak 不必, and a true
    # one there only for a worker's own duty or an article nothing else asks. Issue 16's band for the balance: 40-60%.
    # 300+ -> 298 after blind read 6: no false item that permits what its own words condemn (可以使用应当淘汰的设备, T22)
    # and fewer sentences of procedure.
    # 298 -> 284 after blind read 7: a false figure moves the unsafe way or is not changed (T33: 2个月以上 made the rule
    # stricter; 每周1次 -> 2次, 10m以内严禁 -> 15m were as weak).
    assert len(answers) >= 280
    assert 0.40 <= answers.count(("B",)) / len(answers) <= 0.60
    assert any(q.inputs["sentence"] != q.stem.split("，", 1)[1].removesuffix("。") for q in batch.questions
               if q.answer == ("A",))


# --------------------------------------------------------------------------- distractors


def test_number_distractors_stay_within_a_sensible_ratio_of_the_key():
    record = article("煤矿企业必须提前一天通知入井人员。")
    far = article("检查结果应当保存六十天。", label="第二条", number=2)
    pools = TheoryPools.build([record, far])
    quantity = read.quantities("煤矿企业必须提前一天通知入井人员")[0]
    for seed in range(20):
        wrong = number_distractors(quantity, record, pools, random.Random(seed))
        assert "六十天" not in wrong
        assert all(Decimal(1) / 5 <= read._decimal(w.removesuffix("天")) <= 5 for w in wrong)


def test_a_number_that_is_the_rule_in_another_article_is_never_a_distractor():
    record = article("采掘工作面每班至少检查瓦斯2次。")
    other = article("采掘工作面每班至少检查瓦斯3次。", title="另一安全规定", label="第三条", number=3)
    pools = TheoryPools.build([record, other])
    for seed in map(str, range(15)):
        question = single_number(record, pools, seed)
        if question is not None:
            assert "3次" not in {o.text for o in question.options}


COUPLER = "液力偶合器严禁使用可燃性传动介质"
CONVEYOR = article(
    "用刮板输送机运输物料时，必须遵守下列规定：\n（一）刮板输送机严禁乘人。\n（二）发出信号点的间距不得超过15m。\n"
    "（三）移动刮板输送机时必须停机。\n（四）用刮板输送机运送物料时必须停机闭锁。",
    title="煤矿安全规程", label="第一百四十四条", number=144,
)
BELT = article(
    "使用带式输送机运输时，必须遵守下列规定：\n（一）" + COUPLER + "。\n（二）带式输送机严禁乘人。\n（三）必须装设防打滑保护。",
    title="煤矿安全规程", label="第三百七十四条", number=374,
)


def test_which_are_required_never_offers_a_true_rule_of_another_article():
    pools = TheoryPools.build([CONVEYOR, BELT])
    made = 0
    for seed in map(str, range(20)):
        question = multi_enumeration(CONVEYOR, pools, seed)
        if question is None:
            continue
        made += 1
        texts = {o.text for o in question.options}
        assert COUPLER not in texts and "带式输送机严禁乘人" not in texts
        wrong = [o.text for o in question.options if o.key not in question.answer]
        changed = dict((c, o) for o, c in question.inputs["changed"])
        assert set(wrong) == set(changed)  # each wrong option is a listed item with one fact changed
        assert all(changed[w] in read.enumerations(CONVEYOR.text)[0].items for w in wrong)
        assert Verifier([CONVEYOR, BELT]).problems(question) == []
    assert made


def test_the_verifier_rejects_a_distractor_that_is_a_current_rule_elsewhere():
    items = read.enumerations(CONVEYOR.text)[0].items
    forged = GeneratedQuestion(
        type="multi",
        stem="根据《煤矿安全规程》第一百四十四条，“用刮板输送机运输物料时，必须遵守下列规定”。下列各项中，属于该条所列的有（ ）。",
        options=(Option("A", items[0]), Option("B", items[2]), Option("C", COUPLER), Option("D", "必须装设防逆转装置")),
        answer=("A", "B"), explanation="", citation=CONVEYOR.citation, generator="theory.multi_enumeration",
        inputs={"lead": "用刮板输送机运输物料时，必须遵守下列规定"},
    )
    problems = Verifier([CONVEYOR, BELT]).problems(forged)
    assert problems == [f"干扰项“{COUPLER}”是现行文件中的规定"]
    # The cited article alone says nothing of it: only a check over the whole corpus catches it.
    assert Verifier([CONVEYOR]).problems(forged) == []


def test_a_blank_may_ask_a_key_term_and_the_verifier_holds_it_to_the_source():
    record = article("井口房内和井下都不得从事电焊、气焊、喷灯焊接等作业。\n主要通风机必须安装在地面。")
    other = article("采煤工作面必须配备甲烷传感器。", label="第二条", number=2)
    pools = TheoryPools.build([record, other])
    made = [q for seed in map(str, range(10)) if (q := blank_term(record, pools, seed))]
    assert made
    for question in made:
        assert question.type == "blank" and question.answer[0].split("/")[0] in {"井口房", "主要通风机"}
        assert Verifier([record]).problems(question) == []
    question = made[0]
    for bad in ("不得", "二次"):
        forged = replace(question, answer=(bad,))
        assert Verifier([record]).problems(forged)


def test_a_duty_of_the_mine_or_its_people_never_offers_the_state_as_a_choice():
    pool = [
        article("县级以上人民政府应当加强领导。\n应急管理部门应当监督检查。", label="第五条", number=5),
        article("作业人员应当遵守规程。\n劳动者应当遵守劳动纪律和操作规程。\n职工有权获得符合标准的劳动防护用品。", label="第六条", number=6),
        article("煤矿企业应当建立制度。", label="第七条", number=7),
        article("设计单位应当对设计负责。\n勘察单位应当提供勘察资料。\n劳务派遣单位应当进行安全教育。", label="第八条", number=8),
    ]
    record = article("施工单位应当在井巷开工前制定安全措施。")
    for seed in map(str, range(10)):
        wrong = party_distractors("施工单位", "employer", record, TheoryPools.build(pool), random.Random(seed),
                                  rest="应当在井巷开工前制定安全措施")
        assert wrong and not {"县级以上人民政府", "应急管理部门"} & set(wrong)
