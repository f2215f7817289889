"""kb.aspects: what a question asks that the rules state only where they name it."""

from __future__ import annotations

import pytest

from kb.aspects import (
    asks_local,
    aspect_unstated,
    detail_unstated,
    group_pay_unnamed,
    other_trade,
    typical_pay_unstated,
    way_unstated,
)
from kb.kinds import question_kind
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
        # how the day will be, of any kind and naming no 我们: a forecast no rule gives
        ("明天天气怎么样", "action", True),
        ("后天井下温度咋样", "quantity", True),
        ("明天下井要注意啥 天气不好怎么办", "action", False),  # 要: what a rule prescribes
        ("矿长要不要跟职代会讲讲今年安全搞得咋样", "duty", False),
    ],
)
def test_a_value_or_duty_question_about_the_askers_own_day_is_local(question: str, kind: str, local: bool):
    assert asks_local(question, kind) is local



def _kind(question: str) -> str:
    return question_kind(plan_query(question).text)


@pytest.mark.parametrize(
    ("question", "naming", "other"),
    [
        # where one's own record is looked up: an article naming how it is seen answers
        ("矿上体检报告在哪里查", "用人单位应当将检查结果书面告知劳动者。", "用人单位应当对劳动者进行定期职业健康检查。"),
        ("安全培训考试成绩在哪查", "考核部门应当在五个工作日内公布考试成绩。", "考试不合格的，可以补考一次。"),
        # a lost paper replaced
        ("工伤看病的发票丢了咋补", "票据遗失的，可以向开具单位申请补发。", "治疗工伤所需费用从工伤保险基金支付。"),
        ("特种作业证丢了咋补", "操作证遗失的，由原发证部门补发。", "有下列情形之一的，应当撤销特种作业操作证。"),
        # a machine gone wrong tuned or mended
        ("皮带跑偏了怎么调", "输送带跑偏时，应当停机调整托辊。", "带式输送机必须装设防跑偏保护装置。"),
        ("甲烷传感器不准了怎么调", "甲烷传感器每半个月至少调校1次。", "采煤工作面回风巷应当设置甲烷传感器。"),
        # a machine spared
        ("矿灯咋充电才不伤电池", "蓄电池过度放电会损坏电池。", "便携式设备在地面充电。"),
    ],
)
def test_a_way_asked_is_unstated_where_the_article_names_none(question: str, naming: str, other: str):
    assert not way_unstated(question, naming)
    assert way_unstated(question, other)


@pytest.mark.parametrize(
    "question",
    [
        "怀疑自己得尘肺了上哪查",  # 查 is an examination, whose place a rule names
        "工伤认定去哪里申请",
        "主要通风机反风怎么调",  # an operation the rules prescribe, nothing gone wrong
        "局部通风机风量不够怎么调",
        "雷管炸药丢了怎么办",  # reported, not replaced
        "工伤的补偿丢了工作还能补偿吗",
        "瓦斯超限怎么办",
    ],
)
def test_a_question_asking_no_such_way_is_never_unstated(question: str):
    assert not way_unstated(question, "必须停止工作，撤出人员。")


@pytest.mark.parametrize(
    ("question", "title", "text", "other"),
    [
        # another trade's machine, whatever the article, unless it names the thing or its class
        ("工地塔吊司机一天最多能开几个钟头", "中华人民共和国劳动法", "延长工作时间每日不得超过三小时。", True),
        ("塔吊司机要持证上岗吗", "中华人民共和国特种设备安全法", "特种设备作业人员应当取得相应资格。", False),
        ("建筑工地脚手架立杆间距最大多少", "建设工程安全生产管理条例", "施工单位应当对脚手架进行验收。", False),
        ("小区电梯多久要维保一次", "煤矿安全规程", "提升装置必须定期检验。", True),
        # another trade: declined from a coal-mine rule, not from a law for every employer
        ("铁矿井下放完炮多久能进人", "煤矿安全规程", "爆破后，待工作面的炮烟被吹散，方可进入。", True),
        ("化工厂员工每年体检几次", "煤矿安全规程", "在岗人员所接触的粉尘以煤尘为主的，每2年检查1次。", True),
        ("化工厂的工人职业病体检谁出钱", "中华人民共和国职业病防治法", "职业健康检查费用由用人单位承担。", False),
        ("建筑工人受了工伤怎么认定", "工伤保险条例", "职工有下列情形之一的，应当认定为工伤。", False),
        # a coal-mine word, no other trade
        ("建筑物下面能采煤吗", "煤矿安全规程", "建筑物下开采必须经过论证。", False),
        ("瓦斯喷出了怎么办", "煤矿安全规程", "有瓦斯喷出危险的，必须撤出人员。", False),
        ("掘进施工地点瓦斯超限怎么办", "煤矿安全规程", "瓦斯超限时，必须停止工作，撤出人员。", False),
    ],
)
def test_another_trade_is_unanswered_by_an_article_never_naming_it(question: str, title: str, text: str, other: bool):
    assert other_trade(question, title, text) is other


