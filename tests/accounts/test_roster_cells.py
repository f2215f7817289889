"""A roster's cells through the shared table reader: an Excel error is a row error, a date keeps its year."""

from __future__ import annotations

import datetime

from openpyxl import Workbook

from accounts.roster import read_roster


def test_an_excel_error_is_a_row_error_and_a_date_shown_without_its_year_keeps_it(tmp_path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["工号", "姓名", "班组", "上岗日期"])
    sheet.append(["1001", "张三", "综采一班", datetime.datetime(2024, 3, 1)])
    sheet.append(["1002", "#N/A", "综采一班", None])
    sheet["D2"].number_format = "m/d"
    sheet["B3"].data_type = "e"
    path = tmp_path / "花名册.xlsx"
    book.save(path)
    people, errors = read_roster(path)
    assert [(p.username, p.started_on) for p in people] == [("1001", datetime.date(2024, 3, 1))]
    assert [(row, reason.split("（")[0]) for row, reason in errors] == [(3, "“姓名”列是 Excel 错误值 #N/A")]
