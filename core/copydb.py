"""`python run.py copy-db --to postgresql://…`: move a mine's data from the database it runs on
(the embedded SQLite file) into an empty PostgreSQL database.

Everything happens in one transaction of the target: its schema is migrated to the current
revision (the migrations `init` runs; PostgreSQL's DDL is transactional), every table's rows
are copied in dependency order in batches (a column pointing into its own table, such as a
document's newer version, is filled in after the table's rows), each sequence is moved past
the largest id, and the row counts of both sides are compared. Any error rolls it all back, so
the target is left as empty as it was. The source is only read; the server must be stopped so
that nothing is written meanwhile. The search index is derived data: `init` on the target
brings it up to date (and builds PostgreSQL's search tables when SEARCH_BACKEND=postgres).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import Connection, Engine, MetaData, Table, bindparam, create_engine, func, inspect, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from core import running
from core.db import VERSION_TABLE, database_revisions, migration_heads

BATCH = 1000
UNDONE = "：已全部撤销，目标数据库保持原样"

Progress = Callable[[str, int], AbstractContextManager[Any]]


class CopyError(Exception):
    """A copy that cannot be done or did not come out whole; the message says why, in Chinese."""


@dataclass(frozen=True)
class Copied:
    """One table: its rows in the source and, after the copy, in the target."""

    table: str
    source: int
    target: int


def target_url(raw: str) -> URL:
    """The target's URL, with the driver the app uses (`postgresql://` means psycopg 3)."""
    if raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw.removeprefix("postgresql://")
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise CopyError(f"无法识别的数据库地址：{raw}（应为 postgresql://用户:密码@主机:端口/库名）") from exc
    if url.get_backend_name() != "postgresql":
        raise CopyError("--to 应是 PostgreSQL 数据库地址（postgresql://用户:密码@主机:端口/库名）")
    return url


def _same_database(a: URL, b: URL) -> bool:
    keep = ("host", "port", "database")
    return a.get_backend_name() == b.get_backend_name() and all(getattr(a, k) == getattr(b, k) for k in keep)


def _check_source(source: Connection, heads: set[str]) -> None:
    revision = database_revisions(source)
    if not revision:
        raise CopyError("当前数据库尚未初始化（没有迁移版本）：没有可复制的数据")
    if revision != heads:
        raise CopyError(f"当前数据库的版本（{','.join(sorted(revision))}）不是本程序的最新版本："
                        "请先运行 python run.py init 升级，再复制")


def _refuse_unless_empty(target: Connection) -> None:
    """Only an empty database is filled: tables without rows (a migrated, unused one) are fine."""
    filled = []
    for name in inspect(target).get_table_names():
        if name != VERSION_TABLE and (rows := target.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar()):
            filled.append(f"{name} {rows} 行")
    if filled:
        shown = "，".join(filled[:5]) + ("…" if len(filled) > 5 else "")
        raise CopyError(f"目标数据库不是空的（{shown}）：不会覆盖已有数据。"
                        "请新建一个空数据库（CREATE DATABASE …）再复制")


def _check_schema(target: Connection, metadata: MetaData) -> None:
    tables = set(inspect(target).get_table_names()) - {VERSION_TABLE}
    missing, extra = set(metadata.tables) - tables, tables - set(metadata.tables)
    if missing or extra:
        raise CopyError(f"迁移后目标数据库的表与程序不一致（缺少 {sorted(missing)}，多出 {sorted(extra)}）")


def _forward_references(table: Table, done: set[str]) -> list[str]:
    """Columns pointing into a table not copied before this one: their own table (a document's
    newer version) or one that points back (a question's current version)."""
    return [c.key for c in table.columns if any(fk.column.table.name not in done for fk in c.foreign_keys)]


def _copy_table(source: Connection, target: Connection, table: Table, done: set[str], batch: int,
                advance: Callable[[int], Any]) -> Callable[[], None]:
    """Copy one table's rows in batches, forward references left empty; returns what sets them
    (run once every table is in)."""
    later = _forward_references(table, done)
    keys = list(table.primary_key.columns)
    pending: list[dict[str, Any]] = []
    result = source.execution_options(yield_per=batch).execute(select(table).order_by(*keys))
    for rows in result.mappings().partitions(batch):
        values = [dict(row) for row in rows]
        for row in values:
            if later and any(row[k] is not None for k in later):
                pending.append({f"key_{c.key}": row[c.key] for c in keys} | {f"set_{k}": row[k] for k in later})
                row.update(dict.fromkeys(later, None))
        target.execute(table.insert(), values)
        advance(len(values))
    update = table.update().where(*(c == bindparam(f"key_{c.key}") for c in keys))

    def fill_in() -> None:
        for start in range(0, len(pending), batch):
            target.execute(update.values({k: bindparam(f"set_{k}") for k in later}), pending[start:start + batch])

    return fill_in


def _reset_sequences(target: Connection, tables: Iterable[Table]) -> None:
    """Each serial id continues after the largest copied id (PostgreSQL)."""
    if target.dialect.name != "postgresql":
        return
    for table in tables:
        for column in table.primary_key.columns:
            sequence = target.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                      {"t": table.name, "c": column.name}).scalar()
            if sequence:
                target.execute(text(f'SELECT setval(:s, COALESCE((SELECT MAX("{column.name}") FROM "{table.name}"), 0)'
                                    " + 1, false)"), {"s": sequence})


