"""Commands: `ingest PATH... [--json]` and the `corpus` group (list, remove, set-type).

Each command runs the service, commits (file by file while ingesting), and announces the
changed documents so the search index follows. With --json only the JSON object goes to stdout (progress goes to stderr).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from core import audit, children
from core.commands import fail_if_not_taken
from core.db import db
from core.demo import RemovalReport, references
from corpus import due_versions, ingestion, job_runner
from corpus.documents import DOC_TYPES
from corpus.models import Document, unit_counts
from corpus.signals import commit_and_announce, follower_problems, own_names

log = logging.getLogger(__name__)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以一个 JSON 对象输出结果。")
@click.option("--doc-type", type=click.Choice(DOC_TYPES), help="指定文档类型（不用自动识别的）。")
@with_appcontext
def ingest_command(paths: tuple[Path, ...], as_json: bool, doc_type: str | None) -> None:
    """导入文档（文件或文件夹，递归）：新增、更新或未变；读不了的文件逐个说明原因，说明文件（README 等）跳过。"""
    files, _ = ingestion.collect_files(paths)
    stream = sys.stderr
    with click.progressbar(length=len(files), label="导入文档", file=stream, show_pos=True) as bar:
        report = ingestion.ingest_paths(
            paths, db.session, progress=lambda _path, _outcome: bar.update(1), doc_type=doc_type, commit_each=True,
            own_names=own_names(current_app),
        )
    record_import(report, "命令行 ingest")
    commit_and_announce(db.session, current_app._get_current_object(), report.changed_ids)
    problems = follower_problems(current_app) if report.changed_ids else []
    if as_json:
        click.echo(json.dumps(report.as_dict() | {"index_problems": problems}, ensure_ascii=False))
    else:
        click.echo(counts_line(report))
        for path, doc_id in report.merged:
            click.echo(f"  与已有文档 #{doc_id} 为同一版本（另一格式），未重复收录：{path}")
        for path, note in report.guessed:
            click.echo(f"  类型待核对：{path}：{note}")
        for path, reason in report.failed:
            click.echo(f"  失败：{path}：{reason}")
        for path, reason in report.skipped:
            click.echo(f"  跳过：{path}：{reason}")
    if problems:
        raise click.ClickException("文档已存入文库，但检索还找不到它们：" + "；".join(problems))
    fail_if_not_taken({"个文件或路径": len(report.failed)})


def counts_line(report: ingestion.IngestReport) -> str:
    """新增 a（，另一格式未重复收录 m），更新 b，未变 c，失败 d（，跳过 e）: a run's counts, the files
    merged into a stored version and the skipped README files apart from new documents and failures."""
    merged = f"，另一格式未重复收录 {len(report.merged)}" if report.merged else ""
    skipped = f"，跳过 {len(report.skipped)}" if report.skipped else ""
    return (f"新增 {len(report.added)}{merged}，更新 {len(report.updated)}，未变 {len(report.unchanged)}，"
            f"失败 {len(report.failed)}{skipped}")


def record_import(report: ingestion.IngestReport, how: str) -> None:
    """Log a run that took documents in (the CLI's and the demo's; uploads log their own), so the
    admin home's 最近的导入 lists every import."""
    if report.added or report.updated:
        names = "、".join(Path(p).name for p in report.added + report.updated)
        audit.record("documents.import", "", None,
                     f"{how}：新增 {len(report.added)}，更新 {len(report.updated)}：{names}")


@click.group("corpus")
def corpus_group() -> None:
    """法规文库：列出、删除文档，改类型，登记新版本。"""


@corpus_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出。")
@click.option("--status", type=click.Choice(["current", "pending", "superseded", "repealed"]), help="只列这种状态的（current 现行、pending 尚未施行、superseded 已被取代、repealed 已废止）。")
@with_appcontext
def list_command(as_json: bool, status: str | None) -> None:
    """列出文库中的文档（类型、状态、条数和节数）。"""
    rows = library_rows(status)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        click.echo(
            f"{row['id']:>5}  {row['status']:<10} {row['doc_type']:<6} 条{row['articles']:>4} "
            f"节{row['sections']:>3}  {row['title']}"
        )


def library_rows(status: str | None = None) -> list[dict]:
    """Documents as plain dicts: id, title, doc_type, status, articles, sections, dates, source."""
    query = select(Document).order_by(Document.id)
    if status:
        query = query.where(Document.status == status)
    counts = unit_counts(db.session)
    return [
        {
            "id": document.id,
            "title": document.title,
            "doc_type": document.doc_type,
            "status": document.status,
            "articles": counts.get(document.id, (0, 0))[0],
            "sections": counts.get(document.id, (0, 0))[1],
            "version_date": document.version_date.isoformat() if document.version_date else None,
            "status_since": document.status_since.isoformat() if document.status_since else None,
            "source": document.source_name,
        }
        for document in db.session.scalars(query)
    ]


@corpus_group.command("remove")
@click.argument("document_id", type=int)
@with_appcontext
def remove_command(document_id: int) -> None:
    """从文库和检索索引中删除一个文档（连同其条文）。"""
    document = db.session.get(Document, document_id)
    if document is None:
        raise click.ClickException(f"没有编号为 {document_id} 的文档")
    title = document.title
    changed = ingestion.remove_document(db.session, document)
    commit_and_announce(db.session, current_app._get_current_object(), changed)
    click.echo(f"已删除：{title}")


