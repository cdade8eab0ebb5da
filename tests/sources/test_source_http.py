"""The local server misbehaving: each case gives a clear message and leaves the database unchanged."""

from __future__ import annotations

import gzip
import json

import pytest

import payloads as P
from source_server import Reply, file_source, jobsuche_source, write_config
from kjc_tui.core.net import is_loopback
from kjc_tui.sources.run import fetch_all

GOOD = P.file_csv()
CSV = {"Content-Type": "text/csv"}


def sequence(*replies: Reply):
    """A route answering with the given replies in turn, the last one from then on."""
    state = {"n": 0}

    def route(query, headers):
        i = min(state["n"], len(replies) - 1)
        state["n"] += 1
        return replies[i]
    return route


def fetch_one(tmp_path, db, sleeps, url, http="retries = 0\nthrottle = 0\ntimeout = 5\n", extra=""):
    cfg = write_config(tmp_path, db, file_source(url, extra=extra), http=http)
    before = db.read_bytes()
    summary = fetch_all(cfg, sleep=sleeps)
    [r] = summary.results
    return r, before, summary


def test_500_then_200_is_retried(server, db, tmp_path, sleeps):
    server.routes["/m/flaky.csv"] = sequence(Reply(500, b"boom"), Reply(503, b"busy"), Reply(200, GOOD, CSV))
    r, _, summary = fetch_one(tmp_path, db, sleeps, server.url("/m/flaky.csv"),
                              http="retries = 3\nbackoff = 0.5\nthrottle = 0\n")
    assert (r.status, r.rows) == ("fetched", 3), r
    assert sleeps == [0.5, 1.0]                  # exponential backoff
    assert server.hits["/m/flaky.csv"] == 3 and summary.exit_code == 0
    assert r.requests == 3                       # the retries count too


def test_500_for_good_fails_after_retries(server, db, tmp_path, sleeps):
    server.routes["/m/down.csv"] = sequence(Reply(500, b"boom"))
    r, before, summary = fetch_one(tmp_path, db, sleeps, server.url("/m/down.csv"),
                                   http="retries = 2\nbackoff = 0.1\n")
    assert r.status == "failed"
    assert r.message == f"{server.url('/m/down.csv')}: HTTP 500 Serverfehler (nach 3 Versuchen)"
    assert r.requests == 3                       # a failed source says how many requests it made
    assert db.read_bytes() == before and summary.exit_code == 1


def test_429_honours_retry_after(server, db, tmp_path, sleeps):
    server.routes["/m/busy.csv"] = sequence(Reply(429, b"", {"Retry-After": "2"}), Reply(200, GOOD, CSV))
    r, _, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/busy.csv"), http="retries = 2\nbackoff = 0.1\n")
    assert r.status == "fetched" and sleeps == [2.0]


def test_429_with_a_long_retry_after_gives_up_at_once(server, db, tmp_path, sleeps):
    server.routes["/m/later.csv"] = sequence(Reply(429, b"", {"Retry-After": "3600"}))
    r, before, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/later.csv"), http="retries = 5\n")
    assert r.status == "failed" and "zu viele Anfragen; der Server bittet, erst in 3600 s erneut zu fragen" \
        in r.message
    assert sleeps == [] and db.read_bytes() == before


def test_stall_past_the_timeout(server, db, tmp_path, sleeps):
    server.routes["/m/stall.csv"] = sequence(Reply(200, GOOD, CSV, stall=3.0))
    r, before, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/stall.csv"), http="retries = 0\ntimeout = 0.8\n")
    assert r.status == "failed"
    assert r.message.endswith("Übertragung stockt länger als 0.8 s (Zeitüberschreitung)")
    assert db.read_bytes() == before


def test_body_past_the_size_cap(server, db, tmp_path, sleeps):
    server.routes["/m/big.csv"] = sequence(Reply(200, GOOD + b"x" * 5000, CSV))
    r, before, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/big.csv"), http="max_bytes = 1000\n")
    assert r.status == "failed" and "Obergrenze 1000 Bytes (max_bytes in kjc.toml)" in r.message
    assert db.read_bytes() == before


