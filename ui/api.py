"""The named API endpoints (``/ask``, ``/search``, ``/fit``) that gradio_client and other programs call.

Usage: ``register(assistant)`` inside the ``gr.Blocks`` context.
"""

from __future__ import annotations

import gradio as gr

from assistant.api import ChatSession, FitInputError, QuestionError


def register(assistant) -> None:
    directory = assistant.directory

    def ask(question: str, history: list[str] | None = None) -> dict:
        """Ask a question (optionally after earlier questions of the same conversation); JSON answer."""
        session = ChatSession()
        try:
            for earlier in history or []:
                assistant.ask(earlier, session=session)
            return assistant.ask(question, session=session).to_json()
        except QuestionError as exc:
            raise gr.Error(str(exc)) from None

    def search(text: str = "", borough: str = "", table: str = "", kind: str = "", sector: str = "",
               limit: int = 20) -> dict:
        """Search the directory; every sector in the result is inferred (see its confidence)."""
        result = directory.search(text, region=borough or None, table=table or None, kind=kind or None,
                                  sector=sector or None, limit=limit)
        return {"total": result.total, "facets": result.facets,
                "items": [{"id": o.org_id, "name": o.name, "regions": o.regions, "tables": o.tables,
                           "membership_kind": o.membership_kind, "sectors": o.sectors} for o in result.items]}

    def fit(answers: dict) -> dict:
        """The support-fit guide: {"criteria": {"obnl": true, ...}, "needs": ["locaux"], "language": "fr"}."""
        try:
            return assistant.fit(answers, answers.get("language", "fr")).to_json()
        except FitInputError as exc:
            raise gr.Error(str(exc)) from None

    gr.api(ask, api_name="ask", concurrency_limit=4)
    gr.api(search, api_name="search", concurrency_limit=4)
    gr.api(fit, api_name="fit", concurrency_limit=4)
