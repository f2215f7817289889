"""A list article read at the level of the item that matches a question.

A long article that lists many rules (安装和使用局部通风机时，必须遵守下列规定：（一）…（二）…) shares
many words with a question, spread over its items: each item repeats the article's subject, so
BM25 adds up what no one rule says. A short article that states exactly the asked act then loses
to it by the sheer count of words. A list article is scored here as its lead (the text outside
its items: the sentence introducing the list, a closing paragraph) with the one item that matches
best, so it keeps its score only where one of its items states what is asked.

Items are the top-level ones ((一), (二)…), each with its sub-items (1. 2. 3. under (一)): the
counts 每班至少1次 / 2次 / 3次 under 检查次数如下： are one item's answer. Without top-level items
the numbered ones (1. 2.) are the items.

The item and the whole article are scored alike (kb.scoring.text_bm25), the item at a length
between its own and the article's (ITEM_LENGTH_SHARE): at its own length a short item would
outscore the article that holds it, at the article's a list article answering from one item
would be doubted for its other items' length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from kb.hits import Hit
from kb.scoring import text_bm25

MIN_ITEMS = 2  # fewer items: not a list to read item by item
ITEM_LENGTH_SHARE = 0.5  # the item is scored at len(item)^(1-s) × len(article)^s characters

_TOP_ITEM = re.compile(r"\s*[（(][一二三四五六七八九十]+[)）]")
_SUB_ITEM = re.compile(r"\s*(?:\d+[.．、](?!\d)|[（(]\d+[)）])")


def list_items(text: str) -> tuple[str, list[str]]:
    """(the lead, the items) of a list article: each top-level item with its sub-items, the lead
    every line outside them; ("text", []) for an article with fewer than MIN_ITEMS items."""
    lines = text.split("\n")
    top = sum(1 for line in lines if _TOP_ITEM.match(line)) >= MIN_ITEMS
    item = _TOP_ITEM if top else _SUB_ITEM
    lead: list[str] = []
    items: list[str] = []
    for line in lines:
        if item.match(line):
            items.append(line)
        elif items and top and _SUB_ITEM.match(line):
            items[-1] += "\n" + line
        else:
            lead.append(line)
    if len(items) < MIN_ITEMS:
        return text, []
    return "\n".join(lead), items


def best_item(text: str, terms: list[tuple[str, float]], idf: Callable[[str], float]) -> tuple[int, float]:
    """(index of the item matching best, its share 0–1 of the whole article's score), or (-1, 1.0)
    when `text` is no list article or holds no word asked."""
    lead, items = list_items(text)
    if not items:
        return -1, 1.0
    whole = text_bm25(terms, text.lower(), idf)
    if whole <= 0:
        return -1, 1.0
    scored = [
        (
            text_bm25(
                terms,
                f"{lead}\n{item}".lower(),
                idf,
                (len(lead) + len(item)) ** (1 - ITEM_LENGTH_SHARE) * len(text) ** ITEM_LENGTH_SHARE,
            ),
            -i,
        )
        for i, item in enumerate(items)
    ]
    score, at = max(scored)
    return -at, min(1.0, score / whole)


def item_share(text: str, terms: list[tuple[str, float]], idf: Callable[[str], float]) -> float:
    """How much of a list article's score its best item keeps (1.0 for an article that is no list)."""
    return best_item(text, terms, idf)[1]


def at_item_level(hits: list[Hit], terms: list[tuple[str, float]], idf: Callable[[str], float], depth: int) -> list[Hit]:
    """`hits` with each list article among the first `depth` scored at the level of its best item
    (item_share); an article reached by reference (exact) keeps its score."""
    return [
        replace(h, score=h.score * item_share(h.text, terms, idf)) if i < depth and not h.exact else h
        for i, h in enumerate(hits)
    ]


# A question asking for the whole list (哪些情形, 分几级, 都有啥职责) is answered by the list as it
# reads; one asking for one fact (一次性工亡补助金给多少) by the item that states it.
_WHOLE_LIST = re.compile(
    r"哪些|哪几|哪种|哪类|几种|几类|几级|几个等级|分几|什么情[况形]|啥情[况形]|什么样|啥样|都有|包括|有什么|有啥"
    r"|职责|义务|权利|要管|干啥|做啥|要做什么|要干什么"
)


def wants_whole_list(question: str) -> bool:
    """Whether `question` asks for a whole list rather than the one item stating a fact."""
    return bool(_WHOLE_LIST.search(question))


# An item that only closes the list (…规定的其他情形) states no case of its own.
_CATCH_ALL = re.compile(r"其他[\u4e00-\u9fff]{0,10}(?:情形|情况|职责|事项|义务|权利|规定)[。；;]?\s*$")


def head_items(text: str, bounds: list[tuple[int, int]], head: int) -> list[list[int]]:
    """The items of the list the sentence `head` introduces, each as the indexes of its sentences
    (an item may run over several: …的亲属。标准为：…; sub-items 1. 2. belong to their (一)), up to
    the first line after the head that opens no item."""
    items: list[list[int]] = []
    marker = None
    for i in range(head + 1, len(bounds)):
        start, end = bounds[i]
        if start > 0 and text[start - 1] != "\n":
            if not items:
                return []  # the head is not the end of its line: no list follows it
            items[-1].append(i)
            continue
        line = text[start:end]
        if marker is None:
            marker = _TOP_ITEM if _TOP_ITEM.match(line) else _SUB_ITEM if _SUB_ITEM.match(line) else None
            if marker is None:
                return []
        if marker.match(line):
            items.append([i])
        elif marker is _TOP_ITEM and _SUB_ITEM.match(line) and items:
            items[-1].append(i)
        else:
            break
    return items


def items_to_quote(
    items: list[tuple[int, str]], values: dict[int, float], covered: dict[int, float], room: int,
    stating: frozenset[int] = frozenset(),
) -> list[int]:
    """Up to `room` of a list head's `items` ((key, text)) to quote after it: those holding words of
    the question (`covered`), first those `stating` the kind of fact asked (检查不少于1h for 盯多长时间),
    then the best answering (`values`), then those holding most of the question; none that only
    closes the list (…的其他情形); [] when no item holds a word of the question."""
    matching = [i for i, item in items if covered.get(i, 0.0) > 0 and not _CATCH_ALL.search(item)]
    return sorted(matching, key=lambda i: (i not in stating, -values.get(i, 0.0), -covered[i]))[:room]
