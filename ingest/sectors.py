"""Sector inference for directory records: the 13 domains of the ISQ/EQOAC 2023 taxonomy, from the name only.

The records carry no sector, so any sector is a guess, stored and shown as *inferred* with a confidence:
- rules: reviewed keyword patterns per domain (``corpus/reference/secteurs_regles.csv``, words taken from the ISQ
  domain descriptions and examples, in French and English), confidence 0.85 (0.95 with two matches), matched
  against the name with its place names taken out (the alias table's boroughs and neighbourhoods: "Parc-Extension"
  is a place, not a park);
- the round table's published category, where it names a field ("Institutions (Santé)", "Tables sectorielles"),
  confidence 0.8;
- public bodies and elected officials' offices ("Arrondissement de …", "SPVM", "Caisse Desjardins") get no sector:
  they are not community organisations;
- similarity, when no rule fires: the name (e5 ``query:``) against each domain's description and examples
  (e5 ``passage:``); the best domain is kept if it clears ``SIMILARITY_MIN`` by ``SIMILARITY_MARGIN`` over the
  next, with a lower confidence.
Precision and recall per domain are measured against a hand-labelled sample (``evals/sector_labels.csv``).

Usage: ``infer = SectorInference.from_reference(Path("corpus/reference"), embedder); infer("Moisson Montréal")``
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np

from assistant.core.places import ALIAS_FILE
from assistant.core.taxonomy import TAXONOMY_FILE, Domain, SectorGuess, load_rules, load_taxonomy, rule_matches
from assistant.core.textnorm import fold

RULE_CONFIDENCE = 0.85
CATEGORY_CONFIDENCE = 0.8
# A table's own category that names a field (matched on the folded category).
CATEGORY_SECTORS = [
    (re.compile(r"institutions? \(sante\)"), "sante"),
    (re.compile(r"\(education et recherche\)"), "education_formation"),
    (re.compile(r"tables sectorielles|regroupements des cdc et tables de quartier"), "developpement_communautaire"),
]
# Public bodies, banks, business development agencies and elected officials' offices: no community-action domain.
NO_SECTOR = re.compile(r"^(arrondissement|ville de|city of|bureau (de |du |d')?(la |le )?(depute|ministre|conseill|circonscr)|"
                       r"bureau d'[a-z]+ [a-z]+$|cabinet|depute|conseill\w+ (de ville|municipal)|"
                       r"spvm|poste de quartier|service de police|caisse|desjardins|pme mtl|banque (nationale|royale|td)|"
                       r"societe de developpement commercial|sdc |chambre de commerce|"
                       # public services and places of worship: they have a field, but no community-action domain
                       r"ecoles?|college|cegep|centre de services scolaire|commission scolaire|bibliotheque(?! d'outils)|"
                       r"maison de la culture|ministere|gouvernement|services quebec|agglomeration|eglise|paroisse|"
                       r"synagogue|mosquee|hopital|centre hospitalier|parcs canada|"
                       # a daycare that is not a CPE nor a drop-in one is a business (« Garderie Les Petits-Anges »)
                       r"garderie(?! communautaire))|"
                       r"\bspvm\b|\bpdq ?\d|\b(ciusss|cisss|csss|clsc|sante publique|universite|university|church|"
                       r"centre integre (universitaire )?de sante|services quebec|school board|uqam|syndicat)\b")
# A users' committee of a public institution (« Comité des usagers du CIUSSS … ») defends the users' rights: it is
# not the institution.
USERS_COMMITTEE = re.compile(r"^comite (des|d') ?usagers\b")
# Membership kinds (from the round tables' categories) of members that are not community organisations.
NOT_COMMUNITY_KINDS = {"institution", "business", "elected_official"}
# A name that starts with the type of organisation says its domain; the rest is a proper name (« CPE Aux Petits
# Soins » is a daycare, not a care provider; « Club des aînés » is leisure, not health).
TYPE_HEADS = [
    (re.compile(r"^(cpe|centre de la petite enfance|halte[ -]garderie|maisons? des? jeunes|mdj)\b"),
     "developpement_enfants_familles"),
    (re.compile(r"^(les )?(co ?op(erative)?s? d'habitation|habitations?|hlm|osbl d'habitation|societe d'habitation)\b"),
     "logement"),
    (re.compile(r"^(le |la |les )?(clubs?|centres?|cercles?) (des |de l'|d')?(aine\w*|age d'or|retraites?|seniors?|50 ?\+)|"
                r"^fadoq\b|^club (de |d')?(l')?age d'or"), "sports_loisirs_tourisme"),
]
SIMILARITY_MIN = 0.82
SIMILARITY_MARGIN = 0.015


class SectorInference:
    def __init__(self, domains: list[Domain], rules: dict[str, re.Pattern], embedder=None,
                 places: list[str] | None = None):
        self.domains = domains
        self.rules = rules
        self.embedder = embedder
        self._domain_vectors = None
        # Longest first, so "Pointe-aux-Trembles" goes before "Pointe".
        words = sorted({p for p in (places or []) if len(p) >= 4}, key=len, reverse=True)
        self._places = re.compile(r"\b(" + "|".join(r"[\s-]+".join(map(re.escape, w.split())) for w in words)
                                  + r")\b") if words else None

    @classmethod
    def from_reference(cls, reference: Path, embedder=None) -> "SectorInference":
        domains = load_taxonomy(reference / TAXONOMY_FILE)
        places = []
        if (reference / ALIAS_FILE).exists():
            with (reference / ALIAS_FILE).open(encoding="utf-8", newline="") as fh:
                places = [_plain(r["alias"]) for r in csv.DictReader(fh) if r["field"] == "borough"]
        return cls(domains, load_rules(reference, {d.code for d in domains}), embedder, places)

    def strip_places(self, name: str) -> str:
        """The name (folded) without the places it names."""
        text = fold(name).replace("’", "'")
        return self._places.sub(" ", text) if self._places else text

    @property
    def labels(self) -> dict[str, str]:
        return {d.code: d.label for d in self.domains}

    def _vectors(self) -> np.ndarray:
        if self._domain_vectors is None:
            texts = [f"{d.label}. {d.description} Exemples : {d.examples}" for d in self.domains]
            self._domain_vectors = self.embedder.embed_passages(texts)
        return self._domain_vectors

    def __call__(self, name: str, categories: list[str] | tuple[str, ...] = (), kind: str = "") -> list[SectorGuess]:
        """Inferred sectors of an organisation from its name, the categories its round tables published and the
        membership kind they give (an institution or a business gets none)."""
        if kind in NOT_COMMUNITY_KINDS or (NO_SECTOR.search(_plain(name)) and not USERS_COMMITTEE.search(_plain(name))):
            return []
        text = self.strip_places(name)
        for pattern, code in TYPE_HEADS:
            if pattern.search(_plain(text).lstrip()):
                return [SectorGuess(code, round(RULE_CONFIDENCE + 0.1, 2), "rule")]
        guesses = [SectorGuess(code, round(RULE_CONFIDENCE + (0.1 if count > 1 else 0.0), 2), "rule")
                   for code, count in rule_matches(text, self.rules).items()]
        found = {g.code for g in guesses}
        for category in categories:
            for pattern, code in CATEGORY_SECTORS:
                if code not in found and pattern.search(fold(category)):
                    guesses.append(SectorGuess(code, CATEGORY_CONFIDENCE, "category"))
                    found.add(code)
        if guesses or self.embedder is None:
            return sorted(guesses, key=lambda g: -g.confidence)
        similarity = self._vectors() @ self.embedder.embed_query(name)
        order = np.argsort(-similarity)
        best, second = float(similarity[order[0]]), float(similarity[order[1]])
        if best >= SIMILARITY_MIN and best - second >= SIMILARITY_MARGIN:
            confidence = min(0.7, 0.4 + 10 * (best - second))
            return [SectorGuess(self.domains[order[0]].code, round(confidence, 2), "similarity")]
        return []


def _plain(text: str) -> str:
    """Folded, with hyphens and dashes as spaces (place names and names compared word by word)."""
    return " ".join(re.sub(r"[-/]+", " ", fold(text).replace("’", "'")).split())