@pytest.mark.parametrize(
    ("question", "naming", "other"),
    [
        ("采煤工一个月工资一般能拿多少", "采煤工的工资不得低于本地区平均工资。", "每满一年支付一个月工资的经济补偿。"),
        ("冲击地压矿的工人每月多拿多少钱", "冲击地压矿井的工人应当给予岗位补贴。", "应当向劳动者每月支付二倍的工资。"),
        ("瓦检员一个月能挣多少钱", "瓦斯检查工实行岗位工资。", "应当向劳动者每月支付二倍的工资。"),
        ("掘进工工资一般多少", "掘进工的工资按进尺计算。", "工会应当维护职工的合法权益。"),
    ],
)
def test_one_groups_pay_is_unstated_where_the_article_never_names_the_group(question: str, naming: str, other: str):
    plan = plan_query(question)
    assert not group_pay_unnamed(plan.text, plan.concepts, _kind(question), naming)
    assert group_pay_unnamed(plan.text, plan.concepts, _kind(question), other)


def test_usual_pay_is_unstated_where_the_article_sets_no_wage():
    plan = plan_query("井下工人一般一个月挣多少")
    kind = _kind(plan.raw)
    assert typical_pay_unstated(plan.text, plan.concepts, kind, "经济补偿按工作年限计算，每满一年发给一个月的工资。")
    assert not typical_pay_unstated(plan.text, plan.concepts, kind, "停工留薪期内，原工资福利待遇不变。")
    assert not typical_pay_unstated(plan.text, plan.concepts, kind, "试用期的工资不得低于约定工资的百分之八十。")


# Colloquial answerable questions saying 一般/大概/平均 or naming a job, each answered by a rule: a
# limit, a frequency, a rate or a payment the law names is asked, or pay is not asked at all. Whatever
# the article says, neither pay check declines them.
ANSWERABLE_USUAL = [
    "瓦斯一般多久查一次",
    "采煤工作面瓦斯一般到多少就得停工",
    "加班一般一天最多加几个小时",
    "放炮以后一般要等多久才能进去",
    "工作面风速一般不能超过多少",
    "新工人下井前一般要培训多少个学时",
    "加班费一般按工资的多少给",
    "工伤一次性伤残补助金一般给几个月工资",
    "工资一般多久发一次",
    "井下温度一般不能超过多少度",
    "自救器一般能用多长时间",
    "产假一般能休多少天",
    "工伤认定一般多长时间出结果",
    "职业病体检一般多长时间做一次",
    "炸药一般最多能存几天",
    "局部通风机一般安在离巷道口多远的地方",
    "井下电压一般不能超过多少伏",
    "采掘工作面温度一般超过多少度就得停工",
    "事故调查一般多长时间出报告",
    "矿上一般一个月加班不能超过多少小时",
    "风门一般要装几道",
    "甲烷传感器一般多久调校一次",
    "一般工伤停工留薪期最长多久",
    "安全培训一般每年至少多少学时",
    "女工怀孕了一般几个月就不能上夜班了",
    "工伤死亡的一次性补助金大概能拿多少",
    "瓦检员加班费按工资多少给",
    "采煤工加班一天最多几小时",
    "采煤工人节假日上班给几倍工资",
    "掘进工工伤了一次性伤残补助金能拿多少",
    "试用期工资最少能拿多少",
    "瓦检员一般每班查几次",
    "矿灯房一次能领多少盏矿灯",
]


