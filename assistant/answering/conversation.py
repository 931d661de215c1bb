"""Conversations: what earlier turns established, and how a follow-up is read against it.

A turn keeps its entities: the document, section and units it answered from, the principle, commitment id,
practice type or support type it named, the borough or table, its topic terms and its language. A follow-up —
a short question with a pronoun or an ellipsis (« elle a été adoptée quand ? », « et le 3e ? », "what about
the second one?", "which one fits if we only need a room?") — is rewritten with the entity it points to, and
retrieval leans towards the document the previous answer came from. "in English" / « en français » asks the
previous question again in that language.

Usage: ``resolved = resolve(question, session)``; ``resolved.text``, ``resolved.boost_doc``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.answering.question import NUMBERED_THING, ORDINALS, analyse_question, normalise_numbers
from assistant.core.language import detect_language, language_switch
from assistant.core.textnorm import fold

MAX_RESOLVED_CHARS = 600  # a resolved question never grows past this, however long the conversation
OWN_TERMS_ENOUGH = 4  # a follow-up with a pronoun and this many terms of its own needs no topic added

# "same for X", « pareil pour X »: the last question, about X
_SAME_FOR_WORDS = r"same( thing)? for|pareil pour|m[eê]me chose pour|idem pour"
_PRONOUN_START = re.compile(
    r"^\s*(et|and|what about|how about|what of|pis|puis|pour|aussi|also|ou|or|mais|but|" + _SAME_FOR_WORDS + r"|"
    r"same|idem|alors|then|ok|"
    r"d'accord|so|et pour|et dans|et a|et au|et aux|et en|and in|and for|and the)\b", re.I)
_PRONOUNS = re.compile(
    r"\b(elle|il|elles|ils|celui-ci|celui-la|celui la|celle-ci|celle-la|ceux-ci|ceux-la|celui|celle|ca|cela|"
    # (« en » the pronoun, not the preposition: « adoptée en 2021 », « en français », « en place »)
    r"leur|leurs|lui|son|sa|ses|y|en(?!\s+(?:\d|(?:fran\w*|angl\w*|place|oeuvre|cours|ligne|vigueur|matiere|tant|plus)\b))|"
    r"it|its|they|them|their|this one|that one|these|those|which one|lequel|"
    r"laquelle|lesquels|this|that|there|la-dessus|dessus|le meme|la meme|cette|cet|ces)\b", re.I)
# « c'tait unanime ? », « c'était-tu adopté ? »: a clause about what was just said, not a fragment for a new subject
_IT_WAS = re.compile(r"^\s*(c'(est|etait|tait|etaient)|ct)\b")

_SUBJECT_PRONOUN = re.compile(
    r"^\s*((elles?|ils?|ceux-ci|celles?-ci|ceux-la|celles?-la|celui-(?:ci|la)|they|those|these|it)\b|(do|does|did|is|are|was|were|have|has|had|can|"
    r"could|will|would)\s+(they|those|these|it)\b|\w+-(t-)?(elles?|ils?)\b)")
# an English question whose subject is "they"/"it" after its auxiliary ("for how many terms did they sit?"): it has no
# subject of its own, however many words it has (a French one names its subject first: « le mot, il était … »)
# "does the city evaluate the stuff it funds?": a subject of its own, which a later "it" takes up — no object pronoun
# for what was said before ("does the policy apply to it?")
_OWN_SUBJECT = re.compile(r"^\W*(?:(?:and|so|ok|okay) )?(?:do|does|did|is|are|was|were|can|could|will|would|has|have) "
                          r"(?:the|this|that|our|your) \w+ (?!.*\b(?:to|for|with|about|on|in|of|from|by) (?:it|them)\b)")
_ASKED_OF_THEM = re.compile(r"\b(did|do|does|was|were|is|are|has|have|will|can) (they|it)\b")
# a subject pronoun for what was just said, anywhere in a longer question, in either language ("How many terms did
# they sit for, and covering which years?", « a-t-elle … »)
_SUBJECT_PRONOUN_ANYWHERE = re.compile(_ASKED_OF_THEM.pattern + r"|-(t-)?(elle|il|elles|ils)\b|"
                                       r"\b(elle|il|elles|ils) (a|ont|est|sont|etait)\b|"
                                       # (a demonstrative points back, however long the question: « et celui-là exige
                                       # quoi de plus que les deux premiers ? »)
                                       r"\b(celui|celle|ceux|celles)-(la|ci)\b")
_WHICH_OF = re.compile(r"^\s*(which (one|ones|of (those|these|them|the \w+))|lequel|laquelle|lesquels|lesquelles|"
                       r"quel(le)?s? (de|d') ?(ces|ceux|celles|eux|entre))\b")
_QUESTION_WORD = re.compile(r"^(quand|qui|quoi|combien|comment|pourquoi|ou|quel\w*|lequel|when|who|what|which|how|"
                            r"why|where|depuis|since)$")


@dataclass
class Turn:
    question: str
    resolved: str
    language: str
    route: str
    doc_id: str = ""
    section: str = ""
    unit_ids: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # the list items of a list answer, in order
    items_fr: list[str] = field(default_factory=list)  # the same, in French, when the answer was in English
    facets: dict[str, str] = field(default_factory=dict)
    directory_text: str = ""
    name_query: str = ""  # the organisation name a directory turn looked up
    tables: list[str] = field(default_factory=list)  # the round table a directory answer's organisations share
    organisation: str = ""  # the one organisation a directory answer was about (« il », "it" next)
    named: bool = False
    topic: str = ""  # the previous resolved question's focus phrase
    yes_no: str | None = None  # the turn's answer was a yes or a no
    place: dict[str, str] = field(default_factory=dict)  # the borough or table the conversation last named
    body: str = ""  # the one body a "which body …?" answer named, with its acronym (« … (SDIS) »): "that department"
    years: list[int] = field(default_factory=list)  # the years the direct answer gave


@dataclass
class ChatSession:
    turns: list[Turn] = field(default_factory=list)
    language: str = ""

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None


@dataclass
class Resolution:
    text: str  # the question to answer
    language: str
    followup: bool = False
    boost_doc: str = ""  # the document the follow-up points back to
    boost_section: str = ""
    repeat: bool = False  # a language switch: the previous question again
    picked: bool = False  # an ordinal picked an item of the conversation's last list
    shown: frozenset[str] = frozenset()  # the units the previous answer showed (a follow-up asks for more)
    again: frozenset[str] = frozenset()  # a language switch: the units the previous answer gave, to give again
    own_subject: bool = False  # the follow-up names its own subject: the earlier topic is not carried on


def picks_from_last(question: str) -> bool:
    """« lequel de ceux-là … ? », "which one …?": a choice among what the last answer showed."""
    return bool(_WHICH_OF.match(fold(question)))


# a subject named, then restated by the pronoun after its verb (« La politique a-t-elle été adoptée en 2021 ? », « La
# Ville peut-elle … ? »): the question's own subject, not a pronoun for what was said before
# (a thing the documents name — « la politique », « la déclaration », « la Ville », « le comité » —, not « l'échéance
# annoncée … a-t-elle été respectée ? », which points at what the last answer said)
_INVERTED_SUBJECT = re.compile(r"^\W*(?:(?:et|pis|puis|ok|mais|alors|donc)\W+)*(?:le|la|les|l')\s*(?:politique|declaration|"
                               r"ville|comite|commission|conseil|sdis|riocm|presentation|fiche)s?"
                               r"(?:\s+[a-z0-9][\w'-]*){0,6}?\s+[a-z]+-(?:t-)?(?:elle|il|elles|ils)\b")
_INVERTED_PRONOUN = re.compile(r"(?<=[a-z])-(?:t-)?(?:elle|il|elles|ils)\b")


def is_followup(question: str, last: Turn | None) -> bool:
    if last is None:
        return False
    words = question.split()
    folded = fold(question)
    if _INVERTED_SUBJECT.match(folded):
        folded = _INVERTED_PRONOUN.sub("", folded, count=1)
    if len(words) <= 3 or _WHICH_OF.match(folded) or _ONE_NAMED.search(question):
        return True
    if len(words) <= 6 and re.match(r"\W*(?:(?:and|et|pis|ok)\W+)?(?:for|in|from|to|with|by|pour|avec|par)\s+"
                                    r"(?:which|what|whom|quel\w*|qui|quoi)\b", folded):
        return True  # "for which mandate periods?", « pour quelles années ? »: a fragment that asks more of the last
    if len(words) <= 10 and (_PRONOUN_START.match(folded) or _PRONOUNS.search(folded)) or (
            len(words) <= 14 and _SUBJECT_PRONOUN_ANYWHERE.search(folded)):
        return True
    if len(words) <= 16 and re.search(r"\b(in|about|on|with|from|of|for|under|by|to) (it|them|that one|those)\W*$|"
                                      r"\b(dedans|la-dessus|la-dedans|dessus)\W*$", folded):
        return True  # "and what did the city promise to do next in it?": the last thing, named at the end
    if len(words) <= 12 and last.route == "directory" and last.organisation and _ONE_ORGANISATION.search(folded):
        return True  # « la table le classe dans quelle catégorie ? » after one organisation's record: that one
    if len(words) <= 20 and last.route == "directory" and last.organisation and _PRONOUNS.search(folded) \
            and _DOCUMENT.search(folded):
        # "the city's slides mention them as part of the sector's history — from which era?" after one organisation's
        # record: what the documents say of that organisation
        return True
    if re.match(r"\W*(what if|and if|et si|sinon|otherwise)\b", folded) or (
            len(words) <= 20 and re.search(r"\b(instead|plutot|a la place)\b", folded)):
        return True  # "What if instead we wanted …?": the same question, another case
    if len(words) <= 16 and re.search(r"\b(le meme|la meme|les memes|the same|d'autres|others|other ones)\b", folded):
        return True  # « y en a-tu d'autres … dans le même arrondissement ? »: more of what was just found
    if len(words) <= 16 and _PRONOUNS.search(folded) and re.search(r"\b(too|also|as well|aussi|itou|non plus)\W*$",
                                                                    folded):
        return True  # "is there a youth centre (maison des jeunes) in it too?": more of the same, longer
    if len(words) <= 8 and re.search(r"\b(too|as well|aussi|itou|non plus)\W*$", folded):
        return True  # "were the values changed too?" after what changed in 2021: the same question of another thing
    if len(words) <= 20 and (AMONG_THEM.search(folded) or (THERE.search(folded) and not re.search(
            r"\b(is|are|was|were) there\b|\bthere (is|are|was|were)\b", folded))):
        return True  # « combien d'organismes pour ce coin-là ? », « y en a-tu parmi eux qui … ? »: the last place or list
    if len(words) <= 8 and _IT_WAS.match(folded):
        return True  # « c'était l'idée de qui au départ ? »: what was just talked about
    if len(words) <= 20 and last.body and _THAT_BODY.search(folded):
        return True  # "is that department listed in the directory?" after the department that answered
    if len(words) <= 12 and _BETWEEN_THE_TWO.search(folded):
        return True  # « qu'est-ce qui s'est passé entre les deux ? »: between the last two answers' dates
    if len(words) <= 25 and _YOU_SAID.search(folded):
        return True  # "is the first group you named in the directory?": what the last answers said
    return bool(len(words) <= 12 and re.search(r"\b(le|la|the) (\d+(e|er|re|st|nd|rd|th)|premier|deuxieme|"
                                               r"troisieme|first|second|third)\b", folded))


# the others named along with the one just asked about: « les autres exemples qu'ils donnent avec lui », "the other
# ones listed with it"
_OTHERS_WITH = re.compile(r"\b(les autres|the other|the others|others)\b.{0,40}\b(avec (lui|elle|eux)|with (it|him|her|them))\b")
# the place the conversation named: "there", « là-bas », « pour ce coin-là », "in that area"
# (the asker's own place, named before: « pour notre coin », "in our area")
THERE = re.compile(r"\b(there|la-bas|(in|for|of|from|around) (that|this|the same|our|my) (borough|area|neighbou?rhood|"
                   r"part of town)|"
                   r"(dans|pour|a|de|du) (ce|cet|le meme|notre|mon) (quartier|arrondissement|coin|secteur)|"
                   r"(ce|cet) (quartier|arrondissement|coin|secteur)-la)\b")
# some of what was just found: « parmi eux », "among them", "any of them"
AMONG_THEM = re.compile(r"\b(parmi (eux|elles|ceux-ci|ceux-la|celles-ci|celles-la|ces \w+)|among (them|those|these)|"
                        r"la-dedans|ladedans|in (there|that list|this list)|"
                        r"(any|some|one|none|many|how many|which) of (them|those|these))\b")


# a body pointed at (« ce service », "that department"): the one the last answer named
_THAT_BODY = re.compile(r"\b(that|this|ce|cet|cette) (department|service|body|organi[sz]ation|organisme|committee|"
                        r"comite|commission|instance|office|bureau)\b")
# the asker pointing at what Repère said: "the first group you named", « celui que vous avez mentionné »
_YOU_SAID = re.compile(r"\b(you (just )?(named|mentioned|listed|cited|said|gave|quoted)|(vous avez|tu as|t'as) "
                       r"(nomme|mentionne|cite|dit|donne|liste)e?s?|(que|qu') ?(vous|tu) (venez|viens) de (nommer|"
                       r"mentionner|citer))\b")


# a pronoun that stands for one organisation (« il est membre de quelle table, lui ? », "which table is it in?"; « y'est
# classé où ? », as « il » is said in Québec)
_ONE_ORGANISATION = re.compile(r"\b(il|elle|lui|y'est|y'etait|celui-ci|celui-la|celle-ci|celle-la|cet organisme|cet organisme-la|"
                               r"it|this one|that one|this organi[sz]ation|that organi[sz]ation|they|"
                               # the organisation as the object (« la table le classe dans quelle catégorie ? »)
                               r"(le|la|l') ?(classe|classent|range|rangent|inscrit|inscrivent|met|mettent))\b")


# how many round tables (« ça fait combien de tables en tout ? », "how many tables is that?")
_COUNTS_TABLES = re.compile(r"\b(combien|how many|nombre)\b.{0,20}\b(tables?|round tables?)\b")
# how many organisations or members something has (« elle compte combien d'organismes ? », "how many members does
# it have?")
_COUNTS_MEMBERS = re.compile(r"\b(combien|how many|nombre)\b.{0,20}\b(organismes?|membres?|groupes?|members?|groups?|"
                             r"organi[sz]ations?|orgs?)\b")


def _strip_lead(question: str) -> str:
    """The question without the words that chain it to the last one (« ok pis », "and so"), however many."""
    text, previous = question.strip(), None
    while text != previous:
        previous, text = text, _PRONOUN_START.sub("", text).strip(" ,")
    # « pis les regroupements eux autres ? », "the City itself?": a word after the subject that only stresses it
    return re.sub(r"(?<=\w)\s+((eux|elles)[- ]autres|itself|themselves|lui-meme|elle-meme|lui-même|elle-même)"
                  r"(?=[\s?!.]*$)", "", text, flags=re.I)


_SWITCH_WORDS = re.compile(r"\b(in english|en anglais|english please|and in english|answer in english|translate|"
                           r"en fran[cç]ais|in french|french please|svp|s'il (vous|te) pla[iî]t|please|pis|and|et)\b"
                           # (« en français maintenant : », "in English now:")
                           r"(\s+(maintenant|now))?[\s,.;:!]*", re.I)


_SAME_FOR = re.compile(r"\s*(" + _SAME_FOR_WORDS + r")\b")
# the last answer asked for again: "say that …", and the source's own words asked for (« je peux avoir le libellé
# exact », "can I get the exact wording") — not a question about the wording ("did the adopted version change the
# wording?")
_SAY_AGAIN = re.compile(r"\b(say|repeat|give|tell|write|translate|redis|repete|ecris|traduis|donne|redonne)\w*\b.{0,20}\b(that|it|this|"
                        r"ca|cela|ceci|le|la|les)\b|"
                        r"\b(avoir|get|have|give|donne\w*|want|veux|voudrais|need|besoin|obtenir|see|voir|copier|copy)\b"
                        r".{0,25}\b(libelles?|formulations?|wording|verbatim|mot (pour|a) mot|word for word|texte (exact|"
                        r"original|officiel|integral)|exact (text|words?|terms)|original (text|words?|wording))\b|"
                        # "what's that called in French?": the name the source gives it
                        r"\b(what(?:'?s| is)|how is) (that|it|this) (called|named|worded)\b|\bcomment (ca|cela) s'appelle\b")


def _without_switch(question: str) -> str:
    """The question without its request to change language (and the politeness and « pis » around it)."""
    return _SWITCH_WORDS.sub(" ", question).strip(" ,.;:!—–-")


def resolve(question: str, session: ChatSession | None) -> Resolution:
    last = session.last if session else None
    default = (session.language if session and session.language else "fr")
    switch = language_switch(question)
    if switch and last is not None:
        # « en français svp, pis y'a combien de CDC ? »: the switch, then a question of its own, asked in that
        # language; else ("can you say that last part in English please") the last one again
        rest = _without_switch(question)
        asked = analyse_question(rest, switch)
        # (a reason given for the switch is no question: "in English please, my coordinator doesn't read French")
        # ("Same for the Ville de Montréal itself, in English please.": a follow-up of its own, without its "?")
        same_for = bool(_SAME_FOR.match(fold(rest)))
        if len(question.split()) > 6 and (asked.terms or same_for) and not _SAY_AGAIN.search(fold(rest)) \
                and (asked.kind != "lookup" or "?" in rest or same_for):
            resolution = resolve(rest, session)
            resolution.language = switch
            return resolution
        return Resolution(last.resolved, switch, followup=True, boost_doc=last.doc_id,
                          boost_section=last.section, repeat=True)
    language = detect_language(question, default=default)
    if not is_followup(question, last):
        return Resolution(question, language)
    analysed = analyse_question(question, language)
    stripped = _strip_lead(question)
    pointed_body = _THAT_BODY.search(fold(stripped)) if last.body else None
    if pointed_body:
        # "is that department listed in the directory?" after « … a mandaté le Service de la diversité et de
        # l'inclusion sociale (SDIS) »: that body, by its acronym (the directory may write its name otherwise: « Ville
        # de Montréal, service de la diversité … (SDIS) »)
        acronym = re.search(r"\(([A-Z]{2,8})\)$", last.body).group(1)
        return Resolution(f"{stripped[:pointed_body.start()]}« {acronym} »{stripped[pointed_body.end():]}", language,
                          followup=True, boost_doc=last.doc_id)
    previous = without_topic(last.resolved)
    between = _BETWEEN_THE_TWO.search(fold(stripped))
    ends = [t.years[0] for t in session.turns[-2:] if t.years] if between and len(session.turns) >= 2 else []
    if len(ends) == 2 and ends[0] != ends[1]:
        # « qu'est-ce qui s'est passé entre les deux ? » after the year promised (2019) and the year it was done
        # (2021): between those years
        first, last_year = sorted(ends)
        said = f"between {first} and {last_year}" if language == "en" else f"entre {first} et {last_year}"
        return Resolution(f"{stripped[:between.start()]}{said}{stripped[between.end():]}", language, followup=True)
    own_terms = [t for t in analyse_question(_PRONOUNS.sub(" ", fold(stripped)), language).terms]
    if re.match(r"\s*(et |pis |and |puis )?(pour|about|what about|quant a|concernant|regarding) [^,?]{3,60},",
                fold(question)) and not _PRONOUNS.search(fold(stripped).split(",", 1)[1]) and len(own_terms) >= 3 \
            and _referring_ordinal(stripped.split(",")[0], analysed.ordinal) is None:
        # (not "what about the third one, what does a group need to qualify?": the subject is an item of the last list)
        # « Pis pour l'autonomie des groupes, c'est quoi les engagements ? »: a new subject, then a whole question
        # about it — nothing borrowed from the last turn
        return Resolution(question, language, followup=True)
    # (when the answer listed several things — its tables — « celle de Saint-Henri » picks one of them, below)
    # (the one organisation an answer was about stays "it" when the answer listed its tables)
    one = last.organisation or (last.items[0] if len(last.items) == 1 else "")
    # (the latest of the last three lists that has it: a list of members may have come since the list of tables)
    # (a list that holds the whole phrase — « Saint-Henri » — before one that holds only its first word)
    chosen = next(filter(None, (_item_named(stripped, t.items, whole) for whole in (True, False)
                                for t in reversed(session.turns[-3:]))), None) if session else None
    if last.route == "directory" and len(last.tables) == 1 and not chosen and _COUNTS_MEMBERS.search(fold(stripped)) \
            and _ONE_ORGANISATION.search(fold(stripped)):
        # « celle-là, elle compte combien d'organismes ? » after the one table an organisation belongs to: what
        # counts organisations is the table, not the organisation
        return Resolution(f"{stripped} « {last.tables[0]} »", language, followup=True, picked=True)
    # (« et l'UdeM, elle est membre de quelles tables ? »: a new subject named first, then its pronoun — not the last one)
    if last.route == "directory" and one and not chosen and not _RESUMED.match(fold(stripped)) and (
            _ONE_ORGANISATION.search(fold(stripped)) or _them_in_the_documents(fold(stripped))
            # (« ça fait combien de tables en tout ? » after the tables of one organisation: that one's tables)
            or (len(stripped.split()) <= 8 and _COUNTS_TABLES.search(fold(stripped)))):
        # « il est membre de quelle table, lui ? » after an answer that found one organisation (or was about one:
        # "which round table is X part of?" then "what borough is it in?"): that one, by name
        return Resolution(f"{stripped} « {one} »", language, followup=True, picked=True)
    following = _NEXT_ONE.search(stripped)
    earlier = next((n for n in (_by_number(without_topic(t.resolved)) for t in reversed(session.turns[-3:]))
                    if re.search(_IDENTIFIED, n, re.I)), "") if following and session else ""
    if earlier and not re.search(_IDENTIFIED, question, re.I):
        # « le suivant, il porte sur quoi ? » after « principe 2 »: principe 3, asked what the user asks now
        thing = re.search(_IDENTIFIED, earlier, re.I)
        named = f"{thing.group(1)} {int(thing.group(2)) + 1}"
        if analyse_question(_NEXT_ONE.sub(" ", stripped), language).terms:
            return Resolution(f"{stripped[:following.start()]}{following.group(1)} {named}"
                              f"{stripped[following.end():]}", language, followup=True, boost_doc=last.doc_id)
        return Resolution(re.sub(_IDENTIFIED, named, earlier, count=1, flags=re.I), language, followup=True,
                          boost_doc=last.doc_id)
    resumed = _RESUMED.match(fold(stripped))
    named_before = _organisation_named(resumed.group(3), session) if resumed and session else ""
    if named_before:
        # « pis le théâtre lui, il est membre de quelle catégorie ? »: an organisation the conversation found
        # earlier, taken up by a word of its name
        return Resolution(f"{stripped} « {named_before} »", language, followup=True, picked=True)
    if resumed and not _PRONOUNS.fullmatch(resumed.group(3)) and analysed.ordinal is None \
            and not _SAYING.search(fold(stripped)[resumed.end():]) \
            and not [t for t in analyse_question(_PRONOUNS.sub(" ", fold(stripped)[resumed.end():]), language).terms
                     if not _QUESTION_WORD.match(t)]:
        # « et la politique elle, c'était quand ? » after « c quand l'adoption de la déclaration ? »: a new subject
        # and no predicate of its own — the earlier question's, for the new subject
        subject = fold(stripped)[:resumed.end(3)]
        predicate = _predicate(previous)
        if _DOCUMENT.search(resumed.group(3)):
            # (« pis la politique elle ? » after « c'est quand que la déclaration a été adoptée ? »: the new document
            # replaces the one the earlier question named)
            predicate = _DOCUMENT.sub(" ", fold(predicate))
        # (a bare « et les principes, eux ? » borrows the predicate as the fragments below do, without a question mark
        # that would make a yes/no question of it)
        end = "" if re.search(r"(elle|il|elles|ils|lui|eux)\W*$", fold(stripped)) else " ?"
        return Resolution(" ".join(f"{subject} {predicate}{end}".split())[:MAX_RESOLVED_CHARS], language,
                          followup=True)
    if resumed and not _PRONOUNS.fullmatch(resumed.group(3)) and analysed.ordinal is None:
        # (« le premier, il … ? » is an ordinal, which picks from the last list, below)
        # « pis la politique elle, a été adoptée quand ? », « la politique, elle a été adoptée quand ? »: the subject
        # is named first and taken up by a pronoun — the question has its own subject: no words are borrowed, only
        # the lean towards the last answer's document (« Et le RIOCM, il a été formé quand ? » after its history)
        return Resolution(stripped, language, followup=True, boost_doc=last.doc_id, own_subject=True)
    if _RESUMED_EN.match(fold(stripped)) and analysed.ordinal is None:
        # "the values, did those change too?": the same in English — the subject named, then its pronoun
        return Resolution(stripped, language, followup=True, boost_doc=last.doc_id, own_subject=True)
    # « et le principe 1 ? », "what about principle 3?": the earlier question about another numbered thing
    # (only a number that identifies — « principe 2 », "type 1" — is replaced, not a count like « les 4 types »).
    identified = re.search(_IDENTIFIED, question, re.I)
    ordinal = _referring_ordinal(question, analysed.ordinal)
    if ordinal == -1 and _latest_of_something_else(question, previous):
        ordinal = None  # « le dernier bilan », "the latest report": the most recent one, not the list's last item
    # « et le 3e ? », "and the third one?": an item of the last list answer of the conversation — or, when
    # there is none, the next numbered thing (« principe 2 » → « principe 3 »).
    # (the latest list long enough for the ordinal: « the third type » after a one-item answer skips back to it)
    items = next(((t.items_fr if language == "fr" and t.items_fr else t.items) for t in reversed(session.turns)
                  if t.items and (not ordinal or ordinal < 0 or len(t.items) >= ordinal)), []) if session else []
    wanted = int(identified.group(2)) if identified else ordinal if not items and (ordinal or 0) > 0 else None
    # the conversation's last question that named a numbered thing (an ordinal pick may have come since) — by its
    # number, or by an ordinal ("the first principle" is « principle 1 »)
    numbered = next((n for n in (_by_number(without_topic(t.resolved)) for t in reversed(session.turns[-3:]))
                     if re.search(_IDENTIFIED, n, re.I)), "") if session else ""
    if ordinal and ordinal > 0 and numbered and _UNDER_ORDINAL.search(fold(question)):
        # "and under the second one?" after "under the first principle, what …?": the second principle, not the
        # second item of the last answer
        wanted = ordinal
    if wanted is not None and numbered:
        return Resolution(re.sub(_IDENTIFIED, lambda m: f"{m.group(1)} {wanted}", numbered, count=1, flags=re.I),
                          language, followup=True, boost_doc=last.doc_id)
    if wanted is not None and not numbered and identified is None:
        # "what about the second principle?" with no list or numbered thing before it: « principle 2 », near the
        # last answer
        noun = re.search(r"\b(" + NUMBERED_THING + r")s?\b", fold(stripped))
        if noun:
            return Resolution(_join(f"{noun.group(1)} {wanted}", last.topic or "", question), language,
                              followup=True, boost_doc=last.doc_id, boost_section=last.section)
    thing = _ORDINAL_THING.search(fold(stripped)) if ordinal and ordinal > 0 and items and not numbered else None
    asked_for = re.search(r"\b(?:quel\w*|lesquel\w*|which|what)\b(?:\s+\S+){0,3}?\s+(" + NUMBERED_THING + r")s?\b",
                          fold(previous)) if thing else None
    if thing and asked_for and asked_for.group(1)[:5] != thing.group(2)[:5] \
            and re.search(r"\b" + thing.group(2)[:5], fold(previous)):
        # « et pour le 3e principe ? » after « quels sont les engagements sous le principe sur l'autonomie ? »:
        # principle 3, asked what the earlier question asked — not the third item of its list of commitments (the
        # list was of another thing than the one the ordinal counts)
        return Resolution(f"{_predicate(previous)} {thing.group(2)} {ordinal}"[:MAX_RESOLVED_CHARS], language,
                          followup=True, boost_doc=last.doc_id)
    if ordinal and items:
        index = ordinal - 1 if ordinal > 0 else len(items) - 1
        if 0 <= index < len(items):
            # "What does the second one include?" → "What does « Le soutien professionnel » include?"
            found = _ORDINAL_PHRASE.search(stripped)
            if found is None:
                text = items[index]
            else:
                text = f"{stripped[:found.start()]}« {items[index]} »{stripped[found.end():]}"
                # (what the ordinal counts — "the third type", « le 2e principe » — is no question of its own)
                # (only right after the ordinal: "what commitments come with the second one?" asks for commitments)
                rest = fold(stripped[:found.start()]) + " " + re.sub(
                    r"^\W*(" + NUMBERED_THING + r"|one|un|une)s?\b", " ", fold(stripped[found.end():]))
                previous_pick = next((i for i in items if f"« {i} »" in last.resolved), None)
                asks_more = bool(analyse_question(rest, language).terms)
                if not asks_more and previous_pick and previous_pick != items[index]:
                    # "how many members does the first one have?" then « et la deuxième ? »: the same question of
                    # the other item
                    text = without_topic(last.resolved).replace(f"« {previous_pick} »", f"« {items[index]} »")
                elif not asks_more:
                    text = items[index]  # « Et le 3e ? »: the item itself is the question
                    if _EXPLAIN.search(fold(stripped)):  # « le 3e, ça veut dire quoi ? »: what the item means
                        text = (f"What does « {text} » mean?" if language == "en"
                                else f"C'est quoi, concrètement, « {text} » ?")
            return Resolution(_join(text.strip(), "", question), language, followup=True, boost_doc=last.doc_id,
                              picked=True)
    if chosen:
        # « Pis celle de Saint-Henri, elle a combien de membres ? » after a list of tables: the one item whose name
        # holds « Saint-Henri »
        phrase, item = chosen
        return Resolution(stripped.replace(phrase, f"« {item} »"), language, followup=True, boost_doc=last.doc_id,
                          picked=True)
    if items and (_WHICH_OF.match(fold(stripped)) or _OTHERS_WITH.search(fold(stripped))):
        # "Which of those would help us rent a hall?", « Lequel parle de … ? »: one of the last list's items, chosen
        # by what the question says of it — the items are the topic, and the answer is looked for near them.
        return Resolution(_join(stripped, "; ".join(items)[:MAX_RESOLVED_CHARS // 2], question), language,
                          followup=True, boost_doc=last.doc_id, boost_section=last.section)
    # « Et la politique, elle ? »: a new subject for the earlier question, which keeps its question words, the
    # noun they ask about, its verbs and years (« quand … adopté ») — and no lean towards the earlier answer.
    # (« la politique elle-même », "the policy itself": an emphasis on the new subject, not a pronoun for the old)
    emphatic = re.sub(r"\b(elle|lui|eux|elles)-memes?\b|\b(itself|themselves)\b", " ", fold(stripped))
    # (« l'opposition, elle l'a appuyée ? » has a verb of its own after the comma: a question about the new subject,
    # whose « l' » is the earlier topic — answered below)
    head, _, tail = emphatic.partition(",")
    own_predicate = bool(analyse_question(_PRONOUNS.sub(" ", tail), language).terms)
    shift = _DECADE_SHIFT.search(fold(stripped))
    earlier = _TIME.search(previous) if shift else None
    decades = sorted(normalise_numbers(earlier.group(0))[2]) if earlier else []
    if decades:
        # "what about the decade before that?" after "… in the 1970s and 1980s?": the same question, for the 1960s
        after = bool(re.search(r"(after|later|next|apres|suivante)", shift.group(0)))
        decade = decades[-1] + 10 if after else decades[0] - 10
        said = f"in the {decade}s" if language == "en" else f"dans les années {decade % 100:02d}"
        return Resolution(f"{previous[:earlier.start()]}{said}{previous[earlier.end():]}"[:MAX_RESOLVED_CHARS],
                          language, followup=True, boost_doc=last.doc_id, boost_section=last.section)
    # (« même chose pour le GRAME, et nomme-les »: the new organisation, then what else is asked of it)
    asked_of = _asked_of_another(stripped.split(",")[0], stripped.partition(",")[2], last, previous) \
        if "," in stripped and len(head.split()) <= 5 and not _PRONOUNS.search(head) else ""
    if not asked_of and "," not in stripped and len(stripped.split()) <= 10 \
            and re.match(r"\W*(?:(?:and|et|pis|puis) )?(?:what about|how about|quant a)\b", fold(question)):
        # "what about the Centre des femmes de Montréal?" after « Le Chaînon … membre de quelle table ? »: a long name
        asked_of = _asked_of_another(stripped.rstrip(" ?"), "", last, previous)
    if asked_of:
        return Resolution(asked_of, language, followup=True)
    if _whole_question(stripped, language):
        # "ok and who chairs the follow-up committee?" after a directory question about the RIOCM: a question word, a
        # verb and a subject of its own — a new question, not a fragment to put in the earlier question's place
        return Resolution(stripped, language, followup=True, boost_doc=last.doc_id, own_subject=True)
    if len(stripped.split()) <= 5 and not _PRONOUNS.search(head) and not _IT_WAS.match(head) and not own_predicate:
        fragment = stripped.rstrip(" ?")
        _, years, decades, _ = normalise_numbers(fragment)
        earlier = _TIME.search(previous)
        if (years or decades) and earlier:
            # "what about in the nineties?" after "what did council do in 2017?": the earlier question, at that time
            return Resolution(f"{previous[:earlier.start()]}{fragment}{previous[earlier.end():]}"[:MAX_RESOLVED_CHARS],
                              language, followup=True, boost_doc=last.doc_id, boost_section=last.section)
        asked_of = _asked_of_another(fragment, "", last, previous)
        if asked_of:
            return Resolution(asked_of, language, followup=True)
        if _WHICH_NOUN.match(fold(fragment)) and last.topic:
            # « pour quels mandats ? » after who sits on the committee: a question of its own (which terms), about
            # the last topic — not the earlier question (« qui … ») asked of « mandats »
            return Resolution(_join(stripped, last.topic, question), language, followup=True,
                              boost_doc=last.doc_id, boost_section=last.section)
        if all(_QUESTION_WORD.match(w) for w in fold(fragment).split()):
            # « pis quand ? » after « la déclaration …, c'est qui qui l'a adoptée ? »: the same question, asked with
            # another question word — its subject and event stay
            kept = [w for w in previous.split() if not _QUESTION_WORD.match(fold(w).strip("?,."))
                    and fold(w) not in ("c'est", "est-ce", "qu'est-ce", "que", "qu'")]
            return Resolution(" ".join([fragment, *kept])[:MAX_RESOLVED_CHARS], language, followup=True,
                              boost_doc=last.doc_id)
        set_first = _SUBJECT_SET_FIRST.match(previous)
        if set_first:
            # « le transport en commun pis le logement social, c'est la ville ou l'agglo qui s'en occupe ? » then
            # « et le développement communautaire ? »: the new subject where the earlier one was set, before the
            # comma
            return Resolution(f"{fragment}, {set_first.group(1)}"[:MAX_RESOLVED_CHARS], language, followup=True,
                              boost_doc=last.doc_id, boost_section=last.section)
        predicate = _predicate(previous)
        if _DOCUMENT.search(fold(fragment)):
            # (« et la politique ? » after « par qui la déclaration a été adoptée ? »: the new document replaces the
            # one the earlier question named)
            predicate = " ".join(_DOCUMENT.sub(" ", fold(predicate)).split())
        return Resolution(f"{fragment} {predicate}"[:MAX_RESOLVED_CHARS], language, followup=True)
    # « pis les engagements qui viennent avec ce principe-là ? » after « dans le principe 1, … »: the numbered thing
    # the conversation named (« principe 1 »), whatever else the last answer was about
    pointed = _THAT_THING.search(fold(stripped))
    thing = re.search(_IDENTIFIED, numbered, re.I) if pointed and numbered else None
    if thing and fold(thing.group(1))[:4] == pointed.group(2)[:4]:
        return Resolution(_join(stripped, f"{thing.group(1)} {thing.group(2)}", question), language, followup=True,
                          boost_doc=last.doc_id)
    # « elle a été adoptée quand ? », "who sits on it?": what "elle"/"it" stands for is added, unless the
    # question names enough of its own (« Qui a été mandaté pour la mettre en œuvre ? »).
    # A pronoun that is the subject (« Elles ont changé en 2021 ? », "Did those change …?") leaves the question
    # without one, however many words of its own it has.
    topic = (last.topic or previous) if (len(own_terms) < OWN_TERMS_ENOUGH and not _OWN_SUBJECT.match(fold(stripped)))\
        or _SUBJECT_PRONOUN.match(fold(stripped)) or _ASKED_OF_THEM.search(fold(stripped)) else ""
    pointed_noun = _THAT_NOUN.search(fold(stripped)) if topic else None
    # "what's that committee supposed to do?" after "which groups represent the community sector on the follow-up
    # committee?": "that committee" is the follow-up committee — not what the earlier question asked of it
    narrowed = _noun_phrase(previous, pointed_noun.group(2), topic) if pointed_noun else ""
    if narrowed:
        # (named by its noun, the thing is found wherever the documents speak of it: no lean towards the section
        # the earlier answer came from)
        return Resolution(_join(stripped, narrowed, question), language, followup=True, boost_doc=last.doc_id)
    return Resolution(_join(stripped, topic, question), language, followup=True, boost_doc=last.doc_id,
                      boost_section=last.section, own_subject=not topic and not _PRONOUNS.search(fold(stripped)))


# « entre les deux », "in between": the time between the two last answers' dates (folded; offsets kept)
_BETWEEN_THE_TWO = re.compile(r"\b(entre les deux|entre ces deux (dates|annees|moments)|between (the|those|these) two"
                              r"( dates| years)?|in between|entre-temps|dans l'intervalle|in the meantime|meanwhile)\b")


# a thing pointed at by its noun (« ce comité », "that committee")
_THAT_NOUN = re.compile(r"\b(that|this|these|those|ce|cet|cette|ces) ([a-z][\w-]{3,})\b")


def _noun_phrase(previous: str, noun: str, topic: str) -> str:
    """The words of the earlier question's topic next to the noun a follow-up points at (« comité de suivi » for
    « ce comité »), with the noun; "" when the earlier question does not have the noun."""
    words = [fold(w).strip("?!.,;:«»()") for w in previous.split()]
    where = next((i for i, w in enumerate(words) if w[:5] == noun[:5]), None)
    if where is None:
        return ""
    kept = {fold(w) for w in topic.split()}
    return " ".join(w for i, w in enumerate(words) if abs(i - where) <= 2 and (i == where or w in kept))


def _whole_question(stripped: str, language: str) -> bool:
    """A short follow-up that opens on a question word and names two things of its own, with no pronoun: "who chairs
    the follow-up committee?" (not "which years?", « pis quand ? », "what about the OMHM?")."""
    folded = fold(stripped)
    words = folded.split()
    if not words or not _QUESTION_WORD.match(words[0].strip("?,.")) or _PRONOUNS.search(folded):
        return False
    # (the noun a question word asks for is what is asked, not a subject: « pour combien de mandats ? quelles
    # années ? » asks more of the last topic)
    said = re.sub(r"\b(?:combien d(?:e |')|how many|quel\w*|which|what)\s*[\w-]+", " ", folded)
    return len([t for t in analyse_question(said, language).terms if not _QUESTION_WORD.match(t)]) >= 2


