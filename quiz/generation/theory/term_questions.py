"""Key-term questions: a curated term of a rule (`terms`: device, place, gas, document …) asked against terms of its class
(`single_term`) or blanked (`blank_term`; in a sentence ordering an emergency action the action, in an article with no
term a member of the safety 方针 or a period said in words). Which terms are asked and which are left alone: once in a
normative sentence, not in a series or an open list, not the owner of the thing the rule is about (`possessor`), not
the means its case opens on (`case_means`), not named in an earlier sentence (`named_before`) …"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from quiz.bank.text import BLANK
from quiz.generation import articles as read
from quiz.generation import terms as kt
from quiz.generation.records import ArticleRecord, GeneratedQuestion
from quiz.generation.relevance import (
    frontline_first,
    worth_a_worker,
)
from quiz.generation.subjects import said_of_another
from quiz.generation.theory.numbers import period_slots
from quiz.generation.theory.pools import TheoryPools, flattened
from quiz.generation.theory.questions import article_question, article_rng, blank_answer, choice_options
from quiz.generation.theory.stems import places, refers_back, stem_prefix
from quiz.generation.theory.term_distractors import placed_alike, term_distractors


def _term_slots(record: ArticleRecord) -> list[tuple[str, int, str]]:
    """(sentence, start, term) for curated terms that occur once in a normative sentence, which does not
    name them elsewhere (`terms.named_elsewhere`: 外喷雾 beside a blank keyed 内喷雾装置); no document name or
    place (`terms.NOT_ASKED_CLASSES`); no term naming a system to keep (…（ ）制度)."""
    slots = []
    for sentence in read.sentences(record.text):
        if not read.NORMATIVE.search(sentence) or not worth_a_worker(sentence) or refers_back(sentence):
            continue  # 也应当设置（压风自救装置）: the sentence it refers back to names the key (managers' blind read, T30)
        for start, term in kt.term_spans(sentence):
            if kt.FAMILY[term][0] in kt.NOT_ASKED_CLASSES:
                continue
            if named_before(record, sentence, term):
                continue
            if sentence[start + len(term) :].startswith("制度"):
                continue  # 必须建立（应急演练）制度: a mine keeps many systems, any other named would be as true
            if splits_a_pair(sentence, start, term):
                continue  # 建成防、（排水系统）: only the key reads after 防、 (managers' blind read 5, T18)
            if sentence.count(term) == 1 and not kt.named_elsewhere(sentence, start, term):
                slots.append((sentence, start, term))
    # What the people do when the main fan stops before the plan the mine draws up for it (blind read 5, T38).
    return frontline_first(slots, lambda slot: (slot[0], ""), record.text)


# One-character members of a pair sharing the rest of a term (防、排水系统, 进、回风巷, 上、下山, 采、掘工作面).
_PAIRS = frozenset(frozenset(pair) for pair in ("防排", "进回", "上下", "采掘", "主副", "内外", "前后", "左右", "供排", "装卸"))


def splits_a_pair(sentence: str, start: int, term: str) -> bool:
    """Whether the term closes a pair whose first member is one character sharing the term's rest (建成防、排水系统: the
    防 is 防水): blanked, the pair is split and only the key reads after it."""
    return start >= 2 and sentence[start - 1] == "、" and frozenset(sentence[start - 2] + term[0]) in _PAIRS


# The owner of a part the sentence's rule is about (（主要通风机）的风硐必须设置风压传感器): the part belongs to it by
# definition, so a blank with no options gives itself away and the required thing is what to know (managers' blind
# read, T9). A single choice still asks it: its options make it which kind (（单体液压支柱）的初撑力 beside other supports).
_OWNS_THE_HEAD = re.compile(r"^的[\u4e00-\u9fa5]{1,8}?(?:必须|应当|严禁|不得|不应|禁止|不准)")


def possessor(sentence: str, start: int, term: str) -> bool:
    """Whether the term opens its sentence or clause as the owner of the thing the rule is about (`_OWNS_THE_HEAD`)."""
    return (start == 0 or sentence[start - 1] in "，；：") and bool(_OWNS_THE_HEAD.match(sentence[start + len(term) :]))


# The means a sentence's case opens on (使用（局部通风机）通风的掘进工作面，不得无计划停风: blind read 18, T15): the case
# the rule holds in, not the rule, and the word after it (通风) leaves one filler; the rule is what to know.
_MEANS_BEFORE = re.compile(r"(?:^|[，；：])(?:在)?(?:使用|采用|利用|用)$")
_MEANS_AFTER = re.compile(r"^[\u4e00-\u9fa5]{0,6}的[^，。；]{1,16}[，,]?(?:必须|应当|严禁|不得|禁止|不准|应(?!急|用|力|变|答|聘))")


def case_means(sentence: str, start: int, term: str) -> bool:
    """Whether the term is the means the case of its sentence or clause opens on (`_MEANS_BEFORE`, `_MEANS_AFTER`)."""
    return bool(_MEANS_BEFORE.search(sentence[:start]) and _MEANS_AFTER.match(sentence[start + len(term) :]))


def named_before(record: ArticleRecord, sentence: str, term: str) -> bool:
    """Whether an earlier sentence of the paragraph names the term: the sentence goes on about that thing (反向风门必须
    关闭。（反向风门）距工作面的距离…), and the lead that says where and what it is names the key (managers' blind read,
    T17)."""
    return any(term in whole[:at] for whole, at in places(record, sentence))


def _gas_with_its_limit(sentence: str, start: int, term: str) -> bool:
    """Whether a gas stands in a clause with a figure (the CO alarm level, 报警浓度大于或者等于0.0024%): the figure is the fact to
    know and the number generators ask it; the gas name blanked beside it tests little (blind read 5, T7). A single
    choice still asks it: there the options make it which gas has this limit (采掘工作面风流中（二氧化碳）浓度达到1.5%时…
    beside other gases, accepted in blind read 5 as T17), and a gas another article pairs with the figure is left out
    (`paired_elsewhere`)."""
    if kt.FAMILY[term][0] not in kt.GAS_CLASSES:
        return False
    head = re.split(r"[，。；：]", sentence[:start])[-1]
    tail = re.split(r"[，。；：]", sentence[start + len(term) :], maxsplit=1)[0]
    return bool(read.quantities(head) or read.quantities(tail))


def placed_beside(sentence: str, start: int, term: str, record: ArticleRecord, pools: TheoryPools) -> bool:
    """Whether a term of the key's class but another family is set where the sentence sets the key (`placed_alike`):
    a blank written with it would be as true (blind read 14, T20, as a blank)."""
    cls, own = kt.FAMILY[term]
    after = sentence[start + len(term) :]
    return any(placed_alike(name, term, after, record.title, pools)
               for index, family in enumerate(kt.TERM_CLASSES[cls]) if index != own for name in family)


# A series the sentence leaves open (…（ ）、二氧化硫等有害气体): any member of the key's class fits the blank as well.
_OPEN_SERIES = re.compile(r"^(?:、[^，。；：、]{1,12})*[^，。；：、]{0,4}等(?!级)")


def _in_open_series(sentence: str, start: int, term: str) -> bool:
    """Whether the term opens or stands in a series closed by 等 (存在硫化氢、二氧化硫等有害气体时, blind read 4 T14)."""
    return bool(_OPEN_SERIES.match(sentence[start + len(term) :]))


# Gases named as a kind (…等有害气体, 其他有害气体): the rule is about every harmful gas, so another gas in the blank
# keeps it true (…存在（硫化氢）、二氧化硫等有害气体时，应当加强通风: ventilating lowers CO or CH4 as well, blind read 4 T14).
_GASES_AS_A_KIND = re.compile(r"有害气体|有毒气体|其他[^，。；]{0,4}气体")


def _speaks_of_every_gas(sentence: str, term: str) -> bool:
    """Whether the term is a gas (`terms.GAS_CLASSES`) in a sentence about harmful gases in general."""
    return kt.FAMILY[term][0] in kt.GAS_CLASSES and bool(_GASES_AS_A_KIND.search(sentence))


def single_term(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """A key term of a rule (device, document, place, gas, certificate, system) against same-class terms."""
    name = "theory.single_term"
    rng = article_rng(seed, name, record)
    # Not a field of work in a series (加强通风、（ ）、顶板、防火管理): the siblings give the key away (瓦斯, of 一通三防).
    # Not a member of an open series, nor a gas where the rule is about every gas: the wrong options would be true too.
    slots = [(s, i, t) for s, i, t in _term_slots(record)
             if not _field_of_work(s, i, t) and not _in_open_series(s, i, t) and not _speaks_of_every_gas(s, t)]
    rng.shuffle(slots)
    for sentence, start, term in slots:
        wrong = term_distractors(sentence, start, term, record, pools, rng)
        if len(wrong) < 3:
            continue
        stem = stem_prefix(record, sentence) + sentence[:start] + BLANK + sentence[start + len(term) :] + "。"
        options, answer = choice_options([term], wrong, rng)
        return article_question(
            record,
            name,
            seed,
            "single",
            stem,
            options,
            answer,
            f"原文：“{sentence}。”",
            {"sentence": sentence, "position": start, "term": term, "class": kt.FAMILY[term][0]},
        )
    return None


_SERIES = set("、和与及或")
BLANK_TERM_LONGEST = 6  # 突出煤层采掘工作面 is a phrase of place, not a term a worker writes in from memory


def _in_series(sentence: str, start: int, term: str) -> bool:
    """Whether the term at `start` stands in a series (…、term、… or …和term)."""
    return sentence[start - 1 : start] in _SERIES or sentence[start + len(term) : start + len(term) + 1] in _SERIES


_FIELD_OF_WORK = re.compile(r"^(?:[^，。；：]*?、)?[^，。；：]{0,4}?(?:管理|防治|治理|工作(?!面))")


def _field_of_work(sentence: str, start: int, term: str) -> bool:
    """Whether the term is one of a series of fields of work (通风、瓦斯、顶板、防火管理), not a thing to name."""
    return _in_series(sentence, start, term) and bool(_FIELD_OF_WORK.match(sentence[start + len(term) :]))


def _has_other_names(term: str) -> bool:
    """Whether the term's family has other names (安全监控系统 beside 安全监测监控系统)."""
    cls, index = kt.FAMILY[term]
    return len(kt.TERM_CLASSES[cls][index]) > 1


