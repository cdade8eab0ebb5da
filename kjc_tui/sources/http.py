"""HTTP for every source kind: one client factory and `Fetcher.get`.

What every request gets:

* timeouts (connect/read/write/pool), and one deadline per response that covers connecting,
  the response headers and the body (a server trickling its headers a byte at a time is cut
  off: a watchdog shuts the socket down), within one overall deadline per source
  (`deadline`, default 10 minutes); a size cap enforced while the body streams in,
  counted after gzip/deflate decoding, so a small compressed bomb cannot fill memory;
  a gzip body that ends early is an error, not silently short data;
* retries with exponential backoff on 429 (honouring Retry-After) and 5xx and on
  transport errors (timeouts, dropped connections);
* conditional requests (If-None-Match / If-Modified-Since) against the local cache; the
  cache is only updated when the caller commits, i.e. after the data was accepted;
* proxy settings and CA bundle from the environment (``trust_env``), TLS always verified;
* redirects followed only within the same origin (scheme, host and port);
* a content-type check against what the source kind expects;
* secret headers (API keys) are sent, never logged, never put into messages or the cache,
  and never sent over plain http to anything but the local machine.

httpx is imported here only; `kjc_tui.sources` imports this module lazily.
"""

from __future__ import annotations

import email.utils
import logging
import socket
import threading
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from kjc_tui.core.coded import CodedError, Said
from kjc_tui.core.errors import explain, is_refused_connection, is_tls_mismatch
from kjc_tui.core.net import is_loopback
from kjc_tui.ingest import Problem, Refused
from kjc_tui.sources.cache import CacheEntry, HttpCache

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
REDIRECT_CODES = (301, 302, 303, 307, 308)
#: a whole response may take this many times `timeout` (a server trickling bytes is cut off)
TOTAL_TIMEOUT_FACTOR = 20


class FetchError(CodedError):
    """A request that failed (network, HTTP status, size, redirect, encoding): the URL and why, as
    a code ("fetch.err.CODE") with its parameters; said as "URL: reason"."""

    prefix = "fetch.err."

    def __init__(self, url: str, code: str, retryable: bool = False, retry_after: float | None = None,
                 status: int | None = None, unreachable: bool = False, **params: Any):
        super().__init__(code, **params)
        self.url, self.retryable, self.retry_after = url, retryable, retry_after
        #: no connection to the host at all (no internet, DNS, refused, no answer): `load` is the way then
        self.unreachable = unreachable
        #: the HTTP status of an answer that was not 200/304 (None: no answer, or another failure)
        self.status = status

    @property
    def why(self) -> Said:
        """Why, without the URL (to word, or to put inside another reason)."""
        return Said(self.message_key, self.params)

    @property
    def reason(self) -> str:
        """Why, without the URL, in German (for logs and tests; the UI words `said`)."""
        return str(self.why)

    @property
    def said(self) -> Said:
        return Said("fetch.err.at", {"url": self.url, "reason": self.why})


@dataclass(frozen=True)
class HttpSettings:
    """Limits for one source: `[http]` of kjc.toml, overridden by the source's own keys."""

    timeout: float = 30.0
    max_bytes: int = 200 * 1024 * 1024
    retries: int = 3
    backoff: float = 1.0
    throttle: float = 1.0
    user_agent: str = "kjc-tui/0.1 (Dashboard Kommunale Jobcenter Hessen)"
    max_retry_after: float = 120.0
    #: seconds a whole source may take: every request, retry and pause of one fetch
    deadline: float = 600.0

    @classmethod
    def from_config(cls, http: Mapping[str, Any], source: Mapping[str, Any] | None = None) -> "HttpSettings":
        s = cls()
        values = {k: v for k, v in http.items() if k in cls.__dataclass_fields__}
        values.update({k: v for k, v in (source or {}).items()
                       if k in ("timeout", "max_bytes", "retries", "throttle", "deadline")})
        if "max_bytes" in values:
            values["max_bytes"] = int(values["max_bytes"])
        return replace(s, **values)


@dataclass
class Fetched:
    """A response body, fresh from the server or (after 304 Not Modified) from the cache."""

    url: str
    body: bytes
    content_type: str | None
    from_cache: bool
    last_modified: str | None = None
    date: str | None = None

    @property
    def server_date(self) -> datetime | None:
        """Last-Modified, else the response's Date, as an aware datetime."""
        for value in (self.last_modified, self.date):
            if value:
                try:
                    return email.utils.parsedate_to_datetime(value)
                except (TypeError, ValueError):
                    continue
        return None


