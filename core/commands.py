"""The command-line group: expected failures end as one Chinese line on stderr, never a traceback.

Every command of `python run.py` runs inside `CommandGroup.invoke`. An error a person can cause
and fix (a missing file, a full disk, a busy database, a domain error such as a bad sheet) is
printed as `错误：…` with exit status 1; anything else is a bug and keeps its traceback. A usage
error (a missing argument, a file that does not exist, an unknown option) is `错误：…` in
Chinese too, with exit status 2 (click's own for usage errors). The group lists and runs the
project's commands only (plus Flask-Migrate's `db`, documented for `db upgrade`: both with Chinese help,
the other `db` subcommands unlisted), not Flask's development commands and options. The import commands end by `fail_if_not_taken`.
"""

from __future__ import annotations

import copy
import errno
import logging
import re
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


def fail_if_not_taken(failed: dict[str, int]) -> None:
    """The exit rule of the import commands (ingest, import-questions, import-roster), called
    after the report is printed: when any input was not taken in (a path missing, a file
    unreadable or refused, a row with an error) the command ends with `错误：…` and status 1,
    so a script notices; status 0 only when everything given was taken in. Unchanged files,
    duplicate rows and skipped README/LICENSE files are not failures. `failed` maps a unit
    (个文件, 行) to its count."""
    parts = [f"{count} {unit}" for unit, count in failed.items() if count]
    if parts:
        raise CommandError(f"{'、'.join(parts)}未能导入（见上面的报告）")


# click's usage messages, in Chinese: the type checks' messages, read by their fixed English form.
_PATH_PROBLEMS = {
    "does not exist": "不存在", "is a file": "是文件，这里要的是文件夹", "is a directory": "是文件夹，这里要的是文件",
    "is not readable": "没有读取权限", "is not writable": "没有写入权限", "is not executable": "不能执行",
}
_PATH_KINDS = {"File": "文件", "Directory": "文件夹", "Path": "路径"}
_NUMBER_KINDS = {"integer": "整数", "float": "数字", "boolean": "是/否"}
_VALUE_PROBLEMS = (
    (re.compile(r"^(File|Directory|Path) (.+) (" + "|".join(_PATH_PROBLEMS) + r")\.$", re.S),
     lambda m: f"{_PATH_KINDS[m[1]]} {m[2]} {_PATH_PROBLEMS[m[3]]}"),
    (re.compile(r"^(.+) is not a valid (integer|float|boolean)\.$", re.S), lambda m: f"{m[1]} 不是{_NUMBER_KINDS[m[2]]}"),
    (re.compile(r"^(.+) does not match the formats? (.+)\.$", re.S), lambda m: f"{m[1]} 的格式不对（应为 {m[2]}）"),
    (re.compile(r"^(.+) is not (?:one of )?(.+)\.$", re.S), lambda m: f"{m[1]} 不是可选的值（可选：{m[2]}）"),
)


def _param_name(param: click.Parameter | None, ctx: click.Context | None) -> str:
    if param is None:
        return ""
    if isinstance(param, click.Option):
        return " / ".join(param.opts)
    hint = param.get_error_hint(ctx) if ctx is not None else (param.name or "").upper()
    return hint.strip("'")


def usage_message(exc: click.UsageError) -> str:
    """A click usage error in Chinese: what is missing or wrong, naming the argument or option."""
    if isinstance(exc, click.MissingParameter):
        name = _param_name(exc.param, exc.ctx)
        kind = "选项" if isinstance(exc.param, click.Option) else "参数"
        return f"缺少{kind} {name}" if name else "缺少参数"
    if isinstance(exc, click.NoSuchOption):
        hint = f"（你是不是要：{'、'.join(sorted(exc.possibilities))}）" if exc.possibilities else ""
        return f"没有这个选项：{exc.option_name}{hint}"
    if isinstance(exc, click.BadOptionUsage):
        if "requires" in exc.message and "argument" in exc.message:
            return f"选项 {exc.option_name} 后面要写一个值"
        return f"选项 {exc.option_name} 用法不对"
    if isinstance(exc, click.BadParameter):
        name = exc.param_hint if isinstance(exc.param_hint, str) else _param_name(exc.param, exc.ctx)
        text = exc.message
        for pattern, say in _VALUE_PROBLEMS:
            match = pattern.match(text)
            if match:
                text = say(match)
                break
        return f"{name.strip(chr(39))}：{text}" if name else text
    message = exc.message
    if message.startswith("No such command"):
        return f"没有这个命令：{message.removeprefix('No such command').strip(chr(39) + ' .')}"
    if message.startswith("Got unexpected extra argument"):
        return f"多余的参数：{message.split('(', 1)[-1].rstrip(')')}"
    if message == "Missing command.":
        return "缺少命令"
    return message


def first_sentence(text: str) -> str:
    """The first sentence of a command's help (up to the first 。 of its first paragraph)."""
    paragraph = "".join(line.strip() for line in text.strip().split("\n\n")[0].splitlines())
    head, stop, _ = paragraph.partition("。")
    return head + stop


class UsageProblem(click.UsageError):
    """A usage error shown as `错误：…` in Chinese and where to read the command's usage; exit status 2."""

    def show(self, file=None) -> None:
        words = ["python run.py", *(self.ctx.command_path.split()[1:] if self.ctx is not None else []), "--help"]
        click.echo(f"错误：{self.format_message()}（用法见 {' '.join(words)}）", err=True)


def _chinese(exc: click.UsageError) -> UsageProblem:
    return exc if isinstance(exc, UsageProblem) else UsageProblem(usage_message(exc), exc.ctx)


