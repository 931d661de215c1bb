"""Routing: documents, directory or support-fit guide, decided from the question analysis and both sides'
evidence — not from one keyword.

Directory evidence: an organisation's name found in the question (typos forgiven, the name must cover most of
its words), a place (borough, linked city or round table, short names accepted) together with words that ask
for organisations or a topic, a membership question ("member of which round table?"), a count of organisations
or members. Document evidence: words that point at the documents (the presentation, a slide, the policy, a
principle, a commitment, a type of support). The guide answers only when the question states something about
the asker's organisation that the guide can use (its criteria or needs).

Usage: ``route = decide_route(question, resolution, assistant, previous_turn)``; ``route.name``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.answering.conversation import AMONG_THEM, THERE as _THERE, without_topic
from assistant.answering.question import ASKER_IN_IT, FIRST_PERSON, Question, analyse_question
from assistant.answering.select import CITY_FUNDS
from assistant.core.lexical import analyse
from assistant.core.textnorm import fold
from assistant.directory.search import KIND_WORDS

_ORG_WORDS = re.compile(
    r"\b(organismes?|organisations?|organizations?|groupes?|groups?|associations?|ressources?|centres?|"
    r"maisons?|banques? alimentaires?|food banks?|cuisines? collectives?|services? d'aide|comites? logement|"
    r"carrefours?|cdc|ymca|popotes?|refuges?|shelters?|drop-in|clubs?|cooperatives?|co-?ops?|membres?|members?|"
    r"annuaire|directory|repertoire|listed|liste de|list of|qui aident|who help|pour (les )?(aines|jeunes|femmes|"
    r"familles|immigrants|nouveaux arrivants)|for (seniors|youth|women|families|immigrants|newcomers))\b")
_MEMBERSHIP = re.compile(r"\b(membres?|members?|member of|fait partie|part of|belong\w*|tables? de quartier|"
                         r"round tables?|neighbou?rhood tables?|table de|concertation|liste de|list\w*|annuaire|directory|"
                         r"repertoire)\b")
# "and what boroughs are those in?": where the organisations or tables just found are
_PLACE_ASKED = re.compile(r"\b(boroughs?|arrondissements?|neighbou?rhoods?|where|located|situee?s?|territoires?)\b")
# a kind of member the directory sorts by (« institutions », "partners", « entreprises »)
_KIND_NAMED = re.compile(r"\b(" + "|".join(sorted(map(re.escape, KIND_WORDS), key=len, reverse=True)) + r")\b")
# « pis à RDP, y'est classé dans quelle catégorie ? »: the member category a table publishes for it
_CATEGORY_ASKED = re.compile(r"\b(categor\w*|classee?s?|listed as|membership (kind|type|category))\b")
_WHICH_TABLE = re.compile(r"\b((quel(le)?s?|which|what)( \w+){0,2} (round )?tables?|(d'autres|other) (round )?tables)\b")
# "there", « là-bas »: the place the conversation named last
# « cette table », "that round table": the table of the last directory answer
_THAT_TABLE = re.compile(r"\b(cette|la meme|sa|leur|that|this|the same|its|their) (round )?table( de quartier)?\b")
_DOCUMENT_WORDS = re.compile(
    r"\b(presentation|diapo\w*|slides?|politique|policy|declaration|principes?|principles?|engagements?|"
    r"commitments?|soutien (financier|professionnel|locatif)|(financial|professional|rental) support|"
    r"comite de suivi|follow-up committee|valeurs|values|buts|goals|portee|scope|pratiques?|practices?|"
    r"criteres|criteria|reddition|accountability|ville s'engage|fiche|"
    # the sector's history, told on the slides (the directory has none): « l'historique du communautaire », "the
    # history of the sector"; what they give as examples (« donnés en exemple »)
    r"historique|history|histoire|(?:donnee?s?|citee?s?|nommee?s?|given|cited|named|mentioned) (?:en |as |comme )?"
    r"(?:exemples?|examples?))\b")
# a pronoun for the text just quoted, and a verb of saying: « elle en nomme », "does it mention"
_TEXT_SAYS = re.compile(r"\b((does|did|do) (it|they|the (slide|text|policy|presentation|document)s?) "
                        r"(name|mention|list|cite|give)|(it|they) (names?|mentions?|lists?|cites?)|"
                        r"(elle|il|ils|elles|la diapo\w*|le texte) (en |les |y )?(nomme|mentionne|cite|donne|enumere)\w*)\b")
_COUNT_ORGS = re.compile(r"\b(combien|how many|nombre|nb|nbre|number of)\b.*\b(organismes?|organisations?|organizations?|membres?|"
                         r"members?|groupes?|groups?)\b")
# Kinds of organisation a count or a search may name (a topic, not a place).
_ORG_TYPES = re.compile(r"\b(centres?|maisons?|banques?|cuisines?|kitchens?|comites?|carrefours?|popotes?|refuges?|shelters?|"
                        r"food|housing|logement|femmes|women|aines|seniors|jeunes|youth|familles?|families|immigra\w*|"
                        r"refugi\w*|handica\w*|sante|health|emploi|employment|alimenta\w*)\b")
# a question that asks for organisations (« quels organismes … », "find … organizations")
_ASKS_FOR_ORGS = re.compile(r"\b((quel(le)?s?|which|what|find|trouve[rz]?|cherche[rz]?|liste[rz]?|list|are there( any)?|"
                            r"y a-t-il des)\b( \S+){0,3} (organismes|organisations|organizations|groupes|groups|"
                            r"associations|ressources|resources)\b)")
# The asker's own organisation, described before the question (« Notre maison de la famille à Anjou … », "Our
# seniors' centre in Saint-Laurent", « un organisme comme le nôtre », « je coordonne un organisme »): not the
# organisations asked for.
_OWN_ORGANISATION = re.compile(
    r"\b((notre|nos|mon|ma|mes|our|my)\s+([\w'-]+\s+){0,3}?|(coordonne|dirige|represente|run|coordinate|represent|"
    r"we're|we are|nous sommes|on est)\s+(un|une|an?)\s+([\w'-]+\s+){0,3}?)(organismes?|organisations?|organizations?|"
    r"groupes?|groups?|associations?|centres?|cent(er|re)s?|drop-ins?|maisons?|tables?|comites?|collecti(f|fs|ve|ves)|"
    r"cooperatives?|co-?ops?|clubs?|ressources?|non-profits?|obnl)\b(\s+(centres?|cent(er|re)s?|groups?|groupes?)\b)?|"
    r"\b(un|une|an?) (organisme|organisation|organization|groupe|group) (comme|like) (le|la|les)? ?(notre|notres|ours)\b")
# the asker's own organisation named by its kind: « notre banque alimentaire », "our food bank"
_OWN_KIND = re.compile(r"\b(notre|nos|mon|ma|mes|our|my)\s+(?:" + _ORG_WORDS.pattern + ")")
# The question says which text it asks about (« selon la politique », "under the third guiding principle",
# « dans sa politique »): the documents, whatever the description around it names.
_ATTRIBUTED = re.compile(r"\b(selon|d'apres|dans|en vertu d[eu']|according to|under|in|per) (la |le |les |l'|sa |son |ses |"
                         r"the |its |their )?(\w+ ){0,2}?(politique|policy|declaration|presentation|principes?|principles?|"
                         r"engagements?|commitments?)\b")
# the documents as the subject of a verb of saying: "the slides mention X", « la présentation nomme X »
_DOCUMENTS_SAY = re.compile(r"\b(the|les|la|le|your|vos)(?: city's| city| ville's)? (slides?|presentation|deck|diapos?|"
                            r"diapositives?|diaporama|policy|politique|declaration|fiches?|fact ?sheets?|documents?|"
                            r"texte?s?)(?: de la ville| of the city)?(?: (?:also|too|aussi|en))? (mentions?|names?|"
                            r"name-?drops?|cites?|says?|lists?|talks? about|refers? to|brings? up|features?|nomme\w*|"
                            r"mentionne\w*|cite\w*|dit|disent|parle\w* d\w*|enumere\w*|evoque\w*)\b|"
                            # "is it mentioned in the slides?", « cité dans la présentation »
                            r"\b(mentioned|named|cited|listed|mentionnee?s?|citee?s?|nommee?s?) (in|dans) (the|la|le|les) "
                            r"(slides?|presentation|deck|diapos?|diaporama|policy|politique|declaration|documents?)\b")
# the directory named as where to look: "is it in the directory?", « est-il dans l'annuaire ? »
_IN_DIRECTORY = re.compile(r"\b(directory|annuaire|repertoire|listed|listee?s?|inscrite?s?)\b")
_HOW_TO = re.compile(r"^\s*(comment (obtenir|faire|demander|avoir|porter|s'inscrire)|how (do|can|to|should) )")
_COUNT_TABLES = re.compile(r"\b(combien|how many|nombre)\b.*\b(tables de quartier|tables|round tables)\b")


@dataclass
class Route:
    name: str  # documents | directory | guide
    facets: dict[str, str] = field(default_factory=dict)
    text: str = ""  # what the directory searches for
    name_query: str = ""
    count: bool = False
    count_tables: bool = False
    named: bool = False  # an organisation's name is in the question
    document_score: int = 0  # how many words point at the documents
    topic: bool = False  # the question names a topic (not only a place or a count)
    fit: object = None  # the guide's result, when the guide answers


# Words of a directory follow-up that point back at what was found rather than name something to search
_FILLER = {"c", "ca", "ce", "cela", "est", "sont", "il", "elle", "ils", "elles", "la", "y", "se", "trouve", "trouvent",
           "situe", "situee", "situes", "it", "is", "are", "that", "this", "they", "them", "those", "where", "located",
           "ou", "based",
           # words that ask or acknowledge, not name (« fine, which round table is it listed under? »)
           "which", "what", "quel", "quelle", "quels", "quelles", "lequel", "laquelle", "lesquels", "lesquelles", "under",
           "dans", "sous", "fine", "ok", "okay", "great",
           "thanks", "merci", "parfait", "super", "bon", "got", "table", "tables", "celui", "celle", "ceux", "celles",
           "one", "ones",
           # where they are, typed fast ("what boroughs r those in?"): asks about what was found, names nothing
           "borough", "boroughs", "arrondissement", "arrondissements", "neighbourhood", "neighborhood", "r", "u",
           "in", "those", "these",
           # "what about in the Sud-Ouest?", « pis à Verdun, elles ? »: a new place for the same search
           "about", "puis", "and", "et", "aussi", "also",
           # « pis ils sont membres de quelle table, eux autres ? »: the ones just listed, pointed at
           "eux", "autres", "eux-autres", "pis", "ti", "member", "members", "membre", "membres",
           # "which of them are just 'sympathizing' members?": how the question restricts, not what it searches
           "just", "only", "juste", "seulement", "simplement", "simply"}


FRAGMENT_WORDS = 4  # a follow-up this short continues the last question rather than asking a new one


def _continues_documents(assistant, own: str, language: str) -> bool:
    """A fragment (« pis des CDC ? », "and the values?") whose every word the documents use — or an acronym they
    spell out — and that names no place or organisation: it continues a documents answer."""
    words = [w for w in re.findall(r"[\w'-]+", fold(own)) if w not in _FILLER]
    if not words or len(words) > FRAGMENT_WORDS:
        return False
    directory, view = assistant.directory, assistant.retriever.view()
    _, facets = directory.parse_question(own)
    if facets.get("region") or facets.get("table"):
        return False
    acronyms = re.findall(r"\b[A-Z]{2,6}s?\b", own)
    if any(not view.spelled_out(a, language) and fold(a) not in view.document_words for a in acronyms):
        return False
    known = view.document_vocabulary
    stems = analyse(re.sub(r"\b[A-Z]{2,6}s?\b", " ", own), "fr")
    return bool(stems or acronyms) and all(s in known for s in stems)


def decide_route(q: Question, resolution, assistant, previous=None, own: str = "") -> Route:
    """``own``: the user's words for this turn, before a follow-up borrowed words from the last one."""
    text = resolution.text
    folded = fold(text)
    directory = assistant.directory
    # A short follow-up of a directory turn (« et à Verdun ? ») stays in the directory. Read on the user's own
    # words: the resolved question may have borrowed document-sounding ones (« comité ») from the last turn.
    # (an item the follow-up picked from the last list is the user's choice: « celle de Saint-Henri » → the table)
    own = resolution.text if resolution.picked else own or without_topic(resolution.text)
    own_text, own_words = own, fold(own)
    if previous is not None and previous.route == "documents" and resolution.followup \
            and _TEXT_SAYS.search(own_words):
        # "which women's organizations does it name?" after a slide: what the text names, not the directory
        return Route("documents")
    if previous is not None and previous.route == "documents" and resolution.followup \
            and _continues_documents(assistant, own_text, q.language):
        # « pis des CDC ? » after « combien de regroupements aujourd'hui ? »: the next thing the slide counts, not
        # the directory's CDCs
        return Route("documents")
    if previous is not None and previous.route == "directory" and resolution.followup \
            and not _DOCUMENT_WORDS.search(own_words) and (len(own_words.split()) <= 5 or _ORG_WORDS.search(own_words)
                                                           or _MEMBERSHIP.search(own_words)
                                                           or _PLACE_ASKED.search(own_words)
                                                           or _CATEGORY_ASKED.search(own_words)
                                                           # (« et lesquels sont des institutions publiques ? »)
                                                           or _KIND_NAMED.search(own_words)
                                                           # (« y en a-tu parmi eux qui font du jardinage ? »)
                                                           or AMONG_THEM.search(own_words)
                                                           # ("and the table for Anjou, next door?")
                                                           or re.search(r"\btables?\b", own_words)
                                                           or q.answer_type == "contact"):
        # ("can you give me their phone number?": contact details of the organisations just listed)
        residue, facets = directory.parse_question(own)
        # (a place inside a name written out whole is no new place: "is the CDEC LaSalle-Lachine one of them?")
        spelled = directory.spelled_name(own)
        facets = {k: v for k, v in facets.items() if not (spelled and k in ("region", "table") and fold(v) in spelled)}
        # a new place replaces the last one, whether it was a borough or a round table
        # (and an organisation the follow-up names, asked for its tables — « et Bâtir son quartier, il est membre de
        # combien de tables ? » after a table's count — has no place: its tables are wherever they are)
        own_named = bool(residue) and names_an_organisation(directory, directory.name_query(own), facets, own,
                                                            assistant.retriever.view().document_words)
        its_tables = own_named and bool(_COUNT_TABLES.search(own_words) or _WHICH_TABLE.search(own_words))
        kept = {k: v for k, v in previous.facets.items()
                if not (k in ("region", "table") and ("region" in facets or "table" in facets or its_tables))}
        merged = {**kept, **facets}
        if previous.tables and "table" not in facets and "region" not in facets and _THAT_TABLE.search(own_words):
            merged = {k: v for k, v in merged.items() if k != "region"} | {"table": previous.tables[0]}
        residue = _THAT_TABLE.sub(" ", residue)
        residue = _MEMBERSHIP.sub(" ", residue).strip() if q.answer_type != "contact" else ""
        # « c'est dans quel arrondissement, ça ? », "where is it located?": the same organisations, asked about again
        residue = " ".join(w for w in residue.split() if w not in _FILLER and len(w) > 1)  # (« y'é »: « e »)
        picked = re.search(r"« (.+?) »", own) if resolution.picked else None
        # ("and the third one?" after a list of names: the item itself is the question)
        name = picked.group(1) if picked else own.strip() if resolution.picked else ""
        # (« l'UdeM, elle siège à d'autres tables ? » after a table's members: the organisation its acronym names,
        # wherever it sits)
        holder = "" if name else directory.acronym_holder(own, only=True, documents_too=True)
        if holder:
            return Route("directory", facets, holder, directory.name_query(holder), named=True)
        if name:
            # "a phone number for the Ancre one?": the organisation picked from the last list, by its name
            return Route("directory", merged, name, directory.name_query(name), named=True)
        # « Et de la Table de quartier Outremont ? »: only the place changes; what was searched for stays (without
        # the last place's name: « comité logement » at Saint-Laurent, not « comité logement Lachine »).
        moved = "region" in facets or "table" in facets
        previous_name = directory.name_query(previous.directory_text) if moved and previous.directory_text \
            else previous.name_query
        # (« y en a-tu parmi eux qui font de l'environnement ? » after a count: a topic among them, not the count again)
        # ("how many of those are in category A?" after a table's count: a count among them)
        return Route("directory", merged, residue or previous.directory_text,
                     (directory.name_query(residue) if residue else "") or previous_name,
                     # (the follow-up's own words: "is any of them about food?" after a count is no count)
                     count=analyse_question(own, q.language).kind in ("how_many", "count"),
                     # ("and for Bâtir son quartier, which tables?": the organisation the follow-up names itself)
                     named=(previous.named and not residue) or own_named,
                     topic=bool(residue) and bool(directory.topic_sectors(residue, q.language)
                                                  or _ORG_TYPES.search(fold(residue))))
    residue, facets = directory.parse_question(text)
    if previous is not None and resolution.followup and previous.place and not (facets.get("region")
                                                                                  or facets.get("table")) \
            and _THERE.search(own_words):
        # "which neighbourhood table covers us there?": the place the conversation named last
        facets = {**facets, **previous.place}
    # (« Is the RIOCM in our directory? Which round table is it a member of? »: an acronym the documents use too,
    # asked about in the directory, is the organisation asked about — not a description before the question)
    if q.described and not directory.acronym_holder(text, documents_too=bool(_IN_DIRECTORY.search(folded)
                                                                             or _WHICH_TABLE.search(folded))) \
            and not directory.spelled_name(text, ()):
        # "We're an urban agriculture collective in Verdun looking for partners. Which organisations in Verdun work
        # on the environment?": what to search for, and the kind of member, are in the sentence that asks; the
        # description before it may still give the place
        asked_residue, asked_facets = directory.parse_question(q.asking)
        if asked_residue:
            residue = asked_residue
            facets = {**{k: v for k, v in facets.items() if k in ("region", "table")}, **asked_facets}
    name_query = directory.name_query(text)
    place = bool(facets.get("region") or facets.get("table"))
    named = names_an_organisation(directory, name_query, facets, text, assistant.retriever.view().document_words)
    if not named and _WHICH_TABLE.search(folded) and directory.acronym_holder(text, documents_too=True):
        # "Which neighbourhood table lists the RIOCM?": an acronym the documents use too (« RIOCM »), asked about
        # as a round table's member — the directory's record of it
        named = True
    # what is asked for, without the asker's own organisation (« notre banque alimentaire dans Hochelaga … »)
    asked = _OWN_KIND.sub(" ", _OWN_ORGANISATION.sub(" ", folded))
    # (« combien d'argent les tables reçoivent-elles ? » asks for money, not for a count of tables)
    count_tables = bool(_COUNT_TABLES.search(folded)) and q.kind != "how_much" and not place \
        and "membre" not in folded and "member" not in folded
    # « combien d'institutions à la CDC … ? »: a count of one kind of member
    count = bool(_COUNT_ORGS.search(folded)) or (bool(facets.get("kind")) and bool(re.search(r"\b(combien|how many)\b",
                                                                                                folded)))
    directory_score = (2 if named else 0) + (1 if place else 0) + (1 if _ORG_WORDS.search(asked) else 0) \
        + (1 if _MEMBERSHIP.search(asked) else 0) + (2 if (count and (place or _MEMBERSHIP.search(folded))) else 0)
    document_score = len(set(_DOCUMENT_WORDS.findall(folded))) + (1 if _ATTRIBUTED.search(folded) else 0)
    if directory_score == 1 and not document_score and (
            (_ASKS_FOR_ORGS.search(folded) and (_ORG_TYPES.search(fold(residue))
                                                or directory.topic_sectors(residue, q.language)))
            or (place and _ORG_TYPES.search(fold(residue)))
            # "any acef in lachine??": a word of the names of that place's organisations
            # (a question that describes the asker first, or asks for opening hours, is not that)
            or (place and not q.described and q.answer_type != "contact"
                and directory.names_hold(residue, facets.get("region"), facets.get("table")))):
        # « Quels organismes aident les réfugiés ? »: organisations asked for by what they do, no word of the
        # documents — the directory, even without a place; and what is done in a place (« de l'aide alimentaire
        # dans Mercier–Hochelaga-Maisonneuve ? ») is done by its organisations
        directory_score += 1
    if place and _WHICH_TABLE.search(asked):
        # "which neighbourhood table covers us there?", « quelles tables couvrent le Sud-Ouest ? »: the round tables
        # of a place are the directory's
        directory_score += 1
    if count_tables and not named:
        # (« L'OMHM siège à combien de tables ? » counts one organisation's tables: its record answers)
        return Route("directory", facets, residue, name_query, count=True, count_tables=True)
    # About the asker's own organisation when the question itself says so: the sentence that asks, not the
    # description before it (« Notre table … est souvent consultée. Est-ce que la Ville s'est engagée … ? » asks
    # about the City)
    # (or when it asks about support or coverage after describing the organisation: "… we need money quickly. Is
    # there City support for that?")
    # ("we need coaching more than money. does the City offer anything like that?": what the City offers for the
    # need the asker stated first)
    for_need = _offered_for_need(fold(q.text))
    own = bool(FIRST_PERSON.search(folded)) and bool(for_need or FIRST_PERSON.search(q.asking or folded) or re.search(
        r"\b(ours|notres?|soutien|support|fund\w*|financ\w*|money|argent|subvention\w*|allow\w*|permet\w*|pour|for|"
        r"cover\w*|vise\w*|s'appliqu\w*|appl(y|ies)|eligib\w*|admissib\w*|qualif\w*)\b", q.asking or folded))
    # « dans quelle catégorie suis-je ? », "which type are we?": our own practice type
    # ("which of the policy's practice types would we fit into?")
    # (« dans quelle case », "which box": the same, said loosely)
    asks_type = own and bool(re.search(r"\b((quel(le)?s?|lequel|laquelle)( \S+){0,4}? "
                                       r"(type|categorie|sorte|genre|case|boite|famille)s?( de pratique)?|"
                                       r"(which|what)( \S+){0,4}? (type|category|kind|box|bucket)s?( of practice)?)\b", folded)) \
        and not re.search(r"\bsoutien|support\b", folded)
    # (« nous sommes un OBNL … avec des membres, la politique s'applique-t-elle à nous ? »: a self-description
    # names places and members, but asks about the policy)
    # ("what kinds of help …? money only?" asks whether there is more than one kind: every kind, from the slide)
    # ("is money the only kind of help the city gives, or are there other types of support?": the same, asked yes or no)
    only_one = (q.kind == "which_support" and (q.exclusive or q.every_kind)) or (q.is_yesno and q.every_kind)
    # (a yes/no question is about the asker's organisation when the asker is in it, not when it only owns what is
    # asked about: « vient-elle remplacer nos politiques locales ? »)
    # (nor when it asks what the City will do over the organisation — evaluate it, meddle in its management: « La
    # Ville va-tu venir évaluer nos activités si on a une subvention ? » is answered by the City's commitments, not by
    # the support that fits)
    # (nor when it asks what happened: "did the new policy come with any fresh money for groups like us?" is about
    # an event the documents report, not about the support that fits us now)
    own_yesno = own and q.kind == "yesno" and (q.asker_in_it or for_need) and not _OVERSIGHT.search(q.asking) \
        and not _PAST_EVENT.search(q.asking) and not _about_the_city(fold(q.text))
    if (q.kind in ("eligibility", "which_support") or own_yesno or asks_type) and not only_one and (
            directory_score < 3 or _names_practice_type(assistant, text) or (own and q.kind == "eligibility")):
        # (« notre organisme … peut-on se dire en action communautaire autonome ? » asks about a practice type,
        # whatever organisation it names)
        fit = _guide_fit(assistant, text, own_text, q.language, previous, resolution)
        if fit is not None:
            return Route("guide", fit=fit)
    if previous is not None and previous.route == "guide" and resolution.followup and own \
            and q.kind not in ("how_much", "when"):
        # "What if instead we wanted someone to coach our board?" after the guide's answer: the same guide, for the
        # need or criterion the follow-up states (it answers only when it reads one)
        fit = _guide_fit(assistant, text, own_text, q.language, previous, resolution)
        if fit is not None:
            return Route("guide", fit=fit)
    if _DOCUMENTS_SAY.search(folded) and not _IN_DIRECTORY.search(folded):
        # "the slides mention Le Chaînon and the Centre des femmes, in what context?": what the documents say of
        # organisations they name, not the directory's records of them
        return Route("documents")
    if _HOW_TO.search(folded) or q.kind in ("how_much", "when"):
        # "how do I get a permit in <borough>", "the budget of <body>": a procedure or a fact, not organisations
        return Route("documents")
    if q.kind == "which_support" and not named and (own or re.search(r"\b(ville|city|municipal\w*)\b", folded)):
        # « On gère une banque alimentaire à Hochelaga. Quel soutien la Ville peut-elle nous offrir ? »: the City's
        # support, which the documents describe, even when the guide reads no need in it — not the directory's
        # food banks in that borough (« quel soutien pour les aînés à Verdun ? », naming no giver, may still ask for
        # the organisations that give it)
        return Route("documents")
    if directory_score >= 2 and directory_score > document_score and not (
            CITY_FUNDS.search(folded) and not named and not place and not count):
        # ("Can the City fund a part of an organisation's mission in exceptional cases?" asks what the City does —
        # the documents —, not for organisations whose names hold « mission »)
        topic = bool(directory.topic_sectors(residue, q.language) or _ORG_TYPES.search(fold(residue)))
        residue = _MEMBERSHIP.sub(" ", residue).strip()  # « membre de la table » is how, not what, to search
        return Route("directory", facets, residue, name_query, count=count, named=named, topic=topic,
                     document_score=document_score)
    return Route("documents")


