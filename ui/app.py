"""The Gradio interface: one tab per module in ``ui/tabs``, the named API in ``ui/api.py``.

Thin by design: tabs call the assistant's public API (``assistant.api`` and the feature packages' entry points),
the admin tab also the ingest package's upload actions.

Usage: ``launch(build_app(assistant), settings, "127.0.0.1", 7860)``; ``serve()``
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import gradio as gr
from starlette.middleware import Middleware

from assistant.api import Assistant
from assistant.messages import t
from ui import api
from ui.admin_gate import AdminGate
from ui.common import CSS, LANGUAGES, PAGE_JS, Context, SessionLanguages, request_language, theme
from ui.limits import BodyLimit
from ui.tabs import admin, chat, commitments, directory, evaluation, fit

# A client's disconnect is noticed at the next heartbeat of its event stream; 1 s instead of Gradio's 15 s lets
# the work of a client that left stop soon (ui.limits.client_gone) for one tiny message per second per client.
os.environ.setdefault("GRADIO_HEARTBEAT_INTERVAL", "1")
# Gradio summarises its event log with pandas after every event, for a monitoring page Repère does not open: a
# cost per request that grows with traffic (and a 1 s pandas import on the first one). Summarise every 500
# events, over the last 1,000.
os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "500")
os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "1000")

# The queue, chosen for a small server (2 cores): answering is CPU-bound Python, so more than 4 answers at once
# only makes each slower (the "answering" group of ui/api.py shares 4 slots between the API and the chat tab);
# other handlers run 2 at a time each. At most 100 events wait: 50 simultaneous asks (the reliability test) fit
# with room for page loads, and at ~0.1 s an answer the whole queue drains in seconds; beyond that a client is
# told at once that the server is busy instead of waiting minutes.
DEFAULT_CONCURRENCY = 2
QUEUE_MAX_SIZE = 100
# The largest legitimate request body is a question and a 10-question history (~40 KB of JSON).
MAX_BODY_BYTES = 1_000_000


def build_app(assistant: Assistant) -> gr.Blocks:
    settings = assistant.settings
    exports = Path(tempfile.mkdtemp(prefix="repere-exports-"))
    languages = SessionLanguages()
    with gr.Blocks(title="Repère") as demo:
        lang = gr.State("fr")
        with gr.Row():
            title = gr.Markdown(t("ui_title") + "\n\n" + t("ui_subtitle"))
            language = gr.Radio(list(LANGUAGES), value="fr", label=t("ui_language"), scale=0, min_width=160,
                                elem_id="language-toggle")
        ctx = Context(assistant=assistant, settings=settings, lang=lang, exports=exports,
                      gate=AdminGate(settings.admin_password), language=language, languages=languages)
        with gr.Tabs():
            views = [chat.build(ctx), directory.build(ctx, demo), fit.build(ctx), commitments.build(ctx, demo)]
            evaluation_view, report_outputs = evaluation.build(ctx, demo)
            views += [evaluation_view, admin.build(ctx, report_outputs)]

        def switch_language(value, request: gr.Request):
            value = value if value in LANGUAGES else "fr"
            languages.set(request, value)
            updates = [value, t("ui_title", value) + "\n\n" + t("ui_subtitle", value)]
            for view in views:
                updates += view.relabel(value)
            return updates

        def switch_language_from_address(request: gr.Request):
            """``?lang=en`` opens the interface in English: setting the radio runs the switch above."""
            return request_language(request)

        language.change(switch_language, [language],
                        [lang, title, *[c for view in views for c in view.relabel_outputs]],
                        api_visibility="private")
        demo.load(switch_language_from_address, None, [language], api_visibility="private")
        api.register(assistant, settings)
    return demo


def launch(app: gr.Blocks, settings, host: str, port: int, **options) -> None:
    """Queue and server settings, shared by ``serve`` and the tests so that tests run the served configuration.
    ``show_error=False``: a ``gr.Error`` (our messages) still reaches the user, a raw exception does not."""
    app.queue(default_concurrency_limit=DEFAULT_CONCURRENCY, max_size=QUEUE_MAX_SIZE)
    app.launch(server_name=host, server_port=port, css=CSS, theme=theme(), js=PAGE_JS,
               max_file_size=f"{settings.max_upload_mb}mb",
               show_error=False, ssr_mode=False, footer_links=["api"],
               app_kwargs={"middleware": [Middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)]}, **options)


def serve(host: str = "127.0.0.1", port: int = 7860) -> None:
    assistant = Assistant()
    assistant.warm_up()
    launch(build_app(assistant), assistant.settings, host, port)
