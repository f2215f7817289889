"""Distractors of list questions: same shape, same topic, certainly not in the cited list — or no question."""

from __future__ import annotations

from quiz.generation import articles as read
from quiz.generation.lists import (
    CASE,
    HAVE,
    NOUN,
    PENALTY,
    PLAUSIBLE,
    RULE,
    Sibling,
    covered,
    field_of,
    item_shape,
    lead_head,
    list_shape,
    multi_enumeration,
    plausibility,
)
from quiz.generation.theory import TheoryPools
from tests.generation.conftest import article

TITLE = "测试煤矿安全规程"
DRAWINGS_LEAD = "矿井应当编制下列防治水图件"
DRAWINGS = ["矿井充水示意图", "矿井涌水动态曲线图", "水文地质综合柱状图", "水文地质剖面示意图"]


def drawings_article(number: int = 300) -> object:
    items = "\n".join(f"（{read.to_chinese_number(i + 1)}）{t}；" for i, t in enumerate(DRAWINGS))
    return article(f"{DRAWINGS_LEAD}：\n{items}", label=f"第{read.to_chinese_number(number)}条", title=TITLE, number=number)


def listed(lead: str, items: list[str], number: int, title: str = TITLE) -> object:
    body = "\n".join(f"（{read.to_chinese_number(i + 1)}）{t}；" for i, t in enumerate(items))
    return article(f"{lead}：\n{body}", label=f"第{read.to_chinese_number(number)}条", title=title, number=number)


def test_item_shapes():
    assert item_shape("矿井综合水文地质图") == NOUN
    assert item_shape("劳动合同期限") == NOUN
    assert item_shape("低于当地最低工资标准支付劳动者工资的") == CASE
    assert item_shape("有健全的安全管理规章制度") == HAVE
    assert item_shape("发生较大事故，处其上一年年收入百分之六十的罚款") == PENALTY
    assert item_shape("应当结合现场考察资料和多年积累的数据，确定预警临界指标") == RULE
    assert item_shape("井下严禁安设辅助通风机") == RULE
    assert list_shape(["矿井充水性图", "矿井涌水量曲线图", "井下严禁安设辅助通风机"]) == NOUN


def test_lead_heads_and_fields():
    assert lead_head("矿井应当编制下列防治水图件，每半年至少修订1次") == lead_head("井工煤矿必须填绘下列图纸") == "图"
    assert lead_head("劳动合同应当具备以下条款") == "条款"
    assert lead_head("有下列行为之一的，责令改正，处1万元以上5万元以下的罚款") == "处罚"
    assert lead_head("图中应当注明") == ""
    assert field_of("煤矿安全规程") == field_of("煤矿防治水细则") == "coal"
    assert field_of("特种设备安全监督检查办法") == "hazmat" != field_of("中华人民共和国劳动法")


def test_a_sentence_is_no_distractor_for_a_list_of_drawings():
    same_doc = Sibling("冲击地压矿井应当遵守下列规定", same_document=True, same_field=True)
    sentence = "应当依据现场考察资料和历年积累的数据，确定冲击地压危险的预警临界指标"
    assert plausibility(sentence, DRAWINGS_LEAD, DRAWINGS, same_doc) == 0  # a requirement, not a drawing
    assert plausibility("控制烟雾的蔓延，防止火灾扩大", DRAWINGS_LEAD, DRAWINGS, same_doc) == 0
    drawings = Sibling("井工煤矿必须按照规定填绘下列图纸", same_document=True, same_field=True)
    assert plausibility("井上下对照图", DRAWINGS_LEAD, DRAWINGS, drawings) >= PLAUSIBLE
    assert plausibility("巷道布置图", DRAWINGS_LEAD, DRAWINGS, drawings) >= PLAUSIBLE
    # Same shape and head noun, but another field of law: never.
    elsewhere = Sibling("企业应当编制下列图纸", same_document=False, same_field=False)
    assert plausibility("厂区总平面图", DRAWINGS_LEAD, DRAWINGS, elsewhere) == 0


def test_a_situation_of_labour_law_is_no_distractor_for_special_equipment():
    lead = "有以下情形之一的，应当将其列入重点单位名录"
    cited = ["上一年度自我声明承诺换证的", "上一年度特种设备发生过事故并负有责任的", "投诉举报较多且经调查属实的"]
    labour = Sibling("用人单位有下列损害劳动者合法权益情形之一的，劳动行政部门责令其支付", False, False)
    assert plausibility("低于当地最低工资标准支付劳动者工资的", lead, cited, labour) == 0
    # A situation of another list on 重点单位 in the same document would do.
    same_topic = Sibling("有下列情形之一的，应当列入重点监督检查单位", True, True)
    assert plausibility("使用的特种设备超过设计使用年限的", lead, cited, same_topic) >= PLAUSIBLE
    # A requirement of the same document would not: wrong shape.
    assert plausibility("检验机构应当按时出具检验报告", lead, cited, same_topic) == 0


