"""kb.asides (through kb.aspects.detail_unstated): asides a worker asks that no rule settles unless it
names them, and the answerable questions beside them that stay answered."""

from __future__ import annotations

import pytest

from kb.asides import aside_unstated, rulebook_size_asked
from kb.aspects import asks_local, detail_unstated, group_pay_unnamed, other_trade
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
        ("我们队明天下井多少人", True),
        ("咱们矿明年产量多少万吨", True),
        ("咱队明天谁带班", False),
        ("我们今天放炮 警戒距离得多少米", False),
        ("我们矿井下瓦斯浓度到多少得停电", False),
        ("今年新规程要求瓦斯浓度多少就得停电", False),
    ],
)
def test_a_value_of_the_asker_s_own_mine_this_year_or_day_is_local_unless_a_rule_is_asked(question: str, local: bool):
    assert asks_local(question, question_kind(plan_query(question).text)) is local


def test_days_off_need_a_leave_named():
    assert _unstated("咱矿一年放几天假", "提供虚假材料的，一年内不得再次申请。")
    assert not _unstated("咱矿一年放几天假", "职工享受带薪年休假。")


@pytest.mark.parametrize(
    ("question", "other", "naming"),
    [
        ("井下干活一天吃几顿饭", "每班工作不超过八小时。", "井下作业人员每班供应一次班中餐。"),
        ("矿上一般啥时候发工资", "照发工资三个月，之后按月支付抚恤金。", "工资应当按月以货币支付给本人。"),
        ("干一年能攒下多少钱", "劳动合同期满的支付经济补偿。", "职工储蓄由本人自愿。"),
        ("胶靴多长时间能换一双", "入井必须穿胶靴。", "劳保胶靴每年发放一双。"),
        ("掘进一个月进多少米算完成任务", "掘进巷道要及时支护。", "区队的月度掘进任务由矿下达。"),
        ("全国一年产多少亿吨煤", "煤矿应当合理开采煤炭资源。", "全国原煤产量约47亿吨。"),
        ("矿工节是哪一天", "女职工生育享受产假。", "每年8月29日为矿工节。"),
    ],
)
def test_a_named_aside_is_unstated_until_the_article_names_it(question: str, other: str, naming: str):
    assert _unstated(question, other)
    assert not _unstated(question, naming)


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("女工产假从哪天开始休", "产前可以休假十五天。"),
        ("工伤认定申请从哪天起算", "自事故伤害发生之日起三十日内提出申请。"),
        ("停工留薪期的工资咋发", "原工资福利待遇不变，由所在单位按月支付。"),
        ("自救器多久检查一次", "自救器每班使用前都要检查。"),
        ("安全帽能戴几年", "安全帽到了使用期限必须报废。"),
        ("瓦斯预测指标多少算危险", "钻屑瓦斯解吸指标超过临界值即为危险。"),
        ("新规程是哪天开始实行的", "本规程自2022年4月1日起施行。"),
        ("新工人跟着师傅干多长时间才能自己上岗", "新上岗的井下作业人员跟班实习满四个月。"),
        ("我国每个工作面瓦斯浓度多少就得停电", "采掘工作面瓦斯浓度达到1.0%时必须停止用电钻打眼。"),
    ],
)
def test_answerable_questions_beside_the_named_asides_stay_answered(question: str, article: str):
    assert not _unstated(question, article)


def test_what_a_store_holds_is_no_saving():
    assert not _unstated("炸药库最多能存多少吨炸药", "每个硐室存放炸药不得超过2t。")
    assert _unstated("一年能存多少钱", "每个硐室存放炸药不得超过2t。")


@pytest.mark.parametrize(
    ("question", "other", "naming"),
    [
        ("规程是哪年改的", "瓦斯检查员每班至少检查两次。", "本规程于2022年修订。"),
        ("安全月是在几月份", "矿山每年开展安全检查。", "每年6月为安全生产月。"),
        ("当队长要啥学历", "队长要熟悉本队的作业规程。", "区队长应当具有中专以上文化程度。"),
        ("下井的人买保险买哪种好", "煤矿要为职工缴纳工伤保险费。", "企业优先选用团体意外险。"),
        ("下井前要不要拜一拜", "入井前要检查矿灯和自救器。", "严禁在井口搞封建迷信活动。"),
        ("矿上一年组织几回旅游", "矿上每年组织两次应急演练。", "职工每年组织一次疗养旅游。"),
    ],
)
def test_more_asides_are_unstated_until_the_article_names_them(question: str, other: str, naming: str):
    assert _unstated(question, other)
    assert not _unstated(question, naming)


@pytest.mark.parametrize(
    ("question", "local"),
    [
        ("咱矿有几个工作面", True),
        ("我们队有多少工人", True),
        ("咱矿得有几个安全出口", False),
        ("我们工作面有多少瓦斯算超限", False),
        ("咱矿有多少人就得设救护队", False),
    ],
)
def test_how_many_the_asker_s_own_mine_has_is_local_not_how_many_it_must_have(question: str, local: bool):
    assert asks_local(question, question_kind(plan_query(question).text)) is local


@pytest.mark.parametrize(
    ("question", "unnamed"),
    [
        ("矿长一个月工资多少", True),
        ("工会主席一年能拿多少", True),
        ("矿长不下井带班罚多少钱", False),
    ],
)
def test_a_job_s_pay_needs_the_job_named_but_a_fine_is_no_pay(question: str, unnamed: bool):
    plan = plan_query(question)
    assert group_pay_unnamed(plan.text, plan.concepts, question_kind(plan.text), "用人单位应当按时足额支付劳动报酬。") is unnamed
