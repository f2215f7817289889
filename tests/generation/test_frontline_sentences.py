"""Rules the reader used to miss (issue 16, coverage of the articles real exams ask about): a bound written 以下, a
definition in brackets, and a later clause of a long sentence that opens on its own case."""

from __future__ import annotations

import dataclasses

import pytest

from quiz.generation import articles as read
from quiz.generation.theory import TheoryPools, blank_item_number, blank_number, judge
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(30)]

BOUND = ("新建矿井有突出危险煤层的必须先抽后建，首采区煤层有突出危险且瓦斯压力大于3MPa的，必须从地面打钻井预抽，"
         "把瓦斯压力抽到2MPa以下以后，方可开工建设")
PLACE = "进风井口以下空气的温度必须保持在2℃以上"
CERTIFIED = ("从事煤矿特种作业的人员必须经过专门安全技术培训并考核合格，由省级煤矿安全培训主管部门发给《中华人民共和国特种作业操作证》"
             "（以下简称特种作业操作证）以后，方可上岗作业")
LONG = ("电梯、起重机械、客运索道、大型游乐设施和锅炉、压力容器、压力管道的安装、改造、重大修理过程以及锅炉、压力容器等特种设备的"
        "制造过程，应当由特种设备检验机构依照安全技术规范实施监督检验；未经监督检验或经检验不合格的，"
        "不得出厂或者交付使用")


@pytest.mark.parametrize("sentence", [BOUND, PLACE])
def test_a_bound_or_a_place_written_with_yixia_is_no_reference(sentence):
    assert read.sentences(sentence + "。") == [sentence]


@pytest.mark.parametrize("sentence", [
    "以下区域在实施区域验证或者采掘作业中，发现有喷孔、顶钻等明显突出预兆的，必须采取区域防突措施",
    "煤矿企业应当遵守以下规定，并对从业人员进行培训",
])
def test_yixia_that_points_ahead_still_leans_on_what_follows(sentence):
    assert read.sentences(sentence + "。") == []


def test_a_definition_in_brackets_is_left_out_and_the_verifier_reads_it_so():
    cut = CERTIFIED.replace("（以下简称特种作业操作证）", "")
    assert read.sentences(CERTIFIED + "。") == [cut]
    assert read.sentences("进风井口以下空气的温度（干球温度，下同）必须保持在2℃以上。") == [PLACE]
    record = article(CERTIFIED + "。")
    made = [q for seed in SEEDS if (q := judge(record, TheoryPools.build([record]), seed))]
    assert made and all("以下简称" not in q.stem for q in made)
    assert all(Verifier([record]).problems(q) == [] for q in made)
    blank = blank_number(article(PLACE.replace("温度", "温度（干球温度，下同）") + "。"), TheoryPools.build([]), "1")
    assert blank is not None and Verifier([article(PLACE.replace("温度", "温度（干球温度，下同）") + "。")]).problems(blank) == []


def test_the_verifier_still_refuses_a_statement_that_leaves_out_more_than_a_definition():
    record = article(CERTIFIED + "。")
    made = next(q for seed in SEEDS if (q := judge(record, TheoryPools.build([record]), seed)) and q.answer == ("A",))
    shortened = made.stem.replace("由省级煤矿安全培训主管部门", "")
    assert Verifier([record]).problems(dataclasses.replace(made, stem=shortened))


def test_a_later_clause_of_a_long_sentence_is_kept_when_it_opens_on_its_own_case():
    found = read.sentences(LONG + "。")
    assert "未经监督检验或经检验不合格的，不得出厂或者交付使用" in found
    record = article(LONG + "。", title="中华人民共和国特种设备安全法", label="第二十五条", number=25)
    falses = [q for seed in SEEDS if (q := judge(record, TheoryPools.build([record]), seed)) and q.answer == ("B",)]
    assert falses and all("不合格的，可以出厂" in q.stem for q in falses)
    assert all(Verifier([record]).problems(q) == [] for q in falses)


def test_a_later_clause_that_leans_on_the_first_is_not_kept():
    # ；其他特种设备使用单位，应当… opens on no case of its own (…的，): it is the first clause's other half.
    text = ("电梯、客运索道、大型游乐设施等为公众服务的特种设备，其运营使用单位应当对使用安全负责，设立专门的安全"
            "管理机构或者配齐专职安全管理员；其他特种设备使用单位，应当根据情况设立安全管理机构或者配齐专职、"
            "兼职安全管理人员。")
    assert not any(s.startswith("其他") for s in read.sentences(text))


BLASTING = ("在装药和爆破之前有下列情况之一的，严禁装药、爆破：\n（一）采掘工作面控顶距离不符合作业规程的规定。\n"
            "（二）爆破地点周边20m以内的风流里甲烷浓度达到或者超过1.0%。\n（三）爆破地点20m以内有矿车、没清走的煤（矸）或者别的物体，"
            "堵塞巷道断面1/3以上。")


