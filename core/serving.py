"""What the production server adds around every request: one log line per request, static
files under versioned URLs with long cache headers, and gzip for static files.

- Request log (logger `banzu.requests`): `GET /kb/search 200 12.3ms user=42` — method, path
  (never the query string: it holds search and ask text), status, milliseconds and the signed-in
  person's id ("-" when anonymous). Nothing else about the request is logged.
- `url_for("static", filename=...)` adds `?v=<hash of the file's content>`; a static response
  asked for with `v` is cached for a year (`immutable`): a new release changes the hash, so the
  browser fetches the new file. Without `v` (a hand-written link) it is cached one hour and
  revalidated with the ETag Flask sends.
- Static text files (CSS, JavaScript, SVG, JSON) are gzipped for clients that accept it; the
  compressed bytes are kept in memory per file version (ECharts is 1 MB, 330 KB gzipped).
  Pages are not compressed: they carry CSRF tokens and reflect what was typed (search text),
  which compressed over TLS invites BREACH-style guessing (nginx.conf.example does the same).
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
import time
from pathlib import Path

from flask import Flask, g, request, session

log = logging.getLogger("banzu.requests")

YEAR = 365 * 24 * 3600
COMPRESSIBLE = ("text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json",
                "text/plain")
MIN_COMPRESS_BYTES = 1024


class StaticVersions:
    """Content hashes of static files, recomputed only when a file's mtime or size changes; and
    the gzipped bytes of each file version."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder).resolve()
        self._hashes: dict[str, tuple[tuple[int, int], str]] = {}
        self._gzipped: dict[tuple[str, str], bytes] = {}
        self._lock = threading.Lock()

    def version(self, filename: str) -> str | None:
        """A short hash of the file's content, or None when it is not a file under the folder."""
        path = (self.folder / filename).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            return None
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._hashes.get(filename)
        if cached and cached[0] == key:
            return cached[1]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        with self._lock:
            self._hashes[filename] = (key, digest)
        return digest

    def gzipped(self, filename: str, etag: str, read) -> bytes:
        """The file's content gzipped: `read()` and compressed once per (file, ETag), then from memory."""
        packed = self._gzipped.get((filename, etag))
        if packed is None:
            packed = gzip.compress(read(), compresslevel=6, mtime=0)
            with self._lock:
                self._gzipped = {k: v for k, v in self._gzipped.items() if k[0] != filename}  # drop old versions
                self._gzipped[(filename, etag)] = packed
        return packed


def _user_id() -> str:
    """The signed-in person's id from the session ("id:generation"), without loading the person."""
    session_id = session.get("_user_id") if session else None
    return str(session_id).partition(":")[0] if session_id else "-"


def _accepts_gzip() -> bool:
    return any(part.split(";")[0].strip() == "gzip" and not part.replace(" ", "").endswith(";q=0")
               for part in request.headers.get("Accept-Encoding", "").split(","))


def init_app(app: Flask) -> None:
    """Register the request log, the versioned static URLs, their cache headers and compression."""
    versions = StaticVersions(app.static_folder or "static")
    app.extensions["static_versions"] = versions

    @app.url_defaults
    def static_version(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "v" not in values and (version := versions.version(values.get("filename", ""))):
            values["v"] = version

    @app.before_request
    def start_clock() -> None:
        g.request_started = time.perf_counter()

    @app.after_request  # registered first, so it runs last (after the headers below)
    def log_request(response):
        started = g.get("request_started")
        ms = (time.perf_counter() - started) * 1000 if started is not None else 0.0
        log.info("%s %s %s %.1fms user=%s", request.method, request.path, response.status_code, ms, _user_id())
        return response

    @app.after_request
    def static_headers(response):
        if request.endpoint != "static" or response.status_code not in (200, 304):
            return response
        if request.args.get("v"):
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        else:
            response.headers["Cache-Control"] = "public, max-age=3600"
        response.vary.add("Accept-Encoding")
        if (response.status_code == 200 and response.mimetype in COMPRESSIBLE and _accepts_gzip()
                and "Content-Encoding" not in response.headers and "Content-Range" not in response.headers):
            etag = response.get_etag()[0] or ""
            if (response.content_length or 0) >= MIN_COMPRESS_BYTES and etag:
                response.direct_passthrough = False  # send_file streams the file; we send bytes instead
                packed = versions.gzipped(request.view_args["filename"], etag, response.get_data)
                response.close()
                response.set_data(packed)
                response.headers["Content-Encoding"] = "gzip"
                response.set_etag(etag, weak=True)  # the same content in another encoding
        return response
