"""Figures computed from the tests' own log of sittings (tests/results/conftest.py), never from
the services under test: exact fractions, rounded half up once."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from core import clock

ROLES_THAT_COUNT = {"worker", "team_leader"}


def rounded(value: Fraction | None, places: str = "0.1") -> float | None:
    if value is None:
        return None
    return float((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(places), ROUND_HALF_UP))


def pct(part, whole) -> float | None:
    return rounded(Fraction(part) * 100 / whole) if whole else None


def in_period(sitting, period) -> bool:
    return period.start <= clock.local_day(sitting.started_at) <= period.end


def percent_of(sitting) -> Fraction:
    return Fraction(sitting.score) * 100 / Fraction(sitting.max_score)


def exams(mine, people) -> list:
    """Closed exam sittings in the period by these people."""
    ids = {p.id for p in people}
    return [s for s in mine.sittings
            if s.mode == "exam" and s.closed and s.user.id in ids and in_period(s, mine.period)]


def practices(mine, person) -> int:
    """Practice and 每日一练 sittings of a person in the period with at least one graded answer."""
    return sum(1 for s in mine.sittings if s.user.id == person.id and s.mode in {"practice", "daily"}
               and in_period(s, mine.period) and any(a.correct is not None for a in s.answers))


def summary(mine, people) -> dict:
    rows = exams(mine, people)
    sat = {s.user.id for s in rows}
    passed = sum(1 for s in rows if s.passed)
    average = rounded(sum((percent_of(s) for s in rows), Fraction(0)) / len(rows)) if rows else None
    return {"members": len(people), "participants": len(sat), "participation": pct(len(sat), len(people)),
            "exams": len(rows), "average": average, "passed": passed, "pass_rate": pct(passed, len(rows)),
            "graded": len(rows), "practising": sum(1 for p in people if practices(mine, p))}


def weekly(mine, people) -> list[dict]:
    rows = exams(mine, people)
    monday = mine.period.start - timedelta(days=mine.period.start.weekday())
    weeks = []
    while monday <= mine.period.end:
        mine_week = [s for s in rows if monday <= clock.local_day(s.started_at) < monday + timedelta(days=7)]
        weeks.append({"start": monday.isoformat(), "exams": len(mine_week),
                      "average": rounded(sum((percent_of(s) for s in mine_week), Fraction(0)) / len(mine_week))
                      if mine_week else None,
                      "pass_rate": pct(sum(1 for s in mine_week if s.passed), len(mine_week))})
        monday += timedelta(days=7)
    return weeks


def bands(mine, people) -> list[int]:
    counts = [0] * 10
    for s in exams(mine, people):
        band = 9 if percent_of(s) >= 90 else int(percent_of(s) // 10)
        counts[band] += 1
    return counts


def answer_counts(mine, people, key) -> dict:
    """{key(answer, sitting): (answers, right, % right)} over graded exam and practice answers in the period."""
    ids = {p.id for p in people}
    counts: dict = defaultdict(lambda: [0, 0])
    for s in mine.sittings:
        if s.user.id not in ids or not in_period(s, mine.period) or s.mode not in {"exam", "practice", "daily"}:
            continue
        for a in s.answers:
            if a.correct is None:
                continue
            entry = counts[key(a, s)]
            entry[0] += 1
            entry[1] += a.correct
    return {k: (n, right, pct(right, n)) for k, (n, right) in counts.items()}


def items(mine, people=None) -> dict:
    """{question id: facility, discrimination, group sizes, option counts per version} over closed exams.

    Upper and lower groups: per paper, its sittings sorted by score percentage (ties by attempt
    id), the last and the first round(27% of n) of them."""
    rows = exams(mine, people) if people is not None else [
        s for s in mine.sittings if s.mode == "exam" and s.closed and in_period(s, mine.period)]
    by_paper: dict = defaultdict(list)
    for s in rows:
        by_paper[s.paper_id].append(s)
    group = {}
    for sittings in by_paper.values():
        sittings.sort(key=lambda s: (percent_of(s), s.attempt_id))
        k = int(Decimal(len(sittings)) * Decimal("0.27") + Decimal("0.5"))
        for s in sittings[:k]:
            group[s.attempt_id] = "lower"
        for s in sittings[len(sittings) - k:] if k else []:
            group[s.attempt_id] = "upper"
    by_question: dict = defaultdict(list)
    for s in rows:
        for a in s.answers:
            by_question[a.question_id].append((group.get(s.attempt_id), a))
    found = {}
    for question_id, entries in by_question.items():
        n = len(entries)
        right = sum(1 for _g, a in entries if a.correct)
        upper = [a for g, a in entries if g == "upper"]
        lower = [a for g, a in entries if g == "lower"]
        d = None
        if upper and lower:
            d = Fraction(sum(1 for a in upper if a.correct), len(upper)) - Fraction(
                sum(1 for a in lower if a.correct), len(lower))
        options: dict = defaultdict(lambda: defaultdict(int))
        for _g, a in entries:
            for key in a.keys or ["(blank)"]:
                options[a.version_id][key] += 1
        facility = Fraction(right, n)
        flags = []
        if n >= 20:
            if d is not None and d < 0:
                flags.append("区分度为负")
            if facility <= Fraction(1, 20):
                flags.append("几乎没人答对")
            elif facility >= Fraction(19, 20):
                flags.append("几乎全对")
        found[question_id] = {"answers": n, "correct": right, "facility": rounded(facility, "0.001"),
                              "discrimination": rounded(d, "0.001"), "upper": len(upper), "lower": len(lower),
                              "options": {v: dict(c) for v, c in options.items()}, "flags": flags}
    return found
