"""Multiple choice from enumerations: items of the cited list against items of sibling lists.

A list is a lead-in ending with a colon and its items （一）（二）…. Correct options are
2–3 items of the cited list; distractors are single items of other lists whose lead-in
reads most alike, never from neighbouring articles of the same document (they regulate
the same thing, so their items might be right too) and never resembling a cited item.
"""

from __future__ import annotations

import random
import re

from quiz.generation import articles as read
from quiz.generation.records import ArticleRecord, GeneratedQuestion
from quiz.generation.similarity import similarity
from quiz.generation.theory import TheoryPools, article_question, article_rng, choice_options, stem_prefix

_CATCH_ALL_ITEM = ("其他", "其它", "等")
_NEIGHBOURS = 20


def _usable_item(item: str) -> bool:
    return 4 <= len(item) <= 36 and not any(word in item for word in _CATCH_ALL_ITEM) and "：" not in item


def multi_enumeration(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """下列属于该条所列的有（ ）: 2–3 items of the cited list and 2 items of sibling lists elsewhere."""
    name = "theory.multi_enumeration"
    rng = article_rng(seed, name, record)
    lists = [e for e in read.enumerations(record.text) if len(e.lead) <= 80 and "“" not in e.lead]
    rng.shuffle(lists)
    for enumeration in lists:
        items = [i for i in enumeration.items if _usable_item(i)]
        if len(items) < 3:
            continue
        wrong = _sibling_items(enumeration, record, pools, rng, 2)
        if len(wrong) < 2:
            continue
        correct = rng.sample(items, min(len(items), rng.choice((2, 3))))
        options, answer = choice_options(correct, wrong, rng)
        stem = f"{stem_prefix(record)}“{enumeration.lead}”。下列各项中，属于该条所列的有（ ）。"
        explanation = (
            "该条所列："
            + "；".join(f"（{read.to_chinese_number(i + 1)}）{t}" for i, t in enumerate(enumeration.items))
            + "。"
        )
        return article_question(
            record,
            name,
            seed,
            "multi",
            stem,
            options,
            answer,
            explanation,
            {"lead": enumeration.lead, "sources": [o.text for o in options if o.key not in answer]},
        )
    return None


_BOILERPLATE = re.compile(r"有下列(?:情形|情况|行为)之一的?|下列|以下|应当|必须|遵守|符合|规定|要求|的|，")


def _topic(lead: str) -> str:
    """A lead-in without the words every lead-in shares, so that likeness means the same subject."""
    return _BOILERPLATE.sub("", lead)


def _lead_word(lead: str) -> str:
    for word in ("职责", "权利", "情形", "情况", "规定", "措施", "条件", "内容", "要求", "资料", "事项", "行为"):
        if word in lead:
            return word
    return ""


def _sibling_items(
    enumeration: read.Enumeration, record: ArticleRecord, pools: TheoryPools, rng: random.Random, count: int
) -> list[str]:
    """Items of other articles' lists unlike anything in the cited article.

    Lists whose lead-in reads most like this one (same document counts extra) come first:
    their items are the plausible wrong answers; unrelated lists would make the question a
    giveaway. Neighbouring articles of the same document regulate the same thing, so their
    items might be right too and are never used.
    """
    own = list(enumeration.items)
    title = record.key.split("|", 1)[0]
    ranked = []
    for key, number, other in pools.lists:
        same_document = key.split("|", 1)[0] == title
        if key == record.key or same_document and abs(number - (record.number or 0)) < _NEIGHBOURS:
            continue
        score = (
            similarity(_topic(enumeration.lead), _topic(other.lead))
            + (0.5 if same_document else 0)
            + (0.2 if _lead_word(other.lead) == _lead_word(enumeration.lead) != "" else 0)
        )
        ranked.append((-score, key, other))
    ranked.sort(key=lambda entry: (entry[0], entry[1]))
    chosen: list[str] = []
    for _, _, other in ranked:
        items = [i for i in other.items if _usable_item(i)]
        rng.shuffle(items)
        for candidate in items:
            if candidate in record.text or any(
                candidate in i or i in candidate or similarity(candidate, i) >= 0.3 for i in own
            ):
                continue
            if any(similarity(candidate, c) >= 0.3 for c in chosen):
                continue
            chosen.append(candidate)
            # At most one item per sibling list, so the two distractors do not give each other away.
            break
        if len(chosen) == count:
            return chosen
    return chosen
