"""Documents of one series: a later text that revisits a point answers it.

A 解释 and its 解释（二）, a 规定 and its 补充规定 are both in force: the later one does not replace
the earlier (that is the successors register's business, corpus.successors, and a superseded
document is demoted by status), it settles anew some of the points the earlier one settled
(强令他人违章冒险作业 is defined by both; the later definition is the one applied). When the article
ask would answer from is restated by a later document of the same series, the later article
answers instead — if it ranked about as high on the question's words (NEAR_TIE of the lead's
search score) and restates the lead's answering sentence (RESTATED of its character pairs). A
later document of the series that does not revisit the point never wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb.highlight import char_pairs, sentences
from kb.hits import Hit

NEAR_TIE = 0.6  # the later article's search score, at least this share of the lead's
RESTATED = 0.6  # …and at least this share of the lead's answering sentence's character pairs
# A mark of one text of a series at the end of its title: （二）, （补充）, （2019年修订）, （试行）.
_SERIES_MARK = re.compile(r"\s*[（(](?:[一二三四五六七八九十]+|补充|修订|修正|试行|(?:19|20)\d\d\s*年?\s*(?:修订|修正)?)[）)]\s*$")
_SPACE = re.compile(r"\s+")
_SUPPLEMENT = re.compile(r"补充(?=规定|办法|细则|解释|通知|意见)")


def title_stem(title: str) -> str:
    """The series a title belongs to: without 中华人民共和国, book-title marks, a trailing series
    mark (（二）, （修订）) or 补充 before the kind of text (补充规定 → 规定)."""
    stem = title.removeprefix("中华人民共和国").strip("《》 ")
    while (shorter := _SERIES_MARK.sub("", stem)) != stem:
        stem = shorter
    return _SUPPLEMENT.sub("", stem)


def same_series(a: Hit, b: Hit) -> bool:
    """Two documents (not one) of one series."""
    return a.doc_id != b.doc_id and title_stem(a.title) == title_stem(b.title)


def restates(sentence: str, text: str) -> bool:
    """`text` says again most of `sentence` (RESTATED of its character pairs)."""
    wanted = char_pairs(_SPACE.sub("", sentence))
    return bool(wanted) and len(wanted & char_pairs(_SPACE.sub("", text))) >= RESTATED * len(wanted)


def answering_sentence(hit: Hit, best: int) -> str:
    """Sentence `best` (kb.kinds.Reading.best) of the article, or its whole text when none answers."""
    bounds = sentences(hit.text)
    if 0 <= best < len(bounds):
        start, end = bounds[best]
        return hit.text[start:end]
    return hit.text


def later_revisiting(lead: Hit, sentence: str, candidates: Sequence[Hit]) -> Hit | None:
    """The latest current article among `candidates` from a later document of `lead`'s series that
    restates the lead's answering `sentence` and ranked about as high (NEAR_TIE); None when none does."""
    if lead.dated is None:
        return None
    found = [
        h for h in candidates
        if h.status == "current" and h.dated is not None and h.dated > lead.dated and same_series(lead, h)
        and h.score >= NEAR_TIE * lead.score and restates(sentence, h.text)
    ]
    return max(found, key=lambda h: h.dated, default=None)
