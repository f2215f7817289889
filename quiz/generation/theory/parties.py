"""Duty-bearer questions (`single_party`: （ ）应当……): who bears the duty or holds the right, against duty-bearers of its
kind the article never names (`party_distractors`), or a frontline post (班组长, 瓦斯检查工, 爆破员 …) against other posts
at the act's place, the cited article's neighbours first (`frontline_distractors`, `neighbourhood`)."""

from __future__ import annotations

import random
import re

from quiz.bank.text import BLANK
from quiz.generation import articles as read
from quiz.generation import terms as kt
from quiz.generation.records import ArticleRecord, GeneratedQuestion
from quiz.generation.relevance import (
    THRESHOLD,
    asks_agencies,
    relevance,
)
from quiz.generation.similarity import similarity
from quiz.generation.theory.pools import TheoryPools, flattened, rule_elsewhere
from quiz.generation.theory.questions import article_question, article_rng, choice_options
from quiz.generation.theory.stems import refers_back, short_title, stem_prefix
from quiz.generation.wider_parties import given_the_act

_SITUATIONAL = re.compile(r"接到|接受|受理|发布|参与|参加|共同负责|发生|其他单位|有关单位")
# Parties of one class that play another role in a project than the mine itself: beside 煤矿企业 they are bodies as
# the key is, and the duty is not theirs (承包单位 is not the one to test the air underground).
_ROLES = ("设计单位", "勘察单位", "监理单位", "施工单位", "劳务派遣单位", "分包单位")
# Bodies of trades a mine's duties never concern: beside a mine's duty they are ruled out at a glance.
_OTHER_TRADES = re.compile(r"特种设备|危险化学品|爆炸物品|电梯|气瓶|锅炉|管道|水路|物业|捐赠|进出口|充装|出租|销售")


# The names a coal mine's rules give the employer itself: in a mine's documents 用人单位, 生产经营单位 and 煤矿企业 are one
# party, so two of them side by side, or one beside another as the key, are the same option twice (managers' blind
# read, T23).
THE_EMPLOYER = frozenset({"煤矿企业", "煤矿", "矿山企业", "煤炭企业", "用人单位", "生产经营单位", "企业", "单位"})
# A party named by a state it is in (不具备安全培训条件的煤矿企业, 临时停工停产的井工煤矿, 有热害的井工煤矿, 女职工比较多的
# 用人单位): out of its article it reads as absurd or as a case of the key, never as another duty-bearer (T23).
_IN_A_STATE = re.compile(r"^[^的]*(?:不|未|没有|无|有(?!关|限)|从事|比较|停工|停产|新任职)[^的]*的")
# A party that is a mine, whatever its state (井工煤矿, 临时停工停产的井工煤矿, 煤矿企业, 矿山企业).
_A_MINE = re.compile(r"煤矿|矿井|矿山")
_MINE_WORK = re.compile(r"井|矿|瓦斯|煤|爆破|采掘|通风|顶板|突出|水害|冲击地压|炸药|雷管")
# Bodies every other body of their class belongs to: beside them, a body in another role is one of them.
_GENERIC_BODY = re.compile(r"生产经营单位|用人单位|单位|企业")


def _own_work(party: str, rest: str) -> bool:
    """Whether the duty after `party` is about its own work: the mine's (井下, 瓦斯 …) or its trade's
    (特种设备使用单位应当对其使用的特种设备…)."""
    trade = _OTHER_TRADES.search(party)
    return bool(_MINE_WORK.search(rest) or trade and trade.group(0) in rest)


def _role(party: str) -> str:
    return next((role for role in _ROLES if party.endswith(role)), "")


