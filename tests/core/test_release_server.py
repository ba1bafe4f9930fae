"""Asking a real HTTP server on 127.0.0.1 for /api/info: every answer ends in a clear state."""

from __future__ import annotations

import base64
import contextlib
import datetime
import json
import os
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from notices_repo.support.running import check_support, detect_running_release
from notices_repo.support.server import (
    CredentialError,
    Credentials,
    decode_supported_versions,
    expiration_last_day,
    load_credentials,
    query_server,
)

D = datetime.date
TOKEN = "tok-secret-123"
USER = "user-abc"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_jwt(payload: dict) -> str:
    header = b64url(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    body = b64url(json.dumps(payload).encode())
    return f"{header}.{body}.{b64url(b'not-a-real-signature')}"


PAYLOAD = {
    "timestamp": "2026-07-10T00:00:00.000Z",
    "versions": [
        {"version": "7.10.0", "expiration": "2026-09-30T23:59:59.999Z"},
        {"version": "8.6.0", "expiration": "2027-01-01T00:00:00.000Z"},
        {"version": "8.3.0", "expiration": "2026-10-31T23:59:59.999Z", "messages": []},
    ],
    "messages": [{"remainingDays": 15, "title": "t", "type": "info"}],
    "exceptions": {"domain": "x", "uniqueId": "y", "versions": []},
    "enforcementStartDate": "2026-08-01T00:00:00.000Z",
}


def info(version: str = "7.10", **extra) -> bytes:
    return json.dumps({"version": version, "success": True, **extra}).encode()


class Handler(BaseHTTPRequestHandler):
    """Routes: /<shape>/api/info."""

    release = threading.Event()
    seen_headers: list[dict[str, str]] = []  # noqa: RUF012 - test recorder

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def send(self, code: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the slow route's client may have gone
            self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.seen_headers.append(dict(self.headers))
        shape, _, rest = self.path.strip("/").partition("/")
        if rest != "api/info":
            self.send(404, b'{"success": false, "error": "Not found"}')
            return
        if shape == "string":
            self.send(200, info(supportedVersions=make_jwt(PAYLOAD)))
        elif shape == "signed":
            self.send(200, info("8.6", supportedVersions={"signed": make_jwt(PAYLOAD)}))
        elif shape == "plain":
            self.send(200, info("8.3"))
        elif shape == "slow":
            Handler.release.wait(5)
            self.send(200, info())
        elif shape == "badjson":
            self.send(200, b'{"version": "7.10", ', "text/html")
        elif shape == "html":
            self.send(200, b"<html>login</html>", "text/html")
        elif shape == "notjwt":
            self.send(200, info(supportedVersions="this-is-not-a-jwt"))
        elif shape == "badpayload":
            self.send(200, info(supportedVersions="a.%%%%.c"))
        elif shape == "auth":
            if self.headers.get("X-Auth-Token") == TOKEN and self.headers.get("X-User-Id") == USER:
                body = info(
                    "7.10.3",
                    info={"version": "7.10.3", "build": {"date": "2025-10-01"}},
                    supportedVersions={"signed": make_jwt(PAYLOAD)},
                )
                self.send(200, body)
            elif self.headers.get("X-Auth-Token"):
                self.send(401, b'{"status": "error", "message": "You must be logged in"}')
            else:
                self.send(200, info("7.10"))
        elif shape == "redirect":
            self.send_response(302)
            self.send_header("Location", "http://example.com/api/info")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif shape == "huge":  # a chatty proxy or a file server, not Rocket.Chat
            self.send(200, b'{"version": "8.6", "pad": "' + b"x" * (600 * 1024) + b'"}')
        elif shape == "unsuccessful":
            self.send(200, b'{"success": false, "error": "nope"}')
        else:
            self.send(404, b"{}")


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Handler.release.clear()
    Handler.seen_headers.clear()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        Handler.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------- shapes


def test_string_token_shape(server):
    answer = query_server(f"{server}/string")
    assert answer.ok and answer.error is None
    assert answer.version == "7.10" and not answer.full
    assert answer.supported is not None
    assert answer.supported.label == "server-provided, unverified"
    assert answer.supported.timestamp == "2026-07-10T00:00:00.000Z"
    assert answer.supported.enforcement_start == "2026-08-01T00:00:00.000Z"
    assert len(answer.supported.messages) == 1
    assert answer.last_day_for() == D(2026, 9, 30)
    # midnight expiration: the day before is the last one
    assert answer.last_day_for("8.6.1") == D(2026, 12, 31)
    assert answer.supported.claims() == {
        "7.10": D(2026, 9, 30),
        "8.6": D(2026, 12, 31),
        "8.3": D(2026, 10, 31),
    }


def test_signed_object_token_shape(server):
    answer = query_server(f"{server}/signed/")
    assert answer.ok
    assert answer.version == "8.6"
    assert answer.last_day_for() == D(2026, 12, 31)


def test_no_token_at_all(server):
    answer = query_server(f"{server}/plain")
    assert answer.ok and answer.supported is None and answer.token_error is None


def test_slow_server_times_out(server):
    answer = query_server(f"{server}/slow", timeout=0.5)
    assert not answer.ok
    assert answer.version is None
    assert answer.error == "no answer within 0.5 s (timed out)"


def test_bad_json(server):
    answer = query_server(f"{server}/badjson")
    assert not answer.ok
    assert answer.error == "the /api/info answer is not JSON"
    assert not query_server(f"{server}/html").ok


def test_an_answer_over_512_kb_is_refused_while_it_is_read(server):
    answer = query_server(server + "/huge")
    assert not answer.ok
    assert answer.error == (
        "the /api/info answer is larger than 512 KB (is it a Rocket.Chat server?)"
    )


def test_404(server):
    answer = query_server(f"{server}/nothing-here")
    assert not answer.ok
    assert answer.error.startswith("HTTP 404 Not Found from /api/info")


def test_unsuccessful_answer(server):
    answer = query_server(f"{server}/unsuccessful")
    assert answer.error == "the server said no (nope)"


def test_token_that_is_not_a_jwt(server):
    answer = query_server(f"{server}/notjwt")
    assert answer.ok and answer.version == "7.10"
    assert answer.supported is None
    assert answer.token_error == (
        "supportedVersions is not a JWT (expected three dot-separated parts)"
    )
    answer = query_server(f"{server}/badpayload")
    assert answer.ok and "payload is not base64 JSON" in answer.token_error


def test_auth_headers_give_the_full_version(server):
    creds = Credentials(token=TOKEN, user_id=USER, origin="environment")
    answer = query_server(f"{server}/auth", credentials=creds)
    assert answer.ok and answer.full
    assert answer.version == "7.10.3"
    assert Handler.seen_headers[-1]["X-Auth-Token"] == TOKEN
    assert Handler.seen_headers[-1]["X-User-Id"] == USER
    assert TOKEN not in repr(creds)


def test_anonymous_answer_is_major_minor(server):
    answer = query_server(f"{server}/auth")
    assert answer.ok and not answer.full and answer.version == "7.10"
    assert "X-Auth-Token" not in Handler.seen_headers[-1]


def test_refused_credentials_fall_back_to_anonymous(server):
    creds = Credentials(token="wrong", user_id=USER, origin="token file /etc/x")
    answer = query_server(f"{server}/auth", credentials=creds)
    assert answer.ok and answer.version == "7.10"
    assert answer.notes == ("server refused the credentials from token file /etc/x (HTTP 401)",)


def test_redirects_are_refused(server):
    answer = query_server(f"{server}/redirect")
    assert not answer.ok
    assert "HTTP 302" in answer.error and "redirected to http://example.com" in answer.error


def test_connection_refused():
    answer = query_server(f"http://127.0.0.1:{closed_port()}")
    assert not answer.ok
    assert "connection refused" in answer.error


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/", "127.0.0.1:3000", ""])
def test_only_http_urls(url):
    answer = query_server(url)
    assert not answer.ok
    assert "must start with http:// or https://" in answer.error


def test_environment_proxies_are_ignored(server, monkeypatch):
    bogus = f"http://127.0.0.1:{closed_port()}"
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.setenv(name, bogus)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    assert query_server(f"{server}/plain").version == "8.3"


def test_https_to_a_plain_http_server_is_a_tls_error(server):
    answer = query_server(server.replace("http://", "https://") + "/plain")
    assert not answer.ok
    assert "TLS" in answer.error or "SSL" in answer.error


def test_unreadable_ca_file(tmp_path):
    answer = query_server("https://127.0.0.1:1", ca_file=str(tmp_path / "nope.pem"))
    assert answer.error == f"cannot read CA file {tmp_path / 'nope.pem'}"


@pytest.fixture
def tls_server(tmp_path) -> Iterator[tuple[str, Path]]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}", cert
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_https_with_a_private_ca(tls_server):
    url, cert = tls_server
    untrusted = query_server(f"{url}/plain")
    assert not untrusted.ok
    assert "certificate" in untrusted.error and "--ca-file" in untrusted.error
    trusted = query_server(f"{url}/plain", ca_file=str(cert))
    assert trusted.ok and trusted.version == "8.3"


# --------------------------------------------------------------------------- token decoding


def test_decode_both_shapes_without_network():
    token = make_jwt(PAYLOAD)
    assert decode_supported_versions(token) == decode_supported_versions({"signed": token})


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (42, "not a token"),
        ({"unsigned": "x"}, "no 'signed' token"),
        ("a.b", "not a JWT"),
        (f"x.{b64url(b'[1, 2]')}.y", "not a JSON object"),
    ],
)
def test_decode_errors(value, words):
    from notices_repo.support.server import TokenError

    with pytest.raises(TokenError, match=words):
        decode_supported_versions(value)


