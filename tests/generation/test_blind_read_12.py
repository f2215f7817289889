"""Faults of the twelfth frontline blind read and the fourth managers' read (bench/generation_blind_read_12.md,
bench/generation_blind_read_managers_4.md), each rule with an example in our own words and counter-examples that keep
working: a paragraph's topic carried onto a clause about another thing, a count of 1 blanked beside its period,
a manager's qualification or list of systems asked of the frontline, a who-question whose wrong posts have nothing to do
with the act (T12; managers T14)."""

from __future__ import annotations

import dataclasses
import random

import pytest

from quiz.bank.types import Option
from quiz.generation import articles as read
from quiz.generation import terms as kt
from quiz.generation.relevance import (
    FRONTLINE,
    MANAGERS,
    THRESHOLD,
    design_contents,
    inspection_work,
    office_matter,
    sentence_relevance,
)
from quiz.generation.theory import (
    TheoryPools,
    blank_item_number,
    blank_number,
    blank_term,
    judge,
    single_number,
    single_party,
    single_term,
)
from quiz.generation.theory.numbers import once_per_period
from quiz.generation.theory.parties import frontline_distractors
from quiz.generation.theory.stems import stem_prefix
from quiz.generation.theory.term_distractors import required_at_the_place
from quiz.generation.verify import Verifier
from tests.generation.conftest import article, record_of

SEEDS = [str(seed) for seed in range(12)]


# --------------------------------------------------------------------------- managers T38: whose rule a clause is


PUMP = (
    "主排水泵必须设置备用泵。运转时必须检查轴承温度。断电时必须关闭出水阀门；配水井的闸门，必须每月试动一次。"
    "水泵房必须设置两个出口。"
)


def test_a_clause_naming_its_own_thing_is_asked_alone() -> None:
    clauses = read.sentences(PUMP)
    assert "断电时必须关闭出水阀门" in clauses
    assert "配水井的闸门，必须每月试动一次" in clauses
    # Counter-example: a later clause that only goes on with the condition's act stays with it.
    kept = read.sentences("主排水泵必须设置备用泵。断电时必须关闭出水阀门；来电后方可重新启动水泵。")
    assert "断电时必须关闭出水阀门；来电后方可重新启动水泵" in kept


def test_the_topic_is_not_carried_past_a_clause_with_its_own_head() -> None:
    record = article(PUMP, title="煤矿安全规程")
    assert "关于主排水泵的规定" in stem_prefix(record, "断电时必须关闭出水阀门")
    assert "关于" not in stem_prefix(record, "配水井的闸门，必须每月试动一次")
    assert "关于" not in stem_prefix(record, "断电时必须关闭出水阀门；配水井的闸门，必须每月试动一次")
    # A thing of its own between the opening and the condition: the condition may be that thing's, not the topic's.
    moved = article("主排水泵必须设置备用泵。中央水泵房通往变电所的防火门必须每月检查一次。断电时必须关闭阀门。", title="煤矿安全规程")
    assert "关于" not in stem_prefix(moved, "断电时必须关闭阀门")


