"""The support-fit guide answering a chat question ("Un regroupement non incorporé est-il admissible?", "which
support fits if we need a meeting room?").

The question's own statements become the guide's answers: criteria from the guide file's cues, negation and goals
read as "no" ("pas incorporé", "nous voulons devenir un OBNL"), practice types it names ("défense des droits" ->
type 3, whose remaining questions are then listed), and the need it describes, mapped through the search like a
need typed in the form. Nothing is assumed: criteria the question does not mention stay "not answered".

The guide answers only a question about an organisation's case: one that speaks of "nous", "our"… or asks
whether an organisation is eligible or which support fits, and gives the guide something to work with (a
criterion, a practice type, a need); or one that asks whether "our organisation" is eligible. A question about
the policy in general ("C'est quoi le soutien locatif?", "What do regroupements do?") returns None and stays with
the chat's document answer.

Usage: ``result = answer_fit_question(question, "fr", guide, commitments, retriever)  # FitResult | None``
"""

from __future__ import annotations

import re

from assistant.core.language import detect_language
from assistant.core.records import CommitmentRow
from assistant.core.textnorm import fold
from assistant.guides.fit import FitResult, assess
from assistant.guides.fit_text import match_need, read_criteria, read_types

# Words by which a question speaks of the asker's own organisation, by the question's language ("on" is "we" in
# French, a preposition in English); "-t-on"/"peut-on" is impersonal.
FIRST_PERSON = {
    "fr": re.compile(r"(?<![-\w])(nous|notre|nos|on|je|j|mon|ma|mes|moi)\b"),
    "en": re.compile(r"(?<![-\w])(we|our|ours|us|i|my|me)\b"),
}
# "Our organisation", "mon groupe": enough, with an eligibility question, for the guide to list its questions.
OWN_ORGANISATION = re.compile(r"\b(notre|mon|our|my)\s+(organisme|organisation|organization|groupe|group|"
                              r"association|comite|committee|regroupement|coalition|obnl|table)\b")
# Eligibility and "which support" questions.
ELIGIBILITY = re.compile(r"\b(admissib\w*|eligib\w*|qualif\w*|vise[es]?\b|couverts?\b|covered|covers?\b|"
                         r"s'appliqu\w* a (?:nous|notre|mon)|appl(?:y|ies) to (?:us|our|my|me)\b|"
                         r"quel(?:le)?s? (?:type |forme |sorte )?(?:de )?soutien|which support|what support|"
                         r"(?:what|which) (?:kind |type |form )?(?:of )?(?:the )?(?:city'?s? )?support|a droit|entitled)")


def answer_fit_question(question: str, language: str, guide: dict, commitments: list[CommitmentRow],
                        retriever) -> FitResult | None:
    """The guide's result for what the question states, or None when it states nothing the guide can use."""
    question = (question or "").strip()
    if not question:
        return None
    criteria = read_criteria(question, guide)
    types = read_types(question, guide)
    need = match_need(question, guide, retriever) if retriever is not None else None
    folded = fold(question)
    own = bool(FIRST_PERSON[detect_language(question)].search(folded))
    asks = bool(ELIGIBILITY.search(folded))
    content = bool(criteria or types or (need and need.matched))
    # A question that names a criterion but is not about an organisation's own case ("what do regroupements do?",
    # "how many regroupements are there?") stays with the documents.
    if not ((content and (own or asks)) or (asks and OWN_ORGANISATION.search(folded))):
        return None
    needs = [question] if need and need.matched else []
    return assess({"criteria": criteria, "needs": needs, "mentioned_types": types}, guide, commitments, language,
                  retriever=retriever)