def test_expiration_last_day():
    assert expiration_last_day("2026-09-30T23:59:59.999Z") == D(2026, 9, 30)
    assert expiration_last_day("2026-10-01T00:00:00.000Z") == D(2026, 9, 30)
    assert expiration_last_day("2026-10-01T01:00:00+02:00") == D(2026, 9, 30)
    assert expiration_last_day("2026-09-30") == D(2026, 9, 30)
    assert expiration_last_day("soon") is None


# --------------------------------------------------------------------------- credentials


def test_credentials_from_the_environment():
    creds = load_credentials({"NOTICE_TUI_TOKEN": TOKEN, "NOTICE_TUI_USER_ID": USER})
    assert (creds.token, creds.user_id, creds.origin) == (TOKEN, USER, "environment")
    assert load_credentials({}) is None
    with pytest.raises(CredentialError, match="NOTICE_TUI_TOKEN is set but NOTICE_TUI_USER_ID"):
        load_credentials({"NOTICE_TUI_TOKEN": TOKEN})


def write_token_file(path: Path, mode: int) -> Path:
    path.write_text(f"# monitoring user\nNOTICE_TUI_USER_ID={USER}\nNOTICE_TUI_TOKEN='{TOKEN}'\n")
    os.chmod(path, mode)
    return path


