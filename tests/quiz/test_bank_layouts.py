"""Banks in layouts the importer was not built against, each written here by the test itself.

One test per layout class met in the wild (issue 14): English snake_case headers with notes
sheets, a web export with JSON options and coded types, a bank pasted from Word without a
header, an old bank with 填空 keys in the option column, one sheet per subject, and headers
the importer only half understands (which must be reported, never dropped).
"""

from __future__ import annotations

import json

import pytest

from quiz.bank.importer import parse_files
from quiz.bank.layout import detect_layout, field_of, option_letter
from quiz.bank.types import JUDGE_OPTIONS, Option
from tests.quiz.banks import csv_bytes, xlsx


def parse(data: bytes, name: str = "bank.xlsx"):
    return parse_files([(name, data)])


def drafts(report) -> list:
    return [q.draft for q in report.questions]


def test_english_snake_case_bank_with_notes_sheets() -> None:
    header = ["id", "question_type", "stem", "option_a", "option_b", "option_c", "option_d", "option_e", "option_f",
              "correct_answer", "explanation", "difficulty", "category"]
    rows = [
        header,
        [1, "single", "Coal dust is explosive when it is (  )", "dry and fine", "wet", "coarse", "", "", "", "A",
         "", 2, "一通三防"],
        [2, "multiple", "井下防尘措施包括（ ）", "洒水", "喷雾", "通风", "吸烟", "湿式打眼", "", "A,C,E", "", 3, "防尘"],
        [3, "judge", "入井人员必须随身携带自救器", "", "", "", "", "", "", "true", "", 1, "入井"],
        [4, "judge", "可以在井下拆卸矿灯", "", "", "", "", "", "", "false", "", 1, "入井"],
        [5, "multiple", "下列属于瓦斯爆炸条件的是（ ）", "浓度5%–16%", "引火源", "氧浓度≥12%", "粉尘", "", "",
         "A, B, C", "三个条件同时具备", "", "瓦斯"],
    ]
    notes = {"README": [["This bank was converted from the competition system."], ["Do not edit ids."]],
             "统计": [["题型", "数量"], ["single", 1], ["multiple", 2], ["judge", 2]]}
    data = xlsx(rows, extra_sheets=notes)
    report = parse(data)
    assert report.errors == [] and report.imported == 5
    assert [d.type for d in drafts(report)] == ["single", "multi", "judge", "judge", "multi"]
    assert [d.answer for d in drafts(report)] == [("A",), ("A", "C", "E"), ("A",), ("B",), ("A", "B", "C")]
    assert len(drafts(report)[1].options) == 5 and drafts(report)[2].options == JUDGE_OPTIONS
    assert drafts(report)[4].explanation == "三个条件同时具备"
    assert (drafts(report)[0].difficulty, drafts(report)[0].category) == (2, ("一通三防",))
    # The notes sheets are named once each, never row by row.
    assert report.rows == 5
    assert sum("README" in n for n in report.notes) == 1 and sum("统计" in n for n in report.notes) == 1


@pytest.mark.parametrize(
    "header",
    [
        ["questionType", "questionContent", "options", "questionAnswer", "analysis", "difficulty", "category"],
        ["QuestionType", "Question", "Choices", "CorrectAnswer", "Explanation", "Level", "Subject"],
        ["type", "title", "option_list", "answer", "analysis", "difficulty", "tag"],
        ["tixing", "tigan", "xuanxiang", "daan", "jiexi", "nandu", "fenlei"],
        ["题型", "题目", "选项", "答案", "解析", "难度", "分类"],
    ],
)
def test_headers_in_english_camel_case_and_pinyin(header: list[str]) -> None:
    rows = [header, ["单选题", "瓦斯爆炸下限是（ ）", "A.5% B.16%", "A", "见规程", "易", "一通三防"]]
    report = parse(xlsx(rows))
    assert report.errors == [] and report.imported == 1
    draft = report.questions[0].draft
    assert draft.options == (Option("A", "5%"), Option("B", "16%"))
    assert (draft.explanation, draft.category, draft.difficulty) == ("见规程", ("一通三防",), 1)


