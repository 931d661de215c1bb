"""Question language, French or English, from function words — robust to French names inside English sentences.

Proper names are mostly French here ("the Commission permanente sur le développement social…", "Le Chaînon",
"soutien locatif"), so their words must not count as French evidence: a span that starts at a capitalised word
(not the first) runs until the next English function word, and is left out of the count when the rest of the
sentence reads as English. Words shared by both languages ("a", "on", "me") count for neither. A question with
no evidence either way (« 2? », "ok") keeps the conversation's language.

Usage: ``detect_language("What powers does Réflexe Montréal give the City?") == "en"``
"""

from __future__ import annotations

import re

from assistant.core.textnorm import fold

ENGLISH_WORDS = frozenset({
    "the", "an", "of", "to", "in", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "what",
    "whats", "which", "who", "whom", "whose", "how", "when", "where", "why", "can", "could", "should", "would",
    "will", "must", "may", "we", "our", "us", "my", "i", "you", "your", "it", "its", "they", "their", "them", "this",
    "that", "these", "those", "there", "any", "about", "with", "for", "from", "by", "at", "and", "or", "not", "no",
    "yes", "please", "thanks", "thank", "tell", "find", "give", "show", "get", "has", "have", "had", "much", "many",
    "english", "french", "only", "also", "just", "if", "than", "then", "so", "some", "all", "each", "every", "into",
    "under", "between", "after", "before", "since", "other", "another", "one", "two", "three", "first", "second",
    "third", "else", "still", "why", "whether", "mean", "means", "need", "want", "looking", "list", "belong",
    "member", "members", "mention", "mentioned", "helps", "policy", "city", "support", "organisation",
    "organization", "organisations", "organizations", "community", "groups", "group", "slide", "slides", "say",
    "says", "said", "adopted", "talk", "talks", "role", "play", "plays", "covers", "cover", "part", "neighbourhood",
    "neighborhood", "round", "date", "day", "year", "years", "committee", "principle", "commitments", "kind",
    "kinds", "type", "types", "fund", "funding", "money", "rent", "room", "space", "help", "our", "ours",
})
FRENCH_WORDS = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "et", "ou", "est", "sont", "c", "qu", "que", "qui",
    "quoi", "quel", "quelle", "quels", "quelles", "quand", "comment", "pourquoi", "combien", "ou", "je", "j", "tu",
    "il", "elle", "nous", "vous", "ils", "elles", "ca", "ce", "cette", "ces", "mon", "ma", "mes", "notre", "nos",
    "votre", "vos", "leur", "leurs", "pour", "dans", "sur", "avec", "par", "au", "aux", "y", "en", "pas", "ne", "n",
    "se", "s", "svp", "merci", "oui", "non", "donne", "moi", "peux", "peut", "peuvent", "faut", "fait", "font",
    "diapo", "diapositive", "aussi", "alors", "puis", "pis", "mais", "donc", "francais", "anglais", "etait",
    "sera", "ont", "avoir", "etre", "selon", "ville", "politique", "soutien", "organisme", "organismes", "quoi",
    "lequel", "laquelle", "lesquels", "celui", "celle", "ceux", "dont", "chez", "entre", "sans", "sous", "vers",
    "depuis", "tous", "tout", "toute", "toutes", "autre", "autres", "premier", "deuxieme", "troisieme", "engagements",
    "principe", "comite", "ya", "tu", "genre", "juste", "beaucoup",
})
# Requests to change language ("in English please", « en français svp »).
SWITCH_TO = (
    ("en", re.compile(r"\b(in english|en anglais|english please|and in english|answer in english|translate)\b", re.I)),
    ("fr", re.compile(r"\b(en fran[cç]ais|in french|french please|fran[cç]ais (svp|s'il vous pla[iî]t|please))\b",
                      re.I)),
)
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-zÀ-ÿ]+)?|\d+|[?!.,;:«»\"()]")


_ENGLISH_CLITICS = {"s", "t", "re", "ll", "ve", "d", "m"}  # "what's", "don't", "we're": not French « s' », « t' »
# The question word says which language the question is asked in, when the other words are even
QUESTION_WORD = re.compile(r"\b(?:(what|which|who|whom|whose|when|where|why|how)|(quel\w*|qui|quoi|quand|comment|"
                            r"pourquoi|combien|lequel|laquelle|lesquel\w*))\b")


def _count(tokens: list[str]) -> tuple[int, int]:
    en = fr = 0
    for token in tokens:
        parts = re.split(r"['’]", fold(token))
        # (the part after an English apostrophe is a clitic, not a French elided word)
        parts = parts[:1] + [p for p in parts[1:] if p not in _ENGLISH_CLITICS]
        for part in parts:
            en += part in ENGLISH_WORDS and part not in FRENCH_WORDS
            fr += part in FRENCH_WORDS and part not in ENGLISH_WORDS
    return en, fr


def _outside_names(tokens: list[str]) -> list[str]:
    """Tokens that are not part of a proper-name span (see the module docstring)."""
    out, in_name = [], False
    for n, token in enumerate(tokens):
        if not token[0].isalnum():
            in_name = False
            out.append(token)
            continue
        folded = fold(token)
        if in_name and folded in ENGLISH_WORDS and folded not in FRENCH_WORDS:
            in_name = False
        if not in_name and n > 0 and token[0].isupper() and tokens[n - 1] not in (".", "?", "!"):
            in_name = True
        if not in_name:
            out.append(token)
    return out


def language_switch(text: str) -> str | None:
    """"en" or "fr" when the text asks to change language, else None."""
    for language, pattern in SWITCH_TO:
        if pattern.search(text):
            return language
    return None


def detect_language(text: str, default: str = "fr") -> str:
    switch = language_switch(text)
    if switch and len(text.split()) <= 6:
        return switch
    tokens = _TOKEN.findall(text)
    en, fr = _count(_outside_names(tokens))
    if en > fr:
        return "en"
    if fr > en:
        return "fr"
    en_all, fr_all = _count(tokens)
    if en_all != fr_all:
        return "en" if en_all > fr_all else "fr"
    asked = QUESTION_WORD.search(" ".join(fold(t) for t in _outside_names(tokens)))
    if asked:
        return "en" if asked.group(1) else "fr"
    accents = re.sub(r"\b[A-ZÀ-Ý][\wÀ-ÿ'’-]*", " ", text)  # accents outside capitalised names are French evidence
    if re.search(r"[éèêàùçôîœ]", accents.lower()):
        return "fr"
    return default
