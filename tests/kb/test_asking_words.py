"""Duty and permission questions asked in words the kind recognisers missed (issue 13): which body acts
(哪一级政府来管, 证是哪儿发的), which of two parties acts (是组长签还是安检员签), and whether a leader or a
body must or may act (得不得, 该不该, 用不用, 还用…不, 合规吗, 有这权力吗). Counter-examples keep the other
kinds.

The questions are written for these tests in a worker's words.
"""

from __future__ import annotations

import pytest

from kb.kinds import question_kind, without_asking
from kb.parties import asks_partys_duty, asks_which_party
from kb.query import plan_query


def _kind(question: str) -> str:
    return question_kind(plan_query(question).text)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # which body acts
        ("井下透水淹了三个人 归哪一级政府管", "duty"),
        ("瓦检员的证是哪一级部门批的", "duty"),
        ("焊工证是哪儿发的", "duty"),
        # which of two parties acts
        ("停送电的票是组长签还是电工签", "duty"),
        ("出了工伤是矿里去报还是职工自己去报", "duty"),
        # whether a leader in charge must act: a duty; whether anyone may: a permission
        ("打钻透老空的那个班 带班矿长得不得下去盯着", "duty"),
        ("过年放假井下停产 矿领导还用下井带班不", "duty"),
        ("带班的领导用不用跟着下井", "duty"),
        ("出了死人事故 工会该不该参加调查", "permission"),
        ("矿上让孕妇上夜班 这合规吗", "permission"),
        ("队长扣下我的操作证不还 他有这权力吗", "permission"),
        # who, asked as which few people; a permission asked beside the quantity it is about
        ("打完眼装药的时候该哪几个人在场", "duty"),
        ("一氧化碳浓度超了 我们能不能先撤出来", "permission"),
    ],
)
def test_the_asking_words_are_read(question: str, kind: str):
    assert _kind(question) == kind


@pytest.mark.parametrize(
    "question",
    [
        "伤残等级分哪几级",  # which grades there are, not which level of government
        "井下着火了是用水灭还是用沙子灭",  # a choice of two things
        "这种煤是哪儿产的",  # where a thing comes from, no body acting
        "用水还是用沙子",
    ],
)
def test_no_body_or_party_asked(question: str):
    assert _kind(question) != "duty"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("掘进面最少得有几个人", "count"),  # how many, not which
        ("一氧化碳浓度超过多少能不能干活", "quantity"),  # the value asked in so many words
        ("瓦斯浓度最高不能超过多少", "quantity"),
    ],
)
def test_a_count_or_a_value_asked_keeps_its_kind(question: str, kind: str):
    assert _kind(question) == kind


def test_a_thing_asked_whether_it_must_stays_a_permission():
    assert _kind("安全帽用不用每年换新的") == "permission"  # no leader named


def test_which_of_two_parties_needs_a_party_on_each_side():
    assert asks_which_party("是班长点名还是放炮员点名")
    assert asks_which_party("安全培训是矿上办还是集团公司办")
    assert not asks_which_party("是用水还是用沙子")
    assert not asks_which_party("班长说用水还是用沙子")  # one party, a choice of things
    assert not asks_which_party("班长来了，还是没人管")  # 还是 in another clause's sense


def test_a_leader_asked_whether_he_must_is_a_duty():
    assert asks_partys_duty("矿长得不得跟着下井")
    assert asks_partys_duty("节假日矿领导还用带班不")
    assert not asks_partys_duty("我得不得跟着下井")  # the asker, not a leader


def test_which_people_is_the_party_asked_not_a_number_of_people():
    # searched without it: 哪几个人 would find the rules on 人数 and 限员
    assert "几个人" not in without_asking("打完眼装药的时候该哪几个人在场", "duty")
    assert "哪些人" not in without_asking("井下哪些人得带便携仪", "duty")
    assert "几个人" in without_asking("掘进面最少得有几个人", "count")  # how many: the number asked
