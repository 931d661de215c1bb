"""Bounds on every request the server accepts: sizes checked before any work, a time budget, and an end to the
work of a client that left.

Why here and not in the façade: these are limits of a service on a network (an API client can send any JSON),
checked in the handlers before the assistant is called, so a hostile request costs microseconds. Every refusal
is a ``Rejected`` whose message, in the user's language, names the field, the limit and the fix.

Usage: ``question = text_field(question, "question", MAX_QUESTION_CHARS)``; ``history = history_field(history,
lang)``; ``budget = Budget(ASK_BUDGET_S, request); budget.check(lang)``
"""

from __future__ import annotations

import json
import time

from assistant.api import MAX_QUESTION_CHARS
from assistant.core.language import detect_language
from assistant.messages import t

# Each follow-up is asked again in full to resolve the next one, so the history is the costly part of /ask:
# 10 questions of at most 4,000 characters in all replay in about 2 s on two cores.
MAX_HISTORY_ITEMS = 10
MAX_HISTORY_CHARS = 4000
# Directory search costs about 1 ms per character of text (fuzzy names, BM25, embedding); a name or a topic
# is a few words, 200 characters is generous.
MAX_SEARCH_CHARS = 200
MAX_FACET_CHARS = 200  # borough, table, kind, sector: names from short lists
MAX_LIMIT = 200
# Wall-clock budget of one /ask (history replay included); checked between units of work.
ASK_BUDGET_S = 20.0
# Chat turns kept on the server for one browser session (the answer's resolution uses only the last turn).
MAX_CHAT_TURNS = 50


class Rejected(ValueError):
    """A request refused before any work; ``message(lang)`` says why and what to do."""

    def __init__(self, key: str, lang: str = "fr", **values):
        super().__init__(t(key, lang, **values))
        self.key, self.lang, self.values = key, lang, values

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang or self.lang, **self.values)


def language_of(text) -> str:
    """The language to answer a refusal in: the text's, read from its start only (it may be huge)."""
    if not isinstance(text, str) or not text.strip():
        return "fr"
    return detect_language(text[:300].encode("utf-8", "replace").decode("utf-8"))


def _kind(value) -> str:
    return "null" if value is None else type(value).__name__


def text_field(value, field: str, limit: int, lang: str = "fr", allow_none: bool = True) -> str:
    """``value`` as a string of at most ``limit`` characters, without lone surrogates (they cannot be encoded,
    so they would fail deep inside the search); ``None`` becomes "" where allowed."""
    if value is None and allow_none:
        return ""
    if not isinstance(value, str):
        raise Rejected("error_not_text", lang, field=field, kind=_kind(value))
    if len(value) > limit:
        raise Rejected("error_field_too_long", lang, field=field, limit=limit, length=len(value))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise Rejected("error_bad_characters", lang, field=field, position=exc.start + 1) from None
    return value


def question_field(value) -> tuple[str, str]:
    """(question, language): a text of at most the façade's length, checked before the façade sees it."""
    lang = language_of(value)
    if isinstance(value, str) and len(value) > MAX_QUESTION_CHARS:
        raise Rejected("error_too_long", lang, limit=MAX_QUESTION_CHARS, length=len(value))
    return text_field(value, "question", MAX_QUESTION_CHARS, lang), lang


def history_field(value, lang: str) -> list[str]:
    """Earlier questions of the conversation: a list of at most MAX_HISTORY_ITEMS texts, MAX_HISTORY_CHARS in
    all. Counted before anything is asked, so a 1,000-item history costs nothing."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise Rejected("error_history_type", lang, kind=_kind(value))
    if len(value) > MAX_HISTORY_ITEMS:
        raise Rejected("error_history_items", lang, count=len(value), limit=MAX_HISTORY_ITEMS)
    items = [text_field(item, f"history[{n}]", MAX_QUESTION_CHARS, lang, allow_none=False)
             for n, item in enumerate(value)]
    total = sum(len(item) for item in items)
    if total > MAX_HISTORY_CHARS:
        raise Rejected("error_history_chars", lang, length=total, limit=MAX_HISTORY_CHARS)
    return items


def limit_field(value, lang: str) -> int:
    """A result count from 1 to MAX_LIMIT (a bool or a float is not one)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LIMIT:
        # Numbers are shown as sent; anything else by its type only (Gradio shows error messages as HTML).
        shown = repr(value)[:40] if value is None or isinstance(value, (int, float)) else _kind(value)
        raise Rejected("error_limit", lang, limit=MAX_LIMIT, value=shown)
    return value


class ClientGone(Exception):
    """The client disconnected while its request ran: the work stops, nobody reads the result."""


class Budget:
    """A request's wall-clock allowance and its client's presence, checked between units of work (a running
    façade call cannot be interrupted; the size limits above keep each unit short)."""

    def __init__(self, seconds: float, request=None):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.request = request

    def check(self, lang: str) -> None:
        if self.request is not None and client_gone(self.request):
            raise ClientGone()
        if time.monotonic() > self.deadline:
            raise Rejected("error_time_budget", lang, seconds=f"{self.seconds:.0f}")


def client_gone(request) -> bool:
    """True once Gradio has seen this request's client disconnect.

    Gradio drops a gone client's queued events itself, but cannot stop a handler that is already running; it
    marks the event dead (``alive = False``) when the event stream closes, which long handlers check between
    units of work. Reads Gradio's queue (pinned version; tests/reliability proves it still works)."""
    try:
        queue = request.request.app.get_blocks()._queue
        session = request.session_hash
        return any(not event.alive for jobs in queue.active_jobs if jobs for event in jobs
                   if event.session_hash == session)
    except AttributeError:  # not called through the queue (a direct call in a test or a script)
        return False


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` is refused with 413 before it is read, so a huge JSON
    payload never reaches Gradio's parser. File uploads are exempt (``max_file_size`` bounds them); a body of
    unknown length (chunked) is refused with 411, as no browser or gradio_client sends one."""

    def __init__(self, app, max_bytes: int, exempt: tuple[str, ...] = ("/gradio_api/upload",)):
        self.app, self.max_bytes, self.exempt = app, max_bytes, exempt

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS") \
                or scope["path"].rstrip("/").endswith(self.exempt):
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is None and b"chunked" in headers.get(b"transfer-encoding", b""):
            return await _refuse(send, 411, "?", self.max_bytes)
        length = int(declared) if declared and declared.isdigit() else 0
        if length > self.max_bytes:
            return await _refuse(send, 413, length, self.max_bytes)
        return await self.app(scope, receive, send)


async def _refuse(send, status: int, length, limit: int) -> None:
    # The language is unknown before the body is read: both.
    message = " / ".join(t("error_request_too_large", lang, length=length, limit=limit) for lang in ("fr", "en"))
    body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
