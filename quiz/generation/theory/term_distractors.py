"""Wrong terms for a key-term question (`term_distractors`): terms of the key's class, of other families, that other
articles use and this one never does, kept only when certainly wrong here: found in the corpus beside the blank's words
(`fits_the_slot`, `forms_the_compound`), not paired elsewhere with the same figure (`paired_elsewhere`), not set at the
same place by the same document (`required_at_the_place`, `placed_alike`), not listed with the key nearby
(`listed_nearby`), not a duty in force too (`done_elsewhere`)."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

from quiz.generation import articles as read
from quiz.generation import preconditions, wider_places
from quiz.generation import terms as kt
from quiz.generation.records import ArticleRecord
from quiz.generation.similarity import similarity
from quiz.generation.theory.parties import neighbourhood
from quiz.generation.theory.pools import TheoryPools, flattened

COLLOCATION = 2  # characters either side of a blank a distractor must be found beside somewhere in the corpus
# What every gas has: 硫化氢浓度 is as plausible as 甲烷浓度 though the corpus happens to write only …硫化氢、….
_ANY_GAS_HAS = ("浓度", "含量", "的浓度", "的含量")
# Other gases joined to the blank before what they have (（ ）或者二氧化碳浓度达到0.75%: the blank's gas has the 浓度 too).
_GASES_JOINED = re.compile(
    "^(?:(?:或者|或|和|与|、)(?:" + "|".join(sorted((t for t, (c, _) in kt.FAMILY.items() if c in kt.GAS_CLASSES),
                                                   key=len, reverse=True)) + "))+"
)


def fits_the_slot(candidate: str, before: str, after: str, pools: TheoryPools) -> bool:
    """Whether some current article uses `candidate` beside the words around the blank (the two characters after it, or
    else the two before): 氨气喷出 is not found, so 氨气 is no choice for 有（ ）喷出 (blind read 5, T16); before 浓度 or
    含量 (`_ANY_GAS_HAS`) any gas fits."""
    if not pools.flat_corpus or _GASES_JOINED.sub("", after).startswith(_ANY_GAS_HAS):
        return True
    right, left = flattened(after)[:COLLOCATION], flattened(before)[-COLLOCATION:]
    return (len(right) == COLLOCATION and candidate + right in pools.flat_corpus
            or len(left) == COLLOCATION and left + candidate in pools.flat_corpus)


# A blank whose term runs on into a noun it names a part or a place of (破碎车间、（带式输送机）走廊、转载点): a wrong option
# must be found before that noun somewhere too, or the one option that makes a real thing gives the key away (blind read
# 10, T20: no 架空乘人装置走廊, 电机车走廊 or 提升机走廊). The noun is a short word closed by 、 or 等, as in a series of
# places; a verb or a time after the term (（视频监视系统）传输与…, （带式输送机）启动时…) is no such noun.
_COMPOUND_HEAD = re.compile(r"^((?:(?![和及与等])[\u4e00-\u9fa5]){2,4}?)[、等]")
_NO_HEAD = re.compile(r"[时前后中内上下外间]$|^(?:必须|应当|严禁|不得|禁止|不准|应|和|与|及|或|的|等)")


def compound_head(after: str) -> str:
    """The noun the blank's term runs on into (走廊 of （ ）走廊、转载点), or ""."""
    found = _COMPOUND_HEAD.match(flattened(after))
    return found.group(1) if found and not _NO_HEAD.search(found.group(1)) else ""


def forms_the_compound(candidate: str, head: str, pools: TheoryPools) -> bool:
    """Whether some current article writes `candidate` right before `head`."""
    return not pools.flat_corpus or candidate + head in pools.flat_corpus


