"""The classifiers bench/generation_quality.py judges a run with, on the issue's own examples
(they are written apart from the generator, so they are tested apart too)."""

from __future__ import annotations

from corpus.documents import Citation
from quiz.bank.types import Option
from quiz.generation.records import GeneratedQuestion


def _q(stem: str, options=(), answer=("A",), type_="single", generator="theory.single_term", inputs=None):
    return GeneratedQuestion(
        type=type_,
        stem=stem,
        options=tuple(Option(k, t) for k, t in zip("ABCD", options, strict=False)),
        answer=answer,
        explanation="",
        citation=Citation("煤矿安全规程", "第一条", "2025-07-24"),
        generator=generator,
        inputs=inputs or {},
    )


def test_government_procedure(gq) -> None:
    assert gq.is_procedure("卫生行政部门应当自收到申请之日起三十日内作出是否批准的决定")
    assert gq.is_procedure("由县级以上人民政府应急管理部门责令限期改正，处五万元以下的罚款")
    assert not gq.is_procedure("煤矿企业应当每年至少组织2次应急演练")
    assert not gq.is_procedure("采煤工作面要采用下行通风的，应当报经矿总工程师批准")  # the mine's own approval


def test_documents_outside_a_mines_field(gq) -> None:
    for title in (
        "中华人民共和国工会法",
        "中华人民共和国国家安全法",
        "危险化学品安全管理条例",
        "民用爆炸物品安全管理条例",
    ):
        assert not gq.in_mine_field(title), title
    for title in ("煤矿安全规程", "中华人民共和国安全生产法", "中华人民共和国职业病防治法", "煤矿安全培训规定"):
        assert gq.in_mine_field(title), title


def test_blanks_on_words_that_are_not_quantities(gq) -> None:
    secondary = _q("处理水灾事故时，注意防止冒顶和（ ）次突水事故的发生。", answer=("二",), type_="blank")
    assert gq.blank_key_is_not_a_quantity(secondary)
    ordinal = _q("依照本规程第（ ）条的规定处理。", answer=("一",), type_="blank")
    assert gq.blank_key_is_not_a_quantity(ordinal)
    count = _q("低瓦斯矿井每班至少检查（ ）次。", answer=("一",), type_="blank")
    assert not gq.blank_key_is_not_a_quantity(count)
    number = _q("检查不少于（ ）次。", answer=("2",), type_="blank")
    assert not gq.blank_key_is_not_a_quantity(number)


def test_a_distractor_that_is_a_rule_elsewhere(gq) -> None:
    corpus = gq.flat("第一百四十四条 ……\n除调速型液力偶合器外，液力偶合器严禁使用可燃性传动介质。")
    q = _q(
        "根据《煤矿安全规程》第一百四十四条，下列各项中，属于该条所列的有（ ）。",
        (
            "刮板输送机必须装设能发出停止、启动信号的装置",
            "液力偶合器严禁使用可燃性传动介质",
            "采煤机必须装设能使工作面刮板输送机停止运行的闭锁装置",
        ),
        answer=("A", "C"),
        type_="multi",
    )
    assert gq.true_rule_distractors(q, corpus) == ["液力偶合器严禁使用可燃性传动介质"]
    false_one = _q("同上（ ）。", ("液力偶合器可以使用可燃性传动介质", "x"), answer=("B",), type_="multi")
    assert gq.true_rule_distractors(false_one, corpus) == []


def test_accident_type_stem_that_names_the_key(gq) -> None:
    options = ("触电", "机械伤害", "火灾", "车辆伤害")
    leaking = _q("架空线悬挂高度不足，人员触电。可能导致的事故类别是（ ）。", options, generator="hazard.accident_type")
    clean = _q("架空线悬挂高度不足。可能导致的事故类别是（ ）。", options, generator="hazard.accident_type")
    assert gq.names_the_key(leaking) and not gq.names_the_key(clean)
    # Not an accident-type item: the classifier leaves it alone.
    assert not gq.names_the_key(_q("人员触电时应当（ ）。", options, generator="hazard.control"))


def test_a_changed_item_is_not_a_rule_elsewhere(gq) -> None:
    from tests.generation.conftest import article

    text = "人员在露天煤矿内行走时必须遵守下列规定：\n（一）必须走人行通路或者梯子。\n（二）严禁在有塌落危险的坡底、坡顶逗留或者行走。"
    records = [article(text, label="第五百五十八条", title="煤矿安全规程")]
    corpus, matcher = gq.flat(text), gq.ArticleMatcher(records)
    q = _q(
        "根据《煤矿安全规程》第五百五十八条，“人员在露天煤矿内行走时必须遵守下列规定”。下列各项中，属于该条所列的有（ ）。",
        ("必须走人行通路或者梯子", "不必走人行通路或者梯子", "严禁在有塌落危险的坡顶逗留或者行走"),
        answer=("A", "C"),
        type_="multi",
    )
    assert gq.true_rule_distractors(q, corpus, matcher) == []  # 必须 → 不必: false, as a distractor should be
    near = _q(q.stem, ("必须走人行通路或者梯子", "严禁在有塌落危险的坡底、坡顶逗留"), answer=("A",), type_="multi")
    assert gq.true_rule_distractors(near, corpus, matcher) == ["严禁在有塌落危险的坡底、坡顶逗留"]