def party_distractors(
    party: str,
    group: str,
    record: ArticleRecord,
    pools: TheoryPools,
    rng: random.Random,
    count: int = 3,
    rest: str = "",
) -> list[str]:
    """Duty-bearers of the key's kind (a body beside a body, a person beside a person) that the article never names:
    of other classes, or of the key's own class in another role (施工单位 beside 煤矿企业); same document first.

    Never a party of the key's own class in the same role (a broader party would also be right), never 工会: it is
    the only union party, so it would turn up in every question and give itself away, and never the state for a
    duty of the mine or its people (人民政府 beside 从业人员 is no real choice). A person key gets none: people
    overlap across classes (a manager who goes underground is also an 入井人员), so no other person is certainly
    wrong, and a body beside persons gives the key away. With `rest` (the sentence after the party), never one for
    whom some current article states it, nor one a current rule gives the act, itself or as one of a class
    (`wider_parties.given_the_act`: 应急管理部门, one of the 负有安全生产监督管理职责的部门). A key that names a mine
    (临时停工停产的井工煤矿, 煤矿企业) gets only parties that name a mine too: beside 勘察单位, 劳务派遣单位, 施工单位 it is the
    only mine and gives itself away (blind read 5, T19); with none to offer, the item is not asked. A state key gets none.
    """
    if read.is_person(party):
        return []
    if group == "state":
        # Enterprises beside an agency give the key away (managers' blind read 3, T32: 卫生行政部门 the only body of the
        # state beside 用人单位); other agencies overlap it (a government has every department under it, one trade
        # serves at every level, 卫生行政部门 is the 职业卫生监督管理部门), so none is certainly wrong.
        return []
    mine = bool(_A_MINE.search(party))
    queues: list[list[str]] = []
    for other_class in sorted(pools.subjects):
        if other_class == "union" or other_class == "state" and group in {"employer", "worker"}:
            continue
        same, other = [], []
        for candidate, title in sorted(pools.subjects[other_class]):
            if other_class == group and not (_role(candidate) and _role(candidate) != _role(party)
                                             and not _GENERIC_BODY.fullmatch(party) and _own_work(party, rest)):
                # 施工单位 is a 生产经营单位 and a 用人单位 too, and every employer owes its own staff 劳动防护用品 and a
                # 安全生产责任制: another role is wrong only for a duty of the key's own work (井下, 瓦斯, 采掘 …).
                continue
            if read.is_person(candidate) or candidate in record.text or party in candidate or candidate in party:
                continue
            if "、" in candidate or _SITUATIONAL.search(candidate) or _OTHER_TRADES.search(candidate) and not _OTHER_TRADES.search(party):
                continue  # 接到报告的单位: a party defined by a situation reads oddly out of its article
            if _IN_A_STATE.search(candidate) or candidate in THE_EMPLOYER and party in THE_EMPLOYER:
                continue  # 不具备安全培训条件的煤矿企业 is absurd as a duty-bearer; 用人单位 beside 煤矿企业 is the same party
            if rest and (rule_elsewhere("", candidate, rest, pools) or given_the_act(candidate, rest, pools.flat_corpus)):
                continue  # a current rule gives the act to it or to a class it is in (应急管理部门: managers' read 7, T8)
            if mine and not _A_MINE.search(candidate):
                continue  # the only mine among outside parties gives itself away
            (same if title == record.title else other).append(candidate)
        rng.shuffle(same)
        rng.shuffle(other)
        queues.append(same + [c for c in other if c not in same])
    chosen: list[str] = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            while queue:
                candidate = queue.pop(0)
                if candidate not in chosen and all(similarity(candidate, c) < 0.5 and (not _role(c) or _role(c) != _role(candidate))
                                                   and not {c, candidate} <= THE_EMPLOYER for c in chosen):
                    chosen.append(candidate)
                    break
            if len(chosen) == count:
                break
    rng.shuffle(chosen)
    return chosen if len(chosen) == count else []


# A duty towards the state (报…部门备案, 按照人民政府的批复, 书面告知…部门): who files with an agency is procedure,
# not what keeps a worker safe.
_TO_THE_STATE = re.compile(r"人民政府|部门|监察机构")


_PARTY_GENERIC = re.compile(r"单位|企业|部门|机构|人员")
# What only a state body has (本行政区域, 辖区, 本级人民政府): beside it a state key is the only option that fits.
_GOVERNS = re.compile(r"行政区域|辖区|本级人民政府|下级人民政府")


def _named_in(party: str, rest: str) -> bool:
    """Whether the rest of the sentence names what the party is (锅炉使用单位 beside …进行锅炉水质处理, 特种设备出租单位
    beside 不得出租…, 矿山企业 beside …矿山井下劳动): the key would be the only option that says it."""
    own = {party[i : i + 2] for i in range(len(party) - 1)} - {b for b in (party[i : i + 2] for i in range(len(party) - 1))
                                                             if _PARTY_GENERIC.search(b) or b[1] in "单企部机人"}
    return any(b in rest for b in own)


_FRONTLINE = re.compile(
    "(?:^|(?<=，))(" + "|".join(sorted((n for f in kt.FRONTLINE_POSTS for n in f), key=len, reverse=True)) + ")"
    "(?=应当|必须|不得|严禁)"
)
NEIGHBOURS = 2  # articles either side of the cited one whose frontline posts work at its place: offered first


def neighbourhood(record: ArticleRecord, pools: TheoryPools) -> str:
    """The article and the `NEIGHBOURS` articles either side of it in the corpus's order, flattened."""
    flat = flattened(record.text)
    lines = pools.flat_corpus.split("\n")
    if flat not in lines:
        return flat
    at = lines.index(flat)
    return "\n".join(lines[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1])


