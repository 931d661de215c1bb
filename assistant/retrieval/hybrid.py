"""Hybrid retrieval through the store: dense top-k from Chroma (HNSW, cosine, ``where`` filters) fused by
reciprocal rank with BM25 from the generation's lexical index — French always, and English BM25 on the aligned
translation when the question is English.

Only candidates come back from Chroma (a pool of top-k by each side); lexical-only candidates get their cosine
similarity from Chroma by id, so every hit carries both scores.

Usage: ``hits = HybridRetriever(settings).search("soutien locatif", k=5, filters={"doc_kind": "!directory"})``
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from assistant.core.config import Settings
from assistant.core.embeddings import CountingEmbedding, get_embedder
from assistant.core.language import detect_language
from assistant.core.lexical import analyse
from assistant.core.lexindex import top_positions
from assistant.core.store import StoreError
from assistant.retrieval.index import GenerationCache, GenerationView, Record

Mode = Literal["hybrid", "bm25", "dense"]
RRF_K = 60
POOL = 40  # candidates taken from each side before fusion


@dataclass
class Hit:
    id: str
    text: str
    metadata: dict
    score: float  # fused score (what the ranking used)
    dense: float  # cosine similarity to the question, whatever the mode
    lexical: float  # BM25 score, French plus English (0 when no query term matches)
    rank: int


class HybridRetriever:
    """Hybrid search over the active generation; ``search`` is the typed entry point."""

    def __init__(self, settings: Settings, cache: GenerationCache | None = None,
                 embedder: CountingEmbedding | None = None):
        self.settings = settings
        self.cache = cache or GenerationCache(settings)
        self.embedder = embedder or get_embedder(settings)

    def view(self) -> GenerationView:
        view = self.cache.get()
        if view.embed_model and view.embed_model != self.embedder.model_name:
            raise StoreError(f"the store was built with {view.embed_model} but the configured embedder is "
                             f"{self.embedder.model_name}; run `repere ingest --rebuild` or change embed_backend")
        return view

    def lexical_scores(self, view: GenerationView, query: str, language: str) -> np.ndarray:
        scores = view.lexical.scores(analyse(query, "fr"), "fr")
        if language == "en":
            scores = scores + view.lexical.scores(analyse(query, "en"), "en")
        return scores

    def search(self, query: str, k: int | None = None, filters: dict | None = None, mode: Mode = "hybrid",
               language: str | None = None, vector: np.ndarray | None = None,
               lexical_scores: np.ndarray | None = None) -> list[Hit]:
        """Top ``k`` records by fused rank; ``vector`` and ``lexical_scores`` (``lexical_scores()``'s array), when the
        caller already computed them for ``query``, are not computed again."""
        k = k or self.settings.top_k
        view = self.view()
        language = language or detect_language(query)
        vector = self.embedder.embed_query(query) if vector is None else vector
        pool = max(POOL, 2 * k)
        dense = view.dense_ids(vector, pool, filters) if mode != "bm25" else {}
        lexical = {}
        if mode != "dense":
            scores = self.lexical_scores(view, query, language) if lexical_scores is None else lexical_scores
            scores = np.where(view.mask(filters), scores, 0.0)
            lexical = {view.lexical.ids[p]: float(scores[p]) for p in top_positions(scores, pool)}
        dense.update(view.similarity(vector, [i for i in lexical if i not in dense]))
        if mode == "bm25":
            order = sorted(lexical, key=lambda i: (-lexical[i], -dense.get(i, 0.0)))
            fused = {i: lexical[i] for i in order}
        else:
            fused = fuse(dense, lexical if mode == "hybrid" else {})
            order = sorted(fused, key=lambda i: -fused[i])
        records = view.records(order[:k])
        chosen = [i for i in order[:k] if i in records]
        return [Hit(id=i, text=records[i].text, metadata=records[i].metadata, score=float(fused[i]),
                    dense=float(dense.get(i, 0.0)), lexical=float(lexical.get(i, 0.0)), rank=r + 1)
                for r, i in enumerate(chosen)]


def fuse(dense: dict[str, float], lexical: dict[str, float]) -> dict[str, float]:
    """Reciprocal-rank fusion of the candidates' dense and lexical rankings (a side that did not find a
    candidate contributes nothing to it)."""
    dense_rank = {i: r for r, i in enumerate(sorted(dense, key=lambda i: -dense[i]), start=1)}
    lexical_rank = {i: r for r, i in enumerate(sorted(lexical, key=lambda i: -lexical[i]), start=1)}
    return {i: 1.0 / (RRF_K + dense_rank[i]) + (1.0 / (RRF_K + lexical_rank[i]) if i in lexical_rank else 0.0)
            for i in dense_rank}
