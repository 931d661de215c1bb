"""The active generation as the query path sees it: the Chroma collection (dense search, records) and the
generation's lexical index on disk (BM25, filter columns, names, vocabulary).

Nothing is loaded into memory but the lexical index's small files (memory-mapped scores); a running process
checks the manifest at most every ``refresh_s`` seconds and switches to a newly published generation between
requests. With a Chroma server, a process that has no lexical index for the generation yet rebuilds it once
from the collection and checks it against the checksum in the manifest.

Usage: ``view = GenerationCache(settings).get(); view.dense(vector, 10, {"doc_kind": "!directory"})``
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import numpy as np

from assistant.core.config import Settings
from assistant.core.lexindex import FLAGGED, LexicalIndex, LexicalIndexBuilder, flag_key
from assistant.core.store import Manifest, Store, StoreError, fetch_all

log = logging.getLogger("repere.retrieval")
NOTHING = {"record_type": "∅"}  # a clause no record matches (a filter value that exists nowhere)


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    metadata: dict


class GenerationView:
    """One published generation: its collection and its lexical index."""

    def __init__(self, manifest: Manifest, collection, lexical: LexicalIndex):
        self.generation = manifest.active
        self.embed_model = manifest.embed_model
        self.collection = collection
        self.lexical = lexical
        self.is_directory = lexical.mask({"record_type": "org"})

    def __len__(self) -> int:
        return len(self.lexical)

    @property
    def document_words(self) -> frozenset[str]:
        return self.lexical.document_words

    @property
    def document_vocabulary(self) -> frozenset[str]:
        return self.lexical.vocabulary

    def mask(self, filters: dict | None) -> np.ndarray:
        return self.lexical.mask(filters)

    def where(self, filters: dict | None) -> dict | None:
        """The same filters as Chroma ``where`` clauses (values resolved through the lexical index's columns,
        so both sides select exactly the same records)."""
        clauses = []
        for field, wanted in (filters or {}).items():
            if wanted in (None, "", [], ()):
                continue
            selected, negate = self.lexical.matching(field, wanted)
            if field in FLAGGED:
                flags = [{flag_key(field, v): True} for v in selected]
                if negate:
                    clauses += [{flag_key(field, v): {"$ne": True}} for v in selected]
                else:
                    clauses.append(flags[0] if len(flags) == 1 else {"$or": flags} if flags else NOTHING)
                continue
            key = "section_path" if field == "section" else field
            if negate:
                clauses.append({key: {"$nin": selected}} if selected else {})
            else:
                clauses.append({key: {"$in": selected}} if selected else NOTHING)
        clauses = [c for c in clauses if c]
        return None if not clauses else clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def dense(self, vector: np.ndarray, k: int, filters: dict | None = None) -> list[tuple[Record, float]]:
        """Top ``k`` records by cosine similarity, with their text and metadata."""
        sims = self.dense_ids(vector, k, filters)
        records = self.records(list(sims))
        return [(records[i], sim) for i, sim in sims.items() if i in records]

    def similarity(self, vector: np.ndarray, ids: list[str]) -> dict[str, float]:
        """Cosine similarity of the given records to ``vector`` (from their stored embeddings)."""
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["embeddings"])
        if not len(got["ids"]):
            return {}
        sims = np.asarray(got["embeddings"], dtype=np.float32) @ np.asarray(vector, dtype=np.float32)
        return {i: float(v) for i, v in zip(got["ids"], sims)}

    def dense_ids(self, vector: np.ndarray, k: int, filters: dict | None = None) -> dict[str, float]:
        """Top ``k`` record ids by cosine similarity (Chroma HNSW, ``where`` filters): only ids and distances
        come back; ``records`` fetches the few that are kept."""
        if k <= 0 or not len(self):
            return {}
        got = self.collection.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=k,
                                    where=self.where(filters), include=["distances"])
        return {i: 1.0 - float(dist) for i, dist in zip(got["ids"][0], got["distances"][0])}

    def section_units(self, doc_id: str, section_index: int) -> list[Record]:
        """Every answer unit of one section, in order (lists and continuation slides need their siblings)."""
        got = self.collection.get(where={"$and": [{"doc_id": doc_id}, {"section_index": int(section_index)},
                                                  {"record_type": "unit"}]}, include=["documents", "metadatas"])
        records = [Record(i, d or "", m or {}) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]
        return sorted(records, key=lambda r: (r.metadata.get("unit_kind") == "list", int(r.metadata.get("order", 0))))

    def records(self, ids: list[str]) -> dict[str, Record]:
        """Text and metadata of the given records."""
        out: dict[str, Record] = {}
        for start in range(0, len(ids), 2000):
            got = self.collection.get(ids=ids[start:start + 2000], include=["documents", "metadatas"])
            out.update({i: Record(i, d or "", m or {}) for i, d, m in zip(got["ids"], got["documents"],
                                                                          got["metadatas"])})
        return out


def open_lexical(store: Store, manifest: Manifest, collection) -> LexicalIndex:
    """The generation's lexical index from this process's data folder, rebuilt from the collection if absent."""
    folder = store.lexical_folder(manifest.active)
    if not (folder / "meta.json").exists():
        from filelock import FileLock

        folder.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(folder) + ".lock"):
            if not (folder / "meta.json").exists():
                started = time.perf_counter()
                builder = LexicalIndexBuilder()
                for page in fetch_all(collection, include=("documents", "metadatas")):
                    for record_id, document, meta in zip(page["ids"], page["documents"], page["metadatas"]):
                        builder.add(record_id, document or "", meta or {})
                builder.write(folder)
                log.info("rebuilt the lexical index of %s in %.1f s", manifest.active, time.perf_counter() - started)
    index = LexicalIndex.open(folder)
    if manifest.lexical_checksum and index.checksum != manifest.lexical_checksum:
        raise StoreError(f"the lexical index of {manifest.active} does not match the one ingest built (checksum "
                         "differs): this process runs other code than the ingest; update it, or delete "
                         f"{folder} to rebuild")
    return index


class GenerationCache:
    """Process-wide holder of the current ``GenerationView``; thread-safe; switches on a new generation."""

    def __init__(self, settings: Settings, refresh_s: float = 2.0):
        self.settings = settings
        self.store = Store(settings)
        self.refresh_s = refresh_s
        self._view: GenerationView | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def get(self) -> GenerationView:
        if self._view is not None and time.monotonic() - self._checked < self.refresh_s:
            return self._view
        with self._lock:
            if self._view is not None and time.monotonic() - self._checked < self.refresh_s:
                return self._view
            manifest = self.store.read_manifest()
            if not manifest.active:
                raise StoreError("the store is empty: run `repere ingest` first")
            if self._view is None or self._view.generation != manifest.active:
                collection = self.store.collection(manifest.active)
                self._view = GenerationView(manifest, collection, open_lexical(self.store, manifest, collection))
            self._checked = time.monotonic()
            return self._view