def _asked_of_another(fragment: str, rest: str, last, previous: str) -> str:
    """"what about the OMHM?" after « Bâtir son quartier est membre de combien de tables ? »: the earlier directory
    question about the organisation it named, asked of the new one (with what else the follow-up asks), or ""."""
    if last.route != "directory" or _PRONOUNS.search(fold(fragment)):
        return ""
    # (the organisation as the directory names it, its acronym, or as the question wrote it: « the OMHM »)
    names = [fold(n) for n in (last.organisation, last.name_query, *re.findall(r"\(([^()]+)\)", last.organisation)) if n]
    named = next((n for n in names if n in fold(previous)), "")
    if not named:
        return ""
    written = fold(previous).find(named)  # (folding keeps the offsets)
    subject = re.sub(r"^\W*(?:(?:and|et|pis|puis|what|how) )?(?:about |pour |de |du |quant a )?", "", fragment.strip(),
                     flags=re.I)
    article = re.search(r"\b(the|le|la|les|l')\s*$", fold(previous[:written]))
    start = article.start() if article else written
    asked = f"{previous[:start]}{subject}{previous[written + len(named):]}"
    return f"{asked} {rest.strip()}".strip()[:MAX_RESOLVED_CHARS]


# a question word that asks which of a noun, alone: « pour quels mandats ? », "which years?", « combien de membres ? »
_WHICH_NOUN = re.compile(r"^(?:(?:et|and|pis|puis|ok) )?(?:(?:pour|sur|dans|de|avec|par|for|on|in|with|by|during) )?"
                         r"(?:quel\w*|which|what|combien de|combien d'|how many)\s+[a-z][\w'-]+\W*$")


