"""What must be done when an accident or its sign comes: `single_action`, a single choice on the act a duty orders.

A sentence that opens on an emergency (发生事故后, 发生火灾时, 出现滑坡征兆时, 煤矿发生险情或者事故后) and orders what
to do (…现场人员应当（进行自救互救），并报矿调度室; …单位的主要负责人应当（立即组织抢救）) is the rule a worker must
act on at once, yet no other generator asks it: no figure, no curated term, no post of the frontline list at its head,
and its duty is not one a careless worker skips in the judge's sense. The item blanks the act, from after the modal to
the clause's end, and offers it beside three wrong acts of its own: two are the key made late or put after the wrong
thing, or left to judgement (`_late_acts`: 立即组织抢救 → 待上级批准后再组织抢救, 酌情组织抢救; 妥善保护事故现场 → 先恢复
生产，再保护事故现场), one is a wrong move of that kind of emergency (`kind_acts`: into a low roadway when water breaks in, in
without a breathing set to a man overcome; else the shortcuts of any accident, `WRONG_ACTS`: going on working, saving
the equipment first, waiting for orders, tidying the scene to restart, keeping it quiet). Each is against the rules of
the emergency, none is ordered by a current article (each, filled back, is checked against the corpus), none holds the
key or is held by it. Since each item's late acts are its own, one longer than the key and one as long with no word of
delay, a worker who has seen other items cannot find the key as the option a run offers once, as the longest, or as
the one without 先, 待 or 再 (issue 16: three fixed shortcuts beside every key gave the key away to a guesser of the
rarest option in 100% of a run's items, of the longest in 53%). Nor as the one done at once: beside a key opening on
立即, 迅速, 及时 or 尽快, the delay and the wrong move open on a wrong act done at once (立即抢运设备和物资，再组织抢救;
立即安排人员继续作业), and nor as the one whose verb differs: a key ordered without a word of time keeps its verb, the
delay and the act left to judgement each put it in other words of their own (停止 → 暂停, 中止).

Not asked: a duty of the state or of a body outside the mine (`relevance.others_duty`: 居民委员会…应当报告), an act
that is a report to an agency or carries a figure (procedure, and the number generators ask a figure), a sentence
leaning on an earlier one (还必须…), a rescue team's own work, a technical step rather than a response (加大灾区风量:
beside the wrong acts it is the only expert answer), an act ordered without a word of time whose verb `_REWORDED`
has no other words for (its late acts would hold the key whole), an act offered beside another (…应当立即启动应急预案，
或者采取有效措施…: left to judgement is then arguable), or a sentence another generator already asks.
"""

from __future__ import annotations

import re

from quiz.bank.text import BLANK
from quiz.generation import articles as read
from quiz.generation.records import ArticleRecord, GeneratedQuestion
from quiz.generation.relevance import THRESHOLD, others_duty, relevance
from quiz.generation.theory import (
    TheoryPools,
    blank_number,
    blank_term,
    judge,
    single_number,
    single_party,
    single_term,
)
from quiz.generation.theory.pools import rule_elsewhere
from quiz.generation.theory.questions import article_question, article_rng, choice_options
from quiz.generation.theory.stems import refers_back, stem_prefix