def term_distractors(
    sentence: str, start: int, term: str, record: ArticleRecord, pools: TheoryPools, rng: random.Random, count: int = 3
) -> list[str]:
    """Terms of the same class, other families, that some other article uses and this article never does.

    A candidate is dropped when any name of its family occurs in the article (瓦斯 for 甲烷), when
    it contains or is contained in the answer, when it is one character from the answer or a
    chosen one, and when the sentence with it filled in is found anywhere in the corpus.
    """
    cls, own = kt.FAMILY[term]
    before, after = sentence[:start], sentence[start + len(term) :]
    candidates = []
    for index, family in enumerate(kt.TERM_CLASSES[cls]):
        if index == own or any(name in record.text for name in family):
            continue
        for candidate in family:
            if candidate in kt.FAMILY_ONLY:
                continue
            users = pools.terms.get(candidate, set()) - {record.key}
            if not users or candidate in term or term in candidate or kt.one_character_apart(candidate, term):
                continue
            if similarity(candidate, term) >= 0.5:
                continue
            candidates.append((candidate, index))
    # 排水系统 beside …供电、通风、排水、通信…和（ ）正常运行: the sentence already names it, so it is no choice.
    candidates = [(c, i) for c, i in candidates if not any(b in before + after for b in kt.telling_bigrams(c))]
    # …建立疏水、防水和（排水系统）: the series' members share 水 with the key, so only options of that theme are choices.
    theme = series_theme(before, term)
    candidates = [(c, i) for c, i in candidates if not theme or theme & set(c)]
    rng.shuffle(candidates)
    chosen: list[str] = []
    families: set[int] = set()
    acts = preconditions.act_of(before, after)  # …（ ）后，方可回采: what the blank is required for
    head = compound_head(after)  # …（带式输送机）走廊、…: each option must make such a thing
    for candidate, index in candidates:
        if index in families:
            continue  # one name per family: 回风巷 and 总回风巷 side by side would only confuse
        if any(kt.one_character_apart(candidate, c) or similarity(candidate, c) >= 0.5 for c in chosen):
            continue
        if cls in kt.GAS_CLASSES and not fits_the_slot(candidate, before, after, pools):
            continue  # a gas never named beside these words reads as nonsense there (氨气喷出)
        if cls not in kt.GAS_CLASSES and head and not forms_the_compound(candidate, head, pools):
            continue  # 电机车 beside （带式输送机）走廊: no such 走廊, so only the key makes a thing (blind read 10, T20)
        if paired_elsewhere(kt.TERM_CLASSES[cls][index], after, pools):
            continue  # 甲烷 beside a blank keyed 二氧化碳 before 浓度达到1.5%时: another article sets 1.5% for it
        if required_at_the_place(candidate, term, before, record.title, pools):
            continue  # 一氧化碳传感器 beside …回风巷…必须设置（风速传感器）: 第五百四十一条 sets it in the 回风巷 too
        if wider_places.required_at_a_wider_place(candidate, before, pools.flat_corpus):
            continue  # 防尘供水系统 beside 有冲击地压危险的采掘工作面必须设置（ ）: no 采掘工作面 without it (blind read 15, T2)
        if placed_alike(candidate, term, after, record.title, pools):
            continue  # 安全监控系统 beside （视频监视系统）应当在矿调度室设置…: 第五百二十七条 sets its display there too
        if named_short(candidate, term, before + after):
            continue  # 甲烷传感器 beside a charging room's 甲烷、氢气、一氧化碳、烟雾和（温度传感器）: the series names it short
        if preconditions.required_elsewhere(candidate, acts, pools.flat_corpus):
            continue  # 防尘供水系统 beside …排水系统后，方可回采: without it no face may produce either (blind read 9, T15)
        if kind_of_the_key(candidate, term) or done_elsewhere(candidate, before, pools):
            continue  # 职业卫生培训 beside 从业人员应当接受（安全生产教育和培训）: a kind of it, and a duty too (blind read 8, T33)
        if _OPERATED.search(before) and not operated_elsewhere(candidate, pools):
            continue  # 严禁操作作业区域的（液压支架）: 锚杆锚索 or 木支柱 is nothing one operates (blind read 7, T12)
        if listed_nearby(candidate, term, before, after, record, pools):
            continue  # 二氧化碳 beside 启封火区时…测定一氧化碳、（甲烷）浓度: 第二百八十二条 lists it at a 密闭墙's 启封 (T20)
        if flattened(before + candidate + after) in pools.flat_corpus:
            continue  # the filled-in sentence is a rule somewhere: checked last, it is the costly test
        chosen.append(candidate)
        families.add(index)
        if len(chosen) == count:
            return chosen
    return []


