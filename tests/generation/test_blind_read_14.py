"""Faults of the fourteenth blind read (bench/generation_blind_read_14.md) and genfix13's leftovers, each rule with an
example in our own words and counter-examples that keep working: a scope repeating the thing the sentence opens with
(T16), a stray …… before an outer list's first item (T33), a wrong option set at the key's place by another article
(T20), a town trade's rule asked of miners (T37); a list item's unrelated second sentence kept in its stem, the same
three posts beside every duty at one place, a rule whose subject is in the sentence before."""

from __future__ import annotations

import dataclasses
import random

import pytest

from corpus import hazards as hz
from quiz.bank.types import Option
from quiz.generation import articles as read
from quiz.generation.hazard import failed_words, post_thing, same_measure, site_hazards
from quiz.generation.pipeline import clashes, fact_keys
from quiz.generation.records import GeneratedQuestion
from quiz.generation.relevance import FRONTLINE, MANAGERS, THRESHOLD, sentence_relevance
from quiz.generation.theory import TheoryPools, blank_item_number, blank_term, single_term
from quiz.generation.theory.stems import stem_prefix, thing_before, unrepeated
from quiz.generation.theory.term_distractors import term_distractors
from quiz.generation.theory.term_questions import placed_beside
from tests.generation.conftest import article

SEEDS = [str(seed) for seed in range(12)]


# --------------------------------------------------------------------------- T16: the scope said once


def test_a_scope_ending_in_the_sentences_own_opening_keeps_only_its_owner() -> None:
    assert unrepeated("无线通信系统的基站至交换机", "基站至交换机的光缆长度不得大于5km") == "无线通信系统"
    # Counter-examples: a scope the sentence does not open with, and one with no owner, stay whole.
    assert unrepeated("无线通信系统的基站至交换机", "光缆长度不得大于5km") == "无线通信系统的基站至交换机"
    assert unrepeated("露天煤矿", "挖掘机作业时严禁人员靠近") == "露天煤矿"
    assert unrepeated("", "挖掘机作业时严禁人员靠近") == ""


def test_the_stem_names_the_owner_and_the_thing_once() -> None:
    record = article("无线通信系统应当具备呼叫功能。\n\n无线通信系统的基站至交换机必须采用专用光缆连接。"
                     "基站至交换机的光缆长度不得大于5km。", title="某规程", label="第九条", number=9)
    asked = "基站至交换机的光缆长度不得大于5km"
    prefix = stem_prefix(record, asked)
    assert "关于无线通信系统的规定" in prefix and "基站至交换机" not in prefix, prefix
    # Counter-example: a sentence naming its own owner gets no scope at all.
    assert "关于" not in stem_prefix(record, "无线通信系统的基站至交换机必须采用专用光缆连接")


# --------------------------------------------------------------------------- T33: no …… before item （一）

_NESTED = """矿井必须定期检测粉尘，并遵守下列规定：

（一）采煤工作面必须测定粉尘浓度，测定次数如下：

1.高产工作面，每班至少2次。

2.其他工作面，每天至少3次。

（二）掘进工作面必须测定粉尘浓度，测定次数如下：

1.综掘工作面，每班至少4次。
"""


def test_an_inner_lead_in_that_is_item_one_follows_its_outer_lead_in_directly() -> None:
    entries = {e.item: e for e in read.list_items(_NESTED)}
    first, second = entries["高产工作面，每班至少2次"], entries["综掘工作面，每班至少4次"]
    assert first.leads == "矿井必须定期检测粉尘，并遵守下列规定：采煤工作面必须测定粉尘浓度，测定次数如下"
    # Counter-example: the lead-in of item （二） comes after item （一）, which the stem leaves out.
    assert second.leads == "矿井必须定期检测粉尘，并遵守下列规定：……掘进工作面必须测定粉尘浓度，测定次数如下"


def test_the_item_questions_stem_and_the_verifier_agree_on_the_leads() -> None:
    record = article(_NESTED, title="某规程", label="第五条", number=5)
    pools = TheoryPools.build([record])
    made = [q for seed in SEEDS if (q := blank_item_number(record, pools, seed))]
    assert made
    for q in made:
        assert ("：……采煤" not in q.stem) and ("：采煤" in q.stem or "：……掘进" in q.stem), q.stem


# --------------------------------------------------------------------------- T20: set at the same place elsewhere


