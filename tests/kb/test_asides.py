"""kb.asides (through kb.aspects.detail_unstated): asides a worker asks that no rule settles unless it
names them, and the answerable questions beside them that stay answered."""

from __future__ import annotations

import pytest

from kb.asides import aside_unstated, rulebook_size_asked
from kb.aspects import asks_local, detail_unstated, other_trade
from kb.kinds import payment_unnamed, question_kind
from kb.query import plan_query


def _unstated(question: str, article: str) -> bool:
    plan = plan_query(question)
    return detail_unstated(question, plan.text, plan.concepts, question_kind(plan.text), article)


@pytest.mark.parametrize(
    ("question", "other", "naming"),
    [
        # a personal belonging or household thing, whatever the article says of tobacco or electric gear
        ("下井能揣个充电宝不", "入井前要交出烟和火种，不准带进去。", "充电宝一律不得带入井下。"),
        ("干活的时候能不能塞着耳机", "井下用的电器都要是防爆的。", "作业中不准戴耳机。"),
        ("下井让不让戴金项链", "入井人员要戴好安全帽，不能穿化纤衣服。", "入井不得佩戴项链等金属饰物。"),
        ("井下能嘬两口电子烟不", "井下不准抽烟。", "电子烟和香烟一样不准带下井。"),
        ("宿舍的热水器坏了找谁", "井下设备坏了要及时报修。", "职工宿舍的热水器由后勤负责维修。"),
        # how long one may stay, the article stating no stay nor hours
        ("在炸药库里能呆多长时间", "库内只放够三天用的炸药。", "无关人员在库内停留不得超过十分钟。"),
        # who invented or found it, or where it comes from
        ("风镐是谁发明的", "使用风镐前要检查风管接头。", "风镐由某某工程师发明。"),
        ("老塘这个叫法是打哪来的", "老塘里的积水要先探后掘。", "老塘一词的由来是这样的。"),
        # what it weighs, what one costs, the rulebook's size
        ("一根单体柱子有多沉", "单体柱子要打在实底上。", "每根单体柱子重量为四十公斤左右。"),
        ("矿用胶靴一双大概多少钱", "入井要穿胶靴。", "胶靴的价格由劳保部门统一定。"),
        ("安全规程一共多少条", "本规程自公布之日起施行。", "本规程自公布之日起施行。"),
    ],
)
def test_an_aside_is_unstated_until_the_article_settles_it(question: str, other: str, naming: str):
    assert _unstated(question, other)
    if not rulebook_size_asked(question):
        assert not _unstated(question, naming)


# Answerable questions told in plain words beside each class, and an article that answers them:
# none is declined for an aside.
@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("下井能不能揣打火机", "入井人员不准带烟草和引火的东西。"),
        ("井下能抽根烟不", "井下严禁吸烟。"),
        ("化纤的秋衣能穿着下井吗", "入井不得穿化纤衣服。"),
        ("带着火柴能下井不", "入井人员不准带烟草和引火的东西。"),
        ("矿灯弄丢了得不得赔", "矿灯由个人保管，丢了照价赔偿。"),
        ("炸药库最多能放几吨炸药", "每个硐室存放炸药不得超过2t。"),
        ("一个人一回最多能背多少公斤炸药", "人工背运时每人每次不得超过10kg。"),
        ("避难硐室能撑多少个钟头", "避难硐室的防护时间不低于96h。"),
        ("高温的地方一个班能待几个钟头", "高温地点每班作业时间不超过6小时。"),
        ("放完炮得等多久才能进去", "爆破后至少等15分钟，炮烟散了才准进去。"),
        ("井下一天最多干几个钟头", "每天工作时间不超过八小时。"),
        ("干完活能在井下停留多久", "作业结束后人员不得在井下逗留。"),
        ("煤尘是怎么引起爆炸的", "煤尘爆炸要有火源和一定的浓度。"),
        ("不戴安全帽要罚多少钱", "对违章人员处以200元罚款。"),
        ("矿车一节能装几吨煤", "矿车的装载量为1.5t。"),
        ("罐笼一次能坐多少人", "罐笼每层乘人不得超过规定人数。"),
        ("规程第几条讲瓦斯检查", "瓦斯检查员每班至少检查两次。"),
        ("一次性伤残补助金能拿几个月工资", "十级伤残支付7个月的本人工资作为一次性伤残补助金。"),
        ("住院伙食补助费谁来出", "住院伙食补助费由工伤保险基金支付。"),
        ("年休假一年能休几天", "职工累计工作满1年的，享受5天年休假。"),
        ("过年放几天假", "春节放假三天，属于法定休假日。"),
        ("猴车能不能带大件东西上去", "乘坐架空乘人装置严禁携带超长物件。"),
        ("井下停留的人要不要登记", "入井人员必须登记，升井后注销。"),
    ],
)
def test_answerable_neighbours_are_never_declined_for_an_aside(question: str, article: str):
    assert not _unstated(question, article)


