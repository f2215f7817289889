"""Where a rule applies, told by the part of its document it stands in, not by its words.

The 《煤矿安全规程》 places its rules by part: 第三编 井工煤矿 for the underground mine (its articles seldom
say 井下 again), 第四编 露天煤矿 for the open pit, and a section such as 第二节 井上火灾防治 above ground. A
chapter path (" / "-joined headings) that names 井工 or 井下 is underground, whatever else it names (a
第四章 井下探放水 under 地面 headings is still underground work). Both the knowledge base (a question set
underground, `kb.setting`) and question generation (a frontline run for an underground mine leaves the open
pit out, `quiz.generation.chapters`) read it here, so they agree on which chapters are where.
"""

from __future__ import annotations

import re

_UNDERGROUND = re.compile(r"井工|井下")  # 第三编 井工煤矿, 第三节 井下爆破, 第四章 井下探放水
_OPEN_PIT = re.compile(r"露天")  # 第四编 露天煤矿
_ELSEWHERE = re.compile(r"露天|井上")  # the open pit, or above ground (第二节 井上火灾防治)


def underground(path: str) -> bool:
    """Whether the headings `path` place their rules underground."""
    return _UNDERGROUND.search(path) is not None


def open_pit(path: str) -> bool:
    """Whether the headings `path` place their rules in an open-pit mine (and not underground)."""
    return _OPEN_PIT.search(path) is not None and not underground(path)


def elsewhere(path: str) -> bool:
    """Whether the headings `path` place their rules in a setting other than underground: the open pit or
    above ground (井上)."""
    return _ELSEWHERE.search(path) is not None and not underground(path)
