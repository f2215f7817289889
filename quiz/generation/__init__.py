"""Question generation: theory questions from articles, hazard questions from the catalogue.

Generation and verification are pure (`records`, `sources`, `articles`, `terms`, `theory`,
`hazard`, `scenes`, `verify`, `pipeline`); the review queue (`review`, `views`) and the
`generate` command (`cli`) are the Flask side. The integrator calls `init_app(app)`.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the review blueprint, its navigation entry and the `generate` command."""
    from core.auth import TRAINER_ROLES
    from core.web import add_demo_step, add_nav_link
    from quiz.generation import cli, views
    from quiz.generation.labels import generator_label

    app.register_blueprint(views.bp)
    app.add_template_filter(generator_label, "generator_label")
    app.cli.add_command(cli.generate_command)
    add_demo_step(app, cli.seed_demo_questions)
    add_nav_link(app, 41, "review.index", "生成题审核", TRAINER_ROLES, group="bank")
