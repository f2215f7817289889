"""What the employer may do to a worker: whether a question asks if the employer may do something to
him, and whether an article forbids it.

A worker asks whether the mine may do something to him, in his own words: 娃还没断奶单位让加班能不去不,
矿上能不能扣我工资, 工伤期间能把我辞了吗, 入职时矿上把我身份证扣下了不还 这能行吗, 矿上让签个出了事自己
负责的协议 这协议算数吗, 俺弟17岁 矿上能让他下井挖煤不. The law answers with a prohibition binding the
employer (女职工哺乳不满1周岁的孩子时，用人单位不得安排她加班或上夜班; 用人单位招用劳动者，
不得扣押劳动者的居民身份证; 不得安排未成年工从事矿山井下…的劳动) or a clause voiding what it did (an
agreement by which the employer sheds its liability for the worker's safety: 该协议无效), in words the worker does not use (加班 /
延长劳动时间, 扣工资 / 克扣, 辞了 / 解除劳动合同, 17岁 / 未成年工).

Each act is a class of everyday words (ACTS: 加班, 辞了, 扣工资, 押身份证) and the law's words for it
after 不得/禁止 (延长, 解除, 克扣, 扣押). A question asks about the employer's act when it names the
employer (矿上, 单位, 老板, 队里, 厂里) or imposes the act (让, 逼, 安排, 排, 招来), tells one of the acts,
and asks whether it is allowed (能, 可以, 行, 合法, 算数, …吗/不) rather than what to do or who acts
(咋办, 谁). What the worker himself does (我能不去吗) is a right of his (kb.rights), a thing to use or a
place to enter the rule on it (kb.kinds): neither names an act of ACTS.

An article forbids the act when, in one of its sentences, 不得/禁止/严禁 is followed by the law's words
for it and the party before it is the employer (用人单位, 生产经营单位, 煤矿企业) or none (不得安排未成年工…:
whoever employs), not a worker, a leader nor an office; or when the sentence voids (无效) what the
employer agreed to in those words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb.highlight import sentences
from kb.hits import Hit, joined
from kb.parties import bearer_class
from kb.query import QueryPlan
from kb.scoring import fetched_answering

if TYPE_CHECKING:
    from kb.search import KnowledgeBase


@dataclass(frozen=True)
class Act:
    """One act an employer may do to a worker: the everyday words telling it, the law's words for it."""

    name: str
    said: re.Pattern[str]  # the act as a worker tells it
    law: tuple[str, ...]  # the law's words for it after 不得 (each an indexed word, to fetch with)
    other: re.Pattern[str] | None = None  # in a prohibition, the words naming others than those asked


# 我辞了 is the worker's own leaving, 把我辞了 a dismissal
_NOT_HIS_OWN = r"(?:把(?:我|俺|他|她)|(?<!我)(?<!俺))"
ACTS: tuple[Act, ...] = (
    Act("waiver", re.compile(r"生死(?:合同|协议|状)|(?:协议|合同)[^？?]{0,12}(?:算数|有效|管用)|"
                             r"(?:自己|单位|矿上|矿里|老板)(?:不)?负责的(?:协议|合同)|不负责的(?:协议|合同)|免责"),
        ("免除", "减轻")),
    # 16 and 17 are 未成年工, whom the ban on hiring those 未满十六周岁 is not about; 14 and 15 are children
    Act("minor", re.compile(r"(?<![\d.])1[67]岁|(?<![一二三四五六七八九])十[六七]岁|(?:不到|没满|未满)(?:18|十八)|"
                           r"(?:才|刚)(?:1[67](?!\d)|十[六七](?![一二三四五六七八九]))|未成年"),
        ("未成年工", "未成年人"), re.compile(r"未满(?:十六|16)周?岁")),
    Act("child", re.compile(r"(?<![\d.])1[45]岁|(?<![一二三四五六七八九])十[四五]岁|童工|"
                           r"(?:才|刚|不到|没满|未满)(?:1[4-6](?!\d)|十[四五六](?![一二三四五六七八九]))"),
        ("童工", "未成年人")),
    Act("pledge", re.compile(r"押金|保证金|担保|押着|(?:扣|收|押|拿)[^，,。？?\s]{0,4}(?:身份证|证件)|"
                             r"(?:身份证|证件)[^，,。？?\s]{0,6}(?:扣|收|押)"),
        ("扣押", "担保")),
    Act("dismiss", re.compile(_NOT_HIS_OWN + r"辞(?:了|掉|退)|开除|解雇|炒(?:了|掉)|解除(?:劳动)?合同|撵走|赶走|不要我"),
        ("解除", "辞退")),
    Act("wages", re.compile(r"(?:扣|降|减|停)(?:我|俺|他|她)?的?(?:工资|钱|奖金|待遇)|(?:工资|待遇)[^，,。？?\s]{0,3}(?:扣|降|减)|"
                            r"克扣|拖欠|少发|不发(?:工资|钱)"),
        ("克扣", "拖欠", "降低")),
    Act("night", re.compile(r"夜班"), ("夜班",)),
    Act("overtime", re.compile(r"加班|加点|延长(?:工作|劳动)?时间"), ("延长", "加班")),
    Act("penalty", re.compile(r"违约金"), ("违约金",)),
)
_BY_NAME = {act.name: act for act in ACTS}