def copy_database(source: Engine, target: Engine, metadata: MetaData, migrate: Callable[[Connection], None],
                  heads: set[str], progress: Progress, batch: int = BATCH,
                  starting: Callable[[], None] = lambda: None) -> list[Copied]:
    """Copy every table of `metadata` from `source` into the empty `target` (migrated first by
    `migrate(connection)`), all in one transaction; returns the rows per table on both sides.
    `starting()` is called once both databases were checked, before the work begins (the
    command says what it is doing only then)."""
    if _same_database(source.url, target.url):
        raise CopyError("目标数据库就是当前使用的数据库")
    tables = metadata.sorted_tables
    step = "连接数据库"
    try:
        with source.connect() as src, target.connect() as dst:
            _check_source(src, heads)
            with dst.begin():  # schema and rows land together, or nothing does
                _refuse_unless_empty(dst)
                starting()
                step = "迁移目标数据库的表结构"
                migrate(dst)
                _check_schema(dst, metadata)
                counts = {t.name: src.execute(select(func.count()).select_from(t)).scalar() for t in tables}
                with progress("复制数据", sum(counts.values())) as bar:
                    done: set[str] = set()
                    fill_ins = []
                    for table in tables:
                        step = f"复制表 {table.name}"
                        fill_ins.append((table.name, _copy_table(src, dst, table, done, batch, bar.update)))
                        done.add(table.name)
                for name, fill_in in fill_ins:
                    step = f"补全表 {name} 的引用"
                    fill_in()
                step = "重设编号序列"
                _reset_sequences(dst, tables)
                copied = [Copied(t.name, counts[t.name], dst.execute(select(func.count()).select_from(t)).scalar())
                          for t in tables]
                if wrong := [c for c in copied if c.source != c.target]:
                    raise CopyError("复制后行数不一致：" + "，".join(f"{c.table} {c.source}→{c.target}" for c in wrong)
                                    + UNDONE)
    except DBAPIError as exc:
        detail = (str(exc.orig).strip().splitlines() or [""])[0] if exc.orig is not None else str(exc)
        raise CopyError(f"{step}时出错（{detail}）{UNDONE}") from exc
    return copied


# -- the command --------------------------------------------------------------------------------


def _bar(label: str, total: int) -> AbstractContextManager[Any]:
    return click.progressbar(length=max(total, 1), label=label, file=sys.stderr, show_percent=True, show_pos=True)


def _migrate_on(connection: Connection) -> None:
    from alembic import command

    migrate = current_app.extensions["migrate"]
    config = migrate.migrate.get_config(migrate.directory)
    config.attributes["connection"] = connection
    command.upgrade(config, "heads")


def _shown(url: URL) -> str:
    return url.render_as_string(hide_password=True).replace("postgresql+psycopg://", "postgresql://")


@click.command("copy-db")
@click.option("--to", "to", required=True, metavar="postgresql://…",
              help="目标 PostgreSQL 数据库地址（须为空库），例如 postgresql://banzu:密码@127.0.0.1:5432/banzu")
@click.option("--batch", default=BATCH, show_default=True, hidden=True)
@with_appcontext
def copy_db_command(to: str, batch: int) -> None:
    """把当前数据库（如内置 SQLite）的全部数据复制到一个空的 PostgreSQL 数据库（先停止服务）。"""
    from core.db import db

    url = target_url(to)
    source = db.engine
    if source.dialect.name != "sqlite":
        click.echo(f"当前数据库是 {source.dialect.name}（不是内置 SQLite），同样照表复制。", err=True)
    target = create_engine(url)
    data_dir = current_app.config["DATA_DIR"]

    def starting() -> None:  # said once the server is known stopped and the target empty
        click.echo(f"正在迁移目标数据库 {_shown(url)} 的表结构并复制数据…", err=True)

    try:
        with running.alone(data_dir, "迁移"):  # what a running server wrote after the copy would be lost
            copied = copy_database(source, target, db.metadata, _migrate_on, migration_heads(), _bar, batch,
                                   starting=starting)
    except running.FolderInUse:
        raise CopyError(f"服务正在使用数据目录（{data_dir}）：先停止服务再复制（例如 systemctl stop banzu），"
                        "否则复制之后的改动不会进入 PostgreSQL") from None
    finally:
        target.dispose()
    filled = [c for c in copied if c.source]
    width = max((len(c.table) for c in filled), default=0)
    click.echo("各表行数（当前数据库 → PostgreSQL）：")
    for c in filled:
        click.echo(f"  {c.table:<{width}}  {c.source:>8} → {c.target}")
    click.echo(f"复制完成：{len(copied)} 张表共 {sum(c.target for c in copied)} 行，两边行数一致"
               f"（{len(copied) - len(filled)} 张表为空）。当前数据库未作改动。")
    click.echo("下一步：\n"
               f"  1. 在服务的配置中设置 DATABASE_URL={_shown(url)}{'（*** 处换成密码）' if url.password else ''}，"
               "DATA_DIR 保持不变"
               "（上传文件和密钥仍在其中）；\n"
               "  2. 带着这个 DATABASE_URL 运行 python run.py init：它检查管理员并让检索索引与数据库一致"
               "（设置了 SEARCH_BACKEND=postgres 时在 PostgreSQL 中建好检索表；也可运行 python run.py reindex 重建）；\n"
               "  3. 启动服务，用原来的工号和密码登录核对。原 SQLite 文件不再使用，核对无误后自行归档。")


def init_app(app: Flask) -> None:
    """Register the copy-db command."""
    app.cli.add_command(copy_db_command)
