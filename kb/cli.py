"""Command line: `python run.py search|ask|reindex|export-confirmed-answers|mine-words` (mine-words: kb.word_cli).

search and ask print one JSON object with --json (results with doc_id, title, article,
chapter, doc_type, status, score, snippet; ask adds answer and citation; took_ms is the
time the search itself took). --batch FILE reads one query per line and prints one such
object per line (JSON Lines) for evaluation runs. ask answers as the web page does, from the
article a trainer confirmed for the question when there is one (kb.confirmed).

export-confirmed-answers OUT.tsv writes the confirmed questions as a labelled set in bench/eval_ask.py's
format (question, official title, 第N条, kind, also), so a mine's own questions can be measured.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from core.db import db
from corpus.documents import DOC_TYPES
from kb import confirmed, knowledge_base, rebuild_index
from kb.indexing import IndexUnavailable
from kb.qa import asker_message
from kb.search import KnowledgeBase
from kb.word_cli import mine_words_group

EXPORT_HEADER = (
    "# question\tgold document title (official title as printed)\tgold article (第N条)\tkind"
    "\talso. Questions trainers confirmed the answers of (培训员确认的答案), exported by"
    " `python run.py export-confirmed-answers`; gold is the article each is answered with."
)


def _queries(query: str | None, batch: Path | None) -> Iterator[str]:
    if batch is not None:
        # Every line yields one output line, blank ones included, so outputs align with inputs.
        for line in batch.read_text(encoding="utf-8").splitlines():
            yield line.strip()
    elif query is not None:
        yield query
    else:
        raise click.UsageError("请给出查询内容，或用 --batch 指定每行一个查询的文件。")


def _emit(payload: dict, as_json: bool, render: Callable[[dict], str]) -> None:
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False))
    else:
        click.echo(render(payload))


def _render_search(payload: dict) -> str:
    lines = [f"查询：{payload['query']}  （{payload['took_ms']} ms，共 {payload['total']} 条）"]
    if payload.get("suggestion"):
        lines.append(f"您是不是要找：{payload['suggestion']}")
    if payload.get("message"):
        lines.append(payload["message"])
    for i, hit in enumerate(payload["results"], 1):
        status = "" if hit["status"] == "current" else f" [{hit['status_label']}]"
        lines.append(f"{i:>2}. 《{hit['title']}》{hit['article']}{status}  {hit['score']}")
        if hit["chapter"]:
            lines.append(f"    {hit['chapter']}")
    return "\n".join(lines)


def _render_ask(payload: dict) -> str:
    lines = [f"问题：{payload['question']}  （{payload['took_ms']} ms，把握 {payload['confidence']}）"]
    if payload["answered"]:
        # As the page: an answer below the confidence line is only 可能的答案 (kb.qa.Answer.confident).
        said = "答：" if payload["confident"] else "把握不大（可能的答案），请打开条文原文核对：\n答："
        lines += [f"{said}{payload['answer']}", f"出处：{payload['citation']}"]
    else:
        lines.append(payload["message"])
    for hit in payload["results"][1 if payload["answered"] else 0 :]:
        lines.append(f"  另见：{hit['citation']}")
    return "\n".join(lines)


def _warm(as_json: bool) -> KnowledgeBase:
    """The app's KnowledgeBase, loaded before timing starts (so took_ms is the search alone)."""
    kb = knowledge_base(current_app)
    try:
        kb.warm()
    except IndexUnavailable as exc:
        _fail(exc, as_json)
    return kb


def _fail(exc: IndexUnavailable, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"error": exc.message, "reason": exc.reason, "results": []}, ensure_ascii=False))
    click.echo(exc.message, err=True)
    sys.exit(1)


@click.command("search")
@click.argument("query", required=False)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（--batch 时每行一个）。")
@click.option("-n", "limit", default=10, show_default=True, help="返回条数。")
@click.option("--type", "doc_type", default=None, type=click.Choice(DOC_TYPES), help="只看这类文件。")
@click.option("--status", default=None, type=click.Choice(["current", "pending", "superseded", "repealed"]),
              help="只看这种状态的（current 现行、pending 尚未施行、superseded 已被取代、repealed 已废止）。")
@click.option("--page", default=1, show_default=True, help="第几页。")
@click.option("--batch", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="每行一个查询的文件。")
@with_appcontext
def search_command(
    query: str | None,
    as_json: bool,
    limit: int,
    doc_type: str | None,
    status: str | None,
    page: int,
    batch: Path | None,
) -> None:
    """检索知识库条文。"""
    kb = _warm(as_json)
    for q in _queries(query, batch):
        try:
            results = kb.search(q, doc_type=doc_type, status=status, page=page, per_page=max(1, limit))
        except IndexUnavailable as exc:
            _fail(exc, as_json)
        _emit(results.to_json(), as_json, _render_search)


@click.command("ask")
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（--batch 时每行一个）。")
@click.option("--batch", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="每行一个问题的文件。")
@with_appcontext
def ask_command(question: str | None, as_json: bool, batch: Path | None) -> None:
    """用一句话提问，返回最能回答的条文、答案句和出处。"""
    kb = _warm(as_json)
    for q in _queries(question, batch):
        try:
            answer = confirmed.answer(kb, db.session, q)
        except IndexUnavailable as exc:
            _fail(exc, as_json)
        payload = answer.to_json() | {"message": asker_message(answer, logged=False)}  # the CLI logs no question
        _emit(payload, as_json, _render_ask)


@click.command("reindex")
@with_appcontext
def reindex_command() -> None:
    """从数据库重建检索索引（先在旁边建好，再原子切换）。"""
    started = time.perf_counter()

    def progress(done: int) -> None:
        if done % 5000 == 0:
            click.echo(f"  已索引 {done} 条…", err=True)

    count = rebuild_index(current_app._get_current_object(), progress=progress, workers=os.cpu_count() or 1)
    click.echo(f"索引已重建：{count} 条，用时 {time.perf_counter() - started:.1f} 秒。")


def _cell(text: str) -> str:
    """One TSV cell: no tabs or line breaks, and no leading # (the reader skips such lines as comments)."""
    cell = " ".join(text.split())
    return "＃" + cell[1:] if cell.startswith("#") else cell


@click.command("export-confirmed-answers")
@click.argument("out", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def confirmed_export_command(out: Path) -> None:
    """把培训员确认的答案导出为问答评测用的问题集（bench/eval_ask.py 的 TSV 格式）。"""
    rows = confirmed.labelled_rows(db.session)
    lines = [EXPORT_HEADER, *("\t".join([*map(_cell, row), ""]) for row in rows)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    click.echo(f"已导出 {len(rows)} 个确认过答案的问题：{out}")


COMMANDS = (search_command, ask_command, reindex_command, confirmed_export_command, mine_words_group)
