"""Whether another article restates the rule an answer quotes.

The same rule often stands in two documents nearly word for word (《煤矿防治水细则》第九十四条 and
《煤矿安全规程》第三百零一条: 防隔水煤（岩）柱一经确定，不得随意变动), and the two then rank close
together. Such a runner-up is no rival answer: its closeness says nothing about whether the first
is right, so kb.qa does not read the answer's margin against it.
"""

from __future__ import annotations

import re

from kb.highlight import sentences

_CJK = re.compile(r"[\u4e00-\u9fff]+")
# A sentence restates another when this share of its character pairs (Chinese characters only,
# read run by run) is in that one: word for word but for a clause or a few words.
SHARE = 0.75


def _pairs(text: str) -> set[str]:
    return {run[i : i + 2] for run in _CJK.findall(text) for i in range(len(run) - 1)}


def restates(quoted: str, text: str) -> bool:
    """Whether a sentence of `text` says one of the `quoted` sentences nearly word for word."""
    own = [pairs for a, b in sentences(quoted) if (pairs := _pairs(quoted[a:b]))]
    if not own:
        return False
    theirs = [_pairs(text[a:b]) for a, b in sentences(text)]
    return any(len(mine & other) >= SHARE * len(mine) for mine in own for other in theirs)