# A run of names joined by 、 (甲烷、一氧化碳、二氧化碳、氧气等气体): a series a rule lists together.
_SERIES_RUN = re.compile(r"[\u4e00-\u9fa5]+(?:、[\u4e00-\u9fa5]+)+")


def listed_nearby(candidate: str, term: str, before: str, after: str, record: ArticleRecord, pools: TheoryPools) -> bool:
    """Whether the blank stands in a series (…一氧化碳、（ ）浓度) and an article within `NEIGHBOURS` of the cited one lists
    the candidate in one series with the key and the series' other members of the key's class: the neighbouring rule
    measures or requires it at the same work, so a reader who knows it hesitates (managers' read 8, T20)."""
    if not (before.endswith("、") or after.startswith("、")):
        return False
    cls = kt.FAMILY[term][0]
    clause = re.split(r"[，。；]", before)[-1] + re.split(r"[，。；]", after)[0]
    members = {name for family in kt.TERM_CLASSES[cls] for name in family if name in clause and name != term}
    if not members:
        return False
    for line in neighbourhood(record, pools).split("\n"):
        for run in _SERIES_RUN.findall(line):
            if candidate in run and term in run and all(member in run for member in members):
                return True
    return False


# A series the blank closes (…建立疏水、防水和（ ）): members before it, joined by 、 and a last 和/及/与/或者.
_SERIES_BEFORE = re.compile(r"((?:[\u4e00-\u9fa5]{1,8}、)+[\u4e00-\u9fa5]{1,8})(?:和|及|与|或者|以及)$")


def series_theme(before: str, key: str) -> set[str]:
    """The characters of the key found in every member of the series the blank closes (水 of 排水系统 after 疏水、防水和;
    the first member may carry its verb, 建立疏水): the theme the series gives away, so a wrong option without it is ruled
    out at a glance (blind read 13, T25: 压风自救系统, 消防管路系统 beside surface water). Empty when the blank closes no
    series or its members share nothing with the key (甲烷、一氧化碳和（温度传感器）)."""
    found = _SERIES_BEFORE.search(flattened(before))
    if not found:
        return set()
    members = found.group(1).split("、")
    return {c for c in key if all(c in member for member in members)}


def named_short(candidate: str, key: str, rest: str) -> bool:
    """Whether the sentence around the blank (`rest`) names `candidate` without the head it shares with the key: in
    …设置甲烷、氢气、一氧化碳、烟雾和（温度传感器） the series shares 传感器, so 甲烷 there is the 甲烷传感器, as required as
    the key (seed 8311 after blind read 9). 风速传感器 is not named so."""
    head = _common_suffix(candidate, key)
    own = candidate[: len(candidate) - len(head)]
    return len(head) >= 2 and len(own) >= 2 and own in rest


# Heads of what people undergo or carry out (training, drills, checks, measures): two of them with one head are kinds of
# one thing, and a worker owes each (接受安全生产教育和培训, 接受职业卫生培训). Devices sharing a head (甲烷传感器, 风速传感器)
# are different things and stay.
_ACTIVITY_HEADS = ("培训", "教育", "演练", "检查", "检验", "检测", "措施", "预案")
# The verb a blank is the object of (从业人员应当接受（ ）).
_OBJECT_OF = re.compile(r"(接受|参加|进行|开展|组织|执行|落实|采取|制定|编制)$")
_VERB_REACH = 10


def kind_of_the_key(candidate: str, key: str) -> bool:
    """Whether a candidate and the key end with one head of something people undergo or carry out (`_ACTIVITY_HEADS`)."""
    return any(candidate.endswith(head) and key.endswith(head) for head in _ACTIVITY_HEADS)


