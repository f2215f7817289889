"""Speed of the results pages (班组成绩, 区队成绩, 试题分析) on a mine of 2,000 workers and 200,000 answers.

What it does, all on 127.0.0.1:
1. a fresh DATA_DIR with SQLite (the embedded database); `python run.py init` with a known
   admin password;
2. the mine, inserted in bulk with SQLAlchemy Core (executemany, not through the services):
   units and teams, workers (some party members), a category tree, cited documents, a bank
   of approved questions with versions, one exam a week over eight weeks, and closed exam
   attempts whose answers (stored keys, option order, right or wrong, points) add up to
   --answers rows, each attempt's score the sum of its answers;
3. `python run.py --port P` as a subprocess (waitress, as deployed), signed in as the admin;
4. after one warm-up request each, --rounds rounds of: a team page, a unit page and the
   item analysis of the whole mine, each timed over HTTP (full response read).

Prints the figures per page (wall time through HTTP, and the server process's CPU time per
request, which other work on a shared machine does not stretch) and, as its last line, one
JSON object with workers, answers, p50_ms and p95_ms (wall, over every timed request) and the
same per page.

Usage: .venv/bin/python bench/dashboard_speed.py [--workers 2000] [--answers 200000] [--rounds 10]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.served import HOST, cpu_seconds, free_port, percentile, stop, wait_for_port  # noqa: E402

ADMIN = "admin"
ADMIN_PASSWORD = "Dash-Board-2026!x"
CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
WEEKS = 8


# ---------------------------------------------------------------- the mine, in bulk


def seed(env: dict[str, str], args: argparse.Namespace) -> dict:
    """Insert the mine with Core executemany; returns team and unit ids and the row counts."""
    from sqlalchemy import bindparam, func, insert, select, update

    from accounts.models import Mine, Team, User, WorkUnit
    from core.db import db, utcnow
    from corpus.models import Article, Document
    from quiz.bank.models import Category, Question, QuestionVersion
    from quiz.taking.models import Attempt, AttemptItem, Paper, PaperItem

    os.environ.update(env)
    from run import create_app

    rng = random.Random(args.seed)
    app = create_app()
    with app.app_context():
        session = db.session
        connection = session.connection()

        def bulk(model, rows: list[dict]) -> None:
            """One Core executemany per table (the ORM's unit of work would take minutes)."""
            connection.execute(model.__table__.insert(), rows)

        now = utcnow().replace(microsecond=0)
        mine_id = session.scalar(select(Mine.id))
        if mine_id is None:
            mine_id = connection.execute(insert(Mine.__table__).values(name="测试煤矿")).inserted_primary_key[0]
        units = [{"id": u + 1, "mine_id": mine_id, "name": f"第{u + 1}区队", "active": True} for u in range(args.units)]
        bulk(WorkUnit, units)
        per_unit = max(1, round(args.workers / args.team_size / args.units))
        teams = [{"id": u * per_unit + t + 1, "unit_id": u + 1, "name": f"{t + 1}班", "active": True}
                 for u in range(args.units) for t in range(per_unit)]
        bulk(Team, teams)
        first_user = (session.scalar(select(func.max(User.id))) or 0) + 1
        workers = [{"id": first_user + i, "username": f"9{i:05d}", "name": f"职工{i}",
                    "team_id": teams[i % len(teams)]["id"], "job": "采煤工", "party_member": rng.random() < 0.15,
                    "role": "team_leader" if i < len(teams) else "worker", "password_hash": None,
                    "must_change_password": False, "active": True, "created_at": now, "session_generation": 0}
                   for i in range(args.workers)]
        bulk(User, workers)

        parents = [{"id": p + 1, "name": name, "parent_id": None, "position": p}
                   for p, name in enumerate(("一通三防", "顶板管理", "机电运输"))]
        children = [{"id": 4 + c, "name": f"专题{c + 1}", "parent_id": c % 3 + 1, "position": c} for c in range(9)]
        bulk(Category, parents + children)
        documents = [{"id": d + 1, "title": title, "doc_key": title, "doc_type": "regulation", "status": "current",
                      "source_name": f"{title}.md", "source_hash": f"bench{d}", "preamble": "",
                      "created_at": now, "updated_at": now}
                     for d, title in enumerate(("煤矿安全规程", "安全生产法", "煤矿防治水细则", "防治煤与瓦斯突出细则",
                                                "煤矿重大事故隐患判定标准", "本矿作业规程"))]
        bulk(Document, documents)
        articles = [{"id": a + 1, "document_id": a % len(documents) + 1, "ordinal": a // len(documents) + 1,
                     "kind": "article", "number": a // len(documents) + 1, "label": f"第{a // len(documents) + 1}条",
                     "path": f"第二编 井工煤矿 / 第{'一二三四五'[a % 5]}章 / 第{'一二'[a % 2]}节", "text": "条文", "anchor": f"a{a}", "has_table": False} for a in range(60)]
        bulk(Article, articles)  # in chapters and sections, for the weak spots by chapter

        bank = []  # (question id, version id, type, option keys, answer, difficulty)
        questions, versions = [], []
        for q in range(1, args.bank + 1):
            kind = "single" if q % 5 < 3 else ("multi" if q % 5 == 3 else "judge")
            if kind == "judge":
                options, answer = [{"key": "A", "text": "正确"}, {"key": "B", "text": "错误"}], [rng.choice("AB")]
            else:
                options = [{"key": k, "text": f"选项{k}{q}"} for k in ("ABCD" if kind == "single" else "ABCDE")]
                keys = [o["key"] for o in options]
                answer = [rng.choice(keys)] if kind == "single" else sorted(rng.sample(keys, 3))
            difficulty = rng.uniform(-1.5, 1.5)
            questions.append({"id": q, "status": "approved", "category_id": 4 + q % 9 if q % 11 else None,
                              "jobs": [], "search_key": f"压测第{q}题", "content_key": f"bench{q}", "origin": "manual",
                              "article_id": q % 60 + 1 if q % 7 else None, "citation_article": "",
                              "citation_state": "none", "stale": False, "stale_reason": "",
                              "created_at": now, "updated_at": now})
            versions.append({"id": q, "question_id": q, "number": 1, "type": kind,
                             "stem": f"压测第{q}题：井下作业时下列说法正确的是（ ）。", "options": options,
                             "answer": answer, "explanation": "", "difficulty": 3, "created_at": now})
            bank.append((q, q, kind, [o["key"] for o in options], answer, difficulty))
        bulk(Question, questions)
        bulk(QuestionVersion, versions)
        table = Question.__table__
        connection.execute(update(table).where(table.c.id == bindparam("qid")).values(current_version_id=bindparam("vid")),
                           [{"qid": q, "vid": q} for q in range(1, args.bank + 1)])

        per_exam = args.questions
        papers, paper_items, paper_questions = [], [], []
        for w in range(WEEKS):
            drawn = rng.sample(bank, per_exam)
            paper_questions.append(drawn)
            papers.append({"id": w + 1, "title": f"第{w + 1}周安全考试", "description": "", "mode": "exam",
                           "sections": [{"type": "single", "count": per_exam, "points": "2", "category_ids": [],
                                         "document_ids": [], "difficulties": []}],
                           "draw": "fixed", "multi_rule": "half", "pass_score": Decimal(per_exam * 2 * 60 // 100),
                           "max_attempts": 1, "shuffle_options": True, "shuffle_questions": False,
                           "status": "published", "created_at": now, "published_at": now})
            paper_items += [{"paper_id": w + 1, "position": n + 1, "question_id": b[0], "version_id": b[1],
                             "points": Decimal(2)} for n, b in enumerate(drawn)]
        bulk(Paper, papers)
        bulk(PaperItem, paper_items)

        sittings = args.answers // per_exam
        skills = {w["id"]: rng.gauss(0.8, 0.9) for w in workers}
        attempts, items = [], []
        for a in range(sittings):
            worker = workers[a % len(workers)]
            week = rng.randrange(WEEKS)
            started = now - timedelta(days=7 * (WEEKS - 1 - week) + rng.uniform(0, 6), minutes=rng.randint(30, 90))
            score = Decimal(0)
            for n, (qid, vid, kind, keys, answer, difficulty) in enumerate(paper_questions[week]):
                order = keys[:]
                if kind != "judge":
                    rng.shuffle(order)
                chance = 1 / (1 + math.exp(difficulty - skills[worker["id"]]))
                roll = rng.random()
                if roll < 0.02:
                    response, right = None, False
                elif roll < 0.02 + chance * 0.98:
                    response, right = answer, True
                else:
                    wrong = [k for k in keys if k not in answer]
                    response, right = (sorted({rng.choice(wrong), answer[0]}) if kind == "multi"
                                       else [rng.choice(wrong)]), False
                points = Decimal(2) if right else Decimal(0)
                score += points
                items.append({"attempt_id": a + 1, "position": n + 1, "question_id": qid, "version_id": vid,
                              "points": Decimal(2), "option_order": order, "response": response, "seq": 1,
                              "saved_at": started, "score": points, "correct": right})
            max_score = Decimal(per_exam * 2)
            attempts.append({"id": a + 1, "paper_id": week + 1, "user_id": worker["id"], "mode": "exam",
                             "title": papers[week]["title"], "number": a // len(workers) + 1, "started_at": started,
                             "deadline": None, "submitted_at": started + timedelta(minutes=25), "status": "submitted",
                             "multi_rule": "half", "pass_score": papers[week]["pass_score"], "max_score": max_score,
                             "score": score, "passed": score >= papers[week]["pass_score"], "feedback": False,
                             "focus_losses": 0, "wrongs_collected": True})
        bulk(Attempt, attempts)
        for start in range(0, len(items), 20000):
            bulk(AttemptItem, items[start:start + 20000])
        session.commit()
        result = {"teams": [t["id"] for t in teams], "units": [u["id"] for u in units], "workers": len(workers),
                  "answers": len(items), "attempts": len(attempts), "questions": args.bank}
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()
    return result


# ---------------------------------------------------------------- the server and the client


class Browser:
    """Cookies and a sign-in, over urllib (keeps nothing but the session cookie)."""

    def __init__(self, port: int) -> None:
        self.base = f"http://{HOST}:{port}"
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  urllib.request.ProxyHandler({}))

    def get(self, path: str) -> tuple[int, str, float]:
        started = time.perf_counter()
        with self.opener.open(self.base + path, timeout=120) as response:
            body = response.read().decode("utf-8")
            status = response.status
        return status, body, (time.perf_counter() - started) * 1000

    def sign_in(self, username: str, password: str) -> None:
        _status, page, _ms = self.get("/login")
        token = CSRF_INPUT.search(page)
        if token is None:
            raise SystemExit("no CSRF token on /login")
        data = urllib.parse.urlencode({"username": username, "password": password, "csrf_token": token.group(1)})
        with self.opener.open(self.base + "/login", data=data.encode(), timeout=60) as response:
            response.read()
        _status, home, _ms = self.get("/")
        if "退出" not in home and "班组成绩" not in home:
            raise SystemExit("signing in as the admin failed")


def cpu_ms(pid: int) -> float:
    return cpu_seconds(pid) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2000)
    parser.add_argument("--answers", type=int, default=200_000)
    parser.add_argument("--questions", type=int, default=50, help="questions per exam")
    parser.add_argument("--bank", type=int, default=400, help="questions in the bank")
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--team-size", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10, help="timed requests per page")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the temp DATA_DIR")
    args = parser.parse_args(argv)

    data_dir = Path(tempfile.mkdtemp(prefix="dashboard-speed-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DATA_DIR"] = str(data_dir)
    server: subprocess.Popen | None = None
    log_file = None
    timings: dict[str, list[float]] = {"team": [], "unit": [], "items": []}
    cpu: dict[str, list[float]] = {"team": [], "unit": [], "items": []}
    try:
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "run.py", "init", "--admin-username", ADMIN, "--admin-password",
                               ADMIN_PASSWORD], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        if done.returncode:
            raise SystemExit(f"run.py init failed: {done.stderr.strip()[-2000:]}")
        seeded = seed({"DATA_DIR": env["DATA_DIR"]}, args)
        setup_s = time.perf_counter() - t0
        port = args.port or free_port()
        log_file = open(data_dir / "server.log", "wb")  # noqa: SIM115 - closed in finally
        server = subprocess.Popen([sys.executable, "run.py", "--host", HOST, "--port", str(port)], cwd=ROOT,
                                  env=env, stdout=log_file, stderr=subprocess.STDOUT)
        wait_for_port(port, server, 60)
        browser = Browser(port)
        browser.sign_in(ADMIN, ADMIN_PASSWORD)
        rng = random.Random(args.seed)
        pages = {
            "team": lambda: f"/results/teams/{rng.choice(seeded['teams'])}",
            "unit": lambda: f"/results/units/{rng.choice(seeded['units'])}",
            "items": lambda: "/results/items",
        }
        markers = {"team": "data-figure=\"average\"", "unit": "data-chart=\"heatmap\"", "items": "道建议复核"}
        load_before = os.getloadavg()[0]
        for name, path in pages.items():  # warm-up: first queries, templates, caches
            status, body, _ms = browser.get(path())
            if status != 200 or markers[name] not in body:
                raise SystemExit(f"{name} page did not render as expected ({status})")
        for _ in range(args.rounds):
            for name, path in pages.items():
                before = cpu_ms(server.pid)
                status, body, ms = browser.get(path())
                if status != 200 or markers[name] not in body:
                    raise SystemExit(f"{name} page failed ({status})")
                timings[name].append(ms)
                cpu[name].append(cpu_ms(server.pid) - before)
        load_after = os.getloadavg()[0]
    finally:
        if server is not None:
            stop(server)
        if log_file is not None:
            log_file.close()
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)

    every = [ms for values in timings.values() for ms in values]
    print(f"mine: {seeded['workers']} workers in {len(seeded['teams'])} teams of {len(seeded['units'])} units, "
          f"{seeded['attempts']} exam attempts, {seeded['answers']} answers, {seeded['questions']} questions; "
          f"built in {setup_s:.1f}s (SQLite){'; kept in ' + str(data_dir) if args.keep else ''}")
    print(f"{'page':<8}{'n':>4}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'server CPU ms p50':>20}")
    for name, values in timings.items():
        print(f"{name:<8}{len(values):>4}{percentile(values, 50):>10.1f}{percentile(values, 95):>10.1f}"
              f"{max(values):>10.1f}{percentile(cpu[name], 50):>20.0f}")
    print(f"load average {load_before:.1f} before, {load_after:.1f} after (2 cores: above 2, other work stretches "
          "wall times; the server's CPU time per page is what the page costs)")
    result = {
        "workers": seeded["workers"], "answers": seeded["answers"], "attempts": seeded["attempts"],
        "p50_ms": round(percentile(every, 50), 1), "p95_ms": round(percentile(every, 95), 1),
        "max_ms": round(max(every), 1),
        "pages": {name: {"p50_ms": round(percentile(v, 50), 1), "p95_ms": round(percentile(v, 95), 1),
                         "server_cpu_p50_ms": round(percentile(cpu[name], 50)),
                         "server_cpu_p95_ms": round(percentile(cpu[name], 95))}
                  for name, v in timings.items()},
        "rounds": args.rounds, "setup_s": round(setup_s, 1),
        "loadavg_before_after": [round(load_before, 1), round(load_after, 1)],
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
