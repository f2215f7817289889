"""Faults of the eighth blind read (bench/generation_blind_read_8.md): the mine leadership's meetings and reports and
special equipment serving the public are not worth a miner's time, a stem keeps the thing its sentence names short,
no blank where the article sets something else at the same place or the sentence names the key's head, no option
that is a kind of the key or a duty in force, no wrong hazard control restating the cited article, and isolation
before the work as a scene's key. Each rule with the read's example and counter-examples that keep working."""

from __future__ import annotations

import random

import pytest

from quiz.generation import scenes
from quiz.generation.articles import sentences
from quiz.generation.hazard import control, control_distractors
from quiz.generation.relevance import ARTICLE_THRESHOLD, article_relevance, sentence_relevance, worth_a_worker
from quiz.generation.theory import blank_term, judge, single_term
from quiz.generation.theory.stems import context_of, stem_prefix
from quiz.generation.theory.term_distractors import done_elsewhere, kind_of_the_key
from quiz.generation.theory.term_questions import head_repeated, set_beside
from tests.generation.conftest import record_of, wrong_texts

SEEDS = [str(seed) for seed in range(12)]
OUTBURST = "防治煤与瓦斯突出细则"
SPECIAL_EQUIPMENT = "中华人民共和国特种设备安全法"


def _hazard(hazard_data, text: str):  # noqa: ANN202 - a corpus.hazards.Hazard
    return next(h for h in hazard_data.catalogue if h.hazard.startswith(text))


# --------------------------------------------------------------------------- T15, T29, T16: not worth a miner's time


@pytest.mark.parametrize("sentence", [
    # T15: how often the leadership studies 防突 in a meeting
    "突出矿井的矿长每月、所属煤矿企业的主要负责人每季度，应当至少召开1次防突专题研究会，部署并检查防突工作",
    # T29: when the geological classification is redone, and how often its report is revised
    "地质条件出现影响地质类型划分的较大变化，或者煤矿发生冲击地压、突水、煤与瓦斯突出等较大以上事故时，"
    "煤矿应当于1年内重新进行地质类型划分",
    "地质类型划分报告和生产地质报告每3年修编1次，地质类型划分无较大变化时两者可合并编制，报煤矿企业技术负责人审批",
    # the leaders' own qualification and training
    "考试不合格的煤矿企业主要负责人和安全生产管理人员，可以补考一次",
    "煤矿企业应当每年对主要负责人和安全生产管理人员开展一次涉及新标准、新规程、新法律法规的安全培训",
    # T16: what the operator of a 客运索道 shows its passengers
    "客运索道、电梯、大型游乐设施的运营使用单位应当把安全注意事项、安全使用说明和警示标志"
    "放在乘客容易看到的显著位置",
])
def test_leadership_meetings_reports_and_public_rides_are_not_worth_a_worker(sentence: str) -> None:
    assert not worth_a_worker(sentence)


@pytest.mark.parametrize("sentence", [
    "煤矿企业应当每年至少组织2次应急演练",  # the mine's drill with its interval
    "班组长、区（队）长对所管辖范围内的防突工作负直接责任",  # the people at the face in the same article (突出细则 第三十五条)
    "煤矿企业的特种作业人员应当依照国家有关规定接受专门的安全技术培训，并经考核合格",  # a worker's own qualification
    "特种设备使用单位应当选用取得许可生产且检验合格的特种设备",  # a user's own rule: 取得许可 qualifies the equipment
    "起重机械、锅炉、压力容器、大型游乐设施、客运索道在安装、改造和重大修理过程中，应当接受监督检验",  # a mine's boilers too
])
def test_the_mines_own_rules_stay_worth_a_worker(sentence: str) -> None:
    assert worth_a_worker(sentence)


def test_a_workers_occupational_disease_appraisal_is_no_design() -> None:
    # 规程 第七百二十七条: the mine hands over the worker's exposure history; a design's 鉴定 stays management.
    history = ("从业人员要做职业病诊断、鉴定的，煤矿企业应当如实提供其职业史、职业病危害接触史以及"
               "工作场所职业病危害因素检测结果等职业病诊断、鉴定所需资料")
    assert worth_a_worker(history)
    # Counter-example: the same shape with a mine's 鉴定 keeps its management penalty.
    assert sentence_relevance(history.replace("职业病诊断、鉴定", "矿井瓦斯等级鉴定")) < sentence_relevance(history) - 0.2


def test_a_licence_from_the_state_is_still_procedure() -> None:
    assert not worth_a_worker("凡需我国特种设备生产许可的，都应当取得许可")


def test_an_article_about_public_rides_yields_nothing_but_the_laws_mine_articles_do(shared_records) -> None:
    rides = record_of(shared_records, "第四十三条", SPECIAL_EQUIPMENT)
    assert article_relevance(rides.text, rides.path) < ARTICLE_THRESHOLD
    for label in ("第四十条", "第四十一条", "第二十五条"):  # periodic inspection, the operator's report, boilers …
        kept = record_of(shared_records, label, SPECIAL_EQUIPMENT)
        assert article_relevance(kept.text, kept.path) >= ARTICLE_THRESHOLD, label


# --------------------------------------------------------------------------- T27, T37: the thing named short


