"""Who-questions on a frontline post (issue 16, blind read 4 brief): 班组长, 瓦斯检查工, 爆破员 … bearing a duty are asked
again, beside other frontline posts that neither the article nor its neighbours name; a manager or a body as key keeps
the older rules, and a person key found by the general subject reader is still not asked."""

from __future__ import annotations

import dataclasses
import random

from quiz.bank.types import Option
from quiz.generation import terms as kt
from quiz.generation.theory import TheoryPools, frontline_distractors, single_party
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(8)]


def _record(records, label: str):  # noqa: ANN001, ANN202
    return next(r for r in records if r.title == "煤矿安全规程" and r.label == label)


def _key(q) -> str:  # noqa: ANN001
    return next(o.text for o in q.options if o.key in q.answer)


def _wrong(q) -> list[str]:  # noqa: ANN001
    return [o.text for o in q.options if o.key not in q.answer]


def test_the_blaster_leaves_last(shared_records, shared_pools) -> None:
    """规程 第四百零三条 （爆破员）必须最后离开爆破地点: the 班组长 of 第四百零五条 is a neighbour's, never offered; three
    other frontline posts are, and the verifier agrees."""
    made = [q for seed in SEEDS if (q := single_party(_record(shared_records, "第四百零三条"), shared_pools, seed))]
    assert made and {_key(q) for q in made} == {"爆破员"}
    assert not any("班组长" in _wrong(q) for q in made)
    verifier = Verifier(shared_records)
    for q in made:
        assert all(kt.frontline_family(w) for w in _wrong(q))
        assert verifier.problems(q) == []
    # The verifier refuses a post the neighbouring articles name, and one that is no frontline post.
    q = made[0]
    for text in ("班组长", "矿长"):
        wrong = next(o for o in q.options if o.key not in q.answer)
        options = tuple(Option(o.key, text) if o is wrong else o for o in q.options)
        assert verifier.problems(dataclasses.replace(q, options=options)), text


def test_the_shift_leaders_count_of_heads_is_not_asked_beside_trades(shared_records, shared_pools) -> None:
    """规程 第四百零五条, the shift leader (班组长) counting heads before the blast, offered 探放水工, 安全监测工, 采煤机司机:
    the only one among trades who directs others (blind read 5, T22's class). Only posts that could organise may be
    offered, and the 瓦斯检查工 of 三人连锁爆破 in the articles around leaves fewer than three: not asked."""
    record = _record(shared_records, "第四百零五条")
    assert all(single_party(record, shared_pools, seed) is None for seed in SEEDS)


def test_a_post_the_article_or_a_neighbour_names_is_never_a_wrong_option() -> None:
    # 三人连锁爆破: the 爆破员, the 班组长 and the 瓦斯检查工 share the duty in the article before.
    chain = article("爆破工作必须执行“一炮三检”和“三人连锁爆破”制度，爆破员、班组长、瓦斯检查工必须在现场。",
                    title="煤矿安全规程", label="第四百条", number=400)
    rule = article("爆破员必须最后一个撤离爆破地点，在安全地点起爆。", title="煤矿安全规程", label="第四百零一条", number=401)
    others = [article(f"{post}必须遵守本岗位操作规程。", title="其他规定", label=f"第{i}条", number=i)
              for i, post in enumerate(("信号工", "把钩工", "电工", "绞车司机", "防突工"), start=1)]
    pools = TheoryPools.build([chain, rule, *others])
    for n in range(20):
        wrong = frontline_distractors("爆破员", rule, pools, random.Random(n), "必须最后一个撤离爆破地点，在安全地点起爆")
        assert len(wrong) == 3 and not {"班组长", "瓦斯检查工"} & set(wrong), wrong
    # With three posts or fewer left, the item is not asked.
    few = TheoryPools.build([chain, rule, *others[:2]])
    assert frontline_distractors("爆破员", rule, few, random.Random(0), "必须最后一个撤离爆破地点") == []


def test_a_person_the_subject_reader_finds_is_still_not_asked() -> None:
    # Blind read 2, T19/T26: 入井人员 or 从业人员 beside other persons may be right too (people overlap).
    record = article("入井人员必须熟练掌握紧急避险设施和自救器的用法。\n从业人员应当接受安全生产教育和培训。",
                     label="第七百三十六条", number=736)
    assert all(single_party(record, TheoryPools.build([record]), seed) is None for seed in SEEDS)


def test_a_post_whose_name_says_the_duty_is_no_wrong_option(shared_records, shared_pools) -> None:
    """Author's read of seed 7731: 开工前，（班组长）必须对工作面安全情况进行全面检查 offered 安全检查工, whose work is checking."""
    made = [q for seed in SEEDS if (q := single_party(_record(shared_records, "第一百二十六条"), shared_pools, seed))]
    assert made and {_key(q) for q in made} == {"班组长"}
    assert not any({"安全检查工", "瓦斯检查工", "安全监测工"} & set(_wrong(q)) for q in made)
