"""导出 Excel on /bank/ exports what the list shows (its filter), named as a selection; 导出全部 stays."""

from __future__ import annotations

import io
from urllib.parse import unquote

from openpyxl import load_workbook

from quiz.bank import service
from quiz.bank.types import Option, QuestionDraft


def _draft(stem: str, category: tuple[str, ...], status: str = "draft") -> QuestionDraft:
    return QuestionDraft(type="single", stem=stem, options=(Option("A", "甲"), Option("B", "乙")), answer=("A",),
                         category=category, status=status)


def _stems(response) -> list[str]:
    sheet = load_workbook(io.BytesIO(response.data), read_only=True).worksheets[0]
    return sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1])


def _seed(db_session) -> None:
    service.add_question(_draft("瓦斯浓度达到多少时停止作业", ("一通三防",), "approved"))
    service.add_question(_draft("瓦斯检查员的职责", ("一通三防",)))
    service.add_question(_draft("带式输送机的保护", ("机电",), "approved"))
    db_session.commit()


def test_the_export_link_carries_the_filter_and_the_file_holds_only_the_selection(db_session, client, login) -> None:
    login("unit_trainer")
    _seed(db_session)
    page = client.get("/bank/?q=瓦斯&status=approved").get_data(as_text=True)
    assert "/bank/export.xlsx?" in page and "q=%E7%93%A6%E6%96%AF" in page and "status=approved" in page
    assert "导出全部" in page
    response = client.get("/bank/export.xlsx?q=瓦斯&status=approved")
    assert _stems(response) == ["瓦斯浓度达到多少时停止作业"]
    assert "筛选" in unquote(response.headers["Content-Disposition"])
    everything = client.get("/bank/export.xlsx")
    assert len(_stems(everything)) == 3
    assert "筛选" not in unquote(everything.headers["Content-Disposition"])


def test_the_export_follows_the_category_filter_with_its_sub_categories(db_session, client, login) -> None:
    login("unit_trainer")
    _seed(db_session)
    service.add_question(_draft("抽采管路的要求", ("一通三防", "瓦斯", "抽采")))
    db_session.commit()
    from quiz.bank.models import Category

    top = db_session.query(Category).filter_by(name="一通三防", parent_id=None).one()
    response = client.get(f"/bank/export.xlsx?category={top.id}")
    assert _stems(response) == ["抽采管路的要求", "瓦斯检查员的职责", "瓦斯浓度达到多少时停止作业"]
    page = client.get(f"/bank/?category={top.id}").get_data(as_text=True)
    assert f"category={top.id}" in page.split('id="bank-export"')[0].rsplit("<a", 1)[1]


def test_an_unfiltered_list_offers_one_export_of_everything(db_session, client, login) -> None:
    login("unit_trainer")
    _seed(db_session)
    page = client.get("/bank/").get_data(as_text=True)
    assert 'href="/bank/export.xlsx"' in page and "导出全部" not in page
