"""A run a trainer keeps as a bank: no two items on one sentence, no lean on fine brackets (issue 16; managers' blind
read 7: T21 and T35 asked one sentence twice, 6 of 40 items were fine brackets), no duty of a party outside the mine
said dispensed (managers' blind read 6, T38).

Examples are ours, written for these tests.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from quiz.bank.types import JUDGE_OPTIONS, Option
from quiz.generation.pipeline import PENALTY_GENERATORS, PENALTY_SHARE, one_per_sentence, pick, source_sentence
from quiz.generation.records import GeneratedQuestion
from quiz.generation.relevance import others_duty
from quiz.generation.theory import TheoryPools, judge
from tests.generation.conftest import article

SEALING = "采空区应当在回采结束后30天内封闭，封闭前每班至少检查2次"
OPTIONS = tuple(Option(k, t) for k, t in zip("ABCD", ("10天", "20天", "30天", "60天"), strict=True))


def item(generator: str, article: str = "第九条", sentence: str = SEALING, relevance: float = 0.8, **inputs) -> GeneratedQuestion:
    kind = {"theory.judge": "judge", "theory.multi_enumeration": "multi"}.get(generator, generator.split("_")[0][7:])
    options = JUDGE_OPTIONS if kind == "judge" else OPTIONS if kind in ("single", "multi") else ()
    return GeneratedQuestion(kind, f"{generator}|{article}|{sentence}|{inputs}", options, ("A",), "", None, generator,
                             inputs={"article": article, "sentence": sentence, **inputs}, relevance=relevance)


# ------------------------------------------------------------------ twins: one item per source sentence


def test_two_items_on_one_sentence_keep_one_the_single_choice_when_equally_relevant():
    blank = item("theory.blank_number", position=11)
    choice = item("theory.single_number", position=20)
    term = item("theory.blank_term", position=18)
    kept = one_per_sentence([blank, choice, term])
    assert kept == [choice]


def test_the_more_relevant_twin_stays_whatever_its_kind():
    blank = item("theory.blank_number", relevance=0.9)
    choice = item("theory.single_number", relevance=0.7)
    assert one_per_sentence([choice, blank]) == [blank]
    # Two blanks alike: the first made stays.
    first, second = item("theory.blank_number", position=11), item("theory.blank_term", position=18)
    assert one_per_sentence([first, second]) == [first]


def test_items_on_other_sentences_or_other_list_items_all_stay():
    # Counter-examples: two sentences of one article, one sentence in two articles, two items of one list, a multiple
    # choice on the whole list beside a blank on one of its items.
    other = item("theory.blank_number", sentence="密闭墙前5m内的支护应当完好")
    elsewhere = item("theory.single_number", article="第十条")
    first = item("theory.blank_item_number", sentence="", lead="封闭火区应当遵守下列规定：", item="（一）墙厚不小于0.5m")
    second = item("theory.single_item_number", sentence="", lead="封闭火区应当遵守下列规定：", item="（二）每天检查1次")
    listed = item("theory.multi_enumeration", sentence="", lead="封闭火区应当遵守下列规定：")
    questions = [item("theory.blank_number"), other, elsewhere, first, second, listed]
    assert one_per_sentence(questions) == questions
    assert source_sentence(listed) is None
    assert source_sentence(first) != source_sentence(second)


def test_a_run_asks_each_sentence_once_and_takes_a_twin_back_only_to_reach_a_promised_count():
    questions = [item("theory.blank_number", position=11), item("theory.single_number", position=20),
                 item("theory.blank_term", article="第十条")]
    assert len(pick(questions, 10, "s")) == 2  # a default run short of its count: the material is spent
    assert len(pick(questions, 2, "s", judges_at_most_half=False)) == 2
    promised = pick(questions, 10, "s", judges_at_most_half=False)  # the review page, named documents
    assert len(promised) == 3 and promised[-1].generator == "theory.blank_number"  # the twin comes last


def test_a_corpus_run_asks_each_sentence_once(theory):
    where = Counter(w for q in pick(theory.questions, 3000, "1") if (w := source_sentence(q)) is not None)
    assert where and not [w for w, n in where.items() if n > 1]
    # Counter-example: the batch before the pick has such twins (another figure or term of the same sentence).
    assert max(Counter(w for q in theory.questions if (w := source_sentence(q)) is not None).values()) > 1


def test_judges_cut_to_half_keep_true_and_false_balanced():
    # Twins left out leave fewer other items, so more true/false items are cut: never all of one side.
    def judge(number: int, answer: str, article: str) -> GeneratedQuestion:
        question = item("theory.judge", article=article, sentence=f"第{number}句")
        return dataclasses.replace(question, answer=(answer,))

    # The false ones share an article, so they would go first (each true one is the only item on its article).
    questions = [judge(i, "A", f"第{i}条") for i in range(6)] + [judge(i + 6, "B", "第九十条") for i in range(6)]
    questions += [item("theory.blank_number", article=f"第{20 + i}条") for i in range(4)]
    run = pick(questions, 100, "s")
    answers = Counter(q.answer for q in run if q.generator == "theory.judge")
    assert sum(answers.values()) == 4 and abs(answers[("A",)] - answers[("B",)]) <= 1


# ------------------------------------------------------------------ fine brackets: at most PENALTY_SHARE of a run


def fine(number: int, relevance: float) -> GeneratedQuestion:
    return item("theory.single_fine", article=f"第{number}条", sentence=f"违反规定的，处罚款{number}", relevance=relevance)


def material(fines: int, others: int) -> list[GeneratedQuestion]:
    questions = [fine(i, 0.3 + i / 100) for i in range(fines)]
    kinds = ("theory.blank_number", "theory.single_number", "theory.blank_term", "theory.single_term")
    return questions + [item(kinds[i % 4], article=f"第{100 + i}条") for i in range(others)]


def test_a_run_keeps_fine_brackets_to_their_share_dropping_the_least_relevant():
    questions = material(30, 300)
    uncapped = pick(questions, 100, "s", penalties_capped=False)
    assert sum(q.generator in PENALTY_GENERATORS for q in uncapped) > PENALTY_SHARE * 100  # turns give fines a fifth
    run = pick(questions, 100, "s")
    fines = [q for q in run if q.generator in PENALTY_GENERATORS]
    assert len(run) == 100 and 0 < len(fines) <= PENALTY_SHARE * len(run)
    # The fines kept are the most relevant ones; other items took the turns the dropped ones had.
    assert min(q.relevance for q in fines) > max(q.relevance for q in questions[:30] if q not in fines)


def test_a_run_short_of_material_keeps_the_share_too():
    run = pick(material(30, 60), 3000, "s")
    fines = sum(q.generator in PENALTY_GENERATORS for q in run)
    assert fines <= PENALTY_SHARE * len(run) and len(run) == 60 + fines


def test_a_run_without_many_fines_is_left_as_it_was():
    # Counter-example: fines already under the share (a run of all the material), and a run with none at all.
    questions = material(3, 200)
    assert pick(questions, 3000, "s") == pick(questions, 3000, "s", penalties_capped=False)
    plain = material(0, 50)
    assert pick(plain, 20, "s") == pick(plain, 20, "s", penalties_capped=False)


# ------------------------------------------------------------------ no dispensation of a duty the audience does not bear

# Another party's duty (a power supplier telling the mine, a street committee telling the state, a training body
# reporting to its authority, an inspector): 不必 there is nobody's shortcut (managers' blind read 6, T38).
OTHERS = {
    "供电的变电所或者发电厂在计划停电以前，必须将停电的时段通知矿井调度室": "必须",
    "街道居民委员会得知辖区内有企业存在事故隐患时，应当向当地人民政府报告": "应当",
    "承办矿工培训的机构，应当将师资和实训设施的情况书面报告培训主管部门": "应当",
    "被检查单位负责人不肯签字的，安全监察人员应当将这一情况记入检查记录": "应当",
}
# The mine's or its people's own duty, or an act with no party named: 不必 there is a shortcut a reader might believe.
OWN = {
    "从业人员发现事故隐患，应当立即向班组长或者本单位负责人报告": "应当",
    "矿长应当定期向职工代表大会报告本矿的安全生产工作": "应当",
    "修补旧巷道以前，必须先检查巷道内的瓦斯": "必须",
    "井下中央变电所必须设置独立的通风系统": "必须",  # a place of the mine ending in 所: its act tells nobody
    "矿井调度室接到停电通知后，必须立即通知井下各作业地点": "必须",
}


def test_a_duty_borne_outside_the_mine_is_another_partys():
    for sentence, modal in OTHERS.items():
        assert others_duty(sentence, sentence.index(modal)), sentence
    for sentence, modal in OWN.items():
        assert not others_duty(sentence, sentence.index(modal)), sentence


def test_no_false_statement_says_another_partys_duty_is_dispensed():
    pools_of = lambda record: TheoryPools.build([record])  # noqa: E731
    for sentence in OTHERS:
        record = article(sentence + "。")
        made = [q for seed in map(str, range(30)) if (q := judge(record, pools_of(record), seed))]
        assert not [q.stem for q in made if "不必" in q.stem], sentence
    # Counter-examples: the worker's report and the check before repairs are still made dispensations.
    for sentence in list(OWN)[:3:2]:
        record = article(sentence + "。")
        made = [q for seed in map(str, range(30)) if (q := judge(record, pools_of(record), seed))]
        assert [q.stem for q in made if "不必" in q.stem], sentence
