"""The lexical index on disk: its memory-mapped scores equal bm25s's own, and its filters select exactly the
records Chroma's ``where`` clauses select."""

from __future__ import annotations

import numpy as np

from assistant.core.lexical import analyse
from assistant.core.lexindex import LexicalIndex
from assistant.core.store import Store
from assistant.retrieval.index import GenerationCache


def test_scores_match_bm25s(shipped_store):
    import bm25s

    store = Store(shipped_store)
    folder = store.lexical_folder(store.read_manifest().active)
    index = LexicalIndex.open(folder)
    reference = bm25s.BM25.load(str(folder / "fr"))
    for query in ("soutien locatif prix préférentiels", "comité de suivi bilan triennal", "Chaînon Plateau"):
        tokens = analyse(query)
        assert np.allclose(index.scores(tokens), reference.get_scores(tokens), atol=1e-5)


def test_filters_select_the_same_records_on_both_sides(shipped_store):
    view = GenerationCache(shipped_store).get()
    for filters in ({"region": "Verdun"}, {"record_type": "unit", "doc_id": "fiche-declaration-2018"},
                    {"section": "Principe 3"}, {"doc_kind": "!directory"}, {"membership_kind": "aca"},
                    {"table": "CDC Centre-Sud"}):
        mask = view.mask(filters)
        expected = {view.lexical.ids[p] for p in np.flatnonzero(mask)}
        got = set(view.collection.get(where=view.where(filters), include=[], limit=100000)["ids"])
        assert got == expected and got, filters


def test_an_index_in_an_older_format_is_rewritten_from_the_collection_without_a_new_ingest(make_settings, mini_corpus):
    """A new file format (not a new text analysis) must not make a process refuse the store: the folder is
    rewritten from the collection, and its checksum still equals the one ingest recorded."""
    import json

    from ingest.pipeline import ingest_paths

    settings = make_settings()
    assert ingest_paths(settings, [mini_corpus], progress=False).published
    store = Store(settings)
    manifest = store.read_manifest()
    folder = store.lexical_folder(manifest.active)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    (folder / "meta.json").write_text(json.dumps({**meta, "format": meta["format"] - 1}), encoding="utf-8")
    (folder / "columns.npy").unlink()  # an older format had no such file: reading it must not be tried
    view = GenerationCache(settings).get()
    assert LexicalIndex.is_current(folder) and view.lexical.checksum == manifest.lexical_checksum
    verdun = [view.lexical.ids[p] for p in np.flatnonzero(view.mask({"region": "Verdun"}))]
    assert [r.metadata["org_name"] for r in view.records(verdun).values()] == ["Centre des aînés de Verdun"]


def _stored_org_vectors(view) -> tuple[list[str], np.ndarray]:
    ids = view.lexical.ids_at(view.lexical.name_positions)
    got = view.collection.get(ids=ids, include=["embeddings"])
    by_id = dict(zip(got["ids"], got["embeddings"]))
    return ids, np.asarray([by_id[i] for i in ids], dtype=np.float32)


def test_the_organisations_vectors_are_chromas_and_score_as_chroma_ranks(shipped_store):
    """The index's float16 copy of the organisations' vectors (rows in name order) is Chroma's, to float16
    precision, and a borough's exact scan ranks its records as Chroma's own search does."""
    from assistant.core.embeddings import get_embedder

    view = GenerationCache(shipped_store).get()
    assert view.lexical.org_vectors is not None and view.lexical.org_vectors.dtype == np.float16
    ids, stored = _stored_org_vectors(view)
    assert np.allclose(view.lexical.org_vectors.astype(np.float32), stored, atol=2e-3)
    vector = get_embedder(shipped_store).embed_query("aide alimentaire pour les familles")
    positions = np.flatnonzero(view.mask({"region": "Le Sud-Ouest", "record_type": "org"}))
    assert len(positions) > 20
    exact = view.dense_ids(vector, 10, {"region": "Le Sud-Ouest", "record_type": "org"})
    chroma = view._query([vector], 10, ids=view.lexical.ids_at(positions))
    assert list(exact)[:5] == list(chroma)[:5]
    assert all(abs(exact[i] - chroma[i]) < 2e-3 for i in exact if i in chroma)
    # documents' records are not in the copy: their search stays Chroma's
    assert view.lexical.org_similarity(vector, np.flatnonzero(view.mask({"record_type": "unit"}))) is None


