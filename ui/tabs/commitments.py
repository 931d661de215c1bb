"""The commitments tab: the City's commitments by principle, with their ids and slides.

Usage: ``view = build(ctx, demo)`` inside a ``gr.Tabs`` block.
"""

from __future__ import annotations

import gradio as gr

from assistant.messages import t
from ui.common import Context, TabView
from ui.limits import MAX_SEARCH_CHARS, Rejected, text_field


def build(ctx: Context, demo: gr.Blocks) -> TabView:
    def list_commitments(principle, text, lang="fr"):
        try:
            text = text_field(text, "text", MAX_SEARCH_CHARS, lang)
        except Rejected as exc:
            raise gr.Error(exc.message(), print_exception=False) from None
        # Only the dropdown's choices; anything else a client sends lists every principle.
        number = int(principle) if principle in ("1", "2", "3") else None
        return [[r.id, r.principle, r.text, r.section, r.slide] for r in ctx.assistant.commitments(number, text)]

    with gr.Tab(t("tab_commitments"), id="commitments") as tab:
        with gr.Row():
            principle = gr.Dropdown(["Tous", "1", "2", "3"], value="Tous", label=t("principle"))
            text = gr.Textbox(label=t("filter_text"), max_length=MAX_SEARCH_CHARS)
        table = gr.Dataframe(headers=["id", "principe", "engagement", "section", "diapositive"], datatype="str",
                             interactive=False, wrap=True, elem_id="commitments-table")
    private = {"api_visibility": "private"}
    principle.change(list_commitments, [principle, text, ctx.lang], [table], **private)
    text.submit(list_commitments, [principle, text, ctx.lang], [table], **private)
    demo.load(lambda: list_commitments("Tous", ""), None, [table], **private)

    def relabel(lang: str) -> list:
        return [gr.update(label=t("tab_commitments", lang)), gr.update(label=t("principle", lang)),
                gr.update(label=t("filter_text", lang))]

    return TabView([tab, principle, text], relabel)
