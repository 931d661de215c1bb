"""Answers that answer, on the shipped corpus: the direct answer first with one source line, lists, yes/no,
English from the aligned translation, typed abstentions, follow-ups, routing — real store, real embeddings."""

from __future__ import annotations

import re

import pytest

from assistant.api import ChatSession, QuestionError
from assistant.core.textnorm import fold
from evals.runner import _norm, opens_in_english


def converse(assistant, *questions: str) -> list:
    """Each question asked in turn in one conversation of ``assistant``; the answers, in order."""
    session = ChatSession()
    return [assistant.ask(question, session=session) for question in questions]


def test_direct_answer_first_then_one_source_line_and_the_context_apart(shipped_assistant):
    answer = shipped_assistant.ask("Depuis quelle année la Ville collabore-t-elle avec le milieu communautaire?")
    assert not answer.abstained and answer.route == "documents"
    first_line = answer.answer.splitlines()[0]
    assert "1987" in first_line and first_line.rstrip().endswith("[1]")  # the fact, then its one marker
    assert answer.answer.count("[1]") == 1 and "Source :" in answer.answer and "diapositive 4" in answer.answer
    assert len(answer.answer) < 450
    citation = answer.citations[0]
    assert "1987" in citation.quote and citation.page == 4 and citation.unit_ids  # the quote is the unit used
    assert answer.context and "1987" not in answer.context  # the rest of the slide, apart
    payload = answer.to_json()
    assert set(payload) >= {"question", "answer", "abstained", "language", "citations", "timings_ms", "context"}
    assert set(payload["citations"][0]) >= {"n", "source_id", "title", "section", "page", "quote", "score"}


@pytest.mark.parametrize("question", [
    "depuis quand la ville pis les groupes communautaires travaillent ensemble?",
    "Since when have the City and community groups worked together?",
])
def test_since_when_is_answered_by_a_start_not_by_the_most_precise_date(shipped_assistant, question):
    answer = shipped_assistant.ask(question)
    assert not answer.abstained and "1987" in answer.answer.splitlines()[0]


def test_where_a_fact_sheet_read_its_fact_goes_to_the_source_line(shipped_assistant):
    answer = shipped_assistant.ask("À quelle date la Ville a-t-elle annoncé la politique par communiqué?")
    first, source = answer.answer.splitlines()[0], answer.answer.splitlines()[-1]
    assert "16 juin 2021" in first and "communiqué CNW" not in first and first.endswith("[1]")
    assert source.startswith("Source :") and source.endswith("la fiche cite : communiqué CNW Telbec du 16 juin 2021")
    assert "(communiqué CNW Telbec du 16 juin 2021)" in answer.citations[0].quote  # the quote stays verbatim
    # in English too, the French original quoted under the answer leaves the source to the source line
    english = shipped_assistant.ask("On what date did the City announce the policy in a press release?")
    original = next(line for line in english.answer.splitlines() if line.startswith("French original"))
    assert "16 juin 2021" in original and "CNW" not in original and "CNW Telbec" in english.answer.splitlines()[-1]
    # a bullet that held only a source leaves no empty bullet behind, in English or in the French original
    listed = shipped_assistant.ask("What does the Declaration recognise about community organisations?")
    assert not any(line.strip() in ("-", "- [1]", "- »") for line in listed.answer.splitlines())


def test_a_list_question_gets_the_list(shipped_assistant):
    answer = shipped_assistant.ask("Quels sont les trois types de soutien de la Ville?")
    for item in ("Le soutien financier", "Le soutien professionnel", "Le soutien locatif"):
        assert item in answer.answer
    assert answer.citations[0].page == 20 and len(answer.answer) < 450


def test_a_question_about_kinds_gets_every_kind_even_across_slides(shipped_assistant):
    support = shipped_assistant.ask("Quelles sortes de soutien la Ville offre-t-elle?")
    assert support.answer.splitlines()[:3] == ["1. Le soutien financier :", "2. Le soutien professionnel :",
                                               "3. Le soutien locatif : [1]"]
    practices = shipped_assistant.ask("What kinds of practices does the policy target?")
    assert practices.language == "en"
    opening = practices.answer.split("French original")[0]
    assert "Collective defence of rights" in opening and re.search(r"^4\. ", opening, re.M)  # types 3–4: next slide
    assert "« 1. L'action communautaire :" in practices.answer  # the French original of the headings shown
    # the kinds asked as ways to support (« de quelles façons », "in what ways"): the same three kinds, not one
    # slide's forms of partnership
    for question in ("Salut! on est un petit OBNL à Montréal-Nord, la Ville peut nous soutenir de quelles façons?",
                     "In what ways can the City support us?", "pis concretement la ville peut nous soutenir comment?"):
        opening = shipped_assistant.ask(question).answer.split("[1]")[0]
        assert "3." in opening and ("Le soutien locatif" in opening or "Rental support" in opening), question
    # … unless the asker names the need: the support that fits it
    room = shipped_assistant.ask("on cherche un local pas trop cher pour nos activites, la ville peut nous aider comment?")
    assert "Le soutien locatif" in room.answer.split("\n")[0] and "Le soutien financier" not in room.answer.split("\n")[0]


def test_an_ordinal_follow_up_picks_from_the_last_list(shipped_assistant):
    session = ChatSession()
    shipped_assistant.ask("Quels sont les types de soutien?", session=session)
    second = shipped_assistant.ask("Que comprend le deuxième?", session=session)
    assert "soutien professionnel" in second.resolved_question and "Accompagnement" in second.answer
    third = shipped_assistant.ask("et le 3e ?", session=session)  # still the list, not the answer just given
    assert "prix préférentiels" in third.answer
    session = ChatSession()
    shipped_assistant.ask("Quels sont les engagements du principe 2?", session=session)
    last = shipped_assistant.ask("et le dernier?", session=session)
    assert last.answer.startswith("- Promouvoir") and last.citations[0].page == 16
    # The support-fit guide's answer goes through the practice types: "the third type" is the third of them.
    session = ChatSession()
    shipped_assistant.ask("We're a non-profit rooted in our neighbourhood. Which type of practice would we fall "
                          "under?", session=session)
    third_type = shipped_assistant.ask("And the third type?", session=session)
    assert third_type.answer.startswith("3. Collective defence of rights") and third_type.citations[0].page == 10


@pytest.mark.parametrize("question", [
    "La politique remplace-t-elle les politiques des arrondissements?",  # it complements them
    "Un groupe de défense collective des droits peut-il faire de l'action politique partisane?",  # non partisane
    "Le transport collectif relève-t-il des arrondissements?",  # listed under the agglomeration council
    "Le soutien à la mission, est-ce la façon habituelle de soutenir les organismes?",  # exceptional cases only
    "Lors de l'adoption de la Déclaration en 2018, des conseillers ont-ils voté contre?",  # à l'unanimité
    # another body than the one the unit names (« le conseil municipal »)
    "C'est bien le conseil d'agglomération qui a adopté la Déclaration en 2018?",
    "Was the 2018 Declaration adopted by the agglomeration council?",
])
def test_a_unit_that_says_otherwise_gets_a_no(shipped_assistant, question):
    answer = shipped_assistant.ask(question)
    assert not answer.abstained and answer.yes_no == "no" and re.match(r"\*\*(Non|No)\*\*", answer.answer), answer.answer


@pytest.mark.parametrize("question,expected", [
    ("Est-ce que la ville peut nous louer des locaux moins cher?", "Oui"),
    ("L'urbanisme, c'est-tu les arrondissements qui s'en occupent?", "Oui"),
    ("L'évaluation de nos activités avec la Ville, c'est obligatoire?", "Non"),
    ("La Ville peut-elle se mêler de la gestion de notre organisme si on l'a pas invitée?", "Non"),
    ("Was the 2018 Declaration passed unanimously?", "Yes"),
    # the same body under its other names (« conseil de ville », "city council" for « conseil municipal »)
    ("C'est le conseil de ville qui a adopté la Déclaration?", "Oui"),
    ("Was the 2018 Declaration adopted by city council?", "Yes"),
    # an English negative question takes the answer of the positive one
    ("Isn't there a new budget envelope tied to the policy's adoption?", "No"),
])
def test_yes_no_questions_open_with_yes_or_no_when_a_unit_supports_it(shipped_assistant, question, expected):
    answer = shipped_assistant.ask(question)
    assert not answer.abstained
    assert re.match(rf"\W*{expected}\b", answer.answer), answer.answer
    assert answer.yes_no == ("yes" if expected in ("Oui", "Yes") else "no")


def test_english_answers_from_the_aligned_translation_with_the_french_original(shipped_assistant):
    answer = shipped_assistant.ask("What are the values of the policy?")
    assert answer.language == "en" and not answer.abstained
    assert opens_in_english(answer.answer) and "Transparency" in answer.answer.splitlines()[1]
    assert "« " in answer.answer and "Transparence, équité, intégrité" in answer.answer  # the French original
    assert answer.answer.count("unofficial translation") == 1
    assert answer.citations[0].page == 11 and answer.citations[0].english  # the citation points to the French slide


def test_an_english_question_with_a_french_name_is_answered_in_english(shipped_assistant):
    answer = shipped_assistant.ask("What new powers does the entente-cadre Réflexe Montréal give the City?")
    assert answer.language == "en" and opens_in_english(answer.answer) and "homelessness" in answer.answer


@pytest.mark.parametrize("question,message", [
    ("Quel est le budget annuel du SDIS?", "aucun montant"),
    ("Le prochain bilan triennal du comité de suivi sort quand?", "aucune date"),
    ("Qui préside la Commission permanente sur le développement social et la diversité montréalaise?",
     "ne nomment personne"),
    ("Quelle est la politique de la Ville de Québec pour ses organismes communautaires?", "ne parlent pas de"),
    ("How do I renew my driver's licence in Quebec?", "do not cover"),
    ("What does Vancouver's community policy say about grants?", "do not mention Vancouver"),
    ("Quel est le courriel du comité de suivi?", "pas de coordonnées"),
    ("In your opinion, is the Declaration useful?", "no opinion"),
    ("C'est qui la personne qui coordonne le comité de suivi?", "ne nomment personne"),
    ("Combien d'organismes ont reçu du soutien professionnel en 2022?", "pas ce nombre"),
    # a count of organisations: the committee line's « deux à trois employés » counts employees, not groups
    ("Combien d'organismes ont eu du soutien locatif de la Ville en 2023?", "pas ce nombre"),
    # a year after the last one the documents mention: they cannot tell, whatever the nearest sentence says
    ("La Ville va-t-elle réviser la Déclaration en 2030?", "s'arrêtent en 2025 : ils ne disent rien de 2030"),
    ("Who was the chair of the Commission when it tabled its report?", "name no one"),
    # money received by the round tables, not a count of them
    ("Combien d'argent les tables de quartier reçoivent-elles de la Ville?", "aucun montant"),
    # a price the documents do not give (they say « à des prix préférentiels »)
    ("What fee does the City charge per day for a hall under rental support?", "give no amount"),
    # a share or a discount is an amount too (« à des prix préférentiels » gives none)
    ("le soutien locatif c'est combien % moins cher que le prix du marché?", "aucun montant"),
    ("What percentage discount does the rental support give?", "give no amount"),
    # a price per unit of area is an amount
    ("le loyer a prix preferentiel pour un local de la ville, c'est combien au pied carré?", "aucun montant"),
    # an organisation the slide names after an article (« Le Chaînon ») is no person's name
    ("c'est qui la directrice generale du Chainon?", "ne nomment personne"),
    ("how big is the discount on the rent compared to market price?", "give no amount"),
    # a role asked about, « c'était qui le chef … »: a person, whom the documents do not name
    ("c'était qui la cheffe de l'opposition officielle qui a appuyé la déclaration?", "ne nomment personne"),
    # a date to come, in the periphrastic future (« va déposer »): the documents give none
    ("Le comité de suivi va déposer son premier bilan quand?", "aucune date"),
    # a total budget asked for, "the city's … budget": an amount, which the documents do not give
    ("so what is the city's total yearly budget for groups like ours?", "give no amount"),
])
def test_abstention_says_precisely_what_is_missing(shipped_assistant, question, message):
    answer = shipped_assistant.ask(question)
    assert answer.abstained and not answer.citations and message in answer.answer
    # the nearest sections, each named once (a fact sheet's first section bears the sheet's title)
    assert all(line.count("fiche factuelle") <= 1 for line in answer.answer.splitlines() if line.startswith("- "))


def test_follow_ups_keep_the_thread(shipped_assistant):
    session = ChatSession()
    shipped_assistant.ask("La Déclaration de reconnaissance de 2018, elle reconnaît quoi?", session=session)
    when = shipped_assistant.ask("elle a été adoptée quand?", session=session)
    assert "20 août 2018" in when.answer  # the Declaration's date, not the policy's (14 juin 2021)
    english = shipped_assistant.ask("and in English?", session=session)
    assert english.language == "en" and "20 August 2018" in english.answer
    session = ChatSession()
    shipped_assistant.ask("Quels sont les engagements de la Ville liés au principe 2?", session=session)
    third = shipped_assistant.ask("et le principe 3?", session=session)
    assert any("Principe 3" in c.section for c in third.citations) and "P3-E1" in third.answer
    # A directory turn's follow-up stays in the directory, although the resolved question borrowed « comité »
    # (a word of the documents) from the first turn.
    session = ChatSession()
    shipped_assistant.ask("Y a-t-il un comité logement membre de la table de quartier à Rosemont?", session=session)
    verdun = shipped_assistant.ask("Et à Verdun?", session=session)
    assert verdun.route == "directory" and "(Verdun)" in verdun.answer.split("\n")[0]
    # the same yes/no question about another place (which replaces the last one, borough or table)
    assert verdun.yes_no in ("yes", "no") and verdun.answer.startswith(("**Oui**", "**Non**"))
    outremont = shipped_assistant.ask("Et de la Table de quartier Outremont?", session=session)
    assert outremont.yes_no in ("yes", "no") and "Verdun" not in outremont.answer.split("\n")[0]


def test_a_follow_up_asks_for_more_than_the_list_it_was_shown(shipped_assistant):
    session = ChatSession()
    first = shipped_assistant.ask("Qui siège au comité de suivi de la politique?", session=session)
    assert "SDIS" in first.answer and "arrondissements" in first.answer  # the slide's list of its members
    # the slide said « le milieu communautaire »; the groups that sat for it are in the fact sheet, not that list again
    groups = shipped_assistant.ask("c'est quels groupes qui représentaient le communautaire là-dessus?",
                                   session=session)
    assert "RIOCM" in groups.answer[:300], groups.answer


def test_routing_from_both_sides_evidence(shipped_assistant):
    lookup = shipped_assistant.ask("Chainon")  # a name with a typo
    assert lookup.route == "directory" and lookup.citations[0].section == "Le Chaînon"
    topic_place = shipped_assistant.ask("Quels organismes pour les aînés à Saint-Laurent?")
    assert topic_place.route == "directory" and "aîné" in _norm(topic_place.answer.split("\n")[1]).replace("aine", "aîné")
    count = shipped_assistant.ask("Combien d'organismes à Anjou?")
    assert count.route == "directory" and re.search(r"\d+ organisme", count.answer) and "tables de quartier" in count.answer
    # One kind of member: counted in that kind, and named (each with its row) when there are few.
    kind = shipped_assistant.ask("Combien d'institutions sont membres de la Coalition de la Petite-Bourgogne?")
    members = [c.section for c in kind.citations]
    # (the table publishes an « Institutions » category: its own list, before Repère's inferred kind)
    assert kind.route == "directory" and f"**{len(members)}** membre(s)" in kind.answer \
        and "catégorie publiée « Institutions »" in kind.answer
    assert 0 < len(members) <= 10 and all(f"- {name} [" in kind.answer for name in members)
    everyone = shipped_assistant.ask("Combien d'organismes sont membres de la Coalition de la Petite-Bourgogne?")
    assert int(re.search(r"(\d+) membre\(s\) dans l'annuaire", everyone.answer).group(1)) > len(members)
    # A yes/no topic + place question that no name or word matches: « Non », and the records reached only
    # through the inferred sector are said to be that.
    none = shipped_assistant.ask("Y a-t-il une banque alimentaire à Outremont?")
    assert none.route == "directory" and none.yes_no == "no"
    assert none.answer.startswith("**Non** : aucun organisme trouvé par le nom ou les mots")
    # Organisations asked for by what they do, with no place and no word of the documents: the directory; a
    # question about the City's support of « un organisme » stays with the documents.
    refugees = shipped_assistant.ask("Quels organismes aident les réfugiés?")
    assert refugees.route == "directory" and "réfugiés" in refugees.answer.split("\n")[2]
    mission = shipped_assistant.ask("La Ville peut-elle soutenir une partie de la mission d'un organisme?")
    assert mission.route == "documents" and not mission.abstained
    # Organisations the slides name in their history of the sector: the documents, not the directory.
    history = shipped_assistant.ask("Quels groupes de femmes la présentation donne-t-elle en exemple?")
    assert history.route == "documents" and history.citations[0].section.startswith("Milieu communautaire")
    # A City service in a borough: neither the documents nor the directory (no organisation is asked for).
    service = shipped_assistant.ask("Comment obtenir un permis de stationnement dans Verdun?")
    assert service.abstained and service.route == "documents"


def test_bad_questions_get_clear_errors(shipped_assistant):
    with pytest.raises(QuestionError, match="vide"):
        shipped_assistant.ask("   ")
    with pytest.raises(QuestionError, match="2000"):
        shipped_assistant.ask("soutien " * 400)


def test_a_name_looked_up_by_what_it_is_called_or_its_tables(shipped_assistant):
    called = shipped_assistant.ask("Quels organismes de Montréal s'appellent YMCA centre ville?")
    assert called.route == "directory" and called.citations[0].section == "YMCA centre-ville"
    # an acronym spelled out in the name counts, and the membership question lists every table
    tables = shipped_assistant.ask("le GRAME fait partie de quelles tables de quartier?")
    assert "Concert’Action Lachine" in tables.answer and "Concertation Ville-Émard" in tables.answer
    typo = shipped_assistant.ask("Which neighbourhood round tables list Moison Montreal as a member?")
    assert typo.citations and typo.citations[0].section == "Moisson Montréal"


def test_a_fit_question_leads_with_the_type_it_is_about(shipped_assistant):
    no = shipped_assistant.ask("Notre OBNL est dirigé par le conseil de la paroisse, pas par un CA indépendant. "
                               "On peut être reconnu en action communautaire autonome?")
    assert no.route == "guide" and no.answer.startswith("**Non**") and "CA indépendant" in no.answer.split("\n")[0]
    which = shipped_assistant.ask("Notre groupe fait de l'éducation populaire, de la mobilisation et des "
                                  "représentations politiques non partisanes. Dans quel type de pratique on entre?")
    assert "défense collective des droits" in which.answer.split("\n")[0]
    # own criteria of a type met, none failed, the shared ones not said yet: a qualified yes, and what to confirm
    likely = shipped_assistant.ask("Our association mobilises residents and runs popular education workshops. Is our "
                                   "group covered by the policy?")
    assert likely.route == "guide" and likely.answer.startswith("**Yes, most likely** (to be confirmed")
    assert "Collective defence of rights" in likely.answer.split("\n")[0]


def test_a_follow_up_about_that_table_counts_its_members(shipped_assistant):
    session = ChatSession()
    shipped_assistant.ask("À quelle table de quartier appartient le Centre des femmes de Rivière-des-Prairies?",
                          session=session)
    count = shipped_assistant.ask("Combien de membres compte cette table?", session=session)
    assert count.answer.startswith("CDC Rivière-des-Prairies") and " membre(s) " in count.answer


def test_an_item_picked_by_its_rank_is_explained_not_echoed(shipped_assistant):
    """« le 3e, ça veut dire quoi ? » after a list of titles: the answer says more than the title."""
    *_, third = converse(shipped_assistant,
                         "c'est quoi les principes directeurs de la politique?",
                         "pis le 3e, ca veut dire quoi concretement?")
    first_line = third.answer.split("\n")[0]
    assert not third.abstained and "partenaria" in third.answer.lower()
    assert _norm(first_line).strip("-[]1 .") != _norm("3. Développer des partenariats éthiques.").strip("-[]1 .")


@pytest.mark.parametrize("question,first,others", [
    ("La Ville offre-t-elle uniquement du soutien locatif?", "**Non**", ["soutien financier", "soutien professionnel"]),
    ("Does the policy only target umbrella groups?", "**No**", ["Community action", "Collective defence of rights"]),
])
def test_only_one_of_a_numbered_series_is_answered_no_with_the_series(shipped_assistant, question, first, others):
    answer = shipped_assistant.ask(question)
    assert answer.answer.startswith(first) and answer.yes_no == "no"
    assert all(o in answer.answer.split("[1]")[0] for o in others)


@pytest.mark.parametrize("question,expected", [
    ("Quelle commission a tenu la consultation publique sur la politique?", "Commission permanente"),
    ("De quelle administration est venue l'initiative de la Déclaration?", "Valérie Plante"),
    ("Whose administration was behind the Declaration of 2018?", "Valérie Plante"),  # a few points down
    # who: the close unit that names the bodies (their acronyms), not the one that says « the community sector »
    ("Which groups sat on the follow-up committee for community organisations?", "RIOCM"),
])
def test_a_question_naming_the_kind_of_body_gets_the_unit_that_names_one(shipped_assistant, question, expected):
    answer = shipped_assistant.ask(question)
    assert expected in answer.answer.split("[1]")[0]
    # the unit chosen instead of the first one is quoted once (it was also taken again as its own neighbour)
    assert len(answer.citations[0].unit_ids) == len(set(answer.citations[0].unit_ids))


@pytest.mark.parametrize("question,said,not_said", [
    ("le comité de suivi de la politique, il doit produire quoi?", "bilan triennal", "échéancier"),
    # an item that says what is asked answers alone, not with the committee's whole list
    ("Le comité de suivi, il produit quoi comme bilan?", "Il produit un bilan triennal", "Ses membres"),
    # a "how often" question too: the item with the frequency, not the list it ends
    ("Le comité de suivi fait son bilan à quelle fréquence?", "Il produit un bilan triennal", "Ses membres"),
])
def test_one_item_of_a_list_answers_a_question_about_it(shipped_assistant, question, said, not_said):
    answer = shipped_assistant.ask(question)
    assert said in answer.answer and not_said not in answer.answer


def test_follow_ups_with_a_new_subject_a_pronoun_or_an_ordinal_further_back(shipped_assistant):
    session = ChatSession()
    shipped_assistant.ask("Quand la Déclaration de reconnaissance a-t-elle été adoptée?", session=session)
    policy = shipped_assistant.ask("Et la politique, elle?", session=session)
    assert "14 juin 2021" in policy.answer.split("\n")[0]  # the new subject replaces the old one
    session = ChatSession()
    shipped_assistant.ask("When did Montreal adopt its policy on community action?", session=session)
    who = shipped_assistant.ask("Who was put in charge of rolling it out?", session=session)
    assert "SDIS" in who.answer and not who.abstained
    session = ChatSession()
    shipped_assistant.ask("What are the four types of practice the policy targets?", session=session)
    shipped_assistant.ask("What else would we need to count as autonomous?", session=session)
    third = shipped_assistant.ask("And the third type?", session=session)  # the four-item list, two turns back
    assert "Collective defence of rights" in third.answer.split("\n")[0]
    # a pronoun subject needs the earlier topic, however many words of its own the question has
    session = ChatSession()
    shipped_assistant.ask("What values does the policy rest on?", session=session)
    changed = shipped_assistant.ask("Did those change in the version adopted in 2021?", session=session)
    assert changed.yes_no == "no" and "remain" in changed.answer.split("\n")[0]
    # « l'opposition, elle l'a appuyée ? »: a new subject with its own verb, about the earlier topic
    *_, opposition = converse(shipped_assistant,
                              "Qui était invité au conseil le jour où la Déclaration a été adoptée?",
                              "Pis l'opposition, elle l'a appuyée?")
    assert opposition.yes_no == "yes" and "opposition officielle a appuyé" in opposition.answer.split("\n")[0]


