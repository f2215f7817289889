"""Blind read 4, theory single choice on a term: wrong options of another kind (T40 掘进机/瓦斯抽采泵/采煤机 beside
单体液压支柱 as a support; T23 防火门/风桥/反向风门 beside 防水闸门) and wrong options as true as the key (T14: ventilating
lowers CO or CH4 as well as H2S). Each rule on the read's articles and on counter-examples that must stay."""

from __future__ import annotations

import re

import pytest

from quiz.generation import terms as kt
from quiz.generation.theory import single_term

SEEDS = [str(seed) for seed in range(12)]


def _record(records, title: str, label: str):  # noqa: ANN001, ANN202
    return next(r for r in records if r.title == title and r.label == label)


def _asked(record, pools) -> list:  # noqa: ANN001
    return [q for seed in SEEDS if (q := single_term(record, pools, seed))]


def _key(q) -> str:  # noqa: ANN001
    return next(o.text for o in q.options if o.key in q.answer)


def test_a_support_is_offered_beside_supports(shared_records, shared_pools) -> None:
    """T40: 中等以上冲击地压危险区域严禁采用（单体液压支柱）加强支护 offered 掘进机, 瓦斯抽采泵, 采煤机."""
    made = _asked(_record(shared_records, "煤矿安全规程", "第三百五十六条"), shared_pools)
    assert made
    for q in made:
        assert _key(q) == "单体液压支柱"
        assert all(kt.FAMILY[o.text][0] == "支护" for o in q.options), [o.text for o in q.options]
        # 液压支架 is named in the article (采用液压支架时…): it is never a wrong option there.
        assert "液压支架" not in {o.text for o in q.options}


def test_no_class_mixes_a_support_with_a_machine() -> None:
    """From the data: a class holding a support (…支架, …支柱, 锚杆) holds no machine or pump (…机, …泵), and every
    class asked as a single choice has four families at least (the key and three of its kind)."""
    support = re.compile(r"支架|支柱|锚杆")
    machine = re.compile(r"[机泵]$")
    for cls, families in kt.TERM_CLASSES.items():
        names = [family[0] for family in families]
        if any(support.search(n) for n in names):
            assert not any(machine.search(n) for n in names), (cls, names)


@pytest.mark.parametrize(("title", "label", "term"), [
    ("煤矿防治水细则", "第九十六条", "防水闸门"),  # T23: no three water-control structures beside it
    ("煤矿安全规程", "第七百一十九条", "硫化氢"),  # T14: a list of harmful gases (硫化氢, 二氧化硫) calling for more ventilation
    ("煤矿安全规程", "第七百一十九条", "二氧化硫"),
    ("煤矿安全规程", "第一百九十六条", "甲烷"),  # …或者其他有害气体浓度超过…: any gas over its limit fits
    ("煤矿安全规程", "第一百一十五条", "甲烷"),  # 老空区内的水、（甲烷）和其他有害气体等无危险后: any gas fits
    # Blind read 5, T16: a gas inside a fixed phrase (在有（瓦斯）或者煤尘爆炸危险的…, 开采有（瓦斯）喷出…): 氨气 there is nonsense.
    ("煤矿安全规程", "第三百八十八条", "瓦斯"),
    ("煤矿安全规程", "第一百六十九条", "瓦斯"),
])
def test_a_term_with_no_three_certainly_wrong_options_of_its_kind_is_not_asked(
    shared_records, shared_pools, title: str, label: str, term: str
) -> None:
    made = _asked(_record(shared_records, title, label), shared_pools)
    assert term not in {_key(q) for q in made}


@pytest.mark.parametrize(("label", "term"), [
    ("第一百九十四条", "二氧化碳"),  # 采掘工作面风流中（二氧化碳）浓度达到1.5%时…: its limit, the 瓦斯 beside it dropped (T12)
    ("第一百九十一条", "甲烷"),  # 矿井总回风巷中（甲烷）或者二氧化碳浓度达到0.75%时
    ("第一百二十三条", "单体液压支柱"),  # （单体液压支柱）的初撑力不得小于…90kN: a support beside supports
])
def test_a_term_with_its_limit_or_its_kind_stays(shared_records, shared_pools, label: str, term: str) -> None:
    made = _asked(_record(shared_records, "煤矿安全规程", label), shared_pools)
    assert made and {_key(q) for q in made} == {term}
    for q in made:
        assert len({kt.FAMILY[o.text][0] for o in q.options}) == 1
        if term == "二氧化碳":
            assert not {"瓦斯", "甲烷"} & {o.text for o in q.options}


def test_every_single_term_item_of_a_run_offers_one_kind(theory) -> None:
    items = [q for q in theory.questions if q.generator == "theory.single_term"]
    assert len(items) >= 20
    for q in items:
        classes = {kt.FAMILY[o.text][0] for o in q.options}
        assert classes == {q.inputs["class"]}, q.stem
        assert not re.search(r"^(?:、[^，。；：、]{1,12})*[^，。；：、]{0,4}等(?!级)", q.inputs["sentence"][
            q.inputs["position"] + len(q.inputs["term"]):]), q.stem
