"""The import preview a trainer checks before confirming: errors counted by kind of problem, and the
分类 and 解析 each question will get (a merged 分类 cell filled into each of its rows)."""

from __future__ import annotations

import re

import pytest

from quiz.bank.importer import problem_kind
from tests.quiz.banks import upload, xlsx

HEADER = ["分类", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析"]
LONG_NOTE = "停风区域必须先检查瓦斯浓度，确认不超过规定后方可恢复送电，恢复送电前还要检查局部通风机及其开关附近"
BANK = xlsx(
    [
        HEADER,
        ["一通三防", "单选题", "局部通风机停止运转后应当（ ）。", "撤出人员", "继续掘进", "打开风门", "关闭照明", "A",
         LONG_NOTE],
        [None, "判断题", "停风区恢复送电前无须检查瓦斯。", None, None, None, None, "错误", "短解析"],
        [None, "单选题", "风门应当（ ）。", "常开", "能自动关闭", "拆除", "用木板钉死", "E", ""],
        ["顶板管理", "判断题", "空顶作业是允许的。", None, None, None, None, "错误", ""],
    ],
    merged=["A2:A4"],
)


def _preview(client, login) -> str:
    login("unit_trainer")
    response = upload(client, BANK, "通风题库.xlsx")
    assert response.status_code == 302
    return client.get(response.headers["Location"]).get_data(as_text=True)


def test_error_summary_counts_rows_by_kind_and_the_row_names_its_answer(client, login) -> None:
    page = _preview(client, login)
    errors = page[page.index('id="error-rows"'):]
    assert "第4行" in errors and "答案E不在选项中" in errors  # the row says which answer
    summary = re.search(r"按原因：([^<]*)", page).group(1)
    assert summary == "答案不在选项中 1 行"
    assert "X" not in summary


def test_preview_shows_category_filled_down_and_explanation(client, login) -> None:
    page = _preview(client, login)
    table = page[page.index('id="preview-questions"'):]
    assert "<th>分类</th>" in table and "<th>解析</th>" in table
    rows = re.findall(r"<tr><td>(\d+)</td>(.*?)</tr>", table, re.S)
    by_row = {int(n): body for n, body in rows}
    assert set(by_row) == {2, 3, 5}
    assert "一通三防" in by_row[2] and "一通三防" in by_row[3]  # the merged cell reaches row 3
    assert "顶板管理" in by_row[5]
    assert "短解析" in by_row[3]
    # A long 解析 is cut short in the cell, whole on hover and when opened.
    assert f'title="{LONG_NOTE}"' in by_row[2]
    assert f'<span class="clip-short">{LONG_NOTE[:24]}…</span>' in by_row[2]
    assert f'<div class="clip-full">{LONG_NOTE}</div>' in by_row[2]


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("答案E不在选项中（选项为A–D）", "答案不在选项中"),
        ("答案FG不在选项中（选项为A–C）", "答案不在选项中"),
        ("答案“甲乙”不是选项字母", "答案不是选项字母"),
        ("判断题的选项A“大概”不是“正确/错误”", "判断题的选项不是“正确/错误”"),
        ("判断题的选项应为“正确/错误”", "判断题的选项应为“正确/错误”"),
        ("未知题型“论述题”", "未知题型"),
        ("选项B、C为空", "选项为空"),
        ("选项A与选项D内容相同", "两个选项内容相同"),
        ("只识别出2个选项（选项少于3个）", "识别出的选项太少"),
        ("单选题只能有一个答案，此行为AC", "单选题只能有一个答案"),
        ("题干为空；缺少答案", "题干为空"),
    ],
)
def test_problem_kind_leaves_the_rows_details_out(reason: str, kind: str) -> None:
    assert problem_kind(reason) == kind
    assert "X" not in problem_kind(reason)


def test_preview_shows_a_blank_key_as_scoring_reads_it(client, login) -> None:
    """A "/" in a unit stays inside the one answer (4m/s, 2次/班); between words it lists alternatives."""
    login("unit_trainer")
    bank = xlsx([
        HEADER,
        ["一通三防", "填空题", "采煤工作面最高风速为（ ）。", None, None, None, None, "4m/s", ""],
        [None, "填空题", "矿井瓦斯又称（ ），每班至少检查（ ）。", None, None, None, None, "瓦斯/沼气；2次/班", ""],
    ])
    response = upload(client, bank, "填空题库.xlsx")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    rows = dict(re.findall(r"<tr><td>(\d+)</td>(.*?)</tr>", page[page.index('id="preview-questions"'):], re.S))
    assert "答案：</span>4m/s</td>" in rows["2"]
    assert "答案：</span>瓦斯 或 沼气；2次/班</td>" in rows["3"]
