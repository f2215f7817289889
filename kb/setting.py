"""The setting of an article: underground (井下), told by where its chapter places it, not only by its words.

A worker says where he works before what he asks (井下瓦斯超限怎么办). The rules of the underground
mine seldom say 井下 in each article: the part they stand in does (《煤矿安全规程》第三编 井工煤矿; 第三节
井下爆破). Counted only where an article happens to say it, 井下 weighed a third of 井下瓦斯超限怎么办
and put a rule on lithium-battery power units first (…瓦斯超限应当切断所有非本质安全输出, under the
section 井下电池电源) before the rule on what to do when gas exceeds its limit (第一百九十六条, in
井工煤矿, whose text never says 井下). So an article its chapter places underground holds the setting
(`placed`): the setting then tells apart only what it should — a rule of the underground mine from one
of another setting (a labour law that never names it: 劳务派遣的人能不能安排到井下干), and a question
set underground (井下放炮是谁都能放吗) from a rule its chapter places elsewhere, 露天煤矿 or 井上 (where
the question sets no such place against it: 地面和井下), which answers at OTHER_SETTING of its score.
A chapter on 地面防治水 is no other setting: its rules say what to do underground when a storm comes.
Which chapters are where is `corpus.placement`'s, shared with question generation.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corpus import placement
from kb.hits import Hit

OTHER_SETTING = 0.6
_UNDERGROUND = re.compile(r"井下|井里|井底")  # a question set underground
_CONTRAST = re.compile(r"地面|地上|井上|露天|地表")  # a question setting another place against it


def placed(path: str) -> str:
    """The setting an article's chapter `path` places it in, as words to count as said (" 井下"), or ""."""
    return " 井下" if placement.underground(path) else ""


def elsewhere(question: str, hit: Hit) -> bool:
    """Whether a question (normalised) set underground is matched by an article that its title or
    chapter places in another setting (第四编 露天煤矿, 第二节 井上火灾防治)."""
    if not _UNDERGROUND.search(question) or _CONTRAST.search(question):
        return False
    return placement.elsewhere(f"{hit.title}\n{hit.chapter}")


def set_underground(question: str, hits: list[Hit]) -> list[Hit]:
    """`hits` re-ordered with those placed in another setting (`elsewhere`) at OTHER_SETTING of their score."""
    if not any(elsewhere(question, h) for h in hits):
        return hits
    return sorted(
        (replace(h, score=h.score * OTHER_SETTING) if elsewhere(question, h) else h for h in hits),
        key=lambda h: -h.score,
    )
