"""Structure: titles, hierarchy, articles by sequence, sections, dates, types and repeals."""

from __future__ import annotations

from datetime import date

import pytest

from corpus.structure import parse_text
from tests.corpus.conftest import RULES


def test_markdown_title_chapters_articles_and_paragraphs() -> None:
    document = parse_text(RULES, fmt="markdown", name="班组安全检查办法.md")
    assert document.title == "班组安全检查办法"
    assert [(a.label, a.number) for a in document.articles] == [("第一条", 1), ("第二条", 2), ("第三条", 3)]
    assert (
        document.articles[1].text == "班组长每班开工前必须检查作业地点的顶板、支护和瓦斯浓度。\n发现隐患应当立即处理。"
    )
    assert document.articles[2].path == ("第二章 附则",)
    assert document.articles[2].anchor == "art-3"
    assert document.effective == date(2025, 4, 1)
    assert document.issuer == "测试煤矿安全生产委员会"
    assert document.doc_type == "企业制度"


def test_repeated_article_number_at_paragraph_starts_is_one_article() -> None:
    text = "第一编总则第一条为保障安全，制定本规程。\n第二条必须遵守本规程。\n第二条煤矿必须制定作业规程。\n第三条煤矿企业必须设置专门机构。\n"
    document = parse_text(text, name="煤矿安全规程(2016).txt")
    assert [a.number for a in document.articles] == [1, 2, 3]
    assert document.articles[1].text == "必须遵守本规程。\n煤矿必须制定作业规程。"
    assert document.articles[0].path == ("第一编 总则",)
    assert document.title == "煤矿安全规程"


def test_a_lone_first_heading_holds_only_the_article_after_it() -> None:
    """A text that lost its headings but the first (第一编总则 at its top, nothing after): the blasting
    rule far below is not in 总则; a text whose 编 go on keeps them."""
    rules = ["为保障班组作业安全，制定本细则。", "本细则适用于本矿井下各班组。", "班组长每班检查作业地点。",
             "放炮前必须检查炮眼深度。", "爆破后必须等待炮烟吹散。"]
    text = "第一编总则" + "\n".join(f"第{n}条{rule}" for n, rule in zip("一二三四五", rules, strict=True))
    lost = parse_text(text, name="班组作业细则(2016).txt").articles
    assert [a.path for a in lost] == [("第一编 总则",), (), (), (), ()]
    kept = parse_text(text.replace("第四条", "第二编 爆破\n第四条"), name="班组作业细则(2016).txt").articles
    assert [a.path for a in kept] == [("第一编 总则",)] * 3 + [("第二编 爆破",)] * 2
    one_chapter = parse_text("第一章 总则\n第一条" + rules[0] + "\n第二条" + rules[1] + "\n第二章 附则\n第三条" + rules[2])
    assert [a.path for a in one_chapter.articles] == [("第一章 总则",), ("第一章 总则",), ("第二章 附则",)]


def test_cross_reference_at_a_paragraph_start_is_not_an_article() -> None:
    text = "规定\n第一条 总则内容。\n第二条 其他内容。\n第一条规定的人员应当培训。\n第三条 附则。\n"
    document = parse_text(text)
    assert [a.number for a in document.articles] == [1, 2, 3]
    assert "第一条规定的人员应当培训。" in document.articles[1].text


def test_missing_articles_leave_gaps_without_losing_the_rest() -> None:
    text = "细则\n" + "".join(f"第{n}条 内容{n}。\n" for n in ["一", "二", "四", "五"])
    assert [a.number for a in parse_text(text).articles] == [1, 2, 4, 5]


def test_inserted_article_has_its_own_anchor() -> None:
    text = "法\n第一条 甲。\n第二条 乙。\n第二条之一 丙。\n第三条 丁。\n"
    articles = parse_text(text).articles
    assert [a.label for a in articles] == ["第一条", "第二条", "第二条之一", "第三条"]
    assert [a.anchor for a in articles] == ["art-1", "art-2", "art-2-1", "art-3"]


def test_real_title_after_a_decree_preamble() -> None:
    text = (
        "国家安全生产监督管理总局令\n第 85 号\n"
        "《煤矿重大生产安全事故隐患判定标准》经局长办公会议审议，予以公布，自公布之日起施行。\n"
        "局长 杨焕宁\n2015 年 12 月 3 日\n煤矿重大生产安全事故隐患判定标准\n"
        "第一条 为了准确认定煤矿重大事故隐患，制定本标准。\n第二条 本标准适用于各类煤矿。\n"
    )
    document = parse_text(text, fmt="html")
    assert document.title == "煤矿重大生产安全事故隐患判定标准"
    assert document.issuer == "国家安全生产监督管理总局"
    assert document.promulgated == date(2015, 12, 3)
    assert document.effective == date(2015, 12, 3)
    assert document.doc_type == "部门规章"
    assert "第85号" in document.preamble


def test_text_without_articles_is_split_at_headings() -> None:
    text = "# 劳动争议案例\n\n## 基本案情\n\n张某加班。\n\n## 裁判结果\n\n支持张某。\n"
    document = parse_text(text, fmt="markdown")
    assert document.doc_type == "案例"
    assert [(a.kind, a.label, a.text) for a in document.articles] == [
        ("section", "基本案情", "张某加班。"),
        ("section", "裁判结果", "支持张某。"),
    ]
    assert document.articles[0].anchor == "sec-1"


