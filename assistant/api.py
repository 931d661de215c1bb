"""Repère's public entry point (the façade): one question in, one typed ``Answer`` out.

The UI, the CLI and the evaluation call only this module. ``Assistant.ask`` reads the question once
(``answering.question``), resolves it against the conversation (``answering.conversation``), routes it to the
documents, the directory or the support-fit guide (``answering.routing``), and answers:
- documents: sections and answer units retrieved together (``retrieval``), the units chosen
  (``answering.select``), judged (``answering.evidence``) and composed (``answering.compose``);
- directory: ``directory.search`` with the places and topic read from the question;
- guide: ``guides.fit_chat`` reads the question's criteria and needs.

Usage: ``Assistant().ask("Quels types de soutien la Ville offre-t-elle?").answer``
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from dataclasses import dataclass, field

import numpy as np

from assistant.answering.compose import Citation, Draft, abstain, citation_for, compose, compose_fit, page_text
from assistant.answering.conversation import (AMONG_THEM, ChatSession, Resolution, Turn, picks_from_last, resolve,
                                              without_topic)
from assistant.answering.evidence import PLACE_ABBREVIATIONS, Verdict, common_words, judge
from assistant.answering.generative import GenerationError, Passage, generate
from assistant.answering.question import (ASKS_NAME, Question, analyse_question, concept_gloss, concept_terms,
                                          without_idioms)
from assistant.answering.routing import Route, decide_route, names_an_organisation
from assistant.answering.evidence import EVIDENCE_FEATURES
from assistant.answering.select import FEATURES as UNIT_FEATURES
from assistant.answering.select import WEIGHTS as UNIT_WEIGHTS
from assistant.answering.select import (Candidate, Choice, choose_units, event_stems, holds_events, new_acronyms,
                                        parent_list, planned_for, promised_action, without_years)
from assistant.core.config import Settings, load_settings
from assistant.core.embeddings import get_embedder
from assistant.core.language import QUESTION_WORD
from assistant.core.lexical import analyse
from assistant.core.records import CommitmentRow
from assistant.core.textnorm import fold
from assistant.directory.export import write_csv, write_hsds
from assistant.directory.facets import GEOJSON_FILE, borough_map, facet_counts
from assistant.directory.search import Directory, DirectoryResult
from assistant.guides.commitments import CommitmentRegister, annotate, filter_commitments
from assistant.guides.fit import FitInputError, FitResult, assess, load_guide
from assistant.guides.fit_chat import answer_fit_question
from assistant.guides.fit_text import find_cues
from assistant.messages import t
from assistant.retrieval.hybrid import Hit, HybridRetriever, Mode
from assistant.retrieval.index import GenerationCache

log = logging.getLogger("repere.assistant")
MAX_QUESTION_CHARS = 2000
TABLE_LIST_LIMIT = 60  # a round table's members listed by name in one answer (most tables list fewer)
DIRECTORY_LIST_LIMIT = 15
# kinds of membership offered as alternatives: « c'est un membre ou un partenaire ? », "a full member or just a partner?"
_KIND_CHOICE = (r"(membres?|members?)\b.{0,60}\b(ou|or)\b( (juste|just|only|seulement|simplement|merely))?"
                r"( (un|une|a|an|as|comme))? (partenaires?|partners?|observat\w*|observers?|sympathisant\w*|associ\w*|"
                r"affili\w*|solidaires?)")
# « c koi comme membre ? », « quel type de membre ? », "what kind of member is it?": the category it is listed under
_MEMBER_KIND_ASKED = (r"(c'est quoi|c koi|c quoi|quoi|quel\w*) (comme|son|sa|type de|genre de|sorte de) (membre|statut)|"
                      r"(what|which) (kind|type|sort) of (member|membership)|as what kind of member|membership status|"
                      + _KIND_CHOICE)
# « membre de combien de tables », "which round tables list …", « de quelles tables »: the tables of an organisation
_ASKS_TABLES = re.compile(r"\b(combien de tables|quel(le)?s? (autres )?tables?|how many (neighbou?rhood )?(round )?tables|"
                          # (« de quelles autres tables », "which other tables": its tables, the one just named too)
                          r"(which|what)('s| is| are)?( the)? (other )?(neighbou?rhood )?(round )?tables?|"
                          # « c'est quoi la table de quartier là-bas ? », « quelle est la table … ? »
                          r"c'est quoi (la|les) tables?|quel(le)?s? (est|sont) (la|les) tables?|"
                          # "and the table for Anjou, next door?", « pis la table de quartier de Lachine ? »: a fragment
                          # that opens on the table of a place
                          r"^\W*(?:(?:and|et|pis|ok|what about|how about|quant a)\W+){0,2}(?:the|la) (?:round |neighbou?rhood )?"
                          r"table (?:de quartier )?(?:for|in|of|de|d'|du|pour|a)|"
                          r"(laquelle|lesquelles|lequel) de ces tables|which of (these|those|the) (round )?tables|"
                          # « tables de quartier dont il est membre », « les tables où elle siège », « d'autres tables ? »
                          r"tables? (de (quartier|concertation) )?(dont|ou|auxquelles|a laquelle)|d'autres tables|"
                          r"(any |the )?other (round |neighbou?rhood )*tables|"
                          # the member category a table lists it under: answered with its tables
                          r"quelle categorie|(what|which) (\w+ ){0,2}category|" + _MEMBER_KIND_ASKED + r")\b")
# where a round table works: "which municipalities does it cover?", « quel territoire couvre la table … ? »
_ASKS_TERRITORY = re.compile(r"\b((quel(le)?s?|which|what) (\w+ )?(villes?|municipalit\w*|arrondissements?|quartiers?|"
                             r"territoires?|cities|city|boroughs?|neighbou?rhoods?|areas?|territory|"
                             r"territories)|couvre\w*|dessert|covers?|covered|serves? what)\b")
# tables_de_quartier.csv's kinds of place (region_type) -> their words in the answer
_TERRITORY_KINDS = {"arrondissement": "territory_arrondissement", "ville liee": "territory_ville_liee"}
_ASKS_CATEGORY = re.compile(r"\b(categor\w*|sous quel\w* titre|" + _MEMBER_KIND_ASKED + r")\b")
# "the money one", « celui sur les locaux »: an item of the last list named by a word of what it is about
_ONE_BY_WORD = re.compile(r"\bthe ([a-z$][\w$-]*) one\b|\b(?:celui|celle) (?:sur|pour|du|de la|de l'|des|d'|avec)\s*"
                          r"(?:les |le |la |l')?([\w$-]+)", re.I)
# « « Professional support » — which one fits …? »: the conversation picked one kind; its question is not a list
_PICKED = re.compile(r"^« [^»]+ » — ")
# (« j'ai besoin de la liste complète » asks for a list, not where one organisation is listed)
_MEMBER_OF = re.compile(r"\b(membres?|members?|fait partie|font partie|belongs?|part of|listed|lists)\b")
# a question that asks for a table's members (« quels organismes … », "who are the … members?")
_ASKS_MEMBERS = re.compile(r"\b(organismes?|membres?|members?|organi[sz]ations?|orgs?|groupes?|groups?|qui|who)\b")
KIND_LIST_LIMIT = 10  # a count of one kind of member names them up to this many
SECTION_K = 8
SECTION_POOL = 8  # the units of this many best sections are candidates, whatever their own rank
UNIT_K = 24
PLAN_CANDIDATES = 5  # a plan for the year asked among this many best units: whether it happened is checked
FOLLOWUP_BOOST = 0.03  # a follow-up leans towards the document the previous answer came from
# a practice type named by its number (« le type 4 », "practice type 2", « type de pratique 3 »)
_PRACTICE_TYPE = re.compile(r"\b(?:practice )?types? (?:de pratiques? )?(?:no\.? ?)?([1-4])\b")
# (the kinds of support are numbered too: « 1. Le soutien financier »)
_SUPPORT_WORDS = re.compile(r"\b(soutiens?|support\w*|aides?|help|funding|financ\w*)\b")
ELLIPTIC_EVIDENCE = 0.9  # a bare question asked again about the conversation's topic: kept only on strong evidence
REPEAT_BOOST = 0.2  # a language switch gives the units of the previous answer again
_SUPPORT_NOUNS = frozenset(analyse("soutien", "fr")) | frozenset(analyse("support", "en"))
# a round table picked by its size: « la table qui a le plus de membres », "the biggest round table", "which table
# lists the fewest organisations?"
_RANKED_TABLES = re.compile(
    r"\btables?\b.{0,60}?\b(?:(?:le plus (?:de |d')|la plus (?:grosse|grande|nombreuse)|the most\b|the (?:largest|"
    r"biggest)|plus gros(?:se)?|plus grande?|plus nombreuse)|(?P<few>le moins (?:de |d')|la (?:plus petite|moins nombreuse)|"
    r"the (?:fewest|least|smallest)\b|plus petite?))|"
    r"\b(?:(?:la plus (?:grosse|grande|importante)|the (?:largest|biggest))|(?P<few2>la plus petite|the smallest))"
    r"\s+(?:round |neighbou?rhood )?tables?\b")
RANKED_TABLES_SHOWN = 4  # the table asked for and the next three
_OPTIONAL_ENDING = re.compile(r"(\w)\((e?s|e|x|ne|nes|le|les|te|tes|trice|trices|euse|euses)\)", re.I)
_ACRONYM = re.compile(r"\b[A-Z]{3,6}s?\b")  # « CDC », "CDCs": one the documents may spell out
_COMMITMENT_TERMS = re.compile(r"\b(engagements?|engag\w+|commitments?|committed|s'engage\w*)\b", re.I)
# What the directory does not hold: contact details, staff, budgets.
_CONTACT = re.compile(r"\b(t[ée]l[ée]phone|phone|num[ée]ro|adresse|address|courriel|e-?mail|site web|website|"
                      r"horaires?|heures d'ouverture|(?:à|a) quelle heure|ouverts? quand|opening hours|open(?:ing)? times?|"
                      r"what time|hours|contact\w*|employ[ée]s?|employees|staff|personnel|"
                      r"salari\w*|budget|direct(eur|rice|or)|pr[ée]sident\w*|executive|responsable|"
                      # (« combien Hoodstock a reçu de subvention ? »: nor what anyone was paid)
                      r"subventions?|grants?|montants?|amounts?|dollars?|combien d'argent|how much money)\b", re.I)


class QuestionError(ValueError):
    """A question that cannot be asked (empty, too long); the message is in the user's language."""


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    language: str
    citations: list[Citation]
    timings_ms: dict[str, float]
    resolved_question: str = ""
    route: str = "documents"  # documents | directory | guide
    nearest: list[str] = field(default_factory=list)
    mode: str = "extractive"
    notice: str = ""
    context: str = ""  # the rest of the section: shown folded (UI) or with --context (CLI)
    yes_no: str | None = None
    directory: DirectoryResult | None = None
    fit: FitResult | None = field(default=None, repr=False)
    hits: list[Hit] = field(default_factory=list, repr=False)  # what retrieval returned, for evaluation
    evidence: Verdict | None = field(default=None, repr=False)

    def to_json(self) -> dict:
        """The ``repere ask --json`` object (its first fields are the v1 ones, unchanged)."""
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "language": self.language,
            "citations": [{"n": c.n, "source_id": c.source_id, "title": c.title, "section": c.section,
                           "page": c.page or None, "quote": c.quote, "score": c.score,
                           **({"english": c.english} if c.english else {})} for c in self.citations],
            "timings_ms": self.timings_ms,
            "resolved_question": self.resolved_question,
            "route": self.route,
            "context": self.context,
            "yes_no": self.yes_no,
            "mode": self.mode,
            "notice": self.notice,
        }


