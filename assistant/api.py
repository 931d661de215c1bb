"""Repère's public entry point: one question in, one typed ``Answer`` out.

The UI, the CLI and the evaluation call only this module (and ``assistant.directory.search`` / ``assistant.guides.fit`` /
``assistant.guides.commitments`` for their own views). A ``ChatSession`` keeps the history that resolves
elliptical follow-ups ("et pour le soutien locatif?", "what about principle 3?").

Usage: ``Assistant().ask("Quels types de soutien la Ville offre-t-elle?").answer``
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from assistant.answering.compose import Citation, Draft, abstention, citation_for, compose_answer, page_text, select_hits
from assistant.core.records import CommitmentRow
from assistant.directory.export import write_csv, write_hsds
from assistant.directory.facets import GEOJSON_FILE, borough_map, facet_counts
from assistant.guides.commitments import CommitmentRegister, annotate, filter_commitments
from assistant.core.config import Settings, load_settings
from assistant.directory.search import Directory, DirectoryResult
from assistant.core.embeddings import get_embedder
from assistant.retrieval.index import IndexCache
from assistant.core.language import detect_language
from assistant.answering.evidence import Evidence, judge
from assistant.guides.fit import FitInputError, FitResult, assess, load_guide
from assistant.answering.generative import GenerationError, Passage, generate
from assistant.messages import t
from assistant.retrieval.hybrid import Hit, HybridRetriever, Mode

MAX_QUESTION_CHARS = 2000
DIRECTORY_LIST_LIMIT = 15



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
    route: str = "documents"  # documents | directory
    nearest: list[str] = field(default_factory=list)
    mode: str = "extractive"
    notice: str = ""
    directory: DirectoryResult | None = None
    hits: list[Hit] = field(default_factory=list, repr=False)  # what retrieval returned, for evaluation
    evidence: Evidence | None = field(default=None, repr=False)

    def to_json(self) -> dict:
        """The ``repere ask --json`` object."""
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "language": self.language,
            "citations": [{"n": c.n, "source_id": c.source_id, "title": c.title, "section": c.section,
                           "page": c.page or None, "quote": c.quote, "score": c.score} for c in self.citations],
            "timings_ms": self.timings_ms,
            "resolved_question": self.resolved_question,
            "route": self.route,
            "mode": self.mode,
            "notice": self.notice,
        }


@dataclass
class Turn:
    question: str
    resolved: str
    route: str
    facets: dict[str, str]
    text: str


@dataclass
class ChatSession:
    turns: list[Turn] = field(default_factory=list)

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None


_COMMITMENT_TERMS = re.compile(r"\b(engagements?|engag\w+|commitments?|committed|s'engage\w*)\b", re.I)
_FOLLOWUP_START = re.compile(
    r"^(et|and|what about|how about|what of|pour|aussi|also|ou|or|mais|but|same|idem|puis|then|alors)\b", re.I)
_DIRECTORY_INTENT = re.compile(
    r"\b(organismes|organisations|organizations|organismes? qui|groupes|groups|associations|ressources|"
    r"qui aident|who help|annuaire|directory|l'organisme)\b", re.I)
_DIRECTORY_ASK = re.compile(
    r"\b(quels?|quelles?|liste|lister|trouve[rz]?|cherche|y a[- ]t[- ]il|il y a|existe|connais|any|which|"
    r"find|list|show|where|où|recherche|coordonn|membres?)\b", re.I)
_POLICY_TERMS = re.compile(
    r"\b(politique|policy|principes?|principles?|engagements?|commitments?|soutien|support|d[ée]claration|"
    r"pratiques?|practices?|valeurs?|values|comit[ée]|committee|crit[eè]res?|criteria|regroupements|"
    r"reconna[iî]t|recogni[sz]e|ville|city|montant|financ\w*|subvention\w*|budget\w*|accord\w*|grants?|"
    r"funding|money|argent)\b", re.I)


def is_followup(question: str) -> bool:
    words = question.split()
    return bool(_FOLLOWUP_START.match(question.strip())) and len(words) <= 8


class Assistant:
    """Loads the store view and models once; thread-safe for concurrent ``ask`` calls."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or load_settings()
        self.cache = IndexCache(self.settings)
        self.embedder = get_embedder(self.settings)
        self.retriever = HybridRetriever(self.settings, cache=self.cache, embedder=self.embedder)
        self.directory = Directory(self.settings, cache=self.cache, embedder=self.embedder)
        self.register = CommitmentRegister(self.settings, store=self.cache.store)
        self._commitments: tuple[str, list[CommitmentRow]] | None = None
        self._guide: dict | None = None

    def commitments(self, principle: int | None = None, text: str = "") -> list[CommitmentRow]:
        """The register of the live generation (re-read when ingest publishes a new one), optionally filtered
        by principle and words."""
        generation = self.cache.get().generation
        if self._commitments is None or self._commitments[0] != generation:
            self._commitments = (generation, self.register.all())
        return filter_commitments(self._commitments[1], principle, text)

    def fit(self, answers: dict, language: str = "fr") -> FitResult:
        """The support-fit guide for a questionnaire's answers (see ``assistant.guides.fit``)."""
        if self._guide is None:
            self._guide = load_guide(self.settings.resolve(self.settings.reference_dir))
        return assess(answers, self._guide, self.commitments(), language, retriever=self.retriever)

    def warm_up(self) -> None:
        self.retriever.view()
        self.embedder.embed_query("warm-up")

    # --- routing and follow-ups -----------------------------------------------------------------
    def route(self, question: str) -> str:
        """"directory" for a search among organisations, "documents" for everything else."""
        return self._route(question)[0]

    def _route(self, question: str) -> tuple[str, str, dict[str, str]]:
        """(route, directory text, directory facets); the question is parsed once."""
        text, facets = self.directory.parse_question(question)
        place = bool(facets.get("region") or facets.get("table"))
        policy = bool(_POLICY_TERMS.search(question))
        asks = bool(_DIRECTORY_ASK.search(question))
        if _DIRECTORY_INTENT.search(question) and asks and (not policy or place):
            return "directory", text, facets
        if asks and not policy and place:
            return "directory", text, facets
        if not policy and len(question.split()) <= 6 and self.directory.best_name_score(text) >= 90:
            return "directory", text, facets  # a bare organisation name, typos allowed ("Chainon")
        return "documents", text, facets

    def resolve(self, question: str, session: ChatSession | None) -> tuple[str, str, dict[str, str], str]:
        """(resolved question, route, directory facets, directory text) for this turn."""
        last = session.last if session else None
        route, text, facets = self._route(question)
        if last and is_followup(question):
            if last.route == "directory":
                merged = {**last.facets, **facets}
                return f"{question} ({last.resolved})", "directory", merged, text or last.text
            previous = last.resolved
            if re.search(r"\d", question):
                previous = re.sub(r"\d+", " ", previous)
            return f"{question} {previous}", "documents", {}, ""
        if route == "directory":
            return question, route, facets, text
        return question, route, {}, ""

    # --- answering --------------------------------------------------------------------------------
    def ask(self, question: str, session: ChatSession | None = None, filters: dict | None = None,
            mode: Mode = "hybrid", k: int | None = None) -> Answer:
        started = time.perf_counter()
        question = (question or "").strip()
        language = detect_language(question) if question else "fr"
        if not question:
            raise QuestionError(t("error_empty", language))
        if len(question) > MAX_QUESTION_CHARS:
            raise QuestionError(t("error_too_long", language, limit=MAX_QUESTION_CHARS, length=len(question)))
        resolved, route, facets, text = self.resolve(question, session)
        if route == "directory":
            answer = self._ask_directory(question, resolved, language, facets, text, started)
        else:
            doc_filters = {"doc_kind": "!directory", **(filters or {})}
            hits = self.retriever.search(resolved, k=k or self.settings.top_k, filters=doc_filters, mode=mode)
            retrieved = time.perf_counter()
            evidence = judge(resolved, hits, self.cache.get(), language)
            mode_used, notice = "extractive", ""
            if not evidence.supported:
                draft = abstention(hits, language)
            elif self.settings.llm_base_url:
                try:
                    draft, mode_used = self._generate(resolved, hits, language), "generative"
                except GenerationError as exc:
                    draft, notice = compose_answer(resolved, hits, language), t("llm_fallback", language, error=exc)
            else:
                draft = compose_answer(resolved, hits, language)
            if not draft.abstained and _COMMITMENT_TERMS.search(resolved):
                draft.text = annotate(draft.text, self.commitments())
            done = time.perf_counter()
            answer = Answer(question=question, answer=draft.text, abstained=draft.abstained, language=language,
                            citations=draft.citations, resolved_question=resolved, route="documents",
                            nearest=draft.nearest, mode=mode_used, notice=notice, hits=hits, evidence=evidence,
                            timings_ms=_timings(started, retrieved, done))
        if session is not None:
            session.turns.append(Turn(question=question, resolved=resolved, route=answer.route, facets=facets,
                                      text=text))
        return answer

    def _generate(self, question: str, hits: list[Hit], language: str) -> Draft:
        chosen = select_hits(hits)
        passages = [Passage(n=i, title=f"{h.metadata.get('doc_title', '')} — {h.metadata.get('section_title', '')}",
                            text=h.text) for i, h in enumerate(chosen, start=1)]
        text, cited = generate(self.settings, question, passages, language, self.embedder)
        renumber = {old: new for new, old in enumerate(cited, start=1)}
        text = re.sub(r"\[(\d+)\]", lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", text)
        citations = [citation_for(renumber[n], chosen[n - 1], chosen[n - 1].text) for n in cited]
        return Draft(text=text, citations=citations, abstained=False)

    def _ask_directory(self, question: str, resolved: str, language: str, facets: dict[str, str], text: str,
                       started: float) -> Answer:
        result = self.directory.search(text, region=facets.get("region"), table=facets.get("table"),
                                       kind=facets.get("kind"), limit=DIRECTORY_LIST_LIMIT,
                                       name_query=self.directory.name_query(question), language=language)
        retrieved = time.perf_counter()
        if not result.items:
            draft = Draft(text=t("directory_none", language), citations=[], abstained=True)
        else:
            described = ", ".join(v for v in facets.values() if v)
            lines = [t("directory_intro", language, n=result.total, facets=f" ({described})" if described else "")]
            citations = []
            for n, org in enumerate(result.items, start=1):
                where = ", ".join(org.regions[:3]) + ("…" if len(org.regions) > 3 else "")
                lines.append(f"- {org.name} — {where} [{n}]")
                quote = f"{org.name} — {'; '.join(org.tables)} — {'; '.join(org.regions)}"
                citations.append(Citation(n=n, source_id=org.org_id, title="Annuaire des organismes (tables de "
                                                                                "quartier)",
                                          section=org.name, page=org.row, page_label="ligne", quote=quote,
                                          score=round(org.score, 4), doc_kind="directory", chunk_id=org.chunk_id,
                                          source_path=org.source_path))
            if result.total > len(result.items):
                lines.append(t("directory_more", language, n=result.total - len(result.items)))
            lines.append("")
            lines.append(t("directory_caveat", language))
            draft = Draft(text="\n".join(lines), citations=citations, abstained=False)
        done = time.perf_counter()
        return Answer(question=question, answer=draft.text, abstained=draft.abstained, language=language,
                      citations=draft.citations, resolved_question=resolved, route="directory",
                      timings_ms=_timings(started, retrieved, done), directory=result)


def _timings(started: float, retrieved: float, done: float) -> dict[str, float]:
    return {"retrieve": round((retrieved - started) * 1000, 2), "answer": round((done - retrieved) * 1000, 2),
            "total": round((done - started) * 1000, 2)}


def citation_label(c: Citation, language: str = "fr") -> str:
    """"Title — Section (diapositive 20)" for display."""
    return f"{c.title} — {c.section}{page_text({'page': c.page, 'page_label': c.page_label}, language)}"


__all__ = ["Answer", "Assistant", "ChatSession", "Citation", "CommitmentRow", "DirectoryResult", "FitInputError",
           "FitResult", "GEOJSON_FILE", "QuestionError", "borough_map", "citation_label", "facet_counts",
           "load_guide", "write_csv", "write_hsds"]
