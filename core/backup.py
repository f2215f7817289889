"""`python run.py backup DEST` and `python run.py restore SRC` for the embedded SQLite setup.

A backup is one `.tar.gz` file holding:

- `database.sqlite3`: an online snapshot taken with SQLite's backup API in one step, inside one
  read transaction: consistent while the server runs (WAL: writers are not blocked, and what
  they have not committed is not in it), converted to a self-contained file (no -wal);
- `uploads/…`: DATA_DIR/uploads (library sources, pending imports);
- `secret_key`: DATA_DIR/secret_key, which signs sessions (when SECRET_KEY is not set instead);
- `manifest.json` (last): format, migration revision, time (UTC), rows per table, upload files.

The search index is not in it: it derives from the database, and restore rebuilds it. Restore
unpacks into a staging folder inside DATA_DIR, checks the manifest (a revision this code knows,
the row counts, SQLite's quick_check) and only then replaces anything; it refuses a data folder
that already holds data unless forced, and migrates a backup of an older version forward.
PostgreSQL is backed up with pg_dump (docs/deployment.md); these commands say so.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import sys
import tarfile
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from core import clock, running

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database.sqlite3"
SECRET_KEY = "secret_key"
UPLOADS = "uploads"
# Derived from the database and rebuilt after a restore (kb keeps its Whoosh index here).
DERIVED = ("index",)
PG_MESSAGE = (
    "当前使用 PostgreSQL（DATABASE_URL）：请用 pg_dump / pg_restore 备份和恢复数据库，"
    "步骤见 docs/deployment.md 的“备份与恢复”一节；{command} 命令只用于内置的 SQLite 数据库。"
)
# Shown after a restore; tables a version lacks are left out.
SUMMARY = (("users", "人员"), ("questions", "题目"), ("attempts", "答卷"), ("documents", "文档"))

Progress = Callable[[str, int], AbstractContextManager[Any]]


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in Chinese."""


@dataclass(frozen=True)
class Layout:
    """Where the data lives: the SQLite file (None for PostgreSQL) and DATA_DIR."""

    database: Path | None
    data_dir: Path

    @classmethod
    def of(cls, config: dict[str, Any]) -> Layout:
        url = make_url(config["SQLALCHEMY_DATABASE_URI"])
        database = None
        if url.get_backend_name() == "sqlite":
            if not url.database or url.database == ":memory:":
                raise BackupError("内存数据库无法备份或恢复。")
            database = Path(url.database).resolve()
        return cls(database, Path(config["DATA_DIR"]))


def sqlite_layout(config: dict[str, Any], command: str) -> Layout:
    """The layout of an embedded (SQLite) setup; PostgreSQL is told to use pg_dump."""
    layout = Layout.of(config)
    if layout.database is None:
        raise BackupError(PG_MESSAGE.format(command=command))
    return layout


class _Reading:
    """A file whose reads advance a progress bar (tarfile reads in chunks)."""

    def __init__(self, file: BinaryIO, advance: Callable[[int], Any]) -> None:
        self.file, self.advance = file, advance

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.advance(len(data))
        return data


def _no_progress(_label: str, _total: int) -> AbstractContextManager[Any]:
    class Bar:
        def update(self, _n: int) -> None:
            pass

    return nullcontext(Bar())


# -- the database -------------------------------------------------------------------------------


def _snapshot(source: Path, target: Path, busy_ms: int) -> None:
    """Copy the live database consistently (one backup step = one read transaction)."""
    if not source.is_file():
        raise BackupError(f"找不到数据库文件：{source}（请先运行 python run.py init）")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=busy_ms / 1000)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file in the archive
    finally:
        dst.close()
        src.close()


