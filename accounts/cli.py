"""Commands: init (database and admin), demo (a demo mine to try), import-roster, unlock, reset-password."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy import inspect

from accounts import roster, signin, usernames
from accounts.admins import active_admins, restore_admin
from accounts.demo import seed_demo
from accounts.demo_removal import remove_demo
from accounts.mine import MineNameError, get_or_create_mine, rename_mine
from accounts.models import User
from accounts.passwords import generate_password, password_problem, set_password
from core import audit
from core.auth import Role
from core.commands import CommandError, fail_if_not_taken
from core.db import database_revisions, db, newer_database_problem
from core.sheets import SheetError


def _migrate() -> None:
    with db.engine.connect() as conn:
        revisions = database_revisions(conn)
    if problem := newer_database_problem(revisions):  # a rolled-back program: upgrading would fail
        raise CommandError(problem)
    upgrade(directory=str(Path(current_app.root_path) / "migrations"))


@click.command("init")
@click.option("--admin-username", default="admin", show_default=True, help="管理员的工号。")
@click.option("--admin-password", help="新管理员的密码；不给时生成并打印。")
@click.option("--mine-name", help="本矿名称（显示在页面上）；以后也可在“区队班组”页面修改。")
@with_appcontext
def init_command(admin_username: str, admin_password: str | None, mine_name: str | None) -> None:
    """创建或升级数据库，并确保有在用的管理员（不会等待输入）；每次升级后运行。

    没有在用的管理员时（被改成其他角色或停用），把 --admin-username 的账号恢复为管理员
    （没有就新建）、启用、解除锁定并设新密码。"""
    admin_username = usernames.clean(admin_username)  # as sign-in reads it: Ａｄｍｉｎ is Admin
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
        if usernames.find(admin_username) is None and not usernames.PATTERN.match(admin_username):
            raise CommandError(f"--admin-username：工号“{admin_username}”无效（{usernames.PATTERN_HINT}）")
        restored = restore_admin(admin_username, admin_password)
        username = restored.user.username  # as stored: init --admin-username ADMIN restores admin
        audit.record("admin.restore", "user", restored.user.id, f"命令行 init：{'新建' if restored.created else '恢复'}"
                     f"管理员 {restored.user.name}（{username}），设置新密码")
        db.session.commit()
        shown = "（您给定的密码）" if admin_password else restored.password
        message = (f"已创建管理员：工号 {username}，密码 {shown}" if restored.created else
                   f"系统中没有在用的管理员，已恢复：工号 {username} 设为管理员并启用，新密码 {shown}")
    for step in current_app.extensions.get("upgrade_steps", []):
        step()
    click.echo(f"\n{message}")  # last, after the log lines of the migrations and the index


@click.command("demo")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出演示账号。")
@click.option("--reset", is_flag=True, help="给演示账号重新生成密码（已有的管理员除外）。")
@click.option("--remove", is_flag=True,
              help="正式使用前移除演示数据（演示人员、班组、示例文档、试卷、题目），真实数据用到的保留并列出。")
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="同时把这个文件夹中的法规（Markdown、HTML、TXT、DOCX、PDF）导入文库。",
)
@with_appcontext
def demo_command(as_json: bool, reset: bool, remove: bool, corpus: Path | None) -> None:
    """导入演示煤矿（人员、文档、题目）并在最后打印演示账号；--remove 移除演示数据。

    先像 init 一样创建或升级数据库（所以 make run 只运行它，首次运行时管理员密码也在最后的账号表里）。
    再次运行时密码不变、不重复添加；--reset 给演示账号重新生成密码。"""
    if remove:
        _remove_demo()
        return
    tables = inspect(db.engine)
    # A database made by migrations is brought up to date; one made without them (tests) is left alone.
    if not tables.has_table(User.__tablename__) or tables.has_table("alembic_version"):
        _migrate()
        for step in current_app.extensions.get("upgrade_steps", []):
            step()
    with audit.by_command("demo"):  # （系统）, as every command: not the admin the demo names as author
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
@click.option("--dry-run", is_flag=True, help="只检查并报告，不保存。")
@click.option("--create-teams", is_flag=True, help="新建表中写了、系统里还没有的区队和班组。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出报告。")
@with_appcontext
def import_roster_command(file: Path, dry_run: bool, create_teams: bool, as_json: bool) -> None:
    """从花名册（Excel 或 CSV）导入人员：以工号为准，重复导入只更新；有错误的行不导入，其余照常导入。"""
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
        if report.unknown_jobs:
            click.echo(report.unknown_jobs_note)
        for note in report.renamed_jobs:
            click.echo(note)
        if report.new_places_note:
            click.echo(f"{'将新建' if dry_run else '已新建'}：{report.new_places_note}")
        click.echo(f"新增 {result['created']}，更新 {result['updated']}，未变 {result['unchanged']}，"
                   f"错误 {len(result['errors'])}{'（试运行，未保存）' if dry_run else ''}")
        for match in report.respelled:
            click.echo(f"  {match.describe()}")
        for change in report.role_changes:
            click.echo(f"  角色变更（第 {change.row} 行）{change.describe()}")
        for error in result["errors"]:
            click.echo(f"  第 {error['row']} 行：{error['reason']}", err=True)
        for item in result["passwords"]:
            click.echo(f"  初始密码 {item['username']}: {item['password']}")
    fail_if_not_taken({"行": len(result["errors"])})


@click.command("unlock")
@click.argument("username", required=False)
@click.option("--address", help="同时解除这个地址（如班组学习室的电脑）的锁定。")
@with_appcontext
def unlock_command(username: str | None, address: str | None) -> None:
    """立即解除登录锁定：某个工号的，和/或某个电脑地址的。"""
    if not username and not address:
        raise CommandError("请给出工号，或用 --address 给出电脑的地址。")
    person = usernames.find(username) if username else None
    if username and person is None:
        raise CommandError(f"没有工号为 {username} 的人员。")
    username = person.username if person else None
    removed = (signin.unlock(username) if username else 0) + (signin.unlock_address(address) if address else 0)
    audit.record("user.unlock", "user" if person else "", person.id if person else None, "命令行："
                 + "，".join(x for x in (f"{person.name}（{person.username}）" if person else "",
                                        f"地址 {address}" if address else "") if x))
    db.session.commit()
    click.echo(f"已解除锁定（清除 {removed} 条登录失败记录）。")


@click.command("reset-password")
@click.argument("username")
@click.option("--password", help="新密码；不给时生成并打印一个强密码。")
@with_appcontext
def reset_password_command(username: str, password: str | None) -> None:
    """重设任一账号的密码（如忘了密码的管理员）并解除登录锁定。

    不会等待输入。与花名册的初始密码一样，本人下次登录后须立即修改密码；此账号已登录的会话全部失效。"""
    person = usernames.find(username)
    if person is None:
        raise CommandError(f"没有工号为 {username} 的人员。")
    username = person.username  # as stored, whatever the letter case typed
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