def test_header_cells_by_meaning() -> None:
    assert [option_letter(c) for c in ["option_a", "optionB", "A项", "选项C", "D选项", "Option 5", "选项D（必填）"]] == [
        "A", "B", "A", "C", "D", "E", "D"]
    assert [field_of(c) for c in ["question_type", "questionAnswer", "correct_answer", "Explanation"]] == [
        "type", "answer", "answer", "explanation"]
    assert field_of("questionId") == "number"  # a Latin name never matches as a prefix ("question…")


def test_web_export_with_json_options_coded_types_and_one_two_judge_keys() -> None:
    def opts(*texts: str) -> str:
        return json.dumps([{"optionContent": t} for t in texts], ensure_ascii=False)

    header = ["id", "questionType", "questionContent", "options", "questionAnswer", "analysis"]
    rows = [
        header,
        [11, 1, "局部通风机应由（ ）负责管理", opts("指定人员", "任何人", "瓦检员"), "A", ""],
        [12, 2, "下列属于“一通三防”的是（ ）", opts("通风", "防瓦斯", "防尘", "防洪"), "A,B,C", ""],
        [13, 2, "入井前必须检查的是（ ）", opts("矿灯", "自救器", "手机"), "B", "多选题也可只有一个答案"],
        [14, 3, "井下可以用明火取暖", opts("正确", "错误"), "2", ""],
        [15, 3, "入井必须佩戴安全帽", "", "1", ""],
        [16, "", "掘进工作面必须采用（ ）通风", json.dumps(["压入式", "抽出式", "自然"], ensure_ascii=False), "A",
         ""],
        [17, "", "采煤工作面必须配备的是（ ）", json.dumps(["支架", "风筒", "瓦斯便携仪"], ensure_ascii=False), "AC",
         ""],
        [18, 1, "瓦斯检查工必须携带（ ）", opts("光学瓦斯检定器", "手机", "扑克"), "A", ""],
        [19, 3, "发现瓦斯超限可以继续作业", "", "2", ""],
    ]
    report = parse(xlsx(rows))
    assert report.errors == [] and report.imported == 9
    got = [(d.type, d.answer) for d in drafts(report)]
    assert got == [
        ("single", ("A",)), ("multi", ("A", "B", "C")), ("multi", ("B",)), ("judge", ("B",)), ("judge", ("A",)),
        ("single", ("A",)), ("multi", ("A", "C")), ("single", ("A",)), ("judge", ("B",)),
    ]
    assert [o.text for o in drafts(report)[0].options] == ["指定人员", "任何人", "瓦检员"]


