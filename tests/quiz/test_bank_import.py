"""Reading whole bank files: header variants, type inference, bad rows, duplicates, broken files."""

from __future__ import annotations

import pytest

from quiz.bank.importer import parse_files
from quiz.bank.layout import detect_layout
from quiz.bank.types import JUDGE_OPTIONS, Option
from tests.quiz.banks import STANDARD_HEADER, csv_bytes, standard_bank, xlsx


def parse(data: bytes, name: str = "bank.xlsx", **kw):
    return parse_files([(name, data)], **kw)


@pytest.mark.parametrize(
    "header",
    [
        ["题型", "题干", "选项", "答案", "解析", "分类", "难度"],
        ["试题类型", "题目", "题目选项", "正确答案", "答案解析", "作业种类", "难易程度"],
        ["题目类型", "题目内容（必填）", "选项内容", "题目答案", "试题解析", "试题分类", "难度等级"],
        ["类型", "试题内容", "备选答案", "标准答案", "解析", "知识点", "难度"],
    ],
)
def test_header_variants(header: list[str]) -> None:
    report = parse(xlsx([header, ["单选题", "1、瓦斯爆炸下限是（ ）", "A.5% B.16%", "A", "见规程", "一通三防", "易"]]))
    assert report.errors == [] and report.imported == 1
    draft = report.questions[0].draft
    assert draft.stem == "瓦斯爆炸下限是（ ）"
    assert draft.options == (Option("A", "5%"), Option("B", "16%"))
    assert (draft.explanation, draft.category, draft.difficulty) == ("见规程", ("一通三防",), 1)


def test_one_column_per_option_with_columns_in_any_order() -> None:
    header = ["正确答案", "选项A", "选项B", "选项C", "选项D", "题干", "题型"]
    rows = [header, ["AC", "甲", "乙", "丙", "", "下列正确的是", "多选题"]]
    draft = parse(xlsx(rows)).questions[0].draft
    assert draft.options == (Option("A", "甲"), Option("B", "乙"), Option("C", "丙"))
    assert draft.answer == ("A", "C")


def test_title_row_and_merged_two_row_header() -> None:
    rows = [
        ["青山煤矿安全培训题库", None, None, None, None, None, None],
        ["序号", "题型", "题干", "选项", None, None, "答案"],
        [None, None, None, "A", "B", "C", None],
        [1, "单选题", "井下发现火灾应（ ）", "撤离", "逃跑", "观望", "A"],
    ]
    report = parse(xlsx(rows, merged=["A1:G1", "D2:F2"]))
    assert report.errors == [] and report.imported == 1
    assert report.questions[0].row == 4
    assert report.questions[0].draft.options[2] == Option("C", "观望")


def test_merged_category_cells_fill_every_row() -> None:
    rows = [
        ["分类", "题型", "题干", "答案"],
        ["顶板", "判断题", "敲帮问顶是必要的", "对"],
        [None, "判断题", "可以空顶作业", "错"],
    ]
    report = parse(xlsx(rows, merged=["A2:A3"]))
    assert [q.draft.category for q in report.questions] == [("顶板",), ("顶板",)]


def test_judge_rows_in_every_answer_style_become_canonical() -> None:
    rows = [["题型", "题干", "答案"]] + [
        ["是非题", f"判断{i}", a] for i, a in enumerate(["对", "×", "√", "错误", "是", "F"])
    ]
    report = parse(xlsx(rows))
    assert [q.draft.answer for q in report.questions] == [("A",), ("B",), ("A",), ("B",), ("A",), ("B",)]
    assert all(q.draft.type == "judge" and q.draft.options == JUDGE_OPTIONS for q in report.questions)


def test_type_inferred_when_the_column_is_missing() -> None:
    rows = [
        ["题干", "选项", "答案"],
        ["单选题干", "A.甲 B.乙", "B"],
        ["多选题干", "A.甲 B.乙 C.丙", "A,C"],
        ["判断题干", "", "√"],
        ["瓦斯是（ ）气体", "", "无色无味"],
    ]
    assert [q.draft.type for q in parse(xlsx(rows)).questions] == ["single", "multi", "judge", "blank"]


def test_section_heading_rows_set_the_type() -> None:
    rows = [["题干", "选项", "答案"], ["一、多项选择题", "", ""], ["1.下列属于一通三防的是", "A.通风 B.防瓦斯", "A"]]
    report = parse(xlsx(rows))
    assert report.rows == 1 and report.questions[0].draft.type == "multi"


def test_fill_in_the_blank_with_underscores_and_several_blanks() -> None:
    rows = [["题型", "题干", "答案"], ["填空题", "“一通三防”指____和防____、防____、防尘", "通风；瓦斯；火"]]
    draft = parse(xlsx(rows)).questions[0].draft
    assert draft.stem == "“一通三防”指（ ）和防（ ）、防（ ）、防尘"
    assert draft.answer == ("通风", "瓦斯", "火")


