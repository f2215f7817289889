"""Whether another article restates the rule an answer quotes.

The same rule often stands in two documents nearly word for word (《煤矿防治水细则》第九十四条 and
《煤矿安全规程》第三百零一条: 防隔水煤（岩）柱一经确定，不得随意变动), and the two then rank close
together. Such a runner-up is no rival answer: its closeness says nothing about whether the first
is right, so kb.qa does not read the answer's margin against it. One document may split into two
sentences what the other says in one (…等。当暴雨、洪水… beside …等，当暴雨洪水…): a sentence is also
compared with two adjacent sentences of the other read together.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kb.highlight import sentences

_CJK = re.compile(r"[\u4e00-\u9fff]+")
# A sentence restates another when this share of its character pairs (Chinese characters only,
# read run by run) is in that one: word for word but for a clause or a few words.
SHARE = 0.75


def _pairs(text: str) -> frozenset[str]:
    return frozenset(run[i : i + 2] for run in _CJK.findall(text) for i in range(len(run) - 1))


@lru_cache(maxsize=512)
def _sentence_pairs(text: str) -> tuple[frozenset[str], ...]:
    """The character pairs of each sentence of `text` that has any (articles recur from ask to ask)."""
    return tuple(pairs for a, b in sentences(text) if (pairs := _pairs(text[a:b])))


def restates(quoted: str, text: str) -> bool:
    """Whether a sentence of `text`, or two adjacent ones, says one of the `quoted` sentences nearly word for word."""
    single = _sentence_pairs(text)
    theirs = single + tuple(a | b for a, b in zip(single, single[1:], strict=False))
    return any(len(mine & other) >= SHARE * len(mine) for mine in _sentence_pairs(quoted) for other in theirs)
