"""What every tab of the interface shares: the page CSS, escaping, the per-tab view contract.

Every string that comes from the corpus, the directory or the user is escaped before it is shown.

Usage: ``esc(name)``; a tab module's ``build(ctx) -> TabView``
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

CSS = """
.repere-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 4px 10px; margin: 6px 0; background: #fafbfc}
.repere-card summary {cursor: pointer; font-weight: 600}
.repere-card blockquote {margin: 6px 0 4px 0; padding-left: 10px; border-left: 3px solid #8b9bb4; white-space: pre-wrap}
.repere-abstain {border-left: 5px solid #d97706; background: #fffbeb; padding: 8px 12px; border-radius: 6px}
.repere-badge {background: #eef2ff; color: #3730a3; border-radius: 10px; padding: 1px 8px; font-size: 0.8em}
"""


def esc(text: str) -> str:
    return html.escape(text or "", quote=True)


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