def test_a_bank_pasted_from_word_into_two_columns_without_a_header() -> None:
    rows = [
        ["青山煤矿2024年安全培训试题", None],
        ["一、单选题", None],
        ["1、井下发现火灾时，应首先（ B ）", None],
        ["(A)逃跑  (B)报告调度并组织灭火", None],
        ["(C)观望  (D)继续作业", None],
        ["2、矿井瓦斯爆炸的浓度范围是（ C ）", None],
        ["(A)1%–5%  (B)3%–8%", None],
        ["(c)5%–16%  （D)16%以上", None],  # mistyped markers, as people type them
        ["二、多选题", None],
        ["3、下列属于“一通三防”内容的有（AC）", None],
        ["(A)通风  (B)防洪  (C)防瓦斯  (D)防雷", None],
        ["4、自救器的种类有（ABD）", None],
        ["(A)过滤式  (B)化学氧  (C)纸质", None],
        ["(D)压缩氧", None],
        ["三、判断题(正确)", None],
        ["5、入井人员必须随身携带自救器。", None],
        ["6、井下作业必须佩戴矿灯。", None],
        ["四、判断题(错误)", None],
        ["7、可以在井下拆卸矿灯。", None],
        ["五、判断题", None],
        ["8、瓦斯是无色无味的气体。", "T"],
        ["9、井下可以吸烟。", "F"],
    ]
    report = parse(xlsx(rows))
    assert report.errors == [] and report.imported == 9 and report.rows == 9
    got = [(d.type, d.answer) for d in drafts(report)]
    assert got == [
        ("single", ("B",)), ("single", ("C",)), ("multi", ("A", "C")), ("multi", ("A", "B", "D")),
        ("judge", ("A",)), ("judge", ("A",)), ("judge", ("B",)), ("judge", ("A",)), ("judge", ("B",)),
    ]
    first, second, fourth = drafts(report)[0], drafts(report)[1], drafts(report)[3]
    assert first.stem == "井下发现火灾时，应首先（ ）"
    assert [o.text for o in first.options] == ["逃跑", "报告调度并组织灭火", "观望", "继续作业"]
    assert [o.text for o in second.options][2:] == ["5%–16%", "16%以上"]
    assert [o.key for o in fourth.options] == ["A", "B", "C", "D"]
    assert report.questions[0].row == 3
    assert "无表头" in next(iter(report.layouts.values()))


def test_old_bank_with_blank_and_short_answer_rows_keyed_in_the_first_option_column() -> None:
    header = ["序号", "题型", "试题内容", "A", "B", "C", "D", "答案"]
    rows = [
        header,
        [1, "单选", "煤矿安全生产方针是安全第一、（ ）、综合治理", "预防为主", "效益优先", "速度第一", "", "A"],
        [2, "填空", "矿井必须有（ ）个能行人的安全出口", "两", "", "", "", ""],
        [3, "填空题", "“一通三防”指通风和防（ ）、防（ ）、防尘", "瓦斯；火", "", "", "", ""],
        [4, "简答", "简述瓦斯爆炸的条件", "浓度、引火源、氧气", "", "", "", ""],
        [5, "多选", "下列属于违章的有（ ）", "酒后入井", "带烟火入井", "戴安全帽", "脱岗", "ABD"],
    ]
    report = parse(xlsx(rows))
    assert report.imported == 4
    blanks = [d for d in drafts(report) if d.type == "blank"]
    assert [(d.answer, d.options) for d in blanks] == [(("两",), ()), (("瓦斯", "火"), ())]
    assert [e.row for e in report.errors] == [5] and "人工评分" in report.errors[0].reason


def test_one_sheet_per_subject_without_a_type_column() -> None:
    header = ["题目", "选项A", "选项B", "选项C", "选项D", "答案"]
    ventilation = [header, ["局部通风机停止运转时应（ ）", "撤人", "继续作业", "观望", "", "A"],
                   ["通风设施包括（ ）", "风门", "风桥", "密闭", "水泵", "ABC"]]
    roof = [header, ["敲帮问顶的目的是（ ）", "检查顶板", "休息", "", "", "A"],
            ["顶板事故的预兆有（ ）", "掉渣", "片帮", "煤壁发响", "", "A B C"]]
    report = parse(xlsx(ventilation, extra_sheets={"顶板": roof}))
    assert report.errors == [] and report.imported == 4
    assert [d.type for d in drafts(report)] == ["single", "multi", "single", "multi"]
    assert [d.category for d in drafts(report)][2:] == [("顶板",), ("顶板",)]
    assert drafts(report)[0].category == ()  # "Sheet1" names no subject


