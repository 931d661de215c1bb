"""Records that ingestion writes and the assistant reads back.

Usage: ``CommitmentRow(**entry)`` for each commitment of the manifest.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CommitmentRow:
    id: str
    principle: int
    principle_title: str
    text: str
    parent: str
    doc_id: str
    section: str
    slide: int
    source_path: str
