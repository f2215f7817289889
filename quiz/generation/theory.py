"""Theory questions (应知应会) from articles: fill-in-the-blank, single choice, true/false, multiple choice.

Each generator looks at one article and yields at most one question; which sentence,
number or list it uses is decided by a `random.Random` seeded with the run's seed, the
generator name and the article's identity, so the same seed gives the same questions
whatever else is in the run. Distractors come from `TheoryPools`, built once over all
current articles, and are kept only when they are certainly wrong *for the cited article*:
a number that appears nowhere in the article with the same unit, a duty-bearer the article
never names, a list item unlike every item of the cited list.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from quiz.generation import articles as read
from quiz.generation.records import CATEGORY_THEORY, ArticleRecord, Change, GeneratedQuestion
from quiz.generation.similarity import similarity
from quiz.text import BLANK
from quiz.types import JUDGE_OPTIONS, OPTION_KEYS, Option

_CATCH_ALL_ITEM = ("其他", "其它", "等")
_NEIGHBOURS = 20


@dataclass
class TheoryPools:
    """Material for distractors gathered from every current article."""

    numbers: dict[str, set[Decimal]] = field(default_factory=dict)
    subjects: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # group → (party, title)
    lists: list[tuple[str, int, read.Enumeration]] = field(default_factory=list)  # (article key, number, list)

    @classmethod
    def build(cls, records: Iterable[ArticleRecord]) -> TheoryPools:
        """Collect numbers by unit, duty-bearers by group and enumerations from `records`."""
        pools = cls()
        for record in records:
            for quantity in read.article_quantities(record.text):
                pools.numbers.setdefault(quantity.unit, set()).add(quantity.value)
            for sentence in read.sentences(record.text):
                found = read.subject(sentence)
                if found:
                    pools.subjects.setdefault(found[1], set()).add((found[0], record.title))
            for enumeration in read.enumerations(record.text):
                pools.lists.append((record.key, record.number or 0, enumeration))
        return pools


def short_title(title: str) -> str:
    """The title as questions quote it: 中华人民共和国安全生产法 → 安全生产法."""
    return title.removeprefix("中华人民共和国") or title


def _prefix(record: ArticleRecord) -> str:
    return f"根据《{short_title(record.title)}》{record.label}，"


def _rng(seed: str, generator: str, record: ArticleRecord) -> random.Random:
    return random.Random(f"{seed}|{generator}|{record.key}")


def _choice_options(
    correct: list[str], wrong: list[str], rng: random.Random
) -> tuple[tuple[Option, ...], tuple[str, ...]]:
    texts = [(t, True) for t in correct] + [(t, False) for t in wrong]
    rng.shuffle(texts)
    options = tuple(Option(OPTION_KEYS[i], t) for i, (t, _) in enumerate(texts))
    answer = tuple(OPTION_KEYS[i] for i, (_, ok) in enumerate(texts) if ok)
    return options, answer


def _question(
    record: ArticleRecord,
    generator: str,
    seed: str,
    type_: str,
    stem: str,
    options,
    answer,
    explanation: str,
    inputs: dict,
    change: Change | None = None,
) -> GeneratedQuestion:
    return GeneratedQuestion(
        type=type_,
        stem=stem,
        options=options,
        answer=answer,
        explanation=explanation,
        citation=record.citation,
        generator=generator,
        seed=seed,
        change=change,
        inputs={"article": record.key, **inputs},
        category=(CATEGORY_THEORY, short_title(record.title)),
        article_id=record.article_id,
    )


# --------------------------------------------------------------------------- numbers


def _number_slots(record: ArticleRecord) -> list[tuple[str, read.Quantity]]:
    """Sentences with a quantity whose text appears once there (else the stem gives it away)."""
    slots = []
    for sentence in read.sentences(record.text):
        for quantity in read.quantities(sentence):
            if sentence.count(quantity.raw) == 1:
                slots.append((sentence, quantity))
    return slots


def number_distractors(
    quantity: read.Quantity, record: ArticleRecord, pools: TheoryPools, rng: random.Random, count: int = 3
) -> list[str]:
    """Other plausible values with the same unit, none of which the article states with that unit."""
    stated = {q.value for q in read.article_quantities(record.text) if q.unit == quantity.unit}
    value = quantity.value
    integral = value == value.to_integral_value() and "." not in quantity.raw
    candidates = set(pools.numbers.get(quantity.unit, ())) | {
        value * m for m in (2, 3, 5, Decimal("1.5"), Decimal("0.5"))
    }
    if integral and value <= 10:
        candidates |= {value + 1, value + 2, value - 1}
    texts: dict[str, Decimal] = {}
    for candidate in candidates:
        if candidate <= 0 or candidate in stated or quantity.unit == "%" and candidate > 100:
            continue
        if (integral or quantity.unit in read.COUNT_UNITS) and candidate != candidate.to_integral_value():
            continue
        if integral and value >= 10 and value % 5 == 0 and candidate % 5 != 0:
            continue
        try:
            text = read.format_number(candidate, quantity) + quantity.unit
        except ValueError:
            continue
        if text in quantity.text or quantity.text in text or text in record.text:
            continue
        texts.setdefault(text, candidate)
    ranked = sorted(texts, key=lambda t: (abs(math.log(float(texts[t]) / float(value))), t))
    nearest = ranked[: count + 3]
    rng.shuffle(nearest)
    return sorted(nearest[:count], key=lambda t: texts[t]) if len(nearest) >= count else []


def _blank_slot(record: ArticleRecord, seed: str) -> tuple[str, read.Quantity] | None:
    """The sentence and number the blank generator asks about in this article."""
    slots = _number_slots(record)
    return _rng(seed, "theory.blank_number", record).choice(slots) if slots else None


def blank_number(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """……应当至少每（ ）年……: the number is blanked, the unit stays."""
    name = "theory.blank_number"
    slot = _blank_slot(record, seed)
    if slot is None:
        return None
    sentence, quantity = slot
    stem = _prefix(record) + sentence[: quantity.start] + BLANK + sentence[quantity.end :] + "。"
    accepted = [quantity.raw]
    if quantity.style == "chinese":
        accepted.append(str(quantity.value))
    elif quantity.value == quantity.value.to_integral_value() and quantity.value < 10000:
        accepted.append(read.to_chinese_number(int(quantity.value)))
    explanation = f"原文：“{sentence}。”"
    return _question(
        record,
        name,
        seed,
        "blank",
        stem,
        (),
        tuple(accepted),
        explanation,
        {"sentence": sentence, "position": quantity.start, "unit": quantity.unit},
    )


def single_number(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """A number-and-unit blank with three other values of the same unit."""
    name = "theory.single_number"
    rng = _rng(seed, name, record)
    slots = _number_slots(record)
    rng.shuffle(slots)
    taken = _blank_slot(record, seed)
    for sentence, quantity in slots:
        # With a unit like % the blank question's stem would read the same once punctuation is ignored.
        if (sentence, quantity) == taken and not re.search(r"\w", quantity.unit):
            continue
        wrong = number_distractors(quantity, record, pools, rng)
        if len(wrong) < 3:
            continue
        end = quantity.end + len(quantity.unit)
        stem = _prefix(record) + sentence[: quantity.start] + BLANK + sentence[end:] + "。"
        options, answer = _choice_options([quantity.text], wrong, rng)
        return _question(
            record,
            name,
            seed,
            "single",
            stem,
            options,
            answer,
            f"原文：“{sentence}。”",
            {"sentence": sentence, "position": quantity.start, "unit": quantity.unit},
        )
    return None


# --------------------------------------------------------------------------- duty-bearers


def party_distractors(
    party: str, group: str, record: ArticleRecord, pools: TheoryPools, rng: random.Random, count: int = 3
) -> list[str]:
    """Other duty-bearers of the same group that the article never names, same document first."""
    same, other = set(), set()
    for candidate, title in pools.subjects.get(group, ()):
        if candidate in record.text or party in candidate or candidate in party or similarity(candidate, party) >= 0.4:
            continue
        (same if title == record.title else other).add(candidate)
    first, rest = sorted(same), sorted(other - same)
    rng.shuffle(first)
    rng.shuffle(rest)
    chosen: list[str] = []
    for candidate in first + rest:
        if all(c not in candidate and candidate not in c and similarity(c, candidate) < 0.5 for c in chosen):
            chosen.append(candidate)
        if len(chosen) == count:
            return chosen
    return []


def single_party(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """（ ）应当……: who bears the duty or holds the right, against other duty-bearers."""
    name = "theory.single_party"
    rng = _rng(seed, name, record)
    slots = [(s, found) for s in read.sentences(record.text) if (found := read.subject(s))]
    rng.shuffle(slots)
    for sentence, (party, group) in slots:
        rest = sentence[len(party) :]
        if party in rest:
            continue
        wrong = party_distractors(party, group, record, pools, rng)
        if len(wrong) < 3:
            continue
        options, answer = _choice_options([party], wrong, rng)
        stem = _prefix(record) + BLANK + rest + "。"
        return _question(
            record,
            name,
            seed,
            "single",
            stem,
            options,
            answer,
            f"原文：“{sentence}。”",
            {"sentence": sentence, "position": 0, "group": group},
        )
    return None


# --------------------------------------------------------------------------- true / false


def judge(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """A faithful statement (true), or one with exactly one recorded change (false)."""
    name = "theory.judge"
    rng = _rng(seed, name, record)
    statements = [s for s in read.sentences(record.text) if len(s) <= 90 and read.NORMATIVE.search(s)]
    if not statements:
        return None
    sentence = rng.choice(statements)
    if rng.random() < 0.5:
        return _question(
            record,
            name,
            seed,
            "judge",
            _prefix(record) + sentence + "。",
            JUDGE_OPTIONS,
            ("A",),
            f"正确。原文：“{sentence}。”",
            {"sentence": sentence, "truth": True},
        )
    changes = _false_changes(sentence, record, pools, rng)
    if not changes:
        return _question(
            record,
            name,
            seed,
            "judge",
            _prefix(record) + sentence + "。",
            JUDGE_OPTIONS,
            ("A",),
            f"正确。原文：“{sentence}。”",
            {"sentence": sentence, "truth": True},
        )
    index, change = rng.choice(changes)
    statement = sentence[:index] + change.replacement + sentence[index + len(change.original) :]
    explanation = f"错误。原文为“{change.original}”，不是“{change.replacement}”。原文：“{sentence}。”"
    return _question(
        record,
        name,
        seed,
        "judge",
        _prefix(record) + statement + "。",
        JUDGE_OPTIONS,
        ("B",),
        explanation,
        {"sentence": sentence, "truth": False, "position": index},
        change,
    )


def _false_changes(
    sentence: str, record: ArticleRecord, pools: TheoryPools, rng: random.Random
) -> list[tuple[int, Change]]:
    out = [(i, Change("modal", old, new)) for i, old, new in read.modal_changes(sentence)]
    for quantity in read.quantities(sentence):
        if sentence.count(quantity.text) != 1:
            continue
        wrong = number_distractors(quantity, record, pools, rng, count=1)
        if wrong:
            out.append((quantity.start, Change("number", quantity.text, wrong[0])))
    found = read.subject(sentence)
    if found and sentence.count(found[0]) == 1:
        wrong = party_distractors(found[0], found[1], record, pools, rng, count=1)
        if wrong:
            out.append((0, Change("party", found[0], wrong[0])))
    return out


# --------------------------------------------------------------------------- lists


def _usable_item(item: str) -> bool:
    return 4 <= len(item) <= 36 and not any(word in item for word in _CATCH_ALL_ITEM) and "：" not in item


def multi_enumeration(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """下列属于该条所列的有（ ）: 2–3 items of the cited list and 2 items of sibling lists elsewhere."""
    name = "theory.multi_enumeration"
    rng = _rng(seed, name, record)
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
        options, answer = _choice_options(correct, wrong, rng)
        stem = f"{_prefix(record)}“{enumeration.lead}”。下列各项中，属于该条所列的有（ ）。"
        explanation = (
            "该条所列："
            + "；".join(f"（{read.to_chinese_number(i + 1)}）{t}" for i, t in enumerate(enumeration.items))
            + "。"
        )
        return _question(
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
            similarity(enumeration.lead, other.lead)
            + (0.2 if same_document else 0)
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


THEORY_GENERATORS: dict[str, Callable[[ArticleRecord, TheoryPools, str], GeneratedQuestion | None]] = {
    "theory.blank_number": blank_number,
    "theory.single_number": single_number,
    "theory.single_party": single_party,
    "theory.judge": judge,
    "theory.multi_enumeration": multi_enumeration,
}


def generate_theory(
    records: list[ArticleRecord], seed: str, pools: TheoryPools | None = None, generators: Iterable[str] | None = None
) -> Iterator[GeneratedQuestion]:
    """Questions from every worthwhile current article, in article order, each generator once per article."""
    pools = pools or TheoryPools.build(records)
    names = list(generators or THEORY_GENERATORS)
    for record in records:
        if record.status != "current" or not read.worth_asking(record.text):
            continue
        for name in names:
            question = THEORY_GENERATORS[name](record, pools, seed)
            if question is not None:
                yield question
