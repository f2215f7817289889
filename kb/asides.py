"""Asides a worker asks beside the rules, which no rule settles unless it names them.

A personal belonging or household thing (井下能不能抽电子烟, 下井能揣充电宝不, 宿舍空调坏了找谁修):
a rule on 烟草 or 电气设备 does not speak of it. How long one may stay somewhere (一个班最多能待多长
时间不上井): a rule on how much is stored there for three days does not say it. Who invented or first
found a thing, or where it comes from (矿灯是谁发明的, 瓦斯这叫法打哪来的). What a thing weighs (单体
支柱一根有多沉) where the article weighs nothing, what one piece costs (胶靴一双多少钱) where it names
no price, and how many articles or pages a rulebook has (规程一共多少条); meals, pay day, savings,
how often work clothes are issued, a quota, the country's figures, a calendar date, a year, schooling,
the best buy and a custom, each where the article does not name it (_NAMED_ASIDES).
kb.aspects.detail_unstated declines such an answer and kb.qa offers the article as 可能相关.
"""

from __future__ import annotations

import re

from kb.query import Concept

# A personal belonging or household thing; the longer name first (智能手表 before 手表).
_BELONGING = re.compile(
    r"电子烟|充电宝|蓝牙耳机|耳机|智能手表|手表|手环|平板电脑|手机|电动车|电瓶车|无人机|自拍杆|收音机"
    r"|项链|耳钉|耳环|戒指|手链|首饰|隐形眼镜|美瞳|保温杯|饭盒|槟榔|宠物|空调|热水器|洗衣机|冰箱|电视机"
)


def belonging_unnamed(question: str, concepts: tuple[Concept, ...], article: str) -> bool:
    """Whether `question` names a personal belonging or household thing `article` never names
    (nor a synonym of it the vocabulary knows)."""
    forms = {c.term: c.surface_forms() for c in concepts}
    return any(
        not any(form in article for form in forms.get(m.group(), (m.group(),))) for m in _BELONGING.finditer(question)
    )


# How many articles or pages a rulebook has (规程一共多少条, 安全规程一共多少页): no rule counts its own.
_SIZE_ASKED = re.compile(
    r"(?:规程|法|条例|细则|规范|标准)(?:一共|总共|共|总计|里|里面|里头)?有?(?:多少|几)(?:条|页|章|个字|字)(?:$|[？?吗呀啊呢])"
)


def rulebook_size_asked(question: str) -> bool:
    """Whether `question` asks how many articles, pages or chapters a rulebook has."""
    return _SIZE_ASKED.search(question.strip()) is not None


# What a question asks (a pattern on the question) and what names it (a pattern on the article).
Unnamed = tuple[re.Pattern[str], re.Pattern[str]]


def unnamed(question: str, article: str, table: tuple[Unnamed, ...]) -> bool:
    """Whether `question` asks one of `table`'s (asked, named) things and `article` does not name it:
    the one way to decline an answer unless its article names what is asked."""
    return any(asked.search(question) and not named.search(article) for asked, named in table)


