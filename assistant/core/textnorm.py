"""Text normalisation shared by ingestion, search and evaluation.

Usage: ``fold("Le Chaînon") == "le chainon"``
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "‐": "-"})


# Cached: answering folds the same unit texts and question terms for every candidate (a third of a warm ask's
# Python time before the cache). Strings are immutable, so a cached result cannot go stale.
@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, strip accents, unify apostrophes and dashes (œ → oe)."""
    text = text.translate(_APOSTROPHES).translate(_DASHES).lower()
    text = text.replace("œ", "oe").replace("æ", "ae")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def name_key(name: str) -> str:
    """Key under which two spellings of one organisation name collide."""
    return re.sub(r"[^a-z0-9]+", " ", fold(name)).strip()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
