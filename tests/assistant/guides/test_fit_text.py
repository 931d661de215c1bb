"""Free text for the support-fit guide: need sentences mapped through the real search, criteria read from a
question (negation, goals, synonyms from the slides), and the function the chat calls."""

from __future__ import annotations

import copy

import pytest

from assistant.guides.fit import load_guide
from assistant.guides.fit_chat import answer_fit_question
from assistant.guides.fit_text import match_need, read_criteria, read_types
from tests.conftest import REPO

GUIDE = load_guide(REPO / "corpus/reference")


@pytest.mark.parametrize("sentence,need,words", [
    ("on cherche une salle pour nos assemblées", "locaux", ["salle"]),
    ("we need advice on our board", "conseil", ["advice"]),
    ("Notre conseil d'administration veut financer un projet", "projet", ["financer", "projet"]),
    ("Nous n'avons pas besoin de financement, seulement d'une salle", "locaux", ["salle"]),
    ("Our group needs affordable space for its activities", "locaux", ["space"]),
    # the English cues say what the French ones say (« prix préférentiels », « prix réduit »)
    ("our group needs a cheaper place for its activities", "locaux", ["cheaper"]),
    ("we want to rent at a reduced price", "locaux", ["rent", "reduced", "price"]),
])
def test_a_need_sentence_maps_to_one_support_with_the_words_that_matched(shipped_assistant, sentence, need, words):
    result = shipped_assistant.fit({"needs": [sentence]})
    assert [(s["need"], s["matched_words"]) for s in result.supports] == [(need, words)]
    assert result.supports[0]["from_text"] == [sentence]
    line = next(line for line in result.text.splitlines() if f"« {sentence} »" in line)
    assert all(w in line for w in words) and ("mots reconnus" in line)


@pytest.mark.parametrize("sentence,order", [
    ("La Ville peut-elle financer notre mission globale ou juste des projets?", ["mission", "projet"]),
    ("La Ville peut-elle financer nos projets ou notre mission?", ["projet", "mission"]),
])
def test_forms_of_one_support_come_in_the_order_the_sentence_names_them(shipped_assistant, sentence, order):
    result = shipped_assistant.fit({"needs": [sentence]})
    assert [s["need"] for s in result.supports] == order


def test_negated_and_board_words_are_not_needs(shipped_assistant):
    # "conseil d'administration" is not advice; "pas besoin de financement" is not a financial need
    result = shipped_assistant.fit({"needs": ["Nous n'avons pas besoin de financement, seulement d'une salle",
                                              "Notre conseil d'administration se réunit chaque mois"]})
    assert [s["need"] for s in result.supports] == ["locaux"] and not result.obligations
    assert result.unmatched_needs == ["Notre conseil d'administration se réunit chaque mois"]
    assert "aucun type de soutien reconnu" in result.text


@pytest.mark.parametrize("need", [
    "We'd like the City to fund our core mission instead of one-off projects",
    "We'd like the City to fund our core mission rather than one-off projects",
    "On voudrait que la Ville finance notre mission plutôt que des projets ponctuels"])
def test_what_is_wanted_instead_of_something_is_not_that_thing(shipped_assistant, need):
    """"instead of one-off projects", « plutôt que des projets »: the mission is the need, not the projects."""
    match = match_need(need, GUIDE, shipped_assistant.retriever)
    assert match.supports == ["financier"] and match.forms == ["mission"], (match.supports, match.forms)


def test_needs_go_through_the_search(shipped_assistant):
    """The support slides must come back from the search: with the guide pointed at a document the index does not
    hold, the same sentence maps to nothing."""
    elsewhere = copy.copy(GUIDE)
    elsewhere["doc_id"] = "a-document-not-in-the-index"
    retriever = shipped_assistant.retriever
    assert match_need("on cherche une salle pour nos assemblées", GUIDE, retriever).supports == ["locatif"]
    assert match_need("on cherche une salle pour nos assemblées", elsewhere, retriever).supports == []


def test_a_financial_need_gets_its_form_or_the_default_said_as_repere_reading(shipped_assistant):
    mandate = match_need("La Ville nous confie un mandat ponctuel et il faut du financement", GUIDE,
                         shipped_assistant.retriever)
    assert mandate.supports == ["financier"] and mandate.forms == ["mandats"] and not mandate.form_is_default
    party = shipped_assistant.fit({"needs": ["Une subvention pour notre fête de quartier"]})
    assert party.supports[0]["form"] == "La réalisation de projets" and party.supports[0]["form_is_repere_reading"]
    assert GUIDE["default_form"]["reason"]["fr"] in party.text