def test_a_rebuild_from_the_collection_writes_the_same_copy(make_settings, mini_corpus):
    """A rebuild from the collection (a new format, or a process of a Chroma server's deployment) writes the copy
    the ingest wrote (a resumed ingest's: tests/ingest/test_pipeline.py)."""
    import json

    from ingest.pipeline import ingest_paths

    settings = make_settings()
    assert ingest_paths(settings, [mini_corpus], progress=False).published
    store = Store(settings)
    folder = store.lexical_folder(store.read_manifest().active)
    written = np.load(folder / "org_vectors.npy")
    view = GenerationCache(settings).get()
    assert np.allclose(written.astype(np.float32), _stored_org_vectors(view)[1], atol=2e-3)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    (folder / "meta.json").write_text(json.dumps({**meta, "format": meta["format"] - 1}), encoding="utf-8")
    (folder / "org_vectors.npy").unlink()
    rebuilt = GenerationCache(settings).get()
    assert np.array_equal(rebuilt.lexical.org_vectors, written)


def _resident_kib(path) -> int:
    """Resident KiB of this process's mappings of ``path`` (/proc/self/smaps)."""
    total, current = 0, None
    with open("/proc/self/smaps", encoding="utf-8") as fh:
        for line in fh:
            head = line.split()
            if "-" in head[0] and len(head) >= 5 and ":" in head[3]:  # a mapping's header line
                current = head[5] if len(head) > 5 else None
            elif head[0] == "Rss:" and current == str(path):
                total += int(head[1])
    return total


def test_scans_and_bm25_queries_leave_the_mapped_files_out_of_the_resident_set(tmp_path):
    """A borough's organisations lie all over the vectors' file. Read through a plain memory map, one scan left the
    whole file in the process's RSS (the kernel maps the pages around each row read): 77 MB at 100k records, the
    benchmark's missed memory target. The scan gives the exact similarities and leaves at most a few pages mapped."""
    from assistant.core.lexindex import LexicalIndexBuilder

    rng = np.random.default_rng(7)
    count, dim = 12_000, 384
    vectors = rng.standard_normal((count, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    builder = LexicalIndexBuilder()
    for i in range(count):
        builder.add(f"org-{i}", f"Organisme {i}", {"record_type": "org", "org_name": f"Organisme {i}"}, vectors[i])
    builder.write(tmp_path / "index")
    index = LexicalIndex.open(tmp_path / "index")
    file = (tmp_path / "index" / "org_vectors.npy").resolve()
    assert file.stat().st_size > 8 * 2**20
    query = vectors[21]
    positions = np.arange(0, count, 7)  # one organisation in seven, as a borough's are spread
    got = index.org_similarity(query, positions)
    expected = vectors[positions].astype(np.float16).astype(np.float32) @ query
    assert np.allclose(got, expected, atol=1e-3)
    assert got.argmax() == 3  # org-21, the fourth selected, is the query itself
    assert _resident_kib(file) <= 2048, f"{_resident_kib(file)} KiB of {file.stat().st_size // 1024} KiB mapped"
    # A BM25 query's columns leave the resident set too (a long-running server would otherwise hold them all).
    scores = index.scores(analyse("organisme 4242"), "fr")
    assert scores.argmax() == 4242 and scores[4242] > scores[4241] > 0
    assert sum(_resident_kib(f.resolve()) for f in (tmp_path / "index" / "fr").glob("*.npy")) == 0
