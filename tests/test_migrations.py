"""Schema changes go through migrations: upgrade builds the schema the models describe."""

from __future__ import annotations

from datetime import datetime

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


def test_practice_papers_lose_the_pass_mark_they_never_used_and_get_it_back_on_downgrade(empty_database, tmp_path):
    """papers.pass_score becomes nullable: a practice paper stored before had 80 (or an exam's old mark) that no
    sitting ever used, so it becomes no pass line; an exam keeps its own. Downgrading gives practice 80 again."""
    from flask_migrate import downgrade
    from sqlalchemy import text

    app = make_app(empty_database("passline"), tmp_path / "data")
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision="e9c3a7d1b452")
        with db.engine.begin() as conn:
            for title, mode, mark in (("练", "practice", 80), ("练旧考", "practice", 60), ("考", "exam", 60)):
                conn.execute(text("INSERT INTO papers (title, description, mode, sections, draw, multi_rule, pass_score,"
                                  " max_attempts, shuffle_options, shuffle_questions, status, created_at) VALUES (:t, '', :m,"
                                  " '[]', 'fixed', 'half', :p, 1, :f, :f, 'draft', :at)"),
                             {"t": title, "m": mode, "p": mark, "f": False, "at": datetime(2026, 12, 1)})
            paper_id = conn.execute(text("SELECT id FROM papers WHERE title = '考'")).scalar_one()
            conn.execute(text("INSERT INTO paper_audience (paper_id, job) VALUES (:p, '电工')"), {"p": paper_id})

        def marks() -> dict:
            with db.engine.connect() as conn:
                return {t: (None if p is None else float(p))
                        for t, p in conn.execute(text("SELECT title, pass_score FROM papers"))}

        upgrade(directory=str(ROOT / "migrations"))
        after = marks()
        with db.engine.connect() as conn:  # rebuilding the table on SQLite keeps the rows that point at it
            audience = conn.execute(text("SELECT count(*) FROM paper_audience")).scalar_one()
        db.session.remove()  # no read left open: on PostgreSQL a downgrade's DROP COLUMN waits for it
        downgrade(directory=str(ROOT / "migrations"), revision="e9c3a7d1b452")
        back = marks()
        nullable = {c["name"]: c["nullable"] for c in inspect(db.engine).get_columns("papers")}["pass_score"]
        db.engine.dispose()
    assert after == {"练": None, "练旧考": None, "考": 60.0}
    assert audience == 1
    assert back == {"练": 80.0, "练旧考": 80.0, "考": 60.0} and nullable is False


def test_bank_search_keys_are_rewritten_with_limits_and_options_and_back_on_downgrade(empty_database, tmp_path):
    """4e8b2d6f1a37: a question stored before keeps no 1.0% in its search key (it read 10); after the upgrade
    the key holds the stem and the options with . and % kept, and the bank's search finds the limit."""
    from flask_migrate import downgrade
    from sqlalchemy import text

    from quiz.bank.browse import BankFilter, filtered
    from quiz.bank.models import Question
    from quiz.bank.service import add_question
    from quiz.bank.types import Option, QuestionDraft

    app = make_app(empty_database("searchkeys"), tmp_path / "data")
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision="7c1f0e9a2b34")
        question_id = add_question(QuestionDraft(
            type="single", stem="回风流中甲烷浓度超过多少时必须停工撤人？", answer=("B",),
            options=(Option("A", "0.5%"), Option("B", "1.0%")))).id
        db.session.commit()
        with db.engine.begin() as conn:  # the key as the code before this revision wrote it
            conn.execute(text("UPDATE questions SET search_key = :k"), {"k": "回风流中甲烷浓度超过多少时必须停工撤人"})
        upgrade(directory=str(ROOT / "migrations"))
        db.session.expire_all()
        after = db.session.get(Question, question_id).search_key
        found = [q.id for q in db.session.scalars(filtered(BankFilter(q="1.0%")))]
        db.session.remove()  # no read left open: on PostgreSQL a downgrade's DROP COLUMN waits for it
        downgrade(directory=str(ROOT / "migrations"), revision="7c1f0e9a2b34")
        with db.engine.connect() as conn:
            back = conn.execute(text("SELECT search_key FROM questions")).scalar_one()
        db.engine.dispose()
    assert after == "回风流中甲烷浓度超过多少时必须停工撤人\n0.5%\n1.0%" and found == [question_id]
    assert back == "回风流中甲烷浓度超过多少时必须停工撤人"


