"""Language-aware lexical analysis for BM25: French (elisions, stop words, Snowball stemming, accent folding) and
English (stop words, Snowball stemming) for the aligned unofficial translation.

Ingestion and queries must analyse text the same way: the index on disk stores the tokens this module made,
and ``ANALYSER_VERSION`` goes into the index's checksum so an index built by other code is noticed.

Usage: ``analyse("L'organisme reçoit du soutien locatif")  # ['organ', 'recoit', 'soutien', 'locat']``;
``analyse("preferential rental rates", "en")``
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.core.stopwords import ENGLISH, FRENCH
from assistant.core.textnorm import fold

ANALYSER_VERSION = 6  # 5: folded before stemming (« refugies » and « réfugiés » share a stem); 6: « ee » endings

_ELISION = re.compile(r"\b(?:[lLdDjJmMnNsStTcC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’]")
_WORD = re.compile(r"[\w]+(?:-[\w]+)*", re.UNICODE)

# Question words that carry no topic, in both languages (a French question may hold English words and back).
_QUESTION_WORDS = {
    "quel", "quels", "quelle", "quelles", "quoi", "comment", "pourquoi", "est", "ce", "cest", "sont", "etre",
    "peut", "peuvent", "fait", "faire", "y", "a", "t", "il", "elle", "on", "dit", "dire", "selon", "et", "ou",
    "de", "des", "du", "la", "le", "les", "un", "une", "en", "au", "aux", "qui", "que", "dans", "par", "pour",
    "sur", "avec", "mon", "ma", "mes", "notre", "nos", "votre", "vos",
    "what", "which", "does", "do", "is", "are", "of", "and", "to", "in", "for", "how", "an", "about", "the",
}
# Everyday words that carry no topic but are missing from the stop lists (they would otherwise count as words
# the corpus never uses, and weigh as evidence that a question is out of scope).
_EVERYDAY = {
    "would", "could", "say", "says", "said", "want", "wants", "like", "kind", "much", "many", "ask", "asks", "offer",
    "offers", "something", "anything", "keep", "keeps", "matter", "matters", "differ", "another", "need", "needs",
    "get", "got", "set", "one", "ones", "also", "else", "still", "just", "really", "quite", "rather", "lot", "lots",
    "way", "ways", "thing", "things", "make", "makes", "let", "tell", "know", "think", "use", "used", "take", "come",
    "go", "goes", "give", "gives", "please", "thanks", "ok", "okay", "yes", "there", "here", "now", "then", "which",
    "va", "vont", "si", "elles", "ils", "voudrait", "voudrions", "possible", "chose", "choses", "genre", "faut",
    "fais", "fait", "faire", "veut", "veux", "voulons", "aussi", "encore", "bien", "donc", "alors", "merci", "svp",
    "ca", "cela", "ceci", "tout", "tous", "toute", "toutes", "quoi", "dire", "dit", "disent", "ti", "pis", "tu",
    # relative pronouns (« les valeurs sur lesquelles repose… »): grammar, not topic
    "lequel", "laquelle", "lesquels", "lesquelles", "auquel", "auxquels", "auxquelles", "duquel", "desquels",
    "desquelles",
}
# Words too common in this corpus to tell passages apart ("la Ville de Montréal"). « politique » stays: it tells
# the policy from the Declaration.
_CORPUS_COMMON = {"ville", "montreal", "city"}


# Words recur (a 100k directory has a few thousand distinct ones): folding each once makes analysis 2-3x faster.
_fold_word = lru_cache(maxsize=1 << 16)(fold)


@lru_cache(maxsize=2)
def _stopwords(language: str) -> frozenset[str]:
    base = FRENCH if language == "fr" else ENGLISH
    return frozenset({fold(w) for w in base} | _QUESTION_WORDS | _CORPUS_COMMON | _EVERYDAY)


@lru_cache(maxsize=2)
def _stemmer(language: str):
    import Stemmer

    return Stemmer.Stemmer("french" if language == "fr" else "english")


def words(text: str) -> list[str]:
    """Lower-cased words with French elisions removed and hyphenated words also split."""
    text = _ELISION.sub(" ", text.replace("’", "'"))
    out: list[str] = []
    for match in _WORD.finditer(text.lower()):
        token = match.group(0)
        parts = token.split("-")
        out.extend(parts if len(parts) > 1 else [token])
    return out


def analyse(text: str, language: str = "fr") -> list[str]:
    """Tokens for BM25: stop words dropped, folded, then stemmed; numbers of up to 4 digits kept (years).

    Folding first: people in a hurry type without accents, and the French stemmer cuts « réfugiés » and
    « refugies » differently (« refugi », « refug »); folded, both sides get the same stem."""
    stop = _stopwords(language)
    kept = []
    for w in words(text):
        if w.isdigit():
            if len(w) <= 4:
                kept.append(w)
        elif _fold_word(w) not in stop:
            kept.append(w)
    if language == "en":
        kept = [w.replace("'s", "") for w in kept]
    stems = _stemmer(language).stemWords([_fold_word(w) for w in kept])
    if language == "fr":
        # Folded, « préparée » ends in « ee », which the stemmer does not know as an ending (it knows « ée »): the
        # « e » it leaves is dropped, so « préparée » and « préparer » meet again.
        stems = [s[:-1] if len(s) > 3 and s.endswith("e") else s for s in stems]
    return stems
