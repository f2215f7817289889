"""A wrong gas a neighbouring article lists beside the key (managers' read 8, T20; issue 16's true distractors).

Completing …测定一氧化碳、（甲烷）浓度 at a fire area's reopening, 二氧化碳 was offered as wrong, yet the article two before
lists it with both gases for the reopening of a seal: a reader who knows that rule hesitates. A term blank in a 、-series
refuses a candidate an article within `theory.parties.NEIGHBOURS` lists in one series with the key and the stem's other members;
the same gas listed far off stays a fair wrong option. The articles are in our own words.
"""

from __future__ import annotations

from quiz.generation.theory import TheoryPools, single_term
from quiz.generation.verify import Verifier
from tests.generation.conftest import article

TITLE = "某矿火区管理规定"
ASKED = article("开启封闭区时，应当分段送风，并随时检测回风侧的一氧化碳、甲烷浓度及气温。", label="第十一条", number=11,
                title=TITLE)
ELSEWHERE = ((40, "巷道中二氧化碳浓度不得超过0.5%。"), (41, "硫化氢浓度不得超过0.00066%。"), (42, "二氧化硫浓度不得超过0.0005%。"),
             (43, "充电硐室氢气浓度不得超过0.5%。"), (44, "回风流中二氧化碳浓度超过1.5%时必须停工。"))


def _offered(listing_number: int) -> set[str]:
    """Every option of the single choices on the blank after 一氧化碳、, with the series listed at `listing_number`."""
    listing = article("开启封闭区前，必须测量封闭区里外的一氧化碳、甲烷、氧气、二氧化碳等气体的浓度及压差。", label="第九条",
                      number=listing_number, title=TITLE)
    others = [article(text, label=f"第{n}条", number=n, title=TITLE) for n, text in ELSEWHERE]
    records = sorted([ASKED, listing, *others], key=lambda r: r.number)
    pools = TheoryPools.build(records)
    made = [q for seed in range(40) if (q := single_term(ASKED, pools, str(seed))) and "一氧化碳、（ ）" in q.stem]
    assert made
    for question in made:
        assert not Verifier(records).verify([question]).failures, question.stem
    return {o.text for q in made for o in q.options if o.key not in q.answer}


def test_a_gas_the_next_article_lists_with_the_key_is_not_offered() -> None:
    assert "二氧化碳" not in _offered(10)


def test_the_same_gas_listed_far_off_is_still_offered() -> None:
    # Counter-example: with five articles between, the series is another work's, and 二氧化碳 stays a fair wrong option.
    assert "二氧化碳" in _offered(60)