def test_stale_flags_a_cleared_newer_version_left_are_lifted(empty_database, tmp_path):
    """9bdce91213d1: before 93b1fa8, registering a newer version and clearing it left the questions citing
    the document flagged 所在文件已废止或被取代. The repair lifts such a flag when the document is in force
    again and the article reads as it did; one whose document is still superseded, or whose article text
    changed, stays flagged."""
    from dataclasses import replace

    from sqlalchemy import select, text

    from corpus.ingestion import ingest_paths
    from corpus.models import Article, Document
    from quiz.bank.models import Question
    from quiz.bank.service import add_question
    from tests.quiz.test_bank import SINGLE

    app = make_app(empty_database("staleflags"), tmp_path / "data")
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision="a7d3f1c9e254")
        for name, body in (("井口候车规定", "第一条 候车人员在候车线以外排队。\n\n第二条 罐笼停稳后方可上下。\n"),
                           ("绞车操作规定", "第一条 绞车司机持证上岗。\n\n第二条 绞车运行时不得检修。\n")):
            (tmp_path / f"{name}.md").write_text(f"# {name}\n\n{body}", encoding="utf-8")
            ingest_paths([tmp_path / f"{name}.md"], db.session)
        article = {(a.document.title, a.label): a.id for a in db.session.scalars(select(Article))}
        asked = {
            "back": ("井口候车规定", "第一条", "所在文件已废止或被取代"),  # in force again, same text: lifted
            "superseded": ("绞车操作规定", "第一条", "所在文件已废止或被取代"),  # still superseded: stays
            "changed": ("井口候车规定", "第二条", "在新版本中已修改"),  # its text changed: stays
            "overwritten": ("井口候车规定", "第二条", "所在文件已废止或被取代"),  # 修改 overwritten by the old code
        }
        ids = {}
        for name, (title, label, _) in asked.items():
            ids[name] = add_question(replace(SINGLE, stem=f"{name}（ ）", article_id=article[(title, label)])).id
        db.session.commit()
        with db.engine.begin() as conn:  # what the code before 93b1fa8 left: mark-newer, then --clear on one
            for name, (title, label, reason) in asked.items():
                conn.execute(text("UPDATE questions SET stale = :t, stale_reason = :r WHERE id = :i"),
                             {"t": True, "r": f"《{title}》{label}{reason}，请核对", "i": ids[name]})
            conn.execute(text("UPDATE questions SET citation_text_hash = :h WHERE id IN (:a, :b)"),
                         {"h": "0" * 40, "a": ids["changed"], "b": ids["overwritten"]})
            conn.execute(text("UPDATE documents SET status = 'superseded', newer_version = '新版' WHERE title = :t"),
                         {"t": "绞车操作规定"})
        upgrade(directory=str(ROOT / "migrations"))
        db.session.expire_all()
        flags = {name: db.session.get(Question, ids[name]).stale for name in ids}
        kept = db.session.get(Question, ids["back"])
        in_force = db.session.get(Document, kept.article.document_id).status
        reason = kept.stale_reason
        db.engine.dispose()
    assert flags == {"back": False, "superseded": True, "changed": True, "overwritten": True}
    assert reason == "" and in_force == "current"


def test_duplicate_keys_are_rewritten_with_decimal_points_and_back_on_downgrade(empty_database, tmp_path):
    """273e10ec5dc4: two questions stored before whose limits differ only by a decimal point (1.5米 / 15米)
    share the old duplicate key; after the upgrade each has its own, the one the code computes, so the bank
    tells them apart (and a re-import of either matches only itself)."""
    import hashlib
    import re
    import unicodedata

    from flask_migrate import downgrade
    from sqlalchemy import text

    from quiz.bank.service import add_question, find_duplicate
    from quiz.bank.types import Option, QuestionDraft

    def old_key(stem: str, options: list[str]) -> str:  # the key as the code before this revision wrote it
        def form(t: str) -> str:
            return re.sub(r"[^\w]|_", "", unicodedata.normalize("NFKC", t).casefold())
        return hashlib.sha1("\x1f".join([form(stem), *sorted(map(form, options))]).encode()).hexdigest()

    stem = "巷道中行人侧的宽度不得小于（ ）。"
    drafts = [QuestionDraft(type="single", stem=stem, answer=("A",), options=(Option("A", a), Option("B", b)))
              for a, b in (("1.5米", "2.0米"), ("15米", "20米"))]
    judge = QuestionDraft(type="judge", stem="甲烷浓度达到1.0%时，必须停止作业。", answer=("A",),
                          options=(Option("A", "正确"), Option("B", "错误")))
    app = make_app(empty_database("contentkeys"), tmp_path / "data")
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision="9bdce91213d1")
        ids = [add_question(d).id for d in (*drafts, judge)]
        db.session.commit()
        old = [old_key(stem, ["1.5米", "2.0米"])] * 2 + [old_key(judge.stem, ["正确", "错误"])]
        with db.engine.begin() as conn:
            for qid, key in zip(ids, old, strict=True):
                conn.execute(text("UPDATE questions SET content_key = :k WHERE id = :i"), {"k": key, "i": qid})
        upgrade(directory=str(ROOT / "migrations"))
        with db.engine.connect() as conn:
            after = dict(conn.execute(text("SELECT id, content_key FROM questions")).all())
        found = [find_duplicate(d) for d in (*drafts, judge)]
        db.session.remove()  # no read left open: on PostgreSQL a downgrade's DROP COLUMN waits for it
        downgrade(directory=str(ROOT / "migrations"), revision="9bdce91213d1")
        with db.engine.connect() as conn:
            back = dict(conn.execute(text("SELECT id, content_key FROM questions")).all())
        db.engine.dispose()
    assert [after[i] for i in ids] == [d.content_key for d in (*drafts, judge)] and len(set(after.values())) == 3
    assert found == ids
    assert [back[i] for i in ids] == old