def test_a_fourth_option_column_with_a_variant_header_is_read_and_reported() -> None:
    header = ["题型", "题干", "选项A", "选项B", "选项C", "选项（备用）", "答案"]
    rows = [header, ["单选题", "井下（ ）吸烟", "可以", "少量", "偶尔", "严禁", "D"],
            ["单选题", "入井前（ ）喝酒", "可以", "严禁", "少量", "", "B"]]
    report = parse(xlsx(rows))
    assert report.errors == [] and report.imported == 2
    assert [o.text for o in drafts(report)[0].options] == ["可以", "少量", "偶尔", "严禁"]
    assert any("选项（备用）" in n and "选项D" in n for n in report.notes)


def test_a_half_understood_column_is_reported_never_dropped_silently() -> None:
    header = ["题型", "题干", "选项", "答案", "答案（旧版）", "type2"]
    rows = [header, ["单选题", "井下（ ）吸烟", "A.严禁 B.可以", "A", "B", "x"]]
    report = parse(xlsx(rows))
    assert report.imported == 1
    assert any("答案（旧版）" in n and "无法识别" in n for n in report.notes)
    assert any("type2" in n for n in report.notes)
    assert detect_layout(rows).unread == ("答案（旧版）", "type2")


def test_no_header_names_the_columns_seen_and_what_was_expected() -> None:
    report = parse(xlsx([["编号", "名称", "备注"], ["1", "甲", ""], ["2", "乙", ""]]))
    reason = report.file_errors[0].reason
    assert "“编号”、“名称”、“备注”" in reason and "题干" in reason and "stem" in reason


def test_csv_with_english_headers_and_true_false_marks() -> None:
    rows = [["Question", "Options", "Answer", "Type"],
            ["入井必须携带自救器", "", "√", ""], ["井下可以吸烟", "", "×", "TF"],
            ["瓦斯的主要成分是（ ）", "甲烷|乙烷|丙烷", "A", "single_choice"]]
    report = parse(csv_bytes(rows), name="bank.csv")
    assert report.errors == [] and [(d.type, d.answer) for d in drafts(report)] == [
        ("judge", ("A",)), ("judge", ("B",)), ("single", ("A",))]


def test_headerless_stems_with_options_beside_them_and_unnumbered_keyed_stems() -> None:
    beside = [["1.井下（ ）吸烟", "A.严禁 B.可以", "A"], ["2.入井必须（ ）", "A.带手机 B.带自救器", "B"],
              ["3.瓦斯的性质有（ ）", "A.可燃 B.无色 C.有色", "AB"]]
    report = parse(xlsx(beside))
    assert report.errors == [] and [(d.type, d.answer) for d in drafts(report)] == [
        ("single", ("A",)), ("single", ("B",)), ("multi", ("A", "B"))]
    keyed = [["一、单选题"], ["井下（A）吸烟"], ["A.严禁 B.可以"], ["入井必须（B）"], ["A.带手机 B.带自救器"],
             ["瓦斯主要成分是（A）"], ["A.甲烷 B.乙烷"]]
    report = parse(xlsx(keyed))
    assert report.errors == [] and [d.answer for d in drafts(report)] == [("A",), ("B",), ("A",)]
    assert drafts(report)[0].stem == "井下（ ）吸烟" and drafts(report)[0].options == (Option("A", "严禁"),
                                                                                     Option("B", "可以"))


def test_json_options_that_flag_the_right_one_and_untyped_rows_keyed_one_two() -> None:
    def flagged(*texts: str) -> str:
        return json.dumps([{"content": t, "isRight": i == 0} for i, t in enumerate(texts)], ensure_ascii=False)

    rows = [["questionContent", "options", "questionAnswer"],
            ["瓦斯的主要成分是（ ）", flagged("甲烷", "乙烷"), ""],
            ["井下可以吸烟", "", "2"],
            ["入井必须携带自救器", "", "1"],
            ["矿井至少有（ ）个安全出口", "", "2"]]  # a blank inside the stem: a 填空 keyed 2, not false
    report = parse(xlsx(rows))
    assert report.errors == [] and [(d.type, d.answer) for d in drafts(report)] == [
        ("single", ("A",)), ("judge", ("B",)), ("judge", ("A",)), ("blank", ("2",))]
    assert report.to_dict()["columns"] == {"bank.xlsx": "题干、选项、答案"}