# what the City may do over an organisation: evaluate, control, meddle, impose, hold to account
_OVERSIGHT = re.compile(r"\b(evalu\w*|control\w*|surveill\w*|monitor\w*|se meler|mele[rz]?|s'ingere\w*|ingere\w*|"
                        r"s'impliqu\w*|get involved|interfer\w*|weigh in|meddl\w*|tell(ing)? us how|dire comment|"
                        r"impos\w*|dict\w*|intervenir|intervene|decid\w* (de )?comment|decide how|"
                        r"rend\w* des comptes|reddition|account for|accountab\w*)\b")


# a yes/no whose subject is the City, up to what it asks of it: « est-ce que la ville tient compte (qu'on a moins de
# moyens) ? », "(we have a new project,) does the city only fund what already exists?"
_CITY_ASKED = re.compile(r"(?:^|[,.;:!?]\s*|\b(?:and|so|but|et|pis|mais)\s+)("
                         r"(?:est-ce (?:que|qu')\s*)?la ville\b(?! de\b)|"
                         # (its people: « un employé de la ville peut-il siéger … au CA d'un organisme qu'on finance ? »)
                         r"(?:(?:un|une|des|les|nos|a|an|the|our)\s+)?(?:employee?s?|fonctionnaires?|elue?s?|employees|"
                         r"officials?|staff)\s+(?:de la ville|of the city|municipa\w*)\b|"
                         r"(?:(?:a|an|the|our)\s+)?city (?:employees?|staff|officials?)\b|"
                         r"(?:does|do|did|can|could|will|would|is|should) the city\b(?!['’]s))([^?]*)")


