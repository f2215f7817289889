"""The leaderboard computed from the tests' own log (tests/contests/conftest.py), never from the service."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def pct(part, whole) -> float | None:
    if not whole:
        return None
    exact = Fraction(part) * 100 / Fraction(whole)
    return float((Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def people(race) -> list[tuple]:
    """(rank, user id, score, seconds) by score, then time; equal on both share a rank."""
    closed = sorted((log for log in race.logs if log.closed), key=lambda log: (-log.score, log.seconds, log.user.username))
    rows = []
    for n, log in enumerate(closed):
        tied = n and (log.score, log.seconds) == (closed[n - 1].score, closed[n - 1].seconds)
        rows.append((rows[-1][0] if tied else n + 1, log.user.id, float(log.score), log.seconds))
    return rows


def teams(race, max_score: Decimal) -> list[dict]:
    n = race.contest.top_n
    found = []
    for name in ("回收班", "安装班"):
        ids = {u.id for u in race.members[name]}
        closed = sorted((log for log in race.logs if log.closed and log.user.id in ids),
                        key=lambda log: (-log.score, log.seconds))
        best = closed[:n]
        total = sum((log.score for log in best), Decimal(0))
        found.append({"name": name, "members": len(ids), "finished": len(closed),
                      "running": sum(1 for log in race.logs if not log.closed and log.user.id in ids),
                      "participation": pct(len(closed), len(ids)), "counted": len(best), "score": float(total),
                      "percent": pct(total, max_score * n), "seconds": sum(log.seconds for log in best)})
    found.sort(key=lambda t: (-t["score"], t["seconds"], t["name"]))
    for rank, row in enumerate(found, start=1):
        row["rank"] = rank
    return found