# Asides a rule settles only where it names what they are about, each (asked in the question, what
# names it in the article); unnamed() tells whether a question asks one its article does not name.
#
# How long one may stay somewhere (待多久, 呆几个小时, 能停留多长时间): a rule answering it states a stay or
# working hours (停留, 工作时间, 8小时, 96h), not how many days' worth may be stored (3天的炸药需要量).
# How long one works is left alone: 跟师傅干多长时间才能独立上岗 is answered by months of practice.
# Who invented or first found a thing, or where it or its name comes from (锚杆支护最早是谁发明的,
# 瓦斯是谁发现的, 这个叫法打哪来的): a rule tells neither unless it names an invention or an origin.
# A weight asked (一根有多沉, 一箱多重, 几斤): a rule weighing a thing states a mass (2t, 15kg, 重量不超过),
# not the weight of whatever a crane lifts (起吊重量不明的物体).
# The price of one piece (胶靴一双多少钱, 一台大概多少钱): a rule naming one states a price in 元.
# Meals (一天吃几顿饭, 班中餐吃啥); pay day (工资几号发, 矿上什么时候发工资), which a rule sets only as
# a schedule of wages (工资…按月支付; 按月支付抚恤金 is no pay day); what one can save (一年能攒多少钱);
# how often a worn thing is issued anew (工作服多久发一套, 安全帽多长时间换一顶), which a rule states as
# a period (每年, 2年, 定期); a work quota (进尺多少米算完成任务); the whole country's figures (全国一年
# 挖多少亿吨煤), which a rule states as statistics (亿吨, 统计); a day or month of the calendar (矿工节是
# 哪天, 安全生产月是哪个月; not a start, 从哪天算, which a rule states from an event), which a rule states
# as a date (7月1日, 之日起); the year a rule was made or revised (规程哪年修订的), which a rule states
# as one (2022年); the schooling a job asks (当矿长要什么学历); which one is best to buy (保险买哪种好),
# which a rule never recommends; a custom or superstition (下井前要不要拜一拜).
_MEASURE = "个双台根盏顶件套副把块箱桶支条张瓶袋包"  # a piece priced
_MEASURE_WORN = "套顶双个件身副只盏条"
_NAMED_ASIDES: tuple[Unnamed, ...] = (
    (
        re.compile(r"(?:待|呆|停留|逗留)(?:上)?(?:多长时间|多久|多大会|几个?(?:小时|钟头|天))"),
        re.compile(r"停留|逗留|滞留|工作时间|作业时间|工时|小时|\d\s*h(?![a-z])"),
    ),
    (
        re.compile(
            r"谁(?:最早|最先|首先|第一个)?(?:发明|发现|创造|首创|提出|命名)的|(?:最早|最先|头一个)(?:是谁|是哪国|是哪里)"
            r"|打哪(?:儿)?来的|从哪(?:儿)?来的|怎么来的|咋来的|由来|来历|起源"
        ),
        re.compile(r"发明|首创|起源|由来|来历|得名|命名"),
    ),
    (
        re.compile(r"多重|多沉|有多重|几斤|多少斤|多少公斤|多少千克|多大重量|重量是?多少|几吨重|多少吨重"),
        re.compile(
            r"\d\s*(?:kg|t(?![a-z])|g(?![a-z])|公斤|千克|斤|吨)|(?:重量|自重|质量)(?:为|是|约|达|不(?:得|应)?(?:超过|大于|小于))"
        ),
    ),
    (
        re.compile(
            rf"[一每][{_MEASURE}](?:得|要|大概|大约|差不多|能|就)?(?:多少钱|几块钱|几个钱|啥价|什么价)"
            rf"|(?:多少钱|几块钱)[一每][{_MEASURE}]"
        ),
        re.compile(r"价格|价款|单价|售价|\d\s*元|[一二三四五六七八九十百千万]元"),
    ),
    (
        re.compile(r"吃几顿|几顿饭|一顿饭|班中餐|吃(?:啥|什么)饭|早饭|午饭|晚饭|夜宵|饭菜"),
        re.compile(r"餐|饭|伙食|食堂|食品"),
    ),
    (
        re.compile(
            r"(?:发|开)(?:工资|薪水|饷)[^，。？?\s]{0,3}(?:什么时候|啥时候|几号|哪天)"
            r"|(?:工资|薪水)[^，。？?\s]{0,3}(?:什么时候|啥时候|几号|哪天)(?:发|开)"
            r"|(?:什么时候|啥时候|几号|哪天)(?:发|开)(?:工资|薪水|饷)"
        ),
        re.compile(
            r"工资[^。；，]{0,12}(?:按月|每月|\d\s*日)|发薪日"
            r"|(?:按月|每月)(?:支付|发放)(?![^。；，]{0,6}(?:抚恤金|津贴|补助|养老金|费))"
        ),
    ),
    (re.compile(r"攒(?:下)?(?:多少|几)|(?:能|可以)存(?:下)?(?:多少|几个?)钱"), re.compile(r"储蓄|存款")),
    (
        re.compile(
            rf"(?:多久|多长时间|几个月|几年|多少天|多少年)(?:能|才|就|得|要|给)?(?:发|换|领|更换|发放|配)"
            rf"一?[{_MEASURE_WORN}]"
        ),
        re.compile(r"\d\s*(?:天|日|个月|月|年|周)|每(?:年|月|季|周|天|班|半年)|[一二两三四五六七八九十半]+(?:年|个月)|定期|期限|周期"),
    ),
    (re.compile(r"完成任务|任务(?:是|量)?(?:多少|几)|定额(?:是)?(?:多少|几)"), re.compile(r"任务|定额")),
    (re.compile(r"哪一?年|几几年|哪个年份"), re.compile(r"\d{4}\s*年|[〇零一二三四五六七八九]{4}年")),
    (re.compile(r"学历|文凭"), re.compile(r"学历|文化程度|毕业|学位|文凭")),
    (
        re.compile(r"(?:哪种|哪个|哪家|哪款)的?(?:最|比较|更)?(?:好用|好使|划算|实惠|耐用|便宜|好)(?:$|[？?\s吗呢啊])"),
        re.compile(r"选用|推荐|优先"),
    ),
    (re.compile(r"拜一拜|拜拜|烧香|上香|忌讳|迷信|风水|算命|闹鬼|有鬼"), re.compile(r"迷信|祭拜|烧香|忌讳")),
    (
        re.compile(r"(?:是|在)(?:哪一?天|几月几[号日]?|几号|哪一?个月|几月份?)|什么日子"),
        re.compile(
            r"\d\s*月|[一二三四五六七八九十〇零]月[一二三四五六七八九十]|之日|日起|起算|当日|次日|当月|月份|星期"
            r"|周[一二三四五六日末]|节假日|元旦|春节|国庆"
        ),
    ),
    (
        re.compile(r"(?:全国|全世界|世界上|我国|咱国家|中国)[^，。？?\s]{0,4}(?:一年|每年|总共|一共)[^，。？?\s]{0,6}(?:多少|几)"),
        re.compile(r"统计|\d\s*(?:亿|万)\s*(?:吨|人)"),
    ),
)


def aside_unstated(question: str, concepts: tuple[Concept, ...], article: str) -> bool:
    """Whether `question` asks an aside `article` does not settle: a belonging it never names, a
    rulebook's size, or one of _NAMED_ASIDES (a stay, an origin, a weight, a price, a meal, pay day,
    savings, how often a worn thing is issued, a quota, a national figure, a date, a year, schooling,
    the best buy, a custom) it does not name."""
    return (
        belonging_unnamed(question, concepts, article) or rulebook_size_asked(question)
        or unnamed(question, article, _NAMED_ASIDES)
    )
