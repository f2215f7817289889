"""The question bank: questions and their immutable versions, categories, Excel import and
export, citations to the library, and the trainers' pages for all of it."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the bank's blueprint, CLI commands, article-page hook, corpus signal receiver and the home
    panel of settled 纠错 reports."""
    from core.auth import TRAINER_ROLES
    from core.web import add_home_panel, add_nav_link
    from corpus.signals import document_removing, documents_changed
    from quiz.bank import cli, usable, views, withdrawal
    from quiz.bank.citations import (
        count_citing_document,
        on_document_removing,
        on_documents_changed,
        questions_citing,
    )

    app.register_blueprint(views.bp)
    # The 仅供练习 badge (templates/quiz/_practice_only.html) says why, on the bank's and the review queue's pages.
    app.jinja_env.globals["practice_only_why"] = usable.PRACTICE_ONLY_WHY
    add_nav_link(app, 40, "quiz.index", "题库", TRAINER_ROLES, group="bank")
    # 您报告的第N题纠错已处理：… for the reports a trainer settled lately.
    add_home_panel(app, "quiz/_home_flags.html")
    app.cli.add_command(cli.import_questions)
    app.cli.add_command(cli.import_upload)
    app.cli.add_command(cli.export_questions)
    app.cli.add_command(cli.suggest_citations)
    # The article page (kb) lists the questions citing an article without importing quiz.
    app.extensions["questions_citing"] = questions_citing
    # The library's removal step tells how many questions lose their article, without importing quiz.
    app.extensions["questions_citing_document"] = count_citing_document
    # …and what sending them to review does to papers still open (quiz.bank.withdrawal), the same lines the
    # bank shows before 停用 or 退回草稿.
    app.extensions["document_removal_consequences"] = withdrawal.removal_consequences
    documents_changed.connect(on_documents_changed, weak=False)
    document_removing.connect(on_document_removing, weak=False)

    @app.context_processor
    def settled_flags():
        from datetime import timedelta

        from flask import request
        from flask_login import current_user

        from core.db import utcnow
        from quiz.bank import flags
        from quiz.bank.withheld import answers_sealed

        settled = []
        if request.endpoint == "accounts.home" and current_user.is_authenticated:
            settled = flags.settled_for(current_user.id, utcnow() - timedelta(days=flags.SETTLED_SHOWN_DAYS),
                                        answers_sealed)
        return {"settled_flags": settled}
