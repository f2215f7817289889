"""Rows the trainer must check: a re-import whose answer differs from the bank's, two rows of one
file with different answers; and where the command-line report says they are."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from quiz.bank.cli import compact_rows
from quiz.bank.importer import parse_files
from quiz.bank.models import Question
from quiz.bank.types import Option, StoredQuestion
from tests.quiz.banks import csv_bytes, upload, xlsx

HEADER = ["题型", "题干", "选项", "答案"]
FAN = ["单选题", "主要通风机应当安装（ ）套同等能力的通风机。", "A.一 B.两 C.三 D.四"]
LAMP = ["判断题", "井下严禁使用灯泡取暖。", "", ""]


def test_a_duplicate_of_a_stored_question_with_another_answer_is_a_warning() -> None:
    first = parse_files([("a.csv", csv_bytes([HEADER, [*FAN, "B"]]))])
    key = first.questions[0].draft.content_key
    report = parse_files([("b.csv", csv_bytes([HEADER, [*FAN, "A"]], encoding="gbk"))],
                         existing={key: StoredQuestion(3049, "single", ("B",))})
    expected = "题库中已有此题（第3049题），答案不同（题库 B，本行 A），请核对；未导入本行，如需改答案，请在题库中修改第3049题"
    assert [(d.row, d.reason) for d in report.duplicates] == [(2, expected)]
    assert [(w.row, w.reason) for w in report.warnings] == [(2, expected)]
    assert report.to_dict()["warnings"] == [{"file": "b.csv", "row": 2, "reason": expected}]
    same = parse_files([("c.csv", csv_bytes([HEADER, [*FAN, "B"]]))],
                       existing={key: StoredQuestion(3049, "single", ("B",))})
    assert [d.reason for d in same.duplicates] == ["与题库第3049题重复"] and same.warnings == []


def test_compact_rows() -> None:
    assert compact_rows([12, 2, 5, 6, 7, 7]) == "2、5–7、12"


def _cli(runner, path: Path, *extra: str):
    return runner.invoke(args=["import-questions", str(path), "--no-suggest", *extra])


def test_cli_report_names_changed_answers_duplicates_conflicts_and_sheets(db_session, runner, tmp_path: Path) -> None:
    first = tmp_path / "题库.xlsx"
    first.write_bytes(xlsx([HEADER, [*FAN, "B"], [*LAMP[:3], "对"]]))
    assert _cli(runner, first).exit_code == 0
    fan_id, lamp_id = db_session.scalars(select(Question.id).order_by(Question.id)).all()

    again = tmp_path / "题库改答案.xlsx"
    again.write_bytes(xlsx([HEADER, [*FAN, "C"], [*LAMP[:3], "错"]]))
    text = _cli(runner, again).output
    assert f"题库中已有此题（第{fan_id}题），答案不同（题库 B，本行 C），请核对" in text
    assert "答案不同（题库 正确，本行 错误）" in text and f"在题库中修改第{lamp_id}题" in text
    assert "题库改答案.xlsx 重复的行（与题库或前面的行相同，未重复导入）：第2–3行" in text
    data = json.loads(_cli(runner, again, "--dry-run", "--json").stdout)
    assert [(w["row"], f"第{fan_id}题" in w["reason"]) for w in data["warnings"]] == [(2, True), (3, False)]

    two_sheets = tmp_path / "两页.xlsx"
    single = [HEADER, ["单选题", "新的一题（ ）。", "A.甲 B.乙", "A"], ["单选题", "新的一题（ ）。", "A.甲 B.乙", "B"],
              ["单选题", "没有答案的一题（ ）。", "A.甲 B.乙", ""]]
    two_sheets.write_bytes(xlsx(single, extra_sheets={"判断题": [HEADER, [*LAMP[:3], "对"]]}))
    text = _cli(runner, two_sheets, "--dry-run").output
    assert "两页.xlsx Sheet1 第4行：缺少答案" in text
    assert "两页.xlsx Sheet1 第3行：与第2行重复（两处答案不同，请核对）" in text
    assert "两页.xlsx 判断题 重复的行（与题库或前面的行相同，未重复导入）：第2行" in text


def test_a_multi_with_one_answer_is_imported_with_a_warning() -> None:
    rows = [HEADER, ["多选题", "下列属于矿井通风设施的有（ ）。", "A.风门 B.绞车 C.水泵 D.刮板机", "A"],
            ["多选题", "下列属于个体防护用品的有（ ）。", "A.安全帽 B.自救器 C.皮带机 D.绞车", "AB"]]
    report = parse_files([("b15.xlsx", xlsx(rows))])
    assert [(q.row, q.draft.type, q.draft.answer) for q in report.questions] == [(2, "multi", ("A",)),
                                                                             (3, "multi", ("A", "B"))]
    assert [(w.row, w.reason) for w in report.warnings] == [(2, "多选题只有一个答案，请核对（答案 A，已照常导入）")]


def test_the_preview_lists_rows_to_check(client, login) -> None:
    rows = [HEADER, ["多选题", "下列属于矿井通风设施的有（ ）。", "A.风门 B.绞车 C.水泵 D.刮板机", "A"],
            [*FAN, "B"], [*FAN, "C"]]
    login("unit_trainer")
    response = upload(client, xlsx(rows), "核对.xlsx")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "请核对的行（2 行）" in page
    assert "多选题只有一个答案，请核对（答案 A，已照常导入）" in page
    assert "与第3行重复（两处答案不同，请核对）" in page


# The bank holds FAN with 两 (its B) as the answer; a re-import lists the same options in another order.
FAN_REORDERED = ["单选题", FAN[1], "A.两 B.一 C.三 D.四"]


def _fan_in_bank() -> dict[str, StoredQuestion]:
    key = parse_files([("a.csv", csv_bytes([HEADER, [*FAN, "B"]]))]).questions[0].draft.content_key
    options = tuple(Option(k, t) for k, t in zip("ABCD", "一两三四", strict=True))
    return {key: StoredQuestion(7, "single", ("B",), options)}


def test_a_reimport_with_reordered_options_compares_the_answer_by_option_text() -> None:
    same = parse_files([("c.csv", csv_bytes([HEADER, [*FAN_REORDERED, "A"]]))], existing=_fan_in_bank())
    assert [d.reason for d in same.duplicates] == ["与题库第7题重复"] and same.warnings == []

    changed = parse_files([("b.csv", csv_bytes([HEADER, [*FAN_REORDERED, "B"]]))], existing=_fan_in_bank())
    expected = ("题库中已有此题（第7题），答案不同（题库 B“两”，本行 A“一”，本行选项顺序与题库不同、写作 B），请核对；"
                "未导入本行，如需改答案，请在题库中修改第7题")
    assert [d.reason for d in changed.duplicates] == [expected]
    assert [w.reason for w in changed.warnings] == [expected]


def test_a_reimported_multi_compares_its_answer_by_option_text() -> None:
    stem = "下列属于矿井通风设施的有（ ）。"
    key = parse_files([("a.csv", csv_bytes([HEADER, ["多选题", stem, "A.风门 B.风桥 C.水泵", "AB"]]))]
                      ).questions[0].draft.content_key
    bank = {key: StoredQuestion(9, "multi", ("A", "B"), (Option("A", "风门"), Option("B", "风桥"), Option("C", "水泵")))}
    same = parse_files([("b.csv", csv_bytes([HEADER, ["多选题", stem, "A.水泵 B.风门 C.风桥", "BC"]]))], existing=bank)
    assert same.warnings == []
    changed = parse_files([("c.csv", csv_bytes([HEADER, ["多选题", stem, "A.水泵 B.风门 C.风桥", "AB"]]))], existing=bank)
    assert [w.reason.split("，请核对")[0] for w in changed.warnings] == [
        "题库中已有此题（第9题），答案不同（题库 A“风门”、B“风桥”，本行 A“风门”、C“水泵”，本行选项顺序与题库不同、写作 AB）"]


def test_a_reimport_in_the_banks_order_still_names_letters_and_judge_and_blank_answers_as_before() -> None:
    changed = parse_files([("b.csv", csv_bytes([HEADER, [*FAN, "C"]]))], existing=_fan_in_bank())
    assert [w.reason.split("，请核对")[0] for w in changed.warnings] == ["题库中已有此题（第7题），答案不同（题库 B，本行 C）"]
    lamp = parse_files([("a.csv", csv_bytes([HEADER, [*LAMP[:3], "对"]]))]).questions[0].draft
    bank = {lamp.content_key: StoredQuestion(4, "judge", ("A",), (Option("A", "正确"), Option("B", "错误")))}
    assert parse_files([("b.csv", csv_bytes([HEADER, [*LAMP[:3], "对"]]))], existing=bank).warnings == []
    wrong = parse_files([("b.csv", csv_bytes([HEADER, [*LAMP[:3], "错"]]))], existing=bank)
    assert ["答案不同（题库 正确，本行 错误）" in w.reason for w in wrong.warnings] == [True]
    blank = ["填空题", "井下空气中氧气浓度不得低于（ ）。", "", "20%"]
    key = parse_files([("a.csv", csv_bytes([HEADER, blank]))]).questions[0].draft.content_key
    bank = {key: StoredQuestion(5, "blank", ("20%",))}
    assert parse_files([("b.csv", csv_bytes([HEADER, blank]))], existing=bank).warnings == []
    other = parse_files([("b.csv", csv_bytes([HEADER, [*blank[:3], "21%"]]))], existing=bank)
    assert ["答案不同（题库 20%，本行 21%）" in w.reason for w in other.warnings] == [True]


def test_two_rows_of_one_import_with_reordered_options_compare_their_answers_by_option_text() -> None:
    same = parse_files([("d.csv", csv_bytes([HEADER, [*FAN, "B"], [*FAN_REORDERED, "A"]]))])
    assert [d.reason for d in same.duplicates] == ["与第2行重复"] and same.warnings == []
    changed = parse_files([("d.csv", csv_bytes([HEADER, [*FAN, "B"], [*FAN_REORDERED, "B"]]))])
    assert [d.reason for d in changed.duplicates] == ["与第2行重复（两处答案不同，请核对）"]


def test_the_bank_keys_carry_the_stored_options_for_a_reimport_in_another_order(db_session) -> None:
    from quiz.bank import imports, service

    imports.save_import(parse_files([("a.csv", csv_bytes([HEADER, [*FAN, "B"]]))]))
    db_session.commit()
    [stored] = service.existing_keys().values()
    assert [o.text for o in stored.options] == ["一", "两", "三", "四"]
    again = parse_files([("b.csv", csv_bytes([HEADER, [*FAN_REORDERED, "A"]]))], existing=service.existing_keys())
    assert len(again.duplicates) == 1 and again.warnings == []
