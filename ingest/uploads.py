"""Administration: uploaded documents (stored under the data folder with names Repère chooses), their ingest,
listing and removal. The UI's admin view calls only these functions.

Usage: ``path = store_upload(settings, "rapport.pdf", data)``; ``report = ingest_uploads(settings)``
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.core.config import Settings
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


def ingest_uploads(settings: Settings, progress: bool = False):
    """Ingest the uploads folder (incremental; removed uploads lose their chunks)."""
    from ingest.pipeline import ingest_paths  # ingest is the store's only writer

    return ingest_paths(settings, [uploads_dir(settings)], progress=progress)


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


def remove_upload(settings: Settings, name: str):
    """Delete an uploaded document (``uploads/<name>``) and re-ingest the uploads folder; corpus files cannot
    be removed here."""
    uploads = uploads_dir(settings).resolve()
    file_name = name.removeprefix(UPLOADS_PREFIX)
    path = (uploads / file_name).resolve()
    if path.parent != uploads or not re.match(r"^[0-9a-f]{12}-", path.name):
        raise UploadError(f"{name}: seuls les documents téléversés peuvent être retirés ici")
    if path.exists():
        path.unlink()
    return ingest_uploads(settings)