def test_token_file_readable_only_by_its_owner(tmp_path):
    path = write_token_file(tmp_path / "token", 0o600)
    creds = load_credentials({}, path)
    assert (creds.token, creds.user_id, creds.origin) == (TOKEN, USER, str(path))


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_group_or_world_readable_token_file_is_refused(tmp_path, mode):
    path = write_token_file(tmp_path / "token", mode)
    with pytest.raises(CredentialError) as caught:
        load_credentials({}, path)
    assert "readable by others" in str(caught.value)
    assert f"chmod 600 {path}" in str(caught.value)


def test_token_file_in_the_config_format(tmp_path):
    path = tmp_path / "token"
    path.write_text(f"# USER_ID TOKEN\n{USER}   {TOKEN}\n")
    os.chmod(path, 0o400)
    creds = load_credentials({}, path)
    assert (creds.token, creds.user_id) == (TOKEN, USER)


def test_environment_beats_the_token_file(tmp_path):
    path = write_token_file(tmp_path / "token", 0o600)
    creds = load_credentials({"NOTICE_TUI_TOKEN": "t2", "NOTICE_TUI_USER_ID": "u2"}, path)
    assert (creds.token, creds.user_id, creds.origin) == ("t2", "u2", "environment")


def test_missing_token_file(tmp_path):
    with pytest.raises(CredentialError, match="cannot read token file"):
        load_credentials({}, tmp_path / "none")


def test_incomplete_token_file(tmp_path):
    path = tmp_path / "token"
    path.write_text("token=abc\n")
    os.chmod(path, 0o600)
    with pytest.raises(CredentialError, match="no NOTICE_TUI_USER_ID"):
        load_credentials({}, path)


# --------------------------------------------------------------------------- running release


def no_snap(tmp_path: Path) -> dict:
    return {"snap_root": tmp_path / "no-snap", "snap_command": None}


def test_running_release_from_the_server_with_a_token_file(server, tmp_path):
    path = write_token_file(tmp_path / "token", 0o600)
    found = detect_running_release(
        env={}, config_server=f"{server}/auth", token_file=str(path), **no_snap(tmp_path)
    )
    assert found.version == "7.10.3"
    assert found.origin == f"server {server}/auth"


def test_refused_token_file_still_asks_anonymously(server, tmp_path):
    path = write_token_file(tmp_path / "token", 0o644)
    found = detect_running_release(
        env={}, config_server=f"{server}/auth", token_file=str(path), **no_snap(tmp_path)
    )
    assert found.version == "7.10"
    assert any("readable by others" in note for note in found.notes)