def test_jobs_saved_under_an_alias_are_rewritten_under_the_canonical_name(empty_database, tmp_path):
    """b8e4c2d7f319: a 工种 the person form saved as typed (液压支架工) becomes the name the roster saves (支架工);
    a paper audience's alias is rewritten, or dropped beside the same audience under the canonical name; a
    mine's own 工种 stays as typed."""
    from sqlalchemy import text

    app = make_app(empty_database("jobnames"), tmp_path / "data")
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision="273e10ec5dc4")
        with db.engine.begin() as conn:
            for username, job in (("1", "液压支架工"), ("2", " 维修电工"), ("3", "井口信号工"), ("4", "支架工")):
                conn.execute(text("INSERT INTO users (username, name, password_hash, role, job, active,"
                                  " must_change_password, party_member, special_operations, session_generation, created_at)"
                                  " VALUES (:u, :u, 'x', 'worker', :j, :t, :f, :f, :f, 0, :at)"),
                             {"u": username, "j": job, "t": True, "f": False, "at": datetime(2026, 12, 1)})
            conn.execute(text("INSERT INTO papers (title, description, mode, sections, draw, multi_rule, pass_score,"
                              " max_attempts, shuffle_options, shuffle_questions, status, created_at) VALUES ('考', '',"
                              " 'exam', '[]', 'fixed', 'half', 60, 1, :f, :f, 'draft', :at)"),
                         {"f": False, "at": datetime(2026, 12, 1)})
            paper_id = conn.execute(text("SELECT id FROM papers")).scalar_one()
            for job in ("液压支架工", "电工", "电钳工", "井口信号工"):
                conn.execute(text("INSERT INTO paper_audience (paper_id, job) VALUES (:p, :j)"), {"p": paper_id, "j": job})
        upgrade(directory=str(ROOT / "migrations"))
        with db.engine.connect() as conn:
            people = dict(conn.execute(text("SELECT username, job FROM users")).all())
            audience = sorted(conn.execute(text("SELECT job FROM paper_audience")).scalars())
        db.engine.dispose()
    assert people == {"1": "支架工", "2": "电钳工", "3": "井口信号工", "4": "支架工"}
    assert audience == sorted(["支架工", "电钳工", "井口信号工"])


def test_practice_only_is_backfilled_from_the_generation_records_inputs(empty_database, tmp_path):
    """b8f3d1e6a2c5: a generated question stored before, whose record's inputs say exam_ready false (a draft
    catalogue entry or rule), becomes practice-only, so no exam draws it; one whose inputs say true, or say
    nothing, and a question without a record stay as they were. Downgrade drops the column."""
    import json

    from flask_migrate import downgrade
    from sqlalchemy import text

    app = make_app(empty_database("practiceonly"), tmp_path / "data")
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision="b8e4c2d7f319")
        inputs = {"draft": {"hazard": "HZ-ZC-001", "exam_ready": False}, "reviewed": {"hazard": "HZ-ZC-002",
                  "exam_ready": True}, "older": {"article": "煤矿安全规程|2022|第一条"}, "none": None}
        ids = {}
        with db.engine.begin() as conn:
            for n, (name, given) in enumerate(inputs.items(), start=1):
                conn.execute(text(
                    "INSERT INTO questions (id, status, jobs, search_key, content_key, origin, citation_article,"
                    " citation_state, stale, stale_reason, created_at, updated_at) VALUES (:i, 'approved', '[]', '',"
                    " :k, 'generated', '', 'none', :f, '', :t, :t)"),
                    {"i": n, "k": f"key{n}", "f": False, "t": datetime(2026, 12, 1)})
                if given is not None:
                    conn.execute(text("INSERT INTO question_generation (question_id, generator, seed, inputs,"
                                      " practice_allowed, created_at) VALUES (:i, 'hazard.lec', '1', :j, :f, :t)"),
                                 {"i": n, "j": json.dumps(given), "f": False, "t": datetime(2026, 12, 1)})
                ids[name] = n
        upgrade(directory=str(ROOT / "migrations"))
        with db.engine.connect() as conn:
            flags = dict(conn.execute(text("SELECT id, practice_only FROM questions")).all())
        db.session.remove()  # no read left open: on PostgreSQL a downgrade's DROP COLUMN waits for it
        downgrade(directory=str(ROOT / "migrations"), revision="b8e4c2d7f319")
        columns = {c["name"] for c in inspect(db.engine).get_columns("questions")}
        db.engine.dispose()
    assert {name: bool(flags[i]) for name, i in ids.items()} == {"draft": True, "reviewed": False, "older": False,
                                                                  "none": False}
    assert "practice_only" not in columns