def test_a_question_about_our_practice_type_goes_to_the_guide_whatever_it_names(shipped_assistant):
    answer = shipped_assistant.ask("Notre organisme a été créé à l'initiative du CIUSSS et c'est lui qui nomme notre "
                                   "conseil d'administration. Peut-on se dire en action communautaire autonome?")
    assert answer.route == "guide" and "action communautaire autonome" in answer.answer.split("\n")[0]
    # "Are City …" is a question, not a city named « Are »
    premises = shipped_assistant.ask("Are City premises rented to community groups at market price?")
    assert not premises.abstained and "preferential prices" in premises.answer


def test_a_guide_answer_cites_from_one_in_reading_order(shipped_assistant):
    # (« doit-on rendre des comptes ? », asked here before, is now the documents' yes/no: what the City requires of
    # those it funds — see test_what_the_city_requires_of_those_it_funds_is_answered_from_the_slide)
    answer = shipped_assistant.ask("La ville peut nous aider comment concrètement? genre de l'argent, des locaux, "
                                   "autre chose?")
    markers = [int(m) for m in re.findall(r"\[(\d+)\]", answer.answer)]
    assert answer.route == "guide" and markers[:3] == [1, 2, 3]
    assert [c.n for c in answer.citations] == sorted(set(markers)) and "Le soutien financier" in answer.citations[0].quote
    # money paid is an amount: no count of anything else answers it
    paid = shipped_assistant.ask("Combien la Ville a-t-elle versé aux organismes communautaires en 2023?")
    assert paid.abstained


def test_which_kind_of_city_support_goes_to_the_guide(shipped_assistant):
    answer = shipped_assistant.ask("Our group needs affordable space for its activities. Which kind of City support "
                                   "would fit that?")
    assert answer.route == "guide" and answer.answer.startswith("“Rental support”")


@pytest.mark.parametrize("question,expected,not_expected", [
    ("Quelles valeurs guident la Politique montréalaise pour l'action communautaire?", "Transparence", "Rendre officiel"),
    ("Which values underpin Montréal's community action policy?", "Transparency", "Commitments"),
    ("Quels sont les deux buts de la politique montréalaise pour l'action communautaire?", "Rendre officiel",
     "L'action communautaire autonome"),
    # « à quoi … s'est engagée », "what did … commit to": the commitments, not what the same slide recognises
    ("Under principle 1, what has the City committed to?", "Commitments:", "indispensable actors"),
    ("À quoi la Ville s'engage-t-elle pour respecter l'autonomie des organismes?", "ne pas participer",
     "La Ville comprend"),
])
def test_the_list_labelled_with_the_noun_asked_for_answers(shipped_assistant, question, expected, not_expected):
    # « Valeurs : » and « Buts : » share one slide; the words of the policy's title, which every unit of the
    # document holds, must not decide between them
    answer = shipped_assistant.ask(question)
    assert not answer.abstained and expected in answer.answer[:200] and not_expected not in answer.answer


def test_kinds_asked_for_are_found_by_their_labels_when_the_search_misses_them(shipped_assistant):
    answer = shipped_assistant.ask("Which kinds of support might the City give a community group?")
    for kind in ("Financial support", "Professional support", "Rental support"):
        assert kind in answer.answer[:300]


def test_when_written_at_the_end_of_the_question_is_still_when(shipped_assistant):
    answer = shipped_assistant.ask("La Déclaration a été adoptée quand au juste?")
    assert "20 août 2018" in answer.answer.splitlines()[0]


def test_a_follow_up_on_the_policy_itself_changes_the_subject(shipped_assistant):
    *_, answer = converse(shipped_assistant, "Quand la Déclaration a-t-elle été adoptée?", "Et la politique elle-même?")
    assert "14 juin 2021" in answer.answer.splitlines()[0]


def test_montreal_abbreviated_is_not_an_unknown_name(shipped_assistant):
    answer = shipped_assistant.ask("Environ combien d'organismes d'action communautaire à Mtl sont financés par Québec?")
    assert not answer.abstained and "800" in answer.answer[:200]


@pytest.mark.parametrize("question", [
    "Est-ce que la Ville finance à peu près 800 organismes communautaires?",
    "Is it true the City funds roughly 800 community groups?",
])
def test_a_figure_about_another_funder_does_not_confirm_what_the_city_funds(shipped_assistant, question):
    answer = shipped_assistant.ask(question)
    assert answer.yes_no == "no" and "800" in answer.answer


def test_how_many_the_city_funds_is_not_answered_by_the_provinces_figure(shipped_assistant):
    answer = shipped_assistant.ask("How many community groups does the City of Montréal fund?")
    assert answer.abstained


@pytest.mark.parametrize("question,said", [
    # market price is the opposite of preferential prices
    ("Does the City rent its premises to community groups at full market price?", "preferential"),
    # a criticism answers « Non » to « satisfaits ? »
    ("Les regroupements étaient-ils satisfaits du premier canevas de la Ville en 2019?", "trop proche"),
    ("Were the umbrella groups fine with the City's first draft?", "too close"),
    ("Le conseil était-il divisé sur la Déclaration de 2018?", "unanimité"),
])
def test_the_opposite_of_what_is_asked_answers_no(shipped_assistant, question, said):
    answer = shipped_assistant.ask(question)
    assert answer.yes_no == "no" and said in answer.answer


def test_which_of_those_picks_an_item_of_the_last_list_by_what_it_is_for(shipped_assistant):
    session = ChatSession()
    shipped_assistant.ask("Quels types de soutien la Ville offre-t-elle aux organismes?", session=session)
    answer = shipped_assistant.ask("Lequel de ceux-là nous aiderait à louer une salle moins cher pour nos réunions?",
                                   session=session)
    assert not answer.abstained and answer.answer.startswith("3. Le soutien locatif")
    assert "prix préférentiels" in answer.answer
    # answered by the item under one of them: that one's name comes first (what was asked), then what it offers
    *_, item = converse(shipped_assistant,
                        "What kinds of support does the City offer?",
                        "Which of those would get us cheaper premises for our activities?")
    assert item.answer.startswith("Rental support (« Le soutien locatif »)"), item.answer


def test_a_follow_up_leans_towards_the_previous_answers_section(shipped_assistant):
    *_, answer = converse(shipped_assistant, "C'est quoi le principe 2?", "Quels engagements en découlent?")
    assert "statut d'observateur" in answer.answer and "P3-" not in answer.answer


@pytest.mark.parametrize("question,opening", [
    ("Sous quel principe directeur trouve-t-on l'engagement de créer un comité de suivi?", "Principe 1 - "),
    ("Which guiding principle includes promoting the community sector?", "Principle 2 - "),
    # from a slide whose title numbers no principle: its own line that does
    ("Lequel des principes directeurs reconnaît les regroupements comme interlocuteurs clés?", "Principe 1 - "),
])
def test_which_principle_is_answered_by_the_principle_first(shipped_assistant, question, opening):
    answer = shipped_assistant.ask(question)
    assert answer.answer.startswith(opening)


def test_the_latest_of_something_new_is_not_the_last_item_of_the_list(shipped_assistant):
    session = ChatSession()
    shipped_assistant.ask("Quels sont les engagements du principe 1?", session=session)
    picked = shipped_assistant.ask("Et le dernier engagement?", session=session)
    assert "comité de suivi" in picked.answer.splitlines()[0]  # « dernier » + the list's own noun: its last item
    *_, latest = converse(shipped_assistant, "Le comité de suivi sert à quoi?", "Et le dernier bilan, il conclut quoi?")
    assert "bilan" in latest.resolved_question and not latest.resolved_question.startswith("« ")


def test_contact_details_asked_after_a_directory_answer_stay_in_the_directory(shipped_assistant):
    *_, answer = converse(shipped_assistant,
                          "Le Centre des femmes de Rivière-des-Prairies est membre de quelle table?",
                          "Can you give me their phone number?")
    assert answer.route == "directory" and answer.abstained
    assert "Centre des femmes de Rivière-des-Prairies" in answer.answer and "phone" in answer.answer


@pytest.mark.parametrize("question,opening", [
    ("In what decade did the CDECs take off?", "**The 90s**"),  # (an acronym's plural is the acronym)
    ("Les comités de citoyens, c'est apparu dans quelle décennie?", "- **Années 60**"),
])
def test_which_decade_is_answered_by_a_decade(shipped_assistant, question, opening):
    assert shipped_assistant.ask(question).answer.startswith(opening)


def test_an_ordinal_asked_in_french_after_an_english_list_picks_the_french_item(shipped_assistant):
    *_, second = converse(shipped_assistant,
                          "Quels sont les types de pratiques visés par la politique?",
                          "in English please",
                          "et le deuxième, c'est quoi?")
    assert second.language == "fr" and "Autonomous" not in second.resolved_question
    assert second.answer.startswith("2. L'action communautaire autonome")


def test_a_follow_ups_own_words_decide_over_the_topic_it_borrowed(shipped_assistant):
    # (the borrowed topic « valeurs politique » alone would pick the slide's list of values, answered « Oui »)
    *_, changed = converse(shipped_assistant,
                           "Parle-moi des valeurs de la politique",
                           "Ont-elles été modifiées dans la version adoptée?")
    assert changed.answer.startswith("**Non**") and "restent" in changed.answer


def test_where_the_organisation_just_found_is_stays_with_it(shipped_assistant):
    *_, where = converse(shipped_assistant,
                         "Le Centre des femmes de Rivière-des-Prairies est membre de quelle table?",
                         "Where is it located?")
    assert where.route == "directory" and not where.abstained
    assert where.citations[0].section == "Centre des femmes de Rivière-des-Prairies"
    # (the place searched in is said once, in the first line)
    assert "Rivière-des-Prairies–Pointe-aux-Trembles" in where.answer.split("[1]")[0]


def test_opening_hours_are_not_in_the_directory(shipped_assistant):
    answer = shipped_assistant.ask("Groupe d'entraide Lachine, c'est ouvert à quelle heure le lundi?")
    assert answer.route == "directory" and answer.abstained and "heures d'ouverture" in answer.answer
    assert "Groupe d'entraide Lachine" in answer.answer


def test_a_name_that_holds_a_place_is_that_organisation_not_a_filter(shipped_assistant):
    # « Lachine » is in the name: not the borough filter that would list « Carrefour d'Entraide Lachine » first
    answer = shipped_assistant.ask("De quelle table est membre le Groupe d'entraide Lachine?")
    assert answer.answer.startswith("Groupe d'entraide Lachine est membre de 1 table")
    assert "Concert’Action Lachine" in answer.answer and "Carrefour" not in answer.answer


def test_what_is_done_in_a_place_is_found_among_its_organisations_by_the_word_that_names_it(shipped_assistant):
    answer = shipped_assistant.ask("De l'aide alimentaire dans Hochelaga-Maisonneuve, ça existe?")
    assert answer.route == "directory" and "Cuisine Collective Hochelaga-Maisonneuve" in answer.answer
    # « aide » alone (« aidantes naturels », « aide aux parents ») is not what was asked; « donnez des noms » is how
    # to answer, not a word to search (« École Saint-Nom »)
    named = shipped_assistant.ask("Y a-t-il de l'aide alimentaire à Rosemont? Donnez des noms")
    assert "Bouffe-Action de Rosemont" in named.answer
    assert "aide aux parents" not in named.answer and "Saint-Nom" not in named.answer


def test_a_topic_in_a_place_is_not_matched_by_the_place_in_a_name(shipped_assistant):
    """Searching for a topic, the place is a filter, not a name to match: « CLSC Hochelaga-Maisonneuve » holds the
    place's name but is no housing organisation."""
    answer = shipped_assistant.ask("any housing organizations in Hochelaga-Maisonneuve?")
    assert answer.route == "directory" and "CLSC" not in answer.answer
    # a housing body by its name first (the OMHM, merged with its « OMHM – … » row, now sits on that table too)
    assert re.search(r"habitation|logement", fold(answer.answer.split("\n")[1]))
    assert "Habitations l'Escalier" in answer.answer


def test_an_english_question_finds_the_french_name_and_gets_its_yes(shipped_assistant):
    """The names are French: "housing" matches them through the French word of its sector rule (« logement »), so
    the committee is found by its name — a « Yes », not a listing by inferred sector (nor a « No »)."""
    answer = shipped_assistant.ask("Is there a housing committee in the Lachine round table?")
    assert answer.route == "directory" and answer.yes_no == "yes" and answer.answer.startswith("**Yes")
    assert "Comité Logement Lachine-LaSalle" in answer.answer.splitlines()[1]


def test_question_and_function_words_are_neither_known_nor_unknown_topic_words(shipped_assistant):
    """« quand », « comme », « celle » say nothing of the topic: of « collecte » and « ordures », one is unknown."""
    verdict = shipped_assistant.explain("C'est quand la collecte des ordures, comme celle de Verdun?")["verdict"]
    assert verdict["unknown"] == ["ordur"] and verdict["unknown_share"] == 0.5
    assert shipped_assistant.ask("C'est quand la collecte des ordures dans Verdun?").abstained


def test_a_sentence_that_only_restates_which_ones_is_not_an_answer(shipped_assistant):
    """The fact sheet says the Commission tabled « son rapport et ses recommandations », not what they were."""
    restated = shipped_assistant.ask("Quelles recommandations contenait le rapport déposé par la Commission en "
                                     "septembre 2020?")
    assert restated.abstained
    listed = shipped_assistant.ask("Quelles responsabilités relèvent du conseil d'agglomération?")
    assert not listed.abstained and "Logement social" in listed.answer  # a list names them


def test_the_round_tables_of_an_organisation_and_of_a_place(shipped_assistant):
    """« membre de combien de tables » counts the named organisation's tables (not its own members, which the
    directory does not hold); "which round tables cover <borough>" lists the place's tables, not its members."""
    member = shipped_assistant.ask("De combien de tables de quartier Moisson Montréal est-il membre?")
    assert not member.abstained and member.answer.startswith("Moisson Montréal est membre de 2 table(s)")
    assert "Table de quartier Peter-McGill" in member.answer and member.citations[0].section == "Moisson Montréal"
    place = shipped_assistant.ask("Which neighbourhood round tables cover Le Sud-Ouest?")
    first, *rest = place.answer.split("\n")
    assert first.startswith("Le Sud-Ouest: 4 neighbourhood round table(s)") and "- Coalition de la Petite-Bourgogne" in rest
    assert "organisation(s)" not in place.answer
    # an organisation's membership is never answered with the tables of the place its name holds
    named = shipped_assistant.ask("Le Carrefour des femmes de St-Léonard fait partie de quelle table?")
    # (« quelle table » is how it is asked: the one organisation is found, with its table)
    assert named.answer.startswith("Carrefour des femmes de Saint-Léonard est membre de 1 table(s)")
    assert "- Concertation Saint-Léonard" in named.answer
    assert "table(s) de quartier dans l'annuaire" not in named.answer
    assert named.directory is not None and named.directory.items[0].name.startswith("Carrefour des femmes")


def test_a_membership_that_is_not_says_where_the_organisation_is(shipped_assistant):
    """"Is X a member of table T?" when it is not: no, and the table the directory does list it under."""
    answer = shipped_assistant.ask("is Le Chainon a member of the CDC Centre-Sud?")
    assert answer.yes_no == "no" and answer.answer.startswith("**No**")
    assert "Le Chaînon elsewhere: CDC Plateau-Mont-Royal (Le Plateau-Mont-Royal)" in answer.answer
    assert answer.citations and answer.citations[0].section == "Le Chaînon"
    member = shipped_assistant.ask("Le Chaînon est-il membre de la CDC Plateau-Mont-Royal?")
    assert member.yes_no == "yes" and "ailleurs" not in member.answer
    # a name that holds a borough is that whole name, not a shorter one filtered to the borough
    held = shipped_assistant.ask("Le Carrefour jeunesse-emploi du Sud-Ouest est-il membre de la CDC Solidarité "
                                 "Saint-Henri?")
    assert held.yes_no == "yes" and "Carrefour jeunesse-emploi du Sud-Ouest" in held.answer.split("[1]")[0]


def test_the_one_of_the_last_list_a_follow_up_names(shipped_assistant):
    """« celle de Saint-Henri » after a list of round tables is the table whose name holds Saint-Henri."""
    *_, answer = converse(shipped_assistant,
                          "Quelles tables de quartier couvrent le Sud-Ouest?",
                          "Et celle de Saint-Henri, elle compte combien de membres?")
    assert answer.route == "directory" and answer.answer.startswith("CDC Solidarité Saint-Henri :")


def test_an_organisation_picked_from_a_directory_list_by_its_name_then_referred_to(shipped_assistant):
    """"the Beurling one" after a list of organisations is the one whose name holds Beurling (from every line
    listed, not only the first); "it" then stays that organisation; "does it name" after a slide asks the slide."""
    session = ChatSession()
    listed = shipped_assistant.ask("youth organisations in Verdun", session=session)
    name = "YMCA du Québec Zone jeunesse Académie Beurling"
    assert name in listed.answer and listed.answer.index(name) > 300
    phone = shipped_assistant.ask("got a phone number for the Beurling one?", session=session)
    assert phone.route == "directory" and f"“{name}”" in phone.answer and "phone" in phone.answer
    table = shipped_assistant.ask("fine, which round table is it listed under?", session=session)
    assert table.answer.startswith(f"{name} is a member of 1 ")
    assert "Concertation en développement social de Verdun" in table.answer
    slide = ChatSession()
    shipped_assistant.ask("how many coalitions of community groups are there today?", session=slide)
    named = shipped_assistant.ask("which women's organizations does it name?", session=slide)
    assert named.route == "documents"


def test_which_body_is_answered_by_the_unit_that_names_one(shipped_assistant):
    """« quelle instance », "which body": a unit naming a commission or a committee, not one naming the mayor."""
    answer = shipped_assistant.ask("Which body was in charge of the public consultation on the policy?")
    assert "Commission permanente" in answer.answer.split("\n")[0]


@pytest.mark.parametrize("question,first", [
    ("We're a tenants' group doing popular education and mobilizing people, strictly non-partisan. Which of the "
     "policy's practice types are we?", "Type 3 “Collective defence of rights” (« La défense collective des droits »)"),
    ("On fait de l'éducation populaire pis de la mobilisation, non partisane. Lequel des types de pratiques nous "
     "correspond?", "Type 3 « La défense collective des droits »"),
])
def test_which_type_answered_by_its_criteria_names_the_type_first(shipped_assistant, question, first):
    """"Which type are we?" with criteria of the asker's own: the guide answers, and the type those criteria belong
    to (in English, with the official French name) opens the answer."""
    answer = shipped_assistant.ask(question)
    assert answer.route == "guide" and answer.answer.startswith(first)


def test_why_is_answered_by_the_passage_that_gives_reasons(shipped_assistant):
    """« Pourquoi … ? »: the sentence that says what the autonomy is crucial for, not one that only names it."""
    answer = shipped_assistant.ask("Pourquoi la Ville tient-elle tant à l'autonomie des organismes?")
    assert answer.answer.startswith("La Ville comprend que cette autonomie est cruciale pour")


def test_a_round_tables_members_asked_for_are_listed_whole(shipped_assistant):
    """« la liste des membres de la CDC … »: every member by name (the table is the one asked about), not the first
    fifteen with a request to narrow down what is already one table."""
    answer = shipped_assistant.ask("Donne-moi la liste des membres de la CDC Solidarité St-Henri")
    listed = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert answer.answer.startswith("29 organisme(s)") and len(listed) == 29 == len(answer.citations)
    assert all(" — " not in line for line in listed) and "Affinez" not in answer.answer
    assert "- Organisation d’aide aux sans-emploi (ODAS) [22]" in listed


@pytest.mark.parametrize("question,first", [
    ("Did the official opposition back the 2018 Declaration or vote against it?", "**Yes**"),
    ("L'opposition officielle a-t-elle voté contre la Déclaration de 2018?", "**Non**"),
])
def test_an_alternative_question_is_answered_on_its_first_alternative(shipped_assistant, question, first):
    """"X or Y?" offers Y as the alternative: the unit that says X answers yes, whatever Y is the opposite of."""
    assert shipped_assistant.ask(question).answer.startswith(first)


@pytest.mark.parametrize("question,first", [
    ("le mot « valoriser », il était déjà dans le projet de politique?", "**Non**"),
    ("Le projet disait-il « respecter » l'autonomie du milieu?", "**Oui**"),
    ("Was the word 'value' already in the draft of principle 2?", "**No**"),
    ("Did the draft already say 'respect' for principle 2?", "**Yes**"),
    # the adopted version says more than the word asked about: it is not limited to it
    ("Dans la version adoptée, le deuxième principe se limite-t-il à « respecter » l'autonomie?", "**Non**"),
])
def test_what_the_draft_said_against_the_adopted_wording(shipped_assistant, question, first):
    """« (le projet disait seulement « respecter ») »: the draft had that word and no other, in both languages."""
    assert shipped_assistant.ask(question).answer.startswith(first)


def test_a_named_type_that_cannot_be_told_yet_gets_no_yes(shipped_assistant):
    """Type 1 met is no « Oui » to a question about type 2, whose own criteria are unanswered."""
    answer = shipped_assistant.ask("Notre OBNL est enraciné dans le quartier, avec une assemblée générale, et on choisit "
                                   "notre mission. Est-ce qu'on est de l'action communautaire autonome?")
    assert answer.route == "guide" and answer.yes_no is None
    assert answer.answer.startswith("Type 2 « L'action communautaire autonome » [1] : on ne peut pas encore le dire")


def test_a_longer_follow_up_that_asks_for_more_of_the_same_and_opening_hours(shipped_assistant):
    """"… in it too?" continues a directory conversation however long it is; opening hours are contact details the
    directory does not hold — said as such even when the last search found no organisation."""
    session = ChatSession()
    shipped_assistant.ask("which round table is the Comité logement Montréal-Nord part of?", session=session)
    youth = shipped_assistant.ask("is there a youth centre (maison des jeunes) in that table too?", session=session)
    assert youth.route == "directory" and "Maison des Jeunes Louverture" in youth.answer
    hours = shipped_assistant.ask("ok thanks, what are their opening hours?", session=session)
    assert hours.route == "directory" and hours.abstained and "opening hours" in hours.answer
    *_, none = converse(shipped_assistant,
                        "le Frigo de l'Est, y est membre de quelles tables de quartier?",
                        "pis y sont-tu aussi à la table de St-Léonard?",
                        "ok merci, c'est quoi leurs heures d'ouverture?")
    assert none.abstained and none.answer.startswith("L'annuaire ne contient ni adresse") and "**Non**" not in none.answer


