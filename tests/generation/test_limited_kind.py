"""A sentence about a sort of the kind its paragraph opens on, limited (…的矿井，应当…), holds for the limited kind only:
its stem carries the limit (blind read 18, T31: …的老矿井，必须安装控制阀门 read alone binds every old mine). Examples in
our own words, with the cases where no limit is carried."""

from __future__ import annotations

import pytest

from quiz.generation.theory import TheoryPools, judge
from quiz.generation.theory.stems import limited_kind, stem_prefix
from tests.generation.conftest import article

OPENING = "开采容易自燃煤层或者自燃倾向性不明的矿井，应当建立以注浆为主的综合防灭火系统。"
LATER = "注浆材料来源困难，无法建成地面固定注浆站的小型矿井，必须配备移动式注浆设备，保证随时可用。"
LIMIT = "开采容易自燃煤层或者自燃倾向性不明的矿井"


def _record(text: str):  # noqa: ANN202
    return article(text, label="第五十一条", number=51)


def test_a_later_sentence_about_a_sort_of_the_limited_kind_carries_the_limit():
    record = _record(OPENING + LATER)
    assert limited_kind(record, LATER) == LIMIT
    assert LIMIT in stem_prefix(record, LATER)


def test_a_judge_item_on_the_later_sentence_states_the_limit():
    record = _record(OPENING + LATER)
    pools = TheoryPools.build([record])
    made = [q for seed in map(str, range(20)) if (q := judge(record, pools, seed))]
    later = [q for q in made if "移动式注浆" in q.stem or "小型矿井" in q.stem]
    assert later
    assert all(LIMIT in q.stem for q in later)


@pytest.mark.parametrize(("text", "asked"), [
    # the later sentence turns to the other mines
    (OPENING + "其他矿井，应当每季度检查一次采空区温度。", "其他矿井，应当每季度检查一次采空区温度。"),
    # the later sentence names the limit itself
    (OPENING + "自燃倾向性不明的矿井，必须在半年内完成鉴定。", "自燃倾向性不明的矿井，必须在半年内完成鉴定。"),
    # its head is of another kind (a roadway, not a mine)
    (OPENING + "回采结束的巷道，必须及时封闭。", "回采结束的巷道，必须及时封闭。"),
    # no comma after the opening kind: a later head of the same ending may be a sibling, not a sort
    ("使用干式除尘的破碎机必须装设密闭罩。湿式作业的破碎机，必须保证供水压力。", "湿式作业的破碎机，必须保证供水压力。"),
    # the asked sentence is the opening itself
    (OPENING + LATER, OPENING),
])
def test_no_limit_is_carried_where_the_sentence_does_not_lean_on_it(text, asked):
    assert limited_kind(_record(text), asked) == ""
