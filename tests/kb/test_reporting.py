"""Whom to tell (kb.reporting): a worker asking whom he tells what he found is asked as 向谁报告, and
the rule binding any finder to report answers, though it shares no word with what he saw.

The questions are written for these tests in a worker's words; the article texts are short
paraphrases in the style of the rules, about made-up situations.
"""

from __future__ import annotations

import pytest

from kb.qa import ask
from kb.reporting import as_reported, asks_whom_to_tell, binds_finder, tells_found
from kb.search import KnowledgeBase
from tests.kb.conftest import small_kb

FINDER = "作业人员在岗位上发现不安全情况，应当马上向班组长或者本单位安全管理人员报告。"
INSPECTOR = "监管部门的检查人员在检查中发现违法行为，应当责令改正，并报告上级机关。"
SPECIFIC = "输送机机头应当设置防护栏，托架和滚筒周围不得堆放杂物，机头附近应当配备灭火器材。"


@pytest.mark.parametrize(
    "question",
    [
        "溜槽边上看见电缆外皮烧焦了 我该找谁说",
        "检修完发现闸瓦磨没了 这事跟谁讲",
        "夜班路过水仓闻到一股焦糊味 给谁打电话",
        "打眼的时候发现岩层里渗水 该找谁",  # 找谁 after telling what he found
        "看见配电点漏电了 报给谁",
    ],
)
def test_whom_to_tell_is_asked_as_reporting(question: str):
    assert asks_whom_to_tell(question)
    assert "向谁报告" in as_reported(question)


@pytest.mark.parametrize(
    "question",
    [
        "工作服破了找谁换",  # who gives, not whom to tell
        "跟矿上吵了架先找谁",  # nothing found: whom to turn to in a dispute
        "班前会谁来开",  # who does it
        "出了事要向谁报告",  # said as the rules say it already
    ],
)
def test_other_who_questions_are_left_as_asked(question: str):
    assert not asks_whom_to_tell(question)
    assert as_reported(question) == question


def test_only_something_found_calls_for_the_finder():
    assert tells_found("溜槽边上看见电缆外皮烧焦了 我该找谁说")
    assert not tells_found("出了工伤 家里人该跟谁说")  # told, not found
    assert not tells_found("发现电缆烧焦了 怎么处理")  # not whom to tell


def test_the_finder_is_a_worker_not_an_inspector():
    assert binds_finder(FINDER)
    assert not binds_finder(INSPECTOR)  # a state body's inspector is not the asker
    assert not binds_finder(SPECIFIC)  # on the thing seen, but binds no finder to report


LIBRARY = [
    (1, "安全规定", "法律", 30, FINDER),
    (2, "设备规程", "部门规章", 40, SPECIFIC),
    (3, "设备规程", "部门规章", 41, "输送机托辊应当每班检查，托辊损坏的应当及时更换。"),
    (4, "监督办法", "部门规章", 50, INSPECTOR),
]


@pytest.fixture(scope="module")
def reporting_kb(tmp_path_factory) -> KnowledgeBase:
    return small_kb(tmp_path_factory.mktemp("reporting") / "index", LIBRARY)


def test_what_he_found_is_answered_by_the_finders_duty(reporting_kb: KnowledgeBase):
    # The rules on the conveyor share the question's words; the duty to report what one finds answers.
    answer = ask(reporting_kb, "我看见输送机托辊冒烟了 该找谁说")
    assert answer.candidates[0].article_id == 1


def test_how_to_handle_it_keeps_the_rule_on_the_thing(reporting_kb: KnowledgeBase):
    # Not asking whom to tell: the rule on the rollers stays first.
    answer = ask(reporting_kb, "输送机托辊坏了 多久检查一次")
    assert answer.candidates[0].article_id == 3
