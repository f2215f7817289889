"""Reading spreadsheets (.xlsx, .xls, .csv) into rows of text, with clear errors for bad files;
writing sheets (a bold header row, formula-safe text) and .xlsx downloads."""

from __future__ import annotations

import csv
import datetime
import io
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
    """One worksheet: its name and rows of cell text; `rows[i]` is spreadsheet row i + 1.

    Cells read as Excel shows them (20%, 0.75%, 1/2, 2026-01-02), not as the number stored.
    A cell holding an Excel error (#N/A, #DIV/0! …) is empty in `rows` and listed in `errors`
    by its 0-based (row, column): it is never data. `dates` gives each date cell's full date
    (ISO) where the sheet shows less of it ("m/d"), for readers that need the year.
    """

    name: str
    rows: list[list[str]]
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    dates: dict[tuple[int, int], str] = field(default_factory=dict)

    def error_in(self, row: int, columns: Iterable[int]) -> tuple[int, str] | None:
        """The first of `columns` (0-based) of 0-based `row` holding an Excel error, and the error."""
        for col in columns:
            if (row, col) in self.errors:
                return col, self.errors[(row, col)]
        return None


EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#BUSY!")
_FORMAT_SECTION = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|;')
_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|yyyy|yy|e|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM/PM|A/P|\.0+|.',
                         re.IGNORECASE)
_WEEKDAYS = "一二三四五六日"


def _first_section(fmt: str) -> str:
    """The part of a number format used for positive numbers (before the first unquoted ";")."""
    for match in _FORMAT_SECTION.finditer(fmt):
        if match.group() == ";":
            return fmt[: match.start()]
    return fmt


def _plain(fmt: str) -> str:
    """A format without its quoted texts, escapes and [brackets]: what decides how a number looks."""
    return re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", fmt)