@pytest.mark.parametrize("question,opening,item", [
    ("combien de principes directeurs dans la version adoptée?", "**3** :", "Développer des partenariats éthiques"),
    ("how many guiding principles are in the adopted version?", "**3**:", "Develop ethical partnerships"),
])
def test_a_count_answered_by_a_numbered_series_says_its_length(shipped_assistant, question, opening, item):
    """The fact sheet numbers the adopted principles « 1. », « 2. », « 3. » under a title that names them: the series
    is the count (no « the documents do not give this number »), and its length comes first."""
    answer = shipped_assistant.ask(question)
    assert not answer.abstained and answer.answer.startswith(opening) and item in answer.answer


def test_a_follow_up_that_names_a_new_subject_first_borrows_nothing(shipped_assistant):
    """« Pis pour X, c'est quoi les engagements ? » after principle 3: X's commitments, not principle 3's again."""
    *_, answer = converse(shipped_assistant,
                          "Comme partenaire, la Ville peut jouer quels rôles auprès des organismes?",
                          "Pis pour l'autonomie des groupes, c'est quoi les engagements?")
    assert "A moins d'être invitée à le faire" in answer.answer.split("[1]")[0]


@pytest.mark.parametrize("first,then,expected", [
    ("Under the first principle, what does the City commit to?", "and under the second one?",
     "Unless invited to do so"),
    ("c'est quoi les engagements du premier principe?", "pis sous le 3e?", "Établir un partenariat"),
])
def test_an_ordinal_under_a_numbered_thing_named_by_its_ordinal(shipped_assistant, first, then, expected):
    """"the first principle" is principle 1: "and under the second one?" is principle 2's commitments, not the second
    item of principle 1's list."""
    session = ChatSession()
    shipped_assistant.ask(first, session=session)
    assert expected in shipped_assistant.ask(then, session=session).answer.split("[1]")[0]


def test_a_directory_conversation_that_moves_place_keeps_what_it_searched_without_the_old_place(shipped_assistant):
    """« y a-tu un comité logement à Lachine ? » — « pis à Saint-Laurent ? »: a comité logement at Saint-Laurent (not
    one named « … Lachine »); « y'é membre de quelle table ? » asks which table, not yes or no."""
    session = ChatSession()
    shipped_assistant.ask("y a-tu un comité logement à Lachine dans l'annuaire?", session=session)
    moved = shipped_assistant.ask("pis à Saint-Laurent?", session=session)
    assert moved.answer.startswith("**Oui**") and "Comité logement Saint Laurent" in moved.answer
    table = shipped_assistant.ask("y'é membre de quelle table?", session=session)
    assert not table.answer.startswith("**") and "Comité des organismes sociaux de Saint-Laurent" in table.answer
    members = shipped_assistant.ask("c'est qui les membres de la table Concert'Action Lachine?")
    assert members.answer.startswith("28 organisme(s)")


@pytest.mark.parametrize("question,abstains", [
    ("Laval a-tu une politique de reconnaissance du communautaire comme celle de Montréal?", True),
    ("Vancouver has a community action policy too?", True),
    ("Montréal a-tu une politique de reconnaissance du milieu communautaire?", False),
])
def test_a_place_the_documents_never_name_is_a_name_even_first_in_the_question(shipped_assistant, question, abstains):
    """A capitalised first word that no document uses, subject of a verb, is a name the corpus does not know."""
    answer = shipped_assistant.ask(question)
    assert answer.abstained == abstains


def test_an_acronym_the_documents_spell_out(shipped_assistant):
    """« CDC » is nowhere in the documents; « corporations de développement communautaire » is: read by its
    initials, in either language (an English question may use the French acronym)."""
    view = shipped_assistant.cache.get()
    assert view.spelled_out("CDC") == "corporations de développement communautaire"
    assert view.spelled_out("CDCs", "en") == "community development corporations"
    assert view.spelled_out("DCD", "en") == "défense collective des droits"
    assert view.spelled_out("SDIS") == ""  # the documents use it as such
    answer = shipped_assistant.ask("Ya combien de CDC à Montréal?")
    assert not answer.abstained and "6 corporations" in answer.answer.replace("**", "")[:120]
    assca = shipped_assistant.ask("c'est quoi l'ACA?")
    assert not assca.abstained and "action communautaire autonome" in assca.answer[:200]


def test_a_language_switch_with_a_question_of_its_own(shipped_assistant):
    session = ChatSession()
    shipped_assistant.ask("How many community action organisations does the Québec government fund?", session=session)
    french = shipped_assistant.ask("en francais svp, pis ya combien de CDC?", session=session)
    assert french.language == "fr" and "6 corporations" in french.answer.replace("**", "")[:120]
    again = shipped_assistant.ask("can you say that last part in english please", session=session)
    assert again.language == "en" and "6 community development corporations" in again.answer.replace("**", "")


def test_several_items_of_one_list_leading_answer_with_that_list(shipped_assistant):
    """Four items of the Declaration's list lead the candidates while one sentence elsewhere scores best alone: the
    question is about that list."""
    answer = shipped_assistant.ask("What did the 2018 declaration say community groups contribute to?")
    opening = answer.answer[:400]
    assert not answer.abstained and "well-being" in opening and "inequalities" in opening, answer.answer


def test_a_pronoun_for_the_one_organisation_just_found(shipped_assistant):
    """« il est membre de quelle table, lui ? » after an answer that found one organisation: that organisation's
    tables, then « cette table-là » is its table."""
    session = ChatSession()
    shipped_assistant.ask("y a tu un centre de femmes à Verdun?", session=session)
    which = shipped_assistant.ask("il est membre de quelle table lui?", session=session)
    assert which.answer.startswith("Centre des femmes de Verdun est membre de 1 table(s)")
    assert "Concertation en développement social de Verdun" in which.answer
    count = shipped_assistant.ask("pis ya combien d'organismes dans cette table la?", session=session)
    assert count.answer.startswith("Concertation en développement social de Verdun : 45 membre(s)")


@pytest.mark.parametrize("question,yes_no,says", [
    # the table's own name must not match the records named after it (« La Table de Quartier Hochelaga-Maisonneuve »)
    ("Info-Femmes est-il membre de la Table de quartier Hochelaga-Maisonneuve?", "no", "Solidarité Mercier-Est"),
    ("Le Chaînon fait-il partie de la CDC Plateau-Mont-Royal?", "yes", "CDC Plateau-Mont-Royal"),
    ("Is Le Chainon a member of the CDC Centre-Sud?", "no", "CDC Plateau-Mont-Royal"),
])
def test_is_this_organisation_a_member_of_that_table(shipped_assistant, question, yes_no, says):
    """Answered from the named organisation's own record, with its tables, not from the table's member search."""
    answer = shipped_assistant.ask(question)
    assert answer.route == "directory" and answer.yes_no == yes_no
    assert says in answer.answer and len(answer.citations) == 1


def test_an_acronym_that_begins_one_organisations_spelling_names_it(shipped_assistant):
    """« POPIR - Comité logement » and « P.O.P.I.R. – Comité Logement »: "the POPIR" is that organisation (its words
    alone do not find it: the stemmer reads « popir » as a verb); a place's short name (« NDG ») names no
    organisation, and an acronym that other names hold too (« OMHM ») is left to the search."""
    tables = shipped_assistant.ask("le POPIR, y est membre de quelle table?")
    assert tables.answer.startswith("P.O.P.I.R. – Comité Logement est membre de 3 ")
    assert len(tables.citations) == 1
    food = shipped_assistant.ask("is there some kind of food bank in NDG?")
    assert food.route == "directory" and "Art Hop" not in food.answer.split("\n")[0]
    assert shipped_assistant.ask("L'OMHM est-tu membre de la Table de quartier de Montréal-Nord?").yes_no == "yes"


@pytest.mark.parametrize("question,date", [
    # the presentation's « Août 2018 : adoption … de la Déclaration » scores as high, but dates the other document
    ("When was Montreal's community action policy adopted by council?", "14 June 2021"),
    ("La politique montréalaise pour l'action communautaire a été adoptée quand par le conseil?", "14 juin 2021"),
    ("Quand la Déclaration a-t-elle été adoptée?", "20 août 2018"),
])
def test_a_date_question_is_answered_about_the_document_it_names(shipped_assistant, question, date):
    assert date in shipped_assistant.ask(question).answer.split("\n")[0]


def test_that_numbered_thing_is_the_one_the_conversation_named(shipped_assistant):
    """« ce principe-là » after « dans le principe 1, … »: principle 1, not the words the last answer was about."""
    *_, commitments = converse(shipped_assistant,
                               "Dans le principe 1, la Ville reconnaît quoi exactement?",
                               "pis les engagements qui viennent avec ce principe-là?")
    assert "(principe 1)" in commitments.resolved_question
    assert "mécanismes municipaux de prise de décision" in commitments.answer
    assert "acteurs incontournables" not in commitments.answer


def test_a_follow_up_reads_its_own_subject_and_the_organisation_it_points_at(shipped_assistant):
    # « la politique, elle … ? »: the subject named first is the question's own, not the last turn's Declaration
    session = ChatSession()
    shipped_assistant.ask("Quand la Déclaration de 2018 a-t-elle été adoptée?", session=session)
    policy = shipped_assistant.ask("pis la politique elle, a été adoptée quand?", session=session)
    assert "14 juin 2021" in policy.answer.split("\n")[0] and "déclaration" not in policy.resolved_question.lower()
    # "it" after an answer about one organisation's round table is that organisation
    session = ChatSession()
    shipped_assistant.ask("Quelle table de quartier regroupe le Centre des femmes de Verdun?", session=session)
    where = shipped_assistant.ask("et il est dans quel arrondissement?", session=session)
    assert where.route == "directory" and "Centre des femmes de Verdun" in where.resolved_question
    assert "(Verdun)" in where.answer.split("[1]")[0]
    # … and a yes/no about it is answered from its record (the name added after the question keeps it a yes/no)
    member = shipped_assistant.ask("Est-il aussi membre de la CDC de Rosemont?", session=session)
    assert member.yes_no == "no" and member.answer.startswith("**Non**") and "Verdun" in member.answer
    # a follow-up that gives only a new time asks the earlier question at that time
    *_, nineties = converse(shipped_assistant, "Qu'a fait le conseil municipal en 2017?", "et dans les années 90?")
    assert nineties.resolved_question == "Qu'a fait le conseil municipal dans les années 90?"


@pytest.mark.parametrize("question,opening", [
    ("Quels critères faut-il remplir pour être un organisme d'action communautaire?", "1. L'action communautaire"),
    ("What criteria define a community action organisation in the policy?", "1. Community action"),
])
def test_the_thing_the_question_names_not_a_longer_name_that_contains_it(shipped_assistant, question, opening):
    """« action communautaire » is type 1; « action communautaire autonome » (type 2) adds a word the question does not
    say, although its criteria line holds the question's « critères »."""
    answer = shipped_assistant.ask(question)
    assert answer.answer.startswith(opening) and "OBNL" in answer.answer.split("[1]")[0], answer.answer


def test_the_bodies_a_sentence_names_can_be_picked_by_their_rank(shipped_assistant):
    """"Which community groups sat on …?" is answered by the sentence that names them (« le RIOCM, le RAFSSS et la
    CMTQ », not the SDIS that works beside them); "the first one" then is the first of them."""
    session = ChatSession()
    groups = shipped_assistant.ask("Which community groups represented the sector on the policy's follow-up "
                                   "committee?", session=session)
    assert all(a in groups.answer.split("\n")[0] for a in ("RIOCM", "RAFSSS", "CMTQ")), groups.answer
    first = shipped_assistant.ask("The first one — which neighbourhood round table is it a member of?",
                                  session=session)
    assert "RIOCM" in first.resolved_question and first.route == "directory"
    # ("and the last one?" asks the same question of the last of them)
    last = shipped_assistant.ask("and the last one?", session=session)
    assert last.resolved_question == "« CMTQ » — which neighbourhood round table is it a member of?"
    assert "Coalition montréalaise des Tables de quartier (CMTQ) is a member of 1" in last.answer


@pytest.mark.parametrize("question,opening", [
    ("La citation tout à la fin de la présentation, c'est de qui?", "De tous les actes"),  # « c'est de qui » asks who
    ("Who is the author of the quotation at the end of the presentation?", "Of all acts"),
])
def test_where_the_question_places_its_answer(shipped_assistant, question, opening):
    """« à la fin de la présentation »: among close units, the one furthest into its document — the quotation of
    the last slide, whose author's name is the evidence for "who" that the words alone do not give."""
    answer = shipped_assistant.ask(question)
    assert not answer.abstained and answer.answer.startswith(opening) and "Paul Valéry" in answer.answer.split("[1]")[0]
    assert answer.yes_no is None and answer.citations[0].page == 23


def test_a_documents_opening_answers_about_the_document_not_its_subject(shipped_assistant):
    """A fact sheet's note on itself (« Fiche factuelle : résumé … ») answers a question about the sheet; « c'est quoi
    la Déclaration ? » is answered by what the sheet says of the Declaration."""
    what = shipped_assistant.ask("c koi au juste la déclaration de reconnaissance et de soutien aux organismes "
                                 "communautaires de montréal?")
    assert "reconnaît l'apport des organismes" in what.answer.split("[1]")[0]
    assert "Fiche factuelle" not in what.answer.split("[1]")[0] and what.citations[0].section != ""
    sheet = shipped_assistant.ask("Est-ce que la fiche sur la Déclaration reproduit le texte officiel?")
    assert sheet.yes_no == "no" and "texte officiel de la Déclaration n'est pas reproduit" in sheet.answer


def test_a_lists_lead_in_goes_to_the_context_unless_it_is_the_statement(shipped_assistant):
    """The items answer « à quoi sert … ? »; the sentence that introduces them restates the question and goes to the
    context. A statement whose items are only its examples (« …, par exemple pour : ») stays."""
    role = shipped_assistant.ask("Le comité de suivi, il a quel rôle au juste?")
    assert role.answer.startswith("- ") and "bilan triennal" in _norm(role.answer[:300])
    assert "réalité de tous les jours" not in role.answer and "réalité de tous les jours" in role.context
    examples = shipped_assistant.ask("Pour quels dossiers Québec délègue-t-il des budgets à la Ville?")
    assert "enveloppes budgétaires" in examples.answer.split("\n")[0]


@pytest.mark.parametrize("question,route", [
    # the asker's own organisation and its borough describe the asker; the question is about a principle
    ("Our family centre in Verdun is about to sign a partnership agreement with the City. According to the policy, "
     "what should a partnership rest on?", "documents"),
    ("Je dirige un organisme de loisirs à Lachine. Selon la politique, dans quels rôles la Ville agit-elle comme "
     "partenaire?", "documents"),
    # the question itself asks for organisations in a place
    ("We run a small food bank. Which organisations in Verdun work on the environment?", "directory"),
])
def test_the_askers_own_organisation_is_not_what_is_asked_for(shipped_assistant, question, route):
    answer = shipped_assistant.ask(question)
    assert answer.route == route and not answer.abstained


def test_a_question_about_the_city_after_a_self_description_is_not_a_fit_question(shipped_assistant):
    """« Notre groupe … » then a question about what the City committed to: the documents answer it, and the
    description's own « ne … pas » does not turn the answer into a no."""
    answer = shipped_assistant.ask("Notre regroupement est souvent consulté, mais on trouve que nos avis ne comptent "
                                   "pas beaucoup. La Ville s'est-elle engagée à intégrer l'expertise du milieu "
                                   "communautaire dans ses décisions?")
    assert answer.route == "documents" and answer.yes_no == "yes" and "prise de décision" in answer.answer


def test_a_circumstance_without_is_not_the_questions_negation(shipped_assistant):
    """« Sans y avoir été invitée, … ? » sets a circumstance; the question asks whether the City will take part,
    and the commitment says it will not."""
    answer = shipped_assistant.ask("Sans y être invitée, la Ville va-t-elle se mêler du fonctionnement des "
                                   "organismes?")
    assert answer.yes_no == "no" and "invitée" in answer.answer.split("[1]")[0]


def test_informal_follow_ups_keep_the_subject_or_take_the_new_one(shipped_assistant):
    session = ChatSession()
    shipped_assistant.ask("la déclaration pour les groupes communautaires a été adoptée quand?", session=session)
    unanimous = shipped_assistant.ask("pis c'tait unanime?", session=session)  # a clause about the last answer
    assert unanimous.yes_no == "yes" and "unanimité" in unanimous.answer.split("[1]")[0]
    policy = shipped_assistant.ask("ok pis la politique elle, adoptée quand?", session=session)  # a new subject
    assert "14 juin 2021" in policy.answer.split("[1]")[0] and "2018" not in policy.answer.split("[1]")[0]


def test_which_commission_is_answered_by_the_unit_that_names_a_commission(shipped_assistant):
    """« Sous l'égide de quelle commission … ? »: a closer unit about the same consultation names no commission and
    does not answer it."""
    answer = shipped_assistant.ask("La consultation publique lancée en novembre 2019 relevait de quelle commission?")
    assert "Commission permanente sur le développement social" in answer.answer.split("[1]")[0]


def test_a_lists_heading_and_some_items_chosen_give_the_whole_list(shipped_assistant):
    answer = shipped_assistant.ask("c koi au juste un regroupement du milieu communautaire selon la politique de mtl")
    direct = answer.answer.split("[1]")[0]
    for item in ("se concerter", "instances politiques", "qualité des services"):
        assert item in direct
    assert direct.count("Les regroupements du milieu communautaire") == 1


def test_an_item_of_a_list_that_holds_a_sub_list_gives_the_whole_list(shipped_assistant):
    # principle 3's « Engagements : » holds one item and a sub-list (« viser : » and its four items): asked for the
    # commitments, its single first item is not the answer
    session = ChatSession()
    shipped_assistant.ask("What are the three guiding principles in the adopted version of the policy?", session=session)
    answer = shipped_assistant.ask("for the third one, what commitments does the presentation list?", session=session)
    direct = answer.answer.split("[1]")[0]
    assert "constraints and issues of all partners" in direct and "certain latitude" in direct


def test_the_exact_wording_in_the_other_language_is_the_last_answer_again(shipped_assistant):
    # « je peux avoir le libellé exact en français ? » asks for the last answer's source words, not for a « libellé »;
    # the English question it repeats, read as French, must still find the units the last answer gave
    session = ChatSession()
    shipped_assistant.ask("What are the three guiding principles in the adopted version of the policy?", session=session)
    shipped_assistant.ask("for the third one, what commitments does the presentation list?", session=session)
    answer = shipped_assistant.ask("je peux avoir le libellé exact en français pour mon rapport?", session=session)
    direct = answer.answer.split("[1]")[0]
    assert answer.language == "fr" and "contraintes et enjeux" in direct and "certaine latitude" in direct


def test_names_typed_in_a_hurry_are_looked_up_and_followed(shipped_assistant):
    """"is X part of …": the request words are not part of the name; a one-word name typed in lower case is a name
    when the documents never use the word; "what boroughs r those in" asks where the organisation just found is."""
    session = ChatSession()
    tables = shipped_assistant.ask("what round tables is Nouvelles d'Ici part of?", session=session)
    assert tables.route == "directory" and "Concert’Action Lachine" in tables.answer
    where = shipped_assistant.ask("and what boroughs r those in", session=session)
    assert where.route == "directory" and all(b in where.answer for b in ("Lachine", "Verdun", "LaSalle"))
    member = shipped_assistant.ask("is casteliers listed in the CDC plateau mont royal?")
    assert member.yes_no == "no" and "Table de quartier Outremont" in member.answer


def test_topic_and_place_read_from_the_sentence_that_asks(shipped_assistant):
    """A self-description (« looking for partners ») does not filter by the 'partner' membership kind, and "working on
    the environment" asks for the environment, not for employment."""
    answer = shipped_assistant.ask("We just started a community garden group in Verdun and want partners. Which "
                                   "organisations in Verdun are working on the environment?")
    assert answer.route == "directory" and not answer.abstained
    assert "Maison de l'environnement de Verdun" in answer.answer and "Employment" not in answer.answer.split("\n")[0]


def test_the_guide_reads_a_need_said_not_to_be_one_and_a_what_if_follow_up(shipped_assistant):
    session = ChatSession()
    room = shipped_assistant.ask("We're a neighbourhood seniors' club. Funding isn't really our problem; what we need "
                                 "is a cheap hall for our weekly activities. Which support from the City fits us?",
                                 session=session)
    assert room.route == "guide" and room.answer.startswith("“Rental support”")
    coach = shipped_assistant.ask("And what if instead we needed someone to train our volunteers?", session=session)
    assert coach.route == "guide" and coach.answer.startswith("“Professional support”")


def test_a_longer_follow_up_with_they_keeps_the_thread(shipped_assistant):
    session = ChatSession()
    shipped_assistant.ask("Which groups sat on the policy's follow-up committee for the community sector?",
                          session=session)
    terms = shipped_assistant.ask("For how many terms did they sit, and over which years exactly?", session=session)
    assert not terms.abstained and "2021-2023" in terms.answer.split("[1]")[0]


def test_whats_the_max_amount_asks_for_an_amount(shipped_assistant):
    answer = shipped_assistant.ask("what's the max amount a group could get from the City?")
    assert answer.abstained and "no amount" in answer.answer.split("\n")[0].lower()


def test_which_practice_type_are_we_goes_to_the_guide_and_gets_no_yes(shipped_assistant):
    answer = shipped_assistant.ask("We're a registered non-profit, rooted in our neighbourhood, with a democratic AGM, "
                                   "and we choose our own mission. Which of the policy's practice types would we be?")
    assert answer.route == "guide" and answer.yes_no is None
    assert answer.answer.startswith("From your answers") and "type 1" in answer.answer.split("\n")[0]


def test_how_many_gives_the_count_and_every_numbered_name_across_slides(shipped_assistant):
    """The practice types are numbered 1–2 on slide 9 and 3–4 on slide 10: "how many" gets the count and the four
    names, not the criteria under them."""
    answer = shipped_assistant.ask("How many kinds of organisational practice does the policy cover?")
    direct = answer.answer.split("[1]")[0]
    assert "**4**" in direct and "Umbrella groups of the community sector" in direct and "OBNL" not in direct


def test_a_list_that_announces_more_than_it_holds_continues_on_the_next_slide(shipped_assistant):
    answer = shipped_assistant.ask("Could you list the practice types?")
    direct = answer.answer.split("[1]")[0]
    assert "1. Community action" in direct and "4. Umbrella groups of the community sector" in direct


def test_english_answers_spell_out_french_acronyms_a_reader_needs(shipped_assistant):
    """The unofficial translation says what « CA » and « OBNL » are (the acronyms stay, for the alignment check)."""
    answer = shipped_assistant.ask("Does autonomous community action require an independent board?")
    assert "independent board of directors (CA)" in answer.answer.split("French original")[0]


def test_others_in_the_same_borough_follow_the_last_directory_answer(shipped_assistant):
    session = ChatSession()
    shipped_assistant.ask("Le Comité logement Rosemont est membre de quelle table?", session=session)
    others = shipped_assistant.ask("y en a tu d'autres comités logement qui sont dans le même arrondissement?",
                                   session=session)
    assert others.route == "directory" and "Rosemont–La Petite-Patrie" in others.answer.split("\n")[0]
    assert "Comité logement de la Petite Patrie" in others.answer


def test_a_long_et_si_follow_up_returns_to_the_guide(shipped_assistant):
    session = ChatSession()
    shipped_assistant.ask("Nous sommes un OBNL de locataires, avec une assemblée générale et un CA indépendant. Dans "
                          "quel type de pratique est-ce qu'on se classe ?", session=session)
    hypothetical = shipped_assistant.ask("Et si on se mettait à faire de l'éducation populaire autonome, à mobiliser "
                                         "les gens du quartier et à faire des représentations auprès des élus, sans "
                                         "partisanerie, ça nous classerait où ?", session=session)
    assert hypothetical.route == "guide" and "défense collective des droits" in hypothetical.answer.split("\n")[0]


