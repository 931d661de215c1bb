"""The active generation as the query path opens it: the collection's vector index is loaded on a thread."""

from __future__ import annotations

import os
import subprocess
import sys

from assistant.retrieval.index import GenerationCache


def test_opening_the_generation_starts_loading_its_collection_and_queries_wait_for_it(shipped_store):
    view = GenerationCache(shipped_store).get()
    assert view.loading.ident is not None  # started when the generation was opened, before any query
    vector = view.lexical.org_vectors[0].astype("float32")  # any stored vector: its own record comes back first
    nearest = view.dense_ids(vector, 3, {"record_type": "org"})  # may run while the load is still going
    assert next(iter(nearest)) == view.lexical.ids_at([view.lexical.name_positions[0]])[0]
    view.loading.join(10)
    assert not view.loading.is_alive()


def test_a_process_that_ends_while_the_collection_loads_exits_cleanly(shipped_store):
    # Interpreter shutdown must wait for the loading thread rather than tear Python down under it.
    code = ("from assistant.core import env\nfrom assistant.retrieval.index import GenerationCache\n"
            "from assistant.core.config import load_settings\n"
            f"GenerationCache(load_settings(chroma_path={str(shipped_store.chroma_path)!r}, "
            f"data_dir={str(shipped_store.data_dir)!r})).get()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "Fatal" not in done.stderr
