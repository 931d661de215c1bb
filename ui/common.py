"""What every tab of the interface shares: the theme, page CSS and script, escaping, friendly errors, the
language of a session, the per-tab view contract.

Every string that comes from the corpus, the directory or the user is escaped before it is shown: ``esc`` for
HTML components, ``md_text`` for Markdown ones (chat bubbles, ``gr.Markdown``), where escaping HTML is not enough.

Accessibility (WCAG 2.1 AA, checked with axe-core by tests/ui/test_accessibility.py): ``theme()`` darkens the
primary buttons (white on orange-700, 5.2:1; Gradio's orange-500 gives 2.8:1) and the stop buttons (white
on red-700, 6.5:1), and the secondary text (info lines,
the footer's API link); ``PAGE_JS`` fixes what Gradio renders without props for it (see there).

Usage: ``esc(name)``; ``md_text(answer)``; ``friendly_error(exc, lang, settings)``; ``request_language(request)``;
a tab module's ``build(ctx) -> TabView``
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from assistant.messages import MESSAGES, t

LANGUAGES = ("fr", "en")

def theme():
    """The page theme (contrast fixed for axe: white on dark orange 5.2:1). Built on demand: importing gradio
    costs seconds, and the CLI (`repere ask`) uses this module without it."""
    import gradio as gr

    return gr.themes.Default(primary_hue="orange").set(
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_border_color="*primary_700",
        button_primary_text_color="white",
        button_primary_text_color_hover="white",
        button_cancel_background_fill="#b91c1c",
        button_cancel_background_fill_hover="#991b1b",
        button_cancel_border_color="#b91c1c",
        button_cancel_text_color="white",
        button_cancel_text_color_hover="white",
        body_text_color_subdued="*neutral_600",
        block_info_text_color="*neutral_600",
    )

CSS = """
.repere-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 4px 10px; margin: 6px 0; background: #fafbfc}
.repere-card summary {cursor: pointer; font-weight: 600}
.repere-card blockquote {margin: 6px 0 4px 0; padding-left: 10px; border-left: 3px solid #8b9bb4; white-space: pre-wrap}
.repere-abstain {border-left: 5px solid #d97706; background: #fffbeb; padding: 8px 12px; border-radius: 6px}
.repere-badge {background: #eef2ff; color: #3730a3; border-radius: 10px; padding: 1px 8px; font-size: 0.8em}
footer, footer a, footer button, footer .show-api {color: #4b5563 !important}
"""

# Run once at page load. Gradio renders a few things no prop reaches:
# - an empty output (the map before its first figure, the export file) as a div with aria-label but no role,
#   which ARIA prohibits (axe "aria-allowed-attr"): given role="img", the label then names the empty-state icon;
# - a chart's preview image inside a button with no text (axe "button-name"): the image's alt names it, but the
#   button is a mouse-only zoom, so it gets the alt as its aria-label;
# - Plotly injects its global stylesheet twice with the same id, and Gradio's icons are <svg id="icon"> (axe
#   "duplicate-id"): the copies lose the id, which nothing refers to.
# It also keeps <html lang> and the address (?lang=en) in step with the language radio, so a screen reader reads
# the page in the chosen language and a copied link opens in it.
PAGE_JS = """
() => {
  const fix = () => {
    document.querySelectorAll('.empty[aria-label]:not([role])').forEach((el) => el.setAttribute('role', 'img'));
    document.querySelectorAll('.image-container > button:not([aria-label])').forEach((button) => {
      const img = button.querySelector('img[alt]');
      if (img && img.alt) button.setAttribute('aria-label', img.alt);
    });
    const styles = document.querySelectorAll('style[id="plotly.js-style-global"]');
    styles.forEach((el, i) => { if (i > 0) el.removeAttribute('id'); });
    document.querySelectorAll('svg[id="icon"]').forEach((el, i) => { if (i > 0) el.removeAttribute('id'); });
  };
  const language = () => {
    const checked = document.querySelector('#language-toggle input:checked');
    if (!checked || !['fr', 'en'].includes(checked.value)) return;
    document.documentElement.lang = checked.value;
    const url = new URL(window.location.href);
    if ((url.searchParams.get('lang') || 'fr') !== checked.value) {
      if (checked.value === 'fr') url.searchParams.delete('lang'); else url.searchParams.set('lang', checked.value);
      window.history.replaceState(null, '', url);
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(); language(); });
  }).observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label', 'checked', 'class']});
  document.body.addEventListener('change', language);
  fix();
}
"""


def request_language(request) -> str:
    """The language a page was opened in: ``?lang=en`` in its address, French otherwise."""
    params = getattr(request, "query_params", None) or {}
    value = str(params.get("lang", "fr")).lower()
    return value if value in LANGUAGES else "fr"


class SessionLanguages:
    """The language each browser session chose (set by the language switch), for handlers whose inputs cannot
    carry it (the admin ones keep their inputs: see tests/reliability/test_admin_auth.py). Bounded: the oldest
    sessions are forgotten first, and a forgotten or unknown session reads French."""

    def __init__(self, limit: int = 10_000):
        from collections import OrderedDict

        self.limit, self.values = limit, OrderedDict()

    def set(self, request, lang: str) -> None:
        key = getattr(request, "session_hash", None)
        if key and lang in LANGUAGES:
            self.values[key] = lang
            self.values.move_to_end(key)
            while len(self.values) > self.limit:
                self.values.popitem(last=False)

    def get(self, request) -> str:
        return self.values.get(getattr(request, "session_hash", None), "fr")


def sector_label(code: str, label: str, lang: str) -> str:
    """A directory sector's label in the interface's language (the taxonomy's own label is French)."""
    return t(f"sector_{code}", lang) if lang == "en" and f"sector_{code}" in MESSAGES else label


def kind_label(code: str, label: str, lang: str) -> str:
    """A membership kind's label in the interface's language (corpus/reference/types_de_membre.csv is French)."""
    return t(f"kind_{code}", lang) if lang == "en" and f"kind_{code}" in MESSAGES else label


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
    language: Any = None  # the language radio: its change re-runs what a tab shows in the other language
    languages: Any = None  # SessionLanguages


@dataclass
class TabView:
    """A built tab: the components its language switch updates, and how (``relabel(lang)`` → updates)."""

    relabel_outputs: list = field(default_factory=list)
    relabel: Callable[[str], list] = lambda lang: []
