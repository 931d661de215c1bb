"""The named API endpoints (``/ask``, ``/search``, ``/fit``) that gradio_client and other programs call.

Any client can send any JSON here, so every argument is checked (type, characters, size) before any work, with
the limits of ``ui.limits``; a refusal or a failure is a ``gr.Error`` whose message is in the user's language,
and the raw error goes to the server log only.

Usage: ``register(assistant, settings)`` inside the ``gr.Blocks`` context.
"""

from __future__ import annotations

import logging

import gradio as gr

from assistant.api import ChatSession, FitInputError
from ui.common import friendly_error
from ui.limits import (ASK_BUDGET_S, MAX_FACET_CHARS, MAX_SEARCH_CHARS, Budget, ClientGone, Rejected,
                       history_field, language_of, limit_field, question_field, text_field)

log = logging.getLogger("repere.api")
# Answers share the CPU with the chat tab: one concurrency group for both (see ui/app.py's queue settings).
ANSWERING = {"concurrency_id": "answering", "concurrency_limit": 4}


def refusal(message: str) -> gr.Error:
    """The error a client sees: our message only. Gradio would print a traceback for each one; refusals are
    expected, and real failures are already logged by ``friendly_error``."""
    return gr.Error(message, print_exception=False)


def register(assistant, settings) -> None:
    directory = assistant.directory

    def ask(question: str, history: list[str] | None = None, request: gr.Request = None) -> dict:
        """Ask a question (optionally after earlier questions of the same conversation); JSON answer."""
        lang = language_of(question)
        try:
            question, lang = question_field(question)
            earlier = history_field(history, lang)
            budget = Budget(ASK_BUDGET_S, request)
            session = ChatSession()
            for item in earlier:
                budget.check(lang)
                assistant.ask(item, session=session)
            budget.check(lang)
            return assistant.ask(question, session=session).to_json()
        except ClientGone:
            log.info("ask: the client left; replay stopped after %d of %d history item(s)", len(session.turns),
                     len(earlier))
            raise refusal("client gone") from None
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message; raw errors go to the log
            raise refusal(friendly_error(exc, lang, settings)) from None

    def search(text: str = "", borough: str = "", table: str = "", kind: str = "", sector: str = "",
               limit: int = 20) -> dict:
        """Search the directory; every sector in the result is inferred (see its confidence)."""
        lang = language_of(text)
        try:
            text = text_field(text, "text", MAX_SEARCH_CHARS, lang)
            facets = {name: text_field(value, name, MAX_FACET_CHARS, lang) or None
                      for name, value in (("borough", borough), ("table", table), ("kind", kind),
                                          ("sector", sector))}
            limit = limit_field(limit, lang)
            result = directory.search(text, region=facets["borough"], table=facets["table"], kind=facets["kind"],
                                      sector=facets["sector"], limit=limit)
        except Exception as exc:  # noqa: BLE001
            raise refusal(friendly_error(exc, lang, settings)) from None
        # Facets are resolved through the alias table; one that does not resolve gives no item and its closest
        # choices under "resolutions" (status "ambiguous" or "unknown").
        return {"total": result.total, "facets": result.facets,
                "resolutions": {k: r.to_json() for k, r in result.resolutions.items()},
                "text_matches": result.text_matches, "sector_only": result.sector_only,
                "direct": result.direct, "through_territory": result.through_territory,
                "items": [{"id": o.org_id, "name": o.name, "regions": o.regions, "territory": o.territory,
                           "territory_regions": o.territory_regions, "tables": o.tables,
                           "membership_kind": o.membership_kind, "sectors": o.sectors, "match": o.match,
                           "via_territory": o.via_territory} for o in result.items]}

    def fit(answers: dict) -> dict:
        """The support-fit guide: {"criteria": {"obnl": true, "ca_independant": false, "regroupement": null, ...},
        "needs": ["locaux", "on cherche une salle"], "language": "fr"}; a criterion null or absent is "not answered",
        a need is an id of the guide's list or a sentence. JSON result plus the summary as Markdown."""
        lang = answers.get("language", "fr") if isinstance(answers, dict) else "fr"
        lang = lang if lang in ("fr", "en") else "fr"
        try:
            if not isinstance(answers, dict):
                raise Rejected("error_not_object", lang, field="answers", kind=type(answers).__name__)
            result = assistant.fit(answers, lang)
            return {**result.to_json(), "summary_markdown": result.summary_markdown()}
        except FitInputError as exc:
            raise refusal(str(exc)) from None
        except Exception as exc:  # noqa: BLE001
            raise refusal(friendly_error(exc, lang, settings)) from None

    gr.api(ask, api_name="ask", **ANSWERING)
    gr.api(search, api_name="search", **ANSWERING)
    gr.api(fit, api_name="fit", **ANSWERING)