_OPEN_LIST = re.compile(r"^[^，。；：、]{0,4}等")


def _heads_open_list(sentence: str, start: int, term: str) -> bool:
    """Whether the term stands for a list left open by 等 (佩戴安全帽等个体防护用品): other items fit the blank too."""
    return bool(_OPEN_LIST.match(sentence[start + len(term) :]))


# No word of time or manner without a figure is blanked (立即, 及时, 定期, 经常性): 必须（定期）调校 says no more than "now
# and then", and a worker who writes 马上 or 及时 for 应当（立即）报告 is as right as the key (frontline read 16, T26). A
# quantity (`_number_slots`), a period said in words (`period_slots`) or a key term of the sentence is asked instead.


# The 方针 or 原则 safety work keeps, four characters a member (坚持安全第一、预防为主、综合治理的方针): learnt by heart at
# induction, one member is asked.
_PRINCIPLE = re.compile(r"坚持((?:[\u4e00-\u9fa5]{4}、){2,5}[\u4e00-\u9fa5]{4})的(?:方针|原则)")


def _principle_slots(record: ArticleRecord) -> list[tuple[str, int, str]]:
    """(sentence, start, member) for each member of a 方针 or 原则 a sentence worth a worker's time names once."""
    slots = []
    for sentence in read.sentences(record.text):
        if not worth_a_worker(sentence):
            continue
        for match in _PRINCIPLE.finditer(sentence):
            start = match.start(1)
            for member in match.group(1).split("、"):
                if sentence.count(member) == 1:
                    slots.append((sentence, start, member))
                start += len(member) + 1
    return slots