def test_untrustworthy_rows_are_reported_with_row_and_reason_while_good_rows_import() -> None:
    rows = [
        STANDARD_HEADER,
        ["机电", "单选题", "1、好题", "**A.甲**B.乙", "A"],
        ["机电", "单选题", "2、答案不在选项中", "**A.甲**B.乙", "D"],
        ["机电", "单选题", "3、单选两个答案", "**A.甲**B.乙**C.丙", "AB"],
        ["机电", "单选题", "", "**A.甲**B.乙", "A"],
        ["机电", "单选题", "5、只有一个选项", "**A.甲", "A"],
        ["机电", "判断题", "6、判断题答案不明", "**A.正确**B.错误", "也许"],
        ["机电", "问答题", "7、未知题型", "", "见解析"],
        ["机电", "单选题", "8、缺答案", "**A.甲**B.乙", ""],
    ]
    report = parse(xlsx(rows))
    assert report.imported == 1 and report.rows == 8
    reasons = {e.row: e.reason for e in report.errors}
    assert set(reasons) == {3, 4, 5, 6, 7, 8, 9}
    assert "答案D不在选项中" in reasons[3]
    assert "单选题只能有一个答案" in reasons[4]
    assert "题干为空" in reasons[5]
    assert "只识别出1个选项" in reasons[6]
    assert "判断题答案" in reasons[7]
    assert "未知题型" in reasons[8]
    assert "缺少答案" in reasons[9]


def test_duplicates_within_a_file_across_files_and_against_the_bank() -> None:
    rows = [
        ["题型", "题干", "选项", "答案"],
        ["单选题", "1、井下（ ）吸烟", "A.严禁 B.可以", "A"],
        ["单选题", "2、井下(  )吸烟。", "A.可以 B.严禁", "B"],  # same question, options shuffled
        ["单选题", "3、井下（ ）吸烟", "A.严禁 B.可以", "B"],  # same, but the answer disagrees
    ]
    report = parse(xlsx(rows))
    assert report.imported == 1
    assert [d.row for d in report.duplicates] == [3, 4]
    assert "与第2行重复" in report.duplicates[0].reason
    assert "答案不同" in report.duplicates[1].reason

    key = report.questions[0].draft.content_key
    again = parse_files([("a.xlsx", xlsx(rows[:2])), ("b.csv", csv_bytes(rows[:2]))], existing={key: "题库第7题"})
    assert again.imported == 0 and [d.reason for d in again.duplicates] == ["与题库第7题重复"] * 2


def test_csv_in_gbk_with_tabs() -> None:
    rows = [["题型", "题干", "答案"], ["判断题", "入井必须携带自救器", "对"]]
    report = parse(csv_bytes(rows, encoding="gbk", delimiter="\t"), name="bank.csv")
    assert report.imported == 1 and report.questions[0].draft.stem == "入井必须携带自救器"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.4 not a spreadsheet", "bank.xlsx", "不是 Excel"),
        (b"", "bank.xlsx", "文件是空的"),
        (b"PK\x03\x04broken zip", "bank.xlsx", "无法读取"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1broken", "bank.xls", "无法读取"),
    ],
)
def test_files_that_are_not_banks_get_a_clear_chinese_message(data: bytes, name: str, message: str) -> None:
    report = parse(data, name=name)
    assert report.imported == 0 and report.rows == 0
    assert message in report.file_errors[0].reason
    assert report.to_dict()["errors"][0]["row"] is None


def test_an_empty_sheet() -> None:
    report = parse(xlsx([]))
    assert report.imported == 0 and "没有任何数据" in report.file_errors[0].reason


def test_a_sheet_without_a_recognisable_header() -> None:
    report = parse(xlsx([["姓名", "工号"], ["张三", "1001"]]))
    assert "没有找到表头" in report.file_errors[0].reason and "题干" in report.file_errors[0].reason


def test_a_merged_header_that_hides_the_answer_column() -> None:
    rows = [["题干", "选项", None], [None, "A", "B"], ["井下（ ）吸烟", "严禁", "可以"]]
    report = parse(xlsx(rows, merged=["B1:C1"]))
    assert report.imported == 0 and "没有“答案”列" in report.file_errors[0].reason


def test_other_sheets_are_read_and_unrelated_ones_skipped_with_a_note() -> None:
    data = xlsx(
        [["题型", "题干", "答案"], ["判断题", "甲", "对"]],
        extra_sheets={"说明": [["本题库由培训科整理"]], "第二章": [["题型", "题干", "答案"], ["判断题", "乙", "错"]]},
    )
    report = parse(data)
    assert report.imported == 2 and any("说明" in n for n in report.notes)