@pytest.mark.parametrize("question", ANSWERABLE_USUAL)
def test_an_answerable_usual_value_or_a_jobs_limit_is_never_declined_for_pay(question: str):
    plan = plan_query(question)
    kind = _kind(question)
    assert not group_pay_unnamed(plan.text, plan.concepts, kind, "")
    assert not typical_pay_unstated(plan.text, plan.concepts, kind, "")


def test_usual_pay_kept_where_the_law_sets_it():
    # 工伤停工期间工资一般能拿多少: 原工资福利待遇不变 answers it.
    plan = plan_query("工伤停工期间工资一般能拿多少")
    kind = _kind(plan.raw)
    assert not group_pay_unnamed(plan.text, plan.concepts, kind, "停工留薪期内，原工资福利待遇不变。")
    assert not typical_pay_unstated(plan.text, plan.concepts, kind, "停工留薪期内，原工资福利待遇不变。")


def _detail_unstated(question: str, article: str) -> bool:
    plan = plan_query(question)
    return detail_unstated(question, plan.text, plan.concepts, question_kind(plan.text), article)


@pytest.mark.parametrize(
    ("question", "stating", "other"),
    [
        ("瓦斯便携仪用几年就不能用了", "检测报警仪达到使用年限的，必须报废。", "便携式检测报警仪每半年至少调校1次。"),
        ("安全帽戴几年就得换新的", "安全帽应当定期更换。", "入井人员必须戴安全帽。"),
    ],
)
def test_a_service_life_asked_is_unstated_where_no_rule_sets_one(question: str, stating: str, other: str):
    assert not _detail_unstated(question, stating)
    assert _detail_unstated(question, other)
    assert not _detail_unstated("特种作业操作证几年复审", "每3年复审1次。")  # how often, not how long it lasts


# An article listing the systems a mine sets up, each by its name only.
_SYSTEMS = "矿山应当建立健全交接班、井下巡查、入井检身、安全例会、设备检修等制度。"


@pytest.mark.parametrize(
    ("question", "article"),
    [
        # a procedure or meeting the article only lists among the systems to set up
        ("入井检身到底谁来检 查啥", _SYSTEMS),
        ("矿上的安全例会多久开一回", _SYSTEMS),
        # how many one worker or shift handles, where no sentence names both with a number
        ("一个瓦检员最多能管几个采煤面", "同时生产的采煤工作面不得超过3个。"),
        ("老师傅一个人最多能带几个学徒", "新工人应当跟班实习满四个月。"),
        ("井下电工一个班能管几台水泵", "电工每日检查1次电气设备外部。"),
        # a ratio asked where the article states none
        ("瓦检员得按工人多少比例配备", "矿井应当配备足够的瓦斯检查工。"),
        # how often an event is held that the article never names
        ("矿上一年搞几次技术比武竞赛", "煤矿应当每年组织一次应急演练。"),
        # a nap asked where the article names no rest
        ("上夜班困了能不能在硐室里眯会", "硐室内严禁存放易燃物品。"),
        # first aid for what befell someone, the article saying it only by a neighbouring word
        ("工友在掘进头中暑了咋急救", "高温地点的作业人员应当缩短作业时间。"),
        # days or shifts in a row, where the article counts none
        ("夜班连着干几天就该换白班", "女职工在孕期不得被安排上夜班。"),
        ("夜班连续上几个班得换班", "孩子不满一周岁的女工不上夜班。"),  # 一周岁 is an age, no run of days
    ],
)
def test_a_detail_the_article_names_only_the_thing_of_is_unstated(question: str, article: str):
    assert _detail_unstated(question, article)