def test_a_numbered_notes_sheet_is_not_taken_for_a_headerless_bank() -> None:
    notes = [["填写说明"], ["1、题型列填写单选题、多选题或判断题。"], ["2、答案列填写选项字母。"],
             ["3、每道题占一行，不要合并单元格。"], ["一、单选题"]]
    report = parse(xlsx([["题型", "题干", "答案"], ["判断题", "井下可以吸烟", "错"]], extra_sheets={"说明": notes}))
    assert report.imported == report.rows == 1 and report.errors == []
    assert [n for n in report.notes if "说明" in n] == [
        "bank.xlsx：工作表“说明”没有题目（没有可识别的表头，也不像按题号排列的题目），已跳过。"]


@pytest.mark.parametrize(
    ("label", "code"),
    [("Single Choice", "single"), ("Multiple Response", "multi"), ("True/False", "judge"), ("judge", "judge"),
     ("Fill in the blank", "blank"), ("multiple", "multi"), ("danxuan", "single")],
)
def test_english_and_pinyin_type_labels(label: str, code: str) -> None:
    from quiz.bank.types import kind_for_label

    assert kind_for_label(label).code == code


def test_the_preview_page_names_the_columns_it_read_and_the_one_it_could_not(client, login) -> None:
    from tests.quiz.test_views import upload

    login("unit_trainer")
    rows = [["question_type", "stem", "option_a", "option_b", "correct_answer", "answer_old"],
            ["single", "井下（ ）吸烟", "严禁", "可以", "A", "B"]]
    page = client.get(upload(client, xlsx(rows), "bank.xlsx").headers["Location"]).get_data(as_text=True)
    assert '可导入：<strong id="count-imported">1</strong>' in page
    assert "识别到的列（bank.xlsx）：题型（question_type）、题干（stem）、选项A–B、答案（correct_answer）；未使用的列：answer_old" in page
    assert "列“answer_old”看起来是选项、答案或题型列，但无法识别" in page


def test_sheets_named_for_a_kind_and_bilingual_headers() -> None:
    header = ["Question/题目", "Options（选项）", "Answer 答案"]
    judge = [header, ["入井必须携带自救器", "", "对"], ["井下可以吸烟", "", "错"]]
    multi = [header, ["井下防尘措施包括（ ）", "A.洒水 B.喷雾 C.吸烟", "A"], ["通风设施有（ ）", "A.风门 B.风桥", "AB"]]
    report = parse(xlsx([header, ["瓦斯的主要成分是（ ）", "A.甲烷 B.乙烷", "A"]],
                        extra_sheets={"判断题": judge, "多选题": multi}))
    assert report.errors == [] and [d.type for d in drafts(report)] == ["single", "judge", "judge", "multi", "multi"]
    assert all(d.category == () for d in drafts(report))  # a kind or "Sheet1" is not a subject


def test_headerless_options_spread_over_columns_lose_their_markers() -> None:
    rows = [["1.井下（ ）吸烟", "A.严禁", "B.可以", "", "A"],
            ["2.入井必须（ ）", "A.带手机", "B.带自救器", "C.带烟", "B"],
            ["3.瓦斯的性质有（ ）", "(A)可燃", "(B)无色", "(C)有色", "AB"]]
    report = parse(xlsx(rows))
    assert report.errors == [] and report.layouts == {"bank.xlsx": "无表头，按内容识别、题干、选项A–C、答案"}
    assert [[o.text for o in d.options] for d in drafts(report)] == [
        ["严禁", "可以"], ["带手机", "带自救器", "带烟"], ["可燃", "无色", "有色"]]
    assert [d.answer for d in drafts(report)] == [("A",), ("B",), ("A", "B")]


