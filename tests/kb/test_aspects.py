"""kb.aspects: what a question asks that the rules state only where they name it."""

from __future__ import annotations

import pytest

from kb.aspects import asks_local, aspect_unstated
from kb.query import plan_query


@pytest.mark.parametrize(
    ("question", "naming", "other"),
    [
        ("采煤机用什么牌子的截齿好", "截齿应当选用某某牌子的产品。", "更换截齿和滚筒时，必须护帮护顶。"),
        ("液压支架哪个厂家的好", "支架应当由取得安全标志的厂家生产。", "液压支架必须设护帮板。"),
        ("安全帽是什么颜色的", "安全帽的颜色应当醒目。", "入井人员必须戴安全帽。"),
    ],
)
def test_an_aspect_asked_is_unstated_where_the_article_never_names_it(question: str, naming: str, other: str):
    concepts = plan_query(question).concepts
    assert not aspect_unstated(question, concepts, naming)
    assert aspect_unstated(question, concepts, other)


@pytest.mark.parametrize(
    ("question", "stating", "other"),
    [
        ("瓦斯便携仪用几年就不能用了", "检测报警仪达到使用年限的，必须报废。", "便携式检测报警仪每半年至少调校1次。"),
        ("安全帽戴几年就得换新的", "安全帽应当定期更换。", "入井人员必须戴安全帽。"),
    ],
)
def test_a_service_life_asked_is_unstated_where_no_rule_sets_one(question: str, stating: str, other: str):
    concepts = plan_query(question).concepts
    assert not aspect_unstated(question, concepts, stating)
    assert aspect_unstated(question, concepts, other)
    assert not aspect_unstated("特种作业操作证几年复审", (), "每3年复审1次。")  # how often, not how long it lasts


def test_an_aspect_named_by_a_synonym_is_stated():
    # 挂啥牌子: the rule names the sign hung (停电牌), a synonym of 牌子.
    question = "停电检修时开关上挂啥牌子"
    assert not aspect_unstated(question, plan_query(question).concepts, "开关把手必须悬挂“有人作业，禁止送电”字样的警示牌，停电牌由专人负责。")


def test_a_question_asking_no_aspect_is_never_unstated():
    question = "瓦斯浓度到多少要停电撤人"
    assert not aspect_unstated(question, plan_query(question).concepts, "必须停止工作，撤出人员。")


@pytest.mark.parametrize(
    ("question", "kind", "local"),
    [
        ("我们工作面这个月推进任务是多少米", "quantity", True),
        ("咱队下周谁值班", "duty", True),
        ("今天放炮谁负责警戒", "duty", False),  # the rule names who, whatever the day
        ("工作面推进多少米要建避难硐室", "quantity", False),
        ("今天下井能不能不戴自救器", "permission", False),  # a rule settles it, whatever the day
    ],
)
def test_a_value_or_duty_question_about_the_askers_own_day_is_local(question: str, kind: str, local: bool):
    assert asks_local(question, kind) is local

