"""Material for distractors gathered once over every current article (`TheoryPools`: numbers by unit, duty-bearers
by class, lists, curated terms, the flattened corpus and documents, penalties, figures by rule), and the look-up every
kind of distractor makes on it: whether the sentence with a candidate filled in is a rule some current article states
(`rule_elsewhere`). `flattened` is text as the pools hold it, whitespace removed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from quiz.generation import articles as read
from quiz.generation import terms as kt
from quiz.generation.records import ArticleRecord
from quiz.generation.supersede import Figures


@dataclass
class TheoryPools:
    """Material for distractors gathered from every current article."""

    numbers: dict[str, set[Decimal]] = field(default_factory=dict)
    subjects: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # group → (party, title)
    lists: list[tuple[str, int, read.Enumeration]] = field(default_factory=list)  # (article key, number, list)
    terms: dict[str, set[str]] = field(default_factory=dict)  # curated term → keys of the articles using it
    flat_corpus: str = ""  # every article, whitespace removed: a filled-in distractor must not be found here
    documents: dict[str, str] = field(default_factory=dict)  # title → its articles, whitespace removed
    penalties: list[tuple[str, str, str]] = field(default_factory=list)  # (title, version, text) of articles fining
    figures: Figures = field(default_factory=Figures)  # figures by rule: one a later document restates is not asked

    @classmethod
    def build(cls, records: Iterable[ArticleRecord]) -> TheoryPools:
        """Collect numbers by unit, duty-bearers by group and enumerations from `records`."""
        pools = cls()
        flats: list[str] = []
        for record in records:
            for quantity in read.article_quantities(record.text):
                pools.numbers.setdefault(read.canonical_unit(quantity.unit), set()).add(quantity.value)
            for sentence in read.sentences(record.text):
                found = read.subject(sentence)
                if found:
                    pools.subjects.setdefault(found[1], set()).add((found[0], record.title))
            for enumeration in read.enumerations(record.text):
                pools.lists.append((record.key, record.number or 0, enumeration))
            for term in kt.ALL_TERMS:
                if term in record.text:
                    pools.terms.setdefault(term, set()).add(record.key)
            flats.append(flattened(record.text))
            if record.status == "current" and "罚款" in record.text:
                pools.penalties.append((record.title, record.version or "", record.text))
            pools.documents[record.title] = pools.documents.get(record.title, "") + "\n" + flats[-1]
        pools.flat_corpus = "\n".join(flats)
        pools.figures = Figures.build(records)
        return pools


def flattened(text: str) -> str:
    return re.sub(r"\s+", "", text)


def rule_elsewhere(before: str, candidate: str, after: str, pools: TheoryPools) -> bool:
    """Whether the sentence with `candidate` filled in is stated by some current article (then it is no distractor)."""
    return bool(pools.flat_corpus) and flattened(before + candidate + after) in pools.flat_corpus
