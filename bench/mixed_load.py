"""Load and soak benchmark: a realistic mix against the production server on loopback.

1. A fresh DATA_DIR with the demo mine (`python run.py init` and `demo`, as tests/loadrun.py does),
   on SQLite, or, when DATABASE_URL names a PostgreSQL server, on a fresh database beside it
   (`<name>_exam_load`, dropped afterwards); then `python run.py --port P`, the production server.
2. Clients, each signed in as a demo worker (accounts are shared when there are more clients than
   workers), loop without think time over a mix: searches (/kb/search, questions of
   bench/queries.tsv), asks (/kb/ask), article views (/kb/article/<id>, ids found by the searches),
   practice answers (PUT /api/v1/attempts/<practice>/items/<n>, a new practice set every ten) and
   exam saves (PUT on the demo exam's attempt, for workers of the team it is assigned to).
3. Steps of rising concurrency (--steps 10,25,50,100, --step-seconds each): requests/s, p50/p95/p99
   per kind and in all, errors (5xx or no answer) and other statuses.
4. A soak (--soak-seconds, default 600, --soak-clients): every 30 s the server's RSS, requests/s and
   p95 of the window; a verdict on flat memory (the growth after the first minute below both 10%
   and 1 MB per minute of soak, or below 20 MB in all).

Prints tables and, as its last line, one JSON object. Everything runs on 127.0.0.1; the client
runs on the same machine and takes CPU from the server, so the figures are a floor.

Usage: .venv/bin/python bench/mixed_load.py [--steps 10,25,50,100] [--step-seconds 30] [--soak-seconds 600]
       DATABASE_URL=postgresql+psycopg://user@127.0.0.1:5432/db .venv/bin/python bench/mixed_load.py …
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.exam_load import drop_database, fresh_database  # noqa: E402
from bench.served import cpu_seconds, percentile  # noqa: E402
from tests.loadrun import Client, running_server  # noqa: E402

MIX = {"search": 30, "ask": 15, "article": 20, "practice": 20, "exam-save": 15}
ARTICLE_LINK = re.compile(r'href="/kb/article/(\d+)')
RSS_EVERY = 30.0
FALLBACK_QUESTIONS = ("瓦斯超限怎么办", "自救器怎么用", "局扇停了能直接开吗", "入井要带什么", "新工人培训多少学时")


def questions() -> list[str]:
    """The worker-style questions of bench/queries.tsv (our own wording), first column."""
    path = ROOT / "bench" / "queries.tsv"
    rows = [line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")] if path.exists() else []
    return rows or list(FALLBACK_QUESTIONS)


def rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Recorder:
    """Samples (kind, status, seconds, finished at) from every client thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.samples: list[tuple[str, int, float, float]] = []

    def add(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.samples.append((kind, status, seconds, time.monotonic()))

    def since(self, start: float) -> list[tuple[str, int, float, float]]:
        with self.lock:
            return [s for s in self.samples if s[3] >= start]


class Worker:
    """One simulated person: signed in, with an exam attempt (if assigned) and a practice set."""

    def __init__(self, url: str, login: dict, questions: list[str], articles: list[int], seed: int) -> None:
        self.client = Client(url, timeout=60)
        self.login, self.questions, self.articles = login, questions, articles
        self.rng = random.Random(seed)
        self.headers: dict[str, str] = {}
        self.exam: dict | None = None
        self.practice: dict | None = None
        self.turn = 0
        self.seq: Counter = Counter()

    def timed(self, rec: Recorder, kind: str, method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        headers = {**self.headers, "Content-Type": "application/json"} if body is not None else dict(self.headers)
        started = time.perf_counter()
        try:
            status, _, text = self.client.request(method, path, data, headers)
        except OSError:
            status, text = 0, ""  # refused, reset or timed out: an error
        rec.add(kind, status, time.perf_counter() - started)
        return status, text

    def sign_in(self, rec: Recorder) -> None:
        token = self.client.token("/login")
        started = time.perf_counter()
        status = self.client.post("/login", {"csrf_token": token, "username": self.login["username"],
                                             "password": self.login["password"]})[0]
        rec.add("sign-in", status, time.perf_counter() - started)
        if status != 302:
            raise RuntimeError(f"sign-in of {self.login['username']} answered {status}")
        self.headers = {"X-CSRFToken": json.loads(self.client.get("/api/v1/me")[2])["csrf_token"]}
        papers = json.loads(self.client.get("/api/v1/quizzes")[2])["papers"]
        exam = next((p for p in papers if p.get("mode") == "exam" and p.get("can_start")), None)
        if exam:
            status, text = self.timed(rec, "exam-start", "POST", f"/api/v1/papers/{exam['id']}/attempts")
            self.exam = json.loads(text) if status == 200 else None

    def new_practice(self, rec: Recorder) -> None:
        status, text = self.timed(rec, "practice-start", "POST", "/api/v1/practice", {"count": 10})
        self.practice = json.loads(text) if status == 200 else None
        self.turn = 0

    def answer(self, rec: Recorder, kind: str, attempt: dict) -> None:
        item = attempt["items"][self.turn % len(attempt["items"])]
        self.turn += 1
        keys = [o["key"] for o in item.get("options") or []]
        answer = [self.rng.choice(keys)] if keys else ["按规定执行"]
        self.seq[(attempt["id"], item["position"])] += 1
        body = {"answer": answer, "seq": self.seq[(attempt["id"], item["position"])]}
        self.timed(rec, kind, "PUT", f"/api/v1/attempts/{attempt['id']}/items/{item['position']}", body)

    def step(self, rec: Recorder) -> None:
        kind = self.rng.choices(list(MIX), weights=list(MIX.values()))[0]
        if kind == "exam-save" and not self.exam:
            kind = "practice"  # not in the exam's team: practice instead
        if kind == "search":
            q = self.rng.choice(self.questions)
            status, page = self.timed(rec, kind, "GET", "/kb/search?" + urlencode({"q": q}))
            if status == 200 and len(self.articles) < 500:
                self.articles.extend(int(x) for x in ARTICLE_LINK.findall(page)[:3])
        elif kind == "ask":
            self.timed(rec, kind, "GET", "/kb/ask?" + urlencode({"q": self.rng.choice(self.questions)}))
        elif kind == "article":
            if not self.articles:
                return
            self.timed(rec, kind, "GET", f"/kb/article/{self.rng.choice(self.articles)}")
        elif kind == "practice":
            if self.practice is None or self.turn >= len(self.practice["items"]):
                self.new_practice(rec)
            if self.practice:
                self.answer(rec, kind, self.practice)
        else:
            self.answer(rec, kind, self.exam)


def drive(workers: list[Worker], rec: Recorder, seconds: float, on_tick=None) -> None:
    """Run the workers, each in its own thread without think time, for `seconds`."""
    stop = threading.Event()

    def loop(worker: Worker) -> None:
        while not stop.is_set():
            try:
                worker.step(rec)
            except Exception as exc:  # a garbled answer: count it, keep going
                rec.add("client-error", 0, 0.0)
                print(f"client error: {type(exc).__name__}: {exc}", file=sys.stderr)

    threads = [threading.Thread(target=loop, args=(w,), daemon=True) for w in workers]
    for thread in threads:
        thread.start()
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        time.sleep(min(left, RSS_EVERY))
        if on_tick:
            on_tick()
    stop.set()
    for thread in threads:
        thread.join(timeout=90)


def summarise(samples, seconds: float) -> dict:
    """requests/s, p50/p95/p99 (ms), errors and statuses, in all and per kind."""
    measured = [s for s in samples if s[0] in MIX]
    def stats(rows) -> dict:
        ms = [r[2] * 1000 for r in rows]
        return {"requests": len(rows), "rps": round(len(rows) / seconds, 1), "p50_ms": round(percentile(ms, 50), 1),
                "p95_ms": round(percentile(ms, 95), 1), "p99_ms": round(percentile(ms, 99), 1),
                "errors": sum(1 for r in rows if r[1] == 0 or r[1] >= 500)}
    by_kind = defaultdict(list)
    for row in measured:
        by_kind[row[0]].append(row)
    return {**stats(measured), "statuses": dict(Counter(str(r[1]) for r in samples)),
            "kinds": {k: stats(v) for k, v in sorted(by_kind.items())}}


def print_step(label: str, result: dict) -> None:
    print(f"\n{label}: {result['rps']} req/s, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
          f"p99 {result['p99_ms']} ms, errors {result['errors']}, statuses {result['statuses']}, "
          f"server CPU {result.get('server_cpu_ms_per_request', '?')} ms per request")
    print(f"  {'kind':<10}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for kind, k in result["kinds"].items():
        print(f"  {kind:<10}{k['rps']:>8}{k['p50_ms']:>9}{k['p95_ms']:>9}{k['p99_ms']:>9}{k['errors']:>8}")


def verdict(rss: list[tuple[float, float]], soak_seconds: float) -> tuple[bool, float, float]:
    """(flat, growth MB after the first minute, MB per minute over the second half)."""
    if len(rss) < 2:
        return True, 0.0, 0.0
    settled = [r for r in rss if r[0] >= 60] or rss[1:]
    base = min(mb for _, mb in settled[:2])
    growth = max(mb for _, mb in settled) - base
    half = [r for r in settled if r[0] >= rss[-1][0] / 2] or settled
    slope = ((half[-1][1] - half[0][1]) / ((half[-1][0] - half[0][0]) / 60)) if len(half) > 1 and half[-1][0] > half[0][0] else 0.0
    flat = growth < 20 or (growth < 0.10 * base and slope < 1.0)
    return flat, round(growth, 1), round(slope, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--steps", default="10,25,50,100", help="concurrency of each step")
    parser.add_argument("--step-seconds", type=float, default=30)
    parser.add_argument("--soak-seconds", type=float, default=600)
    parser.add_argument("--soak-clients", type=int, default=25)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    steps = [int(x) for x in args.steps.split(",") if x.strip()]

    work = Path(tempfile.mkdtemp(prefix="banzu-mixed-"))
    given = os.environ.get("DATABASE_URL")
    url, dropped = fresh_database(given, work)
    env = {"DATABASE_URL": url} if given else {}
    # One budget per person for searches and answers is for people; here clients share accounts.
    env |= {"RATELIMIT_SEARCH": "1000000 per minute", "RATELIMIT_SIGNIN": "1000000 per minute"}
    database = "postgresql" if given else "sqlite"
    print(f"database: {database}; preparing the demo mine in {work} …", file=sys.stderr)
    rec = Recorder()
    results, rss = [], []
    try:
        with running_server(ROOT, work / "data", env=env) as server:
            pid = server.process.pid
            logins = [x for x in server.logins if x["role"] == "worker"]
            pool, articles = questions(), []
            workers = []
            for i in range(max([*steps, args.soak_clients])):
                worker = Worker(server.url, logins[i % len(logins)], pool, articles, args.seed + i)
                worker.sign_in(rec)
                workers.append(worker)
            print(f"server pid {pid}, {len(workers)} clients signed in as {len(logins)} demo workers "
                  f"({sum(1 for w in workers if w.exam)} with the exam); RSS {rss_mb(pid):.0f} MB", file=sys.stderr)
            drive(workers[:5], rec, 5)  # warm up: caches, the index, article ids
            for clients in steps:
                started, cpu = time.monotonic(), cpu_seconds(pid)
                drive(workers[:clients], rec, args.step_seconds)
                elapsed = time.monotonic() - started
                result = {"clients": clients, **summarise(rec.since(started), elapsed),
                          "server_cpu_s": round(cpu_seconds(pid) - cpu, 1), "rss_mb": round(rss_mb(pid), 1)}
                # CPU time per request: what a core can serve, whatever else the machine is doing.
                result["server_cpu_ms_per_request"] = round(1000 * result["server_cpu_s"] / max(result["requests"], 1), 1)
                print_step(f"{clients} clients, {elapsed:.0f} s", result)
                results.append(result)

            soak_start, soak_cpu = time.monotonic(), cpu_seconds(pid)
            window = {"start": soak_start}
            print(f"\nsoak: {args.soak_clients} clients for {args.soak_seconds:.0f} s; RSS every {RSS_EVERY:.0f} s")

            def tick() -> None:
                now = time.monotonic()
                rows = [s for s in rec.since(window["start"]) if s[0] in MIX]
                ms = [r[2] * 1000 for r in rows]
                rss.append((round(now - soak_start, 1), rss_mb(pid)))
                print(f"  {now - soak_start:6.0f} s  RSS {rss[-1][1]:7.1f} MB  {len(rows) / max(now - window['start'], 1e-9):6.1f} req/s"
                      f"  p95 {percentile(ms, 95):7.1f} ms  errors {sum(1 for r in rows if r[1] == 0 or r[1] >= 500)}",
                      flush=True)
                window["start"] = now

            rss.append((0.0, rss_mb(pid)))
            drive(workers[:args.soak_clients], rec, args.soak_seconds, on_tick=tick)
            soak_elapsed = time.monotonic() - soak_start
            soak = summarise(rec.since(soak_start), soak_elapsed)
            soak["server_cpu_ms_per_request"] = round(1000 * (cpu_seconds(pid) - soak_cpu) / max(soak["requests"], 1), 1)
            flat, growth, slope = verdict(rss, soak_elapsed)
            print_step(f"soak, {args.soak_clients} clients, {soak_elapsed:.0f} s", soak)
            print(f"memory: {rss[0][1]:.1f} MB at the start, {rss[-1][1]:.1f} MB at the end; growth after the first "
                  f"minute {growth} MB, {slope} MB/min over the second half: {'FLAT' if flat else 'GROWING'}")
            log = (server.data_dir / "server.log").read_text(encoding="utf-8", errors="replace")
    finally:
        if dropped:
            drop_database(url, dropped)
        shutil.rmtree(work, ignore_errors=True)  # the demo mine's data folder and the SQLite file

    print(json.dumps({
        "database": database, "steps": [{k: v for k, v in r.items() if k != "kinds"} | {
            "p95_ms_by_kind": {k: v["p95_ms"] for k, v in r["kinds"].items()},
            "rps_by_kind": {k: v["rps"] for k, v in r["kinds"].items()}} for r in results],
        "soak_seconds": round(soak_elapsed), "soak_clients": args.soak_clients, "soak_rps": soak["rps"],
        "soak_p95_ms": soak["p95_ms"], "soak_errors": soak["errors"],
        "soak_cpu_ms_per_request": soak["server_cpu_ms_per_request"], "rss_mb": [round(mb, 1) for _, mb in rss],
        "rss_growth_mb": growth, "rss_slope_mb_per_min": slope, "memory_flat": flat,
        "tracebacks_in_server_log": log.count("Traceback"),
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