def test_where_is_it_words_are_not_part_of_the_name_looked_up(shipped_assistant):
    answer = shipped_assistant.ask("AAVNM est dans quel arrondissement?")
    assert answer.route == "directory" and "AAVNM (Artistes en arts visuels du nord de Montréal)" in answer.answer
    assert "(Montréal-Nord)" in answer.answer.split("\n")[1]


def test_we_are_a_centre_in_a_borough_describes_the_asker(shipped_assistant):
    answer = shipped_assistant.ask("Hi, we're a youth drop-in centre in Verdun. A City agent wants to sit on our board "
                                   "as an observer. Does the policy say anything about that?")
    assert answer.route == "documents" and "observer" in answer.answer.split("[1]")[0]


def test_which_n_things_counted_but_not_named_abstains_precisely(shipped_assistant):
    answer = shipped_assistant.ask("Quels sont les 14 regroupements qui ont déposé le mémoire de février 2020?")
    assert answer.abstained and answer.answer.startswith("Les documents en donnent le nombre, mais ne les nomment pas.")
    assert "14 regroupements" in answer.answer  # what they do say, marked as not an answer


def test_the_number_of_a_numbered_item_is_not_a_count_left_unnamed(shipped_assistant):
    # « 3. Développer des partenariats éthiques. » numbers the third principle: the three are named, not only counted
    answer = shipped_assistant.ask("what are the 3 guiding principles of the policy")
    assert not answer.abstained
    assert all(w in answer.answer.split("[1]")[0] for w in ("Recognise", "autonomy", "ethical partnerships"))


def test_a_named_organisations_tables_come_with_their_category_and_its_place(shipped_assistant):
    # the directory's row: « CDC de la Pointe – région Est de Montréal: Membres communautaires autonomes (ACA) »,
    # territory « Pointe-aux-Trembles et Montréal-Est »
    answer = shipped_assistant.ask("Carrefour familial les Pitchou, c'est membre de quelle table et dans quelle "
                                   "catégorie?")
    first = answer.answer.split("\n\n")[0]
    assert answer.route == "directory" and "CDC de la Pointe" in first
    assert "Membres communautaires autonomes (ACA)" in first and "Pointe-aux-Trembles" in first
    # (words between "which" and "category")
    answer = shipped_assistant.ask("Under which published member category is Carrefour familial les Pitchou listed?")
    assert "published category « Membres communautaires autonomes (ACA) »" in answer.answer


def test_what_borough_is_a_misspelt_name_in_goes_to_the_directory(shipped_assistant):
    # "what borough … in" are request words: the name left is « moison montreal », close to « Moisson Montréal »
    answer = shipped_assistant.ask("what borough is moison montreal in")
    assert answer.route == "directory" and "Moisson Montréal" in answer.answer and "Saint-Laurent" in answer.answer


def test_the_source_a_question_names_is_where_the_answer_comes_from(shipped_assistant):
    # the fact sheet says who sat on the committee; the presentation (slides) whom its members represent
    answer = shipped_assistant.ask("Selon la présentation, qui siège au comité de suivi?")
    assert answer.citations[0].source_id == "politique-action-communautaire" and "SDIS" in answer.answer.split("[1]")[0]
    answer = shipped_assistant.ask("Selon la fiche factuelle, qui siège au comité de suivi?")
    assert answer.citations[0].source_id == "fiche-politique-2021" and "RIOCM" in answer.answer.split("[1]")[0]


def test_which_of_those_fits_our_need_reads_the_need_not_the_listed_items(shipped_assistant):
    # the last answer's items (financial, professional, rental support) are what to choose from, not needs stated
    session = ChatSession()
    shipped_assistant.ask("What kinds of support can the City give a group like ours?", session=session)
    answer = shipped_assistant.ask("Which of those applies to us if we only need a room for our meetings?",
                                   session=session)
    assert answer.route == "guide" and answer.answer.startswith("“Rental support”")


def test_two_things_asked_together_get_both_lines(shipped_assistant):
    # slide 8: « Plus de 20 regroupements d'organismes communautaires » and « 6 corporations de développement
    # communautaire » on two lines; the question asks for both
    answer = shipped_assistant.ask("Combien y a-t-il de regroupements et de CDC aujourd'hui?")
    first = answer.answer.split("[1]")[0]
    assert "20 regroupements" in first.replace("**", "") and "6 corporations" in first.replace("**", "")


def test_the_support_and_form_the_need_names_come_first(shipped_assistant):
    # room, space, rent (rental support) outweigh « pay » (financial support)
    answer = shipped_assistant.ask("Can the city rent us a room or a space for cheaper than what we'd pay elsewhere?")
    assert answer.route == "guide" and answer.answer.split("\n")[0].startswith("**Yes**. “Rental support”")
    # the form asked about (the mission) before the financial support's general description
    first = shipped_assistant.ask("Est-ce que la Ville peut financer notre mission et pas juste des projets?").answer
    assert first.index("volets de la mission") < first.index("Dans le cadre de programmes")


def test_an_organisation_found_earlier_is_taken_up_by_a_word_of_its_name(shipped_assistant):
    # « le théâtre, lui » two turns after « Théâtre Outremont » was found; « en français maintenant : » switches
    session = ChatSession()
    shipped_assistant.ask("which neighbourhood table is theatre outremont in", session=session)
    shipped_assistant.ask("how many orgs does that table list?", session=session)
    answer = shipped_assistant.ask("ok en francais maintenant: pis le theatre lui, il est membre de quelle categorie?",
                                   session=session)
    assert answer.language == "fr" and answer.answer.startswith("Théâtre Outremont est membre de 1 table")
    assert "Membre associatif" in answer.answer


@pytest.mark.parametrize("question,name", [
    # a table named by the core of its name (« Action-Gardien »), kinds offered as alternatives, no « Oui »
    ("le YMCA de Pointe-St-Charles, c'est un membre ou un partenaire d'Action-Gardien?", "YMCA Pointe-Saint-Charles"),
    # an acronym two organisations share (« GRAME »): the one the table named lists
    ("is GRAME a full member of Action-Gardien in Pointe-Saint-Charles, or just a partner?", "(GRAME)")])
def test_member_or_partner_of_a_table_is_answered_by_its_published_category(shipped_assistant, question, name):
    answer = shipped_assistant.ask(question)
    first = answer.answer.split("\n")[0]
    assert answer.route == "directory" and name in first and answer.yes_no is None
    assert "CDC Action-Gardien de Pointe-Saint-Charles — " in answer.answer and "« Partenaires officiels »" in answer.answer


def test_a_list_in_a_place_gives_each_organisation_its_tables_there(shipped_assistant):
    # « Accueil aux immigrants de l'est de Montréal » sits at four tables in three boroughs: in a list for Anjou, its
    # Anjou table and how many others — every table and borough on each line pushed the later names past 300 characters
    answer = shipped_assistant.ask("quels organismes ACA (action communautaire autonome) sont listés dans Anjou?")
    first = answer.answer.split("\n")[1]
    assert answer.route == "directory" and first.startswith("- Accueil aux immigrants de l'est de Montréal")
    assert "Concertation Anjou (+ 3 autre(s) table(s))" in first and "Saint-Léonard" not in first
    assert "(AQDR-PDÎ)" in answer.answer[:300]


def test_which_members_of_a_table_are_of_a_kind(shipped_assistant):
    # "members … are" is how it is asked; "businesses" is the membership kind (Solidarité Mercier-Est lists three)
    answer = shipped_assistant.ask("which members of Solidarité Mercier-Est are businesses?")
    assert answer.route == "directory" and "Les Draperies de l'Est" in answer.answer


def test_a_new_subject_with_no_predicate_of_its_own_takes_the_earlier_one(shipped_assistant):
    # « c'était quand ? » says no more than "when": the earlier question's event (the adoption), for the policy
    session = ChatSession()
    shipped_assistant.ask("c quand l'adoption de la déclaration de reconnaissance des groupes communautaires?",
                          session=session)
    answer = shipped_assistant.ask("et la politique elle, c'était quand ?", session=session)
    assert "14 juin 2021" in answer.answer.split("[1]")[0]


def test_an_english_fragment_takes_the_verb_its_earlier_question_asked_with(shipped_assistant):
    # "when did Montreal adopt …?" then "and the actual policy?": the adoption (« adopt », a base verb after "did"),
    # for the policy — not any date near the policy
    session = ChatSession()
    shipped_assistant.ask("when did Montreal adopt its declaration recognizing community organizations?", session=session)
    answer = shipped_assistant.ask("and the actual policy?", session=session)
    assert "14 June 2021" in answer.answer.split("[1]")[0]


def test_a_which_noun_fragment_asks_its_own_question_about_the_last_topic(shipped_assistant):
    # « pour quels mandats ? » after who represents the sector on the committee: which terms, on that committee —
    # not the earlier « qui … » asked of « mandats » (the City's one-off mandates, on another slide)
    session = ChatSession()
    shipped_assistant.ask("qui represente le milieu communautaire au comite de suivi de la politique?", session=session)
    answer = shipped_assistant.ask("pour quels mandats?", session=session)
    assert "2021-2023" in answer.answer.split("[1]")[0]


def test_a_unit_that_says_how_the_draft_differed_answers_whether_it_changed(shipped_assistant):
    # « (le projet disait seulement « respecter ») »: the wording changed — yes to "did it change?", no to "the same?"
    same = shipped_assistant.ask("Is principle 2 worded the same in the adopted 2021 version as in the draft?")
    assert same.yes_no == "no"
    _, changed = converse(shipped_assistant, "c'est quoi les principes directeurs de la version adoptée?",
                          "le 2e a tu changé dans la version finale?")
    assert changed.yes_no == "yes" and "valoriser" in changed.answer.split("[1]")[0]


def test_whether_a_promise_was_kept_is_answered_by_what_happened_after_it(shipped_assistant):
    # the Declaration promised a policy « dès 2019 »; "did they pull that off in 2019?" after it is answered by the
    # policy's adoption in 2021 — not by the Declaration's own adoption (2018, before the promise's year) nor by the
    # promise itself
    *_, kept = converse(shipped_assistant, "when did montreal adopt its declaration recognizing community orgs?",
                        "what did the city commit to doing with it?", "and did they actually pull that off in 2019?")
    assert kept.yes_no == "no" and "14 June 2021" in kept.answer.split("[1]")[0]
    # asked whether the City committed to it, the promise answers
    promised = shipped_assistant.ask("When it adopted the Declaration, did the City commit to adopting a community "
                                     "recognition policy as early as 2019?")
    assert promised.yes_no == "yes" and "2019" in promised.answer.split("[1]")[0]


def test_a_longer_question_that_ends_on_a_pronoun_follows_the_last_one(shipped_assistant):
    # "… in it?" names the last thing (the Declaration) at its end, eleven words in: what it promised
    _, promised = converse(shipped_assistant,
                           "when did Montreal's council adopt the declaration recognizing community orgs?",
                           "and what did the city promise to do next in it?")
    assert promised.resolved_question != "and what did the city promise to do next in it?"
    assert "as early as 2019" in promised.answer.split("[1]")[0]


def test_a_question_that_names_how_often_is_answered_by_how_often(shipped_assistant):
    # « Il produit un bilan triennal » says how often; the 2025 line on the committee's mandate does not
    answer = shipped_assistant.ask("Must the follow-up committee put out a report every year?")
    assert answer.yes_no == "no" and "triennial report" in answer.answer.split("[1]")[0]


def test_what_the_city_promised_is_its_commitments_listed(shipped_assistant):
    # « la ville avait promis quoi ? » asks for the Declaration's commitments, not the line that recalls one
    answer = shipped_assistant.ask("en 2018, la ville avait promis quoi au juste?")
    first = answer.answer.split("[1]")[0]
    assert "dès 2019" in first and "première municipalité" in first


@pytest.mark.parametrize("question", ["le chainonn c'est membre de quelle table?", "which table is the chainon on?"])
def test_which_table_for_a_misspelt_name_gives_its_tables(shipped_assistant, question):
    # « quelle table », "which table", "the": how the question is put, not the name (« Le Chaînon »)
    answer = shipped_assistant.ask(question)
    assert answer.route == "directory" and re.match(r"Le Chaînon (est membre|is a member) de|Le Chaînon is a member",
                                                      answer.answer) and "CDC Plateau-Mont-Royal" in answer.answer


@pytest.mark.parametrize("question,first", [
    ("c'est quoi le SDIS?", "**SDIS** : Service de la diversité et de l'inclusion sociale"),
    ("What does SDIS stand for?", "**SDIS**: Service de la diversité et de l'inclusion sociale"),
    ("what is the RAFSSS?", "**RAFSSS**: Réseau d'action des femmes en santé et services sociaux")])
def test_an_acronym_asked_about_opens_with_what_its_letters_stand_for(shipped_assistant, question, first):
    # the unit names it in full before the parenthesis: « … par le Service de la diversité et de l'inclusion
    # sociale (SDIS) »
    assert shipped_assistant.ask(question).answer.startswith(first)


def test_it_after_a_which_body_answer_is_that_body(shipped_assistant):
    # "Which body ran it?" is answered by a line naming the Commission permanente: "it" then means the Commission
    *_, answer = converse(shipped_assistant,
                          "When did the public consultation on the policy start?",
                          "Which body was in charge of it?",
                          "When did it hand in its report?")
    assert "September 2020" in answer.answer.split("[1]")[0].replace("**", "")


@pytest.mark.parametrize("question,name", [
    ("ecomusé du fier monde c'est dans quelle table de quartier?", "Écomusée du fier monde"),
    # a dotted acronym is matched without its dots (« P.O.P.I.R. »)
    ("popir comite logment - which neighbourhood tables is it on?", "P.O.P.I.R. – Comité Logement")])
def test_a_misspelt_name_before_which_table_is_looked_up(shipped_assistant, question, name):
    answer = shipped_assistant.ask(question)
    assert answer.route == "directory" and answer.answer.startswith(name)


@pytest.mark.parametrize("question", [
    # « 13 novembre 2019 » dates the consultation: its day of the month is no count of people
    "Combien de personnes ont participé à la consultation publique lancée en novembre 2019?",
    # « environ 800 organismes … financés par le gouvernement du Québec »: funded by Québec, not by the City
    "How many community organisations in Montréal get funding from the City itself?"])
def test_a_count_the_documents_do_not_give_abstains_precisely(shipped_assistant, question):
    answer = shipped_assistant.ask(question)
    assert answer.abstained and answer.answer.startswith(("Les documents ne donnent pas ce nombre.",
                                                          "The documents do not give this number."))


def test_a_count_is_bolded_with_the_counted_word_only(shipped_assistant):
    # French puts the counted noun after the number (« **20 regroupements** »); English may put an adjective there
    # ("**20** umbrella groups"), which is not what was counted
    english = shipped_assistant.ask("How many groupings and community development corporations are there today?")
    assert "More than **20** umbrella groups" in english.answer
    french = shipped_assistant.ask("Combien y a-t-il de regroupements et de CDC aujourd'hui?")
    assert "**20 regroupements**" in french.answer


def test_the_sentence_that_holds_the_question_beats_a_list_that_shares_a_word(shipped_assistant):
    # three items of « La Ville reconnaît : … » share "organisations"; the commitment on observer status holds the
    # guidelines and the boards the question asks about
    answer = shipped_assistant.ask("Under the autonomy principle, what guidelines does the City commit to drawing up "
                                   "regarding organisations' boards of directors?")
    assert "observer status" in answer.answer.split("[1]")[0] and "statut d'observateur" in answer.citations[0].quote


def test_a_list_question_dated_by_a_decade_keeps_the_line_of_that_decade(shipped_assistant):
    # « genres de groupes » names a noun that the practice types' labels hold too ("umbrella groups"); the decade
    # asked about is only in the history slide's line
    answer = shipped_assistant.ask("quels genres de groupes ont vu le jour dans les annees 60 a montreal?")
    assert answer.answer.startswith("- Années 60 : comités de citoyens-citoyennes, ACEF")


def test_a_name_typed_without_its_linking_words_is_looked_up(shipped_assistant):
    # « Bouffe-Action de Rosemont » typed « bouffe action rosemont »; the borough asked for is where it is listed
    answer = shipped_assistant.ask("bouffe action rosemont c'est dans quel arrondissement?")
    assert answer.route == "directory"
    first = answer.answer.split("[1]")[0]
    assert "Bouffe-Action de Rosemont — CDC de Rosemont" in first and "(Rosemont–La Petite-Patrie)" in first


def test_mtl_is_read_as_montreal_in_a_place_name(shipped_assistant):
    # « mtl-nord » is Montréal-Nord (the organisation « MTL NORD » is not what « organismes en logement à » asks)
    answer = shipped_assistant.ask("organismes en logement a mtl-nord?")
    assert answer.route == "directory" and "(Montréal-Nord)" in answer.answer.split("\n")[0]
    assert answer.answer.split("\n")[1].startswith("- Comité logement Montréal-Nord")


def test_a_name_shortened_to_its_first_words_is_looked_up_on_every_record(shipped_assistant):
    # « l'ACEF du Nord » for « ACEF du Nord de Montréal »; « elle est inscrite à » asks for its tables. Its three
    # records (the name is spelled three ways) are all listed, with their four tables.
    answer = shipped_assistant.ask("L'ACEF du Nord, elle est inscrite à quelles tables de quartier?")
    assert answer.route == "directory"
    for table in ("Regroupement des tables de concertation de la Petite-Patrie", "Solidarité Ahuntsic",
                  "CLIC de Bordeaux-Cartierville", "CDC Solidarités Villeray"):
        assert table in answer.answer


def test_they_after_a_directory_list_are_the_organisations_listed(shipped_assistant):
    # « eux autres » points at the organisations just found: their tables, not a search for the words
    session = ChatSession()
    shipped_assistant.ask("ya quoi comme groupes en environnement a lasalle?", session=session)
    tables = shipped_assistant.ask("pis ils sont membres de quelle table eux autres?", session=session)
    assert not tables.abstained and "Eau vive LaSalle — Table de développement social de LaSalle" in tables.answer
    verdun = shipped_assistant.ask("et a verdun?", session=session)
    assert not verdun.abstained and "Concertation en développement social de Verdun" in verdun.answer.split("[1]")[0]


def test_a_long_question_about_what_repere_named_is_a_follow_up(shipped_assistant):
    # "the first group you named" points two answers back, at the bodies the first answer named, however long the
    # question is
    *_, answer = converse(shipped_assistant,
                          "Which organisations represented the community sector on the policy follow-up committee?",
                          "and when did it meet for the first time?",
                          "is the first group you named in the directory? which round table lists it?")
    assert answer.route == "directory" and "(RIOCM)" in answer.answer.split("\n")[0]
    assert "CDC Action-Gardien de Pointe-Saint-Charles" in answer.answer


def test_a_possessive_names_the_owner_not_the_things_listed(shipped_assistant):
    # "the policy's main goals" asks for the goals (« Buts : »), not for a list about the policy
    answer = shipped_assistant.ask("what are the policy's main goals?")
    assert answer.answer.startswith("Goals:") and "Make official the framework" in answer.answer.split("[1]")[0]


def test_which_box_are_we_in_asks_for_our_practice_type(shipped_assistant):
    # « dans quelle case » is « dans quelle catégorie », said loosely: the guide names the type the criteria fit
    answer = shipped_assistant.ask("notre groupe fait de l'educ pop, de la mobilisation pis des representations "
                                   "politiques (non partisanes). on est dans quelle case selon la ville?")
    assert answer.route == "guide" and answer.answer.startswith("Type 3 « La défense collective des droits »")


@pytest.mark.parametrize("question", [
    "Quelle citation conclut la présentation de la politique?",
    "c qui le gars cite a la toute fin de la presentation de la politique?",
    "what quote is at the very end of the presentation?"])
def test_the_quotation_a_document_ends_on(shipped_assistant, question):
    # the last unit of the last slide, wherever the close candidates were; a quotation asked for is the evidence
    answer = shipped_assistant.ask(question)
    assert not answer.abstained and "Paul Valéry" in answer.answer.split("[1]")[0]


def test_the_category_at_the_table_a_follow_up_places_it(shipped_assistant):
    # « y'est » is « il est »: the one organisation just found; « à RDP » puts that place's table first, with the
    # category it publishes
    *_, answer = converse(shipped_assistant,
                          "batir son quartier c membre de la table de st-michel?",
                          "pis à RDP, y'est classé dans quelle catégorie?")
    assert answer.route == "directory" and answer.answer.split("\n")[1].startswith(
        "- CDC Rivière-des-Prairies — catégorie publiée « Catégorie A")


def test_set_phrases_name_nothing_asked_about(shipped_assistant):
    # "actually" weighed as a word no document uses (and "in practice" as the practice types): the goals are asked
    answer = shipped_assistant.ask("what is the policy actually trying to accomplish? its main goals")
    assert not answer.abstained and "Make official the framework" in answer.answer.split("[1]")[0]


def test_what_a_term_refers_to_is_answered_by_the_unit_that_uses_it(shipped_assistant):
    # « à quoi renvoie le terme » names no topic: « subsidiarité » is the question's only word, and the slide holds it
    answer = shipped_assistant.ask("Dans la présentation, à quoi renvoie le terme « subsidiarité » ?")
    assert not answer.abstained and "gestion d'enveloppes budgétaires (subsidiarité)" in answer.answer.split("[1]")[0]


def test_a_follow_up_with_ca_as_its_subject_is_a_yes_no_question(shipped_assistant):
    # « ça venait avec … ? » asks yes or no like « elle venait avec … ? »: the sheet says no new envelope was found
    *_, answer = converse(shipped_assistant,
                          "c quand que la ville a adopte sa politique pour le communautaire?",
                          "ok pis ca venait avec de l'argent neuf?")
    assert answer.yes_no == "no" and "Aucune enveloppe budgétaire nouvelle" in answer.answer.split("[1]")[0]


def test_which_support_opens_with_the_support_even_when_eligibility_is_half_known(shipped_assistant):
    # the question asks for a kind of support: it comes first, the eligibility it still depends on after
    answer = shipped_assistant.ask("small nonprofit here, we need training and coaching for our board. what kind of "
                                   "support from the city would that be?")
    assert answer.route == "guide" and answer.answer.startswith("“Professional support”")


def test_a_follow_up_that_states_another_need_gets_that_support(shipped_assistant):
    # the earlier need (training) is the topic the follow-up borrowed; its own need (a room) decides
    *_, answer = converse(shipped_assistant,
                          "small nonprofit here, we need training and coaching for our board. what kind of support "
                          "from the city would that be?",
                          "and if we need a room for our weekly activities?")
    assert answer.route == "guide" and "“Rental support”" in answer.answer.split("\n")[0]


def test_co_ops_typed_fast_ask_for_the_business_members_of_a_table(shipped_assistant):
    # "co-ops" is the English short form of the category « Entreprises ou coopératives »; "r" is "are"
    answer = shipped_assistant.ask("which businesses or co-ops r members of solidarite mercier-est?")
    assert answer.route == "directory" and not answer.abstained
    assert "Coopérative funéraire du Grand-Montréal" in answer.answer and "Les Draperies de l'Est" in answer.answer