# a question about what was committed to (« la Ville s'est-elle engagée à … ? », "did the City commit to …?")
_COMMITTED = re.compile(r"\b(commit\w*|promis\w*|promet\w*|pledg\w*|engag\w*|prevoyait|planned|plan)\b")


def _could_keep(year: int, c: Candidate) -> bool:
    """Could the unit tell what became of a promise for that year: a dated event, then or after, that plans nothing?"""
    dated = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", c.hit.text)]
    return c.type_fit and bool(dated) and min(dated) >= year and not planned_for(year, c)


class Assistant:
    """Loads the store view and models once; thread-safe for concurrent ``ask`` calls."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or load_settings()
        self.cache = GenerationCache(self.settings)
        self.embedder = get_embedder(self.settings)
        self.retriever = HybridRetriever(self.settings, cache=self.cache, embedder=self.embedder)
        self.directory = Directory(self.settings, cache=self.cache, embedder=self.embedder)
        self.register = CommitmentRegister(self.settings, store=self.cache.store)
        self._commitments: tuple[str, list[CommitmentRow]] | None = None
        self._guide: dict | None = None

    # --- guides -------------------------------------------------------------------------------------------
    def commitments(self, principle: int | None = None, text: str = "") -> list[CommitmentRow]:
        """The register of the live generation (re-read when ingest publishes a new one), optionally filtered
        by principle and words."""
        generation = self.cache.get().generation
        if self._commitments is None or self._commitments[0] != generation:
            self._commitments = (generation, self.register.all())
        return filter_commitments(self._commitments[1], principle, text)

    def guide(self) -> dict:
        if self._guide is None:
            self._guide = load_guide(self.settings.resolve(self.settings.reference_dir))
        return self._guide

    def fit(self, answers: dict, language: str = "fr") -> FitResult:
        """The support-fit guide for a questionnaire's answers (see ``assistant.guides.fit``)."""
        return assess(answers, self.guide(), self.commitments(), language, retriever=self.retriever)

    def warm_up(self) -> None:
        self.retriever.view()
        self.embedder.embed_query("warm-up")

    # --- answering ----------------------------------------------------------------------------------------
    def ask(self, question: str, session: ChatSession | None = None, filters: dict | None = None,
            mode: Mode = "hybrid", k: int | None = None, language: str | None = None) -> Answer:
        started = time.perf_counter()
        # (« quelle(s) table(s) », « citoyen(ne)s »: the inclusive plural written out, as every pattern reads words)
        question = _OPTIONAL_ENDING.sub(r"\1\2", (question or "").strip())
        resolution = resolve(question, session) if question else Resolution("", language or "fr")
        if resolution.picked and session.last.route == "directory" and self._names_another(question, session.last):
            # "is Mouvement Action-Chomage in your directory? what table are they with?" after Moisson Montréal: the
            # organisation the question names, not the last one its pronoun would take up
            resolution = Resolution(question, resolution.language)
        if session is not None and session.last is not None and not resolution.picked:
            resolution = self._support_named(question, resolution, session)
        resolution = self._practice_type_named(resolution)
        if language:
            resolution.language = language
        if not question:
            raise QuestionError(t("error_empty", resolution.language))
        if len(question) > MAX_QUESTION_CHARS:
            raise QuestionError(t("error_too_long", resolution.language, limit=MAX_QUESTION_CHARS,
                                  length=len(question)))
        q = analyse_question(resolution.text, resolution.language)
        previous = session.last if session else None
        if previous is not None and resolution.followup and not (resolution.repeat or resolution.picked
                                                                 or picks_from_last(question)):
            # (« lequel de ceux-là … ? » picks from what was shown: that keeps its lean)
            resolution.shown = frozenset(u for turn in session.turns for u in turn.unit_ids)
        if resolution.repeat and previous is not None:
            resolution.again = frozenset(previous.unit_ids)
        route = decide_route(q, resolution, self, previous, own=question)
        answer = None
        if route.name == "directory" and route.document_score and not route.named:
            # Words of the documents in a directory-looking question: the documents answer if they answer well.
            documents = self._ask_documents(question, resolution, q, filters, mode, k, started)
            if not documents.abstained and documents.evidence and documents.evidence.score >= 0.9:
                answer, route = documents, Route("documents")
        if answer is not None:
            pass
        elif route.name == "directory":
            if resolution.followup and previous is not None and previous.route == "directory" and not q.is_yesno \
                    and previous.yes_no is not None and not QUESTION_WORD.search(fold(question)):
                # « Y a-t-il un comité logement à Rosemont ? » — « Et à Outremont ? »: the same yes/no question
                # (« … membre de quelle table ? » asks its own question)
                q.kind, q.answer_type = "yesno", "yesno"
            answer = self._ask_directory(question, resolution, q, route, started)
        elif route.name == "guide":
            answer = self._ask_guide(question, resolution, q, route.fit, started)
        else:
            answer = self._ask_documents(question, resolution, q, filters, mode, k, started)
            if answer.abstained and answer.evidence is not None and answer.evidence.reason == "weak" \
                    and previous is not None and previous.route == "documents" and previous.topic \
                    and not resolution.followup and not language:
                answer, resolution, q = self._about_topic(question, resolution, q, answer, previous, filters, mode,
                                                          k, started)
        if session is not None:
            self._remember(session, question, resolution, answer, route, q)
        return answer

    def _about_topic(self, question: str, resolution: Resolution, q: Question, answer: Answer, previous: Turn,
                     filters: dict | None, mode: Mode, k: int | None,
                     started: float) -> tuple[Answer, Resolution, Question]:
        """« l'idée venait de qui au départ ? » after a question about the Declaration: a question too bare to stand
        alone, asked again about what the conversation was about — kept on strong evidence, or when it is then refused
        more precisely ("who presides over it?": the documents name no one for it); else the first answer."""
        elliptic = Resolution(f"{resolution.text} ({previous.topic})", resolution.language, followup=True,
                              boost_doc=previous.doc_id, boost_section=previous.section)
        q_elliptic = analyse_question(elliptic.text, elliptic.language)
        retried = self._ask_documents(question, elliptic, q_elliptic, filters, mode, k, started)
        if (not retried.abstained and retried.evidence.score >= ELLIPTIC_EVIDENCE) or (
                retried.abstained and retried.evidence.reason.startswith("no_")):
            return retried, elliptic, q_elliptic
        return answer, resolution, q

    def _retrieve(self, resolution: Resolution, q: Question, filters: dict | None, mode: Mode,
                  k: int | None) -> tuple[list[Hit], list[Hit]]:
        """(sections, units) for a documents question; a follow-up leans towards the previous answer's document."""
        # One search over both kinds of record (chunks and units are never directory records), split after.
        text = without_idioms(resolution.text)
        vector = self.embedder.embed_query(text) if mode != "bm25" else None
        # (computed once: the search and the section pool below both read them)
        lexical = self.retriever.lexical_scores(self.retriever.view(), text, q.language) if mode != "dense" else None
        hits = self.retriever.search(text, k=(k or SECTION_K) + UNIT_K + 16,
                                     filters={"record_type": ["chunk", "unit"], **(filters or {})}, mode=mode,
                                     language=q.language, vector=vector, lexical_scores=lexical)
        sections = [h for h in hits if h.metadata.get("record_type") == "chunk"][:k or SECTION_K]
        # Source lines and fragments (« Québec », « Et/ou », « etc. ») never answer on their own.
        answers = lambda h: h.metadata.get("unit_kind") != "source" and len(h.text) >= 15  # noqa: E731
        units = [h for h in hits if h.metadata.get("record_type") == "unit" and answers(h)][:UNIT_K]
        if vector is not None:
            # The section decides the context, the unit the answer: the units of the best sections that the unit
            # search ranked lower (« ne pas participer à … la gestion des organismes » in the slide on autonomy,
            # for « la Ville peut-elle se mêler de notre gestion ? ») are candidates too.
            units += [h for h in self._section_units(sections[:SECTION_POOL], units, vector, lexical)
                      if answers(h)]
        if resolution.again:
            # (the same question in the other language may not find them: "what commitments …?" read as French)
            known = {h.metadata.get("unit_id") for h in units}
            view = self.retriever.view()
            # (a unit id names its section: « doc/s16/l01 », as ingest writes it)
            sections_of = {(m.group(1), int(m.group(2))) for u in resolution.again - known
                           if (m := re.fullmatch(r"(.+)/s(\d+)/[lu]\d+", u))}
            units += self._as_hits({r.id: r for doc, index in sorted(sections_of)
                                    for r in view.section_units(doc, index)
                                    if r.metadata.get("unit_id") in resolution.again}, units, vector, lexical)
        for hit in units:
            if hit.metadata.get("unit_id") in resolution.again:
                # the same question in another language: the same answer, in that language
                hit.dense += REPEAT_BOOST
        if resolution.boost_doc:
            # (a "when" only: the date of another event is no answer; a "who" may be answered by the sentence given,
            # in other words — « l'initiative vient de … »)
            events = event_stems(q) if q.kind == "when" else frozenset()
            # (nor when the follow-up asks, in its own words, for a thing the documents name otherwise: "if they pay
            # us for it, what will they expect from us in return?" asks for the accountability they require, not
            # the kind of partnership the last answer gave)
            asks_concept = bool(concept_terms(without_topic(resolution.text)))
            for hit in sections + units:
                # what the last answer already showed gets no lean: a follow-up asks for more than it said
                # (nor does the sentence it gave, when the follow-up asks of another event: "and when did the city
                # announce it?" after « 14 juin 2021 : le conseil municipal adopte … »)
                if hit.metadata.get("doc_id") == resolution.boost_doc and not _shown(hit, resolution.shown) \
                        and not (hit.metadata.get("unit_id") in resolution.shown
                                 and (asks_concept or (events and not holds_events(events, hit)))):
                    hit.dense += FOLLOWUP_BOOST
                    # and, more, towards the previous answer's section and the slides that continue it (« Principe
                    # 2 … » then « Principe 2 … Engagements »: « quels engagements en découlent ? »)
                    if resolution.boost_section and hit.metadata.get("section_title", "").startswith(
                            resolution.boost_section):
                        hit.dense += FOLLOWUP_BOOST
        return sections, units

    def _section_units(self, sections: list[Hit], units: list[Hit], vector, lexical) -> list[Hit]:
        """The units of ``sections`` that ``units`` lacks, as hits scored like the search's (cosine, and the BM25
        scores the search read, ``lexical``), after them."""
        view = self.retriever.view()
        titles = {(h.metadata.get("doc_id"), h.metadata.get("section_title")) for h in sections}
        mask = view.mask({"record_type": "unit", "section": sorted({title for _, title in titles})})
        known = {h.id for h in units}
        ids = [i for i in view.lexical.ids_at(np.flatnonzero(mask)) if i not in known]
        records = {i: r for i, r in view.records(ids).items()
                   if (r.metadata.get("doc_id"), r.metadata.get("section_title")) in titles}
        return self._as_hits(records, units, vector, lexical)

    def _as_hits(self, records: dict, units: list[Hit], vector, lexical) -> list[Hit]:
        """Unit records as hits scored like the search's, ranked after ``units``."""
        if not records:
            return []
        view = self.retriever.view()
        dense = view.similarity(vector, list(records)) if vector is not None else {}
        return [Hit(id=i, text=r.text, metadata=r.metadata, score=0.0, dense=float(dense.get(i, 0.0)),
                    lexical=float(lexical[view.lexical.position[i]]) if lexical is not None else 0.0,
                    rank=len(units) + n + 1)
                for n, (i, r) in enumerate(sorted(records.items(), key=lambda x: -dense.get(x[0], 0.0)))]

    def _names_another(self, question: str, last: Turn) -> bool:
        """The question names an organisation of its own, other than the one the last directory answer was about."""
        name_query = self.directory.name_query(question)
        _, facets = self.directory.parse_question(question)
        if not names_an_organisation(self.directory, name_query, facets, question,
                                     self.retriever.view().document_words):
            return False
        match = self.directory.best_name(name_query)
        return match is not None and match[0] != self.directory.comparable(fold(last.organisation or ""))

    def _support_named(self, question: str, resolution: Resolution, session: ChatSession) -> Resolution:
        """"the money one", « celui pour les locaux »: the kind of support that the word names, by the support-fit
        guide's own words for each kind, among the items of the conversation's latest lists."""
        match = _ONE_BY_WORD.search(question)
        fits = match is None and picks_from_last(question) and analyse_question(question).kind == "which_support"
        if match is None and not fits:
            return resolution
        # ("which one fits if we only need someone to coach our board?": the one kind whose words the need uses)
        word = question if fits else match.group(1) or match.group(2)
        named = [s for s in self.guide()["support_types"]
                 if find_cues(word, [c for cues in s.get("cues", {}).values() for c in cues])]
        if fits and len(named) != 1:
            return resolution
        for turn in reversed(session.turns[-3:]):
            originals = turn.items_fr or turn.items
            for support in named if len(originals) == len(turn.items) else []:
                index = next((i for i, item in enumerate(originals) if fold(support["quote"]) in fold(item)), None)
                if index is not None:
                    text = f"« {turn.items[index]} » — {question}" if fits else \
                        resolution.text.replace(match.group(0), f"« {turn.items[index]} »")
                    return Resolution(text, resolution.language, followup=True, boost_doc=turn.doc_id, picked=True)
        return resolution

    def _practice_type_named(self, resolution: Resolution) -> Resolution:
        """« le type 4, c'est quoi ? », "and practice type 2?": the practice type of that number, by its name
        (« Les regroupements du milieu communautaire »), which its slide writes without the word « type »."""
        folded = fold(resolution.text)
        number = _PRACTICE_TYPE.search(folded)
        if number is None or _SUPPORT_WORDS.search(folded):
            return resolution
        named = next((p["quote"] for p in self.guide()["practice_types"] if p["type"] == int(number.group(1))), "")
        if not named or fold(named) in folded:
            return resolution
        return dataclasses.replace(resolution, text=f"{resolution.text[:number.end()]} « {named} »"
                                                     f"{resolution.text[number.end():]}")

    @staticmethod
    def _promised_year(resolution: Resolution, q: Question, choice: Choice) -> tuple[Resolution, Question] | None:
        """"Did they stick to that timeline?", « l'échéance a-t-elle été respectée ? »: whether a promise was kept,
        asked without its year. With a promise among the best units (« adopter dès 2019 »), the question asked again
        for that year (« … en 2019 ? »), or None."""
        # (a year in what the asker says first — "In 2018 the city promised …" — dates the promise, not the question)
        own = without_topic(resolution.text)
        asking = re.split(r"(?<=[.!?])\s+", own.strip())[-1]
        if not (q.is_yesno and q.kept and not re.search(r"\b(?:19|20)\d\d\b", asking)):
            return None
        promise = next(((int(y), c) for c in choice.candidates[:PLAN_CANDIDATES]
                        for y in re.findall(r"\b(?:19|20)\d\d\b", c.hit.text) if planned_for(int(y), c)), None)
        if promise is None:
            return None
        year, unit = promise
        # what was promised is what the check below looks for: the event that would have kept it
        action = promised_action(year, unit)
        topic = f" ({action})" if action else ""
        # (the sentence that asks: a year the description gave — "In 2018 the city promised …" — dates the promise)
        text = f"{asking.rstrip(' ?')} {'in' if q.language == 'en' else 'en'} {year} ?{topic}"
        # (the event is looked for wherever it is told: not only near the promise the conversation was on)
        return dataclasses.replace(resolution, text=text, boost_doc="", boost_section="", shown=frozenset()), \
            analyse_question(text, resolution.language)

    def _as_it_happened(self, resolution: Resolution, q: Question, filters: dict | None, mode: Mode,
                        k: int | None, choice: Choice) -> Choice:
        """« A-t-elle été adoptée en 2019 comme promis ? »: with the promise (« adopter dès 2019 ») among the best
        units, the answer would say yes to a plan; what happened is asked. The question is asked again as "when …?"
        without its years; the unit that dates the event, when it gives another year, answers instead (« Non »)."""
        if not (q.is_yesno and q.years and not q.decades and choice.units):
            return choice
        promise = next(((year, c) for c in choice.candidates[:PLAN_CANDIDATES] for year in sorted(q.years)
                        if planned_for(year, c)), None)
        if promise is None:
            return choice
        # (every year goes: « promis en 2018 » would date the promise, not the event. A year that names something —
        # "the 2018 Declaration" — goes too, and the event found may then be that one's: no « Non » is said then.)
        # (what was promised is what is looked for — « adopter une politique … », not the Declaration the
        # conversation was on: "did they actually pull that off in 2019?")
        action = promised_action(*promise)
        undated = dataclasses.replace(resolution, text=without_years(resolution.text, q.years)
                                      + (f" ({action})" if action else ""))
        # (what happened is asked — whether the promise was kept — not the date it was promised for)
        when = dataclasses.replace(analyse_question(undated.text, resolution.language), kind="when", answer_type="date",
                                   kept=True)
        sections, units = self._retrieve(undated, when, filters, mode, k)
        dated = choose_units(when, units, sections, self.cache.get())
        event = dated.units[0] if dated.units else None
        # ("did the City commit to adopting … as early as 2019?" asks about the promise itself: the promise answers)
        about_promise = bool(_COMMITTED.search(fold(q.asking or q.text))) and not q.kept
        if event is not None and not _could_keep(promise[0], event) and not about_promise:
            # (the promise itself is no event, nor what happened before it was made — the Declaration that made it:
            # the best dated unit that plans nothing for that year and is dated then or after)
            later = next((c for c in dated.candidates[:PLAN_CANDIDATES] if _could_keep(promise[0], c)), None)
            event, dated = (later, dataclasses.replace(dated, units=[later], best=later)) if later else (event, dated)
        years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", event.hit.text)} if event else set()
        return dated if years and not years & q.years and event.type_fit else choice

    def explain(self, question: str, session: ChatSession | None = None) -> dict:
        """How a documents answer is chosen: the question analysis, every candidate unit with its features, and
        the verdict (for ``repere ask --explain`` and the calibration on the dev split)."""
        resolution = resolve(question, session)
        resolution, q = self._spelled_out(resolution, analyse_question(resolution.text, resolution.language))
        sections, units = self._retrieve(resolution, q, None, "hybrid", None)
        choice = choose_units(q, units, sections, self.cache.get())
        verdict = judge(q, choice, self.cache.get())
        return {"resolved": resolution.text, "language": q.language, "kind": q.kind, "answer_type": q.answer_type,
                "candidates": [{"unit_id": c.uid, "text": c.hit.text, "english": c.meta.get("text_en", ""),
                                "score": c.score, "features": c.reasons} for c in choice.candidates],
                "chosen": [c.uid for c in choice.units],
                "verdict": {**verdict.__dict__, "nearby": verdict.nearby.uid if verdict.nearby else None}}

    def _spelled_out(self, resolution: Resolution, q: Question) -> tuple[Resolution, Question]:
        """The question in the documents' words, analysed again: a word clipped when typed fast written out (« l'agglo
        » → « l'agglomeration »), a word the documents abbreviate followed by their abbreviation (« développement (dev)
        »), an acronym they never use followed by the words they use for it (« combien de CDC (corporations de
        développement communautaire) ? ») and the documents' words for an everyday wording (``concept_gloss``)."""
        view, text = self.cache.get(), resolution.text
        # (a word clipped when typed fast — « l'agglo », « mtl » — is searched and judged as the word it stands for)
        # (French only: an English word — "four", "form" — is no clipped French one)
        for word in dict.fromkeys(re.findall(r"\b[a-z]{3,}\b", text)):
            full = PLACE_ABBREVIATIONS.get(word) or (view.unclipped(word) if (q.text_language or q.language) == "fr"
                                                     and word not in common_words() and word not in view.place_words
                                                     else "")
            if full:
                text = re.sub(rf"\b{word}\b", full, text)
        # (and the other way: « développement » where the documents write « Dév. communautaire »)
        if (q.text_language or q.language) == "fr" and view.abbreviations:
            text = re.sub(r"[^\W\d_]+", lambda m: f"{m.group(0)} ({view.abbreviations[fold(m.group(0))]})"
                          if fold(m.group(0)) in view.abbreviations else m.group(0), text)
        for acronym in dict.fromkeys(_ACRONYM.findall(text)):
            words = view.spelled_out(acronym, q.language)
            if words and fold(words) not in fold(text):
                text = re.sub(rf"\b{re.escape(acronym)}\b", f"{acronym} ({words})", text, count=1)
        # (of the question's own words: not of the topic a follow-up borrowed, « faut-il rendre des comptes après ?
        # (… mission …) » is about accounts)
        own = without_topic(resolution.text) if resolution.followup else resolution.text
        gloss = concept_gloss(own, q.language)
        if gloss and fold(gloss) not in fold(text):
            # « la Ville peut-elle se mêler de notre gestion ? (autonomie, fonctionnement) »
            text = f"{text} ({gloss})"
        if text == resolution.text:
            return resolution, q
        # (the words put in change the terms searched, not what is asked: « combien la CDC (…) a reçu » stays an
        # amount however far the gloss pushes « reçu » from « combien »)
        spelled = analyse_question(text, resolution.language)
        return dataclasses.replace(resolution, text=text), dataclasses.replace(spelled, kind=q.kind,
                                                                                answer_type=q.answer_type)

    def _ask_documents(self, question: str, resolution: Resolution, q: Question, filters: dict | None,
                       mode: Mode, k: int | None, started: float) -> Answer:
        if q.kind == "which_support" and (not q.described or q.every_kind) and not _PICKED.match(resolution.text):
            # « Quel soutien la Ville peut-elle offrir ? », with no situation described that one form of support
            # would fit: the kinds of support the documents list (« 1. Le soutien financier … »), asked for as a list
            # (as "what kinds of support …?" asks, whatever the asker said of themselves)
            q = dataclasses.replace(q, kind="list", answer_type="list", kinds_of=q.kinds_of | _SUPPORT_NOUNS)
            if q.every_kind and not re.search(r"\b(soutien|support)", fold(q.text)):
                # (the documents' own word for what "help" asks about is searched too: « types de soutien »)
                words = t("support_kinds", q.language)
                resolution = dataclasses.replace(resolution, text=f"{resolution.text} ({words})")
        # (the question as the conversation resolved it is what the answer shows; the words written out for searching
        # — « agglo » as « agglomeration », an acronym spelled out — are not the asker's)
        shown = resolution.text
        resolution, q = self._spelled_out(resolution, q)
        sections, units = self._retrieve(resolution, q, filters, mode, k)
        retrieved = time.perf_counter()
        choice = choose_units(q, units, sections, self.cache.get())
        kept = self._promised_year(resolution, q, choice)
        if kept is not None:
            # "did they stick to that timeline?": asked again for the year the promise named (« dès 2019 »), which
            # the question below checks against what happened
            resolution, q = kept
            sections, units = self._retrieve(resolution, q, filters, mode, k)
            choice = choose_units(q, units, sections, self.cache.get())
        choice = self._as_it_happened(resolution, q, filters, mode, k, choice)
        verdict = judge(q, choice, self.cache.get())
        mode_used, notice = "extractive", ""
        if not verdict.supported:
            nearby = [verdict.nearby] if verdict.nearby is not None else \
                choice.candidates[:1] if verdict.reason.startswith("no_") else None
            draft = abstain(q, verdict.reason, nearby, _nearest_sections(sections, q.language),
                            unknown=verdict.unknown_names, latest=self.cache.get().latest_year)
        elif self.settings.llm_base_url:
            try:
                draft, mode_used = self._generate(q, choice), "generative"
            except GenerationError as exc:
                draft, notice = compose(q, choice), t("llm_fallback", q.language, error=exc)
        else:
            draft = compose(q, choice)
        if not draft.abstained and _COMMITMENT_TERMS.search(resolution.text):
            draft.text = annotate(draft.text, self.commitments())
        ranked = ([choice.best.hit] if choice.best else []) + sections
        return Answer(question=question, answer=draft.text, abstained=draft.abstained, language=q.language,
                      citations=draft.citations, resolved_question=shown, route="documents",
                      nearest=draft.nearest, mode=mode_used, notice=notice, context=draft.context,
                      yes_no=draft.yes_no, hits=ranked, evidence=verdict,
                      timings_ms=_timings(started, retrieved, time.perf_counter()))

    def _generate(self, q: Question, choice: Choice) -> Draft:
        """The optional generative mode: the model rewrites from the chosen units only, then is verified."""
        # The chosen units, then their whole section: the model may need the sentences around a unit.
        sources = [(c.hit, [c.uid]) for c in choice.units]
        if choice.section is not None and all(choice.section.text != h.text for h, _ in sources):
            sources.append((choice.section, []))
        passages = [Passage(n=i, title=f"{h.metadata.get('doc_title', '')} — {h.metadata.get('section_title', '')}",
                            text=h.text) for i, (h, _) in enumerate(sources, start=1)]
        text, cited = generate(self.settings, q.text, passages, q.language, self.embedder)
        citations = [citation_for(n, sources[n - 1][0], sources[n - 1][0].text, sources[n - 1][1]) for n in cited]
        return Draft(text=text, citations=citations, abstained=False)

    def _ask_guide(self, question: str, resolution: Resolution, q: Question, result: FitResult,
                   started: float) -> Answer:
        retrieved = time.perf_counter()
        text, yes_no = compose_fit(result, q)
        # The chat shows a few lines of the guide's result: its sources are the ones those lines cite, numbered
        # from [1] in reading order (the full result keeps its own numbering).
        order: dict[int, int] = {}
        for marker in re.findall(r"\[(\d+)\]", text):
            order.setdefault(int(marker), len(order) + 1)
        text = re.sub(r"\[(\d+)\]", lambda m: f"[{order.get(int(m.group(1)), m.group(1))}]", text)
        by_n = {c.n: c for c in result.citations}
        citations = [dataclasses.replace(by_n[old], n=new) for old, new in order.items() if old in by_n]
        return Answer(question=question, answer=text, abstained=False, language=q.language,
                      citations=citations, resolved_question=resolution.text, route="guide", fit=result,
                      yes_no=yes_no, timings_ms=_timings(started, retrieved, time.perf_counter()))

    def _ask_directory(self, question: str, resolution: Resolution, q: Question, route: Route,
                       started: float) -> Answer:
        language = q.language
        facets = route.facets
        yes_no = None
        if route.count_tables:
            tables = self.directory.tables()
            text = t("directory_tables_count", language, n=len(tables))
            return Answer(question=question, answer=text, abstained=False, language=language, citations=[],
                          resolved_question=resolution.text, route="directory",
                          timings_ms=_timings(started, time.perf_counter(), time.perf_counter()))
        ranked = _RANKED_TABLES.search(fold(without_topic(resolution.text)))
        if ranked:
            # « c'est laquelle la table qui a le plus de membres ? », "which round table is the smallest?": the tables
            # by their number of members in the directory, the asked-for end first, with the next ones
            sizes = self.directory.table_sizes()
            fewest = bool(ranked.group("few") or ranked.group("few2"))
            sizes = sizes[::-1] if fewest else sizes
            (first, n), rest = sizes[0], sizes[1:RANKED_TABLES_SHOWN]
            text = t("dir_fewest_members" if fewest else "dir_most_members", language, table=first, n=n,
                     others="; ".join(f"{name} ({size})" for name, size in rest))
            return Answer(question=question, answer=f"{text}\n\n{t('directory_caveat', language)}", abstained=False,
                          language=language, citations=[], resolved_question=resolution.text, route="directory",
                          timings_ms=_timings(started, time.perf_counter(), time.perf_counter()))
        # « comment s'appelle la table de quartier d'Outremont ? »: the table, with its count
        # ("is any of them about food?" after « combien d'organismes à Saint-Léonard ? »: the follow-up's own words ask
        # yes or no — not the count its borrowed words ask)
        own = without_topic(resolution.text)
        among = resolution.followup and analyse_question(own, language).is_yesno and bool(AMONG_THEM.search(fold(own)))
        counting = (q.kind == "count" and not among) or route.count \
            or bool(facets.get("table") and ASKS_NAME.search(fold(question)))
        # (the table's own published category before Repère's inferred kind: « membres institutionnels à
        # Concertation Saint-Léonard » is the table's list, "ACA members of the CDC de la Pointe" its own count)
        # (a table picked from the last answer — "how many active members does it have? « Concert’Action
        # Lachine »" — is named, and is the table itself)
        named_table = facets.get("table") and (not route.named or fold(route.text) == fold(facets["table"]))
        # (a listing asks for members — « Quels organismes … », "who are …" —: "what borough is that table in?" does not)
        category, in_category = self.directory.table_category(facets["table"], question) \
            if named_table and (counting or (not route.topic and _ASKS_MEMBERS.search(fold(question)))) else ("", 0)
        counting = counting or (bool(category) and q.kind == "how_many")
        if category:
            # « Combien d'organismes en Catégorie A (OACA) à la CDC … ? », "how many does that table list as
            # observers?", « Quels organismes ont le statut d'observateur à la CDC … ? »: the members the table lists
            # under that published category, out of all its members, named when they are few or when asked which
            total = self.directory.count(table=facets["table"]).direct
            sentence = t("dir_count_category", language, place=facets["table"], n=in_category, category=category,
                         total=total)
            named = in_category <= (KIND_LIST_LIMIT if counting else TABLE_LIST_LIMIT)
            return self._count_answer(question, resolution, language, started, sentence, named,
                                      table=facets["table"], category=category,
                                      limit=KIND_LIST_LIMIT if counting else TABLE_LIST_LIMIT)
        if counting and not route.topic and (facets.get("region") or facets.get("table")):
            # « Combien d'organismes à Anjou ? »: the whole place, with the multi-city territories said apart.
            count = self.directory.count(region=facets.get("region"), table=facets.get("table"),
                                         kind=facets.get("kind"))
            # (« Combien d'institutions … et lesquelles ? »: a handful of members of one kind is named)
            named = bool(facets.get("kind")) and 0 < count.direct <= KIND_LIST_LIMIT
            return self._count_answer(question, resolution, language, started, count.sentence(language), named,
                                      region=facets.get("region"), table=facets.get("table"),
                                      kind=facets.get("kind"))
        if facets.get("table") and not route.named and _ASKS_TERRITORY.search(fold(question)):
            return self._territory_answer(question, resolution, facets["table"], language, started)
        tables = self._tables_answer(question, q, resolution, route, language, started)
        if tables is not None:
            return tables
        if q.is_yesno and route.named and (facets.get("table") or facets.get("region")):
            member = self._membership_answer(question, resolution, route, language, started)
            if member is not None:
                return member
        # (« le GRAME est membre de combien de tables ? » with two organisations of that name asks for tables: each is
        # listed below, found by its name, with its own)
        asks_tables = route.named and bool(_ASKS_TABLES.search(fold(resolution.text)))
        if counting and not route.topic and not (facets.get("region") or facets.get("table")) and not asks_tables \
                and not re.search(r"\b(annuaire|directory|r[ée]pertoire|au total|in total|en tout)\b", question, re.I):
            # « Combien de membres compte le RIOCM ? »: an organisation's own members are not in the directory.
            return Answer(question=question, answer=t("directory_no_members", language), abstained=True,
                          language=language, citations=[], resolved_question=resolution.text, route="directory",
                          timings_ms=_timings(started, time.perf_counter(), time.perf_counter()))
        # A named look-up keeps only the organisations the name matches.
        counting = counting and not asks_tables
        text = route.name_query if asks_tables else "" if counting and not route.topic else route.text
        # « la liste des membres de la CDC … »: a round table's whole membership, asked for as such, is listed
        # whole (names only: the table is the one asked about), up to a readable length
        members_list = bool(facets.get("table")) and not text and not counting and not route.named \
            and not facets.get("kind") and not facets.get("region")
        # « which of them are just 'sympathizing' members? »: a member category a few tables publish filters; its
        # word is not searched for
        category, text = self.directory.category_asked(text) if not route.named else ("", text)
        result = self.directory.search(text, region=facets.get("region"), table=facets.get("table"),
                                       kind=facets.get("kind"),
                                       limit=TABLE_LIST_LIMIT if members_list else DIRECTORY_LIST_LIMIT,
                                       # (a topic searched in a place is no name: « CLSC Hochelaga-Maisonneuve » holds
                                       # the place, not "housing")
                                       name_query=route.name_query if not category and (route.named or not route.topic)
                                       else text, language=language,
                                       names_only=route.named, category=category)
        if not result.items and text and not route.named and not route.topic \
                and (facets.get("table") or facets.get("region")) and facets.get("kind"):
            # "which institutions sit on Concertation St-Leonard?": the place and the kind say who is asked for; the
            # words left over (« sit ») name no one
            result = self.directory.search("", region=facets.get("region"), table=facets.get("table"),
                                           kind=facets.get("kind"), limit=DIRECTORY_LIST_LIMIT, language=language)
        retrieved = time.perf_counter()
        described = ", ".join(v for v in facets.values() if v)
        citations = _directory_citations(result.items, language)
        # Records reached only through an inferred sector are not what the words asked for: said apart, and a
        # yes/no question is answered by the others.
        by_sector_only = bool(result.text) and not result.text_matches and bool(result.sector_only)
        # "is the RIOCM in the directory? which round table?": the organisation asked about was found
        listed_yes = bool(q.also_yesno) and (route.named or result.text_matches == 1)
        if not result.items and _CONTACT.search(question):
            # « c'est quoi leurs heures d'ouverture ? » after a search that found none: still no such details
            text, abstained = t("directory_no_contact", language), True
        elif not result.items and q.is_yesno and ((q.text_language or language) == "fr" or route.named):
            # « Y a-t-il un comité logement à Outremont ? »: the directory's own answer is no (with what it searched)
            # (English words — "community kitchens" — cannot match the French names: nothing found is no « No »)
            text, abstained = t("directory_no", language, facets=f" ({described})" if described else ""), False
            yes_no = "no"
            # "Is Le Chaînon a member of the CDC Centre-Sud?": no — and where the organisation asked about is listed
            named = self._named_org(question, route, language) if route.named and described else None
            if named is not None:
                elsewhere = named.items[0]
                where = ", ".join(elsewhere.regions[:3])
                text += " " + t("directory_listed_elsewhere", language, name=elsewhere.name,
                                tables="; ".join(elsewhere.tables) or "—", where=f" ({where})" if where else "") + " [1]"
                citations = _directory_citations([elsewhere], language)
        elif not result.items:
            text, abstained = t("directory_none", language), True
        elif _CONTACT.search(question):
            found = t("directory_found_without", language, name=result.items[0].name)
            text = f"{t('directory_no_contact', language)} {found}"
            abstained = True
        else:
            lines = []
            facets_text = f" ({described})" if described else ""
            if by_sector_only:
                sectors = ", ".join(t(f"sector_{code}", language) for code in result.topic_sectors)
                none = t("dir_no_text_match", language, n=result.sector_only, sectors=sectors, facets=facets_text)
                # The names are French: an English question's words ("housing committee") cannot match them, so its
                # « none found by name » is no evidence of a « No » (« Comité Logement … » is listed right below).
                says_no = q.is_yesno and (q.text_language or language) == "fr"
                lines.append(t("directory_no_prefix", language) + none[0].lower() + none[1:] if says_no else none)
                yes_no = "no" if says_no else None
            elif counting:
                lines.append(t("directory_count", language, n=result.total, facets=facets_text))
            elif q.is_yesno or among or listed_yes:
                lines.append(t("directory_yes", language, n=result.text_matches or result.total, facets=facets_text))
            else:
                lines.append(t("directory_intro", language, n=result.total, facets=facets_text))
            shown = result.items[:5] if counting else result.items
            local_tables = set(self.directory.tables_in(facets["region"])) if facets.get("region") else set()
            grouped = False
            for n, org in enumerate(shown, start=1):
                if getattr(org, "match", "") == "sector" and not grouped and not by_sector_only:
                    lines.append(f"*{t('dir_group_sector', language)}*")
                    grouped = True
                if members_list:
                    lines.append(f"- {org.name} [{n}]")
                    continue
                # (the place searched in is said once, in the first line: not again on each line that has only it)
                # (a record with no borough of its own is placed by its table's multi-city territory)
                where = "" if org.regions == [facets.get("region")] else \
                    ", ".join(org.regions[:3]) + ("…" if len(org.regions) > 3 else "") if org.regions else \
                    t("dir_territory_note", language, cities="; ".join(org.territory)) if org.territory else ""
                tables = "; ".join(org.tables[:3]) + ("…" if len(org.tables) > 3 else "")
                here = [table for table in org.tables if table in local_tables]
                if here:
                    # (in a place asked about: its tables there, and how many elsewhere — not every table and borough,
                    # which pushes the next names out of sight)
                    others = len(org.tables) - len(here)
                    tables = "; ".join(here) + (f" ({t('dir_more_tables', language, n=others)})" if others else "")
                    # (a record placed only by its table's territory keeps it: it has no borough of its own)
                    where = "" if org.regions else where
                lines.append(f"- {org.name} — {tables}{f' ({where})' if where else ''} [{n}]")
            if result.total > len(shown):
                lines.append(t("directory_more", language, n=result.total - len(shown)))
            lines.append("")
            lines.append(t("directory_caveat", language))
            text, abstained = "\n".join(lines), False
        if yes_no is None and (q.is_yesno or among or listed_yes) and not abstained and not by_sector_only:
            yes_no = "yes"
        return Answer(question=question, answer=text, abstained=abstained, language=language,
                      citations=[] if abstained else citations, resolved_question=resolution.text,
                      route="directory", directory=result, yes_no=yes_no,
                      timings_ms=_timings(started, retrieved, time.perf_counter()))

    def _count_answer(self, question: str, resolution: Resolution, language: str, started: float, sentence: str,
                      named: bool, limit: int = KIND_LIST_LIMIT, **facets) -> Answer:
        """A count's sentence, then (``named``: a handful) the members counted, each with its row, then the caveat."""
        lines, citations = [sentence], []
        if named:
            members = self.directory.search("", limit=limit, language=language, **facets)
            citations = _directory_citations(members.items, language)
            lines += [f"- {org.name} [{n}]" for n, org in enumerate(members.items, start=1)]
        text = "\n".join(lines) + f"\n\n{t('directory_caveat', language)}"
        return Answer(question=question, answer=text, abstained=False, language=language, citations=citations,
                      resolved_question=resolution.text, route="directory",
                      timings_ms=_timings(started, time.perf_counter(), time.perf_counter()))

    def _named_org(self, question: str, route: Route, language: str) -> DirectoryResult | None:
        """The one organisation a directory question names, looked up by its name alone (no facet): the search,
        whose first item is that organisation, or None."""
        table = route.facets.get("table")
        # "is GRAME a full member of Action-Gardien?": an acronym two organisations share — the one of them the table
        # the question names lists (before the name search, which the table's own words would mislead)
        found = self._holder(self.directory.acronym_holder(question, only=True, documents_too=True, table=table),
                             language) if table else None
        if found is not None:
            return found
        name_query = route.name_query or self.directory.name_query(question)
        # (« y a-tu une maison des jeunes à St-Léonard ? pis elle est membre de quelle table ? »: a name many
        # organisations share, in the place the question names — that place's one first)
        places = [{"region": route.facets["region"]}] if route.facets.get("region") else []
        for place in places + [{}]:
            found = self.directory.search(route.text, limit=2, language=language, names_only=True,
                                          name_query=name_query, **place)
            matched = [org for org in found.items if org.match in ("name", "text")]
            if len(found.items) == 1 or (len(matched) == 1 and (found.items[0].match == "name"
                                                                or (place and found.items[0] is matched[0]))):
                return dataclasses.replace(found, items=matched[:1], total=1) if place else found
        # (« Bâtir son quartier » written out whole, which « Le Groupe de ressources techniques Bâtir son quartier »
        # also matches: the record whose whole name the question writes)
        # (not in a place the question names: « is the CDEC LaSalle-Lachine one of them? » after LaSalle's members is
        # the record listed there, whatever another record is called)
        whole = self.directory.spelled_name(question) if not places else ""
        found = self.directory.search(whole, limit=3, language=language, names_only=True) if whole else None
        exact = [org for org in found.items if fold(org.name) == whole] if found else []
        if exact:
            return dataclasses.replace(found, items=exact[:1], total=1)
        # "the POPIR": an acronym that one organisation's spellings hold (its words alone do not find it: the
        # stemmer reads « popir » as a verb)
        return self._holder(self.directory.acronym_holder(question, only=True, documents_too=True), language)

    def _holder(self, holder: str, language: str) -> DirectoryResult | None:
        """The record of the organisation ``acronym_holder`` named, as a one-item search result, or None."""
        if not holder:
            return None
        found = self.directory.search(holder, limit=2, language=language, names_only=True)
        return dataclasses.replace(found, items=found.items[:1], total=1) \
            if found.items and found.items[0].name == holder else None

    def _membership_answer(self, question: str, resolution: Resolution, route: Route, language: str,
                           started: float) -> Answer | None:
        """« Info-Femmes est-il membre de la Table de quartier Hochelaga-Maisonneuve ? »: the organisation named,
        looked up by its name alone (the table's own name must not match records named after it), and the answer
        read from that organisation's own tables or places; None when the name is not one organisation."""
        facets = route.facets
        # the longest name written out whole in the question, places and all (« Carrefour jeunesse-emploi du
        # Sud-Ouest »: its place is part of its name, not a filter that leaves « Carrefour jeunesse-emploi »)
        text = self.directory.spelled_name(question, besides=tuple(v for v in facets.values() if v)) or route.text
        alone = dataclasses.replace(route, text=text, facets={}, name_query=self.directory.name_query(text))
        # (« y a-tu un carrefour jeunesse emploi à St-Laurent ? »: a name many organisations hold, in the place asked
        # — « CJE – Carrefour Jeunesse Emploi Saint-Laurent » — before the one record called exactly that elsewhere)
        here = self._named_org(question, dataclasses.replace(alone, facets={"region": facets["region"]}), language) \
            if facets.get("region") and not facets.get("table") else None
        # (only a record whose name holds the name asked, whole: a typo-forgiving match in the place is no such record)
        found = here if here is not None and fold(text) in fold(here.items[0].name) \
            else self._named_org(question, alone, language)
        if found is None:
            return None
        org, table, region = found.items[0], facets.get("table"), facets.get("region")
        member = table in org.tables if table else region in org.regions + org.territory_regions
        where = ", ".join(org.regions[:3])
        key = ("directory_member" if member else "directory_not_member") if table else \
            ("directory_in_place" if member else "directory_not_in_place")
        # (a member: each table with the category it lists the organisation under — « membre régulier, ou à un
        # autre titre ? »; listed elsewhere: where, first)
        published = org.categories_by_table if member else {}
        listed = [f"{table_name} — {t('directory_category', language)} « {published[table_name]} »"
                  if published.get(table_name) else table_name for table_name in org.tables]
        tables = t("directory_listed_with" if member else "directory_listed_elsewhere", language, name=org.name,
                   tables="; ".join(listed) or "—", where=f" ({where})" if where else "")
        text = f"{t(key, language, name=org.name, place=table or region)} [1] {tables}\n\n" \
               f"{t('directory_caveat', language)}"
        return Answer(question=question, answer=text, abstained=False, language=language,
                      citations=_directory_citations([org], language), resolved_question=resolution.text,
                      route="directory", directory=found, yes_no="yes" if member else "no",
                      timings_ms=_timings(started, time.perf_counter(), time.perf_counter()))

    def _territory_answer(self, question: str, resolution: Resolution, table: str, language: str,
                          started: float) -> Answer:
        """"Which municipalities does the Table … cover?": the boroughs or linked cities the corpus gives the table,
        with how complete that is; the table's own list of members is not what is asked."""
        row = self.directory.table_territory(table) or {}
        places = [p.strip() for p in row.get("region", "").split(";") if p.strip()]
        kinds = {_TERRITORY_KINDS.get(fold(k).strip(), "territory_mixed") for k in row.get("region_type", "").split(";")
                 if k.strip()}
        kind = kinds.pop() if len(kinds) == 1 else "territory_mixed"
        lines = [t("directory_table_territory", language, table=table, n=len(places), kind=t(kind, language),
                   places=", ".join(places) or "—")]
        if row.get("coverage") == "partiel":
            lines.append(t("directory_territory_partial", language,
                           note=f" — « {row['note']} »" if row.get("note") else ""))
        lines += ["", t("directory_caveat", language)]
        return Answer(question=question, answer="\n".join(lines), abstained=not places, language=language,
                      citations=[], resolved_question=resolution.text, route="directory",
                      timings_ms=_timings(started, time.perf_counter(), time.perf_counter()))

    def _asks_topic(self, folded: str, route: Route, language: str) -> bool:
        """The clause that asks for tables names a topic (« on part un groupe d'entraide à Verdun, c'est quoi la
        table de quartier là-bas ? » names none: the topic is in what the asker says of themselves before it)."""
        asks = _ASKS_TABLES.search(folded)
        if not route.topic or asks is None or "?" in folded[:asks.start()]:
            return route.topic  # (« y'a tu des comités logement à X ? lesquels pis avec quelle table ? »: theirs)
        start = max(folded.rfind(mark, 0, asks.start()) for mark in ",.!?;:")
        # (« table de quartier » is what is asked for, not a topic)
        clause = re.sub(r"\b(tables? de (quartier|concertation)|(neighbou?rhood )?(round )?tables?)\b", " ",
                        folded[start + 1:])
        return bool(self.directory.topic_sectors(clause, language))

    def _tables_answer(self, question: str, q: Question, resolution: Resolution, route: Route, language: str,
                       started: float) -> Answer | None:
        """The round tables a directory question asks for, or None: every table of the one organisation it names
        (« Bâtir son quartier est membre de combien de tables ? » — its tables, not its own members, which the
        directory does not hold), or the tables of the place it names ("Which round tables cover Villeray?")."""
        # ("what about the OMHM?" after « Bâtir son quartier est membre de combien de tables ? »: the question it
        # stands for asks for tables)
        folded, facets = fold(resolution.text if resolution.followup and route.named else question), route.facets
        if not _ASKS_TABLES.search(folded):
            return None
        lines, citations, found, yes_no = [], [], None, None
        membership = bool(_MEMBER_OF.search(folded))
        if route.named or membership:
            # (the name may hold a place: « Comité logement Ahuntsic-Cartierville »)
            # (two records that both match — « GRAME » and « … (GRAME) » — are listed as a search, each with its
            # tables)
            # (a follow-up's organisation is in the question it stands for: "is the first group you named …?")
            found = self._named_org(resolution.text if resolution.followup else question, route, language)
            if found is not None:
                org = found.items[0]
                lines = [t("directory_org_tables", language, name=org.name, n=len(org.tables)) + " [1]"]
                # (not to an either/or: « membre ou partenaire ? » is answered by the category, below)
                if (q.is_yesno or q.also_yesno) and not re.search(_KIND_CHOICE, folded):
                    lines[0], yes_no = f"{t('directory_listed_yes', language)} {lines[0]}", "yes"
                # each table with the member category it lists the organisation under (« Catégorie A : … »), and
                # where the organisation is listed: "which table, and under what category / where?" in one answer
                # (asked, or one table: a list of many tables stays a list of tables)
                published = org.categories_by_table if len(org.tables) == 1 or _ASKS_CATEGORY.search(folded) else {}
                # (the table the question places it at first: « pis à RDP, y'est classé dans quelle catégorie ? »)
                placed = {facets["table"]} if facets.get("table") else \
                    set(self.directory.tables_in(facets["region"])) if facets.get("region") else set()
                lines += [f"- {table}" + (f" — {t('directory_category', language)} « {published[table]} »"
                                          if published.get(table) else "")
                          for table in sorted(org.tables, key=lambda table: table not in placed)]
                if org.place:
                    lines.append(t("directory_place", language, place=org.place))
                # (« Centre d'Amitié Autochtone »: another record whose name holds the whole of this one — « … de
                # Montréal (CAAM) » — may be the one meant; its tables too)
                held = self.directory.comparable(fold(org.name))
                close = [other for other in self.directory.search(org.name, limit=5, language=language).items
                         if other.match == "name" and other.name != org.name
                         and held in self.directory.comparable(fold(other.name))]
                if close:
                    lines.append(t("directory_close_names", language))
                    lines += [f"- {other.name} — {'; '.join(other.tables)} [{n}]" for n, other in enumerate(close, 2)]
                citations = _directory_citations([org, *close], language)
            # (not found as one organisation: listed as a search, never as the tables of the place its name holds —
            # « Carrefour des femmes d'Anjou, c'est membre de quelle table ? »)
        elif not (topic := self._asks_topic(folded, route, language)) and facets.get("region"):
            tables = self.directory.tables_in(facets["region"])
            if tables:
                lines = [t("directory_tables_in", language, place=facets["region"], n=len(tables))]
                lines += [f"- {table}" for table in tables]
        elif not topic and facets.get("table"):
            lines = [t("directory_the_table", language, table=facets["table"])]
        if not lines:
            return None
        text = "\n".join(lines) + f"\n\n{t('directory_caveat', language)}"
        return Answer(question=question, answer=text, abstained=False, language=language, citations=citations,
                      resolved_question=resolution.text, route="directory", directory=found if citations else None,
                      yes_no=yes_no, timings_ms=_timings(started, time.perf_counter(), time.perf_counter()))

    def _topic(self, text: str, language: str, answer: Answer) -> str:
        """What the turn was about: the question's words that its answer also holds (the entity answered about:
        "the follow-up committee"), rarest first; failing that, the question's rarest words."""
        from assistant.core.lexical import analyse

        quoted = " ".join(f"{c.quote} {c.english}" for c in answer.citations)
        held = set(analyse(quoted, "fr")) | set(analyse(quoted, "en"))
        specificity = self.cache.get().lexical.specificity

        def shared_first(token: str, lang: str) -> float:
            return specificity(token, lang) + (1.0 if token in held else 0.0)

        return _topic_words(text, language, shared_first)

    def _remember(self, session: ChatSession, question: str, resolution: Resolution, answer: Answer,
                  route: Route, q: Question) -> None:
        best = answer.hits[0].metadata if answer.hits else {}
        items, items_fr = [], []
        if answer.route == "documents" and not answer.abstained \
                and len(session.last.items if session.last else []) < 3 and len(named := _enumerated(answer.answer)) >= 3:
            # « … au soutien à la communauté : Le Chaînon, AFEAS, Centre des femmes de Montréal, maisons
            # d'hébergement... »: the names a sentence enumerates, in order ("the third one", « les autres ») — even
            # after a question about one organisation, when no longer list was being gone through. (When the
            # question itself named two or more of them — "the slides mention Le Chaînon and the Centre des femmes" —
            # "the second one" is the second it named.)
            asked = sorted((fold(question).find(fold(n)), n) for n in named if fold(n) in fold(question))
            items = [n for _, n in asked] if len(asked) >= 2 else named
        elif resolution.picked or answer.abstained:
            pass  # « et le 3e ? » after « le 2e »: ordinals still point at the list the conversation is about
        elif answer.route == "guide" and answer.fit is not None and re.search(r"\bType [1-4]\b", answer.answer):
            # The guide's answer goes through the practice types: "and the third type?" means the third of them,
            # on the slides that list them.
            guide = self.guide()
            types = sorted(guide["practice_types"], key=lambda p: p["type"])
            items = [p["quote"] for p in types]
            best = {"doc_id": guide["doc_id"], "section_title": types[0]["section"]}
        elif answer.route == "documents" and len(named := _bodies_named(answer.answer, question)) >= 2:
            # « … représenté par le RIOCM, le RAFSSS et la CMTQ »: the bodies a sentence names, in order ("the first
            # one on that list")
            items = named
        elif best.get("unit_kind") == "list" or "\n- " in answer.answer:
            lines = answer.answer.splitlines()
            # Only the direct answer: it ends at its first [n] marker (the French original and the source follow).
            end = next((i for i, ln in enumerate(lines) if re.search(r"\[\d+\]", ln)), len(lines) - 1)
            items = _list_items(lines[:end + 1])
            orgs = answer.directory.items if answer.directory else []
            tables_listed = [t for t in orgs[0].tables if re.search(rf"^- {re.escape(t)}$", answer.answer, re.M)] \
                if len(orgs) == 1 else []
            if answer.route == "directory" and len(tables_listed) >= 2:
                # "which round tables list them?" answered by the organisation's tables, a line each: "the first
                # one" next is the first of those tables
                items = tables_listed
            elif answer.route == "directory" and answer.directory and any(" — " in i for i in items):
                # a list of organisations (a line each: its name, then its tables): every one listed, not only
                # the lines before the first citation — each line has its own
                items = [org.name for org in answer.directory.items]
            elif answer.language == "en":
                # the same items in French, from the quoted originals: « le dernier » asked in French next
                french = _list_items("\n".join(c.quote for c in answer.citations).splitlines())
                items_fr = french if len(french) == len(items) else []
        session.language = answer.language
        topic = self._topic(without_idioms(without_topic(resolution.text)), answer.language, answer) if not resolution.repeat \
            else (session.last.topic if session.last else "")
        body = _body_answered(q, answer)
        asked_body = _ASKED_ABOUT_BODY.search(without_topic(resolution.text))
        if not body and asked_body and not resolution.repeat and fold(asked_body.group(0)) not in fold(topic):
            # "Which groups sat on the follow-up committee?": the body the question is about is what "it" means
            # next ("when did it first meet?"), whether or not the answer repeats its name
            topic = " ".join(dict.fromkeys(f"{asked_body.group(0)} {topic}".split()))
        if body:
            # "Which body ran it?" answered « … sous la Commission permanente sur le développement social … »: that
            # commission is what "it" means next ("When did it table its report?")
            topic = body
        elif resolution.followup and session.last and not resolution.repeat and not resolution.own_subject:
            # A follow-up keeps the earlier topic's words too ("it" still means the committee two turns later) —
            # not one that named a subject of its own (« et la politique qui devait suivre, adoptée quand ? »).
            topic = " ".join(dict.fromkeys((topic + " " + session.last.topic).split()))[:120]
        # « How many members does that table list? »: the one round table of the organisations just listed
        tables = list(dict.fromkeys(t for org in (answer.directory.items if answer.directory else [])
                                    for t in org.tables))
        if answer.route == "directory" and not tables and route.facets.get("table") and not answer.abstained:
            # "What's the neighbourhood round table there?" answered by the table's name, with no organisation
            # listed: that table is what "how many members does it have?" counts next
            tables = [route.facets["table"]]
        # the place named last, whatever answered ("we're in Parc-Ex … are we covered?" then "which table covers us
        # there?")
        named_place = {k: v for k, v in (route.facets if answer.route == "directory"
                                         else self.directory.parse_question(question)[1]).items()
                       if k in ("region", "table")}
        place = named_place or (session.last.place if session.last else {})
        session.turns.append(Turn(question=question, resolved=resolution.text, language=answer.language,
                                  route=answer.route, doc_id=best.get("doc_id", ""),
                                  section=best.get("section_title", ""),
                                  unit_ids=[u for c in answer.citations for u in c.unit_ids], items=items,
                                  items_fr=items_fr,
                                  facets=route.facets, directory_text=route.text, name_query=route.name_query,
                                  named=route.named, topic=topic, yes_no=answer.yes_no, body=_body_named(q, answer),
                                  tables=tables if len(tables) == 1 else [], place=place,
                                  # (the years its direct answer gave: « entre les deux » next is between them)
                                  years=[int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", answer.answer.split("\n")[0])]
                                  if answer.route == "documents" and not answer.abstained else [],
                                  # (one found by its words, before others found only through an inferred sector:
                                  # "is there a food depot in NDG?" then "which round table is it part of?")
                                  organisation=answer.directory.items[0].name if answer.route == "directory"
                                  and answer.directory and (len(answer.directory.items) == 1
                                                            or answer.directory.text_matches == 1) else ""))
        del session.turns[:-10]  # a conversation remembers its last ten turns


# a body a question is about, by its kind (« le comité de suivi », "the follow-up committee", « la Commission »)
_ASKED_ABOUT_BODY = re.compile(r"\b(?:(?:follow-up|monitoring|steering) committee|comit[ée] de (?:suivi|pilotage)|"
                               r"commission|committee|comit[ée])\b", re.I)
# A formal body named in full (« Commission permanente sur le développement social et la diversité montréalaise »)
_NAMED_BODY = re.compile(r"\b(?:Commission|Comité|Conseil|Service|Bureau|Office|Ministère|Réseau|Coalition|Regroupement)"
                         r"\s[^,.;:()\[\]]{3,100}")


def _body_named(q: Question, answer: Answer) -> str:
    """The one body a "who …?" / "which body …?" answer names, in full with the acronym the quote gives it
    (« Service de la diversité et de l'inclusion sociale (SDIS) »): what "that department" means next; or ""."""
    found = _one_body(q, answer)
    quote = answer.citations[0].quote if found else ""
    acronym = re.match(r"\s*\([A-Z]{2,8}\)", quote[quote.find(found) + len(found):]) if found else None
    # (only a body with an acronym: its long name would outweigh what the next question asks of it — "when did that
    # commission table its report?" is about the report, which the head noun, the topic, finds)
    return found + acronym.group(0) if acronym else ""


def _body_answered(q: Question, answer: Answer) -> str:
    """The kind of body a "who …?" / "which body …?" answer names in full (in its French quote), or "": its head
    noun (the full name would outweigh what the next question asks of it — its report)."""
    return _one_body(q, answer).split(" ")[0]


def _one_body(q: Question, answer: Answer) -> str:
    """The full name of the one body a "who …?" / "which body …?" documents answer names in its French quote, or ""
    (several bodies named are members listed — "who sits on it?": « le RIOCM, le Réseau … et la Coalition … » —
    and "it" stays what the question was about)."""
    if answer.abstained or answer.route != "documents" or not answer.citations \
            or q.answer_type not in ("person_or_body", "person"):
        return ""
    found = _NAMED_BODY.findall(answer.citations[0].quote)
    return found[0].strip() if len(found) == 1 else ""


def _list_items(lines: list[str]) -> list[str]:
    """The items an ordinal can point at: a numbered list's own items when it has them (not their details), else
    the bullets — never a connector line (« Et/ou »), without the commitment ids the answer adds (« (P2-E3) »)."""
    numbered = [ln for ln in lines if re.match(r"\d+\.\s", ln)]
    items = [re.sub(r"\s*\(P\d+-E\d+[a-z]?\)", "", re.sub(r"^\s*([-■*]|\d+\.)\s*", "", ln).split(" [")[0])
             .rstrip(" :;") for ln in numbered or lines if re.match(r"\s*([-■*]|\d+\.)\s", ln)]
    return [i for i in items if len(i) > 8 and not re.fullmatch(r"(et/ou|and/or|ou|or|etc\.?)", i, re.I)]


def _topic_words(text: str, language: str, specificity) -> str:
    """The most specific words of a question (rarest in the corpus): what a later "it" or "and …?" refers to."""
    from assistant.core.lexical import analyse

    scored = []
    for word in re.findall(r"[\wÀ-ÿ'’-]+", text):
        tokens = analyse(word, language)
        if tokens and len(word) > 2:
            scored.append((max(specificity(t, language) for t in tokens), word))
    best = sorted((s for s in scored if s[0] > 0), key=lambda s: -s[0])[:3]
    return " ".join(word for _, word in sorted(best, key=lambda s: text.find(s[1])))


def _nearest_sections(sections: list[Hit], language: str) -> list[str]:
    nearest = []
    for hit in sections[:3]:
        m = hit.metadata
        # (a fact sheet's opening section bears the sheet's own title: named once)
        title = m.get("section_title", "")
        label = f"{m.get('doc_title', '')}{'' if title == m.get('doc_title') else ' — ' + title}" \
                f"{page_text(m, language)}"
        if label not in nearest:
            nearest.append(label)
    return nearest


def _bodies_named(answer: str, question: str) -> list[str]:
    """The acronyms of organisations the direct answer's first line names that the question does not, in order."""
    first = answer.split("\n")[0]
    # the first series « le A, le B et la C »: it ends at a comma that no article follows (« …, pour deux mandats,
    # aux côtés de … du SDIS » is not one of them)
    return new_acronyms(re.split(r",\s+(?!(?:the|le|la|les|l'|and|et)\b)|;", first)[0], question)


def _enumerated(answer: str) -> list[str]:
    """The names the direct answer's first line enumerates after its colon (« : Le Chaînon, AFEAS, Centre des femmes
    de Montréal, maisons d'hébergement... »), in order — when most of them are names (a capital or an acronym)."""
    first = re.sub(r"\s*\[\d+\]\s*$", "", answer.split("\n")[0].replace("**", ""))
    _, colon, listed = first.rpartition(":")
    parts = [p.strip(" .…") for p in re.split(r",\s+|\s+(?:et|and)\s+", listed)] if colon else []
    parts = [p for p in parts if p]
    named = [p for p in parts if p[:1].isupper()]
    return parts if len(parts) >= 3 and len(named) * 2 > len(parts) and all(len(p) <= 60 for p in parts) else []


def _shown(hit: Hit, shown: frozenset[str]) -> bool:
    """Did the conversation already show this list, or this item as part of its list? (A sentence shown alone may
    say more than its question asked — « adopted … and mandated the SDIS » answers "who was put in charge?" too —
    a whole list said all it holds.)"""
    meta = hit.metadata
    unit_id = meta.get("unit_id", "")
    if not unit_id or not shown:
        return False
    if meta.get("unit_kind") == "list":
        return unit_id in shown
    return meta.get("unit_kind") == "item" and parent_list(meta) in shown


def _timings(started: float, retrieved: float, done: float) -> dict[str, float]:
    return {"retrieve": round((retrieved - started) * 1000, 2), "answer": round((done - retrieved) * 1000, 2),
            "total": round((done - started) * 1000, 2)}


def citation_label(c: Citation, language: str = "fr") -> str:
    """"Title — Section (diapositive 20)" for display."""
    return f"{c.title} — {c.section}{page_text({'page': c.page, 'page_label': c.page_label}, language)}"


__all__ = ["EVIDENCE_FEATURES", "UNIT_FEATURES", "UNIT_WEIGHTS", "Answer", "Assistant", "ChatSession", "Citation", "CommitmentRow", "DirectoryResult", "FitInputError",
           "FitResult", "GEOJSON_FILE", "QuestionError", "borough_map", "citation_label", "facet_counts",
           "load_guide", "write_csv", "write_hsds"]


def _directory_citations(organisations, language: str) -> list[Citation]:
    """One citation per directory record: its row in the directory file."""
    return [Citation(n=n, source_id=org.org_id, title=t("directory_title", language), section=org.name, page=org.row,
                     page_label="ligne", quote=f"{org.name} — {'; '.join(org.tables)} — {'; '.join(org.regions)}",
                     score=round(org.score, 4), doc_kind="directory", chunk_id=org.chunk_id,
                     source_path=org.source_path)
            for n, org in enumerate(organisations, start=1)]

