"""core.sheets reads cells as Excel shows them, keeps Excel errors out of the data, and reads
CSV with standard (RFC 4180) quoting whatever the encoding."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from core.sheets import date_text, number_text, read_sheets


def _book(cells: list[tuple[object, str]], tmp_path: Path) -> Path:
    """A one-row .xlsx whose cells hold `value` in number format `fmt`."""
    book = Workbook()
    sheet = book.active
    for col, (value, fmt) in enumerate(cells, start=1):
        cell = sheet.cell(row=1, column=col, value=value)
        cell.number_format = fmt
    path = tmp_path / "cells.xlsx"
    book.save(path)
    return path


def test_percent_cells_read_as_shown_with_the_formats_decimals(tmp_path: Path) -> None:
    path = _book([(0.2, "0%"), (0.0075, "0.00%"), (0.01, "0.0%"), (0.05, "0%"), (0.015, "0.00%")], tmp_path)
    assert read_sheets(path)[0].rows == [["20%", "0.75%", "1.0%", "5%", "1.50%"]]


def test_date_cells_read_as_their_format_shows_them(tmp_path: Path) -> None:
    day = datetime.datetime(2026, 1, 2)
    path = _book([(day, "m/d"), (day, "yyyy-mm-dd"), (day, 'yyyy"年"m"月"d"日"'), (day, "mm-dd-yy"),
                  (datetime.datetime(2026, 1, 2, 8, 5), "h:mm")], tmp_path)
    sheet = read_sheets(path)[0]
    assert sheet.rows == [["1/2", "2026-01-02", "2026年1月2日", "2026-01-02", "8:05"]]
    assert sheet.dates[(0, 0)] == "2026-01-02"  # the year is still there for a reader that needs it


def test_general_numbers_have_no_float_noise_and_integers_no_point(tmp_path: Path) -> None:
    path = _book([(26.0, "General"), (0.1 + 0.2, "General"), (1.5, "General"), (36, "General"), (2.5, "0.00")],
                 tmp_path)
    assert read_sheets(path)[0].rows == [["26", "0.3", "1.5", "36", "2.50"]]


def test_excel_error_cells_are_not_data(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["题干", "答案", "备注"])
    sheet.append(["反风演习每年（ ）次。", "#N/A", "#DIV/0!"])
    sheet["B2"].data_type = "e"
    sheet["C2"].data_type = "e"
    sheet.append(["写着 #N/A 的文字", "#REF! 是文字", ""])  # text that merely looks like an error stays text
    path = tmp_path / "errors.xlsx"
    book.save(path)
    read = read_sheets(path)[0]
    assert read.rows[1] == ["反风演习每年（ ）次。", "", ""]
    assert read.errors == {(1, 1): "#N/A", (1, 2): "#DIV/0!"}
    assert read.error_in(1, [0, 1]) == (1, "#N/A")
    assert read.rows[2][:2] == ["写着 #N/A 的文字", "#REF! 是文字"]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [(0.2, "0%", "20%"), (0.0075, "0.00%", "0.75%"), (0.01, "0.0%;[Red]-0.0%", "1.0%"), (3.0, "General", "3"),
     (0.30000000000000004, "General", "0.3"), (1234.5, "@", "1234.5"),
     # zero padding and literal text, as HR sheets keep 工号: Excel shows 000123 and T007
     (123, "000000", "000123"), (7, '"T"000', "T007"), (1234567, "#,##0", "1,234,567"),
     (1234567.891, "#,##0.00", "1,234,567.89"), (5, '0"米"', "5米"), (1.5, '0.0"%"', "1.5%"),
     (12345678, "000-0000", "1234-5678"), (2.5, "0.##", "2.5"), (2.25, "0.0#", "2.25"), (-3.5, "0.0", "-3.5")],
)
def test_number_text(value: float, fmt: str, shown: str) -> None:
    assert number_text(value, fmt) == shown


def test_date_text_minutes_and_months() -> None:
    moment = datetime.datetime(2026, 3, 4, 5, 6, 7)
    assert date_text(moment, "yyyy/m/d h:mm:ss") == "2026/3/4 5:06:07"
    assert date_text(moment, "[$-804]m月d日") == "3月4日"
    assert date_text(datetime.time(9, 30), "hh:mm") == "09:30"


HEADER = ["题目类型", "题目", "选项", "答案", "解析", "知识点"]
PLAIN = ["单选", "“一炮三检”中的三检不包括（ ）。", "A.装药前 B.爆破前 C.爆破后 D.交班后", "D", "", "爆破"]
QUOTED = ["多选", '含逗号,和"引号"的选项（ ）。', 'A.甲,乙 B."丙" C.丁 D.戊', "AB", "", "测试"]
NEWLINE = ["单选", "第一行\n第二行，换行也在引号里（ ）。", "A.甲 B.乙", "A", "", "测试"]
LEADING = ["判断", '"一通三防"写在开头', "", "对", "", "测试"]
# The first table is the audit's bank4 (Python's csv module): alone, it made the sniffer guess
# doublequote=False and split 含逗号,和""引号"" wrongly.
TABLES = [[HEADER, PLAIN, PLAIN, QUOTED], [HEADER, PLAIN, QUOTED, NEWLINE, LEADING]]


def _csv(rows: list[list[str]], encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
@pytest.mark.parametrize("rows", TABLES)
def test_csv_with_quotes_commas_and_newlines_inside_quoted_fields(rows, encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "bank.csv"
    path.write_bytes(_csv(rows, encoding))
    assert read_sheets(path)[0].rows == rows


def test_csv_written_by_excel_with_crlf_and_a_semicolon_delimiter(tmp_path: Path) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(TABLES[1])
    path = tmp_path / "bank.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    assert read_sheets(path)[0].rows == TABLES[1]


def test_a_roster_keeps_a_zero_padded_work_number(app) -> None:
    """A 工号 kept as a number in a 000000 format is the 工号 Excel shows, 000123: read as 123 it
    would become a second person when the next roster comes as text."""
    from accounts.roster import read_roster

    book = Workbook()
    sheet = book.active
    sheet.append(["工号", "姓名", "区队", "班组"])
    sheet.append([123, "张三", "综采一队", "回收班"])
    sheet["A2"].number_format = "000000"
    data = io.BytesIO()
    book.save(data)
    people, errors = read_roster("花名册.xlsx", data.getvalue())
    assert errors == [] and [p.username for p in people] == ["000123"]
