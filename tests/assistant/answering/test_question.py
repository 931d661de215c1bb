"""Question analysis: kinds, answer types, numbers and dates normalised on both sides."""

from __future__ import annotations

import pytest

from assistant.answering.question import analyse_question, concept_gloss, names_in, normalise_numbers


@pytest.mark.parametrize("text,kind,answer_type", [
    ("Est-ce que la ville peut nous louer des locaux moins cher?", "yesno", "yesno"),
    # « … ou pas ? » offers the other answer: « ou » asks no place
    ("la politique de 2021, le conseil l'a adoptée à l'unanimité ou pas?", "yesno", "yesno"),
    # pay asked for is an amount; whether the City pays salaries is not
    ("Quel est le salaire moyen dans les organismes communautaires?", "how_much", "amount"),
    ("Est-ce que la Ville pourrait payer notre loyer et nos salaires de base?", "yesno", "yesno"),
    # what something committed the City to, the one committed named between: its commitments, listed
    ("and what did it commit the City to?", "list", "list"),
    # a person asked for by the name of a role, a possessive before it
    ("What is the name of the City's director of social development?", "who", "person"),
    # what something does: the list of what it does
    ("à quoi sert le comité de suivi?", "list", "list"),
    ("what's that committee actually supposed to do?", "list", "list"),
    ("La Ville peut-elle se mêler de comment on gère notre organisme?", "yesno", "yesno"),
    ("L'évaluation de nos activités avec la Ville, c'est obligatoire?", "yesno", "yesno"),
    ("Depuis quand la Ville travaille-t-elle avec les groupes?", "when", "date"),
    # "how long has … been", « depuis combien de temps »: since when, not a count (« remontent à 1987 »)
    ("how long has the city been working in partnership with community groups?", "when", "date"),
    ("depuis combien de temps la ville travaille avec les groupes communautaires?", "when", "date"),
    # a clause of time without its comma is a condition, not the question (« … elle peut jouer quels rôles ? »)
    ("Quand la ville est partenaire d'un organisme elle peut jouer quels rôles?", "list", "list"),
    ("Quand la politique a-t-elle été adoptée?", "when", "date"),
    # « de qui » asks who: no cleft sentence (« c'est les arrondissements qui … ? » is one)
    ("c'est venu de qui l'idée de la déclaration en 2018?", "who", "person_or_body"),
    ("c'est les arrondissements qui s'en occupent?", "yesno", "yesno"),
    # an era asks when
    ("et le RIOCM, il a été créé vers quelle époque?", "when", "date"),
    ("around what era did the ACEF groups appear?", "when", "date"),
    # a person asked for, with an adverb before the role
    ("Who is currently the director of the Service de la diversité et de l'inclusion sociale?", "who", "person"),
    ("qui est actuellement la directrice du SDIS?", "who", "person"),
    # "low-cost" says cheap: no price is asked for
    ("any community kitchens or low-cost meal places on the Plateau?", "yesno", "yesno"),
    ("Combien de temps dure un mandat du comité?", "how_many", "number"),
    # "what other kinds of support …", « quels autres types de soutien »: which support, every kind
    ("what other kinds of support are there besides money?", "which_support", "text"),
    ("Quels autres types de soutien la Ville offre-t-elle?", "which_support", "text"),
    # money received (« elle reçoit combien ? »), not a count of what received something
    ("Pis l'ACEF du Nord, elle reçoit combien de la Ville par année?", "how_much", "amount"),
    ("how much does the RIOCM get from the city?", "how_much", "amount"),
    ("combien de regroupements ont reçu une invitation?", "how_many", "number"),
    ("How often does the follow-up committee report?", "when", "frequency"),
    ("le comite doit faire un bilan aux combien d'annees?", "when", "frequency"),  # « combien », yet not a count
    ("Le comité produit un bilan tous les combien d'années?", "when", "frequency"),
    ("ya combien d'orgs listés sous Concert'Action Lachine?", "count", "number"),  # « orgs »: organismes
    ("Quel est le budget annuel du SDIS?", "how_much", "amount"),
    ("What's the budget of the SDIS?", "how_much", "amount"),  # "what's", written without a space
    ("what's a CDC?", "definition", "text"),
    ("Combien d'organismes à Anjou?", "count", "number"),
    ("Qui préside la Commission permanente?", "who", "person"),
    ("Quelle conseillère a proposé la motion?", "who", "person"),  # a role held by a person
    ("Which councillor moved the motion?", "who", "person"),
    ("who's the current executive director of the RIOCM?", "who", "person"),  # two words before the role
    ("what's the max $ amount a group can get?", "how_much", "amount"),
    ("wat kinds of help can a community group get from the city?", "which_support", "text"),  # "wat": what
    ("Quelles formes d'aide la Ville offre-t-elle?", "which_support", "text"),  # « aide »: support, said plainly
    ("la Ville peut nous soutenir de quelles façons?", "which_support", "text"),  # the kinds, asked as ways
    ("what's the name of the opposition leader who backed the Declaration?", "who", "person"),  # a leader: a person
    # yes/no after what opens it: a phrase, a linking word, a remark before a dash; or with a remark after it
    ("under the policy can the City get involved in how our org is run?", "yesno", "yesno"),
    ("Good. And does it promise any flexibility in how the funding can be used?", "yesno", "yesno"),
    ("And with the money one, does the City expect us to account for it?", "yesno", "yesno"),
    ("our board is worried - if the city supports us can they tell us how to run things?", "yesno", "yesno"),
    ("Y a-t-il une maison des jeunes à Montréal-Nord? mon gars a 14 ans", "yesno", "yesno"),
    ("ok, can you say in English what the committee is supposed to do?", "other", "text"),  # a request
    ("In what ways can the City help us?", "which_support", "text"),
    ("la ville peut nous aider comment concrètement?", "which_support", "text"),  # the support, asked how
    ("Quels sont les trois types de soutien?", "list", "list"),
    ("Whose administration came up with the idea?", "who", "person_or_body"),
    # « qui » asks who at the start, after a preposition or a verb of being, or last; after a noun it is relative
    ("Le comité est composé de qui?", "who", "person_or_body"),
    ("pis qui siège là-dessus?", "who", "person_or_body"),
    ("c'est quels groupes qui représentaient le communautaire?", "who", "person_or_body"),
    ("Quels regroupements siègent au comité?", "who", "person_or_body"),  # bodies asked for, no « qui »
    ("Qu'a dit l'opposition sur la Déclaration?", "other", "text"),  # asks what, not yes or no
    ("Que fait le comité de suivi, au juste?", "other", "text"),  # « que » opening a question asks what
    ("Et que demande la Ville en retour?", "other", "text"),
    # a clause of time or condition before the question is not what it asks
    ("And when it does give them money, what does it require from them?", "other", "text"),
    ("Quand la déclaration a été adoptée en 2018, quel regroupement était parmi ceux invités?", "who",
     "person_or_body"),
    # "whats": what is, typed in a hurry — and what the committee does: the list of what it does
    ("whats the follow-up committee supposed to do?", "list", "list"),
    # a polite request wrapped around a question asks that question (no « Yes » to "Can you tell me when …?")
    ("Pourrais-tu me dire quand la politique a été adoptée?", "when", "date"),
    ("Do you know who sits on the follow-up committee?", "who", "person_or_body"),
    ("Could you list the practice types?", "list", "list"),
    ("Can you tell me if the City funds projects?", "yesno", "yesno"),  # an embedded yes/no stays one
    ("C'est combien de l'heure pour louer une salle de la Ville?", "how_much", "amount"),  # a price
    ("On est pas incorporés, on peut quand même avoir du soutien?", "yesno", "yesno"),  # « quand même »: no date
    ("What fee does the City charge per day for a hall?", "how_much", "amount"),
    ("Quelles sont les deux instances nommées?", "who", "person_or_body"),
    ("pis les engagements qui viennent avec ce principe-là?", "other", "text"),
    ("Les organismes qui font de la défense de droits sont-ils visés?", "yesno", "yesno"),
    # a condition before the question does not hide it
    ("If the City funds our organisation, will it ask us to account for how the money was used?", "yesno", "yesno"),
    ("Si on reçoit une subvention de la Ville, qu'est-ce qu'elle va nous demander?", "other", "text"),
    ("When the City funds a group does it ask for a report?", "yesno", "yesno"),  # (no comma after the condition)
    ("When did it table its report?", "when", "date"),  # … but "when did" asks when
    # a follow-up's added topic lends no question word: its own words decide
    ("l'opposition, elle l'a appuyée? (invité conseil jour)", "yesno", "yesno"),
    ("pour la défense collective des droits? (critères type)", "lookup", "text"),
    # the question word last, or a list asked for by its noun
    ("La Déclaration a été adoptée quand exactement?", "when", "date"),
    ("Which values guide the policy?", "list", "list"),
    ("What core values is the policy built on?", "list", "list"),  # a modifier before the listed noun
    # a plural subject put first, then asked for: the things listed, not a definition
    ("les valeurs mises de l'avant dans la politique c'est quoi deja?", "list", "list"),
    ("c'est quoi exactement les sortes de pratiques qu'elle vise?", "list", "list"),  # an adverb before « les »
    ("what r the guiding principles of the policy", "list", "list"),  # texting: "r" for "are"
    ("la politique de mtl adoptée en 2021, ça amenait tu du nouvel argent pour les groupes ou pas pantoute?", "yesno",
     "yesno"),  # « -tu » after any imperfect verb
    ("comment tu fais pour avoir une subvention?", "other", "text"),  # « tu » the pronoun
    ("the values of the policy, what are they?", "list", "list"),
    # a request for the things the documents list, without a question word
    ("J'ai besoin du libellé des engagements rattachés au premier principe, pour un tableau de suivi.", "list", "list"),
    ("Give me the exact commitments under principle 2 please", "list", "list"),
    ("Qu'est-ce qui s'est passé entre la déclaration et l'adoption de la politique? les grandes étapes", "list", "list"),
    # "why" asks for a passage that gives reasons
    ("Why does the City say our autonomy matters?", "other", "reason"),
    ("pkoi c important pour la ville que les organismes restent autonomes?", "other", "reason"),
    # a person, not a body; an opinion; contact details
    ("C'est qui la personne responsable du dossier à la Ville?", "who", "person"),
    ("What's the name of the director of the SDIS?", "who", "person"),
    ("Qui représente les arrondissements au comité de suivi?", "who", "person_or_body"),
    ("À votre avis, la politique a-t-elle changé quelque chose?", "opinion", "text"),
    ("Do you think the Declaration was a good idea?", "opinion", "text"),
    ("Quel est le numéro de téléphone du RIOCM?", "contact", "contact"),
    ("Could you give me their e-mail?", "contact", "contact"),
    ("c quoi le numéro de tél du SDIS?", "contact", "contact"),
    # folded, « où » is « ou »: where only where "or" cannot be
    ("Il est où le RIOCM?", "where", "place"),
    ("ils sont ouverts quand, ces deux-là?", "contact", "contact"),  # opening hours are contact details
    ("La Ville peut-elle louer des salles ou des locaux moins cher?", "yesno", "yesno"),  # (« un tel organisme » is no telephone)
    # Québec French typed fast
    ("c koi les 3 sortes de soutien?", "list", "list"),
    ("kel soutien la ville donne?", "which_support", "text"),
    ("What kinds of support can the City give groups like us?", "which_support", "text"),  # plural kinds
    ("la politique s'applique tu aux coops?", "yesno", "yesno"),
    ("pkoi la ville a fait une declaration?", "other", "reason"),
    # a cleft sentence names its answer: yes or no; with a wh-word inside, it still asks who or when
    ("C'est la Ville qui finance les organismes?", "yesno", "yesno"),
    ("C'est quel service qui s'occupe de la politique?", "who", "person_or_body"),
    ("C'est qui qui préside le comité?", "who", "person"),
    ("Le RIOCM a été formé dans quelle décennie?", "when", "date"),
    ("Pour des ateliers de formation, quel genre de soutien de la Ville?", "which_support", "text"),
    # a clarification after the question is not the question; a follow-up that is a clause is a yes/no
    ("la Ville va-tu nous financer? genre notre mission globale", "yesno", "yesno"),
    ("tout le monde au conseil a voté pour? (déclaration reconnaissance adoptée)", "yesno", "yesno"),
    ("et pour Bouffe-Action de Rosemont? (table arrondissement)", "lookup", "text"),
    ("On fait de l'éducation populaire. On rentre dans quelle pratique?", "eligibility", "text"),
    ("We're a registered nonprofit. Are we the kind of group the City's policy covers?", "eligibility", "yesno"),
    # the subject repeated after the question word (« … quand, cette politique-là ? »); « lesquels » asks which
    ("et finalement elle a été adoptée quand, cette politique-là?", "when", "date"),
    ("Les grands principes de la version finale, c'est lesquels?", "list", "list"),
])
def test_kinds_and_answer_types(text, kind, answer_type):
    q = analyse_question(text)
    assert (q.kind, q.answer_type) == (kind, answer_type)