_IDENTIFIED = r"\b(" + NUMBERED_THING + r")s? (\d+)\b"
# a subject named, then taken up by a subject pronoun (not followed by an object pronoun, which points back:
# « l'opposition, elle l'a appuyée ? » asks about the earlier topic), or ending the question (« pis la politique
# elle ? »)
_RESUMED = re.compile(r"^(?:(le|la|les|cette|ce|cet|ces)\s+|(l'))([a-z][\w'-]+(?: [a-z][\w'-]+){0,3}?)\s*,?\s+"
                      r"(elle|il|elles|ils|lui|eux)\b(?:\s*[?!.]*\s*$|\s*,?\s+(?!(l'|la |le |les |lui |leur |y |en )))")
_RESUMED_EN = re.compile(r"^(?:(?:and|so|ok|okay) )?(?:the|its|their) [a-z][\w'-]+(?: [a-z][\w'-]+){0,2}\s*,\s+"
                         r"(?:did|do|does|are|is|were|was|have|has|will|can|could) (?:they|those|these|it|that|them)\b")
# a verb of saying is a predicate of its own, however common (« l'opposition, elle a dit quoi là-dessus ? »)
_SAYING = re.compile(r"\b(dit|dire|disent|pense\w*|repondu|reagi|said|say|says|think|thinks|thought)\b")
# the documents, by the word a user names them with
_DOCUMENT = re.compile(r"\b(declarations?|politiques?|polic(y|ies)|presentations?|fiches?|slides?|diapos?|diaporama)\b")
# a time in a question: a year, a decade, with the preposition before it (« en 2017 », "in the 1990s")
# (two of them joined: "in the 70s and 80s", « années 70 et 80 », « 1970-1980 » — all replaced together)
_TIME = re.compile(r"\b(?:(?:in|en|dans|during|pendant|au cours de)\s+)?(?:(?:les |the )?(?:annees|années) \d0|"
                   r"(?:the )?(?:19|20)\d\d(?:s|'s)?|the \d0'?s)"
                   r"(?:\s*(?:and|et|-|to|à|a)\s*(?:the )?(?:(?:19|20)\d\d(?:s|'s)?|\d0'?s?))?\b", re.I)
