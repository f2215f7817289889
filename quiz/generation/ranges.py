"""A limit stated as a range (25～40m, 2～3cm/s, 1～3次), asked whole: `single_range`.

A range is asked as one answer, both bounds and the unit, beside three other ranges of the same unit. Blanking one
bound (…25～（ ）m) reads oddly and the other bound half gives it away, so the number reader (`articles.quantities`)
never takes a bound alone; asked whole, the range is what a worker has to know, as 采掘工作面风速 or the spacing of a
hole pattern is taught (trainers set such items: `penalties.single_fine` asks a fine's range the same way). A wrong
option moves both bounds the same way by a plausible step, written as the key is (same numerals, decimals, mark and
unit): never a range inside or around the key (a part or a superset of it reads as half right), never with the same
low or high end as the key or as another option (a range next to it, 4～6人 beside 6～10人, is another range), never one a bound of which the quantity can never take (`theory.number_distractors.beyond_what_can_be`), stated in the article,
or a sentence some current article states when filled back.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from quiz.bank.text import BLANK
from quiz.generation import articles as read
from quiz.generation.bounds import condition_bound
from quiz.generation.records import ArticleRecord, GeneratedQuestion
from quiz.generation.relevance import THRESHOLD, acted_on, not_a_rule, relevance, worth_a_worker
from quiz.generation.theory import TheoryPools
from quiz.generation.theory.number_distractors import (
    MAX_RATIO,
    ROUND_FROM,
    as_round,
    beyond_what_can_be,
    roundness,
    significant_digits,
)
from quiz.generation.theory.pools import rule_elsewhere
from quiz.generation.theory.questions import article_question, article_rng, choice_options
from quiz.generation.theory.stems import stands_alone, stem_prefix

# A voltage range names a class of lines or equipment (6～10kV的架空线), the case a rule is about, not a limit.
_CLASS_UNITS = frozenset({"V", "kV"})
# A range given as usual or approximate (一般2～3m, 约10～20m) is no limit to test.
_USUAL_BEFORE = re.compile(r"(?:一般|通常|约|大约|大致)(?:为|是|在)?$")
# Range marks between two figures; a hyphen is not one (12V-200 is a model, GB 50215-2015 a standard's number).
_MARK = r"\s?([～~至])\s?"
_AR_NUMBER = r"(\d+(?:\.\d+)?)"
_CN_NUMBER = r"([一二两三四五六七八九十百千]+)"
_ARABIC_RANGE = re.compile(
    rf"(?<![\d.A-Za-z〔（(\-－]){_AR_NUMBER}({read.AR_UNIT_PATTERN})?{_MARK}{_AR_NUMBER}({read.AR_UNIT_PATTERN})"
    r"(?![A-Za-z0-9²³]|/[A-Za-z(（]|[-－]\d)"
)
_CHINESE_RANGE = re.compile(rf"(?<![第上下统单唯同万逐之]){_CN_NUMBER}({read.CN_UNIT_PATTERN})?(至){_CN_NUMBER}({read.CN_UNIT_PATTERN})")
# Both bounds scaled by one of these (and rounded as the key is) make the wrong options: 25～40m → 20～32m, 30～50m …
_FACTORS = tuple(Decimal(f) for f in ("0.5", "0.6", "0.75", "0.8", "1.2", "1.25", "1.5", "2"))
_SHAPE = Decimal("1.2")  # the two bounds move by factors at most this far apart: the option keeps the key's shape


@dataclass(frozen=True)
class Range:
    """A range with its unit in a sentence: `start`/`end` span it whole, both bounds and the unit(s)."""

    low: read.Quantity
    high: read.Quantity
    mark: str
    unit_twice: bool
    start: int
    end: int

    @property
    def unit(self) -> str:
        return self.high.unit

    @property
    def text(self) -> str:
        return self.written(self.low.raw, self.high.raw)

    def written(self, low: str, high: str) -> str:
        """Two bounds written as this range is: 20～32m, 20m～32m, 三至五日."""
        return low + (self.unit if self.unit_twice else "") + self.mark + high + self.unit


def ranges(sentence: str) -> list[Range]:
    """The ranges with a unit in a sentence (25～40m, 1.5～2.0m/s, 三至五日), low bound below the high, not a date."""
    found = []
    for pattern, style in ((_ARABIC_RANGE, "arabic"), (_CHINESE_RANGE, "chinese")):
        for match in pattern.finditer(sentence):
            low_raw, first_unit, mark, high_raw, unit = match.groups()
            if first_unit and first_unit != unit or unit in {"年", "月"} and style == "arabic" and len(low_raw) == 4:
                continue
            if unit == "m" and re.match(r"[A-Za-z]", sentence[match.end() : match.end() + 1]):
                continue
            low, high = read.decimal_value(low_raw), read.decimal_value(high_raw)
            if low is None or high is None or not 0 < low < high:
                continue
            found.append(Range(
                read.Quantity(low_raw, low, unit, style, match.start(1), match.end(1)),
                read.Quantity(high_raw, high, unit, style, match.start(4), match.end(4)),
                mark, bool(first_unit), match.start(1), match.end()))
    return sorted(found, key=lambda r: r.start)


def _bound_options(value: Decimal, like: read.Quantity, scale: Decimal) -> dict[Decimal, str]:
    """Plausible other values of one bound, each with its text: the bound scaled (`_FACTORS`), and for a small whole
    number its neighbours, for a larger one its round steps; whole and round beside a whole bound, no more digits than the key beside a fraction. How round is judged at `scale`: the
    bound's own value, or the low bound's below `ROUND_FROM` (beside 6～10人 any whole number of people is); from
    `ROUND_FROM` on, a multiple of 5 at least."""
    integral = "." not in like.raw and value == value.to_integral_value()
    candidates = {value * f for f in _FACTORS}
    if integral and scale < ROUND_FROM:
        candidates |= {value + d for d in (-2, -1, 1, 2)}
    elif integral:  # 15 beside 10, 20, 25; 30 beside 20, 40, 50: steps of the bound's own roundness
        step = roundness(scale, like.unit)
        candidates |= {value + k * step for k in range(-6, 7) if k}
    out = {}
    for candidate in candidates:
        if candidate <= 0 or candidate == value or integral and candidate != candidate.to_integral_value():
            continue
        if integral and not as_round(candidate, scale, like.unit) or scale >= ROUND_FROM and candidate % 5:
            continue  # beside 42～75mm, 40～65mm or 50～90mm, never 44～85mm: a bound not round is the rule's own
        try:
            text = read.format_number(candidate, like)
        except ValueError:
            continue
        if like.style == "arabic" and Decimal(text) != candidate:
            text = format(candidate.normalize(), "f")  # like the number's own distractors: 0.15 beside 0.2
            if significant_digits(text) > max(significant_digits(like.raw), 2):
                continue  # 1.5 × 0.75 is 1.125: a made-up figure
        out[candidate] = text
    return out


def range_distractors(asked: Range, record: ArticleRecord, pools: TheoryPools, rng, context: tuple[str, str],
                      count: int = 3) -> list[str]:
    """Other ranges of the asked range's unit, false and plausible (see the module docstring); [] when fewer than
    `count`."""
    low, high = asked.low.value, asked.high.value
    texts: dict[str, tuple[Decimal, Decimal]] = {}
    for new_low, low_text in _bound_options(low, asked.low, low).items():
        for new_high, high_text in _bound_options(high, asked.high, min(low, high) if low < ROUND_FROM else high).items():
            if not new_low < new_high or (new_low < low) != (new_high < high) or new_low == low or new_high == high:
                continue  # a range around or inside the key, upside down, or with one of its ends (6～12人 beside 6～10人)
            low_factor, high_factor = new_low / low, new_high / high
            if max(low_factor, high_factor) / min(low_factor, high_factor) >= _SHAPE:
                continue
            if not all(Decimal(1) / MAX_RATIO < f < MAX_RATIO for f in (low_factor, high_factor)):
                continue
            if any(beyond_what_can_be(v, asked.unit, context) for v in (new_low, new_high)):
                continue
            if asked.unit in read.COUNT_UNITS and new_low != new_low.to_integral_value():
                continue
            text = asked.written(low_text, high_text)
            if text in asked.text or asked.text in text or text in record.text:
                continue
            if rule_elsewhere(context[0], text, context[1], pools):
                continue
            texts[text] = (new_low, new_high)
    distance = {t: abs(math.log(texts[t][0] / low)) + abs(math.log(texts[t][1] / high)) for t in texts}
    ranked = sorted(texts, key=lambda t: (distance[t], t))
    nearest = ranked[: count + 3]
    rng.shuffle(nearest)
    chosen: list[str] = []
    for text in nearest + ranked[count + 3 :]:  # no two options with an end in common (2～4mm, 2～5mm, 2～6mm reads as made up)
        if len(chosen) < count and not any(texts[text][0] == texts[other][0] or texts[text][1] == texts[other][1]
                                           for other in chosen):
            chosen.append(text)
    return sorted(chosen, key=lambda t: texts[t]) if len(chosen) == count else []


def range_slots(record: ArticleRecord, pools: TheoryPools) -> list[tuple[str, Range]]:
    """Sentences with a range once in them that is a rule's limit: worth a worker, standing alone, not a usual or
    approximate figure (`not_a_rule`: 一般为0.3～0.5m/s), not one a later document restates, not the bound of the case
    the rule applies to (`condition_bound`: other ranges of a case are often cases too)."""
    slots = []
    for sentence in read.sentences(record.text):
        if not worth_a_worker(sentence) or not stands_alone(record, sentence):
            continue
        if relevance(record.text, sentence, record.path) < THRESHOLD:
            continue  # a generator of few items has them all picked: none below what a run asks (…每推进10～50m…验证)
        for asked in ranges(sentence):
            if asked.unit in _CLASS_UNITS or _USUAL_BEFORE.search(sentence[: asked.start]):
                continue
            if (sentence.count(asked.text) == 1 and not not_a_rule(sentence, asked.start)
                    and not condition_bound(sentence[: asked.start], sentence[asked.end :])
                    and not pools.figures.older(record, sentence)):
                slots.append((sentence, asked))
    return acted_on(slots, lambda slot: (slot[0], ""))


def single_range(record: ArticleRecord, pools: TheoryPools, seed: str) -> GeneratedQuestion | None:
    """……巷道内每隔（ ）设置一组: a range asked whole, three other ranges of its unit beside it."""
    name = "theory.single_range"
    rng = article_rng(seed, name, record)
    slots = range_slots(record, pools)
    rng.shuffle(slots)
    for sentence, asked in slots:
        context = (sentence[: asked.start], sentence[asked.end :])
        wrong = range_distractors(asked, record, pools, rng, context)
        if len(wrong) < 3:
            continue
        stem = stem_prefix(record, sentence) + context[0] + BLANK + context[1] + "。"
        options, answer = choice_options([asked.text], wrong, rng)
        return article_question(record, name, seed, "single", stem, options, answer, f"原文：“{sentence}。”",
                                {"sentence": sentence, "position": asked.start, "unit": asked.unit})
    return None