def test_gzip_bomb_is_capped_after_decoding(server, db, tmp_path, sleeps):
    bomb = gzip.compress(GOOD + b"0" * 2_000_000)
    assert len(bomb) < 10_000
    server.routes["/m/bomb.csv"] = sequence(Reply(200, bomb, {**CSV, "Content-Encoding": "gzip"}))
    r, before, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/bomb.csv"), http="max_bytes = 100000\n")
    assert r.status == "failed" and "größer als die Obergrenze von 97,7 KB" in r.message
    assert db.read_bytes() == before


def test_gzip_is_decoded(server, db, tmp_path, sleeps):
    server.static("/m/zipped.csv", GOOD, "text/csv", gzipped=True)
    r, _, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/zipped.csv"))
    assert (r.status, r.rows) == ("fetched", 3)
    assert "gzip" in server.seen_headers[-1]["accept-encoding"]


def test_truncated_gzip(server, db, tmp_path, sleeps):
    cut = gzip.compress(GOOD)[:-12]
    server.routes["/m/cut.csv"] = sequence(Reply(200, cut, {**CSV, "Content-Encoding": "gzip"}))
    r, before, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/cut.csv"))
    assert r.status == "failed" and r.message.endswith("gzip-Daten sind unvollständig (Übertragung abgebrochen?)")
    assert db.read_bytes() == before


def test_malformed_csv(server, db, tmp_path, sleeps):
    bad = GOOD + b'JC-06437;2025-02;BG;"12\r\n'
    server.routes["/m/quote.csv"] = sequence(Reply(200, bad, CSV))
    r, before, summary = fetch_one(tmp_path, db, sleeps, server.url("/m/quote.csv"))
    assert r.status == "refused" and summary.exit_code == 3
    assert [str(p) for p in r.problems] == [f"verband <{server.url('/m/quote.csv')}>, Zeile 6: "
                          "ein Anführungszeichen wird nicht geschlossen"]
    assert db.read_bytes() == before


def test_malformed_json(server, db, tmp_path, sleeps):
    server.routes["/m/bad.json"] = sequence(Reply(200, b'{"rows": [{"KJC": "JC-06437",', {"Content-Type":
                                                                                        "application/json"}))
    r, before, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/bad.json"))
    assert r.status == "refused" and "ist kein gültiges JSON" in str(r.problems[0])
    assert db.read_bytes() == before


def test_malformed_jobsuche_json(server, db, tmp_path, sleeps, monkeypatch):
    server.routes["/m/js/pc/v4/jobs"] = sequence(Reply(200, b'{"stellenangebote": [', {"Content-Type":
                                                                                      "application/json"}))
    monkeypatch.setenv("KJC_JOBSUCHE_API_KEY", "k")
    cfg = write_config(tmp_path, db, jobsuche_source(server.url('/m/js')))
    before = db.read_bytes()
    [r] = fetch_all(cfg, sleep=sleeps).results
    assert r.status == "refused" and "ist kein gültiges JSON (Zeile 1, Spalte 22)" in str(r.problems[0])
    assert db.read_bytes() == before


def test_redirect_to_another_host_is_refused(server, db, tmp_path, sleeps):
    target = f"http://localhost:{server.port}/m/elsewhere.csv"
    server.routes["/m/moved.csv"] = sequence(Reply(302, b"", {"Location": target}))
    server.static("/m/elsewhere.csv", GOOD, "text/csv")
    r, before, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/moved.csv"))
    assert r.status == "failed" and "Umleitung auf eine andere Adresse (http://localhost:" in r.message
    assert server.hits["/m/elsewhere.csv"] == 0
    assert db.read_bytes() == before


def test_redirect_on_the_same_host_is_followed(server, db, tmp_path, sleeps):
    server.routes["/m/old.csv"] = sequence(Reply(301, b"", {"Location": "/m/new.csv"}))
    server.static("/m/new.csv", GOOD, "text/csv")
    r, _, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/old.csv"))
    assert (r.status, r.rows) == ("fetched", 3)


