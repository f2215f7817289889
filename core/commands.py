"""The command-line group: expected failures end as one Chinese line on stderr, never a traceback.

Every command of `python run.py` runs inside `CommandGroup.invoke`. An error a person can cause
and fix (a missing file, a full disk, a busy database, a domain error such as a bad sheet) is
printed as `错误：…` with exit status 1; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import zipfile
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

import click
from flask.cli import FlaskGroup
from sqlalchemy.exc import DBAPIError

from core.db import BUSY_MESSAGE, is_transient

log = logging.getLogger(__name__)

# Exceptions defined in these packages are domain errors whose message is meant for people.
OWN_PACKAGES = ("core", "accounts", "corpus", "kb", "quiz")


class CommandError(click.ClickException):
    """An expected failure of a command: `错误：message` on stderr, exit status 1."""

    def show(self, file=None) -> None:
        click.echo(f"错误：{self.format_message()}", err=True)


def _os_message(exc: OSError) -> str:
    where = f"：{exc.filename}" if exc.filename else ""
    if isinstance(exc, FileNotFoundError):
        return f"找不到文件或文件夹{where}"
    if isinstance(exc, PermissionError):
        return f"没有权限读写{where}"
    if isinstance(exc, IsADirectoryError):
        return f"这是文件夹，不是文件{where}"
    if exc.errno == errno.ENOSPC:
        return f"磁盘空间不足{where}"
    if exc.errno == errno.EADDRINUSE:
        return "端口已被占用：请换一个 --port，或先停止占用它的程序"
    return f"读写文件出错{where}（{exc.strerror or exc}）"


def _database_message(exc: DBAPIError) -> str:
    if is_transient(exc):
        return BUSY_MESSAGE
    detail = (str(exc.orig).strip().splitlines() or [""])[0] if exc.orig is not None else ""
    if "no such table" in detail or ("relation" in detail and "does not exist" in detail):
        return "数据库尚未初始化或尚未升级：请先运行 python run.py init"
    if isinstance(exc.orig, sqlite3.OperationalError) or "connect" in detail or "connection" in detail:
        return f"无法使用数据库（{detail}）：请检查 DATABASE_URL 和数据目录"
    return f"数据库出错（{detail}）"


def describe(exc: BaseException) -> str | None:
    """The one-line message for an expected failure, or None when `exc` is a bug."""
    if isinstance(exc, OSError):
        return _os_message(exc)
    if isinstance(exc, DBAPIError):
        return _database_message(exc)
    if isinstance(exc, zipfile.BadZipFile):
        return f"文件已损坏或不是有效的 Office 文件（{exc}）"
    if isinstance(exc, ParseError | ExpatError):
        return f"文件中的 XML 无效或已损坏（{exc}）"
    if isinstance(exc, UnicodeError):
        return "文件的文字编码无法识别：请另存为 UTF-8 或 GBK"
    if type(exc).__module__.split(".")[0] in OWN_PACKAGES:
        message = getattr(exc, "message", None) or str(exc)
        return message.strip().splitlines()[0] if message.strip() else type(exc).__name__
    return None


class CommandGroup(FlaskGroup):
    """Flask's command group, turning expected failures of any command into a `CommandError`."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort, click.UsageError, CommandError):
            raise
        except click.ClickException as exc:  # a command's own message, shown in Chinese style
            raise CommandError(exc.format_message()) from exc
        except KeyboardInterrupt as exc:
            raise CommandError("已中断。") from exc
        except Exception as exc:
            message = describe(exc)
            if message is None:
                raise
            log.debug("Command failed", exc_info=True)
            raise CommandError(message) from exc
