"""Language detection: a French name inside an English sentence does not flip it; 60 mixed sentences written
blind (evals/incoming/language_mixed.json) are all classified as a bilingual reader would."""

from __future__ import annotations

import json

from assistant.core.language import detect_language, language_switch
from tests.conftest import REPO


def test_mixed_sentences():
    cases = json.loads((REPO / "evals/incoming/language_mixed.json").read_text(encoding="utf-8"))
    wrong = [(c["text"], c["language"]) for c in cases if detect_language(c["text"]) != c["language"]]
    assert len(cases) >= 60 and wrong == []


def test_language_switch_requests_and_the_conversation_default():
    assert language_switch("in English please") == "en" and language_switch("en français svp") == "fr"
    assert language_switch("Quels sont les principes?") is None
    assert detect_language("2?", default="en") == "en" and detect_language("2?") == "fr"


def test_an_english_clitic_is_not_a_french_elision_and_the_question_word_breaks_a_tie():
    """"What's" holds no French « s' »; with as many French as English words around a name, the question word
    (which, what / quel, qui) says the language the question is asked in."""
    assert detect_language("What's Moisson Montréal's annual budget?") == "en"
    assert detect_language("Medecins du monde - which table de quartier lists them?") == "en"
    assert detect_language("l'organisme s'appelle comment?") == "fr"
    assert detect_language("Le RIOCM, c'est quoi?") == "fr"
