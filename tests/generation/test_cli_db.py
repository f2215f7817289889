"""`generate` reading the corpus database: only current documents, as ingestion decided."""

from __future__ import annotations

import json

from quiz.generation.cli import generate_command


def _ingest(app, shared_dir, *names):
    from core.db import db
    from corpus.ingestion import ingest_paths

    ingest_paths([shared_dir / "corpus" / name for name in names], db.session)
    db.session.commit()


def test_generate_from_the_database_never_uses_the_repealed_version(app, shared_dir):
    _ingest(
        app,
        shared_dir,
        "regulations/煤矿安全规程(2025-07-24).md",
        "txt/煤矿安全规程(2016).txt",
        "laws/安全生产法(2021-06-10).md",
    )
    runner = app.test_cli_runner()
    result = runner.invoke(generate_command, ["--kind", "theory", "-n", "60", "--json", "--seed", "5"])
    assert result.exit_code == 0, result.output
    questions = json.loads(result.output)
    assert len(questions) == 60
    assert {q["citation"]["version"] for q in questions} <= {"2025-07-24", "2021-06-10"}
    only = json.loads(
        runner.invoke(generate_command, ["--kind", "theory", "-n", "5", "--json", "--doc", "煤矿安全规程"]).output
    )
    assert {q["citation"]["version"] for q in only} == {"2025-07-24"}


def test_generate_without_documents_explains_what_to_do(app):
    result = app.test_cli_runner().invoke(generate_command, ["--kind", "theory", "-n", "3"])
    assert result.exit_code != 0 and "没有现行的法规条文" in result.output