def test_text_without_headings_is_grouped_into_paragraphs_of_a_few_hundred_characters() -> None:
    paragraphs = [f"第{n}段：" + "班组安全建设要抓实抓细。" * 10 for n in range(12)]
    document = parse_text("班组建设经验\n" + "\n".join(paragraphs))
    assert document.title == "班组建设经验"
    assert len(document.articles) > 2
    assert all(a.kind == "section" for a in document.articles)
    assert all(len(a.text) < 700 for a in document.articles)
    assert "\n".join(a.text for a in document.articles) == "\n".join(paragraphs)


def test_appendix_after_the_last_article_is_a_section_not_part_of_it() -> None:
    text = "# 规程\n\n第一条 甲。\n\n第二条 乙。\n\n## 附录 主要名词解释\n\n煤矿：直接从事煤炭生产的单位。\n"
    articles = parse_text(text, fmt="markdown").articles
    assert articles[1].text == "乙。"
    assert (articles[2].kind, articles[2].label) == ("section", "附录 主要名词解释")


def test_repeals_are_found_and_titles_inside_titles_are_not_repeals() -> None:
    text = (
        "# 煤矿安全生产条例\n\n（根据2013年7月18日《国务院关于废止和修改部分行政法规的决定》修改）\n\n"
        "第一条 为了加强煤矿安全生产工作，制定本条例。\n\n"
        "第二条 本条例自2024年5月1日起施行。《煤矿安全监察条例》和《国务院关于预防煤矿生产安全事故的特别规定》同时废止。\n"
    )
    document = parse_text(text, fmt="markdown")
    assert [r.title for r in document.repeals] == ["煤矿安全监察条例", "国务院关于预防煤矿生产安全事故的特别规定"]
    assert all(r.effective == date(2024, 5, 1) for r in document.repeals)
    assert document.amended == date(2013, 7, 18)


def test_version_date_prefers_the_date_in_the_file_name() -> None:
    text = (
        "# 煤炭法\n\n1996年8月29日 第八届全国人民代表大会常务委员会第二十一次会议通过\n\n第一条 甲。\n\n第二条 乙。\n"
    )
    document = parse_text(text, fmt="markdown", name="煤炭法(2016-11-07).md")
    assert document.version_date == date(2016, 11, 7)
    assert document.promulgated == date(1996, 8, 29)
    assert document.doc_type == "法律"


def test_text_under_a_heading_before_the_articles_is_kept_as_a_section() -> None:
    text = "# 宪法\n\n## 序言\n\n中国是世界上历史最悠久的国家之一。\n\n## 第一章 总纲\n\n第一条 甲。\n\n第二条 乙。\n"
    articles = parse_text(text, fmt="markdown").articles
    assert [(a.kind, a.label) for a in articles] == [("section", "序言"), ("article", "第一条"), ("article", "第二条")]
    assert articles[1].path == ("第一章 总纲",)


def test_a_heading_wrapped_onto_a_second_line_is_joined() -> None:
    text = "# 监督法\n\n## 第二章 听取和审议人民政府、人民法院和\n\n人民检察院的专项工作报告\n\n第一条 甲。\n\n第二条 乙。\n"
    articles = parse_text(text, fmt="markdown").articles
    assert [a.kind for a in articles] == ["article", "article"]
    assert articles[0].path == ("第二章 听取和审议人民政府、人民法院和人民检察院的专项工作报告",)


def test_article_text_splits_into_paragraphs_and_items() -> None:
    from corpus.structure import split_clauses

    text = "生产经营单位应当遵守下列规定：\n（一）建立制度；\n（二）组织培训。\n违反前款规定的，责令改正。"
    clauses = split_clauses(text)
    assert [(c.kuan, c.xiang) for c in clauses] == [(1, None), (1, 1), (1, 2), (2, None)]
    assert clauses[2].label == "第一款第二项" and clauses[3].label == "第二款"


BODY = "第一条 为了加强安全管理，制定本规定。\n第二条 本规定自2026年2月1日起施行。\n"


@pytest.mark.parametrize(
    ("title", "preamble", "expected", "sure"),
    [
        ("审计矿井下临时停电处置办法", "", "企业制度", True),  # 办法 is not 法: a mine's own rules
        ("青山煤矿入井安全管理规定", "", "企业制度", True),
        ("晋北能源公司井下供电细则", "", "企业制度", True),
        ("红岭矿业集团班组长管理办法", "", "企业制度", True),
        ("灯房管理规定", "2025年3月1日 审计矿安全办公室印发", "企业制度", True),
        ("示例安全法", "2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过", "法律", True),
        ("示例安全条例", "2024年1月24日国务院令第774号公布", "行政法规", True),
        ("示例安全检查办法", "2015年12月3日国家安全生产监督管理总局令第85号公布", "部门规章", True),
        ("示例作业规程", "2025年3月1日应急管理部令第8号公布", "部门规章", True),
        ("乡镇煤矿示例条例", "", "行政法规", False),  # a kind of mine, not one mine
        ("防治煤矿示例细则", "", "部门规章", False),  # a verb before 煤矿, not a name
        ("示例规定", "", "部门规章", False),
        ("示例安全法", "", "法律", False),
    ],
)
def test_document_type_follows_the_title_and_the_issuer(title: str, preamble: str, expected: str, sure: bool) -> None:
    document = parse_text(f"# {title}\n\n{preamble}\n\n{BODY}", fmt="markdown")
    assert (document.title, document.doc_type, document.doc_type_sure) == (title, expected, sure)