def frontline_distractors(
    party: str, record: ArticleRecord, pools: TheoryPools, rng: random.Random, rest: str, before: str = ""
) -> list[str]:
    """Three frontline posts of the key's level (`terms.FRONTLINE_POSTS`) that some current article names and that no
    current article binds to the key's act (`terms.bound_to_act`: a 班组长 bound to leave the blast last would be right
    beside 爆破员必须最后离开爆破地点). Each is at the act's place or process (`terms.at_the_act`, read on the whole
    sentence, `before` the post included: 通电以后拒爆时): a post going round the district or one bound to an act sharing
    a word with it or the key's process (the 班组长 and the 瓦斯检查工 at the blast); 探放水工 or 电工 beside a misfire
    give the key away (blind read 12, T12; managers' read 4, T14; item 407), so with fewer than three such posts the
    item is not asked. Those the article or its neighbours name come first. For a duty of directing others
    (`terms.SUPERVISORY_DUTY`: 组织作业人员自救互救) only posts that could organise (`terms.ORGANISING_POSTS`): a trade
    beside 班组长 there gives the key away (blind read 5, T22). Few posts work at one place, so a run asks one item of
    the same four posts only (`pipeline.fact_keys`)."""
    near = neighbourhood(record, pools)
    own = kt.frontline_family(party) or kt.organising_family(party)
    organising = bool(kt.SUPERVISORY_DUTY.search(rest))
    posts = kt.ORGANISING_POSTS if organising else kt.FRONTLINE_POSTS
    candidates = [
        family for family in posts
        if family != own and family[0] in pools.flat_corpus and not kt.bound_to_act(family, rest, pools.flat_corpus, own or ())
        and not _post_names_the_duty(family, rest) and not rule_elsewhere("", family[0], rest, pools)
        and (organising or kt.at_the_act(family, before + party + rest, pools.flat_corpus, own or ()))
    ]
    rng.shuffle(candidates)
    candidates.sort(key=lambda family: not any(n in near for n in family))
    return [family[0] for family in candidates[:3]] if len(candidates) >= 3 else []


def _post_names_the_duty(family: tuple[str, ...], rest: str) -> bool:
    """Whether a post's name says the duty's own act or object (安全检查工 beside 必须对工作面安全情况进行全面检查: checking
    is that post's work too, author's read of seed 7731): a word of its process (`terms.process_words`) in the duty's
    own clause. A later clause is another step (…扭结成短路；再等待…后，才可沿线路检查): its 检查 keeps no 检查工 away."""
    duty = re.split(r"[。；]", rest, maxsplit=1)[0]
    return any(w in duty for w in kt.process_words(family))


def _frontline_slots(record: ArticleRecord) -> list[tuple[str, int, str]]:
    """(sentence, start, post) for a frontline post bearing a duty (爆破前，班组长必须清点人数), the post at the head
    of the sentence or of a clause after its condition."""
    return [(s, m.start(1), m.group(1)) for s in read.sentences(record.text) for m in _FRONTLINE.finditer(s)
            if s.count(m.group(1)) == 1 and not refers_back(s)]


def single_party(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """（ ）应当……: who bears the duty or holds the right, against other duty-bearers; a frontline post (班组长,
    瓦斯检查工, 爆破员 …) against other frontline posts (`frontline_distractors`)."""
    name = "theory.single_party"
    rng = article_rng(seed, name, record)
    # Who bears a duty is a weak question at best: only on a sentence whose item would reach the run's threshold.
    frontline = [(s, i, p) for s, i, p in _frontline_slots(record) if relevance(record.text, s, record.path) >= THRESHOLD]
    rng.shuffle(frontline)
    for sentence, start, party in frontline:
        rest = sentence[start + len(party) :]
        wrong = frontline_distractors(party, record, pools, rng, rest, sentence[:start])
        if len(wrong) < 3:
            continue
        options, answer = choice_options([party], wrong, rng)
        stem = stem_prefix(record, sentence) + sentence[:start] + BLANK + rest + "。"
        return article_question(
            record, name, seed, "single", stem, options, answer, f"原文：“{sentence}。”",
            {"sentence": sentence, "position": start, "group": "frontline"},
        )
    slots = [(s, found) for s in read.sentences(record.text)
             if (found := read.subject(s)) and not refers_back(s) and relevance(record.text, s, record.path) >= THRESHOLD]
    rng.shuffle(slots)
    for sentence, (party, group) in slots:
        rest = sentence[len(party) :]
        if party in rest or _TO_THE_STATE.search(rest) and not asks_agencies() or _named_in(party, rest):
            continue
        if group == "state" and _GOVERNS.search(rest):
            continue  # …制定本行政区域内…预案: only a government has a 行政区域, the key is the only one that could
        if party in short_title(record.title):
            continue  # 乡镇煤矿 under 《乡镇煤矿管理条例》 (blind read 3, T33): the stem's citation names the key
        wrong = party_distractors(party, group, record, pools, rng, rest=rest)
        if len(wrong) < 3:
            continue
        options, answer = choice_options([party], wrong, rng)
        stem = stem_prefix(record, sentence) + BLANK + rest + "。"
        return article_question(
            record,
            name,
            seed,
            "single",
            stem,
            options,
            answer,
            f"原文：“{sentence}。”",
            {"sentence": sentence, "position": 0, "group": group},
        )
    return None
