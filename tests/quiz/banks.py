"""Question banks the tests build themselves with openpyxl (never copied from ../shared)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence

from openpyxl import Workbook

STANDARD_HEADER = ["作业种类", "试题类型", "题目内容", "题目选项", "题目答案"]


def xlsx(rows: Iterable[Sequence[object]], merged: Sequence[str] = (), extra_sheets: dict | None = None) -> bytes:
    """An .xlsx with `rows` on the first sheet, `merged` ranges ("A1:E1"), and optional extra sheets."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(list(row))
    for cell_range in merged:
        sheet.merge_cells(cell_range)
    for name, extra in (extra_sheets or {}).items():
        other = book.create_sheet(name)
        for row in extra:
            other.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Iterable[Sequence[object]], encoding: str = "utf-8-sig", delimiter: str = ",") -> bytes:
    """A CSV file as trainers save it from Excel (UTF-8 with BOM by default, or GBK)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode(encoding)


def standard_bank(n: int = 3, prefix: str = "测试题") -> bytes:
    """A small bank in the layout of the real vendor files: n single-choice questions."""
    rows = [STANDARD_HEADER]
    for i in range(1, n + 1):
        rows.append(["机电", "单选题", f"{i}、{prefix}{i}：井下供电应做到（ ）。", f"**A.甲{i}**B.乙{i}**C.丙{i}", "B"])
    return xlsx(rows)


# --- through the bank pages and around the bank's storing --------------------------------------------------


def upload(client, data: bytes, name: str = "机电题库.xlsx"):
    """Upload a bank file on the import page as the signed-in trainer; the response (302 to its preview)."""
    from tests.conftest import csrf_token

    token = csrf_token(client, "/bank/import")
    return client.post(
        "/bank/import", data={"csrf_token": token, "file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def previewed(client, rows: int, name: str = "机电题库.xlsx") -> tuple[str, str]:
    """Upload a standard bank of `rows` questions: its preview page and the upload's token."""
    preview_url = upload(client, standard_bank(rows), name).headers["Location"]
    return preview_url, preview_url.rsplit("/", 1)[1]


def confirm(client, preview_url: str, **kwargs):
    """Confirm the import on its preview page (with the page's CSRF token); the response."""
    from tests.conftest import csrf_token

    return client.post(preview_url, data={"csrf_token": csrf_token(client, preview_url)}, **kwargs)


def on_create(monkeypatch, hook: Callable[[int], None]) -> None:
    """Call hook(n) before the bank stores its n-th question (quiz.bank.service._create): it may
    look at the progress, or raise as a full disk or a killed server would."""
    from quiz.bank import service

    original, calls = service._create, {"n": 0}

    def create(*args, **kwargs):
        calls["n"] += 1
        hook(calls["n"])
        return original(*args, **kwargs)

    monkeypatch.setattr(service, "_create", create)


def fail_at(monkeypatch, call: int, error: BaseException) -> None:
    """Make storing the bank's `call`-th question raise `error`."""

    def hook(n: int) -> None:
        if n == call:
            raise error

    on_create(monkeypatch, hook)
