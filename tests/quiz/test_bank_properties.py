"""Property-based tests (hypothesis) of the bank importer (quiz.bank.importer.parse_files): whatever
rows a sheet holds, reading it never raises; every row is accounted for at most once; sound rows
import with their row numbers and rows with a wrong answer are reported with theirs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank.importer import parse_files
from tests.quiz.banks import STANDARD_HEADER, csv_bytes, xlsx

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Cell text as people type it, and worse; openpyxl cannot store control characters, Excel neither.
cell = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30)
kinds = st.sampled_from(["单选题", "多选题", "判断题", "填空题", "", "简答题", "单选", "X"])
garbage_row = st.lists(st.one_of(cell, kinds, st.integers(-5, 99)), min_size=0, max_size=7)


def good_row(n: int) -> list[str]:
    """A sound single-choice row whose content no other row shares."""
    return ["机电", "单选题", f"第{n}号题：井下供电应做到哪一条（ ）。", f"A.做法甲{n} B.做法乙{n} C.做法丙{n}", "ABC"[n % 3]]


def wrong_answer_row(n: int) -> list[str]:
    """A single-choice row whose answer names no option: reported, never imported."""
    return ["机电", "单选题", f"第{n}号错题：井下供电应做到哪一条（ ）。", f"A.甲{n} B.乙{n}", "F"]


@st.composite
def sheets(draw):
    """(rows under the header, {row number: "good" | "bad" | "garbage"}); row 1 is the header."""
    plan = draw(st.lists(st.sampled_from(["good", "bad", "garbage"]), min_size=1, max_size=25))
    rows, kinds_by_row = [], {}
    for i, kind in enumerate(plan):
        row = good_row(i) if kind == "good" else wrong_answer_row(i) if kind == "bad" else draw(garbage_row)
        rows.append(row)
        kinds_by_row[i + 2] = kind
    return rows, kinds_by_row


def check(report, kinds_by_row: dict[int, str]) -> None:
    imported = [q.row for q in report.questions]
    errors = [p.row for p in report.errors]
    duplicates = [p.row for p in report.duplicates]
    accounted = imported + errors + duplicates
    assert len(accounted) == len(set(accounted)), "a row counted twice"
    assert set(accounted) <= set(kinds_by_row), "a row number that is not a data row"
    good = {row for row, kind in kinds_by_row.items() if kind == "good"}
    bad = {row for row, kind in kinds_by_row.items() if kind == "bad"}
    assert good <= set(imported), (good - set(imported), report.to_dict()["errors"][:5])
    assert bad <= set(errors), (bad - set(errors), report.to_dict())
    for problem in report.errors:
        assert problem.reason and isinstance(problem.reason, str)


@SETTINGS
@given(sheets())
def test_any_rows_in_a_workbook_never_raise_and_are_reported_by_row(sheet):
    rows, kinds_by_row = sheet
    report = parse_files([("题库.xlsx", xlsx([STANDARD_HEADER, *rows]))])
    assert not report.file_errors, report.file_errors
    check(report, kinds_by_row)


@SETTINGS
@given(sheets())
def test_the_same_rows_as_csv(sheet):
    rows, kinds_by_row = sheet
    report = parse_files([("题库.csv", csv_bytes([STANDARD_HEADER, *rows]))])
    assert not report.file_errors, report.file_errors
    check(report, kinds_by_row)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["题库.xlsx", "题库.xls", "题库.csv", "题库.txt", "题库"]))
def test_arbitrary_bytes_are_a_file_error_or_rows_never_an_exception(data, name):
    report = parse_files([(name, data)])
    assert report.file_errors or report.rows >= 0
    for problem in report.file_errors:
        assert problem.row is None and problem.reason
