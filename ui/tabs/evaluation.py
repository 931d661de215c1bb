"""The evaluation tab: the latest report (read-only; re-running it is an admin action).

Usage: ``view, outputs = build(ctx, demo)``; the admin tab refreshes ``outputs`` after a run.
"""

from __future__ import annotations

import gradio as gr

from assistant.messages import t
from ui.common import Context, TabView


def report_folders(settings) -> tuple:
    """Runs started from the UI write under the data folder, never into the source tree; the view shows the
    newest of that run and the committed report."""
    return settings.resolve(settings.data_dir) / "reports", settings.resolve("evals/reports")


def load_report(settings, lang: str = "fr"):
    folder = max((d for d in report_folders(settings) if (d / "latest.md").exists()),
                 key=lambda d: (d / "latest.md").stat().st_mtime, default=None)
    if folder is None:
        return t("eval_none", lang), None
    text = "\n".join(ln for ln in (folder / "latest.md").read_text(encoding="utf-8").splitlines()
                     if not ln.startswith("!["))
    image = folder / "latest.png"
    return text, str(image) if image.exists() else None


def build(ctx: Context, demo: gr.Blocks) -> tuple[TabView, list]:
    with gr.Tab(t("tab_eval"), id="evaluation") as tab:
        chart = gr.Image(label="latest.png", interactive=False)
        report = gr.Markdown()
    demo.load(lambda: load_report(ctx.settings), None, [report, chart], api_visibility="private")

    def relabel(lang: str) -> list:
        return [gr.update(label=t("tab_eval", lang))]

    return TabView([tab], relabel), [report, chart]
