"""Asking the local Rocket.Chat server which release it runs: ``GET URL/api/info``.

The server is the only network peer notice-tui ever contacts, so: only ``http`` and
``https`` URLs, proxies from the environment ignored, redirects refused (they could lead
elsewhere), a short timeout, a size limit. Every failure ends in a ``ServerInfo`` with an
``error`` string, never an exception.

Anonymous answers carry ``major.minor``; with a token and user id (``X-Auth-Token``,
``X-User-Id``) of a user allowed ``view-statistics`` the ``version`` is full
(``7.10.3``). The answer's ``supportedVersions`` is a JWT (a plain string in older
servers, ``{"signed": "..."}`` in newer ones); its payload is decoded without checking
the signature and without any network, and labelled "server-provided, unverified".
"""

from __future__ import annotations

import base64
import binascii
import datetime
import http.client
import json
import os
import socket
import ssl
import stat
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from notices_repo.support.policy import SERVER_LABEL, minor_of, parse_version

__all__ = [
    "DEFAULT_TIMEOUT",
    "TOKEN_ENV",
    "USER_ID_ENV",
    "CredentialError",
    "Credentials",
    "ServerInfo",
    "SupportedVersions",
    "TokenError",
    "TokenVersion",
    "decode_supported_versions",
    "load_credentials",
    "query_server",
]

DEFAULT_TIMEOUT = 3.0
#: A real /api/info answer is a few kilobytes (its supportedVersions token included).
MAX_ANSWER_BYTES = 512 * 1024
#: A real answer nests about five levels deep; anything past this is refused unparsed.
MAX_JSON_DEPTH = 32
TOKEN_ENV = "NOTICE_TUI_TOKEN"
USER_ID_ENV = "NOTICE_TUI_USER_ID"
USER_AGENT = "notice-tui"


class TokenError(ValueError):
    """``supportedVersions`` is not a decodable JWT; the message says why, in one line."""


class CredentialError(ValueError):
    """Credentials cannot be used (token file readable by others, incomplete...)."""


# --------------------------------------------------------------------------- the token


@dataclass(frozen=True, slots=True)
class TokenVersion:
    """One ``versions[]`` entry of the token: the server's own expiry for a release."""

    version: str
    expiration: str
    last_day: datetime.date | None
    messages: tuple[dict[str, Any], ...] = ()

    @property
    def minor(self) -> str | None:
        """The minor release (``"7.10"``), or None when the version cannot be read."""
        try:
            return minor_of(self.version)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class SupportedVersions:
    """The decoded payload of the server's ``supportedVersions`` token (unverified)."""

    timestamp: str | None
    versions: tuple[TokenVersion, ...]
    messages: tuple[dict[str, Any], ...] = ()
    exceptions: Any = None
    enforcement_start: str | None = None
    label: str = SERVER_LABEL

    def last_day_for(self, version: str) -> datetime.date | None:
        """The server's last supported day for ``version``'s minor, or None."""
        try:
            minor = minor_of(version)
        except ValueError:
            return None
        days = [v.last_day for v in self.versions if v.minor == minor and v.last_day]
        return min(days) if days else None

    def claims(self) -> dict[str, datetime.date]:
        """minor -> last supported day, for ``support.merge_calendars``."""
        out: dict[str, datetime.date] = {}
        for entry in self.versions:
            minor = entry.minor
            if minor and entry.last_day:
                out[minor] = min(entry.last_day, out.get(minor, entry.last_day))
        return out


def json_too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when ``text`` nests arrays or objects more than ``limit`` deep.

    A linear scan that skips strings, run before ``json.loads`` so that a hostile
    ``[[[[...]]]]`` never reaches the recursive parser.
    """
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


class JsonTooDeep(ValueError):
    """JSON nested more than ``MAX_JSON_DEPTH`` deep: refused before parsing."""


def load_json(text: str, what: str) -> Any:
    """``json.loads`` with the depth capped (:class:`JsonTooDeep`); ``ValueError``
    naming ``what`` otherwise."""
    if json_too_deep(text):
        raise JsonTooDeep(f"{what} is nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        return json.loads(text)
    except RecursionError:  # belt and braces: never a traceback
        raise ValueError(f"{what} is nested too deeply") from None
    except ValueError:
        raise ValueError(f"{what} is not JSON") from None


def _b64url(part: str) -> bytes:
    part = part.strip()
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def expiration_last_day(value: str) -> datetime.date | None:
    """The last supported day for an ``expiration`` instant (ISO 8601, UTC assumed).

    An expiration at exactly midnight means the day before was the last one; a bare
    date is itself the last day.
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        if len(value) <= 10:  # a bare date: that day is the last one, as in calendars
            return datetime.date.fromisoformat(value)
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    if moment.time() == datetime.time(0, 0):
        return moment.date() - datetime.timedelta(days=1)
    return moment.date()


