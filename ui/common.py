"""What every tab of the interface shares: the page CSS, escaping, friendly errors, the per-tab view contract.

Every string that comes from the corpus, the directory or the user is escaped before it is shown: ``esc`` for
HTML components, ``md_text`` for Markdown ones (chat bubbles, ``gr.Markdown``), where escaping HTML is not enough.

Usage: ``esc(name)``; ``md_text(answer)``; ``friendly_error(exc, lang, settings)``; a tab module's
``build(ctx) -> TabView``
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from assistant.messages import t

CSS = """
.repere-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 4px 10px; margin: 6px 0; background: #fafbfc}
.repere-card summary {cursor: pointer; font-weight: 600}
.repere-card blockquote {margin: 6px 0 4px 0; padding-left: 10px; border-left: 3px solid #8b9bb4; white-space: pre-wrap}
.repere-abstain {border-left: 5px solid #d97706; background: #fffbeb; padding: 8px 12px; border-radius: 6px}
.repere-badge {background: #eef2ff; color: #3730a3; border-radius: 10px; padding: 1px 8px; font-size: 0.8em}
"""


def esc(text: str) -> str:
    return html.escape(text or "", quote=True)


# What a Markdown renderer turns into a link or an image (`[`, `]`), code (a backtick, where entities would show
# raw) and the escape character itself: backslash-escaped, they show as typed.
_MARKDOWN_ACTIVE = re.compile(r"([\\`\[\]])")


def md_text(text: str) -> str:
    """Text from the corpus, the directory or the user, made inert for Markdown: HTML escaped (no tags) and no
    link or image syntax, so ``![x](http://…)`` is shown as written and the browser fetches nothing. A bare
    address may still become a link, which the user has to click."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", esc(text))


log = logging.getLogger("repere.ui")


def store_problem(settings) -> str | None:
    """The message key for a store that cannot serve (unreachable, or never ingested), or None if it can."""
    from assistant.core.store import Store

    try:
        manifest = Store(settings).read_manifest()
    except Exception:  # noqa: BLE001 - any failure to read the manifest means the store cannot serve
        return "error_store_unreachable"
    return None if manifest.active else "error_no_store"


def friendly_error(exc: BaseException, lang: str, settings) -> str:
    """What the user sees for a failure: refusals and question errors say what to do; anything else is logged
    with its traceback (the server log only) and explained by what the store can tell, never shown raw."""
    from assistant.api import QuestionError
    from ui.limits import Rejected

    if isinstance(exc, Rejected):
        return exc.message(lang)
    if isinstance(exc, QuestionError):
        return str(exc)
    problem = store_problem(settings)
    if problem:  # a known condition: one line in the log is enough
        log.error("request failed (%s): %s: %s", problem, type(exc).__name__, exc)
    else:
        log.error("request failed: %s: %s", type(exc).__name__, exc, exc_info=exc)
    return t(problem or "error_internal", lang)


@dataclass
class Context:
    """What a tab needs to build itself: the assistant, the settings, the language state, folders."""

    assistant: Any
    settings: Any
    lang: Any  # gr.State holding "fr" or "en"
    exports: Path
    gate: Any = None


@dataclass
class TabView:
    """A built tab: the components its language switch updates, and how (``relabel(lang)`` → updates)."""

    relabel_outputs: list = field(default_factory=list)
    relabel: Callable[[str], list] = lambda lang: []