@corpus_group.command("set-type")
@click.argument("document_id", type=int)
@click.argument("doc_type", type=click.Choice(DOC_TYPES))
@with_appcontext
def set_type_command(document_id: int, doc_type: str) -> None:
    """改文档的类型（重新导入该文件时保留）。"""
    document = db.session.get(Document, document_id)
    if document is None:
        raise click.ClickException(f"没有编号为 {document_id} 的文档")
    ingestion.set_doc_type(document, doc_type)
    commit_and_announce(db.session, current_app._get_current_object(), {document.id})
    click.echo(f"{document.title}：类型改为 {doc_type}")


@corpus_group.command("mark-newer")
@click.argument("document_id", type=int)
@click.argument("name", required=False, default="")
@click.option(
    "--effective", type=click.DateTime(formats=["%Y-%m-%d"]), help="新版本的施行日期（YYYY-MM-DD）。"
)
@click.option("--clear", is_flag=True, help="清除已登记的新版本。")
@with_appcontext
def mark_newer_command(document_id: int, name: str, effective: object, clear: bool) -> None:
    """登记本库未收录、已施行的新版本（如“应急管理部令第4号”）：旧版即标为已被新版本取代，不再当作现行。"""
    document = db.session.get(Document, document_id)
    if document is None:
        raise click.ClickException(f"没有编号为 {document_id} 的文档")
    if not clear and not name.strip():
        raise click.UsageError("请给出新版本的名称或文号，或用 --clear 清除")
    day = effective.date() if effective is not None else None
    try:
        changed = ingestion.mark_newer_version(db.session, document, "" if clear else name, day)
    except ingestion.NewerVersionError as error:
        raise click.ClickException(str(error)) from error
    commit_and_announce(db.session, current_app._get_current_object(), changed)
    click.echo(
        f"{document.title}：{document.status_label}"
        + (f"（新版本：{document.newer_version}）" if document.newer_version else "")
    )


def apply_due_newer_versions() -> None:
    """Upgrade step (`python run.py init`): the register of newer versions (corpus.successors)
    is applied afresh, and a recorded newer version whose 施行 date has come makes the held
    version superseded (the server also does this by itself each day: corpus.due_versions)."""
    changed = due_versions.apply_and_announce(current_app._get_current_object(), db.session)
    if changed:
        click.echo(f"{len(changed)} 个文档的新版本已施行，已标为被取代。", err=True)


def ingest_samples(quiet: bool) -> None:
    """Demo step (`python run.py demo [--corpus FOLDER]`): take the project's sample corpus, and
    the real regulations of FOLDER when given, into the library (unchanged files are skipped)."""
    folders = [Path(current_app.root_path) / "corpus" / "sample"]
    if current_app.config.get("DEMO_CORPUS"):
        folders.append(Path(current_app.config["DEMO_CORPUS"]))
    for folder in folders:
        if not folder.is_dir():
            continue
        report = ingestion.ingest_paths([folder], db.session, commit_each=True, own_names=own_names(current_app))
        record_import(report, f"演示 demo（{folder.name}）")
        commit_and_announce(db.session, current_app._get_current_object(), report.changed_ids)
        if not quiet:
            failed = f"，失败 {len(report.failed)}" if report.failed else ""
            skipped = f"，跳过 {len(report.skipped)}" if report.skipped else ""
            merged = f"，另一格式未重复收录 {len(report.merged)}" if report.merged else ""
            click.echo(f"文档（{folder}）：新增 {len(report.added)}{merged}，未变 {len(report.unchanged)}{failed}{skipped}")
            for path, reason in report.failed:
                click.echo(f"  未收录：{Path(path).name}：{reason}")
            for path, reason in report.skipped:
                click.echo(f"  跳过：{Path(path).name}：{reason}")


# The search index's rows of an article go with it; any other row pointing at one is a use.
SEARCH_INDEX = ("kb_search_entries", "kb_search_postings", "kb_search_documents", "kb_answer_feedback", "kb_search_gaps")


def remove_samples(report: RemovalReport) -> None:
    """`demo --remove`: the sample mine's documents (files of corpus/sample, by path or content), each
    kept when a question that stays cites one of its articles, or a trainer confirmed one as an answer."""
    folder = Path(current_app.root_path) / "corpus" / "sample"
    files = [path for path in folder.rglob("*") if path.is_file()] if folder.is_dir() else []
    paths = {str(path.resolve()) for path in files}
    hashes = {hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    documents = [document for document in db.session.scalars(select(Document).order_by(Document.id))
                 if document.sources and all(s.hash in hashes or s.path in paths for s in document.sources)]
    changed: set[int] = set()
    removed = []
    for document in documents:
        articles = [article.id for article in document.articles]
        used = set().union(*references("articles", articles, skip=SEARCH_INDEX).values())
        if used:
            report.keep(f"示例文档《{document.title}》", f"已被使用（{'、'.join(sorted(used))}），保留")
            continue
        removed.append(document.title)
        changed |= ingestion.remove_document(db.session, document)
    if changed:
        commit_and_announce(db.session, current_app._get_current_object(), changed)
    if removed:
        report.remove(f"示例文档 {len(removed)} 份（{'、'.join(f'《{t}》' for t in removed[:3])}{'等' if len(removed) > 3 else ''}）")


@click.command("upload-jobs", hidden=True)
@with_appcontext
def upload_jobs_command() -> None:
    """Take in the library uploads nobody works on, one at a time, then exit (started by the
    server at a lower CPU priority, see corpus.job_runner.ProcessRunner)."""
    children.lower_priority()
    app = current_app._get_current_object()
    done = job_runner.work_through(app)
    log.info("upload jobs: this process ran %d job(s)", done)


COMMANDS = (ingest_command, corpus_group, upload_jobs_command)