def decode_supported_versions(value: Any) -> SupportedVersions:
    """Decode ``supportedVersions`` (a JWT string or ``{"signed": JWT}``), unverified.

    Raises ``TokenError`` with a one-line reason when it is not a JWT with a JSON payload.
    """
    if isinstance(value, dict):
        if "signed" not in value:
            raise TokenError("supportedVersions has no 'signed' token")
        value = value["signed"]
    if not isinstance(value, str):
        raise TokenError("supportedVersions is not a token (expected a JWT string)")
    parts = value.split(".")
    if len(parts) != 3 or not parts[1]:
        raise TokenError("supportedVersions is not a JWT (expected three dot-separated parts)")
    try:
        payload_text = _b64url(parts[1]).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise TokenError(
            "supportedVersions is not a JWT (its payload is not base64 JSON)"
        ) from None
    try:
        payload = load_json(payload_text, "supportedVersions payload")
    except JsonTooDeep:
        raise TokenError(
            f"supportedVersions payload is nested more than {MAX_JSON_DEPTH} deep"
        ) from None
    except ValueError:
        raise TokenError(
            "supportedVersions is not a JWT (its payload is not base64 JSON)"
        ) from None
    if not isinstance(payload, dict):
        raise TokenError("supportedVersions payload is not a JSON object")
    versions: list[TokenVersion] = []
    raw_versions = payload.get("versions")
    for raw in raw_versions if isinstance(raw_versions, list) else []:
        if not isinstance(raw, dict):
            continue
        version, expiration = raw.get("version"), raw.get("expiration")
        if not isinstance(version, str) or not isinstance(expiration, str):
            continue
        messages = raw.get("messages")
        versions.append(
            TokenVersion(
                version=version,
                expiration=expiration,
                last_day=expiration_last_day(expiration),
                messages=tuple(m for m in messages if isinstance(m, dict))
                if isinstance(messages, list)
                else (),
            )
        )
    messages = payload.get("messages")
    timestamp = payload.get("timestamp")
    enforcement = payload.get("enforcementStartDate")
    return SupportedVersions(
        timestamp=timestamp if isinstance(timestamp, str) else None,
        versions=tuple(versions),
        messages=tuple(m for m in messages if isinstance(m, dict))
        if isinstance(messages, list)
        else (),
        exceptions=payload.get("exceptions"),
        enforcement_start=enforcement if isinstance(enforcement, str) else None,
    )


# --------------------------------------------------------------------------- credentials


@dataclass(frozen=True, slots=True)
class Credentials:
    """A personal access token and the user id it belongs to; ``origin`` says where from."""

    token: str
    user_id: str
    origin: str

    def __repr__(self) -> str:  # never print the token
        return f"Credentials(user_id={self.user_id!r}, origin={self.origin!r})"


_FILE_KEYS = {
    "notice_tui_token": "token",
    "token": "token",
    "x-auth-token": "token",
    "notice_tui_user_id": "user_id",
    "user_id": "user_id",
    "x-user-id": "user_id",
}


