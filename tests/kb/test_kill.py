"""Kill test on a real server: SIGKILL during the index update of a large upload, restart, and
the document is searchable without anyone doing anything (issue 12).

`python run.py --port N` runs as a subprocess with its own DATA_DIR and SQLite database. An
admin uploads a document of 3,000 articles over HTTP; the server's child process for uploads
(`run.py upload-jobs`, its log in the server's) takes it in. Once the child has logged that the
index update started and its index writer is at work, the child and the server are killed, as
a machine that lost power would lose both. The library then holds the document but the index
does not. The restarted server repairs the index in the background and the document is found.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from bench.served import free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Qz7#kLm2!vRt9w"
MARKER = "青石岭架空乘人装置"


def _large_document() -> bytes:
    lines = [f"# {MARKER}安全管理细则", ""]
    for n in range(1, 3001):
        lines.append(
            f"第{n}条 {MARKER}第{n}号区段的巡检工每班必须检查钢丝绳、托绳轮和乘人吊椅，"
            f"发现断丝、磨损超限或者吊椅松动时，必须立即停车处理，并向调度室报告第{n}号记录。"
        )
        lines.append("")
    return "\n".join(lines).encode("utf-8")


class Server:
    """`python run.py --port N` in a subprocess; its log lines are collected as they come."""

    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # SQLite in DATA_DIR
        env.update(DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "run.py", "--port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        wait_for_port(self.port, self.process, 60, log=lambda: "".join(self.lines))

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    def wait_for_log(self, pattern: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(re.search(pattern, line) for line in self.lines):
                return True
            time.sleep(0.05)
        return False

    def get(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=120) as response:
            return response.read().decode("utf-8")

    def csrf(self, path: str) -> str:
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', self.get(path)).group(1)

    def login(self, username: str, password: str) -> None:
        form = {"csrf_token": self.csrf("/login"), "username": username, "password": password}
        self.opener.open(self.url + "/login", urllib.parse.urlencode(form).encode(), timeout=60).read()

    def upload(self, name: str, content: bytes) -> None:
        boundary = uuid.uuid4().hex
        fields = {"csrf_token": self.csrf("/library/"), "doc_type": ""}
        body = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        )
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                "Content-Type: text/markdown\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            self.url + "/library/upload", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        self.opener.open(request, timeout=600).read()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def _init(data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DATA_DIR"] = str(data_dir)
    done = subprocess.run(
        [sys.executable, "run.py", "init", "--admin-password", PASSWORD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _hits(server: Server) -> list[dict]:
    try:
        data = json.loads(server.get("/api/search?" + urllib.parse.urlencode({"q": f"{MARKER} 吊椅松动"})))
    except urllib.error.HTTPError as exc:  # 503 while there is no usable index
        data = json.loads(exc.read().decode("utf-8"))
    return [hit for hit in data.get("results", []) if MARKER in hit["title"]]


def test_a_server_killed_during_the_index_update_repairs_it_after_restart(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _init(data_dir)
    server = Server(data_dir)
    try:
        server.login("admin", PASSWORD)
        uploading = threading.Thread(target=lambda: _ignore_errors(server.upload, "细则.md", _large_document()))
        uploading.start()
        assert server.wait_for_log(r"index update started", timeout=300), "".join(server.lines)
        assert _writer_started(data_dir / "index", timeout=60), "".join(server.lines)
        assert not any("re-indexed" in line for line in server.lines), "the update finished before the kill"
        os.kill(_upload_child(server), signal.SIGKILL)
        server.kill()
        uploading.join(timeout=60)
    finally:
        server.stop()
    log_before = "".join(server.lines)
    assert "re-indexed" not in log_before

    index = data_dir / "index"
    live = index / (index / "CURRENT").read_text().strip()
    left = _stale_files(live)
    assert "MAIN.tmp" in left, left  # the killed writer's posting pool is still there

    restarted = Server(data_dir)
    try:
        restarted.login("admin", PASSWORD)  # the first request starts the repair
        assert MARKER in restarted.get("/library/")  # the database kept the document all along
        deadline = time.monotonic() + 300
        while not (hits := _hits(restarted)) and time.monotonic() < deadline:
            time.sleep(1)
        assert hits, "".join(restarted.lines)
        assert restarted.wait_for_log(r"index repaired at start", timeout=30)
        library = restarted.get("/library/")
        assert 'id="index-notice"' not in library
        # The killed upload's job is taken over after the restart; let it finish before stopping,
        # or its own index writer is the one caught mid-write.
        assert restarted.wait_for_log(r"upload job \d+ (done|failed)", timeout=300), "".join(restarted.lines)
    finally:
        restarted.stop()
    assert _stale_files(index / (index / "CURRENT").read_text().strip()) == []


def _upload_child(server: Server) -> int:
    """The process id of the server's child taking the upload in (from the server's log)."""
    started = [re.search(r"upload jobs: child process (\d+) started", line) for line in server.lines]
    pids = [int(match.group(1)) for match in started if match]
    assert pids, "".join(server.lines)
    return pids[-1]


def _writer_started(index: Path, timeout: float) -> bool:
    """Wait until a Whoosh writer is at work in the live generation (its posting pool exists)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pointer = index / "CURRENT"
        if pointer.exists() and (index / pointer.read_text().strip() / "MAIN.tmp").exists():
            return True
        time.sleep(0.01)
    return False


def _stale_files(gen: Path) -> list[str]:
    """Temporary files and segment files the committed index does not reference."""
    from whoosh import index as whoosh_index

    segments = {segment.segment_id() for segment in whoosh_index.open_dir(str(gen))._segments()}
    names = sorted(os.listdir(gen))
    orphans = [n for n in names if (m := re.match(r"(MAIN_[0-9a-z]+)\.", n)) and m.group(1) not in segments]
    return [n for n in names if n.endswith(".tmp")] + orphans


def _ignore_errors(function, *args) -> None:
    try:
        function(*args)
    except Exception:  # the server is killed mid-request: the connection drops
        pass


if sys.platform != "linux":  # pragma: no cover - SIGKILL and fcntl locks
    pytestmark = pytest.mark.skip("the kill test needs Linux")
