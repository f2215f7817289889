"""The major-hidden-danger call comes only from the reviewed rule table, naming its version."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from corpus.hazard_rules import load_major_hazards, load_ordinary_hazards, load_regulation_categories
from inspections.major import PatternError, classify, load_patterns, version_in_force
from tests.inspections.labelled import SAMPLE, SHARED

TABLE = {item.id: item for item in load_major_hazards()}
CATEGORIES = {c.id: c for c in load_regulation_categories()}
UNDER_2020 = date(2024, 5, 6)
UNDER_21 = date(2026, 11, 30)


def test_every_call_names_an_entry_of_the_rule_table_and_its_version():
    texts = [t for t, _ in SAMPLE + SHARED] + [h.text for h in load_ordinary_hazards()]
    for text in texts:
        for day in (date(2018, 3, 1), UNDER_2020, UNDER_21):
            call = classify(text, day)
            if call is None:
                continue
            if call.item_id in CATEGORIES:
                category = CATEGORIES[call.item_id]
                assert (call.article, call.item) == (36, category.item)
                assert call.label == f"属于《煤矿安全生产条例》第三十六条所列“{category.name}”"
                continue
            entry = TABLE[call.item_id]
            assert (entry.version, entry.article, entry.item) == (call.version, call.article, call.item)
            assert f"{call.version}版" in call.label


def test_the_reviewed_ordinary_hidden_dangers_are_never_major():
    for hazard in load_ordinary_hazards():
        assert classify(hazard.text, UNDER_2020) is None, hazard.text


@pytest.mark.parametrize(("text", "day", "item", "review"), [
    ("1305采煤工作面上出口堵塞，只有一个畅通的安全出口", date(2019, 1, 1), "MH2015-13-4", False),
    ("1305采煤工作面上出口堵塞，只有一个畅通的安全出口", UNDER_2020, "MH2020-13-5", False),
    ("1305采煤工作面上出口堵塞，只有一个畅通的安全出口", UNDER_21, "MH2020-13-5", True),
    ("3105掘进工作面处理大块煤时采用裸露爆破", UNDER_2020, "MH2020-13-4", False),
    ("井下照明电缆无安标", UNDER_2020, "MH2020-13-2", False),
    ("矿井单回路供电", date(2022, 6, 1), "MH2015-14-1", True),  # no 2020 entry, 条例 not yet in force
])
def test_the_entry_of_the_version_in_force_is_named(text, day, item, review):
    call = classify(text, day)
    assert call is not None and call.item_id == item
    assert call.needs_review is review
    assert ("须对照现行版本复核" in call.review_note) is review


@pytest.mark.parametrize("text", [
    "采煤工作面下出口堆放一组备用支柱，仍能正常通行",  # exits still open: ordinary
    "3102回风巷甲烷传感器吊挂位置距顶板超过300mm",  # placement, not 未安设 or made ineffective
    "井下照明电缆无安标",  # cables entered the list only in 2020
    "主运输巷2号带式输送机机头处无防护栏",
])
def test_what_the_table_does_not_list_is_not_major(text):
    day = date(2019, 1, 1) if "电缆" in text else UNDER_2020
    assert classify(text, day) is None


def test_versions_in_force():
    assert version_in_force(date(2020, 12, 31)).year == 2015
    assert version_in_force(date(2021, 1, 1)).year == 2020
    assert version_in_force(date(2026, 6, 30)).year == 2020
    assert version_in_force(date(2026, 7, 1)).year == 2026


def test_a_pattern_naming_an_item_the_table_lacks_is_refused(tmp_path: Path):
    bad = tmp_path / "p.yaml"
    bad.write_text("patterns:\n  - {id: x, items: [MH2026-99-1], all_of: [[单回路]]}\n", encoding="utf-8")
    with pytest.raises(PatternError, match="not in the rule table"):
        load_patterns(bad)
    assert load_patterns()  # the shipped patterns load


@pytest.mark.parametrize(("text", "day", "category"), [
    ("1306综采工作面甲烷浓度达到1.5%仍继续割煤", date(2026, 12, 2), "瓦斯超限作业"),
    ("井下瓦斯超限后继续作业", date(2026, 12, 2), "瓦斯超限作业"),
    ("3102回风巷瓦斯超限仍继续生产", UNDER_2020, "瓦斯超限作业"),
    ("超层越界开采", date(2026, 12, 2), "超层、越界开采"),
    ("矿井超层越界开采", UNDER_2020, "超层、越界开采"),
    ("矿井单回路供电", UNDER_2020, "未按照规定采用双回路供电系统"),
])
def test_without_an_item_of_the_standard_in_force_the_regulation_names_the_category(text, day, category):
    """《煤矿安全生产条例》 (in force from 2024-05-01) 第三十六条 lists the categories; the 2015
    standard is never cited on a day a newer one is in force."""
    call = classify(text, day)
    assert call is not None, text
    assert call.label == f"属于《煤矿安全生产条例》第三十六条所列“{category}”"
    assert call.needs_review and "判定标准" in call.review_note and "核对" in call.review_note
    assert "2015版" not in call.label


def test_before_the_regulation_the_2015_item_is_named():
    call = classify("井下瓦斯超限后继续作业", date(2019, 1, 1))
    assert call is not None and call.item_id == "MH2015-05-2" and not call.needs_review


@pytest.mark.parametrize("text", [
    "3102回风巷瓦斯超限，已撤人停电",  # handled as the rules say: no hidden danger left in place
    "1306综采工作面甲烷浓度达到1.5%，已停止割煤撤出人员",
    "瓦斯超限",
    "采煤工作面甲烷浓度0.8%，正常割煤",
])
def test_gas_over_the_limit_that_was_dealt_with_is_not_called_major(text):
    assert classify(text, date(2026, 12, 2)) is None


def test_the_regulation_lists_seventeen_categories():
    assert sorted(c.item for c in CATEGORIES.values()) == list(range(1, 18))
