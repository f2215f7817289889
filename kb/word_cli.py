"""`python run.py mine-words list|add|remove|rebuild`: the mine's own words without a browser.

After adding or removing, `mine-words rebuild` (or `init`, which sees the index fingerprint
change) rebuilds the index beside the live one so the words take effect.
"""

from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import with_appcontext

from core import clock
from core.db import db
from kb import describe_failure, knowledge_base, word_rebuild
from kb import mine_words as words
from kb.models import MineWord


@click.group("mine-words")
def mine_words_group() -> None:
    """本矿用语：矿上的说法与条文用语的对应（存于数据库，随备份保存，升级不丢）。"""


@mine_words_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 列表。")
@click.option("--shipped", is_flag=True, help="同时列出程序自带的词表。")
@with_appcontext
def list_command(as_json: bool, shipped: bool) -> None:
    """列出本矿添加的说法（编号、说法、添加时间）。"""
    rows = db.session.scalars(db.select(MineWord).order_by(MineWord.id)).all()
    if as_json:
        payload = [{"id": r.id, "line": r.line, "created_at": clock.stamp(r.created_at)} for r in rows]
        click.echo(json.dumps({"mine": payload, "shipped": words.shipped_lines() if shipped else []}, ensure_ascii=False))
        return
    if shipped:
        for line in words.shipped_lines():
            click.echo(f"  自带  {line}")
    for row in rows:
        click.echo(f"{row.id:>6}  {row.line}  （{clock.shown(row.created_at)}）")


@mine_words_group.command("add")
@click.argument("lines", nargs=-1, required=True)
@with_appcontext
def add_command(lines: tuple[str, ...]) -> None:
    """添加说法，每个参数一行，如 "老塘 => 采空区" 或 "局扇 局部通风机"。不合格的行说明原因，其余照常添加。"""
    added, refused = words.add(db.session, "\n".join(lines), knowledge_base(current_app))
    db.session.commit()
    for line in added:
        click.echo(f"已添加：{line}")
    for item in refused:
        click.echo(f"未添加：{item.line}：{item.message}", err=True)
    if added:
        click.echo("运行 python run.py mine-words rebuild（或 init）重建索引后生效。", err=True)
    if refused:
        raise SystemExit(1)


@mine_words_group.command("remove")
@click.argument("word_id", type=int)
@with_appcontext
def remove_command(word_id: int) -> None:
    """按编号删除一行（编号见 list）。"""
    line = words.remove(db.session, word_id)
    db.session.commit()
    if line is None:
        raise click.ClickException(f"没有编号为 {word_id} 的说法")
    click.echo(f"已删除：{line}。运行 python run.py mine-words rebuild（或 init）重建索引后生效。")


@mine_words_group.command("rebuild")
@with_appcontext
def rebuild_command() -> None:
    """用现有的本矿用语重建检索索引（在旁边建好再切换，期间检索照常）；页面上的“重建索引”也运行它。"""
    try:
        count = word_rebuild.run(current_app._get_current_object())
    except Exception as exc:
        raise click.ClickException(f"重建失败：{describe_failure(exc)}") from exc
    click.echo(f"检索索引已重建：{count} 条，本矿用语 {len(words.stored_lines(db.session))} 行已生效。")
