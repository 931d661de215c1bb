"""The commitments tab: the City's commitments by principle, with their ids and slides.

The policy exists only in French: in English the table keeps each commitment's French original and adds
Repère's unofficial translation beside it (from the aligned translation of the support-fit guide).

Usage: ``view = build(ctx, demo)`` inside a ``gr.Tabs`` block.
"""

from __future__ import annotations

import gradio as gr

from assistant.api import load_guide
from assistant.messages import t
from ui.common import Context, TabView, request_language
from ui.limits import MAX_SEARCH_CHARS, Rejected, text_field

ALL = "all"


def headers(lang: str) -> list[str]:
    keys = ["com_col_id", "com_col_principle", "com_col_text"] + (["com_col_english"] if lang == "en" else [])
    return [t(key, lang) for key in keys + ["com_col_section", "com_col_slide"]]


def widths(lang: str) -> list[str]:
    return ["8%", "7%", "34%", "34%", "11%", "6%"] if lang == "en" else ["8%", "7%", "55%", "22%", "8%"]


def principle_choices(lang: str) -> list[tuple[str, str]]:
    return [(t("all", lang), ALL), ("1", "1"), ("2", "2"), ("3", "3")]


def build(ctx: Context, demo: gr.Blocks) -> TabView:
    policy = None
    try:
        policy = load_guide(ctx.settings.resolve(ctx.settings.reference_dir)).get("_policy")
    except Exception:  # noqa: BLE001 - without the guide, English rows simply have no translation
        policy = None

    def english(row) -> str:
        found = policy.english_for(row.text, row.slide) if policy is not None else None
        return found or "—"

    def list_commitments(principle, text, lang="fr"):
        lang = lang if lang in ("fr", "en") else "fr"
        try:
            text = text_field(text, "text", MAX_SEARCH_CHARS, lang)
        except Rejected as exc:
            raise gr.Error(exc.message(lang), print_exception=False) from None
        # Only the dropdown's choices; anything else a client sends lists every principle.
        number = int(principle) if principle in ("1", "2", "3") else None
        rows = [[r.id, r.principle, r.text, *([english(r)] if lang == "en" else []), r.section, r.slide]
                for r in ctx.assistant.commitments(number, text)]
        return gr.update(value=rows, headers=headers(lang), column_widths=widths(lang))

    def list_commitments_on_load(request: gr.Request):
        return list_commitments(ALL, "", request_language(request))

    def list_commitments_in_language(lang, principle, text):
        return list_commitments(principle, text, lang)

    with gr.Tab(t("tab_commitments"), id="commitments") as tab:
        intro = gr.Markdown(t("com_intro"), elem_id="commitments-intro")
        with gr.Row():
            principle = gr.Dropdown(principle_choices("fr"), value=ALL, label=t("principle"),
                                    elem_id="commitments-principle")
            text = gr.Textbox(label=t("filter_text"), max_length=MAX_SEARCH_CHARS, elem_id="commitments-text")
        table = gr.Dataframe(headers=headers("fr"), datatype="str", interactive=False, wrap=True,
                             column_widths=widths("fr"), elem_id="commitments-table")
    private = {"api_visibility": "private"}
    principle.change(list_commitments, [principle, text, ctx.lang], [table], **private)
    text.submit(list_commitments, [principle, text, ctx.lang], [table], **private)
    demo.load(list_commitments_on_load, None, [table], **private)
    if ctx.language is not None:
        ctx.language.change(list_commitments_in_language, [ctx.language, principle, text], [table], **private)

    def relabel(lang: str) -> list:
        return [gr.update(label=t("tab_commitments", lang)), gr.update(label=t("principle", lang),
                                                                        choices=principle_choices(lang)),
                gr.update(label=t("filter_text", lang)), t("com_intro", lang)]

    return TabView([tab, principle, text, intro], relabel)