# "the decade before that", « la décennie d'avant », « les années d'après »: the decade next to the one asked about
_DECADE_SHIFT = re.compile(r"\b(decade|decennie|annees|dix ans)\s+(before|earlier|prior|after|later|next|d'avant|"
                           r"avant|precedente|d'apres|apres|suivante)\b|\b(previous|next|precedente|suivante) ()"
                           r"(decade|decennie)\b")
# « ce principe-là », "that principle", « ces critères »: one numbered thing named before
_THAT_THING = re.compile(r"\b(ce|cet|cette|ces|this|that|these|those)\s+(" + NUMBERED_THING + r")s?(-la|-ci| la)?\b")
_ORDINAL_THING = re.compile(r"\b(" + "|".join(re.escape(o) for o in ORDINALS if ORDINALS[o] > 0) + r")\s+("
                            + NUMBERED_THING + r")\b", re.I)
# an ordinal after a preposition of place in a series: « sous le 2e ? », "and under the second one?"
_UNDER_ORDINAL = re.compile(r"\b(under|in|for|sous|dans|pour)\s+(the|le|la)\s+(" + "|".join(
    re.escape(o) for o in ORDINALS if ORDINALS[o] > 0) + r")\b")


# « le suivant », "the next one": the numbered thing after the one the conversation named
_NEXT_ONE = re.compile(r"\b(le|la|the) (?:suivante?|next)(?: (?:one|un|une))?\b", re.I)


