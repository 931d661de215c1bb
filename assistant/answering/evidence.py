"""Can the corpus answer? Abstention by evidence and by answer type.

- **Names the corpus never mentions** ("Toronto", "SPVM", "Ville de Québec"): the question is about something
  else; abstain.
- **Answer type**: a question asking for an amount, a date or a person, when no selected unit holds one, gets a
  precise refusal ("no amount …") — even when a unit shares its words (a named group, a report) — unless a unit
  matches the question's focus closely.
- **Evidence**: the best unit's similarity plus the share of the question's focus terms it contains (typos
  forgiven) must reach a threshold; the focus terms the corpus never uses at all lower the evidence (a
  question about snow removal or permits shares only its place name with the corpus).

Thresholds are calibrated on the **dev** split only (``evals/cases/dev.json``; see evals/README.md).

Usage: ``verdict = judge(question, choice, view)``; ``verdict.reason``
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.answering.question import Question
from assistant.answering.select import Choice, _similar
from assistant.core.language import ENGLISH_WORDS, FRENCH_WORDS
from assistant.core.stopwords import ENGLISH, FRENCH
from assistant.core.textnorm import fold
from assistant.retrieval.index import GenerationView

# A logistic model of "the corpus answers this question" over the chosen unit's evidence, fitted on the dev split
# by ``python -m evals.calibrate``; the threshold keeps false abstentions on dev under 2 % (1.2 %).
EVIDENCE_FEATURES = ("dense", "coverage", "unknown_share", "unit_score", "bm25", "section")
EVIDENCE_WEIGHTS = {"dense": 15.59, "coverage": 1.48, "unknown_share": -3.58, "unit_score": 0.23, "bm25": 0.15,
                    "section": -0.46, "bias": -14.12}
THRESHOLD = 0.6
CLOSE_MATCH = 0.95  # a unit this close answers even without the asked type (e.g. "depuis 1987" phrasing)
_OTHER_MUNICIPALITY = re.compile(r"\b(?i:ville|city|municipalit[ée]) (?i:de|of) ([A-ZÀ-Ý][\w'-]+)|\b([A-Z][a-z]+) City\b")
QUESTION_WORDS = {"quand", "combien", "comment", "pourquoi", "ou", "quel", "quels", "quelle", "quelles", "est",
                  "existe", "y", "peut", "dois", "donne", "donnez", "liste", "trouve", "explique", "resume", "svp",
                  "merci", "ok", "oui", "non"}


@dataclass
class Verdict:
    supported: bool
    reason: str  # "" when supported; unknown_names | no_amount | no_date | no_person | weak
    score: float  # probability that the corpus answers (evidence model)
    dense: float
    coverage: float
    unknown: list[str]
    unknown_share: float = 0.0
    unknown_names: list[str] = None
    features: dict = None


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Function and question words of both languages: capitalised at a sentence start, never a name."""
    return frozenset({fold(w) for w in FRENCH | ENGLISH} | ENGLISH_WORDS | FRENCH_WORDS | QUESTION_WORDS
                     | {"c", "l", "d", "j", "qu", "s", "n", "m", "t"})


def unknown_names(question: Question, view: GenerationView) -> list[str]:
    """Names (capitalised words, acronyms) of the question that the corpus never mentions."""
    found = []
    match = _OTHER_MUNICIPALITY.search(question.text)
    if match:
        place = match.group(1) or match.group(2)
        if fold(place) not in ("montreal", "montreal-est"):
            found.append(match.group(0))
    words = view.document_words
    for token in question.names:
        folded = fold(token).strip("'-")
        parts = [p for p in re.split(r"[-']", folded) if p]
        if all(p in words or p in _common_words() for p in parts):
            continue
        found.append(token)
    return found


def unknown_terms(question: Question, view: GenerationView) -> list[str]:
    """Focus terms of the question that no document uses (nor a one-letter typo of one), in the question's
    language (English against the aligned translation)."""
    english = question.language == "en"
    vocabulary = view.lexical.vocabulary_en if english else view.document_vocabulary
    words = view.document_words
    out = []
    for term in set(question.focus_en if english else question.focus):
        if term in vocabulary or term in words or term.isdigit():
            continue
        if len(term) >= 5 and any(_similar(term, v) for v in vocabulary if abs(len(v) - len(term)) <= 1):
            continue
        out.append(term)
    return out


def judge(question: Question, choice: Choice, view: GenerationView) -> Verdict:
    best = choice.best
    dense = best.hit.dense if best else 0.0
    cov = best.coverage if best else 0.0
    names = unknown_names(question, view)
    unknown = unknown_terms(question, view)
    share = len(unknown) / max(1, len(set(question.focus_en if question.language == "en" else question.focus)))
    features = {"dense": dense, "coverage": cov, "unknown_share": share, "unit_score": best.score if best else 0.0,
                "bm25": best.hit.lexical if best else 0.0,
                "section": best.reasons.get("section", 0.0) if best else 0.0}
    logit = EVIDENCE_WEIGHTS["bias"] + sum(EVIDENCE_WEIGHTS[k] * v for k, v in features.items())
    score = 1 / (1 + math.exp(-max(-50.0, min(50.0, logit))))
    verdict = Verdict(True, "", round(score, 4), round(dense, 4), round(cov, 3), names + unknown, round(share, 3),
                      names, features)
    if best is None:
        verdict.supported, verdict.reason = False, "weak"
    elif names:
        verdict.supported, verdict.reason = False, "unknown_names"
    elif question.answer_type in ("amount", "date", "person_or_body") and not any(
            c.type_fit for c in choice.units) and dense < CLOSE_MATCH:
        verdict.supported = False
        verdict.reason = {"amount": "no_amount", "date": "no_date", "person_or_body": "no_person"}[
            question.answer_type]
    elif score < THRESHOLD:
        verdict.supported, verdict.reason = False, "weak"
    return verdict
