"""The lexical analyser that both ingest and questions use."""

from __future__ import annotations

import pytest

from assistant.core.lexical import analyse


@pytest.mark.parametrize("typed,written", [
    ("refugies", "réfugiés"),  # typed in a hurry, without accents
    ("comite de suivi", "comité de suivi"),
    ("reconnait", "reconnaît"),
    ("preparee", "préparée"),
])
def test_a_word_typed_without_accents_gets_the_stem_of_the_written_one(typed, written):
    assert analyse(typed) == analyse(written)


@pytest.mark.parametrize("a,b", [
    ("préparée", "préparer"),  # feminine participle and infinitive
    ("adoptée", "adopté"),
    ("engagée", "engagements"),
])
def test_forms_of_one_word_share_a_stem(a, b):
    assert analyse(a) == analyse(b)


def test_stop_words_go_and_years_stay():
    assert analyse("L'organisme reçoit du soutien locatif en 1987") == ["organ", "recoit", "soutien", "locat", "1987"]
    assert analyse("the preferential rental rates", "en") == ["preferenti", "rental", "rate"]
