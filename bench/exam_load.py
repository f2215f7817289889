"""Load benchmark of exams: N simulated workers each sit a Q-question exam against the
production server (waitress, `python run.py`) on loopback, and the database is checked after.

What it does, all on 127.0.0.1 and bounded in time:
1. a fresh database: a temp DATA_DIR with SQLite, or, when DATABASE_URL names a PostgreSQL
   server, a fresh database `<name>_exam_load` beside it (dropped afterwards unless --keep);
   `python run.py init`, then N workers in one team (one argon2 hash, copied to all), Q
   approved questions (single, multi and judge) and one fixed exam of Q questions assigned to
   the team, with a generous time limit;
2. `python run.py --port P` as a subprocess: the production server, as deployed;
3. N workers at once, each on its own keep-alive HTTP/1.1 connection (a small client on
   asyncio streams): sign in, start the exam, answer every question after a think time
   (exponential, mean --think), sometimes changing an answer with a higher seq, sometimes
   re-sending the same save as a retry, sometimes a late retry of an older answer (lower
   seq, which must change nothing), then submit (some twice);
4. the server is stopped and the database is read directly: one attempt per worker, one row
   per question, every answer stored as last sent, nothing lost or duplicated.

Prints a table and, as its last line, one JSON object (workers, answers_sent, answers_stored,
lost, duplicated, save_p50_ms, save_p95_ms, saves_per_second …).

Usage: .venv/bin/python bench/exam_load.py --workers 300 --questions 100 [--think 2]
       DATABASE_URL=postgresql+psycopg://user@127.0.0.1:5432/db .venv/bin/python bench/exam_load.py …
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.served import HOST, cpu_seconds, free_port, percentile, stop, wait_for_port  # noqa: E402

PASSWORD = "Bench-Exam-2026!"
ADMIN_PASSWORD = "Load-Root-2026!x"
USERNAME_BASE = 800000
CSRF_INPUT = re.compile(rb'name="csrf_token"[^>]*value="([^"]+)"')
USER_AGENT = "exam-load/1.0"


# ---------------------------------------------------------------- database and seeding


def fresh_database(url: str | None, data_dir: Path) -> tuple[str, str | None]:
    """(URL to use, PostgreSQL database to drop afterwards or None)."""
    if not url:
        return f"sqlite:///{data_dir / 'banzu.sqlite3'}", None
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not url.startswith("postgresql"):
        raise SystemExit(f"DATABASE_URL must be PostgreSQL or unset (SQLite in a temp folder): {url}")
    import psycopg

    base, name = url.rsplit("/", 1)
    name = name.split("?", 1)[0]
    target = f"{name}_exam_load"
    plain = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{target}"')
    return f"{base}/{target}", target


def drop_database(url: str, name: str) -> None:
    import psycopg

    plain = url.rsplit("/", 1)[0].replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def bench_app(env: dict[str, str]):
    """The app on the benchmark's database (settings as the server reads them)."""
    os.environ.update(env)
    from run import create_app

    return create_app()