@pytest.mark.parametrize(
    ("question", "article"),
    [
        # the procedure described, not only listed
        ("入井检身是谁负责检", _SYSTEMS + "入井检身由安检员负责，检查入井人员是否携带烟火。"),
        ("一炮三检是谁来检", "爆破工、班组长和瓦斯检查工必须在现场执行“一炮三检”制度。"),
        ("安全例会多久开一回", "矿长每周至少主持召开一次安全例会。"),
        ("入井前要检查啥", _SYSTEMS + "入井人员必须检查矿灯和自救器。"),
        ("谁负责拉警戒", "放炮前，班组长必须派专人在警戒线处站岗。"),
        ("交接班的时候谁跟谁交", _SYSTEMS + "交接班时，上一班班长应当向下一班班长当面交清现场情况。"),
        # how many one worker or one machine handles, stated with both and a number
        ("一台专用变压器最多能带几个掘进工作面", "1台专用变压器最多可以向4个掘进工作面的局部通风机供电。"),
        ("一个师傅最多能带几个徒弟", "每名工人师傅同时带的徒弟不得超过2名。"),
        ("每班查几次瓦斯", "低瓦斯矿井的采掘工作面每班至少检查1次瓦斯。"),
        ("一个救护小队最少得几个人", "救护小队由不少于6人组成。"),
        ("一个采区最多同时开几个采煤面", "一个采区内同时作业的采煤工作面不得超过2个。"),
        # a ratio stated
        ("劳务派遣工最多能占多少比例", "被派遣劳动者数量不得超过用工总量的百分之十。"),
        ("培训经费按工资总额多少比例提", "按照职工工资总额的1.5%提取教育培训经费。"),
        ("工伤了停工期间工资按啥比例给", "停工留薪期内，原工资福利待遇不变。"),  # the whole kept
        # how often an event named by the article is held
        ("反风演习一年搞几回", "矿井每年应当进行1次反风演习。"),
        ("应急预案多久搞一回演练", "生产经营单位应当每半年至少组织一次应急预案演练。"),
        ("安全办公会多长时间开一次", "矿长每月至少召开一次安全办公会议。"),
        ("突出矿井逃生演习开工后多久搞一次", "采掘工作面开始作业后10天内进行1次逃生演习。"),
        ("自救器多久检查一回", "自救器每半年至少检查1次。"),
        # rest named, or no rest asked
        ("上夜班累了能歇会不", "用人单位应当保证劳动者每周至少休息一日。"),
        ("井下能不能抽烟", "井下严禁吸烟。"),
        ("瓦斯超了能不能接着干", "瓦斯浓度超限时，必须停止作业，撤出人员。"),
        ("电工检修的时候谁看着开关", "检修时，开关把手必须由专人看管。"),
        # first aid for what the article names
        ("有人触电了咋急救", "发现有人触电，先拉断电源，再就地做人工呼吸。"),
        ("工友一氧化碳中毒了怎么抢救", "一氧化碳中毒的人要尽快抬到新鲜风流里抢救。"),
        # days or shifts in a row, counted
        ("连续上几天班得歇一天", "单位要让工人每个星期起码歇上一整天。"),
        ("矿灯最少能连续亮几个钟头", "矿灯充一次电要能亮够11小时。"),  # hours, no run of days asked
        # a leave told as what happened before an action question, not asked of
        ("病假请了大半年 回矿复工头一天得先做啥", "离岗一年以上的人重新上岗前要重新培训，考试合格才能上岗。"),
    ],
)
def test_a_detail_the_article_states_stays_answered(question: str, article: str):
    assert not _detail_unstated(question, article)


def test_a_name_in_a_clause_of_its_own_is_not_a_listed_system():
    # 确定消防安全责任人 is a duty set in its own clause, not an item of the systems listed (…、…).
    article = "总包方要订好防火的各项制度，明确消防安全责任人，把电焊、油料、明火的管法写清楚。"
    assert not _detail_unstated("单位里消防安全责任人是谁", article)


@pytest.mark.parametrize(
    ("question", "other", "naming"),
    [
        # a colour asked of a thing the article names without any colour
        ("井口那个反光背心非得是黄色的吗", "下井人员要穿有反光条的工作服。", "反光背心一律用黄色的。"),
        # one sex asked where the article is about the other only
        ("男职工家里生娃能歇几天", "女职工生孩子可以休九十八天。", "男职工配偶生育的，给予护理假十五天。"),
        # a kind of leave the article never names
        ("矿上结婚给几天婚假", "职工干满一年以后，每年享受带薪年休假。", "职工本人结婚的，给予婚假三天。"),
        ("病假一年最多能请多少天", "职工干满一年以后，每年享受带薪年休假。", "职工生病的，病假按医院证明给。"),
        # a part or fitting of a thing the article names without it
        ("急救箱的钥匙由谁拿着", "每个采区都要放一个急救箱。", "急救箱的钥匙由当班班长带在身上。"),
        # how long charging takes, the article stating only how long a lamp lasts
        ("矿灯电池充满要充多久", "领出去的矿灯至少要能亮十一个钟头。", "矿灯放在灯架上充电不少于八小时。"),
        # the age of an event the article never names
        ("井下的老工人多少岁能退休", "未满十八岁的不准招去井下干活。", "井下工人年满五十岁可以退休。"),
        # a numbered slogan the article names only by a word in it
        ("啥叫三不伤害", "严禁违章指挥、违章作业。", "三不伤害是说不伤害自己、不伤害别人、不被别人伤害。"),
    ],
)
def test_a_trap_detail_is_unstated_until_the_article_names_it(question: str, other: str, naming: str):
    assert _detail_unstated(question, other)
    assert not _detail_unstated(question, naming)