def test_ten_thousand_rows_parse() -> None:
    """Every row of a large bank is read (its speed is bench/import_questions.py's to measure)."""
    rows = [["题型", "题干", "选项", "答案"]]
    rows += [["单选题", f"{i}.第{i}号题（ ）", f"A.甲{i} B.乙{i} C.丙{i}", "ABC"[i % 3]] for i in range(1, 10_001)]
    report = parse(xlsx(rows))
    assert report.imported == 10_000 and report.rows == 10_000
    assert report.questions[-1].draft.stem == "第10000号题（ ）"


def test_a_file_over_the_row_limit_is_refused_whole() -> None:
    report = parse(standard_bank(30), max_rows=20)
    assert report.imported == 0 and "超过单次导入上限20行" in report.file_errors[0].reason


def test_layout_detection_ignores_long_text_rows() -> None:
    assert detect_layout([["说明：题干列写题目内容，答案列写正确答案"]]) is None


def test_answers_written_in_the_stem_brackets() -> None:
    rows = [
        ["题型", "试题"],
        ["单选题", "瓦斯爆炸的浓度范围是（ B ）。\nA.1%–5%\nB.5%–16%"],
        ["多选题", "“一通三防”包括（A、B、D）\nA.通风 B.防瓦斯 C.防洪 D.防尘"],
        ["判断题", "入井可以携带烟火。（×）"],
        ["单选题", "焊接热导率高的材料(如铝、铜)时选（ ）\nA.氦气\nB.氮气"],
    ]
    report = parse(xlsx(rows))
    drafts = [q.draft for q in report.questions]
    assert [d.answer for d in drafts] == [("B",), ("A", "B", "D"), ("B",)]
    assert drafts[0].stem == "瓦斯爆炸的浓度范围是（ ）。" and len(drafts[1].options) == 4
    assert drafts[2].stem == "入井可以携带烟火。（ ）"
    assert [e.row for e in report.errors] == [5] and "缺少答案" in report.errors[0].reason


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (201 * 1024 * 1024))
    report = parse(buffer.getvalue())
    assert "压缩炸弹" in report.file_errors[0].reason


def test_a_word_document_renamed_to_xlsx() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    report = parse(buffer.getvalue())
    assert report.imported == 0 and report.file_errors and "无法读取" in report.file_errors[0].reason


def test_hazard_kinds_by_label_and_excel_booleans() -> None:
    rows = [
        ["题型", "题干", "选项", "答案"],
        ["事故类型辨识", "带式输送机卷人属于哪类事故", "A.机械伤害 B.物体打击", "A"],
        ["重大事故隐患判定", "主要通风机停止运转属于重大事故隐患", "", True],
        ["判断题", "可以空顶作业", "", False],
    ]
    report = parse(xlsx(rows))
    assert [(q.draft.type, q.draft.answer) for q in report.questions] == [
        ("hazard_accident_type", ("A",)),
        ("hazard_major", ("A",)),
        ("judge", ("B",)),
    ]


def test_options_on_rows_of_their_own_under_the_stem() -> None:
    rows = [
        ["题型", "题目", "答案"],
        ["单选题", "1.瓦斯爆炸的浓度范围是（ ）", "B"],
        [None, "A.1%–5%", None],
        [None, "B.5%–16%", None],
        ["判断题", "2.可以空顶作业", "错"],
    ]
    report = parse(xlsx(rows))
    assert report.rows == 2 and report.errors == []
    first = report.questions[0]
    assert first.row == 2 and first.draft.stem == "瓦斯爆炸的浓度范围是（ ）"
    assert [o.text for o in first.draft.options] == ["1%–5%", "5%–16%"]


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("单选题", "single"),
        ("单项选择题（每题1分）", "single"),
        ("三、多项选择题", "multi"),
        ("不定项", "multi"),
        ("【判断题】", "judge"),
        ("是非题", "judge"),
        ("填空", "blank"),
        ("multi", "multi"),
        ("作业顺序", "hazard_order"),
    ],
)
def test_type_labels(label: str, code: str) -> None:
    from quiz.bank.types import kind_for_label

    assert kind_for_label(label).code == code


def test_two_rows_whose_limits_differ_only_by_a_decimal_point_are_both_imported() -> None:
    header = ["题型", "题干", "选项", "答案"]
    stem = "巷道中行人侧的宽度不得小于（ ）。"
    rows = [header, ["单选题", stem, "A.1.5米 B.2.0米", "A"], ["单选题", stem, "A.15米 B.20米", "B"],
            ["判断题", "甲烷浓度达到1.0%时必须停止作业。", "", "对"], ["判断题", "甲烷浓度达到10%时必须停止作业。", "", "对"],
            ["单选题", stem, "A.1．5米 B.2.0 米", "A"]]
    report = parse_files([("x.csv", csv_bytes(rows))])
    assert [q.row for q in report.questions] == [2, 3, 4, 5]
    assert [(d.row, d.reason) for d in report.duplicates] == [(6, "与第2行重复")]