# An emergency opening the sentence, up to its 时/后 and comma; the party, if any; the modal; the act to its clause's end.
_EMERGENCY_LEAD = re.compile(
    r"^([^。；]{0,40}?(?:险情|事故|火灾|透水|突水|冒顶|征兆|紧急情况|危及[^，；]{0,8}安全|中毒|窒息|爆炸)[^，；]{0,20}?"
    r"(?:时|后))，([^，；]{0,16}?)(应当|必须)((?:立即|迅速|及时|首先)?[^，；。]{2,16})(?=[，；]|$)"
)
# What a careless worker or foreman does instead of the rule when something goes wrong: never ordered, each against
# every emergency rule (stop work, people first, act at once, keep the scene, report).
# Most are done at once (立即, 马上), as the key mostly is: urgency alone does not mark the key.
WRONG_ACTS = ("立即安排人员继续作业", "立即抢运设备和物资", "等待上级指示后再处理", "马上清理现场、恢复生产", "立即自行处置、暂不上报")
# The same shortcuts where the emergency is of one kind (the kind named before the blank, first match): the wrong
# move a worker makes there (into low roadways when water breaks in, into the return when gas comes, in without a
# breathing set to save a man overcome), phrased as the rules phrase their acts.
_KIND_ACTS = (
    (re.compile(r"火"), ("立即抢运设备和物资", "立即用水扑救带电设备火灾", "关闭门窗后原地等待救援")),
    (re.compile(r"水"), ("立即进入低洼巷道躲避", "立即抢运排水设备", "加快排水后继续掘进")),
    (re.compile(r"瓦斯|突出|爆炸"), ("立即进入回风巷道躲避", "立即恢复供电后继续作业", "马上返回取回工具和物料")),
    (re.compile(r"冒顶|片帮|滑坡|垮塌"), ("立即进入冒落区抢运设备", "边观察边继续作业", "马上清理浮煤、恢复生产")),
    (re.compile(r"中毒|窒息"), ("立即进入现场施救、不佩戴防护用品", "马上打开门窗后继续作业", "立即抢运设备和物资")),
)
# The key's own act with its timing or order made wrong: done only once someone allows it, once the cause is known,
# once the scene is tidied (a scene kept for the inquiry is put after restarting), never at once.
_MODIFIER = re.compile(r"^(?:立即|迅速|及时|首先|尽快|马上|妥善)")
_URGENT = re.compile(r"^(?:立即|迅速|及时|尽快|马上)")
# An act ordered without a word of time, its verb in two other words, one for the late act and one for the act left
# to judgement (停止排土作业 → 待上级批准后再暂停排土作业, 视情况中止排土作业): the key's verb is one of three, not the
# one that differs from the others.
_REWORDED = {
    "停止": ("暂停", "中止"), "撤出": ("撤离", "退出"), "撤离": ("撤出", "退出"), "进行": ("开展", "组织"),
    "按照": ("依照", "参照"), "组织": ("安排", "指挥"), "启动": ("执行", "实施"),
}
# 退出 takes a place, not people: 撤出灾区所有人员 is left to judgement as 酌情疏散灾区所有人员.
_OF_PEOPLE = re.compile(r"人员|职工|工人")
# Delays; the last two are wrong acts done at once before the key's (立即向上级请示，待批准后再组织抢救), offered beside
# a key done at once.
_LATE = (
    "待上级批准后再", "待救护队到达后再", "先查明事故原因后再", "先向上级汇报、等待批复后再", "先抢运设备和物资，再",
    "立即向上级请示，待批准后再", "立即抢运设备和物资，再",
)
_LATE_SCENE = ("先清理现场后再", "先恢复生产，再", "待事故调查组到达后再")
# The key's act left to one's judgement instead of done at once: as short as the key and with no word of delay, so
# that an option without 先, 待 or 再 is not the key for it.
_AT_WILL = ("视情况", "酌情")
# An act that is a report to the state, or a party that is the state: agency procedure, not asked of the frontline.
_TO_THE_STATE = re.compile(r"人民政府|部门|监察|机关")
# The key must be a response of the same kind as the wrong acts (rescue, withdraw, stop, report, keep the scene, act on
# the plan): a technical step (加大灾区风量, 做好关闭防水闸门的准备) beside them stands out as the only expert answer.
_RESPONSE = re.compile(r"抢救|救治|自救|互救|撤出|撤离|疏散|预案|指挥部|停止|报告|报警|保护|消除|措施")
# A party whose work is the rescue itself (专职救护队应当在规定时间内到达…): going on working or saving equipment is no
# shortcut it could take; a party after 还 or 也 leans on an earlier sentence (…时，还必须加大灾区风量).
_NOT_ASKED_PARTY = re.compile(r"救护队|救援队|救援人员|(?:还|也|均)$")
# An act with another offered beside it (…应当立即启动应急预案，或者采取有效措施…): left to judgement is then arguable.
_ALTERNATIVE = re.compile(r"^[，；]?或")
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
        if "或" in act or _ALTERNATIVE.match(sentence[found.end(4) :]):
            continue
        if sentence.count(act) == 1:
            slots.append((sentence, found.start(4), act))
    return slots


