"""Unit selection helpers that need no store."""

from __future__ import annotations

import random

from assistant.answering.question import analyse_question
from assistant.answering.select import coverage, event_stems, found_in


def one_edit(a: str, b: str) -> bool:
    """The rule, written the slow way: equal, or one letter added, missing or changed, both words 5+ letters."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def test_typo_lookup_agrees_with_the_rule_on_random_words():
    rng = random.Random(7)
    for _ in range(5000):
        words = ["".join(rng.choice("abc") for _ in range(rng.randint(3, 8))) for _ in range(30)]
        tokens, term = frozenset(words[:20]), rng.choice(words)
        if rng.random() < 0.7:
            i, op = rng.randrange(len(term)), rng.choice("ids")
            term = {"d": term[:i] + term[i + 1:], "i": term[:i] + rng.choice("abc") + term[i:],
                    "s": term[:i] + rng.choice("abc") + term[i + 1:]}[op]
        assert found_in(term, tokens) == any(one_edit(term, t) for t in tokens), (term, sorted(tokens))


def test_coverage_forgives_typos_of_long_words_only():
    tokens = {"engagements", "comite", "suivi", "ville"}
    assert coverage(["engagemnts", "comit"], tokens) == 1.0
    assert coverage(["vile", "suivi"], tokens) == 0.5  # « vile » is too short to be read as a typo


def test_a_verb_and_its_noun_match():
    # the stemmer keeps « formé » (form) and « formation » (format) apart
    assert found_in("form", frozenset({"format", "riocm"})) and found_in("format", frozenset({"form"}))
    assert found_in("cre", frozenset({"creation"})) and not found_in("cre", frozenset({"credit"}))


def test_the_forms_of_an_irregular_verb_match():
    # « venait » (ven), « vient », « venu »: one verb — not another verb that shares letters
    assert found_in("ven", frozenset({"vient", "initiat"})) and found_in("venu", frozenset({"ven"}))
    assert found_in("pris", frozenset({"prend"})) and not found_in("ven", frozenset({"vend"}))


def test_a_follow_ups_own_words_count_twice_the_borrowed_ones():
    focus = ["modifi", "adopt", "valeur", "polit"]
    tokens = frozenset({"valeur", "polit"})
    assert coverage(focus, tokens) == 0.5
    # « modifiées … adoptée » are the user's words, « valeurs politique » the topic borrowed from the last turn
    assert coverage(focus, tokens, {"modifi", "adopt"}) == 2 / 6
    assert coverage(focus, frozenset({"modifi", "adopt"}), {"modifi", "adopt"}) == 4 / 6


def test_the_event_a_who_or_when_question_asks_about_is_its_participle_after_an_auxiliary():
    def events(text, language="fr"):
        return set(event_stems(analyse_question(text, language)))

    assert events("la déclaration, c'est qui qui l'a adoptée?") == {"adopt"}
    assert events("la ville a annoncé la politique quand?") == {"annonc"}
    assert events("when was the policy adopted?", "en") == {"adopt"}
    # a noun in « -é » is no event; nor is a participle in a question that asks neither who nor when
    assert events("Quels groupes représentent le milieu communautaire au comité de suivi?") == set()
    assert events("Est-ce que la politique a été adoptée en 2021?") == set()
    # nor is one in a clause of time before the question: it asks who was invited
    assert events("Quand la déclaration a été adoptée en 2018, quel regroupement était parmi ceux invités?") == set()