def test_which_of_them_are_sympathizing_members_filters_the_table_by_its_category(shipped_assistant):
    *_, answer = converse(shipped_assistant,
                          "which neighbourhood table is theatre outremont in",
                          "how many orgs does that table list?",
                          "which of them r just 'sympathizing' members?")
    assert answer.route == "directory" and "**5** member(s)" in answer.answer.splitlines()[0]
    assert "Desjardins" in answer.answer and "Théâtre Outremont" not in answer.answer


@pytest.mark.parametrize("question,opening", [
    ("Sur quelle diapositive la présentation parle-t-elle de la défense collective des droits?", "**Diapositive 10** — "),
    ("On which slide are the guiding principles?", "**Slide 13** — ")])
def test_which_slide_is_answered_by_the_slide_first(shipped_assistant, question, opening):
    answer = shipped_assistant.ask(question)
    assert answer.answer.startswith(opening) and answer.citations[0].page == int(opening.split()[1].strip("*"))


@pytest.mark.parametrize("question", ["what happened in Montreal's community sector in the 1990s according to the deck?",
                                      "Qu'est-ce qui s'est passé dans le milieu communautaire montréalais dans les "
                                      "années 90 ?"])
def test_a_question_about_a_decade_is_answered_by_the_line_of_that_decade(shipped_assistant, question):
    # the Declaration's list of what organisations contribute to shares "community" and "Montréal"; only the
    # history slide's line is about the 90s
    answer = shipped_assistant.ask(question)
    assert "RIOCM" in answer.answer.split("[1]")[0] and "Années 90" in answer.citations[0].quote


@pytest.mark.parametrize("question", ["La politique montréalaise a été faite en concordance avec quelle politique "
                                      "gouvernementale, et de quelle année?",
                                      "The 2021 policy was developed in line with which government policy, from "
                                      "what year?"])
def test_what_year_is_answered_by_a_year_as_fully_as_by_a_day(shipped_assistant, question):
    # « 14 juin 2021 » (the adoption) has a fuller date than « de 2001 », but the year is what is asked
    answer = shipped_assistant.ask(question)
    assert "2001" in answer.answer.split("[1]")[0] and "concordance" in answer.citations[0].quote


@pytest.mark.parametrize("question,no", [
    ("La Ville avait promis sa politique pour 2019. L'a-t-elle vraiment adoptée en 2019 ?", "Non"),
    ("Did the City actually adopt its community action policy in 2019, as it had promised?", "No")])
def test_a_promise_for_a_year_is_not_a_yes_to_whether_it_happened_then(shipped_assistant, question, no):
    # « adopter dès 2019 » is the plan; the policy was adopted on 14 June 2021
    answer = shipped_assistant.ask(question)
    assert answer.yes_no == "no" and answer.answer.startswith(f"**{no}**")
    assert re.search(r"14 (juin|June) 2021", answer.answer.split("[1]")[0])


def test_an_event_of_the_year_asked_is_still_a_yes(shipped_assistant):
    answer = shipped_assistant.ask("Was the Montréal community action policy adopted in 2021?")
    assert answer.yes_no == "yes" and "14 June 2021" in answer.answer.split("[1]")[0]


def test_what_exactly_the_city_commits_to_is_its_list_of_commitments(shipped_assistant):
    # "exactly" between "what" and "does": still a request for the commitments, not for the principle's statement
    answer = shipped_assistant.ask("Under principle 2 (respecting autonomy), what exactly does the City commit to?")
    first = answer.answer.split("[1]")[0]
    assert "observer status" in first and "invited" in first and "Engagements" in answer.citations[0].section


@pytest.mark.parametrize("question,label", [
    ("What are the exact criteria for practice type 1 (\"action communautaire\") in the policy slides?", "1. Community action"),
    ("c'est quoi les criteres exacts du type 3 de pratiques?", "3. La défense collective des droits")])
def test_the_list_numbered_as_the_question_names_it_answers_alone(shipped_assistant, question, label):
    # « type 1 » names one numbered list; its siblings (types 2 to 4) are not asked for
    answer = shipped_assistant.ask(question)
    first = answer.answer.split("[1]")[0]
    assert first.startswith(label) and "[2]" not in answer.answer
    assert not re.search(r"(?m)^[24]\. ", first)


def test_a_numbered_principle_is_not_the_list_item_of_that_number(shipped_assistant):
    # a principle is numbered in its own title, not by a list: « principe 1 » is not « 1. L'action communautaire »
    answer = shipped_assistant.ask("principe 1, c'est quoi les engagements?")
    assert answer.answer.startswith("Engagements") and "(P1-E1)" in answer.answer.split("[1]")[0]


def test_a_follow_up_that_names_the_other_document_gets_that_documents_date(shipped_assistant):
    # the Declaration's adoption cites « riocm.org/bulletin/politique-montrealaise-… »: the word in its source's web
    # address does not make it about the policy
    *_, answer = converse(shipped_assistant, "la déclaration de reconnaissance des groupes communautaires, c'est qui qui "
                                             "l'a adoptée?", "et elle date de quand ?",
                          "pis la politique qui a suivi, elle a été adoptée quand?")
    assert "14 juin 2021" in answer.answer.split("[1]")[0]


def test_a_fragment_after_a_documents_answer_continues_it(shipped_assistant):
    # « CDC » names organisations in the directory too; after a count from the slide, the slide's next count answers
    # (the topic borrowed from the turns before holds « groupes », a word that asks the directory for organisations)
    *_, answer = converse(shipped_assistant, "dans les années 70-80, quel genre de groupes communautaires sont apparus "
                                             "à Montréal?", "et aujourd'hui ya combien de regroupements?", "pis des CDC?")
    assert answer.route == "documents" and "6 corporations" in answer.answer.split("[1]")[0]


def test_a_question_about_two_decades_gets_their_line_not_the_whole_history(shipped_assistant):
    answer = shipped_assistant.ask("dans les années 70-80, quel genre de groupes communautaires sont apparus à Montréal?")
    first = answer.answer.split("[1]")[0]
    assert first.lstrip("- ").startswith("Années 70 et 80") and "Années 60" not in answer.answer


def test_a_decade_follow_up_replaces_both_decades_of_the_last_question(shipped_assistant):
    # "the 70s and 80s" is one time: "what about the 90s?" replaces all of it, not "70s" alone ("the 90s and 80s")
    *_, answer = converse(shipped_assistant, "What Montréal community achievements from the 1960s does the presentation "
                                             "mention?", "And in the 70s and 80s?", "What about the 90s?")
    assert "80s" not in answer.resolved_question and "RIOCM" in answer.answer.split("[1]")[0]


def test_a_record_without_a_borough_is_placed_by_its_tables_territory(shipped_assistant):
    # the directory gives this organisation no borough of its own, only the multi-city territory of its table
    answer = shipped_assistant.ask("Centre des Femmes de Montréal-Est / Pointe-aux-Trembles: what territory and table "
                                   "does the directory give?")
    line = next(ln for ln in answer.answer.splitlines() if ln.startswith("- Centre des Femmes de Montréal-Est"))
    assert "CDC de la Pointe" in line and "(territory: Pointe-aux-Trembles et Montréal-Est)" in line


def test_a_clause_of_time_before_the_question_does_not_make_it_a_when_question(shipped_assistant):
    # « Quand la déclaration a été adoptée en 2018, … » sets the time; « quel regroupement … ? » is asked
    answer = shipped_assistant.ask("Quand la déclaration a été adoptée en 2018, quel regroupement était parmi ceux "
                                   "invités?")
    assert "RAPSIM" in answer.answer.split("[1]")[0]


@pytest.mark.parametrize("question,name", [
    ("santropol rouland - which round tables is it part of?", "Santropol Roulant"),  # a lone dash, a typo
    ("frigo de l est, what borough is that in?", "Frigo de l'Est"),  # an elision typed without its apostrophe
    ("frigo de l est c'est dans quel arrondissement?", "Frigo de l'Est"),
    ("Le frigo de l'est c'est dans quel arrondissement?", "Frigo de l'Est"),  # an article the name does not have
    ("philo box c'est sur quelle table de quartier?", "Philo-Boxe"),  # a dash typed as a space, a letter dropped
    # a count asked for is no part of the name
    ("la fondation de la visitte est membre de combien de tables?", "Fondation de la Visite est membre de 7"),
    # « mtl-nord » is the place, not the member named « MTL NORD »
    ("organismes en logement a mtl-nord?", "Comité logement Montréal-Nord"),
    # a remark in brackets after the question is no part of the name; a name in brackets is
    ("L'ACEF du Nord, elle est inscrite à quelles tables? (toutes les fiches svp, le nom varie)", "ACEF du Nord"),
    # where the answer is looked for is no part of the name: « selon l'annuaire »
    ("Moison Montréal c'est dans quel arrondissement selon l'annuaire?", "Moisson Montréal"),
    ("Under which member category does the CDC de la Pointe – région Est de Montréal list ALPHA (Association "
     "d'entraide des personnes handicapées physiques de Montréal)?", "(ALPHA) is a member")])
def test_a_name_typed_in_a_hurry_is_looked_up_in_the_directory(shipped_assistant, question, name):
    answer = shipped_assistant.ask(question)
    assert answer.route == "directory" and name in answer.answer.split("[1]")[0]


@pytest.mark.parametrize("question,says", [
    ("who's the current executive director of the RIOCM?", "name no one"),
    ("what's the max $ amount a group can get through the city's financial support?", "give no amount"),
    # a count of people: the slide counts organisations, and the decades of its history (« Années 60 ») count nothing
    ("How many people work or volunteer in Montréal's community sector?", "do not give this number"),
    # a leader is a person: the fact sheet says the opposition backed it, and names no one
    ("c'est qui le chef de l'opposition qui a appuyé la déclaration?", "ne nomment personne")])
def test_a_person_or_an_amount_the_documents_do_not_give_is_refused_precisely(shipped_assistant, question, says):
    answer = shipped_assistant.ask(question)
    assert answer.abstained and says in answer.answer.splitlines()[0]


@pytest.mark.parametrize("questions,expected", [
    (("Principe 2 de la politique : quels sont les engagements de la Ville?", "Et le suivant, il porte sur quoi?"),
     "Principe 3"),
    (("What are the City's commitments under principle 1?", "and the next one?"), "observer status")])
def test_the_next_one_is_the_numbered_thing_after_the_one_named(shipped_assistant, questions, expected):
    *_, answer = converse(shipped_assistant, *questions)
    assert re.search(r"(?i)principle 2|principe 3", answer.resolved_question)
    assert expected in answer.answer.split("[1]")[0] + answer.citations[0].section


def test_an_ordinal_naming_another_thing_than_the_last_list_asks_about_that_thing(shipped_assistant):
    """After a list of commitments under the principle on autonomy, « le 3e principe » is principle 3 (its
    commitments), not the third commitment; after a list of types, « le 2e type » is still the list's second item."""
    *_, answer = converse(shipped_assistant, "Quels sont les engagements de la Ville sous le principe sur l'autonomie?",
                          "et pour le 3e principe?")
    assert "principe 3" in answer.resolved_question and "(P3-E1)" in answer.answer
    *_, item = converse(shipped_assistant, "quels sont les types de pratiques?", "et le 2e type?")
    assert item.answer.startswith("2. L'action communautaire autonome")


def test_a_bare_new_subject_takes_the_earlier_question_for_itself(shipped_assistant):
    """« pis la politique elle ? » after the Declaration's adoption date: the policy's adoption date — the new
    document replaces the one the earlier question named, whose words are not borrowed."""
    *_, answer = converse(shipped_assistant, "C'est quand que la déclaration a été adoptée?", "pis la politique elle?")
    assert "14 juin 2021" in answer.answer.split("[1]")[0] and "clar" not in fold(answer.resolved_question)


def test_the_same_question_in_the_other_language_gives_the_same_answer(shipped_assistant):
    """« en français svp, la même question »: the units of the English answer, in French — not a new search that
    finds another unit (the committee's two terms) and turns the « No » into a « Oui »."""
    *_, english, french = converse(shipped_assistant,
                                   "Which groups represented the community sector on the policy's follow-up committee?",
                                   "when did it first meet?", "is its mandate still running or was it renewed?",
                                   "en français svp, la même question")
    assert english.yes_no == "no" and french.yes_no == "no" and french.language == "fr"
    assert french.citations[0].unit_ids == english.citations[0].unit_ids


def test_kinds_of_support_asked_after_a_description_are_listed(shipped_assistant):
    """"What kinds of support can the City give groups like us?" asks for every kind, whatever the asker says of
    itself (a tenants' association in Verdun is not a directory search); then "the second one" is one of them."""
    first, second = converse(shipped_assistant, "Hi, we're a small tenants' association in Verdun. What kinds of "
                             "support can the City give groups like us?", "what does the second one actually include?")
    assert first.route == "documents" and "Rental support" in first.answer.split("[1]")[0]
    assert "Accompaniment" in second.answer.split("[1]")[0]
    # "kinds of help", after a description: every kind too, not the support-fit guide's reading of the description
    for question in ("Hi, we're a small food bank nonprofit in Verdun. What kinds of help can we get from the City "
                     "under its community policy?", "Besides cash, what other kinds of help can the City give "
                     "community groups?"):
        kinds = shipped_assistant.ask(question)
        assert kinds.route == "documents" and "Professional support" in kinds.answer.split("[1]")[0]
    # one form, for the situation described, is still chosen
    form = shipped_assistant.ask("The City asked us to deliver a specific service it considers a priority for a few "
                                 "months. What form of support is that?")
    assert "one-off mandates" in form.answer.split("[1]")[0] and "Rental support" not in form.answer


def test_there_is_the_place_the_conversation_named_whatever_answered(shipped_assistant):
    """The place said while asking whether the policy covers us is where "there" points next, though the guide (not
    the directory) answered; the round tables of a place are listed as such, a request for « la liste complète »
    after the question included."""
    first, there = converse(shipped_assistant, "We're a registered nonprofit rooted in Parc-Ex, with members and a "
                            "real AGM, and we decide our own mission. Are we the kind of group the City's policy covers?",
                            "and which neighbourhood table covers us there?")
    assert first.route == "guide"
    assert there.route == "directory" and "Table de quartier de Parc-Extension" in there.answer
    tables = shipped_assistant.ask("Quelles tables de quartier couvrent le Sud-Ouest? J'ai besoin de la liste "
                                   "complète pour une invitation.")
    assert "4 table(s) de quartier" in tables.answer and "Concertation Ville-Émard/Côte-St-Paul" in tables.answer
    # « notre coin »: the asker's own place, said two questions before
    *_, ours = converse(shipped_assistant, "Salut! on est un petit OBNL à Montréal-Nord, la Ville peut nous soutenir "
                        "de quelles façons?", "ok merci. pis c'est quoi la table de quartier pour notre coin?")
    assert ours.route == "directory" and "Table de quartier de Montréal-Nord" in ours.answer.split("\n\n")[0]


def test_the_decade_before_is_the_earlier_question_one_decade_earlier(shipped_assistant):
    first, before = converse(shipped_assistant, "what kinds of community groups popped up in Montreal in the 1970s and "
                             "1980s according to the City?", "what about the decade before that?")
    assert "1960s" in before.resolved_question and "citizens' committees" in before.answer.split("[1]")[0]


def test_a_yes_no_question_about_what_the_asker_only_owns_is_no_support_fit(shipped_assistant):
    """« … vient-elle remplacer nos politiques de reconnaissance locales ? » asks about the policy, not about the
    asker's organisation: the documents answer (the support-fit guide read a need for premises in « locales »)."""
    answer = shipped_assistant.ask("Question d'un collègue en arrondissement : la politique montréalaise vient-elle "
                                   "remplacer nos politiques de reconnaissance locales?")
    assert answer.route == "documents" and "locatif" not in answer.answer


def test_a_word_of_the_names_of_a_place_s_organisations_asks_the_directory(shipped_assistant):
    """"any acef in lachine??": « acef » is a word of the names of organisations listed at Lachine (lower case, so no
    acronym look-up): the directory, not the documents' history slide that also names ACEFs."""
    answer = shipped_assistant.ask("any acef (consumer / budget help) in lachine?? need help w/ debt")
    assert answer.route == "directory" and "ACEF du Sud-Ouest de Montréal" in answer.answer


def test_a_unit_about_another_funder_does_not_answer_about_what_the_city_funds(shipped_assistant):
    """"What does the City ask of the organisations it funds?": not « Environ 800 organismes … financés par le
    gouvernement du Québec » nor « … financés autrement », which share the word but not the funder."""
    answer = shipped_assistant.ask("What does the City ask of the organisations it funds?")
    assert "accountability" in answer.answer.split("[1]")[0] and "800" not in answer.answer


def test_the_units_of_the_best_sections_are_candidates_whatever_their_own_rank(shipped_assistant):
    """The slide on autonomy is among the best sections for « se mêler de la gestion interne »; its commitment not to
    take part in the management of organisations ranks too low in the unit search alone, but is a candidate."""
    explained = shipped_assistant.explain("La Ville peut-elle se mêler de la gestion interne de notre organisme ?")
    assert any("ne pas participer à la détermination du fonctionnement" in c["text"]
               for c in explained["candidates"])


def test_what_about_another_place_searches_the_same_thing_there(shipped_assistant):
    *_, answer = converse(shipped_assistant, "are there any ACEFs in the directory for Ahuntsic-Cartierville?",
                          "what about in the Sud-Ouest borough?")
    assert answer.route == "directory" and "ACEF Sud-Ouest" in answer.answer.split("[1]")[0]


def test_the_money_one_is_the_kind_of_support_the_guide_s_words_name(shipped_assistant):
    """"the money one" after the kinds of support (and another turn since): financial support, named by the
    support-fit guide's own words for it."""
    *_, answer = converse(shipped_assistant, "What kinds of support does the City offer?", "what about the second one?",
                          "and the money one, in what framework is it given?")
    assert "« Financial support »" in answer.resolved_question
    assert "specific budgets" in answer.answer.split("[1]")[0]


def test_or_not_is_an_alternative_not_a_negation(shipped_assistant):
    """« … ou pas pantoute ? » offers the other answer; it does not negate the question, whose answer is « Non »."""
    answer = shipped_assistant.ask("la politique communautaire de mtl adoptée en 2021, ça amenait tu du nouvel argent "
                                   "pour les groupes ou pas pantoute?")
    assert answer.yes_no == "no" and "Aucune enveloppe" in answer.answer.split("[1]")[0]


def test_an_english_subject_taken_up_by_a_pronoun_is_the_new_subject(shipped_assistant):
    """"the values, did those change too?" names its subject: the earlier turns' words are not added to it."""
    *_, answer = converse(shipped_assistant, "What are the guiding principles in the version adopted in 2021?",
                          "the values, did those change too?")
    assert answer.resolved_question == "the values, did those change too?"
    # (« Les valeurs restent … »: what the adopted version says of them)
    assert "transparency" in answer.answer.split("[1]")[0].lower() and answer.yes_no == "no"


def test_a_count_of_one_published_category_at_a_table(shipped_assistant):
    *_, answer = converse(shipped_assistant, "How many members does the CDC Rivière-des-Prairies have?",
                          "How many organisations does that table list as observers?")
    assert answer.route == "directory" and "**3**" in answer.answer.splitlines()[0]
    assert "Observateurs" in answer.answer.splitlines()[0] and answer.answer.count("[") == 3  # the three, named


def test_a_language_switch_with_its_reason_repeats_the_last_answer(shipped_assistant):
    # "my coordinator doesn't read French" gives the reason for the switch; it asks nothing of its own
    *_, answer = converse(shipped_assistant, "C'est quoi le soutien professionnel de la Ville?",
                          "in english please, my coordinator doesn't read french")
    assert not answer.abstained and answer.language == "en" and "Accompaniment" in answer.answer.split("[1]")[0]


@pytest.mark.parametrize("questions", [
    ("Which groups represented the community sector on the PMAC follow-up committee?", "for which mandate periods?"),
    ("Quels regroupements ont représenté le milieu communautaire au comité de suivi?", "pour quels mandats?")])
def test_a_fragment_that_asks_for_which_continues_the_last_question(shipped_assistant, questions):
    # "for which mandate periods?" asks more of the committee just named, not of the City's "one-off mandates"
    *_, answer = converse(shipped_assistant, *questions)
    assert "2021-2023" in answer.answer.split("[1]")[0]


@pytest.mark.parametrize("question", [
    "the slides mention Le Chaînon and the Centre des femmes de Montréal, in what context?",
    "la présentation nomme le Centre des femmes de Montréal, à quel propos?"])
def test_what_the_documents_say_of_an_organisation_they_name_is_a_documents_question(shipped_assistant, question):
    # the organisation is also in the directory; the question asks what the slides say of it
    answer = shipped_assistant.ask(question)
    assert answer.route == "documents" and re.search(r"Montréalaises|women of Montréal", answer.answer.split("[1]")[0])


@pytest.mark.parametrize("question,first", [
    ("Quel soutien la Ville peut-elle offrir à un organisme?", "1. Le soutien financier"),
    ("What support can the City give community groups?", "1. Financial support")])
def test_what_support_the_city_gives_is_answered_by_the_kinds_of_support(shipped_assistant, question, first):
    # no situation described, so no one form fits: the kinds the slide lists (not the 1960s history, nor the
    # accountability the City asks for)
    answer = shipped_assistant.ask(question)
    assert answer.answer.startswith(first) and re.search(r"(?i)(locatif|rental)", answer.answer.split("[1]")[0])


def test_a_question_about_the_citys_support_is_not_sent_to_the_directory(shipped_assistant):
    # a food bank in a borough describes the asker; the question asks what the City gives
    answer = shipped_assistant.ask("On gère une banque alimentaire à Hochelaga. Quel soutien la Ville peut-elle nous "
                                   "offrir?")
    assert answer.route != "directory"


@pytest.mark.parametrize("question", [
    "what kinds of help can the city offer community orgs? money only?",
    "wat kinds of help can a community group get from the city? like the main types"])
def test_kinds_of_help_are_the_kinds_of_support(shipped_assistant, question):
    # "help" is support said plainly; "money only?" asks whether there is more than money: every kind
    answer = shipped_assistant.ask(question)
    first = answer.answer.split("[1]")[0]
    assert answer.route == "documents" and all(kind in first for kind in ("Financial", "Professional", "Rental"))


@pytest.mark.parametrize("questions,expected,yes_no", [
    # « Les valeurs restent … »: a question about a change is answered by the unit that says what stayed
    (("What changed in the 2021 policy that got adopted compared to the draft?", "and the values, did those change too?"),
     "remain", "no"),
    # « (le projet disait seulement « respecter ») »: what an earlier version said
    (("Principe 2 de la politique : quels sont les engagements de la Ville?",
      "Est-ce que son libellé a changé dans la version adoptée?"), "valoriser", "yes"),
])
def test_a_question_about_a_change_is_answered_by_what_stayed_or_changed(shipped_assistant, questions, expected, yes_no):
    answer = converse(shipped_assistant, *questions)[-1]
    assert not answer.abstained and expected in answer.answer[:200] and answer.yes_no == yes_no


def test_a_short_question_ending_with_too_asks_the_same_of_another_thing(shipped_assistant):
    # "were the values changed too?" after what changed at the 2021 adoption: changed in the adopted version —
    # and "it" next is still the policy, not the values
    answers = converse(shipped_assistant, "What changed in the 2021 policy that got adopted compared to the draft?",
                       "were the values changed too?", "did it come with any new money?")
    assert answers[1].yes_no == "no" and "remain" in answers[1].answer[:200]
    assert answers[2].yes_no == "no" and "no new budget" in answers[2].answer[:200]