def test_numbers_dates_and_decades_are_normalised_in_both_languages():
    assert normalise_numbers("Années 70 et 80")[2] == normalise_numbers("the 1970s and 80s")[2] == {1970, 1980}
    assert {2, 3} <= normalise_numbers("deux à trois employés")[0] == normalise_numbers("two to three employees")[0]
    assert normalise_numbers("septembre 2020")[3] == normalise_numbers("September 2020")[3] == {9}
    assert normalise_numbers("septembre 2020")[1] == normalise_numbers("September 2020")[1] == {2020}
    assert normalise_numbers("Feb 2019")[3] == {2} and normalise_numbers("sept organismes")[3] == set()


def test_modifiers_that_decide_a_yes_or_no():
    assert analyse_question("la politique est tu juste pour les grosses orgs?").exclusive
    assert analyse_question("faut-il rendre des comptes?").obligation
    assert analyse_question("Will the City ask us to account for the money?").obligation
    assert analyse_question("On est un groupe pas incorporé, la politique nous concerne?").negated
    assert analyse_question("Le prochain bilan sort quand?").future
    # « la future politique » named a thing to come, then: the question is about the past
    assert not analyse_question("Quand a commencé la consultation sur la future politique?").future
    assert analyse_question("Comment obtenir un permis de rénovation?").how_to
    # An English negative question asks what the positive one asks (and takes the same « No »)
    assert not analyse_question("Isn't the Declaration binding on the boroughs?", "en").negated
    assert not analyse_question("Don't we have to report on the money?", "en").negated
    assert analyse_question("Can a group that is not incorporated apply?", "en").negated


