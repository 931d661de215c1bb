"""Sector inference for directory records: the 13 domains of the ISQ/EQOAC 2023 taxonomy, from the name only.

The records carry no sector, so any sector is a guess, stored and shown as *inferred* with a confidence:
- rules: reviewed keyword patterns per domain (``corpus/reference/secteurs_regles.csv``), confidence 0.85
  (0.95 with two matches);
- similarity, when no rule fires: the name (e5 ``query:``) against each domain's description and examples
  (e5 ``passage:``); the best domain is kept if it clears ``SIMILARITY_MIN`` by ``SIMILARITY_MARGIN`` over the
  next, with a lower confidence.
Precision and recall per domain are measured against a hand-labelled sample (``evals/sector_labels.csv``).

Usage: ``infer = SectorInference.from_reference(Path("corpus/reference"), embedder); infer("Moisson Montréal")``
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from assistant.core.taxonomy import TAXONOMY_FILE, Domain, SectorGuess, load_rules, load_taxonomy, rule_matches
RULE_CONFIDENCE = 0.85
SIMILARITY_MIN = 0.82
SIMILARITY_MARGIN = 0.015


class SectorInference:
    def __init__(self, domains: list[Domain], rules: dict[str, re.Pattern], embedder=None):
        self.domains = domains
        self.rules = rules
        self.embedder = embedder
        self._domain_vectors = None

    @classmethod
    def from_reference(cls, reference: Path, embedder=None) -> "SectorInference":
        domains = load_taxonomy(reference / TAXONOMY_FILE)
        return cls(domains, load_rules(reference, {d.code for d in domains}), embedder)

    @property
    def labels(self) -> dict[str, str]:
        return {d.code: d.label for d in self.domains}

    def _vectors(self) -> np.ndarray:
        if self._domain_vectors is None:
            texts = [f"{d.label}. {d.description} Exemples : {d.examples}" for d in self.domains]
            self._domain_vectors = self.embedder.embed_passages(texts)
        return self._domain_vectors

    def __call__(self, name: str) -> list[SectorGuess]:
        guesses = [SectorGuess(code, round(RULE_CONFIDENCE + (0.1 if count > 1 else 0.0), 2), "rule")
                   for code, count in rule_matches(name, self.rules).items()]
        if guesses or self.embedder is None:
            return sorted(guesses, key=lambda g: -g.confidence)
        similarity = self._vectors() @ self.embedder.embed_query(name)
        order = np.argsort(-similarity)
        best, second = float(similarity[order[0]]), float(similarity[order[1]])
        if best >= SIMILARITY_MIN and best - second >= SIMILARITY_MARGIN:
            confidence = min(0.7, 0.4 + 10 * (best - second))
            return [SectorGuess(self.domains[order[0]].code, round(confidence, 2), "similarity")]
        return []
