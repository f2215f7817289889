"""True/false items that teach (issue 16, blind read 4): a false statement changes one fact a careless worker could
believe, never a duty to know, master, comply or plan made a 不必 (T13, T15, T28, T36), and multiple-choice wrong
options follow the same rule (T20). Each rule with the read's sentences and counter-examples that must stay."""

from __future__ import annotations

import random

import pytest

from bench.generation_quality import change_kind
from quiz.generation import articles as read
from quiz.generation.lists import changed_items, multi_enumeration
from quiz.generation.pipeline import theory_batch
from quiz.generation.records import Change
from quiz.generation.theory import TheoryPools, judge
from quiz.generation.theory.true_false import _keeps_order, false_changes
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(40)]

# Blind read 4: each of these became a 不必 statement nobody marks true.
WEAK = {
    "T15": "井下每名作业人员必须熟练掌握紧急避险设施和自救器的使用方法",  # a duty to master
    "T13": "出了事故的煤矿必须全力做好应急救援和善后等相关工作",  # a manner (全力做好)
    "T36": "采（盘）区结束、设备回撤时，必须编制专门措施，加强对通风、瓦斯、顶板和防火的管理",  # a plan to write
    "T28": "从业人员作业时应当严格落实本岗位的安全责任，遵守本单位安全生产规章制度和操作规程",  # to comply
    "know": "每名煤矿工人必须熟悉本矿的避灾路线和应急救援预案",
    "principle": "特种设备的安全工作，应当坚持安全第一、预防为主、节能环保和综合治理的原则",
}
# Acts a worker skips to save time: 不必 here is a shortcut someone believes.
SKIPPABLE = {
    "下井的人员必须随身携带矿灯、标识卡和自救器": "不必",
    "修复旧井巷时，必须首先检查瓦斯": "不必",
    "从业人员一旦发现事故隐患或者其他不安全因素，应当立即报告现场安全生产管理人员或者本单位负责人": "不必",
    "使用特种设备的单位应当对所用设备的安全附件进行定期校验": "不必",
    "入井人员必须佩戴安全帽": "不必",
    "运营使用单位应当将安全注意事项、安全使用说明和警示标志置于乘客容易注意到的显著位置": "不必",
}


@pytest.mark.parametrize("label", list(WEAK))
def test_a_duty_to_know_master_comply_or_plan_is_never_made_a_dispensation(label):
    sentence = WEAK[label]
    assert read.modal_changes(sentence) == []
    if label != "T13":  # 全力做好 is a manner, left out even as a weak flip
        assert read.modal_changes(sentence, weak=True)  # what the generator offered before blind read 4
    assert all(c.replacement != "不必" for _, c in false_changes(sentence, article(sentence + "。"), TheoryPools(),
                                                                     random.Random(1)))


@pytest.mark.parametrize("sentence", list(SKIPPABLE))
def test_a_duty_to_check_carry_wear_or_report_may_be_made_a_dispensation(sentence):
    assert [new for _, _, new in read.modal_changes(sentence)] == [SKIPPABLE[sentence]]


def test_prohibitions_rights_and_bounds():
    assert read.modal_changes("严禁携带烟草和点火物品下井") == [(0, "严禁", "允许")]
    assert read.modal_changes("从业人员有权拒绝违章指挥和强令冒险作业") == [(4, "有权", "无权")]
    # A ban before a bound is a limit: 可以小于5m is no rule a worker believes; the figure is what to change.
    assert read.modal_changes("支护长度不得小于5m") == []
    assert read.modal_changes("物料最大块度不得超过3m3") == []
    # Author's read of seed 4242: 可以以任何理由扣押, 国家明令允许使用的 (a ban inside a name) taught nothing.
    assert read.modal_changes("原单位不得以任何理由扣押职工本人的考核合格证明") == []
    assert read.modal_changes("生产经营单位不得以任何形式同职工订立免除其责任的协议") == []
    # Blind read 6, T22: nor is 可以使用国家明令禁止使用的设备, a permission to use what the sentence itself condemns.
    assert read.modal_changes("任何单位和个人不得使用国家明令禁止使用的设备") == []
    assert [m for _, m, _ in read.modal_changes("任何单位和个人不得拆除国家明令设置的安全标志")] == ["不得"]
    assert read.modal_changes("在井口房内和井下不得进行气焊、电焊和喷灯焊接等作业") == [(8, "不得", "可以")]
    changes = false_changes("支护长度不得小于5m", article("支护长度不得小于5m。"), TheoryPools(), random.Random(1))
    assert all(c.kind != "modal" for _, c in changes)