def test_a_head_named_short_takes_the_term_named_before(shared_records) -> None:
    doors = record_of(shared_records, "第一百一十八条", OUTBURST)
    assert context_of(doors, "风门之间的距离不得小于4m") == "反向风门"  # T27
    assert "反向风门" in stem_prefix(doors, "风门之间的距离不得小于4m")
    # Counter-example: a sentence naming the doors in full needs nothing.
    named = next(s for s in sentences(doors.text) if s.endswith("反向风门必须关闭"))
    assert context_of(doors, named) == ""


def test_a_short_condition_takes_the_articles_measure(shared_records) -> None:
    fixing = record_of(shared_records, "第一百条", OUTBURST)
    assert "固化措施" in context_of(fixing, "固化操作时，所有人员不得正对孔口")  # T37
    # Counter-example: a condition naming its own act (启封火区时) takes no measure from the article's opening.
    fire = record_of(shared_records, "第二百八十四条")
    reopening = next(s for s in sentences(fire.text) if s.startswith("启封火区时"))
    assert context_of(fire, reopening) == ""


def test_no_judge_on_the_doors_or_the_fixing_without_its_thing(shared_records, shared_pools) -> None:
    for label, short, full in (("第一百一十八条", "风门之间", "反向风门"), ("第一百条", "固化操作时", "固化措施")):
        record = record_of(shared_records, label, OUTBURST)
        for seed in SEEDS:
            question = judge(record, shared_pools, seed)
            if question is not None and short in question.stem:
                assert full in question.stem.split(short)[0], question.stem


# --------------------------------------------------------------------------- T7, T38: a blank with two answers


def test_no_blank_where_the_article_sets_something_else_at_the_place(shared_records, shared_pools) -> None:
    shaft = record_of(shared_records, "第四百二十八条")
    sentence = next(s for s in sentences(shaft.text) if "罐笼提升" in s and "阻车器" in s)
    assert set_beside(shaft, sentence, sentence.index("阻车器"))  # T7: 井筒与各水平的连接处必须设栅栏
    for seed in SEEDS:
        question = blank_term(shaft, shared_pools, seed)
        assert question is None or question.answer[0] != "阻车器"
    # Counter-example: the 挡车栏 above a winch is the one thing set there.
    incline = record_of(shared_records, "第一百零三条")
    sentence = next(s for s in sentences(incline.text) if "绞车上山方向" in s and "挡车栏" in s)
    assert not set_beside(incline, sentence, sentence.index("挡车栏"))
    assert any((q := blank_term(incline, shared_pools, seed)) and q.answer[0] == "挡车栏" for seed in SEEDS)


def test_no_blank_whose_head_the_sentence_names_again(shared_records, shared_pools) -> None:
    sentence = "主要通风机由专职司机负责运转，司机应当每小时把通风机的运行情况记入运转记录簿"
    assert head_repeated(sentence, 0, "主要通风机")  # T38
    assert not head_repeated("主要通风机由专职司机负责运转", 0, "主要通风机")
    fans = record_of(shared_records, "第一百七十九条")
    for seed in SEEDS:
        question = blank_term(fans, shared_pools, seed)
        assert question is None or not ("通风机" in question.stem and question.answer[0] == "主要通风机")


# --------------------------------------------------------------------------- T33, H19: true distractors


def test_training_is_no_distractor_for_training(shared_records, shared_pools) -> None:
    assert kind_of_the_key("职业卫生培训", "安全生产教育和培训")
    assert done_elsewhere("职业卫生培训", "从业人员应当接受", shared_pools)  # 职业病防治法: 应当接受职业卫生培训
    # Counter-examples: devices of one head are different things, and a device used somewhere is no duty.
    assert not kind_of_the_key("甲烷传感器", "风速传感器")
    assert not done_elsewhere("提升机", "使用", shared_pools)
    record = record_of(shared_records, "第五十八条", "中华人民共和国安全生产法")
    for seed in SEEDS:
        question = single_term(record, shared_pools, seed)
        if question is not None:
            assert not any(w.endswith("培训") for w in wrong_texts(question)), question.stem


def test_no_wrong_hazard_control_restates_the_cited_article(hazard_data) -> None:
    target = _hazard(hazard_data, "井口有杂物、工具未固定")  # H19, citing 规程 第四百二十八条
    fence = _hazard(hazard_data, "罐笼不在井口时安全门处于打开状态")  # its 井口设栅栏… cites 第四百二十八条 too
    own = {c.text for c in fence.controls}
    for seed in range(30):
        assert not own & set(control_distractors([target], hazard_data, random.Random(seed), 3))
    # Counter-example: the target is still asked, with wrong controls from hazards citing other articles.
    assert any(q.inputs["hazard"] == target.id for q in control(hazard_data, "1"))


# --------------------------------------------------------------------------- H12: isolation before the work


def test_isolation_before_the_work_is_the_key(hazard_data) -> None:
    live = _hazard(hazard_data, "带电搬迁非本质安全型电气设备")
    assert scenes.cause_controls(live) == ["搬迁前切断上级电源并闭锁挂牌"]  # not 搬迁后检查电缆护套…
    # Counter-example: with no isolation among its controls, the control naming the cause stays the key.
    spray = _hazard(hazard_data, "转载点、卸载点未开启喷雾")
    assert scenes.cause_controls(spray) == ["转载点、卸载点安设喷雾装置并随运行自动开启"]