def done_elsewhere(candidate: str, before: str, pools: TheoryPools) -> bool:
    """Whether a current article has the blank's verb take `candidate`, something people undergo or carry out
    (`_ACTIVITY_HEADS`), as its object (接受职业卫生培训, 职业病防治法): the option is then a duty in force, as true as the
    key (blind read 8, T33). A device used somewhere (使用提升机) makes no option true."""
    verb = _OBJECT_OF.search(flattened(before))
    if not verb or not pools.flat_corpus or not candidate.endswith(_ACTIVITY_HEADS):
        return False
    return bool(re.search(re.escape(verb.group(1)) + rf"[^，。；：\n]{{0,{_VERB_REACH}}}?" + re.escape(candidate),
                          pools.flat_corpus))


# A blank that is the object of 操作 (or 开动, 启动, 开启), maybe after where it stands (操作作业区域的（ ）).
_OPERATED = re.compile(r"(?:操作|开动|启动|开启|操纵|驾驶)(?:[^，。；]{0,8}的)?$")


def operated_elsewhere(candidate: str, pools: TheoryPools) -> bool:
    """Whether some current article speaks of operating `candidate` (操作采煤机, 采煤机操作, 开动掘进机): a machine."""
    corpus = pools.flat_corpus
    return not corpus or any(f"{verb}{candidate}" in corpus or f"{candidate}{verb}" in corpus
                             for verb in ("操作", "开动", "启动", "开启", "操纵", "驾驶", "司机"))


def paired_elsewhere(names: Iterable[str], after: str, pools: TheoryPools) -> bool:
    """Whether a current article pairs one of `names` with the figure that follows the blank in its clause: then
    that name makes the rule as true as the key (blind read 4, T12: 采掘工作面风流中（二氧化碳）浓度达到1.5%时… offered
    瓦斯, and 第一百九十三条 stops work at 1.5% 甲烷 too)."""
    figures = read.quantities(re.split(r"[，。；：]", after, maxsplit=1)[0])
    if not figures or not pools.flat_corpus:
        return False
    figure = r"(?<![\d.])" + re.escape(figures[0].text)
    return any(re.search(re.escape(name) + r"[^，。；：\n]{0,12}?" + figure, pools.flat_corpus) for name in names)


# A blank for what is set at a place (…回风巷和掘进巷道回风流中必须设置（ ）, `wider_places.INSTALLED`, the places a rule
# names `wider_places.PLACES`): the figure `paired_elsewhere` looks for is no help there, the place is (blind read 6,
# T15). The words that install a thing in a sentence setting it:
_INSTALLS = re.compile(r"设置|安设|安装|装设|设有|配备|配置")


