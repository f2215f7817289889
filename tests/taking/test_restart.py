"""Fault test on a real server: the production server (`python run.py`, waitress) is killed
with SIGKILL while answers are being saved, and restarted on the same DATA_DIR and database.

Every answer the server acknowledged (200) before the kill is in the attempt afterwards, the
attempt resumes with the clock still running, more answers can be saved, submitting twice
counts once, and a save after submitting is refused with a message. Only 127.0.0.1 is used.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

from bench.served import HOST, free_port, wait_for_port
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

WORKER = "10102"
EXAM_TITLE = "综采一队 12月安全规程月考（演示）"
CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Server:
    """`python run.py --port N` as a subprocess on a DATA_DIR and database of its own."""

    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None
    port: int = 0

    def start(self, timeout: float = 60) -> None:
        self.port = free_port()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen([sys.executable, "run.py", "--host", HOST, "--port", str(self.port)],
                                            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.process, timeout, log=self.log.read_text)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)


def run_command(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "run.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture
def demo_server(empty_database, tmp_path: Path) -> Iterator[tuple[Server, dict]]:
    """The demo mine in a fresh database, served by the production server; killed at the end."""
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": empty_database("restart")}
    env.pop("SECRET_KEY", None)  # kept in DATA_DIR, so sessions outlive a restart as in production
    run_command(env, "init", "--admin-password", "Restart-Test-2026!x")
    logins = json.loads(run_command(env, "demo", "--json").strip().splitlines()[-1])
    worker = next(x for x in logins if x["username"] == WORKER)
    server = Server(env, tmp_path / "server.log")
    try:
        server.start()
        yield server, worker
    finally:
        server.kill()


@dataclass
class Browser:
    """A worker's phone: cookies shared by its connections; one keep-alive connection per thread."""

    server: Server
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
        own = conn is None
        conn = conn or http.client.HTTPConnection(HOST, self.server.port, timeout=20)
        try:
            with self.lock:
                cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            sent = {"Cookie": cookie, **(headers or {})}
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            data = response.read()
            for header in response.headers.get_all("Set-Cookie") or ():
                name, _, value = header.split(";", 1)[0].partition("=")
                with self.lock:
                    self.cookies[name.strip()] = value
            return response.status, data
        finally:
            if own:
                conn.close()

    def api(self, method: str, path: str, payload: dict | None = None,
            conn: http.client.HTTPConnection | None = None) -> tuple[int, dict]:
        body = json.dumps(payload or {}).encode() if method != "GET" else None
        headers = {"Content-Type": "application/json", "X-CSRFToken": self.csrf} if method != "GET" else {}
        status, data = self.request(method, f"/api/v1{path}", body, headers, conn)
        return status, json.loads(data) if data else {}

    def sign_in(self, username: str, password: str) -> None:
        status, page = self.request("GET", "/login")
        token = CSRF_INPUT.search(page.decode())
        assert status == 200 and token
        form = urlencode({"username": username, "password": password, "csrf_token": token.group(1)}).encode()
        status, _ = self.request("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302, status
        status, me = self.api("GET", "/me")
        assert status == 200, me
        self.csrf = me["csrf_token"]


def an_answer(item: dict, round_: int) -> list[str]:
    """A valid answer that changes from round to round: option letters, or text for a blank."""
    letters = [o["key"] for o in item["options"]]
    if item["shape"] == "blank":
        return [f"答案{round_}"]
    if item["shape"] == "multi":
        return sorted(letters[: 1 + round_ % len(letters)])
    return [letters[round_ % len(letters)]]


def test_sigkill_during_exam_loses_no_saved_answer(demo_server) -> None:
    server, worker = demo_server
    phone = Browser(server)
    phone.sign_in(WORKER, worker["password"])
    status, quizzes = phone.api("GET", "/quizzes")
    assert status == 200
    paper = next(p for p in quizzes["papers"] if p["title"] == EXAM_TITLE)
    status, attempt = phone.api("POST", f"/papers/{paper['id']}/attempts")
    assert status == 200, attempt
    attempt_id, items = attempt["id"], {i["position"]: i for i in attempt["items"]}
    remaining_at_start = attempt["remaining_seconds"]
    assert len(items) == 30 and remaining_at_start > 0

    # A few answers saved one by one, then saves from three threads while the server is killed.
    acked: dict[int, tuple[int, list[str]]] = {}  # position -> (seq, answer) of the last 200
    in_flight: dict[int, tuple[int, list[str]]] = {}  # position -> the save that got no answer
    for position in range(1, 6):
        answer = an_answer(items[position], 0)
        status, body = phone.api("PUT", f"/attempts/{attempt_id}/items/{position}", {"answer": answer, "seq": 1})
        assert status == 200 and body["seq"] == 1, body
        acked[position] = (1, answer)

    stop = threading.Event()
    lock = threading.Lock()
    errors: list[str] = []

    def saver(positions: list[int]) -> None:
        conn = http.client.HTTPConnection(HOST, server.port, timeout=20)
        seq = 1
        try:
            while not stop.is_set() and seq < 10_000:
                seq += 1
                for position in positions:
                    answer = an_answer(items[position], seq)
                    with lock:
                        in_flight[position] = (seq, answer)
                    try:
                        status, body = phone.api("PUT", f"/attempts/{attempt_id}/items/{position}",
                                                 {"answer": answer, "seq": seq}, conn)
                    except (OSError, http.client.HTTPException, json.JSONDecodeError):
                        return  # the server is gone: this save may or may not have been stored
                    if status != 200 or body.get("seq") != seq:
                        errors.append(f"save {position} seq {seq}: {status} {body}")
                        return
                    with lock:
                        acked[position] = (seq, answer)
                        del in_flight[position]
        finally:
            conn.close()

    threads = [threading.Thread(target=saver, args=(list(range(first, 31, 3)),)) for first in (6, 7, 8)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while len(acked) < 30 and time.monotonic() < deadline:  # every question answered at least once
        time.sleep(0.05)
    time.sleep(0.3)
    server.process.send_signal(signal.SIGKILL)  # no clean shutdown: saves are in flight
    server.process.wait(10)
    stop.set()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    assert in_flight, "no save was in flight when the server was killed"
    assert len(acked) == 30, "the saves did not reach every question before the kill"

    server.start()  # same DATA_DIR and database; the session cookie is still valid
    status, after = phone.api("GET", f"/attempts/{attempt_id}")
    assert status == 200, after
    assert after["status"] == "open"
    stored = {i["position"]: i for i in after["items"]}
    for position, (seq, answer) in acked.items():
        kept = stored[position]
        if position in in_flight and kept["seq"] == in_flight[position][0]:
            # the save that was cut off reached the database before the kill: it is the newer one
            assert kept["answer"] == in_flight[position][1], position
        else:
            assert (kept["seq"], kept["answer"]) == (seq, answer), (position, kept, seq, answer)

    # The attempt resumes where it was, with the clock still running.
    status, resumed = phone.api("POST", f"/papers/{paper['id']}/attempts")
    assert status == 200 and resumed["id"] == attempt_id
    assert 0 < resumed["remaining_seconds"] < remaining_at_start
    # More answers can be saved.
    seq = stored[1]["seq"] + 1
    answer = an_answer(items[1], seq + 7)
    status, body = phone.api("PUT", f"/attempts/{attempt_id}/items/1", {"answer": answer, "seq": seq})
    assert status == 200 and body["seq"] == seq
    status, again = phone.api("GET", f"/attempts/{attempt_id}")
    assert again["items"][0]["answer"] == answer

    # Submitting twice counts once.
    status, first = phone.api("POST", f"/attempts/{attempt_id}/submit")
    assert status == 200 and first["status"] == "submitted", first
    status, second = phone.api("POST", f"/attempts/{attempt_id}/submit")
    assert status == 200 and (second["score"], second["submitted_at"]) == (first["score"], first["submitted_at"])
    status, history = phone.api("GET", "/history")
    assert [a["id"] for a in history["attempts"] if a["title"] == EXAM_TITLE] == [attempt_id]
    status, quizzes = phone.api("GET", "/quizzes")
    assert next(p for p in quizzes["papers"] if p["id"] == paper["id"])["attempts_used"] == 1

    # A save after submitting is refused with a message; the answer kept is unchanged.
    status, refused = phone.api("PUT", f"/attempts/{attempt_id}/items/1", {"answer": an_answer(items[1], 1),
                                                                          "seq": seq + 1})
    assert status == 409 and refused.get("error"), refused
    status, result = phone.api("GET", f"/attempts/{attempt_id}/result")
    assert status == 200 and result["score"] == first["score"]
    assert result["items"][0]["answer"] == answer