def _about_the_city(question: str) -> bool:
    """The question asks what the City does, and the asker is not in what it asks (only, maybe, in a clause
    after « que », "that", "if": « … tient compte qu'on a moins de moyens »): the documents' commitments answer it,
    not the support that fits the asker (« la ville peut-tu financer notre projet ? » stays the asker's)."""
    match = _CITY_ASKED.search(question)
    if match is None or _NEED_STATED.search(question[:match.start()]):
        return False
    main = re.split(r"\b(?:que|qu'|that|if|si|whether|when|quand)\b", match.group(2))[0]
    return not ASKER_IN_IT.search(main) and not _OFFERS.search(main)


def _offered_for_need(question: str) -> bool:
    """A need stated, then a question of what the City offers (« on a besoin de formation. la ville offre-tu
    qqch ? »)."""
    match = _CITY_ASKED.search(question)
    return match is not None and bool(_NEED_STATED.search(question[:match.start()])) \
        and bool(_OFFERS.search(match.group(2)))


# a need stated before the question (« on cherche une salle », "we mostly need core funding", "our rent is killing
# us"), and a question of what the City offers ("does the city have anything", « la ville offre-tu qqch »): what
# fits the asker, which the guide answers
_NEED_STATED = re.compile(r"\b(besoin\w*|need\w*|cherch\w*|looking for|want\w*|voudr\w*|aimeri\w*|souhait\w*|"
                          r"manqu\w*|lack\w*|rent|loyer|killing|struggl\w*)\b")
