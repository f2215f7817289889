"""Schema changes go through migrations: upgrade builds the schema the models describe."""

from __future__ import annotations

from flask_migrate import upgrade
from sqlalchemy import inspect

from core.db import db
from tests.conftest import ROOT, make_app


def test_upgrade_matches_models(empty_database, tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    app = make_app(empty_database("migrations"), tmp_path / "data")
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        tables = set(inspect(db.engine).get_table_names())
        assert {"users", "teams", "documents", "articles"} <= tables
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        assert diff == [], f"models differ from migrations; run `python run.py db migrate`: {diff}"
        db.engine.dispose()