@pytest.mark.parametrize("question", [
    "what other kinds of support are there besides money?",
    "Quels autres types de soutien la Ville offre-t-elle, outre l'argent?",
])
def test_other_kinds_of_support_are_the_kinds_of_support(shipped_assistant, question):
    # "other kinds", « autres types », "besides money": a list of the kinds, not a refusal for the words that set one
    # aside
    answer = shipped_assistant.ask(question)
    assert not answer.abstained
    head = fold(answer.answer[:300])
    assert ("professional" in head or "professionnel" in head) and ("rental" in head or "locatif" in head)


def test_the_askers_pronouns_are_not_words_the_documents_lack(shipped_assistant):
    # "us", "they": who asks and who is asked about, not a topic the documents would have to hold
    answer = shipped_assistant.ask("in a partnership with us, what hats can the City wear? funder, client...?")
    assert not answer.abstained and "funder" in answer.answer[:300]


@pytest.mark.parametrize("question,first,last", [
    ("Qu'est-ce qui s'est passé entre la déclaration de 2018 pis l'adoption de la politique? les grandes étapes",
     "26 février 2019", "14 juin 2021"),
    ("What happened between the 2018 Declaration and the adoption of the policy?", "26 February 2019", "14 June 2021"),
    ("Quelles ont été les grandes étapes entre le début de la consultation publique et l'adoption de la politique?",
     "13 novembre 2019", "14 juin 2021"),
    ("what happened between 2019 and 2020?", "26 February 2019", "September 2020"),
])
def test_what_happened_between_two_events_is_the_chronology_between_them(shipped_assistant, question, first, last):
    # each end is the dated event that names it (« le conseil municipal a adopté la Déclaration le lundi 20 août
    # 2018 »), or a year; the answer is the dated lines of the chronology from the one to the other, in order
    answer = shipped_assistant.ask(question)
    assert not answer.abstained
    lines = [line for line in answer.answer.split("[1]")[0].splitlines() if line.strip()]
    assert first in lines[0] and last in lines[-1]
    assert "2018" not in " ".join(lines)  # nothing before the first end (the Declaration itself, August 2018)


@pytest.mark.parametrize("questions,expected", [
    (("what kinds of help can the city give community orgs under the policy?",
      "which one fits if we only need someone to coach our new board for a few months?"), "Accompaniment"),
    (("Quels types de soutien la Ville offre-t-elle aux organismes?",
      "lequel nous convient si on a juste besoin de formation pour nos bénévoles?"), "Accompagnement"),
])
def test_which_one_fits_a_need_picks_the_kind_whose_words_the_need_uses(shipped_assistant, questions, expected):
    # after the kinds of support were listed, "which one fits if we need a coach?" is the one kind the support-fit
    # guide's words for it name (coach, formation → professional support), not the list again — in either language
    *_, answer, again = converse(shipped_assistant, *questions, "in English please" if "Quels" in questions[0]
                                 else "en français svp")
    assert expected in answer.answer[:200] and "locatif" not in fold(answer.answer[:120])
    assert ("Accompagnement" if expected == "Accompaniment" else "Accompaniment") in again.answer[:200]


@pytest.mark.parametrize("question,expected,table", [
    ("Y a-t-il une maison des jeunes à Anjou? Elle est membre de quelle table?", "Chemin Faisant", "Concertation Anjou"),
    ("y a-tu une maison des jeunes à St-Léonard? pis elle est membre de quelle table?",
     "Maison des jeunes de Saint-Léonard", "Concertation Saint-Léonard"),
])
def test_a_name_many_organisations_share_is_looked_up_in_the_place_named(shipped_assistant, question, expected, table):
    # « une maison des jeunes à Anjou »: the one in Anjou, not the one elsewhere whose name is closest
    answer = shipped_assistant.ask(question)
    assert answer.route == "directory" and expected in answer.answer[:120] and table in answer.answer[:300]


def test_the_presentation_ends_with_a_quote_asked_in_that_order(shipped_assistant):
    # "the presentation ends with a quote, who's it from?": where the quote is, said before what is asked
    answer = shipped_assistant.ask("the presentation ends with a quote, who's it from?")
    assert not answer.abstained and "Valéry" in answer.answer[:150]


def test_an_english_sentence_starting_with_a_capitalised_word_and_an_article_names_no_one(shipped_assistant):
    # "Writing a grant …": « a » is the French verb only in French (« Toronto a-tu … ? ») — here an article
    answer = shipped_assistant.ask("Writing a grant application and want to quote the 2018 Declaration: what "
                                   "contributions of community organisations does it recognise?")
    assert not answer.abstained and "inequalities" in answer.answer[:300]


@pytest.mark.parametrize("question,expected", [
    ("Combien Hoodstock a reçu de subvention de la Ville en 2023?", "Hoodstock"),
    ("Pis l'ACEF du Nord, elle reçoit combien de la Ville par année?", "aucun montant"),
])
def test_what_an_organisation_received_is_an_amount_no_source_gives(shipped_assistant, question, expected):
    # money received by a named organisation: neither the directory (no budgets) nor the documents give it — not the
    # organisation's listing, not « Années 60 » as a number
    answer = shipped_assistant.ask(question)
    assert answer.abstained and expected in answer.answer


@pytest.mark.parametrize("question", ["Et le RIOCM, il a été créé vers quelle époque?",
                                      "around what era was the RIOCM formed?"])
def test_an_era_is_answered_by_the_decade(shipped_assistant, question):
    # (the decade, « Années 90 », not the fullest date the RIOCM's name sits near — « 26 février 2019 »)
    answer = shipped_assistant.ask(question)
    assert not answer.abstained and re.search(r"Années 90|The 90s", answer.answer.split("\n")[0])


def test_a_conversation_about_a_place_keeps_the_place(shipped_assistant):
    # the table asked for after what the asker says of themselves; then « ce coin-là » and « parmi eux » are that place
    table, count, among = converse(shipped_assistant,
                                   "on part un petit groupe d'entraide à Verdun, c'est quoi la table de quartier là-bas?",
                                   "ok pis ça fait combien d'organismes dans l'annuaire pour ce coin-là?",
                                   "y en a-tu parmi eux qui font de l'environnement?")
    assert table.route == "directory" and table.answer.startswith("La table de quartier") \
        and "Concertation en développement social de Verdun" in table.answer.split("\n")[0]
    assert count.route == "directory" and re.search(r"\b45 membre", count.answer)
    assert among.route == "directory" and among.yes_no == "yes" and "Maison de l'environnement de Verdun" in among.answer
    # « là-dedans »: in the list just counted
    _, inside = converse(shipped_assistant, "Il y a combien d'organismes rattachés au CLIC de Bordeaux-Cartierville dans "
                         "l'annuaire?", "Pis y en a-tu là-dedans qui font de la défense de droits?")
    assert inside.route == "directory" and "CLIC de Bordeaux-Cartierville" in inside.answer.split("\n")[0]
    counted, food = converse(shipped_assistant, "how many organizations are in the directory for Saint-Leonard?",
                             "is any of them about food?")
    assert food.answer.startswith("**Yes**") and "Alimenter Saint-Léonard" in food.answer


def test_the_names_a_sentence_enumerates_can_be_picked_by_rank_or_asked_for_together(shipped_assistant):
    # « … : Le Chaînon, AFEAS, Centre des femmes de Montréal, maisons d'hébergement... »: « les autres … avec lui » is
    # that sentence, « le troisième » its third name (looked up by its name, not as the third of anything else)
    _, named, others, third = converse(shipped_assistant, "Le Chainon, l'annuaire le met dans quel arrondissement?",
                                       "pis est-ce qu'il est nommé dans la présentation de la politique?",
                                       "c'est quoi les autres exemples qu'ils donnent avec lui?",
                                       "le troisième, le centre des femmes, il est membre de quelles tables?")
    assert "AFEAS" in named.answer
    assert "AFEAS" in others.answer.split("\n")[0] and "Centre des femmes de Montréal" in others.answer.split("\n")[0]
    assert third.route == "directory" and third.answer.startswith("Centre des femmes de Montréal")
    assert "CDC Plateau-Mont-Royal" in third.answer
    # names the question itself gave: "the second one" is the second it named
    _, second = converse(shipped_assistant,
                         "the slides mention Le Chaînon and the Centre des femmes de Montréal, in what context?",
                         "which round tables is the second one in?")
    assert second.route == "directory" and second.answer.startswith("Centre des femmes de Montréal")


def test_what_the_asker_says_of_themselves_does_not_pick_an_item_of_the_list_asked_for(shipped_assistant):
    # « on travaille avec des personnes itinérantes … » then « Réflexe Montréal ça donne quoi ? »: all its powers, not
    # the one item the description's words echo
    answer = shipped_assistant.ask("on travaille avec des personnes itinérantes et des familles immigrantes... "
                                   "l'entente Réflexe Montréal ça donne quoi comme nouveaux pouvoirs à la ville")
    first = answer.answer.split("[1]")[0]
    assert "itinérance" in first and "nouveaux arrivants" in first and "habitation" in first


def test_besides_that_names_nothing_asked_about(shipped_assistant):
    # « à part ça, … quoi d'autre ? » is "what else": not the slide that says « de part et d'autre »
    _, answer = converse(shipped_assistant, "Does the City ever fund an organisation's core mission, or only projects?",
                         "ok en français svp: à part ça, la ville soutient quoi d'autre comme partenariats?")
    assert not answer.abstained and "mandats ponctuels" in answer.answer.split("[1]")[0]


@pytest.mark.parametrize("question", ["which commission ran the public consultation?",
                                      "When did the public consultation on the community policy kick off, and which "
                                      "commission ran it?"])
def test_which_commission_is_answered_by_the_commission_named_in_full(shipped_assistant, question):
    # « Commission permanente sur le développement social … » names a commission the question does not: an answer
    answer = shipped_assistant.ask(question)
    assert not answer.abstained and "Commission permanente" in answer.answer.split("[1]")[0]


def test_when_it_finally_happened_is_not_the_date_it_was_promised_for(shipped_assistant):
    # after « Tenir une consultation, puis adopter dès 2019 une politique … »: the adoption's date (14 June 2021), not
    # the promise's year, nor the date the promise was recalled
    *_, adopted = converse(shipped_assistant,
                           "La déclaration de reconnaissance des organismes communautaires, elle a été adoptée quand?",
                           "la ville s'engageait à faire quoi suite à ça?",
                           "et finalement elle a été adoptée quand, cette politique-là?")
    assert "14 juin 2021" in adopted.answer.split("[1]")[0].replace("**", "")


def test_a_gloss_after_the_question_is_no_sign_of_another_topic(shipped_assistant):
    # « … quels rôles ? genre juste bailleur de fonds ou d'autres affaires aussi »: the gloss's words, which the
    # documents do not use, do not make the question one they cannot answer
    answer = shipped_assistant.ask("Quand la ville est partenaire d'un organisme elle peut jouer quels rôles? genre "
                                   "juste bailleur de fonds ou d'autres affaires aussi")
    assert not answer.abstained and "subventionnaire" in answer.answer.split("[1]")[0]


def test_the_table_of_another_place_asked_as_a_fragment(shipped_assistant):
    # "and the table for Anjou, next door?" after a place's table: Anjou's table, in the directory
    _, anjou = converse(shipped_assistant, "what's the round table in Saint-Léonard?", "and the table for Anjou, next door?")
    assert anjou.route == "directory" and "Concertation Anjou" in anjou.answer.split("\n")[0]


def test_whether_a_timeline_was_kept_is_checked_against_what_happened(shipped_assistant):
    # the promise (« adopter dès 2019 une politique ») against the event that would keep it (adopted 14 June 2021):
    # « Non », with the event — whether the promise's year is in the question or only in the conversation
    single = shipped_assistant.ask("In 2018 the city promised a community policy by the following year. Did they "
                                   "actually deliver on that timeline?")
    assert single.yes_no == "no" and "2021" in single.answer.split("[1]")[0]
    *_, kept = converse(shipped_assistant, "What did the City commit to when it adopted the 2018 Declaration?",
                        "did they stick to that timeline?")
    assert kept.yes_no == "no" and "14 June 2021" in kept.answer.split("[1]")[0].replace("**", "")
    french = shipped_assistant.ask("L'échéance annoncée pour l'adoption de la politique a-t-elle été respectée ?")
    assert french.yes_no == "no" and "2021" in french.answer.split("[1]")[0]


@pytest.mark.parametrize("question", ["est-ce que la ville peut nous prêter un local gratuit?",
                                      "Can the City give us a room for free?"])
def test_free_is_not_a_preferential_price(shipped_assistant, question):
    # « Location de locaux … à des prix préférentiels »: the rental support exists, not for free — « Non »
    answer = shipped_assistant.ask(question)
    assert answer.yes_no == "no" and re.search(r"prix préférentiels|preferential prices", answer.answer)
    cheaper = shipped_assistant.ask("est-ce que la ville peut nous louer une salle moins cher?")
    assert cheaper.yes_no == "yes"


def test_a_yes_no_question_is_read_past_what_opens_it_and_what_follows_it(shipped_assistant):
    # a remark after the question (« on a entendu dire que non ») is not the question: the question is yes/no and
    # the asker is not in it — the documents answer it (no new budget came with the policy), not the support guide
    funding = shipped_assistant.ask("est-ce que la nouvelle politique est venue avec du nouveau financement pour les "
                                    "groupes? on a entendu dire que non")
    assert funding.route == "documents" and funding.yes_no == "no"
    assert "Aucune enveloppe budgétaire nouvelle" in funding.answer.split("[1]")[0]
    # what happened (« est-elle venue avec … ? ») is reported by the documents, even asked for « des groupes comme nous »
    event = shipped_assistant.ask("la politique est-elle venue avec de l'argent neuf pour des groupes comme nous?")
    assert event.route == "documents" and event.yes_no == "no"
    # what the City may do over a funded organisation (evaluate it) is in its commitments, not in the support that fits
    evaluation = shipped_assistant.ask("La Ville va-tu venir évaluer nos activités si on a une subvention?")
    assert evaluation.route == "documents" and "évaluer leurs actions" in evaluation.answer.split("[1]")[0]


@pytest.mark.parametrize("question,opening,fact", [
    # a yes/no asked beside a when-question, which the unit answers (« à l'unanimité »)
    ("la politique de développement social, ça a-tu passé à l'unanimité au conseil? c'tait en quelle année?",
     "**Oui**", "2017"),
    ("when did the City put out its press release announcing the policy, and did it claim to be a first?",
     "**Yes**", "16 June 2021"),
    # "is it in the directory?" beside "which round table?": the organisation was found
    ("le Centre des femmes de Verdun, y'est-tu dans l'annuaire? avec quelle table?", "**Oui**",
     "Concertation en développement social de Verdun"),
    ("is the RIOCM in the directory? which round table?", "**Yes**", "CDC Action-Gardien")])
def test_a_yes_no_asked_beside_another_question_is_answered_too(shipped_assistant, question, opening, fact):
    answer = shipped_assistant.ask(question)
    assert answer.answer.startswith(opening) and fact in answer.answer[:400] and answer.yes_no


def test_a_yes_no_asked_beside_gets_no_yes_by_default(shipped_assistant):
    # the units say when the 2021 policy was adopted, nothing of a unanimous vote: no « Yes » for it
    answer = shipped_assistant.ask("when was the 2021 policy adopted, and was it unanimous?")
    assert "14 June 2021" in answer.answer.split("[1]")[0] and answer.yes_no is None


def test_bodies_named_in_the_plural_answer_who_handles_something(shipped_assistant):
    # « 19 conseils d'arrondissements » (a body, in the plural) heads the list that holds « Urbanisme »
    answer = shipped_assistant.ask("l'urbanisme c'est géré par qui, la ville centre ou les arrondissements?")
    assert not answer.abstained
    opening = answer.answer.split("[1]")[0]
    assert "19 conseils d'arrondissements" in opening and "Urbanisme" in opening


@pytest.mark.parametrize("question", [
    "la déclaration de 2018 c'était l'idée de qui?",
    "C'est qui qui a lancé l'idée de la déclaration de 2018?",
    "the 2018 declaration recognizing community groups - whose initiative was that?"])
def test_whose_idea_is_who_started_it_not_who_adopted_it(shipped_assistant, question):
    # council adopted the Declaration; the initiative came from the mayor's administration
    answer = shipped_assistant.ask(question)
    assert "Valérie Plante" in answer.answer[:300]
    # the line that answers opens the answer, alone: not after the one that says who adopted it
    assert answer.answer.lstrip("- ").startswith(("L'initiative", "The initiative"))


def test_a_claim_inside_a_source_note_is_answered_in_english(shipped_assistant):
    # the note « Journal Métro … laisse entendre que la politique n'apporte pas d'argent neuf » has an English side
    answer = shipped_assistant.ask("Which newspaper said the 2021 policy brought no new money?")
    assert not answer.abstained and "Journal Métro" in answer.answer[:300]
    assert "brings no new money" in answer.answer[:300]


@pytest.mark.parametrize("question", ["does toronto have a policy like this one?",
                                      "est-ce que laval a une politique comme celle-là?"])
def test_a_place_typed_without_its_capital_is_still_a_name_the_documents_never_mention(shipped_assistant, question):
    answer = shipped_assistant.ask(question)
    assert answer.abstained and ("Toronto" in answer.answer or "Laval" in answer.answer)


def test_a_common_noun_after_its_verb_is_no_unknown_name(shipped_assistant):
    # (« son libellé a-tu changé » — a noun with its determiner, not a place)
    answer = shipped_assistant.ask("le principe sur l'autonomie, son libellé a-tu changé dans la version adoptée en 2021?")
    assert not answer.abstained and answer.answer.startswith("**Oui**")


@pytest.mark.parametrize("question,expected", [
    ("Si on reçoit une subvention de la Ville, est-ce qu'on doit lui rendre des comptes?", "**Oui**"),
    ("If the City funds our group, will it ask us to account for how the money was used?", "**Yes**"),
    ("Does the City require organisations it funds to report back on how the money was used?", "**Yes**")])
def test_what_the_city_requires_of_those_it_funds_is_answered_from_the_slide(shipped_assistant, question, expected):
    # a yes/no about the City's demands on a funded group is the documents' answer, not the support guide's list
    answer = shipped_assistant.ask(question)
    assert answer.route == "documents" and answer.answer.startswith(expected)
    assert re.search(r"reddition de comptes|accountability", answer.answer.split("[1]")[0])
    assert "soutien financier" not in answer.answer and "Financial support" not in answer.answer


def test_support_asked_besides_money_leaves_money_out(shipped_assistant):
    answer = shipped_assistant.ask("On est un petit OBNL. À part l'argent, la Ville peut nous aider comment ? "
                                   "genre de l'accompagnement, des locaux pas chers?")
    assert answer.route == "guide" and "soutien financier" not in answer.answer
    assert "Le soutien professionnel" in answer.answer and "Le soutien locatif" in answer.answer


def test_how_the_city_can_help_our_group_is_the_support_that_fits(shipped_assistant):
    answer = shipped_assistant.ask("how can the City help our group? we'd need a cheap space to meet")
    assert not answer.abstained and "Rental support" in answer.answer[:200]


def test_a_demonstrative_points_back_however_long_the_question(shipped_assistant):
    answers = converse(shipped_assistant, "La politique vise combien de types de pratiques?", "c'est quoi le 3e ?",
                       "et celui-là demande quoi de plus que les deux premiers ?")
    assert "éducation populaire autonome" in answers[-1].answer[:300]


def test_what_counts_organisations_after_an_organisation_s_table_is_the_table(shipped_assistant):
    answers = converse(shipped_assistant, "Hoodstock fait partie de quelle table de quartier ?",
                       "celle-là, elle compte combien d'organismes dans l'annuaire?")
    assert "Table de quartier de Montréal-Nord" in answers[0].answer
    assert answers[-1].answer.startswith("Table de quartier de Montréal-Nord : 94 membre(s)")


def test_an_acronym_a_name_declares_in_brackets_finds_it(shipped_assistant):
    # « … physiques de Montréal (ALPHA) »: « Centre Alpha-Sourd » holds the word, only one name declares it
    answer = shipped_assistant.ask("L'ALPHA, elle est rattachée à quelle table de quartier ?")
    assert answer.route == "directory" and "CDC de la Pointe – région Est de Montréal" in answer.answer


@pytest.mark.parametrize("question,opening,unit", [
    ("Est-ce que la Ville pourrait se mêler de la gestion de notre organisme?", "**Non**", "ne pas participer"),
    ("Si la Ville nous finance, va-t-elle s'ingérer dans notre gestion interne?", "**Non**", "ne pas participer"),
    ("if the city funds us, can they start telling us how to run our group?", "**No**", "not take part"),
    # the documents' words held by the unit decide, not a section that shares the asker's other words (« demandé »,
    # "policy", "org")
    ("est-ce que la ville peut venir se mêler de la gestion de notre CA même si on lui a rien demandé?", "**Non**",
     "ne pas participer"),
    ("under the policy can the City get involved in deciding how our org is run or managed?", "**No**",
     "not take part")])
def test_meddling_in_an_organisation_s_running_is_answered_by_its_autonomy(shipped_assistant, question, opening, unit):
    # the documents speak of autonomy (« ne pas participer à la détermination du fonctionnement ou de la gestion »),
    # the asker of meddling: not the accountability the City asks of those it funds
    answer = shipped_assistant.ask(question)
    assert answer.answer.startswith(opening) and unit in answer.answer.split("[1]")[0]


@pytest.mark.parametrize("question", ["if the City funds our project, what will they expect from us in return?",
                                      "and what do we owe the City in return for its money?",
                                      "si la Ville nous finance, qu'est-ce qu'elle attend de nous en retour?"])
def test_what_a_funded_group_owes_in_return_is_its_accountability(shipped_assistant, question):
    answer = shipped_assistant.ask(question)
    assert re.search(r"accountability reporting|reddition de comptes", answer.answer.split("[1]")[0])


def test_a_question_too_bare_to_stand_alone_is_asked_about_the_conversation_s_topic(shipped_assistant):
    answers = converse(shipped_assistant, "C'est quand que la déclaration de 2018 a été adoptée?",
                       "l'idée venait de qui au départ?")
    assert not answers[-1].abstained and "Valérie Plante" in answers[-1].answer[:300]


def test_who_presides_asks_for_a_person_the_documents_do_not_name(shipped_assistant):
    answers = converse(shipped_assistant, "Le comité de suivi de la politique, il est composé de qui?",
                       "c'est qui qui le préside?")
    assert answers[-1].abstained and "ne nomment personne" in answers[-1].answer


def test_women_s_groups_are_the_ones_the_women_of_montreal_line_names(shipped_assistant):
    # the English side no longer adds "(women and men)" to « travailleuses et travailleurs sociaux » (social workers),
    # which pulled "women's groups" to the decades' list
    answer = shipped_assistant.ask("the policy slides mention women's groups that have long supported the "
                                   "community — which ones?")
    assert "Le Chaînon" in answer.answer[:300] and "AFEAS" in answer.answer[:300]


@pytest.mark.parametrize("question", ["Which City department was given the job of putting the policy into practice?",
                                      "which city department got put in charge of rolling out the 2021 policy?"])
def test_who_was_put_in_charge_is_who_was_mandated_for_its_implementation(shipped_assistant, question):
    answer = shipped_assistant.ask(question)
    assert not answer.abstained and "SDIS" in answer.answer.split("[1]")[0]



