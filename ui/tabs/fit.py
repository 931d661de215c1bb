"""The « Quel soutien? » tab: the support-fit questionnaire, its cited result and the summary to download.

One radio per criterion with three answers (yes / no / I don't know, the last leaving the question open), grouped
by practice type with the policy's wording beside each question; needs from the list and as sentences; the result
opens with whether the policy covers the organisation; the summary downloads as PDF and Markdown.

Usage: ``view = build(ctx)`` inside a ``gr.Tabs`` block.
"""

from __future__ import annotations

import re
import time
import uuid

import gradio as gr

from assistant.api import FitInputError, load_guide
from assistant.messages import t
from ui.common import Context, TabView, esc

ANSWERS = {"yes": True, "no": False, "unknown": None}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md(text: str) -> str:
    """Text shown inside Markdown: Markdown syntax neutralised, then HTML escaped."""
    return esc(_MD_SPECIAL.sub(r"\\\1", text or ""))


def result_markdown(result) -> str:
    """The result's sections as Markdown: the opening sentence in bold, titles, notes in italics, items."""
    out = []
    for section in result.sections:
        lines = list(section["lines"])
        if section["key"] == "eligibility" and lines:
            out.append(f"**{md(lines.pop(0))}**\n")
        if section["title"]:
            out.append(f"\n#### {md(section['title'])}\n")
        if section["note"]:
            out.append(f"*{md(section['note'])}*\n")
        out += [f"- {md(line)}" for line in lines]
    return "\n".join(out)


def sources_html(result) -> str:
    lang = result.language
    label = t("page_label_diapositive", lang)
    cards = [f"<p><strong>{esc(t('fit_sources', lang))}</strong></p>"]
    for c in result.citations:
        english = result.translations.get(c.n) if lang == "en" else None
        quote = (f"<blockquote>“{esc(english)}” <em>({esc(t('fit_translation_label', 'en'))})</em><br>"
                 f"« {esc(c.quote)} »</blockquote>" if english else f"<blockquote>« {esc(c.quote)} »</blockquote>")
        cards.append(f"<details class='repere-card' data-testid='fit-source'><summary>[{c.n}] {esc(c.title)} — "
                     f"{esc(c.section)} ({esc(label)} {c.page})</summary>{quote}</details>")
    return "".join(cards)


def _quote_text(guide: dict, item: dict, lang: str) -> str:
    parts = item["quote"] if isinstance(item["quote"], list) else [item["quote"]]
    out = []
    for part in parts:
        english = guide["_policy"].english_for(part, item["slide"]) if lang == "en" else None
        out.append(f"“{english}” (« {part} », {t('fit_translation_label', 'en')})" if english else f"« {part} »")
    return " ; ".join(out)


def type_header(guide: dict, p: dict, lang: str) -> str:
    lower = [r for r in p["requires"] if r != p["type"]]
    header = t("fit_type_header", lang, type=p["type"], name=md(_quote_text(guide, p, lang)), slide=p["slide"])
    if lower:
        header += " — " + md(t("fit_type_header_requires", lang, types=", ".join(map(str, lower))))
    return header


def radio_choices(lang: str) -> list[tuple[str, str]]:
    return [(t("fit_yes", lang), "yes"), (t("fit_no", lang), "no"), (t("fit_unknown", lang), "unknown")]


def criterion_info(guide: dict, c: dict, lang: str) -> str:
    label = t("page_label_diapositive", lang)
    return f"{t('fit_criterion_info', lang, quote=_quote_text(guide, c, lang))} ({label} {c['slide']})"


def build(ctx: Context) -> TabView:
    assistant = ctx.assistant
    guide = load_guide(ctx.settings.resolve(ctx.settings.reference_dir))
    # The questions in the order the form shows them (by practice type), which is the order of the radios' values.
    criteria = [c for p in guide["practice_types"] for c in guide["criteria"] if c["type"] == p["type"]]

    def run_fit(lang: str, needs: list[str], needs_text: str, *values: str):
        answers = {"criteria": {c["id"]: ANSWERS.get(v) for c, v in zip(criteria, values)},
                   "needs": list(needs or []) + [x for x in (needs_text or "").splitlines() if x.strip()]}
        hidden = gr.update(visible=False, value=None)
        try:
            result = assistant.fit(answers, lang)
        except FitInputError as exc:
            return f"⚠️ {md(str(exc))}", "", hidden, hidden
        stem = ctx.exports / f"repere-soutien-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
        pdf = result.write_summary(stem.with_suffix(".pdf"))
        markdown = result.write_summary(stem.with_suffix(".md"))
        return (result_markdown(result), sources_html(result), gr.update(value=str(pdf), visible=True),
                gr.update(value=str(markdown), visible=True))

    with gr.Tab(t("tab_fit"), id="fit") as tab:
        intro = gr.Markdown(t("fit_intro"))
        with gr.Row():
            with gr.Column(scale=3):
                criteria_title = gr.Markdown(f"### {t('fit_criteria')}")
                headers, radios = [], []
                for p in guide["practice_types"]:
                    headers.append(gr.Markdown(type_header(guide, p, "fr")))
                    for c in (c for c in criteria if c["type"] == p["type"]):
                        radios.append(gr.Radio(radio_choices("fr"), value="unknown", label=c["fr"],
                                               info=criterion_info(guide, c, "fr"), elem_id=f"fit-{c['id']}"))
            with gr.Column(scale=2):
                needs = gr.CheckboxGroup([(n["fr"], n["id"]) for n in guide["needs"]], label=t("fit_needs"),
                                         elem_id="fit-needs")
                needs_text = gr.Textbox(lines=3, label=t("fit_needs_text"), placeholder=t("fit_needs_placeholder"),
                                        elem_id="fit-needs-text")
                button = gr.Button(t("fit_go"), variant="primary", elem_id="fit-button")
                pdf_button = gr.DownloadButton(t("fit_download_pdf"), visible=False, elem_id="fit-pdf")
                md_button = gr.DownloadButton(t("fit_download_md"), visible=False, elem_id="fit-md")
        with gr.Row():
            result = gr.Markdown(elem_id="fit-result")
            sources = gr.HTML(elem_id="fit-sources")
    button.click(run_fit, [ctx.lang, needs, needs_text, *radios], [result, sources, pdf_button, md_button],
                 api_visibility="private")

    def relabel(lang: str) -> list:
        updates = [gr.update(label=t("tab_fit", lang)), t("fit_intro", lang), f"### {t('fit_criteria', lang)}"]
        updates += [type_header(guide, p, lang) for p in guide["practice_types"]]
        updates += [gr.update(label=c[lang], info=criterion_info(guide, c, lang), choices=radio_choices(lang))
                    for c in criteria]
        updates += [gr.update(label=t("fit_needs", lang), choices=[(n[lang], n["id"]) for n in guide["needs"]]),
                    gr.update(label=t("fit_needs_text", lang), placeholder=t("fit_needs_placeholder", lang)),
                    gr.update(value=t("fit_go", lang)), gr.update(label=t("fit_download_pdf", lang)),
                    gr.update(label=t("fit_download_md", lang))]
        return updates

    return TabView([tab, intro, criteria_title, *headers, *radios, needs, needs_text, button, pdf_button, md_button],
                   relabel)
