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
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import chromadb  # noqa: F401 - every ingest opens the store: the library is loaded with the module, not timed as work

from assistant.core.config import Settings
from assistant.core.embeddings import get_embedder
from assistant.core.lexindex import LexicalIndex, LexicalIndexBuilder
from assistant.core.store import FileEntry, Manifest, Store
from assistant.core.textnorm import slugify
from ingest.commitments import as_dicts, extract_commitments
from ingest.loaders import SUPPORTED_SUFFIXES, LoadError, is_translation, load_file, translation_of
from ingest.records import count_records, iter_records
from ingest.translations import align
from ingest.writer import GenerationWriter, Progress

IGNORED_NAMES = {".gitkeep", ".DS_Store"}
# Bump when loading or chunking changes what a file yields: every file is then re-read (embeddings of
# unchanged chunks are still reused).
PIPELINE_VERSION = 9  # 8: an author line under a quotation joins it; 9: the words a unit abbreviates, in full


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
    resumed: int = 0  # records found already written by an interrupted ingest
    embed_seconds: float = 0.0  # of ``seconds``, the time spent computing embeddings

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

    def _printable(name: str) -> str:  # bytes that are not UTF-8 (kept by Python as surrogates) shown as \xe9
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")

    for path in paths:
        if not path.exists():
            skipped.append({"path": _printable(str(path)), "reason": "no such file or folder — check the path"})
            continue
        prefixes.append(file_key(path, root))
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for candidate in candidates:
            if candidate.name in IGNORED_NAMES or any(part.startswith(".") for part in candidate.parts[-1:]):
                continue
            key = file_key(candidate, root)
            if _printable(key) != key:  # the name holds bytes that are not UTF-8: it could not be stored or shown
                skipped.append({"path": _printable(key), "reason": "the file name is not valid UTF-8 — fix: rename "
                                "the file (e.g. `convmv -f latin1 -t utf-8 --notest FILE`)"})
                continue
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


def find_translations(paths: list[Path]) -> dict[str, Path]:
    """doc_id -> aligned translation file, for the translations found under ``paths``."""
    found: dict[str, Path] = {}
    for path in paths:
        candidates = path.rglob("*.md") if path.is_dir() else [path]
        for candidate in candidates:
            if candidate.is_file() and is_translation(candidate):
                found[translation_of(candidate)] = candidate
    return found


def _plan(files: dict[str, str], model: str) -> str:
    """What a generation is built from: a killed ingest resumes only into a generation of the same plan."""
    text = "\n".join(f"{k}\t{v}" for k, v in sorted(files.items()))
    return hashlib.sha256(f"{PIPELINE_VERSION}\n{model}\n{text}".encode()).hexdigest()


def ingest_paths(settings: Settings, paths: list[Path] | None = None, rebuild: bool = False,
                 progress: bool = True, wait_s: float = 0.0, say=None) -> IngestReport:
    """Bring the store in line with the files under ``paths`` (default: the settings' corpus paths).

    One writer at a time: waits up to ``wait_s`` seconds for another ingest (``say`` tells the user), else
    raises ``WriterBusy``."""
    say = say or (lambda message: print(f"repere ingest: {message}", file=sys.stderr, flush=True))
    store = Store(settings)
    with store.writer(wait_s, say) as heartbeat:
        report = _ingest(settings, store, paths, rebuild, progress, say, heartbeat)
        store.collect_garbage()
    return report


