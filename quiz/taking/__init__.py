"""Taking quizzes: practice that teaches from the source, exams that never lose an answer,
scoring, history and the wrong-answer book.

Pure rules in `scoring` (points) and `days` (the local day's bounds); services in `papers` (compose,
assign, draw), `picks` (hand-picked questions of a paper), `attempts` (start, save, submit, close at the deadline), `practice`
(practice, 每日一练, reviews) and `book` (the FSRS-scheduled wrong-answer book); the web
side in `views` (pages; `pick_views` adds 加入试卷 and the picked list's actions), `api` (JSON, /api/v1, described by `openapi`) and `forms`.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the pages, the API, navigation, the home panel, demo data and the closing sweep."""
    from core.auth import TRAINER_ROLES, Role
    from core.web import add_demo_removal, add_demo_step, add_home_panel, add_nav_link, add_upgrade_step
    from quiz.taking import api, cli, demo, demo_removal, papers, pick_views, views  # noqa: F401 - pick_views adds routes to views.bp
    from quiz.taking.practice import article_practice
    from quiz.taking.scoring import points_text
    from quiz.taking.seal import answers_hidden, keys_hidden

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    add_nav_link(app, 20, "taking.quizzes", "考试练习", group="learn")
    add_nav_link(app, 42, "taking.paper_list", "试卷", TRAINER_ROLES, group="bank")
    # Study is for the people who take quizzes: not on an admin's home (accounts shows the mine's counts).
    add_home_panel(app, "taking/_home_panel.html", tuple(r for r in Role if r is not Role.ADMIN))
    app.add_template_filter(points_text, "points")  # {{ attempt.score|points }}: one way to write a score
    app.cli.add_command(cli.close_expired_command)
    # The kb article page offers 练习这几道题 (taking.start_article) without importing quiz.
    app.extensions["article_practice"] = article_practice
    # The bank's pages hide the keys a 班组长 sitting an open exam may not read yet, without importing quiz.taking
    # (quiz.bank.withheld): keys_withheld(user, now, paper id or None, question ids) -> the hidden ones.
    app.extensions["keys_withheld"] = keys_hidden
    # …and a worker's settled 纠错 says how it was settled only once that question's answer is out for him
    # (quiz.bank.withheld.answers_sealed): answers_sealed(user, now, question ids) -> the sealed ones.
    app.extensions["answers_sealed"] = answers_hidden
    # The bank asks before retiring or sending back questions an open paper uses (it cannot import quiz.taking).
    from quiz.taking import retiring

    app.extensions.setdefault("question_withdrawal_checks", []).append(retiring.consequences)
    # …and lists the published exams still holding practice-only questions (仅供练习) the user sees:
    # exams_holding_practice_only(user) -> [(paper id, title, question ids)].
    from quiz.taking import access

    app.extensions["exams_holding_practice_only"] = lambda user: [
        (paper.id, paper.title, ids) for paper, ids in papers.practice_only_held(access.visible_papers(user))]
    # …and paper rules follow a merge of categories (quiz.bank.categories.merge_followers).
    from quiz.taking import category_merge

    app.extensions.setdefault("category_merge_followers", []).append(category_merge.follow_merge)
    add_demo_step(app, demo.seed_demo_quizzes)
    add_demo_removal(app, 30, demo_removal.remove_demo_papers)
    add_demo_removal(app, 40, demo_removal.remove_demo_questions)
    add_upgrade_step(app, cli.close_expired_now)

    @app.context_processor
    def taking_helpers():
        from flask import request
        from flask_login import current_user

        helpers = {"home_quiz": None}
        if request.endpoint == "accounts.home" and current_user.is_authenticated:
            helpers["home_quiz"] = views.home_summary()
        return helpers
