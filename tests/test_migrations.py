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


def test_a_one_blank_number_saved_in_two_forms_becomes_one_answer(empty_database, tmp_path):
    from quiz.bank.models import QuestionVersion
    from quiz.bank.service import add_question
    from quiz.bank.types import QuestionDraft

    app = make_app(empty_database("blankforms"), tmp_path / "data")
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision="e6f2a4c81d93")
        stems = {
            "old": ("采区回风巷每班至少检查（ ）次。", ("2", "二")),  # saved by the generator before: two boxes
            "two_blanks": ("（ ）人一组，每组（ ）名班组长。", ("2", "二")),  # two blanks: both answers stay
            "synonyms": ("（ ）浓度达到1.0%时停止作业。", ("甲烷", "瓦斯")),  # not one number: left alone
            "joined": ("距离不得小于（ ）m。", ("20/二十",)),
        }
        ids = {name: add_question(QuestionDraft(type="blank", stem=stem, answer=answer)).current_version.id
               for name, (stem, answer) in stems.items()}
        db.session.commit()
        upgrade(directory=str(ROOT / "migrations"))
        db.session.expire_all()
        answers = {name: db.session.get(QuestionVersion, ids[name]).answer for name in ids}
        db.engine.dispose()
    assert answers == {"old": ["2/二"], "two_blanks": ["2", "二"], "synonyms": ["甲烷", "瓦斯"], "joined": ["20/二十"]}
