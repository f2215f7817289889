"""Choosing a chapter to generate from means one chapter: 编 and 章 in any spacing, a unique title alone, and
several matching chapters named instead of mixed; a frontline run without a chapter leaves the open pit out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from corpus import placement
from quiz.generation import chapters
from quiz.generation.chapters import Chapter, ChapterUnclear, chapter_path, under
from quiz.generation.pipeline import theory_selection
from quiz.generation.relevance import MANAGERS
from tests.generation.conftest import article

RULES = "示例煤矿规程"
OTHER = "示例安全条例"
HEADINGS = [  # (path, label): chapter numbers restart in each 编, as in the 煤矿安全规程
    ("第一编 总则", "第一条"),
    ("第二编 井工煤矿 / 第一章 采掘", "第二条"),
    ("第二编 井工煤矿 / 第四章 通风 / 第一节 风量", "第三条"),
    ("第二编 井工煤矿 / 第四章 通风 / 第二节 局部通风", "第四条"),
    ("第二编 井工煤矿 / 第五章 运输、提升", "第五条"),
    ("第三编 露天煤矿 / 第一章 剥离", "第六条"),
    ("第三编 露天煤矿 / 第四章 运输", "第七条"),
    ("第四编 职业病危害防治 / 第四章 噪声", "第八条"),
]


def _records() -> list:
    made = [
        replace(article(f"作业人员应当遵守第{n}项要求。", label=label, title=RULES, number=n), path=path)
        for n, (path, label) in enumerate(HEADINGS, 1)
    ]
    law = replace(article("单位应当组织培训。", label="第九条", title=OTHER, number=9), path="第四章 教育培训")
    return [*made, law]


def _labels(records) -> list[str]:
    return [r.label for r in records]


@pytest.mark.parametrize("typed", ["第二编 第四章", "第二编第四章", " 第二编  第四章 ", "第二编 / 第四章", "第2编第4章"])
def test_bian_and_zhang_in_any_spacing_name_one_chapter(typed) -> None:
    assert _labels(under(_records(), typed)) == ["第三条", "第四条"]


def test_a_picked_value_names_its_document_and_chapter() -> None:
    picked = Chapter(RULES, "第二编 井工煤矿 / 第四章 通风").value
    assert _labels(under(_records(), picked)) == ["第三条", "第四条"]
    assert _labels(theory_selection(_records(), chapter=picked)) == ["第三条", "第四条"]


def test_a_bare_chapter_number_several_chapters_share_is_refused_naming_them() -> None:
    with pytest.raises(ChapterUnclear) as refused:
        under([r for r in _records() if r.title == RULES], "第四章")
    message = str(refused.value)
    for chapter in ("第二编 井工煤矿 / 第四章 通风", "第三编 露天煤矿 / 第四章 运输", "第四编 职业病危害防治 / 第四章 噪声"):
        assert chapter in message
    assert "第一章" not in message


def test_several_documents_are_named_with_their_titles() -> None:
    with pytest.raises(ChapterUnclear) as refused:
        under(_records(), "第四章")
    assert f"《{OTHER}》第四章 教育培训" in str(refused.value)


@pytest.mark.parametrize(("typed", "labels"), [("通风", ["第三条", "第四条"]), ("第四章 通风", ["第三条", "第四条"]),
                                               ("局部通风", ["第四条"]), ("噪声", ["第八条"])])
def test_a_title_only_one_chapter_has_is_that_chapter(typed, labels) -> None:
    assert _labels(under(_records(), typed)) == labels


def test_a_title_two_chapters_share_is_refused() -> None:
    with pytest.raises(ChapterUnclear) as refused:
        under(_records(), "运输")
    assert "第五章 运输、提升" in str(refused.value) and "第四章 运输" in str(refused.value)


def test_a_chapter_no_document_has_is_refused() -> None:
    with pytest.raises(ChapterUnclear, match="第九章"):
        theory_selection(_records(), [RULES], "第九章")


def test_the_chapters_of_a_document_are_its_bian_and_zhang_in_order() -> None:
    listed = chapters.chapters((r.title, r.path) for r in _records())
    assert [c.path for c in listed if c.title == RULES] == [
        "第一编 总则", "第二编 井工煤矿 / 第一章 采掘", "第二编 井工煤矿 / 第四章 通风", "第二编 井工煤矿 / 第五章 运输、提升",
        "第三编 露天煤矿 / 第一章 剥离", "第三编 露天煤矿 / 第四章 运输", "第四编 职业病危害防治 / 第四章 噪声",
    ]
    assert chapter_path("第二编 井工煤矿 / 第四章 通风 / 第二节 局部通风") == "第二编 井工煤矿 / 第四章 通风"


def test_a_frontline_run_leaves_the_open_pit_out_unless_its_chapter_is_picked() -> None:
    records = _records()
    frontline = theory_selection(records, [RULES])
    assert "第六条" not in _labels(frontline) and "第七条" not in _labels(frontline)
    assert "第五条" in _labels(frontline) and "第一条" in _labels(frontline)
    assert _labels(theory_selection(records, [RULES], "第三编 第四章")) == ["第七条"]
    assert "第七条" in _labels(theory_selection(records, [RULES], audience=MANAGERS))


def test_the_knowledge_base_and_generation_read_one_placement() -> None:
    from kb import setting

    assert placement.open_pit("第三编 露天煤矿 / 第四章 运输") and not placement.open_pit("第二编 井工煤矿")
    assert setting.placed("第二编 井工煤矿 / 第四章 通风") == " 井下"
    assert not placement.elsewhere("第四编 露天煤矿 / 第三节 井下排水")


DOCUMENT = """# 示例煤矿安全规程

2024年1月1日 应急管理部令第1号公布

<!-- INFO END -->

## 第一编 井工煤矿

### 第四章 通风

第一条 矿井必须有完整的独立通风系统，作业人员不得随意改变风流方向。

## 第二编 露天煤矿

### 第四章 运输

第二条 卡车在坡道上行驶时，司机不得空挡滑行。
"""


def test_the_cli_names_the_chapters_a_bare_number_matches_and_takes_bian_and_zhang(app, tmp_path) -> None:
    (tmp_path / "规程.md").write_text(DOCUMENT, encoding="utf-8")
    runner = app.test_cli_runner()
    base = ["generate", "--kind", "theory", "-n", "5", "--json", "--corpus", str(tmp_path)]
    unclear = runner.invoke(args=[*base, "--chapter", "第四章"])
    assert unclear.exit_code != 0
    assert "第一编 井工煤矿 / 第四章 通风" in unclear.output and "第二编 露天煤矿 / 第四章 运输" in unclear.output
    one = runner.invoke(args=[*base, "--chapter", "第二编第四章"])
    assert one.exit_code == 0, one.output
    assert "卡车" in one.output and "风流" not in one.output