def _by_number(text: str) -> str:
    """« le premier principe » → « principe 1 », "the second type" → "type 2" (the form ``_IDENTIFIED`` reads)."""
    return _ORDINAL_THING.sub(lambda m: f"{m.group(2)} {ORDINALS[fold(m.group(1)).lower()]}", text)


_EXPLAIN = re.compile(r"\b(veut dire|veulent dire|signifie\w*|concretement|en pratique|explique\w*|mean|means|"
                      r"involve\w*|in practice|explain|concretely)\b")
# « le deuxième », "the second one", « la 3e » in the question as written (accents optional)
_ORDINAL_PHRASE = re.compile(r"\b(?:the|le|la|les|au|du)\s+(?:" + "|".join(
    re.escape(w).replace("e", "[eéèê]") for w in sorted(ORDINALS, key=len, reverse=True))
    + r"|\d+(?:e|er|re|eme|ème|st|nd|rd|th))\b(?:\s+(?:one|un|une))?", re.I)
_ARTICLE_ORDINAL = re.compile(r"\b(le|la|les|the|au|du)\s+(\S+)", re.I)


_ONE_NAMED = re.compile(r"\b(?:celle|celui|ceux|celles|the one|the ones|that one)\s+(?:de la|de l'|du|des|de|d'|of|in|"
                        r"for|from|at)\s*([^,?!.]+)|"
                        # "the Ancre one", "the Verdun ones": a name used as an adjective
                        r"\bthe ((?:[\w'’-]+ ){0,2}[\w'’-]+) ones?\b", re.I)


