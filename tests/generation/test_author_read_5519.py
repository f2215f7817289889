"""The faults the generator author's reads of seed 5519 found (bench/generation_author_read_5519.md), one test
per cause, on the reads' examples."""

from __future__ import annotations

import random
from decimal import Decimal

from quiz.generation import articles as read
from quiz.generation import relevance as rel
from quiz.generation.theory import TheoryPools
from quiz.generation.theory.number_distractors import number_distractors
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(30)]


def test_values_only_a_designer_or_laboratory_uses_are_not_asked():
    # 规程 第六百一十条 (road–rail crossings), TBM rated torque, mine depth limits, calibration gas, 煤炭产品质量.
    for sentence in (
        "道口每侧的平台长度不得小于10m，与平台相接的道路坡度不得大于5%",
        "应当依照规定，按通过的车流量和人流量设置立体交叉或者平面交叉",
        "铁路与公路应当正交；无法正交的，交角不得小于45°",
        "TBM的脱困扭矩应不小于其额定扭矩的1.5倍",
        "新建和改扩建的大中型矿井，开采深度不应超过1200m，小型矿井则不应超过600m",
        "配制甲烷校准气样所用装备和方法必须符合国家有关标准，原料气应当选用纯度不低于99.9%的甲烷标准气体",
        "对煤炭产品质量，应当依照行业标准或者国家标准分等论级",
    ):
        assert not rel.worth_a_worker(sentence), sentence
    # What a worker at the face must keep is still asked.
    for sentence in (
        "甲烷浓度在采掘工作面风流中达到1.0%时，必须停止用电钻打眼",
        "提升机严禁超过额定载荷运行",
        "冷却水温度不得超过95℃",
    ):
        assert rel.worth_a_worker(sentence), sentence


def test_a_changed_temperature_stays_plausible_for_what_it_measures():
    # 规程 第三百七十八条 (四): 冷却水温度不得超过95℃ was offered as 190℃ in a which-are-listed item.
    record = article("乳化液泵站应当符合下列要求：\n（一）冷却水温度不得超过95℃。", label="第三百七十八条", number=378)
    pools = TheoryPools.build([record])
    sentence = "冷却水温度不得超过95℃"
    quantity = next(q for q in read.quantities(sentence) if q.unit == "℃")
    end = quantity.end + len(quantity.unit)
    seen = set()
    for seed in SEEDS:
        for false_statement in (True, False):
            wrong = number_distractors(quantity, record, pools, random.Random(seed), count=1,
                                       context=(sentence[: quantity.start], sentence[end:]), false_statement=false_statement)
            for text in wrong:
                value = Decimal(text.removesuffix("℃"))
                assert 5 <= abs(value - 95) <= 30, text
                if false_statement:
                    assert value > 95, text  # 不得超过: the unsafe side is hotter
                seen.add(text)
    assert seen and "190℃" not in seen


def test_a_duty_to_act_on_something_can_be_turned_into_a_permission():
    # 特种设备安全法 第三十九条 had no true/false item: 应当对 was refused as a modal to flip.
    sentence = "特种设备使用单位应当对在用的特种设备经常性地维护保养，定期自行检查并记录在案"
    assert read.modal_changes(sentence) == [(8, "应当", "不必")]


def test_true_false_items_are_at_most_half_a_run_and_the_sole_item_on_an_article_stays():
    # A default run was 60% true/false once the other kinds ran out.
    from quiz.bank.types import JUDGE_OPTIONS
    from quiz.generation.pipeline import pick
    from quiz.generation.records import GeneratedQuestion

    def q(stem: str, generator: str, article_label: str, answer: str = "A") -> GeneratedQuestion:
        kind = "judge" if generator == "theory.judge" else "blank"
        return GeneratedQuestion(type=kind, stem=stem, options=JUDGE_OPTIONS if kind == "judge" else (), answer=(answer,),
                                 explanation="", citation=None, generator=generator, inputs={"article": article_label})

    questions = [q(f"b{i}", "theory.blank_number", f"a{i}") for i in range(3)]
    questions += [q(f"j{i}", "theory.judge", f"a{i}", "AB"[i % 2]) for i in range(6)]  # j0–j2 share an article
    questions += [q("only", "theory.judge", "a9")]
    chosen = pick(questions, 100, "x")
    judges = [x for x in chosen if x.generator == "theory.judge"]
    assert len(judges) == 3 and len(chosen) == 6
    # The dropped are those on an article a blank already asks about: the sole items on a3, a4, a5, a9 stay but one.
    assert not {"j0", "j1", "j2"} & {x.stem for x in judges}
    # A run of true/false items alone is not cut.
    assert len(pick([x for x in questions if x.generator == "theory.judge"], 100, "x")) == 7


