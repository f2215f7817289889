"""Scoring one answer, pure and exact (Decimal, two places).

- single choice and true/false: exact;
- multiple choice: "all" (all-or-nothing) or "half" (all right = full points, a correct
  subset with no wrong choice = half, any wrong choice = 0), chosen per paper;
- order: the exact sequence;
- blanks: each blank compared as normalised text (full/half width, spaces, case, trailing
  punctuation, 十八 = 18), against the key as written or one of the alternatives it lists with "/"
  ("1.0%/1%"), a "/" inside a unit or number (4m/s, 2次/班, 1/3) listing none (`blank_alternatives`);
  several blanks share the points equally.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from corpus.numerals import parse_chinese_number
from quiz.bank.blank_keys import blank_alternatives

CENT = Decimal("0.01")
_DROP = re.compile(r"[\s，,。、；;：:！!？?“”\"'‘’（）()【】\[\]]+")
_CHINESE_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千]+")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def points_text(value: Decimal | int | float | str | None) -> str:
    """Points as every page shows them (the `points` filter): to the cent, no trailing zeros
    (1.50 → "1.5", 5.00 → "5"); nothing as "". A result and the quiz list never disagree."""
    if value is None:
        return ""
    shown = cents(Decimal(str(value)))
    return f"{shown.normalize():f}" if shown else "0"


def normalise_blank(text: str) -> str:
    """A typed blank as compared: NFKC (widths), case-folded, no spaces or punctuation, Chinese
    numerals as digits (十八 → 18, 两 → 2), a trailing zero decimal dropped (1.0 → 1)."""
    value = unicodedata.normalize("NFKC", text).casefold()
    value = _DROP.sub("", value).rstrip(".")

    def digits(match: re.Match[str]) -> str:
        word = match.group(0).replace("两", "二")
        try:
            return str(parse_chinese_number(word))
        except ValueError:
            return match.group(0)

    value = _CHINESE_NUMBER.sub(digits, value)
    return re.sub(r"(\d+)\.0+(?!\d)", r"\1", value)


def blank_matches(typed: str, key: str) -> bool:
    """Whether a typed blank equals the key as written or one of the alternatives it lists (`blank_alternatives`:
    瓦斯/沼气 accepts either, 4m/s only the speed)."""
    wanted = normalise_blank(typed)
    return bool(wanted) and any(wanted == normalise_blank(alt) for alt in (key, *blank_alternatives(key)))


def score_answer(
    shape: str, key: Sequence[str], response: Sequence[str] | None, points: Decimal, multi_rule: str = "half"
) -> tuple[Decimal, bool]:
    """(points earned, fully right) for one answer; an empty answer earns nothing."""
    points = Decimal(points)
    if not response:
        return Decimal("0.00"), False
    if shape in {"single", "judge"}:
        right = list(response) == list(key)
        return (cents(points) if right else Decimal("0.00")), right
    if shape == "order":
        right = list(response) == list(key)
        return (cents(points) if right else Decimal("0.00")), right
    if shape == "multi":
        chosen, wanted = set(response), set(key)
        if chosen == wanted:
            return cents(points), True
        if multi_rule == "half" and chosen < wanted:
            return cents(points / 2), False
        return Decimal("0.00"), False
    if shape == "blank":
        typed = list(response) + [""] * (len(key) - len(response))
        hits = sum(blank_matches(t, k) for t, k in zip(typed, key, strict=False))
        if not key:
            return Decimal("0.00"), False
        return cents(points * hits / len(key)), hits == len(key)
    raise ValueError(f"unknown shape {shape!r}")
