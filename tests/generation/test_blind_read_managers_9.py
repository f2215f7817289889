"""Managers' ninth blind read (issue 16), T7: 每月…进行不少于（ ）次检查 keyed 1. The period stood more than thirty
characters before the count (a long list of what is checked between them), so the count of once per period was
blanked and gave itself away. The period is what to know: it is blanked instead (（ ）应当对…进行不少于1次检查).
T10: a sentence speaking of a bare 系统 (…停电后系统连续工作…) leans on the system an earlier sentence or the chapter
names, and is not asked alone (`theory.stems.refers_back`). The articles below are in our own words."""

from __future__ import annotations

from quiz.generation import articles as read
from quiz.generation.theory import TheoryPools, blank_number, blank_term
from quiz.generation.theory.numbers import once_per_period
from quiz.generation.theory.stems import refers_back
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(12)]
POOLS = TheoryPools.build([])
LONG = ("每季度应当对井下防火门、消防管路、灭火器材存放点、消防材料库和各类消防设施的维护保养情况"
        "进行不少于1次全面检查，发现问题及时处理。")


def _count(sentence: str) -> read.Quantity:
    return next(q for q in read.quantities(sentence) if q.unit == "次")


def test_once_per_a_period_said_far_before_is_still_once_per_period() -> None:
    assert once_per_period(LONG, _count(LONG))
    # A count after a comma starts a clause of its own: no period governs it.
    other = "井下消防设施应当定期检查，发现损坏的，进行不少于1次复查。"
    assert not once_per_period(other, _count(other))


def test_the_period_is_blanked_not_the_count() -> None:
    record = article(LONG)
    numbers = [q for seed in SEEDS if (q := blank_number(record, POOLS, seed))]
    assert not any(q.answer and q.answer[0].split("/")[0] == "1" for q in numbers), [q.stem for q in numbers]
    periods = [q for seed in SEEDS if (q := blank_term(record, POOLS, seed))]
    assert periods and all("每季度" in q.answer[0] for q in periods), [q.answer for q in periods]


def test_a_bare_system_leans_on_an_earlier_sentence() -> None:
    assert refers_back("后备电池应当保证断电以后系统继续运行不少于2h")
    assert refers_back("系统应当不间断运行")
    # Counter-examples: the system named in the sentence itself.
    assert not refers_back("人员位置监测系统应当不间断运行")
    assert not refers_back("井下排水系统，必须每年检修1次")