def make_client(settings: HttpSettings) -> "httpx.Client":
    """The one httpx client factory: timeouts, env proxies, verified TLS, no automatic redirects."""
    import httpx

    return httpx.Client(
        timeout=httpx.Timeout(settings.timeout),
        follow_redirects=False,
        trust_env=True,
        verify=True,
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        # a new connection per request: the deadline's watchdog finds its socket in the connect trace
        limits=httpx.Limits(max_keepalive_connections=0),
    )


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def check_content_type(url: str, content_type: str | None, accept: Sequence[str]) -> None:
    """Refuse a response whose media type is not one the source kind expects (missing is accepted)."""
    mime = _mime(content_type)
    if not accept or not mime:
        return
    for a in accept:
        a = a.lower()
        if mime == a or (a.endswith("/*") and mime.startswith(a[:-1])) or (a.startswith("+") and mime.endswith(a)):
            return
    raise Refused([Problem(url, None, None, content_type, "unexpected_content_type", {"accept": ", ".join(accept)})])


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class _Body:
    """Collects a streamed body, decoding gzip/deflate, enforcing the size cap on decoded bytes."""

    def __init__(self, url: str, encoding: str, cap: int):
        self.url, self.cap = url, cap
        self.parts: list[bytes] = []
        self.size = 0
        enc = encoding.strip().lower()
        if enc in ("", "identity"):
            self.decoder = None
        elif enc in ("gzip", "x-gzip"):
            self.decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self.decoder = zlib.decompressobj()
        else:
            raise FetchError(url, "unknown_encoding", encoding=encoding)
        self.encoding = enc

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.cap:
            raise FetchError(self.url, "bigger_than_cap", cap=_size(self.cap))
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self.decoder is None:
            self._add(chunk)
            return
        buf = chunk
        try:
            while buf:
                self._add(self.decoder.decompress(buf, self.cap - self.size + 1))
                buf = self.decoder.unconsumed_tail
        except zlib.error as e:
            raise FetchError(self.url, "corrupt", encoding=self.encoding, detail=str(e)) from None

    def finish(self) -> bytes:
        if self.decoder is not None:
            try:
                self._add(self.decoder.flush())
            except zlib.error as e:
                raise FetchError(self.url, "corrupt", encoding=self.encoding, detail=str(e)) from None
            if not self.decoder.eof:
                raise FetchError(self.url, "incomplete", retryable=True, encoding=self.encoding)
        return b"".join(self.parts)


def _size(n: float) -> Said:
    """A byte count in the largest unit below 1024 ("97,7 KB"; bytes as they are)."""
    for unit in ("bytes", "kb", "mb", "gb"):
        if n < 1024 or unit == "gb":
            return Said("size." + unit, {"n": f"{n:.0f}" if unit == "bytes" else float(n)})
        n /= 1024
    raise AssertionError("unreachable")


@dataclass
class _Answer:
    status: int
    url: str
    headers: dict[str, str]
    body: bytes = b""


