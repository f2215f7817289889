"""The init and demo commands: no prompts, printed logins that work."""

from __future__ import annotations

import json
import subprocess
import sys

from accounts.models import Team, User
from core.auth import verify_password
from tests.conftest import ROOT


def test_demo_seeds_a_mine_and_prints_working_logins(runner, db_session):
    result = runner.invoke(args=["demo", "--json"])
    assert result.exit_code == 0, result.output
    logins = json.loads(result.output.strip().splitlines()[-1])
    roles = [x["role"] for x in logins]
    assert roles.count("admin") == 1 and roles.count("unit_trainer") == 2
    assert roles.count("worker") >= 18 and len(logins) >= 24
    assert db_session.query(Team).count() == 4
    for login in logins:
        user = db_session.query(User).filter_by(username=login["username"]).one()
        assert verify_password(user.password_hash, login["password"])
        assert not user.must_change_password
        assert set(login) >= {"username", "password", "role", "team"}
    # Running it again refreshes rather than duplicating.
    runner.invoke(args=["demo", "--json"])
    assert db_session.query(User).count() == len(logins)


def test_help_lists_every_command():
    output = subprocess.run([sys.executable, "run.py", "--help"], cwd=ROOT, capture_output=True, text=True,
                            check=True, env={"DATA_DIR": "/tmp/banzu-help", "PATH": "/usr/bin:/bin"}).stdout
    for command in ["init", "demo", "import-roster", "db"]:
        assert f"  {command} " in output


def test_init_never_waits_for_input(tmp_path, empty_database):
    env = {"DATA_DIR": str(tmp_path), "DATABASE_URL": empty_database("init"), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "run.py", "init"], cwd=ROOT, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, env=env, timeout=120)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "已创建管理员：工号 admin，密码 " in first.stdout
    again = subprocess.run([sys.executable, "run.py", "init", "--admin-password", "Another-pass-1"], cwd=ROOT,
                           capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env, timeout=120)
    assert again.returncode == 0 and "已存在" in again.stdout
    assert (tmp_path / "secret_key").exists()
    # The first init also builds the (empty) search index; the second finds it current.
    assert "检索索引已重建" in first.stderr and "检索索引" not in again.stderr
    assert (tmp_path / "index" / "CURRENT").exists()
