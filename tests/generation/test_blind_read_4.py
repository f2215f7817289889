"""Faults of the fourth blind read (bench/generation_blind_read_4.md), each a rule with the read's example."""

from __future__ import annotations

from quiz.generation.theory import TheoryPools, single_term
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(40)]

# T12 (规程 第一百九十四条 keyed 二氧化碳): 第一百九十三条 stops work at the same 1.5% of 甲烷, so 瓦斯 is as true as the key.
CO2 = article("二氧化碳浓度在采掘工作面风流中达到1.5%时，必须停工并撤出人员，再查清原因、制定措施处理。", label="第一百九十四条", number=194)
METHANE = article(
    "采掘工作面和其他作业地点的风流中，甲烷浓度达到1.5%时，必须停止工作、切断电源、撤出人员并进行处理。",
    label="第一百九十三条",
    number=193,
)
OTHER_GASES = article(
    "井下空气中硫化氢、氮氧化物、氨、氢气的浓度必须符合规定，发现超限必须立即报告。",
    label="第一百三十五条",
    number=135,
)


def _offered(pools: TheoryPools) -> set[str]:
    made = [q for seed in SEEDS if (q := single_term(CO2, pools, seed))]
    assert made and all({o.text for o in q.options if o.key in q.answer} == {"二氧化碳"} for q in made)
    return {o.text for q in made for o in q.options}


def test_a_gas_another_article_pairs_with_the_same_figure_is_no_wrong_option():
    offered = _offered(TheoryPools.build([CO2, METHANE, OTHER_GASES]))
    assert not offered & {"瓦斯", "甲烷"}, offered


def test_a_gas_set_at_another_figure_stays_a_wrong_option():
    at_one_percent = article(METHANE.text.replace("1.5%", "1.0%"), label="第一百九十三条", number=193)
    offered = _offered(TheoryPools.build([CO2, at_one_percent, OTHER_GASES]))
    assert offered & {"瓦斯", "甲烷"}, offered