def test_names_are_read_without_elisions_or_possessives():
    assert names_in("What does Vancouver's policy say about the RIOCM’s role? Et selon l'Ontario?") == [
        "Vancouver", "RIOCM", "Ontario"]


@pytest.mark.parametrize("text,listed,container", [
    ("Quelles sont les valeurs sur lesquelles repose la politique?", {"valeur"}, ""),
    ("Quels sont les principes directeurs?", {"princip"}, ""),
    ("What are the guiding principles?", {"guid", "principl"}, ""),
    ("Quelles sont les grandes étapes?", {"etap"}, ""),
    ("les valeurs mises de l'avant dans la politique c'est quoi deja?", {"valeur"}, ""),
    ("Les grandes étapes, c'est quoi?", {"etap"}, ""),
    ("Sous quel principe directeur trouve-t-on le comité de suivi?", set(), "princip"),
    ("Which practice type covers umbrella groups?", set(), "type"),
    ("Which of the guiding principles recognises umbrella groups?", set(), "princip"),
    ("Lequel des principes directeurs parle d'autonomie?", set(), "princip"),
])
def test_the_noun_a_list_asks_for_and_the_numbered_thing_that_holds_the_answer(text, listed, container):
    q = analyse_question(text)
    assert listed <= q.listed and (q.container == container)


