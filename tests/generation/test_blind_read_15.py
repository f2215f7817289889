"""Fifteenth blind read (issue 16), T2, and managers' seventh read, T3: a wrong option a rule for a wider place requires.

A question on the system a face with 冲击地压 danger must have offered 防尘供水系统 as wrong, though another article of the
same 规程 lets no 采掘工作面 produce without a dust-water supply: a rule for the class of places holds at each place of
the class, and a rule written as a negative condition (没有…的…不得生产) requires the thing as a duty does. The articles
below are in our own words; the read's article is checked on ../shared when it is there.
"""

from __future__ import annotations

import dataclasses

from quiz.bank.types import Option
from quiz.generation.theory import TheoryPools, single_term
from quiz.generation.verify import Verifier
from quiz.generation.wider_places import places_at, required_at_a_wider_place
from tests.generation.conftest import article, record_of, wrong_texts

SEEDS = [str(seed) for seed in range(12)]
AT_THE_FACE = "具有冲击危险的采煤工作面必须设置"


def test_a_place_falls_in_its_wider_classes() -> None:
    assert places_at("具有冲击危险的采掘工作面必须设置") == ("采掘工作面",)
    assert places_at(AT_THE_FACE) == ("采煤工作面", "采掘工作面")
    assert "采掘工作面" in places_at("煤巷掘进工作面应当配备")
    # Counter-example: a class does not narrow, 采掘工作面 is not each 采煤工作面.
    assert "采煤工作面" not in places_at("采掘工作面必须设置")


def test_a_negative_condition_at_a_wider_place_makes_the_option_true() -> None:
    corpus = "未敷设洒水降尘管路的采掘工作面严禁组织生产。"
    assert required_at_a_wider_place("洒水降尘系统", AT_THE_FACE, corpus)
    assert required_at_a_wider_place("洒水降尘系统", "具有冲击危险的采掘工作面必须设置", corpus)
    # Counter-examples: a thing the rule does not name, and a blank that is not what is set at the place.
    assert not required_at_a_wider_place("应急广播系统", AT_THE_FACE, corpus)
    assert not required_at_a_wider_place("洒水降尘系统", "具有冲击危险的采煤工作面发生冲击后必须", corpus)


def test_a_duty_at_a_wider_place_makes_the_option_true() -> None:
    assert required_at_a_wider_place("应急广播系统", AT_THE_FACE, "所有采掘工作面都必须安设应急广播装置。")
    assert required_at_a_wider_place("供氧管路系统", "煤巷掘进工作面必须配备", "井下供氧管路应当延伸到掘进工作面。")


def test_a_rule_for_another_or_a_narrower_place_leaves_the_option_fair() -> None:
    # Only the 掘进工作面 is barred, so a blank at the 采煤工作面 may offer the thing as wrong.
    assert not required_at_a_wider_place("洒水降尘系统", AT_THE_FACE, "未敷设洒水降尘管路的掘进工作面严禁组织生产。")
    # A rule for the 采煤工作面 does not hold at every 采掘工作面.
    assert not required_at_a_wider_place("应急广播系统", "具有冲击危险的采掘工作面必须设置", "采煤工作面必须安设应急广播装置。")
    # A roadway of the face is not the face.
    assert not required_at_a_wider_place("应急广播系统", AT_THE_FACE, "采煤工作面回风巷必须安设应急广播装置。")


def _records(rule: str, face: str = "采掘工作面") -> list:
    return [
        article(f"具有冲击危险的{face}必须设置压风自救系统，写明冲击时的撤离路线。", label="第一条", number=1),
        article(f"矿井应当建成防尘供水系统。{rule}", label="第二条", number=2),
        article("矿井应当建成供水施救系统，并且每季度试验。", label="第三条", number=3),
        article("主要水仓的排水系统应当每年检修。", label="第四条", number=4),
        article("高瓦斯矿井应当建成瓦斯抽采系统。", label="第五条", number=5),
    ]


def _questions(records: list) -> list:
    pools = TheoryPools.build(records)
    return [q for seed in SEEDS if (q := single_term(records[0], pools, seed)) is not None]


def test_the_generator_and_the_verifier_refuse_an_option_required_at_the_wider_place() -> None:
    records = _records("未敷设防尘供水管路的采掘工作面严禁组织生产。", face="采煤工作面")
    made = _questions(records)
    assert made
    verifier = Verifier(records)
    for q in made:
        assert "防尘供水系统" not in wrong_texts(q), q.options
        assert verifier.problems(q) == []
        first = next(o.key for o in q.options if o.key not in q.answer)
        swapped = tuple(Option(o.key, "防尘供水系统") if o.key == first else o for o in q.options)
        assert any("防尘供水系统" in p for p in verifier.problems(dataclasses.replace(q, options=swapped)))


def test_a_system_required_only_at_another_place_stays_a_wrong_option() -> None:
    records = _records("未敷设防尘供水管路的掘进工作面严禁组织生产。", face="采煤工作面")
    made = _questions(records)
    assert any("防尘供水系统" in wrong_texts(q) for q in made)
    verifier = Verifier(records)
    assert all(verifier.problems(q) == [] for q in made)
    assert all(verifier.problems(q) == [] for q in made if "防尘供水系统" in wrong_texts(q))


def test_the_read_article_offers_no_system_every_face_must_have(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第三百六十二条")
    before = record.text[: record.text.index("压风自救系统")]
    assert required_at_a_wider_place("防尘供水系统", before, shared_pools.flat_corpus)
    # Counter-example: the gas drainage system no rule requires at every face stays a fair wrong option.
    assert not required_at_a_wider_place("瓦斯抽采系统", before, shared_pools.flat_corpus)
    for seed in SEEDS:
        question = single_term(record, shared_pools, seed)
        if question is not None:
            assert "防尘供水系统" not in wrong_texts(question), question.options
