"""Grounded answers on the shipped corpus: citations, lists, language, abstention, follow-ups, directory."""

from __future__ import annotations

import re

import pytest

from assistant.api import ChatSession, QuestionError
from evals.runner import _norm


def _lines_trace_to_citations(answer):
    quotes = {c.n: _norm(c.quote) for c in answer.citations}
    body = [ln for ln in answer.answer.splitlines() if re.search(r"\[\d+\]$", ln)]
    assert body
    for line in body:
        n = int(re.search(r"\[(\d+)\]$", line).group(1))
        assert _norm(line[: line.rindex("[")]) in quotes[n], line


def test_list_answer_with_numbered_citations(shipped_assistant):
    answer = shipped_assistant.ask("Quels sont les trois types de soutien de la Ville?")
    assert not answer.abstained and answer.language == "fr"
    text = answer.answer
    for item in ("1. Le soutien financier", "2. Le soutien professionnel", "3. Le soutien locatif"):
        assert item in text
    assert any(c.section == "Types de soutien (suite)" and c.page == 20 and c.page_label == "diapositive"
               for c in answer.citations)
    _lines_trace_to_citations(answer)
    payload = answer.to_json()
    assert set(payload) >= {"question", "answer", "abstained", "language", "citations", "timings_ms"}
    assert set(payload["citations"][0]) == {"n", "source_id", "title", "section", "page", "quote", "score"}
    assert set(payload["timings_ms"]) == {"retrieve", "answer", "total"}


def test_english_framing_french_quotes(shipped_assistant):
    answer = shipped_assistant.ask("What are the values of the policy?")
    assert answer.language == "en" and not answer.abstained
    assert "According to" in answer.answer and "Transparence, équité, intégrité" in answer.answer
    _lines_trace_to_citations(answer)


@pytest.mark.parametrize("question,language", [
    ("Quel est l'horaire des piscines extérieures cet été?", "fr"),
    ("Quelle est la politique de la Ville de Québec pour ses organismes communautaires?", "fr"),
    ("How do I renew my driver's licence?", "en"),
])
def test_out_of_scope_abstains_in_the_question_language(shipped_assistant, question, language):
    answer = shipped_assistant.ask(question)
    assert answer.abstained and not answer.citations and answer.language == language
    expected = "ne couvrent pas" if language == "fr" else "do not cover"
    assert expected in answer.answer and answer.nearest


def test_follow_ups_resolve_from_the_previous_turn(shipped_assistant):
    session = ChatSession()
    shipped_assistant.ask("C'est quoi le soutien financier de la Ville?", session=session)
    follow = shipped_assistant.ask("et pour le soutien locatif?", session=session)
    assert "Location de locaux" in follow.answer
    assert "soutien financier" in follow.resolved_question
    session = ChatSession()
    shipped_assistant.ask("What are the City's commitments under principle 2?", session=session)
    follow = shipped_assistant.ask("what about principle 3?", session=session)
    assert follow.language == "en" and any("Principe 3" in c.section for c in follow.citations)


def test_directory_question_lists_organisations_cited_to_records(shipped_assistant):
    answer = shipped_assistant.ask("Quels organismes pour les aînés à Saint-Laurent?")
    assert answer.route == "directory" and not answer.abstained
    assert "Carrefour des Aînés de Saint-Laurent" in answer.answer
    assert all(c.source_id.startswith("org-") and c.page_label == "ligne" for c in answer.citations)
    follow = shipped_assistant.ask("Chainon")
    assert follow.route == "directory" and follow.citations[0].section == "Le Chaînon"


def test_bad_questions_get_clear_errors(shipped_assistant):
    with pytest.raises(QuestionError, match="vide"):
        shipped_assistant.ask("   ")
    with pytest.raises(QuestionError, match="2000"):
        shipped_assistant.ask("soutien " * 400)
