"""The production server's request handling (core/serving.py): versioned static URLs cached for a
year, gzip for static text files (never for pages), and one log line per request that names the
method, path, status, time and person, and never the query text or a password."""

from __future__ import annotations

import gzip
import logging
import re

from flask import url_for

from kb import rebuild_index
from tests.conftest import ROOT

ECHARTS = "vendor/echarts/echarts.min.js"


def test_static_urls_carry_a_content_hash_and_are_cached_for_a_year(app, client):
    with app.test_request_context():
        url = url_for("static", filename="css/app.css")
    version = re.fullmatch(r"/static/css/app\.css\?v=([0-9a-f]{12})", url)
    assert version, url
    import hashlib

    assert version.group(1) == hashlib.sha256((ROOT / "static/css/app.css").read_bytes()).hexdigest()[:12]
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Accept-Encoding" in response.headers["Vary"]
    # A link without the version (hand-written, or an old page) is kept an hour and revalidated.
    plain = client.get("/static/css/app.css")
    assert plain.headers["Cache-Control"] == "public, max-age=3600"
    etag = plain.headers["ETag"]
    again = client.get("/static/css/app.css", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["Cache-Control"] == "public, max-age=3600"


def test_pages_link_versioned_static_files(app, client, login):
    login("worker")
    page = client.get("/").get_data(as_text=True)
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert links and all(re.search(r"\?v=[0-9a-f]{12}$", link) for link in links), links


def test_static_text_is_gzipped_for_clients_that_accept_it(app, client):
    original = (ROOT / "static" / ECHARTS).read_bytes()
    response = client.get(f"/static/{ECHARTS}", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    body = response.get_data()
    assert gzip.decompress(body) == original
    assert int(response.headers["Content-Length"]) == len(body) < len(original) // 2
    assert response.headers["ETag"].startswith('W/"')  # another encoding of the same file
    # Revalidating the gzipped copy answers 304; the second request comes from memory, same bytes.
    assert client.get(f"/static/{ECHARTS}", headers={"Accept-Encoding": "gzip",
                                                     "If-None-Match": response.headers["ETag"]}).status_code == 304
    assert client.get(f"/static/{ECHARTS}", headers={"Accept-Encoding": "gzip"}).get_data() == body

    plain = client.get(f"/static/{ECHARTS}")  # no Accept-Encoding: the file as it is
    assert "Content-Encoding" not in plain.headers and plain.get_data() == original
    refused = client.get(f"/static/{ECHARTS}", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers


def test_tiny_files_and_pages_are_not_compressed(app, client, login):
    small = min((p for p in (ROOT / "static" / "js").glob("*.js")), key=lambda p: p.stat().st_size)
    if small.stat().st_size < 1024:
        response = client.get(f"/static/js/{small.name}", headers={"Accept-Encoding": "gzip"})
        assert "Content-Encoding" not in response.headers
    login("worker")
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200 and len(page.get_data()) > 1024
    assert "Content-Encoding" not in page.headers  # pages carry CSRF tokens and echo what was typed: no BREACH


def test_one_log_line_per_request_without_query_text_or_password(app, client, login, caplog):
    rebuild_index(app)
    caplog.set_level(logging.INFO, logger="banzu.requests")
    user = login("worker", password="Secret-Pass-99!")
    sign_in = [r.getMessage() for r in caplog.records if r.name == "banzu.requests"]
    # The login fixture fetched the form (GET) and posted it (POST → 302, now signed in).
    assert re.fullmatch(r"GET /login 200 \d+\.\dms user=-", sign_in[0]), sign_in
    assert re.fullmatch(rf"POST /login 302 \d+\.\dms user={user.id}", sign_in[-1]), sign_in
    caplog.clear()
    client.get("/kb/search?q=瓦斯超限怎么办")
    client.get("/no-such-page")
    lines = [r.getMessage() for r in caplog.records if r.name == "banzu.requests"]
    assert len(lines) == 2
    assert re.fullmatch(rf"GET /kb/search 200 \d+\.\dms user={user.id}", lines[0]), lines
    assert re.fullmatch(rf"GET /no-such-page 404 \d+\.\dms user={user.id}", lines[1]), lines
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "瓦斯" not in logged and "Secret-Pass-99!" not in logged


def test_a_crash_is_logged_as_500(app, client, caplog):
    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("kaput")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    caplog.set_level(logging.INFO, logger="banzu.requests")
    assert client.get("/boom-for-test").status_code == 500
    lines = [r.getMessage() for r in caplog.records if r.name == "banzu.requests"]
    assert len(lines) == 1 and re.fullmatch(r"GET /boom-for-test 500 \d+\.\dms user=-", lines[0]), lines


def test_static_versions_follow_a_changed_file(tmp_path):
    from core.serving import StaticVersions

    (tmp_path / "a.css").write_text("body{}")
    versions = StaticVersions(str(tmp_path))
    first = versions.version("a.css")
    (tmp_path / "a.css").write_text("body{color:red}")
    assert versions.version("a.css") not in (None, first)
    assert versions.version("../a.css") is None and versions.version("missing.css") is None
