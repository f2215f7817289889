"""What must be done when an accident or its sign comes, asked as a single choice (`actions.single_action`)."""

from __future__ import annotations

import pytest

from quiz.generation.actions import WRONG_ACTS, single_action
from quiz.generation.theory import TheoryPools
from tests.generation.conftest import article, key_text, wrong_texts

# Sentences written for these tests in the manner of the rules.
WITHDRAW = "发生透水事故后，现场人员应当组织自救互救，并报告矿调度室。"


def ask(*texts: str, corpus: tuple[str, ...] = ()):
    record = article("".join(texts))
    others = [article(t, label=f"第{n}条", number=20 + i) for i, (n, t) in enumerate(zip("二三四五", corpus, strict=False))]
    return single_action(record, TheoryPools.build([record, *others]), "1")


def test_the_act_an_emergency_orders_is_asked_beside_three_wrong_acts():
    question = ask(WITHDRAW)
    assert question is not None and question.type == "single"
    assert key_text(question) == "组织自救互救"
    assert "发生透水事故后，现场人员应当（ ），并报告矿调度室。" in question.stem
    wrong = wrong_texts(question)
    assert len(wrong) == 3 and set(wrong) <= set(WRONG_ACTS)


def test_a_sentence_another_generator_asks_is_left_to_it():
    # 立即撤出 made 留守观察 is the judge's false statement on this sentence: the run would ask it twice.
    assert ask("发生透水事故后，现场人员应当立即撤出危险区域，并报告矿调度室。") is None


def test_a_wrong_act_a_current_article_orders_is_not_offered():
    # Were some article to order 继续作业 after this emergency, it would be no wrong option there.
    question = ask(WITHDRAW, corpus=("发生透水事故后，现场人员应当继续作业，并报告矿调度室。",))
    assert question is not None and "继续作业" not in wrong_texts(question)


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
    ],
)
def test_not_asked(text):
    assert ask(text) is None


@pytest.mark.slow
def test_a_default_run_asks_emergency_acts_with_no_wrong_act_stated_anywhere(shared_dir):
    from quiz.generation.cli import run

    questions = [q for q in run("theory", 3000, "1", corpus=shared_dir / "corpus") if q.generator == "theory.single_action"]
    assert len(questions) >= 12  # 15 at the change (煤矿安全规程 第七百三十七条, 安全生产法 第五十条 …)
    stems = {q.stem for q in questions}
    assert any("现场人员应当（ ），并报矿调度室" in s for s in stems)
    assert all(set(wrong_texts(q)) <= set(WRONG_ACTS) for q in questions)
