"""The « Quel soutien? » tab: the support-fit questionnaire and its cited result.

Usage: ``view = build(ctx)`` inside a ``gr.Tabs`` block.
"""

from __future__ import annotations

import gradio as gr

from assistant.api import FitInputError, load_guide
from assistant.messages import t
from ui.common import Context, TabView, esc


def fit_markdown(text: str) -> str:
    """The guide's result as Markdown: its headings as bold paragraphs, its statements as a list (escaped)."""
    out = []
    for line in text.splitlines():
        out.append(esc(line) if line.startswith("- ") else f"\n**{esc(line)}**\n")
    return "\n".join(out)


def choices(settings, lang: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    guide = load_guide(settings.resolve(settings.reference_dir))
    criteria = [(f"{c.get(lang, c['fr'])} (type {c['type']})", c["id"]) for c in guide["criteria"]]
    needs = [(n.get(lang, n["fr"]), n["id"]) for n in guide["needs"]]
    return criteria, needs


def build(ctx: Context) -> TabView:
    assistant = ctx.assistant
    criteria_choices, need_choices = choices(ctx.settings, "fr")

    def run_fit(criteria: list[str], needs: list[str], lang: str):
        try:
            result = assistant.fit({"criteria": {c: True for c in criteria or []}, "needs": needs or []}, lang)
        except FitInputError as exc:
            return f"⚠️ {esc(str(exc))}", ""
        cards = "".join(
            f"<details class='repere-card' data-testid='fit-source'><summary>[{c.n}] {esc(c.title)} — "
            f"{esc(c.section)} (diapositive {c.page})</summary><blockquote>{esc(c.quote)}</blockquote></details>"
            for c in result.citations)
        return fit_markdown(result.text), cards

    with gr.Tab(t("tab_fit"), id="fit") as tab:
        intro = gr.Markdown(t("fit_intro"))
        with gr.Row():
            criteria = gr.CheckboxGroup(criteria_choices, label=t("fit_criteria"), elem_id="fit-criteria")
            needs = gr.CheckboxGroup(need_choices, label=t("fit_needs"), elem_id="fit-needs")
        button = gr.Button(t("fit_go"), variant="primary", elem_id="fit-button")
        with gr.Row():
            result = gr.Markdown(elem_id="fit-result")
            sources = gr.HTML()
    button.click(run_fit, [criteria, needs, ctx.lang], [result, sources], api_visibility="private")

    def relabel(lang: str) -> list:
        criteria_for, needs_for = choices(ctx.settings, lang)
        return [gr.update(label=t("tab_fit", lang)), t("fit_intro", lang),
                gr.update(label=t("fit_criteria", lang), choices=criteria_for),
                gr.update(label=t("fit_needs", lang), choices=needs_for), gr.update(value=t("fit_go", lang))]

    return TabView([tab, intro, criteria, needs, button], relabel)
