"""Command-line errors a person can cause are one Chinese line on stderr and a non-zero exit."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from core.commands import describe
from core.sheets import SheetError
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """A DATA_DIR with an initialised SQLite database, shared by this module's commands."""
    folder = tmp_path_factory.mktemp("cli")
    result = _run(folder, "init")
    assert result.returncode == 0, result.stderr[-2000:]
    return folder


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"DATA_DIR": str(folder), "DATABASE_URL": f"sqlite:///{folder / 'cli.sqlite3'}", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "run.py", *args], cwd=ROOT, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=env, timeout=120)


@pytest.mark.parametrize(("args", "message"), [
    (("export-questions", "/nonexistent-folder/bank.xlsx"), "错误：找不到文件或文件夹：/nonexistent-folder/bank.xlsx"),
    (("unlock", "no-such-person"), "错误：没有工号为 no-such-person 的人员。"),
    (("corpus", "remove", "999"), "错误：没有编号为 999 的文档"),
    (("init", "--admin-password", "12345678"), "错误：--admin-password 不符合要求：这个密码太常见，很容易被猜到，请换一个。"),
])
def test_an_expected_error_is_one_line_and_a_failing_exit(data, args, message):
    result = _run(data, *args)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [message]


def test_an_uninitialised_database_is_one_line(tmp_path):
    result = _run(tmp_path, "export-questions", str(tmp_path / "bank.xlsx"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == ["错误：数据库尚未初始化或尚未升级：请先运行 python run.py init"]


def test_a_roster_that_is_not_a_sheet_is_one_line(data, tmp_path):
    bad = tmp_path / "roster.xlsx"
    bad.write_bytes(b"not a spreadsheet at all")
    result = _run(data, "import-roster", str(bad))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：")


def test_which_errors_are_expected():
    assert describe(FileNotFoundError(2, "No such file", "/x/y")) == "找不到文件或文件夹：/x/y"
    assert describe(PermissionError(13, "Permission denied", "/root/z")) == "没有权限读写：/root/z"
    assert describe(SheetError("找不到表头。")) == "找不到表头。"
    assert describe(zipfile.BadZipFile("File is not a zip file")).startswith("文件已损坏")
    locked = OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))
    assert "正忙" in describe(locked)
    assert describe(KeyError("bug")) is None  # a bug keeps its traceback
    assert describe(TypeError("bug")) is None


def _invoke(app, *args: str):
    """`python run.py ARGS` through click's runner, on the test app."""
    from click.testing import CliRunner
    from flask.cli import ScriptInfo

    from run import cli

    return CliRunner().invoke(cli, list(args), obj=ScriptInfo(create_app=lambda: app))


@pytest.mark.parametrize(("args", "expected"), [
    (("import-roster", "/nonexistent.xlsx"), "错误：FILE：文件 '/nonexistent.xlsx' 不存在"),
    (("import-questions", "/nonexistent.xlsx"), "错误：FILES...：文件 '/nonexistent.xlsx' 不存在"),
    (("import-questions",), "错误：缺少参数 FILES..."),
    (("ingest", "--bogus", "x"), "错误：没有这个选项：--bogus"),
    (("search", "-n", "many", "x"), "错误：-n：'many' 不是整数"),
    (("search", "--status", "old", "x"), "错误：--status：'old' 不是可选的值"),
    (("corpus", "mark-newer", "1", "x", "--effective", "2020/1/1"), "错误：--effective：'2020/1/1' 的格式不对"),
    (("unlock", "a", "b"), "错误：多余的参数：b"),
    (("no-such-command",), "错误：没有这个命令：no-such-command"),
    (("--debug",), "错误：没有这个选项：--debug"),
])
def test_a_usage_error_is_one_chinese_line_and_exit_2(app, args, expected):
    result = _invoke(app, *args)
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith(expected) and line.endswith("--help）")
    assert "Error" not in result.output and "Usage" not in result.output


def test_help_lists_the_project_commands_only_each_in_chinese(app):
    result = _invoke(app, "--help")
    assert result.exit_code == 0
    listed = result.output.split("命令：")[1]
    rows = [line.split(None, 1) for line in listed.splitlines() if line.startswith("  ") and line[2] != " "]
    names = [row[0] for row in rows]
    assert {"run", "shell", "routes", "limiter"}.isdisjoint(names)
    assert {"ingest", "import-questions", "import-roster", "db", "init", "backup"} <= set(names)
    for name, description in rows:
        assert re.search(r"[\u4e00-\u9fff]", description) and "..." not in description, name
    for framework in ("--env-file", "--app", "--debug", "dotenv"):
        assert framework not in result.output
    assert "没有这个命令" in _invoke(app, "shell").output


def _chinese_help(output: str) -> list[str]:
    """The help's description and option lines that are not in Chinese (click's own --help line aside)."""
    lines = [line for line in output.split("命令：")[0].splitlines()[1:] if line.strip()]
    return [line for line in lines if not line.startswith(("选项：", "  --help"))
            and not re.search(r"[\u4e00-\u9fff]", line)]


def test_db_and_db_upgrade_help_in_chinese_the_undocumented_subcommands_not_listed(app, data):
    """The README names `db upgrade` only: `db --help` lists it alone, both helps in Chinese; the others
    (`db migrate` for developers) still run."""
    group = _invoke(app, "db", "--help")
    assert group.exit_code == 0 and _chinese_help(group.output) == []
    listed = group.output.split("命令：")[1]
    assert [line.split()[0] for line in listed.splitlines() if line.strip()] == ["upgrade"]
    upgrade = _invoke(app, "db", "upgrade", "--help")
    assert upgrade.exit_code == 0 and _chinese_help(upgrade.output) == []
    assert "--sql" in upgrade.output and "Upgrade to a later version" not in upgrade.output
    assert "Display the current revision" in _invoke(app, "db", "current", "--help").output
    assert _run(data, "db", "upgrade").returncode == 0


