"""Command-line import and export of question banks: `python run.py import-questions …`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from core import children
from core.commands import fail_if_not_taken
from core.db import db
from quiz.bank import background, citations, imports, service
from quiz.bank.citations import Suggester
from quiz.bank.exporter import bank_drafts, export_count, to_json, write_xlsx
from quiz.bank.importer import parse_files
from quiz.bank.types import KINDS


@contextmanager
def with_progress(suggest: Suggester | None, total: int, label: str) -> Iterator[Suggester | None]:
    """Wrap a citation suggester so that each lookup advances a progress bar on stderr."""
    if suggest is None or total == 0:
        yield suggest
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:

        def counted(text: str, *args, **kwargs):
            bar.update(1)
            return suggest(text, *args, **kwargs)

        yield counted


@click.command("import-questions")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="只检查文件并打印报告，不保存。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出报告。")
@click.option("--no-suggest", is_flag=True, help="现在不查找出处（以后运行 suggest-citations）。")
@with_appcontext
def import_questions(files: tuple[Path, ...], dry_run: bool, as_json: bool, no_suggest: bool) -> None:
    """导入题库（.xlsx、.xls、.csv）：好的行照常导入，有错误的行逐行报告、不导入；导入的题是草稿，
    审核后才能用于考试（“状态”列写明已审核的除外）。

    分批提交，不妨碍别人使用；中断后用同样的文件再运行一次即可续完，不会重复。
    """
    contents = [(f.name, f.read_bytes()) for f in files]
    key = imports.files_key(contents)
    report = parse_files(contents, existing=service.existing_keys(except_key=key))
    if not dry_run and report.questions:
        suggest = None if no_suggest else current_app.extensions.get("citation_suggester")
        if suggest is None:
            with click.progressbar(length=len(report.questions), label="导入试题", file=sys.stderr) as bar:
                stored = 0

                def advance(done: int) -> None:
                    nonlocal stored
                    bar.update(done - stored)
                    stored = done

                _save(report, key, None, advance)
                advance(len(report.questions))
        else:
            with with_progress(suggest, len(report.questions), "导入试题并查找出处") as counted:
                _save(report, key, counted, None)
    data = report.to_dict() | {"dry_run": dry_run}
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_report(report, dry_run)
    fail_if_not_taken({"个文件": len(report.file_errors), "行": len(report.errors)})


def _print_report(report, dry_run: bool) -> None:  # noqa: ANN001
    verb = "可导入" if dry_run else "已导入"
    click.echo(
        f"共{report.rows}行：{verb}{report.imported}题，重复{len(report.duplicates)}行，错误{len(report.errors)}行。"
    )
    for code, count in report.by_type.items():
        click.echo(f"  {KINDS[code].label}：{count}")
    for sheet, use in report.column_use.items():
        ignored = f"；未使用的列：{'、'.join(use['ignored'])}" if use["ignored"] else ""
        click.echo(f"识别到的列（{sheet}）：{use['described']}{ignored}")
    if report.unknown_jobs:
        click.echo(report.unknown_jobs_note)
    for problem in report.file_errors + report.errors:
        click.echo(f"  {_where(problem)}：{problem.reason}")
    for (file, sheet), rows in _rows_by_sheet(report.duplicates).items():
        where = " ".join(p for p in (file, sheet) if p)
        click.echo(f"  {where} 重复的行（与题库或前面的行相同，未重复导入）：第{compact_rows(rows)}行")
    if report.warnings:
        click.echo(f"请核对（{len(report.warnings)}行）：")
    for problem in report.warnings:
        click.echo(f"  {_where(problem)}：{problem.reason}")
    for note in report.notes:
        click.echo(f"  {note}")
    statuses = report.by_status
    will = "将" if dry_run else ""
    if statuses.get("draft"):
        click.echo(f"{statuses['draft']}题{will}存为草稿，需审核后才能用于考试。")
    if statuses.get("approved"):
        click.echo(f"{statuses['approved']}题的“状态”列为已审核，{will}存为已审核题，可直接用于考试。")
    if statuses.get("retired"):
        click.echo(f"{statuses['retired']}题的“状态”列为已停用，{will}存为已停用题。")


def _where(problem) -> str:  # noqa: ANN001 - a RowProblem
    """Where a problem is: the file, the sheet of a workbook with several and the row (单选题 第9行)."""
    row = f"第{problem.row}行" if problem.row else "文件"
    return " ".join(p for p in (problem.file, problem.sheet, row) if p)


def _rows_by_sheet(problems) -> dict[tuple[str, str], list[int]]:  # noqa: ANN001 - RowProblems
    grouped: dict[tuple[str, str], list[int]] = {}
    for problem in problems:
        if problem.row:
            grouped.setdefault((problem.file, problem.sheet), []).append(problem.row)
    return grouped


def compact_rows(rows: list[int]) -> str:
    """Row numbers as runs: [2, 5, 6, 7, 12] → "2、5–7、12"."""
    runs: list[list[int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return "、".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def _save(report, key: str, suggest: Suggester | None, progress) -> None:  # noqa: ANN001
    try:
        imports.save_import(report, key=key, suggest=suggest, progress=progress)
    except service.QuestionError as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("import-upload", hidden=True)
@click.argument("token")
@click.option("--user", "user_id", type=int, help="The trainer who confirmed the import.")
@click.option("--takeover", is_flag=True, help="The last import of this upload was killed: resume it at once.")
@click.option("--approve", is_flag=True, help="Store the questions approved (a bank the mine already uses).")
@with_appcontext
def import_upload(token: str, user_id: int | None, takeover: bool, approve: bool) -> None:
    """Import a bank upload confirmed on the web (started by the server, see quiz.bank.background)."""
    children.lower_priority()
    folder = Path(current_app.config["DATA_DIR"]) / "uploads"
    suggest = current_app.extensions.get("citation_suggester")
    if not background.run_job(folder, token, user_id, suggest, background.WEB_SUGGEST_LIMIT, takeover, approve):
        raise SystemExit(1)


@click.command("export-questions")
@click.argument("out", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@click.option(
    "--status",
    type=click.Choice(["draft", "approved", "retired"]),
    multiple=True,
    help="只导出这些状态的题（默认全部）。",
)
@with_appcontext
def export_questions(out: Path, status: tuple[str, ...]) -> None:
    """导出题库到 OUT.xlsx（可再导入的模板格式）或 OUT.json。"""
    suffix = out.suffix.lower()
    if suffix not in {".json", ".xlsx"}:
        raise click.BadParameter("输出文件应以 .xlsx 或 .json 结尾", param_hint="OUT")
    total = export_count(status)
    # Open the file first: a missing folder or a read-only place is said before any work is done.
    with out.open("wb") as handle:
        try:
            count = _export_to(handle, suffix, status, total)
        except BaseException:
            handle.close()
            out.unlink(missing_ok=True)
            raise
    click.echo(f"已导出{count}题到 {out}")


def _export_to(handle, suffix: str, status: tuple[str, ...], total: int) -> int:  # noqa: ANN001 - a binary file
    """Write the export to an open file with a progress bar on stderr; returns how many questions."""
    with click.progressbar(length=total, label="导出试题", file=sys.stderr) as bar:
        shown = 0

        def advance(done: int) -> None:
            nonlocal shown
            bar.update(done - shown)
            shown = done

        if suffix == ".json":
            payload = []
            for question_id, draft in bank_drafts(status):
                payload.append(to_json(question_id, draft))
                if len(payload) % 500 == 0:
                    advance(len(payload))
            advance(len(payload))
            handle.write(json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8"))
            return len(payload)
        handle.write(write_xlsx((draft for _id, draft in bank_drafts(status)), progress=advance))
        return shown


@click.command("suggest-citations")
@click.option("--limit", default=1000, show_default=True, help="最多处理多少道题。")
@click.option("--retry", is_flag=True, help="以前没找到出处的题也再找一次，并把未确认的建议改为题目解析中注明的条文。")
@with_appcontext
def suggest_citations(limit: int, retry: bool) -> None:
    """为还没有出处的题查找建议的条文出处。"""
    suggest = current_app.extensions.get("citation_suggester")
    if suggest is None:
        raise click.ClickException("知识库检索未启用，无法查找出处。")
    if retry:
        moved = citations.follow_named_articles()
        if moved:
            click.echo(f"{moved}道题的建议出处改为解析中注明的条文。")
        citations.forget_misses()
    with with_progress(suggest, min(limit, citations.pending_suggestions()), "查找出处") as counted:
        found = citations.suggest_pending(counted, limit=limit)
    db.session.commit()
    click.echo(f"已为{found}道题找到建议出处，还有{citations.pending_suggestions()}道题没有出处建议。")
