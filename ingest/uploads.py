"""Administration: uploaded documents (stored under the data folder with names Repère chooses), their ingest,
listing and removal. The UI's admin view calls only these functions.

Uploads are ingested by one background ``IngestWorker`` per server, so the upload request returns at once and
questions keep their speed: the worker's thread (and the OpenMP threads it starts) runs at the lowest CPU
priority, questions embed with their own model instance (``assistant.core.embeddings``) so they never wait for
an ingest's batch, and only one ingest runs at a time. It stays in the server process: the embedded Chroma store
is not safe to share between processes.

Usage: ``path = store_upload(settings, "rapport.pdf", data)``; ``worker = IngestWorker(settings);
worker.submit(); worker.status()``
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.config import Settings
from assistant.core.embeddings import get_embedder
from assistant.core.store import Store
from assistant.core.textnorm import slugify

ALLOWED_SUFFIXES = (".pdf", ".md", ".txt", ".csv")


class UploadError(ValueError):
    pass


@dataclass
class DocumentRow:
    path: str
    title: str
    kind: str
    chunks: int
    uploaded: bool


def uploads_dir(settings: Settings) -> Path:
    path = settings.resolve(settings.data_dir) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_upload(settings: Settings, original_name: str, data: bytes) -> Path:
    """Check type and size, then save as ``<sha12>-<slug><suffix>``: the user's name never becomes a path."""
    suffix = Path(original_name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadError(f"{original_name}: type '{suffix or '(aucun)'}' refusé — types acceptés : "
                          f"{', '.join(ALLOWED_SUFFIXES)}")
    limit = settings.max_upload_mb * 1024 * 1024
    if len(data) > limit:
        raise UploadError(f"{original_name}: {len(data) / 1e6:.1f} Mo dépasse la limite de {settings.max_upload_mb} Mo")
    if not data:
        raise UploadError(f"{original_name}: fichier vide")
    digest = hashlib.sha256(data).hexdigest()[:12]
    stem = slugify(Path(original_name).stem)[:60] or "document"
    target = uploads_dir(settings) / f"{digest}-{stem}{suffix}"
    target.write_bytes(data)
    return target


def ingest_uploads(settings: Settings, progress: bool = False, wait_s: float = 0.0, say=None):
    """Ingest the uploads folder (incremental; removed uploads lose their chunks). ``wait_s`` and ``say``: see
    ``ingest_paths`` (waiting for another writer, progress lines)."""
    from ingest.pipeline import ingest_paths  # ingest is the store's only writer

    return ingest_paths(settings, [uploads_dir(settings)], progress=progress, wait_s=wait_s, say=say)


UPLOADS_PREFIX = "uploads/"


def list_documents(settings: Settings) -> list[DocumentRow]:
    """The ingested files, named without any server path: ``uploads/<name>`` or the path under the project."""
    manifest = Store(settings).read_manifest()
    uploads = uploads_dir(settings).resolve()
    rows = []
    for key, entry in sorted(manifest.files.items()):
        path = settings.resolve(key).resolve()
        uploaded = uploads in path.parents
        shown = UPLOADS_PREFIX + path.name if uploaded else (key if not Path(key).is_absolute() else path.name)
        rows.append(DocumentRow(path=shown, title=entry.title, kind=entry.kind, chunks=entry.chunks,
                                uploaded=uploaded))
    return rows


def remove_upload(settings: Settings, name: str) -> Path:
    """Delete an uploaded document (``uploads/<name>``); its chunks go at the next ingest of the uploads folder.
    Corpus files cannot be removed here."""
    uploads = uploads_dir(settings).resolve()
    file_name = name.removeprefix(UPLOADS_PREFIX)
    path = (uploads / file_name).resolve()
    if path.parent != uploads or not re.match(r"^[0-9a-f]{12}-", path.name):
        raise UploadError(f"{name}: seuls les documents téléversés peuvent être retirés ici")
    if path.exists():
        path.unlink()
    return path


log = logging.getLogger("repere.uploads")

LOWEST_PRIORITY = 19  # nice value of the worker thread (Linux: per thread; OpenMP threads it starts inherit it)
WAIT_FOR_WRITER_S = 600.0  # a `repere ingest` may hold the store: the worker waits for it rather than fail


@dataclass
class IngestStatus:
    """What the admin view shows: ``state`` is idle, queued, running, done or failed."""

    state: str = "idle"
    queued: bool = False  # another run is wanted after the current one (files arrived meanwhile)
    started: float = 0.0
    finished: float = 0.0
    embedded: int = 0  # passages embedded so far by the current (or last) run
    note: str = ""  # the ingest's latest progress line ("records: 512/1775 (11/s, ETA 2.0 min)")
    lines: list[str] = field(default_factory=list)  # the last run's report (a failure's cause is in the log)

    @property
    def busy(self) -> bool:
        return self.state in ("queued", "running")

    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started if self.started else 0.0


class IngestWorker:
    """Ingests the uploads folder in one background thread, one run at a time.

    Requests that arrive while a run is queued join it (it ingests whatever the folder holds when it starts);
    a request during a run queues exactly one more run. The thread exists only while there is work."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()
        self._status = IngestStatus()
        self._thread: threading.Thread | None = None
        self._embedded_before = 0

    def submit(self) -> None:
        with self._lock:
            if self._status.state == "running":
                self._status.queued = True
            elif self._status.state != "queued":
                self._status = IngestStatus(state="queued", lines=self._status.lines)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="repere-ingest", daemon=True)
                self._thread.start()

    def status(self) -> IngestStatus:
        with self._lock:
            status = IngestStatus(**{**vars(self._status), "lines": list(self._status.lines)})
        if status.state == "running":
            status.embedded = get_embedder(self.settings).passages_embedded - self._embedded_before
        return status

    def _note(self, message: str) -> None:
        log.info("upload ingest: %s", message)
        with self._lock:
            self._status.note = message

    def _run(self) -> None:
        _lower_priority()
        embedder = get_embedder(self.settings)
        while True:
            with self._lock:
                if self._status.state != "queued" and not self._status.queued:
                    self._thread = None
                    return
                self._status = IngestStatus(state="running", started=time.monotonic(), lines=self._status.lines)
                self._embedded_before = embedder.passages_embedded
            try:
                report = ingest_uploads(self.settings, wait_s=WAIT_FOR_WRITER_S, say=self._note)
                outcome = {"state": "done", "lines": report.summary_lines()}
            except Exception as exc:  # noqa: BLE001 - the thread must survive; the live index is untouched
                log.exception("upload ingest failed")
                outcome = {"state": "failed", "lines": []}
            with self._lock:
                queued = self._status.queued
                self._status = IngestStatus(started=self._status.started, finished=time.monotonic(),
                                            embedded=embedder.passages_embedded - self._embedded_before,
                                            **outcome)
                if queued:
                    self._status.state, self._status.finished = "queued", 0.0


def _lower_priority() -> None:
    """Give the calling thread the lowest CPU priority, so questions always get the CPU first."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWEST_PRIORITY)
    except (AttributeError, OSError):  # not Linux, or not permitted: the small batches still apply
        log.info("could not lower the ingest thread's priority")
