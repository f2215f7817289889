"""A post required full-time stated part-time (quiz.generation.staffing, issue 16), and special equipment serving the
public asked in a run the trainer narrowed to documents (relevance.public_equipment)."""

from __future__ import annotations

import pytest

from quiz.generation.relevance import THRESHOLD, article_relevance, for_audience, sentence_relevance
from quiz.generation.staffing import staffing_changes
from quiz.generation.syllabus import narrowed_to_documents
from quiz.generation.theory import TheoryPools, judge
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

# Our own wording of the rules: a mine's safety managers full-time, an operator of rides for the public likewise.
MINE = "矿山企业应当设置安全管理机构或者配备专职安全管理人员。"
RIDES = "游乐设施和索道这类为公众提供服务的设备，其运营单位应当配备专职的安全管理人员。"


@pytest.mark.parametrize("sentence, changed", [
    ("矿山企业应当设置安全管理机构或者配备专职安全管理人员", "配备专职或者兼职安全管理人员"),
    ("矿井必须配备符合要求的专职矿长和技术负责人", "符合要求的专职或者兼职矿长"),
    ("煤矿企业应当组建专职救护队", None),  # 组建 is not among the appointing verbs: nothing changed
])
def test_a_post_the_duty_appoints_full_time_may_be_made_part_time(sentence: str, changed: str | None) -> None:
    changes = staffing_changes(sentence)
    if changed is None:
        assert changes == []
        return
    (index, old, new), = changes
    assert (old, new) == ("专职", "专职或者兼职")
    assert changed in sentence[:index] + new + sentence[index + len(old):]


@pytest.mark.parametrize("sentence", [
    "使用高毒物品的用人单位应当配备专职的或者兼职的职业卫生医师",  # part-time allowed already: no full-time rule
    "企业应当设立专职救护队；条件不足的，应当设立兼职救护队",  # the part-time case named gives the change away
    "企业可以与附近的专职救护队签订救护协议",  # a team the sentence names, not one it appoints
    "企业配备专职安全管理人员的，可以减少检查次数",  # no duty: it says when something applies
])
def test_no_part_time_change_where_the_sentence_allows_or_does_not_require_full_time(sentence: str) -> None:
    assert staffing_changes(sentence) == []


def test_the_false_statement_says_part_time_and_the_verifier_passes_it() -> None:
    record = article(MINE, title="测试安全法", label="第二十四条", number=24)
    pools = TheoryPools.build([record])
    # Setting up a safety body or staffing it is the office's work (`relevance.office_work`): a manager's question.
    with for_audience("managers"):
        made = [q for seed in map(str, range(30)) if (q := judge(record, pools, seed, truth=False))]
    assert made
    for q in made:
        assert "专职或者兼职安全管理人员" in q.stem and q.answer == ("B",)
        assert "“专职”改成了“专职或者兼职”" in q.explanation
    assert not Verifier([record]).verify(made[:1]).failures  # the same statement each seed: one is checked


def test_rides_for_the_public_are_another_field_for_a_mine_but_asked_in_a_narrowed_run() -> None:
    with for_audience("managers"):
        assert sentence_relevance(RIDES, "managers") < THRESHOLD
        assert article_relevance(RIDES, "", "managers") == 0.0
        with narrowed_to_documents(True):
            assert sentence_relevance(RIDES, "managers") >= THRESHOLD
            assert article_relevance(RIDES, "", "managers") > 0.0
