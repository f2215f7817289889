"""Figures a later document in force restates with another value (blind read 10, T15).

防治煤与瓦斯突出细则 (2019) 第二十七条(四) and 煤矿安全规程 (2025) 第二百一十五条(四) state the same rule — blasting at an
uphill heading steeper than a slope, with the same words around the figure — but the 规程 sets the slope at 8° where the
细则 has 25°. Both are in force, and the later one governs: a blank keyed 25°, or a choice or false statement built
on it, marks right the worker who knows the current rule wrong. Such a figure is not asked.

The same rule is recognised by its words (`rule_around`): the same unit, the same clause around the figure and, when
that clause does not open its sentence, the same clause before it (whitespace and an item's number left aside); a
clause of fewer than `LEAST` other characters tells no rule, and fines (元) are penalties, not rules. The later document is the one with the later
version date the corpus records for it (`ArticleRecord.version`); two documents giving the same figure, or figures of
different things (other words beside them), stay asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from quiz.generation import articles as read
from quiz.generation.records import ArticleRecord

LEAST = 10  # characters of a clause, its figure left out, that make a rule recognisable
_CUT = "，,。；;：:"
_ITEM_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|\d+[.、．])")
_MONEY = ("元", "万元")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def rule_around(text: str, quantity: read.Quantity) -> tuple[str, str] | None:
    """The rule a figure is part of, told by its words: the clause holding it with the figure left out (`#`), and the
    clause before it when the figure's clause does not open its sentence (…具有三年以上…工作经历 is a leader's or a
    specialist's by the clause before). None for a clause too short to tell a rule by."""
    start, end = quantity.start, quantity.end + len(quantity.unit)
    opens = max((text.rfind(c, 0, start) for c in _CUT), default=-1) + 1
    closes = min((i for i in (text.find(c, end) for c in _CUT if c not in "：:") if i >= 0), default=len(text))
    clause = _ITEM_NUMBER.sub("", _flat(text[opens:start])) + "#" + _flat(text[end:closes])
    if len(clause) - 1 < LEAST:
        return None
    before = ""
    if opens and text[opens - 1] in "，,":
        head = max((text.rfind(c, 0, opens - 1) for c in _CUT), default=-1) + 1
        before = _ITEM_NUMBER.sub("", _flat(text[head : opens - 1]))
    return before, clause


@dataclass
class Figures:
    """Every figure of the current articles by its unit and rule (`rule_around`): (title, version, value)."""

    index: dict[tuple[str, str, str], list[tuple[str, str, Decimal]]] = field(default_factory=dict)

    @classmethod
    def build(cls, records: Iterable[ArticleRecord]) -> Figures:
        figures = cls()
        for record in records:
            if record.status != "current" or not record.version:
                continue
            for paragraph in read.clean_paragraphs(record.text):
                for quantity in read.quantities(paragraph):
                    rule = rule_around(paragraph, quantity)
                    if rule and quantity.unit not in _MONEY:
                        figures.index.setdefault((quantity.unit, *rule), []).append(
                            (record.title, record.version, quantity.value)
                        )
        return figures

    def superseded(self, record: ArticleRecord, text: str, quantity: read.Quantity) -> bool:
        """Whether a later document in force states the rule of `quantity` (in `text`, of `record`) with another
        value."""
        rule = rule_around(text, quantity)
        if rule is None or not record.version or quantity.unit in _MONEY:
            return False
        return any(
            title != record.title and version > record.version and value != quantity.value
            for title, version, value in self.index.get((quantity.unit, *rule), ())
        )

    def older(self, record: ArticleRecord, text: str) -> bool:
        """Whether `text` (a sentence or list item of `record`) states a rule a later document gives another figure:
        none of it is asked, as its other figures stand under the older condition (…坡度大于25°…深度不大于1.0m)."""
        return any(self.superseded(record, text, quantity) for quantity in read.quantities(text))
