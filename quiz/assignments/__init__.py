"""Assignments (布置任务) and the pre-shift quiz (班前会).

`models` (assignments, their audience, the attempts a practice set started), `service` (assign a
paper or a practice set with a deadline, to whom, scopes), `progress` (who has done it, what a
worker still has to do, 去完成), `preshift` (compose and make
the team's five-question quiz from its weak spots and the day's work site); the web side in
`views` and `forms`. Builds on quiz.taking (papers, attempts, practice) and quiz.results (how a
team dashboard counts people and answers).
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the pages, the menu entries for trainers, the worker's home panel and the demo assignment."""
    from core.auth import TRAINER_ROLES
    from core.web import add_demo_removal, add_demo_step, add_home_panel, add_nav_link
    from quiz.assignments import demo, service, views

    app.register_blueprint(views.bp)
    add_nav_link(app, 42, "assignments.index", "布置任务", TRAINER_ROLES, group="tasks")
    add_nav_link(app, 39, "assignments.preshift_page", "班前会", TRAINER_ROLES, group="tasks")
    add_home_panel(app, "assignments/_home_panel.html")
    # quiz.taking asks this hook (it cannot import assignments): a paper may not close before a deadline set on it.
    app.extensions.setdefault("paper_closing_checks", []).append(service.closing_problem)
    # …and practice tasks follow a merge of bank categories (quiz.bank.categories.merge_followers).
    from quiz.assignments import category_merge

    app.extensions.setdefault("category_merge_followers", []).append(category_merge.follow_merge)
    add_demo_step(app, demo.seed_demo_assignment)
    add_demo_removal(app, 20, demo.remove_demo_assignment)

    @app.context_processor
    def assignment_helpers():
        from flask import request
        from flask_login import current_user

        due = []
        if request.endpoint == "accounts.home" and current_user.is_authenticated:
            due = views.home_due()
        return {"home_due": due}