# Colloquial answerable questions beside those traps, each with an article that answers it in other
# words: none of the detail checks may decline them.
ANSWERABLE_BESIDE_TRAPS = [
    ("安全帽要戴吗", "进井的人一律得戴好安全帽。"),
    ("女工能下井吗", "不准安排女职工到矿山井下干活。"),
    ("矿灯要带吗", "下井的人身上必须带自救器、定位卡和矿灯。"),
    ("自救器谁发", "矿上要给每个下井的人配发自救器。"),
    ("男的女的都能下井吗", "不准安排女职工到矿山井下干活。"),
    ("老公在井下伤了腿 工伤找谁报", "职工受了伤，单位要在三十天里去申请工伤认定。"),
    ("媳妇怀孕八个月了还能上夜班不", "怀孕七个月以上的女职工，不准安排夜班。"),
    ("生孩子产假有几天", "女职工生孩子可以休九十八天产假。"),
    ("干满一年了年假能休几天", "职工干满一年以后，每年享受带薪年休假。"),
    ("信号灯亮红色的时候能开车不", "信号显示红色的时候严禁开车。"),
    ("反光背心得穿吗", "下井人员要穿有反光条的工作服。"),
    ("矿灯的电池鼓包了还能用不", "蓄电池外壳鼓胀的矿灯不准发出去。"),
    ("火药库的钥匙谁管", "库房钥匙由库管员专人保管。"),
    ("开关的把手上要挂啥", "检修时开关把手上必须挂停电牌。"),
    ("矿灯充电要多长时间", "矿灯充电时间不得少于八小时。"),
    ("多大岁数能下井", "不准招未满十八周岁的人到井下干活。"),
    ("未成年工是多大岁数", "未成年工说的是满十六周岁不满十八周岁的人。"),
    ("一炮三检是啥意思", "放炮员、班组长和瓦检员在现场执行一炮三检。"),
    ("三专两闭锁指的啥", "掘进的局扇要做到三专两闭锁。"),
    ("矿灯最少能亮几个钟头", "领出去的矿灯至少要能亮十一个钟头。"),
    ("瓦斯超了怎么办", "瓦斯超了必须停工撤人。"),
    ("自救器补给站设在哪", "避灾路线上要设自救器补给站。"),
    ("局扇停了多久才能进去", "局扇停风的地方，要查过瓦斯才能进人。"),
    ("采区的配电点谁来巡查", "采区配电点由当班电工巡查。"),
]


@pytest.mark.parametrize(("question", "article"), ANSWERABLE_BESIDE_TRAPS)
def test_an_answerable_question_beside_a_trap_stays_answered(question: str, article: str):
    assert not _detail_unstated(question, article)


@pytest.mark.parametrize(
    "question",
    ["三级安全教育是啥", "一般事故指的是啥", "十六字方针是啥意思", "两个出口是啥意思", "一次性补助金是啥"],
)
def test_a_numeral_before_a_measure_or_of_a_plain_word_starts_no_slogan(question: str):
    # 三级, 一般, 十六字, 两个, 一次性: a definition asked of them is answered by an article in other words.
    assert not _detail_unstated(question, "按规定执行。")


def test_a_slogan_said_as_several_words_is_named_as_said():
    # 三 + 不 + 伤害 is one slogan: an article naming its words apart defines none of it.
    assert _detail_unstated("三不伤害是啥", "干活时不伤害自己，也不伤害别人。")
    assert not _detail_unstated("三不伤害是啥", "班前会上要讲三不伤害。")
    assert not _detail_unstated("三人连锁放炮是咋回事", "放炮执行一炮三检和三人连锁制度。")
