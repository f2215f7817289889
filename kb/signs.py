"""Signs told in a question, read as the danger the rules name by its signs.

A worker tells what he sees or hears (听见煤炮响 煤壁往外鼓, 打钻喷孔顶钻) rather than the name the rules
give it (突出预兆). The rules themselves list the signs of a danger under its name: 典型的突出预兆主要包括：
响煤炮声…煤壁外鼓; 打钻时的顶钻、喷孔等突出预兆; 发现有煤层变湿、挂汗…水叫…等透水征兆时. Such a
list is read here from the candidate articles themselves, never from a word list: when at least
SIGNS_TOLD of the question's words are among the signs one candidate lists for a danger, the question
describes that danger, and what to do about it is prescribed by the rule saying what to do when its
signs are found (发现突出预兆时，必须立即停止作业…撤出), not by the article that only lists or studies
them (应当随时观测突出预兆。典型的突出预兆主要包括：…).

Some signs a list gives belong first to another danger: the 规程 lists 顶板来压 and 片帮 among the
透水征兆, yet they are what the roof does before it falls (发生冒顶、片帮时，必须停止采煤; 初次来压、
周期来压). Which words are such a danger's own is a small fact table (OWN_SIGNS), read from the rules'
own wording. A question telling only another danger's own words (顶板掉渣片帮了怎么办) does not tell the
danger whose list they stand in, unless it names that danger (片帮来压 怕是要透水): it tells the danger
they belong to, answered by the rule prescribing what to do when it shows (发生冒顶、片帮时…停止), and the
list of the other danger's signs is no answer to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kb.hits import Hit, joined
from kb.query import Concept, QueryPlan, plan_query
from kb.scoring import fetched_answering

if TYPE_CHECKING:
    from kb.search import KnowledgeBase

SIGNS_TOLD = 2  # question words among one danger's listed signs for the question to describe it
MIN_SIGN_WORD = 2  # characters: a one-character word (响, 鼓) is no sign on its own
SIGN_NAMES = "预兆|征兆|前兆"
_NAME = r"([^\s，。；：、（）()的等]{1,6}?)"
# …等X征兆 / …等明显的X预兆: the signs run back to the start of the clause
_AFTER_LIST = re.compile(rf"([^。；：，]*(?:，[^。；：，]*){{0,2}})等(?:明显的|典型的)?{_NAME}(?:{SIGN_NAMES})")
# 典型的X预兆主要包括：… / X预兆：…（如…）: the signs run to the end of the sentence
_BEFORE_LIST = re.compile(rf"{_NAME}(?:{SIGN_NAMES})(?:主要)?(?:包括|有|表现为)?[：:]([^。\n]*)")
_INSERT = re.compile(r"[（(][\u4e00-\u9fff][）)]")  # 突（透）水: a one-character alternative inside a name
_ITEM_BREAK = re.compile(r"[、，（）()和或及]")
_PRESCRIBING = "立即|停止|撤出|撤离|撤人"

# A danger's own signs, which other dangers' lists may borrow (the 规程: 发生冒顶、片帮时，必须停止采煤;
# 防止冒顶、片帮; 初次来压、周期来压; 顶板掉渣 as worker and trainer say it): danger → (the words naming
# it, its own signs).
OWN_SIGNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "冒顶": (("冒顶", "顶板"), ("片帮", "掉渣", "来压")),
}


def owner(word: str) -> str:
    """The danger a word names or is an own sign of ("" when none)."""
    for danger, (names, signs) in OWN_SIGNS.items():
        if any(w in word or word in w for w in (*names, *signs)):
            return danger
    return ""


def listed_signs(text: str) -> list[tuple[str, str]]:
    """(danger, the text listing its signs) for each list of signs in text (突（透）水 read as 突水)."""
    text = _INSERT.sub("", text)
    found = [(m.group(2), m.group(1)) for m in _AFTER_LIST.finditer(text)]
    found += [(m.group(1), m.group(2)) for m in _BEFORE_LIST.finditer(text)]
    return [(name, signs) for name, signs in found if signs.strip()]


def told_words(concepts: Sequence[Concept]) -> set[str]:
    """The question's words a sign may hold: its words of MIN_SIGN_WORD characters or more, and each
    pair of one-character words side by side (煤 壁 → 煤壁, 顶 钻 → 顶钻: words the dictionary lacks)."""
    words = {c.term for c in concepts if len(c.term) >= MIN_SIGN_WORD}
    single = [c for c in concepts if len(c.term) == 1]
    words |= {a.term + b.term for a, b in zip(single, single[1:], strict=False) if a.end == b.start}
    return words


def told_danger(concepts: Sequence[Concept], texts: list[str], question: str = "") -> str:
    """The danger at least SIGNS_TOLD of whose signs, as one of texts lists them, the question tells,
    one at least not another danger's own (OWN_SIGNS) unless the question names it; else the danger
    whose own signs it tells; "" when none."""
    words = told_words(concepts)
    for text in texts:
        for name, signs in listed_signs(text):
            items = [i for i in _ITEM_BREAK.split(signs.partition("发现")[2] or signs) if i]
            told = [i for i in items if any(w in i and w not in name for w in words)]
            theirs = [i for i in told if any(w in i and w not in name and owner(w) in ("", name) for w in words)]
            if len(told) >= SIGNS_TOLD and (theirs or name in question):
                return name
    return next((danger for danger, (_, own) in OWN_SIGNS.items() if any(s in w for w in words for s in own)), "")


def prescribes_on(danger: str, text: str) -> bool:
    """Whether text says what to do when the danger's signs are found (发现突出预兆时，必须立即停止作业),
    or when it or its own signs show (发生冒顶、片帮时，必须停止采煤) outside another danger's list."""
    if re.search(rf"(?:发现|出现|有)[^。]*?{re.escape(danger)}(?:{SIGN_NAMES})[^。]*?(?:{_PRESCRIBING})", text):
        return True
    names, own = OWN_SIGNS.get(danger, ((), ()))
    if not own:
        return False
    shown = re.compile(rf"(?:发现|出现|发生)[^。]*?(?:{'|'.join((*names, *own))})[^。]*?时[^。]*?(?:{_PRESCRIBING})")
    return any(shown.search(s) and not lists_other(danger, s) for s in text.split("。"))


