"""Incremental, atomic ingestion of files into the Chroma store.

- Unchanged files (same SHA-256, same embedder) are copied from the active generation with their embeddings.
- Changed files are re-chunked; chunks whose content-derived id already exists reuse their embedding.
- Files that disappeared from a scanned folder lose their chunks; files outside the scanned paths are kept.
- Nothing changed: nothing is written and no embedding is computed.
- The new generation is published only when complete (see ``assistant.core.store``).

Usage: ``report = ingest_paths(settings, [Path("corpus/documents")])``
"""

from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from llama_index.core.schema import TextNode
from llama_index.vector_stores.chroma import ChromaVectorStore

from assistant.core.config import Settings
from assistant.core.embeddings import get_embedder
from assistant.core.store import FileEntry, Manifest, Store, fetch_all
from ingest.chunking import chunk_document, embedding_text
from ingest.commitments import as_dicts, extract_commitments
from ingest.loaders import SUPPORTED_SUFFIXES, LoadError, is_translation, load_file

IGNORED_NAMES = {".gitkeep", ".DS_Store"}
# Bump when loading or chunking changes what a file yields: every file is then re-read (embeddings of
# unchanged chunks are still reused).
PIPELINE_VERSION = 2


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # {"path", "reason"}
    warnings: list[str] = field(default_factory=list)
    chunks_total: int = 0
    chunks_embedded: int = 0
    chunks_reused: int = 0
    seconds: float = 0.0
    store: str = ""
    collection: str = ""
    published: bool = False

    def to_dict(self) -> dict:
        return asdict(self)

    def summary_lines(self) -> list[str]:
        lines = [
            f"Fichiers : {len(self.added)} ajoutés, {len(self.updated)} mis à jour, {len(self.unchanged)} inchangés, "
            f"{len(self.removed)} retirés, {len(self.skipped)} ignorés",
            f"Segments : {self.chunks_total} au total, {self.chunks_embedded} vectorisés, {self.chunks_reused} réutilisés",
            f"Durée : {self.seconds:.2f} s — magasin : {self.store} ({self.collection or 'vide'})",
        ]
        lines += [f"  ignoré : {s['path']} — {s['reason']}" for s in self.skipped]
        lines += [f"  avertissement : {w}" for w in self.warnings]
        return lines


def file_key(path: Path, root: Path) -> str:
    """How a file is named in the manifest and in citations: relative to the project root when inside it."""
    path = path.resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def discover(paths: list[Path], root: Path) -> tuple[dict[str, Path], list[str], list[dict]]:
    """Files under ``paths``; returns (key -> path, scanned prefixes, skipped entries)."""
    files: dict[str, Path] = {}
    prefixes: list[str] = []
    skipped: list[dict] = []
    for path in paths:
        if not path.exists():
            skipped.append({"path": str(path), "reason": "no such file or folder — check the path"})
            continue
        prefixes.append(file_key(path, root))
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for candidate in candidates:
            if candidate.name in IGNORED_NAMES or any(part.startswith(".") for part in candidate.parts[-1:]):
                continue
            key = file_key(candidate, root)
            if candidate.suffix.lower() not in SUPPORTED_SUFFIXES:
                skipped.append({"path": key, "reason": f"unsupported file type '{candidate.suffix or '(none)'}' — "
                                                       f"supported: {', '.join(SUPPORTED_SUFFIXES)}"})
                continue
            if is_translation(candidate):
                continue  # an aligned translation travels with its original (see ingest.translations)
            files[key] = candidate
    return files, prefixes, skipped


def _under(key: str, prefixes: list[str]) -> bool:
    return any(key == p or key.startswith(p.rstrip("/") + "/") for p in prefixes)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _progress(total: int, desc: str, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="seg", disable=not enabled, file=sys.stderr, leave=False)


