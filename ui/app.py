"""The Gradio interface: one tab per module in ``ui/tabs``, the named API in ``ui/api.py``.

Thin by design: tabs call the assistant's public API (``assistant.api`` and the feature packages' entry points),
the admin tab also the ingest package's upload actions.

Usage: ``build_app(Assistant()).launch(server_name="127.0.0.1", server_port=7860)``; ``serve()``
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from assistant.api import Assistant
from assistant.messages import t
from ui import api
from ui.admin_gate import AdminGate
from ui.common import CSS, Context
from ui.tabs import admin, chat, commitments, directory, evaluation, fit


def build_app(assistant: Assistant) -> gr.Blocks:
    settings = assistant.settings
    exports = Path(tempfile.mkdtemp(prefix="repere-exports-"))
    with gr.Blocks(title="Repère") as demo:
        lang = gr.State("fr")
        ctx = Context(assistant=assistant, settings=settings, lang=lang, exports=exports,
                      gate=AdminGate(settings.admin_password))
        with gr.Row():
            title = gr.Markdown(t("ui_title") + "\n\n" + t("ui_subtitle"))
            language = gr.Radio(["fr", "en"], value="fr", label=t("ui_language"), scale=0, min_width=160,
                                elem_id="language-toggle")
        with gr.Tabs():
            views = [chat.build(ctx), directory.build(ctx, demo), fit.build(ctx), commitments.build(ctx, demo)]
            evaluation_view, report_outputs = evaluation.build(ctx, demo)
            views += [evaluation_view, admin.build(ctx, report_outputs)]

        def switch_language(value):
            updates = [value, t("ui_title", value) + "\n\n" + t("ui_subtitle", value)]
            for view in views:
                updates += view.relabel(value)
            return updates

        language.change(switch_language, [language],
                        [lang, title, *[c for view in views for c in view.relabel_outputs]],
                        api_visibility="private")
        api.register(assistant)
    return demo


def serve(host: str = "127.0.0.1", port: int = 7860) -> None:
    assistant = Assistant()
    assistant.warm_up()
    app = build_app(assistant)
    app.queue(default_concurrency_limit=4)
    app.launch(server_name=host, server_port=port, css=CSS, max_file_size=f"{assistant.settings.max_upload_mb}mb",
               show_error=True, ssr_mode=False, footer_links=["api"])
