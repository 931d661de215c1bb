"""French-aware lexical analysis for BM25: elisions, stop words, Snowball stemming, accent folding.

Usage: ``tokens = analyse("L'organisme reçoit du soutien locatif")  # ['organ', 'recoit', 'soutien', 'locat']``
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.core.textnorm import fold

_ELISION = re.compile(r"\b(?:[lLdDjJmMnNsStTcC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’]")
_WORD = re.compile(r"[\w]+(?:-[\w]+)*", re.UNICODE)

# Folded French stop words (bm25s's list plus question words that carry no topic).
_EXTRA_STOP = {
    "quel", "quels", "quelle", "quelles", "quoi", "comment", "pourquoi", "est", "ce", "cest", "sont", "etre",
    "peut", "peuvent", "fait", "faire", "y", "a", "t", "il", "elle", "on", "dit", "dire", "selon", "ville",
    "montreal", "politique", "the", "what", "which", "does", "do", "is", "are", "of", "and", "to", "in", "for",
    "how", "a", "an", "about", "et", "ou", "de", "des", "du", "la", "le", "les", "un", "une", "en", "au", "aux",
    "qui", "que", "dans", "par", "pour", "sur", "avec", "mon", "ma", "mes", "notre", "nos", "votre", "vos",
}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_FRENCH

    return frozenset({fold(w) for w in STOPWORDS_FRENCH} | _EXTRA_STOP)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("french")


def words(text: str) -> list[str]:
    """Lower-cased words with elisions removed and hyphenated words also split."""
    text = _ELISION.sub(" ", text.replace("’", "'"))
    out: list[str] = []
    for match in _WORD.finditer(text.lower()):
        token = match.group(0)
        parts = token.split("-")
        out.extend(parts if len(parts) > 1 else [token])
    return out


def analyse(text: str) -> list[str]:
    """Tokens for BM25: stop words dropped, stemmed with accents, then folded."""
    stop = _stopwords()
    kept = [w for w in words(text) if fold(w) not in stop and not w.isdigit() or (w.isdigit() and len(w) <= 4)]
    return [fold(stem) for stem in _stemmer().stemWords(kept)]