@pytest.mark.parametrize("text,expected", [
    ("Nous sommes un comité de citoyens pas incorporé", {"obnl": False}),
    ("We are not incorporated", {"obnl": False}),
    ("an unincorporated neighbourhood group", {"obnl": False}),
    ("Nous voulons devenir un OBNL", {"obnl": False}),
    ("Nous sommes un OBNL mais pas un regroupement", {"obnl": True, "regroupement": False}),
    ("We are a coalition of groups", {"regroupement": True}),
    ("Un regroupement d'organismes en sécurité alimentaire", {"regroupement": True}),
    ("Nous ne sommes pas un regroupement", {"regroupement": False}),
    ("Notre OBNL est dirigé par la paroisse, pas par un CA indépendant", {"obnl": True, "ca_independant": False}),
    ("Il fait de l'éducation populaire et de la mobilisation", {"education_populaire": True, "mobilisation": True}),
    ("Quels sont les engagements du principe 2?", {}),
    # « né » (born) and the prefix of "non-profit" negate nothing
    ("Notre OBNL est né d'une initiative citoyenne", {"obnl": True, "initiative_communaute": True}),
    ("We're a non-profit rooted in our neighbourhood", {"obnl": True, "enracine": True}),
    # everyday ways of saying the type 1 criteria
    ("On est un OBNL du quartier avec une assemblée générale, et on choisit nous-mêmes notre mission",
     {"obnl": True, "enracine": True, "vie_democratique": True, "libre_mission": True}),
    ("a grassroots non-profit with a democratic membership that sets its own mission",
     {"obnl": True, "enracine": True, "vie_democratique": True, "libre_mission": True}),
    ("La Ville peut-elle financer la mission globale de notre organisme?", {}),  # « mission » alone says nothing
    ("Notre groupe est un OBNL, on a une AG et un CA élu et on décide nous-mêmes de nos orientations",
     {"obnl": True, "vie_democratique": True, "libre_mission": True}),
    # the opposite said plainly: no OBNL however "incorporated", a board named from outside, a party campaigned for
    ("we're a social business incorporated as a for-profit company", {"obnl": False}),
    ("une entreprise privée à but lucratif", {"obnl": False}),
    ("Notre organisme a été créé par le CIUSSS et c'est lui qui nomme notre conseil d'administration",
     {"ca_independant": False}),
    ("We defend tenants' rights, but at election time we campaign for one party", {"action_politique": False}),
    ("we do popular education, but we openly campaign for one political party at elections",
     {"education_populaire": True, "action_politique": False}),
    # … and the words of the criterion itself are not read the other way ("non-profit" holds "profit")
    ("We are a neighbourhood non-profit", {"obnl": True}),
    ("un organisme sans but lucratif", {"obnl": True}),
])
def test_criteria_read_from_a_question(text, expected):
    assert read_criteria(text, GUIDE) == expected


def test_every_cue_keeps_a_specific_word():
    """A cue whose words are all stop words but one generic word (« nous-mêmes notre mission » → « mission »)
    would read the criterion into any sentence that uses that word; a phrase of two words is specific enough."""
    from assistant.guides.fit_text import _cue_stems

    generic = {"mission", "orient", "organ", "organis", "group", "member", "membr", "ville", "city", "quarti"}
    for criterion in GUIDE["criteria"]:
        for cue in [c for lang in ("fr", "en") for c in criterion["cues"][lang]]:
            stems = _cue_stems(cue)
            assert len(stems) >= 2 or set(stems) - generic, (criterion["id"], cue)


def test_practice_types_named_in_a_question():
    assert read_types("Nous faisons de la défense des droits des locataires", GUIDE) == [3]
    assert read_types("We do rights advocacy", GUIDE) == [3]
    assert read_types("Nous ne faisons pas de défense des droits", GUIDE) == []


def test_chat_question_about_an_unincorporated_federation(shipped_assistant):
    result = answer_fit_question("Un regroupement non incorporé est-il admissible ?", "fr", GUIDE,
                                 shipped_assistant.commitments(), shipped_assistant.retriever)
    assert result is not None and result.coverage == "covered" and [p["type"] for p in result.practice_types] == [4]
    assert result.criteria[0]["state"] == "not_met"  # obnl, read from "non incorporé"
    assert result.text.splitlines()[0].startswith("Oui")


def test_chat_question_about_a_meeting_room(shipped_assistant):
    result = answer_fit_question("Which support fits if we need a meeting room?", "en", GUIDE,
                                 shipped_assistant.commitments(), shipped_assistant.retriever)
    assert result is not None and [s["need"] for s in result.supports] == ["locaux"]
    assert result.coverage == "cannot_tell" and result.text.startswith("We cannot tell yet")


def test_chat_question_naming_rights_defence_lists_its_questions(shipped_assistant):
    result = answer_fit_question("Nous faisons de la défense des droits, quel soutien pour nous ?", "fr", GUIDE,
                                 shipped_assistant.commitments(), shipped_assistant.retriever)
    assert result is not None
    assert {m["id"] for m in result.missing_for_next} == {c["id"] for c in GUIDE["criteria"] if c["type"] < 4}
    type_three = next(line for line in result.text.splitlines() if line.startswith("- Type 3 "))
    assert "« Fait de l'éducation populaire autonome »" in type_three


@pytest.mark.parametrize("question", [
    "C'est quoi le soutien locatif?",
    "Quels sont les engagements de la Ville liés au principe 2?",
    "What do regroupements du milieu communautaire do for their members?",
    "How many Montréal regroupements filed a joint brief during the consultation, and on what date?",
    "Combien d'organismes d'action communautaire financés par le gouvernement du Québec compte-t-on à Montréal?",
    "How do I apply for a building permit in Montreal?",
])
def test_general_questions_stay_with_the_documents(shipped_assistant, question):
    assert answer_fit_question(question, "fr", GUIDE, shipped_assistant.commitments(),
                               shipped_assistant.retriever) is None


def test_which_category_are_we_leads_with_the_type_our_practices_fit(shipped_assistant):
    answer = shipped_assistant.ask("Mon groupe fait de la mobilisation et de l'éducation populaire, dans quelle "
                                   "catégorie suis-je?")
    assert answer.route == "guide" and "défense collective des droits" in answer.answer.split("\n")[0]