def test_a_belonging_named_by_the_vocabulary_s_synonym_is_named():
    question = "能揣打火机下井不"
    assert not aside_unstated(question, plan_query(question).concepts, "不准带点火物品入井。")


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("煤矿安全规程有多少条", True),
        ("这个细则一共几章", True),
        ("规程规定工人有几条权利", False),
        ("瓦斯检查员每班检查几次", False),
    ],
)
def test_a_rulebook_size_is_asked_only_of_the_rulebook_itself(question: str, asked: bool):
    assert rulebook_size_asked(question) is asked


@pytest.mark.parametrize(
    ("question", "other", "naming"),
    [
        ("掘进队的班组长津贴一个月多少", "伤残津贴按月支付，标准为本人工资的90%。", "班组长津贴每月三百元。"),
        ("井下补贴一天多少钱", "工伤职工的伤残补贴按月发。", "井下补贴每班二十元。"),
    ],
)
def test_a_payment_said_as_words_is_named_only_as_said(question: str, other: str, naming: str):
    plan = plan_query(question)
    kind = question_kind(plan.text)
    assert payment_unnamed(plan.concepts, kind, other)
    assert not payment_unnamed(plan.concepts, kind, naming)


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("工伤了一次性补助能领几个月工资", "一次性伤残补助金：七级伤残为13个月的本人工资。"),
        ("住院伙食补助一天给多少", "住院伙食补助费的标准由统筹地区定。"),
    ],
)
def test_a_payment_the_article_names_with_words_between_is_named(question: str, article: str):
    plan = plan_query(question)
    assert not payment_unnamed(plan.concepts, question_kind(plan.text), article)


def test_an_age_asked_without_a_kind_needs_its_event_named():
    assert _unstated("小孩学游泳几岁合适", "满十六岁不满十八岁的算未成年工。")
    assert not _unstated("多大岁数能下井干活", "不得安排未成年人下井干活。")


def test_travelling_by_plane_or_train_is_another_trade():
    assert other_trade("坐飞机能带打火机吗", "煤矿安全规程", "入井人员严禁携带点火物品。")
    assert other_trade("坐火车能带几个充电宝", "煤矿安全规程", "井下不准带充电设备。")
    assert not other_trade("飞机场附近能开煤矿吗", "某条例", "民用航空机场周边禁止采矿。")


@pytest.mark.parametrize(
    ("question", "local"),
    [
        ("我们矿今年产量任务多少万吨", True),
        ("咱队明天谁带班", True),
        ("我们矿井下瓦斯浓度到多少得停电", False),
        ("今年新规程要求瓦斯浓度多少就得停电", False),
    ],
)
def test_a_fact_of_the_asker_s_own_mine_this_year_or_day_is_local(question: str, local: bool):
    assert asks_local(question, question_kind(plan_query(question).text)) is local


def test_days_off_need_a_leave_named():
    assert _unstated("咱矿一年放几天假", "提供虚假材料的，一年内不得再次申请。")
    assert not _unstated("咱矿一年放几天假", "职工享受带薪年休假。")
