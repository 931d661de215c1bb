"""Is the corpus able to answer? The abstention rule, calibrated on the evaluation set.

Signals: the best chunk's cosine similarity (dense), the share of the question's terms found in the documents'
vocabulary (coverage; for English, the share of words the domain glossary knows), and names the corpus never
mentions ("Toronto", "SPVM", "Ville de Québec"): a question about something absent is out of scope.

Usage: ``decision = judge(question, hits, view); decision.supported``
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from assistant.core.glossary import GLOSSARY
from assistant.retrieval.index import GenerationView
from assistant.core.language import ENGLISH_WORDS, FRENCH_WORDS, detect_language
from assistant.core.lexical import analyse, words
from assistant.retrieval.hybrid import Hit
from assistant.core.textnorm import fold

# score = dense + COVERAGE_WEIGHT * coverage must reach the language's threshold (see evals/reports/latest.md).
COVERAGE_WEIGHT = 0.1
THRESHOLD = {"fr": 0.87, "en": 0.845}

_ENGLISH_STOP = {"i", "me", "my", "we", "us", "our", "you", "your", "it", "its", "they", "them", "their", "at", "by",
                 "from", "on", "under", "with", "can", "could", "should", "would", "will", "has", "have", "had",
                 "been", "be", "this", "that", "these", "those", "who", "whom", "when", "where", "why", "what",
                 "which", "how", "does", "do", "did", "is", "are", "was", "were", "the", "a", "an", "of", "and", "or",
                 "to", "in", "for", "about", "there", "any", "some", "so", "if", "not", "no", "yes", "get", "give", "up", "s"}
QUESTION_WORDS = {"quand", "combien", "comment", "pourquoi", "ou", "quel", "quels", "quelle", "quelles", "est",
                  "existe", "y", "peut", "dois", "donne", "donnez", "liste", "trouve", "explique", "resume"}
_OTHER_MUNICIPALITY = re.compile(r"\b(?i:ville|city|municipalit[ée]) (?i:de|of) ([A-ZÀ-Ý][\w'-]+)|\b([A-Z][a-z]+) City\b")


@dataclass
class Evidence:
    supported: bool
    score: float
    dense: float
    coverage: float
    unknown_names: list[str]
    language: str


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Function and question words of both languages: capitalised at a sentence start, never a name."""
    from bm25s.stopwords import STOPWORDS_FRENCH

    return frozenset({fold(w) for w in STOPWORDS_FRENCH} | ENGLISH_WORDS | FRENCH_WORDS | _ENGLISH_STOP
                     | QUESTION_WORDS | {"c", "l", "d", "j", "qu", "s", "n", "m", "t"})


def unknown_names(question: str, view: GenerationView) -> list[str]:
    """Capitalised words and acronyms of the question that the documents never mention."""
    found = []
    match = _OTHER_MUNICIPALITY.search(question)
    if match:
        place = match.group(1) or match.group(2)
        if fold(place) not in ("montreal", "montreal-est"):
            found.append(f"{match.group(0)}")
    tokens = re.findall(r"[A-Za-zÀ-ÿ][\w'-]*", question)
    for token in tokens:
        if not (token[0].isupper() or (token.isupper() and len(token) > 1)):
            continue
        folded = fold(token).strip("'-")
        parts = [p for p in re.split(r"[-']", folded) if p]
        if all(p in view.document_words or p in GLOSSARY or p in _common_words() for p in parts):
            continue
        found.append(token)
    return found


def coverage(question: str, language: str, view: GenerationView) -> float:
    if language == "en":
        content = [w for w in words(question) if w not in _ENGLISH_STOP and not w.isdigit()]
        known = [w for w in content if w in GLOSSARY or fold(w) in view.document_words]
        return len(known) / len(content) if content else 0.0
    tokens = analyse(question)
    return sum(t in view.document_vocabulary for t in tokens) / len(tokens) if tokens else 0.0


def judge(question: str, hits: list[Hit], view: GenerationView, language: str | None = None) -> Evidence:
    language = language or detect_language(question)
    dense = hits[0].dense if hits else 0.0  # the chunk the answer would quote first
    cov = coverage(question, language, view)
    names = unknown_names(question, view)
    score = dense + COVERAGE_WEIGHT * cov
    supported = bool(hits) and not names and score >= THRESHOLD.get(language, THRESHOLD["fr"])
    return Evidence(supported=supported, score=round(score, 4), dense=round(dense, 4), coverage=round(cov, 3),
                    unknown_names=names, language=language)