def seed(env: dict[str, str], workers: int, questions: int, minutes: int) -> dict:
    """N workers in one team, Q approved questions, one fixed exam assigned to the team."""
    from decimal import Decimal

    from sqlalchemy import insert

    from accounts.models import Mine, Team, User, WorkUnit
    from core.auth import hash_password
    from core.db import db, utcnow
    from quiz.bank import service
    from quiz.bank.types import JUDGE_OPTIONS, Option, QuestionDraft
    from quiz.taking import papers
    from quiz.taking.models import Paper

    app = bench_app(env)
    with app.app_context():
        mine = db.session.query(Mine).first() or Mine(name="压测煤矿")
        unit = WorkUnit(mine=mine, name="压测区队")
        team = Team(unit=unit, name="压测班")
        db.session.add_all([mine, unit, team])
        db.session.flush()
        digest = hash_password(PASSWORD)  # once: argon2 is slow on purpose
        now = utcnow()
        db.session.execute(insert(User), [
            {"username": str(USERNAME_BASE + i), "name": f"压测{i}", "team_id": team.id, "job": "采煤工",
             "role": "worker", "password_hash": digest, "must_change_password": False, "active": True,
             "created_at": now, "session_generation": 0}
            for i in range(1, workers + 1)
        ])
        counts = {"multi": questions // 4, "judge": questions // 4}
        counts["single"] = questions - counts["multi"] - counts["judge"]
        rng = random.Random(7)
        n = 0
        for shape, count in counts.items():
            for _ in range(count):
                n += 1
                if shape == "judge":
                    options, answer = JUDGE_OPTIONS, (rng.choice("AB"),)
                else:
                    options = tuple(Option("ABCDE"[i], f"第{n}题的选项{i + 1}：{rng.randint(1, 99)}%")
                                    for i in range(4 if shape == "single" else 5))
                    keys = [o.key for o in options]
                    answer = (rng.choice(keys),) if shape == "single" else tuple(sorted(rng.sample(keys, 3)))
                service.add_question(QuestionDraft(
                    type=shape, stem=f"压测第{n}题：井下作业时下列说法正确的是（ ）。", options=options,
                    answer=answer, explanation=f"解析{n}", difficulty=3, status="approved",
                ), check_duplicate=False)
        db.session.flush()
        sections = [papers.Section(shape, count, Decimal(1)).to_dict() for shape, count in counts.items() if count]
        paper = Paper(title="压测考试", mode="exam", draw="fixed", multi_rule="half",
                      pass_score=Decimal(questions) * Decimal("0.6"), time_limit_minutes=minutes, max_attempts=1,
                      shuffle_options=True, shuffle_questions=False, status="draft", sections=sections)
        db.session.add(paper)
        db.session.flush()
        papers.set_audience(paper, team_ids=[team.id])
        papers.publish(paper)
        db.session.commit()
        result = {"paper_id": paper.id, "counts": counts}
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()
    return result


def check(env: dict[str, str], paper_id: int, expected: dict[tuple[str, int], list[str]],
          attempt_ids: dict[str, int], workers: int, questions: int) -> dict:
    """Read the database: what was stored against what was sent last."""
    from sqlalchemy import func, select

    from accounts.models import User
    from core.db import db
    from quiz.bank.types import OPTION_KEYS
    from quiz.taking.models import Attempt, AttemptItem

    app = bench_app(env)
    out: dict = {}
    with app.app_context():
        users = dict(db.session.execute(select(User.id, User.username).where(User.username.like("8%"))).all())
        attempts = db.session.execute(select(Attempt.id, Attempt.user_id, Attempt.status, Attempt.score)
                                      .where(Attempt.paper_id == paper_id)).all()
        per_user: dict[int, int] = {}
        for row in attempts:
            per_user[row.user_id] = per_user.get(row.user_id, 0) + 1
        out["attempts"] = len(attempts)
        out["attempts_submitted"] = sum(1 for a in attempts if a.status == "submitted")
        out["attempts_scored"] = sum(1 for a in attempts if a.score is not None)
        out["extra_attempts"] = sum(c - 1 for c in per_user.values() if c > 1)
        out["workers_without_attempt"] = workers - len(per_user)
        out["attempt_id_mismatch"] = sum(
            1 for a in attempts if attempt_ids.get(users.get(a.user_id, "")) not in (None, a.id))
        dup_rows = db.session.execute(
            select(AttemptItem.attempt_id, AttemptItem.position, func.count())
            .join(Attempt, Attempt.id == AttemptItem.attempt_id).where(Attempt.paper_id == paper_id)
            .group_by(AttemptItem.attempt_id, AttemptItem.position).having(func.count() > 1)
        ).all()
        out["duplicate_item_rows"] = sum(r[2] - 1 for r in dup_rows)
        rows = db.session.execute(
            select(Attempt.user_id, AttemptItem.position, AttemptItem.option_order, AttemptItem.response,
                   AttemptItem.seq)
            .join(Attempt, Attempt.id == AttemptItem.attempt_id).where(Attempt.paper_id == paper_id)
        ).all()
        out["item_rows"] = len(rows)
        items_per_attempt: dict[int, int] = {}
        stored_ok = answered_rows = 0
        mismatches: list[str] = []
        for user_id, position, order, response, _seq in rows:
            items_per_attempt[user_id] = items_per_attempt.get(user_id, 0) + 1
            key = (users.get(user_id, "?"), position)
            shown = sorted(OPTION_KEYS[order.index(k)] for k in (response or ()) if k in order)
            if response:
                answered_rows += 1
            if key in expected:
                if shown == sorted(expected[key]):
                    stored_ok += 1
                elif len(mismatches) < 5:
                    mismatches.append(f"{key}: sent {expected[key]}, stored {shown}")
        out["wrong_item_count"] = sum(1 for c in items_per_attempt.values() if c != questions)
        out["answered_rows"] = answered_rows
        out["answers_stored"] = stored_ok
        out["mismatches"] = mismatches
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()
    return out


# ---------------------------------------------------------------- a small HTTP/1.1 client


class Response:
    __slots__ = ("status", "headers", "body")

    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)


