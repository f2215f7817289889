"""Faults of the twelfth frontline blind read and the fourth managers' read (bench/generation_blind_read_12.md,
bench/generation_blind_read_managers_4.md), each rule with an example in our own words and counter-examples that keep
working: a paragraph's topic carried onto a clause about another thing."""

from __future__ import annotations

from quiz.generation import articles as read
from quiz.generation.theory import blank_term, judge, single_term, stem_prefix
from tests.generation.conftest import article, record_of

SEEDS = [str(seed) for seed in range(12)]


# --------------------------------------------------------------------------- managers T38: whose rule a clause is


PUMP = (
    "主排水泵必须设置备用泵。运转时必须检查轴承温度。断电时必须关闭出水阀门；配水井的闸门，必须每月试动一次。"
    "水泵房必须设置两个出口。"
)


def test_a_clause_naming_its_own_thing_is_asked_alone() -> None:
    clauses = read.sentences(PUMP)
    assert "断电时必须关闭出水阀门" in clauses
    assert "配水井的闸门，必须每月试动一次" in clauses
    # Counter-example: a later clause that only goes on with the condition's act stays with it.
    kept = read.sentences("主排水泵必须设置备用泵。断电时必须关闭出水阀门；来电后方可重新启动水泵。")
    assert "断电时必须关闭出水阀门；来电后方可重新启动水泵" in kept


def test_the_topic_is_not_carried_past_a_clause_with_its_own_head() -> None:
    record = article(PUMP, title="煤矿安全规程")
    assert "关于主排水泵的规定" in stem_prefix(record, "断电时必须关闭出水阀门")
    assert "关于" not in stem_prefix(record, "配水井的闸门，必须每月试动一次")
    assert "关于" not in stem_prefix(record, "断电时必须关闭出水阀门；配水井的闸门，必须每月试动一次")
    # A thing of its own between the opening and the condition: the condition may be that thing's, not the topic's.
    moved = article("主排水泵必须设置备用泵。中央水泵房通往变电所的防火门必须每月检查一次。断电时必须关闭阀门。", title="煤矿安全规程")
    assert "关于" not in stem_prefix(moved, "断电时必须关闭阀门")


def test_the_supports_spray_is_not_headed_by_the_shearer(shared_records, shared_pools) -> None:
    record = record_of(shared_records, "第七百零四条")
    asked = 0
    for seed in SEEDS:
        for generator in (single_term, blank_term, judge):
            question = generator(record, shared_pools, seed)
            if question is not None and "放煤口" in question.stem:
                asked += 1
                assert "关于采煤机的规定" not in question.stem, question.stem
    assert asked, "the supports' spray is still asked"
