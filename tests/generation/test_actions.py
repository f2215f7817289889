"""What must be done when an accident or its sign comes, asked as a single choice (`actions.single_action`)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from quiz.generation.actions import WRONG_ACTS, kind_acts, single_action
from quiz.generation.theory import TheoryPools
from tests.generation.conftest import article, key_text, wrong_texts

# Sentences written for these tests in the manner of the rules.
WITHDRAW = "发生透水事故后，现场人员应当立即组织自救互救，并报告矿调度室。"
URGENT = re.compile("立即|迅速|及时|尽快|马上")
# What an option does after any delay and word of time: its verb is the first two characters.
DONE = re.compile(r"^(?:.*再)?(?:立即|迅速|及时|首先|尽快|马上|妥善|视情况|酌情)*")


def ask(*texts: str, corpus: tuple[str, ...] = ()):
    record = article("".join(texts))
    others = [article(t, label=f"第{n}条", number=20 + i) for i, (n, t) in enumerate(zip("二三四五", corpus, strict=False))]
    return single_action(record, TheoryPools.build([record, *others]), "1")


def test_the_act_an_emergency_orders_is_asked_beside_itself_made_late_and_a_wrong_move_of_that_emergency():
    question = ask(WITHDRAW)
    assert question is not None and question.type == "single"
    assert key_text(question) == "立即组织自救互救"
    assert "发生透水事故后，现场人员应当（ ），并报告矿调度室。" in question.stem
    wrong = wrong_texts(question)
    late = [w for w in wrong if w.endswith("组织自救互救")]
    assert len(wrong) == 3 and len(late) == 2
    # One waits for something first; one leaves the act to judgement, as short as the key and with no word of delay.
    assert sum("再" in w for w in late) == 1
    # Beside a key done at once, the delay and the wrong move are wrong acts done at once: urgency is no give-away.
    assert sum(bool(URGENT.match(w)) for w in wrong) == 2
    assert any(len(w) == len(key_text(question)) and not re.search("[先待再]", w) for w in late)
    # The third is what a worker does wrong when water breaks in, not a shortcut of any accident.
    assert kind_acts("发生透水事故后") != WRONG_ACTS
    assert set(wrong) - set(late) <= set(kind_acts("发生透水事故后"))
    assert not any(key_text(question) in w or w in key_text(question) for w in wrong)


def test_an_act_ordered_without_a_word_of_time_is_made_late_in_other_words():
    question = ask("排土场出现滑坡征兆时，必须停止排土作业，组织人员撤离。")
    assert question is not None and key_text(question) == "停止排土作业"
    wrong = wrong_texts(question)
    late = [w for w in wrong if w.endswith("排土作业")]
    # The key keeps the sentence's verb; the delay and the act left to judgement each put it in other words.
    assert len(late) == 2 and len({w[-6:-4] for w in late} | {"停止"}) == 3
    assert not any("停止排土作业" in w for w in wrong)
    # No accident has come yet: a late act may wait for the cause, not for the accident's cause.
    assert not any("事故原因" in w for w in wrong)


def test_an_act_without_a_word_of_time_nor_other_words_for_its_verb_is_not_asked():
    assert ask("发生透水事故后，现场人员应当报告班组长。") is None


def test_a_delay_the_sentence_already_says_is_not_offered():
    question = ask("采区发生冒顶事故后，班组长应当尽快消除现场危险，查明事故原因并上报。")
    assert question is not None and key_text(question) == "尽快消除现场危险"
    assert not any("查明事故原因" in w for w in wrong_texts(question))


def test_keeping_it_quiet_is_not_offered_where_the_sentence_orders_the_report():
    def offered(text: str) -> set[str]:
        record = article(text)
        pools = TheoryPools.build([record])
        return {w for seed in map(str, range(30)) if (q := single_action(record, pools, seed)) for w in wrong_texts(q)}

    assert any("暂不上报" in w for w in offered("井下发生事故后，跟班队长必须立即组织抢救，并清点人数。"))
    assert not any("暂不上报" in w for w in offered("井下发生事故后，跟班队长必须立即组织抢救，并及时上报调度室。"))


def test_a_sentence_another_generator_asks_is_left_to_it():
    # 立即撤出 made 留守观察 is the judge's false statement on this sentence: the run would ask it twice.
    assert ask("发生透水事故后，现场人员应当立即撤出危险区域，并报告矿调度室。") is None


def test_a_wrong_act_a_current_article_orders_is_not_offered():
    # Were some article to order the act late after this emergency, it would be no wrong option there.
    ordered = "发生透水事故后，现场人员应当待上级批准后再组织自救互救，并报告矿调度室。"
    question = ask(WITHDRAW, corpus=(ordered,))
    assert question is not None and "待上级批准后再组织自救互救" not in wrong_texts(question)


@pytest.mark.parametrize(
    "text",
    [
        "发生事故后，县级人民政府应当立即组织抢救。",  # the state's duty
        "发生事故后，煤矿应当立即报告应急管理部门。",  # a report to an agency: procedure
        "处理突出事故时，必须加大灾区风量。",  # a technical step, the only expert answer beside the wrong acts
        "发生事故时，专职救护队应当立即出动救援。",  # the rescue team's own work: no shortcut of a worker's
        "处理火灾事故时，还必须立即撤出灾区人员。",  # leans on an earlier sentence
        "发生事故后，应当在10min内组织抢救。",  # a figure: the number generators ask it
        "煤矿应当建立应急救援组织。",  # no emergency opens the sentence
        "发生透水事故后，班组长应当立即组织抢救，或者采取措施封堵水源。",  # another act offered: 酌情 is arguable
    ],
)
def test_not_asked(text):
    assert ask(text) is None


def guessed(questions) -> dict[str, float]:
    """The share a test-wise worker scores over the items by picking the option the items offer least often, the
    longest option, the option sharing most characters with the stem, the options without 先, 待 or 再, those done at
    once, or the option whose verb differs from those of the options doing the same thing (a tie shares the point)."""
    seen = Counter(o.text for q in questions for o in q.options)

    def score(question, measure) -> float:
        best = max(measure(o.text) for o in question.options)
        top = [o.text for o in question.options if measure(o.text) == best]
        return (key_text(question) in top) / len(top)

    def stem_chars(question):
        return lambda text: len(set(text) & set(question.stem))

    def verb_differs(question):
        done = [DONE.sub("", o.text) for o in question.options]
        same = Counter(d[2:] for d in done).most_common(1)[0][0]
        verbs = Counter(d[:2] for d in done if d[2:] == same)
        return lambda text: verbs[DONE.sub("", text)[:2]] == 1 < max(verbs.values()) and DONE.sub("", text)[2:] == same

    ways = {
        "rarest": lambda q: lambda t: -seen[t],
        "longest": lambda q: len,
        "stem": stem_chars,
        "without 先待再": lambda q: lambda t: not re.search("[先待再]", t),
        "at once": lambda q: lambda t: bool(URGENT.match(t)),
        "verb differs": verb_differs,
    }
    return {name: sum(score(q, way(q)) for q in questions) / len(questions) for name, way in ways.items()}


def test_a_worker_who_has_seen_other_items_cannot_find_the_key_by_its_form():
    texts = [
        WITHDRAW,
        "井下发生火灾时，现场人员应当立即采取灭火措施，并报告矿调度室。",
        "发生瓦斯突出征兆时，班组长应当立即组织人员撤离，并报告矿调度室。",
        "采区发生冒顶事故后，班组长应当尽快消除现场危险，查明事故原因并上报。",
        "工作面发生中毒窒息事故时，班组长应当立即组织抢救，并报告调度室。",
        "事故发生后，班组长应当妥善保护事故现场，并立即报告矿调度室。",
        "发生险情后，现场人员应当迅速撤离危险区域，并报告矿调度室。",
        "井下出现突水征兆时，必须停止掘进作业，组织人员撤离。",
        "发生透水事故后，现场人员应当按照避灾路线撤离，并报告矿调度室。",
    ]
    questions = [q for t in texts if (q := ask(t)) is not None]
    assert len(questions) == len(texts)
    assert all(share <= 0.4 for share in guessed(questions).values()), guessed(questions)


@pytest.mark.slow
def test_a_default_run_asks_emergency_acts_a_guesser_cannot_spot(shared_dir):
    from quiz.generation.cli import run

    questions = [q for q in run("theory", 3000, "1", corpus=shared_dir / "corpus") if q.generator == "theory.single_action"]
    assert len(questions) >= 12  # 15 at the change (煤矿安全规程 第七百三十七条, 安全生产法 第五十条 …)
    stems = {q.stem for q in questions}
    assert any("现场人员应当（ ），并报矿调度室" in s for s in stems)
    # With three fixed shortcuts beside every key, the rarest option was the key in every item, the longest in half;
    # with only the key done at once, the option done at once was the key in three items of four.
    assert all(share <= 0.4 for share in guessed(questions).values()), guessed(questions)
    # 退出 takes a place: people withdrawn are left to judgement in another word (酌情疏散灾区所有人员).
    assert not any(re.match("退出.*(?:人员|职工)", DONE.sub("", o.text)) for q in questions for o in q.options)
    # An act offered beside another (…预案，或者采取有效措施…) is not asked.
    assert not any(re.match("[，；]?或", q.inputs["sentence"][q.inputs["position"] + len(q.inputs["action"]) :]) for q in questions)
