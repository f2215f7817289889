"""What a question asks that the rules state only where they name it.

Beside the kind of fact (kb.kinds), a worker may ask of a thing what no rule sets: its brand
or maker (采煤机用什么牌子的截齿好, 液压支架哪个厂家的好), model, colour, price or service life
— rules name a brand or a price only where they set one — or a fact of one mine this month
or week (我们工作面这个月推进任务是多少米, 咱队这礼拜谁当班): the rules set no value for a date. Nor do
they say where to look up one's own record (体检报告在哪里查), how to replace a lost paper
(发票丢了咋补), how to tune or mend a machine (皮带跑偏了怎么调) or to spare it (咋充电才不伤电池)
unless they name it; nor what one job or one kind of mine is paid (采煤工工资一般能拿多少,
冲击地压矿的工人多拿多少钱); nor the details of another trade (塔吊, 脚手架, 化工厂) a coal-mine
rule never names. An article that shares the question's other words answers none of these;
kb.qa declines it and offers the article as 可能相关.
"""

from __future__ import annotations

import re

from kb.kinds import VALUE_KINDS
from kb.query import Concept

# The aspect asked of a thing, as a question says it.
_ASPECT = re.compile(r"牌子|品牌|厂家|厂子|生产厂|型号|颜色|价格|价钱|多少钱一|寿命")
# …and a service life asked (用几年就得换, 戴几年就得换新的), which a rule states as one (报废, 更换,
# 使用年限, 有效期), not by how long a lamp lasts a shift (11h) or how often a meter is calibrated.
_LIFE_ASKED = re.compile(r"(?:用|戴|穿|使用)了?(?:几|多少)年|(?:几|多少)年就?(?:得|该|要)?(?:换|报废|报费|淘汰|不能用)")
_LIFE_STATED = re.compile(r"报废|更换|换新|使用年限|使用期限|寿命|有效期|期满")
# A week or month of the asker's own mine, team or face: this one or the next (我们工作面这个月, 咱队下周).
_OWN_PLACE = re.compile(r"我们|咱们?|俺们?")
_OWN_PERIOD = re.compile(r"这个?月|本月|下个?月|这礼拜|这周|本周|下周|这星期|这个星期")
LOCAL_KINDS = VALUE_KINDS | {"duty"}


def aspect_unstated(question: str, concepts: tuple[Concept, ...], text: str) -> bool:
    """Whether `question` asks a brand, maker, model, colour, price or service life that `text`
    never names (nor a synonym of the word asked: 牌子 → 停电牌, 标志牌; nor, for a service life,
    as a rule states one)."""
    if _LIFE_ASKED.search(question) and not _LIFE_STATED.search(text):
        return True
    asked = [m.group() for m in _ASPECT.finditer(question)]
    if not asked:
        return False
    forms = {word: (word,) for word in asked}
    for concept in concepts:
        for word in asked:
            if concept.term == word:
                forms[word] = concept.surface_forms()
    return any(not any(form in text for form in forms[word]) for word in asked)


def asks_local(question: str, kind: str) -> bool:
    """Whether a value or duty question asks a fact of the asker's own mine in this or next week
    or month (我们工作面这个月推进多少米, 咱队下周谁值班), which no rule sets."""
    return kind in LOCAL_KINDS and _OWN_PLACE.search(question) is not None and _OWN_PERIOD.search(question) is not None



# A way or place asked, and how an article that answers it names one: where one's own record is
# looked up (体检报告在哪里查; not 得尘肺了上哪查, an examination), how a lost paper is replaced
# (发票丢了咋补), how a machine gone wrong is tuned or mended (皮带跑偏了怎么调; not 主要通风机反风
# 怎么调, an operation the rules prescribe), how it is spared (咋充电才不伤电池).
_WAYS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(
            r"(?:报告|结果|档案|记录|成绩|分数|证书|工资条|明细|资料)[^，。？?\s]{0,4}"
            r"(?:在|去|上|到)?(?:哪里|哪儿|哪|啥地方|什么地方)(?:能|可以|才能|去)?(?:查|看|打印|下载|调取|领)"
        ),
        re.compile(r"查阅|查询|复印|索取|调阅|公布|公示|公开|公告|告知|通知|送达|发给|交给|提供|记入|填写|记录牌|张贴"),
    ),
    (
        re.compile(r"(?:丢|掉|遗失|丢失|找不着|找不到)了?[^，。？?\s]{0,6}(?:补(?![偿助贴救充])|重办|重新办)"),
        re.compile(r"补发|补办|补领|换发|遗失|丢失|挂失|重新申请|重新办理|损毁"),
    ),
    (
        re.compile(
            r"(?:跑偏|打滑|不准|坏|失灵|不转|卡住|松|漏)了?[^，。？?\s]{0,4}"
            r"(?:怎么|咋|如何|怎样)(?:调|修)(?:整|节|理|好|一下)?(?:$|[？?\s吗呢啊])"
        ),
        re.compile(r"调整|调节|调校|调试|校正|纠偏|修理|维修|检修|修复"),
    ),
    (
        re.compile(r"才(?:能)?(?:不|少)(?:伤|坏|损|费)|才(?:能)?(?:耐用|经用|省电|好使|长久|持久|用得久|用得长)"),
        re.compile(r"损坏|损伤|寿命|保养|延长"),
    ),
)


def way_unstated(question: str, text: str) -> bool:
    """Whether `question` asks where to look up a record, how to replace a lost paper, or how to
    tune, mend or spare a machine, and `text` names no such way (查阅, 补发, 调整, 损坏…)."""
    return any(asked.search(question) and not stated.search(text) for asked, stated in _WAYS)


