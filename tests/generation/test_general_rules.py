"""General rules the third blind read and its follow-ups ask for (issue 16), each tested on the read's example and
on cases that must stay as they are."""

from __future__ import annotations

import random

import pytest

from corpus import hazards as hz
from quiz.generation.hazard import NEAR_TYPES, PERSON_LEVEL_SITE, accident_type, accident_type_distractors
from quiz.generation.lists import multi_enumeration
from quiz.generation.pipeline import clashes, verified_batch
from quiz.generation.relevance import structure_figure
from quiz.generation.theory import TheoryPools, blank_number, judge, single_number
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(40)]
OTHERS = [
    article("同向掘进的2个工作面，间距不得小于50m。\n两个相向掘进的工作面，间距不得小于60m；两个相向回采的工作面，间距不得小于100m。",
            label="第二条", number=2),
    article("爆破后，待工作面的炮烟被吹散，爆破工和班组长必须首先巡视爆破地点，时间不得少于15min。", label="第三条", number=3),
]


# --------------------------------------------------------------------------- one item per fact across kinds


def test_a_sentence_is_not_both_stated_and_blanked_in_one_run():
    # Blind read 3: 规程 第一百六十一条 came as a true/false item and as a blank on the same fact. Of the two the
    # blank stays; two numbers of one sentence are still two facts.
    record = article("采掘工作面风流里的二氧化碳浓度一旦达到1.5%，必须停止工作、撤出人员，并查清超限的原因。\n"
                     "局部通风机的安装位置距回风口不得小于10m，并必须每隔7天检查1次。",
                     title="煤矿安全规程", label="第一百六十一条", number=161)
    pools = TheoryPools.build([record, *OTHERS])
    candidates = [q for seed in SEEDS for make in (judge, blank_number, single_number) if (q := make(record, pools, seed))]
    judged = {q.inputs["sentence"] for q in candidates if q.generator == "theory.judge"}
    blanked = {q.inputs["sentence"] for q in candidates if q.type in {"blank", "single"}}
    assert judged & blanked  # the case arises
    kept = verified_batch(candidates, Verifier([record, *OTHERS])).questions
    kept_judged = {q.inputs["sentence"] for q in kept if q.generator == "theory.judge"}
    kept_blanked = {q.inputs["sentence"] for q in kept if q.type in {"blank", "single"}}
    assert not kept_judged & kept_blanked
    assert kept_blanked == blanked  # the blanks and choices lose nothing to a true/false item
    # Two numbers of one sentence are two facts: their keys do not clash, a judge item's does.
    first, second = ({("a", "at", "s", 1), ("a", "key", "10"), ("a", "asked", "s")},
                     {("a", "at", "s", 9), ("a", "key", "7"), ("a", "asked", "s")})
    assert not clashes(second) & first
    assert clashes({("a", "judged", "s")}) & first


# --------------------------------------------------------------------------- accident-type distractors at the site


def _plausible(h: hz.Hazard, catalogue) -> set[int]:  # noqa: ANN001
    """Classes seen at the entry's underground sites or post, or at half the catalogue's underground sites or more
    (three sites let 火灾 and 触电 through anywhere: blind read 4, H4, H12)."""
    sites: dict[int, set[str]] = {}
    for other in catalogue:
        if other.generic:
            continue
        for site in other.sites:
            if site != PERSON_LEVEL_SITE:
                sites.setdefault(other.accident_type, set()).add(site)
    underground = set().union(*sites.values())
    mine = set(h.sites) - {PERSON_LEVEL_SITE}
    here = {o.accident_type for o in catalogue if not o.generic and (mine & set(o.sites) or o.post == h.post)}
    return here | {c for c, where in sites.items() if 2 * len(where) >= len(underground)}


def test_an_electrical_room_fire_is_not_offered_drowning_or_explosives(trained_2025):
    # Blind read 3 H18 (HZ-GD-013, 机电硐室设在回风流中): 淹溺 and 民用爆炸物品爆炸 were offered beside 火灾. Asked under
    # GB 6441-2025 only once a trainer sets the class (blind read 4, H6), as the fixture does.
    # Only three classes are met in an electrical room besides fire (触电, 物体打击, 中毒 — and 烟气 hints at 中毒), so
    # since blind read 4 tightened "met here" it is not asked at all; no option of its may ever be one of these.
    fire = trained_2025.catalogue.get("HZ-GD-013")
    for n in range(30):
        offered = {hz.GB6441_1986[c] for c in accident_type_distractors(fire, trained_2025, random.Random(n), 8)}
        assert offered and not offered & {"淹溺", "火药爆炸", "透水", "放炮"}, offered
    for seed in SEEDS:
        for q in accident_type(trained_2025, seed):
            if q.inputs["hazard"] == "HZ-GD-013":
                texts = {o.text for o in q.options}
                assert not texts & {"淹溺", "民用爆炸物品爆炸", "水害"}, texts


