"""How long a library upload holds its request, and how the server answers while the background
job takes the document in (issue 12: a 19 MB upload took 225 s in one request).

Serves `python run.py --port N` with its own DATA_DIR (SQLite), signs in as admin, uploads one
document (by default a generated one of --articles articles; or --file), and reports: the
upload request's time, the time until the job is done, the progress texts the status endpoint
showed, and the latency of library pages and searches asked meanwhile by a second session.

    .venv/bin/python bench/upload_job.py --articles 3000
    .venv/bin/python bench/upload_job.py --file ../shared/corpus/煤矿安全规程.docx
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

    def login(self) -> None:
        form = {"csrf_token": self.csrf("/login"), "username": "admin", "password": PASSWORD}
        self.opener.open(self.base + "/login", urllib.parse.urlencode(form).encode(), timeout=60).read()

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--file", type=Path)
    args = parser.parse_args()
    name, content = (args.file.name, args.file.read_bytes()) if args.file else ("细则.md", generated(args.articles))

    data_dir = Path(tempfile.mkdtemp(prefix="upload-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    # The prober searches five times a second as one person: above the per-person limit of a real server.
    env.update(DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1", MAX_UPLOAD_MB="100", RATELIMIT_SEARCH="10000 per minute")
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
        admin, other = Session(base), Session(base)
        admin.login()
        other.login()
        cpu_before = cpu_seconds(server.pid)

        started = time.monotonic()
        location = admin.upload(name, content)
        answered = time.monotonic() - started

        done = threading.Event()
        latencies: dict[str, list[float]] = {"library": [], "search": []}

        def meanwhile() -> None:
            while not done.is_set():
                for kind, path in (
                    ("library", "/library/"),
                    ("search", "/api/search?q=" + urllib.parse.quote("瓦斯超限")),
                ):
                    t = time.monotonic()
                    try:
                        other.get(path)
                    except urllib.error.HTTPError:
                        pass  # 503 while the very first index is built
                    latencies[kind].append(time.monotonic() - t)
                time.sleep(0.2)

        prober = threading.Thread(target=meanwhile, daemon=True)
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
        print(
            json.dumps(
                {
                    "file": name,
                    "bytes": len(content),
                    "upload_request_s": round(answered, 3),
                    "job_done_s": round(total, 1),
                    "state": status["state"],
                    "message": status["message"],
                    "progress_texts_seen": len(seen),
                    "progress_sample": seen[:3] + seen[-3:],
                    "server_cpu_s": round(cpu_seconds(server.pid) - cpu_before, 1),
                    **{
                        f"{kind}_ms": {
                            "n": len(values),
                            "p50": round(percentile(values, 50) * 1000),
                            "p95": round(percentile(values, 95) * 1000),
                            "max": round(max(values, default=0) * 1000),
                        }
                        for kind, values in latencies.items()
                    },
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    finally:
        stop(server)


if __name__ == "__main__":
    main()