def read_token_file(path: str | os.PathLike[str]) -> Credentials:
    """Read a token file: one line ``USER_ID TOKEN`` (the config file's format), or
    ``KEY=VALUE`` lines with keys ``NOTICE_TUI_USER_ID`` and ``NOTICE_TUI_TOKEN`` (or
    ``user_id`` / ``token``), so that the file can also be a systemd ``EnvironmentFile``.
    ``#`` starts a comment line.

    It must be readable by its owner only; raises ``CredentialError`` otherwise or when
    incomplete.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY)
    except OSError as exc:
        raise CredentialError(f"cannot read token file {name}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CredentialError(f"token file {name} is not a regular file")
        if info.st_mode & 0o077:
            raise CredentialError(
                f"token file {name} is readable by others (mode {stat.S_IMODE(info.st_mode):04o}):"
                f" refused; run chmod 600 {name}"
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(64 * 1024)
    finally:
        os.close(fd)
    values: dict[str, str] = {}
    for raw_line in data.decode("utf-8", "replace").splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            fields = line.split()
            if len(fields) == 2 and not values:
                values = {"user_id": fields[0], "token": fields[1]}
            continue
        key, _, value = line.partition("=")
        key = key.strip().removeprefix("export ").strip().lower()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if key in _FILE_KEYS and value:
            values[_FILE_KEYS[key]] = value
    missing = [
        env for env, key in ((TOKEN_ENV, "token"), (USER_ID_ENV, "user_id")) if key not in values
    ]
    if missing:
        raise CredentialError(
            f"token file {name} has no {' or '.join(missing)}: "
            "write one line USER_ID TOKEN (or NOTICE_TUI_USER_ID=... and NOTICE_TUI_TOKEN=...)"
        )
    return Credentials(token=values["token"], user_id=values["user_id"], origin=name)


def load_credentials(
    env: Mapping[str, str] | None = None, token_file: str | os.PathLike[str] | None = None
) -> Credentials | None:
    """Credentials from ``NOTICE_TUI_TOKEN`` + ``NOTICE_TUI_USER_ID``, else ``token_file``.

    None when neither is set. Raises ``CredentialError`` when only one variable is set or
    the token file is unusable (readable by group or others, incomplete, missing).
    """
    env = os.environ if env is None else env
    token, user_id = env.get(TOKEN_ENV, "").strip(), env.get(USER_ID_ENV, "").strip()
    if token and user_id:
        return Credentials(token=token, user_id=user_id, origin="environment")
    if token or user_id:
        have, lack = (TOKEN_ENV, USER_ID_ENV) if token else (USER_ID_ENV, TOKEN_ENV)
        raise CredentialError(f"{have} is set but {lack} is not: both are needed")
    if token_file:
        return read_token_file(token_file)
    return None


# --------------------------------------------------------------------------- the request


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """What the server said, or why it could not be asked.

    ``version`` is ``"7.10"`` (anonymous) or ``"7.10.3"`` (authenticated, ``full``).
    ``supported`` is the decoded token (None when absent or undecodable: then
    ``token_error`` says why). ``error`` is set when no version could be had.
    ``notes`` are warnings that did not stop the answer (credentials refused...).
    """

    url: str
    version: str | None = None
    full: bool = False
    supported: SupportedVersions | None = None
    token_error: str | None = None
    error: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when the server told its version."""
        return self.version is not None and self.error is None

    def last_day_for(self, version: str | None = None) -> datetime.date | None:
        """The server's own last supported day for ``version`` (default: its own)."""
        version = version or self.version
        if self.supported is None or version is None:
            return None
        return self.supported.last_day_for(version)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        raise urllib.error.HTTPError(
            req.full_url,
            code,
            f"redirected to {newurl}: use that address as the server URL",
            headers,
            fp,
        )


def info_url(url: str) -> str:
    """``URL/api/info``; raises ``ValueError`` unless ``url`` is http(s)://host[...]."""
    parsed = urllib.parse.urlsplit(url.strip())
    if parsed.scheme.lower() not in ("http", "https") or not parsed.hostname:
        raise ValueError(f"server URL {url!r} must start with http:// or https:// and name a host")
    if parsed.username or parsed.password:
        raise ValueError("server URL must not carry a user name or password")
    path = parsed.path.rstrip("/") + "/api/info"
    return urllib.parse.urlunsplit((parsed.scheme.lower(), parsed.netloc, path, "", ""))


def _opener(ca_file: str | None, scheme: str) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [urllib.request.ProxyHandler({}), _NoRedirect()]
    if scheme == "https":
        context = ssl.create_default_context(cafile=ca_file)
        handlers.append(urllib.request.HTTPSHandler(context=context))
    return urllib.request.build_opener(*handlers)


class AnswerTooLarge(ValueError):
    """The answer is larger than ``MAX_ANSWER_BYTES``: refused before parsing."""


def _describe(exc: BaseException, timeout: float) -> str:
    """One line for any failure of the request."""
    if isinstance(exc, AnswerTooLarge):
        return str(exc)
    if isinstance(exc, urllib.error.HTTPError):
        reason = exc.reason if isinstance(exc.reason, str) else ""
        if exc.code in (301, 302, 303, 307, 308):
            return f"HTTP {exc.code}: {reason}"
        return (
            f"HTTP {exc.code} {reason}".rstrip() + " from /api/info (is it a Rocket.Chat server?)"
        )
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, BaseException):
            return _describe(reason, timeout)
        return str(reason)
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"TLS certificate not trusted ({exc.verify_message or exc.reason}): "
            "give the private CA with --ca-file"
        )
    if isinstance(exc, ssl.SSLError):
        return f"TLS error: {exc.reason or exc}"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server running, and is the port right?)"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve the host name ({exc.strerror or exc})"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc) or type(exc).__name__
    if isinstance(exc, http.client.HTTPException):
        return f"bad HTTP answer ({type(exc).__name__})"
    return f"{type(exc).__name__}: {exc}"


