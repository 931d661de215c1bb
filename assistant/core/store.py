"""The Chroma store: embedded (``PersistentClient``) by default, a server (``HttpClient``) when configured.

Chunks live in generation collections (``<prefix>_g<time>``). A small meta collection holds the manifest:
which generation is active, the embedder that built it, and each ingested file's hash. Ingest builds a new
generation beside the active one and publishes it by rewriting the manifest (one atomic upsert), so a
failed or killed ingest leaves the previous generation active and queryable.

Usage: ``store = Store(settings); collection = store.active_collection()``
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.core import env  # noqa: F401
from assistant.core.config import Settings

COSINE = {"hnsw": {"space": "cosine"}}


@dataclass
class FileEntry:
    sha256: str
    doc_id: str
    title: str
    kind: str
    chunks: int
    commitments: list[dict] = field(default_factory=list)  # the City's commitments found in this file


@dataclass
class Manifest:
    active: str = ""
    embed_model: str = ""
    pipeline_version: int = 0
    files: dict[str, FileEntry] = field(default_factory=dict)
    updated_at: float = 0.0

    def to_json(self) -> str:
        return json.dumps({**asdict(self)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        data["files"] = {k: FileEntry(**v) for k, v in data.get("files", {}).items()}
        return cls(**data)


class StoreError(RuntimeError):
    pass


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
                    raise StoreError(
                        f"cannot reach the Chroma server at {self.settings.chroma_host}:{self.settings.chroma_port} "
                        f"({exc}); start it with `chroma run --host {self.settings.chroma_host} --port "
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

    # --- manifest ---------------------------------------------------------------------------------
    @property
    def _meta_name(self) -> str:
        return f"{self.settings.collection_prefix}_meta"

    def _meta(self):
        return self.client.get_or_create_collection(self._meta_name, embedding_function=None)

    def read_manifest(self) -> Manifest:
        got = self._meta().get(ids=["manifest"], include=["documents"])
        return Manifest.from_json(got["documents"][0]) if got["ids"] else Manifest()

    def publish(self, manifest: Manifest) -> None:
        """Make ``manifest.active`` the live generation (one upsert), then drop every other generation."""
        manifest.updated_at = time.time()
        self._meta().upsert(ids=["manifest"], embeddings=[[1.0]], documents=[manifest.to_json()])
        self.drop_generations(keep=manifest.active)

    # --- generations ------------------------------------------------------------------------------
    def generation_names(self) -> list[str]:
        prefix = f"{self.settings.collection_prefix}_g"
        return sorted(c.name if hasattr(c, "name") else str(c) for c in self.client.list_collections()
                      if (c.name if hasattr(c, "name") else str(c)).startswith(prefix))

    def new_generation(self):
        name = f"{self.settings.collection_prefix}_g{int(time.time() * 1000)}_{uuid.uuid4().hex[:6]}"
        return self.client.create_collection(name, configuration=COSINE, embedding_function=None)

    def collection(self, name: str):
        return self.client.get_collection(name, embedding_function=None)

    def active_collection(self):
        """The live chunk collection, or None before the first ingest."""
        manifest = self.read_manifest()
        if not manifest.active:
            return None
        try:
            return self.collection(manifest.active)
        except Exception as exc:  # noqa: BLE001
            raise StoreError(f"the manifest points at collection {manifest.active!r}, which is missing "
                             f"({exc}); run `repere ingest --rebuild`") from None

    def drop_generations(self, keep: str) -> list[str]:
        """Delete generations other than ``keep`` (superseded ones, or leftovers of a killed ingest)."""
        dropped = []
        for name in self.generation_names():
            if name != keep:
                self.client.delete_collection(name)
                dropped.append(name)
        return dropped


def fetch_all(collection, include=("documents", "metadatas"), where: dict | None = None,
              batch: int = 5000) -> dict[str, list]:
    """Every record of a collection (paged), as {"ids": [...], "<include>": [...]}."""
    out: dict[str, list] = {"ids": [], **{k: [] for k in include}}
    offset = 0
    while True:
        got = collection.get(include=list(include), where=where, limit=batch, offset=offset)
        if not got["ids"]:
            break
        out["ids"].extend(got["ids"])
        for key in include:
            values = got[key]
            out[key].extend(list(values) if values is not None else [None] * len(got["ids"]))
        offset += len(got["ids"])
        if len(got["ids"]) < batch:
            break
    return out
