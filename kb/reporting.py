"""Whom to tell: a worker who asks whom he tells what he found, and the rule binding the finder to report it.

A worker tells what happened or what he saw and asks whom to tell, in speech (该找谁说, 跟谁讲, 告诉谁,
给谁打电话, 发现…了 该找谁). The rules say it as reporting (向…报告): the act asked is 报告, and the question
is read as 向谁报告 so that its search holds the word and its duty tie is the report (kb.kinds.asked_act).

When what he tells is something he found (看见 …冒烟了, 发现 …断丝了), the answer is the rule binding whoever
finds such a thing to report it (a worker who finds a hazard must report it at once: 发现…应当…报告), which shares no word
with the crack or the smoke he saw: such rules join the candidates read (with_finders), and one binding the
finder to report scores at least FINDER_FLOOR of the first candidate. A rule on the very thing he saw that
also binds its finder to report (发现…冒烟…立即报告) keeps its own, higher, score.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kb.highlight import sentences
from kb.hits import Hit, joined
from kb.parties import binds
from kb.query import QueryPlan
from kb.scoring import fetched_answering

if TYPE_CHECKING:
    from kb.search import KnowledgeBase

FINDER_FLOOR = 0.7  # a rule binding the finder to report: at least this share of the first candidate
FINDER_HITS = 2  # such rules fetched when none is among the candidates read
LOOKUP = 40

# Whom to tell, in speech: 找谁说, 跟谁讲, 和谁反映, 告诉谁, 给谁打电话, 打电话给谁 (not 找谁补, 找谁要钱:
# those ask who gives, not whom to tell).
_TELL = r"(?:说|讲|反映|汇报|说一声|讲一声|打(?:个)?电话|打招呼)"
_WHOM = re.compile(
    rf"(?:该|要|得|应该|应当|先|去)?(?:找|跟|和|同|给|向|对)谁{_TELL}|告诉谁|打(?:个)?电话给谁|(?:{_TELL}|报|上报|报告)给谁(?:听)?"
)
# …or only 找谁, after telling what he found (发现钢丝绳断丝了 该找谁): whom to go to about it.
_FOUND = re.compile(r"发现|看到|看见|瞅见|瞧见|瞅着|听到|听见|闻到|摸到|测出|查出")
_GO_TO = re.compile(r"(?:该|要|得|应该|应当|先|去)?找谁(?=[\s，,。？?！!；;啊呀呢吗]|$)")
REPORTED = "向谁报告"
REPORTING = ("报告", "汇报")
# A rule binding whoever finds a thing to report it: 从业人员发现事故隐患…，应当立即向…报告.
_BINDS_FINDER = re.compile(r"发现[^。；\n]{0,60}?(?:应当|必须|应|要|须)[^。；\n]{0,40}?(?:报告|汇报)")


def asks_whom_to_tell(question: str) -> bool:
    """Whether a question asks whom to tell (该找谁说, 给谁打电话; 发现…了 该找谁), not who does a thing."""
    return bool(_WHOM.search(question) or (_FOUND.search(question) and _GO_TO.search(question)))


def as_reported(question: str) -> str:
    """The question with whom to tell said as the rules say it (该找谁说 → 向谁报告); as it is otherwise."""
    said = _WHOM.sub(REPORTED, question)
    if said == question and _FOUND.search(question):
        said = _GO_TO.sub(REPORTED, question)
    return said


def tells_found(question: str) -> bool:
    """Whether a question asking whom to tell tells of something the asker found (看见…冒烟了)."""
    return asks_whom_to_tell(question) and _FOUND.search(question) is not None


def binds_finder(text: str, party: tuple[str, str] = ("", "")) -> bool:
    """Whether a sentence of text binds whoever finds something to report it, the finder being the
    party the question names (`party`: words, class; kb.parties.asked_party) or else a worker: a
    state body's inspector who finds a hazard (消防救援机构…发现…应当…) is not the asker."""
    words, kind = party if party[1] else ("", "worker")
    return any(
        _BINDS_FINDER.search(text, start, end) is not None and binds(text[start:end], words, kind, REPORTING)
        for start, end in sentences(text)
    )


def with_finders(
    kb: KnowledgeBase, plan: QueryPlan, hits: list[Hit], depth: int, party: tuple[str, str] = ("", ""),
) -> list[Hit]:
    """`hits` with up to FINDER_HITS more rules binding the finder to report among the first `depth`,
    fetched by 发现 with 报告 (those sharing most of the question first): a rule on the thing seen that
    binds its finder is no reason to leave out the one binding any finder."""
    read = hits[:depth]
    lookups = [[("发现", 1.0), ("报告", 1.0)], [("发现", 1.0), ("汇报", 1.0)]]
    extra = fetched_answering(kb, plan, read, lookups, lambda text: binds_finder(text, party), FINDER_HITS, LOOKUP)
    return joined(hits, extra, depth, lambda hit: binds_finder(hit.text, party))
