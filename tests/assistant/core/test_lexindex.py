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
