"""Asides a worker asks beside the rules, which no rule settles unless it names them.

A personal belonging or household thing (井下能不能抽电子烟, 下井能揣充电宝不, 宿舍空调坏了找谁修):
a rule on 烟草 or 电气设备 does not speak of it. How long one may stay somewhere (一个班最多能待多长
时间不上井): a rule on how much is stored there for three days does not say it. Who invented or first
found a thing, or where it comes from (矿灯是谁发明的, 瓦斯这叫法打哪来的). What a thing weighs (单体
支柱一根有多沉) where the article weighs nothing, what one piece costs (胶靴一双多少钱) where it names
no price, how many articles or pages a rulebook has (规程一共多少条), and the rules of travelling by
plane or train (坐飞机能带打火机吗), which no coal-mine rule governs. kb.aspects.detail_unstated
declines such an answer and kb.qa offers the article as 可能相关.
"""

from __future__ import annotations

import re

from kb.query import Concept

# A personal belonging or household thing; the longer name first (智能手表 before 手表).
_BELONGING = re.compile(
    r"电子烟|充电宝|蓝牙耳机|耳机|智能手表|手表|手环|平板电脑|手机|电动车|电瓶车|无人机|自拍杆|收音机"
    r"|项链|耳钉|耳环|戒指|手链|首饰|隐形眼镜|美瞳|保温杯|饭盒|槟榔|空调|热水器|洗衣机|冰箱|电视机"
)


def belonging_unnamed(question: str, concepts: tuple[Concept, ...], article: str) -> bool:
    """Whether `question` names a personal belonging or household thing `article` never names
    (nor a synonym of it the vocabulary knows)."""
    forms = {c.term: c.surface_forms() for c in concepts}
    return any(
        not any(form in article for form in forms.get(m.group(), (m.group(),))) for m in _BELONGING.finditer(question)
    )


# How long one may stay somewhere (待多久, 呆几个小时, 能停留多长时间): a rule answering it states a stay or
# working hours (停留, 工作时间, 8小时, 96h), not how many days' worth may be stored (3天的炸药需要量).
_STAY_ASKED = re.compile(r"(?:待|呆|停留|逗留)(?:上)?(?:多长时间|多久|多大会|几个?(?:小时|钟头|天))")
_STAY_STATED = re.compile(r"停留|逗留|滞留|工作时间|作业时间|工时|小时|\d\s*h(?![a-z])")


def stay_unstated(question: str, article: str) -> bool:
    """Whether `question` asks how long one may stay and `article` states no stay nor hours."""
    return _STAY_ASKED.search(question) is not None and not _STAY_STATED.search(article)


# Who invented or first found a thing, or where it or its name comes from (锚杆支护最早是谁发明的,
# 瓦斯是谁发现的, 这个叫法打哪来的): a rule tells neither unless it names an invention or an origin.
_ORIGIN_ASKED = re.compile(
    r"谁(?:最早|最先|首先|第一个)?(?:发明|发现|创造|首创|提出|命名)的|(?:最早|最先|头一个)(?:是谁|是哪国|是哪里)"
    r"|打哪(?:儿)?来的|从哪(?:儿)?来的|怎么来的|咋来的|由来|来历|起源"
)
_ORIGIN_STATED = re.compile(r"发明|首创|起源|由来|来历|得名|命名")


def origin_unstated(question: str, article: str) -> bool:
    """Whether `question` asks who invented or found a thing or where it comes from and `article`
    names no invention nor origin."""
    return _ORIGIN_ASKED.search(question) is not None and not _ORIGIN_STATED.search(article)


# A weight asked (一根有多沉, 一箱多重, 几斤): a rule weighing a thing states a mass (2t, 15kg, 重量不超过),
# not the weight of whatever a crane lifts (起吊重量不明的物体).
_WEIGHT_ASKED = re.compile(r"多重|多沉|有多重|几斤|多少斤|多少公斤|多少千克|多大重量|重量是?多少|几吨重|多少吨重")
_WEIGHT_STATED = re.compile(
    r"\d\s*(?:kg|t(?![a-z])|g(?![a-z])|公斤|千克|斤|吨)|(?:重量|自重|质量)(?:为|是|约|达|不(?:得|应)?(?:超过|大于|小于))"
)


def weight_unstated(question: str, article: str) -> bool:
    """Whether `question` asks what a thing weighs and `article` states no mass."""
    return _WEIGHT_ASKED.search(question) is not None and not _WEIGHT_STATED.search(article)


# The price of one piece (胶靴一双多少钱, 一台大概多少钱): a rule naming one states a price in 元.
_MEASURE = "个双台根盏顶件套副把块箱桶支条张瓶袋包"
_UNIT_PRICE = re.compile(
    rf"[一每][{_MEASURE}](?:得|要|大概|大约|差不多|能|就)?(?:多少钱|几块钱|几个钱|啥价|什么价)"
    rf"|(?:多少钱|几块钱)[一每][{_MEASURE}]"
)
_PRICE_STATED = re.compile(r"价格|价款|单价|售价|\d\s*元|[一二三四五六七八九十百千万]元")


def unit_price_unstated(question: str, article: str) -> bool:
    """Whether `question` asks what one piece costs and `article` names no price."""
    return _UNIT_PRICE.search(question) is not None and not _PRICE_STATED.search(article)


# How many articles or pages a rulebook has (规程一共多少条, 安全规程一共多少页): no rule counts its own.
_SIZE_ASKED = re.compile(
    r"(?:规程|法|条例|细则|规范|标准)(?:一共|总共|共|总计|里|里面|里头)?有?(?:多少|几)(?:条|页|章|个字|字)(?:$|[？?吗呀啊呢])"
)


def rulebook_size_asked(question: str) -> bool:
    """Whether `question` asks how many articles, pages or chapters a rulebook has."""
    return _SIZE_ASKED.search(question.strip()) is not None


def aside_unstated(question: str, concepts: tuple[Concept, ...], article: str) -> bool:
    """Whether `question` asks an aside `article` does not settle: a belonging it never names, a stay,
    an origin, a weight or a price it does not state, or a rulebook's size."""
    return (
        belonging_unnamed(question, concepts, article) or stay_unstated(question, article)
        or origin_unstated(question, article) or weight_unstated(question, article)
        or unit_price_unstated(question, article) or rulebook_size_asked(question)
    )
