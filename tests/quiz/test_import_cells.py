"""A bank's cells read as the trainer sees them in Excel: percent and date cells, Excel errors."""

from __future__ import annotations

import datetime
import io

from openpyxl import Workbook

from quiz.bank.importer import parse_files


def _bank() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["题型", "题目", "选项A", "选项B", "选项C", "选项D", "答案"])
    sheet.append(["单选题", "甲烷浓度超过（ ）时必须查明原因。", 0.005, 0.0075, 0.01, 0.015, "B"])
    sheet.append(["填空题", "爆破地点20m内甲烷浓度达到（ ）时严禁爆破。", None, None, None, None, 0.01])
    sheet.append(["单选题", "封泥长度不得小于炮孔深度的（ ）。", *(datetime.datetime(2026, m, d) for m, d in
                                                        [(1, 2), (1, 3), (2, 3), (1, 4)]), "A"])
    sheet.append(["填空题", "反风演习每年（ ）次。", None, None, None, None, "#N/A"])
    for cell in sheet[2][2:6]:
        cell.number_format = "0.00%"
    sheet["G3"].number_format = "0.0%"
    for cell in sheet[4][2:6]:
        cell.number_format = "m/d"
    sheet["G5"].data_type = "e"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_percent_and_date_cells_import_as_shown_and_an_excel_error_is_a_row_error() -> None:
    report = parse_files([("通风.xlsx", _bank())])
    by_row = {q.row: q.draft for q in report.questions}
    assert [o.text for o in by_row[2].options] == ["0.50%", "0.75%", "1.00%", "1.50%"]
    assert by_row[3].answer == ("1.0%",)
    assert [o.text for o in by_row[4].options] == ["1/2", "1/3", "2/3", "1/4"]
    assert [(e.row, e.reason.split("（")[0]) for e in report.errors] == [(5, "“答案”列是 Excel 错误值 #N/A")]
    assert 5 not in by_row
