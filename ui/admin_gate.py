"""Server-side authentication of the Administration view.

Why this design: Gradio's queue lets any client call any event handler by ``fn_index``, whatever is shown on the
page, so hiding the panel protects nothing. The unlock handler checks the password (constant-time) and puts a
signed, expiring token in the session's ``gr.State``. Gradio keeps ``State`` values on the server and fills
stateful inputs from the session, never from the request body, so a client cannot forge or replay a token;
the HMAC signature and expiry still make every token short-lived and checkable on its own. Every admin handler
calls ``require`` first. Failed attempts are counted per client and impose a growing wait before the next try
(logged, never answered with a hint about the password).

Usage: ``gate = AdminGate(password); token = gate.unlock(password, client="1.2.3.4"); gate.require(token)``
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("repere.admin")

FREE_ATTEMPTS = 2  # a typo or two costs nothing
MAX_DELAY_S = 60.0


class AdminDenied(PermissionError):
    """No valid admin session (missing, forged or expired token)."""


class TooManyAttempts(PermissionError):
    def __init__(self, retry_after_s: float):
        super().__init__(f"retry after {retry_after_s:.0f} s")
        self.retry_after_s = retry_after_s


class WrongPassword(PermissionError):
    pass


def delay_after(failures: int) -> float:
    """Seconds a client must wait after its n-th consecutive failure: 0, 0, 2, 4, 8, … capped at 60."""
    if failures <= FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_S, 2.0 ** (failures - FREE_ATTEMPTS))


def minimum_seconds_for(attempts: int) -> float:
    """The least time ``attempts`` wrong passwords can take from one client (sum of the enforced waits)."""
    return sum(delay_after(n) for n in range(1, attempts))


@dataclass
class _Client:
    failures: int = 0
    locked_until: float = 0.0


class AdminGate:
    def __init__(self, password: str, ttl_s: float = 1800.0, clock=time.monotonic):
        self._password = password.encode("utf-8")
        self._key = secrets.token_bytes(32)  # per process: tokens die with the server
        self.ttl_s = ttl_s
        self._clock = clock
        self._clients: dict[str, _Client] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return bool(self._password)

    def _sign(self, payload: str) -> str:
        return hmac.new(self._key, payload.encode("ascii"), hashlib.sha256).hexdigest()

    def unlock(self, password: str, client: str) -> str:
        """A fresh token for a correct password; raises TooManyAttempts or WrongPassword otherwise."""
        now = self._clock()
        with self._lock:
            state = self._clients.setdefault(client, _Client())
            if now < state.locked_until:
                raise TooManyAttempts(state.locked_until - now)
            ok = self.enabled and hmac.compare_digest((password or "").encode("utf-8"), self._password)
            if not ok:
                state.failures += 1
                state.locked_until = now + delay_after(state.failures)
                log.warning("admin: wrong password from %s (%d consecutive failures; next try in %.0f s)",
                            client, state.failures, state.locked_until - now)
                raise WrongPassword()
            self._clients.pop(client, None)
        log.info("admin: unlocked by %s", client)
        expiry = int(time.time() + self.ttl_s)
        payload = f"{expiry}.{secrets.token_hex(16)}"
        return f"{payload}.{self._sign(payload)}"

    def valid(self, token: str | None) -> bool:
        if not self.enabled or not token or token.count(".") != 2:
            return False
        payload, _, signature = token.rpartition(".")
        if not hmac.compare_digest(signature, self._sign(payload)):
            return False
        try:
            return int(payload.split(".", 1)[0]) > time.time()
        except ValueError:
            return False

    def require(self, token: str | None) -> None:
        if not self.valid(token):
            raise AdminDenied("administration requires a valid session")
