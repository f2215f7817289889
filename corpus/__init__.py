"""The document library: reading, normalising and structuring policy texts and cases."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the library pages, the `ingest` and `corpus` commands and the nav entry."""
    from core.auth import Role
    from core.db import db
    from core.web import add_admin_figure, add_demo_removal, add_demo_step, add_nav_link, add_upgrade_step
    from corpus import cli, job_runner, models, upload_jobs, views  # noqa: F401 - upload_jobs registers its table

    app.register_blueprint(views.bp)
    job_runner.init_app(app)
    for command in cli.COMMANDS:
        app.cli.add_command(command)
    add_nav_link(app, 20, "corpus.library", "法规文库", tuple(Role), group="knowledge")
    add_admin_figure(app, 30, "documents", "现行文档", lambda: models.current_count(db.session), "corpus.library")
    add_demo_step(app, cli.ingest_samples)
    add_demo_removal(app, 50, cli.remove_samples)
    add_upgrade_step(app, cli.apply_due_newer_versions)