def _inspect(path: Path) -> tuple[str | None, dict[str, int]]:
    """(migration revision, rows per table) of a database file; raises when it is damaged."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if (check := conn.execute("PRAGMA quick_check").fetchone()[0]) != "ok":
            raise BackupError(f"数据库文件已损坏（{check}）")
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        counts = {name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}
        revision = None
        if "alembic_version" in counts:  # one row per head: "a,b" while two branches are unmerged
            rows = sorted(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
            revision = ",".join(rows) or None
        return revision, counts
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"数据库文件无法读取（{exc}）") from exc
    finally:
        conn.close()


def _has_tables(path: Path) -> bool:
    if not path.is_file() or path.stat().st_size == 0:
        return False
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0
    finally:
        conn.close()


# -- backup -------------------------------------------------------------------------------------


def archive_path(dest: Path, now: datetime) -> Path:
    """DEST itself when it names a .tar.gz file, or a file inside an existing folder named with
    the mine's local date and time (BANZU_TIMEZONE, as pages show times, whatever the machine's zone)."""
    if dest.is_dir():
        return dest / f"banzu-backup-{now.astimezone(clock.ZONE):%Y%m%d-%H%M%S}.tar.gz"  # the mine's time
    if not dest.name.endswith(".tar.gz"):
        raise BackupError(f"备份目标应是已有的文件夹或以 .tar.gz 结尾的文件名：{dest}")
    if dest.exists():
        raise BackupError(f"备份文件已存在，不会覆盖：{dest}")
    if not dest.parent.is_dir():
        raise BackupError(f"找不到文件夹：{dest.parent}")
    return dest


def _upload_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def backup(config: dict[str, Any], dest: Path, progress: Progress = _no_progress,
           now: datetime | None = None) -> tuple[Path, dict[str, Any]]:
    """Write a backup of the database, uploads and secret key; returns (archive, manifest)."""
    layout = sqlite_layout(config, "backup")
    now = now or datetime.now(UTC)
    target = archive_path(dest, now)
    partial = target.with_name(target.name + ".part")
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".banzu-backup-") as work:
        snapshot = Path(work) / DATABASE
        _snapshot(layout.database, snapshot, int(config.get("SQLITE_BUSY_TIMEOUT_MS", 5000)))
        revision, counts = _inspect(snapshot)
        if revision is None:
            raise BackupError("数据库尚未初始化（没有迁移版本）：请先运行 python run.py init")
        uploads = _upload_files(layout.data_dir / UPLOADS)
        key = layout.data_dir / SECRET_KEY
        files = [(snapshot, DATABASE)] + [(p, f"{UPLOADS}/{p.relative_to(layout.data_dir / UPLOADS).as_posix()}")
                                         for p in uploads]
        if key.is_file():
            files.append((key, SECRET_KEY))
        total = sum(_size(p) for p, _ in files)
        archived, archived_bytes = 0, 0
        try:
            # The archive holds the secret key: readable by this account only.
            with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out, \
                    tarfile.open(fileobj=out, mode="w:gz", compresslevel=6) as tar, \
                    progress("写入备份", total) as bar:
                for path, name in files:
                    try:
                        info = tar.gettarinfo(path, name)
                        with path.open("rb") as file:
                            tar.addfile(info, _Reading(file, bar.update))
                    except FileNotFoundError:  # a pending upload removed meanwhile: it was never data
                        continue
                    if name.startswith(UPLOADS + "/"):
                        archived, archived_bytes = archived + 1, archived_bytes + info.size
                manifest = {
                    "format": FORMAT,
                    "application": "banzu",
                    "created_at": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "revision": revision,
                    "tables": counts,
                    "uploads": {"files": archived, "bytes": archived_bytes},
                    "secret_key": key.is_file(),
                    "index": "not included: rebuilt from the database on restore",
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
                tar.addfile(info, io.BytesIO(data))
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return target, manifest


# -- restore ------------------------------------------------------------------------------------


def holds_data(layout: Layout) -> bool:
    """True when the data folder has a database with tables or any uploaded file (a fresh
    secret key, made by any command that starts the app, and the derived index do not count)."""
    return bool(layout.database and _has_tables(layout.database)) or bool(_upload_files(layout.data_dir / UPLOADS))


def _member_path(staging: Path, member: tarfile.TarInfo) -> Path:
    """Where a member of the archive goes; refuses anything but our own plain files and folders."""
    name = PurePosixPath(member.name)
    allowed = name.parts and (name.parts[0] in (MANIFEST, DATABASE, SECRET_KEY) and len(name.parts) == 1
                              or name.parts[0] == UPLOADS)
    if not allowed or name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
        raise BackupError(f"备份文件中有不应出现的条目：{member.name}（不是本系统的备份，或已被改动）")
    return staging.joinpath(*name.parts)


def _unpack(source: Path, staging: Path, progress: Progress) -> None:
    if not source.is_file():
        raise BackupError(f"找不到备份文件：{source}")
    try:
        with source.open("rb") as raw, progress("读取备份", source.stat().st_size) as bar, \
                tarfile.open(fileobj=_Reading(raw, bar.update), mode="r|gz") as tar:
            for member in tar:
                path = _member_path(staging, member)
                if member.isdir():
                    path.mkdir(parents=True, exist_ok=True)
                    continue
                path.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as data, path.open("wb") as out:
                    shutil.copyfileobj(data, out)
    except (tarfile.TarError, EOFError, OSError) as exc:
        if isinstance(exc, OSError) and exc.filename:
            raise
        raise BackupError(f"备份文件已损坏或不完整（{exc}）：{source}") from exc


def _check(staging: Path, known: set[str]) -> dict[str, Any]:
    """The manifest, after checking it against the staged files and this code's migrations."""
    try:
        manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError("备份中没有可读的 manifest.json（不完整，或不是本系统的备份）") from exc
    if manifest.get("application") != "banzu" or manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式（format {manifest.get('format')!r}）")
    if not set(str(manifest.get("revision")).split(",")) <= known:
        raise BackupError(f"备份来自更新版本的程序（数据库版本 {manifest.get('revision')}）：请先升级程序再恢复")
    if not (staging / DATABASE).is_file():
        raise BackupError("备份中没有数据库文件")
    revision, counts = _inspect(staging / DATABASE)
    if revision != manifest["revision"] or counts != manifest.get("tables"):
        raise BackupError("备份中的数据库与 manifest.json 的记录不符（备份不完整或已被改动）")
    uploads = _upload_files(staging / UPLOADS)
    if len(uploads) != manifest.get("uploads", {}).get("files"):
        raise BackupError("备份中的上传文件数与 manifest.json 的记录不符（备份不完整或已被改动）")
    return manifest


