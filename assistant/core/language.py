"""Question language: French or English, from function words (short questions default to French).

Usage: ``detect_language("What about principle 3?") == "en"``
"""

from __future__ import annotations

import re

from assistant.core.textnorm import fold

ENGLISH_WORDS = {"the", "what", "which", "who", "how", "does", "do", "is", "are", "of", "and", "to", "for", "about", "city",
       "support", "policy", "can", "my", "our", "organization", "organisation", "organizations", "when", "where",
       "why", "with", "commitments", "principle", "types", "kind", "kinds", "there", "any", "in", "an", "a", "list",
       "find", "groups", "help", "was", "were", "did", "adopted", "declaration", "committee", "values", "it"}
FRENCH_WORDS = {"le", "la", "les", "des", "du", "de", "quel", "quels", "quelle", "quelles", "est", "sont", "pour", "et",
       "que", "qui", "quoi", "comment", "pourquoi", "ville", "soutien", "organisme", "organismes", "un", "une",
       "au", "aux", "dans", "politique", "engagements", "principe", "mon", "notre", "ou", "y", "a", "t", "il",
       "je", "nous", "peut", "ce", "cette", "c", "l", "d", "qu", "en", "sur", "par", "avec", "declaration"}


def detect_language(text: str) -> str:
    tokens = re.findall(r"[a-z]+", fold(text))
    en = sum(t in ENGLISH_WORDS for t in tokens)
    fr = sum(t in FRENCH_WORDS for t in tokens)
    if re.search(r"[éèêàùçôîœ]", text.lower()):
        fr += 1
    return "en" if en > fr else "fr"