def _ingest(settings, store, paths, rebuild, progress, say, heartbeat) -> IngestReport:
    started = time.perf_counter()
    root = settings.root
    paths = paths or [settings.resolve(p) for p in settings.corpus_paths]
    report = IngestReport(store=store.location)
    embedder = get_embedder(settings)

    files, prefixes, report.skipped = discover(paths, root)
    translations = find_translations(paths)
    old = store.read_manifest()
    same_model = old.embed_model == embedder.model_name and bool(old.active) and not rebuild
    hashes = {}
    for key, path in files.items():
        digest = _sha256(path)
        companion = translations.get(_doc_id_hint(path))
        hashes[key] = digest if companion is None else hashlib.sha256(
            f"{digest}+{_sha256(companion)}".encode()).hexdigest()
    same_pipeline = old.pipeline_version == PIPELINE_VERSION
    changed = {k for k in files if not same_model or not same_pipeline or k not in old.files
               or old.files[k].sha256 != hashes[k]}
    removed = {k for k in old.files if k not in files and _under(k, prefixes)}
    lexical_ready = bool(old.active) and LexicalIndex.is_current(store.lexical_folder(old.active)) and \
        LexicalIndex.open(store.lexical_folder(old.active)).checksum == old.lexical_checksum
    leftover = store.building()
    if leftover and same_model and not changed and not removed:
        # A killed ingest of other files: nothing will resume into its generation.
        store.abandon_generation(leftover["name"])
    if same_model and not changed and not removed and old.active and not lexical_ready:
        # Same records, other text analysis (an upgrade): only the lexical index is rebuilt, in place.
        say("rebuilding the lexical index (the text analysis changed)")
        old.lexical_checksum = LexicalIndexBuilder.from_collection(store.collection(old.active),
                                                                   store.lexical_folder(old.active))
        store.publish(old)
        lexical_ready = True
    if same_model and not changed and not removed and lexical_ready:
        report.unchanged = sorted(files)
        report.chunks_total = old.records or sum(e.chunks for e in old.files.values())
        report.collection = old.active
        report.seconds = time.perf_counter() - started
        return report

    # Load what changed; a file that fails keeps its previous version (if any). Documents are not kept: each is
    # loaded again when written (a 100k directory held in memory meanwhile would cost 230 MB; loading is fast).
    def load(key: str):
        doc = load_file(files[key], source_path=key)
        english, english_title, problems = {}, "", []
        companion = translations.get(doc.doc_id)
        if companion is not None:
            translated = load_file(companion, source_path=file_key(companion, root))
            alignment = align(doc, translated)
            english, english_title = alignment.english, translated.title
            problems = [f"{file_key(companion, root)}: {p}" for p in alignment.problems]
        return doc, english, english_title, problems

    loaded: list[str] = []
    entries: dict[str, FileEntry] = {}
    for key in sorted(changed):
        try:
            doc, _, _, problems = load(key)
            report.warnings += problems
        except LoadError as exc:
            report.skipped.append({"path": key, "reason": f"{exc.problem} — fix: {exc.fix}"})
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            report.skipped.append({"path": key, "reason": f"unexpected error {type(exc).__name__}: {exc} — "
                                                          "fix: check the file; report this if it looks valid"})
            continue
        report.warnings.extend(doc.warnings)
        loaded.append(key)
        entries[key] = FileEntry(sha256=hashes[key], doc_id=doc.doc_id, title=doc.title, kind=doc.kind,
                                 chunks=count_records(doc), commitments=as_dicts(extract_commitments(doc)),
                                 warnings=list(doc.warnings))
        (report.updated if key in old.files else report.added).append(key)

    # Files not reloaded keep their entry: unchanged ones, outside the scanned paths, or failing to load now.
    kept = {k: e for k, e in old.files.items() if same_model and k not in loaded and k not in removed}
    report.unchanged = sorted(k for k in kept if k in files)
    report.removed = sorted(removed)
    if not loaded and not removed and lexical_ready:
        report.chunks_total = old.records
        report.collection = old.active
        report.seconds = time.perf_counter() - started
        return report

    all_entries = {**kept, **entries}
    plan = _plan({k: e.sha256 for k, e in all_entries.items()}, embedder.model_name)
    generation, resumed = store.start_generation(plan)
    if resumed:
        say(f"resuming the interrupted ingest into {generation.name}")
    old_collection = store.collection(old.active) if same_model else None
    lexical = LexicalIndexBuilder()
    writer = GenerationWriter(generation, embedder, old_collection, settings.embed_batch_size, heartbeat, lexical)
    total = sum(e.chunks for e in all_entries.values())
    bar = Progress(total, "records", progress, say)
    try:
        if old_collection is not None:
            writer.copy(old_collection, list(kept), bar)
        for key in loaded:
            doc, english, english_title, _ = load(key)
            writer.write(iter_records(doc, settings.chunk_max_chars, settings.chunk_overlap_chars, english,
                                      english_title), bar)
        bar.close()
        report.chunks_total = generation.count()
        if report.chunks_total != total:
            raise RuntimeError(f"generation holds {report.chunks_total} records, the files give {total}")
        say("building the lexical index")
        checksum = lexical.write(store.lexical_folder(generation.name))
        store.seal(generation)
    except BaseException:
        # Ctrl-C or a kill leaves the half-built generation for the next run to resume; a failed check drops it.
        if not isinstance(sys.exc_info()[1], (KeyboardInterrupt, SystemExit)):
            store.abandon_generation(generation.name)
        raise
    manifest = Manifest(active=generation.name, embed_model=embedder.model_name, pipeline_version=PIPELINE_VERSION,
                        files=all_entries, lexical_checksum=checksum, records=report.chunks_total,
                        retired=dict(old.retired))
    store.publish(manifest, previous=old.active)
    store.finish_generation()
    report.chunks_embedded = writer.embedded  # counted by the embedder's caller, batch by batch
    report.chunks_reused = report.chunks_total - writer.embedded  # copied, reused by id, or resumed
    report.resumed = writer.resumed
    report.embed_seconds = writer.embed_seconds
    report.collection = generation.name
    report.published = True
    report.seconds = time.perf_counter() - started
    return report


def _doc_id_hint(path: Path) -> str:
    """The doc_id a file will load as (front matter for Markdown, else the file name), to find its translation."""
    if path.suffix.lower() in (".md", ".markdown"):
        head = path.read_bytes()[:4096].decode("utf-8", "replace")
        match = re.search(r"^doc_id:\s*(\S+)", head, re.M)
        if match:
            return match.group(1)
    return slugify(path.stem)