def test_an_action_reversed_under_its_duty_becomes_a_permission_not_an_absurd_order():
    # T20: 挖掘机必须继续作业 was a wrong option; 可以继续作业 is the shortcut a careless driver takes.
    stop = "列车驶进工作面100m内或驶离工作面20m内，挖掘机必须停止作业"
    assert read.action_changes(stop) == [(26, "必须停止作业", "可以继续作业")]
    # The withdrawal after a stop goes with it: 可以继续工作，撤出人员 would be no order at all.
    gas = "采掘工作面风流里的二氧化碳浓度达1.5%时，必须停止工作，撤出人员"
    assert read.action_changes(gas) == [(22, "必须停止工作，撤出人员", "可以继续工作")]
    assert read.action_changes("发现透水征兆时，停止作业") == [(8, "停止作业", "继续作业")]
    # T20's other wrong option: 不必处理后方可作业 is no sentence.
    assert read.modal_changes("有大块物料掉下来妨碍机车运行时，必须处理后方可作业") == []


def test_where_a_thing_is_set_turns_to_the_other_airway_only_without_a_figure():
    assert read.place_changes("机电设备硐室应当设在进风风流中") == [(10, "进风风流", "回风风流")]
    # With a figure the other airway's own limit could make the changed statement true.
    assert read.place_changes("采区回风巷风流中甲烷浓度超过1.0%时，必须停止工作") == []
    assert read.place_changes("每个采煤工作面都必须保持至少2个畅通的安全出口，一个通到回风巷道，一个通到进风巷道") == []


def _verified_falses(record, seeds=SEEDS):
    pools = TheoryPools.build([record])
    falses = [q for seed in seeds if (q := judge(record, pools, seed)) and q.answer == ("B",)]
    assert all(Verifier([record]).problems(q) == [] for q in falses), [Verifier([record]).problems(q) for q in falses]
    return falses


def test_the_new_changes_pass_the_verifier_and_say_what_changed():
    stop = article("列车驶进工作面100m内或驶离工作面20m内，挖掘机必须停止作业。")
    falses = [q for q in _verified_falses(stop) if q.change.kind == "action"]
    assert falses
    assert all("挖掘机可以继续作业" in q.stem and "把原文的“必须停止作业”改成了“可以继续作业”" in q.explanation for q in falses)
    room = article("机电设备硐室应当设在进风风流中。")
    falses = _verified_falses(room)
    assert falses and {q.change for q in falses} == {Change("place", "进风风流", "回风风流")}
    assert all(change_kind(q) == "place" for q in falses)


def test_an_article_whose_only_false_statement_is_weak_gets_no_false_item():
    # T15's article (规程 第七百三十六条): a true statement (a worker's own duty), never 不必; with no false statement that
    # teaches it is stated true on every seed, the articles that have one keeping the balance (TRUE_WHEN_FALSE_CAN_BE).
    record = article(f"每名煤矿工人必须熟悉本矿的避灾路线和应急救援预案。{WEAK['T15']}。", label="第七百三十六条", number=736)
    pools = TheoryPools.build([record])
    made = [q for seed in SEEDS if (q := judge(record, pools, seed))]
    assert made and all(q.answer == ("A",) and "不必" not in q.stem for q in made)
    assert len(made) == len(SEEDS)
    # T13, T36: neither a worker's duty nor an act to check: nothing at all.
    for label in ("T13", "T36"):
        record = article(WEAK[label] + "。")
        assert not [q for seed in SEEDS if (q := judge(record, TheoryPools.build([record]), seed))]


