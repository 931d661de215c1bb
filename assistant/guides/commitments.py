"""The commitments register: every commitment (engagement) of the City in the policy, with its id.

The register is extracted from the corpus at ingest time (``ingest.commitments``) and published in the store's
manifest with the generation it belongs to; this module only reads and filters it.

Usage: ``CommitmentRegister(settings).list(principle=2, text="autonomie")``
"""

from __future__ import annotations

import re
from assistant.core.config import Settings
from assistant.core.records import CommitmentRow
from assistant.core.lexical import analyse
from assistant.core.store import Store
from assistant.core.textnorm import fold


class CommitmentRegister:
    def __init__(self, settings: Settings, store: Store | None = None):
        self.store = store or Store(settings)

    def all(self) -> list[CommitmentRow]:
        manifest = self.store.read_manifest()
        rows = [CommitmentRow(**c) for entry in manifest.files.values() for c in entry.commitments]
        return sorted(rows, key=lambda r: (r.principle, _order(r.id)))

    def list(self, principle: int | None = None, text: str = "") -> list[CommitmentRow]:
        return filter_commitments(self.all(), principle, text)


def filter_commitments(rows: list[CommitmentRow], principle: int | None = None, text: str = "") -> list[CommitmentRow]:
    rows = [r for r in rows if principle is None or r.principle == principle]
    if text.strip():
        wanted = set(analyse(text))
        needle = fold(text.strip())
        rows = [r for r in rows if needle in fold(r.text) or (wanted and wanted & set(analyse(r.text)))]
    return rows



def annotate(answer_text: str, rows: list[CommitmentRow]) -> str:
    """Append the commitment id to each answer line that quotes a commitment: "… (P2-E1) [1]"."""
    out = []
    for line in answer_text.splitlines():
        marker = re.search(r"\s*\[\d+\]\s*$", line)
        body = fold((line[:marker.start()] if marker else line).strip(" -•■;"))
        body = body.split(" : ", 1)[-1] if len(body.split(" : ", 1)[-1]) > 15 else body  # « Engagements : … »
        match = next((r for r in rows if len(body) > 15 and (fold(r.text) in body or body.rstrip(" ;.") in fold(r.text))),
                     None)
        if match and f"({match.id})" not in line:
            line = (f"{line[:marker.start()]} ({match.id}){line[marker.start():]}" if marker
                    else f"{line} ({match.id})")
        out.append(line)
    return "\n".join(out)


def _order(cid: str) -> tuple:
    match = re.match(r"P\d+-E(\d+)([a-z]?)", cid)
    return (int(match.group(1)), match.group(2)) if match else (0, cid)
