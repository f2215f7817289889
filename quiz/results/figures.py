"""Exact rates and averages, rounded once for display.

Every figure a dashboard shows is computed from whole numbers and stored decimals with
fractions (no float drift) and rounded half up at the end: a percentage to 0.1, a rate
(facility, discrimination) to 0.001. Tests compute the same figures independently.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

PERCENT_PLACES = Decimal("0.1")
RATE_PLACES = Decimal("0.001")


def rounded(value: Fraction | None, places: Decimal) -> float | None:
    """`value` rounded half up to `places` (None stays None)."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(places, rounding=ROUND_HALF_UP))


def percent(part: int | Fraction, whole: int | Fraction) -> float | None:
    """part / whole as a percentage (0.1), None when whole is 0."""
    if not whole:
        return None
    return rounded(Fraction(part) * 100 / Fraction(whole), PERCENT_PLACES)


def rate(part: int | Fraction, whole: int | Fraction) -> float | None:
    """part / whole as a rate between 0 and 1 (0.001), None when whole is 0."""
    if not whole:
        return None
    return rounded(Fraction(part) / Fraction(whole), RATE_PLACES)


def mean_percent(values: Iterable[Fraction]) -> float | None:
    """The mean of exact percentages, rounded to 0.1; None for none."""
    values = list(values)
    if not values:
        return None
    return rounded(sum(values, Fraction(0)) / len(values), PERCENT_PLACES)


def score_percent(score: Decimal, max_score: Decimal) -> Fraction:
    """An attempt's score as an exact percentage of its maximum."""
    return Fraction(score) * 100 / Fraction(max_score)
