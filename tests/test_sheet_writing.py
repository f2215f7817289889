"""Writing .xlsx exports: one sheet writer for every export, and text that looks like a formula stays text."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from openpyxl import load_workbook

from core.sheets import write_table
from inspections.service import LEDGER_COLUMNS, export_ledger


def _sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_a_table_keeps_formula_text_as_text_and_writes_decimals_as_numbers() -> None:
    sheet = _sheet(write_table("成绩" * 20, ["姓名", "得分"], [["=HYPERLINK(\"http://x\",\"点我\")", Decimal("87.5")]]))
    assert sheet.title == ("成绩" * 20)[:31]
    assert [c.value for c in sheet[1]] == ["姓名", "得分"] and sheet["A1"].font.bold
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=HYPERLINK")
    assert sheet["B2"].value == 87.5 and isinstance(sheet["B2"].value, float)
    assert sheet.freeze_panes == "A2"


def test_an_inspection_ledger_never_turns_a_pasted_finding_into_a_formula() -> None:
    team = SimpleNamespace(name="回采一班", unit=SimpleNamespace(name="综采一队"))
    finding = SimpleNamespace(found_on=date(2026, 12, 1), team=team, site="1302工作面", text="=cmd|' /C calc'!A0",
                              citation=None, basis_status="待确认", is_major=False, major_label="", major_note="")
    sheet = _sheet(export_ledger([finding]))
    assert [c.value for c in sheet[1]] == list(LEDGER_COLUMNS)
    row = {h: c for h, c in zip(LEDGER_COLUMNS, sheet[2], strict=True)}
    assert row["隐患内容"].data_type == "s" and row["隐患内容"].value == "=cmd|' /C calc'!A0"
    assert row["依据"].value == "（未找到依据）" and row["重大事故隐患"].value == "未判定"
    assert row["排查日期"].value.date() == date(2026, 12, 1)