# Commands from outside the project that the documents name (`python run.py db upgrade`, README), with
# their help and their options' in Chinese: {name: (help, {option: help}, {subcommand: the same})}. A group's
# subcommands the documents do not name still run but are not listed (`db migrate` for developers); Flask's
# own commands (run, shell, routes) and plugins' (limiter) are left out.
_MIGRATIONS_FOLDER = "迁移脚本所在的文件夹（默认 migrations）。"
_ENV_ARGUMENT = "传给迁移脚本 env.py 的附加参数。"
DOCUMENTED_FRAMEWORK_COMMANDS = {
    "db": ("数据库迁移（升级时用 db upgrade；通常运行 init 即可）。",
           {"directory": _MIGRATIONS_FOLDER, "x_arg": _ENV_ARGUMENT},
           {"upgrade": ("把数据库结构升级到最新版本（或给定的 REVISION）；init 也会做这一步。",
                        {"directory": _MIGRATIONS_FOLDER, "sql": "不改数据库，只把要执行的 SQL 打印出来。",
                         "tag": "传给迁移脚本 env.py 的标记名。", "x_arg": _ENV_ARGUMENT}, {})}),
}
FLASK_OPTIONS = ("env_file", "app", "debug")


def in_chinese(command: click.Command, said: tuple[str, dict, dict]) -> click.Command:
    """A copy of a framework command with its help, its options' help and its documented subcommands'
    in Chinese (`DOCUMENTED_FRAMEWORK_COMMANDS`), its other subcommands hidden."""
    text, options, subcommands = said
    command = copy.copy(command)
    command.help = command.short_help = text
    command.params = [copy.copy(p) for p in command.params]
    for param in command.params:
        if isinstance(param, click.Option) and param.name in options:
            param.help = options[param.name]
    if isinstance(command, click.Group):
        command.commands = {name: in_chinese(sub, subcommands[name]) if name in subcommands else _hidden(sub)
                            for name, sub in command.commands.items()}
    return command


def _hidden(command: click.Command) -> click.Command:
    command = copy.copy(command)
    command.hidden = True
    return command


HELP_OPTION_TEXT = "显示此帮助并退出。"

# click's own words in a help page (it writes them in English whatever the language).
_HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
_USAGE_WORDS = {"[OPTIONS]": "[选项]", "COMMAND": "命令", "[COMMAND]": "[命令]", "[ARGS]...": "[参数]..."}
_NOTES = re.compile(r"\[([^\[\]]*)\]$")
_NOTE_WORDS = (("default: ", "默认："), ("env var: ", "环境变量："), ("required", "必填"))


class ChineseHelpFormatter(click.HelpFormatter):
    """A help page with click's headings and notes in Chinese: 用法、选项、命令、[默认：…]."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = " ".join(_USAGE_WORDS.get(word, word) for word in args.split(" "))
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:  # noqa: ANN001
        super().write_dl([(term, _in_chinese_words(text)) for term, text in rows], col_max, col_spacing)


def _in_chinese_words(text: str) -> str:
    """An option's help with click's trailing notes ([default: 20; x>=1; required]) in Chinese."""
    def notes(match: re.Match) -> str:
        items = []
        for item in match[1].split("; "):
            for english, chinese in _NOTE_WORDS:
                item = item.replace(english, chinese, 1) if item.startswith(english) else item
            items.append(item)
        return f"[{'；'.join(items)}]"
    return _NOTES.sub(notes, text)


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter


def _chinese_help_option(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = HELP_OPTION_TEXT
    return option


def with_chinese_help(command: click.Command) -> click.Command:
    """The command, and every subcommand of a group, describing --help in Chinese (click writes
    "Show this message and exit." whatever the language)."""
    if getattr(command, "_chinese_help", False):
        return command
    original = command.get_help_option
    command.get_help_option = lambda ctx: _chinese_help_option(original(ctx))  # type: ignore[method-assign]
    command.context_class = ChineseContext
    command._chinese_help = True  # type: ignore[attr-defined]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            with_chinese_help(sub)
    return command


class CommandGroup(FlaskGroup):
    """Flask's command group with the project's commands only, turning expected failures of any
    command into a `CommandError` and usage errors into Chinese."""

    context_class = ChineseContext

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_default_commands", False)
        kwargs.setdefault("add_version_option", False)
        super().__init__(*args, **kwargs)
        self.params = [p for p in self.params if p.name not in FLASK_OPTIONS]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _chinese_help_option(super().get_help_option(ctx))

    def _own(self, command: click.Command | None, name: str) -> click.Command | None:
        if command is None:
            return None
        if name in DOCUMENTED_FRAMEWORK_COMMANDS:
            return with_chinese_help(in_chinese(command, DOCUMENTED_FRAMEWORK_COMMANDS[name]))
        module = getattr(command.callback, "__module__", "") or ""
        return with_chinese_help(command) if module.split(".")[0] in OWN_PACKAGES else None

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._own(super().get_command(ctx, name), name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in super().list_commands(ctx) if self.get_command(ctx, name) is not None]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with its first sentence, whole: click's 45-character cut leaves a Chinese
        sentence (no spaces to cut at) as "…"."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.short_help or first_sentence(command.help or "")))
        if rows:
            with formatter.section("命令"):
                formatter.write_dl(rows)

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:  # noqa: ANN001
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except UsageProblem:
            raise
        except click.UsageError as exc:
            raise _chinese(exc) from exc

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _chinese(exc) from exc
        except (click.exceptions.Exit, click.Abort, CommandError):
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
