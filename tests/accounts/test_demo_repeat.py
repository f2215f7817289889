"""`make run` twice: the demo (setting up the database as init does) a second time keeps the printed
passwords and adds nothing; the logins are printed last, the admin's with its password on the first run;
`demo --reset` gives new ones on purpose; a password someone changed is never reset or printed."""

from __future__ import annotations

import json
import stat
import subprocess
import sys

from sqlalchemy import create_engine, text

from core.auth import verify_password
from tests.conftest import ROOT, _sqlalchemy_url


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "run.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _start(env: dict) -> dict[str, str | None]:
    """A second `make run` before serving (the demo alone), asking for JSON; returns the logins."""
    logins = json.loads(_run(env, "demo", "--json").stdout.strip().splitlines()[-1])
    return {x["username"]: x["password"] for x in logins}


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("users", "teams", "documents", "articles", "questions", "question_versions", "papers")
        }


def test_two_starts_keep_passwords_and_data_and_reset_is_on_purpose(tmp_path, empty_database) -> None:
    url = empty_database("demorepeat")
    env = {"DATA_DIR": str(tmp_path), "DATABASE_URL": url, "PATH": "/usr/bin:/bin"}
    engine = create_engine(_sqlalchemy_url(url))

    # The first `make run` on an empty data folder: the logins are the last lines, each with its password.
    printed = _run(env, "demo").stdout
    table = printed.rsplit("演示账号", 1)[1].strip().splitlines()[1:]
    first = {parts[1]: parts[2] for parts in (line.split() for line in table)}
    assert len(first) == len(table) >= 24 and "（保留原密码）" not in first.values()
    admin_password = first["admin"]
    after_first = _counts(engine)
    assert after_first["questions"] > 0 and after_first["documents"] > 0

    second = _start(env)
    assert second == first
    assert _counts(engine) == after_first
    with engine.connect() as conn:
        hashes = dict(conn.execute(text("SELECT username, password_hash FROM users")).all())
    assert verify_password(hashes["admin"], admin_password)
    for username, password in first.items():
        assert verify_password(hashes[username], password), username
    saved = tmp_path / "demo_logins.json"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600

    # Someone changes their password: the next start neither resets nor prints it.
    changed = next(u for u, p in first.items() if p is not None and u != "admin")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE users SET password_hash = :h WHERE username = :u"),
            {"h": hashes[next(u for u in first if u not in {"admin", changed})], "u": changed},
        )
    third = _start(env)
    assert third[changed] is None and third == {**first, changed: None}

    reset = json.loads(_run(env, "demo", "--json", "--reset").stdout.strip().splitlines()[-1])
    fresh = {x["username"]: x["password"] for x in reset}
    assert fresh["admin"] == admin_password  # an admin keeps the password
    assert all(fresh[u] and fresh[u] != first[u] for u in first if u != "admin")
    with engine.connect() as conn:
        hashes = dict(conn.execute(text("SELECT username, password_hash FROM users")).all())
    assert all(verify_password(hashes[u], p) for u, p in fresh.items() if p)
    assert verify_password(hashes["admin"], admin_password)
    assert _counts(engine) == after_first
    engine.dispose()


def test_demo_loads_a_folder_of_regulations_once(tmp_path, empty_database) -> None:
    laws = tmp_path / "laws"
    laws.mkdir()
    (laws / "通风管理规定.md").write_text(
        "# 通风管理规定\n\n第一条 为了加强矿井通风管理，制定本规定。\n\n第二条 矿井必须有完整的独立通风系统。\n",
        encoding="utf-8",
    )
    url = empty_database("democorpus")
    env = {"DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": url, "PATH": "/usr/bin:/bin"}
    _run(env, "init")
    first = _run(env, "demo", "--corpus", str(laws)).stdout
    assert f"文档（{laws}）：新增 1，未变 0" in first
    again = _run(env, "demo", "--corpus", str(laws)).stdout
    assert f"文档（{laws}）：新增 0，未变 1" in again and "未重复添加" in again
    engine = create_engine(_sqlalchemy_url(url))
    with engine.connect() as conn:
        titles = conn.execute(text("SELECT title FROM documents WHERE title LIKE '%通风管理规定%'")).scalars().all()
    engine.dispose()
    assert titles == ["通风管理规定"]