def _item_named(question: str, items: list[str], whole: bool = False) -> tuple[str, str] | None:
    """(the phrase, the item) when « celle de X », "the one in X" names exactly one item of the last list
    (``whole``: by all the phrase's words)."""
    match = _ONE_NAMED.search(question)
    if not match or not items:
        return None
    words = [w for w in re.findall(r"[a-z0-9]+", fold(match.group(1) or match.group(2))) if len(w) > 2]
    # the shortest run of the phrase's first words that one item holds (« Saint-Henri, elle a … » → saint henri)
    for end in range(len(words), len(words) - 1 if whole else 0, -1):
        wanted = set(words[:end])
        found = [i for i in items if wanted <= set(re.findall(r"[a-z0-9]+", fold(i)))]
        if len(found) == 1:
            return match.group(0).strip(), found[0]
        if found:
            return None
    return None


def _organisation_named(phrase: str, session: ChatSession) -> str:
    """The one organisation of the last directory turns whose name holds every word of the phrase (« le théâtre »
    → « Théâtre Outremont »), or ""."""
    words = {w for w in re.findall(r"[a-z0-9]+", fold(phrase)) if len(w) > 2}
    names = dict.fromkeys(name for turn in session.turns[-3:] if turn.route == "directory"
                          for name in [turn.organisation, *turn.items] if name)
    found = [n for n in names if words and words <= set(re.findall(r"[a-z0-9]+", fold(n)))]
    return found[0] if len(found) == 1 else ""


