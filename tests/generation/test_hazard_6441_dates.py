"""Worker-facing 事故类型 explanations follow the date (blind audit hazgen2, finding 3): from the day GB 6441-2025
takes effect (the successor register, corpus/data/successors.yaml), an explanation no longer presents the 1986 class
and code as current: a class the 2025 list keeps under its name is cited under GB 6441-2025, another is named as the
1986 class with the new edition said to have changed it."""

from __future__ import annotations

import dataclasses
from datetime import date

from corpus import hazards as hz
from corpus import successors
from quiz.generation.hazard import accident_type, explain_coal

BEFORE, AFTER = date(2026, 6, 30), date(2026, 7, 1)


def test_the_register_says_when_gb_6441_1986_gave_way() -> None:
    assert successors.in_force("企业职工伤亡事故分类", BEFORE) is None
    assert "GB 6441-2025" in successors.in_force("GB 6441-1986", AFTER).name


def test_a_class_the_2025_list_keeps_is_cited_under_gb_6441_2025_once_it_is_in_force(hazard_data) -> None:
    entry = next(h for h in hazard_data.catalogue if h.accident_type_name == "触电" and h.coal_category == "机电")
    after = explain_coal(entry, "机电", AFTER)
    assert "按GB 6441-2025《生产安全事故分类与编码》" in after and "属于“触电”" in after
    assert "代码05" not in after and "按GB 6441-1986属于" not in after
    assert "按GB 6441-1986属于“触电”（代码05）" in explain_coal(entry, "机电", BEFORE)


def test_a_class_the_2025_list_no_longer_has_is_the_1986_class_with_the_change_said(hazard_data) -> None:
    entry = hazard_data.catalogue.get("HZ-JJ-003")  # 冒顶片帮
    after = explain_coal(entry, "顶板", AFTER)
    assert "按GB 6441-1986属于“冒顶片帮”（代码11）" in after
    assert "已由GB 6441-2025《生产安全事故分类与编码》代替（2026年7月1日起实施）" in after
    assert "不再设“冒顶片帮”类" in after
    before = explain_coal(entry, "顶板", BEFORE)
    assert "2025" not in before and "按GB 6441-1986属于“冒顶片帮”（代码11）" in before


def test_generated_explanations_follow_the_date_and_stay_reproducible_by_seed(hazard_data) -> None:
    after = dataclasses.replace(hazard_data, today=AFTER)
    items = list(accident_type(after, "s"))
    assert items and items == list(accident_type(after, "s"))
    for q in items:
        if q.inputs["class_1986"] in hz.GB6441_2025:
            assert "按GB 6441-2025" in q.explanation and "按GB 6441-1986" not in q.explanation, q.explanation
        else:
            assert "已由GB 6441-2025" in q.explanation, q.explanation
    before = list(accident_type(dataclasses.replace(hazard_data, today=BEFORE), "s"))
    assert [q.stem for q in before] == [q.stem for q in items]
    assert all("按GB 6441-1986属于" in q.explanation for q in before)