class Client:
    """One keep-alive connection with a cookie jar. A request whose connection dropped before
    any answer is sent again once on a new connection (every request here is idempotent)."""

    def __init__(self, port: int, timeout: float) -> None:
        self.port, self.timeout = port, timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.cookies: dict[str, str] = {}
        self.reconnects = 0

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await asyncio.wait_for(self.writer.wait_closed(), 2)
            except (TimeoutError, OSError):
                pass
        self.reader = self.writer = None

    async def request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
                      ) -> Response:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{self.port}", f"User-Agent: {USER_AGENT}",
                 "Connection: keep-alive", f"Content-Length: {len(body)}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        for attempt in (1, 2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.wait_for(asyncio.open_connection(HOST, self.port), 10)
            try:
                self.writer.write(data)
                await self.writer.drain()
                response = await asyncio.wait_for(self._read(), self.timeout)
            except (ConnectionError, asyncio.IncompleteReadError, EOFError) as exc:
                await self.close()
                if attempt == 2 or getattr(exc, "partial_answer", False):
                    raise
                self.reconnects += 1
                continue
            except TimeoutError:
                await self.close()
                raise
            if any(k == "connection" and v.lower() == "close" for k, v in response.headers):
                await self.close()
            for k, v in response.headers:
                if k == "set-cookie":
                    self._cookie(v)
            return response
        raise AssertionError("unreachable")

    async def _read(self) -> Response:
        assert self.reader is not None
        line = await self.reader.readline()
        if not line:
            raise EOFError("connection closed")
        status = int(line.split()[1])
        headers: list[tuple[str, str]] = []
        while True:
            raw = await self.reader.readline()
            if raw in (b"\r\n", b"\n", b""):
                break
            name, _, value = raw.decode("latin-1").partition(":")
            headers.append((name.strip().lower(), value.strip()))
        found = dict(headers)
        try:
            if "chunked" in found.get("transfer-encoding", "").lower():
                parts = []
                while True:
                    size = int((await self.reader.readline()).split(b";")[0], 16)
                    if size == 0:
                        await self.reader.readline()
                        break
                    parts.append(await self.reader.readexactly(size))
                    await self.reader.readexactly(2)
                body = b"".join(parts)
            else:
                body = await self.reader.readexactly(int(found.get("content-length", "0")))
        except (ConnectionError, asyncio.IncompleteReadError) as exc:
            exc.partial_answer = True  # type: ignore[attr-defined]
            raise
        return Response(status, headers, body)

    def _cookie(self, header: str) -> None:
        first, *attributes = header.split(";")
        name, _, value = first.strip().partition("=")
        expired = any(a.strip().lower() in {"max-age=0"} or a.strip().lower().startswith("expires=thu, 01 jan 1970")
                      for a in attributes)
        if expired or not value:
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value


# ---------------------------------------------------------------- the simulated workers


