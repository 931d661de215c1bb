"""The Chroma store: embedded (``PersistentClient``) by default, a server (``HttpClient``) when configured.

Records live in generation collections (``<prefix>_g<time>``). A small meta collection holds:
- the **manifest**: the active generation, the embedder that built it, each ingested file's hash, the checksum
  of the generation's lexical index, and the generations retired by earlier publishes;
- the **building** record: the generation an ingest is filling (so a killed ingest resumes into it);
- the **lease** of the writer, when several machines share a Chroma server.

Ingest builds a new generation beside the active one and publishes it by rewriting the manifest (one atomic
upsert), so a failed or killed ingest leaves the previous generation live. A superseded generation is kept for
``GRACE_S`` seconds (a process may still be reading it), then dropped, with its vector folder and lexical index.

One writer at a time: a file lock next to the embedded store (``filelock``), or a lease with expiry in the meta
collection on a server (Chroma has no compare-and-set: the lease is written, then read back after a pause to
check that this writer holds it).

Usage: ``store = Store(settings); with store.writer(wait_s=300): ...``; ``store.read_manifest().active``
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from assistant.core import env  # noqa: F401
from assistant.core.config import Settings

log = logging.getLogger("repere.store")
COSINE = {"hnsw": {"space": "cosine"}}
# Chroma writes a collection's HNSW index to disk every ``sync_threshold`` (1000) records it applies; the records
# after the last write live in its write-ahead log, which every process that opens the store replays before its first
# query (the last 752 records of the shipped corpus: 110 ms of each cold `repere ask`). Chroma has no call to persist
# now (chroma-core/chroma#7463), and the writing process keeps the threshold it opened the collection with; a process
# that opens the collection after its threshold was lowered replays the log once and writes the index.
SEALED = {"hnsw": {"sync_threshold": 2}}
SEAL_MIN_RECORDS = 500  # below this, the replay costs a reader less than the 1 s a sealing process costs the ingest
_SEAL = """
import sys, chromadb
from chromadb.config import Settings
collection = chromadb.PersistentClient(path=sys.argv[1], settings=Settings(anonymized_telemetry=False)) \\
    .get_collection(sys.argv[2], embedding_function=None)