@dataclass
class Fetcher:
    """Fetches URLs for one source with its settings; keeps cache updates until `commit()`."""

    settings: HttpSettings
    cache: HttpCache | None = None
    client: "httpx.Client | None" = None
    sleep: Callable[[float], None] = time.sleep
    #: HTTP requests sent, retries and redirects included
    requests: int = 0
    _pending: list[tuple[CacheEntry, bytes]] = field(default_factory=list)
    _own_client: bool = False
    #: monotonic time by which the whole source must be done (settings.deadline from the start)
    deadline_at: float = 0.0

    def __post_init__(self) -> None:
        self.deadline_at = time.monotonic() + self.settings.deadline
        if self.client is None:
            self.client = make_client(self.settings)
            self._own_client = True

    def close(self) -> None:
        if self._own_client and self.client is not None:
            self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- cache ---------------------------------------------------------------------------
    def commit(self) -> None:
        """Keep the responses of this source in the cache (call after they were accepted)."""
        if self.cache is not None:
            for entry, body in self._pending:
                self.cache.put(entry, body)
        self._pending.clear()

    def rollback(self) -> None:
        self._pending.clear()

    # -- requests ------------------------------------------------------------------------
    def get(self, url: str, *, params: Mapping[str, Any] | None = None, accept: Sequence[str] = (),
            headers: Mapping[str, str] | None = None, secret_headers: Mapping[str, str] | None = None,
            conditional: bool = True, label: str | None = None) -> Fetched:
        """GET with retries, cache validators, the size cap and the content-type check (whose
        refusal names the file as `label`, else by its URL)."""
        import httpx

        full = str(httpx.URL(url, params=params)) if params else url
        if secret_headers and httpx.URL(full).scheme != "https" and not is_loopback(httpx.URL(full).host):
            raise FetchError(full, "key_over_http")
        send = dict(headers or {})
        cached = self.cache.get(full) if (self.cache is not None and conditional) else None
        if cached is not None:
            entry = cached[0]
            if entry.etag:
                send["If-None-Match"] = entry.etag
            if entry.last_modified:
                send["If-Modified-Since"] = entry.last_modified
        answer = self._with_retries(full, send, dict(secret_headers or {}))
        if answer.status == 304:
            if cached is None:
                raise FetchError(full, "not_modified_uncached")
            entry, body = cached
            log.debug("unverändert (304): %s", full)
            return Fetched(full, body, entry.content_type, True, entry.last_modified, entry.date)
        ctype = answer.headers.get("content-type")
        check_content_type(label or answer.url, ctype, accept)
        entry = CacheEntry(full, answer.headers.get("etag"), answer.headers.get("last-modified"),
                           answer.headers.get("date"), ctype)
        if entry.etag or entry.last_modified:
            self._pending.append((entry, answer.body))
        return Fetched(full, answer.body, ctype, False, entry.last_modified, entry.date)

    def _with_retries(self, url: str, headers: dict[str, str], secret: dict[str, str]) -> _Answer:
        s = self.settings
        attempt = 0
        while True:
            try:
                answer = self._once(url, headers, secret)
            except FetchError as e:
                err = e
            else:
                if answer.status == 429 or 500 <= answer.status <= 599:
                    err = FetchError(url, "status", retryable=True,
                                     retry_after=_retry_after(answer.headers.get("retry-after")),
                                     **_status_params(answer.status))
                elif answer.status in (200, 304):
                    return answer
                else:
                    raise FetchError(url, "status", status=answer.status, **_status_params(answer.status))
            if not err.retryable or attempt >= s.retries:
                if attempt:
                    raise FetchError(url, "after_tries", status=err.status, unreachable=err.unreachable,
                                     reason=err.why, n=attempt + 1)
                raise err
            wait = s.backoff * (2 ** attempt)
            if err.retry_after is not None:
                if err.retry_after > s.max_retry_after:
                    raise FetchError(url, "retry_later", reason=err.why, seconds=f"{err.retry_after:.0f}")
                wait = max(wait, err.retry_after)
            if time.monotonic() + wait > self.deadline_at:
                raise FetchError(url, "no_more_tries", reason=err.why, deadline=f"{self.settings.deadline:g}")
            log.debug("Versuch %d fehlgeschlagen (%s), neuer Versuch in %.1f s", attempt + 1, err.reason, wait)
            self.sleep(wait)
            attempt += 1

    def _once(self, url: str, headers: dict[str, str], secret: dict[str, str]) -> _Answer:
        """One request, following same-host redirects; the body is read for 200 only."""
        import httpx

        assert self.client is not None
        current = httpx.URL(url)
        origin = current
        for _ in range(MAX_REDIRECTS + 1):
            deadline = self._response_deadline(str(current))
            watchdog = _Watchdog(deadline, by_source=deadline >= self.deadline_at)
            request = self.client.build_request("GET", current, headers={**headers, **secret},
                                                extensions={"trace": watchdog.trace})
            self.requests += 1
            try:
                with watchdog:
                    response = self.client.send(request, stream=True)
            except httpx.TransportError as e:
                if watchdog.fired:
                    raise self._too_slow(str(current), watchdog.by_source) from None
                self._transport_error(e, current)
            try:
                if response.status_code in REDIRECT_CODES and "location" in response.headers:
                    target = current.join(response.headers["location"])
                    _check_redirect(origin, target)
                    current = target
                    continue
                answer = _Answer(response.status_code, str(current), dict(response.headers))
                if response.status_code == 200:
                    with watchdog:
                        answer.body = self._read(response, str(current), watchdog)
                return answer
            finally:
                response.close()
        raise FetchError(url, "redirects", n=MAX_REDIRECTS)

    def _response_deadline(self, url: str) -> float:
        """When the next response must be complete: its own bound, within the source's deadline."""
        own = time.monotonic() + TOTAL_TIMEOUT_FACTOR * self.settings.timeout
        if time.monotonic() >= self.deadline_at:
            raise self._too_slow(url, True)
        return min(own, self.deadline_at)

    def _too_slow(self, url: str, by_source: bool) -> FetchError:
        """The response ran past its deadline (connecting, headers and body together), or the source past its own."""
        own = TOTAL_TIMEOUT_FACTOR * self.settings.timeout
        if by_source:
            return FetchError(url, "deadline", deadline=f"{self.settings.deadline:g}")
        return FetchError(url, "too_slow", retryable=True, seconds=f"{own:g}", factor=TOTAL_TIMEOUT_FACTOR)

    def _transport_error(self, e: Exception, current: "httpx.URL") -> None:
        """Raise the FetchError for a request that failed before a response came."""
        import httpx

        where = str(current)
        if isinstance(e, httpx.TimeoutException):
            raise FetchError(where, "no_answer", retryable=True, unreachable=True,
                             seconds=f"{self.settings.timeout:g}") from None
        if isinstance(e, httpx.ProxyError):
            raise FetchError(where, "proxy", retryable=True, detail=str(e)) from None
        if isinstance(e, httpx.ConnectError):
            tls = _certificate_problem(e)
            if tls is not None:  # retrying cannot help; the proxy hint would mislead
                raise FetchError(where, "certificate", host=current.host, reason=tls) from None
            if is_refused_connection(e) or is_tls_mismatch(e):  # the same answer again on a retry
                raise FetchError(where, "cause", reason=explain(e)) from None
            raise FetchError(where, "unreachable", retryable=True, unreachable=True, reason=explain(e)) from None
        raise FetchError(where, "connect_failed", retryable=True, reason=explain(e)) from None

    def _read(self, response: "httpx.Response", url: str, watchdog: "_Watchdog") -> bytes:
        import httpx

        cap = self.settings.max_bytes
        encoding = response.headers.get("content-encoding", "")
        length = response.headers.get("content-length")
        if length and length.isdigit() and not encoding and int(length) > cap:
            raise FetchError(url, "too_big", size=_size(int(length)), cap=_size(cap))
        body = _Body(url, encoding, cap)
        try:
            for chunk in response.iter_raw():  # as the bytes arrive (a chunk size would buffer)
                body.feed(chunk)
                if time.monotonic() > watchdog.deadline:
                    raise self._too_slow(url, watchdog.by_source)
        except httpx.TransportError as e:
            if watchdog.fired:
                raise self._too_slow(url, watchdog.by_source) from None
            if isinstance(e, httpx.TimeoutException):
                raise FetchError(url, "stalled", retryable=True, seconds=f"{self.settings.timeout:g}") from None
            raise FetchError(url, "broken_off", retryable=True, reason=explain(e)) from None
        if watchdog.fired:
            raise self._too_slow(url, watchdog.by_source)
        return body.finish()