def test_the_supports_spray_is_not_headed_by_the_shearer(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第七百零四条")
    asked = 0
    for seed in SEEDS:
        for generator in (single_term, blank_term, judge):
            question = generator(record, shared_pools, seed)
            if question is not None and "放煤口" in question.stem:
                asked += 1
                assert "关于采煤机的规定" not in question.stem, question.stem
    assert asked, "the supports' spray is still asked"


# --------------------------------------------------------------------------- T3 / managers T30: once per period


def _quantity(text: str, raw: str) -> read.Quantity:
    return next(q for q in read.quantities(text) if q.raw == raw)


def test_a_count_of_one_per_period_is_not_blanked() -> None:
    weekly = "无人值守的配电点至少每3周巡查1次"
    assert once_per_period(weekly, _quantity(weekly, "1"))
    assert not once_per_period(weekly, _quantity(weekly, "3"))  # the period is what is asked
    shift = "绞车钢丝绳每班由专人检查一次"
    assert once_per_period(shift, _quantity(shift, "一"))
    # Counter-examples: a count above one is the rule's own figure, and a 1次 with no period is no frequency.
    twice = "局部通风机每班检查2次"
    assert not once_per_period(twice, _quantity(twice, "2"))
    single = "装药后只准起爆1次"
    assert not once_per_period(single, _quantity(single, "1"))


def test_the_period_is_blanked_instead(shared_pools) -> None:
    record = article("无人值守的配电点至少每3周巡查1次，并做好巡查记录。", title="煤矿安全规程")
    for seed in SEEDS:
        for generator in (blank_number, single_number):
            question = generator(record, shared_pools, seed)
            if question is not None:
                assert "（ ）次" not in question.stem, question.stem
    # A period said in words is blanked with its 每, the count left in.
    words = article("采区变电所的检漏装置，每旬由电工至少试验1次。", title="煤矿安全规程")
    question = blank_term(words, shared_pools, "1")
    assert question is not None and question.answer == ("每旬",)
    assert "（ ）由电工至少试验1次" in question.stem


def test_the_grab_loaders_daily_check_is_not_asked_as_a_count(shared_records, shared_pools) -> None:
    verifier = Verifier(shared_records)
    measured = blank_term(record_of(shared_records, "第一百六十一条"), shared_pools, "1")
    assert measured is not None and measured.answer == ("每旬",) and verifier.problems(measured) == []
    record = record_of(shared_records, "第八十三条")
    for seed in SEEDS:
        question = blank_item_number(record, shared_pools, seed)
        if question is not None:
            assert "每班检查（ ）次" not in question.stem, question.stem


# --------------------------------------------------------------------------- T19, T34: a manager's duty for the frontline


def test_the_leaderships_qualification_and_a_list_of_systems_are_office_matters() -> None:
    for sentence in ("矿长应当经考试合格，具备相应能力", "使用单位应当建立值班、交接班、巡检等管理制度",
                     "使用单位应当建立值班、巡检等安全管理制度，配备管理人员"):
        assert office_matter(sentence), sentence
        assert sentence_relevance(sentence, FRONTLINE) < THRESHOLD
        assert sentence_relevance(sentence, MANAGERS) >= THRESHOLD  # still a manager's to know
    # Counter-examples: a miner's own qualification, one system the miner works by, the leadership's duty underground.
    for sentence in ("爆破工必须经过专门培训，考试合格", "煤矿必须建立瓦斯检查制度", "矿长必须每月下井不少于5次"):
        assert not office_matter(sentence), sentence
        assert sentence_relevance(sentence, FRONTLINE) >= THRESHOLD


# --------------------------------------------------------------------------- T22: a design's contents, the inspectors' work


@pytest.mark.parametrize("sentence", [
    "新建采区设计说明书中，应当有各煤层自燃倾向性的鉴定资料",  # T22: what a design document must hold
    "采区在设计前必须完成水害评估，评估主要包含下列内容：采区内可能揭露的落差5m以上断层的导水性",
    "补充勘探报告应当包括下列主要内容：各含水层的富水性和水位",  # a report engineers write
    "特种设备检验人员应当如实出具检验报告，不得出具虚假报告",  # an inspection body's own duty
    "监督检查工作应当坚持依法、公开的原则",
    "检查人员可以查阅被检查单位的运行记录",
])
def test_a_designs_contents_and_the_inspectors_work_are_for_managers(sentence: str) -> None:
    assert design_contents(sentence) or inspection_work(sentence)
    assert sentence_relevance(sentence, FRONTLINE) < THRESHOLD
    assert sentence_relevance(sentence, MANAGERS) >= THRESHOLD  # a manager is examined on them


@pytest.mark.parametrize("sentence", [
    "出口之间的距离必须在作业规程中明确规定",  # the crew works by its 作业规程
    "每根支柱的初撑力不得低于设计值的80%",  # a design figure the crew keeps
    "被检查单位应当配合检查，不得隐瞒有关情况",  # the mine's duty towards the inspectors
    "生产经营单位对监督检查人员依法履行职责，应当予以配合，不得拒绝",
    "瓦斯检查人员必须执行巡回检查制度，不得漏检",  # a post of the mine
    "锅炉房的管理人员、检测人员和司炉工必须持证上岗",  # the user's own staff
])
def test_rules_the_crew_keeps_beside_a_design_or_an_inspection_stay_asked(sentence: str) -> None:
    assert not design_contents(sentence) and not inspection_work(sentence)
    assert sentence_relevance(sentence, FRONTLINE) >= THRESHOLD


# --------------------------------------------------------------------------- managers T16: required in the same pipe


def test_a_device_set_in_the_same_pipe_elsewhere_is_no_wrong_option(shared_pools) -> None:
    rule = "排水泵出水管路中必须设置压力表。"
    listed = "下列地点必须设置流量计：主排水泵排出管路中。"
    pools = dataclasses.replace(shared_pools, documents={"某规程": rule + "\n" + listed})
    before = "主排水泵出水管路中应当设置"
    assert required_at_the_place("流量计", "压力表", before, "某规程", pools)
    # Counter-examples: a device no sentence sets in that pipe, and the same device set in another thing's pipe.
    assert not required_at_the_place("温度计", "压力表", before, "某规程", pools)
    assert not required_at_the_place("流量计", "压力表", "局部通风机风筒中应当设置", "某规程", pools)


def test_a_near_twin_of_a_device_set_at_the_place_is_no_wrong_option(shared_pools) -> None:
    # Managers' read 4, T16: 风压传感器 offered where the same pipe must have a 压力传感器 (our own words below).
    rule = "注浆泵出浆管路中必须设置流量、温度和压力传感器。"
    pools = dataclasses.replace(shared_pools, documents={"某规程": rule})
    before = "注浆泵出浆管路中还应当设置"
    assert required_at_the_place("风压传感器", "烟雾传感器", before, "某规程", pools)
    assert required_at_the_place("风速传感器", "烟雾传感器", before, "某规程", pools)  # flow, measured as a speed
    # Counter-examples: a device measuring what nothing set there measures, and the twin at another thing's pipe.
    assert not required_at_the_place("粉尘传感器", "烟雾传感器", before, "某规程", pools)
    assert not required_at_the_place("风压传感器", "烟雾传感器", "局部通风机风筒中还应当设置", "某规程", pools)


def test_a_blank_closing_the_install_words_series_is_checked_at_its_place(shared_pools) -> None:
    # 第五百四十一条 …回风巷…应当设置一氧化碳和（温度传感器） offered 甲烷传感器, which another article sets in every such
    # roadway: the install word opens the series the blank closes (our own words below).
    listed = "下列地点必须设置粉尘传感器：（一）运输大巷及其回风巷。"
    pools = dataclasses.replace(shared_pools, documents={"某规程": listed})
    before = "运输大巷回风巷应当设置一氧化碳、温度和"
    assert required_at_the_place("粉尘传感器", "烟雾传感器", before, "某规程", pools)
    # Counter-examples: a device set nowhere there, and a series with no install word before it.
    assert not required_at_the_place("风压传感器", "烟雾传感器", before, "某规程", pools)
    assert not required_at_the_place("粉尘传感器", "烟雾传感器", "运输大巷回风巷中的一氧化碳、温度和", "某规程", pools)


def test_the_pumps_carbon_monoxide_sensor_is_not_offered_methane(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第五百四十一条")
    asked = 0
    for seed in SEEDS:
        question = single_term(record, shared_pools, seed)
        if question is not None and "抽采泵吸入管路" in question.stem:
            asked += 1
            assert not {"甲烷传感器", "风压传感器", "风速传感器"} & {o.text for o in question.options}
        if question is not None and "一氧化碳和（" in question.stem:
            asked += 1
            assert "甲烷传感器" not in [o.text for o in question.options]  # 第四百九十八条 sets it in those roadways
    assert asked


# --------------------------------------------------------------------------- T12, managers T14: posts that work at the act


MISFIRE = "处理哑炮时，爆破员必须先拆下母线并把线头拧在一起，等候一刻钟后再进去查找原因。"
MISFIRE_ACT = "必须先拆下母线并把线头拧在一起，等候一刻钟后再进去查找原因"


def _misfire_pools(leader: str) -> tuple[TheoryPools, list]:
    """A blasting rule, the 班组长 bound to `leader` in the article before it, a 瓦斯检查工 bound to another act at the
    blast, and, far from it, an 电工 bound to an act at the blast, a 安全检查工 on his rounds and four trades with nothing
    to do with blasting."""
    trades = [article(f"{post}必须遵守本岗位操作规程。", title="其他规定", label=f"第{i}条", number=i)
              for i, post in enumerate(("信号工", "把钩工", "绞车司机", "防突工"), start=1)]
    trades += [article("放炮前，电工必须切断放炮地点附近的动力电源。", title="其他规定", label="第五条", number=5),
               article("安全检查工必须巡视采掘工作面。", title="其他规定", label="第六条", number=6)]
    fillers = [article(f"井下第{i}号巷道必须保持畅通。", title="其他规定", label=f"第{i}条", number=i) for i in (20, 21)]
    records = [
        article(f"处理哑炮时，班组长必须{leader}。", title="煤矿安全规程", label="第四十九条", number=49),
        article(MISFIRE, title="煤矿安全规程", label="第五十条", number=50),
        article("放炮以后，瓦斯检查工必须到放炮地点查看瓦斯浓度。", title="煤矿安全规程", label="第五十一条", number=51),
    ]
    return TheoryPools.build([*trades, *fillers, *records]), [*records, *trades, *fillers]


def test_a_post_bound_to_the_same_act_is_never_a_wrong_option() -> None:
    pools, records = _misfire_pools("先拆下母线并把线头拧在一起")
    assert kt.bound_to_act(kt.frontline_family("班组长"), MISFIRE_ACT, pools.flat_corpus, kt.frontline_family("爆破员"))
    for n in range(20):
        wrong = frontline_distractors("爆破员", records[1], pools, random.Random(n), MISFIRE_ACT)
        assert set(wrong) == {"瓦斯检查工", "电工", "安全检查工"}, wrong
    # The verifier refuses the bound post put in as a wrong option, and keeps the item as generated.
    verifier = Verifier(records)
    made = [q for seed in SEEDS if (q := single_party(records[1], pools, seed))]
    assert made
    for q in made:
        assert next(o.text for o in q.options if o.key in q.answer) == "爆破员"
        assert verifier.problems(q) == []
        swapped = tuple(Option(o.key, "班组长") if o.key not in q.answer and i == 0 else o for i, o in enumerate(q.options))
        if swapped != q.options:
            assert verifier.problems(dataclasses.replace(q, options=swapped))


def test_a_post_working_at_the_blast_on_another_act_is_offered_first() -> None:
    # Counter-example: the 班组长 at the same misfire with an act of his own is no longer kept away for being near.
    pools, records = _misfire_pools("在现场监督")
    assert not kt.bound_to_act(kt.frontline_family("班组长"), MISFIRE_ACT, pools.flat_corpus, kt.frontline_family("爆破员"))
    for n in range(20):
        wrong = frontline_distractors("爆破员", records[1], pools, random.Random(n), MISFIRE_ACT)
        assert {"班组长", "瓦斯检查工"} <= set(wrong), wrong
    assert Verifier(records).problems(next(q for seed in SEEDS if (q := single_party(records[1], pools, seed)))) == []


def test_a_shared_place_or_a_joint_of_two_words_is_not_the_same_act() -> None:
    blaster = kt.frontline_family("爆破员")
    corpus = "放炮以后，班组长必须到放炮地点并在警戒处查看。"
    assert not kt.bound_to_act(kt.frontline_family("班组长"), "必须最后离开放炮地点并在避炮处起爆", corpus, blaster)
    assert kt.bound_to_act(kt.frontline_family("班组长"), "必须最后离开放炮地点", "班组长、爆破员必须最后离开放炮地点。", blaster)


def test_the_reads_blasting_items_offer_posts_at_the_blast(shared_records, shared_pools) -> None:
    verifier = Verifier(shared_records)
    for label in ("第四百零三条", "第四百零七条"):
        made = [q for seed in SEEDS if (q := single_party(record_of(shared_records, label), shared_pools, seed))]
        assert made, label
        for q in made:
            key = next(o.text for o in q.options if o.key in q.answer)
            wrong = [o.text for o in q.options if o.key not in q.answer]
            assert key == "爆破员" and verifier.problems(q) == [], (label, wrong)
            blaster = kt.frontline_family(key)
            assert all(kt.at_the_act(kt.frontline_family(w), q.inputs["sentence"], shared_pools.flat_corpus, blaster)
                       for w in wrong), (label, wrong)
            assert not set(wrong) & {"探放水工", "把钩工", "绞车司机", "信号工"}, (label, wrong)
            # The verifier refuses a trade bound only elsewhere put in as a wrong option (item 407: 探放水工, 电工).
            swapped = tuple(Option(o.key, "探放水工") if o.key not in q.answer and o.text == wrong[0] else o for o in q.options)
            assert any("不在此项作业" in p for p in verifier.problems(dataclasses.replace(q, options=swapped)))
