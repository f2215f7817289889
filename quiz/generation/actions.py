"""What must be done when an accident or its sign comes: `single_action`, a single choice on the act a duty orders.

A sentence that opens on an emergency (发生事故后, 发生火灾时, 出现滑坡征兆时, 煤矿发生险情或者事故后) and orders what
to do (…现场人员应当（进行自救互救），并报矿调度室; …单位的主要负责人应当（立即组织抢救）) is the rule a worker must
act on at once, yet no other generator asks it: no figure, no curated term, no post of the frontline list at its head,
and its duty is not one a careless worker skips in the judge's sense. The item blanks the act, from after the modal to
the clause's end, and offers it beside three acts a careless worker or foreman falls into instead (`WRONG_ACTS`: going
on working, saving the equipment first, waiting for orders, tidying the scene to restart, keeping it quiet): every
one of them is against the rules of any emergency, none is ordered by a current article (each, filled back, is
checked against the corpus), and all are acts of the same kind as the key.

Not asked: a duty of the state or of a body outside the mine (`relevance.others_duty`: 居民委员会…应当报告), an act
that is a report to an agency or carries a figure (procedure, and the number generators ask a figure), a sentence
leaning on an earlier one (还必须…), a rescue team's own work, a technical step rather than a response (加大灾区风量:
beside the wrong acts it is the only expert answer), or a sentence another generator already asks (asked twice).
"""

from __future__ import annotations

import re

from quiz.bank.text import BLANK
from quiz.generation import articles as read
from quiz.generation.records import ArticleRecord, GeneratedQuestion
from quiz.generation.relevance import THRESHOLD, others_duty, relevance
from quiz.generation.theory import (
    TheoryPools,
    article_question,
    article_rng,
    blank_number,
    blank_term,
    choice_options,
    judge,
    refers_back,
    rule_elsewhere,
    single_number,
    single_party,
    single_term,
    stem_prefix,
)

# An emergency opening the sentence, up to its 时/后 and comma; the party, if any; the modal; the act to its clause's end.
_EMERGENCY_LEAD = re.compile(
    r"^([^。；]{0,40}?(?:险情|事故|火灾|透水|突水|冒顶|征兆|紧急情况|危及[^，；]{0,8}安全|中毒|窒息|爆炸)[^，；]{0,20}?"
    r"(?:时|后))，([^，；]{0,16}?)(应当|必须)((?:立即|迅速|及时|首先)?[^，；。]{2,16})(?=[，；]|$)"
)
# What a careless worker or foreman does instead of the rule when something goes wrong: never ordered, each against
# every emergency rule (stop work, people first, act at once, keep the scene, report).
WRONG_ACTS = ("继续作业", "先抢救设备和物资", "等待上级指示后再处理", "清理现场、恢复生产", "自行处理、暂不上报")
# An act that is a report to the state, or a party that is the state: agency procedure, not asked of the frontline.
_TO_THE_STATE = re.compile(r"人民政府|部门|监察|机关")
# The key must be a response of the same kind as the wrong acts (rescue, withdraw, stop, report, keep the scene, act on
# the plan): a technical step (加大灾区风量, 做好关闭防水闸门的准备) beside them stands out as the only expert answer.
_RESPONSE = re.compile(r"抢救|救治|自救|互救|撤出|撤离|疏散|预案|指挥部|停止|报告|报警|保护|消除|措施")
# A party whose work is the rescue itself (专职救护队应当在规定时间内到达…): going on working or saving equipment is no
# shortcut it could take; a party after 还 or 也 leans on an earlier sentence (…时，还必须加大灾区风量).
_NOT_ASKED_PARTY = re.compile(r"救护队|救援队|救援人员|(?:还|也|均)$")
_FIGURE = re.compile(r"\d|[一二两三四五六七八九十]+(?:分钟|小时|日|天|个)")
_OTHER_GENERATORS = (blank_number, single_number, single_party, single_term, blank_term, judge)


def _slots(record: ArticleRecord) -> list[tuple[str, int, str]]:
    """(sentence, start, act) for each emergency duty of the article worth asking (see the module doc)."""
    slots = []
    for sentence in read.sentences(record.text):
        found = _EMERGENCY_LEAD.match(sentence)
        if not found or refers_back(sentence) or relevance(record.text, sentence, record.path) < THRESHOLD:
            continue
        party, act = found.group(2), found.group(4)
        if _TO_THE_STATE.search(party + act) or _FIGURE.search(act) or others_duty(sentence, found.start(3)):
            continue
        if not _RESPONSE.search(act) or _NOT_ASKED_PARTY.search(party):
            continue
        if sentence.count(act) == 1:
            slots.append((sentence, found.start(4), act))
    return slots


def single_action(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """发生火灾时，应当（ ），及时报警…: the act an emergency duty orders, beside three acts against every emergency
    rule (`WRONG_ACTS`), on a sentence no other generator asks."""
    name = "theory.single_action"
    slots = _slots(record)
    if not slots:
        return None
    asked = {q.inputs.get("sentence") for g in _OTHER_GENERATORS if (q := g(record, pools, seed)) is not None}
    rng = article_rng(seed, name, record)
    for sentence, start, act in slots:
        if sentence in asked:
            continue
        before, after = sentence[:start], sentence[start + len(act) :]
        wrong = [w for w in WRONG_ACTS if not rule_elsewhere(before, w, after, pools)]
        if len(wrong) < 3:
            continue
        options, answer = choice_options([act], rng.sample(wrong, 3), rng)
        stem = stem_prefix(record, sentence) + before + BLANK + after + "。"
        return article_question(
            record, name, seed, "single", stem, options, answer, f"原文：“{sentence}。”",
            {"sentence": sentence, "position": start, "action": act},
        )
    return None
