"""The administration tab: unlock, upload, list and remove documents, re-run the evaluation.

Every handler here but ``unlock`` requires the session's admin token (see ``ui.admin_gate``); the tab is
shown only when ``REPERE_ADMIN_PASSWORD`` is set. Handlers keep their inputs (an attacker's view of them is tested
by tests/reliability/test_admin_auth.py) and read the session's language from ``ctx.languages``. Uploads and removals return at once: the ingest runs in the
background (``ingest.uploads.IngestWorker``) and the tab polls its status while it runs.

Usage: ``view = build(ctx, report_outputs)`` inside a ``gr.Tabs`` block.
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from assistant.messages import t
from ingest.uploads import IngestWorker, UploadError, list_documents, remove_upload, store_upload
from ui.admin_gate import AdminDenied, TooManyAttempts, WrongPassword
from ui.common import Context, TabView, md_text
from ui.tabs.evaluation import load_report, report_folders


def build(ctx: Context, report_outputs: list) -> TabView:
    settings, gate, assistant = ctx.settings, ctx.gate, ctx.assistant
    worker = IngestWorker(settings)
    languages = ctx.languages

    def language_of(request) -> str:
        return languages.get(request) if languages is not None else "fr"

    def require_admin(token, lang="fr"):
        try:
            gate.require(token)
        except AdminDenied:
            raise gr.Error(t("admin_required", lang)) from None

    def document_headers(lang: str) -> list[str]:
        return [t(k, lang) for k in ("admin_col_file", "admin_col_title", "admin_col_kind", "admin_col_chunks",
                                     "admin_col_uploaded")]

    def documents_table(lang="fr"):
        rows = [[d.path, d.title, d.kind, d.chunks, t("admin_uploaded_yes" if d.uploaded else "admin_uploaded_no",
                                                      lang)] for d in list_documents(settings)]
        return {"data": rows, "headers": document_headers(lang)}

    def uploaded_choices():
        return [d.path for d in list_documents(settings) if d.uploaded]

    def unlock(password, request: gr.Request):
        lang = language_of(request)
        client = getattr(getattr(request, "client", None), "host", None) or "unknown"
        try:
            token = gate.unlock(password or "", client)
        except TooManyAttempts as exc:
            return None, gr.update(visible=False), t("admin_wait", lang, seconds=f"{exc.retry_after_s:.0f}"), []
        except WrongPassword:
            return None, gr.update(visible=False), t("admin_wrong", lang), []
        return token, gr.update(visible=True), "", documents_table(lang)

    def status_markdown(lang="fr"):
        status = worker.status()
        lines = {"queued": [t("admin_ingest_queued", lang)],
                 "running": [t("admin_ingest_running", lang, embedded=status.embedded,
                               seconds=f"{status.seconds():.0f}"), status.note],
                 "done": [t("admin_ingest_done", lang, seconds=f"{status.seconds():.0f}"), *status.lines],
                 "failed": [t("admin_ingest_failed", lang)]}.get(status.state, [])
        if status.queued:
            lines.append(t("admin_ingest_again", lang))
        return "  \n".join(md_text(line) for line in lines if line), status.busy

    def upload(files, token, request: gr.Request):
        lang = language_of(request)
        require_admin(token, lang)
        lines = []
        for f in files or []:
            path = Path(f if isinstance(f, str) else f.name)
            try:
                saved = store_upload(settings, path.name, path.read_bytes())
                lines.append(f"✔ {md_text(path.name)} → {md_text(saved.name)}")
            except UploadError as exc:
                lines.append(f"✘ {md_text(str(exc))}")
        if any(line.startswith("✔") for line in lines):
            worker.submit()
        progress, busy = status_markdown(lang)
        return "  \n".join(lines), progress, gr.Timer(active=busy)

    def remove(name, token, request: gr.Request):
        lang = language_of(request)
        require_admin(token, lang)
        if not name:
            return "", gr.update(), gr.update()
        try:
            remove_upload(settings, name)
            worker.submit()
            message = f"✔ {md_text(name)}"
        except UploadError as exc:
            message = f"✘ {md_text(str(exc))}"
        progress, busy = status_markdown(lang)
        return message, progress, gr.Timer(active=busy)

    def ingest_status(token, request: gr.Request):
        """Polled while an ingest runs; refreshes the list when it ends and stops the polling."""
        lang = language_of(request)
        require_admin(token, lang)
        progress, busy = status_markdown(lang)
        if busy:
            return progress, gr.update(), gr.update(), gr.Timer(active=True)
        return (progress, documents_table(lang), gr.update(choices=uploaded_choices(), value=None),
                gr.Timer(active=False))

    def rerun_eval(token, request: gr.Request, progress=gr.Progress()):
        lang = language_of(request)
        require_admin(token, lang)
        from evals.runner import evaluate

        progress(0.05, desc=t("eval_running", lang))
        evaluate(assistant, settings.resolve(settings.eval_cases_dir), settings.resolve(settings.eval_thresholds),
                 report_folders(settings)[0])
        return load_report(settings, lang)

    def eval_finished(request: gr.Request):
        return t("eval_done", language_of(request))

    with gr.Tab(t("tab_admin"), id="admin", visible=gate.enabled) as tab:
        token = gr.State(None)  # server-side only: see ui/admin_gate.py
        password = gr.Textbox(label=t("admin_password"), type="password", elem_id="admin-password")
        unlock_button = gr.Button(t("admin_unlock"), elem_id="admin-unlock")
        message = gr.Markdown()
        with gr.Group(visible=False) as panel:
            uploads = gr.File(label=t("admin_upload"), file_count="multiple",
                              file_types=[".pdf", ".md", ".txt", ".csv"])
            upload_report = gr.Markdown()
            ingest_progress = gr.Markdown(elem_id="ingest-status")
            poll = gr.Timer(1.0, active=False)
            documents = gr.Dataframe(headers=document_headers("fr"), datatype="str", interactive=False)
            with gr.Row():
                to_remove = gr.Dropdown([], label=t("admin_remove"))
                remove_button = gr.Button(t("admin_remove"), variant="stop", elem_id="admin-remove")
            eval_button = gr.Button(t("eval_rerun"))
            eval_done = gr.Markdown()

    private = {"api_visibility": "private"}
    unlock_outputs = [token, panel, message, documents]
    unlock_button.click(unlock, [password], unlock_outputs, **private)
    password.submit(unlock, [password], unlock_outputs, **private)
    uploads.upload(upload, [uploads, token], [upload_report, ingest_progress, poll], **private)
    remove_button.click(remove, [to_remove, token], [upload_report, ingest_progress, poll], **private)
    poll.tick(ingest_status, [token], [ingest_progress, documents, to_remove, poll], show_progress="hidden",
              **private)
    eval_button.click(rerun_eval, [token], report_outputs, **private).success(
        eval_finished, None, [eval_done], **private)

    def relabel(lang: str) -> list:
        return [gr.update(label=t("tab_admin", lang)), gr.update(label=t("admin_password", lang)),
                gr.update(value=t("admin_unlock", lang)), gr.update(label=t("admin_upload", lang)),
                gr.update(headers=document_headers(lang)), gr.update(label=t("admin_remove", lang)),
                gr.update(value=t("admin_remove", lang)), gr.update(value=t("eval_rerun", lang))]

    return TabView([tab, password, unlock_button, uploads, documents, to_remove, remove_button, eval_button],
                   relabel)
