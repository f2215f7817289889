"""Whether what a sentence requires of its subject is required of another subject elsewhere: then an open blank on
the subject has more than one right answer.

采煤机必须安装内、外喷雾装置 blanked as （ ）必须安装内、外喷雾装置 is keyed 采煤机, but another article tells the
掘进机 to use 内、外喷雾装置 as well, and a worker who writes 掘进机 is right (managers' blind read 3, T28; T25: 防爆电气
设备 to be checked for 矿用产品安全标志 on delivery, which every product under that mark must hold). The predicate's
end (`TAIL` characters of the clause after the subject) is looked up in every current sentence; one that states it
under a duty (必须, 应当 …) in a sentence not naming the subject says it of another.
"""

from __future__ import annotations

import re
from functools import lru_cache

TAIL = 6  # 、外喷雾装置, 产品安全标志: shorter tails (…报告) are any duty's end
_MODAL = re.compile(r"必须|应当|严禁|不得|禁止|不准|应(?!急|用|力|变|答|聘)")
_CLAUSE_END = re.compile(r"[，。；：]")
_REACH = 30  # characters between the subject and its duty


def predicate_tail(sentence: str, start: int, term: str) -> str:
    """The last `TAIL` characters of the clause after a subject `term` at `start`, when a duty follows it in that clause
    (the term is its subject), else ""."""
    rest = sentence[start + len(term):]
    modal = _MODAL.search(rest)
    if not modal:
        return ""
    between, clause = rest[: modal.start()], _CLAUSE_END.split(rest[modal.end():], maxsplit=1)[0]
    if len(between) > _REACH or re.search(r"[。；：]", between) or between.count("，") > 1 or len(clause) < TAIL:
        return ""  # the duty is another clause's, not the term's (its condition, 到矿验收时，, may stand between)
    return clause[-TAIL:]


def said_of_another(sentence: str, start: int, term: str, corpus: str) -> bool:
    """Whether a current sentence of `corpus` (flattened, one article a line) that does not name `term` states the
    predicate of `term` in `sentence` (`predicate_tail`) under a duty: another subject fits the blank too."""
    tail = predicate_tail(sentence, start, term)
    return bool(tail) and _elsewhere(tail, term, corpus)


@lru_cache(maxsize=4096)
def _elsewhere(tail: str, term: str, corpus: str) -> bool:
    for found in re.finditer(re.escape(tail), corpus):
        begin = max(corpus.rfind(mark, 0, found.start()) for mark in ("。", "\n")) + 1
        ends = [at for mark in ("。", "\n") if (at := corpus.find(mark, found.end())) >= 0]
        whole = corpus[begin: min(ends, default=len(corpus))]
        clause_start = max(corpus.rfind(mark, 0, found.start()) for mark in ("，", "；", "：", "。", "\n")) + 1
        if term not in whole and _MODAL.search(corpus[clause_start: found.start()]):
            return True
    return False
