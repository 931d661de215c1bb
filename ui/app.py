"""The Gradio interface: chat, directory, support-fit form, commitments, evaluation, administration.

Thin by design: it calls the assistant's public API (``assistant.api``, ``assistant.directory``, ``assistant.fit``,
``assistant.commitments``, ``assistant.admin``, ``assistant.facets``, ``assistant.export``) and the evaluation
runner. Every string that comes from the corpus or the directory is HTML-escaped before it is shown.
Named API endpoints ``ask``, ``search`` and ``fit`` are callable with gradio_client.

Usage: ``build_app(Assistant()).launch(server_name="127.0.0.1", server_port=7860)``
"""

from __future__ import annotations

import html
import tempfile
import time
from pathlib import Path

import gradio as gr

from assistant.admin import UploadError, ingest_uploads, list_documents, remove_upload, store_upload
from assistant.api import Answer, Assistant, ChatSession, QuestionError, citation_label
from assistant.commitments import CommitmentRegister
from assistant.export import write_csv, write_hsds
from assistant.facets import GEOJSON_FILE, borough_map, facet_counts
from assistant.fit import FitInputError
from assistant.messages import t
from ui.admin_gate import AdminDenied, AdminGate, TooManyAttempts, WrongPassword

CSS = """
.repere-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 4px 10px; margin: 6px 0; background: #fafbfc}
.repere-card summary {cursor: pointer; font-weight: 600}
.repere-card blockquote {margin: 6px 0 4px 0; padding-left: 10px; border-left: 3px solid #8b9bb4; white-space: pre-wrap}
.repere-abstain {border-left: 5px solid #d97706; background: #fffbeb; padding: 8px 12px; border-radius: 6px}
.repere-badge {background: #eef2ff; color: #3730a3; border-radius: 10px; padding: 1px 8px; font-size: 0.8em}
"""

EXAMPLES = {
    "examples_org": ["Quels types de soutien la Ville offre-t-elle aux organismes?",
                     "Est-ce que la Ville peut nous louer des locaux moins cher?",
                     "Quels organismes pour les aînés à Saint-Laurent?"],
    "examples_staff": ["Quels sont les engagements de la Ville liés au principe 2?",
                       "Qui siège au comité de suivi de la politique?",
                       "What are the City's commitments under principle 3?"],
    "examples_general": ["Quand la Déclaration de reconnaissance a-t-elle été adoptée?",
                         "Quelles valeurs guident la politique?",
                         "When did the city council adopt the community action policy?"],
}
KIND_CHOICES = ["aca", "community_organization", "institution", "business", "partner", "member_unspecified"]


def esc(text: str) -> str:
    return html.escape(text or "", quote=True)


def answer_markdown(answer: Answer, lang: str) -> str:
    """The chat bubble: escaped text; an abstention is flagged so it looks different from an answer."""
    body = esc(answer.answer).replace("\n", "  \n")
    notice = f"*{esc(answer.notice)}*  \n" if answer.notice else ""
    if answer.abstained:
        return f"**ⓘ {t('abstain_badge', lang)}**  \n{notice}> {body}"
    return notice + body


def fit_markdown(text: str) -> str:
    """The guide's result as Markdown: its headings as bold paragraphs, its statements as a list (escaped)."""
    out = []
    for line in text.splitlines():
        out.append(esc(line) if line.startswith("- ") else f"\n**{esc(line)}**\n")
    return "\n".join(out)


def sources_html(answer: Answer | None, lang: str) -> str:
    if answer is None:
        return f"<p>{esc(t('no_sources', lang))}</p>"
    if answer.abstained:
        nearest = "".join(f"<li>{esc(x)}</li>" for x in answer.nearest)
        return (f"<div class='repere-abstain' data-testid='abstention'><b>ⓘ {esc(t('abstain_badge', lang))}</b>"
                f"<p>{esc(answer.answer.splitlines()[0])}</p><ul>{nearest}</ul></div>")
    cards = []
    for c in answer.citations:
        cards.append(
            f"<details class='repere-card' data-testid='source-card'><summary>[{c.n}] "
            f"{esc(citation_label(c, lang))}</summary><blockquote>{esc(c.quote)}</blockquote></details>")
    return f"<h4>{esc(t('sources', lang))}</h4>" + "".join(cards)