class _Watchdog:
    """Shuts a request's socket down when its deadline passes, wherever the request is blocked.

    httpx's timeouts bound each read; a server that sends a byte every few seconds (headers
    included) never trips them. The socket comes from httpcore's trace of the connection.
    """

    def __init__(self, deadline: float, by_source: bool = False):
        self.deadline, self.by_source = deadline, by_source
        self.fired = False
        self._sock: socket.socket | None = None
        self._timer: threading.Timer | None = None

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket) and self._sock is None:
                self._sock = sock

    def _fire(self) -> None:
        self.fired = True
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def __enter__(self) -> "_Watchdog":
        self._timer = threading.Timer(max(0.0, self.deadline - time.monotonic()), self._fire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()


def _certificate_problem(error: BaseException) -> str | None:
    """The reason of a failed certificate check somewhere in the error's chain, else None."""
    import ssl

    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen.verify_message or str(seen)
        seen = seen.__cause__ or seen.__context__
    return None


def _origin(url: "httpx.URL") -> tuple[str, str, int | None]:
    """(scheme, host, port) with the scheme's default port filled in."""
    return url.scheme, url.host, url.port or {"http": 80, "https": 443}.get(url.scheme)


def _check_redirect(origin: "httpx.URL", target: "httpx.URL") -> None:
    """Follow a redirect only within the same origin (scheme, host and port): the request may carry an
    API key, which must never reach another server or service, nor travel unencrypted."""
    if _origin(target) != _origin(origin):
        where = f"{target.scheme}://{target.host}" + (f":{target.port}" if target.port else "")
        raise FetchError(str(origin), "redirect_elsewhere", target=where)


#: the HTTP statuses with a meaning of their own ("fetch.http.STATUS")
_MEANINGS = (400, 401, 403, 404, 410, 429, 500, 502, 503, 504)


def _status_params(status: int) -> dict[str, Any]:
    """The parameters of a "status" FetchError: the status and what it means."""
    meaning = str(status) if status in _MEANINGS else "error" if status >= 400 else "unexpected"
    return {"number": str(status), "meaning": Said("fetch.http." + meaning)}