def test_an_option_text_that_starts_with_its_own_letter_is_kept() -> None:
    rows = [["题干", "A", "B", "C", "答案"], ["锅炉制造许可级别分为（ ）", "A、B级", "A、B、C级", "A、B、C、D级", "B"]]
    assert [o.text for o in drafts(parse(xlsx(rows)))[0].options] == ["A、B级", "A、B、C级", "A、B、C、D级"]


def test_choice_answers_written_in_digits_mean_the_first_second_option_and_judge_keys_stay() -> None:
    header = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案"]
    rows = [
        header,
        ["单选题", "局部通风机应由谁管理（ ）", "专人", "任何人", "班组长", "电工", "1"],
        ["多选题", "入井必须携带（ ）", "自救器", "矿灯", "香烟", "定位卡", "1,2,4"],
        ["", "井下电气设备检修前必须（ ）", "停电", "带电作业", "不验电", "不挂牌", "1"],
        ["", "“一通三防”包括（ ）", "通风", "防瓦斯", "防洪", "防尘", "124"],
        ["单选题", "采煤工作面至少有几个安全出口（ ）", "1", "2", "3", "4", "2"],
        ["单选题", "两个选项的单选（ ）", "正压通风", "负压通风", "", "", "2"],
        ["判断题", "可以空顶作业", "", "", "", "", "2"],
        ["", "入井前必须检查矿灯", "", "", "", "", "1"],
        ["单选题", "答案超出选项（ ）", "甲", "乙", "丙", "丁", "5"],
    ]
    report = parse(xlsx(rows))
    got = [(q.draft.type, q.draft.answer) for q in report.questions]
    assert got == [
        ("single", ("A",)),
        ("multi", ("A", "B", "D")),
        ("single", ("A",)),  # no type: a digit key among four options is a choice, not "true"
        ("multi", ("A", "B", "D")),
        ("single", ("B",)),  # the option whose text is "2" (also the second)
        ("single", ("B",)),
        ("judge", ("B",)),
        ("judge", ("A",)),
    ]
    assert [(e.row, "不是选项字母" in e.reason) for e in report.errors] == [(10, True)]


def test_a_digit_answer_that_is_one_options_text_keeps_meaning_that_option() -> None:
    rows = [
        ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案"],
        ["单选题", "瓦斯检查每班至少几次（ ）", "2", "3", "4", "5", "3"],
    ]
    [question] = parse(xlsx(rows)).questions
    assert question.draft.answer == ("B",)


@pytest.mark.parametrize("header", ["所属专业", "专业", "分类", "类别", "题目分类", "知识点", "所属类别", "专业类别"])
def test_a_category_column_a_mine_would_write_sets_the_category(header: str) -> None:
    rows = [["序号", "题目类型", "试题内容", "选项A", "选项B", "标准答案", header, "备注"],
            ["1", "单选", "井下（ ）吸烟", "严禁", "可以", "A", "入井管理", "旧题"]]
    report = parse(xlsx(rows))
    assert report.errors == [] and [d.category for d in drafts(report)] == [("入井管理",)]
    use = report.to_dict()["column_use"]["bank.xlsx"]
    assert {"column": header, "field": "分类"} in use["recognised"]
    assert {"column": "试题内容", "field": "题干"} in use["recognised"]
    assert use["ignored"] == ["序号", "备注"]
    shown = "分类" if header == "分类" else f"分类（{header}）"
    assert use["described"] == f"题型（题目类型）、题干（试题内容）、选项A–B、答案（标准答案）、{shown}"


def test_statuses_the_import_will_store() -> None:
    rows = [["题型", "题干", "答案", "状态"], ["判断题", "甲", "对", "已审核"], ["判断题", "乙", "错", ""],
            ["判断题", "丙", "错", "草稿"]]
    assert parse(xlsx(rows)).to_dict()["by_status"] == {"draft": 2, "approved": 1}