def test_every_wrong_class_can_happen_at_the_site(hazard_data):
    catalogue = hazard_data.catalogue
    for h in catalogue:
        if h.disputed:
            continue
        plausible = _plausible(h, catalogue)
        for n in range(5):
            for code in accident_type_distractors(h, hazard_data, random.Random(n), 8):
                # Else only a class of the key's own kind (NEAR_TYPES: 瓦斯爆炸 beside 火药爆炸) may be offered.
                assert code in plausible or code in NEAR_TYPES.get(h.accident_type, ()), (h.id, code)


# --------------------------------------------------------------------------- what a worker acts on before a structure


@pytest.mark.parametrize("sentence", [
    "采用钢丝绳罐道的，吊桶升降人员时的速度不得超过按下式算出的值，最大也不得超过7m/s",
    "单个库房的炸药最大容量不得超过25t",
    "保护层开采厚度不大于0.5m、下保护层距突出煤层大于80m时，每个被保护层工作面的保护效果都必须进行检验",
    "井口附近的井壁应当采用混凝土衬砌，衬砌深度不小于5m",
    "其他各层净高不得小于1.8m",
])
def test_a_structures_figure_is_told_from_the_sentence(sentence):
    assert structure_figure(sentence)


@pytest.mark.parametrize(("sentence", "lead"), [
    ("作业地点风速不应低于0.25m/s，维修作业应当由外向里逐架（排）进行", ""),
    ("在爆炸物品发放硐室和爆炸物品库附近30m范围内，严禁爆破", ""),
    ("在离拒爆炮孔0.3m以外的地方，另打一个与它平行的新炮孔，再装药起爆", ""),
    ("停工区里甲烷或者二氧化碳浓度达到3.0%又不能立即处理的，必须在24h以内封闭完毕", ""),
    ("采掘工作面风流里的二氧化碳浓度一旦达到1.5%，必须停止工作、撤出人员", ""),
    ("炮眼深度不得小于0.6m", "装药前应当遵守下列规定"),  # the blaster's check before charging
])
def test_a_limit_people_keep_is_not_a_structures_figure(sentence, lead):
    assert not structure_figure(sentence, lead)


def test_an_article_asks_what_a_worker_acts_on_and_a_structure_only_when_it_has_nothing_else():
    both = article("单个库房的炸药最大容量不得超过25t。\n库房内严禁住人，爆炸物品库附近30m范围内严禁爆破。",
                   label="第四条", number=4)
    only = article("单个库房的炸药最大容量不得超过25t。", label="第五条", number=5)
    pools = TheoryPools.build([both, only, *OTHERS])
    for seed in SEEDS:
        asked = blank_number(both, pools, seed)
        assert asked and "严禁爆破" in asked.stem and "容量" not in asked.stem, asked.stem
        alone = blank_number(only, pools, seed)
        assert alone and "容量" in alone.stem
        assert alone.relevance < asked.relevance - 0.1


def test_all_around_is_not_changed_into_eight_weeks():
    # Author's read of seed 4417 (规程 第六百五十八条): a multiple-choice wrong option read 八周应当设有围墙 (四周 → 八周).
    # The article's own 每2周 (not 每周): since blind read 4 no list is asked on flipped modals alone (应当设有围墙 → 不必
    # 设有围墙 is weak), so the list needs two figures to change.
    record = article("变电站设置应当遵守下列规定：\n（一）站内变电装置与墙的距离不得小于0.8m。\n（二）变电站四周应当设有围墙或者栅栏。\n"
                     "（三）无人值班的变电站至少每2周巡视1次。\n（四）变电站的门应当向外开。", label="第六条", number=6)
    pools = TheoryPools.build([record, *OTHERS])
    made = [q for seed in SEEDS if (q := multi_enumeration(record, pools, seed))]
    assert made
    assert not any("八周" in o.text or ("周" in o.text and "围墙" in o.text and "四周" not in o.text) for q in made for o in q.options)
