"""Commands: init (database and admin), demo (a demo mine to try), import-roster, unlock, reset-password."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy import inspect

from accounts import roster, signin
from accounts.admins import active_admins, restore_admin
from accounts.demo import seed_demo
from accounts.demo_removal import remove_demo
from accounts.mine import MineNameError, get_or_create_mine, rename_mine
from accounts.models import User
from accounts.passwords import generate_password, password_problem, set_password
from core import audit
from core.auth import Role
from core.commands import CommandError
from core.db import db
from core.sheets import SheetError


def _migrate() -> None:
    upgrade(directory=str(Path(current_app.root_path) / "migrations"))


@click.command("init")
@click.option("--admin-username", default="admin", show_default=True, help="工号 of the admin account.")
@click.option("--admin-password", help="Password for a new admin; generated and printed when omitted.")
@click.option("--mine-name", help="The mine's name (shown on the pages); can be changed later on the 区队班组 page.")
@with_appcontext
def init_command(admin_username: str, admin_password: str | None, mine_name: str | None) -> None:
    """Create or migrate the database and make sure an active admin exists (never prompts).

    When no active admin is left (demoted, disabled), the --admin-username account is made an
    active admin again (created if missing), unlocked, and given a new password."""
    if admin_password and (problem := password_problem(admin_password, username=admin_username)):
        raise CommandError(f"--admin-password 不符合要求：{problem}")
    _migrate()
    mine = get_or_create_mine()
    if mine_name is not None:
        try:
            rename_mine(mine_name, how="命令行 init：")
        except MineNameError as exc:
            raise CommandError(f"--mine-name：{exc}") from exc
        db.session.commit()
        click.echo(f"矿名：{mine.name}")
    admins = active_admins()
    if admins:
        db.session.commit()
        unused = "（--admin-password 未使用：已有管理员，其密码不变；忘了密码用 reset-password）" if admin_password else ""
        message = f"数据库已是最新；管理员 {admins[0].username} 已存在。{unused}"
    else:
        restored = restore_admin(admin_username, admin_password)
        audit.record("admin.restore", "user", restored.user.id, f"命令行 init：{'新建' if restored.created else '恢复'}"
                     f"管理员 {restored.user.name}（{admin_username}），设置新密码")
        db.session.commit()
        shown = "（您给定的密码）" if admin_password else restored.password
        message = (f"已创建管理员：工号 {admin_username}，密码 {shown}" if restored.created else
                   f"系统中没有在用的管理员，已恢复：工号 {admin_username} 设为管理员并启用，新密码 {shown}")
    for step in current_app.extensions.get("upgrade_steps", []):
        step()
    click.echo(f"\n{message}")  # last, after the log lines of the migrations and the index


@click.command("demo")
@click.option("--json", "as_json", is_flag=True, help="Print the demo logins as JSON.")
@click.option("--reset", is_flag=True, help="Give every demo account (but an existing admin) a fresh password.")
@click.option("--remove", is_flag=True,
              help="Remove what the demo added (people, teams, sample documents, papers, questions), before going live.")
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also load the regulations in this folder (Markdown, HTML, TXT, DOCX, PDF) into the library.",
)
@with_appcontext
def demo_command(as_json: bool, reset: bool, remove: bool, corpus: Path | None) -> None:
    """Seed a demo mine (people, documents, questions) and print the demo logins, last.

    It sets up or upgrades the database first as `init` does (so `make run` runs this alone and
    the logins, the admin's included on the first run, come last, after every log line). Running it
    again keeps the passwords it printed and adds nothing twice; --reset gives the demo accounts new
    passwords."""
    if remove:
        _remove_demo()
        return
    tables = inspect(db.engine)
    # A database made by migrations is brought up to date; one made without them (tests) is left alone.
    if not tables.has_table(User.__tablename__) or tables.has_table("alembic_version"):
        _migrate()
        for step in current_app.extensions.get("upgrade_steps", []):
            step()
    logins = seed_demo(current_app.config["DATA_DIR"], reset=reset)
    db.session.commit()
    current_app.config["DEMO_CORPUS"] = corpus
    for step in current_app.extensions.get("demo_steps", []):
        step(quiet=as_json)
    if as_json:
        click.echo(json.dumps([{"username": x.username, "password": x.password, "password_kept": x.password is None,
                                "role": x.role, "team": x.team, "name": x.name} for x in logins],
                              ensure_ascii=False))
        return
    click.echo("\n演示账号（再次运行 demo 时密码不变；demo --reset 重新生成）：")
    for x in logins:
        password = x.password or "（保留原密码）"
        click.echo(f"  {Role(x.role).label:<6} {x.username:<8} {password:<10} {x.name} {x.team}")


def _remove_demo() -> None:
    report = remove_demo(current_app._get_current_object(), current_app.config["DATA_DIR"])
    db.session.commit()
    if not report.removed and not report.kept:
        click.echo("没有演示数据，无需移除。")
        return
    click.echo("已移除演示数据：" if report.removed else "没有移除任何演示数据。")
    for line in report.removed:
        click.echo(f"  {line}")
    if report.kept:
        click.echo("以下演示数据已被真实数据使用，未移除（可在页面上自行处理）：")
        for line in report.kept:
            click.echo(f"  {line}")


@click.command("import-roster")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report without saving.")
@click.option("--create-teams", is_flag=True, help="Create 区队 and 班组 named in the file that do not exist.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@with_appcontext
def import_roster_command(file: Path, dry_run: bool, create_teams: bool, as_json: bool) -> None:
    """Import people from an Excel or CSV roster; 工号 is the key, so re-imports update."""
    try:
        header = roster.read_roster_header(file)
        people, errors = roster.read_roster(file)
    except SheetError as exc:
        if as_json:
            click.echo(json.dumps({"error": str(exc)}, ensure_ascii=False))
        raise click.ClickException(str(exc)) from exc
    report = roster.apply_roster(people, errors, get_or_create_mine(), create_teams=create_teams)
    if dry_run:
        db.session.rollback()
        report.passwords.clear()
    else:
        db.session.commit()
    columns = {
        "recognised": [{"column": written, "field": field} for field, written in header.recognised],
        "ignored": list(header.ignored),
    }
    result = report.as_dict() | {"dry_run": dry_run, "columns": columns}
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        ignored = f"；未使用的列：{'、'.join(header.ignored)}" if header.ignored else ""
        click.echo(f"识别到的列：{header.describe()}{ignored}")
        click.echo(f"新增 {result['created']}，更新 {result['updated']}，未变 {result['unchanged']}，"
                   f"错误 {len(result['errors'])}{'（试运行，未保存）' if dry_run else ''}")
        for error in result["errors"]:
            click.echo(f"  第 {error['row']} 行：{error['reason']}", err=True)
        for item in result["passwords"]:
            click.echo(f"  初始密码 {item['username']}: {item['password']}")


@click.command("unlock")
@click.argument("username", required=False)
@click.option("--address", help="Also lift the lock of this client address (e.g. a team-room PC).")
@with_appcontext
def unlock_command(username: str | None, address: str | None) -> None:
    """Lift a sign-in lock now: of a 工号, and/or of a client address."""
    if not username and not address:
        raise CommandError("请给出工号，或用 --address 给出电脑的地址。")
    person = db.session.scalar(db.select(User).where(User.username == username)) if username else None
    if username and person is None:
        raise CommandError(f"没有工号为 {username} 的人员。")
    removed = (signin.unlock(username) if username else 0) + (signin.unlock_address(address) if address else 0)
    audit.record("user.unlock", "user" if person else "", person.id if person else None, "命令行："
                 + "，".join(x for x in (f"{person.name}（{person.username}）" if person else "",
                                        f"地址 {address}" if address else "") if x))
    db.session.commit()
    click.echo(f"已解除锁定（清除 {removed} 条登录失败记录）。")


@click.command("reset-password")
@click.argument("username")
@click.option("--password", help="The new password; a strong one is generated and printed when omitted.")
@with_appcontext
def reset_password_command(username: str, password: str | None) -> None:
    """Give a 工号 (any account, e.g. the admin who forgot theirs) a new password and lift its lock.

    Never prompts. As with a roster's initial password, the person must change it at the next
    sign-in; every session of the account ends."""
    person = db.session.scalar(db.select(User).where(User.username == username))
    if person is None:
        raise CommandError(f"没有工号为 {username} 的人员。")
    if password and (problem := password_problem(password, username=username)):
        raise CommandError(f"--password 不符合要求：{problem}")
    chosen = password or generate_password(12)
    set_password(person, chosen, must_change=True)
    removed = signin.unlock(username)
    audit.record("user.password", "user", person.id, f"命令行：重置 {person.name}（{username}）的密码"
                 + (f"，解除登录锁定（{removed} 条失败记录）" if removed else ""))
    db.session.commit()
    shown = "（您给定的密码）" if password else chosen
    click.echo(f"已重置 {person.name}（工号 {username}）的密码，新密码：{shown}")
    click.echo("登录锁定已解除；本人登录后须立即修改密码。")
    if not person.active:
        click.echo(f"注意：此账号已停用，启用后才能登录（管理员可在人员管理中启用；没有在用的管理员时运行 "
                   f"python run.py init --admin-username {username}）。")


COMMANDS = [init_command, demo_command, import_roster_command, unlock_command, reset_password_command]