probe = collection.get(limit=1, include=["embeddings"])
collection.query(query_embeddings=probe["embeddings"][:1], n_results=1)
"""
GRACE_S = 600.0  # how long a superseded generation stays readable
LEASE_S = 120.0
_UUID_DIR = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass
class FileEntry:
    sha256: str
    doc_id: str
    title: str
    kind: str
    chunks: int  # records this file put in the generation (chunks, answer units or organisations)
    commitments: list[dict] = field(default_factory=list)  # the City's commitments found in this file
    warnings: list[str] = field(default_factory=list)


@dataclass
class Manifest:
    active: str = ""
    embed_model: str = ""
    pipeline_version: int = 0
    files: dict[str, FileEntry] = field(default_factory=dict)
    updated_at: float = 0.0
    lexical_checksum: str = ""
    records: int = 0
    retired: dict[str, float] = field(default_factory=dict)  # generation -> when it stopped being active

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        known = set(cls.__dataclass_fields__)
        data = {k: v for k, v in data.items() if k in known}
        data["files"] = {k: FileEntry(**{f: x for f, x in v.items() if f in FileEntry.__dataclass_fields__})
                         for k, v in data.get("files", {}).items()}
        return cls(**data)


class StoreError(RuntimeError):
    pass


class WriterBusy(StoreError):
    """Another ingest holds the store."""


class Store:
    """Access to Repère's Chroma collections, through the client the settings call for."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._client: Any = None

    @property
    def client(self):
        if self._client is None:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            chroma_settings = ChromaSettings(anonymized_telemetry=False)
            if self.settings.uses_server:
                try:
                    self._client = chromadb.HttpClient(host=self.settings.chroma_host, port=self.settings.chroma_port,
                                                       settings=chroma_settings)
                    self._client.heartbeat()
                except Exception as exc:  # noqa: BLE001 - chromadb wraps connection errors variously
                    log.warning("Chroma server unreachable: %s", exc)
                    raise StoreError(
                        f"cannot reach the Chroma server at {self.settings.chroma_host}:{self.settings.chroma_port}; "
                        f"start it with `chroma run --host {self.settings.chroma_host} --port "
                        f"{self.settings.chroma_port}` or unset REPERE_CHROMA_HOST to use the embedded store") from None
            else:
                path = self.settings.resolve(self.settings.chroma_path)
                path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        return self._client

    @property
    def location(self) -> str:
        if self.settings.uses_server:
            return f"http://{self.settings.chroma_host}:{self.settings.chroma_port}"
        return str(self.settings.resolve(self.settings.chroma_path))

    # --- meta records -------------------------------------------------------------------------------
    @property
    def _meta_name(self) -> str:
        return f"{self.settings.collection_prefix}_meta"

    def _meta(self):
        if getattr(self, "_meta_collection", None) is None:
            self._meta_collection = self.client.get_or_create_collection(self._meta_name, embedding_function=None)
        return self._meta_collection

    def _read(self, key: str) -> str | None:
        got = self._meta().get(ids=[key], include=["documents"])
        return got["documents"][0] if got["ids"] else None

    def _write(self, key: str, text: str) -> None:
        self._meta().upsert(ids=[key], embeddings=[[1.0]], documents=[text])

    def _delete(self, key: str) -> None:
        self._meta().delete(ids=[key])

    def read_manifest(self) -> Manifest:
        text = self._read("manifest")
        return Manifest.from_json(text) if text else Manifest()

    def publish(self, manifest: Manifest, previous: str = "") -> None:
        """Make ``manifest.active`` live (one upsert); the previous generation is retired, not dropped."""
        manifest.updated_at = time.time()
        if previous and previous != manifest.active:
            manifest.retired[previous] = manifest.updated_at
        self._write("manifest", manifest.to_json())

    # --- generations ------------------------------------------------------------------------------
    def generation_names(self) -> list[str]:
        prefix = f"{self.settings.collection_prefix}_g"
        names = (c.name if hasattr(c, "name") else str(c) for c in self.client.list_collections())
        return sorted(n for n in names if n.startswith(prefix))

    def building(self) -> dict:
        """The generation an interrupted ingest was filling: {"name", "plan"} or {}."""
        text = self._read("building")
        return json.loads(text) if text else {}

    def start_generation(self, plan: str) -> tuple[Any, bool]:
        """(collection, resumed): the half-built generation of the same plan if one survives a killed ingest,
        otherwise a new one (any other half-built generation is dropped)."""
        previous = self.building()
        if previous.get("plan") == plan and previous.get("name") in self.generation_names():
            return self.collection(previous["name"]), True
        if previous.get("name") in self.generation_names():
            self.client.delete_collection(previous["name"])
        name = f"{self.settings.collection_prefix}_g{int(time.time() * 1000)}_{uuid.uuid4().hex[:6]}"
        collection = self.client.create_collection(name, configuration=COSINE, embedding_function=None)
        self._write("building", json.dumps({"name": name, "plan": plan, "started": time.time()}))
        return collection, False

    def seal(self, collection) -> None:
        """Write a finished, not yet published generation's vector index to disk, so that no reader replays
        Chroma's log. Embedded store only: a server replays its log once when it starts, not once per process."""
        if self.settings.uses_server or collection.count() < SEAL_MIN_RECORDS:
            return
        collection.modify(configuration=SEALED)
        try:  # the generation is not published yet: no reader has it open while the sealing process writes it
            subprocess.run([sys.executable, "-c", _SEAL, self.location, collection.name], check=True,
                           capture_output=True, timeout=600)
        except (subprocess.SubprocessError, OSError) as exc:  # an optimisation: the generation is complete as is
            log.warning("the vector index of %s stays in Chroma's log (readers replay it): %s", collection.name, exc)

    def finish_generation(self) -> None:
        self._delete("building")

    def abandon_generation(self, name: str) -> None:
        """Drop a half-built generation that must not be resumed (e.g. it failed a check)."""
        try:
            self.client.delete_collection(name)
        finally:
            self._delete("building")

    def collection(self, name: str):
        return self.client.get_collection(name, embedding_function=None)

    def active_collection(self):
        """The live collection, or None before the first ingest."""
        manifest = self.read_manifest()
        if not manifest.active:
            return None
        try:
            return self.collection(manifest.active)
        except Exception as exc:  # noqa: BLE001
            log.warning("active generation %s missing: %s", manifest.active, exc)
            raise StoreError(f"the manifest points at collection {manifest.active!r}, which is missing; "
                             "run `repere ingest --rebuild`") from None

    def lexical_folder(self, generation: str) -> Path:
        return self.settings.resolve(self.settings.data_dir) / "indexes" / generation

    # --- garbage collection (writer only) -------------------------------------------------------------
    def collect_garbage(self, grace_s: float = GRACE_S) -> list[str]:
        """Drop retired generations older than ``grace_s``, stray generations no record points at, their
        lexical indexes, and (embedded store) vector folders of deleted collections. Returns what was dropped."""
        manifest = self.read_manifest()
        building = self.building().get("name", "")
        now = time.time()
        keep = {manifest.active, building} | {g for g, t in manifest.retired.items() if now - t < grace_s}
        dropped = []
        for name in self.generation_names():
            if name not in keep:
                self.client.delete_collection(name)
                dropped.append(name)
        if any(g not in keep for g in manifest.retired):
            manifest.retired = {g: t for g, t in manifest.retired.items() if g in keep}
            self._write("manifest", manifest.to_json())
        indexes = self.settings.resolve(self.settings.data_dir) / "indexes"
        if indexes.exists():
            for folder in indexes.iterdir():
                name = folder.name.split(".tmp")[0]
                if name not in keep:
                    shutil.rmtree(folder, ignore_errors=True)
        if not self.settings.uses_server:
            dropped += self._remove_orphan_vector_folders()
        return dropped

    def _remove_orphan_vector_folders(self) -> list[str]:
        """Chroma leaves a deleted collection's HNSW folder on disk; remove folders no segment refers to.
        (Read-only look at Chroma's own catalogue: its API does not list segments.)"""
        root = self.settings.resolve(self.settings.chroma_path)
        database = root / "chroma.sqlite3"
        if not database.exists():
            return []
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
            live = {row[0] for row in connection.execute("SELECT id FROM segments")}
        removed = []
        for folder in root.iterdir():
            if folder.is_dir() and _UUID_DIR.match(folder.name) and folder.name not in live:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder.name)
        return removed

    # --- one writer at a time -------------------------------------------------------------------------
    @contextmanager
    def writer(self, wait_s: float = 0.0, say: Callable[[str], None] | None = None):
        """Hold the store for writing; waits up to ``wait_s`` for another writer (saying so), else raises
        WriterBusy. Yields a ``heartbeat()`` to call regularly during long work (renews a server lease)."""
        if self.settings.uses_server:
            with self._lease(wait_s, say) as heartbeat:
                yield heartbeat
            return
        from filelock import FileLock, Timeout

        path = self.settings.resolve(self.settings.chroma_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path) + ".ingest.lock")
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if wait_s <= 0:
                raise WriterBusy(f"another ingest is writing to {path}; wait for it to finish "
                                 "(or run with --wait SECONDS)") from None
            if say:
                say(f"another ingest is writing to {path}; waiting up to {wait_s:.0f} s")
            try:
                lock.acquire(timeout=wait_s)
            except Timeout:
                raise WriterBusy(f"another ingest was still writing to {path} after {wait_s:.0f} s; "
                                 "try again when it has finished") from None
        try:
            yield lambda: None
        finally:
            lock.release()

    @contextmanager
    def _lease(self, wait_s: float, say):
        owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        deadline = time.monotonic() + wait_s
        announced = False
        while True:
            current = json.loads(self._read("lease") or "{}")
            if not current or current.get("expires", 0) < time.time() or current.get("owner") == owner:
                self._write("lease", json.dumps({"owner": owner, "expires": time.time() + LEASE_S}))
                time.sleep(0.5)  # another writer racing for the same lease has written by now: read it back
                if json.loads(self._read("lease") or "{}").get("owner") == owner:
                    break
                continue
            if time.monotonic() >= deadline:
                raise WriterBusy(f"another ingest ({current.get('owner')}) holds the store at {self.location} "
                                 f"until {time.strftime('%H:%M:%S', time.localtime(current['expires']))}; "
                                 "try again when it has finished (or run with --wait SECONDS)")
            if say and not announced:
                say(f"another ingest ({current.get('owner')}) is writing to {self.location}; "
                    f"waiting up to {wait_s:.0f} s")
                announced = True
            time.sleep(1.0)

        def heartbeat() -> None:
            self._write("lease", json.dumps({"owner": owner, "expires": time.time() + LEASE_S}))

        try:
            yield heartbeat
        finally:
            if json.loads(self._read("lease") or "{}").get("owner") == owner:
                self._delete("lease")


# Records per page when reading a whole collection. Chroma's client keeps the memory of a large page (measured on
# 10,000 directory records: pages of 2,000 raised the reader's RSS by 310 MiB, pages of 500 by 70 MiB).
PAGE = 500


def fetch_all(collection, include=("documents", "metadatas"), where: dict | None = None,
              batch: int = PAGE):
    """Every record of a collection, page by page: yields dicts {"ids": [...], "<include>": [...]}."""
    offset = 0
    while True:
        got = collection.get(include=list(include), where=where, limit=batch, offset=offset)
        if not got["ids"]:
            return
        page = {"ids": list(got["ids"])}
        for key in include:
            values = got[key]
            page[key] = list(values) if values is not None else [None] * len(got["ids"])
        yield page
        offset += len(got["ids"])
        if len(got["ids"]) < batch:
            return