def test_a_judge_item_moves_to_a_sentence_no_blank_asks():
    # Item 5: the blank on the figure keeps its sentence, and the true/false item states the other one.
    record = article("采掘工作面的进风流中，氧气浓度不得低于20%。\n入井人员必须随身携带自救器。")
    pools = TheoryPools.build([record])
    batch = theory_batch([record], "3", pools, ["theory.blank_number", "theory.judge"])
    judged = [q for seed in SEEDS for q in theory_batch([record], seed, pools).questions if q.type == "judge"]
    assert any(q.type == "blank" for q in batch.questions)
    assert judged and all("自救器" in q.stem for q in judged)
    assert {q.answer for q in judged} == {("A",), ("B",)}


def test_list_wrong_options_are_not_weak_flips():
    # T20 (规程 第五百九十一条): wrong options were 挖掘机必须继续作业 and 不必处理后方可作业.
    text = ("用单斗挖掘机给列车装车时，必须遵守下列规定：\n（一）列车驶进工作面100m内或驶离工作面20m内，挖掘机必须停止作业。\n"
            "（二）列车驶进工作面并停稳，助手与司旗联系后，方可装车。\n（三）物料最大块度不得超过3m3。\n"
            "（四）严禁高吊勺斗装车。\n（五）有大块物料掉下来妨碍机车运行时，必须处理后方可作业。")
    record = article(text, label="第五百九十一条", number=591)
    pools = TheoryPools.build([record])
    enumeration = read.enumerations(text)[0]
    for seed in range(20):
        for _, changed in changed_items(enumeration, list(enumeration.items), record, pools, random.Random(seed), 2):
            assert "必须继续" not in changed and "不必处理" not in changed, changed
    for seed in SEEDS:
        question = multi_enumeration(record, pools, seed)
        if question:
            assert not any("必须继续" in o.text or "不必" in o.text for o in question.options)


def test_author_read_of_seed_5151():
    # 主要通风机停止运转的应急救援预案 → 继续运转的…预案 is nonsense: no action reversed inside a name.
    assert read.action_changes("每个矿井都必须编制主要通风机停止运转的应急救援预案") == []
    # 二氧化碳浓度超过1.5% → 4.0% beside 最高浓度不超过3.0% contradicts itself: a changed figure keeps its side.
    sentence = "停风区里甲烷浓度超过1.0%或二氧化碳浓度超过1.5%，而甲烷和二氧化碳的最高浓度都不超过3.0%时，必须采取安全措施"
    quantity = read.quantities(sentence)[1]
    assert quantity.text == "1.5%"
    assert not _keeps_order(sentence, quantity, "4.0%") and not _keeps_order(sentence, quantity, "1.0%")
    assert _keeps_order(sentence, quantity, "2.0%")


def test_author_read_of_the_seed_1_run():
    # A stop that the sentence then orders a withdrawal after: 可以继续作业，沿避灾路线撤出 is no statement.
    assert read.action_changes("一旦发现突出预兆，必须立即停止作业，沿避灾路线撤出，并向矿调度室报告") == []
    assert read.action_changes("作业地点一旦出现险情，有权立即停止作业，撤到安全地点") == []
    assert read.action_changes("主要通风机停止运转时，必须立即打开有关风门和井口防爆门") == []
    # A permission to do what the word condemns, or a state nobody chooses.
    for sentence in ("发生水害事故后，煤矿应当按照有关规定向政府有关部门报告，不得迟报、漏报、谎报或者瞒报",
                     "采矿作业不得擅自开采保安煤柱", "电缆不应悬挂在管道上，不得遭受淋水",
                     "任何单位和个人都不得毁灭有关证据或者破坏事故现场"):
        assert all(new not in {"可以", "允许"} for _, _, new in read.modal_changes(sentence)), sentence
    # A shortcut people take stays: 允许空顶作业, 允许进出罐笼 after the signal.
    assert read.modal_changes("采煤工作面必须及时支护，严禁空顶作业") == [(12, "严禁", "允许")]
    assert read.modal_changes("开车信号发出后严禁进出罐笼") == [(7, "严禁", "允许")]