def test_a_name_ending_in_montreal_before_est_the_verb_is_no_place(shipped_assistant):
    # « Moisson Montréal est membre … »: « est » the verb, not Montréal-Est; « mtl » is how Montréal is typed fast
    for question in ("moisson mtl est membre de quelles tables?", "Moisson Montréal est membre de quelles tables ?"):
        answer = shipped_assistant.ask(question)
        assert answer.route == "directory" and "Table de quartier Peter-McGill" in answer.answer, question
        assert "Montréal-Est" not in answer.answer, question


def test_a_new_organisation_named_after_a_directory_answer_is_the_one_asked_about(shipped_assistant):
    # "they" in the second question is the organisation it names, not the one before
    _, second = converse(shipped_assistant, "moisson mtl est membre de quelles tables?",
                         "is Mouvement Action-Chomage in your directory? what round table are they with?")
    assert second.answer.startswith("**Yes**") and "Petite-Patrie" in second.answer.split("\n\n")[0]
    assert "Peter-McGill" not in second.answer and "inferred sector" not in second.answer


def test_what_the_slides_say_of_an_organisation_after_its_record(shipped_assistant):
    # from the directory's record to what the City's slides say of the same organisation, named by a pronoun
    *_, context = converse(shipped_assistant, "which round table is Le Chainon listed with?",
                           "the city's presentation name-drops it too, right? in what context?")
    assert context.route == "documents" and not context.abstained and "AFEAS" in context.answer
    *_, era = converse(shipped_assistant,
                       "is Mouvement Action-Chomage in your directory? what round table are they with?",
                       "the city's slides mention them as part of the community sector's history — from which era?")
    assert era.route == "documents" and "Années 70 et 80" in era.answer[:400]
    # the directory named as where to look keeps the question in the directory
    listed = shipped_assistant.ask("the city presentation mentions le chainon as an example - is it in the directory?")
    assert listed.route == "directory"


def test_how_often_is_answered_by_the_unit_that_says_how_often(shipped_assistant):
    answer = shipped_assistant.ask("what kind of report is the follow-up committee supposed to put out, and how often?")
    assert not answer.abstained and "bilan triennal" in answer.answer[:300]


def test_the_quote_at_the_end_of_the_slides_is_the_slides_last_unit(shipped_assistant):
    answer = shipped_assistant.ask("c qui l'auteur de la citation a la toute fin du diaporama?")
    assert "Paul Valéry" in answer.answer[:200]


def test_the_budget_of_a_policy_the_documents_give_no_figure_for_is_no_amount(shipped_assistant):
    answer = shipped_assistant.ask("c quoi le budget de la politique de developpement social adoptée en 2017?")
    assert answer.abstained and answer.answer.startswith("Les documents ne donnent aucun montant")


def test_what_someone_said_about_it_is_a_question_of_its_own(shipped_assistant):
    # « elle a dit quoi là-dessus ? »: a verb of saying is the predicate, not the last question's (« adoptée quand »)
    _, said = converse(shipped_assistant, "la declaration de reconnaissance des orgs communautaires a été adoptée quand?",
                       "pis l'opposition, elle a dit quoi là-dessus?")
    assert "l'autonomie des organismes" in said.answer[:300]


def test_a_follow_up_with_its_own_subject_leaves_the_earlier_topic(shipped_assistant):
    # after the Declaration, « et la politique … adoptée quand ? » names its own subject: « la » next is the policy
    *_, who = converse(shipped_assistant, "la declaration de reconnaissance des orgs communautaires a été adoptée quand?",
                       "pis l'opposition, elle a dit quoi là-dessus?",
                       "et la politique qui devait suivre, finalement adoptée quand?",
                       "c'est qui qui doit la mettre en oeuvre?")
    assert "SDIS" in who.answer[:300]


def test_an_item_picked_by_its_ordinal_keeps_what_is_asked_of_it(shipped_assistant):
    # "under the 2nd one, what does the city commit to?": the second principle's commitments, not the principle again
    _, commitments = converse(shipped_assistant, "what are the guiding principles of montreal's community action policy?",
                              "and under the 2nd one, what does the city actually commit to?")
    assert "Unless invited to do so" in commitments.answer.split("French original")[0]


def test_a_membership_answer_says_under_which_category_the_table_lists_it(shipped_assistant):
    # « membre régulier … ou à un autre titre ? »: the table named without « de concertation », and its category
    answer = shipped_assistant.ask("Accueil Bonneau est-il membre régulier de la table du faubourg St-Laurent ou y "
                                   "figure-t-il à un autre titre ?")
    assert "« Table de concertation du faubourg Saint-Laurent »" in answer.answer.split("[1]")[0]
    assert "participant à la démarche PIC" in answer.answer


def test_words_about_what_the_text_says_are_no_unknown_topic(shipped_assistant):
    # « la présentation en parle-tu ? de quelle époque ? », "mentions …", "nonprofit" (the documents' "non-profit"):
    # how the question asks, or a word the documents write in two — not a sign of another topic
    answer = shipped_assistant.ask("Les ACEF, la présentation de la Ville en parle-tu dans l'historique? de quelle "
                                   "époque?")
    assert not answer.abstained and "Années 60" in answer.answer[:300]
    women = shipped_assistant.ask("the city's presentation mentions women's groups in the history part - which ones?")
    assert not women.abstained and "AFEAS" in women.answer[:300]
    verdict = shipped_assistant.explain("is a nonprofit like ours covered by the policy?")["verdict"]
    assert "nonprofit" not in verdict["unknown"]


def test_the_item_an_ordinal_picks_is_looked_up_by_its_whole_name(shipped_assistant):
    # "and the third one?" after the slide's women's groups: « Centre des femmes de Montréal », by its name — not
    # every record holding « femmes »
    *_, third = converse(shipped_assistant, "the city's presentation mentions women's groups in the history part - "
                                            "which ones?", "is the first one in the directory? what borough?",
                         "and the third one?")
    assert third.route == "directory" and len(third.directory.items) == 1
    assert third.directory.items[0].name == "Centre des femmes de Montréal"


def test_a_follow_up_whose_subject_is_a_pronoun_keeps_the_topic(shipped_assistant):
    # « y s'est réuni … quand ? »: « y » (il) is the committee — the next « dessus » still is
    *_, staff = converse(shipped_assistant, "le comite de suivi de la politique y sert a quoi au juste?",
                         "y s'est réuni la premiere fois quand?", "pis y'a combien d'employés de la ville dessus?")
    assert not staff.abstained and "deux à trois employés" in staff.answer


@pytest.mark.parametrize("question,expected", [
    ("Our staff sometimes sit on NPO boards as observers — what does the policy commit to about that?",
     "statut d'observateur")])
def test_an_acronym_of_no_one_in_particular_is_no_unknown_name(shipped_assistant, question, expected):
    # « AG », "NPO", "AGM": a kind of meeting or organisation, not a name the documents should know
    answer = shipped_assistant.ask(question)
    assert not answer.abstained and expected in answer.answer


def test_a_directory_question_in_shorthand(shipped_assistant):
    # « nb d'organismes » is a count; « dans quelle catégorie » is what is asked, not part of the name
    count = shipped_assistant.ask("nb d'organismes membres de Concert'Action Lachine svp")
    assert count.route == "directory" and "28 membre(s)" in count.answer
    category = shipped_assistant.ask("le Don Bosco Youth Leadership Center est dans quelle categorie a sa table?")
    assert category.route == "directory" and "Catégorie B" in category.answer


def test_the_organisation_as_object_and_a_new_one_named_first(shipped_assistant):
    # « la table le classe dans quelle catégorie ? » after one organisation's record: that organisation; then « et
    # l'UdeM, elle … » names a new one before its pronoun
    *_, category, other = converse(shipped_assistant, "Cuisines et Vies collectives fait-tu partie de la Table de "
                                                      "quartier de Parc-Extension?",
                                   "la table le classe dans quelle catégorie?",
                                   "et l'UdeM, elle est membre de quelles tables?")
    assert category.route == "directory" and "« Organismes communautaires »" in category.answer
    assert other.answer.startswith("Université de Montréal") and "CDC Côte-des-Neiges" in other.answer


@pytest.mark.parametrize("question,count,names", [
    # the table's own word for the category, not Repère's inferred kind (which finds 3 institutions, not 4)
    ("how many orgs does the Coalition de la Petite-Bourgogne list, and how many of those are institutions?", "**4**",
     ["Office municipal d'habitation de Montréal (OMHM)", "SPVM –PDQ 15"]),
    # a listing question, not a count: the members under the category, named
    ("Quels organismes siègent comme membres institutionnels à Concertation Saint-Léonard ?", "**5**",
     ["Écoquartier de Saint-Léonard", "Arrondissement de Saint-Léonard"]),
    ("Quels organismes ont le statut d'observateur (catégorie C) à la CDC Rivière-des-Prairies ?", "**3**",
     ["Chapi Chapo"]),
    # « la CDC de la Pointe »: the table named without the territory its name adds after a dash
    ("How many autonomous community action (ACA) members does the CDC de la Pointe have?", "**34**", [])])
def test_a_table_s_published_category_lists_or_counts_its_members_out_of_the_whole_table(shipped_assistant, question,
                                                                                         count, names):
    answer = shipped_assistant.ask(question)
    first = answer.answer.splitlines()[0]
    assert answer.route == "directory" and not answer.abstained and count in first
    assert re.search(r"(sur|of the table's) \d+ ", first)  # out of the table's members
    assert all(f"- {name} [" in answer.answer for name in names)


def test_the_table_an_answer_named_is_what_it_counts_next(shipped_assistant):
    # the first answer names the table and lists no organisation: "it" is that table
    *_, answer = converse(shipped_assistant, "We're a small group in Lachine. What's the neighbourhood round table there?",
                          "how many active members does it have?")
    assert answer.route == "directory" and answer.answer.startswith("Concert’Action Lachine: **28** member(s)")


@pytest.mark.parametrize("question", ["Which neighbourhood table lists the RIOCM, and under what category?",
                                      "le RIOCM est tu dans le répertoire des organismes? si oui avec quelle table?"])
def test_a_table_asked_for_an_acronym_the_documents_use_too_is_the_directory_s(shipped_assistant, question):
    # the documents name the RIOCM (the follow-up committee); its round table is the directory's record
    answer = shipped_assistant.ask(question)
    assert answer.route == "directory" and "CDC Action-Gardien de Pointe-Saint-Charles" in answer.answer[:300]
    assert "Regroupements communautaires locaux, régionaux et nationaux" in answer.answer


@pytest.mark.parametrize("question,fact", [
    # the unit that holds the event asked about (« adoption », « annoncée »), not the one that only shares the
    # subject's words (« la Déclaration reconnaît l'apport des organismes communautaires »)
    ("la déclaration de reconnaissance des organismes communautaires, c'est qui qui l'a adoptée?", "conseil municipal"),
    ("la ville a annoncé la politique montréalaise pour l'action communautaire quand?", "16 juin 2021"),
    ("Quand le RIOCM a-t-il été formé?", "Années 90"),
    # who launched it is whose initiative it was
    ("C'est quelle administration qui a lancé la déclaration de reconnaissance en 2018?", "Valérie Plante")])
def test_who_and_when_are_answered_by_the_unit_that_holds_the_event_asked_about(shipped_assistant, question, fact):
    answer = shipped_assistant.ask(question)
    assert not answer.abstained and fact in answer.answer[:300]


def test_an_ordinal_pick_keeps_what_the_follow_up_asks_of_the_item(shipped_assistant):
    # "commitments" is what is asked of the second principle, not what the ordinal counts
    *_, answer = converse(shipped_assistant, "List the three guiding principles of the adopted policy.",
                          "What commitments come with the second one?")
    assert answer.resolved_question.startswith("What commitments come with « Respect and value the autonomy")
    assert "observer status" in answer.answer.split("[1]")[0]


def test_eux_autres_after_the_subject_only_stresses_it(shipped_assistant):
    # « pis les regroupements eux autres ? » is « pis les regroupements ? »: the next practice type, not a yes/no
    *_, answer = converse(shipped_assistant, "c'est quoi la défense collective des droits selon la politique?",
                          "pis les regroupements eux autres?")
    assert answer.yes_no is None and "se concerter" in answer.answer[:300]


@pytest.mark.parametrize("questions,fact", [
    (("la déclaration de reconnaissance des organismes communautaires, c'est qui qui l'a adoptée?", "pis quand?"),
     "20 août 2018"),
    (("who adopted the Declaration of recognition?", "when?"), "20 August 2018")])
def test_a_bare_question_word_asks_the_last_question_again_about_the_same_subject(shipped_assistant, questions, fact):
    # the subject (the Declaration) and the event (its adoption) stay; only what is asked of them changes
    *_, answer = converse(shipped_assistant, *questions)
    assert fact in answer.answer.split("[1]")[0]


@pytest.mark.parametrize("follow_up,opening", [
    ("et pour la Ville de Montréal?", "Ville de Montréal\n- Dév. communautaire"),
    # a follow-up of its own before the language switch, and "itself" that only stresses its subject
    ("Same for the Ville de Montréal itself, in English please.", "City of Montréal\n- Dev. (community)")])
def test_a_new_subject_that_is_a_column_of_the_last_slide_gets_that_column(shipped_assistant, follow_up, opening):
    # slide 5 lists three bodies' fields side by side: the one the follow-up names, not the next slide's City powers
    *_, answer = converse(shipped_assistant,
                          "Dans la présentation, quels sont les champs de responsabilités des 19 conseils "
                          "d'arrondissement ?", "Et ceux du conseil d'agglo ?", follow_up)
    assert answer.answer.startswith(opening)


def test_who_is_answered_by_the_line_that_names_the_body_not_by_the_list_around_it(shipped_assistant):
    # slide 3's list of four steps names the SDIS too; the Declaration was adopted by the council, in its first line
    answer = shipped_assistant.ask("la déclaration de reconnaissance des organismes communautaires, c'est qui qui "
                                   "l'a adoptée?")
    first = answer.answer.split("[1]")[0]
    assert "par le conseil municipal" in first and "SDIS" not in first


def test_an_acronym_written_as_a_word_is_the_organisation_that_declares_it(shipped_assistant):
    # « Hapopex » (a record of its own in one table's list) is « Habitations populaires de Parc-Extension (HAPOPEX) »
    answer = shipped_assistant.ask("HAPOPEX : nom complet et tables de quartier dont il est membre?")
    assert answer.route == "directory" and not answer.abstained
    assert "Habitations populaires de Parc-Extension (HAPOPEX) est membre de 3 table(s)" in answer.answer
    assert "- CDC Côte-des-Neiges" in answer.answer and "- CDC Solidarités Villeray" in answer.answer


def test_a_kind_of_member_then_an_organisation_named_by_its_initials_after_a_table_count(shipped_assistant):
    _, kind, initials = converse(shipped_assistant,
                                 "Combien de membres compte la Table de quartier de Parc-Extension dans l'annuaire?",
                                 "et lesquels sont des institutions publiques?",
                                 # (« UdeM »: Université de Montréal, the small word kept whole)
                                 "l'UdeM, elle siège à d'autres tables?")
    assert kind.route == "directory" and kind.answer.startswith("5 organisme(s)")
    assert "- SPVM —" in kind.answer and "- Université de Montréal —" in kind.answer
    assert initials.route == "directory" and "Université de Montréal est membre de 4 table(s)" in initials.answer


@pytest.mark.parametrize("question,opening,places", [
    ("Which municipalities are covered by the Table de quartier Sud de l'Ouest-de-l'Île?",
     "The round table Table de quartier Sud de l’Ouest-de-l’Île covers 7 linked city(ies)", ["Dorval", "Senneville"]),
    ("la CDC Centre-Sud couvre quel territoire?", "CDC Centre-Sud couvre 1 arrondissement(s) : Ville-Marie", []),
])
def test_the_territory_a_round_table_covers(shipped_assistant, question, opening, places):
    answer = shipped_assistant.ask(question)
    assert answer.route == "directory" and not answer.abstained and answer.answer.startswith(opening)
    assert all(place in answer.answer.splitlines()[0] for place in places)
    assert "partiel" in answer.answer.splitlines()[1].lower() or "partial" in answer.answer.splitlines()[1].lower()


@pytest.mark.parametrize("question", ["bien chez soi c koi comme membre a la table d'outremont",
                                      "What kind of member is Bien chez soi at the Outremont table?"])
def test_what_kind_of_member_is_the_category_the_table_lists_it_under(shipped_assistant, question):
    answer = shipped_assistant.ask(question)
    assert answer.route == "directory" and "« Membre sympathisant·e »" in answer.answer


def test_a_place_s_round_table_is_the_one_named_after_it_among_the_borough_s(shipped_assistant):
    # Parc-Extension is in a borough with three tables: « the Parc-Extension round table » is the one named after it
    answer = shipped_assistant.ask("Is there a church on the Parc-Extension neighbourhood round table? Which one?")
    assert answer.route == "directory" and not answer.abstained
    assert "- Impact Lives Church Montréal — Table de quartier de Parc-Extension" in answer.answer


def test_the_asker_s_own_food_bank_in_a_borough_is_no_directory_search(shipped_assistant):
    # « notre banque alimentaire dans Hochelaga » describes the asker; the question is about the City's support, and
    # « …, ou c'est seulement dans le cadre de programmes ? » offers "only" as the other alternative
    answer = shipped_assistant.ask("Notre banque alimentaire dans Hochelaga a vu la demande exploser cet hiver, c'est "
                                   "imprévu. Est-ce que le soutien financier de la Ville peut couvrir un besoin comme "
                                   "ça, ou c'est seulement dans le cadre de programmes existants?")
    assert answer.route == "documents" and answer.yes_no == "yes"
    assert "besoins émergents" in answer.answer[:300]


def test_what_about_another_organisation_asks_the_last_directory_question_of_it(shipped_assistant):
    # « OMHM – Office municipal … » and « Office municipal … (OMHM) » are one record (merge rule M4)
    _, other = converse(shipped_assistant, "Bâtir son quartier est membre de combien de tables de quartier?",
                        "what about the OMHM?")
    assert other.resolved_question == "the OMHM est membre de combien de tables de quartier?"
    assert other.route == "directory" and other.answer.startswith(
        "Office municipal d'habitation de Montréal (OMHM) is a member of 13 neighbourhood round table(s)")


def test_the_first_body_a_slide_named_is_looked_up_in_the_directory_then_its_table_counted(shipped_assistant):
    *_, which, count = converse(shipped_assistant,
                                "Who represented the community sector on the policy's follow-up committee?",
                                "Is the first group you named in our directory? Which round table is it a member of?",
                                "How many members does that table have in the directory?")
    assert which.route == "directory" and "(RIOCM) is a member of 1 neighbourhood round table(s)" in which.answer
    assert "- CDC Action-Gardien de Pointe-Saint-Charles" in which.answer
    assert count.answer.startswith("CDC Action-Gardien de Pointe-Saint-Charles: 84 member(s)")


def test_what_an_item_picked_by_its_rank_commits_the_city_to_is_its_commitments(shipped_assistant):
    *_, answer = converse(shipped_assistant, "c'est quoi les principes directeurs de la version adoptée?",
                          "le deuxième, ça engage la ville à quoi concretement?")
    assert not answer.abstained and answer.answer.startswith("- A moins d'être invitée à le faire")
    assert "statut d'observateur" in answer.answer and answer.citations[0].page == 16


def test_same_for_another_organisation_asks_the_last_directory_question_of_it(shipped_assistant):
    # (two organisations hold « GRAME » — the group and its « GRAME – Éco-quartier Sud-Ouest »: each is listed, found
    # by its name, with its tables; never "the directory does not give an organisation's members")
    *_, answer = converse(shipped_assistant, "Bâtir son quartier est membre de combien de tables de quartier?",
                          "même chose pour le GRAME, et nomme-les")
    assert answer.resolved_question.startswith("le GRAME est membre de combien de tables de quartier?")
    lines = answer.answer.splitlines()
    assert not answer.abstained and "(GRAME) — CDC Action-Gardien de Pointe-Saint-Charles; Concert’Action Lachine" in lines[1]
    assert lines[2].startswith("- GRAME – Éco-quartier Sud-Ouest — Concertation Ville-Émard")


def test_a_follow_up_with_its_own_subject_taken_up_by_it_borrows_no_topic(shipped_assistant):
    # "it" is the city the question names, not the financial support of the last answer
    *_, answer = converse(shipped_assistant, "ok and the financial support, in what framework is it given?",
                          "does the city evaluate the stuff it funds?")
    assert answer.resolved_question == "does the city evaluate the stuff it funds?"
    assert answer.yes_no == "yes" and "evaluation" in answer.answer[:300]


def test_an_english_list_answer_quotes_in_french_the_items_it_shows(shipped_assistant):
    # the lead-in that restates the question goes to the context in both languages: the French original under the
    # English items is those items, so the French words come within the answer's first lines
    answer = shipped_assistant.ask("What new powers did the Réflexe Montréal agreement give the City?")
    original = answer.answer.split("French original: ")[1]
    assert original.startswith("« - La lutte contre l'itinérance;") and "L'entente-cadre" not in original
    assert "Le développement de l'habitation" in answer.answer[:300]
    # asked for the agreement's name, the lead-in that names it is the answer, in English and in French
    named = shipped_assistant.ask("whats the name of the framework agreement w/ Quebec that gave the city new powers?")
    assert named.answer.startswith("The Réflexe Montréal framework agreement gives the City new powers")
    assert "« L'entente-cadre Réflexe Montréal" in named.answer


def test_an_ordinal_after_an_organisations_tables_picks_a_table(shipped_assistant):
    # "which round tables list them?" answered by the organisation's two tables: "the first one" next is the first
    # table (not the organisation), "and the second one?" asks the same of the second, and "it" is still the
    # organisation
    *_, first, second = converse(shipped_assistant, "is Les Scientifines in your directory? which borough?",
                                 "which round tables list them as a member?",
                                 "how many members does the first one have?", "and the second one?")
    assert first.answer.startswith("Coalition de la Petite-Bourgogne: 32 member(s)")
    assert second.resolved_question == "how many members does « Concertation Saint-Léonard » have?"
    assert second.answer.startswith("Concertation Saint-Léonard: ")
    *_, borough = converse(shipped_assistant, "Moisson Montréal is listed under which tables de quartier?",
                           "and which boroughs does that put it in?")
    assert not borough.abstained and "« Moisson Montréal »" in borough.resolved_question


def test_a_new_subject_takes_the_place_of_the_one_set_before_the_comma(shipped_assistant):
    # « X, c'est la ville ou l'agglo qui s'en occupe ? » then « et le développement communautaire ? »: the same
    # question of the new subject — which slide 5 writes « Dév. communautaire », under « Ville de Montréal »
    *_, answer = converse(shipped_assistant, "le transport en commun pis le logement social, c'est la ville ou "
                                             "l'agglo qui s'en occupe?", "et le développement communautaire?")
    assert answer.resolved_question == ("le développement communautaire, c'est la ville ou l'agglo qui s'en "
                                        "occupe?")
    assert answer.answer.startswith("Ville de Montréal : Dév. communautaire")


@pytest.mark.parametrize("question,opening,quoted", [
    # what the City does, asked by someone who describes themselves: the commitment answers, not the support that fits
    ("we have a brand new innovative project, does the city only fund stuff that already exists or can it back "
     "innovation too?", "**No**", "soutien à l'innovation"),
    ("est-ce que la ville tient compte qu'on a beaucoup moins de moyens financiers qu'elle dans un partenariat?",
     "**Oui**", "inégalité des moyens"),
])
def test_a_yes_no_about_what_the_city_does_is_answered_by_the_documents(shipped_assistant, question, opening,
                                                                         quoted):
    answer = shipped_assistant.ask(question)
    assert answer.route == "documents" and answer.answer.startswith(opening) and quoted in answer.answer[:300]