# An emergency action a duty orders (`terms.EMERGENCY_ACTIONS`): right after 必须/应当 (and 立即), or after other acts of
# the same series (必须立即停止工作、切断电源; 必须停电、验电、放电), standing alone before a comma, a 、 or the end (停电撤人
# is one order, 断电仪 a device, 停电时 a condition).
_ACTION_WORDS = "|".join(sorted((w for f in kt.EMERGENCY_ACTIONS for w in f), key=len, reverse=True))
_ACTION = re.compile(rf"(?<=必须|应当)(?:立即)?((?:[\u4e00-\u9fa5]{{2,4}}、){{0,3}})({_ACTION_WORDS})(?=[，、。；]|$)")


def _action_slots(record: ArticleRecord) -> list[tuple[str, int, str]]:
    """(sentence, start, action) for each emergency action a duty of a normative sentence worth a worker's time orders
    (`_ACTION`), named once and no other word of its family in the sentence (停电 beside 切断电源 would read as the key)."""
    slots = []
    for sentence in read.sentences(record.text):
        if not read.NORMATIVE.search(sentence) or not worth_a_worker(sentence) or refers_back(sentence):
            continue
        for match in _ACTION.finditer(sentence):
            action = match.group(2)
            family = kt.action_family(action) or (action,)
            if sentence.count(action) == 1 and not any(w in sentence for w in family if w != action and w not in action):
                slots.append((sentence, match.start(2), action))
    return frontline_first(slots, lambda slot: (slot[0], ""))


def head_repeated(sentence: str, start: int, term: str) -> bool:
    """Whether the sentence names the term's head elsewhere, which half gives the blank away: （主要通风机）的运转 …由专职司机负责, the
    司机 logging the 通风机's running every hour… (blind read 8, T38). The head is an end of the term of three
    characters or more, or a term in its own right (风门 of 反向风门)."""
    rest = sentence[:start] + "|" + sentence[start + len(term) :]
    return any(term[-size:] in rest for size in range(2, len(term))
               if size >= 3 or term[-size:] in kt.FAMILY)


