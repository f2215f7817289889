"""What a question asks that the rules state only where they name it.

Beside the kind of fact (kb.kinds), a worker may ask of a thing what no rule sets: its brand
or maker (采煤机用什么牌子的截齿好, 液压支架哪个厂家的好), model, colour, price or service life
— rules name a brand or a price only where they set one — or a fact of one mine this month
or week (我们工作面这个月推进任务是多少米, 咱队这礼拜谁当班): the rules set no value for a date. An article
that shares the question's other words answers neither; kb.qa declines it and offers the
article as 可能相关.
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

