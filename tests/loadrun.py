"""A real server under load: `python run.py --port N` in a subprocess with its own DATA_DIR
(SQLite), the demo mine, a trainer importing a 3,000-row bank while workers sign in, search,
ask and give feedback. Used by tests/test_import_under_load.py (no 500s, every request
answered) and bench/import_under_load.py (the latency figures).
"""

from __future__ import annotations

import http.client
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench.served import free_port

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
ADMIN_PASSWORD = "Kuang-Shan-7391!"
QUESTIONS = ("瓦斯超限怎么办", "自救器怎么用", "局扇停了能直接开吗", "女职工能下井吗", "工伤怎么认定")
UNANSWERABLE = ("食堂几点开饭", "工资条在哪里看", "班车几点发车")  # logged as gaps: a write


def bank_xlsx(rows: int = 3000) -> bytes:
    """A bank file of `rows` single-choice questions in the import template's columns."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["题型", "题干", "选项", "答案", "分类"])
    for i in range(1, rows + 1):
        sheet.append(["单选题", f"第{i}号题：井下作业正确的做法是（ ）", f"A.做法甲{i} B.做法乙{i}", "AB"[i % 2], f"分类{i % 7}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class Client:
    """A browser-like client: one connection, cookies, CSRF tokens read from forms."""

    def __init__(self, base: str, timeout: float = 120) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.host, self.port, self.timeout = host, int(port), timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            sent = dict(headers or {})
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.getheader("Location") or "", text
        finally:
            conn.close()

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, data: dict, files: dict | None = None):
        if files:
            boundary = "----banzu" + os.urandom(8).hex()
            parts = []
            for name, value in data.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
            for name, (filename, content) in files.items():
                head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                        "Content-Type: application/octet-stream\r\n\r\n")
                parts.append(head.encode() + content + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            return self.request("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        return self.request("POST", path, urlencode(data).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def token(self, path: str) -> str:
        status, _, text = self.get(path)
        match = CSRF.search(text)
        if not match:
            raise AssertionError(f"no CSRF token on {path} (status {status})")
        return match.group(1)


@dataclass
class Server:
    url: str
    data_dir: Path
    process: subprocess.Popen
    logins: list[dict]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextmanager
def running_server(root: Path, data_dir: Path, port: int | None = None, env: dict | None = None) -> Iterator[Server]:
    """Initialise DATA_DIR (SQLite, the demo mine) with the code at `root` and serve it."""
    port = port or free_port()
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    # Every client signs in from 127.0.0.1: the per-address limits are for attacks, not for this.
    # Each simulated person also searches and asks every second or so, faster than the per-person limit.
    limits = {"LOCKOUT_MAX_NAMES_PER_ADDRESS": "1000", "LOCKOUT_MAX_FAILURES_PER_ADDRESS": "1000",
              "RATELIMIT_SEARCH": "10000 per minute"}
    environ |= {"DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"} | limits | (env or {})
    command = [sys.executable, str(root / "run.py")]
    subprocess.run([*command, "init", "--admin-password", ADMIN_PASSWORD], env=environ, cwd=root, check=True,
                   capture_output=True, timeout=600)
    demo = subprocess.run([*command, "demo", "--json"], env=environ, cwd=root, check=True, capture_output=True,
                          text=True, timeout=900)
    logins = json.loads(demo.stdout.strip().splitlines()[-1])
    log = open(data_dir / "server.log", "wb")  # noqa: SIM115 - closed with the server
    process = subprocess.Popen([*command, "--port", str(port)], env=environ, cwd=root, stdout=log,
                               stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", data_dir, process, logins)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if Client(server.url, timeout=5).get("/login")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {(data_dir / 'server.log').read_text()[-2000:]}")
            time.sleep(0.2)
        yield server
    finally:
        server.stop()
        log.close()


@dataclass
class Sample:
    kind: str
    status: int
    seconds: float
    during_import: bool


@dataclass
class LoadResult:
    samples: list[Sample] = field(default_factory=list)
    import_status: int = 0
    import_seconds: float = 0.0
    import_location: str = ""
    errors: list[str] = field(default_factory=list)

    def latencies(self, kind: str, during_import: bool = True) -> list[float]:
        return sorted(s.seconds for s in self.samples if s.kind == kind and s.during_import == during_import)

    def statuses(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for sample in self.samples:
            counts[sample.status] = counts.get(sample.status, 0) + 1
        return counts


def worker_loop(server: Server, login: dict, result: LoadResult, importing: threading.Event,
                stop: threading.Event, lock: threading.Lock, number: int, think: float) -> None:
    """Sign in (a write: last_login_at), search, ask (a logged gap: a write), give feedback (a write); repeat
    as a new browser each time."""

    def record(kind: str, started: float, status: int) -> None:
        with lock:
            result.samples.append(Sample(kind, status, time.perf_counter() - started, importing.is_set()))

    turn = 0
    while not stop.wait(think if turn else number * think / 20):  # a person reads between clicks
        turn += 1
        client = Client(server.url)
        try:
            token = client.token("/login")
            started = time.perf_counter()
            status, location, _ = client.post("/login", {"csrf_token": token, "username": login["username"],
                                                         "password": login["password"]})
            record("sign-in", started, status)
            if status != 302:
                continue
            question = QUESTIONS[(number + turn) % len(QUESTIONS)]
            started = time.perf_counter()
            record("search", started, client.get("/kb/search?" + urlencode({"q": question}))[0])
            gap = f"{UNANSWERABLE[(number + turn) % len(UNANSWERABLE)]}（{number}-{turn}）"
            started = time.perf_counter()
            status, _, page = client.get("/kb/ask?" + urlencode({"q": gap}))
            record("ask", started, status)
            match = CSRF.search(page)
            if match:
                started = time.perf_counter()
                status = client.post("/kb/ask/feedback", {"csrf_token": match.group(1), "q": question,
                                                          "helpful": "0", "reason": "other"})[0]
                record("feedback", started, status)
        except Exception as exc:  # a refused or dropped connection is a failure to report, not a crash
            with lock:
                result.errors.append(f"{type(exc).__name__}: {exc}")


def import_under_load(server: Server, clients: int = 20, rows: int = 3000, warmup: float = 10.0,
                      cooldown: float = 2.0, think: float = 1.0) -> LoadResult:
    """Workers load the server (each waiting `think` seconds between rounds of four requests);
    after `warmup` seconds a trainer confirms a `rows`-row import and (when it runs in the
    background) follows its progress until it is done: that is the time "during import"."""
    result, lock = LoadResult(), threading.Lock()
    importing, stop = threading.Event(), threading.Event()
    trainer_login = next(x for x in server.logins if x["role"] == "unit_trainer")
    workers = [x for x in server.logins if x["role"] == "worker"]
    trainer = Client(server.url, timeout=3600)
    token = trainer.token("/login")
    trainer.post("/login", {"csrf_token": token, "username": trainer_login["username"],
                            "password": trainer_login["password"]})
    status, preview, _ = trainer.post("/bank/import", {"csrf_token": trainer.token("/bank/import")},
                                      files={"file": ("三千题.xlsx", bank_xlsx(rows))})
    if status != 302:
        raise AssertionError(f"upload answered {status}")
    preview = preview.replace(server.url, "")
    confirm_token = trainer.token(preview)  # parses the file once, before the load starts
    threads = [threading.Thread(target=worker_loop, daemon=True,
                                args=(server, workers[i % len(workers)], result, importing, stop, lock, i, think))
               for i in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(warmup)
    importing.set()
    started = time.perf_counter()
    result.import_status, result.import_location, _ = trainer.post(preview, {"csrf_token": confirm_token})
    if result.import_status == 302 and result.import_location.endswith("/job"):
        # A background import: its job page polls the progress every second until it ends.
        while True:
            job = json.loads(trainer.get(preview + "/progress")[2])
            if job["state"] not in ("waiting", "running"):
                break
            time.sleep(1.0)
        result.import_location = job.get("url", "") if job["state"] == "done" else f"{job['state']}: {job}"
    result.import_seconds = time.perf_counter() - started
    importing.clear()
    time.sleep(cooldown)
    stop.set()
    for thread in threads:
        thread.join(timeout=180)
    return result