def build_app(assistant: Assistant) -> gr.Blocks:
    settings = assistant.settings
    gate = AdminGate(settings.admin_password)
    directory = assistant.directory
    register = CommitmentRegister(settings, store=assistant.cache.store)
    reference = settings.resolve(settings.reference_dir)
    # Runs started from the UI write under the data folder, never into the source tree; the view shows the
    # newest of that run and the committed report.
    reports_dir = settings.resolve(settings.data_dir) / "reports"
    committed_reports = settings.resolve("evals/reports")
    exports = Path(tempfile.mkdtemp(prefix="repere-exports-"))
    guide_criteria, guide_needs = _fit_choices(assistant, "fr")

    # --- functions the interface calls ------------------------------------------------------------
    def respond(message: str, history: list, session: ChatSession, lang: str):
        history = list(history or [])
        if not (message or "").strip():
            return history, session, "", sources_html(None, lang)
        try:
            answer = assistant.ask(message, session=session)
        except QuestionError as exc:
            return history + [{"role": "user", "content": esc(message)},
                              {"role": "assistant", "content": f"⚠️ {esc(str(exc))}"}], session, "", ""
        history += [{"role": "user", "content": esc(message)},
                    {"role": "assistant", "content": answer_markdown(answer, lang)}]
        return history, session, "", sources_html(answer, lang)

    def new_conversation(lang: str):
        return [], ChatSession(), sources_html(None, lang)

    def run_search(text, borough, table, kind, sector, lang):
        result = directory.search(text or "", region=borough or None, table=table or None, kind=kind or None,
                                  sector=sector or None, limit=None)
        rows = [[o.name, ", ".join(o.regions), ", ".join(o.tables), o.membership_kind,
                 ", ".join(f"{s['label']} ({t('inferred', lang)}, {s['confidence']:.2f})" for s in o.sectors)]
                for o in result.items[:300]]
        counts = facet_counts(result.items)
        figure = borough_map(counts["region"], reference / GEOJSON_FILE)
        return rows, t("results_count", lang, n=result.total), figure, result.items

    def export(items, fmt):
        if not items:
            return None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        if fmt == "csv":
            return str(write_csv(items, exports / f"repere-annuaire-{stamp}.csv"))
        return str(write_hsds(items, directory.sector_labels(), exports / f"repere-annuaire-hsds-{stamp}.zip"))

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

    def list_commitments(principle, text):
        number = None if principle in (None, "", "Tous", "All") else int(principle)
        return [[r.id, r.principle, r.text, r.section, r.slide] for r in register.list(number, text or "")]

    def require_admin(token):
        try:
            gate.require(token)
        except AdminDenied:
            raise gr.Error(t("admin_required", "fr")) from None

    def load_report(lang="fr"):
        folder = max((d for d in (reports_dir, committed_reports) if (d / "latest.md").exists()),
                     key=lambda d: (d / "latest.md").stat().st_mtime, default=None)
        if folder is None:
            return t("eval_none", lang), None
        text = "\n".join(ln for ln in (folder / "latest.md").read_text(encoding="utf-8").splitlines()
                         if not ln.startswith("!["))
        image = folder / "latest.png"
        return text, str(image) if image.exists() else None

    def rerun_eval(token, progress=gr.Progress()):
        require_admin(token)
        from evals.runner import evaluate

        progress(0.05, desc="évaluation en cours / running")
        evaluate(assistant, settings.resolve(settings.eval_set), settings.resolve(settings.eval_thresholds),
                 reports_dir)
        return load_report()

    def unlock(password, request: gr.Request):
        client = getattr(getattr(request, "client", None), "host", None) or "unknown"
        try:
            token = gate.unlock(password or "", client)
        except TooManyAttempts as exc:
            return None, gr.update(visible=False), t("admin_wait", "fr", seconds=f"{exc.retry_after_s:.0f}"), []
        except WrongPassword:
            return None, gr.update(visible=False), t("admin_wrong", "fr"), []
        return token, gr.update(visible=True), "", _documents_table()

    def _documents_table():
        return [[d.path, d.title, d.kind, d.chunks, "oui" if d.uploaded else "corpus"] for d in list_documents(settings)]

    def upload(files, token, progress=gr.Progress()):
        require_admin(token)
        lines = []
        for f in files or []:
            path = Path(f if isinstance(f, str) else f.name)
            try:
                saved = store_upload(settings, path.name, path.read_bytes())
                lines.append(f"✔ {esc(path.name)} → {esc(saved.name)}")
            except UploadError as exc:
                lines.append(f"✘ {esc(str(exc))}")
        progress(0.3, desc="ingestion")
        report = ingest_uploads(settings)
        lines += [esc(line) for line in report.summary_lines()]
        choices = [d.path for d in list_documents(settings) if d.uploaded]
        return "  \n".join(lines), _documents_table(), gr.update(choices=choices)

    def remove(key, token):
        require_admin(token)
        if not key:
            return "", _documents_table(), gr.update()
        try:
            report = remove_upload(settings, key)
            message = "  \n".join(esc(x) for x in report.summary_lines())
        except UploadError as exc:
            message = f"✘ {esc(str(exc))}"
        choices = [d.path for d in list_documents(settings) if d.uploaded]
        return message, _documents_table(), gr.update(choices=choices, value=None)

    # --- named API endpoints (gradio_client) -------------------------------------------------------
    def api_ask(question: str, history: list[str] | None = None) -> dict:
        """Ask a question (optionally after earlier questions of the same conversation); JSON answer."""
        session = ChatSession()
        try:
            for earlier in history or []:
                assistant.ask(earlier, session=session)
            return assistant.ask(question, session=session).to_json()
        except QuestionError as exc:
            raise gr.Error(str(exc)) from None

    def api_search(text: str = "", borough: str = "", table: str = "", kind: str = "", sector: str = "",
                   limit: int = 20) -> dict:
        """Search the directory; every sector in the result is inferred (see its confidence)."""
        result = directory.search(text, region=borough or None, table=table or None, kind=kind or None,
                                  sector=sector or None, limit=limit)
        return {"total": result.total, "facets": result.facets,
                "items": [{"id": o.org_id, "name": o.name, "regions": o.regions, "tables": o.tables,
                           "membership_kind": o.membership_kind, "sectors": o.sectors} for o in result.items]}

    def api_fit(answers: dict) -> dict:
        """The support-fit guide: {"criteria": {"obnl": true, ...}, "needs": ["locaux"], "language": "fr"}."""
        try:
            return assistant.fit(answers, answers.get("language", "fr")).to_json()
        except FitInputError as exc:
            raise gr.Error(str(exc)) from None

    # --- layout ---------------------------------------------------------------------------------
    with gr.Blocks(title="Repère") as demo:
        lang = gr.State("fr")
        with gr.Row():
            title = gr.Markdown(t("ui_title") + "\n\n" + t("ui_subtitle"))
            language = gr.Radio(["fr", "en"], value="fr", label=t("ui_language"), scale=0, min_width=160,
                                elem_id="language-toggle")
        with gr.Tabs():
            with gr.Tab(t("tab_chat"), id="chat") as tab_chat:
                session = gr.State(ChatSession())
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(height=430, elem_id="chatbot", show_label=False)
                        question = gr.Textbox(label=t("chat_label"), placeholder=t("chat_placeholder"),
                                              elem_id="question", lines=1)
                        with gr.Row():
                            send = gr.Button(t("send"), variant="primary", elem_id="send")
                            clear = gr.Button(t("clear"))
                    with gr.Column(scale=2):
                        sources = gr.HTML(sources_html(None, "fr"), elem_id="sources")
                example_blocks = []
                with gr.Row():
                    for key, questions in EXAMPLES.items():
                        with gr.Column():
                            example_blocks.append(gr.Examples(questions, inputs=[question], label=t(key)))
            with gr.Tab(t("tab_directory"), id="directory") as tab_directory:
                items_state = gr.State([])
                with gr.Row():
                    search_text = gr.Textbox(label=t("search_label"), elem_id="search-text")
                    borough = gr.Dropdown([""] + directory.regions(), value="", label=t("borough"),
                                          elem_id="borough")
                    table = gr.Dropdown([""] + directory.tables(), value="", label=t("table"))
                with gr.Row():
                    kind = gr.Dropdown([""] + KIND_CHOICES, value="", label=t("kind"))
                    sector = gr.Dropdown([("", "")] + [(f"{label} — {t('inferred')}", code)
                                                       for code, label in directory.sector_labels().items()],
                                         value="", label=t("sector"), elem_id="sector")
                    search_button = gr.Button(t("search"), variant="primary", elem_id="search-button")
                count = gr.Markdown(elem_id="result-count")
                results = gr.Dataframe(headers=["Organisme", "Arrondissement(s)", "Table(s) de quartier", "Type",
                                                "Secteurs (inférés)"], datatype="str", interactive=False,
                                       elem_id="results", wrap=True)
                with gr.Row():
                    figure = gr.Plot(label="Carte / map")
                    with gr.Column():
                        csv_button = gr.Button(t("export_csv"))
                        hsds_button = gr.Button(t("export_hsds"))
                        export_file = gr.File(label="Export", interactive=False)
            with gr.Tab(t("tab_fit"), id="fit") as tab_fit:
                gr.Markdown(t("fit_intro"))
                with gr.Row():
                    fit_criteria = gr.CheckboxGroup(guide_criteria, label=t("fit_criteria"), elem_id="fit-criteria")
                    fit_needs = gr.CheckboxGroup(guide_needs, label=t("fit_needs"), elem_id="fit-needs")
                fit_button = gr.Button(t("fit_go"), variant="primary", elem_id="fit-button")
                with gr.Row():
                    fit_result = gr.Markdown(elem_id="fit-result")
                    fit_sources = gr.HTML()
            with gr.Tab(t("tab_commitments"), id="commitments") as tab_commitments:
                with gr.Row():
                    principle = gr.Dropdown(["Tous", "1", "2", "3"], value="Tous", label=t("principle"))
                    commitment_text = gr.Textbox(label=t("filter_text"))
                commitment_table = gr.Dataframe(headers=["id", "principe", "engagement", "section", "diapositive"],
                                                datatype="str", interactive=False, wrap=True,
                                                elem_id="commitments-table")
            with gr.Tab(t("tab_eval"), id="evaluation") as tab_eval:
                eval_chart = gr.Image(label="latest.png", interactive=False)
                eval_report = gr.Markdown()
            with gr.Tab(t("tab_admin"), id="admin", visible=bool(settings.admin_password)) as tab_admin:
                admin_token = gr.State(None)  # server-side only: see ui/admin_gate.py
                password = gr.Textbox(label=t("admin_password"), type="password")
                unlock_button = gr.Button(t("admin_unlock"))
                admin_message = gr.Markdown()
                with gr.Group(visible=False) as admin_panel:
                    uploads = gr.File(label=t("admin_upload"), file_count="multiple",
                                      file_types=[".pdf", ".md", ".txt", ".csv"])
                    upload_report = gr.Markdown()
                    documents = gr.Dataframe(headers=["fichier", "titre", "type", "segments", "téléversé"],
                                             datatype="str", interactive=False)
                    with gr.Row():
                        to_remove = gr.Dropdown([], label=t("admin_remove"))
                        remove_button = gr.Button(t("admin_remove"), variant="stop")
                    eval_button = gr.Button(t("eval_rerun"))
                    eval_done = gr.Markdown()

        # --- events ----------------------------------------------------------------------------------
        private = {"api_visibility": "private"}
        send.click(respond, [question, chatbot, session, lang], [chatbot, session, question, sources], **private)
        question.submit(respond, [question, chatbot, session, lang], [chatbot, session, question, sources], **private)
        clear.click(new_conversation, [lang], [chatbot, session, sources], **private)
        search_inputs = [search_text, borough, table, kind, sector, lang]
        search_outputs = [results, count, figure, items_state]
        for trigger in (search_button.click, search_text.submit, borough.change, table.change, kind.change,
                        sector.change):
            trigger(run_search, search_inputs, search_outputs, **private)
        csv_button.click(lambda items: export(items, "csv"), [items_state], [export_file], **private)
        hsds_button.click(lambda items: export(items, "hsds"), [items_state], [export_file], **private)
        fit_button.click(run_fit, [fit_criteria, fit_needs, lang], [fit_result, fit_sources], **private)
        principle.change(list_commitments, [principle, commitment_text], [commitment_table], **private)
        commitment_text.submit(list_commitments, [principle, commitment_text], [commitment_table], **private)
        eval_button.click(rerun_eval, [admin_token], [eval_report, eval_chart], **private).success(
            lambda: t("eval_done", "fr"), None, [eval_done], **private)
        unlock_button.click(unlock, [password], [admin_token, admin_panel, admin_message, documents], **private)
        password.submit(unlock, [password], [admin_token, admin_panel, admin_message, documents], **private)
        uploads.upload(upload, [uploads, admin_token], [upload_report, documents, to_remove], **private)
        remove_button.click(remove, [to_remove, admin_token], [upload_report, documents, to_remove], **private)

        def switch_language(value):
            criteria, needs = _fit_choices(assistant, value)
            return (value, t("ui_title", value) + "\n\n" + t("ui_subtitle", value),
                    gr.update(label=t("chat_label", value), placeholder=t("chat_placeholder", value)),
                    gr.update(value=t("send", value)), gr.update(value=t("clear", value)),
                    gr.update(label=t("search_label", value)), gr.update(label=t("borough", value)),
                    gr.update(label=t("table", value)), gr.update(label=t("kind", value)),
                    gr.update(label=t("sector", value)), gr.update(value=t("search", value)),
                    gr.update(label=t("fit_criteria", value), choices=criteria),
                    gr.update(label=t("fit_needs", value), choices=needs), gr.update(value=t("fit_go", value)),
                    gr.update(label=t("tab_chat", value)), gr.update(label=t("tab_directory", value)),
                    gr.update(label=t("tab_fit", value)), gr.update(label=t("tab_commitments", value)),
                    gr.update(label=t("tab_eval", value)), sources_html(None, value))

        language.change(switch_language, [language],
                        [lang, title, question, send, clear, search_text, borough, table, kind, sector,
                         search_button, fit_criteria, fit_needs, fit_button, tab_chat, tab_directory, tab_fit,
                         tab_commitments, tab_eval, sources], **private)
        demo.load(lambda: list_commitments("Tous", ""), None, [commitment_table], **private)
        demo.load(load_report, None, [eval_report, eval_chart], **private)
        demo.load(lambda: run_search("", "", "", "", "", "fr"), None, search_outputs, **private)

        gr.api(api_ask, api_name="ask", concurrency_limit=4)
        gr.api(api_search, api_name="search", concurrency_limit=4)
        gr.api(api_fit, api_name="fit", concurrency_limit=4)
        del tab_admin
    return demo


def _fit_choices(assistant: Assistant, lang: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    from assistant.fit import load_guide

    guide = load_guide(assistant.settings.resolve(assistant.settings.reference_dir))
    criteria = [(f"{c.get(lang, c['fr'])} (type {c['type']})", c["id"]) for c in guide["criteria"]]
    needs = [(n.get(lang, n["fr"]), n["id"]) for n in guide["needs"]]
    return criteria, needs


def serve(host: str = "127.0.0.1", port: int = 7860) -> None:
    assistant = Assistant()
    assistant.warm_up()
    app = build_app(assistant)
    app.queue(default_concurrency_limit=4)
    app.launch(server_name=host, server_port=port, css=CSS, max_file_size=f"{assistant.settings.max_upload_mb}mb",
               show_error=True, ssr_mode=False, footer_links=["api"])
