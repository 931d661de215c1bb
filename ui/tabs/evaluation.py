"""The evaluation tab: the latest report (read-only; re-running it is an admin action).

The report itself is a technical document written by ``evals/`` (English tables); the view gives it a title and a
note in the interface's language and its chart an accessible name.

Usage: ``view, outputs = build(ctx, demo)``; the admin tab refreshes ``outputs`` after a run.
"""

from __future__ import annotations

import gradio as gr

from assistant.messages import t
from ui.common import Context, TabView, request_language


def report_folders(settings) -> tuple:
    """Runs started from the UI write under the data folder, never into the source tree; the view shows the
    newest of that run and the committed report."""
    return settings.resolve(settings.data_dir) / "reports", settings.resolve("evals/reports")


def load_report(settings, lang: str = "fr"):
    """(report Markdown, chart path or None): the report's own title replaced by the interface's."""
    folder = max((d for d in report_folders(settings) if (d / "latest.md").exists()),
                 key=lambda d: (d / "latest.md").stat().st_mtime, default=None)
    if folder is None:
        return t("eval_none", lang), None
    lines = [ln for ln in (folder / "latest.md").read_text(encoding="utf-8").splitlines() if not ln.startswith("![")]
    if lines and lines[0].startswith("# "):
        lines[0] = t("eval_title", lang) + "\n\n*" + t("eval_note", lang) + "*"
    image = folder / "latest.png"
    return "\n".join(lines), str(image) if image.exists() else None


def build(ctx: Context, demo: gr.Blocks) -> tuple[TabView, list]:
    with gr.Tab(t("tab_eval"), id="evaluation") as tab:
        chart = gr.Image(label=t("eval_chart"), alt_text=t("eval_chart_alt"), interactive=False,
                         buttons=["download", "fullscreen"],
                         elem_id="evaluation-chart")
        report = gr.Markdown(elem_id="evaluation-report")

    def load_report_on_load(request: gr.Request):
        return load_report(ctx.settings, request_language(request))

    demo.load(load_report_on_load, None, [report, chart], api_visibility="private")

    def relabel(lang: str) -> list:
        text, image = load_report(ctx.settings, lang)
        return [gr.update(label=t("tab_eval", lang)), text,
                gr.update(value=image, label=t("eval_chart", lang), alt_text=t("eval_chart_alt", lang))]

    return TabView([tab, report, chart], relabel), [report, chart]
