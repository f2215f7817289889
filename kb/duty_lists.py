"""A party's whole set of duties or rights: whether a question asks for it, and the article listing it.

A worker asks what a party must see to at all, not who does one thing: 矿长在安全上到底要管哪些事,
我们当工人的 安全上有啥义务, 从业人员都有哪些义务, 班组长有啥职责, 工人有哪些权利. The law answers with
an article whose lead binds that party to a list (the head of a mine or of any business …负有下列职责; the mine's workers
…负有下列…职责; the 劳动者 享有下列…权利), whose items name the duties one by one and share few words with
the question: search alone does not bring it among the candidates ask reads.

A question asks for the set when it asks which duties (哪些/啥/什么 + 义务/职责/事) a party has or must
see to (有, 负有, 管, 要管, 履行), or which rights (权利) it holds. It does not when it asks whether one
thing is a duty (接受安全培训是义务吗), who does a thing (谁来批), or what liability a party bears for
what happened (出了险情班组长要负啥责: 负啥责 is a penalty or a share of blame, not a list).

The party the question names (kb.parties.asked_party) is matched by class to the holder of the list,
the phrase its lead opens with up to 对/负有/履行/享有 (煤矿企业主要负责人: a leader; 生产经营单位的安全
生产管理机构以及安全生产管理人员: an agency-like office and a worker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb.hits import Hit, joined
from kb.parties import asked_party, bearer_class
from kb.query import QueryPlan
from kb.scoring import fetched_answering

if TYPE_CHECKING:
    from kb.search import KnowledgeBase

DUTIES = "duties"
RIGHTS = "rights"

# Which duties or rights, asked of a party: 有啥义务, 都有哪些义务, 要管哪些事, 管些啥, 有什么职责,
# 享有哪些权利. 负啥责 and 什么责任 ask a liability, 是义务吗 one thing.
_WHICH = r"(?:哪些|啥|什么|哪几[项条样个]?|些啥|些什么)"
_ASKS_SET = (
    (DUTIES, re.compile(
        rf"(?:有|负有|担|履行|尽)[^，,。？?\s]{{0,2}}{_WHICH}(?:安全(?:生产)?)?(?:义务|职责)|"
        rf"(?:都|要|得|该|应当|应该|负责)管{_WHICH}(?:事|工作)?|(?<![不别尽负])管{_WHICH}(?:事|工作)|"
        rf"{_WHICH}[^，,。？?\s]{{0,6}}?(?:义务|职责)"
    )),
    (RIGHTS, re.compile(rf"(?:有|享有)[^，,。？?\s]{{0,2}}{_WHICH}(?:安全(?:生产)?)?权(?:利|益)?|{_WHICH}[^，,。？?\s]{{0,6}}?权利")),
)

# A list's lead: …(负有|履行|行使|享有)下列(…)(职责|义务|权利)：
_LIST_HEAD = re.compile(
    r"(?P<lead>[^。；：:\n]{1,60}?)(?:应当|还应当)?(?:负有|履行|行使|享有|承担)下列(?P<field>[^。；：:\n]{0,12}?)"
    r"(?P<what>职责|义务|权利)[：:]"
)
_WHAT = {"职责": DUTIES, "义务": DUTIES, "权利": RIGHTS}
_GENERAL = re.compile(r"安全生产|安全|的|工作")
# Where the holder ends in the lead: 煤矿企业主要负责人｜对本企业安全生产工作; 经办机构｜具体承办…;
# 消防安全重点单位｜除应当履行…
_HOLDER_END = re.compile(r"对|在|除|具体|依照|应当|，|,")
_AND = re.compile(r"、|以及|和|及|或者")
LIST_WORDS = {DUTIES: ("职责", "义务"), RIGHTS: ("权利",)}


def asked_set(question: str) -> str:
    """DUTIES or RIGHTS when a question asks for a party's whole set of them, "" otherwise."""
    if "谁" in question:
        return ""
    return next((name for name, asks in _ASKS_SET if asks.search(question)), "")


@dataclass(frozen=True)
class AskedList:
    """A question asking a party's whole set of duties or rights: which set (DUTIES, RIGHTS), the party
    it names (its words and class, kb.parties.asked_party) and the question as asked."""

    what: str
    words: str
    kind: str
    question: str

    def listed_in(self, text: str) -> bool:
        """Whether `text` lists this set of the party asked (lists_for) in the field asked: a list of
        the duties of one field (消防安全职责, 职业卫生保护权利) answers only a question naming it."""
        return lists_for(text, self.what, self.words, self.kind) and list_field(text, self.what) in self.question


def asked_list(question: str) -> AskedList | None:
    """The set of a party's duties or rights a question asks for, None when it asks none or names no
    party: 矿长在安全上到底要管哪些事 asks the duties of a leader, 有哪些义务 alone nobody's."""
    what = asked_set(question)
    words, kind = asked_party(question) if what else ("", "")
    return AskedList(what, words, kind, question) if kind else None


def list_holder(text: str, what: str) -> str:
    """The party whose duties (or rights, `what`) the article `text` lists (煤矿企业主要负责人 for a lead
    binding the mine's head to …负有下列职责), "" when it lists none of them."""
    head = _head(text, what)
    return _HOLDER_END.split(head.group("lead").strip(), maxsplit=1)[0].strip() if head else ""


def list_field(text: str, what: str) -> str:
    """The field a list of duties (rights) is of, beyond safety itself: 消防 for 下列消防安全职责,
    职业卫生保护 for 下列职业卫生保护权利, "" for 下列安全生产职责 and 下列职责."""
    head = _head(text, what)
    return _GENERAL.sub("", head.group("field")) if head else ""


def _head(text: str, what: str) -> re.Match[str] | None:
    return next((head for head in _LIST_HEAD.finditer(text) if _WHAT[head.group("what")] == what), None)


def lists_for(text: str, what: str, words: str, kind: str) -> bool:
    """Whether `text` lists the duties (rights) of the party a question names (`words`, of class `kind`
    of kb.parties): the holder of its list holds the words or is of that class, each of several holders
    (安全生产管理机构以及安全生产管理人员) read on its own."""
    holder = list_holder(text, what)
    if not holder or not kind:
        return False
    return bool(words and words in holder) or any(bearer_class(part) == kind for part in _AND.split(holder) if part)


# -- the articles listing the set asked, among the candidates ask reads -------------------------

LOOKUP = 40  # articles holding 下列 and the word of the list, fetched per word
LISTING_HITS = 2  # …of which those sharing most of the question join the candidates read


def with_lists(kb: KnowledgeBase, plan: QueryPlan, hits: list[Hit], asked: AskedList, depth: int) -> list[Hit]:
    """`hits` with the articles listing the set asked (listing_hits) among the first `depth`, in place of
    the last of those that do not list it."""
    return joined(hits, listing_hits(kb, plan, hits[:depth], asked), depth, lambda hit: asked.listed_in(hit.text))


def listing_hits(kb: KnowledgeBase, plan: QueryPlan, read: list[Hit], asked: AskedList) -> list[Hit]:
    """Up to LISTING_HITS current articles listing the set asked that are not among those `read`, those
    sharing most of the question first."""
    lookups = [[("下列", 1.0), (word, 1.0)] for word in LIST_WORDS.get(asked.what, ())]
    return fetched_answering(kb, plan, read, lookups, asked.listed_in, LISTING_HITS, LOOKUP, "current")