def test_a_blasting_distance_gets_blasting_rules_not_charging_or_ventilation():
    lead = "爆破地点与起爆地点之间的距离应当符合下列要求"
    cited = ["岩巷中直线段大于130m、拐弯段大于100m", "煤巷中直线段大于100m、拐弯段大于75m", "采煤工作面大于75m"]
    charging = Sibling("使用蓄电池的设备充电应当符合下列要求", True, True)
    ventilation = Sibling("主要通风机的安装和使用应当符合下列要求", True, True)
    assert plausibility("充电时应当有人值守", lead, cited, charging) < PLAUSIBLE
    assert plausibility("井下严禁安设辅助通风机", lead, cited, ventilation) < PLAUSIBLE
    blasting = Sibling("爆破后检查必须遵守下列规定", True, True)
    assert plausibility("发现拒爆，必须向爆破区负责人报告", lead, cited, blasting) >= PLAUSIBLE


def test_contract_clauses_get_clauses_not_holidays_or_illnesses():
    lead = "订立劳动合同应当采用书面形式，并具备以下条款"
    cited = ["劳动合同期限", "工作内容", "劳动保护和劳动条件", "劳动报酬", "劳动纪律"]
    holidays = Sibling("在下列节日期间，用人单位应当依法让劳动者休假", True, True)
    benefits = Sibling("遇有下列情形，劳动者依法享受社会保险待遇", True, True)
    assert plausibility("国际劳动节", lead, cited, holidays) < PLAUSIBLE
    assert plausibility("患病、负伤", lead, cited, benefits) < PLAUSIBLE
    clauses = Sibling("劳动合同应当具备以下条款", same_document=False, same_field=True)
    assert plausibility("社会保险", lead, cited, clauses) >= PLAUSIBLE
    assert plausibility("休息休假", lead, cited, clauses) >= PLAUSIBLE


def test_a_paraphrase_inside_a_longer_item_is_caught():
    assert covered("必须装有前照明灯和尾灯", "车辆必须设有前照明灯和尾部红色信号灯，并配备警示牌、灭火器") >= 0.5
    assert covered("巷道布置图", "矿井充水性图") < 0.5


def test_drawings_get_drawings_from_far_articles_or_no_question():
    cited = drawings_article(300)
    rock_burst = listed("冲击地压矿井应当遵守下列规定", ["应当确定冲击地压危险预警临界指标", "应当编制防冲专项设计",
                                                     "应当建立冲击地压监测系统"], 340)
    fire = listed("井下发生火灾时应当遵守下列规定", ["控制烟雾的蔓延，防止火灾扩大", "迅速撤出受威胁人员", "切断火区电源"], 360)
    assert multi_enumeration(cited, TheoryPools.build([cited, rock_burst, fire]), "5") is None
    plans = listed("井工煤矿必须按照规定填绘下列图纸", ["井上下对照图", "巷道布置图", "采掘工程平面图"], 17)
    opencast = listed("露天煤矿必须按照规定填绘下列图纸", ["地形地质图", "供配电系统图", "通信系统图"], 18)
    near = listed("矿井应当编制下列防治水图纸", ["矿井排水系统图", "井下避灾路线图", "矿井通风系统图"], 290)
    # Blind read 2 (and the quality bench: 第二百九十一条 offered 工程地质平面图): the drawings of another list of
    # required drawings are required there, so a worker who knows them would pick them; off-topic lists give the
    # answer away. No question, rather than either.
    assert multi_enumeration(cited, TheoryPools.build([cited, rock_burst, fire, plans, opencast, near]), "5") is None


def test_a_distractor_naming_another_regulated_subject_is_refused():
    lead = "违反本条例规定，有下列情形之一的，公安机关责令其限期改正，并处5万元以上20万元以下罚款"
    cited = ["超出购买许可的品种购买民用爆炸物品的", "使用现金进行民用爆炸物品交易的", "未按照规定向公安机关备案的"]
    penalties = Sibling("违反本法规定，有下列行为之一的，责令限期改正，处1万元以上10万元以下罚款", False, True)
    assert plausibility("未设置特种设备安全管理机构的", lead, cited, penalties) == 0
    assert plausibility("转让、出借民用爆炸物品的", lead, cited, penalties) >= PLAUSIBLE