def _duty_room_pools(shared: bool) -> tuple[TheoryPools, object]:
    """A rule setting the 视频监视系统's terminal in the 井口值班室, another article setting the 人员位置监测系统's screen
    there too (when `shared`), and articles using the other information systems."""
    rule = article("视频监视系统应当在井口值班室设置操作终端，具有回放功能。", title="某规程", label="第二十条", number=20)
    there = article("井口值班室应当设置人员位置监测系统的显示屏。", title="某规程", label="第二十一条", number=21)
    others = [article(f"{name}必须定期维护，并做好记录。", title="某规程", label=f"第{i}条", number=i)
              for i, name in enumerate(("安全监控系统", "通信联络系统", "人员位置监测系统"), start=30)]
    return TheoryPools.build([rule, *([there] if shared else []), *others]), rule


_AT_THE_ROOM = "视频监视系统应当在井口值班室设置操作终端，具有回放功能"


def test_a_wrong_option_another_article_sets_at_the_keys_place_is_never_offered() -> None:
    pools, rule = _duty_room_pools(shared=True)
    for seed in range(12):
        assert term_distractors(_AT_THE_ROOM, 0, "视频监视系统", rule, pools, random.Random(seed)) == []
        wrong = term_distractors(_AT_THE_ROOM, 0, "视频监视系统", rule, pools, random.Random(seed), count=2)
        assert set(wrong) == {"安全监控系统", "通信联络系统"}, wrong


def test_without_such_an_article_every_system_is_a_wrong_option() -> None:
    pools, rule = _duty_room_pools(shared=False)
    wrong = term_distractors(_AT_THE_ROOM, 0, "视频监视系统", rule, pools, random.Random(0))
    assert set(wrong) == {"安全监控系统", "通信联络系统", "人员位置监测系统"}, wrong


# --------------------------------------------------------------------------- T37: a town trade's rule


@pytest.mark.parametrize("sentence", [
    "宾馆、饭店使用燃气的，应当安装燃气泄漏报警器",
    "商场和娱乐场所应当保持疏散通道畅通",
])
def test_a_rule_for_trades_serving_the_public_in_town_is_not_asked(sentence: str) -> None:
    assert sentence_relevance(sentence, FRONTLINE) < THRESHOLD
    assert sentence_relevance(sentence, MANAGERS) < THRESHOLD


def test_the_mines_own_gas_alarm_rule_stays_asked() -> None:
    assert sentence_relevance("井下使用燃气设备的地点，必须安装甲烷报警仪", FRONTLINE) >= THRESHOLD


# --------------------------------------------------------------------------- leftovers: an item's other sentences


def test_an_items_sentences_after_the_asked_one_are_left_out() -> None:
    item = "当倾角大于15°时，输送机必须设置防滑装置。每班开机前，司机应当检查信号"
    assert read.governed_part(item, item.index("15")) == ("当倾角大于15°时，输送机必须设置防滑装置", 0)


def test_an_items_earlier_sentences_stay_only_when_the_asked_one_takes_them_up() -> None:
    item = "风筒应当吊挂平直。如果必须拐弯，拐弯半径不得小于2m"
    assert read.governed_part(item, item.index("2m")) == (item, 0)  # 如果… leans on the sentence before
    item = "人员不得扒车。矿车之间的间距不得小于3m"
    part, start = read.governed_part(item, item.index("3m"))
    assert part == "矿车之间的间距不得小于3m" and item[start:].startswith(part)


def test_an_item_question_asks_its_own_sentence_only() -> None:
    record = article("采用输送机运输时，应当遵守下列规定：\n（一）当倾角大于15°时，输送机必须设置防滑装置。"
                     "每班开机前，司机应当检查信号和闭锁。\n（二）输送带的宽度不得小于0.8m。",
                     title="某规程", label="第七条", number=7)
    pools = TheoryPools.build([record])
    made = [q for seed in SEEDS if (q := blank_item_number(record, pools, seed))]
    assert any("防滑装置" in q.stem for q in made)
    for q in made:
        assert "每班开机前" not in q.stem, q.stem
        assert "每班开机前" not in q.inputs["item"]


# --------------------------------------------------------------------------- leftovers: the same three posts


def _posts(q) -> frozenset:  # noqa: ANN001
    return frozenset(o.text for o in q.options)


def test_a_run_offers_the_same_four_posts_once(theory) -> None:
    posts = [q for q in theory.questions if q.generator == "theory.single_party" and q.inputs["group"] == "frontline"]
    assert len({_posts(q) for q in posts}) == len(posts), [q.stem for q in posts]
    # Counter-example: the blaster's duty is still asked, once.
    assert sum(next(o.text for o in q.options if o.key in q.answer) == "爆破员" for q in posts) == 1


