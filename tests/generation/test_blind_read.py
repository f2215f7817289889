"""The general faults a blind read of 60 generated items found (bench/generation_blind_read.md), one test per
cause, on the read's examples (paraphrased where the article is long)."""

from __future__ import annotations

import random
from decimal import Decimal

from corpus.rulewords import DUTY, RIGHT, STRICT, rule_words
from kb import clauses
from quiz.generation import articles as read
from quiz.generation import terms as kt
from quiz.generation.checks import passed_checks
from quiz.generation.lists import multi_enumeration
from quiz.generation.pipeline import fact_keys, verified_batch
from quiz.generation.relevance import sentence_relevance
from quiz.generation.theory import TheoryPools, blank_number, blank_term, judge, single_number, single_term
from quiz.generation.theory.number_distractors import FALSE_STEP, number_distractors, unsafe_direction
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(30)]
# Articles that use terms of many kinds, so every class has distractors to offer.
KINDS = [
    article("入井人员必须随身携带矿灯、安全帽。\n高处作业必须系安全带。\n机电硐室必须配备灭火器。", label="第一条", number=1),
    article("井下必须装设防雷电装置，并设置温度传感器、风速传感器和反向风门。", label="第二条", number=2),
    article("防水闸门、电机车和局部通风机必须定期检查。\n采煤工作面必须设置甲烷传感器和一氧化碳传感器。", label="第三条", number=3),
    article("架空乘人装置、阻车器必须完好。\n压风自救装置必须完好。", label="第四条", number=4),
]


def _made(generator, record, pools):
    return [q for seed in SEEDS if (q := generator(record, pools, seed))]


def test_a_term_the_stem_nearly_names_is_not_asked():
    # Item 24 (规程 第七百零四条): 外喷雾 in the stem points at 内喷雾装置; item 34: 断电闭锁功能的 at 甲烷断电仪.
    spray = article("采煤机的内喷雾装置无法正常使用时，外喷雾的压力不得小于8MPa。", label="第七百零四条", number=704)
    cutoff = article("采煤机、掘进机必须设置具有断电闭锁功能的甲烷断电仪。", label="第五百三十九条", number=539)
    pools = TheoryPools.build([spray, cutoff, *KINDS])
    for record, term in ((spray, "内喷雾装置"), (cutoff, "甲烷断电仪")):
        for question in _made(single_term, record, pools) + _made(blank_term, record, pools):
            assert question.inputs["term"] != term
    assert kt.named_elsewhere("内喷雾装置无法正常使用时，外喷雾的压力不得小于8MPa", 0, "内喷雾装置")
    plain = "井下作业人员必须熟练掌握自救器的使用方法"
    assert not kt.named_elsewhere(plain, plain.index("自救器"), "自救器")


def test_single_term_distractors_are_of_the_keys_own_kind():
    # Item 26 (规程 第七百三十六条): 自救器 beside 防雷电装置 and 温度传感器 gives itself away.
    record = article("外来人员必须先接受安全与应急常识培训、学会使用自救器，签字确认以后方可入井。",
                     label="第七百三十六条", number=736)
    pools = TheoryPools.build([record, *KINDS])
    # Blind read 2 (T12): 安全带, 灭火器 beside it are absurd too; only breathing protection is its kind, too few
    # families for three distractors, so it is not asked as a single choice.
    made = [q for q in _made(single_term, record, pools) if q.inputs["term"] == "自救器"]
    breathing = {name for family in kt.TERM_CLASSES["呼吸防护"] for name in family}
    for question in made:
        wrong = {o.text for o in question.options if o.key not in question.answer}
        assert wrong <= breathing - {"自救器"}, wrong


def test_a_long_phrase_of_place_is_not_blanked():
    # Item 40 (突出细则 第三十九条): a 9-character location is no key term to write in.
    record = article("突出煤层采掘工作面的爆破工作，必须由固定专职爆破工来担任。", label="第三十九条", number=39)
    pools = TheoryPools.build([record, *KINDS])
    assert all(len(q.answer[0]) <= 6 for q in _made(blank_term, record, pools))
    assert not any(q.answer[0] == "突出煤层采掘工作面" for q in _made(blank_term, record, pools))


TRUCK = article(
    "维修矿用卡车时必须编制作业规程，并遵守下列规定：\n（一）举升厢斗维修期间，划定警戒区，严禁人员进入。\n"
    "（二）厢斗升起后，用刚性支撑或者安全索将其固定，严禁只靠举升缸支撑作业。\n（三）必须针对轮胎检修制定专门的安全技术措施。\n"
    "（四）拆轮胎前，人员离轮胎侧面的距离不得小于3m。",
    title="煤矿安全规程", label="第六百九十三条", number=693,
)
FLIPS_ONLY = article(
    "破碎站设置应当遵守下列规定：\n（一）卸车平台应当有良好的照明系统。\n（二）严禁人员在受料仓上方停留。\n"
    "（三）必须设置卸料指示信号安全装置。",
    title="煤矿安全规程", label="第五百九十八条", number=598,
)
NUMBERS = article("风筒口距工作面的距离不得大于5m，人员距车辆不得小于20m。\n锅炉压力不得大于0.8MPa。\n轮胎气压不超过0.5MPa。", label="第九条", number=9)