def test_wrong_content_type(server, db, tmp_path, sleeps):
    server.routes["/m/page.csv"] = sequence(Reply(200, b"<html>Anmeldung</html>", {"Content-Type":
                                                                                  "text/html; charset=utf-8"}))
    r, before, summary = fetch_one(tmp_path, db, sleeps, server.url("/m/page.csv"), extra='format = "csv"')
    assert r.status == "refused" and summary.exit_code == 3
    assert [str(p) for p in r.problems] == [f"verband <{server.url('/m/page.csv')}>, Wert 'text/html; charset=utf-8': "
                          "unerwarteter Inhaltstyp (erwartet: text/csv, text/plain, application/csv, text/comma-separated-values, text/x-csv, "
                          "application/vnd.ms-excel, application/octet-stream); falsche URL oder eine Fehlerseite? "
                          "Sonst in kjc.toml content_types setzen"]
    assert db.read_bytes() == before


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
def test_unchanged_source_answers_304(server, db, tmp_path, sleeps, validator):
    path = f"/m/same-{validator}.csv"
    kw = {"etag": '"v1"'} if validator == "etag" else {"last_modified": "Fri, 28 Feb 2025 10:00:00 GMT"}
    server.static(path, GOOD, "text/csv", **kw)
    r, _, _ = fetch_one(tmp_path, db, sleeps, server.url(path))
    assert r.status == "fetched"
    r, before, summary = fetch_one(tmp_path, db, sleeps, server.url(path))
    assert (r.status, r.requests, r.unchanged_requests) == ("unchanged", 1, 1)
    header = "if-none-match" if validator == "etag" else "if-modified-since"
    assert server.seen_headers[-1][header] == kw.get("etag", kw.get("last_modified"))
    assert db.read_bytes() == before and summary.exit_code == 0 and not summary.changed


def test_refused_response_is_not_cached(server, db, tmp_path, sleeps):
    """After a refusal the next fetch asks in full, even though the server's ETag is the same."""
    server.static("/m/fixed.csv", P.file_csv(bad_value="kaputt"), "text/csv", etag='"same"')
    r, _, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/fixed.csv"))
    assert r.status == "refused"
    server.static("/m/fixed.csv", GOOD, "text/csv", etag='"same"')
    r, _, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/fixed.csv"))
    assert (r.status, r.rows) == ("fetched", 3)
    assert "if-none-match" not in server.seen_headers[-1]


def test_a_failing_source_does_not_stop_the_others(server, db, tmp_path, sleeps):
    server.static("/m/ok.csv", GOOD, "text/csv")
    server.routes["/m/broken.csv"] = sequence(Reply(200, P.file_csv(bad_value="?"), CSV))
    cfg = write_config(tmp_path, db, file_source(server.url("/m/missing.csv"), "fehlt")
                       + file_source(server.url("/m/broken.csv"), "kaputt")
                       + file_source(server.url("/m/ok.csv"), "gut"))
    summary = fetch_all(cfg, sleep=sleeps)
    status = {r.name: r.status for r in summary.results}
    assert status == {"fehlt": "failed", "kaputt": "refused", "gut": "fetched"}
    assert summary.results[0].message.endswith("HTTP 404 nicht gefunden (URL prüfen)")
    assert summary.exit_code == 3 and summary.rows == 3


def test_jobsuche_forbidden_never_shows_the_key(server, db, tmp_path, sleeps, monkeypatch):
    server.routes["/m/jsk/pc/v4/jobs"] = sequence(Reply(403, json.dumps({"key": "nope"}).encode(),
                                                        {"Content-Type": "application/json"}))
    monkeypatch.setenv("KJC_JOBSUCHE_API_KEY", "streng-geheim")
    cfg = write_config(tmp_path, db, f"""
[sources.stellen]
kind = "jobsuche"
url = "{server.url('/m/jsk')}"
places = {{ "06437" = "Erbach" }}
""")
    [r] = fetch_all(cfg, sleep=sleeps).results
    assert r.status == "failed" and "HTTP 403 Zugriff verweigert" in r.message
    assert server.seen_headers[-1]["x-api-key"] == "streng-geheim"
    assert "streng-geheim" not in r.message
    cache = tmp_path / "cache"
    assert not any("streng-geheim" in p.read_text(errors="replace") for p in cache.rglob("*") if p.is_file())


def test_loopback_detection():
    assert is_loopback("127.0.0.1") and is_loopback("127.8.9.10") and is_loopback("localhost")
    assert is_loopback("[::1]") and not is_loopback("10.0.0.1") and not is_loopback("example.org")