# Another trade's own machines and places (塔吊, 脚手架, 反应釜), each with the class a law names it
# by (塔吊 is 起重机械, a 特种设备): no rule answers for one unless it names the thing or its class…
_OTHER_TRADE_THINGS: dict[str, str] = {
    "塔吊": "塔式起重机|特种设备", "塔式起重机": "特种设备", "电梯": "特种设备",
    "脚手架": "建设工程", "反应釜": "危险化学品", "加油站": "危险化学品",
    "尾矿库": "非煤", "油田": "石油|油气", "油井": "石油|油气", "井喷": "石油|油气",
    "燃气报警": "燃气", "后厨": "燃气|餐饮", "高铁": "铁路", "地铁": "轨道交通",
}
_THING = re.compile("|".join(_OTHER_TRADE_THINGS))
# …and another trade or workplace (建筑工地, 化工厂, 铁矿), which a coal-mine rule does not govern
# (a law for every employer may: 化工厂的工人职业病体检谁出钱); 施工地点 is no 工地.
_OTHER_TRADE = re.compile(r"(?<![施开动复完])工地|建筑工人|建筑施工|建筑业|化工厂|铁矿|金矿|铜矿|非煤|金属非金属|饭店|饭馆|餐馆|商场")
_COAL_RULE = re.compile(r"煤")


def other_trade(question: str, title: str, text: str) -> bool:
    """Whether `question` asks about another trade's machine or place the article (`title`,
    `text`) never names, as such or by its class, or about another trade when the article is a
    coal-mine rule."""
    named = f"{title}\n{text}"
    if any(not re.search(f"{m.group()}|{_OTHER_TRADE_THINGS[m.group()]}", named) for m in _THING.finditer(question)):
        return True
    return _COAL_RULE.search(title) is not None and any(
        m.group() not in named for m in _OTHER_TRADE.finditer(question)
    )


# Pay asked as such (工资一般能拿多少, 每月多拿多少钱), not a payment the law sets by name (加班费,
# 一次性补助金) nor a rate, a limit or how often (按工资的多少, 几倍, 最少, 多久发一次).
_PAY_ASKED = re.compile(r"工资|收入|薪水|薪资|挣|多少钱|(?:能|多)拿多少|多拿|领多少(?![个盏台件双套副])")
_PAYMENT_NAMED = re.compile(r"(?:费|金|补贴|津贴|补助|奖|补偿|赔偿|待遇)$")
_RATE_LIMIT_OR_FREQUENCY = re.compile(
    r"按|倍|百分|比例|几个月|最多|最少|至少|最低|最高|不超过|不能超过|不得|不少于|不低于|上限|下限|以上|以下|以内"
    r"|多久|多长时间|几次|一次(?!性)|几回|一回"
)
# A group of workers paid: one job (瓦检员, 掘进工, 放炮员) or the word before 工/员/矿/队 (冲击地压矿的
# 工人, 综采队, 采煤工); 井下, 矿上 are where every miner works and 工人, 农民工, 女职工 what every
# worker is, not a group.
_BEFORE_WORKERS = frozenset("工员矿队")
_NOT_WORKERS = frozenset({"工资", "工伤", "工作", "工龄", "工期", "工时", "工程", "工会", "矿上", "矿井", "矿山", "队长"})
_JOB = re.compile(r"..+(?<![人职民])[员工]$")
_EVERYONE = frozenset({
    "井下", "矿上", "煤矿", "矿井", "下井", "一线", "我们", "咱们", "咱", "俺们", "工人", "职工", "矿工", "员工",
    "人员", "农民工", "临时工", "合同工", "劳务工", "工友", "新工", "女工", "职员", "工", "矿", "队",
})
# What is usual asked of pay (井下工人一般一个月挣多少), and how a rule sets a wage (工资不得低于,
# 原工资福利待遇不变, 工资的百分之八十) or an amount (元).
_TYPICAL = re.compile(r"一般|大概|大约|平均|通常|差不多")
_WAGE_SET = re.compile(r"工资[^，。；]{0,8}(?:不得低于|不低于|不变|照发|照付|百分之)|\d\s*元")


def _pay_asked(text: str, concepts: tuple[Concept, ...], kind: str) -> bool:
    """Whether a value question asks pay as such, no named payment, rate, limit or frequency."""
    return (
        kind in VALUE_KINDS and _PAY_ASKED.search(text) is not None and not _RATE_LIMIT_OR_FREQUENCY.search(text)
        and not any(c.maximal and _PAYMENT_NAMED.search(c.term) for c in concepts)
    )


def group_pay_unnamed(text: str, concepts: tuple[Concept, ...], kind: str, article: str) -> bool:
    """Whether a value question (normalised `text`, its `concepts`) asks what one group of workers
    is paid (采煤工一个月工资能拿多少, 冲击地压矿的工人每月多拿多少钱) and `article` never names
    the group: rules set pay for a group only where they name it."""
    if not _pay_asked(text, concepts, kind):
        return False
    groups = [
        c for c in concepts
        if c.maximal and c.term not in _EVERYONE and (
            _JOB.match(c.term)
            or (text[c.end:c.end + 1] in _BEFORE_WORKERS and text[c.end:c.end + 2] not in _NOT_WORKERS)
        )
    ]
    return any(not any(form in article for form in g.surface_forms()) for g in groups)


def typical_pay_unstated(text: str, concepts: tuple[Concept, ...], kind: str, article: str) -> bool:
    """Whether a value question asks what pay usually is (井下工人一般一个月挣多少, 工资大概多少钱)
    and `article` sets no wage (工资不得低于…, 原工资福利待遇不变) nor an amount in 元."""
    return _pay_asked(text, concepts, kind) and _TYPICAL.search(text) is not None and not _WAGE_SET.search(article)
