"""Number questions on list items (`blank_item_number`, `single_item_number`): a figure of one item of a list, its
lead-in as the stem's context (……应当符合下列要求：岩巷直线巷道大于（ ）m)."""

from __future__ import annotations

import dataclasses
import re

from quiz.bank.text import BLANK
from quiz.generation import articles as read
from quiz.generation.records import ArticleRecord, GeneratedQuestion
from quiz.generation.relevance import (
    acted_on,
    not_a_rule,
    worth_a_worker,
)
from quiz.generation.theory.number_distractors import number_distractors
from quiz.generation.theory.numbers import accepted_forms, fixed_word, number_choice, once_per_period
from quiz.generation.theory.pools import TheoryPools
from quiz.generation.theory.questions import article_question, article_rng, blank_answer
from quiz.generation.theory.stems import stem_prefix


def _item_slots(record: ArticleRecord, pools: TheoryPools) -> list[tuple[read.ListItem, read.Quantity]]:
    """List items with a quantity whose number appears once in the item (the lead-in gives the context), none a later
    document in force restates with another value (`Figures.older`)."""
    slots = []
    for entry in read.list_items(record.text):
        if not worth_a_worker(entry.leads + "：" + entry.item):
            continue
        for quantity in read.quantities(entry.item):
            if (entry.item.count(quantity.raw) == 1 and quantity.raw not in entry.leads and not fixed_word(entry.item, quantity)
                    and not once_per_period(entry.item, quantity) and not not_a_rule(entry.item, quantity.start)
                    and not pools.figures.older(record, entry.item)):
                slots.append(_governed(entry, quantity))
    return acted_on(slots, lambda slot: (slot[0].item, slot[0].lead))


def _governed(entry: read.ListItem, quantity: read.Quantity) -> tuple[read.ListItem, read.Quantity]:
    """The item cut to the sentences its lead-in governs around the quantity (`articles.governed_part`), the quantity
    placed in it."""
    part, start = read.governed_part(entry.item, quantity.start)
    return (dataclasses.replace(entry, item=part),
            dataclasses.replace(quantity, start=quantity.start - start, end=quantity.end - start))


def _item_inputs(entry: read.ListItem, quantity: read.Quantity) -> dict:
    """What an item question records: the lead-in, the item, where its number stands, the unit, and the outer lead-in of
    an item 1. … (the verifier re-finds both lead-ins)."""
    inputs = {"lead": entry.lead, "item": entry.item, "position": quantity.start, "unit": quantity.unit}
    return inputs | ({"outer": entry.outer} if entry.outer else {})


def blank_item_number(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """……应当符合下列要求：岩巷直线巷道大于（ ）m: a number of one list item, its lead-in as context."""
    name = "theory.blank_item_number"
    slots = _item_slots(record, pools)
    if not slots:
        return None
    entry, quantity = article_rng(seed, name, record).choice(slots)
    item = entry.item
    stem = stem_prefix(record, entry.lead + "：" + item) + entry.stem_leads + "：" + item[: quantity.start] + BLANK + item[quantity.end :] + "。"
    accepted = accepted_forms(quantity)
    return article_question(
        record,
        name,
        seed,
        "blank",
        stem,
        (),
        blank_answer(accepted),
        f"原文：“{entry.leads}：……{item}。”",
        _item_inputs(entry, quantity),
    )


def single_item_number(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """A number and unit of one list item against three values of the same unit the article never states."""
    name = "theory.single_item_number"
    rng = article_rng(seed, name, record)
    slots = _item_slots(record, pools)
    taken = article_rng(seed, "theory.blank_item_number", record).choice(slots) if slots else None
    rng.shuffle(slots)
    for entry, quantity in slots:
        # With a unit like % the blank question's stem would read the same once punctuation is ignored.
        if (entry, quantity) == taken and not re.search(r"\w", quantity.unit):
            continue
        if entry.item.count(quantity.text) != 1:
            continue
        item, end = entry.item, quantity.end + len(quantity.unit)
        context = (entry.leads + "：" + item[: quantity.start], item[end:])
        wrong = number_distractors(quantity, record, pools, rng, context=context)
        if len(wrong) < 3:
            continue
        stem = stem_prefix(record, entry.lead + "：" + item) + entry.stem_leads + "：" + item[: quantity.start] + BLANK + item[end:] + "。"
        return number_choice(record, name, seed, stem, quantity, wrong, rng, f"原文：“{entry.leads}：……{item}。”",
                             _item_inputs(entry, quantity))
    return None