def test_which_are_listed_offers_at_most_one_flipped_modal_and_never_both_halves():
    # Item 13 (规程 第六百九十三条): 严禁人员进入 beside 可以人员进入, every wrong option a flipped modal.
    pools = TheoryPools.build([TRUCK, FLIPS_ONLY, NUMBERS])
    made = _made(multi_enumeration, TRUCK, pools)
    assert made
    for question in made:
        texts = [o.text for o in question.options]
        wrong = [o.text for o in question.options if o.key not in question.answer]
        flipped = [w for w in wrong if any(word in w for word in ("不必", "可以", "允许"))]
        assert len(flipped) <= 1 and len(wrong) - len(flipped) >= 1, texts
        for original, changed in question.inputs["changed"]:
            if changed in flipped:
                assert original not in texts  # never both halves of a pair
    # A list whose only possible changes are flipped modals is not asked.
    assert _made(multi_enumeration, FLIPS_ONLY, pools) == []


def test_a_false_statement_is_not_false_on_its_face():
    # Item 25 (规程 第三百八十一条): 除……外，其他人员不必撤 is false on its face.
    record = article("在井筒内装药时，除负责装药爆破的人员外，其他人员必须撤离到上水平巷道中或者地面。",
                     label="第三百八十一条", number=381)
    assert read.modal_changes(record.text.rstrip("。")) == []
    for question in _made(judge, record, TheoryPools.build([record, NUMBERS])):
        assert "不必" not in question.stem


def test_a_false_number_moves_a_limit_to_the_unsafe_side_by_more_than_a_step():
    # Item 36 (规程 第一百二十五条): 0.5m → 0.6m is a small change on the safe side.
    record = article("碹拱上部必须用不燃物充填垫层，垫层厚度不得小于0.5m。", label="第一百二十五条", number=125)
    pools = TheoryPools.build([record, NUMBERS, TRUCK])
    false = [q for q in _made(judge, record, pools) if q.answer == ("B",) and q.change.kind == "number"]
    assert false
    for question in false:
        value = Decimal(question.change.replacement.removesuffix("m"))
        assert value * FALSE_STEP <= Decimal("0.5"), question.stem
    assert unsafe_direction("甲烷浓度达到") == 1 and unsafe_direction("支护长度不得小于") == -1
    # A trigger: the changed figure widens the case (a narrower one is true by implication, blind read 2 T6).
    assert unsafe_direction("覆盖层厚度小于", "时，必须装设防雷电设备") == 1
    assert unsafe_direction("硐口到最近贮存硐室之间的距离超过", "时，必须有2个入口") == -1
    # A permission: only below 1.0% may the tester be used, so a higher figure is the unsafe one.
    assert unsafe_direction("在其巷道风流中甲烷浓度低于", "时，再用与电源电压相适应的验电笔检验") == 1
    assert unsafe_direction("回风流中甲烷浓度不超过", "时，方可恢复送电") == 1


def test_a_changed_number_is_written_as_the_value_it_is():
    # 0.75 written like the key 1.0 would read 0.8 (a step of 1.25), 0.0005 like 0.001 would read 0.000.
    for sentence in ("风流中甲烷浓度低于1.0%时，再用验电笔检验", "一氧化碳的报警浓度大于或者等于0.001%"):
        record = article(sentence + "。", label="第四百七十八条", number=478)
        pools = TheoryPools.build([record, article("甲烷浓度0.75%时报警。一氧化碳0.0005%。", label="第二条", number=2)])
        quantity = read.quantities(sentence)[0]
        end = quantity.end + len(quantity.unit)
        for seed in range(20):
            for text in number_distractors(quantity, record, pools, random.Random(seed), count=1,
                                           context=(sentence[: quantity.start], sentence[end:]), false_statement=True):
                value = Decimal(text.removesuffix("%"))
                assert value > 0 and not Decimal(1) / FALSE_STEP < value / quantity.value < FALSE_STEP, text


MANAGEMENT = (
    "矿山企业必须依照国家规定，从矿产品的销售额里提取安全技术措施专项费用",  # item 17, 矿山安全法 第三十二条
    "矿井的设计和开拓部署应当通盘考虑服务年限内各阶段主要灾害的特点和防治办法",  # item 22
    "用人单位应当在劳动者上岗前和在岗期间定期组织职业卫生培训",  # item 31
    "破碎站设置应当避开沉降、塌陷、滑坡危险的不良地段",  # item 32
    "露天煤矿必须开展滑坡危险性鉴定",  # item 2
)
AT_THE_FACE = (
    "井下作业人员必须能熟练使用自救器以及紧急避险设施",
    "采掘工作面风流里甲烷浓度达到1.0%的，必须停止用电作业",
    "刮板输送机严禁乘人",
    "煤矿企业应当每年至少组织2次应急演练",
)


