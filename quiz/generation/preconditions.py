"""What an act requires before it may start, read from the rules in force: for "which is required before X" items.

A sentence makes something a precondition of an act when it allows the act only after it (…构成完整通风、排水系统后，
方可回采) or forbids the act without it (没有防尘供水管路的采掘工作面不得生产). A wrong option of a question whose blank
is such a precondition must not be one of the same act anywhere else: a worker who knows 第七百零一条 picks 防尘供水系统
beside 第一百六十八条's 排水系统 and is marked wrong (blind read 9, T15).

Acts are compared by family (`ACTS`): 回采, 采煤 and 生产 of a face are one act, as are 作业, 工作 and 施工.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Acts a precondition is set for, each a family of the words the rules use for it.
ACTS: tuple[tuple[str, ...], ...] = (
    ("回采", "采煤", "开采", "生产", "组织生产", "开工"),
    ("掘进", "开掘", "施工", "生产"),
    ("作业", "工作", "施工"),
    ("爆破", "放炮", "装药"),
    ("使用", "投入使用", "运行", "投入运行", "送电", "启动"),
    ("入井", "下井", "上岗", "上岗作业", "独立上岗作业"),
)
_ACT_WORDS = "|".join(sorted({w for family in ACTS for w in family}, key=len, reverse=True))
# The act a blank is a precondition of: allowed only after it (…（ ）后，方可回采), or forbidden without it (没有（ ）的…不得
# 生产, 未（ ）…严禁作业). The words between stay in one sentence.
_ALLOWED_AFTER = re.compile(rf"^[^。；]{{0,60}}?(?:方可|才能|方能|才可|才准|方准)(?:进行|组织|开始)?({_ACT_WORDS})")
_WITHOUT_BEFORE = re.compile(r"(?:没有|未|无|不具备|不符合)[^，。；]{0,20}$")
_FORBIDDEN_AFTER = re.compile(rf"^[^。；]{{0,40}}?(?:不得|严禁|禁止|不准)(?:进行|组织|开始)?({_ACT_WORDS})")
# A candidate's own words, its kind of thing cut off (防尘供水 of 防尘供水系统: 防尘供水管路 is the same supply).
_KIND = re.compile(r"(?:系统|装置|设施|设备)$")
_PIPE = "管路"
_SHORTEST_CORE = 4
# How far the binding words may stand from the candidate in the sentence that binds it.
_REACH_BEFORE, _REACH_AFTER = 10, 24


def act_of(before: str, after: str) -> tuple[str, ...]:
    """The family of the act the blank between `before` and `after` is a precondition of, or ()."""
    found = _ALLOWED_AFTER.match(after)
    if not found and _WITHOUT_BEFORE.search(before):
        found = _FORBIDDEN_AFTER.match(after)
    return family_of(found.group(1)) if found else ()


def family_of(act: str) -> tuple[str, ...]:
    """Every word of the families `act` belongs to (生产 is a face's and a drivage's act)."""
    return tuple(dict.fromkeys(w for family in ACTS if act in family for w in family))


def core(candidate: str) -> str:
    """The candidate's own words (`_KIND` cut off, and 管路 after it), or more of it when too little would stay:
    防尘供水 of 防尘供水系统, 消防管路 of 消防管路系统 (消防 alone is any fire rule's)."""
    cut = _KIND.sub("", candidate)
    if len(cut) < _SHORTEST_CORE:
        return candidate
    short = cut.removesuffix(_PIPE)
    return short if len(short) >= _SHORTEST_CORE else cut


def required_elsewhere(candidate: str, acts: tuple[str, ...], corpus: str) -> bool:
    """Whether a sentence of `corpus` (every current article, whitespace removed) makes `candidate` a precondition of
    one of `acts` (没有防尘供水管路的采掘工作面不得生产 for 防尘供水系统 and 回采), or requires it (必须, 应当) at the
    place the act is done (`_PLACES`: 消防管路系统应当敷设到采掘工作面 for 回采)."""
    return bool(acts) and bool(corpus) and _required(core(candidate), acts, corpus)


# Where each act is done: a thing a rule requires there is required for the act in substance (managers' blind read 3,
# T7: 井下消防管路系统应当敷设到采掘工作面 beside …排水系统后，方可回采: 消防管路系统 is no wrong option).
_PLACES = {"回采": r"(?:采掘|回采|采煤)工作面", "掘进": r"(?:采掘|掘进)工作面"}
_DUTY = re.compile(r"必须|应当")


def _place_of(acts: tuple[str, ...]) -> str:
    return "|".join(place for act, place in _PLACES.items() if act in acts)


@lru_cache(maxsize=4096)
def _required(own: str, acts: tuple[str, ...], corpus: str) -> bool:
    words = "|".join(sorted(acts, key=len, reverse=True))
    place = _place_of(acts)
    allowed = re.compile(rf"^[^，]{{0,{_REACH_AFTER}}}?(?:后|之后|以后|前提下)，?(?:方可|才能|方能|才可|才准|方准)"
                         rf"(?:进行|组织|开始)?(?:{words})")
    forbidden = re.compile(rf"^[^，]{{0,{_REACH_AFTER}}}?(?:不得|严禁|禁止|不准)(?:进行|组织|开始)?(?:{words})")
    for found in re.finditer(re.escape(own), corpus):
        start = max(corpus.rfind(mark, 0, found.start()) for mark in ("。", "；", "\n")) + 1
        ends = [at for mark in ("。", "；", "\n") if (at := corpus.find(mark, found.end())) >= 0]
        before, after = corpus[start : found.start()], corpus[found.end() : min(ends, default=len(corpus))]
        if allowed.search(after) or _WITHOUT_BEFORE.search(before[-_REACH_BEFORE:]) and forbidden.search(after):
            return True
        if place and _DUTY.search(before + after) and re.search(
                rf"[到在至距](?:每一?个?|各个?|所有)?(?:{place})", before[-_REACH_AFTER:] + "|" + after[:_REACH_AFTER]):
            return True  # required at the place the act is done: 敷设到采掘工作面, 安装在掘进工作面巷道 (not a list of places)
    return False
