"""The two real vendor banks in ../shared/question-banks: every row accounted for, answers kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from quiz.bank.importer import parse_files


def banks(shared_dir: Path) -> list[Path]:
    paths = sorted((shared_dir / "question-banks").glob("*.xlsx"))
    if not paths:
        pytest.skip("no question banks in ../shared")
    return paths


def file_rows(path: Path) -> dict[int, tuple]:
    sheet = load_workbook(path, read_only=True).worksheets[0]
    return {i: row for i, row in enumerate(sheet.iter_rows(values_only=True), start=1) if i > 1 and any(row)}


def test_every_row_is_imported_a_duplicate_or_an_error_and_answers_match_the_file(shared_dir: Path) -> None:
    for path in banks(shared_dir):
        report = parse_files([(path.name, path.read_bytes())])
        rows = file_rows(path)
        assert report.rows == len(rows)
        assert report.imported + len(report.duplicates) + len(report.errors) == report.rows
        placed = [q.row for q in report.questions] + [p.row for p in report.duplicates + report.errors]
        assert sorted(placed) == sorted(rows)
        for question in report.questions:
            raw = str(rows[question.row][4]).strip()
            assert question.draft.answer == tuple(sorted(raw)), (path.name, question.row)
        assert report.imported > 0.98 * report.rows
        assert sum(report.by_type.values()) == report.imported


def test_cli_imports_both_banks_in_one_transaction(shared_dir: Path, runner) -> None:
    paths = [str(p) for p in banks(shared_dir)]
    dry = json.loads(runner.invoke(args=["import-questions", *paths, "--dry-run", "--json"]).stdout)
    result = runner.invoke(args=["import-questions", *paths, "--json"])
    data = json.loads(result.stdout)
    assert data["imported"] + data["duplicates"] + len(data["errors"]) == data["rows"]
    assert data["imported"] == dry["imported"] and set(data["by_type"]) >= {"single", "multi", "judge"}
    assert all(e["row"] and e["reason"] for e in data["errors"])
    again = json.loads(runner.invoke(args=["import-questions", *paths, "--json"]).stdout)
    assert again["imported"] == 0 and again["duplicates"] == data["imported"] + data["duplicates"]


def test_real_banks_survive_the_template_round_trip(shared_dir: Path) -> None:
    from quiz.bank.exporter import write_xlsx

    files = [(p.name, p.read_bytes()) for p in banks(shared_dir)]
    first = [q.draft for q in parse_files(files).questions]
    again = parse_files([("export.xlsx", write_xlsx(first))])
    assert again.errors == [] and again.duplicates == []
    assert [q.draft for q in again.questions] == first