def test_every_help_is_in_chinese_including_clicks_own_words(app):
    """Every listed command and subcommand's help: `--help` described as 显示此帮助并退出, and click's
    headings and notes (Usage:, Options:, Commands:, [default: …], [required]) in Chinese."""
    def listed(output: str) -> list[str]:
        if "命令：" not in output:
            return []
        rows = output.split("命令：")[1].splitlines()
        return [line.split()[0] for line in rows if line.startswith("  ") and line[2] != " "]

    pending, seen = [()], 0
    while pending:
        path = pending.pop()
        result = _invoke(app, *path, "--help")
        assert result.exit_code == 0, (path, result.output)
        assert "Show this message" not in result.output and "显示此帮助并退出" in result.output, path
        assert result.output.startswith("用法：") and "\n选项：\n" in result.output, path
        for english in ("Usage:", "Options:", "Commands:", "default:", "required]", "[OPTIONS]"):
            assert english not in result.output, (path, english)
        pending.extend((*path, name) for name in listed(result.output))
        seen += 1
    assert seen > 20


def _serve(folder: Path) -> subprocess.CompletedProcess:
    return _run(folder, "--port", "5999")  # it refuses before listening: a server would outlive the timeout


def test_the_server_does_not_start_on_a_database_never_initialised(tmp_path):
    """The default ./instance (DATA_DIR not set) may be created; the database in it is checked."""
    result = subprocess.run([sys.executable, str(ROOT / "run.py"), "--port", "5999"], cwd=tmp_path, capture_output=True,
                            text=True, stdin=subprocess.DEVNULL, env={"PATH": "/usr/bin:/bin"}, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == ["错误：数据库尚未初始化：请先运行 python run.py init"]


def test_the_server_does_not_start_on_a_data_dir_that_does_not_exist(tmp_path):
    """A typo in DATA_DIR (/srv/banzu/dta for /srv/banzu/data) would start an empty site with a new
    secret key, signing everyone out: the server refuses, names the folder and creates nothing."""
    typo = tmp_path / "srv" / "banzu" / "dta"
    result = _serve(typo)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"错误：数据目录 {typo} 不存在"), lines
    assert "python run.py init" in lines[0]
    assert not (tmp_path / "srv").exists()


def test_the_server_does_not_start_on_a_data_dir_without_its_database(tmp_path):
    result = _serve(tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(tmp_path / "cli.sqlite3") in lines[0] and "python run.py init" in lines[0], lines
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no secret key, no uploads folder, no empty database


def test_init_creates_a_data_dir_that_does_not_exist(tmp_path):
    folder = tmp_path / "new" / "data"
    result = _run(folder, "init", "--admin-password", "Banzu-Start-2024!")
    assert result.returncode == 0, result.stderr[-2000:]
    assert (folder / "cli.sqlite3").is_file() and (folder / "secret_key").is_file()


def test_the_server_does_not_start_on_a_database_older_than_the_program(data, tmp_path):
    """The program upgraded and `init` not run: every page touching a new column would be a 500."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(ROOT / "migrations"))
    older = script.get_revision(script.get_current_head()).down_revision
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "cli.sqlite3").write_bytes((data / "cli.sqlite3").read_bytes())
    (copy / "secret_key").write_bytes((data / "secret_key").read_bytes())
    # Taken down for real (not only relabelled): `init` then runs the newest migration on its own schema.
    down = _run(copy, "db", "downgrade", older if isinstance(older, str) else older[0])
    assert down.returncode == 0, down.stderr[-2000:]
    result = _serve(copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "错误：数据库尚未升级到本程序的版本（程序升级后还没有运行 init）：请先运行 python run.py init，已有数据保持不变"]
    assert _run(copy, "init").returncode == 0


def test_the_server_does_not_start_on_a_database_newer_than_the_program(data, tmp_path):
    """A program rolled back onto a database a newer one upgraded: `init` cannot help (it knows no
    way down from a revision it has never seen), so it is not what the line advises."""
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "cli.sqlite3").write_bytes((data / "cli.sqlite3").read_bytes())
    (copy / "secret_key").write_bytes((data / "secret_key").read_bytes())
    with sqlite3.connect(copy / "cli.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00dfeedbeef'")
    result = _serve(copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：数据库版本比程序新（数据库 f00dfeedbeef，程序 "), lines
    assert "请换回较新的程序，或从升级前的备份恢复" in lines[0] and "init" not in lines[0]
    init = _run(copy, "init")
    assert init.returncode == 1 and "Traceback" not in init.stderr
    assert init.stderr.strip().splitlines() == lines  # init says the same, and changes nothing


def test_a_taken_port_is_refused_before_the_server_says_it_started(data):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = _run(data, "--port", str(port))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "已启动" not in result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == ["错误：端口已被占用：请换一个 --port，或先停止占用它的程序"]


def test_copy_db_refuses_a_running_server_before_announcing_the_copy(data):
    import fcntl
    import os

    serving = os.open(data / "server.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(serving, fcntl.LOCK_SH)
        result = _run(data, "copy-db", "--to", "postgresql://banzu@127.0.0.1:1/banzu")
    finally:
        os.close(serving)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "正在迁移" not in result.stdout + result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "先停止服务再复制" in line
