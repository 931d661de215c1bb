"""The streaming writer: a batch is written by a background thread while the next is embedded. Writes stay in
order (the lexical index must list records in Chroma's order) and a failed write stops the ingest with its error,
not silently in the thread."""

from __future__ import annotations

import chromadb
import pytest

import ingest.writer as writer_module
from assistant.core.embeddings import get_embedder
from assistant.core.lexindex import LexicalIndexBuilder
from ingest.records import Record
from ingest.writer import GenerationWriter


def _records(n: int) -> list[Record]:
    return [Record(f"r-{i:03d}", f"Organisme de quartier numéro {i}", f"passage: organisme {i}",
                   {"record_type": "chunk", "doc_id": "essai", "order": i}) for i in range(n)]


class FailingOnThirdAdd:
    """A real Chroma collection whose third write fails, as a full disk would (fault injection)."""

    def __init__(self, collection):
        self.collection, self.adds = collection, 0

    def get(self, **kw):
        return self.collection.get(**kw)

    def add(self, **kw):
        self.adds += 1
        if self.adds == 3:
            raise OSError("No space left on device")
        return self.collection.add(**kw)


@pytest.fixture
def collection(tmp_path):
    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"))
    return client.create_collection("essai", embedding_function=None, metadata={"hnsw:space": "cosine"})


def test_batches_are_written_in_order_with_the_lexical_index_aligned(make_settings, collection, monkeypatch):
    monkeypatch.setattr(writer_module, "BATCH", 4)
    lexical = LexicalIndexBuilder()
    writer = GenerationWriter(collection, get_embedder(make_settings()), batch_size=3, lexical=lexical)
    assert writer.write(_records(14)) == 14
    assert writer.embedded == 14 and collection.count() == 14
    assert lexical.ids == [f"r-{i:03d}" for i in range(14)]
    assert collection.get(include=[])["ids"] == lexical.ids  # Chroma's storage order is the index's


def test_a_failed_write_stops_the_ingest_with_its_error(make_settings, collection, monkeypatch):
    monkeypatch.setattr(writer_module, "BATCH", 4)
    failing = FailingOnThirdAdd(collection)
    writer = GenerationWriter(failing, get_embedder(make_settings()), batch_size=4)
    with pytest.raises(OSError, match="No space left"):
        writer.write(_records(24))
    # the two batches before the failure are kept (a rerun resumes from them); nothing after it was written
    assert collection.count() == 8