def test_the_dates_of_a_follow_ups_added_topic_are_not_the_askers():
    question = analyse_question("finalement c'est tu arrivé en 2019? (adopté déclaration 2018)")
    assert question.years == {2019}


def test_whose_names_the_kind_of_body_asked_for():
    assert analyse_question("Whose administration was behind the 2018 Declaration?").asked_body == "administration"


@pytest.mark.parametrize("text", ["Concrètement, la Ville s'engage à quoi pour respecter l'autonomie des groupes?",
                                  "For principle 2, the City commits to what exactly?",
                                  # what was promised is what was committed to
                                  "en 2018 la ville avait promis quoi?", "what did the city promise in 2018?"])
def test_what_the_city_commits_to_is_a_list_of_commitments(text):
    q = analyse_question(text)
    assert q.kind == "list" and q.listed & {"engag", "commit"}


@pytest.mark.parametrize("text", ["Qui est actuellement à la tête du Service de la diversité et de l'inclusion sociale?",
                                  "Who's currently at the head of the SDIS?"])
def test_who_heads_a_body_asks_for_a_person(text):
    assert analyse_question(text).answer_type == "person"


def test_the_documents_words_are_added_to_a_question_of_one_part_only():
    assert concept_gloss("which City service was put in charge of implementing it?", "en") == "mandated, implement"
    assert concept_gloss("la Ville peut-elle se mêler de notre gestion ?", "fr") == "autonomie, fonctionnement, gestion"
    # "when …, which service …, and which policy …?": a gloss for one part would tilt the answer to that part
    assert concept_gloss("when was the policy adopted, which City service was put in charge of implementing it, and "
                         "which 2001 policy was it aligned with?", "en") == ""
