"""Choosing what answers: the section decides the context, the unit decides the answer.

Sections (chunks) and answer units are retrieved together. Each candidate unit is scored by its own similarity
to the question, by how well its section ranks, by the question's focus terms it contains (typos forgiven), by
the numbers and dates it shares with the question (« années 70 » = "1970s"), and by whether it holds the kind
of answer asked for (a date for "when", a number for "how many", a list for a list question…). The best unit
opens the answer; neighbours of the same section join it when the question needs more than one line.

Usage: ``choice = choose_units(question, unit_hits, section_hits)``
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field

from assistant.answering.question import (DECADE, FIRST_PERSON, MONTHS, Question, concept_terms, normalise_numbers,
                                         without_condition)
from assistant.core.lexical import analyse
from assistant.core.textnorm import fold
from assistant.retrieval.hybrid import Hit

MAX_UNITS = 3
MERGE_MARGIN = 0.8  # logit: a neighbouring unit joins the answer when its score is this close to the best
JOINED_MARGIN = 4.5  # logit: ...or this close, when it holds the other of two things asked together (« X et Y »)
DATE_MARGIN = 1.5  # logit: how close a unit with a fuller date must score to be preferred for "when"
PROMISE_MARGIN = 3.0  # logit: how close a unit dating the event must score, when the best only dates its promise
NUMBERED_MARGIN = 1.5  # logit: how close the list numbered as the question names it (« type 1 ») must score
DECADE_MARGIN = 1.5  # logit: how close a unit of the decade a question names must score to be preferred
SEQUENCE_MARGIN = 3.0  # logit: how close a numbered sequence of the asked size must score to be preferred
LIST_MARGIN = 2.0  # logit: how close a list must score to answer a list question instead of a sentence
DEFINITION_MARGIN = 3.0  # logit: how close the unit labelled with the defined term must score to answer « c'est quoi X »
ECHO_PRECISION = 0.99  # share of a unit's own words that the question holds: at this share, it only echoes it
PREAMBLE_MARGIN = 3.0  # logit: how close a unit of the document's body must score to answer instead of its opening
POSITION_MARGIN = 2.0  # logit: how close a unit where the question places its answer (« à la fin ») must score
LABEL_MARGIN = 2.5  # logit: how close a unit whose label the question names exactly must score to be preferred
KINDS_DOCUMENTS = 10  # candidates whose documents may hold the lists of kinds asked for
KINDS_MARGIN = 4.0  # logit: how close a list naming the asked noun (« Le soutien financier », « Valeurs : ») must score
NAMED_BODY_MARGIN = 3.5  # logit: how close a unit naming the kind of body asked for (« quelle commission », "whose
# administration") must score
BODY_MARGIN = 1.5  # logit: how close a unit naming more bodies must score, for "who …?" (« le RIOCM, le RAFSSS … »)
# What a "when" answer holds: a year, a month, a decade, a season — or a frequency ("triennal") when the
# question asks how often.
_DATE_WORDS = re.compile(r"\b(19|20)\d\d\b|\b(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
                         r"novembre|decembre|annees \d0|automne|printemps|hiver|triennal|annuel)\b")
_ENGLISH_DATE = re.compile(r"\b(19|20)\d\d\b|\b(january|february|march|april|may|june|july|august|september|"
                           r"october|november|december|fall|autumn|spring|summer|winter|triennial|annual|"
                           r"\d0s)\b")
_FREQUENCY = re.compile(r"\b(triennal|triennial|annuel\w*|annual\w*|chaque (annee|mois)|tous les \w+ ans|every \w+ "
                        r"years?|each year|every year|tous les ans|yearly|mensuel\w*|monthly|hebdomadaire|weekly|"
                        r"biennal|quotidien\w*)\b")
# A change asked about (« ont-elles changé ? », "did they stay the same?") and what a unit says of one: that something
# stays, or what an earlier version said (« Les valeurs restent … », « le projet disait seulement « respecter » »)
_CHANGE_ASKED = re.compile(r"\b(chang\w*|modifi\w*|revis\w*|different\w*|differ|pareil\w*|the same|les memes|le meme|"
                           r"la meme|stay\w*|rest\w*|remain\w*|demeur\w*|evolu\w*)\b")
_CHANGE_SAID = re.compile(r"\b(restent|reste|demeur\w*|remain\w*|inchang\w*|unchanged|les memes|the same|"
                          r"(le |the )?(projet|draft|canevas) (disait|said|read)|chang\w*|modifi\w*)\b")
_FULL_DATE = re.compile(r"\b\d{1,2}(er)? (janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|"
                        r"decembre|january|february|march|april|may|june|july|august|september|october|november|"
                        r"december) (19|20)\d\d\b")
_SINCE_QUESTION = re.compile(r"\b(depuis quand|depuis combien|since when|how long)\b")
_SINCE_UNIT = re.compile(r"\b(depuis|remont\w* a|since|dates? back to|goe?s? back to)\b[^.]{0,60}\b(1[89]\d\d|20\d\d)\b")
_MONTH_YEAR = re.compile(r"\b(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|"
                         r"automne|printemps|hiver|ete) (?:\w+ )?(19|20)\d\d\b")
_NUMBER = re.compile(r"\b\d+\b|\b(deux|trois|quatre|cinq|six|dizaine|douzaine|plus de|environ)\b")
# A telephone number, an e-mail or web address, a street address: what a request for contact details needs
_CONTACT_DETAIL = re.compile(r"\b\d{3}[ .)-]+\d{3}[ .-]\d{4}\b|[\w.-]+@[\w-]+\.\w+|\bwww\.|https?://|"
                             r"\b\d+,? (rue|avenue|av\.|boul\w*|chemin|place|street|st\.?|road)\b", re.I)
# what gives a reason: a cause, a purpose, what something is crucial for
_REASON = re.compile(r"\b(parce que|parce qu|car|afin de|afin que|pour que|puisque|grace a|en raison de|because|"
                     r"in order to|so that|so as to|since|thanks to|due to|"
                     r"(crucial|cruciale|essentiel|essentielle|important|importante|necessaire|indispensable|utile|"
                     r"essential|necessary|vital|key|useful)s? (pour|for|to)|reasons?|raisons?|"
                     # (what it brings: « pour leur apport à la transparence », "for their contribution to …")
                     r"(pour|for) (leur|leurs|son|sa|ses|their|its) (apports?|contributions?))\b")
_AMOUNT = re.compile(r"\$|%|\b(dollars?|millions?|milliards?|k\$|m\$|pour ?cent|percent)\b")
# (an article is no first name: « Le Chaînon » is an organisation)
_PERSON = re.compile(r"\b(?!(?:Le|La|Les|Un|Une|Des|Du|De|The|An?|Au|Aux)\b)"
                     r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)? [A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?\b")
_FORMAL_BODY = r"\b(commission|comite|conseil|service|bureau|office|direction|ministere|instance)s?\b"
# (a body's kind with the word that names which one — « Commission permanente », « conseil municipal »: "which
# commission?" is answered by a commission the question does not already name)
_BODY = re.compile(r"\b[A-Z]{2,}\b|\b((?i:service|commission|comité|conseils?|arrondissements|regroupements?|ville|"
                   r"gouvernement|ministère|mairesse|administration)(?: (?:de la |du |des |de l'|de |d')?[a-zà-ÿ'-]{3,})?|"
                   r"[A-ZÀ-Ý][a-zà-ÿ]+ [A-ZÀ-Ý][a-zà-ÿ]+)\b")


@dataclass
class Candidate:
    hit: Hit
    score: float = 0.0
    coverage: float = 0.0
    type_fit: bool = True
    reasons: dict = field(default_factory=dict)

    @property
    def meta(self) -> dict:
        return self.hit.metadata

    @property
    def uid(self) -> str:
        return self.hit.metadata.get("unit_id", self.hit.id)


@dataclass
class Choice:
    units: list[Candidate]
    section: Hit | None  # the chunk that gives the context
    best: Candidate | None
    candidates: list[Candidate]
    # the first lines of the other lists of the answer's section (« Conseil d'agglomération », « 19 conseils
    # d'arrondissements »): what a yes/no question may name instead of the list that holds the answer
    other_labels: list[str] = field(default_factory=list)
    container: str = ""  # the line of the answer's section that numbers what a « which principle » asks for
    placed: bool = False  # the answer is where the question says it is (« à la fin de la présentation »)


def coverage(focus: list[str], tokens: set[str], own: set[str] | frozenset[str] = frozenset()) -> float:
    """Share of the question's focus terms found (typos forgiven) in a text's tokens; when ``own`` (a follow-up's
    own words) is given, those count twice the words it borrowed from the earlier turn."""
    if not focus:
        return 0.0
    terms = set(focus)
    tokens = tokens if isinstance(tokens, frozenset) else frozenset(tokens)
    weight = {f: 2.0 if f in own else 1.0 for f in terms} if own & terms else dict.fromkeys(terms, 1.0)
    return sum(w for f, w in weight.items() if found_in(f, tokens)) / sum(weight.values())


# The stems of a French irregular verb's forms, which the stemmer keeps apart (« venait » ven, « vient » vient, « venu »
# venu): one verb, whatever its tense (« l'idée venait de qui ? » — « L'initiative vient de l'administration … »)
_VERB_FORMS = [frozenset(forms.split()) for forms in (
    "ven vient viennent venu venus viendr vienn", "ten tient tiennent tenu tenus tiendr tienn",
    "pren prend prennent pris prendr", "met mettent mis mettr",
    # an adjective's irregular forms, which the stemmer keeps apart too (« nouveau budget » / « enveloppe nouvelle »)
    "nouveau nouvel", "beau bel", "vieux vieil")]
_SAME_VERB = {stem: forms for forms in _VERB_FORMS for stem in forms}


@lru_cache(maxsize=1 << 16)
def found_in(term: str, tokens: frozenset[str]) -> bool:
    """``term`` is one of ``tokens``, or one edit (a letter added, missing or changed) from one when both have 5+
    letters (typos: « engagemnts », « comite »). By look-ups, not comparisons: each one-letter deletion of the term
    against the tokens and their deletions (symmetric deletion), indexed once per token set."""
    if term in tokens or (term in _SAME_VERB and not _SAME_VERB[term].isdisjoint(tokens)):
        return True
    # a verb and its noun, which the stemmer keeps apart (« formé » / « formation », « créé » / « création »), and an
    # adjective and its noun in « -ité » (« unanime » / « unanimité »)
    if len(term) >= 3 and (f"{term}at" in tokens or f"{term}ation" in tokens
                           or (term.endswith("at") and len(term) >= 6 and term[:-2] in tokens)):
        return True
    # (and a noun and its adjective in « -aire »: « budget » / « budgétaire », « parlement » / « parlementaire »)
    if len(term) >= 5 and f"{term}air" in tokens:
        return True
    if len(term) >= 5 and (f"{term}it" in tokens or (term.endswith("it") and len(term) >= 7 and term[:-2] in tokens)):
        return True
    if len(term) < 5:
        return False
    deletions = _deletions(tokens)
    for i in range(len(term)):
        variant = term[:i] + term[i + 1:]
        # a letter too many (variant is a token), a letter missing (term is a token's deletion), a letter changed
        # (same deletion at the same place)
        if (len(term) >= 6 and variant in tokens) or (term, -1) in deletions or (variant, i) in deletions:
            return True
    return False


@lru_cache(maxsize=1 << 12)
def _deletions(tokens: frozenset[str]) -> frozenset[tuple[str, int]]:
    """(token without its letter i, i) for tokens of 5+ letters, and (that same string, -1) for tokens of 6+ letters
    (a 5+ letter term one letter shorter)."""
    out = set()
    for token in tokens:
        if len(token) < 5:
            continue
        for i in range(len(token)):
            variant = token[:i] + token[i + 1:]
            out.add((variant, i))
            if len(token) >= 6:
                out.add((variant, -1))
    return frozenset(out)


@dataclass(frozen=True)
class Profile:
    """What scoring needs from a unit, computed once per record (units do not change within a generation)."""

    tokens: frozenset[str]  # French: section title, heading and text
    tokens_en: frozenset[str]  # English side, when translated
    own: frozenset[str]  # the unit's own words (French)
    own_en: frozenset[str]
    heading: frozenset[str]
    numbers: tuple
    label: frozenset[str]  # a list or heading's first line; an item's heading


_PROFILES: dict[str, Profile] = {}
_POINTER = re.compile(r"\((?:voir|see) [^()]*\)", re.IGNORECASE)


def profile(hit: Hit) -> Profile:
    found = _PROFILES.get(hit.id)
    if found is None:
        meta = hit.metadata
        # (a pointer to another sheet — « (voir la fiche sur la politique adoptée en 2021) » — says where to read
        # more, not what the unit says: its words are no match)
        english = _POINTER.sub(" ", meta.get("text_en", ""))
        text = _POINTER.sub(" ", hit.text)
        found = Profile(
            tokens=frozenset(analyse(f"{meta.get('section_title', '')} {meta.get('heading', '')} {text}", "fr")),
            tokens_en=frozenset(analyse(f"{meta.get('section_title_en', '')} {meta.get('heading_en', '')} {english}",
                                        "en")) if english else frozenset(),
            own=frozenset(analyse(text, "fr")), own_en=frozenset(analyse(english, "en")),
            heading=frozenset(analyse(f"{meta.get('heading', '')} {meta.get('section_title', '')}", "fr")),
            # a list's or heading's first line; an item's heading — or, for an item of a section that is one
            # flat list (« Principes directeurs de la version adoptée » 1. 2. 3.), the section's title
            label=frozenset(analyse((hit.text.splitlines()[0] + " " + _flat_title(meta, "section_title",
                                                                                  hit.text.splitlines()[0]))
                                    if meta.get("unit_kind") in ("list", "heading")
                                    else meta.get("heading", "") or _flat_title(meta, "section_title"), "fr"))
            | (frozenset(analyse(((english.splitlines() or [""])[0] + " " + _flat_title(
                                     meta, "section_title_en", (english.splitlines() or [""])[0]))
                                 if meta.get("unit_kind") in ("list", "heading")
                                 else meta.get("heading_en", "") or _flat_title(meta, "section_title_en"), "en"))
               if english else frozenset()),
            numbers=normalise_numbers(f"{meta.get('section_title', '')} {hit.text}"))
        if len(_PROFILES) > 20000:  # bounded: a generation's units, a few times over
            _PROFILES.clear()
        _PROFILES[hit.id] = found
    return found


def parent_list(meta: dict) -> str:
    """The unit id of the list an item belongs to (« doc/s20/u03 » → « doc/s20/l01 »)."""
    unit_id = meta.get("unit_id", "")
    return f"{unit_id.rsplit('/', 1)[0]}/l{int(meta.get('parent_order', 0) or 0):02d}" if unit_id else ""


def _flat_title(meta: dict, key: str, first_line: str = "") -> str:
    """The section title, for a top-level item that has no heading of its own: it names what the item is one of."""
    if meta.get("parent_order") or meta.get("unit_kind") != "item":
        return ""
    return meta.get(key, "")


def unit_tokens(meta: dict, text: str, language: str, hit: Hit | None = None) -> set[str]:
    if hit is not None:
        p = profile(hit)
        return set(p.tokens | p.tokens_en) if language == "en" else set(p.tokens)
    base = f"{meta.get('section_title', '')} {meta.get('heading', '')} {text}"
    tokens = set(analyse(base, "fr"))
    if language == "en" and meta.get("text_en"):
        tokens |= set(analyse(f"{meta.get('section_title_en', '')} {meta.get('heading_en', '')} "
                              f"{meta['text_en']}", "en"))
    return tokens


# a past participle after its auxiliary (« l'a adoptée », « a été annoncé », "was adopted", "who announced"), or
# right before what asks (« annoncé quand ? », "adopted by whom?"): the event a "who" or "when" question asks about
# (a noun in « -é » — « comité », « communauté » — has no auxiliary)
_PARTICIPLE = re.compile(r"(?:\b(?:a|ont|été|ete|est|sont|l'a|l'ont|avait|avaient|fut|was|were|been|is|are|got|who|qui)\s+"
                         r"(?:\w+\s+){0,3}?([a-zà-ÿ]{4,}(?:é|ée|és|ées)|[a-z]{4,}ed)\b)|"
                         r"\b([a-zà-ÿ]{4,}(?:é|ée|és|ées)|[a-z]{4,}ed)\s+(?:quand|par qui|when|by whom)\b|"
                         # "when did the city announce it?", "when did city council adopt the policy?": the verb
                         # after "did" and its subject
                         r"\b(?:did|does|do)\s+(?:(?:the|its|their)\s+)?(?:[\w-]+\s+)?(?:council\s+)?([a-z]{4,})\s+"
                         r"(?:it|them|this|that|the|its|their|a|an|publicly|officially|formally|first)\b")


def event_stems(question: Question) -> frozenset[str]:
    """The stems of the event a "who …?" or "when …?" question asks about — its past participle (« qui l'a
    adoptée ? » → « adopt »; "when was it announced?" → "announc") — when it is one of the question's focus terms
    (a light verb — « été », "used" — is none)."""
    if question.kind not in ("who", "when"):
        return frozenset()
    # (not in a clause of time before the question: « Quand la déclaration a été adoptée en 2018, quel regroupement
    # … ? » asks who was invited)
    asked = without_condition(question.text).lower().replace("’", "'")
    words = [w for pair in _PARTICIPLE.findall(asked) for w in pair if w]
    stems = {stem for w in words for stem in analyse(w, "en" if w.endswith("ed") else "fr")}
    return frozenset(stems & set(question.terms))


@lru_cache(maxsize=1024)
def _own_stems(text: str, english: str) -> frozenset[str]:
    """The stems of a unit's own words, without the sources it cites in brackets (« (estmediamontreal.com, « …
    Adoption de la politique … ») » names no event of the unit)."""
    text, english = (_CITED_SOURCE.sub(" ", t) for t in (text, english))
    return frozenset(analyse(text, "fr")) | (frozenset(analyse(english, "en")) if english else frozenset())


# events said with other verbs, in either language: an organisation founded is one formed, created, established
_EVENT_FAMILIES = [frozenset({"found", "fond", "format", "form", "creat", "cre", "establish", "etabli", "constitu"})]


def _holds_events(events: frozenset[str], stems: frozenset[str]) -> bool:
    """Every event stem is one of ``stems`` or begins one (the stemmer leaves « représentent » whole: « représenté »
    → « represent » begins it) — or a stem of the same family does ("founded" — « formation du RIOCM »)."""
    def held(event: str) -> bool:
        family = next((f for f in _EVENT_FAMILIES if event in f), frozenset({event}))
        return any(s.startswith(e) for e in family for s in stems if len(s) >= len(e))
    return all(held(e) for e in events)


_CITED_SOURCE = re.compile(r"\([^()]*\b[\w-]+\.(?:org|com|ca|qc\.ca|net|info)\b[^()]*\)")


RARE_WORD = 1 / 6  # a word held by at most six records of the corpus


def said_of_another_year(question: Question, choice: Choice, specificity) -> Candidate | None:
    """A yes/no question about one year (« la politique de 2021 a-t-elle été adoptée à l'unanimité ? ») answered
    from a unit of that year (« … a adopté la politique à sa séance du 14 juin 2021 … ») that lacks a rare word it
    asks (« unanimité »), while the few units that hold the word are all dated to other years (« … la Déclaration
    le lundi 20 août 2018, à l'unanimité », « En 2017 … à l'unanimité la Politique de développement social »): the
    documents say it of something else — the nearest such unit, or None. ``specificity``: 1 / the records holding
    a token, in a language."""
    if not question.is_yesno or not question.years or not choice.units:
        return None
    held, dated = set(), set()
    for c in choice.units:
        p = profile(c.hit)
        held |= p.own | p.own_en
        dated |= p.numbers[1]
    if not dated & question.years:
        return None  # (a unit of another year answers « adoptée en 2019 ? » with a no)
    language = "en" if (question.text_language or question.language) == "en" else "fr"
    # (the units that hold the word say the same kind of thing of another year — « le conseil … a adopté … à
    # l'unanimité » —: they hold at least half the asked words the answer holds, not only the rare one — a « texte
    # officiel » does not tell whether a mandate was "officially renewed")
    said = {t for t in question.terms if t in held and not t.isdigit()}
    for term in question.terms:
        if term in held or term.isdigit() or specificity(term, language) < RARE_WORD:
            continue
        holders = [(c, profile(c.hit)) for c in choice.candidates[:15]]
        holders = [(c, p) for c, p in holders if term in p.own | p.own_en]
        if 0 < len(holders) <= 3 and all(p.numbers[1] and not p.numbers[1] & question.years
                                         and 2 * len(said & (p.own | p.own_en)) >= max(2, len(said))
                                         for _, p in holders):
            return holders[0][0]
    return None


def holds_events(events: frozenset[str], hit: Hit) -> bool:
    """The unit tells of every one of those events, in its own words (French, or its English side)."""
    return _holds_events(events, _own_stems(hit.text, hit.metadata.get("text_en", "")))


@lru_cache(maxsize=256)
def _folded(text: str) -> str:
    return fold(text)


def new_acronyms(text: str, question_text: str) -> list[str]:
    """The organisations' acronyms (« RIOCM », « CMTQ ») a text names that the question does not, in order."""
    asked = set(re.findall(r"\b[A-Z]{3,}\b", question_text))
    return list(dict.fromkeys(a for a in re.findall(r"\b[A-Z]{3,}\b", text.replace("**", "")) if a not in asked))


def _new(found: list[str], question: Question) -> bool:
    """Is at least one found entity not already in the question? (an answer must add what was asked)"""
    asked = _folded(question.text)
    return any(_folded(f).strip() and _folded(f).strip() not in asked for f in found)


@lru_cache(maxsize=8192)
def _unit_folds(text: str, heading: str, english: str) -> tuple[str, str]:
    return fold(text + " " + heading), fold(english)


# a unit that says whose initiative something was (« L'initiative vient de l'administration de la mairesse … »)
_ORIGIN_GIVEN = re.compile(r"\b(initiative|a l'origine|initiat(ed|or|rice)|propose[es]?|proposed|came from|"
                           r"vient de|behind)\b")


def gives_origin(c: Candidate) -> bool:
    folded, english = _unit_folds(c.hit.text, "", c.meta.get("text_en", ""))
    return bool(_ORIGIN_GIVEN.search(folded) or _ORIGIN_GIVEN.search(english))


def type_fit(question: Question, text: str, meta: dict) -> bool:
    """Does the unit hold the kind of answer the question asks for — one the question does not already name?"""
    if question.answer_type in ("text", "list", "yesno", "place"):
        return True
    folded, english = _unit_folds(text, meta.get("heading", ""), meta.get("text_en", ""))
    if question.answer_type == "date":
        found = [m.group(0) for m in _DATE_WORDS.finditer(folded)] + [m.group(0) for m in _ENGLISH_DATE.finditer(english)]
        if question.future:  # « le prochain bilan sort quand ? »: only a date to come answers
            this_year = time.localtime().tm_year
            found = [f for f in found if f.isdigit() and int(f) >= this_year]
        return _new([f for f in found if f not in ("triennal", "annuel", "triennial", "annual")], question)
    if question.answer_type == "frequency":
        return bool(_FREQUENCY.search(folded) or _FREQUENCY.search(english))
    if question.answer_type == "amount":
        return bool(_AMOUNT.search(folded))
    if question.answer_type == "contact":
        return bool(_CONTACT_DETAIL.search(text))
    if question.answer_type == "number":
        # A count: not a year, not a list's numbering (« 4. Mars et juin 2019 »)… unless the list itself is the
        # answer (« combien de types de soutien ? » → its numbered items): it speaks of what is counted
        if meta.get("unit_kind") == "list" and re.search(r"^\s*\d+\.", text, re.M) and _counts_these(question, folded):
            return True
        # … or one item of a numbered series under a title that names what is counted (« Principes directeurs de la
        # version adoptée » : « 1. … », « 2. … », « 3. … »): the series is the count
        if int(meta.get("sequence", 0) or 0) and re.match(r"\s*-?\s*\d+\.", text) and _counts_these(
                question, fold(" ".join((text, meta.get("section_title", ""), meta.get("text_en", ""),
                                         meta.get("section_title_en", ""))))):
            return True
        plain = re.sub(r"(^|\n|-\s)\s*\d+\.\s", " ", folded)
        if not re.search(r"\b(jours?|semaines?|mois|ans|annees|days?|weeks?|months?|years?)\b", _folded(question.text)):
            plain = _FULL_DATE.sub(" ", plain)  # (« 13 novembre 2019 »: a day of a month counts nothing — unless
            # the question counts days or months between dates)
        if not question.decades:
            plain = DECADE.sub(" ", plain)  # (« Années 60 : comités de citoyens »: a decade counts nothing)
        found = [m.group(0) for m in _NUMBER.finditer(plain) if not (m.group(0).isdigit() and 1900 <= int(m.group(0)) <= 2100)]
        # ("how many people work in the sector?": a count of organisations is not one of people)
        counted = _COUNTED.search(_folded(question.text))
        if counted and _PERSONS.fullmatch(counted.group(1)) and not _PERSONS.search(f"{folded} {english}"):
            return False
        # (and "how many organisations got rental support?": a count of terms or employees is not one of groups)
        if counted and _GROUPS.fullmatch(counted.group(1)) and not _GROUPS.search(f"{folded} {english}"):
            return False
        return _new(found, question)
    if question.answer_type == "person_or_body":
        if question.asked_body in ("commission", "comite", "conseil", "service", "ministere") \
                and not re.search(r"\b" + question.asked_body, folded):
            return False  # « quelle commission ? »: a unit that names no commission does not answer it
        return _new([m.group(0) for m in _BODY.finditer(text)], question)
    if question.answer_type == "person":  # a person's name: two capitalised words (« Valérie Plante »)
        return _new(_PERSON.findall(text), question)
    if question.answer_type == "reason":
        return bool(_REASON.search(folded) or _REASON.search(english))
    return True


FEATURES = ("dense", "dense_gap", "coverage", "precision", "lexical", "section", "unit_rank", "shared", "type_miss",
            "list_for_list", "heading", "short", "heading_match", "length", "date_detail", "own_heading",
            "count_match", "other_document", "other_source", "frequency_match", "other_funder", "change_match",
            "concept_match", "event_match", "role_match")
# Weights of the features above, fitted on the dev split only by ``python -m evals.calibrate`` (listwise: within
# a question, put the score on the units that hold its key facts). The test split never sees them.
WEIGHTS = {"dense": 14.89, "dense_gap": 32.28, "coverage": 2.03, "precision": 1.04, "lexical": 3.26,
           "section": 0.36, "unit_rank": -0.04, "shared": -0.24, "type_miss": -2.45, "list_for_list": 0.55,
           "heading": -1.3, "short": -0.12, "heading_match": -0.49, "length": 0.1, "date_detail": 1.14,
           "own_heading": 0.67, "count_match": 1.5,
           # not fitted: a rule, as strong as a wrong answer type (see ``_about_another_document``)
           "other_document": -2.45,
           # not fitted: a rule, as strong as a wrong answer type — « selon la présentation »: a unit of another kind of
           # document is not the source asked for
           "other_source": -2.45,
           # not fitted: a rule, a little stronger than a count the question names (« les trois types »): how often
           # is what such a question asks, whatever else a unit shares with it
           "frequency_match": 2.0,
           # not fitted: a rule, as strong as a wrong answer type — "what does the City ask of the organisations it
           # funds?": « … organismes financés par le gouvernement du Québec » is about another funder
           "other_funder": -2.45,
           # not fitted: a rule, as strong as a frequency asked and given
           "change_match": 1.5,
           # not fitted: a rule, as strong as a change asked and said — the documents' words for a concept asked in
           # everyday words (``question.concept_gloss``)
           "concept_match": 1.5,
           # not fitted: a rule, as strong as a wrong answer type — the event a "who"/"when" question asks about
           # (« qui l'a adoptée ? », "when was it announced?") is in the unit that answers it; a unit without it
           # answers another question
           "event_match": 2.45,
           # not fitted: a rule, as strong as a concept asked in everyday words — « à quoi sert le comité ? » is
           # answered by the list that the committee heads (« la Ville forme un comité de suivi : … Il s'assure … »),
           # not by a shorter line that only names it
           "role_match": 1.5}


_FUNDING = r"(?:financ\w*|subventionn\w*|fund\w*)"
# The question asks what the City funds (« la Ville finance-t-elle … », "does the City fund …", « financés par la
# Ville ») — which also keeps such a question with the documents (``routing``)…
CITY_FUNDS = re.compile(r"\b(?:la ville|the city|ville de montreal)\b(?:(?! par | by )[^?.]){0,40}?\b" + _FUNDING
                         + r"|" + _FUNDING + r" (?:par|by|from|de la part de) (?:la ville|the city)\b")
# … and the unit says who funds (« financés par le gouvernement du Québec »)
# (« De nombreux organismes financés autrement », "funded in other ways": not by the City either)
_FUNDED_OTHERWISE = re.compile(_FUNDING + r" (?:autrement|otherwise|in other ways)")
_FUNDED_BY = re.compile(_FUNDING + r" (?:par|by) (?:le |la |l'|les |the )?([a-z][a-z' -]{2,40})")


def funded_by_other(question: Question, texts: list[str]) -> bool:
    """The question asks about what the City funds and the unit's figure is about another funder (« Environ 800
    organismes … financés par le gouvernement du Québec » does not say how many the City funds)."""
    if not CITY_FUNDS.search(fold(question.text)):
        return False
    return any(not match.group(1).startswith(("ville", "city")) for text in texts
               for match in _FUNDED_BY.finditer(fold(text))) \
        or any(_FUNDED_OTHERWISE.search(fold(text)) for text in texts)


def _source_kind(meta: dict) -> str:
    """The kind of document a unit comes from, as a question names it: a slide deck or a fact sheet."""
    if meta.get("page_label") == "diapositive":
        return "slides"
    return "fact_sheet" if meta.get("doc_kind") == "fact_sheet" else ""


_COUNTED = re.compile(r"\b(?:combien|how many|nombre|number)\s+(?:de\s+|d'|des\s+|of\s+)?(?:the\s+)?([a-z]{3,})")


# people counted, in either language (« combien de personnes / de monde », "how many people / volunteers")
_PERSONS = re.compile(r"\b(personnes?|people|persons?|gens|monde|individus?|individuals?|participants?|employe(e)?s?|"
                      r"employees?|staff|benevoles?|volunteers?|travailleu(r|se)s?|workers?|membres?|members?)\b")


# organisations counted, in either language (« combien d'organismes / de groupes », "how many orgs")
_GROUPS = re.compile(r"\b(organismes?|organisations?|organizations?|orgs?|groupes?|groups?|associations?|"
                     r"regroupements?|obnl|corporations?)\b")


def _counts_these(question: Question, folded_unit: str) -> bool:
    """Does the unit speak of the things the question counts (« combien de types… » and a list of types)? A question
    with no counted noun (« combien y en a-t-il ? ») is about whatever the list lists."""
    match = _COUNTED.search(_folded(question.text))
    if not match:
        return True
    stem = match.group(1)[:5]  # « types » / « type », "organisations" / « organismes » share no more than this
    return bool(re.search(r"\b" + re.escape(stem), folded_unit))


# (an era or a period is a decade at this corpus's grain: « de quelle époque ? », "around what era?")
_DECADE_QUESTION = re.compile(r"\b(decennies?|decades?|epoques?|eras?|periodes?|periods?)\b")
_YEAR_QUESTION = re.compile(r"\b(quelle annee|which year|what year|l'annee|annee de|year of|in what year)\b")


def _date_detail(question: Question, text: str) -> float:
    """How well a unit's date answers "when?": a full date says more than a month and year, which says more than a
    year; "since when?" asks for a start (« remontent à 1987 », "since 2018"), which says the most."""
    folded = fold(text)
    if _DECADE_QUESTION.search(fold(question.text)):
        # « dans quelle décennie ? », "which decade?": a decade answers (« Années 90 : formation du RIOCM »)
        return 1.0 if normalise_numbers(text)[2] else 0.0
    if _YEAR_QUESTION.search(fold(question.text)):
        # « de quelle année ? », "what year?": a year answers as fully as a day would
        return 1.0 if re.search(r"\b(19|20)\d\d\b", text) else 0.0
    detail = 1.0 if _FULL_DATE.search(folded) else 0.5 if _MONTH_YEAR.search(folded) else 0.0
    if _SINCE_QUESTION.search(fold(question.text)):
        return 1.0 if _SINCE_UNIT.search(folded) else detail / 2
    return detail


def features(question: Question, hit: Hit, tokens: set[str], focus: list[str], top_dense: float, top_lexical: float,
             section_rank: int | None, unit_rank: int) -> dict[str, float]:
    meta = hit.metadata
    p = profile(hit)
    numbers, years, decades, _ = p.numbers
    shared = (question.numbers & numbers) | (question.years & years) | (question.decades & decades)
    own = p.own | (p.own_en if question.language == "en" else frozenset())
    heading_tokens = p.heading
    kind = meta.get("unit_kind")
    return {
        "dense": hit.dense,
        "dense_gap": hit.dense - top_dense,
        "coverage": coverage(focus, tokens, question.own_terms),
        "precision": (len(own & set(focus)) / len(own)) if own else 0.0,
        "lexical": hit.lexical / top_lexical if top_lexical else 0.0,
        "section": 1.0 / section_rank if section_rank else 0.0,
        "unit_rank": 1.0 / unit_rank,
        "shared": float(min(2, len(shared))),
        "type_miss": 0.0 if type_fit(question, hit.text, meta) else 1.0,
        "list_for_list": float(question.kind == "list" and kind == "list"),
        "heading": float(kind == "heading"),
        "short": float(len(hit.text) < 12),
        "heading_match": float(bool(heading_tokens & set(focus))),
        "length": math.log(max(20, len(hit.text)) / 20),  # a longer unit must earn its place in the answer
        # "when": a full date says more than a month and year, which says more than a year
        "date_detail": _date_detail(question, hit.text) if question.answer_type == "date" else 0.0,
        # the unit's own label (a list's heading « Valeurs: », an item's heading) names what the question asks
        "own_heading": coverage(focus, p.label) if focus else 0.0,
        # « les trois types de soutien »: a list of three things (or one of a sequence of three)
        "count_match": float(bool(question.counts & {int(meta.get("items", 0) or 0), int(meta.get("sequence", 0) or 0)}
                                  - {0})),
    }


NAMED_TITLE_SHARE = 0.75  # share of a document title's words a question must hold to name that document


@lru_cache(maxsize=64)
def _title_terms(title: str, language: str) -> frozenset[str]:
    """A document title's words, without its qualifiers (« (présentation) », "— unofficial English translation")."""
    return frozenset(analyse(re.split(r"\s[(—]", title)[0], language))


def _named_documents(question: Question, hits: list[Hit]) -> dict[str, frozenset[str]]:
    """doc_id -> its title's words, for the documents the question names by their title (« la politique montréalaise
    pour l'action communautaire », "Montreal's community action policy"). Those words say which document, not what
    in it: every unit of that document holds them, so a unit is not preferred for repeating the title's words
    (« … du milieu communautaire montréalais ») over the one that answers (« Valeurs : … »).
    (An English question may name a document by its French title: "when did the city announce it? (Politique
    montréalaise communautaire)" — each title is read in both languages, against the question's words read alike.)"""
    asked = {"fr": set(question.focus), "en": set(question.focus_en)}
    own = "en" if (question.text_language or question.language) == "en" else "fr"
    out: dict[str, frozenset[str]] = {}
    for hit in hits:
        meta = hit.metadata
        doc = meta.get("doc_id")
        if doc in out:
            continue
        for title in filter(None, (meta.get("doc_title", ""), meta.get("doc_title_en", ""))):
            for language in ("fr", "en"):
                terms = _title_terms(title, language)
                shared = terms & asked[language]
                if len(shared) >= 3 and len(shared) >= NAMED_TITLE_SHARE * len(terms):
                    out[doc] = out.get(doc, frozenset()) | terms | _title_terms(title, own)
    return out


def _title_head(title: str) -> str:
    """The noun a document's French title begins with (« Politique … », « Déclaration … »): what the text calls it."""
    words = re.findall(r"[a-z]+", fold(title))
    return words[0] if words and len(words[0]) >= 4 else ""


def _english_head(head: str, title_en: str) -> str:
    """That noun in the English title: the word that shares the longest beginning with it, four letters at least
    ("policy" for « politique », "declaration" for « déclaration »)."""
    def shared(word: str) -> int:
        return next((n for n, (a, b) in enumerate(zip(word, head)) if a != b), min(len(word), len(head)))
    best = max(re.findall(r"[a-z]+", fold(title_en)), key=shared, default="")
    return best if best and shared(best) >= 4 else ""


def _document_heads(question: Question, hits: list[Hit]) -> tuple[frozenset[str], frozenset[str]]:
    """(the heads of the documents the question names by their noun, the heads of the others), in French.
    « Quand la politique a-t-elle été adoptée ? » names the policy and not the Declaration."""
    asked = set(re.findall(r"[a-z]+", fold(question.text)))
    named, other = set(), set()
    for hit in hits:
        head = _title_head(hit.metadata.get("doc_title", ""))
        if not head:
            continue
        english = _english_head(head, hit.metadata.get("doc_title_en", ""))
        (named if head in asked or (english and english in asked) else other).add(head)
    return frozenset(named), frozenset(other - named)


# the source a fact-sheet line ends on, in brackets: « (riocm.org/bulletin/…) », « (communiqué CNW Telbec du …) »
CITED_SOURCE = re.compile(r"[ \t]*\(((?:[\w-]+\.)+(?:org|ca|com|net)\b[^()]*|communiqu[ée] [^()]*)\)(?=[ \t]*(?:$|\n))")


def _about_another_document(text: str, heads: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A unit that names another document than the one asked about, and not that one (« Août 2018 : adoption … de
    la Déclaration … » for "when was the policy adopted?"): it dates another event. (Only for dates: what a
    document says may well name another one — the Declaration's commitment to adopt a policy.)"""
    named, other = heads
    if not named or not other:
        return False
    # (not the web address of the source it cites: « (riocm.org/bulletin/politique-montrealaise-…) »)
    words = set(re.findall(r"[a-z]+", fold(CITED_SOURCE.sub(" ", text))))
    return bool(words & other) and not words & named


def score_units(question: Question, unit_hits: list[Hit], section_hits: list[Hit],
                weights: dict[str, float] | None = None) -> list[Candidate]:
    weights = weights or WEIGHTS
    section_rank = {}
    for rank, hit in enumerate(section_hits, start=1):
        section_rank.setdefault((hit.metadata.get("doc_id"), hit.metadata.get("section_index")), rank)
    focus = question.terms
    top_lexical = max((h.lexical for h in unit_hits), default=0.0) or 1.0
    top_dense = max((h.dense for h in unit_hits), default=0.0)
    named = _named_documents(question, unit_hits)
    heads = _document_heads(question, unit_hits)
    concepts = concept_terms(question.text)
    events = event_stems(question)
    out = []
    for unit_rank, hit in enumerate(unit_hits, start=1):
        meta = hit.metadata
        tokens = unit_tokens(meta, hit.text, question.language, hit) | named.get(meta.get("doc_id"), frozenset())
        f = features(question, hit, tokens, focus, top_dense, top_lexical,
                     section_rank.get((meta.get("doc_id"), meta.get("section_index"))), unit_rank)
        f["other_document"] = float(question.answer_type == "date" and _about_another_document(hit.text, heads))
        f["other_source"] = float(bool(question.source_kind) and _source_kind(meta) != question.source_kind)
        # "a report every year?" — « Il produit un bilan triennal »: a question that names how often is answered
        # by a unit that says how often
        # (« au quotidien », day to day, says how, not how often)
        f["frequency_match"] = float(bool(_FREQUENCY.search(_folded(question.text).replace("au quotidien", "")))
                                     and bool(_FREQUENCY.search(_folded(hit.text))))
        # "were the values changed?" — « Les valeurs restent … »: a question about a change is answered by a unit
        # that says what stayed or what changed
        f["change_match"] = float(bool(_CHANGE_ASKED.search(_folded(question.text)))
                                  and bool(_CHANGE_SAID.search(_folded(hit.text))))
        # « peut-elle se mêler de notre gestion ? »: the share of the documents' own words for what is asked in
        # everyday words (« autonomie, fonctionnement, gestion ») that the unit holds
        f["concept_match"] = len(concepts & tokens) / len(concepts) if concepts else 0.0
        # (in the unit's own words: a document's title — « … (adoptée en 2021) » — names no event of the unit)
        f["event_match"] = float(bool(events) and _holds_events(events, _own_stems(
            hit.text, meta.get("text_en", "") if question.language == "en" else "")))
        # (a count or an amount asked for is refused by the evidence check instead: the other funder's figure is
        # the nearest answer, and the answer says the documents give none for the City)
        f["other_funder"] = float(question.answer_type not in ("amount", "number")
                                  and funded_by_other(question, [hit.text, meta.get("text_en", "")]))
        f["role_match"] = float(question.asks_role and meta.get("unit_kind") == "list" and f["own_heading"] >= 0.5)
        score = sum(weights.get(name, 0.0) * value for name, value in f.items())
        out.append(Candidate(hit, score, f["coverage"], f["type_miss"] == 0.0, f))
    return sorted(out, key=lambda c: -c.score)


# what asks about a document itself (its nature, sources, contents), which its opening answers
_ABOUT_DOCUMENT = re.compile(r"\b(fiches?|documents?|texte officiel|official text|sources?|resume|summary|contenu|contents?|"
                            r"table des matieres|sections?|parties|parts|chapitres?|chapters?|themes?|sujets?|topics?|"
                            r"couvre|covers?|structure|plan|secondaires?|secondary)\b")
_AT_THE_END = re.compile(r"\b(at the (very )?end|last slide|final slide|closing (words|slide|quote)|(tout )?a la (toute )?fin|"
                         r"derniere diapo\w*|en conclusion|in conclusion|fin de la presentation|"
                         # « quelle citation conclut la présentation ? », "what quote closes the presentation?"
                         # ("the quote that ends the city's community action policy presentation")
                         r"(conclu\w*|termine\w*|clot|ends?|closes?|wraps? up) (\S+ ){0,6}?presentation|"
                         # "the presentation ends with a quote", « la présentation se termine par … »
                         r"presentation (ends|closes|concludes|finishes|wraps up|se termine|finit|se conclut|"
                         r"termine|conclut))\b")


_QUOTED = re.compile(r"\b(citations?|cite\w*|quot\w*|auteur\w*|authors?|who (?:is|was) (?:being )?quoted)\b")


def asks_quote(question: Question) -> bool:
    """« quelle citation … ? », "what quote …?", « qui est cité ? »: a quotation is what is asked for."""
    return bool(_QUOTED.search(_folded(question.text)))


def is_quotation(text: str) -> bool:
    """A quotation and its author (« De tous les actes … — Paul Valéry »), or words in quotation marks."""
    return bool(re.search(r"(?:—|--)\s*[A-ZÀ-Ý][\w.'-]+|«[^»]{10,}»|“[^”]{10,}”", text))


def _own_label(c: Candidate, language: str) -> frozenset[str]:
    """The words of a unit's own label (a list's or heading's first line, an item's heading), without numbers, in
    the question's language (English: the aligned translation's)."""
    return frozenset(t for t in analyse(_label_line(c, language), language) if not t.isdigit())


def _label_line(c: Candidate, language: str) -> str:
    """A unit's own label: a list's or heading's first line (before a colon), or an item's heading."""
    meta = c.meta
    suffix = "_en" if language == "en" else ""
    text = meta.get("text_en", "") if language == "en" else c.hit.text
    line = (text.splitlines() or [""])[0] if meta.get("unit_kind") in ("list", "heading") \
        else meta.get(f"heading{suffix}", "")
    return line.split(":")[0]


def _line_of(text: str) -> str:
    """A unit's text as a line of a list holds it (without its bullet)."""
    return re.sub(r"^[\s■*-]+", "", text.strip())


def _label_written(c: Candidate, question: Question) -> bool:
    """Whether the question opens with the unit's whole label (two words or more, after an article), as a follow-up
    resolved to a new subject does (« la Ville de Montréal quels champs … »)."""
    asked = _without_article(question.text) + " "
    return any(len(label.split()) >= 2 and asked.startswith(label + " ")
               for label in {_without_article(_label_line(c, lang)) for lang in {question.language, "fr"}})


@lru_cache(maxsize=1024)
def _without_article(text: str) -> str:
    """Folded words, without a leading article (a question is read once for all its candidates)."""
    return re.sub(r"^(?:the|la|le|les|l) ", "", _folded_words(text))


def _folded_words(text: str) -> str:
    """Folded words, separated by single spaces."""
    return " ".join(re.findall(r"[a-z]+", fold(text)))  # (no numbers: « 3. Le soutien financier »)


MAX_SECTIONS = 500  # a document's sections read for a chronology, at most
# a date: day, month, year (day and month optional), folded — anywhere, or opening a chronology's line
_DATE = r"(?:(\d{1,2})(?:er)? )?(?:(" + "|".join(m for m in MONTHS if len(m) > 3) + r")\w*\.? )?((?:19|20)\d\d)\b"
_A_DATE = re.compile(r"\b" + _DATE)
_LEADING_DATE = re.compile(r"^\s*[-■*]?\s*(?:[a-z]+ et )?" + _DATE)


def _date_of(folded: str, pattern: re.Pattern = _A_DATE) -> tuple[int, int, int] | None:
    """(year, month, day) of the first date in a folded text (0 where it does not say: « Septembre 2020 »)."""
    found = pattern.search(folded)
    if not found:
        return None
    day, month, year = found.group(1), found.group(2), found.group(3)
    return int(year), MONTHS.get(month, 0) if month else 0, int(day) if day and month else 0


def _endpoint(phrase: str, candidates: list[Candidate], language: str,
              after: tuple[int, int, int] = (0, 0, 0)) -> tuple[tuple[int, int, int], bool] | None:
    """The date one end of a stretch of time stands for, and whether it is an event (a day) or a bare year (the whole
    year): « la Déclaration de 2018 » is the dated event that names it best (« … adopté la
    Déclaration le lundi 20 août 2018 »; a dated line of a chronology or a full date, not a promise « dès 2019 »),
    after the other end; "2019" is the year."""
    words = [t for t in analyse(phrase, language) if not t.isdigit()]
    year = _date_of(phrase)
    if not words:
        return (year, False) if year else None
    scored = []
    for c in candidates[:20]:
        folded = _folded(c.hit.text)
        dated = _date_of(folded)
        if dated is None or dated <= after or (year and dated[0] != year[0]):
            continue
        share = coverage(words, unit_tokens(c.meta, c.hit.text, language, c.hit))
        if share >= 0.5:
            event = bool(_LEADING_DATE.search(folded) or _FULL_DATE.search(folded))
            # (the same event told twice: its first telling — the adoption, not a newspaper's next-day report)
            scored.append(((event, share, bool(dated[1]) + bool(dated[2]), tuple(-x for x in dated)), dated))
    if scored:
        return max(scored, key=lambda s: s[0])[1], True
    return (year, False) if year else None


def _between(question: Question, candidates: list[Candidate], view, like: Candidate) -> list[Candidate]:
    """« Qu'est-ce qui s'est passé entre la Déclaration et l'adoption de la politique ? »: the dated items of the
    chronology that holds the most of the events between the two ends, in their order."""
    first = _endpoint(question.between[0], candidates, question.language)
    last = _endpoint(question.between[1], candidates, question.language, first[0] if first and first[1] else (0, 0, 0))
    if first is None or last is None:
        return []
    (start, start_event), (end, end_event) = first, last
    low = start if start_event else (start[0], 0, 0)
    high = end if end_event else (end[0], 13, 0)
    if low >= high:
        return []

    def inside(date: tuple[int, int, int]) -> bool:
        # (the two events themselves too: « les étapes entre le début de la consultation et l'adoption » run from
        # the one to the other)
        return low <= date <= high

    best: list = []
    # every section of the documents the search found (a chronology may share few words with the question)
    for doc in dict.fromkeys(c.meta.get("doc_id", "") for c in candidates[:20]):
        index, missing = 0, 0
        while missing < 3 and index < MAX_SECTIONS:
            units = view.section_units(doc, index)
            missing = 0 if units else missing + 1
            index += 1
            dated = [u for u in units if u.metadata.get("unit_kind") == "item"
                     and (date := _date_of(_folded(u.text), _LEADING_DATE)) and inside(date)]
            if len(dated) > len(best):
                best = dated
    return [_as_candidate(u, like) for u in best] if len(best) >= 2 else []


def _as_candidate(record, like: Candidate) -> Candidate:
    hit = Hit(id=record.id, text=record.text, metadata=record.metadata, score=like.hit.score, dense=like.hit.dense,
              lexical=0.0, rank=like.hit.rank)
    return Candidate(hit, like.score, like.coverage, like.type_fit, {"sibling_of": like.uid})


def _follow_agenda(best: Candidate, candidates: list[Candidate], view) -> Candidate | None:
    """An agenda entry (« - Portée de la politique » on the contents slide) points at a section: answer from that
    section instead — its best candidate, or its first list."""
    text = fold(best.hit.text.lstrip("-■* ").strip())
    if best.meta.get("unit_kind") != "item" or len(text) > 80:
        return None
    for candidate in candidates[1:]:
        title = fold(candidate.meta.get("section_title", ""))
        if candidate.meta.get("doc_id") == best.meta.get("doc_id") and title and (title in text or text in title) \
                and candidate.meta.get("section_index") != best.meta.get("section_index"):
            return candidate
    return None


def _numbered(meta: dict) -> bool:
    return str(meta.get("marker", ""))[:1].isdigit()


ITEM_SAYS_IT = 0.5  # share of an item's own words the question holds: it says what is asked, alone


def _whole_list(item: Candidate, view, question: Question) -> list[Candidate]:
    """The list an item belongs to: its heading's list unit, or, in a section that is a flat list of items
    (« Principe 2 … Engagements », « Ce à quoi la Ville s'est engagée »), all its top-level items — when the
    question asks for a list, or speaks of what the section's title names."""
    meta = item.meta
    units = view.section_units(meta.get("doc_id", ""), int(meta.get("section_index", 0)))
    heading = meta.get("parent_order")
    if heading:
        listing = [u for u in units if u.metadata.get("unit_kind") == "list" and u.metadata.get("order") == heading]
        # (a sub-list counts as a member: « Engagements : » holds one item and « viser : » with its own items)
        members = [u for u in units if u.metadata.get("unit_kind") in ("item", "heading")
                   and u.metadata.get("parent_order") == heading]
        return [_as_candidate(listing[0], item)] if listing and len(members) > 1 and len(listing[0].text) < 900 else []
    items = [u for u in units if u.metadata.get("unit_kind") == "item" and not u.metadata.get("parent_order")]
    title = set(analyse(meta.get("section_title", ""), "fr"))
    speaks_of_title = coverage(question.focus, title) >= 0.5 if question.focus else False
    if len(items) < 2 or not (question.kind == "list" or speaks_of_title):
        return []
    return [_as_candidate(u, item) for u in items]


def _one_of_several(best: Candidate, candidates: list[Candidate], view, question: Question) -> list[Candidate] | None:
    """« Le soutien est-il seulement financier ? »: when the thing asked about is one list of a numbered sequence
    (« 1. Le soutien financier : … », « 2. … », « 3. … »), the whole sequence answers — and says it is not the
    only one."""
    for c in candidates[:8]:
        if c.score < best.score - SEQUENCE_MARGIN:
            break
        listing = c
        if c.meta.get("unit_kind") != "list":  # an item: its own list, when it is a numbered one
            units = view.section_units(c.meta.get("doc_id", ""), int(c.meta.get("section_index", 0)))
            listing = next((_as_candidate(u, c) for u in units
                            if u.metadata.get("unit_kind") == "list" and _numbered(u.metadata)
                            and c.uid in set(filter(None, u.metadata.get("members", "").split(";")))), None)
        if listing is None or not _numbered(listing.meta):
            continue
        sequence = _with_siblings(listing, view, question, every=True)
        if len(sequence) >= 2:
            return sequence
    return None


def _with_siblings(listing: Candidate, view, question: Question, every: bool = False) -> list[Candidate]:
    """A list question answered by one item of a numbered sequence of lists (« 1. Le soutien financier :
    … », « 2. … », « 3. … ») gets the whole sequence, continued on the next slide when it has the same title
    (the practice types 3 and 4 follow types 1 and 2 on the next slide)."""
    meta = listing.meta
    index = int(meta.get("section_index", 0))
    units = view.section_units(meta.get("doc_id", ""), index)
    lists = [u for u in units if u.metadata.get("unit_kind") == "list"]
    # Expand only when the question asks for the sequence itself: its count (« les trois types ») or the words of
    # the section's title rather than those of the one list found (« les critères de la défense des droits »).
    title = set(analyse(meta.get("section_title", ""), "fr")) | set(analyse(meta.get("section_title_en", ""), "en"))
    own = set(analyse(listing.hit.text.splitlines()[0], "fr")) | set(analyse(
        (meta.get("text_en") or "").split("\n")[0], "en"))
    focus = question.focus_en + question.focus
    # (and when the list announces more than it holds: « Les 4 types … : » with only 1. and 2. on this slide)
    lead = listing.hit.text.splitlines()[0]
    announced = None if re.match(r"\s*\d+\.", lead) else re.match(r"\D*?\b(\d+)\b", lead)
    held = len(re.findall(r"(?m)^\s*\d+\.\s", listing.hit.text))
    asks_sequence = coverage(focus, title) > coverage(focus, own) or bool(question.counts & {2, 3, 4, 5, 6}) \
        or bool(question.kinds_of) \
        or bool(announced and held and int(announced.group(1)) > held)  # « quelles sortes de soutien »: every kind
    if not (asks_sequence or every) or _numbered_as(listing, _in_series(question)):
        return [listing]
    if _numbered(meta):
        sequence = [u for u in lists if _numbered(u.metadata)
                    and u.metadata.get("heading_level") == meta.get("heading_level")]
    else:
        members = set(filter(None, meta.get("members", "").split(";")))
        holds_numbered = any(_numbered(u.metadata) and u.metadata.get("unit_id") in members for u in units)
        if not holds_numbered:
            return [listing]
        sequence = [u for u in lists if u.id == listing.hit.id]
    following = view.section_units(meta.get("doc_id", ""), index + 1)
    if following and following[0].metadata.get("section_title") == meta.get("section_title"):
        sequence += [u for u in following if u.metadata.get("unit_kind") == "list" and _numbered(u.metadata)
                     and u.metadata.get("parent_order") in (None, "", 0)]
    previous = view.section_units(meta.get("doc_id", ""), index - 1) if index > 0 and every else []
    if previous and previous[0].metadata.get("section_title") == meta.get("section_title"):
        # the series began on the slide before (types 3 and 4 found, types 1 and 2 before them)
        # (there, under the slide's own heading list: « Les 4 types de pratiques … : 1. … 2. … »)
        sequence = [u for u in previous if u.metadata.get("unit_kind") == "list" and _numbered(u.metadata)] + sequence
    if len(sequence) < 2:
        return [listing]
    return [_as_candidate(u, listing) for u in sequence]


def _named_kinds(best: Candidate, candidates: list[Candidate], view, question: Question) -> list[Candidate]:
    """« What kinds of support … ? »: the numbered lists of the best candidate's document whose label names that
    noun (« 1. Le soutien financier : »), when the search did not bring one back — the words of the rest of the
    question (« a community group ») may have pulled other slides ahead of them."""
    if any(c.meta.get("unit_kind") == "list" and _numbered(c.meta) and question.kinds_of & profile(c.hit).label
           for c in candidates):
        return []
    # (the documents of the best candidates, the best's first: "what kinds of help can the City offer?" may be led
    # by a fact sheet's sentence while the slides list the kinds)
    documents = dict.fromkeys(c.meta.get("doc_id", "") for c in [best, *candidates[:KINDS_DOCUMENTS]])
    for doc in documents:
        found = [_as_candidate(u, best) for u in view.list_units(doc) if _numbered(u.metadata)]
        found = [c for c in found if question.kinds_of & profile(c.hit).label]
        if found:
            return found
    return []


def _labelled(best: Candidate, candidates: list[Candidate], nouns: set[str], kinds: tuple[str, ...],
              numbered: bool = False) -> Candidate | None:
    """The best-scored candidate within ``KINDS_MARGIN`` of ``best`` whose label names one of ``nouns``."""
    return next((c for c in candidates if c is not best and c.score >= best.score - KINDS_MARGIN
                 and c.meta.get("unit_kind") in kinds and (_numbered(c.meta) or not numbered)
                 and nouns & profile(c.hit).label), None)


# A plan dated by a year: « adopter dès 2019 », "by 2019", « d'ici 2025 »
_PLANNED = r"\b(?:des|d'ici|d'ici a|avant|au plus tard en|by|as early as|no later than|before) (?:la fin de |the end of )?"


_PROMISE_WORDS = r"promi\w*|promet\w*|pledg\w*"
# a question about the promise itself (« devait être adoptée quand ? », "when was it supposed to be adopted?")
_PROMISE_ASKED = re.compile(rf"\b({_PROMISE_WORDS}|prevu\w*|devait|devaient|supposed|planned|plan|engag\w*|commit\w*|"
                            r"echeance|deadline|target\w*|cible)\b")
# the date something was promised for, asked (« promettait … pour quand ? », "by when did it promise …?") — not when
# it finally happened (« la politique qui devait suivre, finalement adoptée quand ? »)
_PROMISE_DATE_ASKED = re.compile(r"^(?!.*\b(finalement|finally|actually|vraiment|really|en fin de compte)\b).*"
                                 rf"\b({_PROMISE_WORDS})\b")


def planned_for(year: int, c: Candidate) -> bool:
    """The unit plans something for that year (« Tenir une consultation, puis adopter dès 2019 … »): a promise,
    which does not say whether it was kept."""
    return bool(re.search(rf"{_PLANNED}{year}\b", fold(f"{c.hit.text} {c.meta.get('text_en', '')}")))


def _keeps(c: Candidate, year: int, event: list[str]) -> bool:
    """Could the unit be the event that kept a promise for that year: dated then or after, saying what was promised?
    (a date in brackets — the source the line cites, « (Journal Métro, 17 juin 2021 …) » — dates no event)"""
    dated = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", re.sub(r"\([^()]*\)", " ", c.hit.text))]
    return bool(dated) and min(dated) >= year and coverage(event, profile(c.hit).tokens | profile(c.hit).tokens_en) >= 0.5


def promised_action(year: int, c: Candidate) -> str:
    """What the unit promises for that year: the verb before the date and the words after it (« adopter une
    politique de reconnaissance » for « … puis adopter dès 2019 une politique de reconnaissance … »), or ""."""
    found = re.search(rf"(\w+)\s+{_PLANNED}{year}\b\s*((?:[\w'-]+\s*){{0,5}})", fold(c.hit.text))
    return f"{found.group(1)} {found.group(2).strip()}" if found else ""


def without_years(text: str, years: set[int]) -> str:
    """The question without those years (« adoptée en 2019 ? » → « adoptée ? »)."""
    alternatives = "|".join(str(y) for y in sorted(years))
    return re.sub(rf"\b(?:en |in |dès |des |by |au |pour )?(?:{alternatives})\b", " ", text)


# the things a numbered list of the documents counts (« 1. L'action communautaire », « 2. Le soutien professionnel »):
# a principle, a commitment or a slide is numbered in its own title or code, not by a list
_SERIES = re.compile(r"\b(?:types?|sortes?|kinds?|etapes?|steps?)\s*(?:no\.?\s*)?(\d+)\b")


def _in_series(question: Question) -> set[int]:
    """The numbers the question gives one item of a numbered list by (« le type 3 », "practice type 1")."""
    return {int(n) for n in _SERIES.findall(fold(question.text))} & question.identified


def _numbered_as(c: Candidate, numbers: set[int]) -> bool:
    """The unit is a numbered list or heading of one of those numbers (« 1. L'action communautaire : … »)."""
    first = re.match(r"\s*(\d+)\.\s", c.hit.text)
    return bool(first and int(first.group(1)) in numbers and c.meta.get("unit_kind") in ("list", "heading"))


def _dated_as_asked(question: Question, c: Candidate) -> bool:
    """The unit gives a year or a decade the question asks about (« dans les années 60 » — « Années 60 : … »)."""
    _, years, decades, _ = profile(c.hit).numbers
    return bool((question.years & years) | (question.decades & decades))


def _prefer_list(best: Candidate, candidates: list[Candidate], question: Question) -> Candidate:
    """A list question is answered by a list. « Quels types de soutien ? » by the numbered lists that name kinds of
    support (« 1. Le soutien financier », « 2. Le soutien professionnel »…) rather than by a sentence that only
    uses the word; « Quels sont les engagements du principe 1 ? » by the list of commitments rather than by the
    principle's statement, when the list scores close."""
    if _dated_as_asked(question, best):
        # « quels genres de groupes ont vu le jour dans les années 60 ? »: the line of that decade answers, not a
        # list labelled with the asked noun that is not about that time
        candidates = [c for c in candidates if c is best or _dated_as_asked(question, c)]
    if question.kinds_of and not (_numbered(best.meta) and question.kinds_of & profile(best.hit).label):
        kinds = _labelled(best, candidates, question.kinds_of, ("list",), numbered=True)
        if kinds:
            return kinds
    # « quelles sont les valeurs ? »: the list labelled with the noun asked for (« Valeurs : … ») over the list
    # beside it that only shares the slide's words (« Buts : … »)
    if question.listed and not question.listed & profile(best.hit).label:
        labelled = _labelled(best, candidates, question.listed, ("list", "item"))
        if labelled:
            return labelled
    # a list whose own label names what is asked (« Principes directeurs … » for « quels sont les principes
    # directeurs ? ») over a list that only sits near those words
    named = [c for c in candidates[1:10] if c.meta.get("unit_kind") in ("list", "item")
             and c.score >= best.score - LIST_MARGIN
             and c.reasons.get("own_heading", 0.0) >= best.reasons.get("own_heading", 0.0) + 0.5]
    if named:
        return named[0]
    if best.meta.get("unit_kind") in ("list", "item", "heading") or _ENUMERATES.search(best.hit.text):
        # (a sentence that names them after a colon is a list too: « … au soutien à la communauté : Le Chaînon,
        # AFEAS, Centre des femmes de Montréal, maisons d'hébergement... »)
        return best
    lists = [c for c in candidates[1:8] if c.meta.get("unit_kind") in ("list", "item")
             and c.score >= best.score - LIST_MARGIN and c.coverage >= best.coverage]
    return lists[0] if lists else best


# a colon, then three or more things separated by commas: a sentence that enumerates
_ENUMERATES = re.compile(r":\s*(?:[^,;:\n]{2,60},\s*){2,}[^,;:\n]{2,60}")


def choose_units(question: Question, unit_hits: list[Hit], section_hits: list[Hit], view=None) -> Choice:
    candidates = score_units(question, unit_hits, section_hits)
    if not candidates:
        return Choice([], section_hits[0] if section_hits else None, None, [])
    best = candidates[0]
    if not int(best.meta.get("section_index", 0) or 0) and not _ABOUT_DOCUMENT.search(_folded(question.text)):
        # A document's opening — a fact sheet's note on itself (« Fiche factuelle : résumé … », « Nature du
        # document … »), a presentation's table of contents — answers questions about the document, not about its
        # subject: « c'quoi la Déclaration ? » is what the sheet says of it.
        best = next((c for c in candidates[1:10] if int(c.meta.get("section_index", 0) or 0)
                     and c.score >= best.score - PREAMBLE_MARGIN), best)
    if view is not None:
        best = _follow_agenda(best, candidates, view) or best
    # (nor what it commits the City to: « le deuxième, ça engage la ville à quoi ? » — a list asked of the item,
    # whose words the question holds besides the item's own)
    if best.reasons.get("precision", 0.0) >= ECHO_PRECISION and (question.kind == "definition" or (
            question.kind == "list" and best.coverage < 1.0)):
        # What a thing means is not its name again (« C'est quoi, concrètement, « 3. Développer des partenariats
        # éthiques. » ? » and the unit that is that title): the next unit that says more answers.
        best = next((c for c in candidates[1:8] if c.reasons.get("precision", 0.0) < ECHO_PRECISION), best)
    language = "en" if question.language == "en" else "fr"
    label = _own_label(best, language)
    focus = set(question.focus_en if language == "en" else question.terms)
    if len(label) >= 2 and label & focus and not label <= focus and not question.is_yesno:
        # « … pour être considéré en action communautaire ? »: the unit labelled « L'action communautaire » is what
        # the question names, not « L'action communautaire autonome », which adds a word the question does not say
        # (a yes/no question's named thing is the asker's guess: « c'est les conseils d'arrondissement ? »)
        best = next((c for c in candidates[1:6] if c.score >= best.score - LABEL_MARGIN
                     and 2 <= len(own := _own_label(c, language)) and own <= focus
                     # (not a part of the best unit: « Les 4 types de pratiques : 1. L'action communautaire … »)
                     and c.hit.text.splitlines()[0].strip() not in best.hit.text), best)
    if not question.is_yesno and not _label_written(best, question):
        # « et pour la Ville de Montréal ? » after the agglomeration's fields: the unit whose whole label (two words
        # or more) the question opens with — « Ville de Montréal », whose « ville » the analyser drops as too common —
        # in the question's language or in French (an English question may name it by its French name)
        best = next((c for c in candidates[1:6] if c.score >= best.score - LABEL_MARGIN
                     and _label_written(c, question)), best)
    if question.kind == "list" and question.counts:
        # « les trois types de … »: a numbered sequence of that many lists names the kinds asked for; prefer it
        # to a nearby list that happens to hold as many sentences.
        sequences = [c for c in candidates[:8] if c.score >= best.score - SEQUENCE_MARGIN
                     and int(c.meta.get("sequence", 0) or 0) in question.counts]
        if sequences and not best.reasons.get("count_match"):  # (a list of that many items already answers)
            best = sequences[0]
    if question.kind == "list" and question.kinds_of and view is not None:
        candidates = candidates + _named_kinds(best, candidates, view, question)
    series = _in_series(question)
    if series and not _numbered_as(best, series):
        # « les critères du type 1 », "practice type 3": the list numbered as asked, when it scores close
        best = next((c for c in candidates[1:8] if c.score >= best.score - NUMBERED_MARGIN
                     and _numbered_as(c, series)), best)
    if question.kind == "list" and not _numbered_as(best, series):
        best = _prefer_list(best, candidates, question)
    elif question.decades and not question.is_yesno and question.answer_type != "date" \
            and not _dated_as_asked(question, best):
        # "what happened in the 1990s?": the line of that decade (« Années 90 : formation du RIOCM … ») over a
        # sentence that only shares the question's other words (a year is not as telling: « adopter dès 2019 » is
        # a plan, and most units carry one)
        best = next((c for c in candidates[1:8] if c.score >= best.score - DECADE_MARGIN
                     and _dated_as_asked(question, c)), best)
    if question.kind == "definition" and best.reasons.get("own_heading", 0.0) < 1.0:
        # « C'est quoi le soutien financier de la Ville ? »: the list labelled « Le soutien financier » defines
        # it, not a sentence elsewhere that only uses the words (« … qu'elle soutient financièrement »)
        best = next((c for c in candidates[1:10] if c.meta.get("unit_kind") in ("list", "heading")
                     and c.score >= best.score - DEFINITION_MARGIN and c.reasons.get("own_heading", 0.0) >= 1.0),
                    best)
    if question.kind in ("other", "definition") and best.meta.get("unit_kind") != "list" \
            and not (question.decades and _dated_as_asked(question, best)):
        # (not when the best unit is the line of the decade asked: « dans les années 70-80, quels groupes ? » is
        # about that line of the history, not the whole list)
        # "What did the Declaration say community groups contribute to?": three items of one list lead the
        # candidates — the question is about that list (« … reconnaît l'apport des organismes : - au bien-être …»)
        # rather than the sentence that scored best alone
        parents = Counter(parent_list(c.meta) for c in candidates[:6] if c.meta.get("unit_kind") == "item")
        parent, count = parents.most_common(1)[0] if parents else ("", 0)
        listing = next((c for c in candidates[:10] if c.uid == parent), None) \
            if count >= 3 and parent != parent_list(best.meta) else None
        # (not over a sentence that holds at least two more of the question's words than the list: « … lignes
        # directrices … conseils d'administration » is the one commitment asked about, among items that share a word)
        if listing is not None and listing.score >= best.score - LIST_MARGIN \
                and (best.coverage - listing.coverage) * len(focus) < 2:
            best = listing
    one_item = None
    if question.kind not in ("list", "definition", "count") and best.meta.get("unit_kind") == "list" \
            and not best.meta.get("parent_order") and len(best.meta.get("members", "").split(";")) >= 3:
        # « Le comité de suivi doit produire quoi ? »: the one item that holds what makes the list match
        # (« Il produit un bilan triennal ») answers, not the whole list — a list of three or more at the top
        # level: a short nested list is one statement (« Elle prône l'évaluation : - en collaborant … »)
        members = set(filter(None, best.meta.get("members", "").split(";")))
        # (what the asker says of themselves first — « on travaille avec des personnes itinérantes … » — does not
        # pick an item: the sentence that asks does)
        # (unless that sentence points back at the asker: "Does the City recognise groups like ours?")
        asked = analyse(question.asking, question.language) \
            if question.described and not re.search(r"\bours\b", question.asking) \
            and not FIRST_PERSON.search(question.asking) else None

        def held(c: Candidate) -> float:
            return c.coverage if asked is None else coverage(asked, unit_tokens(c.meta, c.hit.text,
                                                                                 question.language, c.hit))
        items = sorted((c for c in candidates[:12] if c.uid in members), key=lambda c: -held(c))
        # (unless the list's own first line holds the verb the question asks « quoi » of: « … pour soutenir quoi ? »
        # — « La Ville établit des partenariats qui visent à soutenir : » — then its items, all of them, answer)
        verb = re.search(r"\b([a-z]{4,}) (?:quoi|koi)\b", _folded(question.asking or question.text))
        if verb and found_in(next(iter(analyse(verb.group(1), "fr")), verb.group(1)), profile(best.hit).label):
            items = []
        if len(items) >= 2 and held(items[0]) >= held(best) > held(items[1]):
            best = one_item = items[0]
    if question.answer_type == "person_or_body":
        # "Who sat on the committee?": among close units, the one that names the most bodies the question does not
        # (« le RIOCM, le RAFSSS et la CMTQ » over « le SDIS, les arrondissements et le milieu communautaire »)
        # (not from another kind of document than the one the question names: « selon la présentation »)
        # (nor the list that holds the best unit as one of its lines: its other lines' bodies answer other things —
        # « … adoption, par le conseil municipal … » is the answer, not the slide's list of four steps around it)
        close = [c for c in candidates[:5] if c.score >= best.score - BODY_MARGIN and c.type_fit
                 and not c.reasons.get("other_source")
                 and (c is best or _line_of(best.hit.text) not in c.hit.text)]
        best = max(close, key=lambda c: (len(new_acronyms(c.hit.text, question.text)), c.score), default=best)
    if question.origin and not gives_origin(best):
        # « l'idée venait de qui ? »: who adopted it is not whose initiative it was — the unit of the same section
        # that says whose it was (« L'initiative vient de l'administration de la mairesse … »)
        # (or, failing one there, the best unit among the close ones that does)
        origins = [c for c in candidates[:8] if gives_origin(c)]
        best = next((c for c in origins if c.meta.get("section_title") == best.meta.get("section_title")
                     and c.meta.get("doc_id") == best.meta.get("doc_id")), origins[0] if origins else best)
    if question.asked_body:
        # « Quelle commission a mené la consultation ? »: the unit that names a commission, if one scores close
        # (« quelle instance », "which body": any body the documents name formally — a commission, a committee …)
        noun = _FORMAL_BODY if question.asked_body == "instance" else r"\b" + question.asked_body
        if not re.search(noun, _folded(best.hit.text)):
            best = next((c for c in candidates[:10] if c.score >= best.score - NAMED_BODY_MARGIN
                         and re.search(noun, _folded(c.hit.text))), best)
    placed = False
    if _AT_THE_END.search(_folded(question.text)):
        # « la citation à la fin de la présentation », "the last slide": where the question says it is, among close
        # units — the one furthest into its document
        placed = True
        # (in the document the question names, when it names one: « à la toute fin du diaporama »)
        best = max((c for c in candidates[:8] if c.score >= candidates[0].score - POSITION_MARGIN
                    and not (question.source_kind and _source_kind(c.meta) != question.source_kind)),
                   key=lambda c: (int(c.meta.get("section_index", 0) or 0), c.score), default=best)
        if view is not None and asks_quote(question):
            # « quelle citation conclut la présentation ? », « c qui le gars cité à la toute fin ? »: the quotation
            # a document ends on is its last unit (« De tous les actes … — Paul Valéry »)
            doc, last = best.meta.get("doc_id", ""), int(best.meta.get("section_index", 0) or 0)
            while last < 500 and view.section_units(doc, last + 1):
                last += 1
            units = view.section_units(doc, last)
            if units and units[-1].id != best.hit.id and is_quotation(units[-1].text):
                best = _as_candidate(units[-1], best)
    if question.answer_type == "frequency" and not best.type_fit:
        # "how often …?": a close unit that says how often (« Il produit un bilan triennal ») over one that does not
        best = next((c for c in candidates[:5] if c.type_fit and c.score >= best.score - DATE_MARGIN), best)
    if question.answer_type == "date":
        # Two units about the same event: the one with the fuller date (« 20 août 2018 » over « août 2018 »). The
        # same event has the same year: another year is another event (« automne 2021 » is not « 26 février 2019 »).
        years = set(re.findall(r"\b(?:19|20)\d\d\b", best.hit.text))
        # "when did that policy finally get adopted?": a date it was promised for (« adopter dès 2019 ») does not say
        # when it happened — a close unit that dates the event does, whatever its year
        # (« l'échéance a-t-elle été respectée ? » asks whether it was kept: what happened)
        promised = bool(years) and all(planned_for(int(y), best) for y in years) \
            and not (_PROMISE_ASKED.search(question.own) and not question.kept)
        # (a decade is a year too: « Années 90 : formation du RIOCM » is not the 2019 assembly the RIOCM held — a
        # line of one decade, not a history of several)
        decades = re.findall(r"\bannees (\d)0\b", _folded(best.hit.text)) if not years else []
        decade = re.search(r"\bannees (\d)0\b", _folded(best.hit.text)) if len(decades) == 1 else None
        if decade:
            years = {str(y) for y in range(1900 + 10 * int(decade.group(1)), 1910 + 10 * int(decade.group(1)))}
        # (nor from another kind of document than the one the question names: « d'après la présentation »)
        close = [c for c in candidates[:5] if c.score >= best.score - DATE_MARGIN and c.type_fit
                 and not c.reasons.get("other_source")
                 and (not years or years & set(re.findall(r"\b(?:19|20)\d\d\b", c.hit.text)))]
        if promised:
            # the event that keeps the promise: in its year or after (« 20 août 2018 » is another, earlier event),
            # saying what was promised (« adopte la Politique » for « adopter … une politique »), among close units
            # (the follow-up's own words: not the topic it borrowed)
            said = profile(best.hit).tokens | profile(best.hit).tokens_en
            event = [t for t in question.terms if (not question.own_terms or t in question.own_terms)
                     and found_in(t, said)] or [t for t in question.terms if found_in(t, said)]
            first = min(map(int, years))
            close = [best] + [c for c in candidates[:5] if c.score >= best.score - PROMISE_MARGIN and c.type_fit
                              and _keeps(c, first, event)]
        # "by when did the City promise to adopt a policy?": the date it was promised for (« adopter dès 2019 »),
        # not the date the promise was made or kept, when a unit that plans it scores close
        asks_plan = bool(_PROMISE_DATE_ASKED.search(question.own)) and not question.kept and not question.is_yesno
        plan = next((c for c in candidates[:5] if asks_plan and not promised and c.type_fit
                     and c.score >= best.score - PROMISE_MARGIN
                     and (dated := set(re.findall(r"\b(?:19|20)\d\d\b", c.hit.text)))
                     and all(planned_for(int(y), c) for y in dated)), None)
        best = plan or max(close, key=lambda c: (c.reasons.get("date_detail", 0.0), c.score), default=best)
    chosen = [best]
    same_section = [c for c in candidates if c.uid != best.uid and c.meta.get("doc_id") == best.meta.get("doc_id")
                    and c.meta.get("section_index") == best.meta.get("section_index")]
    members = set(filter(None, best.meta.get("members", "").split(";")))
    if best.meta.get("unit_kind") == "heading":
        # A heading answers through its items: take the list unit of that heading when it was retrieved.
        listing = next((c for c in same_section if c.meta.get("unit_kind") == "list"
                        and c.meta.get("order") == best.meta.get("order")), None)
        if listing is not None:
            chosen = [listing]
            members = set(filter(None, listing.meta.get("members", "").split(";")))
    joined = bool(_JOINED.search(question.asking or _folded(question.text)))
    # (a quotation asked for is the answer alone: not the lines of its slide around it)
    if question.kind not in ("yesno",) and not members and not (asks_quote(question) and is_quotation(best.hit.text)):
        for other in same_section:
            if len(chosen) >= MAX_UNITS:
                break
            if other.uid in members or other.meta.get("unit_kind") == "list":
                continue
            if question.origin and not gives_origin(other):
                continue  # (whose initiative: not who adopted it, however close it scores)
            near = abs(int(other.meta.get("order", 0)) - int(chosen[-1].meta.get("order", 0))) <= 2
            if near and other.score >= best.score - MERGE_MARGIN and other.coverage >= best.coverage - 0.1:
                chosen.append(other)
            elif near and joined and other.score >= best.score - JOINED_MARGIN and _adds_asked(question, chosen, other):
                # « Combien de regroupements et de CDC ? »: two things asked together, each in its own line of the
                # slide — the line that holds what the others do not
                chosen.append(other)
    chosen.sort(key=lambda c: int(c.meta.get("order", 0)))
    # (the list's heading may come first among the chosen: « 4. Les regroupements … : » then two of its items)
    item = next((c for c in chosen if c.meta.get("unit_kind") == "item"), None)
    if view is not None and question.kind in ("list", "other", "definition") and item is not None \
            and all(c.meta.get("unit_kind") in ("item", "heading") for c in chosen) \
            and len(chosen) < MAX_UNITS + 1 and one_item is None \
            and (question.kind == "list" or item.reasons.get("precision", 0.0) < ITEM_SAYS_IT) \
            and not (question.decades and _dated_as_asked(question, item)) \
            and not (question.answer_type == "reason" and item is best and _own_line_gives_reason(item)) \
            and not (item is best and _ONE_ASKED.search(_folded(question.asking or question.text))):
        # « Quels sont les engagements du principe 2 ? »: an item of a list answers for the whole list.
        # (not the item whose own line gives the reason asked: "why does the City recognise rights defence groups?"
        # is answered by « … pour leur apport à la transparence … », not by the other things the City recognises —
        # unless the reason is the list's first line: « … cette autonomie est cruciale pour : » and all its items)
        whole = _whole_list(item, view, question)
        if whole:
            chosen = whole
    if question.kind == "list" and view is not None and chosen[0].meta.get("unit_kind") == "list":
        chosen = _with_siblings(chosen[0], view, question)
    elif question.answer_type == "number" and view is not None and len(chosen) == 1 \
            and chosen[0].meta.get("unit_kind") == "list":
        # "How many practice types?" answered by « Les 4 types … : 1. … 2. … »: the numbered names continue on the
        # next slide (3 and 4), and all of them are named under the count
        chosen = _with_siblings(chosen[0], view, question, every=True)
    if question.is_yesno and question.exclusive and view is not None:
        chosen = _one_of_several(best, candidates, view, question) or chosen
    if view is not None and question.between:
        stretch = _between(question, candidates, view, best)
        if stretch:
            chosen = stretch
            best = next((c for c in candidates if c.uid == stretch[0].uid), best)
    section = next((h for h in section_hits if h.metadata.get("doc_id") == best.meta.get("doc_id")
                    and h.metadata.get("section_index") == best.meta.get("section_index")), None)
    labels = []
    if view is not None and question.is_yesno:
        # not the answer's own list, nor a list that contains it (its heading frames the answer too)
        texts = [c.hit.text.splitlines()[-1].strip(" -■*") for c in chosen]
        labels = [u.text.splitlines()[0] for u in view.section_units(best.meta.get("doc_id", ""),
                                                                    int(best.meta.get("section_index", 0)))
                  if u.metadata.get("unit_kind") == "list" and not any(t and t in u.text for t in texts)]
    container = ""
    if view is not None and question.container and chosen:
        # « Which principle … ? » answered from a slide whose title does not number it (« Principes directeurs et
        # engagements »): the line of that slide that does (« Principe 1 - Reconnaître … »)
        meta = chosen[0].meta
        units = view.section_units(meta.get("doc_id", ""), int(meta.get("section_index", 0)))
        line = next((u for u in units if re.match(rf"{question.container}\w*\s*\d+\b", fold(u.text.strip()))), None)
        if line is None and int(meta.get("parent_order", 0) or 0):
            # "which of the practice types fits us?" answered by a type's criteria: the numbered heading they sit
            # under (« 3. La défense collective des droits : »)
            line = next((u for u in units if u.metadata.get("unit_kind") == "heading"
                         and int(u.metadata.get("order", 0) or 0) == int(meta["parent_order"])
                         and re.match(r"\d+\.\s", u.text.strip())), None)
        if line is not None:
            container = _named_as(line.text, line.metadata.get("text_en", ""), question.language)
    if not container and chosen:
        container = _picked_heading(chosen[0].meta, question)
    return Choice(chosen, section, best, candidates, labels, container, placed)


# one thing asked for by its noun, in the singular (« s'aligne sur quelle politique ? », "which policy?"): the item that
# names it, not its whole list — not the circumstances asked (« dans quel cadre ? », "in what way?"), which may be several
_ONE_ASKED = re.compile(r"\b(?:quel|quelle) (?!(?:est|sont|etait|etaient|serait|cadre|contexte|facon|maniere|mesure|cas|"
                        r"situation|condition|moment|forme|titre)\b)[a-z]+(?<!s)\b|"
                        r"\bwhich (?!(?:one|ones|are|is|were|was)\b)[a-z]+(?<!s)\b(?! (?:are|were)\b)")


def _own_line_gives_reason(item: Candidate) -> bool:
    """Does an item's own line (not its list's first line, which its text repeats) say why, in either language?"""
    lines = [item.hit.text.splitlines()[-1], *(item.meta.get("text_en") or "").splitlines()[-1:]]
    return any(_REASON.search(_folded(line)) for line in lines)


# Two things asked together (« de regroupements et de CDC », "groupings and corporations")
_JOINED = re.compile(r"\b[a-z]{3,}s? (?:et|and) (?:(?:de|des|d'|les|la|le|the|of) ?)?[a-z]{3,}")


def _adds_asked(question: Question, chosen: list[Candidate], other: Candidate) -> bool:
    """Does the unit hold a focus word the chosen units do not (the other half of what was asked)?"""
    focus = set(question.terms)
    language = "en" if question.language == "en" else "fr"
    def own(c: Candidate) -> frozenset[str]:
        p = profile(c.hit)
        return p.own_en if language == "en" and p.own_en else p.own
    held = set().union(*(own(c) for c in chosen)) & focus
    return bool((own(other) & focus) - held)


def _named_as(french: str, english: str, language: str, numbered: bool = True) -> str:
    """A heading as an answer opens with it: in English, the unofficial translation, then the official French name."""
    french, english = (re.sub(r"^\s*\d+\.\s*", "", x) if not numbered else x for x in (french, english))
    french, english = french.strip().rstrip(" :"), english.strip().rstrip(" :")
    return f"{english} (« {french} »)" if language == "en" and english else french


def _picked_heading(meta: dict, question: Question) -> str:
    """"Which of those would help us rent a hall?" (resolved with the last list's items: « … (Financial support;
    …; Rental support) ») answered by an item under one of them (« 3. Le soutien locatif : » — « Location de
    locaux … »): that one's name comes first, which is what was asked; "" otherwise."""
    listed = re.search(r"\(([^()]*;[^()]*)\)\s*$", question.text)
    french, english = meta.get("heading", ""), meta.get("heading_en", "")
    if not listed or not french.strip():
        return ""
    items = {_bare(item) for item in listed.group(1).split(";")}
    return _named_as(french, english, question.language, numbered=False) \
        if {_bare(french), _bare(english)} & items else ""


def _bare(label: str) -> str:
    return fold(re.sub(r"^\s*\d+\.\s*", "", label)).strip(" :.«»")
