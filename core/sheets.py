"""Reading spreadsheets (.xlsx, .xls, .csv) into rows of text, with clear errors for bad files;
writing sheets (a bold header row, formula-safe text) and .xlsx downloads."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from charset_normalizer import from_bytes
from flask import Response
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.archives import ArchiveRefused, check_archive, is_zip

log = logging.getLogger(__name__)

XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class SheetError(ValueError):
    """The file is not a spreadsheet we can read; the message is for the person who uploaded it."""


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its name and rows of cell text; `rows[i]` is spreadsheet row i + 1."""

    name: str
    rows: list[list[str]]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data: bytes) -> list[Sheet]:
    """Every sheet of an .xlsx, after the archive passed core.archives' checks."""
    try:
        check_archive(data)
    except ArchiveRefused as exc:
        raise SheetError(f"无法读取 Excel 文件：{exc}") from exc
    try:
        return _load_xlsx(data)
    except SheetError:
        raise
    except Exception as exc:  # openpyxl raises zipfile, KeyError, lxml and its own errors alike
        log.warning("unreadable .xlsx: %s: %s", type(exc).__name__, exc)
        raise SheetError("无法读取 Excel 文件（.xlsx 已损坏或格式不对）。") from exc


def _load_xlsx(data: bytes) -> list[Sheet]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    sheets = []
    for ws in book.worksheets:
        rows = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        # A merged header cell holds its value only in the top-left cell: copy it across.
        for merged in ws.merged_cells.ranges:
            value = _cell_text(ws.cell(merged.min_row, merged.min_col).value)
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if r - 1 < len(rows) and c - 1 < len(rows[r - 1]) and not rows[r - 1][c - 1]:
                        rows[r - 1][c - 1] = value
        sheets.append(Sheet(ws.title, rows))
    return sheets


def _read_xls(data: bytes) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=False)
    except xlrd.XLRDError as exc:
        raise SheetError(f"无法读取 Excel 文件（.xls）：{exc}") from exc
    except Exception as exc:  # a truncated .xls raises xlrd's CompDocError, struct and index errors
        log.warning("unreadable .xls: %s: %s", type(exc).__name__, exc)
        raise SheetError("无法读取 Excel 文件（.xls 已损坏或不完整）。") from exc
    return [
        Sheet(s.name, [[_cell_text(s.cell_value(r, c)) for c in range(s.ncols)] for r in range(s.nrows)])
        for s in book.sheets()
    ]


def _read_csv(data: bytes) -> list[Sheet]:
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None:
                raise SheetError("无法识别 CSV 文件的文字编码。") from None
            text = str(best)
    if "\x00" in text:
        raise SheetError("文件不是文本表格（含有二进制内容）。")
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        pass
    return [Sheet("CSV", [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)])]


def read_sheets(path: Path | str, data: bytes | None = None) -> list[Sheet]:
    """Read every worksheet of an .xlsx, .xls or .csv file, judged by content, not by name.

    Any file that cannot be read safely (a zip or entity bomb, a truncated or broken file)
    raises SheetError with a message for the person who uploaded it.
    """
    path = Path(path)
    if data is None:
        data = path.read_bytes()
    if not data:
        raise SheetError("文件是空的。")
    if is_zip(data):
        return _read_xlsx(data)
    if data.startswith(XLS_MAGIC):
        return _read_xls(data)
    if path.suffix.lower() in {".csv", ".txt"}:
        return _read_csv(data)
    raise SheetError("文件不是 Excel（.xlsx/.xls）或 CSV 表格。")


def find_header(rows: list[list[str]], aliases: dict[str, tuple[str, ...]], required: tuple[str, ...],
                scan: int = 15) -> tuple[int, dict[str, int]] | None:
    """Find the header row by meaning among the first `scan` rows.

    `aliases` maps a field to header names that mean it (compared without spaces and
    punctuation, ignoring case; an alias also matches as a prefix, e.g. 姓名（必填）). Returns the row index
    and the field → column mapping of the row that names the most fields, if it has all `required`.
    """
    best: tuple[int, dict[str, int]] | None = None
    folded = {field: tuple(n.casefold() for n in names) for field, names in aliases.items()}
    for index, row in enumerate(rows[:scan]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row):
            key = "".join(ch for ch in cell if ch.isalnum()).casefold()  # Employee_ID = employeeid
            if not key:
                continue
            for field, names in folded.items():
                if field not in columns and any(key == n or key.startswith(n) for n in names):
                    columns[field] = col
                    break
        if all(f in columns for f in required) and (best is None or len(columns) > len(best[1])):
            best = (index, columns)
    return best


XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


HEADER_FILL_COLOUR = "DDEBF7"


def add_sheet(book: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[object]],
              widths: Sequence[int] = ()) -> Worksheet:
    """A sheet of `book`: a bold, shaded, frozen header row, then `rows`.

    Decimals are written as numbers; a text starting with "=" stays text (an injected
    "=cmd|…" is never evaluated as a formula).
    """
    sheet = book.create_sheet(title[:31])
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL_COLOUR)
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def new_book() -> Workbook:
    """An empty workbook (without openpyxl's default sheet)."""
    book = Workbook()
    book.remove(book.active)
    return book


def saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_table(title: str, headers: list[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A one-sheet .xlsx (see add_sheet)."""
    book = new_book()
    add_sheet(book, title, headers, rows)
    return saved(book)


def xlsx_download(data: bytes, name: str) -> Response:
    """An .xlsx download named `name` (a Chinese name encoded for every browser)."""
    response = Response(data, mimetype=XLSX_MIMETYPE)
    response.headers["Content-Disposition"] = f"attachment; filename=export.xlsx; filename*=UTF-8''{quote(name)}"
    return response