def _referring_ordinal(question: str, ordinal: int | None) -> int | None:
    """An ordinal that points at something (« le 3e », "the second one"), not an adverb ("when did it first
    meet?")."""
    if ordinal is None:
        return None
    folded = fold(question)
    for match in _ARTICLE_ORDINAL.finditer(folded):
        word = match.group(2).strip("?,.")
        if re.match(r"\s*(fois|time|occasion)\b", folded[match.end():]):
            continue  # « pour la première fois », "for the first time": when, not which
        if word in ORDINALS or re.fullmatch(r"\d+(e|er|re|eme|st|nd|rd|th)", word):
            return ordinal
    return None


def _latest_of_something_else(question: str, previous: str) -> bool:
    """« le dernier bilan » after a question about the committee's tasks: « dernier » qualifies a noun the earlier
    question did not ask about (« le dernier engagement » after « quels engagements ? » still picks the last one)."""
    from assistant.core.lexical import analyse

    match = re.search(r"\b(?:le|la|les|the)\s+(?:dernier|derniere|last|latest)s?\s+([\w-]+)", fold(question))
    if match is None or match.group(1) in ("un", "une", "one", "point", "item", "element"):
        return False
    noun = set(analyse(match.group(1), "fr")) | set(analyse(match.group(1), "en"))
    return bool(noun) and not noun & (set(analyse(previous, "fr")) | set(analyse(previous, "en")))