_NUMBER_TOKEN = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|[0#?]|.', re.S)


def number_text(value: float | int, fmt: str = "General") -> str:
    """A number as Excel shows it in a cell of number format `fmt`: 0.2 with "0%" → "20%",
    0.0075 with "0.00%" → "0.75%", 3.0 → "3", 0.30000000000000004 → "0.3" (General shows
    at most 15 significant digits), 2.5 with "0.00" → "2.50", 123 with "000000" → "000123"
    (how HR sheets keep 工号), 7 with '"T"000' → "T007", 1234567 with "#,##0" → "1,234,567"."""
    section = _first_section(fmt or "General")
    plain = _plain(section)
    if not re.search(r"[0#?]", plain) or "/" in plain or "E" in plain.upper():
        if float(value).is_integer() and abs(value) < 1e15:
            return str(int(value))
        text = f"{value:.15g}"
        return text if "e" not in text else repr(value)
    tokens = [t.group() for t in _NUMBER_TOKEN.finditer(section)]
    point = tokens.index(".") if "." in tokens else len(tokens)
    whole = [i for i, t in enumerate(tokens[:point]) if t in "0#?"]
    fraction = [i for i, t in enumerate(tokens) if i > point and t in "0#?"]
    grouped = any(t == "," for t in tokens[whole[0]:whole[-1]]) if whole else False
    scaled = abs(value) * 100 ** tokens.count("%")
    digits = f"{scaled:.{len(fraction)}f}"
    int_digits, _, frac_digits = digits.partition(".")
    int_digits = int_digits.lstrip("0")
    zeros = [tokens[i] for i in whole]
    # Digits fill the integer placeholders from the right; a "0" shows a zero where no digit is left,
    # and the first placeholder takes any digits beyond them.
    filled: dict[int, str] = {}
    left = int_digits
    for i in reversed(whole):
        take, left = left[-1:], left[:-1]
        filled[i] = take or ("0" if tokens[i] == "0" else " " if tokens[i] == "?" else "")
    if whole:
        filled[whole[0]] = left + filled[whole[0]]
    if whole and not any(z == "0" for z in zeros) and not int_digits:
        filled[whole[-1]] = filled[whole[-1]] or ("0" if not fraction else "")
    if grouped:
        number = "".join(filled[i] for i in whole).strip()
        grouped_text = f"{int(number):,}" if number.isdigit() else number
        filled = {i: "" for i in whole}
        filled[whole[0]] = grouped_text
    shown = list(frac_digits)
    for k in reversed(range(len(shown))):  # a "#" drops a trailing zero, a "?" shows it as a space
        if shown[k] != "0" or tokens[fraction[k]] == "0":
            break
        shown[k] = "" if tokens[fraction[k]] == "#" else " "
    frac = iter(shown)
    out: list[str] = []
    for i, token in enumerate(tokens):
        if i in filled:
            out.append(filled[i])
        elif i in fraction:
            out.append(next(frac, ""))
        elif token == "," or token.startswith(("[", "*")):
            continue  # grouping, locale and colour tags, fill characters
        elif token.startswith("_"):
            out.append(" ")
        elif token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        else:
            out.append(token)
    text = "".join(out).strip()
    return f"-{text}" if value < 0 and scaled else text


def date_text(value: datetime.datetime | datetime.date | datetime.time, fmt: str) -> str:
    """A date or time as a cell of format `fmt` shows it: "m/d" → "1/2", "yyyy-mm-dd" → "2026-01-02",
    "yyyy\"年\"m\"月\"d\"日\"" → "2026年1月2日". Excel's built-in short date (mm-dd-yy, which Excel
    shows in the reader's own way) is written 2026-01-02."""
    section = _first_section(fmt or "")
    if re.sub(r"\s|\\", "", section).lower() in {"mm-dd-yy", "m/d/yy", "m/d/yyyy", "mm/dd/yy", ""}:
        section = "yyyy-mm-dd" if not isinstance(value, datetime.time) else "hh:mm:ss"
        if isinstance(value, datetime.datetime) and value.time() != datetime.time():
            section = "yyyy-mm-dd hh:mm:ss"
    if isinstance(value, datetime.time):
        value = datetime.datetime.combine(datetime.date(1899, 12, 31), value)
    elif not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time())
    tokens = [t.group() for t in _DATE_TOKEN.finditer(section)]
    twelve = any(t.upper() in {"AM/PM", "A/P"} for t in tokens)
    out: list[str] = []
    for i, token in enumerate(tokens):
        low = token.lower()
        if token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        elif token.startswith("["):
            continue  # [$-804], [DBNum1], [Red]: locale and colour tags
        elif low in {"yyyy", "e"}:
            out.append(str(value.year))
        elif low == "yy":
            out.append(f"{value.year % 100:02d}")
        elif low in {"m", "mm"}:
            before = next((t.lower() for t in reversed(tokens[:i]) if t.isalpha()), "")
            after = next((t.lower() for t in tokens[i + 1 :] if t.isalpha()), "")
            minute = before.startswith("h") or after.startswith("s")
            number = value.minute if minute else value.month
            out.append(f"{number:02d}" if low == "mm" else str(number))
        elif low in {"mmm", "mmmm"}:
            out.append(f"{value.month}月")
        elif low in {"d", "dd"}:
            out.append(f"{value.day:02d}" if low == "dd" else str(value.day))
        elif low in {"ddd", "dddd"}:
            out.append("星期" + _WEEKDAYS[value.weekday()])
        elif low in {"h", "hh"}:
            hour = (value.hour % 12 or 12) if twelve else value.hour
            out.append(f"{hour:02d}" if low == "hh" else str(hour))
        elif low in {"s", "ss"}:
            out.append(f"{value.second:02d}" if low == "ss" else str(value.second))
        elif low in {"am/pm", "a/p"}:
            out.append("上午" if value.hour < 12 else "下午")
        elif token.startswith("."):
            continue  # fractions of a second
        else:
            out.append(token)
    return "".join(out).strip()


