"""The general faults a blind read of 60 generated items found (bench/generation_blind_read.md), one test per
cause, on the read's examples (paraphrased where the article is long)."""

from __future__ import annotations

from quiz.generation import terms as kt
from quiz.generation.theory import TheoryPools, blank_term, single_term
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
    spray = article("采煤机内喷雾装置不能正常使用时，外喷雾压力不得小于8MPa。", label="第七百零四条", number=704)
    cutoff = article("采煤机、掘进机必须设置具有断电闭锁功能的甲烷断电仪。", label="第五百三十九条", number=539)
    pools = TheoryPools.build([spray, cutoff, *KINDS])
    for record, term in ((spray, "内喷雾装置"), (cutoff, "甲烷断电仪")):
        for question in _made(single_term, record, pools) + _made(blank_term, record, pools):
            assert question.inputs["term"] != term
    assert kt.named_elsewhere("内喷雾装置不能正常使用时，外喷雾压力不得小于8MPa", 0, "内喷雾装置")
    plain = "井下作业人员必须熟练掌握自救器的使用方法"
    assert not kt.named_elsewhere(plain, plain.index("自救器"), "自救器")


def test_single_term_distractors_are_of_the_keys_own_kind():
    # Item 26 (规程 第七百三十六条): 自救器 beside 防雷电装置 and 温度传感器 gives itself away.
    record = article("外来人员必须经过安全和应急基本知识培训，掌握自救器使用方法，并签字确认后方可入井。",
                     label="第七百三十六条", number=736)
    pools = TheoryPools.build([record, *KINDS])
    made = [q for q in _made(single_term, record, pools) if q.inputs["term"] == "自救器"]
    assert made
    protective = {name for family in kt.TERM_CLASSES["个体防护"] for name in family}
    for question in made:
        wrong = {o.text for o in question.options if o.key not in question.answer}
        assert wrong <= protective - {"自救器"}, wrong


def test_a_long_phrase_of_place_is_not_blanked():
    # Item 40 (突出细则 第三十九条): a 9-character location is no key term to write in.
    record = article("突出煤层采掘工作面爆破工作必须由固定的专职爆破工担任。", label="第三十九条", number=39)
    pools = TheoryPools.build([record, *KINDS])
    assert all(len(q.answer[0]) <= 6 for q in _made(blank_term, record, pools))
    assert not any(q.answer[0] == "突出煤层采掘工作面" for q in _made(blank_term, record, pools))
