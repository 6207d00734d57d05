"""A minimal keep-alive HTTP client with a cookie jar, one per worker thread.

Stdlib only (http.client). Gunicorn's sync workers close the connection after every
response; http.client then reconnects transparently, so the numbers include the TCP
connect, as a browser talking to a sync worker would see.
"""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bench.pages import LOGIN_PATH

REQUEST_TIMEOUT_S = 30
_CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class LoginError(RuntimeError):
    """Logging in did not give a staff session."""


@dataclass
class Reply:
    status: int  # 0 when no response was received
    body: bytes
    elapsed_ms: float
    error: str = ""
    location: str = ""  # the Location header of a redirect


class Client:
    def __init__(self, host: str, port: int, keep_cookies: bool = True) -> None:
        self.host = host
        self.port = port
        self.keep_cookies = keep_cookies
        self.cookies: dict[str, str] = {}
        self._conn = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_S)

    def close(self) -> None:
        self._conn.close()

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        cookies: dict[str, str] | None = None,
    ) -> Reply:
        """One request; the time covers sending it and reading the whole body."""
        headers = {"User-Agent": "sid-bench", "Accept": "text/html,*/*"}
        jar = self.cookies if cookies is None else cookies
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        try:
            self._conn.request(method, path, body=body, headers=headers)
            response = self._conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self._conn.close()  # the next request reconnects
            elapsed = (time.perf_counter() - start) * 1000
            return Reply(0, b"", elapsed, f"{type(exc).__name__}: {exc}")
        elapsed = (time.perf_counter() - start) * 1000
        if self.keep_cookies:
            for header in response.headers.get_all("Set-Cookie") or []:
                parsed: SimpleCookie = SimpleCookie()
                parsed.load(header)
                for name, morsel in parsed.items():
                    self.cookies[name] = morsel.value
        return Reply(response.status, data, elapsed, location=response.getheader("Location") or "")

    def csrf_token(self) -> tuple[str, str]:
        """GET the login page; return (cookie secret, form token)."""
        reply = self.request("GET", LOGIN_PATH)
        cookie = self.cookies.get("csrftoken", "")
        if reply.status != 200 or not cookie:
            raise LoginError(f"halaman login menjawab {reply.status} {reply.error}".strip())
        match = _CSRF_INPUT.search(reply.body)
        return cookie, match.group(1).decode() if match else cookie

    def login(self, username: str, password: str) -> None:
        """Log in through the admin login form and keep the session cookie."""
        _, token = self.csrf_token()
        form = {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": token,
            "next": "/admin/",
        }
        reply = self.request("POST", LOGIN_PATH, form=form)
        if reply.status != 302 or "sessionid" not in self.cookies:
            raise LoginError(f"login {username!r} gagal: status {reply.status} {reply.error}")
        check = self.request("GET", "/admin/")
        if check.status != 200:
            raise LoginError(f"/admin/ setelah login menjawab {check.status}")
