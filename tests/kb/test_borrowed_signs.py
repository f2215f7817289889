"""A sign that belongs to one danger but stands in another danger's list (kb.signs.OWN_SIGNS): the roof's
片帮, 掉渣 and 来压 among the water-inrush signs. A question telling only such signs asks about the roof,
not about water, unless it names water; the roof rule answers it and the water list does not.

The questions are a worker's words written for these tests; the articles are made-up wordings in
the style of the rules.
"""

from __future__ import annotations

import pytest

from kb.qa import ask
from kb.query import plan_query
from kb.search import KnowledgeBase
from kb.signs import listed_signs, prescribes_on, sign_factor, told_danger
from tests.kb.conftest import small_kb

WATER = (
    "回采工作面等作业地点发现有煤帮潮湿、顶板来压、片帮、岩缝渗水、空气发凉、听到水声等透水征兆时，"
    "应当立即停止作业，撤出受威胁区域的人员，并报告调度室。"
)
DRILLING = "钻进中发现岩层变软、片帮、来压或者孔内出水突然增大等突（透）水征兆时，应当立即停钻，不得拔出钻杆。"
ROOF = "采煤过程中发生冒顶、片帮时，必须停止割煤，先行加强支护，处理完毕后方可恢复生产。"
STORING = "巷道内的支护材料应当按规定地点码放整齐，不得堵塞人行道。"


def told(question: str) -> str:
    return told_danger(plan_query(question).concepts, [WATER, DRILLING], question)


@pytest.mark.parametrize("question", ["顶板掉渣片帮了怎么办", "顶板来压了 咋整", "工作面片帮掉渣怎么办"])
def test_the_roofs_own_signs_tell_the_roof_not_water(question: str):
    assert told(question) == "冒顶"


@pytest.mark.parametrize(
    "question",
    [
        "煤帮潮湿 还能听到水声 怎么办",  # water's own signs: still water
        "片帮来压 怕是要透水 咋办",  # the roof's signs, but water named
        "岩缝渗水 又片帮了 怎么弄",  # one sign of water's own beside a borrowed one
    ],
)
def test_water_signs_or_water_named_still_tell_water(question: str):
    assert told(question) == "透水"


def test_a_name_with_an_alternative_inside_is_read():
    assert [name for name, _ in listed_signs(DRILLING)] == ["突水"]


def test_the_roof_rule_prescribes_and_the_water_list_does_not_for_the_roof():
    assert prescribes_on("冒顶", ROOF)
    assert not prescribes_on("冒顶", WATER)  # 片帮 is told there only as a sign of water
    assert not prescribes_on("冒顶", DRILLING)
    assert prescribes_on("透水", WATER)


def test_a_list_borrowing_the_roofs_signs_weighs_less_on_a_roof_question():
    assert sign_factor("冒顶", ROOF) > sign_factor("冒顶", STORING) == 1.0
    assert sign_factor("冒顶", WATER) < 1.0 < sign_factor("透水", WATER)


LIBRARY = [
    (1, "某矿防治水规定", "部门规章", 30, WATER),
    (2, "某矿防治水规定", "部门规章", 31, DRILLING),
    (3, "某矿采煤规定", "部门规章", 40, ROOF),
    (4, "某矿采煤规定", "部门规章", 41, STORING),
    (5, "某矿采煤规定", "部门规章", 42, "采煤机割煤时，支架工应当紧跟移架，移架后及时打开护帮板。"),
]


@pytest.fixture(scope="module")
def roof_kb(tmp_path_factory) -> KnowledgeBase:
    return small_kb(tmp_path_factory.mktemp("borrowed") / "index", LIBRARY)


def test_roof_signs_are_answered_by_the_roof_rule(roof_kb: KnowledgeBase):
    answer = ask(roof_kb, "顶板掉渣片帮了怎么办")
    assert answer.candidates[0].article_id == 3


def test_water_signs_are_still_answered_by_the_water_rule(roof_kb: KnowledgeBase):
    answer = ask(roof_kb, "巷子里煤帮潮湿 还能听到水声 该咋办")
    assert answer.candidates[0].article_id == 1