_OFFERS = re.compile(r"\b(have|has|offer\w*|provide\w*|give\w*|a|offre\w*|donne\w*|fournit|propose\w*|fait|"
                     r"help\w*|aide\w*|anything|something|qqch|quelque chose)\b")


# a yes/no about what happened: "did it come with …", "was it adopted …", « est-elle venue avec … », « a-t-elle apporté »
_PAST_EVENT = re.compile(r"^\W*(?:(?:and|so|but|et|pis|mais)\W+)?(did|was|were)\b|"
                         r"\b(est|sont|a|ont)(?:-t)?-?(?:elle|il|elles|ils)?\s+(venue?s?|arrivee?s?|apporte\w*|eu|ete)\b")


def names_an_organisation(directory, name_query: str, facets: dict, question: str,
                          document_words: frozenset[str] = frozenset()) -> bool:
    """An organisation's name is in the question: nearly verbatim (typos allowed) when it has several words, or,
    for a one-word name ("CADRE", "SPVM"), written as a name (capitalised), not as a common word ("dans le cadre
    de") — or, typed in lower case, a word the documents never use (« casteliers »). A borough's name that is also
    a member ("Arrondissement du Plateau-Mont-Royal") does not count."""
    from rapidfuzz import fuzz

    if len(name_query) < 4:
        return False
    place = fold(" ".join(v for v in facets.values() if v))
    if place and directory.spelled_name(question, tuple(v for v in facets.values() if v)):
        return True  # « Groupe d'entraide Lachine »: a name that holds a place, written out whole
    if directory.acronym_named(question):
        return True  # « le GRAME »: the acronym of « Le Groupe de recommandations … (GRAME) »
    # (``Directory.name_query`` writes « mtl » out: « mtl-nord » is the place « Montréal-Nord », not « MTL NORD »)
    leftover = " ".join(w for w in name_query.split() if w not in place.split() and w not in ("arrondissement",
                                                                                              "borough", "ville"))
    if len(leftover) < 4:
        return False
    match = directory.best_name(leftover)
    if match is None or match[1] < 90:
        return False
    name = match[0]
    words = name.split()
    if len(words) == 1 or len(name) < 8:
        return any(re.fullmatch(re.escape(w), directory.comparable(fold(token))) and (token[:1].isupper() or (
            len(w) >= 5 and document_words and w not in document_words))
                   for token in re.findall(r"[\wÀ-ÿ'-]+", question) for w in words)
    # (or the name's first words, as people shorten it: « l'ACEF du Nord » for « ACEF du Nord de Montréal »)
    leftover = directory.comparable(leftover)  # ("action-chomage" as the names are compared: "action chomage")
    asked = directory.comparable(re.sub(r"\bmtl\b", "montreal", fold(question)))
    # (or one half of a bilingual name: "sun youth" for « Jeunesse au Soleil – Sun Youth »)
    return any(fuzz.partial_ratio(form, asked) >= 85 for form in [name] + [
        part for part in directory.best_name_parts(leftover) if len(part.split()) >= 2]) \
        or (len(leftover.split()) >= 2 and name.startswith(leftover + " "))


def _names_practice_type(assistant, text: str) -> bool:
    from assistant.guides.fit_text import read_types

    try:
        return bool(read_types(text, assistant.guide()))
    except ValueError:
        return False


def _guide_fit(assistant, text: str, own_text: str, language: str, previous, resolution):
    """The guide's result for the question; after a guide answer, a need stated in the follow-up's own words
    replaces the last one (« and if we need a room? » after training: rental support, not training again)."""
    if previous is not None and previous.route == "guide" and resolution.followup and own_text != text:
        fit = assistant_fit(assistant, own_text, language)
        if fit is not None and fit.needs_given and fit.sections:
            return fit
    return assistant_fit(assistant, text, language)


def assistant_fit(assistant, text: str, language: str):
    from assistant.guides.fit_chat import answer_fit_question

    # "Which of those applies to us if we only need a room?" borrowed the last list's items (« Financial support;
    # Professional support; Rental support ») to choose from: they are not needs the asker states
    text = re.sub(r"\s*\([^()]*;[^()]*\)\s*$", "", text)
    try:
        return answer_fit_question(text, language, assistant.guide(), assistant.commitments(), assistant.retriever)
    except ValueError:
        return None