@dataclass
class Stats:
    save_ms: list[float] = field(default_factory=list)
    save_times: list[float] = field(default_factory=list)  # when each save finished (monotonic)
    signin_ms: list[float] = field(default_factory=list)
    start_ms: list[float] = field(default_factory=list)
    submit_ms: list[float] = field(default_factory=list)
    saves: int = 0
    changes: int = 0
    retries: int = 0
    stale: int = 0
    save_errors: int = 0
    seq_errors: int = 0
    busy: int = 0
    status_counts: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    workers_done: int = 0
    workers_failed: int = 0
    double_submits: int = 0
    double_submit_mismatch: int = 0
    reconnects: int = 0
    expected: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    attempt_ids: dict[str, int] = field(default_factory=dict)

    def error(self, text: str) -> None:
        if len(self.errors) < 20:
            self.errors.append(text)


def pick_answer(item: dict, rng: random.Random, avoid: list[str] | None = None) -> list[str]:
    letters = [o["key"] for o in item["options"]]
    for _ in range(20):
        if item["shape"] == "multi":
            answer = sorted(rng.sample(letters, rng.randint(1, len(letters))))
        else:
            answer = [rng.choice(letters)]
        if answer != avoid:
            return answer
    return answer


async def patient(client: Client, stats: Stats, method: str, path: str, body: bytes, headers: dict[str, str]
                  ) -> Response:
    """A request retried on 503 "系统正忙" (at most 5 times, a second apart), as the pages do."""
    response = await client.request(method, path, body, headers)
    for _ in range(5):
        if response.status != 503:
            break
        stats.busy += 1
        await asyncio.sleep(1)
        response = await client.request(method, path, body, headers)
    return response


async def worker(number: int, args, port: int, paper_id: int, stats: Stats, start_gate: asyncio.Semaphore,
                 delay: float) -> None:
    rng = random.Random(args.seed * 100_003 + number)
    username = str(USERNAME_BASE + number)
    client = Client(port, args.request_timeout)
    await asyncio.sleep(delay)
    try:
        async with start_gate:  # sign-ins (argon2) arrive a few at a time, as a shift trickles in
            t0 = time.perf_counter()
            page = await client.request("GET", "/login")
            token = CSRF_INPUT.search(page.body)
            if page.status != 200 or token is None:
                raise RuntimeError(f"GET /login {page.status}")
            form = urlencode({"username": username, "password": PASSWORD,
                              "csrf_token": token.group(1).decode()}).encode()
            signed = await client.request("POST", "/login", form,
                                          {"Content-Type": "application/x-www-form-urlencoded"})
            stats.signin_ms.append((time.perf_counter() - t0) * 1000)
            if signed.status != 302:
                raise RuntimeError(f"POST /login {signed.status}")
        me = await client.request("GET", "/api/v1/me")
        if me.status != 200:
            raise RuntimeError(f"GET /api/v1/me {me.status}")
        json_headers = {"Content-Type": "application/json", "X-CSRFToken": me.json()["csrf_token"]}
        t0 = time.perf_counter()
        started = await patient(client, stats, "POST", f"/api/v1/papers/{paper_id}/attempts", b"{}", json_headers)
        stats.start_ms.append((time.perf_counter() - t0) * 1000)
        if started.status != 200:
            raise RuntimeError(f"start {started.status} {started.body[:200]!r}")
        attempt = started.json()
        attempt_id = attempt["id"]
        stats.attempt_ids[username] = attempt_id

        async def save(position: int, answer: list[str], seq: int, expect_seq: int, kind: str) -> None:
            body = json.dumps({"answer": answer, "seq": seq}).encode()
            t = time.perf_counter()
            response = await client.request("PUT", f"/api/v1/attempts/{attempt_id}/items/{position}", body,
                                            json_headers)
            done = time.perf_counter()
            stats.save_ms.append((done - t) * 1000)
            stats.save_times.append(done)
            stats.saves += 1
            stats.status_counts[response.status] = stats.status_counts.get(response.status, 0) + 1
            busy = 0
            while response.status == 503 and busy < 5:  # "系统正忙": the page retries the same save shortly
                busy += 1
                stats.busy += 1
                await asyncio.sleep(1)
                t = time.perf_counter()
                response = await client.request("PUT", f"/api/v1/attempts/{attempt_id}/items/{position}", body,
                                                json_headers)
                done = time.perf_counter()
                stats.save_ms.append((done - t) * 1000)
                stats.save_times.append(done)
                stats.status_counts[response.status] = stats.status_counts.get(response.status, 0) + 1
            if response.status != 200:
                stats.save_errors += 1
                stats.error(f"{username} {kind} save {position}: {response.status} {response.body[:200]!r}")
                return
            if response.json().get("seq") != expect_seq:
                stats.seq_errors += 1
                stats.error(f"{username} {kind} save {position}: seq {response.json().get('seq')} != {expect_seq}")

        async def think() -> None:
            if args.think > 0:
                await asyncio.sleep(min(rng.expovariate(1 / args.think), args.think * 5))

        for item in attempt["items"]:
            position = item["position"]
            await think()
            answer, seq = pick_answer(item, rng), 1
            await save(position, answer, seq, seq, "first")
            previous = None
            if rng.random() < args.retry_rate:  # the reply was lost on the way: the same save again
                stats.retries += 1
                await save(position, answer, seq, seq, "retry")
            if rng.random() < args.change_rate:  # second thoughts: a new answer with a higher seq
                await think()
                previous, answer, seq = (answer, seq), pick_answer(item, rng, avoid=answer), seq + 1
                stats.changes += 1
                await save(position, answer, seq, seq, "change")
                if rng.random() < 0.3:  # a late retry of the older answer arrives after the newer one
                    stats.stale += 1
                    await save(position, previous[0], previous[1], seq, "stale")
            stats.expected[(username, position)] = answer
        await think()
        t0 = time.perf_counter()
        result = await patient(client, stats, "POST", f"/api/v1/attempts/{attempt_id}/submit", b"{}", json_headers)
        stats.submit_ms.append((time.perf_counter() - t0) * 1000)
        if result.status != 200 or result.json().get("status") != "submitted":
            raise RuntimeError(f"submit {result.status} {result.body[:200]!r}")
        if rng.random() < 0.1:  # the submit button pressed twice: counts once
            stats.double_submits += 1
            again = await patient(client, stats, "POST", f"/api/v1/attempts/{attempt_id}/submit", b"{}", json_headers)
            if again.status != 200 or again.json().get("score") != result.json().get("score"):
                stats.double_submit_mismatch += 1
        stats.workers_done += 1
    except Exception as exc:  # noqa: BLE001 - one failed worker is reported, the others go on
        stats.workers_failed += 1
        stats.error(f"worker {username}: {type(exc).__name__}: {exc}")
    finally:
        stats.reconnects += client.reconnects
        await client.close()