def test_failing_server_falls_through_to_rc_version(server, tmp_path):
    found = detect_running_release(
        env={"RC_VERSION": "8.6.1"}, server_url=f"{server}/badjson", **no_snap(tmp_path)
    )
    assert (found.version, found.origin) == ("8.6.1", "RC_VERSION")
    assert found.server is not None and not found.server.ok
    assert any("not JSON" in note for note in found.notes)


def test_check_support_uses_the_server_token(server, tmp_path):
    check = check_support(
        D(2026, 12, 15), env={}, server_url=f"{server}/signed", **no_snap(tmp_path)
    )
    status = check.status
    assert status.release == "8.6"
    # the server's token says 2026-12-31, earlier than the built-in 2027-01-31
    assert status.support_ends == D(2026, 12, 31)
    assert status.source == "server"
    assert status.server_until == D(2026, 12, 31)
    assert status.state == "ending-soon"


def test_order_of_sources(tmp_path):
    snap = tmp_path / "snap" / "rocketchat-server" / "current" / "meta"
    snap.mkdir(parents=True)
    (snap / "snap.yaml").write_text("name: rocketchat-server\nversion: '6.13.1'\nsummary: x\n")
    env = {"NOTICE_TUI_RELEASE": "8.5", "RC_VERSION": "7.9.1"}
    common = {"snap_root": tmp_path / "snap", "snap_command": None}

    def origin(**kwargs):
        found = detect_running_release(**common, **kwargs)
        return found.version, found.origin

    assert origin(release="8.6", env=env, config_release="8.4") == ("8.6", "--release")
    assert origin(env=env, config_release="8.4") == ("8.5", "NOTICE_TUI_RELEASE")
    assert origin(env={"RC_VERSION": "7.9.1"}, config_release="8.4") == ("8.4", "config release")
    assert origin(env={"RC_VERSION": "7.9.1"}) == ("7.9.1", "RC_VERSION")
    assert origin(env={}) == ("6.13.1", "snap rocketchat-server")


def test_config_server_is_not_asked_when_an_earlier_source_answers(tmp_path):
    asked: list[str] = []

    def query(url, **kwargs):
        asked.append(url)
        raise AssertionError("must not be asked")

    found = detect_running_release(
        release="8.6", env={}, config_server="http://chat.local", query=query, **no_snap(tmp_path)
    )
    assert found.version == "8.6" and asked == []


def test_snap_list_when_there_is_no_snap_yaml(tmp_path):
    fake = tmp_path / "snap"
    fake.write_text(
        "#!/bin/sh\n"
        'test "$1 $2" = "list rocketchat-server" || exit 1\n'
        "echo 'Name               Version  Rev   Tracking       Publisher   Notes'\n"
        "echo 'rocketchat-server  7.10.2   1234  7.x/stable     rocketchat  -'\n"
    )
    fake.chmod(0o755)
    found = detect_running_release(env={}, snap_root=tmp_path / "none", snap_command=str(fake))
    assert (found.version, found.origin) == ("7.10.2", "snap rocketchat-server")


def test_nothing_found_is_unknown_with_advice(tmp_path):
    found = detect_running_release(env={}, **no_snap(tmp_path))
    assert not found.known
    assert "--release" in found.advice and "NOTICE_TUI_RELEASE" in found.advice
    check = check_support(D(2026, 9, 1), env={}, **no_snap(tmp_path))
    assert check.status.state == "unknown"
    assert check.status.reason.startswith("the running Rocket.Chat release is not known: set it")


def test_overall_deadline_covers_what_socket_timeouts_do_not(monkeypatch):
    import time

    from notices_repo.support import server as release_server

    def stuck(*args, **kwargs):  # e.g. a name lookup that hangs
        time.sleep(3)
        return 200, b"{}"

    monkeypatch.setattr(release_server, "_fetch", stuck)
    started = time.monotonic()
    answer = query_server("http://chat.invalid", timeout=0.2)
    assert time.monotonic() - started < 1.5
    assert answer.error == "no answer within 0.2 s (timed out)"


def test_a_deeply_nested_token_payload_is_a_token_error_not_a_crash():
    header = b64url(b'{"alg": "RS256"}')
    nested = b64url(b'{"versions": ' + b"[" * 50_000 + b"]" * 50_000 + b"}")
    with pytest.raises(Exception, match="nested more than 32 deep") as caught:
        decode_supported_versions(f"{header}.{nested}.sig")
    assert type(caught.value).__name__ == "TokenError"
    # strings may hold any brackets: only real nesting counts
    payload = {**PAYLOAD, "note": "[" * 100}
    decoded = decode_supported_versions(make_jwt(payload))
    assert len(decoded.versions) == 3