def _fetch(
    url: str, headers: dict[str, str], ca_file: str | None, timeout: float
) -> tuple[int, bytes]:
    """GET ``url``; the whole exchange must finish within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json", **headers}
    )
    opener = _opener(ca_file, urllib.parse.urlsplit(url).scheme)
    with opener.open(request, timeout=timeout) as answer:
        chunks: list[bytes] = []
        size = 0
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError("timed out")
            chunk = answer.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise AnswerTooLarge(
                    f"the /api/info answer is larger than {MAX_ANSWER_BYTES // 1024} KB "
                    "(is it a Rocket.Chat server?)"
                )
            chunks.append(chunk)
        return answer.status, b"".join(chunks)


def _fetch_within(
    url: str, headers: dict[str, str], ca_file: str | None, timeout: float
) -> tuple[int, bytes]:
    """``_fetch`` in a daemon thread, so that nothing (not even a name lookup, which
    socket timeouts do not cover) keeps the caller waiting much beyond ``timeout``."""
    outcome: list[tuple[int, bytes] | BaseException] = []

    def work() -> None:
        try:
            outcome.append(_fetch(url, headers, ca_file, timeout))
        except BaseException as exc:  # handed to the caller below
            outcome.append(exc)

    thread = threading.Thread(target=work, name="notice-tui-server", daemon=True)
    thread.start()
    thread.join(timeout + 0.5)
    if not outcome:
        raise TimeoutError("timed out")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def query_server(
    url: str,
    *,
    credentials: Credentials | None = None,
    ca_file: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    notes: tuple[str, ...] = (),
) -> ServerInfo:
    """Ask ``url``'s ``/api/info`` which release it runs. Never raises.

    With ``credentials`` the answer's version is full; when the server refuses them
    (HTTP 401/403) it is asked again anonymously and a note says so.
    """
    try:
        target = info_url(url)
    except ValueError as exc:
        return ServerInfo(url=url, error=str(exc), notes=notes)
    if ca_file is not None and not os.access(ca_file, os.R_OK):
        return ServerInfo(url=url, error=f"cannot read CA file {ca_file}", notes=notes)
    headers: dict[str, str] = {}
    if credentials is not None:
        headers = {"X-Auth-Token": credentials.token, "X-User-Id": credentials.user_id}
    try:
        _, body = _fetch_within(target, headers, ca_file, timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if credentials is not None and exc.code in (401, 403):
            note = f"server refused the credentials from {credentials.origin} (HTTP {exc.code})"
            return query_server(url, ca_file=ca_file, timeout=timeout, notes=(*notes, note))
        return ServerInfo(url=url, error=_describe(exc, timeout), notes=notes)
    except Exception as exc:  # every failure becomes a state, never a traceback
        return ServerInfo(url=url, error=_describe(exc, timeout), notes=notes)
    return _parse_answer(url, body, authenticated=credentials is not None, notes=notes)


def _parse_answer(
    url: str, body: bytes, *, authenticated: bool, notes: tuple[str, ...]
) -> ServerInfo:
    """The server's answer read (its size was capped while it was read, :func:`_fetch`)."""
    try:
        answer = load_json(body.decode("utf-8-sig"), "the /api/info answer")
    except UnicodeDecodeError:
        return ServerInfo(url=url, error="the /api/info answer is not JSON", notes=notes)
    except ValueError as exc:
        return ServerInfo(url=url, error=str(exc), notes=notes)
    if not isinstance(answer, dict):
        return ServerInfo(url=url, error="the /api/info answer is not a JSON object", notes=notes)
    if answer.get("success") is False:
        message = answer.get("error") if isinstance(answer.get("error"), str) else "no reason"
        message = " ".join(message.split())
        if len(message) > 80:
            message = message[:80] + "..."
        return ServerInfo(url=url, error=f"the server said no ({message})", notes=notes)
    version = answer.get("version")
    info = answer.get("info")
    if isinstance(info, dict) and isinstance(info.get("version"), str):
        version = info["version"]
    if not isinstance(version, str):
        what = "has no version" if version is None else "has a version that is not text"
        return ServerInfo(url=url, error=f"the /api/info answer {what}", notes=notes)
    try:
        parsed = parse_version(version)
    except ValueError as exc:
        return ServerInfo(url=url, error=f"the server's version: {exc}", notes=notes)
    supported, token_error = None, None
    if answer.get("supportedVersions") is not None:
        try:
            supported = decode_supported_versions(answer["supportedVersions"])
        except TokenError as exc:
            token_error = str(exc)
    full = parsed.patch is not None
    if authenticated and not full:
        notes = (*notes, "the server gave only major.minor despite the credentials")
    return ServerInfo(
        url=url,
        version=str(parsed) if full else parsed.minor,
        full=full,
        supported=supported,
        token_error=token_error,
        notes=notes,
    )