# The employer named, or the act imposed on the worker (让他, 逼着, 排她夜班, 招来).
_EMPLOYER = re.compile(r"矿上|矿里|矿方|单位|公司|企业|厂里|厂子|老板|队里|领导|他们|用人")
_IMPOSED = re.compile(r"让|叫|逼|强迫|安排|排|招|辞|开除|解雇|扣|押|收")
# Asked whether it is allowed, not what to do about it (咋办), who acts (谁) nor whether what happened
# is a 工伤 (在单位加班时突发心脏病死亡算工伤吗).
_ALLOWED = re.compile(r"能|可以|可不可以|行|合法|违法|合理|算数|有效|允许|准|中不中|[吗么]|不\s*$")
_NOT_ALLOWED_ASKED = re.compile(r"怎么办|咋办|咋整|怎么整|怎么弄|谁|多少|几[天个次倍年月]|多久|多长|算(?:不算)?工伤")
# A question also telling of insurance premiums (工伤保险的钱矿上从我工资里扣) asks who pays them.
_PREMIUM = re.compile(r"保险")


def asked_act(question: str) -> str:
    """The act (a name of ACTS) a question asks whether the employer may do to the worker, "" for none."""
    if _NOT_ALLOWED_ASKED.search(question) or not _ALLOWED.search(question):
        return ""
    if not (_EMPLOYER.search(question) or _IMPOSED.search(question)):
        return ""
    # the act told first (逼着加班 不加就扣钱: the overtime, the deduction only what follows a refusal)
    told = [
        (found.start(), act.name) for act in ACTS if (found := act.said.search(question))
        and not (act.name == "wages" and _PREMIUM.search(question))
    ]
    return min(told)[1] if told else ""


# How the law forbids: 不得/禁止/严禁 before the act; 无效 after what was agreed.
_FORBIDS = re.compile(r"不得|禁止|严禁|不准|无效")
_CLAUSE = re.compile(r"[，,；;：:]")
_EMPLOYER_WORDS = re.compile(r"用人单位|生产经营单位|煤矿企业|单位|企业|雇主")
_CIRCUMSTANCE = re.compile(r"\s*(?:在|对|因|当|凡|除)")
_HOLDERS = ("employer", "")  # the employer, or no party at all (不得安排未成年工…)


def forbids(text: str, name: str) -> bool:
    """Whether `text` forbids the employer the act `name` (a name of ACTS)."""
    return bool(forbidding_sentence(text, name))


def forbidding_sentence(text: str, name: str) -> str:
    """The sentence of `text` forbidding the employer the act `name`, "" when none does."""
    act = _BY_NAME.get(name)
    if act is None:
        return ""
    for start, end in sentences(text):
        sentence = text[start:end]
        if any(_forbidden_in(sentence, found, act) for found in _FORBIDS.finditer(sentence)):
            return sentence
    return ""


def _forbidden_in(sentence: str, found: re.Match[str], act: Act) -> bool:
    """Whether the prohibition `found` in `sentence` forbids the employer `act`."""
    if found.group(0) == "无效":  # …订立协议，免除或者减轻其…责任的，该协议无效
        return bool(_EMPLOYER_WORDS.search(sentence)) and any(word in sentence[: found.start()] for word in act.law)
    if not any(word in sentence[found.end() :] for word in act.law):
        return False
    if act.other is not None and act.other.search(sentence[found.end() :]):
        return False  # 禁止…招用未满十六周岁的未成年人 asked of a 17-year-old
    clauses = _CLAUSE.split(sentence[: found.start()])
    holder = clauses[-1].strip()
    if not holder and len(clauses) > 1:  # 用人单位招用劳动者，不得扣押…: the party opening the clause before
        holder = clauses[-2] + "，"
    # a clause telling when (在…期间，不得解除…) names no party
    return _CIRCUMSTANCE.match(holder) is not None or bearer_class(holder) in _HOLDERS


# -- the articles forbidding the act asked, among the candidates ask reads -----------------------

LOOKUP = 40  # articles holding 不得 (or 无效) and a word of the act, fetched per word
FORBIDDING_HITS = 3  # …of which those sharing most of the question join the candidates read


def with_forbidding(kb: KnowledgeBase, plan: QueryPlan, hits: list[Hit], name: str, depth: int) -> list[Hit]:
    """`hits` with the articles forbidding the employer the act `name` among the first `depth`, in place
    of the last of those that do not forbid it."""
    act = _BY_NAME.get(name)
    if act is None:
        return hits
    lookups = [[(mark, 1.0), (word, 1.0)] for word in act.law for mark in ("不得", "无效")]
    found = fetched_answering(kb, plan, hits[:depth], lookups, lambda text: forbids(text, name), FORBIDDING_HITS, LOOKUP)
    return joined(hits, found, depth, lambda hit: forbids(hit.text, name))
