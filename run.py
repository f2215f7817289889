"""The one entry point: `python run.py` serves the app, `python run.py <command>` runs the CLI."""

from __future__ import annotations

import importlib
import logging
from typing import Any

import click
from flask import Flask

from core import backup, clock, config, copydb, errors, health, running, serving, web
from core.auth import login_manager
from core.commands import CommandError, CommandGroup
from core.db import db, migrate, schema_problem
from core.db import init_app as init_db

# Feature packages, each with init_app(app) registering its blueprints, commands and hooks.
FEATURES = ("accounts", "corpus", "kb", "quiz", "inspections")


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings from the environment, then `overrides` (tests pass theirs here)."""
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(config.from_env())
    if overrides:
        app.config.update(overrides)
    config.prepare_data_dir(app.config)
    handler = logging.StreamHandler()  # stderr, collected by systemd's journal
    handler.setFormatter(clock.LogFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])  # nothing when logging is set up already
    init_db(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/migrations"))
    login_manager.init_app(app)
    web.init_app(app)
    serving.init_app(app)
    errors.init_app(app)
    health.init_app(app)
    backup.init_app(app)
    copydb.init_app(app)
    for name in FEATURES:
        module = importlib.import_module(name)
        if hasattr(module, "init_app"):
            module.init_app(app)
    return app


def serve(app: Flask, host: str, port: int) -> None:
    """Serve with waitress, a production-grade pure-Python WSGI server. The port is bound before
    the server says it started: a port in use is one line (端口已被占用) and nothing else."""
    from waitress import create_server

    with app.app_context():
        if problem := schema_problem():  # an upgraded program on an older database fails page by page
            raise CommandError(problem)
    threads = app.config["WEB_THREADS"]
    running.hold(app.config["DATA_DIR"])  # `restore` refuses while this process lives
    server = create_server(  # binds the port now (OSError EADDRINUSE when it is taken)
        app,
        host=host,
        port=port,
        threads=threads,
        # Waitress refuses clients beyond this (default 100); a whole shift signs in at once.
        connection_limit=app.config["WEB_CONNECTION_LIMIT"],
    )
    logging.getLogger("banzu").info("数据目录：%s", app.config["DATA_DIR"])  # which data this server serves
    click.echo(f"班组安全学习平台已启动：http://{host}:{port}/  （{threads} 个工作线程，Ctrl+C 停止）")
    server.run()


@click.group(cls=CommandGroup, create_app=create_app, invoke_without_command=True,
             help="班组安全学习平台。不带命令时启动服务。")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址。")
@click.option("--port", default=5000, show_default=True, help="端口。")
@click.pass_context
def cli(ctx: click.Context, host: str, port: int) -> None:
    if ctx.invoked_subcommand is None:
        config.refuse_data_dir_not_set_up()  # before the app is built: building it creates DATA_DIR
        serve(ctx.obj.load_app(), host, port)


if __name__ == "__main__":
    cli()