def test_a_field_of_work_in_a_series_is_no_term_to_choose():
    # 规程 第一百一十六条: 加强通风、（ ）、顶板、防火管理 gives 瓦斯 away (一通三防); a place in a list of places stays.
    from quiz.generation.theory.term_questions import _field_of_work

    sentence = "采区、盘区结束后回撤设备时，必须制定专项措施，加强通风、瓦斯、顶板、防火管理"
    assert _field_of_work(sentence, sentence.index("瓦斯"), "瓦斯")
    assert _field_of_work("必须加强通风、瓦斯管理", 7, "瓦斯")
    places = "井口房、压风机房、检修硐室内不得进行电焊作业"
    assert not _field_of_work(places, places.index("压风机房"), "压风机房")
    faces = "回风巷、采煤工作面必须设置甲烷传感器"
    assert not _field_of_work(faces, 0, "回风巷")


def test_a_term_with_other_names_is_not_blanked():
    # 安全监控系统 is also 安全监测监控系统 and 监测监控系统: a blank keyed one marks the others wrong.
    from quiz.generation.theory import blank_term

    record = article("煤矿必须装备安全监控系统。\n井下严禁使用灯泡取暖。", label="第四百八十七条", number=487)
    pools = TheoryPools.build([record])
    for seed in SEEDS:
        made = blank_term(record, pools, seed)
        assert made is None or made.answer[0] != "安全监控系统", made.stem


def test_a_gas_named_by_its_atoms_is_a_term_a_count_is_not():
    # 规程 第五百四十一条: （ ）报警浓度大于或者等于0.0024% keyed 一氧化碳 was rejected as if 一 were a count. Beside its
    # figure the gas is no longer blanked (blind read 5, T7: the figure is asked), so a sentence without one stands in.
    from dataclasses import replace

    from quiz.generation.theory import blank_term
    from quiz.generation.verify import Verifier

    beside_its_figure = article("一氧化碳的报警浓度大于或者等于0.0024%。", label="第五百四十一条", number=541)
    assert all(blank_term(beside_its_figure, TheoryPools.build([beside_its_figure]), seed) is None for seed in SEEDS)
    record = article("回风巷中必须检查一氧化碳。", label="第二百七十八条", number=278)
    made = [q for seed in SEEDS if (q := blank_term(record, TheoryPools.build([record]), seed))]
    assert made and {q.answer[0] for q in made} == {"一氧化碳"}
    verifier = Verifier([record])
    assert not verifier.verify(made[:1]).failures
    counted = replace(made[0], answer=("一次",))
    assert verifier.verify([counted]).failures


def test_a_system_to_keep_is_no_term_to_choose():
    # 规程 第七百三十二条: 煤矿企业必须建立（ ）制度 keyed 应急演练 offered 安全教育培训, a system a mine keeps too.
    from quiz.generation.theory import blank_term, single_term

    record = article("煤矿企业必须建立应急演练制度。", label="第七百三十二条", number=732)
    other = article("煤矿企业应当组织安全教育培训，每年至少组织一次应急演练。", label="第一条", number=1)
    pools = TheoryPools.build([record, other])
    for seed in SEEDS:
        assert single_term(record, pools, seed) is None
        assert blank_term(record, pools, seed) is None
