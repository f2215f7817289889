"""The faults the third blind read found (bench/generation_blind_read_3.md), one test per cause, on the read's
examples (paraphrased where the article is long)."""

from __future__ import annotations

from quiz.generation.articles import modal_changes
from quiz.generation.relevance import ARTICLE_THRESHOLD, article_relevance, worth_a_worker
from quiz.generation.theory import TheoryPools, blank_number, blank_term, stem_prefix
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(30)]
# Other rules with figures, so number questions have distractors to draw on.
FILLER = [
    article("爆破后，待工作面的炮烟被吹散，爆破工、瓦斯检查工和班组长必须首先巡视爆破地点，时间不得少于15min。",
            label="第一条", number=1),
    article("2个同向掘进工作面之间的距离不得小于50m。\n相向掘进工作面的间距不得小于60m，相向采煤工作面的间距不得小于100m。",
            label="第二条", number=2),
]


# --------------------------------------------------------------------------- 1. not worth a frontline miner's time


def test_a_clear_height_is_not_asked_but_the_rule_beside_it_is():
    # T27 (规程 第四百三十条(五)): the cage decks' 1.8m clear height is a design figure; (七) in the same article is
    # what the 把钩工 acts on.
    assert not worth_a_worker("单层罐笼和多层罐笼的最上层净高不得小于1.9m，其他各层净高不得小于1.8m")
    assert worth_a_worker("严禁在罐笼同一层内人员和物料混合提升")


def test_where_monitoring_points_go_is_not_asked():
    # T5 (规程 第七百一十五条): the occupational-health monitor places them, no frontline worker.
    assert not worth_a_worker("井工煤矿噪声监测点应当布置在主要通风机、空气压缩机、局部通风机等设备使用地点")


def test_an_article_on_specialist_work_yields_nothing():
    # T22 (第七十二条 钻井法), T30 (第八十一条 下料孔), T24 (第七百六十二条, a rescue brigade led by a 中队指挥员).
    for text in (
        "采用钻井法开凿立井井筒时，必须遵守下列规定：\n（六）井壁下沉时井壁上沿应当高出泥浆浆面1.5m以上。",
        "煤矿建设、生产期间采用下料孔向井下输送砂石料时，应当遵守下列规定：\n"
        "（一）下料孔终孔位置应当设置在不透水的稳定岩层内，与已有巷道的水平距离不得小于20m。",
        "矿井发生灾害事故后，必须首先组织专职救护队进行灾区探察。\n"
        "专职救护队执行灾区探察任务时，必须至少有1名中队或者中队以上指挥员带队。",
        "专职救护队大队应当由不少于2个中队组成。",
    ):
        assert article_relevance(text) < ARTICLE_THRESHOLD, text


def test_the_miners_own_part_in_a_rescue_is_still_asked():
    # 规程 第七百三十七条: what the people at the scene do is every miner's business, though a 救护队 is named after.
    text = "煤矿发生险情或者事故后，现场人员应当进行自救、互救，并报矿调度室；煤矿应当立即通知矿山救护队。"
    assert article_relevance(text) >= ARTICLE_THRESHOLD


# --------------------------------------------------------------------------- 4. a blank on an item of an open list


def test_a_term_before_deng_is_not_blanked():
    # T21 (规程 第十条): 佩戴（ ）等个体防护用品 admits 自救器, 防尘口罩 … as well as the key 安全帽.
    rule = article("入井人员必须佩戴安全帽等个体防护用品，严禁携带烟草和点火物品。", label="第十条", number=10)
    other = article("入井人员必须佩戴安全帽。", label="第十一条", number=11)
    pools = TheoryPools.build([rule, other])
    made = [q for seed in SEEDS if (q := blank_term(rule, pools, seed))]
    assert all("安全帽" not in q.answer for q in made), [q.stem for q in made]
    # The same term closing a plain duty is still blanked.
    closed = [q for seed in SEEDS if (q := blank_term(other, pools, seed))]
    assert closed and all(q.answer == ("安全帽",) for q in closed)


# --------------------------------------------------------------------------- 3. the stem keeps its condition


def test_a_bound_after_a_deferral_keeps_the_sentence_that_says_where_it_applies():
    # T28 (突出细则 第一百二十条): 爆破后…检查的时间应当在措施中明确规定，但不得小于30min, asked without 远距离爆破时,
    # could be answered with the general 15min. T12 (第三十条): …由煤矿总工程师确定，但… without 同一突出煤层.
    blasting = article(
        "煤巷掘进工作面采用远距离爆破时，回风系统必须停电撤人。爆破后，进入工作面检查的时间应当在措施中明确规定，但不得小于30min。",
        title="防治煤与瓦斯突出细则", label="第一百二十条", number=120,
    )
    spacing = article(
        "在同一突出煤层正在采掘的工作面应力集中范围内，不得安排其他工作面同时进行回采或者掘进。"
        "应力集中范围由煤矿总工程师确定，但2个采煤工作面之间的距离不得小于150m；采煤工作面与掘进工作面的距离不得小于80m。",
        title="防治煤与瓦斯突出细则", label="第三十条", number=30,
    )
    records = [blasting, spacing, *FILLER]
    pools = TheoryPools.build(records)
    for record, condition, key in ((blasting, "远距离爆破时", "30"), (spacing, "同一突出煤层", "150")):
        made = [q for seed in SEEDS if (q := blank_number(record, pools, seed))]
        asked = [q for q in made if q.answer[0].startswith(key)]
        assert asked, [q.stem for q in made]
        for question in asked:
            assert condition in question.stem, question.stem
            assert Verifier(records).problems(question) == [], question.stem
    # A sentence that does not defer stands alone.
    assert "远距离" not in stem_prefix(blasting, "煤巷掘进工作面采用远距离爆破时，回风系统必须停电撤人")


# --------------------------------------------------------------------------- 5. no false statement on a vague duty


def test_a_duty_done_reasonably_is_not_flipped():
    # T3 (规程 第二百七十八条): 应当合理确定封闭范围 → 不必合理确定… is believed by nobody; 必须检测 may still be flipped.
    sentence = "封闭火区时，应当合理确定封闭范围，必须检测甲烷、氧气、一氧化碳浓度"
    flips = {(original, replacement) for _, original, replacement in modal_changes(sentence)}
    assert ("应当", "不必") not in flips and ("必须", "不必") in flips