def lists_other(danger: str, text: str) -> bool:
    """Whether text lists another danger's signs among which stands one of danger's own (片帮 among 透水征兆)."""
    own = OWN_SIGNS.get(danger, ((), ()))[1]
    return any(name != danger and any(s in signs for s in own) for name, signs in listed_signs(text))


SIGN_LIFT = 1.5  # the rule prescribing what to do on the danger's signs
SIGN_FLOOR = 0.7  # …scoring at least this share of the first candidate before that lift
SIGN_HITS = 2  # such rules fetched when none is among the candidates read
LOOKUP = 40
SIGN_SHARE = 0.6  # an article that lists the danger's signs and prescribes nothing on them
BORROWED_SHARE = 0.3  # an article listing its own signs as another danger's (片帮 among 透水征兆): no answer


def sign_factor(danger: str, text: str) -> float:
    """How much an article's score counts on a question telling the signs of danger."""
    if not danger:
        return 1.0
    if prescribes_on(danger, text):
        return SIGN_LIFT
    if lists_other(danger, text):
        return BORROWED_SHARE
    return SIGN_SHARE if any(name == danger for name, _ in listed_signs(text)) else 1.0


def with_prescribing(kb: KnowledgeBase, plan: QueryPlan, hits: list[Hit], danger: str, depth: int) -> list[Hit]:
    """`hits` with up to SIGN_HITS rules prescribing what to do on the signs of danger among the first
    `depth`, fetched by the danger's name with 预兆 or 征兆 (or with one of its own signs) when none is
    there: the rule on them may share no word with the signs told."""
    read = hits[:depth]
    if not danger or any(prescribes_on(danger, h.text) for h in read):
        return hits
    words = [(c.term, 1.0) for c in plan_query(danger).concepts if c.maximal]
    lookups = [[*words, (name, 1.0)] for name in SIGN_NAMES.split("|")]
    names, own = OWN_SIGNS.get(danger, ((), ()))
    lookups += [[(name, 1.0), (sign, 1.0)] for name in names for sign in own]  # 发生冒顶、片帮时…
    extra = fetched_answering(kb, plan, read, lookups, lambda text: prescribes_on(danger, text), SIGN_HITS, LOOKUP)
    return joined(hits, extra, depth, lambda hit: prescribes_on(danger, hit.text))
