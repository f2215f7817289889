"""Signs told in a question, read as the danger the rules list them under (kb.signs): what to do is
the rule prescribing the response to that danger's signs, not the article only listing them.

The questions are written for these tests in a worker's words; the article texts are short
paraphrases in the style of the rules, about made-up wording of signs.
"""

from __future__ import annotations

import pytest

from kb.qa import ask
from kb.query import plan_query
from kb.search import KnowledgeBase
from kb.signs import listed_signs, prescribes_on, sign_factor, told_danger
from tests.kb.conftest import small_kb

LISTING = (
    "各班组应当留意冲击地压预兆。常见的冲击地压预兆主要包括：煤体内部发出闷响，巷道底板上拱，"
    "支柱折断声，锚杆崩出，煤粉突然增多等。"
)
STUDYING = "矿井应当每周汇总支架压力、锚杆受力和底板变形等冲击地压预兆，编制分析报告。"
PRESCRIBING = "工作面人员发现冲击地压预兆时，必须立即停止作业，沿避灾路线撤出，并报告调度室。"
WATER = "作业地点出现岩壁渗水、空气发凉、淋水增大等透水征兆时，应当立即停止作业，撤出受威胁的人员。"


def test_a_list_of_signs_names_its_danger():
    assert [name for name, _ in listed_signs(LISTING)] == ["冲击地压"]
    assert [name for name, _ in listed_signs(STUDYING)] == ["冲击地压"]
    assert [name for name, _ in listed_signs(WATER)] == ["透水"]
    assert listed_signs("工作面应当配备自救器，每班检查一次。") == []


def test_the_rule_on_signs_found_prescribes_and_the_list_does_not():
    assert prescribes_on("冲击地压", PRESCRIBING)
    assert prescribes_on("透水", WATER)  # the signs listed where the response is prescribed
    assert not prescribes_on("冲击地压", LISTING)
    assert not prescribes_on("冲击地压", STUDYING)
    assert not prescribes_on("透水", PRESCRIBING)  # another danger's signs


@pytest.mark.parametrize(
    ("question", "danger"),
    [
        ("掌子面煤里头闷响 底板往上拱 该咋弄", "冲击地压"),  # two signs, told in other words
        ("支柱咔咔折断 锚杆也崩出来了 怎么办", "冲击地压"),
        ("巷道岩壁渗水 人觉得空气发凉 咋整", "透水"),
    ],
)
def test_two_signs_told_name_the_danger(question: str, danger: str):
    assert told_danger(plan_query(question).concepts, [LISTING, STUDYING, WATER]) == danger


@pytest.mark.parametrize(
    "question",
    [
        "底板往上拱 该咋弄",  # one sign is no danger told
        "冲击地压预兆有哪些",  # the danger named, no sign told
        "闷响是怎么回事",
    ],
)
def test_one_sign_or_the_name_alone_tells_no_danger(question: str):
    assert told_danger(plan_query(question).concepts, [LISTING, STUDYING, WATER]) == ""


def test_only_a_told_danger_moves_an_article():
    assert sign_factor("", LISTING) == sign_factor("", PRESCRIBING) == 1.0
    assert sign_factor("冲击地压", PRESCRIBING) > 1.0 > sign_factor("冲击地压", LISTING)
    assert sign_factor("冲击地压", WATER) == 1.0  # another danger's rule: untouched


LIBRARY = [
    (1, "冲击地压防治办法", "部门规章", 10, LISTING),
    (2, "冲击地压防治办法", "部门规章", 11, STUDYING),
    (3, "冲击地压防治办法", "部门规章", 12, PRESCRIBING),
    (4, "防治水办法", "部门规章", 20, WATER),
    (5, "防治水办法", "部门规章", 21, "井下排水泵房应当设置两个出口，水泵每月试运转一次。"),
]


@pytest.fixture(scope="module")
def signs_kb(tmp_path_factory) -> KnowledgeBase:
    return small_kb(tmp_path_factory.mktemp("signs") / "index", LIBRARY)


def test_signs_told_are_answered_by_the_rule_on_them(signs_kb: KnowledgeBase):
    # The listing article shares more of the question's words; the rule on the signs answers.
    answer = ask(signs_kb, "掌子面煤里头闷响 底板往上拱 锚杆崩出来了 咋办")
    assert answer.candidates[0].article_id == 3


def test_asking_what_the_signs_are_keeps_the_list(signs_kb: KnowledgeBase):
    # Not an action question: the list of signs stays the article that answers it.
    answer = ask(signs_kb, "冲击地压预兆主要有哪些")
    assert answer.candidates[0].article_id == 1
