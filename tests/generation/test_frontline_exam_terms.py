"""Issue 16, the frontline articles real exams ask about (bench/exam_articles.tsv): 特种设备 named by kind, inspected by
kind and kept safe by its 安全附件 and 安全保护装置, asked with wrong options of the same kind; a term glued into a
party's name (电梯制造单位) or used as a verb (定期检验其可靠性) is not asked; a duty to mark or record what is moved made a
false dispensation; the emergency action a duty orders (切断电源) blanked before the device that sets it off; and a
sentence's relevance read without a clause naming who details it or a quality certificate taken for coal quality.
Examples and counter-examples."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quiz.generation import articles as read
from quiz.generation import terms as kt
from quiz.generation.relevance import sentence_relevance, worth_a_worker
from quiz.generation.theory import TheoryPools, blank_term, single_term
from quiz.generation.theory.term_questions import _action_slots
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(20)]

# Articles naming every kind of 特种设备 and every inspection, so each has users to offer as a distractor.
KINDS = [
    article("锅炉、压力容器、压力管道应当定期检验。", title="特种设备安全法", label="第一条", number=1),
    article("电梯、起重机械的安装应当经监督检验。", title="特种设备安全法", label="第二条", number=2),
    article("场（厂）内专用机动车辆应当经型式试验。\n气瓶应当检查。\n氧舱应当检查。", title="特种设备安全法", label="第三条", number=3),
    article("客运索道、大型游乐设施应当设置安全保护装置。\n压力容器的安全附件应当校验。", title="特种设备安全法", label="第四条", number=4),
]


def _made(generator, record, pools) -> list:  # noqa: ANN001
    return [q for seed in SEEDS if (q := generator(record, pools, seed))]


def test_a_kind_of_special_equipment_is_asked_beside_other_kinds_of_its_class() -> None:
    # A 客运索道's duty, offered beside other lifting and moving equipment (电梯, 起重机械 …), never a boiler or a vessel.
    ropeway = article("客运索道的运营使用单位应当制定应急预案。", title="特种设备安全法", label="第四十条", number=40)
    made = _made(single_term, ropeway, TheoryPools.build([ropeway, *KINDS]))
    assert made
    for q in made:
        options = {o.text for o in q.options}
        assert {kt.FAMILY[o][0] for o in options} == {"机电类特种设备"}
        assert not options & {"锅炉", "压力容器", "压力管道"}


def test_no_three_certainly_wrong_kinds_no_single_choice() -> None:
    # 特种设备安全法 第四十三条: 公众乘坐或者操作电梯、客运索道、（大型游乐设施）: of its class only 起重机械 and 场（厂）内专用
    # 机动车辆 are left, and 锅炉 or 压力容器 beside 乘坐 would be absurd.
    ride = article("公众乘坐、操作电梯、客运索道、大型游乐设施时，应当遵守使用说明里列明的各项安全要求。",
                   title="特种设备安全法", label="第四十三条", number=43)
    pools = TheoryPools.build([ride, *KINDS])
    assert _made(single_term, ride, pools) == []
    assert len(kt.TERM_CLASSES["承压类特种设备"]) < 4 <= len(kt.TERM_CLASSES["机电类特种设备"])


def test_a_pressure_vessel_and_a_gas_cylinder_are_one_family() -> None:
    # 压力容器（含气瓶）: a 气瓶 is a pressure vessel, so beside a key of 压力容器 it would be right too.
    assert kt.FAMILY["气瓶"] == kt.FAMILY["压力容器"] == kt.FAMILY["氧舱"]
    assert kt.FAMILY["电梯"] != kt.FAMILY["起重机械"]


def test_an_inspection_is_blanked_but_never_offered_beside_two_others() -> None:
    # 第四十九条: …及时申报（定期检验）. Three kinds of inspection only: no single choice (a fourth would be the user's own
    # check, which a worker reads as true beside it).
    cylinder = article("特种设备使用单位应当依照技术规范办妥设备的使用登记，并按时申报定期检验。",
                       title="特种设备安全法", label="第四十九条", number=49)
    pools = TheoryPools.build([cylinder, *KINDS])
    assert len(kt.TERM_CLASSES["特种设备检验"]) < 4
    assert _made(single_term, cylinder, pools) == []
    blanks = _made(blank_term, cylinder, pools)
    assert blanks and {q.answer for q in blanks} == {("定期检验",)}


@pytest.mark.parametrize(("sentence", "term"), [
    ("电梯制造单位对其调查所知的情况，应当作出记录", "电梯"),  # a party's name: who keeps the record, not the lift
    ("锅炉使用单位应当进行锅炉水（介）质处理", "锅炉"),
    ("气瓶充装单位应当向气体使用者提供气瓶", "气瓶"),
    ("应当定期检验其可靠性", "定期检验"),  # a verb before its object (规程 第六百一十一条)
    ("压力管道元件、锅炉、压力容器这类特种设备在制造过程中", "压力管道"),  # a part of a pipe, not the pipe
])
def test_a_term_glued_into_a_party_a_verb_or_a_part_is_not_a_term(sentence: str, term: str) -> None:
    assert term not in {t for _, t in kt.term_spans(sentence)}


@pytest.mark.parametrize(("sentence", "term"), [
    ("锅炉使用单位应当接受特种设备检验机构的定期检验", "定期检验"),
    ("电梯、客运索道等为公众提供服务的特种设备的运营使用单位", "电梯"),
    ("压力管道应当定期检验", "压力管道"),
    ("检查安全附件、安全保护装置", "安全保护装置"),
    ("井下使用的防爆电气设备必须有煤矿矿用产品安全标志", "防爆电气设备"),  # coal terms as before
])
def test_the_same_terms_standing_alone_stay(sentence: str, term: str) -> None:
    assert term in {t for _, t in kt.term_spans(sentence)}


# --------------------------------------------------------------------------- marking and recording before moving things


@pytest.mark.parametrize("sentence", [
    # 事故报告和调查处理条例 第十六条: the act a hurried crew skips when it moves things at an accident scene.
    "为抢救人员、防止事故扩大或者疏通交通，确需移动事故现场物件的，应当做出标志、绘制现场简图，并做出书面记录",
    "现场物品确需挪动时，应当做出标记和书面记录",
    "电梯制造单位对其调查所知的情况，应当作出记录",
])
def test_a_duty_to_mark_or_record_is_made_a_dispensation(sentence: str) -> None:
    assert [(old, new) for _, old, new in read.modal_changes(sentence)] == [("应当", "不必")]


@pytest.mark.parametrize("sentence", [
    "会议应当作出决定并形成纪要",  # a decision is no act a worker skips
    "巷道设计一旦变更，还应当作出补充设计或者修改设计",
    "相关人员和单位应当妥善保护好事故现场和有关证据",  # a manner (妥善): 不必妥善保护 is believed by nobody
])
def test_other_duties_to_make_something_stay_unflipped(sentence: str) -> None:
    assert read.modal_changes(sentence) == []


# --------------------------------------------------------------------------- the emergency action blanked


FAN = article("矿井必须制定针对主要通风机停止运转情况的应急救援预案。\n"
              "主要通风机停止运转时，井下各作业地点必须立即停止工作、切断电源，所有人员撤到应急救援预案规定的安全地点。",
              title="煤矿安全规程", label="第一百八十条", number=180)
FANS = article("掘进工作面必须使用局部通风机通风。\n主要通风机必须安装在地面。", title="煤矿安全规程", label="第一百五十八条",
               number=158)


def test_the_fan_article_blanks_the_action_not_the_fan() -> None:
    # 第一百八十条: once the main fan stops, the stem asks what to do underground (停止工作、（切断电源）); the fan is the frame.
    pools = TheoryPools.build([FAN, FANS, *KINDS])
    made = _made(blank_term, FAN, pools)
    assert made
    assert {q.inputs["term"] for q in made} <= {"停止工作", "切断电源"}
    assert {q.inputs["class"] for q in made} == {"应急行动"}
    cut = next(q for q in made if q.inputs["term"] == "切断电源")
    assert cut.answer == ("切断电源/断电/停电",)  # a worker who writes 断电 is right
    assert "停止工作、（ ），所有人员撤到" in cut.stem
    verifier = Verifier([FAN, FANS, *KINDS])
    assert all(verifier.problems(q) == [] for q in made)


@pytest.mark.parametrize(("sentence", "action"), [
    ("检修电气设备时，必须停电、验电、放电，再挂上三相短路接地线", "停电"),  # the first of a series of acts
    ("当采掘工作面的空气温度超过30℃时，必须停止作业", "停止作业"),
    ("冲击地压危险预警发出时，作业人员应当立即停止作业，切断电源，撤出人员", "停止作业"),
])
def test_an_ordered_emergency_action_is_a_slot(sentence: str, action: str) -> None:
    record = article(sentence + "。", title="煤矿安全规程", label="第九条", number=9)
    assert action in {a for _, _, a in _action_slots(record)}


@pytest.mark.parametrize("sentence", [
    "远距离爆破时，回风系统必须停电撤人",  # 停电撤人 is one order
    "恢复送电前，必须对线路进行检查，确认无损后方可送电",  # no action ordered
    "停电时，必须检查甲烷断电仪",  # 停电 names when, 断电仪 a device
    "检修前必须切断电源并断开开关",  # the act runs on into another (并…): no blank at its end
])
def test_no_action_slot_where_the_action_is_not_ordered_alone(sentence: str) -> None:
    record = article(sentence + "。", title="煤矿安全规程", label="第九条", number=9)
    assert _action_slots(record) == []


def test_the_verifier_refuses_an_other_answer_the_stem_gives_away() -> None:
    pools = TheoryPools.build([FAN, FANS, *KINDS])
    cut = next(q for seed in SEEDS if (q := blank_term(FAN, pools, seed)) and q.inputs["term"] == "切断电源")
    verifier = Verifier([FAN, FANS, *KINDS])
    assert verifier.problems(replace(cut, answer=("切断电源/停止工作",)))  # 停止工作 stands in the stem
    assert verifier.problems(replace(cut, answer=("切断电源/断 电",)))


# --------------------------------------------------------------------------- relevance read for the right reason


def test_a_closing_clause_naming_who_details_the_rule_does_not_sink_the_mines_ban() -> None:
    # 煤矿安全生产条例 第二十五条: the ban is the mine's; the list is the state's, which says nothing a miner must do.
    ban = "煤矿企业不得继续使用危及生产安全、应当淘汰的工艺和设备"
    assert worth_a_worker(ban + "，具体目录由国家矿山安全监察机构另行制定并公布")
    assert sentence_relevance(ban + "，具体目录由国家矿山安全监察机构另行制定并公布") == sentence_relevance(ban)
    # A state body's own duty stays where it was, with or without such a clause.
    assert not worth_a_worker("卫生行政部门应当规范管理职业病诊断工作，具体管理办法由国务院卫生行政部门制定")
    # A clause that gives the body a duty of its own in the middle of the rule is still read.
    assert not worth_a_worker("具体目录由国务院应急管理部门制定并公布")


def test_a_certificate_of_quality_is_no_coal_product_quality() -> None:
    # 特种设备安全法 第二十一条 and 第二十七条: 产品质量合格证明 goes with the equipment (the user checks it); 煤炭产品质量
    # is the sales office's. (A maker's own duty to ship it scores nothing for a mine's run: no party of the mine's.)
    certificate = "使用单位应当核对特种设备所附的产品质量合格证明以及安装、使用和维护说明"
    coal = "煤矿企业应当加强对煤炭产品质量的管理和监督检查"
    assert sentence_relevance(certificate) >= 0.5 > sentence_relevance(coal) + 0.25
    assert not worth_a_worker(coal)


# --------------------------------------------------------------------------- what names a term elsewhere in its sentence


@pytest.mark.parametrize(("sentence", "term"), [
    # 特种设备安全法 第四十四条: 检验机构 fits 监督检验 as well as the key, so it names neither.
    ("清洗锅炉时，应当遵守安全技术规范，同时接受特种设备检验机构的监督检验", "监督检验"),
    # 规程 第一百二十二条: 摩擦支柱 shares 支柱 with 单体支柱, another support: no hint which support is meant.
    ("除极薄煤层外，采煤工作面严禁用木支柱和金属摩擦支柱进行支护", "木支柱"),
])
def test_a_bigram_the_term_shares_with_its_class_does_not_name_it(sentence: str, term: str) -> None:
    start = sentence.index(term)
    assert not kt.named_elsewhere(sentence, start, term)


@pytest.mark.parametrize(("sentence", "term"), [
    ("采煤机必须安装内喷雾装置，无水或者外喷雾不能正常使用时必须停机", "内喷雾装置"),  # 外喷雾: its own family's word
    ("安全监控设备必须具有断电闭锁功能，甲烷断电仪必须定期调校", "甲烷断电仪"),  # 断电 is the key's alone
])
def test_a_telling_bigram_of_the_key_alone_still_names_it(sentence: str, term: str) -> None:
    assert kt.named_elsewhere(sentence, sentence.index(term), term)