def ingest_paths(settings: Settings, paths: list[Path] | None = None, rebuild: bool = False,
                 progress: bool = True) -> IngestReport:
    """Bring the store in line with the files under ``paths`` (default: the settings' corpus paths)."""
    started = time.perf_counter()
    root = settings.root
    paths = paths or [settings.resolve(p) for p in settings.corpus_paths]
    store = Store(settings)
    report = IngestReport(store=store.location)
    embedder = get_embedder(settings)

    files, prefixes, report.skipped = discover(paths, root)
    old = store.read_manifest()
    store.drop_generations(keep=old.active)  # leftovers of a killed ingest
    # --rebuild re-embeds everything, but still beside the live generation: the old index stays queryable
    # until the new one is published.
    same_model = old.embed_model == embedder.model_name and bool(old.active) and not rebuild
    hashes = {key: _sha256(path) for key, path in files.items()}

    same_pipeline = old.pipeline_version == PIPELINE_VERSION
    changed = {k for k in files if not same_model or not same_pipeline or k not in old.files
               or old.files[k].sha256 != hashes[k]}
    removed = {k for k in old.files if k not in files and _under(k, prefixes)}
    if same_model and not changed and not removed:
        report.unchanged = sorted(files)
        report.chunks_total = sum(entry.chunks for entry in old.files.values())
        report.collection = old.active
        report.seconds = time.perf_counter() - started
        return report

    # Load and chunk what changed; a file that fails keeps its previous version (if any).
    new_nodes: dict[str, list[TextNode]] = {}
    entries: dict[str, FileEntry] = {}
    for key in sorted(changed):
        try:
            doc = load_file(files[key], source_path=key)
        except LoadError as exc:
            report.skipped.append({"path": key, "reason": f"{exc.problem} — fix: {exc.fix}"})
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            report.skipped.append({"path": key, "reason": f"unexpected error {type(exc).__name__}: {exc} — "
                                                          "fix: check the file; report this if it looks valid"})
            continue
        report.warnings.extend(doc.warnings)
        nodes = chunk_document(doc, settings.chunk_max_chars, settings.chunk_overlap_chars)
        new_nodes[key] = nodes
        entries[key] = FileEntry(sha256=hashes[key], doc_id=doc.doc_id, title=doc.title, kind=doc.kind,
                                 chunks=len(nodes), commitments=as_dicts(extract_commitments(doc)))
        (report.updated if key in old.files else report.added).append(key)

    # Files not reloaded keep their entry: unchanged ones, outside the scanned paths, or failing to load now.
    kept = {k: e for k, e in old.files.items() if same_model and k not in new_nodes and k not in removed}
    report.unchanged = sorted(k for k in kept if k in files)
    report.removed = sorted(removed)
    if not new_nodes and not removed:
        report.chunks_total = sum(e.chunks for e in old.files.values())
        report.collection = old.active
        report.seconds = time.perf_counter() - started
        return report

    generation = store.new_generation()
    try:
        old_collection = store.collection(old.active) if same_model else None
        if old_collection is not None:
            report.chunks_reused += _copy_files(old_collection, generation, list(kept))
        all_new = [n for nodes in new_nodes.values() for n in nodes]
        reusable = _existing_embeddings(old_collection, [n.node_id for n in all_new]) if old_collection else {}
        to_embed = [n for n in all_new if n.node_id not in reusable]
        for node in all_new:
            if node.node_id in reusable:
                node.embedding = reusable[node.node_id]
        report.chunks_reused += len(all_new) - len(to_embed)
        print(f"repere ingest: {len(to_embed)} segment(s) à vectoriser / to embed, {report.chunks_reused} réutilisé(s)",
              file=sys.stderr, flush=True)
        computed_before = embedder.passages_embedded
        bar = _progress(len(to_embed), "vectorisation", progress)
        batch = settings.embed_batch_size
        for start in range(0, len(to_embed), batch):
            part = to_embed[start:start + batch]
            vectors = embedder.embed_passages([embedding_text(n) for n in part])
            for node, vector in zip(part, vectors):
                node.embedding = vector.tolist()
            bar.update(len(part))
        bar.close()
        report.chunks_embedded = embedder.passages_embedded - computed_before  # counted by the embedder itself
        vector_store = ChromaVectorStore(chroma_collection=generation)
        for start in range(0, len(all_new), 1000):
            vector_store.add(all_new[start:start + 1000])
        manifest = Manifest(active=generation.name, embed_model=embedder.model_name,
                            pipeline_version=PIPELINE_VERSION, files={**kept, **entries})
        report.chunks_total = generation.count()
        expected = sum(e.chunks for e in manifest.files.values())
        if report.chunks_total != expected:
            raise RuntimeError(f"generation holds {report.chunks_total} chunks, manifest expects {expected}")
        store.publish(manifest)
    except BaseException:
        # Any failure (or Ctrl-C) leaves the previous generation active; drop the partial one.
        try:
            store.client.delete_collection(generation.name)
        except Exception:  # noqa: BLE001
            pass
        raise
    report.collection = generation.name
    report.published = True
    report.seconds = time.perf_counter() - started
    return report


def _copy_files(source, target, keys: list[str]) -> int:
    copied = 0
    for key in keys:
        got = fetch_all(source, include=("documents", "metadatas", "embeddings"), where={"source_path": key})
        for start in range(0, len(got["ids"]), 2000):
            sl = slice(start, start + 2000)
            target.add(ids=got["ids"][sl], documents=got["documents"][sl], metadatas=got["metadatas"][sl],
                       embeddings=got["embeddings"][sl])
        copied += len(got["ids"])
    return copied


def _existing_embeddings(collection, ids: list[str]) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    for start in range(0, len(ids), 2000):
        got = collection.get(ids=ids[start:start + 2000], include=["embeddings"])
        for node_id, vector in zip(got["ids"], got["embeddings"]):
            found[node_id] = list(vector)
    return found
