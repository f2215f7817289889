"""Whether a thing is required at the place a blank's sentence names because a rule sets it for a wider place.

A rule for a class of places holds at every place of the class: 采掘工作面 covers each 采煤工作面, 掘进工作面 and
有冲击地压危险的采掘工作面. So a wrong option beside …有冲击地压危险的采掘工作面必须设置（压风自救系统） is as true as the
key when a current sentence requires it at every 采掘工作面, whether as a duty (采掘工作面必须设置…) or as a negative
condition (没有防尘供水管路的采掘工作面不得生产, 第七百零一条（三）): blind read 15 T2, managers' read 7 T3.

The check is shared by the generator (`theory.term_distractors.required_at_the_place`) and the verifier (`verify.Verifier._term`). A
rule for a narrower or another place (采煤工作面 beside a blank at the 掘进工作面, 采煤工作面回风巷 beside the face) makes
no option true.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quiz.generation import preconditions
from quiz.generation import terms as kt

# Places a rule may name, longest first.
PLACES = tuple(sorted({name for cls in ("巷道", "地点场所") for family in kt.TERM_CLASSES[cls] for name in family}
                      | {"回风流", "进风流"}, key=len, reverse=True))
# The wider classes each place falls in: a rule set for one of them holds at the place.
WIDER: dict[str, tuple[str, ...]] = {
    "采煤工作面": ("采掘工作面",),
    "回采工作面": ("采掘工作面",),
    "掘进工作面": ("采掘工作面",),
    "煤巷掘进工作面": ("掘进工作面", "采掘工作面"),
    "突出煤层采掘工作面": ("采掘工作面",),
}
# A blank for what is set at a place (…工作面必须设置（ ）), the install word maybe opening a series the blank closes.
INSTALLED = re.compile(r"(?:设置|安设|安装|装设|设有|配备|配置)(?:[^，。；：]{0,20}(?:、|和|及|与|或者))?$")
# Words that make a place a part of it rather than the place (采煤工作面回风巷, 掘进工作面运输巷).
_PART_AFTER = r"(?![\u4e00-\u9fa5]{0,4}(?:巷|顺槽|上隅角|机头|机尾|硐室))"
_DUTY = r"(?:必须|应当)[^，。；：]{0,6}?(?:设置|安设|安装|装设|设有|配备|配置|敷设|建立)"
# A thing's duty to reach or stand at the place (消防管路应当敷设到…工作面).
_LAID = r"(?:必须|应当)[^，。；：]{0,6}?(?:敷设|设置|安设|安装|延伸|铺设|接)(?:到|至|在)"
_BANNED = r"(?:不得|严禁|禁止|不准)"
_WITHOUT = r"(?:没有|未设置?|未安设|未敷设|未建立|无)"


def places_at(before: str) -> tuple[str, ...]:
    """The places `before` names and the wider classes containing them (`WIDER`): 有冲击地压危险的采掘工作面 → 采掘工作面,
    采煤工作面 → 采煤工作面 and 采掘工作面."""
    named = [place for place in PLACES if place in before]
    return tuple(dict.fromkeys([*named, *(wider for place in named for wider in WIDER.get(place, ()))]))


def required_at_a_wider_place(candidate: str, before: str, corpus: str) -> bool:
    """Whether a sentence of `corpus` (current articles, whitespace removed) requires `candidate` (its own words,
    `preconditions.core`: 防尘供水 of 防尘供水系统) at a place `before` names or a class containing it (`places_at`),
    as a duty (采掘工作面必须敷设…, …应当敷设到采掘工作面) or as a negative condition (没有…的采掘工作面不得生产); `before` must end in an
    install word (`INSTALLED`): the blank is what is set at the place."""
    places = places_at(before)
    if not places or not corpus or not INSTALLED.search(before):
        return False
    return _required(preconditions.core(candidate), places, corpus)


@lru_cache(maxsize=4096)
def _required(own: str, places: tuple[str, ...], corpus: str) -> bool:
    place = "(?:" + "|".join(re.escape(p) for p in places) + ")" + _PART_AFTER
    thing = re.escape(own)
    barred = re.compile(rf"{_WITHOUT}[^，。；：]{{0,8}}?{thing}[^，。；：]{{0,8}}?的[^，。；：]{{0,12}}?{place}"
                        rf"[^，。；：]{{0,6}}?{_BANNED}")
    duty = re.compile(rf"(?:^|[，：；])[^，。；：]{{0,12}}?{place}[^，。；：]{{0,12}}?{_DUTY}[^。；：]{{0,30}}?{thing}")
    led = re.compile(rf"{thing}[^，。；：]{{0,12}}?{_LAID}{place}")
    for found in re.finditer(thing, corpus):
        start = max(corpus.rfind(mark, 0, found.start()) for mark in ("。", "；", "\n")) + 1
        ends = [at for mark in ("。", "；", "\n") if (at := corpus.find(mark, found.end())) >= 0]
        sentence = corpus[start : min(ends, default=len(corpus))]
        if barred.search(sentence) or duty.search(sentence) or led.search(sentence):
            return True
    return False
