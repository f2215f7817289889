"""Number questions: a rule's figure blanked (`blank_number`: ……应当至少每（ ）年……) or asked against other values of its
unit (`single_number`). Which figures are asked: once in their sentence, not a numeral of a word (`fixed_word`: 四周)
nor a count of one per period (`once_per_period`), whose period said in words a term blank asks instead
(`period_slots`); the forms a blank accepts (`accepted_forms`: 2/二)."""

from __future__ import annotations

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
from quiz.generation.theory.pools import TheoryPools
from quiz.generation.theory.questions import article_question, article_rng, blank_answer, choice_options
from quiz.generation.theory.stems import stands_alone, stem_prefix


def _number_slots(record: ArticleRecord, pools: TheoryPools) -> list[tuple[str, read.Quantity]]:
    """Sentences with a quantity whose text appears once there (else the stem gives it away), a rule's figure and
    not a usual one (`not_a_rule`: …一般为0.3～0.5m/s), nor one a later document in force restates with another value
    (`Figures.older`: 细则's 坡度大于25° where the 2025 规程 says 8°)."""
    slots = []
    for sentence in read.sentences(record.text):
        if not worth_a_worker(sentence) or not stands_alone(record, sentence):
            continue
        for quantity in read.quantities(sentence):
            if (sentence.count(quantity.raw) == 1 and not fixed_word(sentence, quantity)
                    and not once_per_period(sentence, quantity) and not not_a_rule(sentence, quantity.start)
                    and not pools.figures.older(record, sentence)):
                slots.append((sentence, quantity))
    return acted_on(slots, lambda slot: (slot[0], ""))


# A count of 1 within a frequency (至少每2周巡视1次, 每班检查1次): once per period is what any reader guesses, and the rule
# is the period (frontline read 12, T3; managers' read 4, T30). The count is not blanked: the period, when a figure, is
# a slot of its own (每（ ）周巡视1次).
_PER_PERIOD = re.compile(r"每[^，。；：]{0,80}$")


def once_per_period(text: str, quantity: read.Quantity) -> bool:
    """Whether `quantity` is 1次 after a 每<period> in its clause (`_PER_PERIOD`)."""
    return quantity.unit == "次" and quantity.value == 1 and bool(_PER_PERIOD.search(text[: quantity.start]))


# A period said in words (每旬, 每班, 每季度): with the count of 1 not blanked, the period is what to know
# (每（ ）至少进行1次全面测风), as real exams ask it. Not where the sentence names a season or a yearly event, which
# gives the period away (（每年）雨季前…演练, frontline read 16, T22).
_PERIOD_WORD = re.compile(r"每(?:半个月|半年|季度|小班|班|旬|周|天|日|月|年)")
_PERIOD_GIVEN = re.compile(r"雨季|汛期|冬季|夏季|冬春|春节|年度|季节")


def period_slots(record: ArticleRecord) -> list[tuple[str, int, str]]:
    """(sentence, start, 每<period>) for a frequency of once per a period said in words, the period once in its
    sentence and not given away by a season or yearly event the sentence names (`_PERIOD_GIVEN`)."""
    slots = []
    for sentence in read.sentences(record.text):
        if not worth_a_worker(sentence) or not stands_alone(record, sentence) or _PERIOD_GIVEN.search(sentence):
            continue
        for quantity in read.quantities(sentence):
            periods = list(_PERIOD_WORD.finditer(sentence[: quantity.start])) if once_per_period(sentence, quantity) else []
            period = periods[-1].group(0) if periods else ""
            if period and sentence.count(period) == 1:
                slots.append((sentence, periods[-1].start(), period))
    return slots


# Numerals that are part of a word, not a quantity: 四周 (all around) reads as four weeks.
_FIXED_WORDS = re.compile(r"四周|四面|一线")


def fixed_word(text: str, quantity: read.Quantity) -> bool:
    """Whether the numeral at `quantity` is part of a fixed word (`_FIXED_WORDS`) rather than a count."""
    return any(found.start() <= quantity.start < found.end() for found in _FIXED_WORDS.finditer(text))


def accepted_forms(quantity: read.Quantity) -> list[str]:
    """The answers a blank accepts: the number as written, and its other numeral form. Stored as one answer with the
    forms joined by "/" (`blank_answer`): the taking page gives one box per answer and scores each."""
    accepted = [quantity.raw]
    if quantity.style == "chinese":
        accepted.append(str(quantity.value))
    elif quantity.value == quantity.value.to_integral_value() and quantity.value < 10000:
        accepted.append(read.to_chinese_number(int(quantity.value)))
    return accepted


def number_choice(
    record: ArticleRecord, name: str, seed: str, stem: str, quantity: read.Quantity, wrong: list[str],
    rng, explanation: str, inputs: dict,
) -> GeneratedQuestion:
    """A single choice whose key is `quantity` and whose distractors are `wrong`."""
    options, answer = choice_options([quantity.text], wrong, rng)
    return article_question(record, name, seed, "single", stem, options, answer, explanation, inputs)


def _blank_slot(record: ArticleRecord, seed: str, pools: TheoryPools) -> tuple[str, read.Quantity] | None:
    """The sentence and number the blank generator asks about in this article."""
    slots = _number_slots(record, pools)
    return article_rng(seed, "theory.blank_number", record).choice(slots) if slots else None


def blank_number(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """……应当至少每（ ）年……: the number is blanked, the unit stays."""
    name = "theory.blank_number"
    slot = _blank_slot(record, seed, pools)
    if slot is None:
        return None
    sentence, quantity = slot
    stem = stem_prefix(record, sentence) + sentence[: quantity.start] + BLANK + sentence[quantity.end :] + "。"
    accepted = accepted_forms(quantity)
    explanation = f"原文：“{sentence}。”"
    return article_question(
        record,
        name,
        seed,
        "blank",
        stem,
        (),
        blank_answer(accepted),
        explanation,
        {"sentence": sentence, "position": quantity.start, "unit": quantity.unit},
    )


def single_number(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """A number-and-unit blank with three other values of the same unit."""
    name = "theory.single_number"
    rng = article_rng(seed, name, record)
    slots = _number_slots(record, pools)
    rng.shuffle(slots)
    taken = _blank_slot(record, seed, pools)
    for sentence, quantity in slots:
        # With a unit like % the blank question's stem would read the same once punctuation is ignored.
        if (sentence, quantity) == taken and not re.search(r"\w", quantity.unit):
            continue
        end = quantity.end + len(quantity.unit)
        wrong = number_distractors(quantity, record, pools, rng, context=(sentence[: quantity.start], sentence[end:]))
        if len(wrong) < 3:
            continue
        stem = stem_prefix(record, sentence) + sentence[: quantity.start] + BLANK + sentence[end:] + "。"
        return number_choice(record, name, seed, stem, quantity, wrong, rng, f"原文：“{sentence}。”",
                             {"sentence": sentence, "position": quantity.start, "unit": quantity.unit})
    return None