async def simulate(args, port: int, paper_id: int, stats: Stats) -> None:
    gate = asyncio.Semaphore(args.signin_concurrency)
    ramp = args.ramp
    tasks = [asyncio.create_task(worker(n, args, port, paper_id, stats, gate, ramp * (n - 1) / max(1, args.workers)))
             for n in range(1, args.workers + 1)]


    async def progress() -> None:  # one line every 30 s on stderr, so a long run shows it is alive
        seen = 0
        while True:
            await asyncio.sleep(30)
            recent = sorted(stats.save_ms[seen:])
            seen += len(recent)
            print(f"  … {stats.saves} saves, {stats.workers_done} workers done; last 30 s: {len(recent)} saves, "
                  f"p95 {percentile(recent, 95):.0f} ms", file=sys.stderr, flush=True)

    reporter = asyncio.create_task(progress())
    done, pending = await asyncio.wait(tasks, timeout=args.max_seconds)
    reporter.cancel()
    for task in pending:
        task.cancel()
    if pending:
        stats.error(f"{len(pending)} workers still running after {args.max_seconds}s: cancelled")
        await asyncio.gather(*pending, return_exceptions=True)


# ---------------------------------------------------------------- the server


# ---------------------------------------------------------------- report


def table(rows: list[tuple[str, str]]) -> str:
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"  {k.ljust(width)}  {v}" for k, v in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=300)
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--think", type=float, default=5.0, help="mean think time between answers, seconds")
    parser.add_argument("--change-rate", type=float, default=0.1, help="share of answers changed afterwards")
    parser.add_argument("--retry-rate", type=float, default=0.05, help="share of saves sent twice (retry)")
    parser.add_argument("--ramp", type=float, default=None, help="seconds over which workers arrive "
                        "(default: one think time per 10 workers, at most 30)")
    parser.add_argument("--signin-concurrency", type=int, default=4, help="sign-ins in flight at once")
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument("--threads", type=int, default=None, help="waitress threads (BANZU_THREADS)")
    parser.add_argument("--time-limit", type=int, default=600, help="the exam's time limit, minutes")
    parser.add_argument("--request-timeout", type=float, default=60)
    parser.add_argument("--max-seconds", type=float, default=3600, help="stop the simulation after this")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temp DATA_DIR / PostgreSQL database")
    args = parser.parse_args(argv)
    if args.ramp is None:
        args.ramp = min(30.0, max(1.0, args.workers / 10 * max(args.think, 0.1)))

    data_dir = Path(tempfile.mkdtemp(prefix="exam-load-"))
    given_url = os.environ.get("DATABASE_URL")
    database_url, pg_name = fresh_database(given_url, data_dir)
    backend = "postgresql" if pg_name else "sqlite"
    env = {**os.environ, "DATA_DIR": str(data_dir), "DATABASE_URL": database_url,
           # every simulated worker comes from 127.0.0.1: the per-address sign-in limit would count them as one PC
           "LOCKOUT_MAX_NAMES_PER_ADDRESS": "1000000", "LOCKOUT_MAX_FAILURES": "1000"}
    if args.threads:
        env["BANZU_THREADS"] = str(args.threads)
    server: subprocess.Popen | None = None
    log_file = None
    try:
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "run.py", "init", "--admin-password", ADMIN_PASSWORD], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=300)
        if done.returncode:
            raise SystemExit(f"run.py init failed: {done.stderr.strip()[-2000:]}")
        seeded = seed({"DATA_DIR": env["DATA_DIR"], "DATABASE_URL": database_url}, args.workers, args.questions,
                      args.time_limit)
        setup_s = time.perf_counter() - t0
        port = args.port or free_port()
        log_file = open(data_dir / "server.log", "wb")  # noqa: SIM115 - closed in finally
        server = subprocess.Popen([sys.executable, "run.py", "--host", HOST, "--port", str(port)], cwd=ROOT, env=env,
                                  stdout=log_file, stderr=subprocess.STDOUT)
        wait_for_port(port, server, 60)
        stats = Stats()
        load_before = os.getloadavg()[0]  # other work on the machine skews the figures: reported with them
        server_cpu0, client_cpu0 = cpu_seconds(server.pid), resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        asyncio.run(simulate(args, port, seeded["paper_id"], stats))
        wall = time.perf_counter() - started
        server_cpu = cpu_seconds(server.pid) - server_cpu0
        usage = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = usage.ru_utime + usage.ru_stime - client_cpu0.ru_utime - client_cpu0.ru_stime
        stop(server)
        found = check({"DATA_DIR": env["DATA_DIR"], "DATABASE_URL": database_url}, seeded["paper_id"],
                      stats.expected, stats.attempt_ids, args.workers, args.questions)
    finally:
        if server is not None:
            stop(server)
        if log_file is not None:
            log_file.close()

    answers_sent = len(stats.expected)
    lost = answers_sent - found["answers_stored"]
    duplicated = found["extra_attempts"] + found["duplicate_item_rows"]
    if stats.save_times:
        # steady state: saves finished after every worker had arrived (sign-ins over)
        steady_from = started + args.ramp + 5
        steady = [ms for ms, at in zip(stats.save_ms, stats.save_times, strict=True) if at >= steady_from]
        span = max(stats.save_times) - min(stats.save_times)
    else:
        steady, span = [], 0.0
    result = {
        "backend": backend,
        "workers": args.workers,
        "questions": args.questions,
        "think_s": args.think,
        "workers_done": stats.workers_done,
        "workers_failed": stats.workers_failed,
        "answers_sent": answers_sent,
        "answers_stored": found["answers_stored"],
        "lost": lost,
        "duplicated": duplicated,
        "saves_sent": stats.saves,
        "changes": stats.changes,
        "retries": stats.retries,
        "stale_retries": stats.stale,
        "save_errors": stats.save_errors,
        "busy_503_retried": stats.busy,  # saves, starts and submits answered 503 and sent again
        "seq_errors": stats.seq_errors,
        "save_p50_ms": round(percentile(stats.save_ms, 50), 1),
        "save_p95_ms": round(percentile(stats.save_ms, 95), 1),
        "save_p99_ms": round(percentile(stats.save_ms, 99), 1),
        "save_max_ms": round(max(stats.save_ms, default=0), 1),
        "steady_save_p95_ms": round(percentile(steady, 95), 1),
        "saves_per_second": round(stats.saves / span, 1) if span else 0.0,
        "signin_p95_ms": round(percentile(stats.signin_ms, 95), 1),
        "start_p95_ms": round(percentile(stats.start_ms, 95), 1),
        "submit_p95_ms": round(percentile(stats.submit_ms, 95), 1),
        "attempts": found["attempts"],
        "attempts_submitted": found["attempts_submitted"],
        "double_submits": stats.double_submits,
        "double_submit_mismatch": stats.double_submit_mismatch,
        "reconnects": stats.reconnects,
        "wall_s": round(wall, 1),
        "server_cpu_s": round(server_cpu, 1),
        "client_cpu_s": round(client_cpu, 1),
        "setup_s": round(setup_s, 1),
        "loadavg_before_after": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }
    rows = [
        ("database", f"{backend} (fresh: {'PostgreSQL ' + pg_name if pg_name else data_dir})"),
        ("workers × questions", f"{args.workers} × {args.questions}, think {args.think}s mean, ramp {args.ramp:.0f}s"),
        ("workers done / failed", f"{stats.workers_done} / {stats.workers_failed}"),
        ("saves sent", f"{stats.saves} (changes {stats.changes}, retries {stats.retries}, stale {stats.stale})"),
        ("save status codes (503 retried)", ", ".join(f"{k}: {v}" for k, v in sorted(stats.status_counts.items()))),
        ("save latency ms", f"p50 {result['save_p50_ms']}  p95 {result['save_p95_ms']}  p99 {result['save_p99_ms']}"
                            f"  max {result['save_max_ms']}  (after the ramp: p95 {result['steady_save_p95_ms']})"),
        ("saves per second", f"{result['saves_per_second']} over {span:.0f}s"),
        ("sign-in / start / submit p95 ms",
         f"{result['signin_p95_ms']} / {result['start_p95_ms']} / {result['submit_p95_ms']}"),
        ("CPU seconds server / client", f"{server_cpu:.0f} / {client_cpu:.0f} in {wall:.0f}s wall"),
        ("machine load average", f"{result['loadavg_before_after'][0]} before, {result['loadavg_before_after'][1]} after"
                                 f" ({os.cpu_count()} cores)"),
        ("in the database", f"{found['attempts']} attempts ({found['attempts_submitted']} submitted, "
                            f"{found['attempts_scored']} scored), {found['item_rows']} item rows, "
                            f"{found['answered_rows']} answered"),
        ("answers sent / stored as sent", f"{answers_sent} / {found['answers_stored']}"),
        ("lost / duplicated", f"{lost} / {duplicated} (extra attempts {found['extra_attempts']}, duplicate rows "
                              f"{found['duplicate_item_rows']}, attempts with wrong item count "
                              f"{found['wrong_item_count']}, id mismatches {found['attempt_id_mismatch']})"),
        ("double submits (mismatched)", f"{stats.double_submits} ({stats.double_submit_mismatch})"),
    ]
    print("exam load benchmark")
    print(table(rows))
    for line in stats.errors + found["mismatches"]:
        print("  !", line)
    if not args.keep:
        if pg_name and given_url:
            drop_database(database_url, pg_name)
        shutil.rmtree(data_dir, ignore_errors=True)
    else:
        print(f"  kept: {data_dir}" + (f" and database {pg_name}" if pg_name else ""))
    print(json.dumps(result, ensure_ascii=False))
    ok = not lost and not duplicated and not stats.workers_failed and not stats.save_errors and not stats.seq_errors
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