def test_the_same_posts_beside_two_duties_are_one_fact() -> None:
    def item(label: str, key: str) -> GeneratedQuestion:
        others = sorted({"爆破员", "班组长", "瓦斯检查工", "安全检查工"} - {key})
        options = tuple(Option(k, t) for k, t in zip("ABCD", (key, *others), strict=True))
        return GeneratedQuestion("single", f"根据《某规程》{label}，（ ）必须……。", options, ("A",), "", None,
                                 "theory.single_party", inputs={"article": label, "sentence": "…", "position": 0,
                                                                "group": "frontline"})
    first, second = fact_keys(item("第一条", "爆破员")), fact_keys(item("第二条", "爆破员"))
    assert clashes(second) & first
    # Counter-examples: another post among the options, and a duty-bearer of the general kind.
    other = item("第三条", "爆破员")
    other = dataclasses.replace(other, options=(*other.options[:3], Option("D", "电工")))
    assert not clashes(fact_keys(other)) & first
    body = dataclasses.replace(item("第四条", "爆破员"), inputs={"article": "第四条", "sentence": "…", "position": 0,
                                                               "group": "employer"})
    assert not clashes(fact_keys(body)) & first


# --------------------------------------------------------------------------- leftovers: the subject before


def test_a_rule_opening_on_when_it_applies_takes_its_thing_from_the_sentence_before() -> None:
    record = article("在井筒内作业时，人员必须系好安全绳。安全绳应当每月检验1次。每次使用前必须检查，发现断股必须更换。")
    assert thing_before(record, "每次使用前必须检查，发现断股必须更换") == "安全绳"
    assert "关于安全绳的规定" in stem_prefix(record, "每次使用前必须检查，发现断股必须更换")
    # Counter-examples: a rule with its own subject, and one after a sentence whose head is a party.
    assert thing_before(record, "安全绳应当每月检验1次") == ""
    own = article("在井筒内作业时，人员必须系好安全绳。每次作业前，班组长必须检查安全绳。")
    assert thing_before(own, "每次作业前，班组长必须检查安全绳") == ""
    party = article("入井人员必须携带自救器。每次入井前必须检查。")
    assert thing_before(party, "每次入井前必须检查") == ""


# --------------------------------------------------------------------------- H10: the post's machine in every key


def test_a_post_is_named_for_its_machine_or_work() -> None:
    assert post_thing("铲运车司机") == "铲运车"
    assert post_thing("注浆检查工") == "注浆"
    assert post_thing("信号员") == "信号"
    # Counter-examples: a post whose name is all person, and one too short to name a thing.
    assert post_thing("班组长") == ""
    assert post_thing("电工") == ""


def test_no_site_question_has_only_keys_naming_the_posts_machine(hazard_data) -> None:
    made = [q for seed in SEEDS for q in site_hazards(hazard_data, seed)]
    assert made
    for q in made:
        thing = post_thing(q.inputs["post"])
        keys = [o.text for o in q.options if o.key in q.answer]
        wrong = [o.text for o in q.options if o.key not in q.answer]
        assert not thing or not all(thing in k for k in keys) or any(thing in w for w in wrong), (q.stem, keys)
    # Counter-example: posts named for a machine are still asked.
    assert any(post_thing(q.inputs["post"]) for q in made)


def test_a_blank_on_a_system_another_article_sets_at_its_place_is_not_asked() -> None:
    pools, rule = _duty_room_pools(shared=True)
    assert placed_beside(_AT_THE_ROOM, 0, "视频监视系统", rule, pools)
    assert all(blank_term(rule, pools, seed) is None and single_term(rule, pools, seed) is None for seed in SEEDS)
    # Counter-example: no other system is set there, the system is asked (as a choice, so the blank takes none).
    pools, rule = _duty_room_pools(shared=False)
    assert not placed_beside(_AT_THE_ROOM, 0, "视频监视系统", rule, pools)
    assert all(single_term(rule, pools, seed) is not None for seed in SEEDS)


# --------------------------------------------------------------------------- H1: a wrong control saying the key's measure


def _roadway(hazard_data, text: str, controls: tuple[str, ...]):  # noqa: ANN001, ANN202
    base = next(iter(hazard_data.catalogue))
    return dataclasses.replace(base, hazard=text, controls=tuple(hz.Control(kind="技术", text=c) for c in controls))


def test_a_control_saying_the_state_of_what_the_hazard_lacks_is_no_wrong_option(hazard_data) -> None:
    target = _roadway(hazard_data, "巷道两帮未挂网或锚杆支护不足，煤帮片落伤人", ("每班检查锚杆支护完好情况并记录",))
    assert failed_words(target.hazard) >= {"支护"}
    assert same_measure("溜煤眼口支护完好，上口设置箅子", target)
    # Counter-examples: a measure on another thing, and a run shared on no word of what is lacking.
    assert not same_measure("溜煤眼口设置箅子并设警示牌", target)
    plain = _roadway(hazard_data, "巷道两帮未挂网，煤帮片落伤人", ("按作业规程要求挂网",))
    assert not same_measure("掘进前按作业规程要求检查瓦斯", plain)