def test_management_and_design_duties_rank_below_rules_at_the_face():
    lowest_at_the_face = min(sentence_relevance(s) for s in AT_THE_FACE)
    for sentence in MANAGEMENT:
        assert sentence_relevance(sentence) <= 0.6 < lowest_at_the_face, sentence


def test_search_and_generation_share_one_table_of_rule_words():
    assert clauses._RULE_WORDS.pattern == rule_words(STRICT, DUTY, RIGHT).pattern
    assert all(word in clauses._RULE_WORDS.pattern for word in ("必须", "应当", "严禁", "有权"))


def test_a_sentence_carries_the_opening_condition_of_its_article():
    # Items 23 and 35 (规程 第一百九十五条): the rule on letting out gas applies when repairing old roadways.
    record = article(
        "修复旧井巷时，必须先检查瓦斯。发现瓦斯积聚的，必须按规定排放，等到回风流中甲烷浓度不超过1.0%、"
        "二氧化碳浓度不超过1.5%时，才能进行作业。",
        title="煤矿安全规程", label="第一百九十五条", number=195,
    )
    pools = TheoryPools.build([record, NUMBERS, TRUCK])
    made = _made(blank_number, record, pools) + _made(single_number, record, pools) + _made(judge, record, pools)
    assert made
    for question in made:
        assert "修复旧井巷时" in question.stem, question.stem
        assert Verifier([record]).problems(question) == []


def test_a_run_asks_one_question_per_article_and_key():
    # Items 7 and 21 (规程 第一百四十四条): the same 15m as a blank and as a single choice.
    record = article("刮板输送机发出信号点的间距不得超过15m。\n刮板输送机严禁乘人，机头必须设置护罩，长度不小于2m。",
                     title="煤矿安全规程", label="第一百四十四条", number=144)
    others = [NUMBERS, TRUCK, article("带式输送机运输巷道的风速不得超过4m/s，人员距机头不得小于10m。", label="第八条", number=8)]
    pools = TheoryPools.build([record, *others])
    candidates = [q for seed in SEEDS for q in (blank_number(record, pools, seed), single_number(record, pools, seed)) if q]
    assert {q.type for q in candidates} == {"blank", "single"}
    kept = verified_batch(candidates, Verifier([record, *others])).questions
    facts = [fact_keys(q) for q in kept]
    assert kept and all(not a & b for i, a in enumerate(facts) for b in facts[i + 1 :])
    keys = [(q.inputs["sentence"], q.inputs["position"]) for q in kept]
    assert len(keys) == len(set(keys))


def test_the_review_screen_names_the_checks_of_a_term_blank():
    named = passed_checks("theory.blank_term")
    assert len(named) > len(passed_checks("theory.unknown"))
    assert any("用语" in check for check in named) and any("6个字" in check for check in named)


def test_how_often_changes_to_less_often_and_a_sentence_without_subject_carries_the_one_before():
    record = article("抓岩机的连接件和钢丝绳在使用期间，必须每班由专人检查2次。\n局部通风机必须每隔7天检查1次。",
                     label="第八十三条", number=83)
    pools = TheoryPools.build([record, NUMBERS, TRUCK])
    for question in _made(judge, record, pools):
        if question.change and question.change.kind == "number":
            old, new = Decimal(question.change.original[:-1]), Decimal(question.change.replacement[:-1])
            assert new < old if question.change.original.endswith("次") else new > old, question.stem
    # 规程 第三百一十八条: 在每年雨季之前，必须全面检修1次 says nothing of what is overhauled without the sentence before.
    pump = "水泵、管路、闸阀以及配电设备和线路，必须经常检查、维护。在每年雨季之前，必须全面检修1次。\n在井下作业时，必须佩戴矿灯。在交班前，必须清理1次。"
    asked = read.sentences(pump)
    assert "在每年雨季之前，必须全面检修1次" not in asked
    assert "水泵、管路、闸阀以及配电设备和线路，必须经常检查、维护。在每年雨季之前，必须全面检修1次" in asked


def test_a_flipped_action_that_names_when_a_rule_applies_is_not_used():
    # 停止工作和交班时，必须将切割头落地 → 继续工作和交班时 would be nonsense, not a false rule.
    assert read.word_flips("交班或者停止工作时，必须把切割头落到底板并切断电源", read.ACTION_FLIPS) == []
    assert read.word_flips("发现透水征兆时，必须停止作业", read.ACTION_FLIPS) == [(10, "停止作业", "继续作业")]