# A subject set before the question and taken up by a pronoun in it (« le logement social, c'est qui qui s'en
# occupe ? », "social housing, who handles it?"): the question after the comma
_SUBJECT_SET_FIRST = re.compile(r"^\s*[^,?]{3,80}?,\s*((?:c'est|c est|ca|ça|est-ce|qui|who|what|is it|are they|does|do|did)\b"
                         r"[^,]*\b(?:en|y|le|la|les|l'|s'en|it|them|they|that)\b[^,]*)$", re.I)


def _predicate(previous: str) -> str:
    """What an elliptical follow-up keeps of the earlier question: question words and the noun right after them,
    verbs (participles, infinitives), years."""
    from assistant.core.lexical import analyse

    words = re.findall(r"[\wÀ-ÿ'’-]+", previous)
    verb = _english_verb(previous)
    kept = []
    asked_noun = False  # the first content word after a question word (« Quels sont les 4 types » → types)
    event = False  # after « quand », "when": the event asked about, when it is a noun (« quand l'adoption … »)
    for word in words:
        folded = fold(word)
        if event and analyse(word):
            event = False
            # (a noun of action, not a name: « quand la Déclaration … » asks about its subject)
            if word[:1].islower() and re.search(r"(tion|ment|ure|age|ance|ence)s?$", folded.split("'")[-1]):
                kept.append(word)
                continue
        if _QUESTION_WORD.match(folded):
            event = folded in ("quand", "when")
            # « Quels sont les 4 types » asks for types; « Quand la Déclaration… » asks a date of its subject,
            # which a new subject replaces
            asked_noun = bool(re.match(r"^(quel\w*|combien|what|which|how)$", folded))
            kept.append(word)
            continue
        if asked_noun and analyse(word) and not folded.isdigit():
            asked_noun = False
            kept.append(word)
            continue
        if (word == verb or re.search(r"(é|ée|és|ées)$", word)
                or re.match(r"^\w+-t-\w+$", folded) or re.search(r"(er|ed)$", folded) and len(folded) > 4
                or re.fullmatch(r"(19|20)\d\d", word)):
            kept.append(word)
    return " ".join(kept)


# an English auxiliary, then its subject, then the verb it carries ("when did Montreal adopt its declaration")
_AUXILIARY = re.compile(r"\b(?:did|does|do|will|would|can|could|should|must|may)\s+((?:[\w'’-]+\s+){1,3}?)([a-z][a-z-]+)"
                        r"(?=\s+(?:the|a|an|its|their|this|that|these|those|our|his|her|it|them|us|me|you|in|into|on|to|for|at|by|"
                        r"with|from|up|down|out|over)\b|\s*[?.!]*\s*$)")


def _english_verb(question: str) -> str:
    """The base verb an English auxiliary carries: the first lowercase word after its subject that a determiner, a
    preposition or the end of the question follows (a noun of the subject is followed by another of its words):
    "when did the city council adopt the policy?" → adopt; "when did the committee meet?" → meet."""
    found = _AUXILIARY.search(question)
    return found.group(2) if found and found.group(2) not in _NOT_A_VERB else ""


_NOT_A_VERB = {"the", "a", "an", "its", "their", "this", "that", "these", "those", "our", "it", "they", "we", "you",
               "i", "he", "she", "them", "there", "city", "not"}


def _them_in_the_documents(folded: str) -> bool:
    """"the slides mention them …" after one organisation's record: that organisation, in what the documents say
    ("them" alone — "give them money" — may be anyone)."""
    return bool(re.search(r"\bthem\b", folded) and _DOCUMENT.search(folded))


def without_topic(text: str) -> str:
    """A resolved question without the topic a follow-up borrowed (« … quand ? (politique adoptée) »): cut at the
    first " (" outside « » — an item quoted whole keeps its own brackets (« 2. Respecter … (le projet disait
    seulement « respecter »). »)."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth = max(0, depth - 1)
        elif ch == "(" and not depth and text[i - 1:i] == " ":
            return text[:i - 1]
    return text


def _join(first: str, second: str, original: str) -> str:
    text = f"{first} ({second})" if second else first
    return text[:MAX_RESOLVED_CHARS] if text.strip() else original


def ordinal_words() -> set[str]:
    return set(ORDINALS)