def _copy_database(source: Path, target: Path, busy_ms: int) -> None:
    """Write the database through SQLite (its backup API), so a -wal beside the target is
    handled by SQLite rather than left to replay over the restored pages."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=busy_ms / 1000)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def restore(config: dict[str, Any], source: Path, known_revisions: set[str], *, force: bool = False,
            progress: Progress = _no_progress) -> dict[str, Any]:
    """Put a backup's database, uploads and secret key in place and drop the derived index;
    returns the manifest. The caller stops using the database first and migrates afterwards."""
    layout = sqlite_layout(config, "restore")
    if not force and holds_data(layout):
        raise BackupError(f"数据目录中已有数据（{layout.data_dir}）：恢复会覆盖它。确认要覆盖请加 --force")
    layout.data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=layout.data_dir, prefix=".restore-"))
    try:
        _unpack(source, staging, progress)
        manifest = _check(staging, known_revisions)
        _copy_database(staging / DATABASE, layout.database, int(config.get("SQLITE_BUSY_TIMEOUT_MS", 5000)))
        uploads = layout.data_dir / UPLOADS
        if uploads.exists():
            uploads.rename(staging / "replaced-uploads")  # deleted with the staging folder
        (staging / UPLOADS).mkdir(exist_ok=True)
        (staging / UPLOADS).rename(uploads)
        if (staging / SECRET_KEY).is_file():
            (staging / SECRET_KEY).chmod(0o600)
            os.replace(staging / SECRET_KEY, layout.data_dir / SECRET_KEY)
        for name in DERIVED:
            if (layout.data_dir / name).exists():
                shutil.rmtree(layout.data_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


# -- commands -----------------------------------------------------------------------------------


def _bar(label: str, total: int) -> AbstractContextManager[Any]:
    return click.progressbar(length=max(total, 1), label=label, file=sys.stderr, show_percent=True)


def _migrations() -> tuple[set[str], set[str]]:
    """(head revisions, every revision) of this code's migrations."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(current_app.extensions["migrate"].directory)
    return set(script.get_heads()), {r.revision for r in script.walk_revisions()}


@click.command("backup")
@click.argument("dest", type=click.Path(path_type=Path))
@with_appcontext
def backup_command(dest: Path) -> None:
    """在线备份数据库、上传文件和密钥到一个 .tar.gz 文件（DEST 为文件名，或已有的文件夹）。"""
    sqlite_layout(current_app.config, "backup")
    archive_path(dest, datetime.now(UTC))  # refuse a wrong target before saying anything is under way
    click.echo("正在复制数据库（在线一致快照）…", err=True)
    archive, manifest = backup(current_app.config, dest, progress=_bar)
    rows = sum(manifest["tables"].values())
    click.echo(f"备份完成：{archive}（数据库版本 {manifest['revision']}，{len(manifest['tables'])} 张表 {rows} 行，"
               f"上传文件 {manifest['uploads']['files']} 个；检索索引不备份，恢复时重建）")


@click.command("restore")
@click.argument("src", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="覆盖已有数据的数据目录。")
@with_appcontext
def restore_command(src: Path, force: bool) -> None:
    """从 backup 生成的 .tar.gz 恢复到数据目录（先停止服务），迁移到当前版本并重建检索索引。"""
    from flask_migrate import upgrade

    from core.db import db

    layout = sqlite_layout(current_app.config, "restore")
    heads, known = _migrations()
    # A running server would go on with the restored database under it, and its later writes
    # would mix with the backup's: refuse while one holds the folder, and keep one from starting.
    with running.alone(layout.data_dir):
        db.session.remove()
        db.engine.dispose()  # no pooled connection may outlive the database it was opened on
        manifest = restore(current_app.config, src, known, force=force, progress=_bar)
        db.engine.dispose()
        if set(manifest["revision"].split(",")) != heads:
            click.echo(f"备份来自较早的版本（{manifest['revision']}），正在迁移到当前版本…", err=True)
        upgrade(directory=current_app.extensions["migrate"].directory, revision="heads")
        for step in current_app.extensions.get("upgrade_steps", []):  # as init does: the index is rebuilt here
            step()
    counts = manifest["tables"]
    shown = "，".join(f"{label} {counts[table]}" for table, label in SUMMARY if table in counts)
    click.echo(f"恢复完成（备份时间 {manifest['created_at']}）：{shown}，上传文件 {manifest['uploads']['files']} 个。"
               "请重新启动服务。")


def init_app(app: Flask) -> None:
    """Register the backup and restore commands."""
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