def kind_acts(before: str) -> tuple[str, ...]:
    """The wrong acts of the emergency named before the blank (`_KIND_ACTS`), else the shortcuts of any accident."""
    return next((acts for kind, acts in _KIND_ACTS if kind.search(before)), WRONG_ACTS)


def _late_acts(sentence: str, act: str) -> list[str]:
    """The key with its timing or order made wrong (`_LATE`: 立即组织抢救 → 待上级批准后再组织抢救) or left to judgement
    (`_AT_WILL`: 酌情组织抢救); none when no delay fits. An act ordered
    without a word of time (停止排土作业) has its verb in other words (暂停排土作业), so that no option holds the key
    whole; one whose verb has none here gives none. 事故原因 is only 原因 before an accident (出现滑坡征兆时), and a
    delay whose words the sentence already holds (…，查明事故原因) is left out: filled back, it reads twice."""
    core = will = _MODIFIER.sub("", act)
    if core == act:
        verb = next((v for v in _REWORDED if act.startswith(v)), "")
        if not verb:
            return []
        core, will = (word + act[len(verb) :] for word in _REWORDED[verb])
        if will.startswith("退出") and _OF_PEOPLE.search(will):
            will = "疏散" + will[2:]
    delays = _LATE_SCENE if "保护" in core else _LATE
    accident = "事故" in sentence[: sentence.find(act)]
    delays = tuple(d if accident else d.replace("事故原因", "原因") for d in delays)
    late = [d + core for d in delays if not _common_run(re.sub(r"^立即|^[先待]|后?再$|，再$", "", d), sentence)]
    return late and [*late, *(w + will for w in _AT_WILL)]


def _common_run(words: str, text: str) -> str:
    """The longest run of four or more of the words that the text holds, or ''."""
    runs = (words[i:j] for i in range(len(words)) for j in range(i + 4, len(words) + 1))
    return max((r for r in runs if r in text), key=len, default="")


def single_action(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """发生火灾时，应当（ ），及时报警…: the act an emergency duty orders, beside two acts that are the key made late
    or put after the wrong thing and the key left to judgement (`_late_acts`), and one wrong move of that kind of emergency (`kind_acts`), none
    stated by a current article when filled back, on a sentence no other generator asks. Each item's own late acts
    keep the key from being the one option a run offers once, or the longest one."""
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
        late = [w for w in _late_acts(sentence, act) if not rule_elsewhere(before, w, after, pools)]
        delayed = [w for w in late if not w.startswith(_AT_WILL)]
        at_will = [w for w in late if w.startswith(_AT_WILL)]
        if not delayed or not at_will:
            continue
        # Beside a key done at once, a delay that opens on a wrong act done at once where one fits.
        urgent = [w for w in delayed if _URGENT.match(w)] if _URGENT.match(act) else []
        late = [rng.choice(urgent or delayed), rng.choice(at_will)]
        # One wrong move of this emergency, none that the sentence or a late act already says (先抢救设备和物资 beside
        # 先抢运设备和物资，再组织抢救 is the same shortcut twice).
        # Keeping it quiet is no wrong option where the sentence goes on to order the report (…，并及时上报).
        kind = [
            w for w in kind_acts(before)
            if not any(_common_run(w, t) for t in (sentence, *late)) and not rule_elsewhere(before, w, after, pools)
            and not (w.endswith("暂不上报") and "报" in after)
        ]
        kind = [w for w in kind if _URGENT.match(w)] if _URGENT.match(act) and any(map(_URGENT.match, kind)) else kind
        if not kind:
            continue
        options, answer = choice_options([act], [*late, rng.choice(kind)], rng)
        stem = stem_prefix(record, sentence) + before + BLANK + after + "。"
        return article_question(
            record, name, seed, "single", stem, options, answer, f"原文：“{sentence}。”",
            {"sentence": sentence, "position": start, "action": act},
        )
    return None