def test_what_the_city_offers_for_a_need_stated_is_still_the_guides(shipped_assistant):
    # (a need stated first, or "our …" in what is asked: the support that fits the asker)
    for question in ("la ville peut-tu financer notre projet?",
                     "We mostly need core funding, not project money. Can the City ever fund part of an "
                     "organisation's mission itself?"):
        assert shipped_assistant.ask(question).route == "guide"


def test_pas_mal_is_an_amount_not_a_negation(shipped_assistant):
    # « on a pas mal moins de moyens » ("quite a bit less"): the question is not negated, the unit says yes
    answer = shipped_assistant.ask("est-ce que la ville prend en compte qu'on a pas mal moins de moyens financiers "
                                   "qu'elle dans un partenariat?")
    assert answer.yes_no == "yes" and "inégalité des moyens" in answer.answer[:200]


def test_quoi_comme_a_plural_asks_for_the_list(shipped_assistant):
    # « la politique vise quoi comme buts ? » ("which goals", said loosely): both goals, not one and the values
    answer = shipped_assistant.ask("la politique vise quoi comme buts exactement?")
    direct = answer.answer.split("[1]")[0]
    assert "Rendre officiel le cadre des relations" in direct and "Influencer positivement" in direct
    assert "Transparence" not in direct


@pytest.mark.parametrize("question", [
    "Who chaired the council commission that held the public consultation on the policy?",
    "qui a présidé la commission qui a tenu la consultation?"])
def test_who_chaired_asks_for_a_person_the_documents_do_not_name(shipped_assistant, question):
    # "who chaired …" (in the past, as "who chairs …") asks for a person: the commission is no answer
    answer = shipped_assistant.ask(question)
    assert answer.abstained and answer.answer.startswith(("The documents name no one", "Les documents ne nomment personne"))


def test_an_english_compound_asks_for_the_body_it_names_last(shipped_assistant):
    # "which council commission": a commission (of the council), not a council
    answer = shipped_assistant.ask("Which council commission ran the public consultation on the community policy?")
    assert not answer.abstained and "Commission permanente" in answer.answer[:300]


def test_the_quote_that_ends_a_document_named_at_length_is_its_last_unit(shipped_assistant):
    answer = shipped_assistant.ask("who wrote the quote that ends the city's community action policy presentation?")
    assert not answer.abstained and "Paul Valéry" in answer.answer[:300]


def test_a_noun_and_its_adjective_are_one_word(shipped_assistant):
    # « nouveau budget » / « enveloppe budgétaire nouvelle »: the unit that answers, in other forms of the same words
    answer = shipped_assistant.ask("la politique de 2021 est-tu arrivée avec du nouveau budget pour les groupes "
                                   "communautaires?")
    assert answer.answer.startswith("**Non**") and "Aucune enveloppe budgétaire nouvelle" in answer.answer[:300]


def test_one_half_of_a_bilingual_name_names_the_organisation(shipped_assistant):
    # « Jeunesse au Soleil – Sun Youth », asked for by its English half, in lower case
    answer = shipped_assistant.ask("sun youth - which neighbourhood round table are they on?")
    assert answer.route == "directory" and not answer.abstained
    assert "Sun Youth" in answer.answer.splitlines()[0] and "CDC Solidarités Villeray" in answer.answer


@pytest.mark.parametrize("question", ["L'OMHM siège à combien de tables de quartier selon l'annuaire?",
                                      "how many round tables is the OMHM on?"])
def test_how_many_tables_an_organisation_sits_on_counts_its_own(shipped_assistant, question):
    answer = shipped_assistant.ask(question)
    first = answer.answer.splitlines()[0]
    assert answer.route == "directory" and "OMHM" in first and "13" in first and "32" not in first


def test_what_the_city_offers_for_a_need_stated_before_is_the_guides(shipped_assistant):
    # the need in the first sentence, "anything like that?" in the one that asks: the support that fits it
    answer = shipped_assistant.ask("we're a small org, we need coaching and training for our staff more than money. "
                                   "does the City offer anything like that?")
    assert answer.route == "guide" and answer.answer.startswith("**Yes**")
    assert "Professional support" in answer.answer.splitlines()[0]


def test_a_yes_no_asked_beside_is_answered_as_if_asked_alone(shipped_assistant):
    # the lines merged after the best one (« aucune confirmation du renouvellement … ») do not answer the yes/no
    alone = shipped_assistant.ask("Is there a follow-up committee for the community action policy?")
    beside = shipped_assistant.ask("Is there a follow-up committee for the community action policy? who sits on it?")
    assert alone.answer.startswith("**Yes**") and beside.answer.startswith("**Yes**")
    assert "RIOCM" in beside.answer[:300]


def test_it_after_who_sat_on_a_body_is_that_body(shipped_assistant):
    # the answer names several bodies (the members): "it" next is the committee asked about, not one of them
    first, then = converse(shipped_assistant, "Is there a follow-up committee for the community action policy? "
                                              "who sits on it?", "when did it first meet?")
    assert "committee" in then.resolved_question and "Réseau" not in then.resolved_question
    assert "2021" in then.answer.splitlines()[0] and "first time" in then.answer.splitlines()[0]


def test_verb_quoi_asked_of_a_lists_own_first_line_gets_every_item(shipped_assistant):
    # « … pour soutenir quoi ? » — « La Ville établit des partenariats qui visent à soutenir : »: all three items
    answer = shipped_assistant.ask("la ville fait des partenariats avec les organismes pour soutenir quoi exactement?")
    head = answer.answer[:300]
    assert "réalisation de projets" in head and "mandats ponctuels" in head and "volets de la mission" in head
    # (a verb the list's first line does not hold still picks the one item: « Il produit un bilan triennal »)
    one = shipped_assistant.ask("Le comité de suivi doit produire quoi ?")
    assert "bilan triennal" in one.answer.splitlines()[0] and "Ses membres" not in one.answer


@pytest.mark.parametrize("question", [
    "by when did the City promise to adopt a recognition policy?",
    "Lors de l'adoption de la déclaration, la Ville promettait d'adopter une politique pour quand?",
])
def test_the_date_a_promise_was_made_for_is_the_plans(shipped_assistant, question):
    # « adopter dès 2019 »: the date promised, not the day the promise was made (20 août 2018) nor kept (2021)
    first = shipped_assistant.ask(question).answer.splitlines()[0]
    assert "2019" in first and "2018" not in first and "2021" not in first


def test_how_many_among_a_tables_members_follows_its_count(shipped_assistant):
    # "how many of those are in category A?" after the table's count: that published category, counted
    _, among = converse(shipped_assistant, "how many members does the CDC Rivière-des-Prairies list?",
                        "how many of those are in category A, the autonomous community action ones?")
    first = among.answer.splitlines()[0]
    assert "**20**" in first and "Catégorie A" in first and "29" in first


def test_an_ordinal_named_before_a_comma_picks_from_the_last_list_and_is_given_again_in_french(shipped_assistant):
    # "what about the third one, what does a group need to qualify?": the third type's criteria, not a new question
    _, third, again = converse(shipped_assistant, "what are the 4 types of practices the city policy covers?",
                               "what about the third one, what does a group need to qualify?",
                               "peux-tu me redonner ca en francais svp")
    assert "popular education" in third.answer[:400] and "Declaration" not in third.answer[:400]
    assert again.language == "fr" and "éducation populaire autonome" in again.answer[:400]


def test_a_word_clipped_when_typed_fast_is_read_as_the_word_it_stands_for(shipped_assistant):
    # « l'agglo », « mtl »: the agglomeration council's line; and « développement » is the slide's « Dév. »
    agglo, then = converse(shipped_assistant, "le logement social c'est la ville de mtl ou l'agglo qui s'en occupe?",
                           "et le développement communautaire?")
    assert not agglo.abstained and "agglomération" in agglo.answer.splitlines()[0]
    assert "Dév. communautaire" in then.answer.splitlines()[0] and "Ville de Montréal" in then.answer.splitlines()[0]
    # (a whole word that a longer one begins is no clipped word: « maire » is not « mairesse »)
    assert shipped_assistant.ask("Qui est le maire actuel de Montréal?").abstained


def test_a_price_named_after_combien_asks_for_an_amount(shipped_assistant):
    # « c'est combien le loyer … ? »: what it costs, which the documents do not give — not a count of support types
    answer = shipped_assistant.ask("c'est combien le loyer d'un local de la ville pour un organisme?")
    assert answer.abstained and "montant" in answer.answer.splitlines()[0] and "**3**" not in answer.answer


def test_a_yes_no_about_other_kinds_of_support_or_a_city_employee_goes_to_the_documents(shipped_assistant):
    # "is money the only kind of help …, or are there other types?": the three types, from the slide
    kinds = shipped_assistant.ask("we're a small non-profit. is money the only kind of help the city gives, or are "
                                  "there other types of support?")
    assert kinds.route == "documents" and "Professional support" in kinds.answer[:300] \
        and "Rental support" in kinds.answer[:300]
    # « un employé de la ville peut-il siéger … au CA d'un organisme qu'on finance ? »: the City's commitment, not
    # the support that fits the asker
    observer = shipped_assistant.ask("un employé de la ville peut-il sieger comme observateur au CA d'un organisme "
                                     "qu'on finance? la politique dit quoi la-dessus")
    assert observer.route == "documents" and "statut d'observateur" in observer.answer[:300]


def test_why_one_item_of_a_list_is_answered_by_that_item(shipped_assistant):
    # « … pour leur apport à la transparence … » gives the reason asked: that item, not the two others the City
    # recognises
    answer = shipped_assistant.ask("Under the first guiding principle, why does the City recognize groups that do "
                                   "collective rights defence specifically?").answer
    assert answer.startswith("Organisations specialising in the collective defence of rights for their contribution")
    assert "Umbrella groups" not in answer


@pytest.mark.parametrize("question,said", [
    ("comme partenaire, la ville peut jouer quels rôles avec un organisme?", "subventionnaire"),
    ("what roles can the City play in a partnership with a group?", "funder"),
])
def test_the_roles_the_city_plays_are_the_capacities_it_acts_in(shipped_assistant, question, said):
    # « jouer quels rôles » is how people ask for « la Ville peut agir à plusieurs titres : subventionnaire, … »
    first = shipped_assistant.ask(question).answer.splitlines()[0]
    assert said in first and "consultant" in first


def test_a_decade_dates_its_line_and_the_document_named_is_kept(shipped_assistant):
    # « d'après la présentation »: the slide's « Années 90 : formation du RIOCM », not a fact sheet's fuller date of
    # another event (the RIOCM's 2019 assembly)
    answer = shipped_assistant.ask("le RIOCM a été fondé quand, d'après la présentation de la ville?")
    assert "Années 90" in answer.answer.splitlines()[0] and "2019" not in answer.answer
    assert answer.citations[0].source_id == "politique-action-communautaire"


@pytest.mark.parametrize("question", [
    "la politique de montreal s'aligne sur quelle politique du gouvernement du quebec?",
    "la politique de la ville doit s'harmoniser avec quelle politique du gouvernement du quebec?",
])
def test_the_policy_aligned_with_is_named_by_its_own_line(shipped_assistant, question):
    # « s'aligne sur quelle politique ? »: the line that names the government policy (harmonisation, concordance),
    # not the number of organisations Québec funds, nor every commitment of its list
    answer = shipped_assistant.ask(question).answer
    first = answer.splitlines()[0]
    assert "politique gouvernementale" in fold(first) and "Intégrer cette expertise" not in answer


def test_an_obligation_asked_in_english_against_what_is_done_for_those_who_wish_is_a_no(shipped_assistant):
    # "are we obliged to take part in its evaluation?" — « en collaborant avec les organismes qui le souhaitent »
    answer = shipped_assistant.ask("The city funds us. Are we obliged to take part in its evaluation of our "
                                   "activities?")
    assert answer.answer.startswith("**No**") and "so wish" in answer.answer[:300]


def test_a_short_question_that_opens_on_it_was_follows_the_conversation(shipped_assistant):
    # « c'était l'idée de qui au départ ? » after the Declaration's adoption: whose initiative it was
    *_, idea = converse(shipped_assistant, "La déclaration de reconnaissance des organismes communautaires, elle a été "
                                           "adoptée quand?", "pis c'était voté comment? y avait de l'opposition?",
                        "c'était l'idée de qui au départ?")
    assert not idea.abstained and "Valérie Plante" in idea.answer.splitlines()[0]


def test_the_kind_of_body_asked_for_picks_the_unit_that_names_one_further_down(shipped_assistant):
    # "whose administration": the unit that names one, not the adoption line that shares the question's other words
    answer = shipped_assistant.ask("Whose administration was behind the 2018 declaration recognizing community "
                                   "organizations?")
    assert "Valérie Plante" in answer.answer.splitlines()[0]


@pytest.mark.parametrize("question,said,opening", [
    ("Si la Ville nous donne une subvention, est-ce qu'elle peut décider comment notre organisme fonctionne ou est "
     "géré?", "détermination du fonctionnement", "**Non**"),
    ("does the city make the groups it funds report back on the money?", "reddition de comptes", "**Yes**"),
    ("we're a tiny nonprofit and might land a grant from the city... do they expect us to account for how we spent "
     "it or is it no strings attached?", "reddition de comptes", "**Yes**"),
])
def test_everyday_wordings_of_oversight_and_accountability_reach_the_commitment(shipped_assistant, question, said,
                                                                               opening):
    # « décider comment notre organisme fonctionne » is the autonomy commitment; "report back", "account for how we
    # spent it" are the accountability the City asks for
    answer = shipped_assistant.ask(question).answer
    assert answer.startswith(opening) and said in answer[:300]


def test_funding_the_core_mission_is_the_slides_components_of_the_mission(shipped_assistant):
    # "does the City normally fund the core mission?": « un ou des volets de la mission …, pour des cas
    # exceptionnels » — not usually: No, and why
    answer = shipped_assistant.ask("Does the City normally fund the core mission of community groups under this "
                                   "policy?").answer
    assert answer.startswith("**No**") and "cas exceptionnels" in answer[:300]


def test_a_short_follow_up_with_its_own_question_word_verb_and_subject_is_a_new_question(shipped_assistant):
    # "ok and who chairs the follow-up committee?" after a directory question about the RIOCM: not "who chairs the
    # follow-up committee est-il dans l'annuaire ?" — the documents, which name no chair
    *_, chair = converse(shipped_assistant, "le RIOCM est-il dans l'annuaire? il est membre de quelle table de quartier?",
                         "ok and who chairs the follow-up committee?")
    assert chair.route == "documents" and chair.abstained and "annuaire" not in chair.resolved_question


@pytest.mark.parametrize("question", [
    "what's the follow-up committee actually supposed to do?",
    "à quoi sert le comité de suivi?",
])
def test_what_something_does_is_answered_by_the_list_of_what_it_does(shipped_assistant, question):
    # « Il s'assure … ; Il propose un échéancier … ; Il produit un bilan triennal », not the line on its mandate's
    # renewal that shares the word « comité »
    answer = shipped_assistant.ask(question).answer
    assert "échéancier" in answer and "bilan triennal" in answer and "renouvellement" not in answer


def test_that_noun_takes_up_the_thing_named_not_what_was_asked_of_it(shipped_assistant):
    # "what's that committee supposed to do?" after who represents the sector on it: the committee's role, not
    # its representatives again
    *_, role = converse(shipped_assistant, "Which groups represent the community sector on the policy's follow-up "
                                           "committee?", "what's that committee actually supposed to do?")
    assert "échéancier" in role.answer and "RAFSSS" not in role.answer


@pytest.mark.parametrize("questions,expected", [
    (("what's the difference between community action and autonomous community action in the policy?",
      "ok et le 4e type de pratique c'est quoi?"), "Les regroupements du milieu communautaire"),
    (("c'est quoi le type 3?",), "La défense collective des droits"),
])
def test_a_practice_type_named_by_its_number_is_that_type(shipped_assistant, questions, expected):
    # the slides number the types (« 4. Les regroupements … ») without the word « type »: the type of that number,
    # not the overview of all four
    answer = converse(shipped_assistant, *questions)[-1]
    assert expected in answer.answer.splitlines()[0] and "Les 4 types" not in answer.answer


def test_a_when_follow_up_about_another_event_is_not_given_the_same_line_again(shipped_assistant):
    # "and when did the city announce it publicly?" after the adoption date: the press release (16 June), not the
    # adoption line the last answer gave
    *_, announced = converse(shipped_assistant, "On what date did city council adopt the Politique montréalaise pour "
                                                "l'action communautaire?", "and when did the city announce it publicly?")
    assert "16 June 2021" in announced.answer.splitlines()[0]


@pytest.mark.parametrize("question", [
    "quels groupes de femmes sont donnés en exemple dans l'historique du communautaire montrealais?",
    "which women's groups do the slides mention?",
])
def test_womens_groups_in_the_sectors_history_are_the_slides_montrealaises(shipped_assistant, question):
    # the history the slides tell (the directory has none), and its line on the women of Montréal (« les
    # Montréalaises … : Le Chaînon, AFEAS, Centre des femmes de Montréal »), not the decades' examples
    answer = shipped_assistant.ask(question)
    assert answer.route == "documents" and "Le Chaînon" in answer.answer.splitlines()[0]


def test_between_the_two_is_between_the_last_two_answers_years(shipped_assistant):
    # « qu'est-ce qui s'est passé entre les deux ? » after the year promised (2019) and the adoption (2021): the
    # consultation, the brief, the report — not the oldest date of the slides
    *_, between = converse(shipped_assistant, "avec la declaration de 2018, la ville avait promis d'adopter sa "
                                              "politique pour quand?", "pis finalement elle a ete adoptee quand?",
                           "qu'est-ce qui s'est passé entre les deux?")
    assert "consultation publique" in between.answer and "mémoire collectif" in between.answer
    assert "1987" not in between.answer


@pytest.mark.parametrize("question", [
    "La politique de 2021 a-t-elle été adoptée à l'unanimité par le conseil municipal?",
    "was the 2021 community action policy voted unanimously by council?",
])
def test_a_qualifier_the_documents_say_only_of_other_years_is_neither_yes_nor_no(shipped_assistant, question):
    # « à l'unanimité » is said of the 2018 Declaration and of a 2017 policy, not of the 2021 adoption: no « Oui »
    # from the adoption line, but what is missing, and the line that says it of another year (not an answer)
    answer = shipped_assistant.ask(question)
    assert answer.abstained and answer.yes_no is None and "2021" in answer.answer.splitlines()[0]
    assert "2018" in answer.answer or "2017" in answer.answer
    # said of the year asked, it is a yes
    declaration = shipped_assistant.ask("La déclaration de 2018 a-t-elle été adoptée à l'unanimité?")
    assert declaration.answer.startswith("**Oui**") and "unanimité" in declaration.answer.splitlines()[0]


def test_a_sentence_that_names_them_after_a_colon_answers_which_ones(shipped_assistant):
    # « … organismes de femmes …, lesquels ? »: the sentence that enumerates them (« … : Le Chaînon, AFEAS, Centre
    # des femmes de Montréal, … ») is a list, not the « Portée » list beside it
    answer = shipped_assistant.ask("dans la presentation de la ville on parle d'organismes de femmes qui ont marqué "
                                   "l'histoire du communautaire, lesquels?").answer
    assert "Le Chaînon" in answer.splitlines()[0] and "Portée" not in answer


def test_a_follow_up_asking_a_named_concept_in_its_own_words_gets_no_lean_to_the_line_just_given(shipped_assistant):
    # "if they pay us for it, what will they expect from us in return?" after the one-off mandates: the
    # accountability the City requires, not the mandates line again
    *_, expected = converse(shipped_assistant, "The City wants us to carry out a one-off mandate for a need it has "
                                               "identified. Is that a kind of partnership the policy covers?",
                            "if they pay us for it, what will they expect from us in return?")
    assert "reddition de comptes" in expected.answer and "mandats ponctuels" not in expected.answer


def test_what_the_city_funds_is_asked_of_the_documents_not_of_organisation_names(shipped_assistant):
    # "Can the City fund a part of an organisation's mission …?": the slide's « volets de la mission … pour des cas
    # exceptionnels », not the directory's organisations whose names hold « Mission »
    answer = shipped_assistant.ask("Can the City fund a part of an organisation's mission in exceptional cases?")
    assert answer.route in ("documents", "guide") and "cas exceptionnels" in answer.answer


def test_a_political_party_asked_against_non_partisan_action_is_a_no(shipped_assistant):
    # "support a political party" — « une action politique non partisane »: what the question names by the thing,
    # the documents say by its adjective
    answer = shipped_assistant.ask("Could a collective rights defence group support a political party and still "
                                   "count under the policy?")
    assert answer.answer.startswith("**No**") and "non partisane" in answer.answer


def test_a_question_with_its_own_subject_and_a_year_is_no_follow_up(shipped_assistant):
    # « La politique a-t-elle été adoptée en 2021 ? » after a question about the Declaration: the inverted pronoun
    # restates its own subject, and « en 2021 » is a preposition, not the pronoun « en » — nothing is borrowed
    _, policy = converse(shipped_assistant, "La déclaration a-t-elle été adoptée en 2019?",
                         "La politique a-t-elle été adoptée en 2021?")
    assert policy.resolved_question == "La politique a-t-elle été adoptée en 2021?"
    assert policy.answer.startswith("**Oui**") and "14 juin 2021" in policy.answer.splitlines()[0]


def test_the_next_ordinal_after_an_item_with_brackets_of_its_own_is_the_next_item(shipped_assistant):
    # « pis le troisième ? » after « et le deuxième, ça engage la ville à quoi ? »: the same question of the third
    # principle — the second principle's own brackets (« (le projet disait seulement « respecter ») ») are part of
    # the item, not a borrowed topic to cut
    *_, third = converse(shipped_assistant, "C'est quoi les trois principes directeurs?",
                         "et le deuxième, ça engage la ville à quoi?", "pis le troisième?")
    assert "3. Développer des partenariats éthiques" in third.resolved_question and "P3-E1" in third.answer


def test_a_new_document_for_the_earlier_question_replaces_the_one_it_named(shipped_assistant):
    # « et la politique ? » after « par qui ? » about the Declaration's adoption: the policy's adoption, not the
    # Declaration's again
    *_, policy = converse(shipped_assistant, "Quand la déclaration a été adoptée?", "par qui?", "et la politique?")
    assert "declaration" not in fold(policy.resolved_question) and "14 juin 2021" in policy.answer.splitlines()[0]


def test_what_a_document_committed_the_city_to_is_its_commitments(shipped_assistant):
    # "and what did it commit the City to?" after the Declaration's adoption: « Tenir une consultation, puis adopter
    # dès 2019 une politique … », not the opposition's support
    *_, committed = converse(shipped_assistant, "When was the Declaration adopted?",
                             "and what did it commit the City to?")
    assert "dès 2019" in committed.answer and "opposition" not in committed.answer.splitlines()[0]


def test_an_organisation_founded_is_one_formed(shipped_assistant):
    # « quand le RIOCM a-t-il été fondé ? » — « Années 90 : formation du RIOCM »: the event said with another verb,
    # not the 2019 assembly that only names the RIOCM
    answer = shipped_assistant.ask("quand le RIOCM a-t-il été fondé?").answer
    assert "Années 90" in answer.splitlines()[0] and "2019" not in answer.splitlines()[0]