def _iso(value: datetime.datetime | datetime.date | datetime.time) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    return value.isoformat()


def _cell_text(value: object, fmt: str = "General") -> str:
    """A cell value as Excel shows it (see number_text and date_text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return date_text(value, fmt)
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return number_text(value, fmt)
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
        errors: dict[tuple[int, int], str] = {}
        dates: dict[tuple[int, int], str] = {}
        rows: list[list[str]] = []
        for r, row in enumerate(ws.iter_rows()):
            texts = []
            for c, cell in enumerate(row):
                value = cell.value
                if cell.data_type == "e" or (isinstance(value, str) and value.strip() in EXCEL_ERRORS
                                             and cell.data_type != "s"):
                    errors[(r, c)] = str(value).strip()
                    texts.append("")
                    continue
                if isinstance(value, (datetime.datetime, datetime.date)):
                    dates[(r, c)] = _iso(value)
                texts.append(_cell_text(value, cell.number_format))
            rows.append(texts)
        # A merged header cell holds its value only in the top-left cell: copy it across.
        for merged in ws.merged_cells.ranges:
            value = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(rows) and \
                merged.min_col - 1 < len(rows[merged.min_row - 1]) else ""
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if r - 1 < len(rows) and c - 1 < len(rows[r - 1]) and not rows[r - 1][c - 1]:
                        rows[r - 1][c - 1] = value
        sheets.append(Sheet(ws.title, rows, errors, dates))
    return sheets


def _read_xls(data: bytes) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except xlrd.XLRDError as exc:
        raise SheetError(f"无法读取 Excel 文件（.xls）：{exc}") from exc
    except Exception as exc:  # a truncated .xls raises xlrd's CompDocError, struct and index errors
        log.warning("unreadable .xls: %s: %s", type(exc).__name__, exc)
        raise SheetError("无法读取 Excel 文件（.xls 已损坏或不完整）。") from exc
    sheets = []
    for s in book.sheets():
        errors: dict[tuple[int, int], str] = {}
        dates: dict[tuple[int, int], str] = {}
        rows = []
        for r in range(s.nrows):
            texts = []
            for c in range(s.ncols):
                text, error, iso = xls_cell_text(book, s, r, c)
                if error:
                    errors[(r, c)] = error
                if iso:
                    dates[(r, c)] = iso
                texts.append(text)
            rows.append(texts)
        sheets.append(Sheet(s.name, rows, errors, dates))
    return sheets


def xls_cell_text(book, sheet, row: int, col: int) -> tuple[str, str, str]:  # noqa: ANN001 - xlrd objects
    """(text as Excel shows it, the Excel error it holds or "", its full ISO date or "") of an .xls cell,
    read with its XF number format."""
    import xlrd

    cell = sheet.cell(row, col)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return "", xlrd.error_text_from_code.get(cell.value, "#N/A"), ""
    fmt = "General"
    try:
        fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
    except (AttributeError, IndexError, KeyError, TypeError):
        pass
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            value = xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return number_text(cell.value), "", ""
        if cell.value < 1:  # a time of day without a date
            return date_text(value.time(), fmt), "", ""
        return date_text(value, fmt), "", _iso(value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return ("TRUE" if cell.value else "FALSE"), "", ""
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return number_text(cell.value, fmt), "", ""
    return _cell_text(cell.value), "", ""


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
    # Only the delimiter is guessed: quoting is always RFC 4180's (a quote inside a quoted field
    # is written twice). The sniffer guessed doublequote=False for files written by Python's csv
    # module and Excel, turning 含逗号,和""引号"" into broken cells.
    delimiter = ","
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，").delimiter
    except csv.Error:
        pass
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    return [Sheet("CSV", [[c.strip() for c in row] for row in reader])]


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
            for wanted, names in folded.items():
                if wanted not in columns and any(key == n or key.startswith(n) for n in names):
                    columns[wanted] = col
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
