"""Streaming writes into a generation: batches embedded and written as they come, with bounded memory, progress
with an ETA, and resumption after a kill (records already in the generation are skipped, not re-embedded).

Embeddings are reused, in order of preference: the record is already in the generation being built (a resumed
ingest), or the active generation has a record with the same id (unchanged content); only the rest is embedded.

Usage: ``writer = GenerationWriter(collection, embedder, old_collection, say=print); writer.write(records)``
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, Iterable

import numpy as np

from assistant.core.lexindex import LexicalIndexBuilder
from assistant.core.store import PAGE
from ingest.records import Record

BATCH = 256  # records per write: enough to amortise a Chroma call, small enough to keep memory flat


class Progress:
    """A line every few seconds (or a tqdm bar on a terminal): done/total, rate and time left."""

    def __init__(self, total: int, label: str, enabled: bool, say: Callable[[str], None] | None):
        self.total, self.label, self.say = total, label, say
        self.done = 0
        self.started = self.last = time.monotonic()
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=label, unit="rec", file=sys.stderr, leave=False)

    def update(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
            return
        now = time.monotonic()
        if self.say and (now - self.last >= 10 or self.done in (n, self.total)) and self.total:
            rate = self.done / max(now - self.started, 1e-6)
            left = (self.total - self.done) / rate if rate else 0
            self.say(f"{self.label}: {self.done}/{self.total} ({rate:.0f}/s, ETA {left / 60:.1f} min)")
            self.last = now

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class GenerationWriter:
    def __init__(self, collection, embedder, old_collection=None, batch_size: int = 32,
                 heartbeat: Callable[[], None] = lambda: None, lexical: LexicalIndexBuilder | None = None):
        self.collection = collection
        # Every record of the generation goes to the lexical index as it is written (resumed and copied ones
        # too), in the order Chroma stores them: reading 100,000 records back afterwards would cost minutes and
        # 100 MB more.
        self.lexical = lexical
        self.embedder = embedder
        self.old = old_collection
        self.batch_size = batch_size
        self.heartbeat = heartbeat
        self.embedded = 0
        self.embed_seconds = 0.0  # time inside the embedder: what the rest of the ingest costs is the difference
        self.reused = 0
        self.resumed = 0

    def _present(self, ids: list[str], vectors: bool = True) -> dict[str, list[float] | None]:
        """The records of ``ids`` already in the new generation (a resumed ingest), with their vectors when asked
        (the lexical index keeps the organisations'; a copy brings its own)."""
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["embeddings"] if vectors else [])
        return dict(zip(got["ids"], got["embeddings"] if vectors else [None] * len(got["ids"])))

    def write(self, records: Iterable[Record], progress: Progress | None = None) -> int:
        """Embed and write ``records`` batch by batch. A batch is written (lexical index, then Chroma) by one
        background thread while the next is embedded: the embedder runs in C without the GIL, and the writes
        (analysis, SQLite, HNSW) are a seventh of a 100k ingest. One write at a time, in order, so memory stays at
        two batches and the lexical index keeps Chroma's order."""
        written = 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="repere-write") as pool:
            pending: Future | None = None
            for batch in _batches(records, BATCH):
                written += len(batch)
                present = self._present([r.id for r in batch])
                self.resumed += len(present)
                todo = [r for r in batch if r.id not in present]
                vectors: dict[str, list[float]] = {}
                if self.old is not None and todo:
                    got = self.old.get(ids=[r.id for r in todo], include=["embeddings"])
                    vectors = {i: list(v) for i, v in zip(got["ids"], got["embeddings"])}
                    self.reused += len(vectors)
                missing = [r for r in todo if r.id not in vectors]
                for sub in range(0, len(missing), self.batch_size):
                    part = missing[sub:sub + self.batch_size]
                    started = time.perf_counter()
                    embedded = self.embedder.embed_passages([r.embed_text for r in part])
                    self.embed_seconds += time.perf_counter() - started
                    for record, vector in zip(part, embedded):
                        vectors[record.id] = vector.tolist()
                    self.embedded += len(part)
                if pending is not None:
                    pending.result()  # the previous batch is written (or its error raised here)
                pending = pool.submit(self._store, batch, todo, {**present, **vectors}, progress)
            if pending is not None:
                pending.result()
        return written

    def _store(self, batch: list[Record], todo: list[Record], vectors: dict[str, list[float]],
               progress: Progress | None) -> None:
        if self.lexical is not None:
            for r in batch:
                self.lexical.add(r.id, r.text, r.metadata, vectors.get(r.id))
        if todo:
            self.collection.add(ids=[r.id for r in todo], documents=[r.text for r in todo],
                                metadatas=[r.metadata for r in todo],
                                embeddings=np.asarray([vectors[r.id] for r in todo], dtype=np.float32))
        self.heartbeat()
        if progress:
            progress.update(len(batch))

    def copy(self, source, keys: Iterable[str], progress: Progress | None = None) -> int:
        """Copy the records of unchanged files (by ``source_path``) from the active generation, vectors included."""
        copied = 0
        for key in keys:
            offset = 0
            while True:
                got = source.get(where={"source_path": key}, include=["documents", "metadatas", "embeddings"],
                                 limit=PAGE, offset=offset)
                if not got["ids"]:
                    break
                offset += len(got["ids"])
                if self.lexical is not None:
                    for i, document, meta, vector in zip(got["ids"], got["documents"], got["metadatas"],
                                                         got["embeddings"]):
                        self.lexical.add(i, document or "", meta or {}, vector)
                present = self._present(list(got["ids"]), vectors=False)
                keep = [n for n, i in enumerate(got["ids"]) if i not in present]
                self.resumed += len(got["ids"]) - len(keep)
                if keep:
                    self.collection.add(ids=[got["ids"][n] for n in keep],
                                        documents=[got["documents"][n] for n in keep],
                                        metadatas=[got["metadatas"][n] for n in keep],
                                        embeddings=np.asarray([got["embeddings"][n] for n in keep], dtype=np.float32))
                copied += len(got["ids"])
                self.heartbeat()
                if progress:
                    progress.update(len(got["ids"]))
                if len(got["ids"]) < PAGE:
                    break
        return copied


def _batches(items: Iterable, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
