"""How long a library upload holds its request, and how the server answers while the background
job takes the document in (issue 12: a 19 MB upload took 225 s in one request).

Serves `python run.py --port N` with its own DATA_DIR (SQLite), signs in as admin, uploads one
document (by default a generated one of --articles articles; or --file), and reports: the
upload request's time, the time until the job is done, the progress texts the status endpoint
showed, and the latency of sign-ins, library pages and searches asked meanwhile by a second
person (and for --idle seconds before the upload). Each runner of --runners is measured in
turn on a fresh DATA_DIR: thread (the job in a thread of the server) and process (the job in a
child process at a lower priority, the default). Each runner's figures are printed as it ends, and
the last line is one JSON object with them all.

    .venv/bin/python bench/upload_job.py --articles 3000
    .venv/bin/python bench/upload_job.py --file '../shared/corpus/regulations/煤矿安全规程(2025-07-24).md'
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from served import HOST, cpu_seconds, free_port, percentile, stop, wait_for_port  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Qz7#kLm2!vRt9w"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None


class Session:
    def __init__(self, base: str) -> None:
        self.base = base
        jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.raw = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=600) as response:
            return response.read().decode("utf-8")

    def csrf(self, path: str) -> str:
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', self.get(path)).group(1)

    def login(self) -> float:
        """Sign in as admin; the seconds the sign-in request took."""
        form = {"csrf_token": self.csrf("/login"), "username": "admin", "password": PASSWORD}
        started = time.monotonic()
        self.opener.open(self.base + "/login", urllib.parse.urlencode(form).encode(), timeout=60).read()
        return time.monotonic() - started

    def upload(self, name: str, content: bytes) -> str:
        boundary = uuid.uuid4().hex
        head = "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
            for k, v in {"csrf_token": self.csrf("/library/"), "doc_type": ""}.items()
        ).encode()
        part = f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n\r\n'.encode()
        body = head + part + content + f"\r\n--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            self.base + "/library/upload", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        try:
            self.raw.open(request, timeout=600)
        except urllib.error.HTTPError as answer:  # the 302 NoRedirect refuses to follow
            return answer.headers["Location"]
        raise SystemExit("the upload did not answer with a redirect")


def generated(articles: int) -> bytes:
    lines = ["# 青石岭架空乘人装置安全管理细则", ""]
    for n in range(1, articles + 1):
        lines += [f"第{n}条 第{n}号区段的巡检工每班必须检查钢丝绳、托绳轮和乘人吊椅，发现断丝时必须立即停车处理。", ""]
    return "\n".join(lines).encode("utf-8")


KINDS = ("sign-in", "library", "search")


def probe(base: str, latencies: dict[str, list[float]], done: threading.Event) -> None:
    """A second person: signs in (a new browser each round), opens the library, searches."""
    while not done.is_set():
        person = Session(base)
        latencies["sign-in"].append(person.login())
        for kind, path in (("library", "/library/"), ("search", "/api/search?q=" + urllib.parse.quote("瓦斯超限"))):
            t = time.monotonic()
            try:
                person.get(path)
            except urllib.error.HTTPError:
                pass  # 503 while the very first index is built
            latencies[kind].append(time.monotonic() - t)
        time.sleep(0.2)


def figures(values: list[float]) -> dict[str, int]:
    return {
        "n": len(values),
        "p50": round(percentile(values, 50) * 1000),
        "p95": round(percentile(values, 95) * 1000),
        "max": round(max(values, default=0) * 1000),
    }


def measure(runner: str, name: str, content: bytes, idle: float) -> dict:
    """Serve a fresh DATA_DIR with UPLOAD_JOB_RUNNER=`runner`, upload, probe; the figures."""
    data_dir = Path(tempfile.mkdtemp(prefix="upload-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    # The prober searches five times a second as one person: above the per-person limit of a real server.
    env.update(DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1", MAX_UPLOAD_MB="100", RATELIMIT_SEARCH="10000 per minute",
               UPLOAD_JOB_RUNNER=runner)
    subprocess.run(
        [sys.executable, "run.py", "init", "--admin-password", PASSWORD],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "run.py", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, server, 60)
        base = f"http://{HOST}:{port}"
        admin = Session(base)
        admin.login()
        before: dict[str, list[float]] = {kind: [] for kind in KINDS}
        done = threading.Event()
        prober = threading.Thread(target=probe, args=(base, before, done), daemon=True)
        prober.start()
        time.sleep(idle)
        done.set()
        prober.join()

        cpu_before = cpu_seconds(server.pid)
        started = time.monotonic()
        location = admin.upload(name, content)
        answered = time.monotonic() - started
        during: dict[str, list[float]] = {kind: [] for kind in KINDS}
        done = threading.Event()
        prober = threading.Thread(target=probe, args=(base, during, done), daemon=True)
        prober.start()
        seen: list[str] = []
        while True:
            status = json.loads(admin.get(location + "/status"))
            if not seen or seen[-1] != status["progress_text"]:
                seen.append(status["progress_text"])
            if status["finished"]:
                break
            time.sleep(0.2)
        total = time.monotonic() - started
        done.set()
        prober.join()
        return {
            "runner": runner,
            "file": name,
            "bytes": len(content),
            "upload_request_s": round(answered, 3),
            "job_done_s": round(total, 1),
            "state": status["state"],
            "message": status["message"],
            "progress_texts_seen": len(seen),
            "progress_sample": seen[:3] + seen[-3:],
            "server_cpu_s": round(cpu_seconds(server.pid) - cpu_before, 1),
            **{f"{kind}_ms_before": figures(values) for kind, values in before.items()},
            **{f"{kind}_ms_during": figures(values) for kind, values in during.items()},
        }
    finally:
        stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--file", type=Path)
    parser.add_argument("--runners", default="thread,process", help="comma-separated: thread, process")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of probing before the upload")
    args = parser.parse_args()
    name, content = (args.file.name, args.file.read_bytes()) if args.file else ("细则.md", generated(args.articles))
    runs = []
    for runner in args.runners.split(","):
        runs.append(measure(runner.strip(), name, content, args.idle))
        print(json.dumps(runs[-1], ensure_ascii=False, indent=1), flush=True)  # each runner as it ends, to read
    # Last line: one JSON object with every figure (one runner's, or {"runs": [...]} for several).
    print(json.dumps(runs[0] if len(runs) == 1 else {"runs": runs}, ensure_ascii=False))


if __name__ == "__main__":
    main()