def _common_suffix(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[-1 - size] == b[-1 - size]:
        size += 1
    return a[len(a) - size :]


# What a device measures, each a group of the words naming one quantity: two devices of one head measuring one quantity
# are near-twins (风压传感器 and 压力传感器), and a worker who knows the one is required at a place picks the other.
_QUANTITIES: tuple[tuple[str, ...], ...] = (
    ("压力", "风压", "负压", "压差"),
    ("温度",),
    ("流量", "风量", "流速", "风速"),
)


def _near_twins(candidate: str) -> list[str]:
    """Patterns for the devices measuring what `candidate` measures under its head (风压传感器 → 压力…传感器, 负压…传感器
    …: the other words of its quantity in `_QUANTITIES`, a series between allowed: 流量、温度和压力传感器)."""
    for group in _QUANTITIES:
        for word in group:
            if candidate.startswith(word) and len(head := candidate[len(word) :]) >= 2:
                return [re.escape(other) + r"[^，。；：\n]{0,12}?" + re.escape(head) for other in group if other != word]
    return []


def required_at_the_place(candidate: str, key: str, before: str, title: str, pools: TheoryPools) -> bool:
    """Whether another sentence of the same document sets `candidate` at a place the blank's sentence names before its
    install word (采煤工作面回风巷…应当设置一氧化碳和温度传感器, 第五百四十一条, beside …回风巷…必须设置（风速传感器）,
    第五百四十条): then the option is as true as the key. The candidate may stand in a series sharing the key's ending
    (一氧化碳和温度传感器), and the place in a list after it (a list of places …必须设置甲烷传感器：（一）采煤工作面…). A
    near-twin of the candidate set there counts too (`_near_twins`: 风压传感器 beside the 压力传感器 a pump's suction pipe must
    have, managers' read 4, T16), and so does the blank's own sentence, where the install word opens a series the blank
    closes (…设置一氧化碳和（ ）: 甲烷传感器, which 第四百九十八条 sets in every 采煤工作面回风巷)."""
    document = pools.documents.get(title, "")
    places = [re.escape(place) for place in wider_places.PLACES if place in before] + _held_in(before)
    if not document or not places or not wider_places.INSTALLED.search(before):
        return False
    suffix = _common_suffix(candidate, key)
    if len(suffix) >= 2 and len(candidate) - len(suffix) >= 2:
        pattern = re.escape(candidate[: -len(suffix)]) + r"[^，。；：\n]{0,12}?" + re.escape(suffix)
    else:
        pattern = re.escape(candidate)
    pattern = "|".join([pattern, *_near_twins(candidate)])
    for found in re.finditer(pattern, document):
        start = max(document.rfind(mark, 0, found.start()) for mark in ("。", "\n")) + 1
        ends = [at for mark in ("。", "\n") if (at := document.find(mark, found.end())) >= 0]
        sentence = document[start : min(ends, default=len(document))]
        if _INSTALLS.search(sentence) and any(re.search(place, sentence) for place in places):
            return True
    return False


# Where the thing blanked at a sentence's head is set (（ ）应当在矿调度室设置…, …必须设置在井口): the place after 在.
_SET_AT = re.compile(r"在([\u4e00-\u9fa5]{2,10}?)(?:内|中|处)?(?:设置|安设|安装|装设|配备)|(?:设置|安设|安装|装设)在([\u4e00-\u9fa5]{2,10})")


def placed_alike(candidate: str, key: str, after: str, title: str, pools: TheoryPools) -> bool:
    """Whether another sentence of the same document sets `candidate` (or its part) at the place the sentence after the
    blank sets the key's (`_SET_AT`): the monitoring, positioning and video systems' terminals…必须设置在矿调度室 (第五百二十七条)
    beside （视频监视系统）应当在矿调度室设置集中显示装置 (第五百四十九条) makes 安全监控系统 as true as the key (blind read 14,
    T20). The candidate may stand in a series sharing the key's ending (安全监控、人员位置监测和视频监视系统)."""
    document = pools.documents.get(title, "")
    found = _SET_AT.search(re.split(r"[。；]", after, maxsplit=1)[0])
    if not document or not found:
        return False
    place = found.group(1) or found.group(2)
    suffix = _common_suffix(candidate, key)
    own = candidate[: -len(suffix)] if len(suffix) >= 2 and len(candidate) - len(suffix) >= 2 else candidate
    pattern = re.escape(own) + (r"[^，。；：\n]{0,12}?" + re.escape(suffix) if own != candidate else "")
    for sentence in re.split(r"[。\n]", document):
        if re.search(pattern, sentence) and place in sentence and _INSTALLS.search(sentence):
            return True
    return False


# A thing's pipe or station a device is set in (抽采泵吸入管路中必须设置…): the place is the thing and its holder, the
# holder's part (吸入, 输入、输出) aside (managers' read 4, T16: 第五百三十七条 sets a 甲烷传感器 in the
# 瓦斯抽采泵输入、输出管路中, so it is no wrong option beside 第五百四十一条's pump pipe).
_HOLDER = re.compile(r"([一-龥]{3})(?:吸入|排出|输入|输出|进口|出口|出水|进水|吸水)?(管路|管道|泵站|泵房)")


def _held_in(before: str) -> list[str]:
    """Patterns for the thing-and-holder places `before` names (`_HOLDER`)."""
    return [re.escape(thing) + r"[^，。；：\n]{0,8}?" + holder for thing, holder in _HOLDER.findall(before)]