def test_trickling_body_is_cut_off(server, db, tmp_path, sleeps, monkeypatch):
    monkeypatch.setattr("kjc_tui.sources.http.TOTAL_TIMEOUT_FACTOR", 2)
    body = GOOD + b"\r\n" * 300          # 10 ms a byte: over 6 s in all, far below the read timeout per byte
    server.routes["/m/trickle.csv"] = sequence(Reply(200, body, CSV, trickle=0.01))
    r, before, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/trickle.csv"), http="retries = 0\ntimeout = 1\n")
    assert r.status == "failed" and "Übertragung dauert länger als 2 s (2 × timeout); abgebrochen" in r.message
    assert db.read_bytes() == before


def test_proxy_from_the_environment_is_used(server, db, tmp_path, sleeps, monkeypatch):
    """HTTP_PROXY points at the local server, which answers as a forward proxy would."""
    server.static("/m/via-proxy.csv", GOOD, "text/csv")
    monkeypatch.setenv("HTTP_PROXY", server.url(""))
    target = "http://127.0.0.2:9/m/via-proxy.csv"          # never contacted: the proxy answers
    r, _, _ = fetch_one(tmp_path, db, sleeps, target)
    assert (r.status, r.rows) == ("fetched", 3), r
    assert server.seen_targets[-1] == target


def test_retry_after_as_http_date():
    from datetime import datetime, timedelta, timezone
    from email.utils import format_datetime

    from kjc_tui.sources.http import _retry_after

    soon = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    assert 25 <= _retry_after(soon) <= 31
    assert _retry_after("7") == 7 and _retry_after("gleich") is None and _retry_after(None) is None


def test_disabled_source_is_skipped_without_a_request(server, db, tmp_path, sleeps):
    server.static("/m/off.csv", GOOD, "text/csv")
    r, before, summary = fetch_one(tmp_path, db, sleeps, server.url("/m/off.csv"), extra="enabled = false")
    assert (r.status, r.message) == ("skipped", "abgeschaltet (enabled = false)")
    assert server.hits["/m/off.csv"] == 0 and db.read_bytes() == before and summary.exit_code == 0


class _MovingClock:
    """Stands in for the `datetime` module of openpyxl's writer: every `now()` an hour later, so
    that two conversions of the same sheet never get the same bytes (as in real life, a second apart)."""

    def __init__(self) -> None:
        import datetime as real

        self.timezone, self._real, self._n = real.timezone, real, 0
        clock = self

        class _Dt(real.datetime):
            @classmethod
            def now(cls, tz=None):  # noqa: ANN001, ANN206
                clock._n += 1
                return real.datetime(2025, 1, 1, tzinfo=tz) + real.timedelta(hours=clock._n)
        self.datetime = _Dt


@pytest.mark.parametrize("validator", ["etag", "none"], ids=["304", "same-bytes"])
def test_unchanged_xlsx_is_unchanged_although_its_conversion_differs(server, db, tmp_path, sleeps, monkeypatch,
                                                                     validator):
    """The converted XLSX carries a fresh timestamp; what counts is the downloaded body."""
    import openpyxl.writer.excel

    monkeypatch.setattr(openpyxl.writer.excel, "datetime", _MovingClock())
    path = f"/m/same-{validator}.xlsx"
    server.static(path, P.file_xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  etag='"x1"' if validator == "etag" else None)
    r, _, _ = fetch_one(tmp_path, db, sleeps, server.url(path))
    assert (r.status, r.rows) == ("fetched", 3), r
    r, before, summary = fetch_one(tmp_path, db, sleeps, server.url(path))
    assert (r.status, r.unchanged_requests) == ("unchanged", 1 if validator == "etag" else 0), r
    assert db.read_bytes() == before and not summary.changed


def test_a_changed_mapping_reloads_an_unchanged_body(server, db, tmp_path, sleeps):
    """The fingerprint covers the source's settings: the same bytes read differently are loaded again."""
    server.static("/m/remap.csv", GOOD, "text/csv", etag='"r1"')
    r, _, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/remap.csv"))
    assert r.status == "fetched"
    r, _, _ = fetch_one(tmp_path, db, sleeps, server.url("/m/remap.csv"), extra='as_of = "2025-03-31"')
    assert (r.status, r.unchanged_requests) == ("fetched", 1), r