# What is set or installed at a place (…连接处，必须设置（阻车器）), and where the install word stands.
_SETS = re.compile(r"(?:设置|安设|安装|装设|设有|配备|配置|设)")
_SHARED_PLACE = 5


def set_beside(record: ArticleRecord, sentence: str, start: int) -> bool:
    """Whether a blank is the thing set at a place (…必须设置（ ）) and another sentence of the article sets something
    else at that place: …连接处，必须设置（阻车器） beside …连接处必须设
    栅栏 (blind read 8, T7) — 栅栏 is as true an answer. The place is shared when the words before the two install words
    have `_SHARED_PLACE` characters in a row in common."""
    before = sentence[:start]
    if not re.search(r"(?:设置|安设|安装|装设|设有|配备|配置|设)(?:有)?$", before):
        return False
    place = re.sub(r"(?:必须|应当|应)?(?:设置|安设|安装|装设|设有|配备|配置|设)(?:有)?$", "", before)
    for other in read.sentences(record.text) + [p for p in read.clean_paragraphs(record.text)]:
        if flattened(sentence) in flattened(other):
            continue
        for found in _SETS.finditer(other):
            matcher = SequenceMatcher(None, flattened(place), flattened(other[: found.start()]), autojunk=False)
            if matcher.find_longest_match().size >= _SHARED_PLACE:
                return True
    return False


def blank_term(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """……井下和（ ）内不得进行电焊……: a key term of a rule (device, place, gas, document …) blanked; in an article
    with none, a member of the 方针 safety work keeps (坚持安全第一、（预防为主）、综合治理的方针: `_principle_slots`) or
    the period of a once-per-period rule (每（ ）至少试验1次: `period_slots`). Never a word of time or manner (立即)."""
    name = "theory.blank_term"
    # In a sentence that orders an emergency action, the action is the fact and a device or place the frame that sets it
    # off: a main fan stopping, …立即停止工作、（切断电源） asks what to do, not which fan (`_action_slots`).
    actions = _action_slots(record)
    slots = [slot for slot in _term_slots(record) if slot[0] not in {a[0] for a in actions}]
    # Not a term in a series (井口房、（ ）、检修硐室): with no options, any sibling would read as well. Not a term
    # with other names (安全监控系统, 安全监测监控系统, 监测监控系统): a worker who writes another is right too. Not a
    # term before 等 (佩戴（ ）等个体防护用品, blind read 3 T21): the list is open, 自救器 or 防尘口罩 fit as well. Not a
    # gas beside its figure (（一氧化碳）报警浓度大于或者等于0.0024%, blind read 5 T7): the figure is what to know.
    slots = [
        (s, i, t) for s, i, t in slots
        if len(t) <= BLANK_TERM_LONGEST and not _in_series(s, i, t) and not _has_other_names(t)
        and not _heads_open_list(s, i, t) and not _gas_with_its_limit(s, i, t)
        and not head_repeated(s, i, t) and not set_beside(record, s, i) and not possessor(s, i, t)
        and not case_means(s, i, t)  # 使用（ ）通风的掘进工作面，不得…: the case, and only one word fits
        and not said_of_another(s, i, t, pools.flat_corpus)  # （ ）必须安装内、外喷雾装置: the 掘进机 too (`subjects`)
        and not placed_beside(s, i, t, record, pools)  # （ ）应当在矿调度室设置…: 安全监控系统 is set there too (T20)
    ]
    if slots:
        asked = single_term(record, pools, seed)  # its stem would read the same: take another sentence
        slots = [s for s in slots if asked is None or s[0] != asked.inputs["sentence"]]
    slots = actions + slots or _principle_slots(record) + period_slots(record)
    if not slots:
        return None
    sentence, start, term = article_rng(seed, name, record).choice(slots)
    stem = stem_prefix(record, sentence) + sentence[:start] + BLANK + sentence[start + len(term) :] + "。"
    family = kt.action_family(term)
    # An action is written in the words of its family (切断电源, 断电, 停电): all accepted, the key's own first; a machine or
    # device in its everyday names too (皮带机 for 带式输送机).
    answer = blank_answer([term] + [w for w in family if w != term] if family else kt.accepted_names(term))
    cls = kt.FAMILY[term][0] if term in kt.FAMILY else "应急行动" if family else "方针"
    return article_question(
        record, name, seed, "blank", stem, (), answer, f"原文：“{sentence}。”",
        {"sentence": sentence, "position": start, "term": term, "class": cls},
    )