@pytest.mark.parametrize("lead", ["在装药和爆破之前有下列情况之一的，严禁装药、爆破",
                                  "在采掘工作面遇有下列情况之一时，必须立即停止施工，撤出人员"])
def test_a_list_of_cases_before_a_ban_or_an_order_reads_its_items_as_rules(lead):
    text = BLASTING.replace("在装药和爆破之前有下列情况之一的，严禁装药、爆破", lead)
    assert {entry.lead for entry in read.list_items(text)} == {lead}
    record = article(text, title="煤矿安全规程", label="第三百九十七条", number=397)
    question = blank_item_number(record, TheoryPools.build([record]), "1")
    assert question is not None and question.stem.split("，", 1)[1].startswith(lead + "：")
    assert Verifier([record]).problems(question) == []


@pytest.mark.parametrize("lead", ["煤矿出现下列情形之一的，应当报请县级以上地方人民政府予以关闭",
                                  "凡具有以下情形之一的，应当列入重点监管单位名录"])
def test_a_list_of_cases_whose_consequence_is_an_agencys_step_is_not_read_as_rules(lead):
    text = f"{lead}：\n（一）3个月内2次发现有重大事故隐患仍然进行生产的。\n（二）近2年使用的设备发生过事故的。\n（三）其他情形。"
    assert read.list_items(text) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("特种设备的作业人员、检测人员和安全管理人员应当按照国家规定取得相应资格后，方可从事相关工作", "worker"),
    ("突出矿井的管理人员和井下工作人员必须参加防突知识培训，考试合格后方可上岗作业", "worker"),
    ("煤矿企业的安全生产管理人员和主要负责人应当通过安全生产知识和管理能力考核", "employer"),
    ("县级以上人民政府和煤矿企业应当加强安全生产宣传", None),
    ("工会和从业人员应当监督安全生产工作", None),
    ("煤矿企业应当建立入井检身制度", None),  # one party: `subject` reads it
])
def test_several_parties_at_the_head_have_one_class_unless_the_state_is_among_them(sentence, expected):
    assert read.series_class(sentence) == expected


def test_a_duty_of_several_frontline_parties_is_stated_true_but_never_one_the_state_shares():
    record = article("突出矿井的管理人员和井下工作人员必须参加防突知识培训，考试合格后方可上岗作业。")
    made = [judge(record, TheoryPools.build([record]), seed) for seed in SEEDS]
    assert all(q is not None and q.answer == ("A",) for q in made)
    state = article("县级以上地方人民政府和煤矿企业应当组织开展安全生产宣传教育。")
    assert all(judge(state, TheoryPools.build([state]), seed) is None for seed in SEEDS)


WATER_JET = "水力采煤时，必须遵守下列规定：\n（一）水枪应当设在顶板完好的地点。\n（二）水枪司机必须经过培训。\n（三）水枪必须有防护装置。\n"


@pytest.mark.parametrize("paragraph", ["严禁水枪司机在无支护条件下作业", "处置堵仓时，严禁人员从下方进入",
                                       "架空乘人装置和带式输送机布置在同一倾斜巷道时，必须采取可靠隔离措施"])
def test_a_paragraph_after_a_list_that_opens_on_its_case_or_bans_is_read(paragraph):
    assert paragraph in read.sentences(WATER_JET + paragraph + "。")


@pytest.mark.parametrize("paragraph", ["吊椅离底板高度不得小于0.2m，上下人站处不大于0.5m",
                                       "应当设置乘人间距提示和保护装置"])
def test_a_paragraph_after_a_list_that_may_continue_an_item_is_still_left_out(paragraph):
    assert read.sentences(WATER_JET + paragraph + "。") == []


AIR = ("井下风流的空气成分必须符合下列安全健康指标要求：\n（一）采掘工作面进风流里，二氧化碳浓度不超过0.5%，氧气浓度不低于20%。\n"
       "（二）有害气体的浓度不超过表5规定。")


def test_a_lead_ending_in_a_longer_name_of_requirements_reads_its_items_as_rules():
    assert [entry.item for entry in read.list_items(AIR)] == ["采掘工作面进风流里，二氧化碳浓度不超过0.5%，氧气浓度不低于20%"]
    record = article(AIR, title="煤矿安全规程", label="第一百五十六条", number=156)
    question = blank_item_number(record, TheoryPools.build([record]), "1")
    assert question is not None and Verifier([record]).problems(question) == []


def test_a_lead_naming_things_to_draw_up_is_not_a_list_of_rules():
    text = "建设矿井应当编制下列主要成果及图件：\n（一）矿井水文地质类型划分报告。\n（二）矿井综合水文地质图1份。\n（三）矿井充水性图。"
    assert read.list_items(text) == []