def test_redirect_to_another_port_is_refused_and_the_key_stays(server, db, tmp_path, sleeps, monkeypatch):
    """Same host, other port = another origin: not followed, so the API key never reaches it."""
    from source_server import FixtureServer

    other = FixtureServer()
    try:
        other.routes["/pc/v4/jobs"] = lambda q, h: Reply(200, b'{"stellenangebote": []}',
                                                         {"Content-Type": "application/json"})
        server.routes["/m/port/pc/v4/jobs"] = sequence(Reply(302, b"", {"Location": other.url("/pc/v4/jobs")}))
        monkeypatch.setenv("KJC_JOBSUCHE_API_KEY", "SECRET-PORT")
        cfg = write_config(tmp_path, db, jobsuche_source(server.url("/m/port")))
        before = db.read_bytes()
        [r] = fetch_all(cfg, sleep=sleeps).results
        assert r.status == "failed"
        assert f"Umleitung auf eine andere Adresse (http://127.0.0.1:{other.port};" in r.message
        assert sum(other.hits.values()) == 0 and db.read_bytes() == before
    finally:
        other.close()


def test_untrusted_certificate_names_the_problem_and_is_not_retried(db, tmp_path, sleeps):
    """A self-signed https server: a clear certificate message pointing at SSL_CERT_FILE, no retries."""
    import ssl
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"https://127.0.0.1:{httpd.server_address[1]}/tls.csv"
        r, before, _ = fetch_one(tmp_path, db, sleeps, url, http="retries = 3\nthrottle = 0\ntimeout = 5\n")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert r.status == "failed" and "TLS-Zertifikat von 127.0.0.1 wird nicht anerkannt (self" in r.message
    assert "SSL_CERT_FILE" in r.message and "HTTPS_PROXY" not in r.message
    assert sleeps == [] and hits == [] and db.read_bytes() == before


@pytest.mark.parametrize("where", ["env", "file"])
def test_non_ascii_api_key_is_refused_without_showing_it(server, db, tmp_path, sleeps, monkeypatch, where):
    server.routes["/m/umlaut/pc/v4/jobs"] = lambda q, h: Reply(200, b'{"stellenangebote": []}',
                                                               {"Content-Type": "application/json"})
    secret = "geheimer-Schlüssel-42"
    if where == "env":
        monkeypatch.setenv("KJC_JOBSUCHE_API_KEY", secret)
        extra, origin = "", "Umgebungsvariable KJC_JOBSUCHE_API_KEY"
    else:
        keyfile = tmp_path / "jobsuche.key"
        keyfile.write_text(secret + "\n", encoding="utf-8")
        keyfile.chmod(0o600)
        extra, origin = f'api_key_file = "{keyfile}"', f"Schlüsseldatei {keyfile}"
    cfg = write_config(tmp_path, db, jobsuche_source(server.url("/m/umlaut"), extra))
    before = db.read_bytes()
    [r] = fetch_all(cfg, sleep=sleeps).results
    assert r.status == "failed"
    assert (f"API-Schlüssel ({origin}) enthält Zeichen, die in einem HTTP-Header nicht erlaubt sind"
            in r.message), r.message
    # Parts of the secret only: the message names the key file, whose tmp path holds "pytest-423"
    assert "geheimer" not in r.message and "Schlüssel-42" not in r.message
    assert server.hits["/m/umlaut/pc/v4/jobs"] == 0 and db.read_bytes() == before


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_refused_connection_is_said_in_german_and_not_retried(db, tmp_path, sleeps):
    port = _closed_port()
    r, before, _ = fetch_one(tmp_path, db, sleeps, f"http://127.0.0.1:{port}/x.csv",
                             http="retries = 3\nthrottle = 0\ntimeout = 5\n")
    assert r.status == "failed" and f"Verbindung zu 127.0.0.1:{port} abgelehnt (läuft der Dienst?" in r.message
    assert "Errno" not in r.message and "Internetzugang" not in r.message
    assert sleeps == [] and db.read_bytes() == before


def test_https_to_a_plain_http_port_says_no_tls_there(server, db, tmp_path, sleeps):
    server.static("/m/plain.csv", GOOD, "text/csv")
    url = server.url("/m/plain.csv").replace("http://", "https://")
    r, before, _ = fetch_one(tmp_path, db, sleeps, url, http="retries = 3\nthrottle = 0\ntimeout = 5\n")
    assert r.status == "failed" and "spricht kein TLS-Server (http:// statt https://?" in r.message
    assert "SSL" not in r.message and sleeps == [] and db.read_bytes() == before
